//! ECS304 any-rule-not-last: a `tagStatus: any` rule does not have the highest `rulePriority`
//! among the rules of its storage class.

use crate::diagnostic::Change;
use crate::document::ecr::Policy;
use crate::rules::Ctx;

rule!(
    "ECS304",
    "any-rule-not-last",
    Error,
    LifecyclePolicy(check),
    fix = Unsafe
);

fn check(p: &Policy, ctx: &mut Ctx) {
    for rule in &p.rules {
        let (Some("any"), Some(prio), Some(class)) =
            (rule.tag_status, rule.priority, rule.storage_class_known())
        else {
            continue;
        };
        // A known priority and status are written members.
        let (Some(prio_at), Some(status_at)) = (
            rule.field("rulePriority"),
            rule.selection_field("tagStatus"),
        ) else {
            continue;
        };
        let later: Vec<_> = p
            .rules
            .iter()
            .filter(|r| {
                r.index != rule.index
                    && r.storage_class_known() == Some(class)
                    && r.priority.is_some_and(|q| q > prio)
            })
            .collect();
        let Some(max) = later.iter().filter_map(|r| r.priority).max() else {
            continue;
        };
        // Name a few; a policy may hold up to 50 rules.
        let shown: Vec<String> = later.iter().take(3).map(|r| r.label()).collect();
        let names = match later.len() {
            n if n > 3 => format!("{} and {} more", shown.join(", "), n - 3),
            _ => shown.join(", "),
        };
        let finding = ctx
            .report(
                prio_at.loc(),
                format!(
                    "{} (`tagStatus` `any`) is not the last rule for {class} storage: {} {} a higher rulePriority; ECR requires the `any` rule of a storage class to be applied last",
                    rule.label(),
                    names,
                    if later.len() == 1 { "has" } else { "have" },
                ),
            )
            .help(format!(
                "give this rule a rulePriority above {max} (for example {}), so the rules for specific tags and for untagged images are applied first",
                max + 1
            ))
            .related(status_at.loc(), "the `any` selection");
        // Last of all rules: priorities are unique across the policy.
        let top = p
            .rules
            .iter()
            .filter_map(|r| r.priority)
            .max()
            .unwrap_or(max);
        finding.fix(
            format!("move this rule last: rulePriority {}", top + 1),
            vec![Change::set(prio_at.node(), serde_json::json!(top + 1))],
        );
        for (r, at) in later
            .iter()
            .take(3)
            .filter_map(|r| Some((r, r.field("rulePriority")?)))
        {
            finding.related(at.loc(), format!("{} comes after it", r.label()));
        }
    }
}
