//! ECS111 host-namespace: `pidMode: host` or `ipcMode: host`.

use crate::document::taskdef::{Platform, TaskDef};
use crate::rules::Ctx;

task_rule!("ECS111", "host-namespace", Warning, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // On Fargate these are rejected outright; ECS109 reports that.
    // On Windows they are not supported at all; ECS138 reports that.
    if task.platform() == Platform::Fargate || task.windows_likely() {
        return;
    }
    for (field, what) in [("pidMode", "process"), ("ipcMode", "IPC")] {
        if let Some(mode) = task.field(field)
            && mode.str() == Some("host")
        {
            ctx.report(mode.member_loc(), format!("`{field}: host` shares the host's {what} namespace with every container in the task"))
                .help(format!("use `\"{field}\": \"task\"` to share only between the task's containers, or remove `{field}`"));
        }
    }
}
