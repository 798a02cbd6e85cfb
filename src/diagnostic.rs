//! The diagnostic model: what rules report (by JSON pointer) and what emitters print
//! (resolved to spans, lines and columns).

use serde::Serialize;

use crate::source::Range;
use crate::tree::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" | "note" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Which part of the node at a pointer a diagnostic underlines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The value.
    Value,
    /// The member's key (e.g. an unknown field name).
    Key,
    /// Key and value (`"privileged": true`).
    Member,
    /// An object's identifying line: its `"name"` member if it has one, else its opening
    /// brace. Used for "this container lacks X".
    Head,
    /// An exact byte span (syntax errors, duplicate keys); the pointer is kept as given.
    Exact(crate::tree::Span),
}

/// A location: a node of the parsed tree (what rules report on, through located views), or
/// an RFC 6901 pointer into the file as written (what pipeline stages such as schema
/// validation report on).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loc {
    /// The pointer, for pointer locations; empty for node locations until resolved.
    pub pointer: String,
    pub anchor: Anchor,
    /// A node location: the node's identity in its tree, resolved to span and pointer once
    /// per file by walking the tree.
    pub node: Option<NodeRef>,
}

/// The identity of a node of a parsed tree (its address: trees are not moved or changed
/// between the rules that report and the resolution of their findings), and for "where a
/// field would go", the missing key under that node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeRef {
    pub id: usize,
    /// The node's span: where in the tree to look for it (the resolver descends only into
    /// nodes whose span holds it).
    pub span: Span,
    pub missing: Option<String>,
}

impl NodeRef {
    pub fn id_of(node: &crate::tree::Node) -> usize {
        node as *const crate::tree::Node as usize
    }
}

impl Loc {
    /// A node of the tree, underlined as `anchor` says.
    pub fn node(node: &crate::tree::Node, anchor: Anchor) -> Loc {
        Loc {
            pointer: String::new(),
            anchor,
            node: Some(NodeRef {
                id: NodeRef::id_of(node),
                span: node.span,
                missing: None,
            }),
        }
    }
    /// Where `key` would go in the object `node`: its identifying line.
    pub fn missing(node: &crate::tree::Node, key: &str) -> Loc {
        Loc {
            pointer: String::new(),
            anchor: Anchor::Head,
            node: Some(NodeRef {
                id: NodeRef::id_of(node),
                span: node.span,
                missing: Some(key.to_string()),
            }),
        }
    }
    pub fn value(pointer: impl Into<String>) -> Loc {
        Loc {
            pointer: pointer.into(),
            anchor: Anchor::Value,
            node: None,
        }
    }
    pub fn key(pointer: impl Into<String>) -> Loc {
        Loc {
            pointer: pointer.into(),
            anchor: Anchor::Key,
            node: None,
        }
    }
    pub fn member(pointer: impl Into<String>) -> Loc {
        Loc {
            pointer: pointer.into(),
            anchor: Anchor::Member,
            node: None,
        }
    }
    pub fn head(pointer: impl Into<String>) -> Loc {
        Loc {
            pointer: pointer.into(),
            anchor: Anchor::Head,
            node: None,
        }
    }
    pub fn exact(span: crate::tree::Span) -> Loc {
        Loc {
            pointer: String::new(),
            anchor: Anchor::Exact(span),
            node: None,
        }
    }
}

/// A rule's identity and metadata as the model knows it: what findings, emitters and
/// configuration need, without the check (that is the registry's, in `rules`).
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    /// The severity its findings have unless configured otherwise.
    pub severity: Severity,
    /// Every severity its findings can have (the default first): a rule that tells a hard
    /// error from a warning per finding says so here, so SARIF and `ecslint rules` are true.
    pub levels: &'static [Severity],
    /// Its documentation, `rules/<name>.md`, front matter included.
    pub doc: &'static str,
    /// Where the documentation is published.
    pub url: &'static str,
    /// How safe its fixes are, when it has them (a finding may offer less: see
    /// [`FixIntent`]).
    pub fix: Option<Applicability>,
}

/// How far a fix can be trusted, ordered as ruff orders it: `--fix` applies safe fixes,
/// `--unsafe-fixes` adds unsafe ones, display-only fixes are shown and never applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown, never applied: it may be wrong (inside a template placeholder, a generated
    /// plan file, a YAML alias) or needs a value only the user knows.
    DisplayOnly,
    /// Valid, but changes what runs (`readonlyRootFilesystem: true`, a non-root `user`).
    Unsafe,
    /// Keeps the meaning AWS gives the document (a number AWS wants as a string, a field
    /// AWS rejects in register input).
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }

    pub fn parse(s: &str) -> Option<Applicability> {
        match s {
            "display-only" | "display" => Some(Applicability::DisplayOnly),
            "unsafe" => Some(Applicability::Unsafe),
            "safe" => Some(Applicability::Safe),
            _ => None,
        }
    }
}

/// One change a fix makes, said in the document's model: a node of the tree the rule read,
/// field names in the API's spelling. The resolver writes it as text edits in the file's own
/// syntax (JSON, YAML, HCL) and dialect (CloudFormation and Terraform names), or gives up
/// (the fix is then display-only, or dropped) when it cannot be sure of the text.
#[derive(Clone, Debug)]
pub enum Change {
    /// Replace the value of a node.
    Set {
        at: NodeRef,
        value: serde_json::Value,
    },
    /// Remove the member (or array item) whose value is this node.
    Remove { at: NodeRef },
    /// Add `key` (an API field name) with `value` to the object `object`.
    Insert {
        object: NodeRef,
        key: String,
        value: serde_json::Value,
    },
    /// Rename the key of the member whose value is this node (`key`: an API field name).
    Rename { at: NodeRef, key: String },
    /// Add an item at the end of an array.
    Append {
        array: NodeRef,
        value: serde_json::Value,
    },
}

impl Change {
    fn r(node: &crate::tree::Node) -> NodeRef {
        NodeRef {
            id: NodeRef::id_of(node),
            span: node.span,
            missing: None,
        }
    }
    pub fn set(node: &crate::tree::Node, value: serde_json::Value) -> Change {
        Change::Set {
            at: Change::r(node),
            value,
        }
    }
    pub fn remove(node: &crate::tree::Node) -> Change {
        Change::Remove {
            at: Change::r(node),
        }
    }
    pub fn insert(
        object: &crate::tree::Node,
        key: impl Into<String>,
        value: serde_json::Value,
    ) -> Change {
        Change::Insert {
            object: Change::r(object),
            key: key.into(),
            value,
        }
    }
    pub fn rename(node: &crate::tree::Node, key: impl Into<String>) -> Change {
        Change::Rename {
            at: Change::r(node),
            key: key.into(),
        }
    }
    pub fn append(array: &crate::tree::Node, value: serde_json::Value) -> Change {
        Change::Append {
            array: Change::r(array),
            value,
        }
    }
    /// The node the change is about.
    pub fn target(&self) -> &NodeRef {
        match self {
            Change::Set { at, .. } | Change::Remove { at } | Change::Rename { at, .. } => at,
            Change::Insert { object, .. } => object,
            Change::Append { array, .. } => array,
        }
    }
}

/// What a rule proposes: a title (`set readonlyRootFilesystem to true`), how safe it is,
/// and its changes (all or none are applied).
#[derive(Clone, Debug)]
pub struct FixIntent {
    pub title: String,
    pub applicability: Applicability,
    pub changes: Vec<Change>,
}

/// One text edit: replace the bytes of `span` with `content` (an insertion when the span is
/// empty, a deletion when the content is).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    #[serde(skip)]
    pub span: Span,
    pub range: Range,
    pub content: String,
}

/// A fix resolved to text edits of the file, sorted, not overlapping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// What a rule (or a pipeline stage) reports. Positions are resolved later, once.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub at: Loc,
    pub related: Vec<(Loc, String)>,
    pub fix: Option<FixIntent>,
}

impl Finding {
    /// A finding at the rule's default severity.
    pub fn new(rule: &'static RuleMeta, message: String, help: Option<String>, at: Loc) -> Finding {
        Finding {
            rule,
            severity: rule.severity,
            message,
            help,
            at,
            related: Vec::new(),
            fix: None,
        }
    }

    /// Offer a fix, as safe as the rule's metadata says.
    pub fn fix(&mut self, title: impl Into<String>, changes: Vec<Change>) -> &mut Finding {
        debug_assert!(
            self.rule.fix.is_some(),
            "{} offers a fix but declares none",
            self.rule.code
        );
        let applicability = self.rule.fix.unwrap_or(Applicability::DisplayOnly);
        self.fix_as(applicability, title, changes)
    }

    /// Offer a fix less safe than the rule's own (a guess, a value to fill in).
    pub fn fix_as(
        &mut self,
        applicability: Applicability,
        title: impl Into<String>,
        changes: Vec<Change>,
    ) -> &mut Finding {
        debug_assert!(
            self.rule.fix.is_some_and(|a| applicability <= a),
            "{} offers a fix safer than it declares",
            self.rule.code
        );
        self.fix = Some(FixIntent {
            title: title.into(),
            applicability,
            changes,
        });
        self
    }

    pub fn help(&mut self, help: impl Into<String>) -> &mut Finding {
        self.help = Some(help.into());
        self
    }

    pub fn severity(&mut self, severity: Severity) -> &mut Finding {
        debug_assert!(
            self.rule.levels.contains(&severity),
            "{} declares levels {:?}, not {severity:?}",
            self.rule.code,
            self.rule.levels
        );
        self.severity = severity;
        self
    }

    pub fn related(&mut self, at: Loc, message: impl Into<String>) -> &mut Finding {
        self.related.push((at, message.into()));
        self
    }
}

/// A related location, resolved.
#[derive(Clone, Debug, Serialize)]
pub struct Related {
    pub message: String,
    /// The file it is in, when that is not the diagnostic's own file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub pointer: String,
    pub range: Range,
    #[serde(skip)]
    pub span: Span,
}

/// A finding resolved to positions, ready for any emitter.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// Document kind (`task-definition`), or `None` for file-level problems.
    pub document: Option<&'static str>,
    pub message: String,
    pub help: Option<String>,
    pub url: Option<&'static str>,
    pub pointer: String,
    pub span: Span,
    pub range: Range,
    pub related: Vec<Related>,
    /// Accepted by an `[[ignore]]` entry of the configuration, with its reason.
    pub suppressed: Option<String>,
    /// The fix offered, as text edits of this file.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// The order of output: line, column, rule, then message (files are ordered by the caller).
    pub fn sort_key(&self) -> (usize, usize, &'static str, &str, &str) {
        (
            self.range.start.line,
            self.range.start.column,
            self.code,
            &self.pointer,
            &self.message,
        )
    }
}

/// A value quoted in a message, cut to 60 characters (a 5 MB name stays out of messages).
pub fn shorten(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(60) {
        None => s.into(),
        Some((cut, _)) => format!("{}…", &s[..cut]).into(),
    }
}

/// The longest message kept whole; longer ones (values quoted at length) are cut.
pub const MAX_MESSAGE: usize = 1000;

/// Mask a secret for display: a fixed-width mask that reveals neither the length nor, for
/// values under 16 characters, any character.
pub fn mask(secret: &str) -> String {
    let keep = if secret.chars().count() >= 16 { 2 } else { 0 };
    let mut out: String = secret.chars().take(keep).collect();
    out.push_str("********");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_little() {
        assert_eq!(mask("hunter2"), "********");
        assert_eq!(mask("Sup3rS3cret!"), "********");
        assert_eq!(mask("Sup3rS3cret!-long-value"), "Su********");
        assert!(!mask("AKIAIOSFODNN7EXAMPLE").contains("IOSF"));
    }
}
