//! ECS213 fargate-placement: placement constraints or strategies on a Fargate service.

use crate::document::service::{Capacity, Service};
use crate::rules::Ctx;

rule!("ECS213", "fargate-placement", Error, Service(check));

fn check(svc: &Service, ctx: &mut Ctx) {
    if svc.capacity() != Capacity::Fargate {
        return;
    }
    for (key, what) in [
        ("placementConstraints", "placement constraints"),
        ("placementStrategy", "placement strategies"),
    ] {
        if let Some(placement) = svc.set_field(key) {
            ctx.report(
                placement.key_loc(),
                format!("{} runs on Fargate, which does not support {what}", svc.label()),
            )
            .help(format!("remove `{key}`: Fargate chooses where tasks run and spreads them across the Availability Zones of your subnets"))
            .related(svc.fargate_at(), svc.fargate_note());
        }
    }
}
