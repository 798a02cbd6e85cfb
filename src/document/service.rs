//! Typed view over a service request (`create-service`, `update-service`, describe output).

use super::{Document, Form};
use crate::tree::{Node, join};

pub struct Service<'a> {
    pub node: &'a Node,
    pub pointer: &'a str,
    pub form: Form,
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
            node: doc.node,
            pointer: &doc.pointer,
            form: doc.form,
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// A string field, `None` when absent, not a string, or templated.
    pub fn str(&self, key: &str) -> Option<&'a str> {
        self.node.get(key).and_then(Node::str)
    }

    pub fn ptr(&self, key: &str) -> String {
        join(self.pointer, key)
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

    /// Provider names in `capacityProviderStrategy`, with their pointers.
    pub fn providers(&self) -> Vec<(&'a str, String)> {
        let base = self.ptr("capacityProviderStrategy");
        self.get("capacityProviderStrategy")
            .map(|s| {
                s.items()
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| {
                        item.get("capacityProvider")
                            .and_then(Node::str)
                            .map(|p| (p, format!("{base}/{i}/capacityProvider")))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn capacity(&self) -> Capacity {
        match self.launch_type() {
            Some("FARGATE") => return Capacity::Fargate,
            Some("EC2") => return Capacity::Ec2,
            Some("EXTERNAL") => return Capacity::External,
            Some(_) => return Capacity::Unknown,
            None => {}
        }
        let providers = self.providers();
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

    pub fn deployment_ptr(&self, key: &str) -> String {
        join(&self.ptr("deploymentConfiguration"), key)
    }

    /// `networkConfiguration.awsvpcConfiguration.<key>`.
    pub fn awsvpc(&self, key: &str) -> Option<&'a Node> {
        self.get("networkConfiguration")
            .and_then(|n| n.get("awsvpcConfiguration"))
            .and_then(|a| a.get(key))
    }

    pub fn awsvpc_ptr(&self, key: &str) -> String {
        format!(
            "{}/awsvpcConfiguration/{key}",
            self.ptr("networkConfiguration")
        )
    }

    /// `loadBalancers` entries with their pointers.
    pub fn load_balancers(&self) -> Vec<(&'a Node, String)> {
        let base = self.ptr("loadBalancers");
        self.get("loadBalancers")
            .map(|l| {
                l.items()
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| n.is_object())
                    .map(|(i, n)| (n, format!("{base}/{i}")))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Has a non-empty `loadBalancers` list (or a templated one).
    pub fn has_load_balancers(&self) -> bool {
        self.get("loadBalancers")
            .is_some_and(|l| l.is_unknown() || !l.items().is_empty())
    }
}
