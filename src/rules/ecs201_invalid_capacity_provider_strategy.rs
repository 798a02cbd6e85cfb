//! ECS201 invalid-capacity-provider-strategy: a strategy AWS rejects (several `base` values,
//! all weights zero, Fargate and Auto Scaling group providers mixed).

use crate::document::at::At;
use crate::document::service::Service;
use crate::rules::Ctx;

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
    let Some(strategy) = svc.field("capacityProviderStrategy") else {
        return;
    };
    let items: Vec<At> = strategy.items().filter(At::is_object).collect();

    // At most one provider may have a base. `"base": 0` is the default and is what deploy
    // tools write for every item, so only a positive base counts.
    let with_base: Vec<At> = items
        .iter()
        .filter_map(|n| n.field("base"))
        .filter(|b| b.int().is_some_and(|b| b > 0))
        .collect();
    if let [first, rest @ ..] = with_base.as_slice() {
        for base in rest {
            ctx.report(
                base.member_loc(),
                format!("{} gives a `base` to more than one capacity provider; only one provider in a strategy may have a base", svc.label()),
            )
            .help("keep `base` on the provider that must run the first tasks and remove it (or set it to 0) on the others")
            .related(first.member_loc(), "the first provider with a base");
        }
    }

    // With several providers, at least one needs a weight above zero (absent means 0).
    if items.len() >= 2 && items.len() == strategy.items().len() {
        let weights: Option<Vec<i64>> = items
            .iter()
            .map(|n| match n.field("weight") {
                None => Some(0),
                Some(w) => w.int(),
            })
            .collect();
        if weights.is_some_and(|w| w.iter().all(|&w| w == 0)) {
            ctx.report(
                strategy.key_loc(),
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
    let named: Vec<(&str, At)> = items
        .iter()
        .filter_map(|n| n.field("capacityProvider"))
        .filter_map(|p| p.str().map(|c| (c, p)))
        .filter(|(c, _)| !c.is_empty())
        .collect();
    if let Some((fargate, fp)) = named.iter().find(|(c, _)| is_fargate(c)) {
        for (other, op) in named.iter().filter(|(c, _)| !is_fargate(c)) {
            ctx.report(
                op.loc(),
                format!(
                    "{} mixes the Fargate provider `{fargate}` with `{}`; a strategy holds either Fargate providers or Auto Scaling group providers, not both",
                    svc.label(),
                    crate::diagnostic::shorten(other)
                ),
            )
            .help("split the workload into two services, or use only FARGATE/FARGATE_SPOT, or only your Auto Scaling group providers")
            .related(fp.loc(), "the Fargate provider");
        }
    }
}
