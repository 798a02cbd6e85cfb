//! ECS116 container-exceeds-task-resources: container memory/cpu above the task's.

use crate::document::at::At;
use crate::document::taskdef::TaskDef;
use crate::fargate::{Size, parse_cpu, parse_memory, task_size};
use crate::rules::Ctx;

task_rule!("ECS116", "container-exceeds-task-resources", Error, check);

/// A known task-level size as a number, for comparisons, with the field that gives it.
fn known<'a>(node: Option<At<'a>>, parse: fn(&str) -> Option<u32>) -> Option<(i64, At<'a>)> {
    match (task_size(node, parse), node) {
        (Size::Value(v), Some(at)) => Some((i64::from(v), at)),
        _ => None,
    }
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    if task.windows() {
        return; // task-level limits are not enforced for Windows containers
    }
    let cs = task.containers();
    if let Some((task_mem, task_mem_at)) = known(task.field("memory"), parse_memory) {
        for c in cs {
            if let Some(mem) = c.field("memory")
                && let Some(m) = mem.int()
                && m > task_mem
            {
                ctx.report(mem.member_loc(), format!("{} sets `memory` to {m} MiB, above the task's {task_mem} MiB", c.label()))
                    .help(format!("lower the container's `memory` to at most {task_mem}, or raise the task's memory"))
                    .related(task_mem_at.loc(), "task memory");
            }
        }
        let reserved: Option<Vec<i64>> = cs
            .iter()
            .map(
                |c| match (c.field("memoryReservation"), c.field("memory")) {
                    (Some(r), _) => r.int(),
                    (None, Some(m)) => m.int(),
                    (None, None) => Some(0),
                },
            )
            .collect();
        if let Some(reserved) = reserved {
            let sum: i64 = reserved.iter().sum();
            if sum > task_mem && cs.len() > 1 {
                ctx.report(task_mem_at.loc(), format!("the containers reserve {sum} MiB in total, above the task's {task_mem} MiB"))
                    .help("lower the containers' `memoryReservation`/`memory`, or raise the task's memory");
            }
        }
    }
    if let Some((task_cpu, task_cpu_at)) = known(task.field("cpu"), parse_cpu) {
        let cpus: Option<Vec<i64>> = cs
            .iter()
            .map(|c| match c.field("cpu") {
                Some(n) => n.int(),
                None => Some(0),
            })
            .collect();
        if let Some(cpus) = cpus {
            let sum: i64 = cpus.iter().sum();
            if sum > task_cpu {
                // One container: its own `cpu` (there, as the sum is above zero).
                let at = match cs {
                    [only] => only.field("cpu").map(|cpu| cpu.member_loc()),
                    _ => None,
                }
                .unwrap_or_else(|| task_cpu_at.loc());
                ctx.report(at, format!("the containers reserve {sum} CPU units in total, above the task's {task_cpu}"))
                    .help("lower the containers' `cpu`, or raise the task's cpu");
            }
        }
    }
}
