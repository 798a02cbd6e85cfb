//! ECS203 public-ip-assigned: `assignPublicIp: ENABLED` (an error off Fargate).

use crate::diagnostic::Change;
use crate::diagnostic::Severity;
use crate::document::service::Service;
use crate::rules::Ctx;

rule!(
    "ECS203",
    "public-ip-assigned",
    Warning | Error,
    Service(check),
    fix = Unsafe
);

fn check(svc: &Service, ctx: &mut Ctx) {
    let Some(ip) = svc
        .awsvpc_field("assignPublicIp")
        .filter(|a| a.str() == Some("ENABLED"))
    else {
        return;
    };
    let at = ip.member_loc();
    match svc
        .field("launchType")
        .and_then(|l| l.str().map(|s| (s, l)))
    {
        Some((lt @ ("EC2" | "EXTERNAL"), launch)) => {
            ctx.report(
                at,
                format!(
                    "{} assigns public IPs with launch type {lt}; AWS only supports public IPs for Fargate tasks",
                    svc.label()
                ),
            )
            .severity(Severity::Error)
            .help("set `assignPublicIp` to `DISABLED` (or remove it) and reach the internet through a NAT gateway or VPC endpoints")
            .fix("set `assignPublicIp` to DISABLED", vec![Change::set(ip.node(), serde_json::json!("DISABLED"))])
            .related(launch.member_loc(), "the launch type");
        }
        _ => {
            ctx.report(
                at,
                format!(
                    "{} gives every task a public IP address, so its tasks can be reached from the internet wherever the security groups allow it",
                    svc.label()
                ),
            )
            .help("run the tasks in private subnets with `\"assignPublicIp\": \"DISABLED\"`, put a load balancer in front of them, and use a NAT gateway or VPC endpoints for outbound traffic")
            .fix("set `assignPublicIp` to DISABLED", vec![Change::set(ip.node(), serde_json::json!("DISABLED"))]);
        }
    }
}
