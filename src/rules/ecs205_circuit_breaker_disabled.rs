//! ECS205 circuit-breaker-disabled: a rolling-update service without an enabled deployment
//! circuit breaker that rolls back.

use crate::diagnostic::Change;
use crate::document::Form;
use crate::document::service::{Service, is_given};
use crate::rules::Ctx;

rule!(
    "ECS205",
    "circuit-breaker-disabled",
    Warning,
    Service(check),
    fix = Unsafe
);

const FAILING: &str = "a deployment whose tasks keep failing is neither stopped nor rolled back";
const HELP: &str = "add `\"deploymentCircuitBreaker\": {\"enable\": true, \"rollback\": true}` to `deploymentConfiguration`";

fn check(svc: &Service, ctx: &mut Ctx) {
    // The circuit breaker belongs to rolling updates of the ECS deployment controller. (For
    // update-service input that leaves them out, a breaker that is given is read as meant
    // for such a service.)
    if svc.controller() != Some("ECS") {
        return;
    }
    let strategy = match svc.deployment_field("strategy") {
        None => Some("ROLLING"),
        Some(s) => s.str(),
    };
    if strategy != Some("ROLLING") {
        return;
    }
    // The breaker is not available behind a Classic Load Balancer.
    if svc
        .load_balancer_entries()
        .iter()
        .any(|lb| is_given(lb.field("loadBalancerName").map(|a| a.node())))
    {
        return;
    }
    let config = svc.field("deploymentConfiguration");
    if config.is_some_and(|d| !d.is_object()) {
        return; // a placeholder
    }
    let breaker = svc.deployment_field("deploymentCircuitBreaker");
    let Some(breaker) = breaker else {
        // update-service keeps the current setting, and describe output printed without a
        // breaker comes from an API version that did not report it: only requests that
        // create the service say "no breaker" by leaving it out.
        if matches!(svc.form, Form::UpdateService | Form::DescribeService) {
            return;
        }
        let breaker = serde_json::json!({"enable": true, "rollback": true});
        let change = match config {
            Some(config) => Change::insert(config.node(), "deploymentCircuitBreaker", breaker),
            None => Change::insert(
                svc.node,
                "deploymentConfiguration",
                serde_json::json!({ "deploymentCircuitBreaker": breaker }),
            ),
        };
        let (at, message) = match config {
            Some(config) => (
                config.key_loc(),
                format!(
                    "`deploymentConfiguration` of {} has no `deploymentCircuitBreaker`: {FAILING}",
                    svc.label()
                ),
            ),
            None => (
                svc.head(),
                format!(
                    "{} has no `deploymentConfiguration`, so no deployment circuit breaker: {FAILING}",
                    svc.label()
                ),
            ),
        };
        ctx.report(at, message).help(HELP).fix(
            "turn on the deployment circuit breaker with rollback",
            vec![change],
        );
        return;
    };
    let enable = breaker.field("enable");
    let rollback = breaker.field("rollback");
    match (enable, rollback) {
        (Some(enable), _) if enable.bool() == Some(false) => {
            ctx.report(
                enable.member_loc(),
                format!(
                    "{} turns the deployment circuit breaker off: {FAILING}",
                    svc.label()
                ),
            )
            .help("set `enable` and `rollback` to true")
            .fix(
                "turn on the deployment circuit breaker with rollback",
                match rollback {
                    Some(r) if r.bool().is_some() => vec![
                        Change::set(enable.node(), serde_json::json!(true)),
                        Change::set(r.node(), serde_json::json!(true)),
                    ],
                    Some(_) => vec![Change::set(enable.node(), serde_json::json!(true))],
                    None => vec![
                        Change::set(enable.node(), serde_json::json!(true)),
                        Change::insert(breaker.node(), "rollback", serde_json::json!(true)),
                    ],
                },
            );
        }
        (Some(enable), Some(rollback))
            if enable.bool() == Some(true) && rollback.bool() == Some(false) =>
        {
            ctx.report(
                rollback.member_loc(),
                format!(
                    "{} stops failed deployments with the circuit breaker but does not roll them back: the service stays on the failing revision",
                    svc.label()
                ),
            )
            .help("set `rollback` to true so ECS returns to the last deployment that reached a steady state")
            .fix("set `rollback` to true", vec![Change::set(rollback.node(), serde_json::json!(true))]);
        }
        _ => {}
    }
}
