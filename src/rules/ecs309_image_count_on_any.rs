//! ECS309 image-count-on-any: an `imageCountMoreThan` rule on `tagStatus: any` also removes
//! tagged images that may still be deployed, once enough newer images (untagged ones
//! included) have been pushed.

use crate::document::ecr::Policy;
use crate::rules::Ctx;

rule!(
    "ECS309",
    "image-count-on-any",
    Warning,
    LifecyclePolicy(check)
);

fn check(p: &Policy, ctx: &mut Ctx) {
    for rule in &p.rules {
        let (Some("any"), Some("standard"), Some("imageCountMoreThan"), Some(action)) = (
            rule.tag_status,
            rule.storage_class_known(),
            rule.count_type,
            rule.action,
        ) else {
            continue;
        };
        let Some(n) = rule.selection_field("countNumber").and_then(|n| n.int()) else {
            continue;
        };
        // A known status and count type are written members.
        let (Some(status_at), Some(count_type_at)) = (
            rule.selection_field("tagStatus"),
            rule.selection_field("countType"),
        ) else {
            continue;
        };
        let fate = match action {
            "expire" => "deleted",
            "transition" => "archived (an archived image cannot be pulled until it is restored)",
            _ => continue,
        };
        let protected = p.rules.iter().any(|r| {
            r.index != rule.index
                && r.tag_status == Some("tagged")
                && r.storage_class_known() == Some("standard")
                && r.priority.zip(rule.priority).is_some_and(|(q, me)| q < me)
        });
        let which = if protected {
            "a tagged image that no earlier rule selects"
        } else {
            "a tagged image"
        };
        let (kept, newer) = if n == 1 {
            (
                "the newest image".to_string(),
                "a newer image has".to_string(),
            )
        } else {
            (
                format!("the newest {n} images"),
                format!("{n} newer images have"),
            )
        };
        ctx.report(
            status_at.loc(),
            format!(
                "{} keeps only {kept} of any kind: {which} is {fate} once {newer} been pushed, untagged images and throwaway builds included, even if a service still uses it or you need it to roll back",
                rule.label()
            ),
        )
        .help("count tagged images on their own: a rule with `\"tagStatus\": \"untagged\"` for untagged images and one with `\"tagStatus\": \"tagged\", \"tagPatternList\": [\"*\"]` for the rest, with rules for release tags you must keep applied before them")
        .related(count_type_at.loc(), "the count");
    }
}
