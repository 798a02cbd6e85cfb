//! ECS112 no-essential-container: every container has `essential: false`.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS112", "no-essential-container", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let containers = task.containers();
    if containers.is_empty()
        || containers
            .iter()
            .any(|c| c.essential() || c.get("essential").is_some_and(|n| n.is_unknown()))
    {
        return;
    }
    let at = if task.has_task_level() {
        Loc::key(task.ptr("containerDefinitions"))
    } else {
        Loc::value(task.pointer.to_string())
    };
    ctx.report(at, "no container is essential; ECS requires at least one")
        .help("set `\"essential\": true` on the main container (omitting `essential` also means true)");
}
