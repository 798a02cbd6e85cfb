//! ECS126 invalid-role-arn: `taskRoleArn` or `executionRoleArn` is neither an IAM role name
//! nor an IAM role ARN.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS126", "invalid-role-arn", Error, check);

/// IAM role names: 1–64 of letters, digits and `+=,.@_-`.
fn role_name(name: &str) -> bool {
    (1..=64).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
}

/// AWS partitions: `aws`, `aws-cn`, `aws-us-gov`, `aws-iso-b`, ...
fn partition(p: &str) -> bool {
    p.strip_prefix("aws").is_some_and(|rest| {
        rest.is_empty()
            || rest.strip_prefix('-').is_some_and(|r| {
                r.split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
            })
    })
}

/// What is wrong with a role given as `value`, with how to fix it; `None` when AWS accepts it
/// or when it cannot be told (an account written as a word is a blank still to be filled in).
pub fn problem(value: &str) -> Option<(String, String)> {
    const FIX: &str =
        "use the role's ARN, `arn:aws:iam::<12-digit account>:role/<name>`, or just the role name";
    let Some(rest) = value.strip_prefix("arn:") else {
        // A short name (ECS completes it with the account): an optional path, then a name.
        let name = value.rsplit('/').next().unwrap_or(value);
        if role_name(name) {
            return None;
        }
        return Some((
            "is neither an IAM role name nor a role ARN".to_string(),
            FIX.to_string(),
        ));
    };
    let parts: Vec<&str> = rest.splitn(5, ':').collect();
    let [part, service, region, account, resource] = parts[..] else {
        return Some(("is not a complete ARN".to_string(), FIX.to_string()));
    };
    if service != "iam" {
        let what = if service == "sts" && resource.starts_with("assumed-role/") {
            "an assumed-role session (`sts`), not the role".to_string()
        } else {
            format!("an ARN of `{service}`, not an IAM role")
        };
        return Some((format!("is {what}"), FIX.to_string()));
    }
    if !partition(part) {
        return Some((
            format!(
                "has partition `{part}`; AWS partitions are `aws`, `aws-cn`, `aws-us-gov` and the like"
            ),
            FIX.to_string(),
        ));
    }
    if !region.is_empty() {
        return Some((
            format!("has region `{region}`, but IAM ARNs have none (`arn:aws:iam::...`)"),
            format!("remove `{region}`: the role ARN starts `arn:{part}:iam::`"),
        ));
    }
    if account.is_empty() {
        return Some((
            "has no account id".to_string(),
            "put the 12-digit account id between `iam::` and `:role/`".to_string(),
        ));
    }
    if !account.bytes().all(|b| b.is_ascii_digit())
        || account.bytes().all(|b| b == account.as_bytes()[0])
    {
        // A blank such as ACCOUNT_ID, XXXXXXXXXXXX or 11111111111, filled in later.
        return None;
    }
    if account.len() != 12 {
        return Some((
            format!(
                "has account id `{account}` of {} digits; account ids have 12",
                account.len()
            ),
            "write the full 12-digit account id (with its leading zeros)".to_string(),
        ));
    }
    let (kind, name) = resource.split_once('/').unwrap_or((resource, ""));
    if kind != "role" {
        let help = if kind == "instance-profile" {
            "use the ARN of the role (`:role/<name>`), not of the instance profile that holds it"
        } else {
            FIX
        };
        return Some((
            format!("names an IAM `{kind}`, not a role"),
            help.to_string(),
        ));
    }
    let last = name.rsplit('/').next().unwrap_or(name);
    if !role_name(last) {
        return Some((
            if last.is_empty() {
                "has no role name after `role/`".to_string()
            } else {
                format!(
                    "has role name `{last}`, which IAM does not allow (1-64 letters, digits and `+=,.@_-`)"
                )
            },
            FIX.to_string(),
        ));
    }
    None
}

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for field in ["taskRoleArn", "executionRoleArn"] {
        let Some(role_at) = task.field(field) else {
            continue;
        };
        // Empty values are dropped by deploy tools; placeholders are not known.
        let Some(role) = role_at.str().filter(|r| !r.is_empty()) else {
            continue;
        };
        if crate::rules::blanks::fill_in(role) {
            continue;
        }
        if let Some((what, help)) = problem(role) {
            let shown = crate::diagnostic::shorten(role);
            ctx.report(
                role_at.loc(),
                format!("`{field}` `{shown}` {what}; ECS rejects the task definition (\"Role is not valid\")"),
            )
            .help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn roles() {
        for ok in [
            "ecsTaskExecutionRole",
            "my.role+x=y,z@w_-",
            "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "arn:aws:iam::123456789012:role/service-role/Gokabot",
            "arn:aws-cn:iam::123456789012:role/app",
            "arn:aws-us-gov:iam::123456789012:role/app",
            "arn:aws-iso-b:iam::123456789012:role/app",
            "arn:aws:iam::XXXXXXXXXXXX:role/app",
            "arn:aws:iam::ACCOUNT_ID:role/app",
            "arn:aws:iam::11111111111:role/app",
            "TASK_ROLE_ARN",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for bad in [
            "arn:aws:iam::568918955579:group/automation",
            "arn:aws:iam::123456789012:instance-profile/ecs",
            "arn:aws:iam::123456789012:policy/x",
            "arn:aws:sts::123456789012:assumed-role/app/session",
            "arn:aws:iam:us-east-1:123456789012:role/app",
            "arn:aws:iam::12345678901:role/app",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012",
            "arn:amazon:iam::123456789012:role/app",
            "arn:aws:iam:::role/app",
            "my role",
            "arn:aws:iam::123456789012:role/has space",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
