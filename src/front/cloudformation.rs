//! CloudFormation front end (hand-written templates, SAM, CDK output; JSON or YAML).
//!
//! Each `AWS::ECS::TaskDefinition`, `AWS::ECS::Service` and `AWS::ECR::Repository` resource
//! is lowered to the API request it stands for, so every rule runs on it unchanged:
//!
//! - **Names** come from the generated table ([`crate::document::cfn_names`]): `Privileged`
//!   → `privileged`, `PlacementStrategies` → `placementStrategy`, `EFSVolumeConfiguration` →
//!   `efsVolumeConfiguration`. Map-valued properties (`Options`, `DockerLabels`) keep their
//!   keys. A property the table does not know keeps its name, so the schema check reports it
//!   (with a suggestion); CloudFormation-only properties (`TaskDefinitionArn`) are left out.
//! - **Types** are coerced as CloudFormation coerces them: `Cpu: 256` is the string `"256"`,
//!   `Memory: "512"` the integer 512, `Essential: "true"` a boolean.
//! - **Intrinsics** (`Ref`, `Fn::Sub`, `Fn::GetAtt`, `Fn::ImportValue`, `Fn::FindInMap`, ...,
//!   long and short forms) are unknown values: rules stay silent on them. A `Ref` to a
//!   parameter is unknown too, even with a `Default`: a deployment may pass any value.
//!   `Fn::Join` of literal strings and `Fn::Sub` of a string without `${` are known.
//! - **`Fn::If`** is checked in each branch: a resource whose properties use conditions is
//!   lowered once per combination of their values (all combinations up to
//!   [`MAX_CONDITIONS`] conditions; beyond that, all true and all false), and findings that
//!   are the same in several are reported once. `!Ref AWS::NoValue` removes the key or item.

use std::borrow::Cow;

use super::{Front, Lowered};
use crate::diagnostic::{Anchor, Finding, Loc};
use crate::document::at::Dialect;
use crate::document::cfn_names::{self, ANY, Shape, Ty};
use crate::document::{Form, Kind};
use crate::tree::{Member, Node, Unknown, UnknownKind, Value, escape_token};

/// Conditions of one resource whose every combination is checked.
pub const MAX_CONDITIONS: usize = 3;

/// Is this parsed file a CloudFormation template? By content: `AWSTemplateFormatVersion`, or
/// `Resources` holding a resource with an `AWS::` type.
pub fn is_template(root: &Node) -> bool {
    if !root.is_object() {
        return false;
    }
    if root.member("AWSTemplateFormatVersion").is_some() {
        return true;
    }
    root.get("Resources").is_some_and(|r| {
        r.members().iter().any(|m| {
            m.value
                .get("Type")
                .and_then(Node::str)
                .is_some_and(|t| t.starts_with("AWS::"))
        })
    })
}

/// The long form of a short-form tag: `!If` → `Fn::If`, `!Ref` → `Ref`.
pub fn long_name(tag: &str) -> Cow<'static, str> {
    match tag.strip_prefix('!').unwrap_or(tag) {
        "Ref" => "Ref".into(),
        "Condition" => "Condition".into(),
        other => format!("Fn::{other}").into(),
    }
}

/// The intrinsic function a node is, if it is one: its long name and its argument.
pub fn intrinsic(node: &Node) -> Option<(Cow<'static, str>, &Node)> {
    match &node.value {
        Value::Object(members) if members.len() == 1 => {
            let m = &members[0];
            (m.key == "Ref" || m.key == "Condition" || m.key.starts_with("Fn::"))
                .then(|| (Cow::Owned(m.key.clone()), &m.value))
        }
        Value::Unknown(Unknown {
            kind: UnknownKind::Tag(tag),
            inner: Some(inner),
            ..
        }) if tag.starts_with('!') && !tag.starts_with("!!") => Some((long_name(tag), inner)),
        _ => None,
    }
}

/// The resource types ecslint reads, as the API document each one is.
fn kind_of(rtype: &str) -> Option<(Kind, Form)> {
    Some(match rtype {
        "AWS::ECS::TaskDefinition" => (Kind::TaskDefinition, Form::Register),
        // Checked as create-service input whose name may come from CloudFormation.
        "AWS::ECS::Service" => (Kind::Service, Form::ServiceDefinition),
        "AWS::ECR::Repository" => (Kind::Repository, Form::CreateRepository),
        "AWS::ECS::Cluster" => (Kind::Cluster, Form::CreateCluster),
        _ => return None,
    })
}

/// Lower a template's ECS and ECR resources.
pub fn lower(root: &Node, body: &str, templates: bool) -> Front {
    let mut front = Front {
        dialect: Dialect::CloudFormation,
        ..Front::default()
    };
    let Some(resources) = root.get("Resources") else {
        return front;
    };
    let file = crate::document::facts::text_hash(body);
    let identity = |id: &str| format!("cfn:{file:016x}/{id}");
    for m in resources.members() {
        let id = m.key.as_str();
        let Some(rtype) = m.value.get("Type").and_then(Node::str) else {
            continue;
        };
        let (Some((kind, form)), Some(shape)) = (kind_of(rtype), cfn_names::resource(rtype)) else {
            continue;
        };
        let base = format!("/Resources/{}", escape_token(id));
        let (props, pointer) = match m.value.member("Properties") {
            Some(p) if p.value.is_object() => (Some(&p.value), format!("{base}/Properties")),
            // A repository with no properties still is one (with the defaults).
            None if kind == Kind::Repository => (None, base.clone()),
            _ => continue,
        };
        let link = match kind {
            Kind::TaskDefinition => Some(identity(id)),
            Kind::Service => props
                .and_then(|p| p.get("TaskDefinition"))
                .and_then(referenced)
                .filter(|target| {
                    resources
                        .get(target)
                        .and_then(|r| r.get("Type"))
                        .and_then(Node::str)
                        == Some("AWS::ECS::TaskDefinition")
                })
                .map(identity),
            _ => None,
        };
        let mut conditions = Vec::new();
        if let Some(p) = props {
            collect_conditions(p, &mut conditions);
        }
        for (n, choice) in scenarios(&conditions).iter().enumerate() {
            let lowerer = Lowerer {
                body,
                choice,
                unknown: (n == 0).then(|| std::cell::RefCell::new(&mut front.findings)),
            };
            let lowered = match props {
                None => Node {
                    span: m.value.span,
                    value: Value::Object(Vec::new()),
                },
                Some(p) => match lowerer.value(p, shape) {
                    Some(n) if n.is_object() => n,
                    _ => continue,
                },
            };
            // The lifecycle policy in its string, once (conditions around it are rare).
            if kind == Kind::Repository
                && n == 0
                && let Some(policy) = props.and_then(|p| p.get("LifecyclePolicy"))
                && let Some(text) = policy.member("LifecyclePolicyText")
                && text.value.str().is_some()
            {
                let text_pointer = format!("{pointer}/LifecyclePolicy/LifecyclePolicyText");
                if let Some(e) =
                    crate::document::embedded_at(&text.value, &text_pointer, body, templates)
                {
                    let mut request = vec![Member {
                        key: "lifecyclePolicyText".into(),
                        key_span: text.key_span,
                        value: text.value.clone(),
                    }];
                    if let Some(name) = lowered.member("repositoryName") {
                        request.push(name.clone());
                    }
                    front.embedded.push(e);
                    front.lowered.push(Lowered {
                        kind: Kind::LifecyclePolicy,
                        form: Form::PutPolicy,
                        root: Box::new(Node {
                            span: policy.span,
                            value: Value::Object(request),
                        }),
                        pointer: format!("{pointer}/LifecyclePolicy"),
                        policy: Some(front.embedded.len() - 1),
                        link: None,
                    });
                }
            }
            front.lowered.push(Lowered {
                kind,
                form,
                root: Box::new(lowered),
                pointer: pointer.clone(),
                policy: None,
                link: link.clone(),
            });
        }
    }
    front
}

/// One entry of a resource's `Metadata.ecslint.ignore` list.
pub struct Inline {
    /// The rule as written (a code or a name).
    pub rule: Option<String>,
    pub reason: Option<String>,
    /// The resource (`/Resources/Web`): findings at or under it are suppressed.
    pub pointer: String,
    /// The entry, for reporting on it.
    pub span: crate::tree::Span,
}

/// The suppressions a template writes in its resources' metadata:
///
/// ```yaml
/// Metadata:
///   ecslint:
///     ignore:
///       - rule: ECS104
///         reason: the entrypoint switches to uid 1000 itself
/// ```
pub fn inline_ignores(root: &Node) -> Vec<Inline> {
    let mut out = Vec::new();
    let Some(resources) = root.get("Resources") else {
        return out;
    };
    for m in resources.members() {
        let Some(list) = m
            .value
            .get("Metadata")
            .and_then(|md| md.get("ecslint"))
            .and_then(|e| e.get("ignore"))
        else {
            continue;
        };
        let pointer = format!("/Resources/{}", escape_token(&m.key));
        let entries: Vec<&Node> = match &list.value {
            Value::Array(items) => items.iter().collect(),
            _ => vec![list],
        };
        for e in entries {
            out.push(Inline {
                rule: e.get("rule").and_then(Node::str).map(str::to_string),
                reason: e
                    .get("reason")
                    .and_then(Node::str)
                    .filter(|r| !r.trim().is_empty())
                    .map(str::to_string),
                pointer: pointer.clone(),
                span: e.span,
            });
        }
    }
    out
}

/// The resource a `Ref` or `Fn::GetAtt` names.
fn referenced(node: &Node) -> Option<&str> {
    let (name, arg) = intrinsic(node)?;
    match &*name {
        "Ref" => arg.str(),
        "Fn::GetAtt" => match &arg.value {
            Value::Array(items) => items.first().and_then(Node::str),
            Value::String { value, .. } => value.split('.').next(),
            _ => None,
        },
        _ => None,
    }
}

/// The names of the conditions `Fn::If` tests anywhere under `node`, in order of appearance.
fn collect_conditions(node: &Node, out: &mut Vec<String>) {
    if let Some((name, arg)) = intrinsic(node)
        && name == "Fn::If"
        && let Some(cond) = arg.items().first().and_then(Node::str)
        && !out.iter().any(|c| c == cond)
    {
        out.push(cond.to_string());
    }
    match &node.value {
        Value::Object(members) => members
            .iter()
            .for_each(|m| collect_conditions(&m.value, out)),
        Value::Array(items) => items.iter().for_each(|n| collect_conditions(n, out)),
        Value::Unknown(Unknown {
            inner: Some(inner), ..
        }) => collect_conditions(inner, out),
        _ => {}
    }
}

/// The combinations of condition values to check.
fn scenarios(conditions: &[String]) -> Vec<Vec<(String, bool)>> {
    if conditions.is_empty() {
        return vec![Vec::new()];
    }
    let with = |f: &dyn Fn(usize) -> bool| -> Vec<(String, bool)> {
        conditions
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), f(i)))
            .collect()
    };
    if conditions.len() > MAX_CONDITIONS {
        return vec![with(&|_| true), with(&|_| false)];
    }
    (0..1usize << conditions.len())
        .map(|bits| with(&|i| bits & (1 << i) == 0))
        .collect()
}

struct Lowerer<'a> {
    body: &'a str,
    choice: &'a [(String, bool)],
    /// Properties CloudFormation does not know, reported (once per resource) here: they are
    /// left out of the lowered document, as the schema check would read them as API names.
    unknown: Option<std::cell::RefCell<&'a mut Vec<Finding>>>,
}

impl Lowerer<'_> {
    /// `node` in the API's shape at the place `shape` describes; `None` when it is removed
    /// (`AWS::NoValue`).
    fn value(&self, node: &Node, shape: &'static Shape) -> Option<Node> {
        if let Some((name, arg)) = intrinsic(node) {
            return self.intrinsic(node, &name, arg, shape);
        }
        match &node.value {
            Value::Object(members) => {
                let verbatim = shape.ty == Ty::Map || shape.props.is_empty();
                let mut out = Vec::with_capacity(members.len());
                for m in members {
                    let (key, child) = if verbatim {
                        (m.key.clone(), &ANY)
                    } else {
                        match shape.props.get(&m.key) {
                            Some(c) => match &c.api {
                                Some(api) => (api.clone(), c),
                                None => continue,
                            },
                            None => {
                                self.report_unknown(m, shape);
                                continue;
                            }
                        }
                    };
                    let child = if shape.ty == Ty::Map {
                        values_shape(shape.values)
                    } else {
                        child
                    };
                    if let Some(value) = self.value(&m.value, child) {
                        out.push(Member {
                            key,
                            key_span: m.key_span,
                            value,
                        });
                    }
                }
                Some(Node {
                    span: node.span,
                    value: Value::Object(out),
                })
            }
            Value::Array(items) => {
                let item = shape.item.as_deref().unwrap_or(&ANY);
                Some(Node {
                    span: node.span,
                    value: Value::Array(items.iter().filter_map(|n| self.value(n, item)).collect()),
                })
            }
            _ => Some(coerce(node, shape.ty)),
        }
    }

    fn report_unknown(&self, m: &Member, shape: &Shape) {
        let Some(out) = &self.unknown else {
            return;
        };
        let help = match closest_property(&m.key, shape) {
            Some(close) => {
                format!("did you mean `{close}`? CloudFormation property names are case-sensitive")
            }
            None => "remove it: CloudFormation rejects properties the resource type does not have"
                .into(),
        };
        out.borrow_mut().push(Finding::new(
            &crate::codes::SCHEMA_VIOLATION,
            format!("unknown property `{}`", m.key),
            Some(help),
            Loc::node(&m.value, Anchor::Key),
        ));
    }

    fn intrinsic(
        &self,
        node: &Node,
        name: &str,
        arg: &Node,
        shape: &'static Shape,
    ) -> Option<Node> {
        match name {
            "Fn::If" => {
                if let [cond, yes, no] = arg.items()
                    && let Some(cond) = cond.str()
                {
                    let take = self
                        .choice
                        .iter()
                        .find(|(c, _)| c == cond)
                        .is_none_or(|(_, v)| *v);
                    return self.value(if take { yes } else { no }, shape);
                }
            }
            "Ref" if arg.str() == Some("AWS::NoValue") => return None,
            "Fn::Join" => {
                if let [sep, parts] = arg.items()
                    && let Some(sep) = sep.str()
                    && parts.is_array()
                {
                    let strings: Option<Vec<String>> = parts
                        .items()
                        .iter()
                        .map(|p| {
                            self.value(p, &ANY)
                                .and_then(|n| n.str().map(str::to_string))
                        })
                        .collect();
                    if let Some(strings) = strings {
                        return Some(known_string(node, strings.join(sep), shape.ty));
                    }
                }
            }
            "Fn::Sub" => {
                if let Some(s) = arg.str()
                    && !s.contains("${")
                {
                    return Some(known_string(node, s.to_string(), shape.ty));
                }
            }
            _ => {}
        }
        let source = self.body.get(node.span.start..node.span.end).unwrap_or("");
        Some(Node {
            span: node.span,
            value: Value::Unknown(Unknown::new(
                UnknownKind::Intrinsic(name.to_string()),
                source,
            )),
        })
    }
}

/// An intrinsic whose value is a known string (a `Fn::Join` of literals), in place of `node`.
fn known_string(node: &Node, value: String, ty: Ty) -> Node {
    let string = Node {
        span: node.span,
        value: Value::String {
            value,
            templated: false,
        },
    };
    coerce(&string, ty)
}

/// The shape of a map's values (`Options` holds strings).
fn values_shape(ty: Ty) -> &'static Shape {
    static STRING: std::sync::LazyLock<Shape> = std::sync::LazyLock::new(|| Shape {
        api: None,
        ty: Ty::String,
        props: Default::default(),
        item: None,
        values: Ty::Any,
    });
    match ty {
        Ty::String => &STRING,
        _ => &ANY,
    }
}

/// The property of `shape` a mistyped name most likely means: the same letters in another
/// case, else one within two edits.
fn closest_property<'s>(name: &str, shape: &'s Shape) -> Option<&'s str> {
    if let Some(k) = shape.props.keys().find(|k| k.eq_ignore_ascii_case(name)) {
        return Some(k);
    }
    let lower = name.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for k in shape.props.keys() {
        let d = strsim::levenshtein(&lower, &k.to_ascii_lowercase());
        if d <= 2 && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

/// A scalar as CloudFormation passes it on where the API wants `ty`: any scalar is a string
/// where a string belongs, a numeric string a number, `"true"`/`"True"`/`"TRUE"` (and false) a
/// boolean. What cannot be coerced is left for the schema check to report.
pub(crate) fn coerce(node: &Node, ty: Ty) -> Node {
    let value = match (&node.value, ty) {
        (Value::Number(n), Ty::String) => Value::String {
            value: number_text(*n),
            templated: false,
        },
        (Value::Bool(b), Ty::String) => Value::String {
            value: b.to_string(),
            templated: false,
        },
        (
            Value::String {
                value,
                templated: false,
            },
            Ty::Integer,
        ) => match value.trim().parse::<i64>() {
            Ok(n) => Value::Number(n as f64),
            Err(_) => return node.clone(),
        },
        (
            Value::String {
                value,
                templated: false,
            },
            Ty::Number,
        ) => match value.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Value::Number(n),
            _ => return node.clone(),
        },
        (
            Value::String {
                value,
                templated: false,
            },
            Ty::Boolean,
        ) => match value.as_str() {
            "true" | "True" | "TRUE" => Value::Bool(true),
            "false" | "False" | "FALSE" => Value::Bool(false),
            _ => return node.clone(),
        },
        _ => return node.clone(),
    };
    Node {
        span: node.span,
        value,
    }
}

/// A number as a template's author would write it as a string: `256`, `0.5`.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Rewrite the API field names a message quotes (between backticks) into the names
/// CloudFormation uses: "`privileged: true`" → "`Privileged: true`", "`linuxParameters.
/// capabilities.add`" → "`LinuxParameters.Capabilities.Add`". Only words that are API field
/// names the table knows change, and only before a `:`, `.`, `[` or the closing backtick.
pub fn rename_in_message(message: &str) -> Cow<'_, str> {
    if !message.contains('`') {
        return message.into();
    }
    let mut out = String::with_capacity(message.len() + 8);
    let mut changed = false;
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 0 {
            out.push_str(part);
            continue;
        }
        // Inside backticks: the path before any `:`/`=`/space is field names.
        let end = part.find([':', ' ', '=', '(', '"']).unwrap_or(part.len());
        let (path, rest) = part.split_at(end);
        let mut first = true;
        for segment in path.split('.') {
            if !first {
                out.push('.');
            }
            first = false;
            let (word, index) = match segment.find('[') {
                Some(b) => segment.split_at(b),
                None => (segment, ""),
            };
            // `host` is also a network mode: renamed only as part of a path.
            let value_word = word == "host" && path == word && !rest.starts_with(':');
            match cfn_names::cfn_name(word) {
                Some(cfn) if !word.is_empty() && !value_word => {
                    changed |= cfn != word;
                    out.push_str(cfn);
                }
                _ => out.push_str(word),
            }
            out.push_str(index);
        }
        // JSON members quoted in the text: `"user": "1000:1000"` → `"User": "1000:1000"`.
        let mut rest = Cow::Borrowed(rest);
        if rest.contains("\":") {
            let mut renamed = String::with_capacity(rest.len() + 4);
            for (j, piece) in rest.split('"').enumerate() {
                if j > 0 {
                    renamed.push('"');
                }
                let is_key = j % 2 == 1;
                match cfn_names::cfn_name(piece).filter(|_| is_key) {
                    Some(cfn) => {
                        changed |= cfn != piece;
                        renamed.push_str(cfn);
                    }
                    None => renamed.push_str(piece),
                }
            }
            rest = Cow::Owned(renamed);
        }
        out.push_str(&rest);
    }
    if changed { out.into() } else { message.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Node {
        let p = crate::parse::parse(text, crate::parse::Syntax::Yaml, true);
        assert!(p.error.is_none(), "{:?}", p.error);
        p.root.unwrap()
    }

    #[test]
    fn lowers_names_types_and_intrinsics() {
        let text = "Resources:\n  TD:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 256\n      Family: !Ref Name\n      ContainerDefinitions:\n        - Name: app\n          Essential: \"true\"\n          Memory: \"512\"\n          Privileged: true\n          DockerLabels: {Team: x}\n        - !If [Extra, {Name: side}, !Ref AWS::NoValue]\n";
        let root = parse(text);
        assert!(is_template(&root));
        let front = lower(&root, text, true);
        // One condition: two scenarios.
        assert_eq!(front.lowered.len(), 2);
        let td = &front.lowered[0].root;
        assert_eq!(td.get("cpu").and_then(Node::str), Some("256"));
        assert!(td.get("family").unwrap().is_unknown());
        let containers = td.get("containerDefinitions").unwrap().items();
        assert_eq!(containers.len(), 2);
        let c = &containers[0];
        assert_eq!(c.get("essential").and_then(Node::bool), Some(true));
        assert_eq!(c.get("memory").and_then(Node::int), Some(512));
        assert_eq!(c.get("privileged").and_then(Node::bool), Some(true));
        assert!(c.get("dockerLabels").unwrap().get("Team").is_some());
        assert_eq!(
            front.lowered[1]
                .root
                .get("containerDefinitions")
                .unwrap()
                .items()
                .len(),
            1
        );
        // The written place of a lowered node.
        let (ptr, _, _) =
            super::super::written_pointer(&root, &[], c.get("privileged").unwrap().span);
        assert_eq!(
            ptr,
            "/Resources/TD/Properties/ContainerDefinitions/0/Privileged"
        );
        let side = &containers[1];
        let (ptr, _, _) = super::super::written_pointer(&root, &[], side.span);
        assert_eq!(
            ptr,
            "/Resources/TD/Properties/ContainerDefinitions/1/Fn::If/1"
        );
    }

    #[test]
    fn messages_use_template_names() {
        assert_eq!(
            rename_in_message(
                "container `web` sets `privileged: true`; see `linuxParameters.capabilities.add`"
            ),
            "container `web` sets `Privileged: true`; see `LinuxParameters.Capabilities.Add`"
        );
        assert_eq!(rename_in_message("no backticks"), "no backticks");
    }

    #[test]
    fn scenario_counts() {
        assert_eq!(scenarios(&[]).len(), 1);
        assert_eq!(scenarios(&["a".into(), "b".into()]).len(), 4);
        assert_eq!(scenarios(&vec!["c".to_string(); 5]).len(), 2);
    }
}
