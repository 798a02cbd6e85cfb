//! ECS210 invalid-service-role: `role` without a load balancer, or with awsvpc networking
//! (Fargate, or a `networkConfiguration`).

use crate::document::service::{Capacity, Service};
use crate::rules::Ctx;

rule!("ECS210", "invalid-service-role", Error, Service(check));

fn check(svc: &Service, ctx: &mut Ctx) {
    // update-service cannot change `role` (the schema check reports it there).
    if svc.is_update() {
        return;
    }
    let Some(role) = svc.set_field("role") else {
        return;
    };
    let at = role.member_loc();
    let label = svc.label();
    if svc.capacity() == Capacity::Fargate {
        ctx.report(
            at,
            format!("{label} runs on Fargate and sets `role`; a service role is only allowed for tasks that do not use `awsvpc` networking, and Fargate always does"),
        )
        .help("remove `role`: ECS registers `awsvpc` tasks with the load balancer through its service-linked role (AWSServiceRoleForECS)")
        .related(svc.fargate_at(), svc.fargate_note());
    } else if let Some(net) = svc.set_field("networkConfiguration") {
        ctx.report(
            at,
            format!("{label} sets `role` and `networkConfiguration`; a service role is only allowed for tasks that do not use `awsvpc` networking"),
        )
        .help("remove `role`: ECS registers `awsvpc` tasks with the load balancer through its service-linked role (AWSServiceRoleForECS)")
        .related(net.key_loc(), "`awsvpc` networking");
    } else if !svc.has_load_balancers() {
        ctx.report(
            at,
            format!("{label} sets `role` but has no `loadBalancers`; the service role is only for registering tasks with a load balancer"),
        )
        .help("remove `role`, or add the `loadBalancers` it is meant for (the service-linked role AWSServiceRoleForECS usually makes `role` unnecessary)");
    }
}
