//! ECS137 container-cpu-missing: a container sets no `cpu` where nothing else gives it CPU:
//! a Linux task without task-level `cpu` (the container gets the minimum CPU shares), or a
//! Windows task on EC2 (the container gets 1% of one CPU).

use crate::diagnostic::Severity;
use crate::document::taskdef::{Platform, TaskDef};
use crate::rules::Ctx;

task_rule!("ECS137", "container-cpu-missing", Info | Warning, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // The bare container array: task-level cpu may be set elsewhere.
    if !task.has_task_level() {
        return;
    }
    let windows = task.windows_likely();
    let (severity, why) = if windows {
        // On Fargate the task size decides what a Windows task gets; the 1% rule is the
        // container agent's on EC2 Windows instances.
        if task.platform() != Platform::NotFargate {
            return;
        }
        (
            Severity::Warning,
            ", so on a Windows container instance it is limited to 1% of one CPU (task-level `cpu` is ignored for Windows containers)",
        )
    } else {
        if task.field("cpu").is_some() {
            // Task-level cpu bounds and reserves CPU for the containers together.
            return;
        }
        (
            Severity::Info,
            " and the task has no task-level `cpu`: ECS reserves no CPU for it when placing the task, and when the instance is busy it gets the minimum 2 CPU shares",
        )
    };
    for c in task.containers() {
        // `cpu: 0` is what describe output shows for a container without one, and the
        // container agent treats it the same way.
        let (at, what) = match c.field("cpu") {
            None => (c.head(), "sets no `cpu`"),
            Some(cpu) if cpu.int() == Some(0) => (cpu.member_loc(), "has `cpu` 0"),
            Some(_) => continue,
        };
        ctx.report(at, format!("{} {what}{why}", c.label()))
            .severity(severity)
            .help("set `cpu` on the container in CPU units (1024 = one vCPU): what it needs when the instance is busy");
    }
}
