//! ECS351 tag-mutability-exclusion-mismatch: exclusion filters without a `*_WITH_EXCLUSION`
//! mutability mode, or such a mode without filters.

use crate::diagnostic::Severity;
use crate::document::ecr::Repository;
use crate::rules::Ctx;

rule!(
    "ECS351",
    "tag-mutability-exclusion-mismatch",
    Error | Warning,
    Repository(check)
);

fn check(r: &Repository, ctx: &mut Ctx) {
    let mode_node = r.field("imageTagMutability");
    if mode_node.is_some_and(|m| m.is_unknown()) {
        return;
    }
    // Absent means MUTABLE; a value the schema rejects is left to it.
    let mode = match mode_node {
        None => "MUTABLE",
        Some(m) => match m.str() {
            Some(
                s @ ("MUTABLE"
                | "IMMUTABLE"
                | "IMMUTABLE_WITH_EXCLUSION"
                | "MUTABLE_WITH_EXCLUSION"),
            ) => s,
            _ => return,
        },
    };
    let filters = r.field("imageTagMutabilityExclusionFilters");
    if filters.is_some_and(|f| f.is_unknown()) {
        return;
    }
    let with_exclusion = matches!(mode, "IMMUTABLE_WITH_EXCLUSION" | "MUTABLE_WITH_EXCLUSION");
    match (filters, mode_node) {
        // An empty list is reported by the schema (at least one filter).
        (Some(f), _) if !with_exclusion && f.items().len() != 0 => {
            let (base, wanted) = if mode == "IMMUTABLE" {
                ("IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION")
            } else {
                ("MUTABLE", "MUTABLE_WITH_EXCLUSION")
            };
            let how = if mode_node.is_none() {
                "`imageTagMutability` is not set (MUTABLE)".to_string()
            } else {
                format!("`imageTagMutability` is `{mode}`")
            };
            // AWS documents no rejection for this direction (the CDK, the Terraform provider
            // and moto refuse it), so it is a warning.
            let finding = ctx.report(
                f.key_loc(),
                format!(
                    "{} has `imageTagMutabilityExclusionFilters` but {how}; exclusion filters only apply with `IMMUTABLE_WITH_EXCLUSION` or `MUTABLE_WITH_EXCLUSION`",
                    r.label()
                ),
            );
            finding.severity(Severity::Warning);
            finding.help(format!(
                "to make the filtered tags the exception to {base}, set `\"imageTagMutability\": \"{wanted}\"`; otherwise remove the filters"
            ));
            if let Some(m) = mode_node {
                finding.related(m.loc(), "the mutability mode");
            }
        }
        // A `*_WITH_EXCLUSION` mode is written.
        (None, Some(m)) if with_exclusion => {
            let base = mode.trim_end_matches("_WITH_EXCLUSION");
            let other = if base == "IMMUTABLE" {
                "mutable"
            } else {
                "immutable"
            };
            ctx.report(
                m.loc(),
                format!(
                    "{} uses `{mode}` but has no `imageTagMutabilityExclusionFilters`; ECR rejects this mode without at least one filter",
                    r.label()
                ),
            )
            .help(format!(
                "add the tags that should stay {other}, for example `\"imageTagMutabilityExclusionFilters\": [{{\"filterType\": \"WILDCARD\", \"filter\": \"latest\"}}]`, or use plain `{base}`"
            ));
        }
        _ => {}
    }
}
