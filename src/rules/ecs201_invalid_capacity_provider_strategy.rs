//! ECS201 invalid-capacity-provider-strategy: a strategy AWS rejects (several `base` values,
//! all weights zero, Fargate and Auto Scaling group providers mixed).

use crate::diagnostic::Loc;
use crate::document::service::Service;
use crate::rules::Ctx;
use crate::tree::{Node, join_index};

rule!(
    "ECS201",
    "invalid-capacity-provider-strategy",
    Error,
    Service(check)
);

fn is_fargate(provider: &str) -> bool {
    matches!(provider, "FARGATE" | "FARGATE_SPOT")
}

fn check(svc: &Service, ctx: &mut Ctx) {
    let Some(strategy) = svc.get("capacityProviderStrategy") else {
        return;
    };
    let base_ptr = svc.ptr("capacityProviderStrategy");
    let items: Vec<(&Node, String)> = strategy
        .items()
        .iter()
        .enumerate()
        .filter(|(_, n)| n.is_object())
        .map(|(i, n)| (n, join_index(&base_ptr, i)))
        .collect();

    // At most one provider may have a base. `"base": 0` is the default and is what deploy
    // tools write for every item, so only a positive base counts.
    let with_base: Vec<&String> = items
        .iter()
        .filter(|(n, _)| n.get("base").and_then(Node::int).is_some_and(|b| b > 0))
        .map(|(_, p)| p)
        .collect();
    if let [first, rest @ ..] = with_base.as_slice() {
        for p in rest {
            ctx.report(
                Loc::member(format!("{p}/base")),
                format!("{} gives a `base` to more than one capacity provider; only one provider in a strategy may have a base", svc.label()),
            )
            .help("keep `base` on the provider that must run the first tasks and remove it (or set it to 0) on the others")
            .related(Loc::member(format!("{first}/base")), "the first provider with a base");
        }
    }

    // With several providers, at least one needs a weight above zero (absent means 0).
    if items.len() >= 2 && items.len() == strategy.items().len() {
        let weights: Option<Vec<i64>> = items
            .iter()
            .map(|(n, _)| match n.get("weight") {
                None => Some(0),
                Some(w) => w.int(),
            })
            .collect();
        if weights.is_some_and(|w| w.iter().all(|&w| w == 0)) {
            ctx.report(
                Loc::key(base_ptr.clone()),
                format!(
                    "every provider in the capacity provider strategy of {} has weight 0; with {} providers at least one needs a weight above 0",
                    svc.label(),
                    items.len()
                ),
            )
            .help("give the providers that should receive tasks a `weight` of 1 or more (a missing weight is 0)");
        }
    }

    // Fargate providers and Auto Scaling group providers cannot share a strategy.
    let named: Vec<(&str, &String)> = items
        .iter()
        .filter_map(|(n, p)| {
            n.get("capacityProvider")
                .and_then(Node::str)
                .map(|c| (c, p))
        })
        .filter(|(c, _)| !c.is_empty())
        .collect();
    if let Some((fargate, fp)) = named.iter().find(|(c, _)| is_fargate(c)) {
        for (other, op) in named.iter().filter(|(c, _)| !is_fargate(c)) {
            ctx.report(
                Loc::value(format!("{op}/capacityProvider")),
                format!(
                    "{} mixes the Fargate provider `{fargate}` with `{}`; a strategy holds either Fargate providers or Auto Scaling group providers, not both",
                    svc.label(),
                    crate::diagnostic::shorten(other)
                ),
            )
            .help("split the workload into two services, or use only FARGATE/FARGATE_SPOT, or only your Auto Scaling group providers")
            .related(Loc::value(format!("{fp}/capacityProvider")), "the Fargate provider");
        }
    }
}
