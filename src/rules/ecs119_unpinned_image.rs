//! ECS119 unpinned-image: `:latest` or no tag; with `options.allowed-registries`, also an
//! image from a registry outside the list.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS119", "unpinned-image", Warning, check);

/// The tag of an image reference without a digest: `Some("")` when there is none.
pub fn tag(image: &str) -> Option<&str> {
    if image.contains('@') {
        return None; // pinned by digest
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    Some(last.split_once(':').map_or("", |(_, t)| t))
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        let Some(image_at) = c.field("image") else {
            continue;
        };
        let Some(image) = image_at.str() else {
            continue;
        };
        if image.trim().is_empty() {
            continue;
        }
        // A blank a deploy step fills in (`IMAGE`, `REPLACE_ME`) names no registry.
        if let Some(allowed) = &ctx.options.allowed_registries
            && !crate::rules::blanks::fill_in(image)
        {
            let (registry, name) = crate::rules::options::image_registry(image);
            if !ctx.options.registry_allowed(&registry, &name) {
                let list: Vec<String> = allowed.iter().map(|(p, _)| format!("`{p}`")).collect();
                ctx.report(
                    image_at.loc(),
                    format!(
                        "{} pulls `{}` from `{registry}`, which this repository's configuration does not allow",
                        c.label(),
                        crate::diagnostic::shorten(image)
                    ),
                )
                .help(format!(
                    "use an image from {} (the allowed-registries option in ecslint.toml), copying it into an allowed registry (an ECR pull-through cache rule, say) if needed",
                    list.join(", ")
                ));
            }
        }
        match tag(image) {
            Some("") => {
                ctx.report(
                    image_at.loc(),
                    format!(
                        "{} uses `{image}` without a tag, which pulls `latest`",
                        c.label()
                    ),
                )
                .help(
                    "pin a version tag (`image:1.2.3`) or, better, a digest (`image@sha256:...`)",
                );
            }
            Some("latest") => {
                ctx.report(
                    image_at.loc(),
                    format!("{} uses the mutable `latest` tag", c.label()),
                )
                .help(
                    "pin a version tag (`image:1.2.3`) or, better, a digest (`image@sha256:...`)",
                );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tags() {
        assert_eq!(super::tag("nginx"), Some(""));
        assert_eq!(super::tag("registry:5000/app"), Some(""));
        assert_eq!(super::tag("registry:5000/app:1.2"), Some("1.2"));
        assert_eq!(super::tag("nginx:latest"), Some("latest"));
        assert_eq!(super::tag("repo@sha256:abc"), None);
        assert_eq!(super::tag("repo:1@sha256:abc"), None);
    }
}
