//! ECS102 missing-execution-role: a feature that needs the execution role is used without one.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Loc, Severity};
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::tree::Node;

task_rule!("ECS102", "missing-execution-role", Error, check);

/// `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/...`; the account or region may be a
/// placeholder, the registry is still ECR.
static ECR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^/]+\.dkr\.ecr(-fips)?\.[^/]+\.amazonaws\.com(\.cn)?/").expect("valid regex")
});

pub fn is_private_ecr(image: &str) -> bool {
    ECR.is_match(image)
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    if !task.has_task_level() {
        return;
    }
    match task.get("executionRoleArn") {
        None => {}
        Some(n) if n.str() == Some("") || matches!(n.value, crate::tree::Value::Null) => {}
        Some(_) => return,
    }
    let fargate = task.fargate();
    const FIX: &str = "add `\"executionRoleArn\"` with a role that trusts ecs-tasks.amazonaws.com and has the AmazonECSTaskExecutionRolePolicy (plus access to the secrets it reads)";
    for c in task.containers() {
        if fargate {
            let driver = c.get("logConfiguration").and_then(|l| l.get("logDriver"));
            if driver.and_then(Node::str) == Some("awslogs") {
                ctx.report(
                    Loc::member(c.ptr("logConfiguration") + "/logDriver"),
                    format!(
                        "{} logs with `awslogs` on Fargate, which needs a task execution role",
                        c.label()
                    ),
                )
                .severity(Severity::Error)
                .help(FIX);
            }
            if let Some(image) = c.get("image").and_then(Node::raw_str)
                && is_private_ecr(image)
            {
                ctx.report(Loc::value(c.ptr("image")), format!("{} pulls a private ECR image on Fargate, which needs a task execution role", c.label()))
                    .severity(Severity::Error)
                    .help(FIX);
            }
        }
        let uses = |n: Option<&Node>| n.is_some_and(|n| !n.items().is_empty() || n.is_unknown());
        let warn = |ctx: &mut Ctx, at: Loc, what: &str| {
            ctx.report(at, format!("{} uses {what}, which ECS fetches with the task execution role; there is none, so the task will fail to start", c.label()))
                .severity(Severity::Warning)
                .help(FIX);
        };
        if uses(c.get("secrets")) {
            warn(ctx, Loc::key(c.ptr("secrets")), "`secrets`");
        }
        if uses(
            c.get("logConfiguration")
                .and_then(|l| l.get("secretOptions")),
        ) {
            warn(
                ctx,
                Loc::key(c.ptr("logConfiguration") + "/secretOptions"),
                "log `secretOptions`",
            );
        }
        if c.get("repositoryCredentials").is_some() {
            warn(
                ctx,
                Loc::key(c.ptr("repositoryCredentials")),
                "`repositoryCredentials`",
            );
        }
        if uses(c.get("environmentFiles")) {
            warn(
                ctx,
                Loc::key(c.ptr("environmentFiles")),
                "`environmentFiles`",
            );
        }
    }
}
