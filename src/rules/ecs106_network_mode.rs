//! ECS106 network-mode: Fargate needs awsvpc; host/bridge/none on EC2 are weaker.

use crate::diagnostic::{Loc, Severity};
use crate::document::taskdef::{Platform, TaskDef};
use crate::rules::Ctx;

task_rule!("ECS106", "network-mode", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    if !task.has_task_level() {
        return;
    }
    let mode = task.network_mode();
    if mode == Some(None) {
        return; // a placeholder
    }
    let mode = mode.flatten();
    match task.platform() {
        Platform::Unknown => {}
        Platform::Fargate => {
            if mode == Some("awsvpc") {
                return;
            }
            match mode {
                None => ctx.report(Loc::member(task.ptr("requiresCompatibilities")), "Fargate requires `networkMode: awsvpc`; it is omitted, so it defaults to `bridge`"),
                Some(m) => ctx.report(Loc::member(task.ptr("networkMode")), format!("Fargate requires `networkMode: awsvpc`, not `{m}`")),
            }
            .help("set `\"networkMode\": \"awsvpc\"`");
        }
        Platform::NotFargate => match mode {
            Some("host") => {
                ctx.report(Loc::member(task.ptr("networkMode")), "`host` networking puts containers straight on the instance's network and ports")
                    .severity(Severity::Warning)
                    .help("use `\"networkMode\": \"awsvpc\"` so each task gets its own network interface and security groups");
            }
            Some(m @ ("bridge" | "none")) => {
                ctx.report(Loc::member(task.ptr("networkMode")), format!("`{m}` networking: tasks share the instance's security groups"))
                    .severity(Severity::Info)
                    .help("prefer `\"networkMode\": \"awsvpc\"`: each task gets its own network interface and security groups");
            }
            None if !task.windows() => {
                let at = if task.get("family").is_some() {
                    Loc::member(task.ptr("family"))
                } else {
                    Loc::head(task.pointer.to_string())
                };
                ctx.report(at, "`networkMode` is omitted, so it defaults to `bridge`: tasks share the instance's security groups")
                    .severity(Severity::Info)
                    .help("set `\"networkMode\": \"awsvpc\"` (or `\"bridge\"` explicitly if that is intended)");
            }
            _ => {}
        },
    }
}
