//! ECS136 missing-health-check: an essential container has no `healthCheck`.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS136", "missing-health-check", Info, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        // `essential` defaults to true; a placeholder is not known.
        match c.field("essential") {
            Some(e) if e.bool() != Some(true) => continue,
            _ => {}
        }
        if c.field("healthCheck").is_some() {
            continue;
        }
        ctx.report(
            c.head(),
            format!(
                "{} is essential but has no `healthCheck`: ECS only knows whether its process is running, not whether it works",
                c.label()
            ),
        )
        .help("add `\"healthCheck\": {\"command\": [\"CMD-SHELL\", \"<a command that exits 0 when the app is healthy>\"]}` (the image needs the tool the command runs); ECS then replaces the task when the check keeps failing");
    }
}
