//! ECS004 read-only-field: describe output kept as if it were register/create input.

use crate::diagnostic::{Applicability, Change};
use crate::document::{self, Document, Form};
use crate::rules::Ctx;

rule!(
    "ECS004",
    "read-only-field",
    Info,
    Document(check),
    fix = Safe
);

fn check(doc: &Document, ctx: &mut Ctx) {
    let (fields, from, to) = match doc.form {
        Form::Describe | Form::Wrapped => (
            document::READ_ONLY_FIELDS,
            "describe-task-definition",
            "register-task-definition",
        ),
        Form::DescribeService => (
            document::SERVICE_READ_ONLY_FIELDS,
            "describe-services",
            "create-service",
        ),
        _ => return,
    };
    let root = doc.at();
    let present: Vec<&str> = fields
        .iter()
        .copied()
        .filter(|f| root.member_named(f).is_some())
        .collect();
    let Some(first) = present.first().and_then(|f| root.member_named(f)) else {
        return;
    };
    let list = present
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match doc.form {
        Form::Wrapped => {
            "to register it, take the object under `taskDefinition` and remove those fields"
                .to_string()
        }
        Form::DescribeService if !doc.is_root() => {
            format!("to use it as {to} input, take the service object out and remove those fields")
        }
        _ => format!("remove those fields before passing the file to {to}"),
    };
    // Removing them is what AWS needs; for a wrapped dump the object must also be taken
    // out of `taskDefinition`, which only the user can decide to do (the file changes kind).
    let changes = present
        .iter()
        .filter_map(|f| root.member_named(f))
        .map(|m| Change::remove(m.node()))
        .collect();
    let applicability = match doc.form {
        Form::Describe => Applicability::Safe,
        Form::DescribeService if doc.is_root() => Applicability::Safe,
        _ => Applicability::DisplayOnly,
    };
    ctx.report(
        first.key_loc(),
        format!("this is {from} output: {to} rejects its read-only fields {list}"),
    )
    .help(help)
    .fix_as(
        applicability,
        format!("remove the read-only fields {list}"),
        changes,
    );
}
