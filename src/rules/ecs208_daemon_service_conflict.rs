//! ECS208 daemon-service-conflict: a DAEMON service with a setting the daemon scheduler
//! does not support.

use crate::diagnostic::{Loc, Severity};
use crate::document::service::{Capacity, Service};
use crate::rules::Ctx;
use crate::tree::Node;

rule!("ECS208", "daemon-service-conflict", Error, Service(check));

fn check(svc: &Service, ctx: &mut Ctx) {
    if svc.str("schedulingStrategy") != Some("DAEMON") {
        return;
    }
    let daemon = Loc::member(svc.ptr("schedulingStrategy"));
    let label = svc.label();

    if let Some(max) = svc.deployment_int("maximumPercent")
        && max > 100
    {
        ctx.report(
            Loc::member(svc.deployment_ptr("maximumPercent")),
            format!("{label} is a DAEMON service with `maximumPercent` {max}; the daemon scheduler allows at most 100"),
        )
        .help("set `maximumPercent` to 100 (the DAEMON default) or remove it; a daemon stops a task on an instance before it starts the replacement")
        .related(daemon.clone(), "the scheduling strategy");
    }

    let capacity = svc.capacity();
    if capacity == Capacity::Fargate {
        ctx.report(
            svc.fargate_loc(),
            format!("{label} is a DAEMON service on Fargate; Fargate only runs REPLICA services"),
        )
        .help("use `\"schedulingStrategy\": \"REPLICA\"` with a desired count, or run the daemon on EC2 container instances")
        .related(daemon.clone(), "the scheduling strategy");
    } else if svc.set("capacityProviderStrategy") {
        // Named providers are Auto Scaling groups (rejected) or Managed Instances (where
        // this may be allowed): an error only when the strategy is certainly not Fargate.
        ctx.report(
            Loc::key(svc.ptr("capacityProviderStrategy")),
            format!("{label} is a DAEMON service with a capacity provider strategy; the daemon scheduler places one task per container instance and rejects a strategy for Auto Scaling group providers"),
        )
        .severity(Severity::Warning)
        .help("remove `capacityProviderStrategy` and set `\"launchType\": \"EC2\"` (a cluster default strategy is applied otherwise, which DAEMON services reject as well)")
        .related(daemon.clone(), "the scheduling strategy");
    }

    if svc.set("placementStrategy") {
        ctx.report(
            Loc::key(svc.ptr("placementStrategy")),
            format!("{label} is a DAEMON service with a placement strategy; the daemon scheduler does not take one"),
        )
        .help("remove `placementStrategy` (placement constraints are allowed to choose the instances)")
        .related(daemon.clone(), "the scheduling strategy");
    }

    if let Some(controller @ ("CODE_DEPLOY" | "EXTERNAL")) = svc
        .get("deploymentController")
        .and_then(|c| c.get("type"))
        .and_then(Node::str)
    {
        ctx.report(
            Loc::member(svc.ptr("deploymentController") + "/type"),
            format!("{label} is a DAEMON service with the {controller} deployment controller, which only supports REPLICA services"),
        )
        .help("use the `ECS` deployment controller (rolling updates) for a daemon, or make the service REPLICA")
        .related(daemon, "the scheduling strategy");
    }
}
