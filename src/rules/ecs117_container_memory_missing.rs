//! ECS117 container-memory-missing: no task memory and a container without memory settings.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS117", "container-memory-missing", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    if !task.has_task_level() || task.field("memory").is_some() {
        return;
    }
    for c in task.containers() {
        if c.field("memory").is_none() && c.field("memoryReservation").is_none() {
            ctx.report(c.head(), format!("{} sets neither `memory` nor `memoryReservation`, and the task has no task-level `memory`", c.label()))
                .help("set `memoryReservation` (soft limit) and/or `memory` (hard limit) in MiB on the container, or set task-level `memory`");
        }
    }
}
