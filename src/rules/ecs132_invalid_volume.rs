//! ECS132 invalid-volume: a task volume AWS rejects: a bad or missing name, more than one
//! source, a second volume configured at launch, or an access point with a root directory.

use crate::document::at::At;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS132", "invalid-volume", Error, check);

/// The kinds of source a volume can have, by field.
const SOURCES: &[&str] = &[
    "host",
    "dockerVolumeConfiguration",
    "efsVolumeConfiguration",
    "s3filesVolumeConfiguration",
    "fsxWindowsFileServerVolumeConfiguration",
    "configuredAtLaunch",
];

/// Volume (and family, container) names: 1–255 letters, digits, `_` and `-`.
fn good_name(name: &str) -> bool {
    (1..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A source that is written: an object with members (deploy tools drop empty ones), a
/// placeholder, or `configuredAtLaunch: true`.
fn source(v: &At<'_>, field: &str) -> Option<bool> {
    let f = v.field(field)?;
    if field == "configuredAtLaunch" {
        return match f.bool() {
            Some(true) => Some(true),
            Some(false) => None,
            None => f.is_unknown().then_some(false),
        };
    }
    if f.is_unknown() {
        return Some(false);
    }
    (f.is_object() && f.entries().next().is_some()).then_some(true)
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    let mut at_launch: Option<(String, At)> = None;
    for v in task.volumes() {
        let name_at = v.field("name");
        let name = name_at.and_then(|n| n.str()).filter(|n| !n.is_empty());
        if let (Some(at), Some(n)) = (name_at, name)
            && !good_name(n)
        {
            let shown = crate::diagnostic::shorten(n);
            ctx.report(at.loc(), format!("volume name `{shown}` is not allowed: names are 1 to 255 letters, digits, `_` and `-`"))
                .help("rename the volume (and the `sourceVolume` of its mount points) with letters, digits, `_` and `-` only");
        }
        let written: Vec<(&str, bool)> = SOURCES
            .iter()
            .filter_map(|f| source(&v.at, f).map(|known| (*f, known)))
            .collect();
        let name_missing = name_at.is_none_or(|n| n.str() == Some(""));
        if name_missing
            && let Some((kind, _)) = written.iter().find(|(f, known)| {
                *known
                    && matches!(
                        *f,
                        "efsVolumeConfiguration"
                            | "s3filesVolumeConfiguration"
                            | "configuredAtLaunch"
                    )
            })
        {
            ctx.report(
                v.head(),
                format!(
                    "{} has `{kind}` but no `name`, which such volumes require",
                    v.label()
                ),
            )
            .help(
                "give the volume a `name` and mount it by that name (`mountPoints[].sourceVolume`)",
            );
        }
        if written.len() > 1 && written.iter().all(|(_, known)| *known) {
            let fields: Vec<String> = written.iter().map(|(f, _)| format!("`{f}`")).collect();
            let second = v
                .field(written[1].0)
                .map_or_else(|| v.head(), |f| f.key_loc());
            ctx.report(
                second,
                format!(
                    "{} sets {}; a volume has exactly one source",
                    v.label(),
                    fields.join(" and ")
                ),
            )
            .help("split it into one volume per source, each with its own `name`");
        }
        if let Some(flag) = v.field("configuredAtLaunch")
            && flag.bool() == Some(true)
        {
            match &at_launch {
                Some((first, first_at)) => {
                    ctx.report(flag.member_loc(), format!("{} is configured at launch, but {first} already is; a task definition can have only one such volume", v.label()))
                        .help("keep `configuredAtLaunch` on one volume; attach other data with EFS volumes or a second task definition")
                        .related(first_at.member_loc(), "the first volume configured at launch");
                }
                None => at_launch = Some((v.label(), flag)),
            }
        }
        for (field, access_point_field) in [
            ("efsVolumeConfiguration", "accessPointId"),
            ("s3filesVolumeConfiguration", "accessPointArn"),
        ] {
            let Some(config) = v.field(field) else {
                continue;
            };
            let access_point = if field == "efsVolumeConfiguration" {
                config
                    .field("authorizationConfig")
                    .and_then(|a| a.field(access_point_field))
            } else {
                config.field(access_point_field)
            };
            let Some(access_point) =
                access_point.filter(|a| a.is_unknown() || a.str().is_some_and(|s| !s.is_empty()))
            else {
                continue;
            };
            if let Some(root) = config.field("rootDirectory")
                && let Some(dir) = root.str()
                && !matches!(dir, "" | "/")
            {
                let shown = crate::diagnostic::shorten(dir);
                ctx.report(root.member_loc(), format!("{} mounts through an access point, so `rootDirectory` must be omitted or `/`, not `{shown}`", v.label()))
                    .help("remove `rootDirectory`: the access point's own root directory applies; set the path on the access point instead")
                    .related(access_point.member_loc(), "the access point");
            }
        }
    }
}
