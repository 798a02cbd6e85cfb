//! ECS110 dangerous-capability: a capability that weakens isolation is added.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS110", "dangerous-capability", Warning, check);

const DANGEROUS: &[(&str, &str)] = &[
    ("ALL", "every capability, nearly the same as privileged"),
    (
        "SYS_ADMIN",
        "mounts, namespaces and many host-level operations",
    ),
    (
        "NET_ADMIN",
        "changing the network stack, routes and firewall rules",
    ),
    ("SYS_MODULE", "loading kernel modules"),
    ("SYS_RAWIO", "raw I/O to devices and memory"),
    (
        "SYS_PTRACE",
        "tracing and reading the memory of other processes",
    ),
    ("SYS_BOOT", "rebooting the host"),
    ("SYS_TIME", "setting the host clock"),
    (
        "DAC_READ_SEARCH",
        "bypassing file read permission checks (a known escape path)",
    ),
    ("MAC_ADMIN", "changing mandatory access control policy"),
    ("MAC_OVERRIDE", "bypassing mandatory access control"),
    ("BPF", "loading BPF programs into the kernel"),
    ("PERFMON", "kernel performance monitoring"),
];

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let fargate = task.fargate();
    for c in task.containers() {
        let Some(add) = c
            .linux_field("capabilities")
            .and_then(|caps| caps.field("add"))
        else {
            continue;
        };
        for cap in add.items() {
            let Some(name) = cap.str() else { continue };
            let name_norm = name.strip_prefix("CAP_").unwrap_or(name);
            // On Fargate everything but SYS_PTRACE is rejected outright (ECS109).
            if fargate && name_norm != "SYS_PTRACE" {
                continue;
            }
            if let Some((_, what)) = DANGEROUS.iter().find(|(n, _)| *n == name_norm) {
                ctx.report(cap.loc(), format!("{} adds `{name}`: {what}", c.label()))
                    .help("remove the capability unless the workload truly needs it; prefer a narrower one");
            }
        }
    }
}
