//! ECS209 invalid-deployment-strategy: BLUE_GREEN / LINEAR / CANARY settings that AWS
//! rejects or ignores.

use crate::diagnostic::Severity;
use crate::document::Form;
use crate::document::service::Service;
use crate::rules::Ctx;

rule!(
    "ECS209",
    "invalid-deployment-strategy",
    Error | Warning,
    Service(check)
);

const MAX_BAKE_MINUTES: i64 = 1440;

/// A multiple of 0.1 (allowing for binary floating point).
fn tenths(x: f64) -> bool {
    ((x * 10.0).round() - x * 10.0).abs() < 1e-6
}

fn check(svc: &Service, ctx: &mut Ctx) {
    let Some(config) = svc.field("deploymentConfiguration") else {
        return;
    };
    if !config.is_object() {
        return;
    }
    let label = svc.label();
    let strategy_node = config.field("strategy");
    let strategy = match strategy_node {
        Some(n) => n.str(),
        // update-service keeps the current strategy when it leaves it out.
        None if svc.is_update() => None,
        None => Some("ROLLING"),
    };
    // The new strategies are only ever written, never a default.
    let new_strategy = strategy_node
        .and_then(|n| n.str().map(|s| (s, n)))
        .filter(|(s, _)| matches!(*s, "BLUE_GREEN" | "LINEAR" | "CANARY"));

    // The new strategies belong to the ECS deployment controller (`controller_type()` names
    // CODE_DEPLOY or EXTERNAL exactly when `deploymentController.type` says so).
    if let Some((s, at)) = new_strategy
        && let Some(ty) = svc.controller_field()
        && let Some(c @ ("CODE_DEPLOY" | "EXTERNAL")) = ty.str()
    {
        ctx.report(
            at.member_loc(),
            format!("{label} uses the {s} deployment strategy with the {c} deployment controller; ECS's own deployment strategies need the `ECS` controller"),
        )
        .help(format!("set `deploymentController.type` to `ECS`, or remove `strategy` and let {c} run the deployment"))
        .related(ty.member_loc(), "the deployment controller");
    }

    if let Some(("BLUE_GREEN", at)) = new_strategy
        && config.field("bakeTimeInMinutes").is_none()
        && !svc.is_update()
    {
        ctx.report(
            at.member_loc(),
            format!("{label} uses the BLUE_GREEN deployment strategy without `bakeTimeInMinutes`, which AWS requires for it"),
        )
        .help("add `\"bakeTimeInMinutes\"` to `deploymentConfiguration`: how long both revisions keep running after production traffic has moved, before the old one is stopped (0 for no wait)");
    }

    // BLUE_GREEN, LINEAR and CANARY shift traffic, so they need something that routes it.
    if let Some((s, at)) = new_strategy
        && svc.defaults_apply()
        && !svc.has_load_balancers()
        && svc
            .field("serviceConnectConfiguration")
            .is_none_or(|c| c.field("enabled").and_then(|e| e.bool()) == Some(false))
        && svc.controller_type() == Some("ECS")
    {
        let routes = if s == "BLUE_GREEN" {
            "an Application or Network Load Balancer, or Service Connect"
        } else {
            "an Application Load Balancer or Service Connect"
        };
        ctx.report(
            at.member_loc(),
            format!("{label} uses the {s} deployment strategy but has neither `loadBalancers` nor Service Connect; {s} needs {routes} to shift traffic"),
        )
        .help("add a load balancer (with `advancedConfiguration` for the alternate target group) or Service Connect, or use the ROLLING strategy");
    }

    for (key, wanted) in [
        ("linearConfiguration", "LINEAR"),
        ("canaryConfiguration", "CANARY"),
    ] {
        let Some(node) = config.field(key) else {
            continue;
        };
        // Describe output may keep settings of an earlier strategy; it is not a request.
        if let Some(s) = strategy
            && s != wanted
            && svc.form != Form::DescribeService
            && node.is_object()
        {
            let shown = if strategy_node.is_some() {
                format!("the strategy is {s}")
            } else {
                "`strategy` is not set, so it is ROLLING".to_string()
            };
            // Not documented as a rejection: the settings are simply not used.
            ctx.report(
                node.key_loc(),
                format!(
                    "{label} has `{key}`, which only applies to the {wanted} strategy, but {shown}"
                ),
            )
            .severity(Severity::Warning)
            .help(format!(
                "set `\"strategy\": \"{wanted}\"`, or remove `{key}`"
            ));
        }
    }

    // Ranges (stepPercent 3.0–100.0 and canaryPercent 0.1–100.0, in steps of 0.1; bake
    // times 0–1440 minutes).
    let ranges: [(&str, &str, f64, bool); 4] = [
        ("linearConfiguration", "stepPercent", 3.0, true),
        ("linearConfiguration", "stepBakeTimeInMinutes", 0.0, false),
        ("canaryConfiguration", "canaryPercent", 0.1, true),
        ("canaryConfiguration", "canaryBakeTimeInMinutes", 0.0, false),
    ];
    for (parent, key, lo, percent) in ranges {
        let Some(at) = config.field(parent).and_then(|p| p.field(key)) else {
            continue;
        };
        let Some(v) = at.number() else {
            continue;
        };
        if percent {
            if !(lo..=100.0).contains(&v) || !tenths(v) {
                ctx.report(
                    at.member_loc(),
                    format!("`{parent}.{key}` of {label} is {v}; it must be between {lo:.1} and 100.0, in steps of 0.1"),
                )
                .help(format!("use a value from {lo:.1} to 100.0 with at most one decimal place"));
            }
        } else if !(0.0..=MAX_BAKE_MINUTES as f64).contains(&v) {
            ctx.report(
                at.member_loc(),
                format!("`{parent}.{key}` of {label} is {v}; it must be from 0 to {MAX_BAKE_MINUTES} (24 hours)"),
            )
            .help(format!("use 0 to {MAX_BAKE_MINUTES} minutes"));
        }
    }
}
