//! The view of an ECS cluster (`create-cluster` input, a CloudFormation `AWS::ECS::Cluster`,
//! a Terraform `aws_ecs_cluster`).

use super::Document;
use super::at::{At, Dialect};
use crate::diagnostic::Loc;
use crate::tree::Node;

pub struct Cluster<'a> {
    /// The request object, located.
    pub at: At<'a>,
    pub node: &'a Node,
}

impl<'a> Cluster<'a> {
    pub fn new(doc: &'a Document<'a>) -> Cluster<'a> {
        Cluster {
            at: At::root(doc.node, Dialect::Api),
            node: doc.node,
        }
    }

    pub fn name(&self) -> Option<&'a str> {
        self.node.get("clusterName").and_then(Node::str)
    }

    /// A field of the request, located.
    pub fn field(&self, api: &str) -> Option<At<'a>> {
        self.at.field(api)
    }

    /// The `settings` entry with this `name` (`containerInsights`), located.
    pub fn setting(&self, name: &str) -> Option<At<'a>> {
        self.at
            .field("settings")?
            .items()
            .find(|s| s.field("name").and_then(|n| n.str()) == Some(name))
    }

    /// `configuration.executeCommandConfiguration`, located.
    pub fn exec_configuration(&self) -> Option<At<'a>> {
        self.at
            .field("configuration")?
            .field("executeCommandConfiguration")
    }

    /// Where a missing setting would go: the cluster's identifying line.
    pub fn missing(&self, api: &str) -> Loc {
        match self.at.field("clusterName") {
            Some(name) => name.member_loc(),
            None => self.at.missing(api),
        }
    }

    /// How messages name the cluster: "cluster `main`", or "the cluster".
    pub fn label(&self) -> String {
        match self.name() {
            Some(n) => format!("cluster `{n}`"),
            None => "the cluster".into(),
        }
    }
}
