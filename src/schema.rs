//! Schema check: validate a document against the JSON Schemas generated from the botocore
//! ECS model (`schemas/ecs-task-definition.schema.json`), and turn every schema error into a
//! plain-language diagnostic with a span. Raw jsonschema errors never reach the user.

use std::sync::{LazyLock, OnceLock};

use crate::tree_json::{Tree, View};

type Validator = jsonschema::Validator<Tree>;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::{Map, Value as Json};

use crate::codes::SCHEMA_VIOLATION;
use crate::diagnostic::{Anchor, Finding, Loc, Severity};
use crate::document::{Document, Form, Kind};
use crate::tree::{Node, Value};

/// A bundled schema file; its `$defs` are shared by every validator built from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum File {
    Task,
    Service,
    Ecr,
    Lifecycle,
    Cluster,
}

static DEFS: LazyLock<[Json; 5]> = LazyLock::new(|| {
    let defs = |text: &str| -> Json {
        let schema: Json = serde_json::from_str(text).expect("bundled schema is valid JSON");
        schema["$defs"].clone()
    };
    [
        defs(include_str!("../schemas/ecs-task-definition.schema.json")),
        defs(include_str!("../schemas/ecs-service.schema.json")),
        defs(include_str!("../schemas/ecr-repository.schema.json")),
        defs(include_str!("../schemas/ecr-lifecycle-policy.schema.json")),
        defs(include_str!("../schemas/ecs-cluster.schema.json")),
    ]
});

impl File {
    fn defs(self) -> &'static Json {
        &DEFS[self as usize]
    }
}

/// What one validation checks: a root shape of one schema file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Register,
    TaskDefinition,
    Containers,
    CreateService,
    UpdateService,
    Service,
    LifecyclePolicy,
    PutLifecyclePolicy,
    GetLifecyclePolicy,
    CreateRepository,
    CreateCluster,
}

const TARGETS: usize = 11;

impl Target {
    fn file(self) -> File {
        match self {
            Target::Register | Target::TaskDefinition | Target::Containers => File::Task,
            Target::CreateService | Target::UpdateService | Target::Service => File::Service,
            Target::LifecyclePolicy => File::Lifecycle,
            Target::PutLifecyclePolicy | Target::GetLifecyclePolicy | Target::CreateRepository => {
                File::Ecr
            }
            Target::CreateCluster => File::Cluster,
        }
    }

    fn root(self) -> Json {
        match self {
            Target::Register => reference("RegisterTaskDefinitionRequest"),
            Target::TaskDefinition => reference("TaskDefinition"),
            Target::Containers => {
                serde_json::json!({"type": "array", "items": {"$ref": "#/$defs/ContainerDefinition"}})
            }
            Target::CreateService => reference("CreateServiceRequest"),
            Target::UpdateService => reference("UpdateServiceRequest"),
            Target::Service => reference("Service"),
            Target::LifecyclePolicy => reference("LifecyclePolicy"),
            Target::PutLifecyclePolicy => reference("PutLifecyclePolicyRequest"),
            Target::GetLifecyclePolicy => reference("GetLifecyclePolicyResponse"),
            Target::CreateRepository => reference("CreateRepositoryRequest"),
            Target::CreateCluster => reference("CreateClusterRequest"),
        }
    }

    fn validator(self) -> &'static Validator {
        static VALIDATORS: [OnceLock<Validator>; TARGETS] = [const { OnceLock::new() }; TARGETS];
        VALIDATORS[self as usize].get_or_init(|| validator(self.file(), self.root()))
    }
}

fn validator(file: File, root: Json) -> Validator {
    let mut schema = Map::new();
    schema.insert(
        "$schema".into(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    schema.insert("$defs".into(), reachable(file.defs(), &root));
    if let Json::Object(m) = root {
        schema.extend(m);
    }
    jsonschema::options_for::<Tree>()
        .should_validate_formats(false)
        .build(&Json::Object(schema))
        .expect("bundled schema compiles")
}

/// Only the definitions `root` can reach: a validator compiles what it is given, and the
/// files hold the shapes of several roots (compiling less is most of a one-file run's time).
fn reachable(defs: &Json, root: &Json) -> Json {
    fn refs<'a>(v: &'a Json, out: &mut Vec<&'a str>) {
        match v {
            Json::Object(m) => {
                for (k, x) in m {
                    if k == "$ref"
                        && let Some(name) = x.as_str().and_then(|r| r.strip_prefix("#/$defs/"))
                    {
                        out.push(name);
                    }
                    refs(x, out);
                }
            }
            Json::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut keep = Map::new();
    let mut todo = Vec::new();
    refs(root, &mut todo);
    while let Some(name) = todo.pop() {
        if keep.contains_key(name) {
            continue;
        }
        if let Some(def) = defs.get(name) {
            keep.insert(name.to_string(), def.clone());
            refs(def, &mut todo);
        }
    }
    Json::Object(keep)
}

fn reference(def: &str) -> Json {
    serde_json::json!({ "$ref": format!("#/$defs/{def}") })
}

/// The tree as a serde_json value. Unknown values become `null`; errors on them are dropped.
pub fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null | Value::Unknown(_) => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => {
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                Json::from(*n as i64)
            } else {
                serde_json::Number::from_f64(*n).map_or(Json::Null, Json::Number)
            }
        }
        Value::String { value, .. } => Json::String(value.clone()),
        Value::Array(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Object(members) => Json::Object(
            members
                .iter()
                .map(|m| (m.key.clone(), to_json(&m.value)))
                .collect(),
        ),
    }
}

pub use crate::document::closest;

/// Follow a schema path (keyword location) through `$ref`s to the subschema it names.
fn subschema<'a>(defs: &'a Json, validator_root: &'a Json, path: &str) -> Option<&'a Json> {
    let mut cur = validator_root;
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        cur = if seg == "$defs" {
            defs // the next segment names a definition
        } else if seg == "$ref" {
            let target = cur.get("$ref")?.as_str()?.strip_prefix("#/$defs/")?;
            defs.get(target)?
        } else {
            match cur {
                Json::Object(m) => m.get(seg)?,
                Json::Array(a) => a.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            }
        };
    }
    Some(cur)
}

fn json_type(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

fn type_words(kind: &TypeKind) -> String {
    let one = |t: &jsonschema::JsonType| match t.to_string().as_str() {
        "integer" => "an integer".to_string(),
        "array" => "an array".to_string(),
        "object" => "an object".to_string(),
        other => format!("a {other}"),
    };
    match kind {
        TypeKind::Single(t) => one(t),
        TypeKind::Multiple(set) => set.iter().map(|t| one(&t)).collect::<Vec<_>>().join(" or "),
    }
}

/// Name a location for messages: "container `web`", "`/volumes/0`".
fn place(doc: &Scope, pointer: &str) -> String {
    let rel = pointer.strip_prefix(doc.pointer).unwrap_or(pointer);
    let container_path = if doc.form == Form::ContainerArray {
        Some(rel)
    } else {
        rel.strip_prefix("/containerDefinitions")
    };
    if let Some(rest) = container_path
        && let Some(idx) = rest
            .strip_prefix('/')
            .and_then(|r| r.split('/').next())
            .and_then(|i| i.parse::<usize>().ok())
    {
        let base = if doc.form == Form::ContainerArray {
            format!("/{idx}")
        } else {
            format!("/containerDefinitions/{idx}")
        };
        let name = doc
            .node
            .pointer(&base)
            .and_then(|(c, _)| c.get("name").and_then(Node::raw_str).map(str::to_string));
        let inner = rest.splitn(3, '/').nth(2).unwrap_or("");
        let who = name.map_or(format!("container #{}", idx + 1), |n| {
            format!("container `{n}`")
        });
        return if inner.is_empty() {
            who
        } else {
            format!("`{}` of {who}", inner.replace('/', "."))
        };
    }
    if rel.is_empty() {
        match (doc.kind, doc.outer) {
            (_, true) => "the request".into(),
            (Kind::TaskDefinition, _) => "the task definition".into(),
            (Kind::Service, _) => "the service".into(),
            (Kind::LifecyclePolicy, _) => "the lifecycle policy".into(),
            (Kind::Repository, _) => "the repository settings".into(),
            (Kind::Cluster, _) => "the cluster".into(),
        }
    } else {
        format!("`{}`", rel.trim_start_matches('/').replace('/', "."))
    }
}

/// Fields of CreateService that UpdateService does not take, and what to do instead.
fn update_cannot_change(field: &str) -> Option<&'static str> {
    Some(match field {
        "launchType" => {
            "a service's launch type is fixed at creation; switch to capacity providers with `capacityProviderStrategy` (an empty list goes back to the launch type), or create a new service"
        }
        "serviceName" => {
            "update-service names the service with `service`; a service cannot be renamed"
        }
        "schedulingStrategy" | "role" | "clientToken" => {
            "it is fixed when the service is created: remove it here, or create a new service to change it"
        }
        "tags" => "tag a service with `aws ecs tag-resource`, not update-service",
        _ => return None,
    })
}

fn last_segment(pointer: &str) -> String {
    let seg = pointer.rsplit('/').next().unwrap_or("");
    seg.replace("~1", "/").replace("~0", "~")
}

fn shorten(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() > 60 {
        format!("{}…", clean.chars().take(60).collect::<String>())
    } else {
        clean
    }
}

/// One validation: a node, where it is, and what it is.
struct Scope<'a> {
    node: &'a Node,
    pointer: &'a str,
    kind: Kind,
    form: Form,
    /// The put/get request around an embedded lifecycle policy.
    outer: bool,
    /// A CloudFormation resource: names that CloudFormation generates may be left out.
    template: bool,
}

/// Validate one document; schema errors become ECS003 findings.
pub fn check(doc: &Document, findings: &mut Vec<Finding>) {
    let main = Scope {
        node: doc.node,
        pointer: &doc.pointer,
        kind: doc.kind,
        form: doc.form,
        outer: false,
        template: doc.dialect != crate::document::at::Dialect::Api,
    };
    let target = match doc.form {
        Form::Register => Target::Register,
        Form::Describe | Form::Wrapped => Target::TaskDefinition,
        Form::ContainerArray => Target::Containers,
        Form::CreateService => Target::CreateService,
        Form::UpdateService => Target::UpdateService,
        Form::DescribeService => Target::Service,
        // Checked as create-service input without its name; fields that describe-services
        // prints (`platformFamily`), which deploy tools keep, are let through.
        Form::ServiceDefinition => Target::CreateService,
        Form::Policy | Form::PutPolicy | Form::GetPolicy => Target::LifecyclePolicy,
        Form::CreateRepository => Target::CreateRepository,
        Form::CreateCluster => Target::CreateCluster,
    };
    // A template's lifecycle policy request is CloudFormation's: only the policy is checked.
    if let Some((outer, pointer)) = doc.outer.as_ref().filter(|_| !main.template) {
        let request = Scope {
            node: outer,
            pointer,
            kind: doc.kind,
            form: doc.form,
            outer: true,
            template: false,
        };
        let target = if doc.form == Form::GetPolicy {
            Target::GetLifecyclePolicy
        } else {
            Target::PutLifecyclePolicy
        };
        validate(&request, target, findings);
        // No policy was found inside: its text did not parse (reported) or is not one.
        if std::ptr::eq(*outer, doc.node) {
            return;
        }
    }
    validate(&main, target, findings);
}

fn validate(doc: &Scope, target: Target, findings: &mut Vec<Finding>) {
    let validator = target.validator();
    if validator.is_valid(View(doc.node)) {
        return;
    }
    let root = target.root();
    let defs = target.file().defs();
    let read_only: &[&str] = match doc.form {
        Form::Describe | Form::Wrapped => crate::document::READ_ONLY_FIELDS,
        Form::DescribeService => crate::document::SERVICE_READ_ONLY_FIELDS,
        _ => &[],
    };
    let mut nulls: Vec<(usize, String, &Node)> = Vec::new();
    // Unknown fields with a rename fix (added after the others: `push` holds `findings`).
    let mut renamed: Vec<Finding> = Vec::new();
    let mut push = |at: Loc, message: String, help: Option<String>| {
        findings.push(Finding::new(&SCHEMA_VIOLATION, message, help, at));
    };
    for error in validator.iter_errors(View(doc.node)) {
        let rel = error.instance_path().as_str().to_string();
        let pointer = format!("{}{}", doc.pointer, rel);
        // An embedded policy is checked on its own; its string is not an error here.
        if doc.outer && rel == "/lifecyclePolicyText" && error.instance().is_string() {
            continue;
        }
        let Some((node, _)) = doc.node.pointer(&rel) else {
            continue;
        };
        if node.is_unknown() {
            continue;
        }
        // Read-only describe fields are reported once per document by ECS004.
        if let Some(first) = rel.strip_prefix('/').and_then(|r| r.split('/').next())
            && read_only.contains(&first)
        {
            continue;
        }
        // null: one finding per document (below); "" in an enum: deploy tools drop it.
        if error.instance().is_null() {
            if doc.form != Form::ContainerArray {
                nulls.push((node.span.start, pointer, node));
            }
            continue;
        }
        if matches!(error.kind(), ValidationErrorKind::Enum { .. })
            && error.instance().as_str() == Some("")
        {
            continue;
        }
        let field = last_segment(&pointer);
        let here = place(doc, &pointer);
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed: Vec<String> = subschema(
                    defs,
                    &root,
                    error
                        .schema_path()
                        .as_str()
                        .trim_end_matches("/additionalProperties"),
                )
                .and_then(|s| {
                    s.get("properties")
                        .and_then(Json::as_object)
                        .map(|p| p.keys().cloned().collect())
                })
                .unwrap_or_default();
                for name in unexpected {
                    if doc.form == Form::ServiceDefinition
                        && rel.is_empty()
                        && File::Service.defs()["Service"]["properties"]
                            .get(name.as_str())
                            .is_some()
                    {
                        continue;
                    }
                    let Some(m) = node.member(name) else {
                        continue;
                    };
                    let at = Loc::node(&m.value, Anchor::Key);
                    let inside = if rel.is_empty() && doc.form != Form::ContainerArray {
                        String::new()
                    } else {
                        format!(" in {here}")
                    };
                    let mut help = None;
                    if doc.form == Form::UpdateService
                        && let Some(why) = update_cannot_change(name)
                    {
                        push(
                            at,
                            format!("update-service cannot change `{name}`"),
                            Some(why.into()),
                        );
                        continue;
                    }
                    if let Some(close) = closest(name, allowed.iter().map(String::as_str)) {
                        help = Some(format!("did you mean `{close}`?"));
                        // Renamed, unless the right name is already there (two members
                        // would then hold one field). A change of case or of one character
                        // is surely the field meant; a farther guess is unsafe.
                        if node.member(close).is_none() {
                            let near = close.eq_ignore_ascii_case(name)
                                || strsim::levenshtein(close, name) <= 1;
                            let mut f = Finding::new(
                                &SCHEMA_VIOLATION,
                                format!("unknown field `{name}`{inside}"),
                                help,
                                at,
                            );
                            f.fix_as(
                                if near {
                                    crate::diagnostic::Applicability::Safe
                                } else {
                                    crate::diagnostic::Applicability::Unsafe
                                },
                                format!("rename `{name}` to `{close}`"),
                                vec![crate::diagnostic::Change::rename(&m.value, close)],
                            );
                            renamed.push(f);
                            continue;
                        }
                    } else if matches!(doc.form, Form::Register | Form::CreateService)
                        && (crate::document::READ_ONLY_FIELDS.contains(&name.as_str())
                            && doc.kind == Kind::TaskDefinition
                            || crate::document::SERVICE_READ_ONLY_FIELDS.contains(&name.as_str())
                                && doc.kind == Kind::Service)
                    {
                        continue; // reported once per document by ECS004
                    } else if !allowed.is_empty() {
                        help =
                            Some("remove it: the AWS API rejects fields it does not know".into());
                    }
                    push(at, format!("unknown field `{name}`{inside}"), help);
                }
            }
            ValidationErrorKind::Type { kind } => {
                let expected = type_words(kind);
                let found = json_type(error.instance().as_ref());
                let mut help = None;
                if let Json::String(s) = error.instance().as_ref() {
                    if expected.contains("boolean") && (s == "true" || s == "false") {
                        help = Some(format!("write {s} without quotes"));
                    } else if expected.contains("integer") && s.trim().parse::<i64>().is_ok() {
                        help = Some(format!("write {} without quotes", s.trim()));
                    }
                } else if expected.contains("string")
                    && matches!(error.instance().as_ref(), Json::Number(_) | Json::Bool(_))
                {
                    help = Some(format!(
                        "put the value in double quotes: \"{}\"",
                        error.instance()
                    ));
                } else if field == "tags" && expected == "an array" {
                    help = Some(
                        "write tags as a list of objects: `[{\"key\": \"team\", \"value\": \"web\"}]` (ECR uses `Key`/`Value`)"
                            .into(),
                    );
                } else if expected == "an array" {
                    help = Some(format!("write `{field}` as a JSON list: `[ ... ]`"));
                } else if expected == "an object" {
                    help = Some(format!("write `{field}` as a JSON object: `{{ ... }}`"));
                }
                let found_desc = match error.instance().as_ref() {
                    Json::String(s) => format!("the string \"{}\"", shorten(s)),
                    _ => found.to_string(),
                };
                push(
                    Loc::node(node, Anchor::Value),
                    format!("`{field}` must be {expected}, found {found_desc}"),
                    help,
                );
            }
            ValidationErrorKind::Enum { options } => {
                let opts: Vec<String> = options
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|o| o.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                let found = error.instance().as_str().map_or_else(
                    || json_type(error.instance().as_ref()).to_string(),
                    |s| format!("`{}`", shorten(s)),
                );
                let help = error.instance().as_str().and_then(|s| {
                    opts.iter()
                        .find(|o| o.eq_ignore_ascii_case(s))
                        .cloned()
                        .or_else(|| closest(s, opts.iter().map(String::as_str)).map(str::to_string))
                });
                let field_name = if field.parse::<usize>().is_ok() {
                    last_segment(pointer.rsplit_once('/').map_or("", |p| p.0))
                } else {
                    field.clone()
                };
                push(
                    Loc::node(node, Anchor::Value),
                    format!(
                        "`{field_name}` must be one of {} (found {found})",
                        opts.join(", ")
                    ),
                    help.map(|h| format!("did you mean `{h}`? Values are case-sensitive")),
                );
            }
            ValidationErrorKind::Required { property } => {
                let prop = property.as_str().unwrap_or("?");
                // The service's name often comes from the command line (`--service`) or the
                // deploy tool's own config, not from the file.
                if rel.is_empty()
                    && matches!(
                        (doc.form, prop),
                        (Form::ServiceDefinition, "serviceName") | (Form::UpdateService, "service")
                    )
                {
                    continue;
                }
                // CloudFormation names the family, service and repository when none is given.
                if doc.template
                    && rel.is_empty()
                    && matches!(prop, "family" | "serviceName" | "repositoryName")
                {
                    continue;
                }
                push(
                    Loc::node(node, Anchor::Head),
                    format!("{here} is missing the required field `{prop}`"),
                    Some(format!("add `{prop}`")),
                );
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit } => {
                push(
                    Loc::node(node, Anchor::Value),
                    format!(
                        "`{field}` is {}, below the minimum of {limit}",
                        error.instance()
                    ),
                    Some(format!("use a value of at least {limit}")),
                );
            }
            ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => {
                push(
                    Loc::node(node, Anchor::Value),
                    format!(
                        "`{field}` is {}, above the maximum of {limit}",
                        error.instance()
                    ),
                    Some(format!("use a value of at most {limit}")),
                );
            }
            ValidationErrorKind::MinLength { limit } => {
                let msg = if *limit == 1 {
                    format!("`{field}` must not be empty")
                } else {
                    format!("`{field}` is shorter than {limit} characters")
                };
                push(Loc::node(node, Anchor::Value), msg, None);
            }
            ValidationErrorKind::MaxLength { limit } => {
                push(
                    Loc::node(node, Anchor::Value),
                    format!("`{field}` is longer than {limit} characters"),
                    None,
                );
            }
            ValidationErrorKind::Pattern { pattern } => {
                let value = error.instance().as_str().map(shorten).unwrap_or_default();
                let help = match pattern.as_str() {
                    "^[A-Za-z0-9_-]{1,255}$" => "use up to 255 letters, digits, hyphens and underscores".to_string(),
                    "^[a-z0-9_][a-z0-9_-]{0,63}$" => "use up to 64 lower-case letters, digits, hyphens and underscores, not starting with a hyphen".to_string(),
                    p => format!("the value must match the pattern `{p}`"),
                };
                push(
                    Loc::node(node, Anchor::Value),
                    format!("`{field}` value `{value}` is not allowed"),
                    Some(help),
                );
            }
            ValidationErrorKind::MinItems { limit } => {
                push(
                    Loc::node(node, Anchor::Value),
                    format!(
                        "`{field}` needs at least {limit} item{}",
                        if *limit == 1 { "" } else { "s" }
                    ),
                    None,
                );
            }
            ValidationErrorKind::MaxItems { limit } => {
                push(
                    Loc::node(node, Anchor::Value),
                    format!("`{field}` has more than {limit} items, the most AWS accepts"),
                    None,
                );
            }
            ValidationErrorKind::MaxProperties { limit: 1 }
            | ValidationErrorKind::MinProperties { limit: 1 } => {
                push(
                    Loc::node(node, Anchor::Value),
                    format!("`{field}` must set exactly one of its fields"),
                    None,
                );
            }
            _ => {
                push(
                    Loc::node(node, Anchor::Value),
                    format!("{here} does not match the AWS API model"),
                    None,
                );
            }
        }
    }
    nulls.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    nulls.dedup_by(|a, b| (a.0, &a.1) == (b.0, &b.1));
    if let Some((_, first, first_node)) = nulls.first() {
        let n = nulls.len();
        let what = if n == 1 {
            format!("`{}` is null", last_segment(first))
        } else {
            format!("{n} fields are null (first: `{}`)", last_segment(first))
        };
        let severity = if matches!(
            doc.form,
            Form::Register | Form::CreateService | Form::UpdateService | Form::PutPolicy
        ) {
            Severity::Warning
        } else {
            Severity::Info
        };
        let mut f = Finding::new(
            &SCHEMA_VIOLATION,
            format!("{what}; the AWS CLI (botocore) rejects null values, though most deploy tools drop them first"),
            Some("remove fields you do not set instead of writing null (describe-task-definition exports often contain them)".into()),
            Loc::node(first_node, Anchor::Value),
        );
        f.severity = severity;
        findings.push(f);
    }
    findings.extend(renamed);
}

#[cfg(test)]
mod tests {
    use super::check;
    #[test]
    fn unknown_fields_get_a_did_you_mean() {
        let text = r#"{"family": "f", "containerDefinitions": [{"name": "app", "image": "nginx:1", "memoryReservaton": 128}]}"#;
        let parsed = crate::parse::parse(text, crate::parse::Syntax::Json, true);
        let root = parsed.root.expect("parses");
        let docs = crate::document::recognise(&root, &[]);
        let mut findings = Vec::new();
        check(&docs[0], &mut findings);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(
            findings[0].help.as_deref(),
            Some("did you mean `memoryReservation`?")
        );
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            super::closest("memoryReservaton", ["memory", "memoryReservation", "name"]),
            Some("memoryReservation")
        );
        assert_eq!(super::closest("zzz", ["memory"]), None);
    }

    #[test]
    fn suggestions_are_close_unique_and_case_blind() {
        use super::closest;
        // Case alone is a typo; the word itself is no suggestion.
        assert_eq!(closest("MEMORY", ["memory", "cpu"]), Some("memory"));
        assert_eq!(closest("memory", ["memory"]), None);
        // The limit: a third of the length, at least 2 ...
        let rule = "container-runs-as-root";
        assert_eq!(closest("container-runs-as-rot", [rule]), Some(rule));
        assert_eq!(closest("contianer-runs-as-rot", [rule]), Some(rule));
        assert_eq!(closest("image", ["imgae"]), Some("imgae"));
        assert_eq!(closest("images", ["imgae"]), None);
        // ... but never every character of a short word.
        assert_eq!(closest("ab", ["xy"]), None);
        assert_eq!(closest("ab", ["abc"]), Some("abc"));
        assert_eq!(closest("a", ["b"]), None);
        assert_eq!(closest("", ["b"]), None);
        // The nearest wins, whatever the order; a tie between two names is no suggestion.
        assert_eq!(closest("cpuu", ["cp", "cpu"]), Some("cpu"));
        assert_eq!(closest("cpuu", ["cpu", "cp"]), Some("cpu"));
        assert_eq!(closest("host", ["hosts", "ghost"]), None);
        // The same name twice is still one name.
        assert_eq!(closest("web1", ["web", "web", "db"]), Some("web"));
        // Unicode counts characters, not bytes.
        assert_eq!(closest("caf\u{e9}s", ["caf\u{e9}"]), Some("caf\u{e9}"));
    }
}
