//! ECS103 secret-in-environment: a plaintext secret in environment, log options or the command line.

use crate::diagnostic::mask;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::rules::secrets::{
    flag_secret, known_secret, secret_flag_alone, secret_name, secret_value,
};

task_rule!("ECS103", "secret-in-environment", Warning, check);

const FIX: &str = "move the value to Secrets Manager or SSM Parameter Store and reference it from `secrets` (`{\"name\": ..., \"valueFrom\": \"arn:...\"}`); anyone who can describe the task definition can read plain values";

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        let environment = c.field("environment");
        for env in environment.iter().flat_map(|e| e.items()) {
            let (Some(name), Some(value_node)) = (
                env.field("name").and_then(|n| n.raw_str()),
                env.field("value"),
            ) else {
                continue;
            };
            let Some(value) = value_node.str() else {
                continue;
            };
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
