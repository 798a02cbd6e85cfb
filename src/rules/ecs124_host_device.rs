//! ECS124 host-device: a container gets direct access to a host device
//! (`linuxParameters.devices`).

use crate::diagnostic::Severity;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS124", "host-device", Warning | Info, check);

/// Devices that give the instance's memory or disks: read access alone reads every file and
/// secret on the instance.
fn raw_storage_or_memory(path: &str) -> bool {
    let Some(dev) = path.strip_prefix("/dev/") else {
        return false;
    };
    matches!(dev, "mem" | "kmem" | "port")
        || [
            "sd", "xvd", "nvme", "vd", "hd", "dm-", "loop", "disk/", "mapper/", "md",
        ]
        .iter()
        .any(|p| dev.starts_with(p))
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // Fargate rejects `devices` outright (ECS109).
    if task.fargate() {
        return;
    }
    for c in task.containers() {
        let Some(devices) = c.linux_field("devices") else {
            continue;
        };
        for d in devices.items() {
            let Some(host) = d.field("hostPath") else {
                continue;
            };
            let path = match host.str() {
                Some("") => continue,
                Some(p) => Some(p),
                None if host.is_unknown() => None,
                None => continue,
            };
            // Omitted (or empty) permissions are read, write and mknod.
            let permissions = d.field("permissions");
            let granted: Vec<&str> = match permissions {
                Some(p) if p.is_array() && p.items().next().is_some() => {
                    let mut out = Vec::new();
                    let mut known = true;
                    for item in p.items() {
                        match item.str() {
                            Some(s) => out.push(s),
                            None => known = false,
                        }
                    }
                    if !known {
                        continue;
                    }
                    out
                }
                Some(p) if !p.is_array() => continue,
                _ => vec!["read", "write", "mknod"],
            };
            let defaulted = permissions.is_none_or(|p| p.items().next().is_none());
            let mknod = granted.contains(&"mknod");
            let write = granted.contains(&"write");
            let raw = path.is_some_and(raw_storage_or_memory);
            let shown = match path {
                Some(p) => format!("host device `{p}`"),
                None => "a host device".to_string(),
            };
            let perms = if defaulted {
                "read, write and mknod: the default when `permissions` is omitted".to_string()
            } else {
                granted.join(", ")
            };
            let label = c.label();
            let (severity, message, help) = if raw {
                (
                    Severity::Warning,
                    format!(
                        "{label} has direct access to {shown} ({perms}): raw access to the instance's memory or disks reaches every file and secret on it"
                    ),
                    "remove the device; mount the data the process needs as a volume instead",
                )
            } else if mknod {
                (
                    Severity::Warning,
                    format!(
                        "{label} has direct access to {shown} ({perms}); with `mknod` it can create device nodes"
                    ),
                    "grant only what the process needs: `\"permissions\": [\"read\", \"write\"]` (or just `read`); `mknod` is rarely needed",
                )
            } else {
                (
                    Severity::Info,
                    format!("{label} has direct access to {shown} ({perms})",),
                    if write {
                        "keep it only if the process needs the device (a GPU, accelerator or video device, say): ECS cannot confine what the process does with it"
                    } else {
                        "keep it only if the process needs the device; read access is the least it can have"
                    },
                )
            };
            ctx.report(host.loc(), message)
                .severity(severity)
                .help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn raw_devices() {
        for p in [
            "/dev/mem",
            "/dev/sda",
            "/dev/xvda1",
            "/dev/nvme0n1",
            "/dev/mapper/root",
        ] {
            assert!(super::raw_storage_or_memory(p), "{p}");
        }
        for p in [
            "/dev/dri/renderD128",
            "/dev/neuron0",
            "/dev/fuse",
            "/dev/net/tun",
            "/dev/nvidia0",
        ] {
            assert!(!super::raw_storage_or_memory(p), "{p}");
        }
    }
}
