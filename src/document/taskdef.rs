//! Typed view over a task definition's spanned tree, so rules read like the AWS docs.

use super::at::{At, Dialect};
use super::{Document, Form};
use crate::diagnostic::Loc;
use crate::tree::Node;

/// Whether the task targets Fargate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Fargate,
    NotFargate,
    /// Not stated in this document (container array form, or a placeholder).
    Unknown,
}

pub struct TaskDef<'a> {
    /// The document, located: the task definition object (or the container array).
    pub at: At<'a>,
    pub node: &'a Node,
    pub form: Form,
    /// The task definition's identity in its template, for links (see `Document::link`).
    pub link: Option<&'a str>,
    containers: Vec<Container<'a>>,
}

pub struct Container<'a> {
    /// The container definition, located.
    pub at: At<'a>,
    pub node: &'a Node,
    pub index: usize,
}

impl<'a> TaskDef<'a> {
    pub fn new(doc: &'a Document<'a>) -> TaskDef<'a> {
        let array = if doc.form == Form::ContainerArray {
            Some(doc.node)
        } else {
            doc.node.get("containerDefinitions")
        };
        let containers = array
            .map(|a| {
                a.items()
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| n.is_object())
                    .map(|(index, node)| Container {
                        at: At::root(node, Dialect::Api),
                        node,
                        index,
                    })
                    .collect()
            })
            .unwrap_or_default();
        TaskDef {
            at: At::root(doc.node, Dialect::Api),
            node: doc.node,
            form: doc.form,
            link: doc.link.as_deref(),
            containers,
        }
    }

    /// A task-level field. Always `None` for the bare container array form.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        if self.form == Form::ContainerArray {
            None
        } else {
            self.node.get(key)
        }
    }

    /// How messages name the task definition: its `family`, else (in a template) its
    /// resource's logical id, else `?`.
    pub fn name(&self) -> &'a str {
        self.field("family")
            .and_then(|f| f.str())
            .or_else(|| self.link.and_then(|l| l.rsplit('/').next()))
            .unwrap_or("?")
    }

    /// A task-level field, located. Always `None` for the bare container array form.
    pub fn field(&self, api: &str) -> Option<At<'a>> {
        if self.form == Form::ContainerArray {
            None
        } else {
            self.at.field(api)
        }
    }

    /// Where a missing task-level field would go (the document's identifying line).
    pub fn missing(&self, api: &str) -> Loc {
        self.at.missing(api)
    }

    /// The document's identifying line (its `family`, else its opening brace).
    pub fn head(&self) -> Loc {
        self.at.head()
    }

    /// The `containerDefinitions` list itself, located (the document, for the array form).
    pub fn container_list(&self) -> Option<At<'a>> {
        if self.form == Form::ContainerArray {
            Some(self.at)
        } else {
            self.at.field("containerDefinitions")
        }
    }

    /// Does the document state task-level fields at all?
    pub fn has_task_level(&self) -> bool {
        self.form != Form::ContainerArray
    }

    pub fn containers(&self) -> &[Container<'a>] {
        &self.containers
    }

    /// Every container is written out: `containerDefinitions` is an array of objects, none a
    /// placeholder. Checks that need the full list of containers (or of their ports) stay
    /// silent otherwise.
    pub fn containers_known(&self) -> bool {
        let list = if self.form == Form::ContainerArray {
            Some(self.node)
        } else {
            self.node.get("containerDefinitions")
        };
        list.is_some_and(|l| l.is_array() && l.items().iter().all(Node::is_object))
    }

    pub fn container_named(&self, name: &str) -> Option<&Container<'a>> {
        self.containers.iter().find(|c| c.name() == Some(name))
    }

    pub fn platform(&self) -> Platform {
        if !self.has_task_level() {
            return Platform::Unknown;
        }
        match self.get("requiresCompatibilities") {
            None => Platform::NotFargate,
            Some(list) if list.is_array() => {
                if list.items().iter().any(|c| c.str() == Some("FARGATE")) {
                    Platform::Fargate
                } else if list.items().iter().any(Node::is_unknown) {
                    Platform::Unknown
                } else {
                    Platform::NotFargate
                }
            }
            Some(_) => Platform::Unknown,
        }
    }

    pub fn fargate(&self) -> bool {
        self.platform() == Platform::Fargate
    }

    /// `runtimePlatform.operatingSystemFamily` is a Windows family.
    pub fn windows(&self) -> bool {
        self.get("runtimePlatform")
            .and_then(|p| p.get("operatingSystemFamily"))
            .and_then(Node::str)
            .is_some_and(|os| os.starts_with("WINDOWS"))
    }

    /// The network mode as written; `None` when omitted (the API default is `bridge`), and
    /// `Some(None)` when it is a placeholder.
    pub fn network_mode(&self) -> Option<Option<&'a str>> {
        self.get("networkMode").map(Node::str)
    }
}

impl<'a> Container<'a> {
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// A field of the container, located.
    pub fn field(&self, api: &str) -> Option<At<'a>> {
        self.at.field(api)
    }

    /// Where a missing field of the container would go (its `name` line).
    pub fn missing(&self, api: &str) -> Loc {
        self.at.missing(api)
    }

    /// `linuxParameters.<key>`, located.
    pub fn linux_field(&self, api: &str) -> Option<At<'a>> {
        self.field("linuxParameters").and_then(|l| l.field(api))
    }

    pub fn name(&self) -> Option<&'a str> {
        self.node.get("name").and_then(Node::raw_str)
    }

    /// How messages name this container: "container `web`", or "container #2" when it has no
    /// name or an empty one. A name that backticks cannot quote (it holds a backtick or a
    /// control character) is written as a double-quoted string with escapes instead:
    /// container "we`b".
    pub fn label(&self) -> String {
        match self.name() {
            Some(n) if !n.is_empty() => {
                let n = crate::diagnostic::shorten(n);
                if n.contains('`') || n.chars().any(char::is_control) {
                    format!("container {n:?}")
                } else {
                    format!("container `{n}`")
                }
            }
            _ => format!("container #{}", self.index + 1),
        }
    }

    /// The container's identifying line (its `name`, else its opening brace).
    pub fn head(&self) -> Loc {
        self.at.head()
    }

    /// `essential` defaults to true.
    pub fn essential(&self) -> bool {
        self.get("essential").and_then(Node::bool).unwrap_or(true)
    }

    pub fn int(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(Node::int)
    }
}
