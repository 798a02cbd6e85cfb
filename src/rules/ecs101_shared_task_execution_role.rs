//! ECS101 shared-task-execution-role: the task role and the execution role are one IAM role.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS101", "shared-task-execution-role", Warning, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let (Some(task_role), Some(exec_role)) = (
        task.get("taskRoleArn").and_then(|n| n.str()),
        task.get("executionRoleArn").and_then(|n| n.str()),
    ) else {
        return;
    };
    if task_role.is_empty() || task_role != exec_role {
        return;
    }
    ctx.report(
        Loc::value(task.ptr("taskRoleArn")),
        format!("`taskRoleArn` and `executionRoleArn` are the same role `{task_role}`"),
    )
    .help("give the application its own task role with only the permissions it needs; keep ECR pull, log and secret access on a separate execution role")
    .related(Loc::value(task.ptr("executionRoleArn")), "the execution role is set here");
}
