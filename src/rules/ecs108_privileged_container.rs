//! ECS108 privileged-container: `privileged: true`.

use crate::diagnostic::Change;
use crate::diagnostic::Severity;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!(
    "ECS108",
    "privileged-container",
    Warning | Error,
    check,
    fix = Unsafe
);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        let Some(privileged) = c.field("privileged").filter(|n| n.bool() == Some(true)) else {
            continue;
        };
        if task.fargate() {
            ctx.report(privileged.member_loc(), format!("{} is privileged, which Fargate rejects", c.label()))
                .severity(Severity::Error)
                .help("remove `privileged`; if the process needs one kernel feature, add that single capability on EC2 instead")
                .fix("remove `privileged`", vec![Change::remove(privileged.node())]);
        } else {
            ctx.report(privileged.member_loc(), format!("{} runs privileged: it has root access to the host", c.label()))
                .help("remove `privileged` and add only the Linux capabilities the process needs in `linuxParameters.capabilities.add`")
                .fix("remove `privileged`", vec![Change::remove(privileged.node())]);
        }
    }
}
