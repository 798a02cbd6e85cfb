//! ECS200 launch-type-with-capacity-providers: `launchType` and a capacity provider strategy.

use crate::diagnostic::Loc;
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
    if svc.is_update() || !svc.set("launchType") || !svc.set("capacityProviderStrategy") {
        return;
    }
    let launch = crate::diagnostic::shorten(svc.launch_type().unwrap_or_default());
    ctx.report(
        Loc::member(svc.ptr("launchType")),
        format!(
            "{} sets both `launchType` ({launch}) and `capacityProviderStrategy`; AWS accepts only one of them",
            svc.label()
        ),
    )
    .help("remove `launchType` to place tasks with the capacity providers, or remove `capacityProviderStrategy` to use the launch type (Fargate Spot is only available as the FARGATE_SPOT capacity provider)")
    .related(Loc::key(svc.ptr("capacityProviderStrategy")), "the capacity provider strategy");
}
