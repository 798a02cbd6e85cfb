//! What a run produces, per file and in all: the part of the model emitters read. It depends
//! on the diagnostic model only.

use crate::diagnostic::{Diagnostic, Severity};

/// Everything known about one file after checking it.
#[derive(Clone, Debug, Default)]
pub struct FileReport {
    pub display: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Masked, control-character-free text for snippets (only with `keep_source`).
    pub source: Option<String>,
    /// ECS documents found in the file.
    pub documents: usize,
    /// Recognised as an ECS document.
    pub recognised: bool,
    /// Could not be read, parsed or checked: the run exits 2.
    pub failed: bool,
    /// Findings of the cross-document stage for a file already reported once: not counted
    /// as a file again.
    pub cross: bool,
    /// Masked text of other files that related locations point into (human output).
    pub related_sources: Vec<(String, String)>,
    /// Findings accepted by `[[ignore]]` entries (with their reason), kept apart by the
    /// filter step: only SARIF prints them, on request.
    pub suppressed: Vec<Diagnostic>,
    /// A finding at or above the fail level remains: the run exits 1 (set by the filter).
    pub fails: bool,
    /// Suppressions written in the file itself (a CloudFormation resource's
    /// `Metadata.ecslint.ignore`), applied by the filter step.
    pub inline: Vec<InlineIgnore>,
    /// What `--fix` or `--diff` did to the file.
    pub fixed: Option<Fixed>,
}

/// What fixing did to one file.
#[derive(Clone, Debug, Default)]
pub struct Fixed {
    /// Fixes applied, per rule code.
    pub applied: Vec<(&'static str, usize)>,
    /// The unified diff of the change, secrets masked (`--diff`, and stdin input).
    pub diff: Option<String>,
    /// The fixed text (stdin input, which is printed instead of written).
    pub text: Option<String>,
    /// Why the file was not fixed.
    pub error: Option<String>,
}

impl Fixed {
    pub fn count(&self) -> usize {
        self.applied.iter().map(|(_, n)| n).sum()
    }
}

/// One suppression written in the checked file: findings of `rule` at or under `pointer`.
#[derive(Debug, Clone)]
pub struct InlineIgnore {
    pub rule: String,
    pub pointer: String,
    pub reason: String,
    /// What to report when it suppresses nothing (`None`: not reported, as for entries
    /// about cross-document rules, whose findings are filtered in another report).
    pub unused: Option<Diagnostic>,
}

/// Counts for the whole run; serialized as the JSON output's `summary`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub skipped: usize,
    /// Findings accepted by `[[ignore]]` entries in the configuration (not counted above).
    pub suppressed: usize,
    #[serde(skip)]
    pub failed: usize,
}

impl Summary {
    pub fn add(&mut self, r: &FileReport) {
        if !r.cross {
            self.files += 1;
            self.documents += r.documents;
            if !r.recognised && !r.failed {
                self.skipped += 1;
            }
        }
        // A linked file can fail in the cross-document stage (it changed during the run).
        if r.failed {
            self.failed += 1;
        }
        self.suppressed += r.suppressed.len();
        for d in &r.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// Rule metadata as emitters need it.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// Every severity its findings can have, the default first.
    pub levels: Vec<Severity>,
    pub summary: String,
    /// First paragraph of the doc, plain text.
    pub description: String,
    /// The doc body, Markdown.
    pub markdown: String,
    pub tags: Vec<String>,
    pub precision: String,
    pub security_severity: Option<String>,
    pub url: String,
}
