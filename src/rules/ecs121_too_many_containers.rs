//! ECS121 too-many-containers: more than 10 containers.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS121", "too-many-containers", Error, check);

const MAX: usize = 10;

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let n = task.containers().len();
    if n > MAX {
        let at = if task.has_task_level() {
            Loc::key(task.ptr("containerDefinitions"))
        } else {
            Loc::value(task.pointer.to_string())
        };
        ctx.report(at, format!("{n} containers in one task definition; ECS allows at most {MAX}"))
            .help("split the containers across task definitions (and services); this quota cannot be raised");
    }
}
