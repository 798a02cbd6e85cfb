//! ECS107 host-port-mismatch: awsvpc/host networking with hostPort ≠ containerPort.

use crate::diagnostic::Change;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS107", "host-port-mismatch", Error, check, fix = Safe);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let Some(Some(mode @ ("awsvpc" | "host"))) = task.network_mode() else {
        return;
    };
    for c in task.containers() {
        let Some(mappings) = c.field("portMappings") else {
            continue;
        };
        for m in mappings.items() {
            if let (Some(host_at), Some(container_at)) =
                (m.field("hostPort"), m.field("containerPort"))
                && let (Some(host), Some(container)) = (host_at.int(), container_at.int())
                && host != container
            {
                ctx.report(host_at.member_loc(), format!("{} maps host port {host} to container port {container}, but with `{mode}` networking they must match", c.label()))
                    .help(format!("remove `hostPort`, or set it to {container}"))
                    .related(container_at.member_loc(), "the container port")
                    // The only host port AWS accepts here is the container port.
                    .fix(format!("set `hostPort` to {container}"), vec![Change::set(host_at.node(), serde_json::json!(container))]);
            }
        }
    }
}
