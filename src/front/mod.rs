//! Front ends: which ECS documents a parsed file holds, whatever dialect it is written in.
//!
//! Every front end hands the later stages the same thing: documents whose tree has the AWS
//! API's field names and types, with the spans of the file as written. The API dialect (CLI
//! input, describe output) is read where it is; CloudFormation resources are *lowered*
//! ([`cloudformation`]): properties renamed to the API's names, scalars coerced as
//! CloudFormation coerces them, intrinsics turned into unknown values, `Fn::If` resolved per
//! scenario. Schema, rules and links then run unchanged on every dialect, and the resolver
//! names each finding's place in the file's own terms (see [`written_pointer`]).

pub mod cloudformation;
pub mod terraform;

use crate::document::at::Dialect;
use crate::document::{self, Document, Embedded, Form, Kind};
use crate::tree::{Member, Node, Span, Unknown, UnknownKind, Value, escape_token};

/// What a file's documents are read from, besides its parsed tree.
#[derive(Default)]
pub struct Front {
    pub dialect: Dialect,
    /// JSON documents parsed out of strings (`lifecyclePolicyText`), spans in the file.
    pub embedded: Vec<Embedded>,
    /// Documents lowered to the API's shape (CloudFormation resources).
    pub lowered: Vec<Lowered>,
    /// What the front end found wrong in the file's own terms (a property CloudFormation
    /// does not know), located on the file's nodes.
    pub findings: Vec<crate::diagnostic::Finding>,
}

/// One document a front end built in the API's shape.
pub struct Lowered {
    pub kind: Kind,
    pub form: Form,
    /// The document (for a lifecycle policy, the request around it: `lifecyclePolicyText`,
    /// `repositoryName`).
    pub root: Box<Node>,
    /// Where the document is in the file (`/Resources/Web/Properties`).
    pub pointer: String,
    /// For a lifecycle policy: the index of its parsed text in [`Front::embedded`].
    pub policy: Option<usize>,
    /// See [`Document::link`].
    pub link: Option<String>,
}

/// Read a parsed file's documents.
pub fn read(
    root: &Node,
    body: &str,
    templates: bool,
    syntax: crate::parse::Syntax,
    path: &std::path::Path,
) -> Front {
    if syntax == crate::parse::Syntax::Hcl {
        return terraform::lower(root, body, terraform::module_of(path));
    }
    if terraform::is_plan(root) {
        return terraform::lower_plan(root, body);
    }
    if cloudformation::is_template(root) {
        return cloudformation::lower(root, body, templates);
    }
    Front {
        dialect: Dialect::Api,
        embedded: document::embedded(root, body, templates),
        ..Front::default()
    }
}

/// The documents of a file, borrowing from its tree and its [`Front`].
pub fn documents<'a>(root: &'a Node, front: &'a Front) -> Vec<Document<'a>> {
    if front.dialect == Dialect::Api {
        return document::recognise(root, &front.embedded);
    }
    let mut out = Vec::with_capacity(front.lowered.len());
    for l in &front.lowered {
        let (node, pointer, outer) = match l.policy {
            Some(i) => {
                let e = &front.embedded[i];
                let Some(policy) = e.root.as_ref() else {
                    continue; // its text does not parse: reported as such
                };
                (
                    policy,
                    e.pointer.clone(),
                    Some((&*l.root, l.pointer.clone())),
                )
            }
            None => (&*l.root, l.pointer.clone(), None),
        };
        out.push(Document {
            kind: l.kind,
            form: l.form,
            node,
            pointer,
            outer,
            dialect: front.dialect,
            link: l.link.clone(),
        });
    }
    out
}

/// The pointer, in the file as written, of the node with `span` (the place a lowered node
/// came from): descends through the members and items whose spans hold it, and through
/// YAML short-form intrinsics (`!If` is named `Fn::If`, as in the long form). With the node
/// (or the deepest node holding the span) and its member.
pub fn written_pointer<'a>(
    root: &'a Node,
    embedded: &'a [Embedded],
    span: Span,
) -> (String, &'a Node, Option<&'a Member>) {
    let mut pointer = String::new();
    let mut node = root;
    let mut member = None;
    let holds = |n: &Node| n.span.start <= span.start && span.end <= n.span.end;
    let holds_item = |n: &Node| n.span == span || n.items().iter().any(&holds);
    'down: loop {
        if node.span == span {
            break;
        }
        match &node.value {
            Value::Object(members) => {
                // With duplicate keys, the last one is the one that counts (and is lowered).
                for m in members.iter().rev() {
                    // An array gathered from repeated blocks spans the statements between
                    // them: it holds only what one of its items holds.
                    if holds(&m.value) && (!m.value.is_array() || holds_item(&m.value)) {
                        pointer.push('/');
                        pointer.push_str(&escape_token(&m.key));
                        node = &m.value;
                        member = Some(m);
                        continue 'down;
                    }
                }
            }
            Value::Array(items) => {
                for (i, n) in items.iter().enumerate() {
                    if holds(n) && (!n.is_array() || holds_item(n)) {
                        use std::fmt::Write;
                        let _ = write!(pointer, "/{i}");
                        node = n;
                        member = None;
                        continue 'down;
                    }
                }
            }
            Value::Unknown(Unknown {
                kind: UnknownKind::Tag(tag),
                inner: Some(inner),
                ..
            }) if holds(inner) => {
                pointer.push('/');
                pointer.push_str(&cloudformation::long_name(tag));
                node = inner;
                member = None;
                continue 'down;
            }
            // A Terraform function call (`jsonencode(…)`) is its argument, unnamed.
            Value::Unknown(Unknown {
                kind: UnknownKind::Call(_),
                inner: Some(inner),
                ..
            }) if holds(inner) => {
                node = inner;
                member = None;
                continue 'down;
            }
            _ => {}
        }
        // Into a document parsed from this string (a heredoc's JSON).
        if let Some(e) = embedded.iter().find(|e| {
            e.pointer == pointer
                && e.root
                    .as_ref()
                    .is_some_and(|r| holds(r) && r.span != node.span)
        }) && let Some(r) = &e.root
        {
            node = r;
            member = None;
            continue 'down;
        }
        break;
    }
    (pointer, node, member)
}
