//! Typed views over ECR documents: lifecycle policies and repository settings.

use super::at::{At, Dialect};
use super::{Document, Form};
use crate::diagnostic::Loc;
use crate::tree::{Node, Value};

/// A lifecycle policy (`{"rules": [...]}`), wherever it was written.
pub struct Policy<'a> {
    /// The policy object, located.
    pub at: At<'a>,
    pub node: &'a Node,
    pub form: Form,
    /// The put/get request around a policy held in a string.
    pub outer: Option<&'a Node>,
    /// The same, located.
    pub outer_at: Option<At<'a>>,
    pub rules: Vec<PolicyRule<'a>>,
}

/// One rule of a lifecycle policy, its fields read the way ECR reads them.
pub struct PolicyRule<'a> {
    /// The rule object, located.
    pub at: At<'a>,
    pub node: &'a Node,
    pub index: usize,
    pub priority: Option<i64>,
    /// `selection.tagStatus` as written (`tagged`, `untagged`, `any`).
    pub tag_status: Option<&'a str>,
    pub prefixes: Option<Vec<&'a str>>,
    pub patterns: Option<Vec<&'a str>>,
    /// `selection.storageClass`, default `standard`.
    pub storage_class: &'a str,
    pub count_type: Option<&'a str>,
    pub count_unit: Option<&'a str>,
    pub count_number: Option<f64>,
    pub action: Option<&'a str>,
    /// Any field holds a template placeholder: its meaning is not known.
    pub templated: bool,
}

fn strings(node: Option<&Node>) -> Option<Vec<&str>> {
    node.map(|l| l.items().iter().filter_map(Node::str).collect())
}

fn has_unknown(node: &Node) -> bool {
    node.is_unknown()
        || node.items().iter().any(has_unknown)
        || node.members().iter().any(|m| has_unknown(&m.value))
}

impl<'a> Policy<'a> {
    pub fn new(doc: &'a Document<'a>) -> Policy<'a> {
        let rules = doc
            .node
            .get("rules")
            .map(|r| {
                r.items()
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| n.is_object())
                    .map(|(index, node)| {
                        let sel = node.get("selection");
                        let field = |k: &str| sel.and_then(|s| s.get(k));
                        PolicyRule {
                            at: At::root(node, Dialect::Api),
                            node,
                            index,
                            priority: node.get("rulePriority").and_then(Node::int),
                            tag_status: field("tagStatus").and_then(Node::str),
                            prefixes: strings(field("tagPrefixList")),
                            patterns: strings(field("tagPatternList")),
                            storage_class: field("storageClass")
                                .and_then(Node::str)
                                .unwrap_or("standard"),
                            count_type: field("countType").and_then(Node::str),
                            count_unit: field("countUnit").and_then(Node::str),
                            count_number: field("countNumber").and_then(Node::number),
                            action: node
                                .get("action")
                                .and_then(|a| a.get("type"))
                                .and_then(Node::str),
                            templated: has_unknown(node),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        Policy {
            at: At::root(doc.node, Dialect::Api),
            outer_at: doc.outer.as_ref().map(|(n, _)| At::root(n, Dialect::Api)),
            node: doc.node,
            form: doc.form,
            outer: doc.outer.as_ref().map(|(n, _)| *n),
            rules,
        }
    }

    /// The request's `lifecyclePolicyText`, located as a pointer to it resolves: the policy
    /// parsed out of the string (or written as an object there) when there is one, else the
    /// member's value itself. `None` without a request around the policy.
    pub fn text_at(&self) -> Option<At<'a>> {
        let outer = self.outer_at?;
        if std::ptr::eq(self.node, outer.node()) {
            outer.member_named("lifecyclePolicyText")
        } else {
            Some(self.at)
        }
    }

    /// The repository the policy belongs to, when the document names it.
    pub fn repository(&self) -> Option<&'a str> {
        self.outer
            .and_then(|o| o.get("repositoryName"))
            .and_then(Node::str)
    }
}

impl<'a> PolicyRule<'a> {
    /// A field of the rule, located.
    pub fn field(&self, api: &str) -> Option<At<'a>> {
        self.at.field(api)
    }

    /// `selection.<key>`, located.
    pub fn selection_field(&self, api: &str) -> Option<At<'a>> {
        self.field("selection").and_then(|s| s.field(api))
    }

    /// `action.<key>`, located.
    pub fn action_field(&self, api: &str) -> Option<At<'a>> {
        self.field("action").and_then(|s| s.field(api))
    }

    /// The rule's identifying line (its `rulePriority`, else its opening brace).
    pub fn head(&self) -> Loc {
        self.at.head()
    }

    /// Where a missing field of the rule would go.
    pub fn missing(&self, api: &str) -> Loc {
        self.at.missing(api)
    }

    pub fn selection(&self, key: &str) -> Option<&Node> {
        self.node.get("selection").and_then(|s| s.get(key))
    }

    /// Does this rule select an image carrying `tag` (before counting)?
    pub fn selects_tag(&self, tag: &str) -> Option<bool> {
        match self.tag_status? {
            "any" => Some(true),
            "untagged" => Some(false),
            "tagged" => {
                if let Some(p) = &self.prefixes {
                    Some(!p.is_empty() && p.iter().all(|p| tag.starts_with(p)))
                } else {
                    self.patterns
                        .as_ref()
                        .map(|p| !p.is_empty() && p.iter().all(|p| wildcard(p, tag)))
                }
            }
            _ => None,
        }
    }
}

/// A tag list of a rule's selection (`tagPrefixList`, `tagPatternList`), as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagList<'a> {
    /// Not written (or `null`).
    Absent,
    /// A placeholder, a templated entry, or not a list of strings (the schema reports that).
    Unknown,
    Known(Vec<&'a str>),
}

impl TagList<'_> {
    pub fn is_present(&self) -> bool {
        !matches!(self, TagList::Absent)
    }
}

impl<'a> PolicyRule<'a> {
    /// The rule's place in the evaluation order, for messages: `rule 3`, or `rules[2]` when
    /// the priority is not a known integer.
    pub fn label(&self) -> String {
        match self.priority {
            Some(p) => format!("rule {p}"),
            None => format!("rules[{}]", self.index),
        }
    }

    /// `selection.storageClass` when known: `standard` when omitted, `None` when it is a
    /// placeholder or not a string.
    pub fn storage_class_known(&self) -> Option<&'a str> {
        match self
            .node
            .get("selection")
            .and_then(|s| s.get("storageClass"))
        {
            None => Some("standard"),
            Some(n) => n.str(),
        }
    }

    /// `tagPrefixList` or `tagPatternList`, as far as it is known.
    pub fn tag_list(&self, key: &str) -> TagList<'a> {
        let Some(node) = self.node.get("selection").and_then(|s| s.get(key)) else {
            return TagList::Absent;
        };
        if !node.is_array() {
            return TagList::Unknown;
        }
        let mut out = Vec::new();
        for item in node.items() {
            match item.str() {
                Some(s) => out.push(s),
                None => return TagList::Unknown,
            }
        }
        TagList::Known(out)
    }

    /// The images a `tagged` rule selects, as tag patterns that must all be matched (each by
    /// some tag of the image): prefixes become `prefix*`. `None` when the rule is not a known,
    /// well-formed `tagged` rule with exactly one non-empty list.
    pub fn tag_globs(&self) -> Option<Vec<String>> {
        if self.tag_status? != "tagged" {
            return None;
        }
        match (
            self.tag_list("tagPrefixList"),
            self.tag_list("tagPatternList"),
        ) {
            (TagList::Known(p), TagList::Absent) if !p.is_empty() => {
                Some(p.iter().map(|p| format!("{p}*")).collect())
            }
            (TagList::Absent, TagList::Known(p)) if !p.is_empty() => {
                Some(p.iter().map(|p| p.to_string()).collect())
            }
            _ => None,
        }
    }
}

impl Policy<'_> {
    /// Length in characters of the policy text as ECR receives it, and whether that is the
    /// text of a string (`lifecyclePolicyText`) rather than of the file. `None` when unknown.
    ///
    /// For a policy file the length is that of its JSON text from the first `{` to the last
    /// `}` (what `--lifecycle-policy-text file://...` sends, less surrounding whitespace).
    /// Non-ASCII characters are counted once each, exactly when written raw; one written as a
    /// `\u` escape counts as 6 characters in the file but is undercounted here by up to 3,
    /// so the estimate errs on the side of silence.
    pub fn text_chars(&self) -> Option<TextLength> {
        match self.form {
            Form::Policy => {
                let bytes = self.node.span.end.saturating_sub(self.node.span.start);
                Some(TextLength {
                    chars: bytes.saturating_sub(multibyte_excess(self.node)),
                    in_string: false,
                })
            }
            Form::PutPolicy | Form::GetPolicy => {
                let text = self.outer?.get("lifecyclePolicyText")?.str()?;
                Some(TextLength {
                    chars: text.chars().count(),
                    in_string: true,
                })
            }
            _ => None,
        }
    }

    /// Length in characters of the policy written without any whitespace.
    pub fn compact_chars(&self) -> usize {
        compact_len(self.node)
    }
}

/// How long a policy text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLength {
    pub chars: usize,
    /// The policy is a JSON string inside the request (`lifecyclePolicyText`).
    pub in_string: bool,
}

/// Bytes beyond one per character in every key and string of the tree.
fn multibyte_excess(node: &Node) -> usize {
    let excess = |s: &str| s.len() - s.chars().count();
    match &node.value {
        Value::String { value, .. } => excess(value),
        Value::Array(items) => items.iter().map(multibyte_excess).sum(),
        Value::Object(members) => members
            .iter()
            .map(|m| excess(&m.key) + multibyte_excess(&m.value))
            .sum(),
        _ => 0,
    }
}

/// Characters of a JSON string literal, quotes included, written the way `JSON.stringify`
/// and Python's `json.dumps(ensure_ascii=False)` write it.
fn string_literal_len(s: &str) -> usize {
    2 + s
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
            c if (c as u32) < 0x20 => 6,
            _ => 1,
        })
        .sum::<usize>()
}

/// Characters of the node written as compact JSON (no whitespace).
fn compact_len(node: &Node) -> usize {
    match &node.value {
        Value::Null => 4,
        Value::Bool(b) => {
            if *b {
                4
            } else {
                5
            }
        }
        Value::Number(n) => {
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                (*n as i64).to_string().len()
            } else {
                n.to_string().len()
            }
        }
        Value::String { value, .. } => string_literal_len(value),
        Value::Unknown(_) => node.span.end - node.span.start,
        Value::Array(items) => {
            2 + items.iter().map(compact_len).sum::<usize>() + items.len().saturating_sub(1)
        }
        Value::Object(members) => {
            2 + members
                .iter()
                .map(|m| string_literal_len(&m.key) + 1 + compact_len(&m.value))
                .sum::<usize>()
                + members.len().saturating_sub(1)
        }
    }
}

/// Tag prefixes or patterns for messages: each quoted and cut to a readable length, at most
/// five of them (`` `v`, `release-` `` or `` `a`, `b`, `c`, `d`, `e` and 3 more ``).
pub fn quote_tags<'s>(items: impl IntoIterator<Item = &'s str>) -> String {
    const SHOWN: usize = 5;
    let items: Vec<&str> = items.into_iter().collect();
    let quoted: Vec<String> = items
        .iter()
        .take(SHOWN)
        .map(|s| format!("`{}`", crate::diagnostic::shorten(s)))
        .collect();
    match items.len() {
        n if n > SHOWN => format!("{} and {} more", quoted.join(", "), n - SHOWN),
        _ => quoted.join(", "),
    }
}

/// `*` matches any run of characters (ECR tag patterns).
pub fn wildcard(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// `create-repository` input.
pub struct Repository<'a> {
    /// The request object, located.
    pub at: At<'a>,
    pub node: &'a Node,
}

impl<'a> Repository<'a> {
    pub fn new(doc: &'a Document<'a>) -> Repository<'a> {
        Repository {
            at: At::root(doc.node, Dialect::Api),
            node: doc.node,
        }
    }

    pub fn name(&self) -> Option<&'a str> {
        self.node.get("repositoryName").and_then(Node::str)
    }

    /// A field of the request, located.
    pub fn field(&self, api: &str) -> Option<At<'a>> {
        self.at.field(api)
    }

    /// Where a missing setting would go: the repository's identifying line.
    pub fn missing(&self, api: &str) -> Loc {
        match self.at.field("repositoryName") {
            Some(_) => self.head_at(),
            None => self.at.missing(api),
        }
    }

    /// The repository's identifying line: its `repositoryName` member, else its opening
    /// brace.
    pub fn head_at(&self) -> Loc {
        match self.at.field("repositoryName") {
            Some(n) => n.member_loc(),
            None => self.at.head(),
        }
    }

    /// The document could just as well be `put-image-tag-mutability` or
    /// `put-image-scanning-configuration` input, which changes one setting of an existing
    /// repository: besides `repositoryName` and `registryId` it holds only the members of one
    /// of those requests. Settings it leaves out are then not known to take their
    /// create-repository defaults, so rules about them stay silent.
    pub fn may_be_put_request(&self) -> bool {
        const PUT_REQUESTS: &[&[&str]] = &[
            &["imageTagMutability", "imageTagMutabilityExclusionFilters"],
            &["imageScanningConfiguration"],
        ];
        let keys: Vec<&str> = self
            .node
            .members()
            .iter()
            .map(|m| m.key.as_str())
            .filter(|k| !matches!(*k, "repositoryName" | "registryId"))
            .collect();
        !keys.is_empty()
            && PUT_REQUESTS
                .iter()
                .any(|allowed| keys.iter().all(|k| allowed.contains(k)))
    }

    /// How to name the repository in messages: `` repository `web` ``.
    pub fn label(&self) -> String {
        match self.name() {
            Some(n) => format!("repository `{}`", crate::diagnostic::shorten(n)),
            None => "the repository".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{compact_len, quote_tags, wildcard};

    #[test]
    fn compact_length_matches_serde() {
        let text = "{\n  \"rules\": [\n    {\"rulePriority\": 1, \"description\": \"tab\\there \\\"q\\\" 설\",\n     \"selection\": {\"tagStatus\": \"any\", \"countNumber\": 10, \"x\": [true, null, 1.5, -2]}}\n  ]\n}\n";
        let parsed = crate::parse::json::parse(text, true);
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let want = serde_json::to_string(&value).unwrap().chars().count();
        assert_eq!(compact_len(parsed.root.as_ref().unwrap()), want);
    }

    #[test]
    fn quoted_tag_lists_stay_short() {
        assert_eq!(quote_tags(["v", "release-"]), "`v`, `release-`");
        let many = ["a", "b", "c", "d", "e", "f", "g"];
        assert_eq!(quote_tags(many), "`a`, `b`, `c`, `d`, `e` and 2 more");
        let long = "x".repeat(300);
        assert!(quote_tags([long.as_str()]).chars().count() < 70);
    }

    #[test]
    fn wildcards() {
        assert!(wildcard("prod*", "prod-1"));
        assert!(wildcard("*test*1*2*3", "xtest-1-2-3"));
        assert!(!wildcard("*test*1*2*3", "xtest-1-2-"));
        assert!(wildcard("v*", "v"));
        assert!(!wildcard("a*a", "a"));
        assert!(wildcard("latest", "latest"));
    }
}
