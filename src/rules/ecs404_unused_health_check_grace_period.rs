//! ECS404 unused-health-check-grace-period: `healthCheckGracePeriodSeconds` on a service
//! with no load balancer, no VPC Lattice and no container health check.

use crate::diagnostic::Loc;
use crate::document::at::At;
use crate::document::taskdef::TaskDef;
use crate::rules::cross::{CrossCtx, Links};

rule!(
    "ECS404",
    "unused-health-check-grace-period",
    Warning,
    Cross(check)
);

/// A list that is used: non-empty, or a placeholder.
fn used(list: Option<At>) -> bool {
    list.is_some_and(|l| l.is_unknown() || l.items().len() != 0)
}

/// The `containerDefinitions` key of a task definition (where the old code pointed, also
/// when the list is absent).
fn containers_key(task: &TaskDef) -> Loc {
    match task.container_list() {
        Some(list) => list.key_loc(),
        None => task.missing("containerDefinitions"),
    }
}

fn check(links: &Links, ctx: &mut CrossCtx) {
    for svc in &links.services {
        let s = &svc.doc;
        let Some(grace_at) = s.field("healthCheckGracePeriodSeconds") else {
            continue;
        };
        let Some(grace) = grace_at.int() else {
            continue;
        };
        if grace == 0 || used(s.field("loadBalancers")) || used(s.field("vpcLatticeConfigurations"))
        {
            continue;
        }
        let Some(task) = links.task_of(svc) else {
            continue;
        };
        if !task.doc.has_task_level()
            || !task.doc.containers_known()
            || task
                .doc
                .containers()
                .iter()
                .any(|c| c.field("healthCheck").is_some())
        {
            continue;
        }
        let family = task.doc.name();
        ctx.report(
            svc.file,
            grace_at.member_loc(),
            format!("`healthCheckGracePeriodSeconds` is {grace}, but nothing checks this service's health: it has no load balancer or VPC Lattice target, and no container of task definition `{family}` has a `healthCheck`"),
        )
        .help("remove it, or add the health check it is meant to delay (a container `healthCheck` or a load balancer)")
        .related(task.file, containers_key(&task.doc), format!("the containers of `{family}`, none with a `healthCheck`"));
    }
}
