//! ECS200 launch-type-with-capacity-providers: `launchType` and a capacity provider strategy.

use crate::document::service::Service;
use crate::rules::Ctx;

rule!(
    "ECS200",
    "launch-type-with-capacity-providers",
    Error,
    Service(check)
);

fn check(svc: &Service, ctx: &mut Ctx) {
    // update-service has no `launchType` member (the schema check reports one).
    if svc.is_update() {
        return;
    }
    let (Some(launch), Some(strategy)) = (
        svc.set_field("launchType"),
        svc.set_field("capacityProviderStrategy"),
    ) else {
        return;
    };
    let shown = crate::diagnostic::shorten(launch.str().unwrap_or_default());
    ctx.report(
        launch.member_loc(),
        format!(
            "{} sets both `launchType` ({shown}) and `capacityProviderStrategy`; AWS accepts only one of them",
            svc.label()
        ),
    )
    .help("remove `launchType` to place tasks with the capacity providers, or remove `capacityProviderStrategy` to use the launch type (Fargate Spot is only available as the FARGATE_SPOT capacity provider)")
    .related(strategy.key_loc(), "the capacity provider strategy");
}
