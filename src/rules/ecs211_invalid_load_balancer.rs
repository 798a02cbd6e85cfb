//! ECS211 invalid-load-balancer: a `loadBalancers` entry that names both or neither kind of
//! load balancer, lacks its container, or uses a Classic Load Balancer with `awsvpc` tasks.

use crate::diagnostic::Loc;
use crate::document::service::{Capacity, Service, is_given};
use crate::rules::Ctx;

rule!("ECS211", "invalid-load-balancer", Error, Service(check));

fn check(svc: &Service, ctx: &mut Ctx) {
    let label = svc.label();
    for (lb, p) in svc.load_balancers() {
        let tg = is_given(lb.get("targetGroupArn"));
        let classic = is_given(lb.get("loadBalancerName"));
        let n = p.rsplit('/').next().unwrap_or("0");
        match (tg, classic) {
            (true, true) => {
                ctx.report(
                    Loc::member(format!("{p}/loadBalancerName")),
                    format!("load balancer entry {n} of {label} has both `targetGroupArn` and `loadBalancerName`; give one"),
                )
                .help("for an Application or Network Load Balancer keep `targetGroupArn` and remove `loadBalancerName`; for a Classic Load Balancer keep only `loadBalancerName`")
                .related(Loc::member(format!("{p}/targetGroupArn")), "the target group");
            }
            (false, false)
                if lb.get("targetGroupArn").is_some() || lb.get("loadBalancerName").is_some() =>
            {
                let key = if lb.get("targetGroupArn").is_some() {
                    "targetGroupArn"
                } else {
                    "loadBalancerName"
                };
                ctx.report(
                    Loc::value(format!("{p}/{key}")),
                    format!("load balancer entry {n} of {label} has an empty `{key}`"),
                )
                .help("fill in the target group ARN of the Application or Network Load Balancer (or the name of a Classic Load Balancer)");
            }
            (false, false) => {
                ctx.report(
                    Loc::head(p.clone()),
                    format!("load balancer entry {n} of {label} has neither `targetGroupArn` nor `loadBalancerName`"),
                )
                .help("add the target group ARN of the Application or Network Load Balancer (`targetGroupArn`)");
            }
            _ => {}
        }
        let missing: Vec<&str> = ["containerName", "containerPort"]
            .into_iter()
            .filter(|k| !is_given(lb.get(k)))
            .collect();
        if !missing.is_empty() && (tg || classic) {
            ctx.report(
                Loc::head(p.clone()),
                format!(
                    "load balancer entry {n} of {label} has no `{}`; ECS needs the container and its port to register tasks with the load balancer",
                    missing.join("` or `")
                ),
            )
            .help("add `containerName` (a container of the task definition) and `containerPort` (a `containerPort` of its port mappings)");
        }
        if classic && !tg {
            let awsvpc = if svc.capacity() == Capacity::Fargate {
                Some((svc.fargate_loc(), svc.fargate_note()))
            } else if svc.set("networkConfiguration") {
                Some((
                    Loc::key(svc.ptr("networkConfiguration")),
                    "`awsvpc` networking",
                ))
            } else {
                None
            };
            if let Some((why, note)) = awsvpc {
                ctx.report(
                    Loc::member(format!("{p}/loadBalancerName")),
                    format!("load balancer entry {n} of {label} is a Classic Load Balancer, which cannot route to `awsvpc` tasks (Fargate included)"),
                )
                .help("use an Application or Network Load Balancer with a target group of target type `ip`, and give its `targetGroupArn`")
                .related(why, note);
            }
        }
    }
}
