//! Parse stage: text → spanned tree ([`crate::tree::Node`]), for JSON and YAML.

pub mod hcl;
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

#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    #[default]
    Json,
    Yaml,
    /// A CloudFormation `.template` file: JSON when it starts with `{`, else YAML.
    Sniff,
    /// Terraform's HCL (`.tf`).
    Hcl,
}

impl Syntax {
    /// YAML for `.yaml`/`.yml`, also before a template suffix (`task.yaml.tpl`,
    /// `service.yml.j2`); JSON for everything else.
    pub fn for_path(path: &std::path::Path) -> Syntax {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let yaml = |ext: &str| name.ends_with(ext) || name.contains(&format!("{ext}."));
        if name.ends_with(".tf") {
            Syntax::Hcl
        } else if yaml(".yaml") || yaml(".yml") {
            Syntax::Yaml
        } else if name.ends_with(".template") {
            Syntax::Sniff
        } else {
            Syntax::Json
        }
    }
}

pub fn parse(text: &str, syntax: Syntax, templates: bool) -> Parsed {
    match syntax {
        Syntax::Json => json::parse(text, templates),
        Syntax::Yaml => yaml::parse(text, templates),
        Syntax::Sniff if text.trim_start().starts_with('{') => json::parse(text, templates),
        Syntax::Sniff => yaml::parse(text, templates),
        Syntax::Hcl => hcl::parse(text),
    }
}

#[cfg(test)]
mod tests {
    use super::Syntax;
    use std::path::Path;

    #[test]
    fn syntax_by_name() {
        for (name, want) in [
            ("task.json", Syntax::Json),
            ("task.yaml", Syntax::Yaml),
            ("service.YML", Syntax::Yaml),
            ("task.yaml.tpl", Syntax::Yaml),
            ("service.yml.j2", Syntax::Yaml),
            ("task.json.tpl", Syntax::Json),
            ("yamlish.json", Syntax::Json),
            ("stack.template", Syntax::Sniff),
        ] {
            assert_eq!(Syntax::for_path(Path::new(name)), want, "{name}");
        }
    }
}
