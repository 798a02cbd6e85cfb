//! ECS109 fargate-unsupported-parameter: a parameter Fargate rejects.

use crate::document::at::At;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::tree::Value;

task_rule!("ECS109", "fargate-unsupported-parameter", Error, check);

const FARGATE_LOG_DRIVERS: &[&str] = &["awslogs", "splunk", "awsfirelens"];
const MAX_TIMEOUT: i64 = 120;
/// The most open files Fargate lets a container raise `nofile` to.
const MAX_NOFILE: i64 = 1_048_576;

/// A sysctl Docker can set per container: the IPC namespace's and the network namespace's.
/// Fargate accepts only these.
fn namespaced_sysctl(name: &str) -> bool {
    matches!(
        name,
        "kernel.msgmax"
            | "kernel.msgmnb"
            | "kernel.msgmni"
            | "kernel.sem"
            | "kernel.shmall"
            | "kernel.shmmax"
            | "kernel.shmmni"
            | "kernel.shm_rmid_forced"
    ) || name.starts_with("fs.mqueue.")
        || name.starts_with("net.")
}

/// Set to something that counts: not null, not an empty list, not `false`.
fn set(n: Option<At<'_>>) -> Option<At<'_>> {
    n.filter(|n| match n.value() {
        Value::Null | Value::Bool(false) => false,
        Value::String { value, .. } => !value.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => true,
    })
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    if !task.fargate() {
        return;
    }
    let help_remove = "remove it, or run this task on EC2 instead of Fargate";
    for field in ["ipcMode"] {
        if let Some(f) = set(task.field(field)) {
            ctx.report(
                f.member_loc(),
                format!("Fargate does not support `{field}`"),
            )
            .help(help_remove);
        }
    }
    if let Some(pid) = task.field("pidMode")
        && pid.str() == Some("host")
    {
        ctx.report(pid.member_loc(), "Fargate does not support `pidMode: host`")
            .help("use `\"pidMode\": \"task\"` (platform version 1.4.0 or later) or remove it");
    }
    if let Some(constraints) = set(task.field("placementConstraints")) {
        ctx.report(
            constraints.key_loc(),
            "Fargate does not support placement constraints",
        )
        .help("remove `placementConstraints`");
    }
    if let Some(volumes) = task.field("volumes") {
        for v in volumes.items() {
            if let Some(docker) = v.field("dockerVolumeConfiguration") {
                ctx.report(docker.key_loc(), "Fargate does not support Docker volumes (`dockerVolumeConfiguration`)")
                    .help("use an EFS volume (`efsVolumeConfiguration`), an EBS volume configured at launch, or a bind mount");
            }
            if let Some(fsx) = v.field("fsxWindowsFileServerVolumeConfiguration") {
                ctx.report(fsx.key_loc(), "Fargate does not support FSx for Windows File Server volumes (`fsxWindowsFileServerVolumeConfiguration`)")
                    .help("run the task on EC2 Windows instances to mount FSx for Windows File Server, or use an EFS volume for Linux tasks");
            }
            if let Some(source) = v.field("host").and_then(|h| h.field("sourcePath")) {
                ctx.report(source.member_loc(), "Fargate does not support host paths (`host.sourcePath`)")
                    .help("remove `sourcePath` to get a task-scoped bind mount, or use EFS for shared data");
            }
        }
    }
    for c in task.containers() {
        for field in [
            "links",
            "dockerSecurityOptions",
            "extraHosts",
            "dnsServers",
            "dnsSearchDomains",
            "disableNetworking",
        ] {
            if let Some(f) = set(c.field(field)) {
                ctx.report(
                    f.member_loc(),
                    format!("Fargate does not support `{field}` ({})", c.label()),
                )
                .help(help_remove);
            }
        }
        for field in [
            "devices",
            "sharedMemorySize",
            "tmpfs",
            "maxSwap",
            "swappiness",
        ] {
            if let Some(f) = set(c.linux_field(field)) {
                ctx.report(
                    f.member_loc(),
                    format!(
                        "Fargate does not support `linuxParameters.{field}` ({})",
                        c.label()
                    ),
                )
                .help(help_remove);
            }
        }
        if let Some(add) = c
            .linux_field("capabilities")
            .and_then(|caps| caps.field("add"))
        {
            for cap in add.items() {
                if let Some(name) = cap.str()
                    && name != "SYS_PTRACE"
                {
                    ctx.report(
                        cap.loc(),
                        format!(
                            "Fargate only allows adding `SYS_PTRACE`, not `{name}` ({})",
                            c.label()
                        ),
                    )
                    .help("remove the capability; on Fargate only SYS_PTRACE can be added");
                }
            }
        }
        if let Some(reqs) = c.field("resourceRequirements") {
            for r in reqs.items() {
                if let Some(ty) = r.field("type")
                    && let Some(t @ ("GPU" | "InferenceAccelerator")) = ty.str()
                {
                    ctx.report(
                        ty.loc(),
                        format!("Fargate does not support `{t}` resources ({})", c.label()),
                    )
                    .help("run GPU workloads on EC2 (or Managed Instances) capacity");
                }
            }
        }
        if let Some(driver_at) = c
            .field("logConfiguration")
            .and_then(|l| l.field("logDriver"))
            && let Some(driver) = driver_at.str()
            && !FARGATE_LOG_DRIVERS.contains(&driver)
        {
            ctx.report(driver_at.loc(), format!("Fargate does not support the `{driver}` log driver ({})", c.label()))
                .help("use `awslogs`, `splunk`, or `awsfirelens` (FireLens can forward to fluentd, syslog and others)");
        }
        if let Some(kind) = c
            .field("firelensConfiguration")
            .and_then(|f| f.field("options"))
            .and_then(|o| o.entry("config-file-type"))
            && kind.str() == Some("s3")
        {
            ctx.report(
                kind.member_loc(),
                format!(
                    "Fargate does not support FireLens configuration files from S3 (`config-file-type: s3`) ({})",
                    c.label()
                ),
            )
            .help("use `\"config-file-type\": \"file\"` with a configuration file built into the log router's image");
        }
        if let Some(ulimits) = c.field("ulimits") {
            for u in ulimits.items() {
                if u.field("name").and_then(|n| n.str()) != Some("nofile") {
                    continue;
                }
                for limit in ["softLimit", "hardLimit"] {
                    if let Some(l) = u.field(limit)
                        && let Some(n) = l.int()
                        && n > MAX_NOFILE
                    {
                        ctx.report(
                            l.member_loc(),
                            format!(
                                "the `nofile` {limit} is {n}, but Fargate allows at most {MAX_NOFILE} ({})",
                                c.label()
                            ),
                        )
                        .help(format!("set the `nofile` limits to {MAX_NOFILE} or less"));
                    }
                }
            }
        }
        if let Some(controls) = c.field("systemControls") {
            for control in controls.items() {
                if let Some(ns) = control.field("namespace")
                    && let Some(name) = ns.str()
                    && !name.is_empty()
                    && !namespaced_sysctl(name)
                {
                    ctx.report(
                        ns.loc(),
                        format!(
                            "Fargate only sets namespaced sysctls (IPC `kernel.msg*`, `kernel.sem`, `kernel.shm*`, `fs.mqueue.*`, and `net.*`), not `{name}` ({})",
                            c.label()
                        ),
                    )
                    .help("remove it: a sysctl outside the container's namespaces would change the host; run on EC2 if the workload needs it there");
                }
            }
        }
        for field in ["stopTimeout", "startTimeout"] {
            if let Some(timeout) = c.field(field)
                && let Some(t) = timeout.int()
                && t > MAX_TIMEOUT
            {
                ctx.report(
                    timeout.member_loc(),
                    format!(
                        "`{field}` is {t} s but Fargate allows at most {MAX_TIMEOUT} s ({})",
                        c.label()
                    ),
                )
                .help(format!("set `{field}` to {MAX_TIMEOUT} or less"));
            }
        }
    }
}
