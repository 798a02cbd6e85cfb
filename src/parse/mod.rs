//! Parse stage: text → spanned tree ([`crate::tree::Node`]), for JSON and YAML.

pub mod json;
pub mod template;
pub mod yaml;

use crate::tree::{Node, Span};

/// A syntax error: one precise diagnostic per file.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// The same key twice in one object.
#[derive(Debug, Clone)]
pub struct Duplicate {
    pub key: String,
    pub first: Span,
    pub second: Span,
}

#[derive(Debug)]
pub struct Parsed {
    pub root: Option<Node>,
    pub error: Option<ParseError>,
    /// Unquoted placeholders found in value position.
    pub placeholders: Vec<Span>,
    pub duplicates: Vec<Duplicate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

impl Syntax {
    /// YAML for `.yaml`/`.yml`, JSON for everything else.
    pub fn for_path(path: &std::path::Path) -> Syntax {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml") => {
                Syntax::Yaml
            }
            _ => Syntax::Json,
        }
    }
}

pub fn parse(text: &str, syntax: Syntax, templates: bool) -> Parsed {
    match syntax {
        Syntax::Json => json::parse(text, templates),
        Syntax::Yaml => yaml::parse(text, templates),
    }
}
