//! ECS130 blocking-log-mode: a container's log `mode` is `blocking`.

use crate::diagnostic::Change;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS130", "blocking-log-mode", Info, check, fix = Unsafe);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        let Some(mode) = c
            .field("logConfiguration")
            .and_then(|l| l.field("options"))
            .and_then(|o| o.entry("mode"))
        else {
            continue;
        };
        if mode.str() == Some("blocking") {
            ctx.report(
                mode.member_loc(),
                format!(
                    "{} logs in `blocking` mode: when the log destination is slow or unreachable, writes to stdout and stderr block and the application stalls",
                    c.label()
                ),
            )
            .help("use `\"mode\": \"non-blocking\"` (the ECS default since June 2025) with a `max-buffer-size` large enough for bursts, unless losing log lines is worse than stalling")
            // Unsafe: log lines can be dropped when the buffer fills.
            .fix("log in non-blocking mode", vec![Change::set(mode.node(), serde_json::json!("non-blocking"))]);
        }
    }
}
