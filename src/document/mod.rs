//! Recognise stage: which ECS documents a parsed file holds, and in which form.
//!
//! Decided by content, never by file name: `taskdef.json`, `nasa-task,json` and
//! `Dockerrun.aws.json` are all just names.

pub mod at;
pub mod cfn_names;
pub mod cluster;
pub mod ecr;
pub mod facts;
pub mod service;
pub mod taskdef;
pub mod tf_names;

use crate::parse::{self, ParseError};
use crate::tree::{Node, Span, Value, join_index};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    TaskDefinition,
    Service,
    LifecyclePolicy,
    Repository,
    Cluster,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::TaskDefinition => "task-definition",
            Kind::Service => "service",
            Kind::LifecyclePolicy => "lifecycle-policy",
            Kind::Repository => "repository",
            Kind::Cluster => "cluster",
        }
    }
}

/// The shape a document is written in.
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
    /// `create-service --cli-input-json` input (also ecspresso service definitions).
    CreateService,
    /// A service definition without a name, as deploy tools keep it (ecspresso's
    /// `ecs-service-def.json`): the service's settings, with the name given elsewhere.
    ServiceDefinition,
    /// `update-service --cli-input-json` input (`service` instead of `serviceName`).
    UpdateService,
    /// A service as `describe-services` / `create-service` print it (read-only fields).
    DescribeService,
    /// A lifecycle policy document, `{"rules": [...]}`.
    Policy,
    /// `put-lifecycle-policy` input: the policy is a JSON string in `lifecyclePolicyText`.
    PutPolicy,
    /// `get-lifecycle-policy` output: the same, with `lastEvaluatedAt`.
    GetPolicy,
    /// `create-repository --cli-input-json` input.
    CreateRepository,
    /// `create-cluster --cli-input-json` input.
    CreateCluster,
}

/// The kind of the document a pointer is at or under: the one with the longest pointer
/// (a lifecycle policy inside a repository is the policy). `None` when no document holds it.
/// `docs` are (pointer, kind) pairs.
pub fn kind_at<'p>(docs: impl IntoIterator<Item = (&'p str, Kind)>, pointer: &str) -> Option<Kind> {
    docs.into_iter()
        .filter(|(p, _)| crate::tree::at_or_under(pointer, p))
        .max_by_key(|(p, _)| p.len())
        .map(|(_, k)| k)
}

/// One ECS document inside a file.
pub struct Document<'a> {
    pub kind: Kind,
    pub form: Form,
    /// The document object (or, for [`Form::ContainerArray`], the array). For a lifecycle
    /// policy held in a string, the policy parsed from that string.
    pub node: &'a Node,
    /// Pointer of `node` in the file as written (`""`, `/taskDefinition`, `/services/0`,
    /// `/lifecyclePolicyText` for a policy inside a string).
    pub pointer: String,
    /// The request object around an embedded lifecycle policy (`repositoryName`,
    /// `lifecyclePolicyText`), with its pointer.
    pub outer: Option<(&'a Node, String)>,
    /// The dialect the file is written in. The tree the document's node is in always has the
    /// API's field names (a front end lowers other dialects to it); the dialect names fields
    /// and places in messages and pointers.
    pub dialect: at::Dialect,
    /// What links documents of a template to each other: a task definition's identity, or
    /// the identity of the task definition a service runs (`!Ref TaskDef`). `None` for API
    /// documents, which link by family.
    pub link: Option<String>,
}

/// Does text that does not parse mention ECS fields? Then a syntax error in it is reported
/// (it is meant to be an ECS document); otherwise the file is not ours and is skipped.
pub fn mentions_ecs(text: &str) -> bool {
    text.contains("containerDefinitions")
        || (text.contains("image") && text.contains("essential"))
        || (text.contains("serviceName") && text.contains("taskDefinition"))
        || text.contains("rulePriority")
        || text.contains("lifecyclePolicyText")
        || text.contains("AWS::ECS::")
        || text.contains("AWS::ECR::")
        || text.contains("\"aws_ecs_")
        || text.contains("\"aws_ecr_")
}

impl<'a> Document<'a> {
    /// Is the document the file's root (not nested, as a service in describe output is)?
    pub fn is_root(&self) -> bool {
        self.pointer.is_empty()
    }

    /// The document's root, located, in its dialect.
    pub fn at(&self) -> at::At<'a> {
        at::At::root(self.node, at::Dialect::Api)
    }
}

/// The typed view of a document, by kind: what rules and the linking stage read.
pub enum View<'a> {
    Task(taskdef::TaskDef<'a>),
    Service(service::Service<'a>),
    Policy(ecr::Policy<'a>),
    Repository(ecr::Repository<'a>),
    Cluster(cluster::Cluster<'a>),
}

impl<'a> View<'a> {
    pub fn new(doc: &'a Document<'a>) -> View<'a> {
        match doc.kind {
            Kind::TaskDefinition => View::Task(taskdef::TaskDef::new(doc)),
            Kind::Service => View::Service(service::Service::new(doc)),
            Kind::LifecyclePolicy => View::Policy(ecr::Policy::new(doc)),
            Kind::Repository => View::Repository(ecr::Repository::new(doc)),
            Kind::Cluster => View::Cluster(cluster::Cluster::new(doc)),
        }
    }
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

/// Fields `describe-services` returns that `create-service` rejects.
pub const SERVICE_READ_ONLY_FIELDS: &[&str] = &[
    "serviceArn",
    "clusterArn",
    "status",
    "runningCount",
    "pendingCount",
    "deployments",
    "taskSets",
    "events",
    "createdAt",
    "createdBy",
    "roleArn",
    "currentServiceDeployment",
    "currentServiceRevisions",
    "resourceManagementType",
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

/// Keys of a service request; two of them (without `containerDefinitions`) make a service.
const SERVICE_KEYS: &[&str] = &[
    "cluster",
    "desiredCount",
    "launchType",
    "capacityProviderStrategy",
    "loadBalancers",
    "networkConfiguration",
    "deploymentConfiguration",
    "deploymentController",
    "schedulingStrategy",
    "serviceRegistries",
    "serviceConnectConfiguration",
    "placementConstraints",
    "placementStrategy",
    "healthCheckGracePeriodSeconds",
    "enableExecuteCommand",
    "platformVersion",
    "forceNewDeployment",
];

/// Keys of a `create-repository` request besides `repositoryName`.
const REPOSITORY_KEYS: &[&str] = &[
    "imageTagMutability",
    "imageTagMutabilityExclusionFilters",
    "imageScanningConfiguration",
    "encryptionConfiguration",
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

fn is_text(node: Option<&Node>) -> bool {
    node.is_some_and(|n| matches!(n.value, Value::String { .. } | Value::Unknown(_)))
}

fn looks_like_service(node: &Node) -> bool {
    if !node.is_object() || node.member("containerDefinitions").is_some() {
        return false;
    }
    let keys = SERVICE_KEYS
        .iter()
        .filter(|k| node.member(k).is_some())
        .count();
    // `taskDefinition` is a string in a service and an object in describe-task-definition.
    let task_ref = is_text(node.get("taskDefinition"));
    let named = is_text(node.get("serviceName")) || is_text(node.get("service"));
    (named && (keys >= 1 || task_ref)) || keys + usize::from(task_ref) >= 2
}

fn looks_like_policy(node: &Node) -> bool {
    node.is_object()
        && node.get("rules").is_some_and(|r| {
            r.is_array()
                && r.items().iter().all(|i| {
                    i.is_object()
                        && ["rulePriority", "selection", "action"]
                            .iter()
                            .any(|k| i.member(k).is_some())
                })
        })
}

/// A lifecycle policy held in a JSON string (`lifecyclePolicyText`), parsed. Spans are in
/// the file's coordinates: exact while the string has no escape before the position,
/// otherwise the whole string.
pub struct Embedded {
    /// Pointer of the string in the file (`/lifecyclePolicyText`).
    pub pointer: String,
    pub root: Option<Node>,
    pub error: Option<ParseError>,
    /// Length of the policy text in characters (the API limit counts characters).
    pub chars: usize,
}

/// Parse the policies that are held in strings, so [`recognise`] can borrow them.
pub fn embedded(root: &Node, source: &str, templates: bool) -> Vec<Embedded> {
    let Some(text_node) = root.get("lifecyclePolicyText") else {
        return Vec::new();
    };
    embedded_at(text_node, "/lifecyclePolicyText", source, templates)
        .into_iter()
        .collect()
}

/// Parse the JSON document held in the string `text_node` (at `pointer` in the file).
/// `None` when the node is not a known string.
pub fn embedded_at(
    text_node: &Node,
    pointer: &str,
    source: &str,
    templates: bool,
) -> Option<Embedded> {
    let text = text_node.str()?;
    let span = text_node.span;
    let raw = source.get(span.start..span.end).unwrap_or("");
    // Decoded offset → offset in the file: through a JSON string's escapes, or a YAML
    // literal block's indentation. Any other value (a folded block) maps to the whole value.
    let offsets = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .and_then(|body| decoded_offsets(body, text.len()))
        .map(|o| o.into_iter().map(|x| x + 1).collect::<Vec<_>>())
        .or_else(|| {
            let line_start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
            block_offsets(raw, text, span.start - line_start)
        });
    let map = |s: Span| match &offsets {
        Some(o) if s.end < o.len() => Span::new(span.start + o[s.start], span.start + o[s.end]),
        _ => span,
    };
    let mut parsed = parse::json::parse(text, templates);
    if let Some(r) = parsed.root.as_mut() {
        remap(r, &map);
    }
    let error = parsed.error.map(|mut e| {
        e.span = map(e.span);
        e
    });
    Some(Embedded {
        pointer: pointer.into(),
        root: parsed.root,
        error,
        chars: text.chars().count(),
    })
}

/// For a YAML literal block scalar (`|`, `|-`, `|+`), the offset in `raw` of each byte of
/// the decoded `text` (and its end). `raw` is the node's text, which starts either at the
/// `|` or at the first content character (then `column` is that character's column, the
/// block's indentation). `None` unless decoding the block this way gives exactly `text`.
fn block_offsets(raw: &str, text: &str, column: usize) -> Option<Vec<usize>> {
    let (body_start, indent) = match raw.strip_prefix('|') {
        Some(rest) => {
            let start = 1 + rest.find('\n')? + 1;
            let indent = raw[start..]
                .lines()
                .find(|l| !l.trim().is_empty())
                .map(|l| l.len() - l.trim_start_matches(' ').len())?;
            (start, indent)
        }
        None => (0, column),
    };
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut decoded = String::with_capacity(text.len());
    let mut at = body_start;
    for (n, line) in raw[body_start..].split_inclusive('\n').enumerate() {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        // Without the `|`, the first line starts after its indentation.
        let skip = if n == 0 && body_start == 0 {
            0
        } else {
            spaces.min(indent)
        };
        out.extend((skip..line.len()).map(|i| at + i));
        decoded.push_str(&line[skip..]);
        at += line.len();
    }
    // Chomping: the decoded text may drop final line breaks (`|-`).
    while decoded.len() > text.len() && decoded.ends_with('\n') {
        decoded.pop();
        out.pop();
    }
    if decoded != text {
        return None;
    }
    out.push(at.min(out.last().map_or(body_start, |&l| l + 1)));
    Some(out)
}

/// For each byte offset of a JSON string's decoded value (and its end), the offset of the
/// escape or character that produced it in the raw text between the quotes. `None` when the
/// decoding does not add up to `decoded_len` (not the string we think it is).
fn decoded_offsets(raw: &str, decoded_len: usize) -> Option<Vec<usize>> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(decoded_len + 1);
    let mut i = 0;
    let hex = |at: usize| -> Option<u32> { u32::from_str_radix(raw.get(at..at + 4)?, 16).ok() };
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            let n = match *bytes.get(i + 1)? {
                b'u' => {
                    let hi = hex(i + 2)?;
                    if (0xD800..0xDC00).contains(&hi)
                        && raw.get(i + 6..i + 8) == Some("\\u")
                        && let Some(lo) = hex(i + 8)
                        && (0xDC00..0xE000).contains(&lo)
                    {
                        out.extend(std::iter::repeat_n(i, 4));
                        i += 12;
                        continue;
                    }
                    let c = char::from_u32(hi).unwrap_or('\u{fffd}');
                    out.extend(std::iter::repeat_n(i, c.len_utf8()));
                    6
                }
                _ => {
                    out.push(i);
                    2
                }
            };
            i += n;
        } else {
            out.push(i);
            i += 1;
        }
    }
    out.push(bytes.len());
    (out.len() == decoded_len + 1).then_some(out)
}

pub(crate) fn remap(node: &mut Node, map: &impl Fn(Span) -> Span) {
    node.span = map(node.span);
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(|n| remap(n, map)),
        Value::Object(members) => {
            for m in members {
                m.key_span = map(m.key_span);
                remap(&mut m.value, map);
            }
        }
        _ => {}
    }
}

fn doc<'a>(kind: Kind, form: Form, node: &'a Node, pointer: String) -> Document<'a> {
    Document {
        kind,
        form,
        node,
        pointer,
        outer: None,
        dialect: at::Dialect::Api,
        link: None,
    }
}

fn service_form(node: &Node) -> Form {
    if SERVICE_READ_ONLY_FIELDS
        .iter()
        .any(|f| node.member(f).is_some())
    {
        Form::DescribeService
    } else if node.member("service").is_some() || node.member("forceNewDeployment").is_some() {
        Form::UpdateService
    } else if node.member("serviceName").is_some() {
        Form::CreateService
    } else {
        Form::ServiceDefinition
    }
}

pub fn recognise<'a>(root: &'a Node, embedded: &'a [Embedded]) -> Vec<Document<'a>> {
    match &root.value {
        Value::Object(_) => recognise_object(root, embedded),
        Value::Array(items) if !items.is_empty() && items.iter().all(looks_like_container) => {
            vec![doc(
                Kind::TaskDefinition,
                Form::ContainerArray,
                root,
                String::new(),
            )]
        }
        _ => Vec::new(),
    }
}

fn recognise_object<'a>(root: &'a Node, embedded: &'a [Embedded]) -> Vec<Document<'a>> {
    if let Some(inner) = root.get("taskDefinition")
        && looks_like_task_definition(inner)
    {
        return vec![doc(
            Kind::TaskDefinition,
            Form::Wrapped,
            inner,
            "/taskDefinition".into(),
        )];
    }
    if looks_like_task_definition(root) {
        let form = if READ_ONLY_FIELDS.iter().any(|f| root.get(f).is_some()) {
            Form::Describe
        } else {
            Form::Register
        };
        return vec![doc(Kind::TaskDefinition, form, root, String::new())];
    }
    // describe-services output: one document per service.
    if let Some(services) = root.get("services")
        && services.is_array()
        && !services.items().is_empty()
        && services.items().iter().all(looks_like_service)
    {
        return services
            .items()
            .iter()
            .enumerate()
            .map(|(i, s)| {
                doc(
                    Kind::Service,
                    Form::DescribeService,
                    s,
                    join_index("/services", i),
                )
            })
            .collect();
    }
    // create-service / update-service output: {"service": {...}}.
    if let Some(inner) = root.get("service")
        && looks_like_service(inner)
    {
        return vec![doc(
            Kind::Service,
            Form::DescribeService,
            inner,
            "/service".into(),
        )];
    }
    if looks_like_service(root) {
        return vec![doc(Kind::Service, service_form(root), root, String::new())];
    }
    if looks_like_policy(root) {
        return vec![doc(
            Kind::LifecyclePolicy,
            Form::Policy,
            root,
            String::new(),
        )];
    }
    if root.member("lifecyclePolicyText").is_some() {
        let form = if root.member("lastEvaluatedAt").is_some() {
            Form::GetPolicy
        } else {
            Form::PutPolicy
        };
        let inner = embedded.iter().find_map(|e| e.root.as_ref());
        // A policy written as an object where AWS wants a string is still checked as a policy
        // (the schema check reports the type).
        let (node, pointer) = match (inner, root.get("lifecyclePolicyText")) {
            (Some(n), _) => (n, "/lifecyclePolicyText".to_string()),
            (None, Some(obj)) if looks_like_policy(obj) => (obj, "/lifecyclePolicyText".into()),
            _ => (root, String::new()),
        };
        return vec![Document {
            kind: Kind::LifecyclePolicy,
            form,
            node,
            pointer,
            outer: Some((root, String::new())),
            dialect: at::Dialect::Api,
            link: None,
        }];
    }
    if is_text(root.get("repositoryName"))
        && REPOSITORY_KEYS.iter().any(|k| root.member(k).is_some())
    {
        return vec![doc(
            Kind::Repository,
            Form::CreateRepository,
            root,
            String::new(),
        )];
    }
    if is_text(root.get("clusterName"))
        && CLUSTER_KEYS.iter().any(|k| root.member(k).is_some())
        && root.member("serviceName").is_none()
        && root.member("taskDefinition").is_none()
    {
        return vec![doc(Kind::Cluster, Form::CreateCluster, root, String::new())];
    }
    Vec::new()
}

/// Fields only `create-cluster` input has (with `clusterName`).
const CLUSTER_KEYS: &[&str] = &[
    "settings",
    "configuration",
    "capacityProviders",
    "defaultCapacityProviderStrategy",
    "serviceConnectDefaults",
];

/// The candidate closest to `word`, if it is close enough to be a likely typo: at most a
/// third of the word's length (but at least 2) edits away, ignoring ASCII case, fewer edits
/// than the word has characters, and nearer than every other candidate. A tie says nothing.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).max(2).min(len.saturating_sub(1));
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    let mut tied = false;
    for c in candidates {
        if c == word {
            continue;
        }
        let d = strsim::levenshtein(&lower, &c.to_ascii_lowercase());
        match best {
            _ if d > limit => {}
            Some((b, prev)) if d == b => tied |= prev != c,
            Some((b, _)) if d > b => {}
            _ => (best, tied) = (Some((d, c)), false),
        }
    }
    best.filter(|_| !tied).map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_through_escapes() {
        // raw: {\"a\":\u00e9}  decoded: {"a":é}
        let raw = r#"{\"a\":\u00e9}"#;
        let o = decoded_offsets(raw, "{\"a\":\u{e9}}".len()).unwrap();
        assert_eq!(o[0], 0); // {
        assert_eq!(o[1], 1); // " from \"
        assert_eq!(o[2], 3); // a
        assert_eq!(o[5], 7); // é from \u00e9 (both bytes)
        assert_eq!(o[6], 7);
        assert_eq!(o[7], 13); // }
        assert_eq!(o[8], raw.len());
        // a surrogate pair is one 4-byte character
        let o = decoded_offsets(r"x\ud83d\ude00y", "x\u{1F600}y".len()).unwrap();
        assert_eq!((o[1], o[5]), (1, 13));
        assert!(decoded_offsets("abc", 2).is_none());
    }
}
