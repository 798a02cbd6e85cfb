//! ECS005 unquoted-placeholder: a template placeholder stands where a JSON value belongs.

use crate::diagnostic::Loc;
use crate::rules::{Ctx, FileFacts};

rule!("ECS005", "unquoted-placeholder", Info, File(check));

fn check(file: &FileFacts, ctx: &mut Ctx) {
    let Some(first) = file.placeholders.first() else {
        return;
    };
    let n = file.placeholders.len();
    let count = if n == 1 {
        "an unquoted template placeholder".to_string()
    } else {
        format!("{n} unquoted template placeholders")
    };
    // A parser position, not a pointer: the placeholder is where the file stops being JSON.
    ctx.report(
        Loc::exact(*first),
        format!("this file is a template: it has {count}, so it is not valid JSON until rendered; ecslint treats them as unknown values"),
    )
    .help("render the template before registering it; pass --no-templates to treat placeholders as errors");
}
