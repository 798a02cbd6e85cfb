//! ECS113 duplicate-container-name: two containers share a name.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS113", "duplicate-container-name", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let cs = task.containers();
    for (i, c) in cs.iter().enumerate() {
        let Some(name) = c.get("name").and_then(|n| n.str()) else {
            continue;
        };
        if let Some(first) = cs[..i]
            .iter()
            .find(|o| o.get("name").and_then(|n| n.str()) == Some(name))
        {
            ctx.report(Loc::value(c.ptr("name")), format!("container name `{name}` is used twice"))
                .help("give every container a unique name: `dependsOn`, `links`, `volumesFrom` and load balancers refer to containers by name")
                .related(Loc::value(first.ptr("name")), "first used here");
        }
    }
}
