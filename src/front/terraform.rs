//! Terraform (`.tf`): `aws_ecs_task_definition`, `aws_ecs_service`, `aws_ecr_repository` and
//! `aws_ecr_lifecycle_policy` resources, lowered to the API's shape.
//!
//! A resource's own arguments are the AWS provider's snake_case names, and its nested blocks
//! stand for API structures (`volume { efs_volume_configuration { … } }` is
//! `volumes[].efsVolumeConfiguration`); [`names`] is the one table of them. Scalars are
//! converted as Terraform converts them for the argument's type (`cpu = 256` is the string
//! `"256"`). `container_definitions` and `policy` are JSON that the user writes in the API's
//! own names, read from `jsonencode(…)` (the HCL value itself), a heredoc or a string
//! literal (parsed with `${…}` as placeholders, positions exact in the file), or a
//! `local.x` of the same file. Every other expression (`var.x`, module outputs, data
//! sources, `file(…)`) is an unknown value: no rule claims a fact it cannot know.

use super::{Front, Lowered};
use crate::diagnostic::{Anchor, Finding, Loc};
use crate::document::at::Dialect;
use crate::document::cfn_names::Ty;
use crate::document::{Embedded, Form, Kind};
use crate::tree::{Member, Node, Span, Unknown, UnknownKind, Value, escape_token};

use crate::document::tf_names::{self as names, Arg, Nested};

fn kind_of(rtype: &str) -> Option<(Kind, Form, &'static [Arg])> {
    Some(match rtype {
        "aws_ecs_task_definition" => (Kind::TaskDefinition, Form::Register, names::TASK),
        "aws_ecs_service" => (Kind::Service, Form::ServiceDefinition, names::SERVICE),
        "aws_ecr_repository" => (Kind::Repository, Form::CreateRepository, names::REPOSITORY),
        "aws_ecr_lifecycle_policy" => (Kind::LifecyclePolicy, Form::PutPolicy, names::POLICY),
        "aws_ecs_cluster" => (Kind::Cluster, Form::CreateCluster, names::CLUSTER),
        _ => return None,
    })
}

/// The `resource` blocks of a file: (type, name, body, pointer of the body).
pub fn resources(root: &Node) -> impl Iterator<Item = (&str, &str, &Node, String)> {
    root.members()
        .iter()
        .filter(|m| m.key == "resource")
        .flat_map(|m| m.value.members())
        .flat_map(|t| {
            t.value.members().iter().map(move |r| {
                let pointer = format!(
                    "/resource/{}/{}",
                    escape_token(&t.key),
                    escape_token(&r.key)
                );
                (t.key.as_str(), r.key.as_str(), &r.value, pointer)
            })
        })
}

/// Lower a Terraform file's ECS and ECR resources. `module` identifies the module (the
/// file's directory): resources link to each other by address within it.
pub fn lower(root: &Node, body: &str, module: u64) -> Front {
    let mut front = Front {
        dialect: Dialect::Terraform,
        ..Front::default()
    };
    let identity = |address: &str| format!("tf:{module:016x}/{address}");
    let locals: Vec<&Member> = root
        .members()
        .iter()
        .filter(|m| m.key == "locals")
        .flat_map(|m| m.value.items())
        .flat_map(|b| b.members())
        .collect();
    for (rtype, name, block, pointer) in resources(root) {
        let Some((kind, form, args)) = kind_of(rtype) else {
            continue;
        };
        if !block.is_object() {
            continue;
        }
        let lowerer = Lowerer {
            body,
            locals: &locals,
            findings: Some(std::cell::RefCell::new(&mut front.findings)),
            embedded: std::cell::RefCell::new(&mut front.embedded),
            pointer: &pointer,
        };
        let lowered = lowerer.block(block, args);
        let policy = match kind {
            Kind::LifecyclePolicy => {
                // The document is the policy; the lowered block is the request around it.
                let Some(m) = block.member("policy") else {
                    continue;
                };
                let Some(i) = lowerer.json(&m.value, &format!("{pointer}/policy")) else {
                    continue;
                };
                Some(i)
            }
            _ => None,
        };
        let link = match kind {
            Kind::TaskDefinition => Some(identity(&format!("{rtype}.{name}"))),
            Kind::Service => block
                .get("task_definition")
                .and_then(|n| referenced(n, body, "aws_ecs_task_definition"))
                .map(|r| identity(&format!("aws_ecs_task_definition.{r}"))),
            _ => None,
        };
        front.lowered.push(Lowered {
            kind,
            form,
            root: Box::new(lowered),
            pointer,
            policy,
            link,
        });
    }
    front
}

/// Is this `terraform show -json` output (a plan)?
pub fn is_plan(root: &Node) -> bool {
    root.get("format_version").is_some()
        && root.get("terraform_version").is_some()
        && root.get("resource_changes").is_some_and(Node::is_array)
}

/// Lower a plan's ECS and ECR resource changes: `change.after` is every argument resolved
/// (values known only after apply, listed in `after_unknown`, are unknown values). A change
/// that only deletes is not checked.
pub fn lower_plan(root: &Node, body: &str) -> Front {
    let mut front = Front {
        dialect: Dialect::Terraform,
        ..Front::default()
    };
    let file = crate::document::facts::text_hash(body);
    let identity = |address: &str| format!("tfplan:{file:016x}/{address}");
    // A resource's configuration (root module): the arguments the user wrote.
    let configured = |address: &str| -> Option<&Node> {
        root.get("configuration")?
            .get("root_module")?
            .get("resources")?
            .items()
            .iter()
            .find(|r| r.get("address").and_then(Node::str) == Some(address))?
            .get("expressions")
    };
    // What an argument refers to (`aws_ecs_task_definition.web.arn`).
    let references = |address: &str, argument: &str| -> Vec<String> {
        configured(address)
            .and_then(|e| e.get(argument)?.get("references"))
            .map(|refs| {
                refs.items()
                    .iter()
                    .filter_map(Node::str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let changes = root
        .get("resource_changes")
        .map(Node::items)
        .unwrap_or_default();
    for (i, rc) in changes.iter().enumerate() {
        let (Some(rtype), Some(address), Some(change)) = (
            rc.get("type").and_then(Node::str),
            rc.get("address").and_then(Node::str),
            rc.get("change"),
        ) else {
            continue;
        };
        let Some((kind, form, args)) = kind_of(rtype) else {
            continue;
        };
        let actions: Vec<&str> = change
            .get("actions")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::str)
            .collect();
        if actions == ["delete"] {
            continue;
        }
        let Some(after) = change.get("after").filter(|a| a.is_object()) else {
            continue;
        };
        let mut after = overlay(after, change.get("after_unknown"));
        // `after` also holds what the provider computes or read back from AWS (a service's
        // service-linked `iam_role`, defaults) and zero values for what is unset (`""`).
        // Rules judge what the configuration sets: arguments it does not write are left
        // out when the configuration is in the plan.
        let written = configured(address);
        if let Value::Object(members) = &mut after.value {
            members.retain(|m| {
                let unset = m.value.raw_str() == Some("")
                    || written.is_some_and(|w| {
                        w.get(&m.key).is_none() && m.key != "container_definitions"
                    });
                !unset
            });
            for m in members.iter_mut() {
                drop_empty_strings(&mut m.value);
            }
        }
        let pointer = format!("/resource_changes/{i}/change/after");
        let lowerer = Lowerer {
            body,
            locals: &[],
            findings: None,
            embedded: std::cell::RefCell::new(&mut front.embedded),
            pointer: &pointer,
        };
        let lowered = lowerer.block(&after, args);
        let policy = match kind {
            Kind::LifecyclePolicy => {
                let Some(m) = after.member("policy") else {
                    continue;
                };
                match lowerer.json(&m.value, &format!("{pointer}/policy")) {
                    Some(i) => Some(i),
                    None => continue,
                }
            }
            _ => None,
        };
        let module = address
            .rsplit_once(&format!("{rtype}."))
            .map_or("", |(m, _)| m);
        let link = match kind {
            Kind::TaskDefinition => Some(identity(address)),
            Kind::Service => references(address, "task_definition").iter().find_map(|r| {
                let name = r.strip_prefix("aws_ecs_task_definition.")?;
                let name = name.split('.').next()?;
                Some(identity(&format!("{module}aws_ecs_task_definition.{name}")))
            }),
            _ => None,
        };
        front.lowered.push(Lowered {
            kind,
            form,
            root: Box::new(lowered),
            pointer,
            policy,
            link,
        });
    }
    front
}

/// `after` with the values `after_unknown` marks (`true`) as unknown values: a plan leaves
/// them out of `after`, and a rule must not read them as omitted.
fn overlay(after: &Node, unknown: Option<&Node>) -> Node {
    let later = |span: Span| Node {
        span,
        value: Value::Unknown(Unknown::new(UnknownKind::Expression, "(known after apply)")),
    };
    match (&after.value, unknown.map(|u| &u.value)) {
        (_, Some(Value::Bool(true))) => later(after.span),
        (Value::Object(members), Some(Value::Object(marks))) => {
            let mut out: Vec<Member> = members
                .iter()
                .map(|m| Member {
                    key: m.key.clone(),
                    key_span: m.key_span,
                    value: overlay(
                        &m.value,
                        marks.iter().find(|u| u.key == m.key).map(|u| &u.value),
                    ),
                })
                .collect();
            for u in marks {
                if u.value.bool() == Some(true) && !members.iter().any(|m| m.key == u.key) {
                    out.push(Member {
                        key: u.key.clone(),
                        key_span: u.key_span,
                        value: later(u.value.span),
                    });
                }
            }
            Node {
                span: after.span,
                value: Value::Object(out),
            }
        }
        (Value::Array(items), Some(Value::Array(marks))) => Node {
            span: after.span,
            value: Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| overlay(n, marks.get(i)))
                    .collect(),
            ),
        },
        _ => after.clone(),
    }
}

/// The name of the `rtype` resource an expression refers to (`aws_ecs_task_definition.web.arn`,
/// `"${aws_ecs_task_definition.web.family}:${…}"`).
fn referenced<'b>(node: &Node, body: &'b str, rtype: &str) -> Option<&'b str> {
    if !matches!(&node.value, Value::Unknown(u) if u.kind == UnknownKind::Expression) {
        return None;
    }
    let source = body.get(node.span.start..node.span.end)?;
    let prefix = format!("{rtype}.");
    let at = source.find(&prefix)? + prefix.len();
    let rest = &source[at..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

struct Lowerer<'a> {
    body: &'a str,
    locals: &'a [&'a Member],
    /// Where arguments the provider does not have are reported (`None` for a plan, whose
    /// values the provider itself wrote).
    findings: Option<std::cell::RefCell<&'a mut Vec<Finding>>>,
    embedded: std::cell::RefCell<&'a mut Vec<Embedded>>,
    /// The resource body's pointer.
    pointer: &'a str,
}

impl Lowerer<'_> {
    /// A block body in the API's shape.
    fn block(&self, body: &Node, args: &'static [Arg]) -> Node {
        let mut out: Vec<Member> = Vec::new();
        for m in body.members() {
            if m.key == "dynamic" {
                self.dynamic(m, args, &mut out);
                continue;
            }
            let Some(arg) = args.iter().find(|a| a.tf == m.key) else {
                if !names::META.contains(&m.key.as_str()) {
                    self.report_unknown(m, args);
                }
                continue;
            };
            if arg.api.is_empty() {
                continue; // Terraform's own (`force_delete`, `skip_destroy`)
            }
            if matches!(m.value.value, Value::Null) {
                continue; // `x = null` is how Terraform leaves an argument unset
            }
            let value = match arg.nested {
                Nested::Scalar(ty) => self.scalar(&m.value, ty, arg),
                Nested::Block(inner) => match m.value.items().first() {
                    Some(b) => self.block(b, inner),
                    None => continue,
                },
                Nested::Blocks(inner) => Node {
                    span: m.value.span,
                    value: Value::Array(
                        m.value
                            .items()
                            .iter()
                            .map(|b| self.block(b, inner))
                            .collect(),
                    ),
                },
                Nested::Tags(key, value) => tags(&m.value, key, value),
                Nested::NameValues => name_values(&m.value),
                Nested::Json => {
                    let pointer = crate::tree::join(self.pointer, &m.key);
                    match self.json(&m.value, &pointer) {
                        Some(i) => {
                            let e = &self.embedded.borrow()[i];
                            // JSON that does not parse is reported as such (ECS001); the
                            // containers are then unknown, not a string.
                            let mut json = e.root.clone().unwrap_or_else(|| Node {
                                span: m.value.span,
                                value: Value::Unknown(Unknown::new(
                                    UnknownKind::Expression,
                                    "(JSON that does not parse)",
                                )),
                            });
                            drop_nulls(&mut json);
                            json
                        }
                        None => unknown_like(&m.value),
                    }
                }
            };
            insert(&mut out, arg.api, m, value);
        }
        Node {
            span: body.span,
            value: Value::Object(out),
        }
    }

    /// `dynamic "volume" { for_each = …; content { … } }` is checked once, as one `volume`
    /// block whose values (`volume.value.name`) are unknown. Findings point into `content`.
    fn dynamic(&self, m: &Member, args: &'static [Arg], out: &mut Vec<Member>) {
        for label in m.value.members() {
            let Some(content) = label.value.get("content").and_then(|c| c.items().first()) else {
                continue;
            };
            let Some(arg) = args.iter().find(|a| a.tf == label.key) else {
                if !names::META.contains(&label.key.as_str()) {
                    self.report_unknown(label, args);
                }
                continue;
            };
            let value = match arg.nested {
                Nested::Block(inner) => self.block(content, inner),
                Nested::Blocks(inner) => Node {
                    span: content.span,
                    value: Value::Array(vec![self.block(content, inner)]),
                },
                _ => continue,
            };
            insert(out, arg.api, label, value);
        }
    }

    fn scalar(&self, node: &Node, ty: Ty, arg: &Arg) -> Node {
        // `assign_public_ip = true` is the API's "ENABLED".
        if arg.tf == "assign_public_ip"
            && let Some(b) = node.bool()
        {
            return Node {
                span: node.span,
                value: Value::String {
                    value: if b { "ENABLED" } else { "DISABLED" }.into(),
                    templated: false,
                },
            };
        }
        match (&node.value, ty) {
            (Value::Array(items), Ty::Array) => Node {
                span: node.span,
                value: Value::Array(
                    items
                        .iter()
                        .map(|n| super::cloudformation::coerce(n, Ty::String))
                        .collect(),
                ),
            },
            (Value::Unknown(_), _) => unknown_like(node),
            _ => super::cloudformation::coerce(node, ty),
        }
    }

    /// The JSON an argument holds, parsed once into [`Front::embedded`]: `jsonencode(x)` is
    /// `x` itself; a heredoc or string literal is parsed from its text in the file; a
    /// `local.x` of this file is read where the local is defined. `None` for anything else.
    fn json(&self, node: &Node, pointer: &str) -> Option<usize> {
        self.json_at(node, pointer, 0)
    }

    fn json_at(&self, node: &Node, pointer: &str, depth: usize) -> Option<usize> {
        let root = match &node.value {
            Value::Unknown(Unknown {
                kind: UnknownKind::Call(f),
                inner: Some(inner),
                ..
            }) if f == "jsonencode" => Embedded {
                pointer: pointer.into(),
                root: Some((**inner).clone()),
                error: None,
                chars: 0,
            },
            Value::String { .. } => {
                let raw = self.body.get(node.span.start..node.span.end)?;
                if raw.starts_with('"') {
                    crate::document::embedded_at(node, pointer, self.body, true)?
                } else {
                    raw_json(raw, node.span.start, pointer)
                }
            }
            // A heredoc with interpolations: its text, with `${…}` as placeholders.
            Value::Unknown(Unknown {
                kind: UnknownKind::Expression,
                inner: Some(raw),
                ..
            }) => {
                let text = self.body.get(raw.span.start..raw.span.end)?;
                raw_json(text, raw.span.start, pointer)
            }
            Value::Unknown(u) if u.kind == UnknownKind::Expression && depth == 0 => {
                let source = self.body.get(node.span.start..node.span.end)?;
                let name = source.strip_prefix("local.")?;
                if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return None;
                }
                let local = self.locals.iter().rev().find(|m| m.key == name)?;
                return self.json_at(&local.value, pointer, depth + 1);
            }
            _ => return None,
        };
        let mut embedded = self.embedded.borrow_mut();
        embedded.push(root);
        Some(embedded.len() - 1)
    }

    fn report_unknown(&self, m: &Member, args: &[Arg]) {
        let close = crate::document::closest(&m.key, args.iter().map(|a| a.tf));
        let help = match close {
            Some(c) => format!("did you mean `{c}`?"),
            None => "remove it: Terraform rejects arguments the resource type does not have \
                     (`terraform validate` says \"An argument named … is not expected here\")"
                .into(),
        };
        let Some(findings) = &self.findings else {
            return;
        };
        findings.borrow_mut().push(Finding::new(
            &crate::codes::SCHEMA_VIOLATION,
            format!("unknown argument `{}`", m.key),
            Some(help),
            Loc::node(&m.value, Anchor::Key),
        ));
    }
}

/// JSON parsed from `raw`, the text of a heredoc (or a file) starting at `base` in the file.
fn raw_json(raw: &str, base: usize, pointer: &str) -> Embedded {
    let mut parsed = crate::parse::json::parse(raw, true);
    let map = |s: Span| Span::new(s.start + base, s.end + base);
    if let Some(r) = parsed.root.as_mut() {
        crate::document::remap(r, &map);
    }
    Embedded {
        pointer: pointer.into(),
        root: parsed.root,
        error: parsed.error.map(|mut e| {
            e.span = map(e.span);
            e
        }),
        chars: raw.chars().count(),
    }
}

/// The provider reads `container_definitions` into the SDK's structures, where a JSON
/// `null` (`jsonencode({ user = null })`, the usual way to leave a field out) is the field
/// left out: it never reaches AWS.
fn drop_nulls(node: &mut Node) {
    match &mut node.value {
        Value::Object(members) => {
            members.retain(|m| !matches!(m.value.value, Value::Null));
            members.iter_mut().for_each(|m| drop_nulls(&mut m.value));
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// A plan's zero values for unset strings inside blocks (`kms_key = ""`), left out.
fn drop_empty_strings(node: &mut Node) {
    match &mut node.value {
        Value::Object(members) => {
            members.retain(|m| m.value.raw_str() != Some(""));
            members
                .iter_mut()
                .for_each(|m| drop_empty_strings(&mut m.value));
        }
        Value::Array(items) => items.iter_mut().for_each(drop_empty_strings),
        _ => {}
    }
}

/// An unknown value at `node`'s place (the expression as written).
fn unknown_like(node: &Node) -> Node {
    match &node.value {
        Value::Unknown(u) => Node {
            span: node.span,
            value: Value::Unknown(Unknown {
                kind: u.kind.clone(),
                text: u.text.clone(),
                inner: None,
            }),
        },
        _ => node.clone(),
    }
}

/// Put `value` at the API path `api` (`deploymentConfiguration.maximumPercent`) of `out`.
fn insert(out: &mut Vec<Member>, api: &str, m: &Member, value: Node) {
    match api.split_once('.') {
        None => match out.iter_mut().find(|o| o.key == api) {
            // Blocks written both as blocks and as a `dynamic` block: one list.
            Some(o) if o.value.is_array() && value.is_array() => {
                if let (Value::Array(items), Value::Array(more)) = (&mut o.value.value, value.value)
                {
                    items.extend(more);
                }
            }
            _ => out.push(Member {
                key: api.to_string(),
                key_span: m.key_span,
                value,
            }),
        },
        Some((head, rest)) => {
            let i = match out.iter().position(|o| o.key == head) {
                Some(i) => i,
                None => {
                    out.push(Member {
                        key: head.to_string(),
                        key_span: m.key_span,
                        value: Node {
                            span: m.value.span,
                            value: Value::Object(Vec::new()),
                        },
                    });
                    out.len() - 1
                }
            };
            if let Value::Object(inner) = &mut out[i].value.value {
                insert(inner, rest, m, value);
            }
        }
    }
}

/// Terraform's `tags = { k = "v" }` as the API's list (`[{"key": k, "value": v}]`).
fn tags(node: &Node, key: &str, value: &str) -> Node {
    let Value::Object(members) = &node.value else {
        return unknown_like(node);
    };
    let items = members
        .iter()
        .map(|m| Node {
            span: m.span(),
            value: Value::Object(vec![
                Member {
                    key: key.into(),
                    key_span: m.key_span,
                    value: Node {
                        span: m.key_span,
                        value: Value::String {
                            value: m.key.clone(),
                            templated: false,
                        },
                    },
                },
                Member {
                    key: value.into(),
                    key_span: m.key_span,
                    value: super::cloudformation::coerce(&m.value, Ty::String),
                },
            ]),
        })
        .collect();
    Node {
        span: node.span,
        value: Value::Array(items),
    }
}

/// A map as the API's `[{"name": k, "value": v}]` (proxy configuration properties).
fn name_values(node: &Node) -> Node {
    let mut n = tags(node, "name", "value");
    if n.is_unknown() {
        n = unknown_like(node);
    }
    n
}

/// A module's identity for links: its directory.
pub fn module_of(path: &std::path::Path) -> u64 {
    let dir = path.parent().unwrap_or(path);
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    crate::document::facts::text_hash(&dir.to_string_lossy())
}

/// Rewrite the API field names a message quotes into the provider's argument names, for
/// the fields that are resource arguments (`networkMode` → `network_mode`). Fields inside
/// `container_definitions` and `policy` are written in the API's names and stay.
pub fn rename_in_message(message: &str) -> std::borrow::Cow<'_, str> {
    if !message.contains('`') {
        return message.into();
    }
    let mut out = String::with_capacity(message.len() + 8);
    let mut changed = false;
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 0 {
            out.push_str(part);
            continue;
        }
        let end = part
            .find([':', ' ', '=', '(', '"', '.', '['])
            .unwrap_or(part.len());
        let (word, rest) = part.split_at(end);
        let rest = match names::tf_name(word) {
            Some(tf) => {
                changed = true;
                out.push_str(tf);
                rest
            }
            None => part,
        };
        // `"networkMode": "awsvpc"` reads `network_mode = "awsvpc"` in HCL.
        let mut rest = rest;
        while let Some(q) = rest.find('"') {
            let after = &rest[q + 1..];
            let Some(close) = after.find('"') else {
                break;
            };
            let (word, tail) = (&after[..close], &after[close + 1..]);
            match names::tf_name(word).filter(|_| tail.starts_with(": ")) {
                Some(tf) => {
                    changed = true;
                    out.push_str(&rest[..q]);
                    out.push_str(tf);
                    out.push_str(" = ");
                    rest = &tail[2..];
                }
                None => {
                    out.push_str(&rest[..q + close + 2]);
                    rest = tail;
                }
            }
        }
        out.push_str(rest);
    }
    if changed { out.into() } else { message.into() }
}

/// `# ecslint:ignore ECS104 reason` (or `//`) at the end of a line, or on a line of its own
/// above: the attribute or block that starts on that line, with everything in it.
pub use super::cloudformation::Inline;

pub fn inline_ignores(root: &Node, body: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let Some(at) = line.find("ecslint:ignore") else {
            continue;
        };
        let before = line[..at].trim_end();
        if !(before.ends_with('#') || before.ends_with("//")) {
            continue;
        }
        let comment = line[at + "ecslint:ignore".len()..].trim();
        let (rule, reason) = match comment.split_once(char::is_whitespace) {
            Some((r, why)) => (Some(r), Some(why.trim())),
            None => ((!comment.is_empty()).then_some(comment), None),
        };
        let span = Span::new(start + at, start + line.trim_end().len());
        // The statement the comment is on (trailing), else the next one.
        let comment_start = start + before.rfind(['#', '/']).unwrap_or(0);
        let code_before = body[start..comment_start].trim();
        let target = if code_before.is_empty() {
            first_starting_after(root, line_start)
        } else {
            first_starting_after(root, start)
        };
        let Some(pointer) = target else {
            out.push(Inline {
                rule: rule.map(str::to_string),
                reason: reason.filter(|r| !r.is_empty()).map(str::to_string),
                pointer: "/-".into(),
                span,
            });
            continue;
        };
        out.push(Inline {
            rule: rule.map(str::to_string),
            reason: reason.filter(|r| !r.is_empty()).map(str::to_string),
            pointer,
            span,
        });
    }
    out
}

/// The pointer of the outermost member (attribute, block or object key) whose key starts at
/// or after `offset`, on the same line as its key.
fn first_starting_after(root: &Node, offset: usize) -> Option<String> {
    fn walk(node: &Node, offset: usize, pointer: &mut String) -> bool {
        match &node.value {
            Value::Object(members) => {
                for m in members {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&escape_token(&m.key));
                    if m.key_span.start >= offset {
                        // A labelled block is named with its labels (`/resource/aws_ecs_service/web`).
                        let mut v = &m.value;
                        while let Value::Object(inner) = &v.value
                            && let [label] = inner.as_slice()
                            && label.key_span.start == v.span.start
                        {
                            pointer.push('/');
                            pointer.push_str(&escape_token(&label.key));
                            v = &label.value;
                        }
                        return true;
                    }
                    if m.value.span.end > offset && walk(&m.value, offset, pointer) {
                        return true;
                    }
                    pointer.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, n) in items.iter().enumerate() {
                    if n.span.end <= offset {
                        continue;
                    }
                    let len = pointer.len();
                    pointer.push_str(&format!("/{i}"));
                    // An item that starts after the comment (`{` of a container).
                    if n.span.start >= offset || walk(n, offset, pointer) {
                        return true;
                    }
                    pointer.truncate(len);
                }
            }
            Value::Unknown(Unknown {
                inner: Some(inner), ..
            }) => return walk(inner, offset, pointer),
            _ => {}
        }
        false
    }
    let mut pointer = String::new();
    walk(root, offset, &mut pointer).then_some(pointer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_use_argument_names() {
        assert_eq!(
            rename_in_message("set `\"networkMode\": \"awsvpc\"` and `networkConfiguration`"),
            "set `network_mode = \"awsvpc\"` and `network_configuration`"
        );
        assert_eq!(
            rename_in_message(
                "set `\"transitEncryption\": \"ENABLED\"` in `efsVolumeConfiguration`"
            ),
            "set `transit_encryption = \"ENABLED\"` in `efs_volume_configuration`"
        );
        // Container fields are written in the API's names inside `container_definitions`.
        assert_eq!(
            rename_in_message("set `\"user\": \"1000:1000\"`"),
            "set `\"user\": \"1000:1000\"`"
        );
    }
}

#[cfg(test)]
mod lowering_tests {
    use super::*;

    fn lowered(text: &str) -> Front {
        let p = crate::parse::hcl::parse(text);
        assert!(p.error.is_none(), "{:?}", p.error);
        lower(&p.root.unwrap(), text, 0)
    }

    #[test]
    fn dynamic_blocks_are_checked_once_with_unknown_values() {
        let text = "resource \"aws_ecs_service\" \"s\" {\n  name = \"s\"\n  load_balancer {\n    target_group_arn = \"arn:tg\"\n    container_name = \"a\"\n    container_port = 80\n  }\n  dynamic \"load_balancer\" {\n    for_each = var.lbs\n    content {\n      target_group_arn = load_balancer.value.arn\n      container_name   = load_balancer.value.name\n      container_port   = 8080\n    }\n  }\n}\n";
        let front = lowered(text);
        let service = &front.lowered[0].root;
        let lbs = service.get("loadBalancers").unwrap().items();
        assert_eq!(lbs.len(), 2);
        assert_eq!(lbs[0].get("containerName").and_then(Node::str), Some("a"));
        assert!(lbs[1].get("containerName").unwrap().is_unknown());
        assert_eq!(lbs[1].get("containerPort").and_then(Node::int), Some(8080));
        // `dynamic` is not an unknown argument.
        assert!(front.findings.is_empty());
    }

    #[test]
    fn arguments_convert_as_terraform_converts_them() {
        let text = "resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"t\"\n  cpu = 256\n  ipc_mode = null\n  volume {\n    name = \"v\"\n    host_path = \"/data\"\n  }\n  container_definitions = jsonencode([{ name = \"a\", user = null }])\n}\n";
        let front = lowered(text);
        let t = &front.lowered[0].root;
        assert_eq!(t.get("cpu").and_then(Node::str), Some("256"));
        assert!(t.get("ipcMode").is_none());
        let v = &t.get("volumes").unwrap().items()[0];
        assert_eq!(
            v.get("host")
                .and_then(|h| h.get("sourcePath"))
                .and_then(Node::str),
            Some("/data")
        );
        let c = &t.get("containerDefinitions").unwrap().items()[0];
        assert!(
            c.get("user").is_none(),
            "a null in jsonencode is a field left out"
        );
    }
}
