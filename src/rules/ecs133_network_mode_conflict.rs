//! ECS133 network-mode-conflict: a container parameter the task's network mode does not
//! allow: port mappings with `none`, `links` outside `bridge`, `hostname` or `extraHosts`
//! with `awsvpc`.

use crate::document::at::At;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::tree::Value;

task_rule!("ECS133", "network-mode-conflict", Error, check);

/// Written with content: not an empty string or list (deploy tools drop those).
fn set(n: Option<At<'_>>) -> Option<At<'_>> {
    n.filter(|n| match n.value() {
        Value::String { value, .. } => !value.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => true,
    })
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // Windows has its own rules for these fields (none of them is supported there).
    if task.windows_likely() {
        return;
    }
    let Some(mode @ ("bridge" | "host" | "awsvpc" | "none")) = task.effective_network_mode() else {
        return;
    };
    let omitted = task.network_mode().is_none();
    let mode_text = if omitted {
        "`networkMode` is omitted, so it is `bridge`".to_string()
    } else {
        format!("`networkMode` is `{mode}`")
    };
    let mode_at = task.field("networkMode");
    // Fargate rejects `links` and `extraHosts` anyway (ECS109 says so).
    let fargate = task.fargate();
    for c in task.containers() {
        let label = c.label();
        let mut report = |at: At<'_>, message: String, help: &str| {
            let f = ctx.report(at.member_loc(), message);
            f.help(help);
            if let Some(m) = mode_at {
                f.related(m.member_loc(), "the task's network mode");
            }
        };
        if mode == "none"
            && let Some(ports) = set(c.field("portMappings"))
        {
            report(
                ports,
                format!(
                    "{label} has port mappings, but with `networkMode: none` a container has no network to map ports on"
                ),
                "remove `portMappings`, or use `awsvpc` (or `bridge`) networking if the container must be reachable",
            );
        }
        if mode != "bridge"
            && !fargate
            && let Some(links) = set(c.field("links"))
        {
            report(
                links,
                format!(
                    "{label} has `links`, which only `bridge` networking supports, but {mode_text}"
                ),
                if mode == "awsvpc" {
                    "remove `links`: with `awsvpc` the task's containers reach each other on `localhost`"
                } else {
                    "remove `links`; containers that share the host's or no network cannot be linked"
                },
            );
        }
        if mode == "awsvpc" {
            if let Some(hostname) = set(c.field("hostname")) {
                report(
                    hostname,
                    format!("{label} sets `hostname`, which `awsvpc` networking does not support"),
                    "remove `hostname`: with `awsvpc` the task's network interface sets the host name",
                );
            }
            if !fargate && let Some(hosts) = set(c.field("extraHosts")) {
                report(
                    hosts,
                    format!(
                        "{label} sets `extraHosts`, which `awsvpc` networking does not support"
                    ),
                    "remove `extraHosts`; resolve the names through DNS (a Route 53 private hosted zone, or Service Connect) instead",
                );
            }
        }
    }
}
