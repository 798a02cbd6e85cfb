//! ECS110 dangerous-capability: a capability that weakens isolation is added (warning), or
//! one outside Docker's default set (info).

use crate::diagnostic::Severity;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS110", "dangerous-capability", Warning | Info, check);

/// The other capability names ECS accepts (`KernelCapabilities`), less the dangerous ones
/// and Docker's default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD,
/// NET_BIND_SERVICE, NET_RAW, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT): each adds a power
/// containers are denied by default.
const BEYOND_DEFAULT: &[(&str, &str)] = &[
    ("AUDIT_CONTROL", "changing the kernel's audit rules"),
    ("BLOCK_SUSPEND", "keeping the system from suspending"),
    ("IPC_LOCK", "locking memory"),
    ("IPC_OWNER", "bypassing permission checks on IPC objects"),
    ("LEASE", "taking leases on files it does not own"),
    (
        "LINUX_IMMUTABLE",
        "changing immutable and append-only file flags",
    ),
    ("NET_BROADCAST", "broadcasting and listening to multicast"),
    (
        "SYS_NICE",
        "raising process priority and changing CPU affinity",
    ),
    ("SYS_PACCT", "turning process accounting on and off"),
    ("SYS_RESOURCE", "overriding resource limits and quotas"),
    ("SYS_TTY_CONFIG", "configuring terminals"),
    ("SYSLOG", "reading and clearing the kernel log"),
    ("WAKE_ALARM", "setting alarms that wake the system"),
];

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
            } else if let Some((_, what)) = BEYOND_DEFAULT.iter().find(|(n, _)| *n == name_norm) {
                ctx.report(
                    cap.loc(),
                    format!(
                        "{} adds `{name}` ({what}), which Docker does not grant containers by default",
                        c.label()
                    ),
                )
                .severity(Severity::Info)
                .help("keep it only if the process needs it; Docker's default set (CHOWN, NET_BIND_SERVICE, SETUID, ...) covers most workloads");
            }
            // Anything else is in Docker's default set (adding it back after `drop: ["ALL"]`
            // is the recommended pattern) or not a capability name (the schema check says so).
        }
    }
}
