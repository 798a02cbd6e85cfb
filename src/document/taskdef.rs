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

    /// A Windows task: a Windows `operatingSystemFamily`, or (for the many Windows task
    /// definitions that predate `runtimePlatform`) a Windows base image, a PowerShell or
    /// `cmd` entry point, an FSx for Windows File Server volume, or a `credentialspec:`
    /// security option (gMSA the Windows way; Linux gMSA uses `credentialSpecs`).
    pub fn windows_likely(&self) -> bool {
        if self.windows() {
            return true;
        }
        let fsx = self.field("volumes").is_some_and(|v| {
            v.items()
                .any(|v| v.field("fsxWindowsFileServerVolumeConfiguration").is_some())
        });
        fsx || self.containers.iter().any(|c| {
            let image = c
                .field("image")
                .and_then(|i| i.raw_str())
                .map(str::to_ascii_lowercase)
                .unwrap_or_default();
            let windows_image = ["windows", "servercore", "nanoserver"]
                .iter()
                .any(|w| image.contains(w));
            let shell = ["entryPoint", "command"].iter().any(|f| {
                c.field(f)
                    .and_then(|a| a.item(0))
                    .and_then(|a| a.str())
                    .is_some_and(|first| {
                        matches!(
                            first.to_ascii_lowercase().as_str(),
                            "powershell" | "powershell.exe" | "cmd" | "cmd.exe"
                        )
                    })
            });
            let gmsa = c.field("dockerSecurityOptions").is_some_and(|o| {
                o.items().any(|o| {
                    o.raw_str()
                        .is_some_and(|s| s.starts_with("credentialspec:"))
                })
            });
            windows_image || shell || gmsa
        })
    }

    /// The network mode as written; `None` when omitted (the API default is `bridge`), and
    /// `Some(None)` when it is a placeholder.
    pub fn network_mode(&self) -> Option<Option<&'a str>> {
        self.get("networkMode").map(Node::str)
    }

    /// The network mode the task gets: as written, or `bridge` when omitted on Linux. `None`
    /// when it cannot be known here: a placeholder, the bare container array, or a Windows
    /// task that omits it (Windows on EC2 then uses its own default mode).
    pub fn effective_network_mode(&self) -> Option<&'a str> {
        if !self.has_task_level() {
            return None;
        }
        match self.network_mode() {
            Some(mode) => mode,
            None if self.windows_likely() => None,
            None => Some("bridge"),
        }
    }

    /// The task can only run on EC2 or external instances: it does not list `FARGATE`, and it
    /// lists `EC2` or `EXTERNAL`, or its network mode rules Fargate out. Advice that Fargate
    /// would reject (`dockerSecurityOptions`, say) is given only then: a task definition that
    /// lists no compatibilities and uses `awsvpc` may well be run on Fargate.
    pub fn ec2_only(&self) -> bool {
        if !self.has_task_level() || self.platform() != Platform::NotFargate {
            return false;
        }
        let listed = self.get("requiresCompatibilities").is_some_and(|l| {
            l.items()
                .iter()
                .any(|c| matches!(c.str(), Some("EC2" | "EXTERNAL")))
        });
        listed
            || matches!(
                self.network_mode(),
                None | Some(Some("bridge" | "host" | "none"))
            )
    }

    /// The task-level `volumes`, located, each with its position.
    pub fn volumes(&self) -> Vec<Volume<'a>> {
        self.field("volumes")
            .map(|list| {
                list.items()
                    .enumerate()
                    .filter(|(_, v)| v.is_object())
                    .map(|(index, at)| Volume { at, index })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The volume a mount point's `sourceVolume` names (the last one, with duplicates).
    pub fn volume_named(&self, name: &str) -> Option<Volume<'a>> {
        self.volumes()
            .into_iter()
            .rev()
            .find(|v| v.name() == Some(name))
    }
}

/// A task-level volume, located.
#[derive(Clone, Copy)]
pub struct Volume<'a> {
    pub at: At<'a>,
    pub index: usize,
}

impl<'a> Volume<'a> {
    /// A field of the volume, located.
    pub fn field(&self, api: &str) -> Option<At<'a>> {
        self.at.field(api)
    }

    /// The name as written (placeholders included).
    pub fn name(&self) -> Option<&'a str> {
        self.at.field("name").and_then(|n| n.raw_str())
    }

    /// How messages name this volume: "volume `data`", or "volume #2" when it has no name.
    pub fn label(&self) -> String {
        match self.name() {
            Some(n) if !n.is_empty() => {
                let n = crate::diagnostic::shorten(n);
                if n.contains('`') || n.chars().any(char::is_control) {
                    format!("volume {n:?}")
                } else {
                    format!("volume `{n}`")
                }
            }
            _ => format!("volume #{}", self.index + 1),
        }
    }

    /// The volume's identifying line (its `name`, else its opening brace).
    pub fn head(&self) -> Loc {
        self.at.head()
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
