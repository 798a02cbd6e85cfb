//! Rules reported by pipeline stages rather than by a check function.

use super::{Check, Rule};
use crate::diagnostic::Severity;

macro_rules! stage_rule {
    ($id:ident, $code:literal, $name:literal, $sev:ident) => {
        pub static $id: Rule = Rule {
            code: $code,
            name: $name,
            severity: Severity::$sev,
            doc: include_str!(concat!("../../rules/", $name, ".md")),
            check: Check::Stage,
        };
    };
}

stage_rule!(INVALID_JSON, "ECS001", "invalid-json", Error);
stage_rule!(DUPLICATE_KEY, "ECS002", "duplicate-key", Warning);
stage_rule!(SCHEMA_VIOLATION, "ECS003", "schema-violation", Error);
stage_rule!(READ_ONLY_FIELD, "ECS004", "read-only-field", Info);
stage_rule!(UNQUOTED_PLACEHOLDER, "ECS005", "unquoted-placeholder", Info);
stage_rule!(NUMERIC_TASK_SIZE, "ECS006", "numeric-task-size", Info);
stage_rule!(NOT_AN_ECS_DOCUMENT, "ECS007", "not-an-ecs-document", Info);
stage_rule!(UNREADABLE_FILE, "ECS008", "unreadable-file", Error);
stage_rule!(INTERNAL_ERROR, "ECS009", "internal-error", Error);
stage_rule!(UNUSED_IGNORE, "ECS010", "unused-ignore", Warning);
stage_rule!(EXPIRED_IGNORE, "ECS011", "expired-ignore", Warning);
