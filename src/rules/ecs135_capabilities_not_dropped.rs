//! ECS135 capabilities-not-dropped: a Linux container keeps Docker's default capabilities
//! (`linuxParameters.capabilities.drop` does not list `ALL`).

use crate::diagnostic::Change;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!(
    "ECS135",
    "capabilities-not-dropped",
    Info,
    check,
    fix = Unsafe
);

const HELP: &str = "add `\"linuxParameters\": {\"capabilities\": {\"drop\": [\"ALL\"]}}` and add back only what the process needs (for example `\"add\": [\"NET_BIND_SERVICE\"]` to listen below port 1024)";

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // Windows containers have no Linux capabilities (and no `linuxParameters`).
    if task.windows_likely() {
        return;
    }
    for c in task.containers() {
        // A privileged container has every capability whatever it drops (ECS108).
        if c.field("privileged")
            .is_some_and(|p| p.bool() != Some(false))
        {
            continue;
        }
        let linux = c.field("linuxParameters");
        if linux.is_some_and(|l| !l.is_object()) {
            continue;
        }
        let caps = c.linux_field("capabilities");
        if caps.is_some_and(|c| !c.is_object()) {
            continue;
        }
        // Adding `ALL` is reported by ECS110; what is dropped then does not matter.
        if caps.and_then(|c| c.field("add")).is_some_and(|a| {
            a.items()
                .any(|i| matches!(i.str(), Some("ALL" | "CAP_ALL")))
        }) {
            continue;
        }
        let drop = caps.and_then(|c| c.field("drop"));
        match drop {
            Some(d) if !d.is_array() => continue,
            Some(d) if d.items().next().is_some() => {
                let names: Vec<Option<&str>> = d.items().map(|i| i.str()).collect();
                if names.iter().any(Option::is_none) {
                    continue;
                }
                if names
                    .iter()
                    .flatten()
                    .any(|n| matches!(*n, "ALL" | "CAP_ALL"))
                {
                    continue;
                }
                ctx.report(
                    d.key_loc(),
                    format!(
                        "{} drops some capabilities but not `ALL`, so it keeps the rest of Docker's default set",
                        c.label()
                    ),
                )
                .help(HELP)
                .fix("drop ALL capabilities", vec![Change::append(d.node(), serde_json::json!("ALL"))]);
            }
            _ => {
                let at = caps
                    .map(|c| c.key_loc())
                    .or_else(|| linux.map(|l| l.key_loc()))
                    .unwrap_or_else(|| c.head());
                let all = || serde_json::json!(["ALL"]);
                let change = match (drop, caps, linux) {
                    (Some(d), _, _) => Change::set(d.node(), all()),
                    (None, Some(caps), _) => Change::insert(caps.node(), "drop", all()),
                    (None, None, Some(l)) => Change::insert(
                        l.node(),
                        "capabilities",
                        serde_json::json!({ "drop": all() }),
                    ),
                    (None, None, None) => Change::insert(
                        c.node,
                        "linuxParameters",
                        serde_json::json!({ "capabilities": { "drop": all() } }),
                    ),
                };
                ctx.report(
                    at,
                    format!(
                        "{} does not drop any capabilities, so it keeps Docker's default set (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID and others)",
                        c.label()
                    ),
                )
                .help(HELP)
                .fix("drop ALL capabilities", vec![change]);
            }
        }
    }
}
