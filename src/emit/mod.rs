//! Emitters: one per output format. They see diagnostics, file reports and plain rule
//! metadata ([`RuleInfo`]); they know nothing about ECS or about how rules work.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::io::{self, Write};

use crate::report::{FileReport, RuleInfo, Summary};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    JsonLines,
    Sarif,
    Github,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "human" | "text" | "full" => Format::Human,
            "concise" => Format::Concise,
            "json" => Format::Json,
            "json-lines" | "jsonl" => Format::JsonLines,
            "sarif" => Format::Sarif,
            "github" => Format::Github,
            _ => return None,
        })
    }
}

pub trait Emitter {
    /// Called once per file, in output order.
    fn file(&mut self, report: &FileReport) -> io::Result<()>;
    /// Called once at the end.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// Options every emitter may use.
#[derive(Clone)]
pub struct EmitOptions {
    pub color: bool,
    pub tool_version: &'static str,
    pub rules: Vec<RuleInfo>,
    /// SARIF: keep findings suppressed by the configuration, with `suppressions`.
    pub include_suppressed: bool,
}

pub fn emitter(format: Format, out: Box<dyn Write>, opts: &EmitOptions) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(human::Human::new(out, opts.color)),
        Format::Concise => Box::new(human::Concise::new(out)),
        Format::Json => Box::new(json::Json::new(out, opts.tool_version, false)),
        Format::JsonLines => Box::new(json::Json::new(out, opts.tool_version, true)),
        Format::Sarif => Box::new(sarif::Sarif::new(out, opts)),
        Format::Github => Box::new(github::Github::new(out)),
    }
}

/// Replace control characters (terminal escape sequences included) with visible escapes.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || crate::source::is_unsafe_char(c);
    if !s.chars().any(unsafe_char) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out.into()
}
