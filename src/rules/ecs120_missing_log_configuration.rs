//! ECS120 missing-log-configuration: a container has no `logConfiguration`.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS120", "missing-log-configuration", Warning, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        let log = c.field("logConfiguration");
        if let Some(allowed) = &ctx.options.allowed_log_drivers
            && let Some(driver_at) = log.and_then(|l| l.field("logDriver"))
            && let Some(driver) = driver_at.str()
            && !allowed.iter().any(|a| a == driver)
        {
            let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
            ctx.report(
                driver_at.loc(),
                format!(
                    "{} logs with `{driver}`, which this repository's configuration does not allow",
                    c.label()
                ),
            )
            .help(format!(
                "use one of {} (`options.allowed-log-drivers` in ecslint.toml)",
                list.join(", ")
            ));
        }
        if log.is_none() {
            ctx.report(c.head(), format!("{} has no `logConfiguration`; its output is not collected", c.label()))
                .help("add `\"logConfiguration\": {\"logDriver\": \"awslogs\", \"options\": {\"awslogs-group\": ..., \"awslogs-region\": ..., \"awslogs-stream-prefix\": ...}}`");
        }
    }
}
