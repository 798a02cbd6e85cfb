//! ECS106 network-mode: Fargate needs awsvpc; host/bridge/none on EC2 are weaker; ECS Anywhere
//! (EXTERNAL) has no awsvpc.

use crate::diagnostic::{Loc, Severity};
use crate::document::taskdef::{Platform, TaskDef};
use crate::rules::Ctx;

task_rule!("ECS106", "network-mode", Error, check);

/// `requiresCompatibilities` lists `EXTERNAL` (ECS Anywhere), which has no `awsvpc`
/// (aws-facts §3.3): Linux tasks use `bridge`, `host` or `none`.
fn external(task: &TaskDef) -> bool {
    task.get("requiresCompatibilities")
        .is_some_and(|l| l.items().iter().any(|c| c.str() == Some("EXTERNAL")))
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    if !task.has_task_level() {
        return;
    }
    let mode = task.network_mode();
    if mode == Some(None) {
        return; // a placeholder
    }
    let mode = mode.flatten();
    let external = external(task);
    match task.platform() {
        Platform::Unknown => {}
        Platform::Fargate if external => {
            // Fargate only runs `awsvpc`, ECS Anywhere never does: no mode suits both. With
            // `awsvpc` only the ECS Anywhere limitation (2023 docs) is broken: a warning.
            let severity = if mode == Some("awsvpc") {
                Severity::Warning
            } else {
                Severity::Error
            };
            ctx.report(
                Loc::member(task.ptr("requiresCompatibilities")),
                "`requiresCompatibilities` lists both `FARGATE`, which requires `networkMode: awsvpc`, and `EXTERNAL` (ECS Anywhere), which does not support it: no network mode works for both",
            )
            .severity(severity)
            .help("register separate task definitions for Fargate (`awsvpc`) and ECS Anywhere (`bridge` or `host`)");
        }
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
        Platform::NotFargate if external => {
            const WINDOWS: &str = "omit `networkMode`: Windows tasks on external instances use the default network mode";
            let windows = task.windows();
            match mode {
                Some("awsvpc") => {
                    ctx.report(
                        Loc::member(task.ptr("networkMode")),
                        "ECS Anywhere (`EXTERNAL`) does not support `networkMode: awsvpc`",
                    )
                    .severity(Severity::Warning)
                    .help(if windows {
                        WINDOWS
                    } else {
                        "use `\"networkMode\": \"bridge\"` (or `host` or `none`), the modes Linux tasks can use on external instances"
                    });
                }
                Some("host") => {
                    ctx.report(Loc::member(task.ptr("networkMode")), "`host` networking puts containers straight on the instance's network and ports")
                        .severity(Severity::Warning)
                        .help(if windows {
                            WINDOWS
                        } else {
                            "use `\"networkMode\": \"bridge\"` unless the task needs the host's network (ECS Anywhere has no `awsvpc`)"
                        });
                }
                // `bridge`, `none` or the default: what external instances offer.
                _ => {}
            }
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
