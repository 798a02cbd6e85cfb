//! Recognise stage: which ECS document(s) a parsed file holds, and in which form.
//!
//! Decided by content, never by file name: `taskdef.json`, `nasa-task,json` and
//! `Dockerrun.aws.json` are all just names.

pub mod taskdef;

use crate::tree::{Node, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    TaskDefinition,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::TaskDefinition => "task-definition",
        }
    }
}

/// The shape a task definition is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `register-task-definition --cli-input-json` input.
    Register,
    /// `describe-task-definition` output's inner object (has read-only fields).
    Describe,
    /// `{"taskDefinition": {...}, "tags": [...]}` as describe-task-definition prints it.
    Wrapped,
    /// A bare `containerDefinitions` array (Terraform's `container_definitions`).
    ContainerArray,
}

/// One ECS document inside a file.
pub struct Document<'a> {
    pub kind: Kind,
    pub form: Form,
    /// The task definition object (or, for [`Form::ContainerArray`], the array).
    pub node: &'a Node,
    /// Pointer of `node` in the file as written (`""` or `/taskDefinition`).
    pub pointer: String,
}

/// Fields `describe-task-definition` returns that `register-task-definition` rejects.
pub const READ_ONLY_FIELDS: &[&str] = &[
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
    "deleteRequestedAt",
];

/// Keys only a container definition has; used to tell a container array from any array.
const CONTAINER_KEYS: &[&str] = &[
    "image",
    "essential",
    "portMappings",
    "memory",
    "memoryReservation",
    "cpu",
    "environment",
    "secrets",
    "logConfiguration",
    "mountPoints",
    "command",
    "entryPoint",
    "healthCheck",
    "dependsOn",
];

fn looks_like_task_definition(node: &Node) -> bool {
    if !node.is_object() || node.get("AWSEBDockerrunVersion").is_some() {
        return false;
    }
    match node.get("containerDefinitions") {
        Some(c) => c.is_array() || c.is_unknown(),
        None => false,
    }
}

fn looks_like_container(node: &Node) -> bool {
    node.is_object()
        && (node.get("name").is_some() || node.get("image").is_some())
        && CONTAINER_KEYS.iter().any(|k| node.get(k).is_some())
}

pub fn recognise(root: &Node) -> Vec<Document<'_>> {
    match &root.value {
        Value::Object(_) => {
            if let Some(inner) = root.get("taskDefinition")
                && looks_like_task_definition(inner)
            {
                return vec![Document {
                    kind: Kind::TaskDefinition,
                    form: Form::Wrapped,
                    node: inner,
                    pointer: "/taskDefinition".into(),
                }];
            }
            if looks_like_task_definition(root) {
                let form = if READ_ONLY_FIELDS.iter().any(|f| root.get(f).is_some()) {
                    Form::Describe
                } else {
                    Form::Register
                };
                return vec![Document {
                    kind: Kind::TaskDefinition,
                    form,
                    node: root,
                    pointer: String::new(),
                }];
            }
            Vec::new()
        }
        Value::Array(items) if !items.is_empty() && items.iter().all(looks_like_container) => {
            vec![Document {
                kind: Kind::TaskDefinition,
                form: Form::ContainerArray,
                node: root,
                pointer: String::new(),
            }]
        }
        _ => Vec::new(),
    }
}
