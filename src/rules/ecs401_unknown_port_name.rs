//! ECS401 unknown-port-name: Service Connect or VPC Lattice names a port mapping that the
//! task definition does not have.

use crate::diagnostic::Loc;
use crate::link::{CrossCtx, Links};
use crate::tree::Node;

rule!("ECS401", "unknown-port-name", Error, Cross(check));

fn check(links: &Links, ctx: &mut CrossCtx) {
    for svc in &links.services {
        let Some(task) = links.task_of(svc) else {
            continue;
        };
        // Every port mapping name in the task definition; give up if any is unknown.
        let mut known: Vec<&str> = Vec::new();
        let mut unknown = !task.doc.containers_known();
        for c in task.doc.containers() {
            let list = c.get("portMappings");
            if list.is_some_and(|l| !l.is_array() || l.items().iter().any(|m| !m.is_object())) {
                unknown = true;
            }
            for m in list.map(Node::items).unwrap_or_default() {
                match m.get("name") {
                    Some(n) if n.is_unknown() => unknown = true,
                    Some(n) => known.extend(n.str()),
                    None => {}
                }
            }
        }
        if unknown {
            continue;
        }
        let family = task.doc.get("family").and_then(Node::str).unwrap_or("?");
        let mut uses: Vec<(String, &str)> = Vec::new();
        let sc = svc.doc.ptr("serviceConnectConfiguration");
        if let Some(list) = svc
            .doc
            .get("serviceConnectConfiguration")
            .and_then(|s| s.get("services"))
        {
            for i in 0..list.items().len() {
                uses.push((format!("{sc}/services/{i}/portName"), "Service Connect"));
            }
        }
        let lattice = svc.doc.ptr("vpcLatticeConfigurations");
        if let Some(list) = svc.doc.get("vpcLatticeConfigurations") {
            for i in 0..list.items().len() {
                uses.push((format!("{lattice}/{i}/portName"), "VPC Lattice"));
            }
        }
        for (pointer, what) in uses {
            let rel = pointer.strip_prefix(svc.doc.pointer).unwrap_or(&pointer);
            let Some(name) = svc.doc.node.pointer(rel).and_then(|(n, _)| n.str()) else {
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
                Loc::value(pointer.clone()),
                format!(
                    "{what} uses port `{name}`, but task definition `{family}` has {have}"
                ),
            )
            .help("set `portName` to the `name` of a port mapping, or give the port mapping that name in the task definition")
            .related(
                task.file,
                Loc::key(task.doc.ptr("containerDefinitions")),
                format!("the containers of `{family}`"),
            );
        }
    }
}
