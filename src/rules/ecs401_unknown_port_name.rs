//! ECS401 unknown-port-name: Service Connect or VPC Lattice names a port mapping that the
//! task definition does not have.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::rules::cross::{CrossCtx, Links};

rule!("ECS401", "unknown-port-name", Error, Cross(check));

/// The `containerDefinitions` key of a task definition (where the old code pointed, also
/// when the list is absent).
fn containers_key(task: &TaskDef) -> Loc {
    match task.container_list() {
        Some(list) => list.key_loc(),
        None => task.missing("containerDefinitions"),
    }
}

fn check(links: &Links, ctx: &mut CrossCtx) {
    for svc in &links.services {
        let Some(task) = links.task_of(svc) else {
            continue;
        };
        // Every port mapping name in the task definition; give up if any is unknown.
        let mut known: Vec<&str> = Vec::new();
        let mut unknown = !task.doc.containers_known();
        for c in task.doc.containers() {
            let list = c.field("portMappings");
            if list.is_some_and(|l| !l.is_array() || l.items().any(|m| !m.is_object())) {
                unknown = true;
            }
            let Some(list) = list else { continue };
            for m in list.items() {
                match m.field("name") {
                    Some(n) if n.is_unknown() => unknown = true,
                    Some(n) => known.extend(n.str()),
                    None => {}
                }
            }
        }
        if unknown {
            continue;
        }
        let family = task.doc.name();
        let mut uses = Vec::new();
        if let Some(list) = svc
            .doc
            .field("serviceConnectConfiguration")
            .and_then(|s| s.field("services"))
        {
            uses.extend(list.items().map(|item| (item, "Service Connect")));
        }
        if let Some(list) = svc.doc.field("vpcLatticeConfigurations") {
            uses.extend(list.items().map(|item| (item, "VPC Lattice")));
        }
        for (item, what) in uses {
            let Some(port) = item.field("portName") else {
                continue;
            };
            let Some(name) = port.str() else {
                continue;
            };
            if known.contains(&name) {
                continue;
            }
            let have = if known.is_empty() {
                "no named port mappings".to_string()
            } else {
                let k: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                format!("port mappings named {}", k.join(", "))
            };
            ctx.report(
                svc.file,
                port.loc(),
                format!(
                    "{what} uses port `{name}`, but task definition `{family}` has {have}"
                ),
            )
            .help("set `portName` to the `name` of a port mapping, or give the port mapping that name in the task definition")
            .related(
                task.file,
                containers_key(&task.doc),
                format!("the containers of `{family}`"),
            );
        }
    }
}
