//! Typed view over a service request (`create-service`, `update-service`, describe output).

use super::at::{At, Dialect};
use super::{Document, Form};
use crate::diagnostic::Loc;
use crate::tree::Node;

pub struct Service<'a> {
    /// The service object, located.
    pub at: At<'a>,
    pub node: &'a Node,
    pub form: Form,
    /// The identity of the task definition the service runs, when its template names it as
    /// a resource (`TaskDefinition: !Ref TaskDef`).
    pub task_link: Option<&'a str>,
}

/// How the service's tasks are placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capacity {
    /// `launchType: FARGATE`, or a strategy of only `FARGATE`/`FARGATE_SPOT` providers.
    Fargate,
    /// `launchType: EC2`, or a strategy naming only Auto Scaling group providers.
    Ec2,
    External,
    /// Neither stated (the cluster's default strategy decides), or a placeholder.
    Unknown,
}

impl<'a> Service<'a> {
    pub fn new(doc: &'a Document<'a>) -> Service<'a> {
        Service {
            at: At::root(doc.node, Dialect::Api),
            node: doc.node,
            form: doc.form,
            task_link: doc.link.as_deref(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// A field of the service, located.
    pub fn field(&self, api: &str) -> Option<At<'a>> {
        self.at.field(api)
    }

    /// Where a missing field would go (the service's name line, else its opening brace).
    pub fn missing(&self, api: &str) -> Loc {
        self.at.missing(api)
    }

    /// The service's identifying line.
    pub fn head(&self) -> Loc {
        self.at.head()
    }

    /// `deploymentConfiguration.<key>`, located.
    pub fn deployment_field(&self, api: &str) -> Option<At<'a>> {
        self.field("deploymentConfiguration")
            .and_then(|d| d.field(api))
    }

    /// `networkConfiguration.awsvpcConfiguration`, located.
    pub fn awsvpc_config(&self) -> Option<At<'a>> {
        self.field("networkConfiguration")
            .and_then(|n| n.field("awsvpcConfiguration"))
    }

    /// `networkConfiguration.awsvpcConfiguration.<key>`, located.
    pub fn awsvpc_field(&self, api: &str) -> Option<At<'a>> {
        self.awsvpc_config().and_then(|a| a.field(api))
    }

    /// `loadBalancers` entries that are objects, located.
    pub fn load_balancer_entries(&self) -> Vec<At<'a>> {
        self.field("loadBalancers")
            .map(|l| l.items().filter(At::is_object).collect())
            .unwrap_or_default()
    }

    /// `loadBalancers` entries that are objects, located, each with its index in the list
    /// (non-object entries are skipped but counted).
    pub fn indexed_load_balancer_entries(&self) -> Vec<(usize, At<'a>)> {
        self.field("loadBalancers")
            .map(|l| {
                l.items()
                    .enumerate()
                    .filter(|(_, n)| n.is_object())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `deploymentController.type`, located (no default).
    pub fn controller_field(&self) -> Option<At<'a>> {
        self.field("deploymentController")
            .and_then(|c| c.field("type"))
    }

    /// The field `api` when it is set to a known, non-empty value (see [`is_set`]), located.
    pub fn set_field(&self, api: &str) -> Option<At<'a>> {
        self.field(api).filter(|a| is_set(Some(a.node())))
    }

    /// `capacityProviderStrategy[].capacityProvider` names with their located values.
    pub fn provider_entries(&self) -> Vec<(&'a str, At<'a>)> {
        self.field("capacityProviderStrategy")
            .map(|s| {
                s.items()
                    .filter_map(|item| item.field("capacityProvider"))
                    .filter_map(|p| p.str().map(|name| (name, p)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Where the service is said to run on Fargate (see [`Service::fargate_loc`]).
    pub fn fargate_at(&self) -> Loc {
        match self
            .field("launchType")
            .filter(|l| is_given(Some(l.node())))
        {
            Some(l) => l.member_loc(),
            None => match self.field("capacityProviderStrategy") {
                Some(c) => c.key_loc(),
                None => self.head(),
            },
        }
    }

    /// A string field, `None` when absent, not a string, or templated.
    pub fn str(&self, key: &str) -> Option<&'a str> {
        self.node.get(key).and_then(Node::str)
    }

    /// `update-service` input: fields it cannot change are not members, `service` names it.
    pub fn is_update(&self) -> bool {
        self.form == Form::UpdateService
    }

    /// The service's name for messages.
    pub fn name(&self) -> Option<&'a str> {
        self.str("serviceName").or_else(|| self.str("service"))
    }

    pub fn launch_type(&self) -> Option<&'a str> {
        self.str("launchType")
    }

    pub fn capacity(&self) -> Capacity {
        match self.launch_type() {
            Some("FARGATE") => return Capacity::Fargate,
            Some("EC2") => return Capacity::Ec2,
            Some("EXTERNAL") => return Capacity::External,
            // Describe output copied into deploy tools says `"launchType": ""` beside a
            // capacity provider strategy: an empty launch type is no launch type.
            Some("") | None => {}
            Some(_) => return Capacity::Unknown,
        }
        let providers = self.provider_entries();
        let listed = self
            .get("capacityProviderStrategy")
            .map_or(0, |s| s.items().len());
        if providers.is_empty() || providers.len() != listed {
            return Capacity::Unknown;
        }
        // User-named providers are Auto Scaling groups or Managed Instances: not knowable here.
        if providers
            .iter()
            .all(|(p, _)| matches!(*p, "FARGATE" | "FARGATE_SPOT"))
        {
            Capacity::Fargate
        } else {
            Capacity::Unknown
        }
    }

    /// `schedulingStrategy`, default `REPLICA`.
    pub fn scheduling(&self) -> &'a str {
        self.str("schedulingStrategy").unwrap_or("REPLICA")
    }

    /// `deploymentController.type`, default `ECS`; `None` when templated.
    pub fn controller(&self) -> Option<&'a str> {
        match self.get("deploymentController").and_then(|c| c.get("type")) {
            None => Some("ECS"),
            Some(t) => t.str(),
        }
    }

    /// `deploymentConfiguration.<key>`.
    pub fn deployment(&self, key: &str) -> Option<&'a Node> {
        self.get("deploymentConfiguration").and_then(|d| d.get(key))
    }

    /// `networkConfiguration.awsvpcConfiguration.<key>`.
    pub fn awsvpc(&self, key: &str) -> Option<&'a Node> {
        self.get("networkConfiguration")
            .and_then(|n| n.get("awsvpcConfiguration"))
            .and_then(|a| a.get(key))
    }

    /// Has a non-empty `loadBalancers` list (or a templated one).
    pub fn has_load_balancers(&self) -> bool {
        self.get("loadBalancers")
            .is_some_and(|l| l.is_unknown() || !l.items().is_empty())
    }
}

/// A value that counts as given: present, not `null`, and not an empty string, list or
/// object. Placeholders count as given (their value is unknown, not empty).
pub fn is_given(n: Option<&Node>) -> bool {
    use crate::tree::Value;
    match n.map(|n| &n.value) {
        None | Some(Value::Null) => false,
        Some(Value::String { value, .. }) => !value.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(m)) => !m.is_empty(),
        Some(_) => true,
    }
}

/// A value that is given and known: [`is_given`] and not a placeholder or templated string.
/// Rules that fire *because* something is set use this, so they stay silent on templates.
pub fn is_set(n: Option<&Node>) -> bool {
    is_given(n) && !n.is_some_and(Node::is_unknown)
}

/// Helpers for the service rules (ECS200–ECS299).
impl<'a> Service<'a> {
    /// `key` is given (see [`is_given`]).
    pub fn given(&self, key: &str) -> bool {
        is_given(self.get(key))
    }

    /// `key` is set to a known, non-empty value (see [`is_set`]).
    pub fn set(&self, key: &str) -> bool {
        is_set(self.get(key))
    }

    /// The service for messages: "service `web`", or "the service" when it has no name.
    pub fn label(&self) -> String {
        match self.name().filter(|n| !n.is_empty()) {
            Some(n) => format!("service `{}`", crate::diagnostic::shorten(n)),
            None => "the service".to_string(),
        }
    }

    /// Fields the request leaves out take their API default: create-service input, a service
    /// definition kept for a deploy tool, or describe output (which prints every setting).
    /// `update-service` input is the exception: what it leaves out keeps its current value.
    pub fn defaults_apply(&self) -> bool {
        !self.is_update()
    }

    /// `schedulingStrategy`, default `REPLICA`; `None` when templated or, for
    /// `update-service` input (which cannot change it), not known.
    pub fn scheduling_strategy(&self) -> Option<&'a str> {
        match self.get("schedulingStrategy") {
            Some(n) => n.str(),
            None if self.is_update() => None,
            None => Some("REPLICA"),
        }
    }

    /// `deploymentController.type`, default `ECS`; `None` when templated or, for
    /// `update-service` input without it, not known.
    pub fn controller_type(&self) -> Option<&'a str> {
        if self.is_update() && self.get("deploymentController").is_none() {
            return None;
        }
        self.controller()
    }

    /// `deploymentConfiguration.strategy`, default `ROLLING`; `None` when templated or, for
    /// `update-service` input without it, not known.
    pub fn deployment_strategy(&self) -> Option<&'a str> {
        match self.deployment("strategy") {
            Some(n) => n.str(),
            None if self.is_update() => None,
            None => Some("ROLLING"),
        }
    }

    /// An integer `deploymentConfiguration.<key>` as written (no default).
    pub fn deployment_int(&self, key: &str) -> Option<i64> {
        self.deployment(key).and_then(Node::int)
    }

    /// A few words on why the service runs on Fargate, for related locations.
    pub fn fargate_note(&self) -> &'static str {
        if self.given("launchType") {
            "the Fargate launch type"
        } else {
            "only Fargate capacity providers"
        }
    }
}
