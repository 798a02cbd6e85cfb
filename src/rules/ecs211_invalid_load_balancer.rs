//! ECS211 invalid-load-balancer: a `loadBalancers` entry that names both or neither kind of
//! load balancer, lacks its container, or uses a Classic Load Balancer with `awsvpc` tasks.

use crate::document::service::{Capacity, Service, is_given};
use crate::rules::Ctx;

rule!("ECS211", "invalid-load-balancer", Error, Service(check));

fn check(svc: &Service, ctx: &mut Ctx) {
    let label = svc.label();
    for (i, lb) in svc.indexed_load_balancer_entries() {
        let target_group = lb.field("targetGroupArn");
        let name = lb.field("loadBalancerName");
        let tg = is_given(target_group.map(|a| a.node()));
        let classic = is_given(name.map(|a| a.node()));
        match (target_group, name) {
            (Some(target_group), Some(name)) if tg && classic => {
                ctx.report(
                    name.member_loc(),
                    format!("load balancer entry {i} of {label} has both `targetGroupArn` and `loadBalancerName`; give one"),
                )
                .help("for an Application or Network Load Balancer keep `targetGroupArn` and remove `loadBalancerName`; for a Classic Load Balancer keep only `loadBalancerName`")
                .related(target_group.member_loc(), "the target group");
            }
            _ if tg || classic => {}
            (Some(empty), _) | (None, Some(empty)) => {
                let key = if target_group.is_some() {
                    "targetGroupArn"
                } else {
                    "loadBalancerName"
                };
                ctx.report(
                    empty.loc(),
                    format!("load balancer entry {i} of {label} has an empty `{key}`"),
                )
                .help("fill in the target group ARN of the Application or Network Load Balancer (or the name of a Classic Load Balancer)");
            }
            (None, None) => {
                ctx.report(
                    lb.head(),
                    format!("load balancer entry {i} of {label} has neither `targetGroupArn` nor `loadBalancerName`"),
                )
                .help("add the target group ARN of the Application or Network Load Balancer (`targetGroupArn`)");
            }
        }
        let missing: Vec<&str> = ["containerName", "containerPort"]
            .into_iter()
            .filter(|k| !is_given(lb.field(k).map(|a| a.node())))
            .collect();
        if !missing.is_empty() && (tg || classic) {
            ctx.report(
                lb.head(),
                format!(
                    "load balancer entry {i} of {label} has no `{}`; ECS needs the container and its port to register tasks with the load balancer",
                    missing.join("` or `")
                ),
            )
            .help("add `containerName` (a container of the task definition) and `containerPort` (a `containerPort` of its port mappings)");
        }
        if let Some(name) = name.filter(|_| classic && !tg) {
            let awsvpc = if svc.capacity() == Capacity::Fargate {
                Some((svc.fargate_at(), svc.fargate_note()))
            } else {
                svc.set_field("networkConfiguration")
                    .map(|net| (net.key_loc(), "`awsvpc` networking"))
            };
            if let Some((why, note)) = awsvpc {
                ctx.report(
                    name.member_loc(),
                    format!("load balancer entry {i} of {label} is a Classic Load Balancer, which cannot route to `awsvpc` tasks (Fargate included)"),
                )
                .help("use an Application or Network Load Balancer with a target group of target type `ip`, and give its `targetGroupArn`")
                .related(why, note);
            }
        }
    }
}
