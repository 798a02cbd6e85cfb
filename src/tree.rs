//! The spanned document tree every parser produces and every later stage reads.
//!
//! Every node and every object key carries its byte span in the file as written, so a
//! diagnostic can point at exactly the text it is about. Template placeholders are a node
//! kind of their own ("unknown value"), so rules can stay silent on them.

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
    /// A template placeholder standing where a JSON value belongs (`"memory": ${MEM}`), or a
    /// YAML node with a tag ecslint does not evaluate. Its value is unknown.
    Placeholder(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
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

    /// True for placeholders and strings that contain one: the value is not known.
    pub fn is_unknown(&self) -> bool {
        matches!(
            self.value,
            Value::Placeholder(_)
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
            Value::Placeholder(_) => "a placeholder",
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
