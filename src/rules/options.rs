//! Options some rules read, set in `ecslint.toml`'s `[options]`.

use globset::GlobMatcher;

/// Options some rules read.
#[derive(Debug, Default, Clone)]
pub struct RuleOptions {
    /// Extra environment variable names (case-insensitive, `*` wildcards) that ECS103 treats
    /// as secrets.
    pub secret_names: Vec<GlobMatcher>,
    /// When set, ECS120 also reports log drivers outside this list.
    pub allowed_log_drivers: Option<Vec<String>>,
    /// When set, ECS119 also reports images from registries outside this list: each pattern
    /// as written, and compiled (`*` wildcards).
    pub allowed_registries: Option<Vec<(String, GlobMatcher)>>,
    /// When set, ECS012 reports task definitions, services and repositories that lack one of
    /// these tag keys (case-sensitive, as AWS tag keys are).
    pub required_tags: Option<Vec<String>>,
}

impl RuleOptions {
    /// Does an allowed-registries pattern match this image name (without tag or digest, as
    /// [`image_registry`] gives it), or its registry alone?
    pub fn registry_allowed(&self, registry: &str, name: &str) -> bool {
        let (registry, name) = (registry.to_ascii_lowercase(), name.to_ascii_lowercase());
        self.allowed_registries.as_ref().is_none_or(|list| {
            list.iter()
                .any(|(_, g)| g.is_match(&registry) || g.is_match(&name))
        })
    }

    pub fn extra_secret_name(&self, name: &str) -> bool {
        let upper = name.to_ascii_uppercase();
        self.secret_names.iter().any(|g| g.is_match(&upper))
    }
}

/// An image reference's registry and its full name without tag or digest, the way Docker
/// reads it: a first component with a `.` or `:` (or `localhost`) is a registry host;
/// anything else is on Docker Hub (`nginx` is `docker.io/library/nginx`).
pub fn image_registry(image: &str) -> (String, String) {
    let without_digest = image.split('@').next().unwrap_or(image);
    let (path, last) = match without_digest.rsplit_once('/') {
        Some((p, l)) => (Some(p), l),
        None => (None, without_digest),
    };
    let last = last.split(':').next().unwrap_or(last);
    let name = match path {
        Some(p) => format!("{p}/{last}"),
        None => last.to_string(),
    };
    let first = name.split('/').next().unwrap_or("");
    if name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost") {
        (first.to_ascii_lowercase(), name)
    } else if name.contains('/') {
        ("docker.io".to_string(), format!("docker.io/{name}"))
    } else {
        ("docker.io".to_string(), format!("docker.io/library/{name}"))
    }
}

#[cfg(test)]
mod tests {
    use super::image_registry;

    #[test]
    fn registries() {
        let r = |i: &str| image_registry(i);
        assert_eq!(
            r("nginx"),
            ("docker.io".into(), "docker.io/library/nginx".into())
        );
        assert_eq!(
            r("nginx:1.27"),
            ("docker.io".into(), "docker.io/library/nginx".into())
        );
        assert_eq!(
            r("bitnami/redis:7"),
            ("docker.io".into(), "docker.io/bitnami/redis".into())
        );
        assert_eq!(
            r("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:1.2@sha256:ab"),
            (
                "123456789012.dkr.ecr.us-east-1.amazonaws.com".into(),
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app".into()
            )
        );
        assert_eq!(
            r("localhost:5000/app"),
            ("localhost:5000".into(), "localhost:5000/app".into())
        );
        assert_eq!(
            r("public.ecr.aws/nginx/nginx:1"),
            ("public.ecr.aws".into(), "public.ecr.aws/nginx/nginx".into())
        );
    }
}
