//! ECS216 managed-tags-without-propagation: `enableECSManagedTags` without `propagateTags`.

use crate::diagnostic::Change;
use crate::document::service::Service;
use crate::rules::Ctx;

rule!(
    "ECS216",
    "managed-tags-without-propagation",
    Warning,
    Service(check),
    fix = Unsafe
);

fn check(svc: &Service, ctx: &mut Ctx) {
    // update-service keeps the current `propagateTags` when it leaves it out.
    if svc.is_update() {
        return;
    }
    let Some(managed) = svc
        .field("enableECSManagedTags")
        .filter(|m| m.bool() == Some(true))
    else {
        return;
    };
    if svc.field("propagateTags").is_some() {
        return;
    }
    ctx.report(
        managed.member_loc(),
        format!(
            "{} enables ECS managed tags without `propagateTags`; AWS asks for `propagateTags` with managed tags, and without it the tasks get none of your tags",
            svc.label()
        ),
    )
    .help("add `\"propagateTags\": \"SERVICE\"` (or `TASK_DEFINITION`) so tasks carry your cost-allocation tags next to the managed ones")
    // Unsafe: which tags the tasks get is a choice (SERVICE or TASK_DEFINITION).
    .fix("propagate the service's tags to its tasks", vec![Change::insert(svc.node, "propagateTags", serde_json::json!("SERVICE"))]);
}
