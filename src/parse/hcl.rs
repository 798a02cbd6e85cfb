//! Terraform's HCL → spanned tree, in the shape of Terraform's own JSON syntax.
//!
//! hcl-edit parses the file with byte spans on every key, block label and expression. The
//! tree is what `.tf.json` would hold, so pointers read like Terraform's JSON form:
//! - an attribute `k = v` is the member `k`;
//! - a labelled block `resource "aws_ecs_service" "web" { … }` is the member `resource`
//!   holding `{"aws_ecs_service": {"web": {…}}}`; every block is a member of its own, so a
//!   file's many `resource` blocks are many `resource` members, each with exact spans;
//! - blocks without labels (`volume { … }` twice) are one member holding an array of their
//!   bodies, in order: `/volume/1/name`.
//!
//! Literals (strings without interpolation, numbers, booleans, `null`, arrays, objects) are
//! values. Everything Terraform evaluates at plan time — references (`var.x`,
//! `aws_iam_role.r.arn`), interpolated strings, conditionals, `for` expressions, operators —
//! is [`UnknownKind::Expression`]. A function call is [`UnknownKind::Call`] with its first
//! argument as the inner node, so the Terraform front end can read `jsonencode(…)` and
//! `file("…")`. A heredoc is its text; one with interpolations is unknown, and its inner node
//! is the raw text (templated) so JSON inside it can still be read with placeholders.

use super::{ParseError, Parsed};
use crate::tree::{Member, Node, Span, Unknown, UnknownKind, Value};
use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::template::Element;

pub fn parse(text: &str) -> Parsed {
    let mut out = Parsed {
        root: None,
        error: None,
        placeholders: Vec::new(),
        duplicates: Vec::new(),
    };
    // hcl-edit recurses per nesting level and limits it; a stack for deep files either way.
    match hcl_edit::parser::parse_body(text) {
        Ok(body) => {
            let b = Builder { text };
            out.root = Some(b.body(&body, Span::new(0, text.len())));
        }
        Err(e) => {
            let loc = e.location();
            let at = line_offset(text, loc.line(), loc.column()).min(text.len());
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            out.error = Some(ParseError {
                span: Span::new(at, end),
                message: format!("invalid HCL: {}", e.message()),
                help: Some(
                    "fix the syntax at this position (`terraform validate` shows the same \
                     error); until the file parses, no other check runs on it"
                        .into(),
                ),
            });
        }
    }
    out
}

/// The byte offset of a one-based line and (character) column.
fn line_offset(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let rest = &text[start..];
    rest.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| start + i)
}

struct Builder<'t> {
    text: &'t str,
}

fn span_of(s: Option<std::ops::Range<usize>>, fallback: Span) -> Span {
    s.map_or(fallback, |r| Span::new(r.start, r.end))
}

impl Builder<'_> {
    fn body(&self, body: &Body, span: Span) -> Node {
        let mut members: Vec<Member> = Vec::with_capacity(body.len());
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let key_span = span_of(a.key.span(), span);
                    members.push(Member {
                        key: a.key.as_str().to_string(),
                        key_span,
                        value: self.expr(&a.value, key_span),
                    });
                }
                Structure::Block(b) => {
                    let block_span = span_of(b.span(), span);
                    let key_span = span_of(b.ident.span(), block_span);
                    // The body: after the identifier and labels, to the closing brace.
                    let after = b
                        .labels
                        .last()
                        .map_or(key_span, |l| span_of(l.span(), key_span));
                    let inner = Span::new(after.end.min(block_span.end), block_span.end);
                    let mut value = self.body(&b.body, inner);
                    if b.labels.is_empty() {
                        // Bodies of repeated unlabelled blocks gather in one array.
                        let key = b.ident.as_str();
                        if let Some(m) = members.iter_mut().find(|m| m.key == key)
                            && let Value::Array(items) = &mut m.value.value
                        {
                            m.value.span.end = block_span.end;
                            items.push(value);
                            continue;
                        }
                        members.push(Member {
                            key: key.to_string(),
                            key_span,
                            value: Node {
                                span: inner,
                                value: Value::Array(vec![value]),
                            },
                        });
                        continue;
                    }
                    // Labels nest, innermost first: {"aws_ecs_service": {"web": body}}.
                    for label in b.labels.iter().rev() {
                        let label_span = span_of(label.span(), inner);
                        let holder = Span::new(label_span.start, block_span.end);
                        value = Node {
                            span: holder,
                            value: Value::Object(vec![Member {
                                key: label.as_str().to_string(),
                                key_span: label_span,
                                value,
                            }]),
                        };
                    }
                    members.push(Member {
                        key: b.ident.as_str().to_string(),
                        key_span,
                        value,
                    });
                }
            }
        }
        Node {
            span,
            value: Value::Object(members),
        }
    }

    fn source(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    fn unknown(&self, kind: UnknownKind, span: Span, inner: Option<Node>) -> Node {
        let mut u = Unknown::new(kind, self.source(span));
        u.inner = inner.map(Box::new);
        Node {
            span,
            value: Value::Unknown(u),
        }
    }

    fn expr(&self, e: &Expression, fallback: Span) -> Node {
        let span = span_of(e.span(), fallback);
        let value = match e {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::Bool(*b.value()),
            Expression::Number(n) => match n.value().as_f64() {
                Some(f) => Value::Number(f),
                None => return self.unknown(UnknownKind::Expression, span, None),
            },
            Expression::String(s) => Value::String {
                value: s.value().to_string(),
                templated: false,
            },
            Expression::Array(a) => {
                Value::Array(a.iter().map(|item| self.expr(item, span)).collect())
            }
            Expression::Object(o) => {
                let mut members = Vec::with_capacity(o.len());
                for (k, v) in o.iter() {
                    let (key, key_span) = match k {
                        ObjectKey::Ident(id) => (id.as_str().to_string(), span_of(id.span(), span)),
                        ObjectKey::Expression(Expression::String(s)) => {
                            (s.value().to_string(), span_of(s.span(), span))
                        }
                        // A computed key (`(var.k) = …`): not a field ecslint can name.
                        ObjectKey::Expression(_) => continue,
                    };
                    members.push(Member {
                        key,
                        key_span,
                        value: self.expr(v.expr(), key_span),
                    });
                }
                Value::Object(members)
            }
            Expression::HeredocTemplate(h) => {
                let body = span_of(h.template.span(), span);
                let literal: Option<String> = h
                    .template
                    .iter()
                    .map(|el| match el {
                        Element::Literal(l) => Some(l.value().as_str()),
                        _ => None,
                    })
                    .collect();
                let raw = Node {
                    span: body,
                    value: Value::String {
                        value: self.source(body).to_string(),
                        templated: literal.is_none(),
                    },
                };
                return match literal {
                    // The text as Terraform reads it, at the span of the text as written.
                    Some(value) => Node {
                        span: body,
                        value: Value::String {
                            value,
                            templated: false,
                        },
                    },
                    None => self.unknown(UnknownKind::Expression, span, Some(raw)),
                };
            }
            Expression::Parenthesis(p) => return self.expr(p.inner(), span),
            Expression::FuncCall(f) => {
                let inner = f.args.iter().next().map(|a| self.expr(a, span));
                let name = f.name.name.as_str().to_string();
                return self.unknown(UnknownKind::Call(name), span, inner);
            }
            _ => return self.unknown(UnknownKind::Expression, span, None),
        };
        Node { span, value }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Node {
        let p = parse(text);
        assert!(p.error.is_none(), "{:?}", p.error);
        p.root.unwrap()
    }

    #[test]
    fn blocks_attributes_and_expressions_with_spans() {
        let text = "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n  cpu    = 256\n  volume {\n    name = \"a\"\n  }\n  volume {\n    name = \"b\"\n  }\n  task_role_arn = aws_iam_role.task.arn\n  container_definitions = jsonencode([{ name = \"web\", privileged = true }])\n}\n";
        let r = root(text);
        let (node, _) = r
            .pointer("/resource/aws_ecs_task_definition/app/family")
            .unwrap();
        assert_eq!(node.str(), Some("app"));
        assert_eq!(&text[node.span.start..node.span.end], "\"app\"");
        let (b, _) = r
            .pointer("/resource/aws_ecs_task_definition/app/volume/1/name")
            .unwrap();
        assert_eq!(b.str(), Some("b"));
        let (role, _) = r
            .pointer("/resource/aws_ecs_task_definition/app/task_role_arn")
            .unwrap();
        assert!(
            matches!(&role.value, Value::Unknown(u) if u.kind == UnknownKind::Expression && u.text == "aws_iam_role.task.arn")
        );
        let (cd, _) = r
            .pointer("/resource/aws_ecs_task_definition/app/container_definitions")
            .unwrap();
        let Value::Unknown(u) = &cd.value else {
            panic!("{cd:?}")
        };
        assert_eq!(u.kind, UnknownKind::Call("jsonencode".into()));
        let inner = u.inner.as_deref().unwrap();
        let privileged = inner.items()[0].member("privileged").unwrap();
        assert_eq!(
            &text[privileged.key_span.start..privileged.value.span.end],
            "privileged = true"
        );
    }

    #[test]
    fn heredoc_is_its_raw_text() {
        let text = "locals {\n  a = <<EOF\n[{\"name\": \"x\"}]\nEOF\n  b = <<-EOT\n    [{\"image\": \"${var.image}\"}]\n  EOT\n}\n";
        let r = root(text);
        let (a, _) = r.pointer("/locals/0/a").unwrap();
        assert_eq!(a.str(), Some("[{\"name\": \"x\"}]\n"));
        assert_eq!(&text[a.span.start..a.span.end], "[{\"name\": \"x\"}]\n");
        let (b, _) = r.pointer("/locals/0/b").unwrap();
        let Value::Unknown(u) = &b.value else {
            panic!("{b:?}")
        };
        let raw = u.inner.as_deref().unwrap();
        assert!(raw.raw_str().unwrap().contains("${var.image}"));
    }

    #[test]
    fn syntax_error_has_a_position() {
        let p = parse("resource \"a\" \"b\" {\n  x = \n}\n");
        let e = p.error.unwrap();
        assert!(e.message.starts_with("invalid HCL"), "{}", e.message);
        assert!(e.span.start > 0);
    }
}
