//! ECS106 network-mode: Fargate needs awsvpc; host/bridge/none on EC2 are weaker; ECS Anywhere
//! (EXTERNAL) has no awsvpc.

use crate::diagnostic::Severity;
use crate::document::at::At;
use crate::document::taskdef::{Platform, TaskDef};
use crate::rules::Ctx;

task_rule!("ECS106", "network-mode", Error | Warning | Info, check);

/// `requiresCompatibilities` lists `EXTERNAL` (ECS Anywhere), which has no `awsvpc`
/// (aws-facts §3.3): Linux tasks use `bridge`, `host` or `none`.
fn external(compat: Option<At<'_>>) -> bool {
    compat.is_some_and(|l| l.items().any(|c| c.str() == Some("EXTERNAL")))
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    if !task.has_task_level() {
        return;
    }
    let mode_at = task.field("networkMode");
    // The network mode as written, with its field; `None` when omitted (the API default is
    // `bridge`).
    let mode: Option<(At, &str)> = match mode_at {
        None => None,
        Some(m) => match m.str() {
            Some(s) => Some((m, s)),
            None => return, // a placeholder
        },
    };
    let mode_str = mode.map(|(_, m)| m);
    let compat = task.field("requiresCompatibilities");
    let external = external(compat);
    // Fargate (and ECS Anywhere) are read from `requiresCompatibilities`, so it is there when
    // the platform is known to be Fargate.
    match (task.platform(), compat) {
        (Platform::Unknown, _) => {}
        (Platform::Fargate, Some(compat)) if external => {
            // Fargate only runs `awsvpc`, ECS Anywhere never does: no mode suits both. With
            // `awsvpc` only the ECS Anywhere limitation (2023 docs) is broken: a warning.
            let severity = if mode_str == Some("awsvpc") {
                Severity::Warning
            } else {
                Severity::Error
            };
            ctx.report(
                compat.member_loc(),
                "`requiresCompatibilities` lists both `FARGATE`, which requires `networkMode: awsvpc`, and `EXTERNAL` (ECS Anywhere), which does not support it: no network mode works for both",
            )
            .severity(severity)
            .help("register separate task definitions for Fargate (`awsvpc`) and ECS Anywhere (`bridge` or `host`)");
        }
        (Platform::Fargate, Some(compat)) => {
            if mode_str == Some("awsvpc") {
                return;
            }
            match mode {
                None => ctx.report(compat.member_loc(), "Fargate requires `networkMode: awsvpc`; it is omitted, so it defaults to `bridge`"),
                Some((at, m)) => ctx.report(at.member_loc(), format!("Fargate requires `networkMode: awsvpc`, not `{m}`")),
            }
            .help("set `\"networkMode\": \"awsvpc\"`");
        }
        (Platform::Fargate, None) => {}
        (Platform::NotFargate, _) if external => {
            const WINDOWS: &str = "omit `networkMode`: Windows tasks on external instances use the default network mode";
            let windows = task.windows_likely();
            match mode {
                Some((at, "awsvpc")) => {
                    ctx.report(
                        at.member_loc(),
                        "ECS Anywhere (`EXTERNAL`) does not support `networkMode: awsvpc`",
                    )
                    .severity(Severity::Warning)
                    .help(if windows {
                        WINDOWS
                    } else {
                        "use `\"networkMode\": \"bridge\"` (or `host` or `none`), the modes Linux tasks can use on external instances"
                    });
                }
                Some((at, "host")) => {
                    ctx.report(at.member_loc(), "`host` networking puts containers straight on the instance's network and ports")
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
        (Platform::NotFargate, _) => match mode {
            Some((at, "host")) => {
                ctx.report(at.member_loc(), "`host` networking puts containers straight on the instance's network and ports")
                    .severity(Severity::Warning)
                    .help("use `\"networkMode\": \"awsvpc\"` so each task gets its own network interface and security groups");
            }
            Some((at, m @ ("bridge" | "none"))) => {
                ctx.report(at.member_loc(), format!("`{m}` networking: tasks share the instance's security groups"))
                    .severity(Severity::Info)
                    .help("prefer `\"networkMode\": \"awsvpc\"`: each task gets its own network interface and security groups");
            }
            None if !task.windows_likely() => {
                let at = match task.field("family") {
                    Some(family) => family.member_loc(),
                    None => task.head(),
                };
                ctx.report(at, "`networkMode` is omitted, so it defaults to `bridge`: tasks share the instance's security groups")
                    .severity(Severity::Info)
                    .help("set `\"networkMode\": \"awsvpc\"` (or `\"bridge\"` explicitly if that is intended)");
            }
            _ => {}
        },
    }
}
