//! ECS400 unknown-load-balancer-container: a service's load balancer (or service registry)
//! names a container or container port that its task definition does not have.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::link::{CrossCtx, Links};
use crate::tree::Node;

rule!(
    "ECS400",
    "unknown-load-balancer-container",
    Error,
    Cross(check)
);

/// Container ports of a container's port mappings; `None` when any is unknown.
pub fn container_ports(c: &crate::document::taskdef::Container) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    if let Some(list) = c.get("portMappings") {
        if list.is_unknown() {
            return None;
        }
        if !list.is_array() {
            return None;
        }
        for m in list.items() {
            if !m.is_object() {
                return None;
            }
            match m.get("containerPort") {
                Some(p) if p.is_unknown() => return None,
                Some(p) => out.extend(p.int()),
                None => {}
            }
        }
    }
    Some(out)
}

fn names(task: &TaskDef) -> String {
    let list: Vec<String> = task
        .containers()
        .iter()
        .filter_map(|c| c.name())
        .map(|n| format!("`{n}`"))
        .collect();
    if list.is_empty() {
        "none".into()
    } else {
        list.join(", ")
    }
}

fn check(links: &Links, ctx: &mut CrossCtx) {
    for svc in &links.services {
        let Some(task) = links.task_of(svc) else {
            continue;
        };
        if !task.doc.containers_known()
            || task
                .doc
                .containers()
                .iter()
                .any(|c| c.get("name").is_some_and(Node::is_unknown))
        {
            continue;
        }
        let family = task.doc.get("family").and_then(Node::str).unwrap_or("?");
        let mut entries = svc.doc.load_balancers();
        let registries = svc.doc.ptr("serviceRegistries");
        if let Some(r) = svc.doc.get("serviceRegistries") {
            entries.extend(
                r.items()
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| n.is_object())
                    .map(|(i, n)| (n, format!("{registries}/{i}"))),
            );
        }
        for (entry, p) in entries {
            let what = if p.starts_with(&registries) {
                "service registry"
            } else {
                "load balancer"
            };
            let Some(name) = entry.get("containerName").and_then(Node::str) else {
                continue;
            };
            let Some(container) = task.doc.container_named(name) else {
                ctx.report(
                    svc.file,
                    Loc::value(format!("{p}/containerName")),
                    format!(
                        "the {what} sends traffic to container `{name}`, but task definition `{family}` has no container of that name (it has {})",
                        names(&task.doc)
                    ),
                )
                .help("use the `name` of the container that serves the traffic, or fix the task definition reference")
                .related(
                    task.file,
                    Loc::key(task.doc.ptr("containerDefinitions")),
                    format!("the containers of `{family}`"),
                );
                continue;
            };
            let Some(port) = entry.get("containerPort").and_then(Node::int) else {
                continue;
            };
            let Some(ports) = container_ports(container) else {
                continue;
            };
            if !ports.contains(&port) {
                let listed = if ports.is_empty() {
                    "no port mappings".to_string()
                } else {
                    let p: Vec<String> = ports.iter().map(i64::to_string).collect();
                    format!("container ports {}", p.join(", "))
                };
                let at = if container.get("portMappings").is_some() {
                    Loc::key(container.ptr("portMappings"))
                } else {
                    container.head()
                };
                ctx.report(
                    svc.file,
                    Loc::value(format!("{p}/containerPort")),
                    format!(
                        "the {what} sends traffic to port {port} of container `{name}`, but in task definition `{family}` that container has {listed}"
                    ),
                )
                .help(format!(
                    "use a `containerPort` from the container's `portMappings`, or add a mapping for {port}"
                ))
                .related(task.file, at, format!("the port mappings of `{name}`"));
            }
        }
    }
}
