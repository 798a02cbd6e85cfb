//! ECS300 duplicate-rule-priority: two rules of a lifecycle policy share a `rulePriority`.

use crate::document::ecr::Policy;
use crate::rules::Ctx;

rule!(
    "ECS300",
    "duplicate-rule-priority",
    Error,
    LifecyclePolicy(check)
);

fn check(p: &Policy, ctx: &mut Ctx) {
    let known: Vec<i64> = p.rules.iter().filter_map(|r| r.priority).collect();
    let Some(max) = known.iter().copied().max() else {
        return;
    };
    for (i, rule) in p.rules.iter().enumerate() {
        let Some(prio) = rule.priority else {
            continue;
        };
        let Some(first) = p.rules[..i].iter().find(|r| r.priority == Some(prio)) else {
            continue;
        };
        // A known priority is a written `rulePriority`.
        let (Some(here), Some(there)) = (rule.field("rulePriority"), first.field("rulePriority"))
        else {
            continue;
        };
        ctx.report(
            here.loc(),
            format!(
                "rules[{}] and rules[{}] both have rulePriority {prio}; every rule of a lifecycle policy needs its own priority",
                first.index, rule.index
            ),
        )
        .help(format!(
            "give one of them an unused rulePriority (the numbers need not be consecutive, so {} is free); the lower number is applied first",
            max + 1
        ))
        .related(
            there.loc(),
            format!("rulePriority {prio} is first used here"),
        );
    }
}
