//! ECS215 single-task-behind-load-balancer: a load-balanced REPLICA service that runs one task.

use crate::document::service::Service;
use crate::rules::Ctx;

rule!(
    "ECS215",
    "single-task-behind-load-balancer",
    Info,
    Service(check)
);

fn check(svc: &Service, ctx: &mut Ctx) {
    if svc.scheduling_strategy() != Some("REPLICA") || !svc.set("loadBalancers") {
        return;
    }
    // 0 is a deliberate "scaled down" (or left to auto scaling), not a single point of failure.
    let Some(desired) = svc.field("desiredCount").filter(|d| d.int() == Some(1)) else {
        return;
    };
    ctx.report(
        desired.member_loc(),
        format!(
            "{} runs a single task behind a load balancer: if that task or its Availability Zone fails, nothing serves traffic until a replacement starts",
            svc.label()
        ),
    )
    .help("run at least 2 tasks (spread over 2 or more subnets in different Availability Zones), or ignore this for a development environment");
}
