//! ECS101 shared-task-execution-role: the task role and the execution role are one IAM role.

use crate::document::at::At;
use crate::document::taskdef::TaskDef;
use crate::parse::template::placeholder_at;
use crate::rules::Ctx;
use crate::tree::Value;

task_rule!("ECS101", "shared-task-execution-role", Warning, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let (Some(task_node), Some(exec_node)) =
        (task.field("taskRoleArn"), task.field("executionRoleArn"))
    else {
        return;
    };
    // Placeholders included: the same template text in both fields (`${ROLE_ARN}`,
    // `arn:aws:iam::${ACCOUNT}:role/app`) renders to the same role.
    let (Some(task_role), Some(exec_role)) = (task_node.raw_str(), exec_node.raw_str()) else {
        return;
    };
    if task_role.is_empty() || task_role != exec_role {
        return;
    }
    if task_node.is_unknown() && generic_blank(task.at, task_role) {
        return;
    }
    let message = if task_node.is_unknown() {
        format!(
            "`taskRoleArn` and `executionRoleArn` are the same template `{task_role}`, so they name the same role once rendered"
        )
    } else {
        format!("`taskRoleArn` and `executionRoleArn` are the same role `{task_role}`")
    };
    ctx.report(task_node.loc(), message)
    .help("give the application its own task role with only the permissions it needs; keep ECR pull, log and secret access on a separate execution role")
    .related(exec_node.loc(), "the execution role is set here");
}

/// A value that is one placeholder and nothing else, which the document also uses for other
/// fields (`"<PLACEHOLDER>"` as family, image, cpu and both roles): a blank that each field's
/// own value replaces, not a variable that renders the same everywhere.
fn generic_blank(root: At<'_>, value: &str) -> bool {
    if placeholder_at(value.as_bytes(), 0) != Some(value.len()) {
        return false;
    }
    let mut uses = 0;
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match node.value() {
            Value::String { value: v, .. } if v == value => uses += 1,
            Value::Array(_) => stack.extend(node.items()),
            Value::Object(_) => stack.extend(node.entries()),
            _ => {}
        }
    }
    uses > 2
}
