//! A fix's changes (said in the document's model) written as text edits of the file, in its
//! own syntax and dialect.
//!
//! Edits are computed from spans, never by re-serialising the tree, so formatting, key
//! order, comments and line endings outside the edits survive. Separators are copied from
//! the text around the edit (the file's indentation, newline style and comma style); new
//! text is written in the style of the place it goes: JSON, a YAML block mapping, an HCL
//! object or block body, and, for JSON held in a string, escaped as that string needs.
//! Where the text cannot be known for sure (a placeholder, a coerced value, a Terraform
//! block, a shape not handled) the change is refused and the fix is not offered.

use crate::diagnostic::{Applicability, Change, FixIntent};
use crate::document::Embedded;
use crate::document::at::Dialect;
use crate::parse::Syntax;
use crate::tree::{Member, Node, Span, UnknownKind, Value};

/// What a run does with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixMode {
    /// The least safe fixes applied: `Safe` for `--fix`, `Unsafe` with `--unsafe-fixes`.
    pub applicability: Applicability,
    /// Write the fixed files (`--fix`), or only say what would change (`--diff`).
    pub write: bool,
}

/// What the renderer reads: the file's text and trees.
pub struct Source<'a> {
    pub text: &'a str,
    pub syntax: Syntax,
    pub root: &'a Node,
    pub embedded: &'a [Embedded],
    pub dialect: Dialect,
}

/// How text at a place is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// JSON, also a YAML flow collection (JSON is valid there).
    Json,
    /// A YAML block mapping or sequence.
    YamlBlock,
    /// An HCL object or tuple expression (`jsonencode({ … })`, `tags = { … }`).
    HclExpr,
    /// An HCL block body (`resource "…" "…" { … }`).
    HclBody,
}

/// How the JSON a place is in is held: in the file itself, or inside a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Host {
    File,
    /// Raw text (a YAML literal block, a heredoc): written as is.
    Raw,
    /// A double-quoted string (JSON, YAML, HCL): `"` and `\` escaped.
    Quoted {
        hcl: bool,
    },
}

/// Which names keys are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Names {
    Api,
    CloudFormation,
    Terraform,
}

/// A written node and how the text around it is written.
struct Place<'a> {
    /// From the root down to the node: each node and the member it is the value of.
    path: Vec<(&'a Node, Option<&'a Member>)>,
    host: Host,
    /// Inside a `jsonencode(…)` call: HCL syntax, API names.
    encoded: bool,
}

impl<'a> Place<'a> {
    fn node(&self) -> &'a Node {
        self.path.last().expect("a path has its node").0
    }
    fn member(&self) -> Option<&'a Member> {
        self.path.last().and_then(|(_, m)| *m)
    }
    fn parent(&self) -> Option<&'a Node> {
        self.path.len().checked_sub(2).map(|i| self.path[i].0)
    }
}

impl<'a> Source<'a> {
    /// The written node with exactly this span, with its path.
    fn find(&self, span: Span) -> Option<Place<'a>> {
        let holds = |n: &Node| n.span.start <= span.start && span.end <= n.span.end;
        let holds_item = |n: &Node| n.span == span || n.items().iter().any(holds);
        let mut path: Vec<(&'a Node, Option<&'a Member>)> = vec![(self.root, None)];
        let mut node = self.root;
        let mut host = Host::File;
        let mut encoded = false;
        // The pointer is only needed to find the documents parsed from strings.
        let track = !self.embedded.is_empty();
        let mut pointer = String::new();
        'down: loop {
            if node.span == span {
                return Some(Place {
                    path,
                    host,
                    encoded,
                });
            }
            match &node.value {
                Value::Object(members) => {
                    for m in members.iter().rev() {
                        if holds(&m.value) && (!m.value.is_array() || holds_item(&m.value)) {
                            if track {
                                pointer.push('/');
                                pointer.push_str(&crate::tree::escape_token(&m.key));
                            }
                            node = &m.value;
                            path.push((node, Some(m)));
                            continue 'down;
                        }
                    }
                }
                Value::Array(items) => {
                    for (i, n) in items.iter().enumerate() {
                        if holds(n) && (!n.is_array() || holds_item(n)) {
                            if track {
                                use std::fmt::Write;
                                let _ = write!(pointer, "/{i}");
                            }
                            node = n;
                            path.push((node, None));
                            continue 'down;
                        }
                    }
                }
                Value::Unknown(u) => {
                    if let (UnknownKind::Call(name), Some(inner)) = (&u.kind, &u.inner)
                        && name == "jsonencode"
                        && holds(inner)
                    {
                        encoded = true;
                        node = inner;
                        path.push((node, None));
                        continue 'down;
                    }
                    return None; // inside an expression or intrinsic: not ours to edit
                }
                _ => {}
            }
            if host == Host::File
                && let Some(e) = self.embedded.iter().find(|e| {
                    e.pointer == pointer
                        && e.root
                            .as_ref()
                            .is_some_and(|r| holds(r) && r.span != node.span)
                })
                && let Some(r) = &e.root
            {
                host = self.host_of(node)?;
                node = r;
                path.push((node, None));
                continue 'down;
            }
            return None;
        }
    }

    /// How a string that holds JSON is written.
    fn host_of(&self, string: &Node) -> Option<Host> {
        let raw = self.slice(string.span);
        if raw.starts_with('"') {
            Some(Host::Quoted {
                hcl: self.syntax == Syntax::Hcl,
            })
        } else if raw.starts_with('|') || self.syntax == Syntax::Hcl {
            // A YAML literal block, or a heredoc's body.
            Some(Host::Raw)
        } else {
            None // single-quoted, folded or plain YAML: escaping rules not worth the risk
        }
    }

    fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    fn style(&self, place: &Place, node: &Node) -> Style {
        let text = self.slice(node.span);
        match (self.syntax, place.host) {
            (_, Host::Raw | Host::Quoted { .. }) => Style::Json,
            (Syntax::Hcl, _) => {
                if place.encoded || text.trim_start().starts_with('[') {
                    return Style::HclExpr;
                }
                // A block body is the value of a member with no `=` between key and value.
                let member = place
                    .path
                    .iter()
                    .find(|(n, _)| std::ptr::eq(*n, node))
                    .and_then(|(_, m)| *m);
                match member {
                    Some(m) if !self.gap(m).contains('=') => Style::HclBody,
                    None => Style::HclBody,
                    _ => Style::HclExpr,
                }
            }
            (Syntax::Yaml, _) | (Syntax::Sniff, _) if !self.text.trim_start().starts_with('{') => {
                if text.starts_with('{') || text.starts_with('[') {
                    Style::Json
                } else {
                    Style::YamlBlock
                }
            }
            _ => Style::Json,
        }
    }

    /// The text between a member's key and its value (`": "`, `" = "`).
    fn gap(&self, m: &Member) -> &'a str {
        self.text
            .get(m.key_span.end..m.value.span.start)
            .unwrap_or("")
    }

    fn names(&self, place: &Place) -> Names {
        if place.host != Host::File || place.encoded {
            return Names::Api;
        }
        match self.dialect {
            Dialect::Api => Names::Api,
            Dialect::CloudFormation => Names::CloudFormation,
            Dialect::Terraform => Names::Terraform,
        }
    }

    /// The file's newline, as its first line ends.
    fn newline(&self) -> &'static str {
        match self.text.find('\n') {
            Some(i) if i > 0 && self.text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    /// Start of the line holding `at`.
    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// End of the line holding `at` (before its newline).
    fn line_end(&self, at: usize) -> usize {
        let end = self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i);
        if end > at && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    /// Only blanks between the start of its line and `at`.
    fn first_on_line(&self, at: usize) -> bool {
        self.text[self.line_start(at)..at]
            .chars()
            .all(|c| c == ' ' || c == '\t')
    }

    /// Only blanks, a comma or a comment between `at` and the end of its line.
    fn last_on_line(&self, at: usize, style: Style) -> bool {
        let rest = self.text[at..self.line_end(at)].trim_start_matches([' ', '\t', ',']);
        rest.is_empty()
            || rest.starts_with('#')
            || (matches!(style, Style::HclBody | Style::HclExpr) && rest.starts_with("//"))
    }

    /// The whole lines from `start`'s to `end`'s, with the last newline.
    fn whole_lines(&self, start: usize, end: usize) -> Span {
        let to = self.text[end..]
            .find('\n')
            .map_or(self.text.len(), |i| end + i + 1);
        Span::new(self.line_start(start), to)
    }
}

/// A fix's changes as sorted, non-overlapping edits (`None`: it cannot be written for sure).
/// `lowered` gives the node a rule read (for CloudFormation and Terraform, the lowered copy)
/// by the span it was found at, to tell a value the front end converted from one written
/// as it is read.
pub fn render<'n>(
    src: &Source,
    intent: &FixIntent,
    lowered: impl Fn(&crate::diagnostic::NodeRef) -> Option<&'n Node>,
    generated: bool,
) -> Option<crate::diagnostic::Fix> {
    let mut edits: Vec<(Span, String)> = Vec::new();
    let mut applicability = intent.applicability;
    if generated {
        applicability = Applicability::DisplayOnly;
    }
    // Removals from one object or array are written together (neighbours share commas).
    let mut removals: Vec<(Place, Vec<usize>)> = Vec::new();
    for change in &intent.changes {
        let target = change.target();
        let place = src.find(target.span)?;
        let read = lowered(target)?;
        // A YAML alias's copy is found at its anchor: an edit there changes every alias.
        if !std::ptr::eq(read, place.node()) && src.dialect == Dialect::Api {
            applicability = Applicability::DisplayOnly;
        }
        if let Change::Remove { .. } = change {
            let parent = place.parent()?;
            let node = place.node();
            let i = match &parent.value {
                Value::Object(members) => {
                    members.iter().position(|m| std::ptr::eq(&m.value, node))?
                }
                Value::Array(items) => items.iter().position(|n| std::ptr::eq(n, node))?,
                _ => return None,
            };
            match removals
                .iter_mut()
                .find(|(p, _)| std::ptr::eq(p.parent().expect("has one"), parent))
            {
                Some((_, list)) => list.push(i),
                None => removals.push((place, vec![i])),
            }
            continue;
        }
        edits.extend(change_edits(src, &place, change, read)?);
    }
    for (place, mut list) in removals {
        list.sort_unstable();
        list.dedup();
        edits.extend(remove(src, &place, &list)?);
    }
    edits.sort_by_key(|(s, _)| (s.start, s.end));
    edits.dedup();
    if edits.windows(2).any(|w| w[0].0.end > w[1].0.start) {
        return None;
    }
    Some(crate::diagnostic::Fix {
        title: intent.title.clone(),
        applicability,
        edits: edits
            .into_iter()
            .map(|(span, content)| crate::diagnostic::Edit {
                span,
                range: Default::default(),
                content,
            })
            .collect(),
    })
}

fn change_edits(
    src: &Source,
    place: &Place,
    change: &Change,
    read: &Node,
) -> Option<Vec<(Span, String)>> {
    let node = place.node();
    let names = src.names(place);
    match change {
        Change::Set { value, .. } => {
            // Only a value written as the rule read it: not a converted scalar
            // (`assign_public_ip = true` read as "ENABLED"), nor a placeholder.
            if node.is_unknown() || !same_scalar(node, read) || node.is_object() {
                return None;
            }
            let style = src.style(place, node);
            let text = value_text(value, style, names)?;
            Some(vec![(node.span, escape(place.host, &text)?)])
        }
        Change::Rename { key, .. } => {
            let m = place.member()?;
            let parent = place.parent()?;
            let style = src.style(place, parent);
            let written = src.slice(m.key_span);
            let quoted = written.starts_with('"') || written.starts_with('\'');
            let text = key_text(&name(key, names), style, quoted);
            Some(vec![(m.key_span, escape(place.host, &text)?)])
        }
        Change::Remove { .. } => None, // written together, in `render`
        Change::Insert { key, value, .. } => {
            if !node.is_object() {
                return None;
            }
            let style = src.style(place, node);
            if style == Style::HclBody && (value.is_object() || value.is_array()) {
                return None; // a Terraform block or attribute: the provider's schema decides
            }
            let k = name(key, names);
            // Keys quoted like their siblings (a YAML file written with JSON-style keys).
            let quoted = node
                .members()
                .last()
                .is_some_and(|m| src.slice(m.key_span).starts_with('"'));
            let member = if style == Style::YamlBlock {
                // A block mapping under its key, lines indented from the key's column.
                format!(
                    "{}:{}",
                    key_text(&k, style, quoted),
                    yaml_value(value, names, 1)?
                )
            } else {
                format!(
                    "{}{}{}",
                    key_text(&k, style, quoted),
                    match style {
                        Style::Json | Style::YamlBlock => ": ",
                        Style::HclExpr | Style::HclBody => " = ",
                    },
                    value_text(value, style, names)?
                )
            };
            insert(src, place, node, style, &escape(place.host, &member)?)
        }
        Change::Append { value, .. } => {
            if !node.is_array() {
                return None;
            }
            let style = src.style(place, node);
            let item = value_text(value, style, names)?;
            append(src, place, node, style, &escape(place.host, &item)?)
        }
    }
}

/// The written scalar is what the rule read (same type and value).
fn same_scalar(written: &Node, read: &Node) -> bool {
    match (&written.value, &read.value) {
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Number(a), Value::Number(b)) => a == b,
        (Value::String { value: a, .. }, Value::String { value: b, .. }) => a == b,
        (Value::Null, Value::Null) => true,
        (Value::Object(_), Value::Object(_)) | (Value::Array(_), Value::Array(_)) => true,
        _ => false,
    }
}

fn name(api: &str, names: Names) -> String {
    match names {
        Names::Api => api.to_string(),
        Names::CloudFormation => crate::document::cfn_names::cfn_name(api)
            .unwrap_or(api)
            .to_string(),
        Names::Terraform => crate::document::tf_names::tf_name(api)
            .unwrap_or(api)
            .to_string(),
    }
}

fn plain_key(k: &str) -> bool {
    let mut chars = k.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn key_text(k: &str, style: Style, quoted: bool) -> String {
    match style {
        Style::Json => json_string(k),
        _ if quoted || !plain_key(k) => json_string(k),
        _ => k.to_string(),
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A value as written at a place: JSON (valid in YAML too), or HCL's object syntax.
fn value_text(v: &serde_json::Value, style: Style, names: Names) -> Option<String> {
    let mut out = String::with_capacity(32);
    write_value(
        v,
        matches!(style, Style::HclExpr | Style::HclBody),
        names,
        &mut out,
    )?;
    Some(out)
}

/// Write a value into `out`: JSON, or with `hcl`, HCL's object syntax (`{ k = v }`, `$${`).
fn write_value(v: &serde_json::Value, hcl: bool, names: Names, out: &mut String) -> Option<()> {
    match v {
        serde_json::Value::Null if hcl => return None,
        serde_json::Value::Null => out.push_str("null"),
        serde_json::Value::String(s) if hcl => {
            out.push_str(&json_string(s).replace("${", "$${").replace("%{", "%%{"))
        }
        serde_json::Value::String(s) => out.push_str(&json_string(s)),
        serde_json::Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        serde_json::Value::Number(n) => out.push_str(&n.to_string()),
        serde_json::Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                write_value(item, hcl, names, out)?;
            }
            out.push(']');
        }
        serde_json::Value::Object(map) if map.is_empty() => out.push_str("{}"),
        serde_json::Value::Object(map) => {
            out.push_str(if hcl { "{ " } else { "{" });
            for (n, (k, v)) in map.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                let k = name(k, names);
                if hcl {
                    out.push_str(&key_text(&k, Style::HclExpr, false));
                    out.push_str(" = ");
                } else {
                    out.push_str(&json_string(&k));
                    out.push_str(": ");
                }
                write_value(v, hcl, names, out)?;
            }
            out.push_str(if hcl { " }" } else { "}" });
        }
    }
    Some(())
}

/// A value after `key:` in a YAML block mapping: a non-empty object as a nested block (its
/// lines start with `\n` and two spaces per level, re-indented where it is inserted), any
/// other value in flow style on the key's line.
fn yaml_value(v: &serde_json::Value, names: Names, depth: usize) -> Option<String> {
    match v {
        serde_json::Value::Object(map) if !map.is_empty() => {
            let mut out = String::new();
            for (k, v) in map {
                let k = name(k, names);
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
                out.push_str(&key_text(&k, Style::YamlBlock, false));
                out.push(':');
                out.push_str(&yaml_value(v, names, depth + 1)?);
            }
            Some(out)
        }
        _ => Some(format!(" {}", value_text(v, Style::Json, names)?)),
    }
}

/// New text for inside a string that holds JSON.
fn escape(host: Host, text: &str) -> Option<String> {
    match host {
        Host::File | Host::Raw => Some(text.to_string()),
        Host::Quoted { hcl } => {
            let mut out = String::with_capacity(text.len() + 8);
            for c in text.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c => out.push(c),
                }
            }
            if hcl {
                out = out.replace("${", "$${").replace("%{", "%%{");
            }
            Some(out)
        }
    }
}

/// Remove the members or items `removed` (indices, sorted) of the parent of the place's node.
fn remove(src: &Source, place: &Place, removed: &[usize]) -> Option<Vec<(Span, String)>> {
    let parent = place.parent()?;
    let style = src.style(place, parent);
    // Each entry's text: key to value for members.
    let spans: Vec<Span> = match &parent.value {
        Value::Object(members) => members.iter().map(Member::span).collect(),
        Value::Array(items) => items.iter().map(|n| n.span).collect(),
        _ => return None,
    };
    if removed.len() == spans.len() {
        // Every entry: the collection becomes empty, written in place.
        let empty = if parent.is_object() { "{}" } else { "[]" };
        return match style {
            Style::Json | Style::HclExpr => {
                let text = src.slice(parent.span);
                let (o, c) = if parent.is_object() {
                    ('{', '}')
                } else {
                    ('[', ']')
                };
                let trimmed = text.trim_end();
                if !text.starts_with(o) || !trimmed.ends_with(c) {
                    return None;
                }
                let whole = Span::new(parent.span.start, parent.span.start + trimmed.len());
                Some(vec![(whole, empty.into())])
            }
            Style::YamlBlock => {
                // `key:` then the block on the next lines becomes `key: []` on one line.
                let owner = place
                    .path
                    .iter()
                    .find(|(n, _)| std::ptr::eq(*n, parent))
                    .and_then(|(_, m)| *m);
                match owner {
                    Some(m)
                        if src.gap(m).trim_start().starts_with(':')
                            && !src.gap(m).contains('#') =>
                    {
                        Some(vec![(
                            Span::new(m.key_span.end, parent.span.end),
                            format!(": {empty}"),
                        )])
                    }
                    _ => Some(vec![(parent.span, empty.into())]),
                }
            }
            Style::HclBody => None,
        };
    }
    // Runs of neighbouring entries.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &i in removed {
        match runs.last_mut() {
            Some((_, b)) if *b + 1 == i => *b = i,
            _ => runs.push((i, i)),
        }
    }
    // Between entries: from the end of the one before to the end of the run (taking one
    // comma), or for a run at the start, from its start to the next entry's start.
    let by_separators = |(a, b): (usize, usize)| {
        if a > 0 {
            Span::new(spans[a - 1].end, spans[b].end)
        } else {
            Span::new(spans[0].start, spans[b + 1].start)
        }
    };
    let mut out = Vec::new();
    for run in runs {
        match style {
            Style::Json => out.push((by_separators(run), String::new())),
            Style::YamlBlock | Style::HclBody | Style::HclExpr => {
                let dash = |i: usize| {
                    src.text[src.line_start(spans[i].start)..spans[i].start]
                        .trim()
                        .starts_with('-')
                };
                let alone = |i: usize| {
                    let before = &src.text[src.line_start(spans[i].start)..spans[i].start];
                    let first = if style == Style::YamlBlock && parent.is_array() {
                        before.trim() == "-"
                    } else {
                        before.trim().is_empty()
                    };
                    first && src.last_on_line(spans[i].end, style)
                };
                if style == Style::YamlBlock && run.0 == 0 && parent.is_object() && dash(0) {
                    // The item's first key shares its line with the dash: the next key moves up.
                    out.push((by_separators(run), String::new()));
                } else if (run.0..=run.1).all(alone) {
                    // Whole lines; in an HCL expression a comma after the entry goes with
                    // it, and one before stays (HCL allows a trailing comma).
                    out.push((
                        src.whole_lines(spans[run.0].start, spans[run.1].end),
                        String::new(),
                    ));
                } else if style == Style::YamlBlock {
                    return None;
                } else {
                    out.push((by_separators(run), String::new()));
                }
            }
        }
    }
    Some(out)
}

/// Insert `member` (written) as the object's last member.
fn insert(
    src: &Source,
    _place: &Place,
    object: &Node,
    style: Style,
    member: &str,
) -> Option<Vec<(Span, String)>> {
    let members = object.members();
    let text = src.slice(object.span);
    let Some(last) = members.last() else {
        // `{}`: written inline.
        let open = object.span.start + text.find('{')?;
        let inner = src.slice(Span::new(open + 1, object.span.end));
        if !inner.trim_end().strip_suffix('}')?.trim().is_empty() {
            return None;
        }
        let pad = if style == Style::Json { "" } else { " " };
        return Some(vec![(
            Span::new(open + 1, open + 1 + inner.trim_end().len() - 1),
            format!("{pad}{member}{pad}"),
        )]);
    };
    let end = last.value.span.end;
    match style {
        Style::YamlBlock | Style::HclBody => {
            let dash_line = style == Style::YamlBlock
                && src.text[src.line_start(last.key_span.start)..last.key_span.start]
                    .trim_start()
                    .starts_with('-');
            if !src.first_on_line(last.key_span.start) && !dash_line {
                return None;
            }
            let column = last.key_span.start - src.line_start(last.key_span.start);
            // After the last member's last line (past a comment on it).
            let at = src.line_end(end);
            let indent: String = src.text[src.line_start(last.key_span.start)..last.key_span.start]
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            debug_assert_eq!(indent.len(), column);
            Some(vec![(Span::new(at, at), {
                let nl = src.newline();
                format!(
                    "{nl}{indent}{}",
                    member.replace('\n', &format!("{nl}{indent}"))
                )
            })])
        }
        Style::Json | Style::HclExpr => {
            let open = object.span.start + text.find('{')?;
            let prev = members
                .len()
                .checked_sub(2)
                .map(|i| members[i].value.span.end);
            let sep = separator(src, style, false, open, prev, last.key_span.start)?;
            Some(vec![(Span::new(end, end), format!("{sep}{member}"))])
        }
    }
}

/// Append `item` (written) to an array.
fn append(
    src: &Source,
    _place: &Place,
    array: &Node,
    style: Style,
    item: &str,
) -> Option<Vec<(Span, String)>> {
    let items = array.items();
    let text = src.slice(array.span);
    let Some(last) = items.last() else {
        let open = array.span.start + text.find('[')?;
        let inner = src.slice(Span::new(open + 1, array.span.end));
        if !inner.trim_end().strip_suffix(']')?.trim().is_empty() {
            return None;
        }
        return Some(vec![(
            Span::new(open + 1, open + 1 + inner.trim_end().len() - 1),
            item.to_string(),
        )]);
    };
    match style {
        Style::YamlBlock => {
            let dash = src.text[..last.span.start].rfind('-')?;
            if !src.first_on_line(dash) {
                return None;
            }
            let indent = &src.text[src.line_start(dash)..dash];
            let at = src.line_end(last.span.end);
            Some(vec![(
                Span::new(at, at),
                format!("{}{indent}- {item}", src.newline()),
            )])
        }
        Style::HclBody => None,
        Style::Json | Style::HclExpr => {
            let open = array.span.start + text.find('[')?;
            let prev = items.len().checked_sub(2).map(|i| items[i].span.end);
            let sep = separator(src, style, true, open, prev, last.span.start)?;
            Some(vec![(
                Span::new(last.span.end, last.span.end),
                format!("{sep}{item}"),
            )])
        }
    }
}

/// What goes before a new last entry of a JSON or HCL collection, copied from the text: the
/// separator between the last two entries, else a comma and what follows the opening bracket
/// (at `open`). `None` where a comment sits there, or a comma the syntax needs is missing.
fn separator(
    src: &Source,
    style: Style,
    array: bool,
    open: usize,
    prev_end: Option<usize>,
    last_start: usize,
) -> Option<String> {
    let comment = |t: &str| t.contains('#') || t.contains("//") || t.contains("/*");
    match prev_end {
        Some(prev) => {
            let between = src.slice(Span::new(prev, last_start));
            // HCL objects may separate their members with newlines alone.
            let needs_comma = array || style == Style::Json;
            (!comment(between) && (!needs_comma || between.contains(',')))
                .then(|| between.to_string())
        }
        None => {
            let before = src.slice(Span::new(open + 1, last_start));
            if comment(before) {
                None
            } else if before.is_empty() || (style == Style::HclExpr && !before.contains('\n')) {
                Some(", ".to_string())
            } else {
                Some(format!(",{before}"))
            }
        }
    }
}
