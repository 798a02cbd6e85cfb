//! ECS305 duplicate-selection: two rules of the same storage class select untagged images, or
//! the same set of tag prefixes or patterns.

use std::collections::BTreeSet;

use crate::document::ecr::{Policy, PolicyRule, TagList, quote_tags};
use crate::rules::Ctx;

rule!(
    "ECS305",
    "duplicate-selection",
    Error,
    LifecyclePolicy(check)
);

/// What a rule selects, for comparison: untagged, or a set of prefixes or of patterns.
#[derive(PartialEq, Eq)]
enum Selection<'a> {
    Untagged,
    Prefixes(BTreeSet<&'a str>),
    Patterns(BTreeSet<&'a str>),
}

fn selection<'a>(rule: &PolicyRule<'a>) -> Option<Selection<'a>> {
    match rule.tag_status? {
        "untagged" => Some(Selection::Untagged),
        "tagged" => match (
            rule.tag_list("tagPrefixList"),
            rule.tag_list("tagPatternList"),
        ) {
            (TagList::Known(l), TagList::Absent) if !l.is_empty() => {
                Some(Selection::Prefixes(l.into_iter().collect()))
            }
            (TagList::Absent, TagList::Known(l)) if !l.is_empty() => {
                Some(Selection::Patterns(l.into_iter().collect()))
            }
            _ => None,
        },
        _ => None,
    }
}

fn check(p: &Policy, ctx: &mut Ctx) {
    // Later means applied later: by rulePriority, then by position.
    let mut order: Vec<&PolicyRule> = p.rules.iter().collect();
    order.sort_by_key(|r| (r.priority.unwrap_or(i64::MAX), r.index));
    let mut seen: Vec<(&PolicyRule, &str, Selection)> = Vec::new();
    for rule in order {
        let (Some(class), Some(sel)) = (rule.storage_class_known(), selection(rule)) else {
            continue;
        };
        if let Some((first, _, _)) = seen.iter().find(|(_, c, s)| *c == class && *s == sel) {
            let (key, message, help) = match &sel {
                Selection::Untagged => (
                    "tagStatus",
                    format!(
                        "{} and {} both select untagged images of {class} storage; ECR allows only one rule per storage class to select untagged images",
                        first.label(),
                        rule.label()
                    ),
                    "merge the two into one `untagged` rule (keep the count or age limit you want), or delete one",
                ),
                Selection::Prefixes(set) | Selection::Patterns(set) => {
                    let key = if matches!(sel, Selection::Prefixes(_)) {
                        "tagPrefixList"
                    } else {
                        "tagPatternList"
                    };
                    let list = quote_tags(set.iter().copied());
                    (
                        key,
                        format!(
                            "{} has the same `{key}` ({list}) as {} in {class} storage; ECR requires each rule of a storage class to select a different set",
                            rule.label(),
                            first.label()
                        ),
                        "merge the two rules into one, or change the tags one of them selects",
                    )
                }
            };
            // Both rules select by this member: it is written in each.
            let (Some(at), Some(related)) = (rule.selection_field(key), first.selection_field(key))
            else {
                continue;
            };
            ctx.report(at.loc(), message).help(help).related(
                related.loc(),
                format!("{} selects the same images", first.label()),
            );
        } else {
            seen.push((rule, class, sel));
        }
    }
}
