//! ECS100 invalid-task-size: task cpu/memory missing, malformed, or not a Fargate size.

use crate::diagnostic::Change;
use crate::document::taskdef::{Platform, TaskDef};
use crate::fargate::{MATRIX, Size, list, parse_cpu, parse_memory, task_size};
use crate::rules::Ctx;

task_rule!("ECS100", "invalid-task-size", Error, check, fix = Unsafe);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    if !task.has_task_level() {
        return;
    }
    let cpu_at = task.field("cpu");
    let memory_at = task.field("memory");
    let cpu = task_size(cpu_at, parse_cpu);
    let memory = task_size(memory_at, parse_memory);
    if let (Size::Bad, Some(at)) = (&cpu, cpu_at) {
        ctx.report(at.loc(), "task `cpu` is not a CPU size AWS understands")
            .help("write CPU units as a string (\"1024\") or vCPUs (\"1 vCPU\", \".25 vCPU\")");
    }
    if let (Size::Bad, Some(at)) = (&memory, memory_at) {
        ctx.report(
            at.loc(),
            "task `memory` is not a memory size AWS understands",
        )
        .help("write MiB as a string (\"2048\") or GB (\"2 GB\")");
    }
    let platform = task.platform();
    if platform == Platform::NotFargate {
        if let (Size::Value(c), Some(at)) = (&cpu, cpu_at) {
            let c = *c;
            let r = MATRIX.ec2_cpu;
            if c < r.min || c > r.max {
                ctx.report(at.loc(), format!("task `cpu` {c} is outside the {}–{} CPU units ECS accepts", r.min, r.max))
                    .help("use between 128 (0.125 vCPU) and 196608 (192 vCPU) CPU units, or omit task-level cpu on EC2");
            }
        }
        return;
    }
    if platform != Platform::Fargate {
        return;
    }
    // Fargate is read from `requiresCompatibilities`, so it is there.
    if let Some(compat) = task.field("requiresCompatibilities") {
        for (field, value, example) in [("cpu", &cpu, "\"256\""), ("memory", &memory, "\"512\"")] {
            if matches!(value, Size::Absent) {
                ctx.report(compat.member_loc(), format!("Fargate requires task-level `{field}`, and it is missing"))
                    .help(format!("add `\"{field}\": {example}` (or another valid Fargate size) at the top level of the task definition"));
            }
        }
    }
    let windows = task.windows();
    if windows
        && let Some(arch) = task
            .field("runtimePlatform")
            .and_then(|p| p.field("cpuArchitecture"))
        && arch.str() == Some("ARM64")
    {
        ctx.report(
            arch.loc(),
            "Windows containers on Fargate run only on X86_64",
        )
        .help("set `cpuArchitecture` to \"X86_64\"");
    }
    let (Size::Value(c), Some(cpu_at)) = (cpu, cpu_at) else {
        return;
    };
    let Some(row) = MATRIX.row(c).filter(|r| !windows || r.windows) else {
        let valid: Vec<u32> = MATRIX
            .rows
            .iter()
            .filter(|r| !windows || r.windows)
            .map(|r| r.cpu)
            .collect();
        let os = if windows { "Windows " } else { "" };
        let mut help = format!("use one of {} CPU units", list(&valid));
        if let Size::Value(m) = memory {
            let fits = MATRIX.cpus_for_memory(m, windows);
            if !fits.is_empty() {
                help.push_str(&format!("; with {m} MiB of memory: {}", list(&fits)));
            }
        }
        // The nearest size up that fits the memory as written (more CPU, never less).
        let fits = |r: &&crate::fargate::Row| match memory {
            Size::Value(m) => r.memory.contains(&m),
            _ => true,
        };
        let up = MATRIX
            .rows
            .iter()
            .filter(|r| (!windows || r.windows) && r.cpu >= c)
            .find(fits);
        let report = ctx
            .report(
                cpu_at.loc(),
                format!("{c} CPU units is not a {os}Fargate task size"),
            )
            .help(help);
        if let Some(r) = up {
            report.fix(
                format!("use the nearest Fargate size up: {} CPU units", r.cpu),
                vec![Change::set(
                    cpu_at.node(),
                    serde_json::json!(r.cpu.to_string()),
                )],
            );
        }
        return;
    };
    let (Size::Value(m), Some(memory_at)) = (memory, memory_at) else {
        return;
    };
    if !row.memory.contains(&m) {
        let mut help = format!(
            "with {c} CPU units, memory must be {} MiB",
            list(&row.memory)
        );
        let fits = MATRIX.cpus_for_memory(m, windows);
        if !fits.is_empty() {
            help.push_str(&format!("; {m} MiB works with cpu {}", list(&fits)));
        }
        ctx.report(
            memory_at.loc(),
            format!("Fargate has no task size with {c} CPU units and {m} MiB of memory"),
        )
        .help(help)
        .related(cpu_at.loc(), format!("cpu is {c} here"))
        // The nearest memory up for this CPU (more memory, never less), else the most it takes.
        .fix(
            format!(
                "use the nearest memory Fargate allows with {c} CPU units: {} MiB",
                nearest(&row.memory, m)
            ),
            vec![Change::set(
                memory_at.node(),
                serde_json::json!(nearest(&row.memory, m).to_string()),
            )],
        );
    }
}

/// The smallest allowed value at or above `want`, else the largest allowed.
fn nearest(allowed: &[u32], want: u32) -> u32 {
    allowed
        .iter()
        .copied()
        .filter(|&v| v >= want)
        .min()
        .or_else(|| allowed.iter().copied().max())
        .unwrap_or(want)
}
