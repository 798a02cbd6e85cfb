//! ECS120 missing-log-configuration: a container has no `logConfiguration`.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS120", "missing-log-configuration", Warning, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        if c.get("logConfiguration").is_none() {
            ctx.report(c.head(), format!("{} has no `logConfiguration`; its output is not collected", c.label()))
                .help("add `\"logConfiguration\": {\"logDriver\": \"awslogs\", \"options\": {\"awslogs-group\": ..., \"awslogs-region\": ..., \"awslogs-stream-prefix\": ...}}`");
        }
    }
}
