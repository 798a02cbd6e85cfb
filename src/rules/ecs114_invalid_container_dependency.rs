//! ECS114 invalid-container-dependency: bad `dependsOn` targets, conditions and cycles.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::tree::{Node, join_index};

task_rule!("ECS114", "invalid-container-dependency", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let cs = task.containers();
    let names: Vec<Option<&str>> = cs
        .iter()
        .map(|c| c.get("name").and_then(Node::str))
        .collect();
    let index_of = |n: &str| names.iter().position(|x| *x == Some(n));
    // edges[i] = containers i waits for
    let mut edges: Vec<Vec<(usize, String)>> = vec![Vec::new(); cs.len()];
    for (i, c) in cs.iter().enumerate() {
        let Some(deps) = c.get("dependsOn") else {
            continue;
        };
        for (j, dep) in deps.items().iter().enumerate() {
            let p = join_index(&c.ptr("dependsOn"), j);
            let Some(target) = dep.get("containerName").and_then(Node::str) else {
                continue;
            };
            let at = Loc::value(p.clone() + "/containerName");
            if names[i] == Some(target) {
                ctx.report(at, format!("{} depends on itself", c.label()))
                    .help("remove this `dependsOn` entry");
                continue;
            }
            let Some(t) = index_of(target) else {
                let mut help = "name a container defined in this task definition".to_string();
                if let Some(close) = crate::schema::closest(target, names.iter().flatten().copied())
                {
                    help = format!("did you mean `{close}`?");
                }
                if task.has_task_level() || cs.len() > 1 {
                    ctx.report(
                        at,
                        format!(
                            "{} depends on `{target}`, but there is no container with that name",
                            c.label()
                        ),
                    )
                    .help(help);
                }
                continue;
            };
            edges[i].push((t, p.clone()));
            let target_c = &cs[t];
            match dep.get("condition").and_then(Node::str) {
                Some("HEALTHY") if target_c.get("healthCheck").is_none() => {
                    ctx.report(Loc::value(p + "/condition"), format!("{} waits for `{target}` to be HEALTHY, but `{target}` has no `healthCheck`", c.label()))
                        .help(format!("add a `healthCheck` to `{target}`, or use the START condition"))
                        .related(target_c.head(), "the target container");
                }
                Some(cond @ ("COMPLETE" | "SUCCESS")) if target_c.essential() => {
                    ctx.report(Loc::value(p + "/condition"), format!("{} waits for essential container `{target}` to {}, but an essential container exiting stops the task", c.label(), cond.to_lowercase()))
                        .help(format!("set `\"essential\": false` on `{target}` (an init or migration container), or use START/HEALTHY"))
                        .related(target_c.head(), "the target container");
                }
                _ => {}
            }
        }
    }
    // Cycles: report each cycle once, at the lowest-index container on it.
    let n = cs.len();
    let mut reported = vec![false; n];
    for start in 0..n {
        if reported[start] {
            continue;
        }
        // BFS from start's targets back to start, remembering parents.
        let mut parent: Vec<Option<usize>> = vec![None; n];
        let mut queue: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
        let mut seen = vec![false; n];
        for (t, _) in &edges[start] {
            if !seen[*t] {
                seen[*t] = true;
                queue.push_back(*t);
            }
        }
        let mut found = None;
        while let Some(u) = queue.pop_front() {
            if u == start {
                found = Some(u);
                break;
            }
            for (v, _) in &edges[u] {
                if !seen[*v] {
                    seen[*v] = true;
                    parent[*v] = Some(u);
                    queue.push_back(*v);
                }
            }
        }
        if found.is_none() {
            continue;
        }
        // Rebuild the path start → ... → start.
        let mut path = vec![start];
        let mut cur = parent[start];
        while let Some(u) = cur {
            path.push(u);
            cur = parent[u];
        }
        path.push(start);
        path.reverse();
        for &u in &path {
            reported[u] = true;
        }
        let chain: Vec<String> = path
            .iter()
            .map(|&u| format!("`{}`", names[u].unwrap_or("?")))
            .collect();
        let first_edge = edges[start]
            .iter()
            .find(|(t, _)| *t == path[1])
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| cs[start].ptr("dependsOn"));
        ctx.report(
            Loc::value(first_edge + "/containerName"),
            format!(
                "containers wait for each other in a cycle: {}",
                chain.join(" → ")
            ),
        )
        .help("remove one `dependsOn` entry so the containers can start in some order");
    }
}
