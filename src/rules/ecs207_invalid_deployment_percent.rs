//! ECS207 invalid-deployment-percent: `minimumHealthyPercent` / `maximumPercent` that leave a
//! rolling deployment no room to move, contradict each other, are negative, or are set where
//! the deployment controller does not use them.

use crate::diagnostic::Severity;
use crate::document::Form;
use crate::document::at::At;
use crate::document::service::Service;
use crate::rules::Ctx;

rule!(
    "ECS207",
    "invalid-deployment-percent",
    Warning | Error | Info,
    Service(check)
);

const MIN: &str = "minimumHealthyPercent";
const MAX: &str = "maximumPercent";
const DEFAULT_MIN: i64 = 100;
const DEFAULT_MAX: i64 = 200;

/// A percentage as written, located: `value` is `Some(n)` known, `None` templated.
#[derive(Clone, Copy)]
struct Pct<'a> {
    at: At<'a>,
    value: Option<i64>,
}

fn written<'a>(svc: &Service<'a>, key: &str) -> Option<Pct<'a>> {
    svc.deployment_field(key).map(|at| Pct {
        at,
        value: at.int(),
    })
}

/// `Some(Some(n))` known, `Some(None)` templated, `None` absent.
fn value(p: Option<Pct>) -> Option<Option<i64>> {
    p.map(|p| p.value)
}

fn check(svc: &Service, ctx: &mut Ctx) {
    if svc
        .field("deploymentConfiguration")
        .is_none_or(|d| !d.is_object())
    {
        return;
    }
    let min = written(svc, MIN);
    let max = written(svc, MAX);
    for (key, pct) in [(MIN, min), (MAX, max)] {
        if let Some(Pct { at, value: Some(v) }) = pct
            && v < 0
        {
            ctx.report(
                at.member_loc(),
                format!(
                    "`{key}` of {} is {v}; a percentage of tasks cannot be negative",
                    svc.label()
                ),
            )
            .severity(Severity::Error)
            .help(format!(
                "set `{key}` to 0 or more, or remove it to get the default"
            ));
            return;
        }
    }

    // update-service input that leaves the controller out: percentages it sets are read as
    // meant for a rolling update, as a circuit breaker it sets is (ECS205).
    let controller = match svc.controller_type() {
        None if svc.is_update() && svc.field("deploymentController").is_none() => Some("ECS"),
        c => c,
    };
    match controller {
        Some(c @ ("CODE_DEPLOY" | "EXTERNAL")) => {
            // Named by `deploymentController.type` (no default gives these).
            if let Some(ty) = svc.controller_field() {
                unused_with_controller(svc, ctx, c, ty, min, max);
            }
        }
        Some("ECS") => rolling(svc, ctx, min, max),
        _ => {}
    }
}

/// CODE_DEPLOY and EXTERNAL deployments do not use the percentages (on EC2 they only bound
/// draining). Describe output always prints them, and the defaults are harmless.
fn unused_with_controller(
    svc: &Service,
    ctx: &mut Ctx,
    controller: &str,
    ty: At,
    min: Option<Pct>,
    max: Option<Pct>,
) {
    if svc.form == Form::DescribeService {
        return;
    }
    fn custom(p: Option<Pct<'_>>, default: i64) -> Option<Pct<'_>> {
        p.filter(|p| matches!(p.value, Some(n) if n != default))
    }
    let (key, at) = if let Some(p) = custom(max, DEFAULT_MAX) {
        (MAX, p.at)
    } else if let Some(p) = custom(min, DEFAULT_MIN) {
        (MIN, p.at)
    } else {
        return;
    };
    ctx.report(
        at.member_loc(),
        format!(
            "{} sets `{key}`, but deployments with the {controller} controller do not use it (on EC2 it only limits tasks while container instances drain)",
            svc.label()
        ),
    )
    .severity(Severity::Info)
    .help(match controller {
        "CODE_DEPLOY" => "control the traffic shift with the CodeDeploy deployment configuration instead, and remove the percentages",
        _ => "control the rollout in your deployment tool's task sets instead, and remove the percentages",
    })
    .related(ty.member_loc(), "the deployment controller");
}

/// Rolling updates of a REPLICA service (DAEMON services: see ECS208).
fn rolling(svc: &Service, ctx: &mut Ctx, min_at: Option<Pct>, max_at: Option<Pct>) {
    if svc.deployment_strategy().is_some_and(|s| s != "ROLLING") {
        return;
    }
    // update-service cannot change the scheduling strategy; almost every service is REPLICA.
    let replica = match svc.field("schedulingStrategy") {
        None => true,
        Some(n) => n.str() == Some("REPLICA"),
    };
    let (min, max) = (value(min_at), value(max_at));
    if !replica || (min.is_none() && max.is_none()) {
        return;
    }
    // Absent values take their defaults, except in update-service input, which keeps the
    // current ones.
    let effective = |v: Option<Option<i64>>, default: i64| match v {
        Some(v) => v,
        None if svc.defaults_apply() => Some(default),
        None => None,
    };
    let (Some(lo), Some(hi)) = (effective(min, DEFAULT_MIN), effective(max, DEFAULT_MAX)) else {
        return;
    };
    let max_note = if max.is_some() { "" } else { " (the default)" };
    let min_note = if min.is_some() { "" } else { " (the default)" };
    // The percentage written (the other one may be left out) and the other one.
    let (min_first, max_first) = (
        [(MIN, min_at), (MAX, max_at)],
        [(MAX, max_at), (MIN, min_at)],
    );

    if lo > hi {
        let [(_, Some(at)), (other, other_at)] =
            (if min.is_some() { min_first } else { max_first })
        else {
            return;
        };
        let f = ctx.report(
            at.at.member_loc(),
            format!(
                "`minimumHealthyPercent` {lo}{min_note} of {} is above its `maximumPercent` {hi}{max_note}; a deployment cannot keep more tasks healthy than it may run",
                svc.label()
            ),
        )
        .help("keep `minimumHealthyPercent` at or below 100 and below `maximumPercent`, e.g. 100 and 200");
        if let Some(o) = other_at {
            f.related(o.at.member_loc(), format!("`{other}`"));
        }
        return;
    }
    if lo > 100 {
        // Only a written minimum is above 100 (the default is 100).
        let Some(min_at) = min_at else {
            return;
        };
        ctx.report(
            min_at.at.member_loc(),
            format!(
                "`minimumHealthyPercent` of {} is {lo}; it is the share of the desired count that must stay healthy, so it should be 100 or less",
                svc.label()
            ),
        )
        .help("use 100 to never drop below the desired count during a deployment");
        return;
    }

    // Can a rolling deployment take a step? It may run at most floor(desired × max / 100)
    // tasks and must keep ceil(desired × min / 100) healthy. If the first is not above the
    // desired count and the second is not below it, it can neither start a new task nor stop
    // an old one.
    let desired = svc.field("desiredCount").and_then(|d| d.int());
    let stuck = match desired {
        Some(d) if d > 0 => (d * hi) / 100 <= d && (d * lo + 99) / 100 >= d,
        // Unknown or zero (scaled down, or left to auto scaling): stuck at any count.
        _ => hi <= 100 && lo >= 100,
    };
    if !stuck {
        return;
    }
    let [(_, Some(at)), (other, other_at)] = (if max.is_some() { max_first } else { min_first })
    else {
        return;
    };
    let why = match desired {
        Some(d) if hi > 100 => format!(
            "with `desiredCount` {d}, `maximumPercent` {hi}{max_note} allows no task above the desired count (it rounds down) while `minimumHealthyPercent` {lo}{min_note} forbids stopping one first"
        ),
        _ => format!(
            "`maximumPercent` {hi}{max_note} allows no task above the desired count while `minimumHealthyPercent` {lo}{min_note} forbids stopping one first"
        ),
    };
    let f = ctx.report(
        at.at.member_loc(),
        format!(
            "rolling deployments of {} can never make progress: {why}",
            svc.label()
        ),
    )
    .help("raise `maximumPercent` (200 is the default) so new tasks can start before old ones stop, or lower `minimumHealthyPercent` so old tasks may stop first");
    if let Some(o) = other_at {
        f.related(o.at.member_loc(), format!("`{other}`"));
    }
}
