//! ECS127 no-new-privileges: a Linux container on EC2 does not set `no-new-privileges` in
//! `dockerSecurityOptions`.

use crate::diagnostic::Change;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS127", "no-new-privileges", Info, check, fix = Unsafe);

const HELP: &str = "add `\"dockerSecurityOptions\": [\"no-new-privileges\"]`: setuid and setcap binaries in the image then cannot raise the process's privileges";

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // Fargate rejects `dockerSecurityOptions`, so the advice is given only where the task
    // cannot run on Fargate; Windows has no such option.
    if !task.ec2_only() || task.windows_likely() {
        return;
    }
    for c in task.containers() {
        // A privileged container has every privilege already (ECS108).
        if c.field("privileged")
            .is_some_and(|p| p.bool() != Some(false))
        {
            continue;
        }
        match c.field("dockerSecurityOptions") {
            Some(options) if options.is_array() && options.items().next().is_some() => {
                let mut unknown = false;
                let mut set = false;
                for o in options.items() {
                    match o.str() {
                        Some(s) => {
                            set |= matches!(
                                s.trim(),
                                "no-new-privileges"
                                    | "no-new-privileges:true"
                                    | "no-new-privileges=true"
                            )
                        }
                        None => unknown = true,
                    }
                }
                if !set && !unknown {
                    ctx.report(
                        options.key_loc(),
                        format!(
                            "{} has `dockerSecurityOptions` without `no-new-privileges`",
                            c.label()
                        ),
                    )
                    .help(HELP)
                    .fix(
                        "add no-new-privileges to `dockerSecurityOptions`",
                        vec![Change::append(
                            options.node(),
                            serde_json::json!("no-new-privileges"),
                        )],
                    );
                }
            }
            Some(options) if !options.is_array() => {}
            _ => {
                ctx.report(
                    c.head(),
                    format!(
                        "{} does not set `no-new-privileges`, so its processes can gain privileges through setuid binaries",
                        c.label()
                    ),
                )
                .help(HELP)
                .fix(
                    "add no-new-privileges to `dockerSecurityOptions`",
                    vec![match c.field("dockerSecurityOptions") {
                        Some(empty) => Change::set(empty.node(), serde_json::json!(["no-new-privileges"])),
                        None => Change::insert(c.node, "dockerSecurityOptions", serde_json::json!(["no-new-privileges"])),
                    }],
                );
            }
        }
    }
}
