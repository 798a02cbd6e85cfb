//! Located nodes: a value of a document together with where it is.
//!
//! Rules navigate documents only through [`At`]: `task.field("containerDefinitions")`,
//! `container.field("logConfiguration")?.field("logDriver")`. Each step keeps the node it
//! reached, so a finding is reported *on* the node (`driver.member_loc()`) and never on a
//! pointer string built beside the navigation. The pointer is worked out from the tree when
//! the finding is resolved (see `engine::Locator`), so it always names the node the rule
//! read, in the document's own key names.
//!
//! Field names given to [`At::field`] are the AWS API's (`logConfiguration`); a [`Dialect`]
//! maps them to the names its documents use, so the same rules can run over other front ends.

use crate::diagnostic::Loc;
use crate::tree::{Member, Node, Span, Value};

/// How a document spells the API's field names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// The AWS API's JSON (CLI input, describe output, SDK requests), also as YAML.
    #[default]
    Api,
    /// A CloudFormation template (also SAM and CDK output): `Properties` of `AWS::ECS::*`
    /// and `AWS::ECR::*` resources, with the API's names upper-cased and a few renamed.
    CloudFormation,
    /// Terraform: the AWS provider's snake_case arguments and blocks, with
    /// `container_definitions` and `policy` in the API's own names.
    Terraform,
}

impl Dialect {
    /// The key this dialect writes for an API field name.
    pub fn key(self, api: &str) -> &str {
        match self {
            Dialect::Api => api,
            Dialect::CloudFormation => super::cfn_names::cfn_name(api).unwrap_or(api),
            Dialect::Terraform => super::tf_names::tf_name(api).unwrap_or(api),
        }
    }
}

/// A node of a document and the member it is the value of (for array items, none).
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    node: &'a Node,
    member: Option<&'a Member>,
    dialect: Dialect,
}

impl<'a> At<'a> {
    /// The root of a document (or any node whose place the resolver can find in its tree).
    pub fn root(node: &'a Node, dialect: Dialect) -> At<'a> {
        At {
            node,
            member: None,
            dialect,
        }
    }

    fn child(&self, node: &'a Node, member: Option<&'a Member>) -> At<'a> {
        At {
            node,
            member,
            dialect: self.dialect,
        }
    }

    /// The field named `api` (an API field name), `None` when absent or `null` (deploy tools
    /// drop nulls before registering). With duplicate keys the last one counts.
    pub fn field(&self, api: &str) -> Option<At<'a>> {
        self.member_named(api)
            .filter(|a| !matches!(a.node.value, Value::Null))
    }

    /// The field named `api`, `null` included: for "is it written at all".
    pub fn member_named(&self, api: &str) -> Option<At<'a>> {
        let m = self.node.member(self.dialect.key(api))?;
        Some(self.child(&m.value, Some(m)))
    }

    /// The entry `key` of a map-valued field (log `options`, `dockerLabels`): keys that are
    /// the user's, not API field names. `None` when absent or `null`; with duplicate keys the
    /// last one counts.
    pub fn entry(&self, key: &str) -> Option<At<'a>> {
        self.entries()
            .filter(|e| e.key() == Some(key))
            .last()
            .filter(|e| !e.is_null())
    }

    /// Array items, each located. Empty for anything but an array.
    pub fn items(&self) -> impl ExactSizeIterator<Item = At<'a>> + 'a {
        let dialect = self.dialect;
        self.node.items().iter().map(move |n| At {
            node: n,
            member: None,
            dialect,
        })
    }

    /// The `i`th array item.
    pub fn item(&self, i: usize) -> Option<At<'a>> {
        self.node.items().get(i).map(|n| self.child(n, None))
    }

    /// Object members, each located (read [`At::key`] for the name). Empty for anything
    /// but an object.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = At<'a>> + 'a {
        let dialect = self.dialect;
        self.node.members().iter().map(move |m| At {
            node: &m.value,
            member: Some(m),
            dialect,
        })
    }

    /// The key this node is the value of, as written.
    pub fn key(&self) -> Option<&'a str> {
        self.member.map(|m| m.key.as_str())
    }

    /// The node itself, for reading values (navigation goes through [`At::field`]).
    pub fn node(&self) -> &'a Node {
        self.node
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    pub fn span(&self) -> Span {
        self.node.span
    }

    pub fn value(&self) -> &'a Value {
        &self.node.value
    }

    pub fn str(&self) -> Option<&'a str> {
        self.node.str()
    }

    pub fn raw_str(&self) -> Option<&'a str> {
        self.node.raw_str()
    }

    pub fn bool(&self) -> Option<bool> {
        self.node.bool()
    }

    pub fn number(&self) -> Option<f64> {
        self.node.number()
    }

    pub fn int(&self) -> Option<i64> {
        self.node.int()
    }

    pub fn is_unknown(&self) -> bool {
        self.node.is_unknown()
    }

    pub fn is_object(&self) -> bool {
        self.node.is_object()
    }

    pub fn is_array(&self) -> bool {
        self.node.is_array()
    }

    pub fn is_null(&self) -> bool {
        matches!(self.node.value, Value::Null)
    }

    pub fn type_name(&self) -> &'static str {
        self.node.type_name()
    }

    /// Underline the value.
    pub fn loc(&self) -> Loc {
        Loc::node(self.node, crate::diagnostic::Anchor::Value)
    }

    /// Underline the key (the value, for array items).
    pub fn key_loc(&self) -> Loc {
        Loc::node(self.node, crate::diagnostic::Anchor::Key)
    }

    /// Underline key and value.
    pub fn member_loc(&self) -> Loc {
        Loc::node(self.node, crate::diagnostic::Anchor::Member)
    }

    /// The object's identifying line: its `name` (or similar) member, else its opening brace.
    pub fn head(&self) -> Loc {
        Loc::node(self.node, crate::diagnostic::Anchor::Head)
    }

    /// Where the field `api` would go: the object's identifying line, with the pointer the
    /// field would have.
    pub fn missing(&self, api: &str) -> Loc {
        Loc::missing(self.node, self.dialect.key(api))
    }
}
