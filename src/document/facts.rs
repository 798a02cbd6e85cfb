//! Link facts: the little the per-file pass keeps about each document for the
//! cross-document stage (family, task definition reference, repositories), and how
//! references are read.

use super::{Kind, View};
use crate::tree::{Node, Span};

/// What the per-file pass remembers about one document for linking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    pub kind: Kind,
    /// Task definition: its family. Service: the family its `taskDefinition` names.
    pub family: Option<String>,
    /// Task definition: ECR repositories of its images. Policy / repository settings: the
    /// repository it belongs to.
    pub repositories: Vec<String>,
}

/// What the per-file pass remembers about one file.
#[derive(Debug, Default)]
pub struct FileKeys {
    pub keys: Vec<Key>,
    /// Secret spans, so snippets shown again are masked again.
    pub secrets: Vec<Span>,
    /// Hash of the text these facts were read from ([`text_hash`]): the cross-document
    /// stage uses a file again only if its text is the same.
    pub text_hash: u64,
}

/// The hash that identifies a file's text between the passes of one run.
pub fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// The family a `taskDefinition` reference names: `family`, `family:3`, or an ARN.
pub fn family_of_reference(reference: &str) -> Option<&str> {
    let tail = match reference.strip_prefix("arn:") {
        Some(_) => reference.split_once(":task-definition/")?.1,
        None => reference,
    };
    let family = tail.split(':').next()?;
    (!family.is_empty()).then_some(family)
}

/// An ECR image reference split into repository and tag:
/// `123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2` → (`team/app`, `Some("1.2")`).
/// Digest references have no tag.
pub fn ecr_image(image: &str) -> Option<(&str, Option<&str>)> {
    let (host, rest) = image.split_once('/')?;
    let mut parts = host.split('.');
    let account = parts.next()?;
    if account.len() != 12
        || !account.bytes().all(|b| b.is_ascii_digit())
        || parts.next() != Some("dkr")
        || !matches!(parts.next(), Some("ecr" | "ecr-fips"))
    {
        return None;
    }
    if let Some((repo, _digest)) = rest.split_once('@') {
        return Some((repo, None));
    }
    match rest.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => Some((repo, Some(tag))),
        _ => Some((rest, None)),
    }
}

/// The key of one document, read from the view the rules already used.
pub fn key(view: &View) -> Key {
    match view {
        View::Task(task) => {
            let mut repositories: Vec<String> = task
                .containers()
                .iter()
                .filter_map(|c| c.node.get("image").and_then(Node::str))
                .filter_map(ecr_image)
                .map(|(r, _)| r.to_string())
                .collect();
            repositories.sort();
            repositories.dedup();
            Key {
                kind: Kind::TaskDefinition,
                family: task
                    .link
                    .or_else(|| task.get("family").and_then(Node::str))
                    .map(str::to_string),
                repositories,
            }
        }
        View::Service(service) => Key {
            kind: Kind::Service,
            family: service
                .task_link
                .or_else(|| service.str("taskDefinition").and_then(family_of_reference))
                .map(str::to_string),
            repositories: Vec::new(),
        },
        View::Policy(policy) => Key {
            kind: Kind::LifecyclePolicy,
            family: None,
            repositories: policy
                .repository()
                .map(str::to_string)
                .into_iter()
                .collect(),
        },
        View::Cluster(_) => Key {
            kind: Kind::Cluster,
            family: None,
            repositories: Vec::new(),
        },
        View::Repository(repo) => Key {
            kind: Kind::Repository,
            family: None,
            repositories: repo.name().map(str::to_string).into_iter().collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(family_of_reference("web"), Some("web"));
        assert_eq!(family_of_reference("web:12"), Some("web"));
        assert_eq!(
            family_of_reference("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3"),
            Some("web")
        );
        assert_eq!(
            family_of_reference("arn:aws:ecs:eu-west-1:1:service/x"),
            None
        );
    }

    #[test]
    fn images() {
        assert_eq!(
            ecr_image("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2"),
            Some(("team/app", Some("1.2")))
        );
        assert_eq!(
            ecr_image("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:abc"),
            Some(("app", None))
        );
        assert_eq!(
            ecr_image("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app"),
            Some(("app", None))
        );
        assert_eq!(ecr_image("nginx:1.25"), None);
        assert_eq!(ecr_image("public.ecr.aws/nginx/nginx:1"), None);
    }
}
