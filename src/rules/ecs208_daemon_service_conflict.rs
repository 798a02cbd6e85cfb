//! ECS208 daemon-service-conflict: a DAEMON service with a setting the daemon scheduler
//! does not support.

use crate::diagnostic::Severity;
use crate::document::service::{Capacity, Service};
use crate::rules::Ctx;

rule!(
    "ECS208",
    "daemon-service-conflict",
    Error | Warning,
    Service(check)
);

fn check(svc: &Service, ctx: &mut Ctx) {
    let Some(scheduling) = svc
        .field("schedulingStrategy")
        .filter(|s| s.str() == Some("DAEMON"))
    else {
        return;
    };
    let daemon = scheduling.member_loc();
    let label = svc.label();

    if let Some(max_at) = svc.deployment_field("maximumPercent")
        && let Some(max) = max_at.int()
        && max > 100
    {
        ctx.report(
            max_at.member_loc(),
            format!("{label} is a DAEMON service with `maximumPercent` {max}; the daemon scheduler allows at most 100"),
        )
        .help("set `maximumPercent` to 100 (the DAEMON default) or remove it; a daemon stops a task on an instance before it starts the replacement")
        .related(daemon.clone(), "the scheduling strategy");
    }

    let capacity = svc.capacity();
    if capacity == Capacity::Fargate {
        ctx.report(
            svc.fargate_at(),
            format!("{label} is a DAEMON service on Fargate; Fargate only runs REPLICA services"),
        )
        .help("use `\"schedulingStrategy\": \"REPLICA\"` with a desired count, or run the daemon on EC2 container instances")
        .related(daemon.clone(), "the scheduling strategy");
    } else if let Some(strategy) = svc.set_field("capacityProviderStrategy") {
        // Named providers are Auto Scaling groups (rejected) or Managed Instances (where
        // this may be allowed): an error only when the strategy is certainly not Fargate.
        ctx.report(
            strategy.key_loc(),
            format!("{label} is a DAEMON service with a capacity provider strategy; the daemon scheduler places one task per container instance and rejects a strategy for Auto Scaling group providers"),
        )
        .severity(Severity::Warning)
        .help("remove `capacityProviderStrategy` and set `\"launchType\": \"EC2\"` (a cluster default strategy is applied otherwise, which DAEMON services reject as well)")
        .related(daemon.clone(), "the scheduling strategy");
    }

    if let Some(placement) = svc.set_field("placementStrategy") {
        ctx.report(
            placement.key_loc(),
            format!("{label} is a DAEMON service with a placement strategy; the daemon scheduler does not take one"),
        )
        .help("remove `placementStrategy` (placement constraints are allowed to choose the instances)")
        .related(daemon.clone(), "the scheduling strategy");
    }

    if let Some(ty) = svc.controller_field()
        && let Some(controller @ ("CODE_DEPLOY" | "EXTERNAL")) = ty.str()
    {
        ctx.report(
            ty.member_loc(),
            format!("{label} is a DAEMON service with the {controller} deployment controller, which only supports REPLICA services"),
        )
        .help("use the `ECS` deployment controller (rolling updates) for a daemon, or make the service REPLICA")
        .related(daemon, "the scheduling strategy");
    }
}
