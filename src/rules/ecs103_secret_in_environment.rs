//! ECS103 secret-in-environment: a plaintext secret in environment, log options or the command line.

use crate::diagnostic::{Loc, mask};
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;
use crate::rules::secrets::{
    flag_secret, known_secret, secret_flag_alone, secret_name, secret_value,
};
use crate::tree::{Node, join, join_index};

task_rule!("ECS103", "secret-in-environment", Warning, check);

const FIX: &str = "move the value to Secrets Manager or SSM Parameter Store and reference it from `secrets` (`{\"name\": ..., \"valueFrom\": \"arn:...\"}`); anyone who can describe the task definition can read plain values";

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        for (i, env) in c
            .get("environment")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let (Some(name), Some(value_node)) =
                (env.get("name").and_then(Node::raw_str), env.get("value"))
            else {
                continue;
            };
            let Some(value) = value_node.str() else {
                continue;
            };
            let p = join_index(&c.ptr("environment"), i) + "/value";
            if let Some(what) = known_secret(value) {
                ctx.secret(value_node.span);
                ctx.report(
                    Loc::value(p),
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
                ctx.secret(value_node.span);
                ctx.report(
                    Loc::value(p),
                    format!(
                        "environment variable `{name}` in {} looks like a plaintext secret (`{}`)",
                        c.label(),
                        mask(value)
                    ),
                )
                .help(FIX);
            }
        }
        if let Some(options) = c.get("logConfiguration").and_then(|l| l.get("options")) {
            let base = c.ptr("logConfiguration") + "/options";
            for m in options.members() {
                let Some(value) = m.value.str() else { continue };
                let what = known_secret(value)
                    .or_else(|| (secret_name(&m.key) && secret_value(value)).then_some("a secret"));
                if let Some(what) = what {
                    ctx.secret(m.value.span);
                    ctx.report(Loc::value(join(&base, &m.key)), format!("log option `{}` in {} holds {what} in plain text (`{}`)", m.key, c.label(), mask(value)))
                        .help("pass it through `logConfiguration.secretOptions` with `valueFrom` instead of `options`");
                }
            }
        }
        for field in ["command", "entryPoint"] {
            let Some(args) = c.get(field) else { continue };
            let items = args.items();
            for (i, arg) in items.iter().enumerate() {
                let Some(s) = arg.str() else { continue };
                let p = join_index(&c.ptr(field), i);
                if let Some(what) = known_secret(s) {
                    ctx.secret(arg.span);
                    ctx.report(
                        Loc::value(p),
                        format!("`{field}` of {} holds {what} in plain text", c.label()),
                    )
                    .help(FIX);
                } else if let Some((flag, value)) = flag_secret(s) {
                    ctx.secret(arg.span);
                    ctx.report(Loc::value(p), format!("`{field}` of {} passes a secret on the command line (`--{flag}` = `{}`)", c.label(), mask(&value)))
                        .help(format!("{FIX}, and read it from the environment in the process"));
                } else if secret_flag_alone(s)
                    && let Some(next) = items.get(i + 1)
                    && let Some(v) = next.str()
                    && !v.starts_with('-')
                    && !v.starts_with('$')
                    && secret_value(v)
                {
                    ctx.secret(next.span);
                    ctx.report(
                        Loc::value(join_index(&c.ptr(field), i + 1)),
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
