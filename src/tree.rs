//! The spanned document tree every parser produces and every later stage reads.
//!
//! Every node and every object key carries its byte span in the file as written, so a
//! diagnostic can point at exactly the text it is about. Values ecslint cannot know (template
//! placeholders, tagged YAML nodes) are one node kind of their own, [`Unknown`], so rules can
//! stay silent on them.

/// A half-open byte range `[start, end)` into the file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

#[derive(Clone, Debug)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug)]
pub enum Value {
    Null,
    Bool(bool),
    /// Numbers keep their value as `f64`; integers above 2^53 lose precision, which no ECS
    /// field needs.
    Number(f64),
    /// `templated` is true when the string contains a template placeholder (`${X}`, `<X>`,
    /// `{{ x }}`, ...): its real value is only known after rendering.
    String {
        value: String,
        templated: bool,
    },
    /// A node whose value ecslint does not know: see [`Unknown`].
    Unknown(Unknown),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// A value that is only known later (after rendering, or to the tool that evaluates it).
/// Rules stay silent on it.
#[derive(Clone, Debug)]
pub struct Unknown {
    pub kind: UnknownKind,
    /// A short quotable form of the source text for messages: whitespace runs folded to one
    /// space, cut after [`Unknown::MAX_TEXT`] characters with `...`.
    pub text: String,
    /// For a tagged YAML node, the node as YAML reads it without the tag (`!If [a, b, c]`
    /// holds the sequence), so a front end that knows the tag (CloudFormation) can evaluate
    /// it. `None` for placeholders.
    pub inner: Option<Box<Node>>,
}

impl PartialEq for Unknown {
    fn eq(&self, other: &Unknown) -> bool {
        self.kind == other.kind && self.text == other.text
    }
}

impl Eq for Unknown {}

/// What stands in place of the value.
///
/// Later front ends add their kinds here: CloudFormation intrinsic functions in long form
/// (`{"Fn::If": [...]}`, `{"Ref": "X"}`) and Terraform expressions (`var.cpu`, `local.x`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnknownKind {
    /// A template placeholder where a value belongs (`"memory": ${MEM}`, `{{ x }}`, `<X>`).
    Placeholder,
    /// A YAML node with a tag ecslint does not evaluate, such as CloudFormation's short forms
    /// `!If`, `!Ref`, `!Sub`, `!GetAtt`, `!Join`. Holds the tag as written (`!If`).
    Tag(String),
    /// A CloudFormation intrinsic function or pseudo parameter whose value is only known at
    /// deploy time (`Ref`, `Fn::Sub`, `Fn::GetAtt`, ...). Holds the function's name.
    Intrinsic(String),
    /// A Terraform expression ecslint does not evaluate (`var.cpu`, `local.x`, a `for`).
    Expression,
    /// A Terraform function call (`jsonencode(…)`, `file("…")`), with the function's name;
    /// its first argument is the inner node.
    Call(String),
}

impl Unknown {
    pub const MAX_TEXT: usize = 60;

    pub fn new(kind: UnknownKind, source: &str) -> Unknown {
        let mut text = String::new();
        let mut chars = 0;
        for word in source.split_whitespace() {
            if !text.is_empty() {
                text.push(' ');
                chars += 1;
            }
            for c in word.chars() {
                if chars == Unknown::MAX_TEXT {
                    text.push_str("...");
                    return Unknown {
                        kind,
                        text,
                        inner: None,
                    };
                }
                text.push(c);
                chars += 1;
            }
        }
        Unknown {
            kind,
            text,
            inner: None,
        }
    }

    pub fn placeholder(source: &str) -> Unknown {
        Unknown::new(UnknownKind::Placeholder, source)
    }
}

#[derive(Clone, Debug)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Member {
    /// From the start of the key to the end of the value.
    pub fn span(&self) -> Span {
        Span::new(self.key_span.start, self.value.span.end)
    }
}

impl Node {
    /// The member with this key. With duplicate keys the *last* one wins, as it does for the
    /// JSON parsers the AWS CLI and SDKs use. A `null` value counts as absent: deploy tools
    /// (the official ECS deploy action, ecspresso, Terraform) drop nulls before registering.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key)
            .map(|m| &m.value)
            .filter(|v| !matches!(v.value, Value::Null))
    }

    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.value {
            Value::Object(members) => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }

    pub fn members(&self) -> &[Member] {
        match &self.value {
            Value::Object(members) => members,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self.value, Value::Object(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self.value, Value::Array(_))
    }

    /// True for unknown nodes (placeholders, tagged YAML nodes) and strings that contain a
    /// placeholder: the value is not known.
    pub fn is_unknown(&self) -> bool {
        matches!(
            self.value,
            Value::Unknown(_)
                | Value::String {
                    templated: true,
                    ..
                }
        )
    }

    /// The string value, if this is a string whose value is known (no placeholder).
    pub fn str(&self) -> Option<&str> {
        match &self.value {
            Value::String {
                value,
                templated: false,
            } => Some(value),
            _ => None,
        }
    }

    /// The string value, placeholders included (for messages and name matching).
    pub fn raw_str(&self) -> Option<&str> {
        match &self.value {
            Value::String { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// An integral number that fits an `i64` exactly.
    pub fn int(&self) -> Option<i64> {
        match self.value {
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Some(n as i64),
            _ => None,
        }
    }

    /// Resolve an RFC 6901 pointer relative to this node.
    pub fn pointer(&self, pointer: &str) -> Option<(&Node, Option<&Member>)> {
        if pointer.is_empty() {
            return Some((self, None));
        }
        let mut node = self;
        let mut member = None;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = unescape_token(token);
            match &node.value {
                Value::Object(members) => {
                    let m = members.iter().rev().find(|m| m.key == token)?;
                    member = Some(m);
                    node = &m.value;
                }
                Value::Array(items) => {
                    let i: usize = token.parse().ok()?;
                    node = items.get(i)?;
                    member = None;
                }
                _ => return None,
            }
        }
        Some((node, member))
    }

    /// A short description of the node's JSON type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String { .. } => "a string",
            Value::Unknown(Unknown {
                kind: UnknownKind::Placeholder,
                ..
            }) => "a placeholder",
            Value::Unknown(Unknown {
                kind: UnknownKind::Tag(_),
                ..
            }) => "a tagged YAML value",
            Value::Unknown(Unknown {
                kind: UnknownKind::Intrinsic(_),
                ..
            }) => "an intrinsic function",
            Value::Unknown(Unknown {
                kind: UnknownKind::Expression,
                ..
            }) => "a Terraform expression",
            Value::Unknown(Unknown {
                kind: UnknownKind::Call(_),
                ..
            }) => "a Terraform function call",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Escape one reference token for a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn escape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1").into()
    } else {
        token.into()
    }
}

fn unescape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

/// Is `pointer` the node at `prefix` or one inside it (`/a/b` is under `/a`, `/ab` is not)?
pub fn at_or_under(pointer: &str, prefix: &str) -> bool {
    pointer
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Append a key to a pointer.
pub fn join(pointer: &str, key: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + key.len() + 1);
    out.push_str(pointer);
    out.push('/');
    out.push_str(&escape_token(key));
    out
}

/// Append an array index to a pointer.
pub fn join_index(pointer: &str, index: usize) -> String {
    format!("{pointer}/{index}")
}
