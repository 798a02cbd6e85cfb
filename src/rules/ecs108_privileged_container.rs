//! ECS108 privileged-container: `privileged: true`.

use crate::diagnostic::{Loc, Severity};
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS108", "privileged-container", Warning, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        if c.get("privileged").and_then(|n| n.bool()) != Some(true) {
            continue;
        }
        if task.fargate() {
            ctx.report(Loc::member(c.ptr("privileged")), format!("{} is privileged, which Fargate rejects", c.label()))
                .severity(Severity::Error)
                .help("remove `privileged`; if the process needs one kernel feature, add that single capability on EC2 instead");
        } else {
            ctx.report(Loc::member(c.ptr("privileged")), format!("{} runs privileged: it has root access to the host", c.label()))
                .help("remove `privileged` and add only the Linux capabilities the process needs in `linuxParameters.capabilities.add`");
        }
    }
}
