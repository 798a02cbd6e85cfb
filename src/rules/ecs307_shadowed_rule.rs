//! ECS307 shadowed-rule: every image a rule selects is already selected by a rule applied
//! before it in the same storage class, so the later rule can never act.
//!
//! ECR applies each image to at most one rule: an image that matches the tag selection of a
//! rule cannot be expired or archived by a rule with a higher `rulePriority` number, whatever
//! the earlier rule's count. So a later rule whose selection is a subset of an earlier one's
//! is dead. `any` rules placed early (ECS304), a second untagged rule and an identical tag
//! list (both ECS305) are reported by those rules instead.

use crate::document::ecr::{Policy, PolicyRule, TagList, quote_tags, wildcard};
use crate::rules::Ctx;

rule!("ECS307", "shadowed-rule", Warning, LifecyclePolicy(check));

/// Every tag pattern of `outer` is matched by some tag that matches a pattern of `inner`,
/// for every image `inner` selects: then `inner`'s images are a subset of `outer`'s. Reading
/// `inner`'s `*` as a literal character that only `outer`'s `*` can match gives a sufficient
/// test (a `*` in `inner` stands for any text, which `outer` must accept in its place).
fn subset(inner: &[String], outer: &[String]) -> bool {
    outer.iter().all(|o| inner.iter().any(|i| wildcard(o, i)))
}

/// The list a tagged rule uses, for pointing at it.
fn list_key(rule: &PolicyRule) -> &'static str {
    if rule.tag_list("tagPrefixList").is_present() {
        "tagPrefixList"
    } else {
        "tagPatternList"
    }
}

/// How the selection reads, for messages: ``tags starting with `v` `` or ``tags matching `*-rc*` ``.
fn describe(rule: &PolicyRule) -> String {
    let (key, how) = match rule.tag_list("tagPrefixList") {
        TagList::Known(_) => ("tagPrefixList", "starting with"),
        _ => ("tagPatternList", "matching"),
    };
    let TagList::Known(list) = rule.tag_list(key) else {
        return "its tags".into();
    };
    match list.len() {
        1 => format!("a tag {how} {}", quote_tags(list)),
        _ => format!("tags {how} each of {}", quote_tags(list)),
    }
}

/// Same list, same kind: ECS305 reports it.
fn identical(a: &PolicyRule, b: &PolicyRule) -> bool {
    fn set<'a>(r: &PolicyRule<'a>, key: &str) -> Option<Vec<&'a str>> {
        match r.tag_list(key) {
            TagList::Known(mut l) => {
                l.sort_unstable();
                l.dedup();
                Some(l)
            }
            _ => None,
        }
    }
    ["tagPrefixList", "tagPatternList"]
        .iter()
        .any(|k| set(a, k).is_some() && set(a, k) == set(b, k))
}

fn check(p: &Policy, ctx: &mut Ctx) {
    for later in &p.rules {
        let (Some(prio), Some(class), Some(inner)) = (
            later.priority,
            later.storage_class_known(),
            later.tag_globs(),
        ) else {
            continue;
        };
        let mut earlier: Vec<&PolicyRule> = p
            .rules
            .iter()
            .filter(|r| r.priority.is_some_and(|q| q < prio))
            .filter(|r| r.storage_class_known() == Some(class))
            .collect();
        earlier.sort_by_key(|r| (r.priority, r.index));
        let shadow = earlier.into_iter().find(|r| {
            r.tag_globs()
                .is_some_and(|outer| subset(&inner, &outer) && !identical(r, later))
        });
        let Some(first) = shadow else {
            continue;
        };
        // Known globs come from a written list.
        let (Some(list), Some(first_list)) = (
            later.selection_field(list_key(later)),
            first.selection_field(list_key(first)),
        ) else {
            continue;
        };
        ctx.report(
            list.loc(),
            format!(
                "{} can never expire or archive an image: every image it selects ({}) also matches {} ({}), which is applied first, and ECR lets only the first matching rule act on an image",
                later.label(),
                describe(later),
                first.label(),
                describe(first),
            ),
        )
        .help(format!(
            "apply the narrower rule first: give {} a lower rulePriority than {} (swapping their two numbers works), or delete it if {} covers these images well enough",
            later.label(),
            first.label(),
            first.label(),
        ))
        .related(
            first_list.loc(),
            format!("{} selects these images first", first.label()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::subset;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn subsets() {
        assert!(subset(&s(&["v1*"]), &s(&["v*"])));
        assert!(!subset(&s(&["v*"]), &s(&["v1*"])));
        assert!(subset(&s(&["prod-*-rc"]), &s(&["prod*"])));
        assert!(!subset(&s(&["*prod*"]), &s(&["prod*"])));
        assert!(subset(&s(&["release-1"]), &s(&["*"])));
        // Needs both a `v` tag and a `latest` tag: narrower than just `v`.
        assert!(subset(&s(&["v*", "latest"]), &s(&["v*"])));
        assert!(!subset(&s(&["v*"]), &s(&["v*", "latest"])));
        assert!(!subset(&s(&["production*"]), &s(&["-production-*"])));
    }
}
