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
}

impl RuleOptions {
    pub fn extra_secret_name(&self, name: &str) -> bool {
        let upper = name.to_ascii_uppercase();
        self.secret_names.iter().any(|g| g.is_match(&upper))
    }
}
