//! ECS405 lifecycle-expires-deployed-image: the lifecycle policy of an image's repository
//! would expire (or archive) the tag a task definition deploys.

use crate::document::ecr::PolicyRule;
use crate::document::facts::ecr_image;
use crate::rules::cross::{CrossCtx, Links};

rule!(
    "ECS405",
    "lifecycle-expires-deployed-image",
    Warning,
    Cross(check)
);

/// An `imageCountMoreThan` rule keeping fewer images than this retires a deployed tag after
/// only a few pushes.
const LOW_COUNT: f64 = 5.0;

/// The rule that claims images with this tag: the first by priority that selects it.
fn claiming<'r, 'a>(rules: &'r [PolicyRule<'a>], tag: &str) -> Option<&'r PolicyRule<'a>> {
    let mut ordered: Vec<&PolicyRule> = rules
        .iter()
        .filter(|r| r.storage_class == "standard")
        .collect();
    ordered.sort_by_key(|r| r.priority);
    ordered
        .into_iter()
        .find(|r| r.selects_tag(tag) == Some(true))
}

fn check(links: &Links, ctx: &mut CrossCtx) {
    for policy in &links.policies {
        let Some(repo) = policy.doc.repository() else {
            continue;
        };
        if policy
            .doc
            .rules
            .iter()
            .any(|r| r.templated || r.priority.is_none())
        {
            continue;
        }
        // A policy names its registry (account) only sometimes; compare when it does.
        let registry = policy
            .doc
            .outer_at
            .and_then(|o| o.field("registryId"))
            .and_then(|r| r.str());
        for task in &links.tasks {
            for c in task.doc.containers() {
                let Some(image_at) = c.field("image") else {
                    continue;
                };
                let Some(image) = image_at.str() else {
                    continue;
                };
                let Some((image_repo, Some(tag))) = ecr_image(image) else {
                    continue;
                };
                if image_repo != repo || registry.is_some_and(|r| !image.starts_with(r)) {
                    continue;
                }
                let Some(rule) = claiming(&policy.doc.rules, tag) else {
                    continue;
                };
                let verb = match rule.action {
                    Some("expire") => "expire",
                    Some("transition") => "archive",
                    _ => continue,
                };
                let n = rule.count_number.unwrap_or(0.0);
                let when = match rule.count_type {
                    Some("sinceImagePushed") => {
                        format!("{n} days after it was pushed, even while tasks run it")
                    }
                    Some("sinceImagePulled") => format!(
                        "once it has not been pulled for {n} days (a service that stops scaling stops pulling)"
                    ),
                    Some("imageCountMoreThan") if n < LOW_COUNT => {
                        format!("as soon as {n} newer matching images are pushed")
                    }
                    _ => continue,
                };
                let family = task.doc.name();
                let message = format!(
                    "lifecycle rule {} of repository `{repo}` would {verb} tag `{tag}`, which task definition `{family}` deploys, {when}; new tasks then cannot pull it",
                    rule.priority.unwrap_or(0)
                );
                let help = "keep deployed tags out of the rule: a narrower tag prefix or pattern, or an earlier rule that selects release tags with a count high enough to keep every tag still deployed";
                let image_loc = image_at.loc();
                let rule_loc = rule.head();
                if links.is_context(policy.file) {
                    ctx.report(task.file, image_loc, message)
                        .help(help)
                        .related(
                            policy.file,
                            rule_loc,
                            "the lifecycle rule that claims this tag",
                        );
                } else {
                    ctx.report(policy.file, rule_loc, message)
                        .help(help)
                        .related(task.file, image_loc, "the deployed image");
                }
            }
        }
    }
}
