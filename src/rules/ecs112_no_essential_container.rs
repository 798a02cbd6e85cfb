//! ECS112 no-essential-container: every container has `essential: false`, or there are no
//! containers at all (`containerDefinitions: []`).

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS112", "no-essential-container", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // An empty list: no container can be essential. (The bare container array form is not
    // a document when empty.)
    if task.has_task_level()
        && let Some(list) = task.container_list()
        && list.is_array()
        && list.items().next().is_none()
    {
        ctx.report(
            list.member_loc(),
            "`containerDefinitions` is empty; a task definition needs at least one container, and an essential one",
        )
        .help("add the task's container definitions; a task with nothing to run cannot be registered");
        return;
    }
    let containers = task.containers();
    if containers.is_empty()
        || containers
            .iter()
            .any(|c| c.essential() || c.field("essential").is_some_and(|n| n.is_unknown()))
    {
        return;
    }
    // There are containers, so there is a list: its key (the document, for the array form).
    let Some(list) = task.container_list() else {
        return;
    };
    ctx.report(
        list.key_loc(),
        "no container is essential; ECS requires at least one",
    )
    .help("set `\"essential\": true` on the main container (omitting `essential` also means true)");
}
