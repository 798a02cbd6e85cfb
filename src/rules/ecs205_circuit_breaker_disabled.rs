//! ECS205 circuit-breaker-disabled: a rolling-update service without an enabled deployment
//! circuit breaker that rolls back.

use crate::diagnostic::Loc;
use crate::document::Form;
use crate::document::service::{Service, is_given};
use crate::rules::Ctx;
use crate::tree::Node;

rule!(
    "ECS205",
    "circuit-breaker-disabled",
    Warning,
    Service(check)
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
    let strategy = match svc.deployment("strategy") {
        None => Some("ROLLING"),
        Some(s) => s.str(),
    };
    if strategy != Some("ROLLING") {
        return;
    }
    // The breaker is not available behind a Classic Load Balancer.
    if svc
        .load_balancers()
        .iter()
        .any(|(lb, _)| is_given(lb.get("loadBalancerName")))
    {
        return;
    }
    if svc
        .get("deploymentConfiguration")
        .is_some_and(|d| !d.is_object())
    {
        return; // a placeholder
    }
    let breaker = svc.deployment("deploymentCircuitBreaker");
    let Some(breaker) = breaker else {
        // update-service keeps the current setting, and describe output printed without a
        // breaker comes from an API version that did not report it: only requests that
        // create the service say "no breaker" by leaving it out.
        if matches!(svc.form, Form::UpdateService | Form::DescribeService) {
            return;
        }
        let (at, message) = match svc.get("deploymentConfiguration") {
            Some(_) => (
                Loc::key(svc.ptr("deploymentConfiguration")),
                format!(
                    "`deploymentConfiguration` of {} has no `deploymentCircuitBreaker`: {FAILING}",
                    svc.label()
                ),
            ),
            None => (
                Loc::head(svc.pointer),
                format!(
                    "{} has no `deploymentConfiguration`, so no deployment circuit breaker: {FAILING}",
                    svc.label()
                ),
            ),
        };
        ctx.report(at, message).help(HELP);
        return;
    };
    let enable = breaker.get("enable").map(Node::bool);
    let rollback = breaker.get("rollback").map(Node::bool);
    let breaker_ptr = svc.deployment_ptr("deploymentCircuitBreaker");
    match (enable, rollback) {
        (Some(Some(false)), _) => {
            ctx.report(
                Loc::member(format!("{breaker_ptr}/enable")),
                format!(
                    "{} turns the deployment circuit breaker off: {FAILING}",
                    svc.label()
                ),
            )
            .help("set `enable` and `rollback` to true");
        }
        (Some(Some(true)), Some(Some(false))) => {
            ctx.report(
                Loc::member(format!("{breaker_ptr}/rollback")),
                format!(
                    "{} stops failed deployments with the circuit breaker but does not roll them back: the service stays on the failing revision",
                    svc.label()
                ),
            )
            .help("set `rollback` to true so ECS returns to the last deployment that reached a steady state");
        }
        _ => {}
    }
}
