//! ECS006 numeric-task-size: task `cpu`/`memory` written as numbers.

use crate::diagnostic::Change;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::tree::Value;

task_rule!("ECS006", "numeric-task-size", Info, check, fix = Safe);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for field in ["cpu", "memory"] {
        if let Some(n) = task.field(field)
            && let Value::Number(v) = n.value()
        {
            ctx.report(
                n.loc(),
                format!("task `{field}` is the number {v}; the AWS CLI and SDKs require a string"),
            )
            .help(format!("write \"{v}\" if this file is passed to the AWS CLI (CloudFormation and Terraform accept either)"))
            .fix(
                format!("write `{field}` as the string \"{v}\""),
                vec![Change::set(n.node(), serde_json::Value::String(v.to_string()))],
            );
        }
    }
}
