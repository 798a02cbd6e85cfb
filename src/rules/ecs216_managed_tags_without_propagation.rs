//! ECS216 managed-tags-without-propagation: `enableECSManagedTags` without `propagateTags`.

use crate::diagnostic::Loc;
use crate::document::service::Service;
use crate::rules::Ctx;
use crate::tree::Node;

rule!(
    "ECS216",
    "managed-tags-without-propagation",
    Warning,
    Service(check)
);

fn check(svc: &Service, ctx: &mut Ctx) {
    // update-service keeps the current `propagateTags` when it leaves it out.
    if svc.is_update() || svc.get("enableECSManagedTags").and_then(Node::bool) != Some(true) {
        return;
    }
    if svc.get("propagateTags").is_some() {
        return;
    }
    ctx.report(
        Loc::member(svc.ptr("enableECSManagedTags")),
        format!(
            "{} enables ECS managed tags without `propagateTags`; AWS asks for `propagateTags` with managed tags, and without it the tasks get none of your tags",
            svc.label()
        ),
    )
    .help("add `\"propagateTags\": \"SERVICE\"` (or `TASK_DEFINITION`) so tasks carry your cost-allocation tags next to the managed ones");
}
