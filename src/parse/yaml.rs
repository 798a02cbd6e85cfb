//! YAML (what `--cli-input-yaml` takes) into the same spanned tree as JSON, built from
//! granit-parser events (byte offsets, duplicate keys kept, aliases expanded under a budget).
//!
//! Nothing the YAML says is lost: a node with a tag ecslint does not evaluate (`!Ref`, `!If`,
//! `!Sub`, on a scalar, a sequence or a mapping) becomes an unknown node that records the tag,
//! and merge keys (`<<: *base`) are expanded as YAML 1.1 loaders do.

use std::collections::{HashMap, HashSet};

use granit_parser::{Event, Parser, ScalarStyle, StructureStyle, Tag};

use super::template::contains_placeholder;
use super::{Duplicate, ParseError, Parsed};
use crate::tree::{Member, Node, Span, Unknown, UnknownKind, Value};

/// Alias expansion may not produce more nodes than this (billion-laughs guard).
const NODE_BUDGET: usize = 200_000;
const MAX_DEPTH: usize = 256;

const CORE: &str = "tag:yaml.org,2002:";

enum Frame {
    Seq {
        start: usize,
        flow: bool,
        anchor: usize,
        /// A tag that makes the sequence an unknown node: the tag as written, and where it
        /// starts (the node's span then starts there).
        tag: Option<(String, usize)>,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        flow: bool,
        anchor: usize,
        tag: Option<(String, usize)>,
        members: Vec<Member>,
        /// The pending key, and whether it is the merge key `<<`.
        key: Option<(String, Span, bool)>,
        /// Indices into `members` of the merge-key members.
        merges: Vec<usize>,
    },
}

/// How a tag on a node changes its value.
#[derive(PartialEq)]
enum TagMeaning {
    /// No tag, or one that leaves the value as YAML reads it (`!!map` on a mapping).
    Plain,
    /// `!!str` or the non-specific `!` on a scalar: a string whatever it looks like.
    Str,
    /// A core-schema scalar type (`!!int`, `!!float`, `!!bool`, `!!null`).
    Core(&'static str),
    /// A tag ecslint does not evaluate: the value is unknown.
    Unknown,
}

/// What the tag on a node means. `collection` is `Some("seq")` / `Some("map")` for
/// collections, `None` for scalars.
fn tag_meaning(tag: Option<&Tag>, collection: Option<&str>) -> TagMeaning {
    let Some(tag) = tag else {
        return TagMeaning::Plain;
    };
    if tag.parts() == ("", "!") {
        // The non-specific tag `!`: a string for a scalar, the collection as it is.
        return if collection.is_some() {
            TagMeaning::Plain
        } else {
            TagMeaning::Str
        };
    }
    match (tag.core_suffix(), collection) {
        (Some(core), Some(kind)) if core == kind => TagMeaning::Plain,
        (Some("str"), None) => TagMeaning::Str,
        (Some(core @ ("int" | "float" | "bool" | "null")), None) => TagMeaning::Core(match core {
            "int" => "int",
            "float" => "float",
            "bool" => "bool",
            _ => "null",
        }),
        _ => TagMeaning::Unknown,
    }
}

fn is_merge_tag(tag: &Tag) -> bool {
    tag.suffix_in_namespace(CORE).as_deref() == Some("merge")
}

/// Where the tag written before a node that starts at `node_start` begins: only
/// whitespace, comments and an anchor (`&name`) may stand between them. `node_start` when
/// the tag is not found (a verbatim tag spelled another way).
fn tag_start(text: &str, node_start: usize, written: &str) -> usize {
    // Look back a bounded way, so files of many tags stay linear.
    let mut from = node_start.saturating_sub(1024);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..node_start];
    let Some(at) = before.rfind(written) else {
        return node_start;
    };
    let between = &before[at + written.len()..];
    let at = from + at;
    let clean = between.lines().all(|line| {
        let code = line.split(" #").next().unwrap_or("");
        let code = if code.trim_start().starts_with('#') {
            ""
        } else {
            code
        };
        code.split_whitespace().all(|w| w.starts_with('&'))
    });
    if clean && between.starts_with(char::is_whitespace) || between.is_empty() {
        at
    } else {
        node_start
    }
}

/// The unknown node for a tagged node: span from the tag to the end of the node.
/// `inner` is the node without its tag, kept for front ends that evaluate the tag.
fn tagged(text: &str, tag: String, start: usize, end: usize, inner: Node) -> Node {
    let span = Span::new(start, end.max(start));
    let mut unknown = Unknown::new(
        UnknownKind::Tag(tag),
        text.get(span.start..span.end).unwrap_or_default(),
    );
    unknown.inner = Some(Box::new(inner));
    Node {
        span,
        value: Value::Unknown(unknown),
    }
}

/// A scalar under a core-schema type tag: its value if it is one of that type, else unknown
/// (a loader rejects `!!int abc`).
fn core_scalar(value: &str, core: &str, templates: bool) -> Option<Value> {
    if core == "null" {
        return Some(Value::Null);
    }
    let v = plain(value, templates);
    match (core, &v) {
        ("bool", Value::Bool(_)) | ("int" | "float", Value::Number(_)) => Some(v),
        _ => None,
    }
}

pub fn parse(text: &str, templates: bool) -> Parsed {
    let mut out = Parsed {
        root: None,
        error: None,
        placeholders: Vec::new(),
        duplicates: Vec::new(),
    };
    match build(text, templates, &mut out) {
        Ok(root) => out.root = root,
        Err(e) => out.error = Some(e),
    }
    if out.root.is_none() && out.error.is_none() {
        out.error = Some(ParseError {
            span: Span::new(0, 0),
            message: "the file is empty or holds only comments".into(),
            help: Some(
                "an ECS document is a mapping such as `family: web` with `containerDefinitions:`"
                    .into(),
            ),
        });
    }
    out
}

fn count(node: &Node) -> usize {
    1 + match &node.value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(members) => members.iter().map(|m| count(&m.value)).sum(),
        _ => 0,
    }
}

fn build(text: &str, templates: bool, out: &mut Parsed) -> Result<Option<Node>, ParseError> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut budget = NODE_BUDGET;
    let mut documents = 0;
    let offset = |m: &granit_parser::Marker| m.byte_offset().unwrap_or(0).min(text.len());
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let at = offset(e.marker());
            let mut end = (at + 1).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            ParseError {
                span: Span::new(at, end),
                message: format!("invalid YAML: {}", e.info()),
                help: None,
            }
        })?;
        let (s, e) = (offset(&span.start), offset(&span.end));
        let mut merge_key = false;
        // Each arm yields the finished node and the anchor defined on it (0 = none).
        let (node, anchor) = match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(ParseError {
                        span: Span::new(s, e.max(s + 1).min(text.len())),
                        message: "the file holds more than one YAML document".into(),
                        help: Some("keep one task definition per file".into()),
                    });
                }
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                merge_key = match &tag {
                    None => style == ScalarStyle::Plain && value == "<<",
                    Some(t) => is_merge_tag(t),
                };
                let string = |value: std::borrow::Cow<'_, str>| {
                    let templated = templates && contains_placeholder(&value);
                    Value::String {
                        value: value.into_owned(),
                        templated,
                    }
                };
                let meaning = tag_meaning(tag.as_deref(), None);
                let untagged = (meaning == TagMeaning::Unknown && !merge_key).then(|| Node {
                    span: Span::new(s, e),
                    value: string(value.clone()),
                });
                let v = match meaning {
                    _ if merge_key => Some(string(value)),
                    TagMeaning::Plain if style == ScalarStyle::Plain => {
                        Some(plain(&value, templates))
                    }
                    TagMeaning::Plain | TagMeaning::Str => Some(string(value)),
                    TagMeaning::Core(core) => core_scalar(&value, core, templates),
                    TagMeaning::Unknown => None,
                };
                let node = match (v, tag) {
                    (Some(v), _) => Node {
                        span: Span::new(s, e),
                        value: v,
                    },
                    (None, tag) => {
                        let written = tag.map(|t| t.original()).unwrap_or_default();
                        let inner = untagged.unwrap_or(Node {
                            span: Span::new(s, e),
                            value: Value::Null,
                        });
                        tagged(
                            text,
                            written.clone(),
                            tag_start(text, s, &written),
                            e,
                            inner,
                        )
                    }
                };
                (node, anchor)
            }
            Event::Alias(id) => {
                let Some(target) = anchors.get(&id) else {
                    return Err(ParseError {
                        span: Span::new(s, e),
                        message: "alias to an unknown anchor".into(),
                        help: None,
                    });
                };
                let n = count(target);
                if n > budget {
                    return Err(ParseError {
                        span: Span::new(s, e),
                        message: "YAML aliases expand to too many nodes".into(),
                        help: Some(
                            "expand the aliases by hand; ECS documents do not need them".into(),
                        ),
                    });
                }
                budget -= n;
                (target.clone(), 0)
            }
            Event::SequenceStart(..) | Event::MappingStart(..) if stack.len() >= MAX_DEPTH => {
                return Err(ParseError {
                    span: Span::new(s, e.max(s + 1).min(text.len())),
                    message: format!("nesting is deeper than {MAX_DEPTH} levels"),
                    help: None,
                });
            }
            Event::SequenceStart(style, anchor, tag) => {
                let tag = (tag_meaning(tag.as_deref(), Some("seq")) == TagMeaning::Unknown)
                    .then(|| tag.map(|t| t.original()).unwrap_or_default())
                    .map(|t| {
                        let at = tag_start(text, s, &t);
                        (t, at)
                    });
                stack.push(Frame::Seq {
                    start: s,
                    flow: style == StructureStyle::Flow,
                    anchor,
                    tag,
                    items: Vec::new(),
                });
                continue;
            }
            Event::MappingStart(style, anchor, tag) => {
                let tag = (tag_meaning(tag.as_deref(), Some("map")) == TagMeaning::Unknown)
                    .then(|| tag.map(|t| t.original()).unwrap_or_default())
                    .map(|t| {
                        let at = tag_start(text, s, &t);
                        (t, at)
                    });
                stack.push(Frame::Map {
                    start: s,
                    flow: style == StructureStyle::Flow,
                    anchor,
                    tag,
                    members: Vec::new(),
                    key: None,
                    merges: Vec::new(),
                });
                continue;
            }
            Event::SequenceEnd => {
                let Some(Frame::Seq {
                    start,
                    flow,
                    anchor,
                    tag,
                    items,
                }) = stack.pop()
                else {
                    continue;
                };
                // Flow collections end at their bracket. Block ones end at the next token:
                // end at the last child instead (unless that child is an alias, whose span
                // is its anchor's, earlier on).
                let end = items
                    .last()
                    .map(|n| n.span.end)
                    .filter(|&end| end > start && !flow)
                    .unwrap_or(e.max(start));
                let node = Node {
                    span: Span::new(start, end),
                    value: Value::Array(items),
                };
                let node = match tag {
                    Some((tag, at)) => tagged(text, tag, at, end, node),
                    None => node,
                };
                (node, anchor)
            }
            Event::MappingEnd => {
                let Some(Frame::Map {
                    start,
                    flow,
                    anchor,
                    tag,
                    members,
                    merges,
                    ..
                }) = stack.pop()
                else {
                    continue;
                };
                let end = members
                    .last()
                    .map(|m| m.value.span.end)
                    .filter(|&end| end > start && !flow)
                    .unwrap_or(e.max(start));
                let node = Node {
                    span: Span::new(start, end),
                    value: Value::Object(merge(members, &merges)),
                };
                let node = match tag {
                    Some((tag, at)) => tagged(text, tag, at, end, node),
                    None => node,
                };
                (node, anchor)
            }
            _ => continue,
        };
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        budget = budget.saturating_sub(1);
        if budget == 0 {
            return Err(ParseError {
                span: Span::new(s, e),
                message: "the YAML document has too many nodes".into(),
                help: None,
            });
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                members,
                key,
                merges,
                ..
            }) => match key.take() {
                None => {
                    let k = match &node.value {
                        Value::String { value, .. } => value.clone(),
                        Value::Null => String::new(),
                        _ => text
                            .get(node.span.start..node.span.end)
                            .unwrap_or_default()
                            .to_string(),
                    };
                    *key = Some((k, node.span, merge_key));
                }
                Some((k, key_span, is_merge)) => {
                    if is_merge && mergeable(&node) {
                        merges.push(members.len());
                    }
                    if let Some(first) = members.iter().find(|m| m.key == k) {
                        out.duplicates.push(Duplicate {
                            key: k.clone(),
                            first: first.key_span,
                            second: key_span,
                        });
                    }
                    members.push(Member {
                        key: k,
                        key_span,
                        value: node,
                    });
                }
            },
        }
    }
    Ok(root)
}

/// A merge key's value that can be merged: a mapping or a list of mappings.
fn mergeable(value: &Node) -> bool {
    match &value.value {
        Value::Object(_) => true,
        Value::Array(items) => items.iter().all(Node::is_object),
        _ => false,
    }
}

/// Expand the merge keys (`<<`) at `merges` as YAML 1.1 loaders do: the mapping's own keys
/// win over merged ones; of the mappings in one `<<: [*a, *b]` list, earlier ones win; of
/// two `<<` keys, the later one wins (the last duplicate key wins, as everywhere). The merged
/// members keep their spans, which are where they are written (under the anchor). They take
/// the place of the first `<<`.
fn merge(members: Vec<Member>, merges: &[usize]) -> Vec<Member> {
    let Some(&first) = merges.first() else {
        return members;
    };
    let mut is_merge = vec![false; members.len()];
    for &i in merges {
        is_merge[i] = true;
    }
    let own: HashSet<String> = members
        .iter()
        .zip(&is_merge)
        .filter(|(_, merge)| !**merge)
        .map(|(m, _)| m.key.clone())
        .collect();
    let mut rest = Vec::with_capacity(members.len());
    // In rising precedence: later `<<` keys over earlier; within a list, earlier mappings over
    // later ones.
    let mut sources: Vec<Vec<Member>> = Vec::new();
    for (i, m) in members.into_iter().enumerate() {
        if !is_merge[i] {
            rest.push(m);
            continue;
        }
        match m.value.value {
            Value::Object(ms) => sources.push(ms),
            Value::Array(items) => {
                sources.extend(items.into_iter().rev().filter_map(|n| match n.value {
                    Value::Object(ms) => Some(ms),
                    _ => None,
                }))
            }
            _ => {}
        }
    }
    // The winner for each merged key, by precedence; placed in the order first seen.
    let mut order: Vec<String> = Vec::new();
    let mut winner: HashMap<String, Member> = HashMap::new();
    for m in sources.into_iter().flatten() {
        if own.contains(&m.key) {
            continue;
        }
        if !winner.contains_key(&m.key) {
            order.push(m.key.clone());
        }
        winner.insert(m.key.clone(), m);
    }
    let merged = order.into_iter().filter_map(|k| winner.remove(&k));
    let at = first.min(rest.len());
    let tail = rest.split_off(at);
    rest.extend(merged);
    rest.extend(tail);
    rest
}

/// Resolve a plain scalar with the YAML 1.2 core schema (what the AWS CLI's YAML loader
/// accepts for `--cli-input-yaml`).
fn plain(s: &str, templates: bool) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let looks_numeric = s
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.');
    if looks_numeric
        && let Ok(n) = s.parse::<f64>()
        && n.is_finite()
        && !s.contains(['x', 'o', 'i', 'I', 'n', 'N'])
    {
        return Value::Number(n);
    }
    let templated = templates && contains_placeholder(s);
    Value::String {
        value: s.to_string(),
        templated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_spans_and_types() {
        let text = "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.25\n    memory: 512\n    essential: true\n";
        let p = parse(text, true);
        assert!(p.error.is_none(), "{:?}", p.error);
        let root = p.root.unwrap();
        let (image, member) = root.pointer("/containerDefinitions/0/image").unwrap();
        assert_eq!(&text[image.span.start..image.span.end], "nginx:1.25");
        assert_eq!(
            &text[member.unwrap().key_span.start..member.unwrap().key_span.end],
            "image"
        );
        assert_eq!(
            root.pointer("/containerDefinitions/0/memory")
                .unwrap()
                .0
                .int(),
            Some(512)
        );
        assert_eq!(
            root.pointer("/containerDefinitions/0/essential")
                .unwrap()
                .0
                .bool(),
            Some(true)
        );
    }

    #[test]
    fn yaml_duplicates_and_errors() {
        let p = parse("a: 1\na: 2\n", true);
        assert_eq!(p.duplicates.len(), 1);
        assert!(parse("a: [1, 2\n", true).error.is_some());
        assert!(parse("", true).error.is_some());
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
        }
        assert!(parse(&text, true).error.is_some());
    }

    fn root(text: &str) -> Node {
        let p = parse(text, true);
        assert!(p.error.is_none(), "{:?}", p.error);
        p.root.unwrap()
    }

    fn unknown_tag(node: &Node) -> Option<(&str, &str)> {
        match &node.value {
            Value::Unknown(Unknown {
                kind: UnknownKind::Tag(tag),
                text,
                ..
            }) => Some((tag, text)),
            _ => None,
        }
    }

    #[test]
    fn tags_on_every_node_kind_make_unknown_nodes() {
        let text = "a: !Ref Family\nb: !If [IsProd, \"1024\", \"512\"]\nc: !Sub\n  x: 1\nd: &j !Join\n  - \"\"\n  - [a, b]\ne: *j\nf: !GetAtt # role\n  Role.Arn\n";
        let r = root(text);
        let at = |p: &str| r.pointer(p).unwrap().0;
        let src = |n: &Node| &text[n.span.start..n.span.end];
        assert_eq!(unknown_tag(at("/a")), Some(("!Ref", "!Ref Family")));
        assert_eq!(src(at("/a")), "!Ref Family");
        assert_eq!(
            unknown_tag(at("/b")),
            Some(("!If", "!If [IsProd, \"1024\", \"512\"]"))
        );
        assert_eq!(src(at("/b")), "!If [IsProd, \"1024\", \"512\"]");
        assert_eq!(unknown_tag(at("/c")), Some(("!Sub", "!Sub x: 1")));
        assert_eq!(
            unknown_tag(at("/d")),
            Some(("!Join", "!Join - \"\" - [a, b]"))
        );
        // An alias of a tagged node is the same unknown node.
        assert_eq!(
            unknown_tag(at("/e")),
            Some(("!Join", "!Join - \"\" - [a, b]"))
        );
        assert_eq!(src(at("/f")), "!GetAtt # role\n  Role.Arn");
        for p in ["/a", "/b", "/c", "/d", "/e", "/f"] {
            assert!(at(p).is_unknown(), "{p}");
            assert!(
                at(p).items().is_empty() && at(p).members().is_empty(),
                "{p}"
            );
        }
        assert!(parse(text, true).placeholders.is_empty());
    }

    #[test]
    fn unknown_text_is_cut() {
        let long = format!("a: !Sub \"{}\"\n", "x".repeat(200));
        let r = root(&long);
        let (_, text) = unknown_tag(r.get("a").unwrap()).unwrap();
        assert_eq!(text.chars().count(), Unknown::MAX_TEXT + 3);
        assert!(text.starts_with("!Sub \"xxx") && text.ends_with("..."));
    }

    #[test]
    fn standard_tags_keep_the_plain_value() {
        let r = root(
            "s: !!str 12\nq: ! 12\ni: !!int \"8080\"\nf: !!float 0.5\nb: !!bool true\nn: !!null ''\nm: !!map {x: 1}\nl: !!seq [1]\nbad: !!int abc\nwrong: !!seq {x: 1}\nbin: !!binary aGk=\n",
        );
        assert_eq!(r.get("s").unwrap().str(), Some("12"));
        assert_eq!(r.get("q").unwrap().str(), Some("12"));
        assert_eq!(r.get("i").unwrap().int(), Some(8080));
        assert_eq!(r.get("f").unwrap().number(), Some(0.5));
        assert_eq!(r.get("b").unwrap().bool(), Some(true));
        assert!(r.member("n").is_some() && r.get("n").is_none());
        assert_eq!(r.pointer("/m/x").unwrap().0.int(), Some(1));
        assert_eq!(r.get("l").unwrap().items().len(), 1);
        assert_eq!(unknown_tag(r.get("bad").unwrap()).unwrap().0, "!!int");
        assert_eq!(unknown_tag(r.get("wrong").unwrap()).unwrap().0, "!!seq");
        assert_eq!(unknown_tag(r.get("bin").unwrap()).unwrap().0, "!!binary");
    }

    #[test]
    fn merge_keys_expand_with_yaml_precedence() {
        let text = "base: &base {a: 1, b: 1, c: 1}\nother: &other {b: 2, d: 2}\none: {<<: *base, c: 3}\nlist: {<<: [*other, *base], e: 5}\nbang: {!!merge <<: *other}\n";
        let r = root(text);
        let keys = |p: &str| {
            r.get(p)
                .unwrap()
                .members()
                .iter()
                .map(|m| m.key.as_str())
                .collect::<Vec<_>>()
        };
        let int = |p: &str| r.pointer(p).unwrap().0.int();
        // Own keys win; merged keys take the place of `<<`; each key once.
        assert_eq!(keys("one"), ["a", "b", "c"]);
        assert_eq!((int("/one/a"), int("/one/c")), (Some(1), Some(3)));
        // Earlier mappings of a list win over later ones.
        assert_eq!(int("/list/b"), Some(2));
        assert_eq!((int("/list/a"), int("/list/d")), (Some(1), Some(2)));
        assert_eq!(keys("list").len(), 5);
        assert_eq!(keys("bang"), ["b", "d"]);
        // Merged members keep the spans of what they copy.
        let (a, m) = r.pointer("/one/a").unwrap();
        assert_eq!(a.span, r.pointer("/base/a").unwrap().0.span);
        assert_eq!(
            m.unwrap().key_span,
            r.pointer("/base/a").unwrap().1.unwrap().key_span
        );
        let (b, _) = r.pointer("/list/b").unwrap();
        assert_eq!(&text[b.span.start..b.span.end], "2");
        assert_eq!(b.span, r.pointer("/other/b").unwrap().0.span);
        assert!(parse(text, true).duplicates.is_empty());
    }

    #[test]
    fn merge_keys_that_cannot_merge_stay_members() {
        // A scalar, a list with a non-mapping, a quoted `"<<"` (a plain key), an unknown value.
        let r = root(
            "a: {<<: 1, x: 1}\nb: {<<: [1, {q: 1}], y: 1}\nc: {\"<<\": {z: 1}}\nd: {<<: !Ref X}\n",
        );
        for p in ["a", "b", "c", "d"] {
            assert!(r.get(p).unwrap().member("<<").is_some(), "{p}");
        }
        assert!(r.pointer("/c/z").is_none());
    }

    #[test]
    fn merge_bomb_is_bounded() {
        let mut text = String::from(
            "m0: &m0 {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x, k9: x}\n",
        );
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "m{i}: &m{i} {{<<: *m{p}, a: *m{p}, b: *m{p}, c: *m{p}, d: *m{p}, e: *m{p}, f: *m{p}, g: *m{p}, h: *m{p}, i: *m{p}}}\n"
            ));
        }
        assert!(parse(&text, true).error.is_some());
    }
}
