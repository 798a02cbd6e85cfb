//! ECS102 missing-execution-role: a feature that needs the execution role is used without one.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Loc, Severity};
use crate::document::at::At;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS102", "missing-execution-role", Error | Warning, check);

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
    match task.field("executionRoleArn") {
        None => {}
        Some(n) if n.str() == Some("") => {}
        Some(_) => return,
    }
    let fargate = task.fargate();
    const FIX: &str = "add `\"executionRoleArn\"` with a role that trusts ecs-tasks.amazonaws.com and has the AmazonECSTaskExecutionRolePolicy (plus access to the secrets it reads)";
    for c in task.containers() {
        let log = c.field("logConfiguration");
        if fargate {
            if let Some(driver) = log.and_then(|l| l.field("logDriver"))
                && driver.str() == Some("awslogs")
            {
                ctx.report(
                    driver.member_loc(),
                    format!(
                        "{} logs with `awslogs` on Fargate, which needs a task execution role",
                        c.label()
                    ),
                )
                .severity(Severity::Error)
                .help(FIX);
            }
            if let Some(image) = c.field("image")
                && image.raw_str().is_some_and(is_private_ecr)
            {
                ctx.report(image.loc(), format!("{} pulls a private ECR image on Fargate, which needs a task execution role", c.label()))
                    .severity(Severity::Error)
                    .help(FIX);
            }
        }
        let warn = |ctx: &mut Ctx, at: Loc, what: &str| {
            ctx.report(at, format!("{} uses {what}, which ECS fetches with the task execution role; there is none, so the task will fail to start", c.label()))
                .severity(Severity::Warning)
                .help(FIX);
        };
        if let Some(s) = used(c.field("secrets")) {
            warn(ctx, s.key_loc(), "`secrets`");
        }
        if let Some(s) = used(log.and_then(|l| l.field("secretOptions"))) {
            warn(ctx, s.key_loc(), "log `secretOptions`");
        }
        if let Some(r) = c.field("repositoryCredentials") {
            warn(ctx, r.key_loc(), "`repositoryCredentials`");
        }
        if let Some(f) = used(c.field("environmentFiles")) {
            warn(ctx, f.key_loc(), "`environmentFiles`");
        }
    }
}

/// A list that is used: non-empty, or a placeholder.
fn used(n: Option<At<'_>>) -> Option<At<'_>> {
    n.filter(|n| n.items().len() != 0 || n.is_unknown())
}
