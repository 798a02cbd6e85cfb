//! ECS113 duplicate-container-name: two containers share a name.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS113", "duplicate-container-name", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let cs = task.containers();
    for (i, c) in cs.iter().enumerate() {
        let Some(name_at) = c.field("name") else {
            continue;
        };
        let Some(name) = name_at.str() else {
            continue;
        };
        if let Some(first) = cs[..i]
            .iter()
            .filter_map(|o| o.field("name"))
            .find(|n| n.str() == Some(name))
        {
            ctx.report(name_at.loc(), format!("container name `{name}` is used twice"))
                .help("give every container a unique name: `dependsOn`, `links`, `volumesFrom` and load balancers refer to containers by name")
                .related(first.loc(), "first used here");
        }
    }
}
