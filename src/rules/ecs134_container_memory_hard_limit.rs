//! ECS134 container-memory-hard-limit: a container has no memory hard limit (`memory`) and
//! nothing else bounds it: the task has no task-level memory, or it is a Windows task
//! (where task-level memory is not enforced).

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS134", "container-memory-hard-limit", Info, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // The bare container array: task-level memory may be set elsewhere (the Terraform
    // resource), so whether anything bounds the container is not known here.
    if !task.has_task_level() {
        return;
    }
    let windows = task.windows_likely();
    let task_memory = task.field("memory");
    if task_memory.is_some() && !windows {
        // Task-level memory is a hard limit for the task's containers together.
        return;
    }
    for c in task.containers() {
        if c.field("memory").is_some() {
            continue;
        }
        // Neither setting and no task memory: AWS rejects it, and ECS117 says so.
        if task_memory.is_none() && c.field("memoryReservation").is_none() {
            continue;
        }
        let why = if task_memory.is_some() {
            "and task-level `memory` is ignored for Windows containers"
        } else {
            "and the task has no task-level `memory`"
        };
        let at = c
            .field("memoryReservation")
            .map_or_else(|| c.head(), |r| r.member_loc());
        ctx.report(
            at,
            format!(
                "{} has no memory hard limit (`memory`) {why}, so it can take all the memory free on its instance",
                c.label()
            ),
        )
        .help("set `memory` (MiB) on the container: it is stopped if it goes above it, instead of starving the other tasks on the instance; keep `memoryReservation` for what it normally needs");
    }
}
