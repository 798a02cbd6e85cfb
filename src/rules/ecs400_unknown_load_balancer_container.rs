//! ECS400 unknown-load-balancer-container: a service's load balancer (or service registry)
//! names a container or container port that its task definition does not have.

use crate::diagnostic::Loc;
use crate::document::at::At;
use crate::document::taskdef::TaskDef;
use crate::rules::cross::{CrossCtx, Links};

rule!(
    "ECS400",
    "unknown-load-balancer-container",
    Error,
    Cross(check)
);

/// Container ports of a container's port mappings; `None` when any is unknown.
pub fn container_ports(c: &crate::document::taskdef::Container) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    if let Some(list) = c.field("portMappings") {
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
            match m.field("containerPort") {
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

/// The `containerDefinitions` key of a task definition (where the old code pointed, also
/// when the list is absent).
fn containers_key(task: &TaskDef) -> Loc {
    match task.container_list() {
        Some(list) => list.key_loc(),
        None => task.missing("containerDefinitions"),
    }
}

/// Object entries of a service's array field, located.
fn object_items<'a>(list: Option<At<'a>>) -> Vec<At<'a>> {
    list.map(|l| l.items().filter(At::is_object).collect())
        .unwrap_or_default()
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
                .any(|c| c.field("name").is_some_and(|n| n.is_unknown()))
        {
            continue;
        }
        let family = task.doc.name();
        let entries = svc
            .doc
            .load_balancer_entries()
            .into_iter()
            .map(|e| (e, "load balancer"))
            .chain(
                object_items(svc.doc.field("serviceRegistries"))
                    .into_iter()
                    .map(|e| (e, "service registry")),
            );
        for (entry, what) in entries {
            let Some(name_at) = entry.field("containerName") else {
                continue;
            };
            let Some(name) = name_at.str() else {
                continue;
            };
            let Some(container) = task.doc.container_named(name) else {
                ctx.report(
                    svc.file,
                    name_at.loc(),
                    format!(
                        "the {what} sends traffic to container `{name}`, but task definition `{family}` has no container of that name (it has {})",
                        names(&task.doc)
                    ),
                )
                .help("use the `name` of the container that serves the traffic, or fix the task definition reference")
                .related(
                    task.file,
                    containers_key(&task.doc),
                    format!("the containers of `{family}`"),
                );
                continue;
            };
            let Some(port_at) = entry.field("containerPort") else {
                continue;
            };
            let Some(port) = port_at.int() else {
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
                let at = match container.field("portMappings") {
                    Some(m) => m.key_loc(),
                    None => container.at.head(),
                };
                ctx.report(
                    svc.file,
                    port_at.loc(),
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
