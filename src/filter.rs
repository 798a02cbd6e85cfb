//! The filter step: the one place that decides what a run reports.
//!
//! Every finding passes here once, after it is made, whether a rule, a pipeline stage, the
//! cross-document stage or the configuration check made it: selection (`--select`,
//! `--ignore`, `[rules]`), severity overrides, `[[ignore]]` suppressions (and their
//! accounting), whether the file still counts as not checked (exit 2), and whether it fails
//! the run at the fail level. Emitters print what is left and filter nothing.
//!
//! Stages may skip *work* for a rule that is off (the schema check, rule dispatch), but
//! they never decide what is shown: a finding made anyway is dropped here.

use std::path::Path;

use crate::codes;
use crate::config::{IgnoreCounts, RunFilter, Settings};
use crate::diagnostic::Severity;
use crate::report::FileReport;
use crate::rules;

/// Codes whose findings mean the file (or part of it) could not be checked: while one is
/// reported and not suppressed, the run exits 2.
pub fn not_checked(code: &str) -> bool {
    [
        &codes::INVALID_JSON,
        &codes::UNREADABLE_FILE,
        &codes::INTERNAL_ERROR,
    ]
    .iter()
    .any(|m| m.code == code)
}

/// Filter one report with the settings that apply to its file. `path` is the file's path
/// for `[[ignore]]` globs (`None` for reports about configuration files, which no ignore
/// entry names).
pub fn apply(
    s: &Settings,
    counts: &IgnoreCounts,
    run: RunFilter,
    path: Option<&Path>,
    report: &mut FileReport,
) {
    // The path the config's globs match against, worked out once per file.
    let rel = path
        .filter(|_| !s.ignores.is_empty())
        .map(|p| s.relative(p));
    if let Some(rel) = &rel
        && !report.cross
    {
        s.saw_file(rel, counts);
    }
    let not_checked_before = report.failed;
    let mut used = vec![false; report.inline.len()];
    let mut kept = Vec::with_capacity(report.diagnostics.len());
    for mut d in std::mem::take(&mut report.diagnostics) {
        let rule = rules::find(d.code);
        let index = rule.map(|r| r.index());
        if let Some(i) = index
            && !s.enabled[i]
            && !rules::always_on(d.code)
        {
            continue;
        }
        if let Some(sev) = index.and_then(|i| s.severity[i]) {
            d.severity = sev;
        }
        if let Some(i) = index {
            if !s.fixable[i] {
                d.fix = None;
            } else if let (Some(level), Some(fix)) = (s.fix_applicability[i], d.fix.as_mut())
                && fix.applicability > crate::diagnostic::Applicability::DisplayOnly
            {
                fix.applicability = level;
            }
        }
        if let Some(rel) = &rel
            && let Some((entry, ignore)) = s.suppression(rel, d.code, &d.pointer)
        {
            counts.suppressed(entry);
            d.suppressed = Some(ignore.reason.clone());
            report.suppressed.push(d);
            continue;
        }
        if let Some(n) = report
            .inline
            .iter()
            .position(|i| i.rule == d.code && crate::tree::at_or_under(&d.pointer, &i.pointer))
        {
            used[n] = true;
            d.suppressed = Some(report.inline[n].reason.clone());
            report.suppressed.push(d);
            continue;
        }
        kept.push(d);
    }
    // Inline suppressions that matched nothing (when ECS010 is on).
    let unused_on = s.enabled[rules::index_of(&codes::UNUSED_IGNORE)];
    for (n, i) in report.inline.iter().enumerate() {
        // An entry for a rule this run does not check has nothing to match.
        let checked = rules::find(&i.rule).is_some_and(|r| s.enabled[r.index()]);
        if !used[n]
            && unused_on
            && checked
            && let Some(d) = &i.unused
        {
            let mut d = d.clone();
            if let Some(sev) = s.severity[rules::index_of(&codes::UNUSED_IGNORE)] {
                d.severity = sev;
            }
            kept.push(d);
        }
    }
    report.diagnostics = kept;
    // A file that could not be checked stays so while that is reported; ignoring the code
    // (or accepting the finding in `[[ignore]]`) treats it like a file that is not ECS.
    report.failed = not_checked_before && report.diagnostics.iter().any(|d| not_checked(d.code));
    let level = run.fail_level.or(s.fail_level).unwrap_or(Severity::Warning);
    report.fails = report.diagnostics.iter().any(|d| d.severity >= level);
}
