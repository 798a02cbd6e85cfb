//! ECS103 secret-in-environment: a plaintext secret in environment, log options or the command line.

use crate::diagnostic::{Change, mask};
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::rules::secrets::{
    flag_secret, known_secret, secret_flag_alone, secret_name, secret_value,
};

task_rule!(
    "ECS103",
    "secret-in-environment",
    Warning,
    check,
    fix = Unsafe
);

const FIX: &str = "move the value to Secrets Manager or SSM Parameter Store and reference it from `secrets` (`{\"name\": ..., \"valueFrom\": \"arn:...\"}`); anyone who can describe the task definition can read plain values";

/// The environment variable names Security Hub ECS.8 (AWS Config `ecs-no-environment-secrets`,
/// Control Tower CT.ECS.PR.12, CIS AWS Compute 3.6) forbids, matched on the name alone (any
/// case): what they pass, and how to do without them.
fn forbidden_name(name: &str) -> Option<(&'static str, &'static str)> {
    const AWS_KEYS: &str = "remove it and give the task a `taskRoleArn`: the AWS SDKs and CLI in the container get temporary credentials from the task role; if a long-lived key is unavoidable, reference it from `secrets`";
    if name.eq_ignore_ascii_case("AWS_ACCESS_KEY_ID")
        || name.eq_ignore_ascii_case("AWS_SECRET_ACCESS_KEY")
    {
        Some(("AWS credentials", AWS_KEYS))
    } else if name.eq_ignore_ascii_case("ECS_ENGINE_AUTH_DATA") {
        Some((
            "registry credentials",
            "remove it: for a private registry, store the credentials in Secrets Manager and reference them from `repositoryCredentials.credentialsParameter`",
        ))
    } else {
        None
    }
}

/// Move an `environment` entry to `secrets`, with a `valueFrom` to fill in (the value itself
/// is dropped: it belongs in Secrets Manager or Parameter Store). Unsafe: until the ARN is
/// filled in and the secret exists, the task fails to start.
fn move_to_secrets(
    c: &crate::document::taskdef::Container,
    env: &crate::document::at::At,
    name: &str,
) -> Option<Vec<Change>> {
    let entry = serde_json::json!({
        "name": name,
        "valueFrom": format!("arn:aws:secretsmanager:REGION:ACCOUNT_ID:secret:{name}"),
    });
    let add = match c.field("secrets") {
        Some(s) if s.is_array() => {
            if s.items()
                .any(|i| i.field("name").and_then(|n| n.str()) == Some(name))
            {
                return None;
            }
            Change::append(s.node(), entry)
        }
        Some(_) => return None,
        None => Change::insert(c.node, "secrets", serde_json::json!([entry])),
    };
    Some(vec![Change::remove(env.node()), add])
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        let environment = c.field("environment");
        for env in environment.iter().flat_map(|e| e.items()) {
            let Some(name_at) = env.field("name") else {
                continue;
            };
            let Some(name) = name_at.raw_str() else {
                continue;
            };
            let value_node = env.field("value");
            if let Some(value_node) = value_node
                && let Some(value) = value_node.str()
            {
                if let Some(what) = known_secret(value) {
                    ctx.secret(value_node.span());
                    ctx.report(
                        value_node.loc(),
                        format!(
                            "environment variable `{name}` in {} holds {what} in plain text (`{}`)",
                            c.label(),
                            mask(value)
                        ),
                    )
                    .help(FIX);
                    if let Some(changes) = move_to_secrets(c, &env, name)
                        && let Some(f) = ctx.findings.last_mut()
                    {
                        f.fix(
                            format!("move `{name}` to `secrets` (fill in its ARN)"),
                            changes,
                        );
                    }
                    continue;
                } else if (secret_name(name) || ctx.options.extra_secret_name(name))
                    && secret_value(value)
                {
                    ctx.secret(value_node.span());
                    ctx.report(
                        value_node.loc(),
                        format!(
                            "environment variable `{name}` in {} looks like a plaintext secret (`{}`)",
                            c.label(),
                            mask(value)
                        ),
                    )
                    .help(FIX);
                    if let Some(changes) = move_to_secrets(c, &env, name)
                        && let Some(f) = ctx.findings.last_mut()
                    {
                        f.fix(
                            format!("move `{name}` to `secrets` (fill in its ARN)"),
                            changes,
                        );
                    }
                    continue;
                }
            }
            // Security Hub ECS.8 and its peers forbid these names whatever the value: a
            // placeholder is rendered into plain text, and even a dummy value means the
            // credentials are meant to be passed this way.
            if let Some((what, help)) = forbidden_name(name) {
                let how = match value_node {
                    Some(v) if v.is_unknown() => {
                        "the value filled in at deploy time is stored in the task definition in plain text".to_string()
                    }
                    Some(v) if v.str().is_some_and(|s| !s.trim().is_empty()) => {
                        ctx.secret(v.span());
                        format!(
                            "its value (`{}`) is stored in the task definition in plain text",
                            mask(v.str().unwrap_or_default())
                        )
                    }
                    _ => "the name alone fails Security Hub ECS.8, even with an empty value".to_string(),
                };
                ctx.report(
                    name_at.loc(),
                    format!(
                        "environment variable `{name}` in {} passes {what} through `environment`: {how}",
                        c.label()
                    ),
                )
                .help(help);
            }
        }
        if let Some(options) = c.field("logConfiguration").and_then(|l| l.field("options")) {
            for m in options.entries() {
                let Some(value) = m.str() else { continue };
                let key = m.key().unwrap_or_default();
                let what = known_secret(value)
                    .or_else(|| (secret_name(key) && secret_value(value)).then_some("a secret"));
                if let Some(what) = what {
                    ctx.secret(m.span());
                    // Reported on the option the key names: with a duplicate key, the last one.
                    let at = options.member_named(key).unwrap_or(m);
                    ctx.report(at.loc(), format!("log option `{key}` in {} holds {what} in plain text (`{}`)", c.label(), mask(value)))
                        .help("pass it through `logConfiguration.secretOptions` with `valueFrom` instead of `options`");
                }
            }
        }
        for field in ["command", "entryPoint"] {
            let Some(args) = c.field(field) else { continue };
            for (i, arg) in args.items().enumerate() {
                let Some(s) = arg.str() else { continue };
                if let Some(what) = known_secret(s) {
                    ctx.secret(arg.span());
                    ctx.report(
                        arg.loc(),
                        format!("`{field}` of {} holds {what} in plain text", c.label()),
                    )
                    .help(FIX);
                } else if let Some((flag, value)) = flag_secret(s) {
                    ctx.secret(arg.span());
                    ctx.report(arg.loc(), format!("`{field}` of {} passes a secret on the command line (`--{flag}` = `{}`)", c.label(), mask(&value)))
                        .help(format!("{FIX}, and read it from the environment in the process"));
                } else if secret_flag_alone(s)
                    && let Some(next) = args.item(i + 1)
                    && let Some(v) = next.str()
                    && !v.starts_with('-')
                    && !v.starts_with('$')
                    && secret_value(v)
                {
                    ctx.secret(next.span());
                    ctx.report(
                        next.loc(),
                        format!(
                            "`{field}` of {} passes a secret on the command line (`{s}` `{}`)",
                            c.label(),
                            mask(v)
                        ),
                    )
                    .help(format!(
                        "{FIX}, and read it from the environment in the process"
                    ));
                }
            }
        }
    }
}
