//! The rule registry. One file per rule, named after its code and name
//! (`ecs104_container_runs_as_root.rs`); its documentation is `rules/<name>.md`, whose front
//! matter holds the summary, tags and precision. To add a rule: write the file, add it to
//! [`ALL`], write its doc and its fixtures (`fixtures/rules/<name>/fire-*.json`,
//! `pass-*.json`). Tests check that all four agree.

use std::sync::LazyLock;

use crate::diagnostic::{Finding, Loc, RuleMeta};
use crate::document::ecr::{Policy, Repository};
use crate::document::service::Service;
use crate::document::taskdef::TaskDef;
use crate::tree::Span;

/// Declare a task-definition rule: `task_rule!("ECS104", "container-runs-as-root", Warning, check);`
/// A rule whose findings are of several severities lists them, the default first:
/// `task_rule!("ECS106", "network-mode", Error | Warning | Info, check);`
macro_rules! task_rule {
    ($code:literal, $name:literal, $sev:ident $(| $more:ident)*, $check:path $(, fix = $fix:ident)?) => {
        rule!($code, $name, $sev $(| $more)*, TaskDefinition($check) $(, fix = $fix)?);
    };
}

#[allow(unused_macros)]
/// Declare a rule of any kind: `rule!("ECS200", "name", Error, Service(check));`
/// A rule with fixes says how safe they are: `rule!(..., Service(check), fix = Unsafe);`
macro_rules! rule {
    ($code:literal, $name:literal, $sev:ident $(| $more:ident)*, $variant:ident($check:path)) => {
        rule!(@ $code, $name, $sev $(| $more)*, $variant($check), None);
    };
    ($code:literal, $name:literal, $sev:ident $(| $more:ident)*, $variant:ident($check:path), fix = $fix:ident) => {
        rule!(@ $code, $name, $sev $(| $more)*, $variant($check), Some($crate::diagnostic::Applicability::$fix));
    };
    (@ $code:literal, $name:literal, $sev:ident $(| $more:ident)*, $variant:ident($check:path), $fix:expr) => {
        pub static META: $crate::diagnostic::RuleMeta = $crate::diagnostic::RuleMeta {
            code: $code,
            name: $name,
            severity: $crate::diagnostic::Severity::$sev,
            levels: &[
                $crate::diagnostic::Severity::$sev
                $(, $crate::diagnostic::Severity::$more)*
            ],
            doc: include_str!(concat!("../../rules/", $name, ".md")),
            url: concat!(
                "https://github.com/ecslint/ecslint/blob/main/rules/",
                $name,
                ".md"
            ),
            fix: $fix,
        };
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule {
            meta: &META,
            check: $crate::rules::Check::$variant($check),
        };
    };
}

pub mod cross;
pub mod options;
pub use options::RuleOptions;
pub mod meta;

mod ecs004_read_only_field;
mod ecs005_unquoted_placeholder;
mod ecs006_numeric_task_size;
mod ecs012_missing_required_tags;
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
mod ecs122_efs_transit_encryption;
mod ecs123_sensitive_host_mount;
mod ecs124_host_device;
mod ecs125_invalid_image;
mod ecs126_invalid_role_arn;
mod ecs127_no_new_privileges;
mod ecs128_privileged_host_port;
mod ecs129_invalid_log_options;
mod ecs130_blocking_log_mode;
mod ecs131_firelens_without_router;
mod ecs132_invalid_volume;
mod ecs133_network_mode_conflict;
mod ecs134_container_memory_hard_limit;
mod ecs135_capabilities_not_dropped;
mod ecs136_missing_health_check;
mod ecs137_container_cpu_missing;
mod ecs138_windows_unsupported_parameter;
// task definition rules (ECS100–ECS199): add `mod` lines above this comment
mod ecs200_launch_type_with_capacity_providers;
mod ecs201_invalid_capacity_provider_strategy;
mod ecs202_missing_network_configuration;
mod ecs203_public_ip_assigned;
mod ecs204_network_configuration_limits;
mod ecs205_circuit_breaker_disabled;
mod ecs206_circuit_breaker_wrong_controller;
mod ecs207_invalid_deployment_percent;
mod ecs208_daemon_service_conflict;
mod ecs209_invalid_deployment_strategy;
mod ecs210_invalid_service_role;
mod ecs211_invalid_load_balancer;
mod ecs212_fargate_platform_version;
mod ecs213_fargate_placement;
mod ecs214_execute_command_enabled;
mod ecs215_single_task_behind_load_balancer;
mod ecs216_managed_tags_without_propagation;
mod ecs217_zero_desired_count;
// service rules (ECS200–ECS299): add `mod` lines above this comment
mod ecs300_duplicate_rule_priority;
mod ecs301_invalid_tag_selection;
mod ecs302_count_unit_mismatch;
mod ecs303_invalid_storage_class_action;
mod ecs304_any_rule_not_last;
mod ecs305_duplicate_selection;
mod ecs306_lifecycle_policy_length;
mod ecs307_shadowed_rule;
mod ecs308_untagged_images_not_expired;
mod ecs309_image_count_on_any;
mod ecs350_mutable_image_tags;
mod ecs351_tag_mutability_exclusion_mismatch;
mod ecs352_scan_on_push_disabled;
mod ecs353_no_kms_encryption;
// lifecycle policy and repository rules (ECS300–ECS399): add `mod` lines above this comment
mod ecs400_unknown_load_balancer_container;
mod ecs401_unknown_port_name;
mod ecs402_service_task_mismatch;
mod ecs403_platform_family_mismatch;
mod ecs404_unused_health_check_grace_period;
mod ecs405_lifecycle_expires_deployed_image;
mod ecs500_container_insights_disabled;
mod ecs501_exec_logging;
// cross-document rules (ECS400–ECS499): add `mod` lines above this comment

pub mod blanks;
pub mod secrets;

/// What a rule checks.
#[derive(Debug)]
pub enum Check {
    /// Reported by a pipeline stage (parse, schema, discovery), not by a check function.
    Stage,
    /// Runs once per file that holds ECS documents, on what the parser found in it.
    File(fn(&FileFacts, &mut Ctx)),
    /// Runs once per document of any kind, on its form and root.
    Document(fn(&crate::document::Document, &mut Ctx)),
    /// Runs once per task definition.
    TaskDefinition(fn(&TaskDef, &mut Ctx)),
    /// Runs once per service.
    Service(fn(&Service, &mut Ctx)),
    /// Runs once per ECR lifecycle policy.
    LifecyclePolicy(fn(&Policy, &mut Ctx)),
    /// Runs once per ECR repository settings document.
    Repository(fn(&Repository, &mut Ctx)),
    /// Runs once per ECS cluster.
    Cluster(fn(&crate::document::cluster::Cluster, &mut Ctx)),
    /// Runs once per run, over the documents that link to each other.
    Cross(fn(&cross::Links, &mut cross::CrossCtx)),
}

/// A registry entry: the rule's metadata (the model's [`RuleMeta`]) and its check.
#[derive(Debug)]
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: Check,
}

impl std::ops::Deref for Rule {
    type Target = RuleMeta;
    fn deref(&self) -> &RuleMeta {
        self.meta
    }
}

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &meta::INVALID_JSON,
    &meta::DUPLICATE_KEY,
    &meta::SCHEMA_VIOLATION,
    &ecs004_read_only_field::RULE,
    &ecs005_unquoted_placeholder::RULE,
    &ecs006_numeric_task_size::RULE,
    &meta::NOT_AN_ECS_DOCUMENT,
    &meta::UNREADABLE_FILE,
    &meta::INTERNAL_ERROR,
    &meta::UNUSED_IGNORE,
    &meta::EXPIRED_IGNORE,
    &ecs012_missing_required_tags::RULE,
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
    &ecs122_efs_transit_encryption::RULE,
    &ecs123_sensitive_host_mount::RULE,
    &ecs124_host_device::RULE,
    &ecs125_invalid_image::RULE,
    &ecs126_invalid_role_arn::RULE,
    &ecs127_no_new_privileges::RULE,
    &ecs128_privileged_host_port::RULE,
    &ecs129_invalid_log_options::RULE,
    &ecs130_blocking_log_mode::RULE,
    &ecs131_firelens_without_router::RULE,
    &ecs132_invalid_volume::RULE,
    &ecs133_network_mode_conflict::RULE,
    &ecs134_container_memory_hard_limit::RULE,
    &ecs135_capabilities_not_dropped::RULE,
    &ecs136_missing_health_check::RULE,
    &ecs137_container_cpu_missing::RULE,
    &ecs138_windows_unsupported_parameter::RULE,
    // task definition rules (ECS100–ECS199): add entries above this comment
    &ecs200_launch_type_with_capacity_providers::RULE,
    &ecs201_invalid_capacity_provider_strategy::RULE,
    &ecs202_missing_network_configuration::RULE,
    &ecs203_public_ip_assigned::RULE,
    &ecs204_network_configuration_limits::RULE,
    &ecs205_circuit_breaker_disabled::RULE,
    &ecs206_circuit_breaker_wrong_controller::RULE,
    &ecs207_invalid_deployment_percent::RULE,
    &ecs208_daemon_service_conflict::RULE,
    &ecs209_invalid_deployment_strategy::RULE,
    &ecs210_invalid_service_role::RULE,
    &ecs211_invalid_load_balancer::RULE,
    &ecs212_fargate_platform_version::RULE,
    &ecs213_fargate_placement::RULE,
    &ecs214_execute_command_enabled::RULE,
    &ecs215_single_task_behind_load_balancer::RULE,
    &ecs216_managed_tags_without_propagation::RULE,
    &ecs217_zero_desired_count::RULE,
    // service rules (ECS200–ECS299): add entries above this comment
    &ecs300_duplicate_rule_priority::RULE,
    &ecs301_invalid_tag_selection::RULE,
    &ecs302_count_unit_mismatch::RULE,
    &ecs303_invalid_storage_class_action::RULE,
    &ecs304_any_rule_not_last::RULE,
    &ecs305_duplicate_selection::RULE,
    &ecs306_lifecycle_policy_length::RULE,
    &ecs307_shadowed_rule::RULE,
    &ecs308_untagged_images_not_expired::RULE,
    &ecs309_image_count_on_any::RULE,
    &ecs350_mutable_image_tags::RULE,
    &ecs351_tag_mutability_exclusion_mismatch::RULE,
    &ecs352_scan_on_push_disabled::RULE,
    &ecs353_no_kms_encryption::RULE,
    // lifecycle policy and repository rules (ECS300–ECS399): add entries above this comment
    &ecs400_unknown_load_balancer_container::RULE,
    &ecs401_unknown_port_name::RULE,
    &ecs402_service_task_mismatch::RULE,
    &ecs403_platform_family_mismatch::RULE,
    &ecs404_unused_health_check_grace_period::RULE,
    &ecs405_lifecycle_expires_deployed_image::RULE,
    &ecs500_container_insights_disabled::RULE,
    &ecs501_exec_logging::RULE,
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
    /// Position in [`ALL`].
    pub fn index(&self) -> usize {
        ALL.iter()
            .position(|r| std::ptr::eq(*r, self) || std::ptr::eq(r.meta, self.meta))
            .or_else(|| ALL.iter().position(|r| r.code == self.code))
            .expect("rule is registered")
    }

    pub fn front(&self) -> &'static FrontMatter {
        &FRONT[self.index()]
    }

    pub fn summary(&self) -> &'static str {
        self.front().get("summary").unwrap_or("")
    }
}

/// Codes that cannot be turned off: an internal error means findings are missing, and
/// hiding it would make a partial check look complete. `--ignore`, `--select` and the
/// configuration say so when someone tries.
pub fn always_on(code: &str) -> bool {
    code == crate::codes::INTERNAL_ERROR.code
}

/// Why a code cannot be ignored, or `None` when it can.
pub fn not_ignorable(code: &str) -> Option<String> {
    always_on(code).then(|| {
        format!(
            "{code} (internal-error) cannot be ignored: it means ecslint crashed on a file and its findings are missing; please report the bug, and leave the file out with `exclude` meanwhile"
        )
    })
}

/// Position of a rule's metadata in [`ALL`] (stages report with the metadata alone).
pub fn index_of(meta: &RuleMeta) -> usize {
    ALL.iter()
        .position(|r| std::ptr::eq(r.meta, meta) || r.code == meta.code)
        .expect("rule is registered")
}

/// What a file-level rule sees: facts about the file as parsed, not its documents.
pub struct FileFacts<'a> {
    /// Spans of unquoted template placeholders (`"memory": ${MEM}`).
    pub placeholders: &'a [crate::tree::Span],
}

/// What a check function reports into.
pub struct Ctx<'r> {
    pub rule: &'static Rule,
    pub findings: &'r mut Vec<Finding>,
    /// Byte spans of secret values: every output masks them, in every snippet.
    pub secrets: &'r mut Vec<Span>,
    /// Rule options from the configuration.
    pub options: &'r RuleOptions,
}

impl Ctx<'_> {
    pub fn report(&mut self, at: Loc, message: impl Into<String>) -> &mut Finding {
        self.findings
            .push(Finding::new(self.rule.meta, message.into(), None, at));
        self.findings.last_mut().expect("just pushed")
    }

    /// Mark a span as holding a secret.
    pub fn secret(&mut self, span: Span) {
        self.secrets.push(span);
    }
}

/// Rule metadata for emitters and `ecslint rules`.
pub fn infos() -> Vec<crate::report::RuleInfo> {
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
            crate::report::RuleInfo {
                code: r.code,
                name: r.name,
                severity: r.severity,
                levels: r.levels.to_vec(),
                summary: r.summary().to_string(),
                description,
                markdown: body.to_string(),
                tags: f.list("tags"),
                precision: f.get("precision").unwrap_or("high").to_string(),
                security_severity: f.get("security-severity").map(str::to_string),
                url: r.url.to_string(),
            }
        })
        .collect()
}
