//! YAML (what `--cli-input-yaml` takes) into the same spanned tree as JSON, built from
//! granit-parser events (byte offsets, duplicate keys kept, aliases expanded under a budget).

use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle};

use super::template::contains_placeholder;
use super::{Duplicate, ParseError, Parsed};
use crate::tree::{Member, Node, Span, Value};

/// Alias expansion may not produce more nodes than this (billion-laughs guard).
const NODE_BUDGET: usize = 200_000;
const MAX_DEPTH: usize = 256;

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        members: Vec<Member>,
        key: Option<(String, Span)>,
    },
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
                let v = if tag.is_some() {
                    out.placeholders.push(Span::new(s, e));
                    Value::Placeholder(text[s..e].to_string())
                } else if style == ScalarStyle::Plain {
                    plain(&value, templates)
                } else {
                    let templated = templates && contains_placeholder(&value);
                    Value::String {
                        value: value.into_owned(),
                        templated,
                    }
                };
                (
                    Node {
                        span: Span::new(s, e),
                        value: v,
                    },
                    anchor,
                )
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
            Event::SequenceStart(_, anchor, _) => {
                stack.push(Frame::Seq {
                    start: s,
                    anchor,
                    items: Vec::new(),
                });
                continue;
            }
            Event::MappingStart(_, anchor, _) => {
                stack.push(Frame::Map {
                    start: s,
                    anchor,
                    members: Vec::new(),
                    key: None,
                });
                continue;
            }
            Event::SequenceEnd => {
                let Some(Frame::Seq {
                    start,
                    anchor,
                    items,
                }) = stack.pop()
                else {
                    continue;
                };
                // Block collections end at the next token: end at the last child instead
                // (unless that child is an alias, whose span is its anchor's, earlier on).
                let end = items
                    .last()
                    .map(|n| n.span.end)
                    .filter(|&end| end > start)
                    .unwrap_or(e.max(start));
                (
                    Node {
                        span: Span::new(start, end),
                        value: Value::Array(items),
                    },
                    anchor,
                )
            }
            Event::MappingEnd => {
                let Some(Frame::Map {
                    start,
                    anchor,
                    members,
                    ..
                }) = stack.pop()
                else {
                    continue;
                };
                let end = members
                    .last()
                    .map(|m| m.value.span.end)
                    .filter(|&end| end > start)
                    .unwrap_or(e.max(start));
                (
                    Node {
                        span: Span::new(start, end),
                        value: Value::Object(members),
                    },
                    anchor,
                )
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
            Some(Frame::Map { members, key, .. }) => match key.take() {
                None => {
                    let k = match &node.value {
                        Value::String { value, .. } => value.clone(),
                        Value::Placeholder(p) => p.clone(),
                        Value::Null => String::new(),
                        _ => text
                            .get(node.span.start..node.span.end)
                            .unwrap_or_default()
                            .to_string(),
                    };
                    *key = Some((k, node.span));
                }
                Some((k, key_span)) => {
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
}
