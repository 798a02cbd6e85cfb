//! The codes that pipeline stages report (parse, schema, discovery, configuration), as
//! model-level rule metadata, so stages below the rule registry can report them.

use crate::diagnostic::{RuleMeta, Severity};

macro_rules! stage_code {
    ($id:ident, $code:literal, $name:literal, $sev:ident) => {
        stage_code!($id, $code, $name, $sev, [$sev]);
    };
    ($id:ident, $code:literal, $name:literal, $sev:ident, [$($level:ident),+]) => {
        stage_code!($id, $code, $name, $sev, [$($level),+], None);
    };
    ($id:ident, $code:literal, $name:literal, $sev:ident, [$($level:ident),+], fix = $fix:ident) => {
        stage_code!($id, $code, $name, $sev, [$($level),+], Some(crate::diagnostic::Applicability::$fix));
    };
    ($id:ident, $code:literal, $name:literal, $sev:ident, [$($level:ident),+], $fix:expr) => {
        pub static $id: RuleMeta = RuleMeta {
            code: $code,
            name: $name,
            severity: Severity::$sev,
            levels: &[$(Severity::$level),+],
            doc: include_str!(concat!("../rules/", $name, ".md")),
            url: concat!(
                "https://github.com/ecslint/ecslint/blob/main/rules/",
                $name,
                ".md"
            ),
            fix: $fix,
        };
    };
}

stage_code!(INVALID_JSON, "ECS001", "invalid-json", Error);
stage_code!(DUPLICATE_KEY, "ECS002", "duplicate-key", Warning);
// A warning for a null in request input and for a Terraform container key the provider
// drops; a note for a null in describe output.
stage_code!(
    SCHEMA_VIOLATION,
    "ECS003",
    "schema-violation",
    Error,
    [Error, Warning, Info],
    fix = Safe
);
stage_code!(NOT_AN_ECS_DOCUMENT, "ECS007", "not-an-ecs-document", Info);
stage_code!(UNREADABLE_FILE, "ECS008", "unreadable-file", Error);
stage_code!(INTERNAL_ERROR, "ECS009", "internal-error", Error);
stage_code!(UNUSED_IGNORE, "ECS010", "unused-ignore", Warning);
stage_code!(EXPIRED_IGNORE, "ECS011", "expired-ignore", Warning);
