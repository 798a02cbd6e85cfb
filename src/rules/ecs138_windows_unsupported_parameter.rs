//! ECS138 windows-unsupported-parameter: a parameter that ECS does not support for Windows
//! containers is set on a Windows task (and `user` names the container administrator).

use crate::diagnostic::Severity;
use crate::document::at::At;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::tree::Value;

task_rule!(
    "ECS138",
    "windows-unsupported-parameter",
    Warning | Info,
    check
);

/// Set to something that counts: not an empty string or list (or a list of empty strings),
/// not `false` (the default of the boolean fields), not a placeholder.
fn set(n: Option<At<'_>>) -> Option<At<'_>> {
    n.filter(|n| {
        !n.is_unknown()
            && match n.value() {
                Value::Null | Value::Bool(false) => false,
                Value::String { value, .. } => !value.is_empty(),
                // CLI skeletons hold `[""]` for every list.
                Value::Array(a) => a.iter().any(|i| i.str() != Some("")),
                Value::Object(m) => !m.is_empty(),
                _ => true,
            }
    })
}

const HELP: &str = "remove it: Windows containers do not support it (run the workload as a Linux task if it needs it)";

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // A task that says it is Linux is, whatever else it holds (an FSx volume, say).
    let linux = task
        .field("runtimePlatform")
        .and_then(|p| p.field("operatingSystemFamily"))
        .and_then(|os| os.str())
        == Some("LINUX");
    if linux || !task.windows_likely() {
        return;
    }
    // Fargate rejects these for every task, and ECS109 says so there.
    let fargate = task.fargate();
    let task_fields: &[&str] = if fargate {
        &["proxyConfiguration"]
    } else {
        &["ipcMode", "pidMode", "proxyConfiguration"]
    };
    // Fargate rejects `pidMode: host` for every task (ECS109), but `task` only for Windows.
    if fargate
        && let Some(pid) = set(task.field("pidMode"))
        && pid.str() != Some("host")
    {
        ctx.report(
            pid.member_loc(),
            "`pidMode` is not supported for Windows containers on Fargate",
        )
        .help(HELP);
    }
    for &field in task_fields {
        if let Some(f) = set(task.field(field)) {
            ctx.report(
                f.member_loc(),
                format!("`{field}` is not supported for Windows containers"),
            )
            .help(HELP);
        }
    }
    for c in task.containers() {
        let label = c.label();
        // `privileged` is ECS108's, on every platform.
        let mut fields = vec![
            "linuxParameters",
            "readonlyRootFilesystem",
            "ulimits",
            "systemControls",
        ];
        if fargate {
            // Windows containers on Fargate cannot load environment files.
            fields.push("environmentFiles");
        } else {
            fields.extend([
                "links",
                "dnsServers",
                "dnsSearchDomains",
                "extraHosts",
                "disableNetworking",
            ]);
        }
        for field in fields {
            if let Some(f) = set(c.field(field)) {
                ctx.report(
                    f.member_loc(),
                    format!(
                        "{label} sets `{field}`, which Windows containers{} do not support",
                        if field == "environmentFiles" {
                            " on Fargate"
                        } else {
                            ""
                        }
                    ),
                )
                .help(HELP);
            }
        }
        let Some(user) = set(c.field("user")) else {
            continue;
        };
        let Some(name) = user.str() else { continue };
        if name.eq_ignore_ascii_case("ContainerAdministrator") {
            ctx.report(
                user.member_loc(),
                format!(
                    "{label} sets `user` to `{name}`, the administrator account of Windows containers"
                ),
            )
            .help("run as the unprivileged `ContainerUser` account: set `USER ContainerUser` in the image's Dockerfile (ECS documents the task definition's `user` as not supported for Windows containers)");
        } else {
            ctx.report(
                user.member_loc(),
                format!(
                    "{label} sets `user`, which ECS documents as not supported for Windows containers"
                ),
            )
            .severity(Severity::Info)
            .help("set the account in the image instead (`USER ContainerUser` in the Dockerfile), and check that the container really runs as it");
        }
    }
}
