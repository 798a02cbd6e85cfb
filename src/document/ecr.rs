//! Typed views over ECR documents: lifecycle policies and repository settings.

use super::{Document, Form};
use crate::tree::{Node, join, join_index};

/// A lifecycle policy (`{"rules": [...]}`), wherever it was written.
pub struct Policy<'a> {
    pub node: &'a Node,
    pub pointer: &'a str,
    pub form: Form,
    /// The put/get request around a policy held in a string.
    pub outer: Option<&'a Node>,
    pub rules: Vec<PolicyRule<'a>>,
}

/// One rule of a lifecycle policy, its fields read the way ECR reads them.
pub struct PolicyRule<'a> {
    pub node: &'a Node,
    pub pointer: String,
    pub index: usize,
    pub priority: Option<i64>,
    /// `selection.tagStatus` as written (`tagged`, `untagged`, `any`).
    pub tag_status: Option<&'a str>,
    pub prefixes: Option<Vec<&'a str>>,
    pub patterns: Option<Vec<&'a str>>,
    /// `selection.storageClass`, default `standard`.
    pub storage_class: &'a str,
    pub count_type: Option<&'a str>,
    pub count_unit: Option<&'a str>,
    pub count_number: Option<f64>,
    pub action: Option<&'a str>,
    /// Any field holds a template placeholder: its meaning is not known.
    pub templated: bool,
}

fn strings(node: Option<&Node>) -> Option<Vec<&str>> {
    node.map(|l| l.items().iter().filter_map(Node::str).collect())
}

fn has_unknown(node: &Node) -> bool {
    node.is_unknown()
        || node.items().iter().any(has_unknown)
        || node.members().iter().any(|m| has_unknown(&m.value))
}

impl<'a> Policy<'a> {
    pub fn new(doc: &'a Document<'a>) -> Policy<'a> {
        let base = join(&doc.pointer, "rules");
        let rules = doc
            .node
            .get("rules")
            .map(|r| {
                r.items()
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| n.is_object())
                    .map(|(index, node)| {
                        let sel = node.get("selection");
                        let field = |k: &str| sel.and_then(|s| s.get(k));
                        PolicyRule {
                            node,
                            pointer: join_index(&base, index),
                            index,
                            priority: node.get("rulePriority").and_then(Node::int),
                            tag_status: field("tagStatus").and_then(Node::str),
                            prefixes: strings(field("tagPrefixList")),
                            patterns: strings(field("tagPatternList")),
                            storage_class: field("storageClass")
                                .and_then(Node::str)
                                .unwrap_or("standard"),
                            count_type: field("countType").and_then(Node::str),
                            count_unit: field("countUnit").and_then(Node::str),
                            count_number: field("countNumber").and_then(Node::number),
                            action: node
                                .get("action")
                                .and_then(|a| a.get("type"))
                                .and_then(Node::str),
                            templated: has_unknown(node),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        Policy {
            node: doc.node,
            pointer: &doc.pointer,
            form: doc.form,
            outer: doc.outer.as_ref().map(|(n, _)| *n),
            rules,
        }
    }

    /// The repository the policy belongs to, when the document names it.
    pub fn repository(&self) -> Option<&'a str> {
        self.outer
            .and_then(|o| o.get("repositoryName"))
            .and_then(Node::str)
    }
}

impl PolicyRule<'_> {
    pub fn ptr(&self, key: &str) -> String {
        join(&self.pointer, key)
    }

    pub fn selection_ptr(&self, key: &str) -> String {
        join(&join(&self.pointer, "selection"), key)
    }

    pub fn selection(&self, key: &str) -> Option<&Node> {
        self.node.get("selection").and_then(|s| s.get(key))
    }

    /// Does this rule select an image carrying `tag` (before counting)?
    pub fn selects_tag(&self, tag: &str) -> Option<bool> {
        match self.tag_status? {
            "any" => Some(true),
            "untagged" => Some(false),
            "tagged" => {
                if let Some(p) = &self.prefixes {
                    Some(!p.is_empty() && p.iter().all(|p| tag.starts_with(p)))
                } else {
                    self.patterns
                        .as_ref()
                        .map(|p| !p.is_empty() && p.iter().all(|p| wildcard(p, tag)))
                }
            }
            _ => None,
        }
    }
}

/// `*` matches any run of characters (ECR tag patterns).
pub fn wildcard(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// `create-repository` input.
pub struct Repository<'a> {
    pub node: &'a Node,
    pub pointer: &'a str,
}

impl<'a> Repository<'a> {
    pub fn new(doc: &'a Document<'a>) -> Repository<'a> {
        Repository {
            node: doc.node,
            pointer: &doc.pointer,
        }
    }

    pub fn name(&self) -> Option<&'a str> {
        self.node.get("repositoryName").and_then(Node::str)
    }

    pub fn ptr(&self, key: &str) -> String {
        join(self.pointer, key)
    }
}

#[cfg(test)]
mod tests {
    use super::wildcard;

    #[test]
    fn wildcards() {
        assert!(wildcard("prod*", "prod-1"));
        assert!(wildcard("*test*1*2*3", "xtest-1-2-3"));
        assert!(!wildcard("*test*1*2*3", "xtest-1-2-"));
        assert!(wildcard("v*", "v"));
        assert!(!wildcard("a*a", "a"));
        assert!(wildcard("latest", "latest"));
    }
}
