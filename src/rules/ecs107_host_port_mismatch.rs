//! ECS107 host-port-mismatch: awsvpc/host networking with hostPort ≠ containerPort.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::tree::join_index;

task_rule!("ECS107", "host-port-mismatch", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let Some(Some(mode @ ("awsvpc" | "host"))) = task.network_mode() else {
        return;
    };
    for c in task.containers() {
        let Some(mappings) = c.get("portMappings") else {
            continue;
        };
        for (i, m) in mappings.items().iter().enumerate() {
            if let (Some(host), Some(container)) = (
                m.get("hostPort").and_then(|n| n.int()),
                m.get("containerPort").and_then(|n| n.int()),
            ) && host != container
            {
                let p = join_index(&c.ptr("portMappings"), i);
                ctx.report(Loc::member(p.clone() + "/hostPort"), format!("{} maps host port {host} to container port {container}, but with `{mode}` networking they must match", c.label()))
                    .help(format!("remove `hostPort`, or set it to {container}"))
                    .related(Loc::member(p + "/containerPort"), "the container port");
            }
        }
    }
}
