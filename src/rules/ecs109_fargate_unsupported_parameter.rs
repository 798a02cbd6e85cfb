//! ECS109 fargate-unsupported-parameter: a parameter Fargate rejects.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::tree::{Node, Value, join_index};

task_rule!("ECS109", "fargate-unsupported-parameter", Error, check);

const FARGATE_LOG_DRIVERS: &[&str] = &["awslogs", "splunk", "awsfirelens"];
const MAX_TIMEOUT: i64 = 120;

/// Set to something that counts: not null, not an empty list, not `false`.
fn set(n: Option<&Node>) -> bool {
    match n.map(|n| &n.value) {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::String { value, .. }) => !value.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    }
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    if !task.fargate() {
        return;
    }
    let help_remove = "remove it, or run this task on EC2 instead of Fargate";
    for field in ["ipcMode"] {
        if set(task.get(field)) {
            ctx.report(
                Loc::member(task.ptr(field)),
                format!("Fargate does not support `{field}`"),
            )
            .help(help_remove);
        }
    }
    if task.get("pidMode").and_then(Node::str) == Some("host") {
        ctx.report(
            Loc::member(task.ptr("pidMode")),
            "Fargate does not support `pidMode: host`",
        )
        .help("use `\"pidMode\": \"task\"` (platform version 1.4.0 or later) or remove it");
    }
    if set(task.get("placementConstraints")) {
        ctx.report(
            Loc::key(task.ptr("placementConstraints")),
            "Fargate does not support placement constraints",
        )
        .help("remove `placementConstraints`");
    }
    if let Some(volumes) = task.get("volumes") {
        for (i, v) in volumes.items().iter().enumerate() {
            let p = join_index(&task.ptr("volumes"), i);
            if v.get("dockerVolumeConfiguration").is_some() {
                ctx.report(Loc::key(p.clone() + "/dockerVolumeConfiguration"), "Fargate does not support Docker volumes (`dockerVolumeConfiguration`)")
                    .help("use an EFS volume (`efsVolumeConfiguration`), an EBS volume configured at launch, or a bind mount");
            }
            if v.get("host").and_then(|h| h.get("sourcePath")).is_some() {
                ctx.report(Loc::member(p + "/host/sourcePath"), "Fargate does not support host paths (`host.sourcePath`)")
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
            if set(c.get(field)) {
                ctx.report(
                    Loc::member(c.ptr(field)),
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
            if set(c.linux(field)) {
                ctx.report(
                    Loc::member(c.ptr("linuxParameters") + "/" + field),
                    format!(
                        "Fargate does not support `linuxParameters.{field}` ({})",
                        c.label()
                    ),
                )
                .help(help_remove);
            }
        }
        if let Some(add) = c.linux("capabilities").and_then(|caps| caps.get("add")) {
            for (i, cap) in add.items().iter().enumerate() {
                if let Some(name) = cap.str()
                    && name != "SYS_PTRACE"
                {
                    ctx.report(
                        Loc::value(join_index(
                            &(c.ptr("linuxParameters") + "/capabilities/add"),
                            i,
                        )),
                        format!(
                            "Fargate only allows adding `SYS_PTRACE`, not `{name}` ({})",
                            c.label()
                        ),
                    )
                    .help("remove the capability; on Fargate only SYS_PTRACE can be added");
                }
            }
        }
        if let Some(reqs) = c.get("resourceRequirements") {
            for (i, r) in reqs.items().iter().enumerate() {
                if let Some(t @ ("GPU" | "InferenceAccelerator")) =
                    r.get("type").and_then(Node::str)
                {
                    ctx.report(
                        Loc::value(join_index(&c.ptr("resourceRequirements"), i) + "/type"),
                        format!("Fargate does not support `{t}` resources ({})", c.label()),
                    )
                    .help("run GPU workloads on EC2 (or Managed Instances) capacity");
                }
            }
        }
        if let Some(driver) = c
            .get("logConfiguration")
            .and_then(|l| l.get("logDriver"))
            .and_then(Node::str)
            && !FARGATE_LOG_DRIVERS.contains(&driver)
        {
            ctx.report(Loc::value(c.ptr("logConfiguration") + "/logDriver"), format!("Fargate does not support the `{driver}` log driver ({})", c.label()))
                .help("use `awslogs`, `splunk`, or `awsfirelens` (FireLens can forward to fluentd, syslog and others)");
        }
        for field in ["stopTimeout", "startTimeout"] {
            if let Some(t) = c.int(field)
                && t > MAX_TIMEOUT
            {
                ctx.report(
                    Loc::member(c.ptr(field)),
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
