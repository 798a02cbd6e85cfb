//! ECS303 invalid-storage-class-action: the storage class, count type and action of a rule are
//! a combination ECR does not accept (archive rules, transitions, `sinceImagePulled`).

use crate::document::ecr::{Policy, PolicyRule};
use crate::rules::Ctx;

rule!(
    "ECS303",
    "invalid-storage-class-action",
    Error,
    LifecyclePolicy(check)
);

/// Archived images must stay in the archive this many days before they can be deleted.
const ARCHIVE_MINIMUM_DAYS: f64 = 90.0;

fn check(p: &Policy, ctx: &mut Ctx) {
    for rule in &p.rules {
        check_rule(rule, ctx);
    }
}

fn check_rule(rule: &PolicyRule, ctx: &mut Ctx) {
    let label = rule.label();
    let class = rule.storage_class_known();
    let action = rule.action;
    let count_type = rule.count_type;
    let class_at = rule.selection_field("storageClass");
    let class_written = class_at.is_some();
    // A known action is a written `action.type`, a known count type a written `countType`.
    let action_at = rule.action_field("type");
    let count_type_at = rule.selection_field("countType");

    if action == Some("transition")
        && let Some(action_at) = action_at
        && rule
            .field("action")
            .is_some_and(|a| a.member_named("targetStorageClass").is_none())
    {
        ctx.report(
            action_at.loc(),
            format!("{label} has action `transition` but no `targetStorageClass`; a transition must name where the images go"),
        )
        .help("add `\"targetStorageClass\": \"archive\"` to the action (archive is the only target)");
    }

    match (count_type, count_type_at, action_at) {
        (Some("sinceImagePulled"), Some(count_type_at), Some(action_at))
            if action == Some("expire") =>
        {
            ctx.report(
                action_at.loc(),
                format!("{label} counts `sinceImagePulled` but expires images; ECR accepts `sinceImagePulled` only with the `transition` action"),
            )
            .help("to archive images nobody pulls, use `\"action\": {\"type\": \"transition\", \"targetStorageClass\": \"archive\"}`; to delete images by age, count `sinceImagePushed` instead")
            .related(count_type_at.loc(), "the count type");
        }
        (Some("sinceImageTransitioned"), Some(count_type_at), _) => {
            let mut wrong = Vec::new();
            if class.is_some_and(|c| c != "archive") {
                wrong.push(if class_written {
                    format!(
                        "`storageClass` is `{}`",
                        crate::diagnostic::shorten(class.unwrap_or_default())
                    )
                } else {
                    "`storageClass` is not set (standard)".to_string()
                });
            }
            if action.is_some_and(|a| a != "expire") {
                wrong.push(format!(
                    "the action is `{}`",
                    crate::diagnostic::shorten(action.unwrap_or_default())
                ));
            }
            if !wrong.is_empty() {
                ctx.report(
                    count_type_at.loc(),
                    format!(
                        "{label} counts `sinceImageTransitioned`, which applies only to archived images being expired, but {}",
                        wrong.join(" and ")
                    ),
                )
                .help("a rule that deletes archived images selects `\"storageClass\": \"archive\"` and has `\"action\": {\"type\": \"expire\"}`; to move images into the archive, count `sinceImagePushed`, `sinceImagePulled` or `imageCountMoreThan` on standard storage with a `transition` action");
            }
            if let Some(days) = rule.count_number
                && days < ARCHIVE_MINIMUM_DAYS
                && action != Some("transition")
                && let Some(days_at) = rule.selection_field("countNumber")
            {
                ctx.report(
                    days_at.loc(),
                    format!("{label} deletes archived images {days} days after they were archived; archived images have a 90-day minimum storage duration, and ECR does not accept a policy that deletes them sooner"),
                )
                .help("set `countNumber` to 90 or more");
            }
        }
        _ => {}
    }

    // `archive` is never the default: it is written.
    if class == Some("archive")
        && let Some(ct) = count_type
        && ct != "sinceImageTransitioned"
        && let (Some(class_at), Some(count_type_at)) = (class_at, count_type_at)
    {
        ctx.report(
            class_at.member_loc(),
            format!("{label} selects archived images (`storageClass` `archive`) but counts `{ct}`; rules on the archive must count `sinceImageTransitioned`"),
        )
        .help("to move images into the archive, remove `storageClass` (standard is the default) and use `\"action\": {\"type\": \"transition\", \"targetStorageClass\": \"archive\"}`; to delete archived images, count `sinceImageTransitioned` in days (at least 90) with the `expire` action")
        .related(count_type_at.loc(), "the count type");
    }
}
