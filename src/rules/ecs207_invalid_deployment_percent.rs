//! ECS207 invalid-deployment-percent: `minimumHealthyPercent` / `maximumPercent` that leave a
//! rolling deployment no room to move, contradict each other, are negative, or are set where
//! the deployment controller does not use them.

use crate::diagnostic::{Loc, Severity};
use crate::document::Form;
use crate::document::service::Service;
use crate::rules::Ctx;
use crate::tree::Node;

rule!(
    "ECS207",
    "invalid-deployment-percent",
    Warning,
    Service(check)
);

const MIN: &str = "minimumHealthyPercent";
const MAX: &str = "maximumPercent";
const DEFAULT_MIN: i64 = 100;
const DEFAULT_MAX: i64 = 200;

/// A percentage as written: `Some(Some(n))` known, `Some(None)` templated, `None` absent.
fn written(svc: &Service, key: &str) -> Option<Option<i64>> {
    svc.deployment(key).map(Node::int)
}

fn check(svc: &Service, ctx: &mut Ctx) {
    if svc
        .get("deploymentConfiguration")
        .is_none_or(|d| !d.is_object())
    {
        return;
    }
    let min = written(svc, MIN);
    let max = written(svc, MAX);
    for (key, value) in [(MIN, min), (MAX, max)] {
        if let Some(Some(v)) = value
            && v < 0
        {
            ctx.report(
                Loc::member(svc.deployment_ptr(key)),
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
        None if svc.is_update() && svc.get("deploymentController").is_none() => Some("ECS"),
        c => c,
    };
    match controller {
        Some(c @ ("CODE_DEPLOY" | "EXTERNAL")) => unused_with_controller(svc, ctx, c, min, max),
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
    min: Option<Option<i64>>,
    max: Option<Option<i64>>,
) {
    if svc.form == Form::DescribeService {
        return;
    }
    let custom = |v: Option<Option<i64>>, default: i64| matches!(v, Some(Some(n)) if n != default);
    let key = if custom(max, DEFAULT_MAX) {
        MAX
    } else if custom(min, DEFAULT_MIN) {
        MIN
    } else {
        return;
    };
    ctx.report(
        Loc::member(svc.deployment_ptr(key)),
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
    .related(Loc::member(svc.ptr("deploymentController") + "/type"), "the deployment controller");
}

/// Rolling updates of a REPLICA service (DAEMON services: see ECS208).
fn rolling(svc: &Service, ctx: &mut Ctx, min: Option<Option<i64>>, max: Option<Option<i64>>) {
    if svc.deployment_strategy().is_some_and(|s| s != "ROLLING") {
        return;
    }
    // update-service cannot change the scheduling strategy; almost every service is REPLICA.
    let replica = match svc.get("schedulingStrategy") {
        None => true,
        Some(n) => n.str() == Some("REPLICA"),
    };
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

    if lo > hi {
        let at = if min.is_some() { MIN } else { MAX };
        let other = if at == MIN { MAX } else { MIN };
        let f = ctx.report(
            Loc::member(svc.deployment_ptr(at)),
            format!(
                "`minimumHealthyPercent` {lo}{min_note} of {} is above its `maximumPercent` {hi}{max_note}; a deployment cannot keep more tasks healthy than it may run",
                svc.label()
            ),
        )
        .help("keep `minimumHealthyPercent` at or below 100 and below `maximumPercent`, e.g. 100 and 200");
        if svc.deployment(other).is_some() {
            f.related(Loc::member(svc.deployment_ptr(other)), format!("`{other}`"));
        }
        return;
    }
    if lo > 100 {
        ctx.report(
            Loc::member(svc.deployment_ptr(MIN)),
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
    let desired = svc.get("desiredCount").and_then(Node::int);
    let stuck = match desired {
        Some(d) if d > 0 => (d * hi) / 100 <= d && (d * lo + 99) / 100 >= d,
        // Unknown or zero (scaled down, or left to auto scaling): stuck at any count.
        _ => hi <= 100 && lo >= 100,
    };
    if !stuck {
        return;
    }
    let (at, other) = if max.is_some() {
        (MAX, MIN)
    } else {
        (MIN, MAX)
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
        Loc::member(svc.deployment_ptr(at)),
        format!(
            "rolling deployments of {} can never make progress: {why}",
            svc.label()
        ),
    )
    .help("raise `maximumPercent` (200 is the default) so new tasks can start before old ones stop, or lower `minimumHealthyPercent` so old tasks may stop first");
    if svc.deployment(other).is_some() {
        f.related(Loc::member(svc.deployment_ptr(other)), format!("`{other}`"));
    }
}
