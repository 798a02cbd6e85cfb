//! ECS308 untagged-images-not-expired: no rule of the policy selects untagged images (no
//! `untagged` and no `any` rule on standard storage), so they are never cleaned up.

use crate::document::ecr::Policy;
use crate::rules::Ctx;

rule!(
    "ECS308",
    "untagged-images-not-expired",
    Info,
    LifecyclePolicy(check)
);

fn check(p: &Policy, ctx: &mut Ctx) {
    let mut standard = 0;
    for rule in &p.rules {
        let (Some(status), Some(class)) = (rule.tag_status, rule.storage_class_known()) else {
            // A rule we cannot read might be the one for untagged images.
            return;
        };
        if class != "standard" {
            continue;
        }
        standard += 1;
        if status != "tagged" {
            return;
        }
    }
    if standard == 0 {
        return;
    }
    // There are rules, so there is a `rules` list.
    let Some(rules) = p.at.field("rules") else {
        return;
    };
    let next = p.rules.iter().filter_map(|r| r.priority).max().unwrap_or(0) + 1;
    ctx.report(
        rules.key_loc(),
        "no rule of this lifecycle policy selects untagged images (`tagStatus` `untagged` or `any`), so they are never expired: every push that moves an existing tag to a new image leaves the old image untagged, and those pile up",
    )
    .help(format!(
        "add a rule for them, for example {{\"rulePriority\": {next}, \"selection\": {{\"tagStatus\": \"untagged\", \"countType\": \"sinceImagePushed\", \"countUnit\": \"days\", \"countNumber\": 14}}, \"action\": {{\"type\": \"expire\"}}}}"
    ));
}
