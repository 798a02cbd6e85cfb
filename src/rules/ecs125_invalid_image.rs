//! ECS125 invalid-image: an `image` that AWS rejects: empty, too long, characters outside
//! the ones ECS allows, or a digest that is not `sha256:` and 64 hex digits.

use crate::diagnostic::Severity;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS125", "invalid-image", Error | Warning, check);

const MAX: usize = 255;

/// What is wrong with an image reference by the ECS rule (not Docker's stricter grammar,
/// which would also reject upper-case placeholder words such as `IMAGE`).
pub fn problem(image: &str) -> Option<String> {
    if image.trim().is_empty() {
        return Some("is empty".to_string());
    }
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | '/' | '#')))
    {
        return Some(if bad.is_whitespace() {
            "contains white space".to_string()
        } else {
            format!("contains `{bad}`, which image names cannot hold")
        });
    }
    if name.is_empty() {
        return Some("has no repository before `@`".to_string());
    }
    let len = name.chars().count();
    if len > MAX {
        return Some(format!(
            "is {len} characters long{}; ECS allows {MAX}",
            if digest.is_some() {
                " before the digest"
            } else {
                ""
            }
        ));
    }
    if let Some(d) = digest {
        match d.split_once(':') {
            Some(("sha256", hex)) => {
                if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Some(format!(
                        "has a `sha256` digest of {} characters; it must be exactly 64 hex digits",
                        hex.chars().count()
                    ));
                }
            }
            Some((algorithm, _)) => {
                return Some(format!(
                    "has a `{algorithm}` digest; ECS supports only `sha256`"
                ));
            }
            None => return Some("has a digest without `sha256:`".to_string()),
        }
    }
    None
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        let Some(image_at) = c.field("image") else {
            continue;
        };
        let Some(image) = image_at.str() else {
            continue;
        };
        if crate::rules::blanks::fill_in(image) {
            continue;
        }
        let Some(problem) = problem(image) else {
            continue;
        };
        if image.trim().is_empty() {
            // Often a blank that a deploy step fills in (amazon-ecs-render-task-definition
            // sets the image of a named container): as written, AWS rejects it.
            ctx.report(
                image_at.loc(),
                format!("{} has an empty `image`: AWS rejects the task definition unless a deploy step fills it in", c.label()),
            )
            .severity(Severity::Warning)
            .help("set the image to pull (`repository:tag` or `repository@sha256:...`); if a deploy step fills it in, write a placeholder such as `<IMAGE>` so the file says so");
            continue;
        }
        let shown = crate::diagnostic::shorten(image);
        ctx.report(
            image_at.loc(),
            format!("the `image` of {} (`{shown}`) {problem}; AWS rejects the task definition", c.label()),
        )
        .help("write the image as `registry/repository:tag` or `registry/repository@sha256:<64 hex digits>`");
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn images() {
        for ok in [
            "nginx",
            "IMAGE",
            "public.ecr.aws/nginx/nginx:1.27",
            "localhost:5000/app:v1#build",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789ABCDEF",
            "repo:tag@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "  ",
            "nginx 1.27",
            "nginx:1.27\n",
            "app@sha256:abc",
            "app@sha512:abc",
            "app@abc",
            "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "ng!nx",
        ] {
            assert!(problem(bad).is_some(), "{bad:?}");
        }
        assert!(problem(&"a".repeat(256)).is_some());
        assert!(problem(&"a".repeat(255)).is_none());
    }
}
