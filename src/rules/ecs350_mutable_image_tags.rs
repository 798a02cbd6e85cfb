//! ECS350 mutable-image-tags: a repository is created with mutable tags (the default).

use crate::document::ecr::Repository;
use crate::rules::Ctx;

rule!("ECS350", "mutable-image-tags", Warning, Repository(check));

const HELP: &str = "set `\"imageTagMutability\": \"IMMUTABLE\"` so a pushed tag always names the same image; if a few tags must keep moving (such as `latest` or `dev`), use `\"IMMUTABLE_WITH_EXCLUSION\"` with `imageTagMutabilityExclusionFilters` naming just those";

fn check(r: &Repository, ctx: &mut Ctx) {
    // Exclusion filters without an exclusion mode: ECS351 reports the mode to pick.
    if r.field("imageTagMutabilityExclusionFilters")
        .is_some_and(|f| f.is_unknown() || f.items().len() != 0)
    {
        return;
    }
    match r.field("imageTagMutability") {
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
            .help(HELP);
        }
        Some(m) if m.str() == Some("MUTABLE") => {
            ctx.report(
                m.loc(),
                format!(
                    "{} has mutable image tags: pushing an image with an existing tag silently repoints that tag, so a tag no longer says which image runs",
                    r.label()
                ),
            )
            .help(HELP);
        }
        // IMMUTABLE, the *_WITH_EXCLUSION modes (ECS351 checks their filters), placeholders,
        // and values the schema rejects.
        Some(_) => {}
    }
}
