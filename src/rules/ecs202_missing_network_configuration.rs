//! ECS202 missing-network-configuration: a Fargate service without `networkConfiguration`.

use crate::document::service::{Capacity, Service, is_given};
use crate::rules::Ctx;

rule!(
    "ECS202",
    "missing-network-configuration",
    Error,
    Service(check)
);

fn check(svc: &Service, ctx: &mut Ctx) {
    // update-service keeps the current network configuration when it leaves it out.
    if svc.is_update() || svc.capacity() != Capacity::Fargate {
        return;
    }
    // With the EXTERNAL controller the network configuration belongs to each task set.
    if !matches!(svc.controller_type(), Some("ECS" | "CODE_DEPLOY")) {
        return;
    }
    let help = "add `\"networkConfiguration\": {\"awsvpcConfiguration\": {\"subnets\": [...], \"securityGroups\": [...]}}`: Fargate tasks use `awsvpc` networking and need subnets to start in";
    match svc.field("networkConfiguration") {
        None => {
            // Reported where the service is put on Fargate: that is what needs the setting.
            ctx.report(
                svc.fargate_at(),
                format!(
                    "{} runs on Fargate but has no `networkConfiguration`",
                    svc.label()
                ),
            )
            .help(help);
        }
        Some(net)
            if net.is_object() && !is_given(net.field("awsvpcConfiguration").map(|a| a.node())) =>
        {
            ctx.report(
                net.key_loc(),
                format!(
                    "{} runs on Fargate but `networkConfiguration` has no `awsvpcConfiguration`",
                    svc.label()
                ),
            )
            .help(help)
            .related(svc.fargate_at(), svc.fargate_note());
        }
        Some(_) => {}
    }
}
