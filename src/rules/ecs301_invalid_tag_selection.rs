//! ECS301 invalid-tag-selection: `tagStatus` and the tag lists of a rule do not fit together,
//! or a tag pattern has more wildcards than ECR allows.

use crate::document::ecr::{Policy, PolicyRule, TagList};
use crate::rules::Ctx;

rule!(
    "ECS301",
    "invalid-tag-selection",
    Error,
    LifecyclePolicy(check)
);

/// Most `*` wildcards ECR accepts in one tag pattern.
const MAX_WILDCARDS: usize = 4;

fn check(p: &Policy, ctx: &mut Ctx) {
    for rule in &p.rules {
        status_and_lists(rule, ctx);
        wildcards(rule, ctx);
    }
}

fn status_and_lists(rule: &PolicyRule, ctx: &mut Ctx) {
    let Some(status) = rule.tag_status else {
        return;
    };
    let prefixes = rule.tag_list("tagPrefixList");
    let patterns = rule.tag_list("tagPatternList");
    // A placeholder list might render to anything, `null` included.
    if prefixes == TagList::Unknown || patterns == TagList::Unknown {
        return;
    }
    let label = rule.label();
    // A known status and present lists are written members of the selection.
    let (Some(status_at), prefix_at, pattern_at) = (
        rule.selection_field("tagStatus"),
        rule.selection_field("tagPrefixList"),
        rule.selection_field("tagPatternList"),
    ) else {
        return;
    };
    match status {
        "tagged" => {
            if let (Some(prefix_at), Some(pattern_at)) = (prefix_at, pattern_at) {
                ctx.report(
                    pattern_at.member_loc(),
                    format!("{label} has both `tagPrefixList` and `tagPatternList`; a rule may use only one of them"),
                )
                .help("keep one list: a prefix `v` selects the same tags as the pattern `v*`, so prefixes can move into `tagPatternList`")
                .related(prefix_at.member_loc(), "the other list");
                return;
            }
            let (key, list) = match (&prefixes, &patterns) {
                (TagList::Absent, TagList::Absent) => {
                    ctx.report(
                        status_at.loc(),
                        format!("{label} selects `tagged` images but has neither `tagPrefixList` nor `tagPatternList`; ECR requires one of them for tagged rules"),
                    )
                    .help("to select every tagged image add `\"tagPatternList\": [\"*\"]`; otherwise list the tag prefixes (`\"tagPrefixList\": [\"v\"]`) or patterns the rule is for");
                    return;
                }
                (TagList::Known(l), TagList::Absent) => ("tagPrefixList", l),
                (TagList::Absent, TagList::Known(l)) => ("tagPatternList", l),
                _ => return,
            };
            if list.is_empty()
                && let Some(list_at) = rule.selection_field(key)
            {
                ctx.report(
                    list_at.loc(),
                    format!("{label} selects `tagged` images but its `{key}` is empty; ECR requires at least one prefix or pattern for tagged rules"),
                )
                .help("to select every tagged image use `\"tagPatternList\": [\"*\"]`; otherwise list the tag prefixes or patterns the rule is for");
            }
        }
        "untagged" | "any" => {
            for (key, list_at) in [("tagPrefixList", prefix_at), ("tagPatternList", pattern_at)] {
                let Some(list_at) = list_at else {
                    continue;
                };
                let what = if status == "untagged" {
                    "images without tags, so a tag list has nothing to match"
                } else {
                    "every image whatever its tags"
                };
                ctx.report(
                    list_at.member_loc(),
                    format!("{label} has `tagStatus` `{status}` and a `{key}`; ECR accepts tag lists only with `tagStatus` `tagged`"),
                )
                .help(format!(
                    "`{status}` selects {what}: remove `{key}`, or set `\"tagStatus\": \"tagged\"` if the rule is meant for those tags"
                ))
                .related(status_at.loc(), "the tag status");
            }
        }
        _ => {}
    }
}

fn wildcards(rule: &PolicyRule, ctx: &mut Ctx) {
    let TagList::Known(patterns) = rule.tag_list("tagPatternList") else {
        return;
    };
    // A known list is a written array of strings: item `i` is pattern `i`.
    let Some(list_at) = rule.selection_field("tagPatternList") else {
        return;
    };
    for (pattern, pattern_at) in patterns.iter().zip(list_at.items()) {
        let stars = pattern.matches('*').count();
        if stars <= MAX_WILDCARDS {
            continue;
        }
        let merged = collapse_stars(pattern);
        let help = if merged.matches('*').count() <= MAX_WILDCARDS {
            format!("adjacent wildcards match the same as one: write `{merged}`")
        } else {
            format!(
                "use at most {MAX_WILDCARDS} `*`; a shorter pattern such as `{}` selects a superset, or split the tags over several rules",
                shorten(pattern)
            )
        };
        ctx.report(
            pattern_at.loc(),
            format!(
                "tag pattern `{}` in {} has {stars} wildcards; ECR accepts at most {MAX_WILDCARDS} `*` per pattern",
                crate::diagnostic::shorten(pattern),
                rule.label()
            ),
        )
        .help(help);
    }
}

/// `a**b` → `a*b`.
fn collapse_stars(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        if !(c == '*' && out.ends_with('*')) {
            out.push(c);
        }
    }
    out
}

/// The pattern cut after its fourth wildcard: it matches every tag the original matches.
fn shorten(pattern: &str) -> String {
    let collapsed = collapse_stars(pattern);
    let mut out = String::new();
    let mut stars = 0;
    for c in collapsed.chars() {
        out.push(c);
        if c == '*' {
            stars += 1;
            if stars == MAX_WILDCARDS {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortening() {
        assert_eq!(collapse_stars("a**b***c"), "a*b*c");
        assert_eq!(shorten("test*1*2*3*4*5*6"), "test*1*2*3*");
        assert!(crate::document::ecr::wildcard(
            &shorten("test*1*2*3*4*5*6"),
            "test-1-2-3-4-5-6"
        ));
    }
}
