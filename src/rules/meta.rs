//! Rules reported by pipeline stages rather than by a check function: registry entries
//! for the codes of [`crate::codes`].

use super::{Check, Rule};
use crate::codes;

pub static INVALID_JSON: Rule = Rule {
    meta: &codes::INVALID_JSON,
    check: Check::Stage,
};
pub static DUPLICATE_KEY: Rule = Rule {
    meta: &codes::DUPLICATE_KEY,
    check: Check::Stage,
};
pub static SCHEMA_VIOLATION: Rule = Rule {
    meta: &codes::SCHEMA_VIOLATION,
    check: Check::Stage,
};
pub static NOT_AN_ECS_DOCUMENT: Rule = Rule {
    meta: &codes::NOT_AN_ECS_DOCUMENT,
    check: Check::Stage,
};
pub static UNREADABLE_FILE: Rule = Rule {
    meta: &codes::UNREADABLE_FILE,
    check: Check::Stage,
};
pub static INTERNAL_ERROR: Rule = Rule {
    meta: &codes::INTERNAL_ERROR,
    check: Check::Stage,
};
pub static UNUSED_IGNORE: Rule = Rule {
    meta: &codes::UNUSED_IGNORE,
    check: Check::Stage,
};
pub static EXPIRED_IGNORE: Rule = Rule {
    meta: &codes::EXPIRED_IGNORE,
    check: Check::Stage,
};
