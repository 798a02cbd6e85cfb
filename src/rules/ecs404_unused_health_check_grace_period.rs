//! ECS404 unused-health-check-grace-period: `healthCheckGracePeriodSeconds` on a service
//! with no load balancer, no VPC Lattice and no container health check.

use crate::diagnostic::Loc;
use crate::link::{CrossCtx, Links};
use crate::tree::Node;

rule!(
    "ECS404",
    "unused-health-check-grace-period",
    Warning,
    Cross(check)
);

fn check(links: &Links, ctx: &mut CrossCtx) {
    for svc in &links.services {
        let s = &svc.doc;
        let Some(grace) = s.get("healthCheckGracePeriodSeconds").and_then(Node::int) else {
            continue;
        };
        if grace == 0
            || s.get("loadBalancers")
                .is_some_and(|l| l.is_unknown() || !l.items().is_empty())
            || s.get("vpcLatticeConfigurations")
                .is_some_and(|l| l.is_unknown() || !l.items().is_empty())
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
                .any(|c| c.get("healthCheck").is_some())
        {
            continue;
        }
        let family = task.doc.get("family").and_then(Node::str).unwrap_or("?");
        ctx.report(
            svc.file,
            Loc::member(s.ptr("healthCheckGracePeriodSeconds")),
            format!("`healthCheckGracePeriodSeconds` is {grace}, but nothing checks this service's health: it has no load balancer or VPC Lattice target, and no container of task definition `{family}` has a `healthCheck`"),
        )
        .help("remove it, or add the health check it is meant to delay (a container `healthCheck` or a load balancer)")
        .related(task.file, Loc::key(task.doc.ptr("containerDefinitions")), format!("the containers of `{family}`, none with a `healthCheck`"));
    }
}
