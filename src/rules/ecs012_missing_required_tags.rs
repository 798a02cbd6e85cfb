//! ECS012 missing-required-tags: a task definition, service or repository lacks a tag key that
//! `options.required-tags` in `ecslint.toml` asks for. Silent without the option.

use crate::document::{Document, Form, Kind};
use crate::rules::Ctx;

rule!("ECS012", "missing-required-tags", Warning, Document(check));

fn check(doc: &Document, ctx: &mut Ctx) {
    let Some(required) = ctx.options.required_tags.as_ref().filter(|r| !r.is_empty()) else {
        return;
    };
    // Only the forms that carry the resource's tags: register and create input (and a
    // template's resource), and a deploy tool's service definition. Describe output and
    // update-service input do not hold them; policies have none.
    let what = match (doc.kind, doc.form) {
        (Kind::TaskDefinition, Form::Register) => "task definition",
        (Kind::Service, Form::CreateService | Form::ServiceDefinition) => "service",
        (Kind::Repository, Form::CreateRepository) => "repository",
        _ => return,
    };
    let root = doc.at();
    let tags = root.field("tags");
    let mut present = Vec::new();
    if let Some(list) = tags {
        if !list.is_array() {
            return;
        }
        for t in list.items() {
            // ECS writes `key`, ECR `Key`.
            let Some(key) = t.field("key").or_else(|| t.field("Key")) else {
                continue;
            };
            match key.str() {
                Some(k) => present.push(k),
                // A placeholder key may be any of them.
                None => return,
            }
        }
    }
    let missing: Vec<String> = required
        .iter()
        .filter(|r| !present.contains(&r.as_str()))
        .map(|r| format!("`{r}`"))
        .collect();
    if missing.is_empty() {
        return;
    }
    let name = root
        .field("family")
        .or_else(|| root.field("serviceName"))
        .or_else(|| root.field("repositoryName"))
        .and_then(|n| n.str())
        .map(|n| format!(" `{}`", crate::diagnostic::shorten(n)))
        .unwrap_or_default();
    let keys = if missing.len() == 1 { "tag" } else { "tags" };
    let at = match tags {
        Some(t) => t.key_loc(),
        None => root.missing("tags"),
    };
    ctx.report(
        at,
        format!(
            "{what}{name} lacks the {keys} {} that the required-tags option in ecslint.toml requires",
            missing.join(", ")
        ),
    )
    .help(format!(
        "add {} {} to `tags` (any value)",
        if what == "repository" {
            "`{\"Key\": ..., \"Value\": ...}` entries for"
        } else {
            "`{\"key\": ..., \"value\": ...}` entries for"
        },
        missing.join(", ")
    ));
}
