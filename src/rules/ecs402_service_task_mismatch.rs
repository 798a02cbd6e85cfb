//! ECS402 service-task-mismatch: the service's launch type or capacity providers, network
//! configuration or role do not fit its task definition.

use crate::document::service::Capacity;
use crate::rules::cross::{CrossCtx, Links};

rule!("ECS402", "service-task-mismatch", Error, Cross(check));

fn check(links: &Links, ctx: &mut CrossCtx) {
    for svc in &links.services {
        let Some(task) = links.task_of(svc) else {
            continue;
        };
        let (s, t) = (&svc.doc, &task.doc);
        let family = t.name();
        let fargate_service = s.capacity() == Capacity::Fargate;
        // networkConfiguration exactly when awsvpc (Fargate tasks are always awsvpc).
        let mode = match t.network_mode() {
            Some(Some(m)) => Some(m),
            Some(None) => None, // placeholder
            None if t.fargate() => Some("awsvpc"),
            None if t.windows() => None, // Windows on EC2 defaults differ; leave it
            None => Some("bridge"),
        };
        let mode_loc = match t.field("networkMode") {
            Some(m) => m.loc(),
            None => t.head(),
        };
        let network = s.field("networkConfiguration");
        let has_network = network.is_some();
        // ECS works out a task definition's compatibilities itself (describe output lists
        // them), so `requiresCompatibilities` is not compared; what Fargate cannot run is
        // certain: a network mode other than awsvpc, or no task-level cpu and memory.
        if fargate_service && t.has_task_level() {
            let at = match (
                s.field("launchType").filter(|l| l.str().is_some()),
                s.field("capacityProviderStrategy"),
            ) {
                (Some(l), _) => l.loc(),
                (None, Some(c)) => c.key_loc(),
                (None, None) => s.missing("capacityProviderStrategy"),
            };
            if let Some(m) = mode.filter(|m| *m != "awsvpc") {
                ctx.report(
                    svc.file,
                    at.clone(),
                    format!("the service runs on Fargate, but task definition `{family}` uses `{m}` networking; Fargate runs only `awsvpc` tasks"),
                )
                .help("set `\"networkMode\": \"awsvpc\"` in the task definition (and add `FARGATE` to its `requiresCompatibilities`), or run the service on EC2")
                .related(task.file, mode_loc.clone(), "the task's network mode");
            }
            let missing: Vec<&str> = ["cpu", "memory"]
                .into_iter()
                .filter(|f| t.field(f).is_none())
                .collect();
            if !missing.is_empty() {
                ctx.report(
                    svc.file,
                    at,
                    format!(
                        "the service runs on Fargate, but task definition `{family}` has no task-level {}; Fargate needs both `cpu` and `memory` at task level",
                        missing.join(" or ")
                    ),
                )
                .help("set task-level `cpu` and `memory` to a valid Fargate size in the task definition")
                .related(task.file, t.head(), "the task definition");
            }
        }
        match (mode, network) {
            // On Fargate ECS202 reports the missing networkConfiguration without the task.
            (Some("awsvpc"), None) if !s.is_update() && !fargate_service => {
                ctx.report(
                    svc.file,
                    s.head(),
                    format!("task definition `{family}` uses `awsvpc` networking, but the service has no `networkConfiguration`: CreateService rejects it"),
                )
                .help("add `networkConfiguration.awsvpcConfiguration` with the task's subnets and security groups")
                .related(task.file, mode_loc.clone(), "the task's network mode");
            }
            (Some(m), Some(network)) if m != "awsvpc" => {
                ctx.report(
                    svc.file,
                    network.key_loc(),
                    format!("`networkConfiguration` is only for `awsvpc` tasks, but task definition `{family}` uses `{m}` networking"),
                )
                .help("remove `networkConfiguration`, or switch the task definition to `awsvpc`")
                .related(task.file, mode_loc.clone(), "the task's network mode");
            }
            _ => {}
        }
        // With a Fargate launch type or a networkConfiguration, ECS210 reports the role
        // from the service alone.
        if mode == Some("awsvpc")
            && let Some(role) = s.field("role")
            && !fargate_service
            && !has_network
        {
            ctx.report(
                svc.file,
                role.member_loc(),
                format!("a service role cannot be given for an `awsvpc` task definition (`{family}`); ECS uses its service-linked role"),
            )
            .help("remove `role`")
            .related(task.file, mode_loc, "the task's network mode");
        }
    }
}
