//! ECS121 too-many-containers: more than 10 containers.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS121", "too-many-containers", Error, check);

const MAX: usize = 10;

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let n = task.containers().len();
    // There are containers, so there is a list: its key (the document, for the array form).
    if n > MAX
        && let Some(list) = task.container_list()
    {
        ctx.report(list.key_loc(), format!("{n} containers in one task definition; ECS allows at most {MAX}"))
            .help("split the containers across task definitions (and services); this quota cannot be raised");
    }
}
