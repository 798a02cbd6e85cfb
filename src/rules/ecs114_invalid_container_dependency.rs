//! ECS114 invalid-container-dependency: bad `dependsOn` targets, conditions and cycles.

use crate::document::at::At;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS114", "invalid-container-dependency", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let cs = task.containers();
    let names: Vec<Option<&str>> = cs
        .iter()
        .map(|c| c.field("name").and_then(|n| n.str()))
        .collect();
    let index_of = |n: &str| names.iter().position(|x| *x == Some(n));
    // edges[i] = containers i waits for, with the `containerName` that names each
    let mut edges: Vec<Vec<(usize, At)>> = vec![Vec::new(); cs.len()];
    for (i, c) in cs.iter().enumerate() {
        let Some(deps) = c.field("dependsOn") else {
            continue;
        };
        for dep in deps.items() {
            let Some(name_at) = dep.field("containerName") else {
                continue;
            };
            let Some(target) = name_at.str() else {
                continue;
            };
            let at = name_at.loc();
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
            edges[i].push((t, name_at));
            let target_c = &cs[t];
            let condition = dep.field("condition");
            match condition.and_then(|n| Some((n, n.str()?))) {
                Some((cond_at, "HEALTHY")) if target_c.field("healthCheck").is_none() => {
                    ctx.report(cond_at.loc(), format!("{} waits for `{target}` to be HEALTHY, but `{target}` has no `healthCheck`", c.label()))
                        .help(format!("add a `healthCheck` to `{target}`, or use the START condition"))
                        .related(target_c.head(), "the target container");
                }
                Some((cond_at, cond @ ("COMPLETE" | "SUCCESS"))) if target_c.essential() => {
                    ctx.report(cond_at.loc(), format!("{} waits for essential container `{target}` to {}, but an essential container exiting stops the task", c.label(), cond.to_lowercase()))
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
        // The path starts with one of `start`'s own edges.
        let Some((_, first_edge)) = edges[start].iter().find(|(t, _)| *t == path[1]) else {
            continue;
        };
        ctx.report(
            first_edge.loc(),
            format!(
                "containers wait for each other in a cycle: {}",
                chain.join(" → ")
            ),
        )
        .help("remove one `dependsOn` entry so the containers can start in some order");
    }
}
