//! ECS131 firelens-without-router: a container logs with `awsfirelens`, but no container of
//! the task is a FireLens log router.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS131", "firelens-without-router", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // The router may be any container: with one that is not written out, nothing is known.
    if !task.containers_known() {
        return;
    }
    if task
        .containers()
        .iter()
        .any(|c| c.field("firelensConfiguration").is_some())
    {
        return;
    }
    for c in task.containers() {
        let Some(driver) = c
            .field("logConfiguration")
            .and_then(|l| l.field("logDriver"))
        else {
            continue;
        };
        if driver.str() == Some("awsfirelens") {
            ctx.report(driver.loc(), format!("{} sends its logs to FireLens (`awsfirelens`), but no container of the task is a log router (`firelensConfiguration`)", c.label()))
                .help("add a log router container, for example `public.ecr.aws/aws-observability/aws-for-fluent-bit` with `\"firelensConfiguration\": {\"type\": \"fluentbit\"}`, or log with `awslogs` instead");
        }
    }
}
