//! ECS206 circuit-breaker-wrong-controller: an enabled deployment circuit breaker with the
//! CODE_DEPLOY or EXTERNAL deployment controller.

use crate::document::service::Service;
use crate::rules::Ctx;

rule!(
    "ECS206",
    "circuit-breaker-wrong-controller",
    Error,
    Service(check)
);

fn check(svc: &Service, ctx: &mut Ctx) {
    // `controller_type()` names CODE_DEPLOY or EXTERNAL exactly when
    // `deploymentController.type` says so.
    let Some(ty) = svc.controller_field() else {
        return;
    };
    let Some(controller @ ("CODE_DEPLOY" | "EXTERNAL")) = ty.str() else {
        return;
    };
    let Some(enable) = svc
        .deployment_field("deploymentCircuitBreaker")
        .and_then(|b| b.field("enable"))
        .filter(|e| e.bool() == Some(true))
    else {
        return;
    };
    let fix = match controller {
        "CODE_DEPLOY" => {
            "CodeDeploy rolls back through its own deployment group settings (auto-rollback on failure or alarms)"
        }
        _ => "with the EXTERNAL controller your deployment tool decides when to roll back",
    };
    ctx.report(
        enable.member_loc(),
        format!(
            "{} enables the deployment circuit breaker, which only works with the `ECS` deployment controller, not {controller}",
            svc.label()
        ),
    )
    .help(format!("remove `deploymentCircuitBreaker` (or set `enable` and `rollback` to false); {fix}"))
    .related(ty.member_loc(), "the deployment controller");
}
