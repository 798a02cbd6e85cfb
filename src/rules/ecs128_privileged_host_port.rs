//! ECS128 privileged-host-port: a container publishes a port below 1024 on the container
//! instance (bridge `hostPort`, or `host` networking).

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS128", "privileged-host-port", Info, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // `awsvpc` ports are on the task's own network interface, not the instance's.
    let Some(mode @ ("bridge" | "host")) = task.effective_network_mode() else {
        return;
    };
    for c in task.containers() {
        let Some(mappings) = c.field("portMappings") else {
            continue;
        };
        for m in mappings.items() {
            let host = m.field("hostPort");
            let port_at = match mode {
                "bridge" => host,
                // Host networking: the host port is the container port (ECS107 reports a
                // different one).
                _ => host.or_else(|| m.field("containerPort")),
            };
            let Some(port_at) = port_at else { continue };
            let Some(port) = port_at.int() else { continue };
            if !(1..1024).contains(&port) {
                continue;
            }
            let (message, help) = if mode == "bridge" {
                (
                    format!(
                        "{} publishes host port {port} on the container instance, a privileged port (below 1024)",
                        c.label()
                    ),
                    "omit `hostPort` (or set it to 0) for a dynamic host port behind a load balancer, or use `awsvpc` networking",
                )
            } else {
                (
                    format!(
                        "{} listens on port {port} of the container instance itself (`host` networking), a privileged port (below 1024)",
                        c.label()
                    ),
                    "listen on a port of 1024 or above, or use `awsvpc` networking so the port is on the task's own interface",
                )
            };
            ctx.report(port_at.member_loc(), message).help(help);
        }
    }
}
