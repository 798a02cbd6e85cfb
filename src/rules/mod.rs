//! The rule registry. One file per rule, named after its code and name
//! (`ecs104_container_runs_as_root.rs`); its documentation is `rules/<name>.md`, whose front
//! matter holds the summary, tags and precision. To add a rule: write the file, add it to
//! [`ALL`], write its doc and its fixtures (`fixtures/rules/<name>/fire-*.json`,
//! `pass-*.json`). Tests check that all four agree.

use std::sync::LazyLock;

use crate::diagnostic::{Finding, Loc, Severity};
use crate::document::ecr::{Policy, Repository};
use crate::document::service::Service;
use crate::document::taskdef::TaskDef;
use crate::tree::Span;

/// Declare a task-definition rule: `task_rule!("ECS104", "container-runs-as-root", Warning, check);`
macro_rules! task_rule {
    ($code:literal, $name:literal, $sev:ident, $check:path) => {
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            severity: $crate::diagnostic::Severity::$sev,
            doc: include_str!(concat!("../../rules/", $name, ".md")),
            check: $crate::rules::Check::TaskDefinition($check),
        };
    };
}

#[allow(unused_macros)]
/// Declare a rule of any kind: `rule!("ECS200", "name", Error, Service(check));`
macro_rules! rule {
    ($code:literal, $name:literal, $sev:ident, $variant:ident($check:path)) => {
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            severity: $crate::diagnostic::Severity::$sev,
            doc: include_str!(concat!("../../rules/", $name, ".md")),
            check: $crate::rules::Check::$variant($check),
        };
    };
}

pub mod meta;

mod ecs100_invalid_task_size;
mod ecs101_shared_task_execution_role;
mod ecs102_missing_execution_role;
mod ecs103_secret_in_environment;
mod ecs104_container_runs_as_root;
mod ecs105_writable_root_filesystem;
mod ecs106_network_mode;
mod ecs107_host_port_mismatch;
mod ecs108_privileged_container;
mod ecs109_fargate_unsupported_parameter;
mod ecs110_dangerous_capability;
mod ecs111_host_namespace;
mod ecs112_no_essential_container;
mod ecs113_duplicate_container_name;
mod ecs114_invalid_container_dependency;
mod ecs115_unknown_volume_reference;
mod ecs116_container_exceeds_task_resources;
mod ecs117_container_memory_missing;
mod ecs118_memory_reservation_exceeds_limit;
mod ecs119_unpinned_image;
mod ecs120_missing_log_configuration;
mod ecs121_too_many_containers;
// service rules (ECS200–ECS299): add `mod` lines above this comment
// lifecycle policy and repository rules (ECS300–ECS399): add `mod` lines above this comment
// cross-document rules (ECS400–ECS499): add `mod` lines above this comment

pub mod secrets;

/// What a rule checks.
#[derive(Debug)]
pub enum Check {
    /// Reported by a pipeline stage (parse, schema, discovery), not by a check function.
    Stage,
    /// Runs once per task definition.
    TaskDefinition(fn(&TaskDef, &mut Ctx)),
    /// Runs once per service.
    Service(fn(&Service, &mut Ctx)),
    /// Runs once per ECR lifecycle policy.
    LifecyclePolicy(fn(&Policy, &mut Ctx)),
    /// Runs once per ECR repository settings document.
    Repository(fn(&Repository, &mut Ctx)),
    /// Runs once per run, over the documents that link to each other.
    Cross(fn(&crate::link::Links, &mut crate::link::CrossCtx)),
}

#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// The rule's documentation, `rules/<name>.md`, front matter included.
    pub doc: &'static str,
    pub check: Check,
}

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &meta::INVALID_JSON,
    &meta::DUPLICATE_KEY,
    &meta::SCHEMA_VIOLATION,
    &meta::READ_ONLY_FIELD,
    &meta::UNQUOTED_PLACEHOLDER,
    &meta::NUMERIC_TASK_SIZE,
    &meta::NOT_AN_ECS_DOCUMENT,
    &meta::UNREADABLE_FILE,
    &meta::INTERNAL_ERROR,
    &ecs100_invalid_task_size::RULE,
    &ecs101_shared_task_execution_role::RULE,
    &ecs102_missing_execution_role::RULE,
    &ecs103_secret_in_environment::RULE,
    &ecs104_container_runs_as_root::RULE,
    &ecs105_writable_root_filesystem::RULE,
    &ecs106_network_mode::RULE,
    &ecs107_host_port_mismatch::RULE,
    &ecs108_privileged_container::RULE,
    &ecs109_fargate_unsupported_parameter::RULE,
    &ecs110_dangerous_capability::RULE,
    &ecs111_host_namespace::RULE,
    &ecs112_no_essential_container::RULE,
    &ecs113_duplicate_container_name::RULE,
    &ecs114_invalid_container_dependency::RULE,
    &ecs115_unknown_volume_reference::RULE,
    &ecs116_container_exceeds_task_resources::RULE,
    &ecs117_container_memory_missing::RULE,
    &ecs118_memory_reservation_exceeds_limit::RULE,
    &ecs119_unpinned_image::RULE,
    &ecs120_missing_log_configuration::RULE,
    &ecs121_too_many_containers::RULE,
    // service rules (ECS200–ECS299): add entries above this comment
    // lifecycle policy and repository rules (ECS300–ECS399): add entries above this comment
    // cross-document rules (ECS400–ECS499): add entries above this comment
];

/// Find a rule by code (`ECS104`, any case) or name (`container-runs-as-root`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Where rule docs are published.
pub const DOCS_BASE: &str = "https://github.com/ecslint/ecslint/blob/main/rules/";

/// Metadata from a rule doc's front matter.
#[derive(Debug, Default, Clone)]
pub struct FrontMatter {
    pub fields: Vec<(String, String)>,
    pub body: &'static str,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn list(&self, key: &str) -> Vec<String> {
        self.get(key)
            .map(|v| {
                v.trim_start_matches('[')
                    .trim_end_matches(']')
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Parse `---\nkey: value\n...\n---\nbody`.
pub fn front_matter(doc: &'static str) -> FrontMatter {
    let Some(rest) = doc.strip_prefix("---\n") else {
        return FrontMatter {
            fields: Vec::new(),
            body: doc,
        };
    };
    let Some(end) = rest.find("\n---\n") else {
        return FrontMatter {
            fields: Vec::new(),
            body: doc,
        };
    };
    let fields = rest[..end]
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
        .collect();
    FrontMatter {
        fields,
        body: &rest[end + 5..],
    }
}

static FRONT: LazyLock<Vec<FrontMatter>> =
    LazyLock::new(|| ALL.iter().map(|r| front_matter(r.doc)).collect());

impl Rule {
    pub fn front(&self) -> &'static FrontMatter {
        let i = ALL
            .iter()
            .position(|r| r.code == self.code)
            .expect("rule is registered");
        &FRONT[i]
    }

    pub fn summary(&self) -> &'static str {
        self.front().get("summary").unwrap_or("")
    }

    pub fn url(&self) -> String {
        format!("{DOCS_BASE}{}.md", self.name)
    }
}

/// What a check function reports into.
pub struct Ctx<'r> {
    pub rule: &'static Rule,
    pub findings: &'r mut Vec<Finding>,
    /// Byte spans of secret values: every output masks them, in every snippet.
    pub secrets: &'r mut Vec<Span>,
}

impl Ctx<'_> {
    pub fn report(&mut self, at: Loc, message: impl Into<String>) -> &mut Finding {
        self.findings.push(Finding {
            rule: self.rule,
            severity: self.rule.severity,
            message: message.into(),
            help: None,
            at,
            related: Vec::new(),
        });
        self.findings.last_mut().expect("just pushed")
    }

    /// Mark a span as holding a secret.
    pub fn secret(&mut self, span: Span) {
        self.secrets.push(span);
    }
}

impl Finding {
    pub fn help(&mut self, help: impl Into<String>) -> &mut Finding {
        self.help = Some(help.into());
        self
    }

    pub fn severity(&mut self, severity: Severity) -> &mut Finding {
        self.severity = severity;
        self
    }

    pub fn related(&mut self, at: Loc, message: impl Into<String>) -> &mut Finding {
        self.related.push((at, message.into()));
        self
    }
}

/// Rule metadata for emitters and `ecslint rules`.
pub fn infos() -> Vec<crate::emit::RuleInfo> {
    ALL.iter()
        .map(|r| {
            let f = r.front();
            let body = f.body.trim();
            // First paragraph after the heading.
            let description = body
                .split("\n\n")
                .map(str::trim)
                .find(|p| !p.is_empty() && !p.starts_with('#'))
                .unwrap_or(r.summary())
                .replace('\n', " ");
            crate::emit::RuleInfo {
                code: r.code,
                name: r.name,
                severity: r.severity,
                summary: r.summary().to_string(),
                description,
                markdown: body.to_string(),
                tags: f.list("tags"),
                precision: f.get("precision").unwrap_or("high").to_string(),
                security_severity: f.get("security-severity").map(str::to_string),
                url: r.url(),
            }
        })
        .collect()
}
