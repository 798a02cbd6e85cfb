//! ECS104 container-runs-as-root: a Linux container runs as root.

use crate::diagnostic::Change;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!(
    "ECS104",
    "container-runs-as-root",
    Warning,
    check,
    fix = Unsafe
);

/// Is this `user` value root? `root`, `0`, `root:grp`, `0:gid`.
pub fn is_root(user: &str) -> bool {
    let who = user.split(':').next().unwrap_or("").trim();
    who == "root" || (!who.is_empty() && who.bytes().all(|b| b == b'0'))
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    // Windows containers have no root user; ECS138 reports `user` on them.
    if task.windows_likely() {
        return;
    }
    for c in task.containers() {
        match c.field("user") {
            None => {
                ctx.report(
                    c.head(),
                    format!(
                        "{} has no `user`, so it runs as root (the image default)",
                        c.label()
                    ),
                )
                .help("set `\"user\": \"1000:1000\"` (or any non-root UID the image supports)")
                // Unsafe: the image's files must be readable (and its ports bindable) by it.
                .fix(
                    "run as the user 1000:1000",
                    vec![Change::insert(
                        c.node,
                        "user",
                        serde_json::json!("1000:1000"),
                    )],
                );
            }
            Some(user) => {
                if let Some(u) = user.str()
                    && is_root(u)
                {
                    ctx.report(user.member_loc(), format!("{} runs as root (`user` is `{u}`)", c.label()))
                        .help("use a non-root UID such as \"1000:1000\"; grant only the capabilities the process needs")
                        .fix("run as the user 1000:1000", vec![Change::set(user.node(), serde_json::json!("1000:1000"))]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn root_forms() {
        for u in ["root", "0", "0:0", "root:wheel", "0:1000", "00"] {
            assert!(super::is_root(u), "{u}");
        }
        for u in ["1000", "1000:0", "nginx", "app:app", "10"] {
            assert!(!super::is_root(u), "{u}");
        }
    }
}
