//! ECS115 unknown-volume-reference: mountPoints/volumesFrom name something that is not there.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::tree::{Node, join_index};

task_rule!("ECS115", "unknown-volume-reference", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let volumes = task.get("volumes");
    let volume_names: Vec<&str> = volumes
        .map(|v| {
            v.items()
                .iter()
                .filter_map(|v| v.get("name").and_then(Node::raw_str))
                .collect()
        })
        .unwrap_or_default();
    let volumes_unknown = volumes.is_some_and(|v| {
        v.is_unknown()
            || v.items()
                .iter()
                .any(|v| v.get("name").is_some_and(Node::is_unknown))
    });
    let container_names: Vec<&str> = task.containers().iter().filter_map(|c| c.name()).collect();
    for c in task.containers() {
        if task.has_task_level() && !volumes_unknown {
            for (i, m) in c
                .get("mountPoints")
                .map(Node::items)
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                let Some(src) = m.get("sourceVolume").and_then(Node::str) else {
                    continue;
                };
                if !volume_names.contains(&src) {
                    let help = match crate::schema::closest(src, volume_names.iter().copied()) {
                        Some(close) => format!(
                            "did you mean `{close}`? Otherwise add `{{\"name\": \"{src}\"}}` to the task's `volumes`"
                        ),
                        None => format!("add a volume named `{src}` to the task's `volumes`"),
                    };
                    ctx.report(
                        Loc::value(join_index(&c.ptr("mountPoints"), i) + "/sourceVolume"),
                        format!(
                            "{} mounts volume `{src}`, which the task does not define",
                            c.label()
                        ),
                    )
                    .help(help);
                }
            }
        }
        for (i, v) in c
            .get("volumesFrom")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let Some(src) = v.get("sourceContainer").and_then(Node::str) else {
                continue;
            };
            let at = Loc::value(join_index(&c.ptr("volumesFrom"), i) + "/sourceContainer");
            if c.name() == Some(src) {
                ctx.report(at, format!("{} takes volumes from itself", c.label()))
                    .help("name another container of this task");
            } else if !container_names.contains(&src) {
                ctx.report(
                    at,
                    format!(
                        "{} takes volumes from `{src}`, but there is no container with that name",
                        c.label()
                    ),
                )
                .help("name a container defined in this task definition");
            }
        }
    }
}
