//! ECS213 fargate-placement: placement constraints or strategies on a Fargate service.

use crate::diagnostic::Loc;
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
        if svc.set(key) {
            ctx.report(
                Loc::key(svc.ptr(key)),
                format!("{} runs on Fargate, which does not support {what}", svc.label()),
            )
            .help(format!("remove `{key}`: Fargate chooses where tasks run and spreads them across the Availability Zones of your subnets"))
            .related(svc.fargate_loc(), svc.fargate_note());
        }
    }
}
