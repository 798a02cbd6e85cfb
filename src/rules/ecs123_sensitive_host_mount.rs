//! ECS123 sensitive-host-mount: a container mounts the Docker socket or a sensitive host
//! directory (`/`, `/etc`, `/proc`, `/sys`, ...) through a `host.sourcePath` volume.

use crate::diagnostic::Severity;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS123", "sensitive-host-mount", Warning | Info, check);

/// Container runtime sockets, and the run directories that hold them: whoever can write to
/// one controls every container on the instance and can start a privileged one.
const SOCKETS: &[(&str, &str)] = &[
    ("/var/run/docker.sock", "/var/run/docker.sock"),
    ("/run/docker.sock", "/run/docker.sock"),
    ("/var/run", "/var/run/docker.sock"),
    ("/run", "/run/docker.sock"),
    (
        "/var/run/containerd/containerd.sock",
        "/var/run/containerd/containerd.sock",
    ),
    (
        "/run/containerd/containerd.sock",
        "/run/containerd/containerd.sock",
    ),
    ("/var/run/containerd", "/var/run/containerd/containerd.sock"),
    ("/run/containerd", "/run/containerd/containerd.sock"),
];

/// Host directories CIS Docker Benchmark 5.6 names: mounting one of them, or a path under
/// one, exposes the instance's system files to the container.
const SENSITIVE: &[&str] = &["/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr"];

/// A host path written lexically clean: repeated and trailing slashes removed, `.` and `..`
/// resolved. `None` for anything but an absolute Linux path.
pub fn clean(path: &str) -> Option<String> {
    if !path.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut clean = String::from("/");
    clean.push_str(&parts.join("/"));
    Some(clean)
}

/// `path` is `dir` or under it.
fn within(path: &str, dir: &str) -> bool {
    path == dir || (path.starts_with(dir) && path[dir.len()..].starts_with('/'))
}

/// What mounting a (clean) host path exposes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exposure {
    /// A container runtime socket (the one named), or the run directory that holds it.
    Socket(&'static str),
    /// The whole host file system.
    Root,
    /// A sensitive directory (the one named), or a path under it.
    Directory(&'static str),
}

pub fn exposure(path: &str) -> Option<Exposure> {
    if path == "/" {
        return Some(Exposure::Root);
    }
    if let Some((_, socket)) = SOCKETS.iter().find(|(p, _)| *p == path) {
        return Some(Exposure::Socket(socket));
    }
    SENSITIVE
        .iter()
        .find(|d| within(path, d))
        .map(|d| Exposure::Directory(d))
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // Fargate rejects `sourcePath` outright (ECS109).
    if task.fargate() {
        return;
    }
    for c in task.containers() {
        let Some(mounts) = c.field("mountPoints") else {
            continue;
        };
        for m in mounts.items() {
            let Some(source) = m.field("sourceVolume") else {
                continue;
            };
            let Some(name) = source.str().filter(|n| !n.is_empty()) else {
                continue;
            };
            let Some(volume) = task.volume_named(name) else {
                continue;
            };
            let Some(path_at) = volume.field("host").and_then(|h| h.field("sourcePath")) else {
                continue;
            };
            let Some(path) = path_at.str().and_then(clean) else {
                continue;
            };
            let Some(exposure) = exposure(&path) else {
                continue;
            };
            let read_only = m.field("readOnly");
            let read_only_known = read_only.is_none_or(|r| r.bool().is_some());
            let read_only = read_only.and_then(|r| r.bool()) == Some(true);
            let label = c.label();
            let (message, severity, help) = match exposure {
                Exposure::Socket(socket) => (
                    if path == socket {
                        format!(
                            "{label} mounts the container runtime socket `{path}` ({}): it can control every container on the instance and start privileged ones, which is root on the host",
                            volume.label()
                        )
                    } else {
                        format!(
                            "{label} mounts host `{path}` ({}), which holds the container runtime socket `{socket}`: it can control every container on the instance and start privileged ones, which is root on the host",
                            volume.label()
                        )
                    },
                    // A read-only bind mount does not stop anyone from talking to a socket.
                    Severity::Warning,
                    "remove the mount; an agent that needs container metadata can read the ECS task metadata endpoint (`ECS_CONTAINER_METADATA_URI_V4`) instead",
                ),
                Exposure::Root | Exposure::Directory(_) => {
                    let what = match exposure {
                        Exposure::Directory(dir) if dir == path => {
                            format!("the instance's `{dir}`")
                        }
                        Exposure::Directory(dir) => format!("a path under the instance's `{dir}`"),
                        _ => "the instance's whole file system".to_string(),
                    };
                    if read_only {
                        (
                            format!(
                                "{label} mounts host `{path}` read-only ({}): it can read {what}",
                                volume.label()
                            ),
                            Severity::Info,
                            "mount only the files the process needs; monitoring agents that read `/proc` or `/sys` need this, other containers do not",
                        )
                    } else if !read_only_known {
                        (
                            format!(
                                "{label} mounts host `{path}` ({}): it can read {what}, and change it unless the mount is read-only",
                                volume.label()
                            ),
                            Severity::Info,
                            "mount only the files the process needs, with `\"readOnly\": true`",
                        )
                    } else {
                        (
                            format!(
                                "{label} mounts host `{path}` writable ({}): it can change {what}",
                                volume.label()
                            ),
                            Severity::Warning,
                            "mount only the files the process needs, and set `\"readOnly\": true` on the mount point",
                        )
                    }
                }
            };
            ctx.report(source.loc(), message)
                .severity(severity)
                .help(help)
                .related(path_at.member_loc(), "the host path");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Exposure, clean, exposure};

    #[test]
    fn paths() {
        assert_eq!(
            clean("/var//run/./docker.sock/").as_deref(),
            Some("/var/run/docker.sock")
        );
        assert_eq!(clean("/etc/../").as_deref(), Some("/"));
        assert_eq!(clean("C:\\data"), None);
        assert_eq!(exposure("/"), Some(Exposure::Root));
        assert_eq!(
            exposure("/var/run"),
            Some(Exposure::Socket("/var/run/docker.sock"))
        );
        assert_eq!(
            exposure("/run/docker.sock"),
            Some(Exposure::Socket("/run/docker.sock"))
        );
        assert_eq!(
            exposure("/sys/fs/cgroup"),
            Some(Exposure::Directory("/sys"))
        );
        assert_eq!(exposure("/etc"), Some(Exposure::Directory("/etc")));
        assert_eq!(
            exposure("/run/containerd"),
            Some(Exposure::Socket("/run/containerd/containerd.sock"))
        );
        for p in [
            "/var",
            "/var/lib/data",
            "/etc2",
            "/usrlocal",
            "/cgroup",
            "/home/ec2-user",
            "/tmp",
            "/data",
        ] {
            assert_eq!(exposure(p), None, "{p}");
        }
    }
}
