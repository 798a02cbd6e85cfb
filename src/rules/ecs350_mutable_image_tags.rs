//! ECS350 mutable-image-tags: a repository is created with mutable tags (the default).

use crate::diagnostic::Change;
use crate::diagnostic::Severity;
use crate::document::ecr::Repository;
use crate::rules::Ctx;

rule!(
    "ECS350",
    "mutable-image-tags",
    Warning | Info,
    Repository(check),
    fix = Unsafe
);

const HELP: &str = "set `\"imageTagMutability\": \"IMMUTABLE\"` so a pushed tag always names the same image; if a few tags must keep moving (such as `latest` or `dev`), use `\"IMMUTABLE_WITH_EXCLUSION\"` with `imageTagMutabilityExclusionFilters` naming just those";

fn check(r: &Repository, ctx: &mut Ctx) {
    let filters = r.field("imageTagMutabilityExclusionFilters");
    let has_filters = filters.is_some_and(|f| !f.is_unknown() && f.items().len() != 0);
    let mode = r.field("imageTagMutability");
    if let Some(m) = mode
        && m.str() == Some("MUTABLE_WITH_EXCLUSION")
    {
        // Without filters AWS rejects the mode (ECS351).
        if has_filters {
            ctx.report(
                m.loc(),
                format!(
                    "{} keeps its image tags mutable except those its exclusion filters match (`MUTABLE_WITH_EXCLUSION`): pushing an image with any other existing tag silently repoints that tag",
                    r.label()
                ),
            )
            .severity(Severity::Info)
            .help("if only a few tags must keep moving, turn it around: `\"IMMUTABLE_WITH_EXCLUSION\"` with `imageTagMutabilityExclusionFilters` naming just those tags");
        }
        return;
    }
    // Exclusion filters without an exclusion mode: ECS351 reports the mode to pick.
    if filters.is_some_and(|f| f.is_unknown() || f.items().len() != 0) {
        return;
    }
    match mode {
        // put-image-scanning-configuration input leaves the mutability as it is.
        None if r.may_be_put_request() => {}
        None => {
            ctx.report(
                r.head_at(),
                format!(
                    "{} gets mutable image tags: `imageTagMutability` is not set and defaults to MUTABLE, so pushing an image with an existing tag silently repoints that tag",
                    r.label()
                ),
            )
            .help(HELP)
            .fix("set `imageTagMutability` to IMMUTABLE", vec![Change::insert(r.node, "imageTagMutability", serde_json::json!("IMMUTABLE"))]);
        }
        Some(m) if m.str() == Some("MUTABLE") => {
            ctx.report(
                m.loc(),
                format!(
                    "{} has mutable image tags: pushing an image with an existing tag silently repoints that tag, so a tag no longer says which image runs",
                    r.label()
                ),
            )
            .help(HELP)
            .fix("set `imageTagMutability` to IMMUTABLE", vec![Change::set(m.node(), serde_json::json!("IMMUTABLE"))]);
        }
        // IMMUTABLE, IMMUTABLE_WITH_EXCLUSION (ECS351 checks its filters), placeholders,
        // and values the schema rejects.
        Some(_) => {}
    }
}
