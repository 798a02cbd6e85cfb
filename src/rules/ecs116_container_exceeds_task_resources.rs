//! ECS116 container-exceeds-task-resources: container memory/cpu above the task's.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::fargate::{Size, parse_cpu, parse_memory, task_size};
use crate::rules::Ctx;

task_rule!("ECS116", "container-exceeds-task-resources", Error, check);

/// A known task-level size as a number, for comparisons.
fn known(node: Option<&crate::tree::Node>, parse: fn(&str) -> Option<u32>) -> Option<i64> {
    match task_size(node, parse) {
        Size::Value(v) => Some(i64::from(v)),
        _ => None,
    }
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    if task.windows() {
        return; // task-level limits are not enforced for Windows containers
    }
    let cs = task.containers();
    if let Some(task_mem) = known(task.get("memory"), parse_memory) {
        for c in cs {
            if let Some(m) = c.int("memory")
                && m > task_mem
            {
                ctx.report(Loc::member(c.ptr("memory")), format!("{} sets `memory` to {m} MiB, above the task's {task_mem} MiB", c.label()))
                    .help(format!("lower the container's `memory` to at most {task_mem}, or raise the task's memory"))
                    .related(Loc::value(task.ptr("memory")), "task memory");
            }
        }
        let reserved: Option<Vec<i64>> = cs
            .iter()
            .map(|c| match (c.get("memoryReservation"), c.get("memory")) {
                (Some(r), _) => r.int(),
                (None, Some(m)) => m.int(),
                (None, None) => Some(0),
            })
            .collect();
        if let Some(reserved) = reserved {
            let sum: i64 = reserved.iter().sum();
            if sum > task_mem && cs.len() > 1 {
                ctx.report(Loc::value(task.ptr("memory")), format!("the containers reserve {sum} MiB in total, above the task's {task_mem} MiB"))
                    .help("lower the containers' `memoryReservation`/`memory`, or raise the task's memory");
            }
        }
    }
    if let Some(task_cpu) = known(task.get("cpu"), parse_cpu) {
        let cpus: Option<Vec<i64>> = cs
            .iter()
            .map(|c| match c.get("cpu") {
                Some(n) => n.int(),
                None => Some(0),
            })
            .collect();
        if let Some(cpus) = cpus {
            let sum: i64 = cpus.iter().sum();
            if sum > task_cpu {
                let at = if cs.len() == 1 {
                    Loc::member(cs[0].ptr("cpu"))
                } else {
                    Loc::value(task.ptr("cpu"))
                };
                ctx.report(at, format!("the containers reserve {sum} CPU units in total, above the task's {task_cpu}"))
                    .help("lower the containers' `cpu`, or raise the task's cpu");
            }
        }
    }
}
