//! ECS214 execute-command-enabled: ECS Exec is turned on.

use crate::diagnostic::Loc;
use crate::document::service::Service;
use crate::rules::Ctx;
use crate::tree::Node;

rule!("ECS214", "execute-command-enabled", Info, Service(check));

fn check(svc: &Service, ctx: &mut Ctx) {
    if svc.get("enableExecuteCommand").and_then(Node::bool) != Some(true) {
        return;
    }
    ctx.report(
        Loc::member(svc.ptr("enableExecuteCommand")),
        format!(
            "{} enables ECS Exec: anyone allowed `ecs:ExecuteCommand` can open a shell in its running containers",
            svc.label()
        ),
    )
    .help("make sure this is intended: limit `ecs:ExecuteCommand` in IAM, log sessions (cluster `executeCommandConfiguration`), and turn it off where nobody needs a shell");
}
