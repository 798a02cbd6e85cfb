//! The spanned tree as a `jsonschema` instance, so documents are validated where they are,
//! without first being copied into a `serde_json::Value` (the copy cost as much as the
//! validation). Unknown values read as `null`, like in [`crate::schema::to_json`]; objects with
//! a key twice answer lookups with the last one, as JSON parsers do.

use std::borrow::Cow;

use jsonschema::json::{Array, Json, JsonNumber, Node as JsonNode, NodeIdentity, Object};
use jsonschema::types::JsonType;
use serde_json::Value as Json_;

use crate::tree::{Member, Node, Value};

/// Marker for the representation.
pub struct Tree;

/// One node of the tree, as `jsonschema` sees it.
#[derive(Clone, Copy)]
pub struct View<'a>(pub &'a Node);

#[derive(Clone, Copy)]
pub struct Members<'a>(&'a [Member]);

#[derive(Clone, Copy)]
pub struct Items<'a>(&'a [Node]);

/// A number as the tree holds it.
#[derive(Clone, Copy)]
pub struct Number(f64);

impl Json for Tree {
    type Node<'a> = View<'a>;
    type PreparedKey = String;
    type StringBuffer = ();
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>((): &mut (), string: &str, f: impl FnOnce(View<'_>) -> T) -> T {
        let node = Node {
            span: Default::default(),
            value: Value::String {
                value: string.to_owned(),
                templated: false,
            },
        };
        f(View(&node))
    }
}

impl JsonNumber for Number {
    fn as_u64(&self) -> Option<u64> {
        (self.0.fract() == 0.0 && self.0 >= 0.0 && self.0 < 9.0e15).then_some(self.0 as u64)
    }

    fn as_i64(&self) -> Option<i64> {
        (self.0.fract() == 0.0 && self.0.abs() < 9.0e15).then_some(self.0 as i64)
    }

    fn as_f64(&self) -> Option<f64> {
        Some(self.0)
    }

    fn as_str(&self) -> Cow<'_, str> {
        match self.as_i64() {
            Some(i) => Cow::Owned(i.to_string()),
            None => Cow::Owned(self.0.to_string()),
        }
    }

    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        Cow::Owned(match self.as_i64() {
            Some(i) => serde_json::Number::from(i),
            None => serde_json::Number::from_f64(self.0).unwrap_or_else(|| 0.into()),
        })
    }

    fn is_integer(&self) -> bool {
        self.0.is_finite() && self.0.fract() == 0.0
    }

    fn is_written_as_integer(&self) -> bool {
        self.is_integer()
    }
}

impl<'a> JsonNode<'a, Tree> for View<'a> {
    type Object = Members<'a>;
    type Array = Items<'a>;
    type Number = Number;

    fn as_object(&self) -> Option<Members<'a>> {
        match &self.0.value {
            Value::Object(m) => Some(Members(m)),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Items<'a>> {
        match &self.0.value {
            Value::Array(i) => Some(Items(i)),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match &self.0.value {
            Value::String { value, .. } => Some(Cow::Borrowed(value)),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<Number> {
        match self.0.value {
            Value::Number(n) => Some(Number(n)),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.0.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.0.value, Value::Null | Value::Unknown(_))
    }

    fn json_type(&self) -> JsonType {
        match self.0.value {
            Value::Null | Value::Unknown(_) => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(_) => JsonType::Number,
            Value::String { .. } => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    fn equals_value(&self, expected: &Json_) -> bool {
        match (&self.0.value, expected) {
            (Value::String { value, .. }, Json_::String(e)) => value == e,
            (Value::String { .. }, _) | (_, Json_::String(_)) => false,
            (Value::Bool(b), Json_::Bool(e)) => b == e,
            (Value::Number(n), Json_::Number(e)) => e.as_f64() == Some(*n),
            _ => jsonschema::json::cmp::equal(&self.to_value(), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, Json_> {
        Cow::Owned(crate::schema::to_json(self.0))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(
            std::ptr::from_ref::<Node>(self.0) as usize
        ))
    }
}

/// Members without the earlier occurrences of a duplicated key: the object as a JSON parser
/// would keep it, so every error path resolves in the tree (lookups also take the last).
pub struct Unique<'a> {
    members: &'a [Member],
    next: usize,
}

impl<'a> Iterator for Unique<'a> {
    type Item = (&'a str, View<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        while let Some(m) = self.members.get(self.next) {
            self.next += 1;
            if !self.members[self.next..]
                .iter()
                .any(|later| later.key == m.key)
            {
                return Some((m.key.as_str(), View(&m.value)));
            }
        }
        None
    }
}

impl<'a> Object<'a, Tree> for Members<'a> {
    type Node = View<'a>;
    type MemberName = &'a str;
    type MembersIter = Unique<'a>;

    fn len(&self) -> usize {
        self.members().count()
    }

    fn get(&self, key: &String) -> Option<View<'a>> {
        self.0
            .iter()
            .rev()
            .find(|m| m.key == *key)
            .map(|m| View(&m.value))
    }

    fn members(&self) -> Unique<'a> {
        Unique {
            members: self.0,
            next: 0,
        }
    }
}

impl<'a> Array<'a, Tree> for Items<'a> {
    type Node = View<'a>;
    type ElementsIter = std::iter::Map<std::slice::Iter<'a, Node>, fn(&'a Node) -> View<'a>>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn elements(&self) -> Self::ElementsIter {
        self.0.iter().map(View)
    }
}
