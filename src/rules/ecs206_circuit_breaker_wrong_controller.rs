//! ECS206 circuit-breaker-wrong-controller: an enabled deployment circuit breaker with the
//! CODE_DEPLOY or EXTERNAL deployment controller.

use crate::diagnostic::Loc;
use crate::document::service::Service;
use crate::rules::Ctx;
use crate::tree::Node;

rule!(
    "ECS206",
    "circuit-breaker-wrong-controller",
    Error,
    Service(check)
);

fn check(svc: &Service, ctx: &mut Ctx) {
    let Some(controller @ ("CODE_DEPLOY" | "EXTERNAL")) = svc.controller_type() else {
        return;
    };
    let enabled = svc
        .deployment("deploymentCircuitBreaker")
        .and_then(|b| b.get("enable"))
        .and_then(Node::bool);
    if enabled != Some(true) {
        return;
    }
    let fix = match controller {
        "CODE_DEPLOY" => {
            "CodeDeploy rolls back through its own deployment group settings (auto-rollback on failure or alarms)"
        }
        _ => "with the EXTERNAL controller your deployment tool decides when to roll back",
    };
    ctx.report(
        Loc::member(svc.deployment_ptr("deploymentCircuitBreaker") + "/enable"),
        format!(
            "{} enables the deployment circuit breaker, which only works with the `ECS` deployment controller, not {controller}",
            svc.label()
        ),
    )
    .help(format!("remove `deploymentCircuitBreaker` (or set `enable` and `rollback` to false); {fix}"))
    .related(Loc::member(svc.ptr("deploymentController") + "/type"), "the deployment controller");
}
