//! ECS217 zero-desired-count: a REPLICA service is created (or kept in a deploy tool's
//! service definition) with `desiredCount` 0, so it runs no tasks.

use crate::document::Form;
use crate::document::service::Service;
use crate::rules::Ctx;

rule!("ECS217", "zero-desired-count", Info, Service(check));

fn check(svc: &Service, ctx: &mut Ctx) {
    // update-service input sets the count of a running service: 0 is how it is stopped, on
    // purpose. Describe output shows the count as it is now, not as it is meant to be.
    if !svc.defaults_apply() || svc.form == Form::DescribeService {
        return;
    }
    // DAEMON services run one task per instance and take no count.
    if svc.scheduling_strategy() != Some("REPLICA") {
        return;
    }
    let Some(desired) = svc.field("desiredCount").filter(|d| d.int() == Some(0)) else {
        return;
    };
    ctx.report(
        desired.member_loc(),
        format!(
            "{} has `desiredCount` 0, so it runs no tasks: a deployment completes without starting the new task definition",
            svc.label()
        ),
    )
    .help("set `desiredCount` to the number of tasks to run; if the service is meant to start empty (Application Auto Scaling raises it, or it is parked), accept it with an `[[ignore]]` entry for ECS217 in ecslint.toml");
}
