//! ECS105 writable-root-filesystem: a Linux container's root filesystem is writable.

use crate::diagnostic::Change;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!(
    "ECS105",
    "writable-root-filesystem",
    Warning,
    check,
    fix = Unsafe
);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    if task.windows_likely() {
        return;
    }
    for c in task.containers() {
        match c.field("readonlyRootFilesystem") {
            None => {
                ctx.report(c.head(), format!("{} has a writable root filesystem (`readonlyRootFilesystem` is not set)", c.label()))
                    .help("set `\"readonlyRootFilesystem\": true` and mount a volume (or bind mount) for paths the process must write")
                    .fix("set `readonlyRootFilesystem` to true", vec![Change::insert(c.node, "readonlyRootFilesystem", serde_json::json!(true))]);
            }
            Some(v) if v.bool() == Some(false) => {
                ctx.report(v.member_loc(), format!("{} has a writable root filesystem", c.label()))
                    .help("set `\"readonlyRootFilesystem\": true` and mount a volume for paths the process must write")
                    .fix("set `readonlyRootFilesystem` to true", vec![Change::set(v.node(), serde_json::json!(true))]);
            }
            Some(_) => {}
        }
    }
}
