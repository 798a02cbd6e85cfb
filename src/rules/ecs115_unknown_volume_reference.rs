//! ECS115 unknown-volume-reference: mountPoints/volumesFrom name something that is not there.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS115", "unknown-volume-reference", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let volumes = task.field("volumes");
    let volume_names: Vec<&str> = volumes
        .map(|v| {
            v.items()
                .filter_map(|v| v.field("name").and_then(|n| n.raw_str()))
                .collect()
        })
        .unwrap_or_default();
    let volumes_unknown = volumes.is_some_and(|v| {
        v.is_unknown()
            || v.items()
                .any(|v| v.field("name").is_some_and(|n| n.is_unknown()))
    });
    let container_names: Vec<&str> = task.containers().iter().filter_map(|c| c.name()).collect();
    for c in task.containers() {
        let mount_points = c.field("mountPoints");
        for m in mount_points.iter().flat_map(|m| m.items()) {
            let Some(src_at) = m.field("sourceVolume") else {
                continue;
            };
            let Some(src) = src_at.str() else {
                continue;
            };
            let at = src_at.loc();
            if src.is_empty() {
                // No volume can have an empty name: wrong whatever `volumes` holds.
                ctx.report(
                    at,
                    format!("`sourceVolume` of a mount point in {} is empty", c.label()),
                )
                .help("set it to the `name` of one of the task's `volumes`");
                continue;
            }
            if task.has_task_level() && !volumes_unknown && !volume_names.contains(&src) {
                let help = match crate::schema::closest(src, volume_names.iter().copied()) {
                    Some(close) => format!(
                        "did you mean `{close}`? Otherwise add `{{\"name\": \"{src}\"}}` to the task's `volumes`"
                    ),
                    None => format!("add a volume named `{src}` to the task's `volumes`"),
                };
                ctx.report(
                    at,
                    format!(
                        "{} mounts volume `{src}`, which the task does not define",
                        c.label()
                    ),
                )
                .help(help);
            }
        }
        let volumes_from = c.field("volumesFrom");
        for v in volumes_from.iter().flat_map(|v| v.items()) {
            let Some(src_at) = v.field("sourceContainer") else {
                continue;
            };
            let Some(src) = src_at.str() else {
                continue;
            };
            let at = src_at.loc();
            if src.is_empty() {
                ctx.report(
                    at,
                    format!(
                        "`sourceContainer` of a `volumesFrom` entry in {} is empty",
                        c.label()
                    ),
                )
                .help("set it to the name of another container of this task");
            } else if c.name() == Some(src) {
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::discover::Input;
    use crate::engine::{Options, check_source};

    fn messages(json: &str) -> Vec<String> {
        let report = check_source(
            &Input::new(Path::new("task.json")),
            json.as_bytes().to_vec(),
            &Options::default(),
        );
        report
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "ECS115")
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn empty_references_say_they_are_empty() {
        let m = messages(
            r#"{"family": "f", "volumes": [{"name": ""}], "containerDefinitions": [
                {"name": "web", "image": "nginx:1.27", "memory": 512,
                 "mountPoints": [{"sourceVolume": "", "containerPath": "/data"}],
                 "volumesFrom": [{"sourceContainer": ""}]}]}"#,
        );
        assert_eq!(
            m,
            [
                "`sourceVolume` of a mount point in container `web` is empty",
                "`sourceContainer` of a `volumesFrom` entry in container `web` is empty",
            ]
        );
    }

    #[test]
    fn names_with_backticks_stay_readable() {
        let m = messages(
            r#"{"family": "f", "containerDefinitions": [
                {"name": "we`b", "image": "nginx:1.27", "memory": 512,
                 "volumesFrom": [{"sourceContainer": "we`b"}]},
                {"name": "", "image": "nginx:1.27", "memory": 512,
                 "volumesFrom": [{"sourceContainer": "web"}]}]}"#,
        );
        assert_eq!(
            m,
            [
                "container \"we`b\" takes volumes from itself",
                "container #2 takes volumes from `web`, but there is no container with that name",
            ]
        );
    }
}
