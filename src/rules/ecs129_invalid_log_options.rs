//! ECS129 invalid-log-options: log driver options that keep the container from logging or
//! starting: awslogs without its required options or with unknown ones, an invalid `mode`,
//! splunk without its URL or token.

use crate::diagnostic::Severity;
use crate::document::at::At;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS129", "invalid-log-options", Error | Warning, check);

/// Options every log driver takes.
const COMMON: &[&str] = &["mode", "max-buffer-size"];

/// Options of Docker's awslogs driver, and the one ECS adds (`awslogs-stream-prefix`).
const AWSLOGS: &[&str] = &[
    "awslogs-region",
    "awslogs-group",
    "awslogs-stream-prefix",
    "awslogs-create-group",
    "awslogs-datetime-format",
    "awslogs-multiline-pattern",
    "awslogs-stream",
    "awslogs-create-stream",
    "awslogs-endpoint",
    "awslogs-credentials-endpoint",
    "awslogs-force-flush-interval-seconds",
    "awslogs-max-buffered-events",
    "awslogs-format",
    "tag",
];

const MODES: &[&str] = &["non-blocking", "blocking"];

/// A string option that is set: present, not empty (deploy tools drop empty values), or a
/// placeholder.
fn set(options: Option<At<'_>>, key: &str) -> bool {
    options
        .and_then(|o| o.entry(key))
        .is_some_and(|v| v.str().is_none_or(|s| !s.trim().is_empty()))
}

/// The options named, each marked when it is written but empty.
fn describe(options: Option<At<'_>>, keys: &[&str]) -> String {
    let quoted: Vec<String> = keys
        .iter()
        .map(|k| {
            if options.and_then(|o| o.entry(k)).is_some() {
                format!("`{k}` (it is empty)")
            } else {
                format!("`{k}`")
            }
        })
        .collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        let Some(log) = c.field("logConfiguration") else {
            continue;
        };
        let Some(driver) = log.field("logDriver").and_then(|d| d.str()) else {
            continue;
        };
        let options = log.field("options");
        if options.is_some_and(|o| !o.is_object()) {
            continue; // a placeholder, or a schema error (ECS003)
        }
        let label = c.label();
        if let Some(mode) = options.and_then(|o| o.entry("mode"))
            && let Some(m) = mode.str()
            && !m.is_empty()
            && !MODES.contains(&m)
        {
            let help = match crate::schema::closest(m, MODES.iter().copied()) {
                Some(close) => {
                    format!("did you mean `{close}`? `mode` is `non-blocking` or `blocking`")
                }
                None => "set `mode` to `non-blocking` (the default) or `blocking`, or remove it"
                    .to_string(),
            };
            ctx.report(mode.loc(), format!("log option `mode` of {label} is `{m}`; only `non-blocking` and `blocking` exist, and Docker refuses to create the container otherwise"))
                .help(help);
        }
        // Where a required option goes: on its empty value, or where it would be written.
        let at_option = |key: &str| match options {
            Some(o) => match o.entry(key) {
                Some(v) => v.loc(),
                None => o.key_loc(),
            },
            None => log.key_loc(),
        };
        match driver {
            "awslogs" => {
                let mut required = vec!["awslogs-group", "awslogs-region"];
                if task.fargate() {
                    required.push("awslogs-stream-prefix");
                }
                let missing: Vec<&str> =
                    required.into_iter().filter(|k| !set(options, k)).collect();
                if let Some(first) = missing.first() {
                    let on_fargate = match missing.as_slice() {
                        ["awslogs-stream-prefix"] => ", which Fargate requires",
                        m if m.contains(&"awslogs-stream-prefix") => {
                            " (Fargate requires the stream prefix too)"
                        }
                        _ => "",
                    };
                    ctx.report(
                        at_option(first),
                        format!(
                            "{label} logs with `awslogs` but does not set {}{on_fargate}",
                            describe(options, &missing)
                        ),
                    )
                    .help("set `\"options\": {\"awslogs-group\": \"/ecs/<family>\", \"awslogs-region\": \"<region>\", \"awslogs-stream-prefix\": \"<container>\"}`");
                }
                let Some(options) = options else { continue };
                for o in options.entries() {
                    let Some(key) = o.key() else { continue };
                    if AWSLOGS.contains(&key) || COMMON.contains(&key) {
                        continue;
                    }
                    let candidates = AWSLOGS.iter().chain(COMMON).copied();
                    let help = match crate::schema::closest(key, candidates) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => "remove it; the awslogs options are listed in the ECS documentation of `logConfiguration`".to_string(),
                    };
                    ctx.report(o.key_loc(), format!("`{key}` is not an option of the awslogs log driver ({label}); Docker refuses unknown log options, so the container would not start on EC2"))
                        .severity(Severity::Warning)
                        .help(help);
                }
                if let (Some(datetime), Some(pattern)) = (
                    options.entry("awslogs-datetime-format"),
                    options.entry("awslogs-multiline-pattern"),
                ) {
                    ctx.report(pattern.member_loc(), format!("{label} sets both `awslogs-datetime-format` and `awslogs-multiline-pattern`, which the awslogs driver does not allow together"))
                        .severity(Severity::Warning)
                        .help("keep one of them: both say where a multi-line log message starts")
                        .related(datetime.member_loc(), "the other one");
                }
            }
            "splunk" => {
                let in_secrets = |name: &str| {
                    log.field("secretOptions").is_some_and(|s| {
                        s.is_unknown()
                            || s.items().any(|i| {
                                i.field("name")
                                    .is_some_and(|n| n.is_unknown() || n.str() == Some(name))
                            })
                    })
                };
                let missing: Vec<&str> = ["splunk-url", "splunk-token"]
                    .into_iter()
                    .filter(|k| !set(options, k) && !in_secrets(k))
                    .collect();
                if let Some(first) = missing.first() {
                    ctx.report(
                        at_option(first),
                        format!("{label} logs with `splunk` but does not set {}, which the splunk driver requires", describe(options, &missing)),
                    )
                    .help("set `splunk-url` in `options`, and pass `splunk-token` through `secretOptions` (`{\"name\": \"splunk-token\", \"valueFrom\": \"arn:...\"}`)");
                }
            }
            _ => {}
        }
    }
}
