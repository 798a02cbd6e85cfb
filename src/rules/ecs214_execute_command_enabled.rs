//! ECS214 execute-command-enabled: ECS Exec is turned on.

use crate::diagnostic::Change;
use crate::document::service::Service;
use crate::rules::Ctx;

rule!(
    "ECS214",
    "execute-command-enabled",
    Info,
    Service(check),
    fix = Unsafe
);

fn check(svc: &Service, ctx: &mut Ctx) {
    let Some(exec) = svc
        .field("enableExecuteCommand")
        .filter(|e| e.bool() == Some(true))
    else {
        return;
    };
    ctx.report(
        exec.member_loc(),
        format!(
            "{} enables ECS Exec: anyone allowed `ecs:ExecuteCommand` can open a shell in its running containers",
            svc.label()
        ),
    )
    .help("make sure this is intended: limit `ecs:ExecuteCommand` in IAM, log sessions (cluster `executeCommandConfiguration`), and turn it off where nobody needs a shell")
    .fix("turn ECS Exec off", vec![Change::set(exec.node(), serde_json::json!(false))]);
}
