//! ECS204 network-configuration-limits: no subnets, more than 16 subnets, or more than 5
//! security groups in `awsvpcConfiguration`.

use crate::document::service::Service;
use crate::rules::Ctx;

rule!(
    "ECS204",
    "network-configuration-limits",
    Error,
    Service(check)
);

const MAX_SUBNETS: usize = 16;
const MAX_SECURITY_GROUPS: usize = 5;

fn check(svc: &Service, ctx: &mut Ctx) {
    if let Some(subnets) = svc.awsvpc_field("subnets")
        && subnets.is_array()
    {
        let n = subnets.items().len();
        if n == 0 {
            ctx.report(
                subnets.member_loc(),
                format!("{} lists no subnets in `awsvpcConfiguration`", svc.label()),
            )
            .help("list at least one subnet (best one per Availability Zone you run in), all in the same VPC");
        } else if n > MAX_SUBNETS {
            ctx.report(
                subnets.key_loc(),
                format!(
                    "{} lists {n} subnets; `awsvpcConfiguration` takes at most {MAX_SUBNETS}",
                    svc.label()
                ),
            )
            .help(format!(
                "keep at most {MAX_SUBNETS} subnets, for example one or two per Availability Zone"
            ));
        }
    }
    if let Some(groups) = svc.awsvpc_field("securityGroups")
        && groups.items().len() > MAX_SECURITY_GROUPS
    {
        ctx.report(
            groups.key_loc(),
            format!(
                "{} lists {} security groups; `awsvpcConfiguration` takes at most {MAX_SECURITY_GROUPS}",
                svc.label(),
                groups.items().len()
            ),
        )
        .help(format!("merge rules into fewer groups so that at most {MAX_SECURITY_GROUPS} remain"));
    }
}
