//! `--fix`: apply the fixes findings offer, as ruff does.
//!
//! The fixes of one pass are applied in order of position, each one only if none of its
//! edits touches an edit already applied (the others wait for the next pass); the file is
//! then checked again and the next pass applies what is left, up to [`MAX_PASSES`]. The
//! result is kept only if it parses and has no more errors than the original (otherwise the
//! original stays and the run reports why). Files are written atomically, with their
//! permissions, and never over a file that changed on disk since it was read.

use std::path::{Path, PathBuf};

use crate::config::IgnoreCounts;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::discover::Input;
use crate::engine::{self, Checked, Options};
use crate::report::{FileReport, Fixed};

/// A document is fixed in at most this many passes (each pass re-checks the fixed text).
pub const MAX_PASSES: usize = 10;

pub use crate::edit::FixMode;

/// The fixes of a report that a mode applies: fixes of findings that are reported (not
/// suppressed), at least as safe as asked.
fn wanted(d: &Diagnostic, mode: FixMode) -> bool {
    d.fix.as_ref().is_some_and(|f| {
        f.applicability >= mode.applicability
            && f.applicability > Applicability::DisplayOnly
            && !f.edits.is_empty()
    })
}

/// Apply the fixes of one pass to `text`: in order of their first edit, skipping a fix that
/// touches one already applied. With the codes of the fixes applied.
pub fn apply<'d>(
    text: &str,
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
    mode: FixMode,
) -> (String, Vec<&'static str>) {
    let mut fixes: Vec<&Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| wanted(d, mode))
        .collect();
    fixes.sort_by_key(|d| {
        let f = d.fix.as_ref().expect("wanted");
        (f.edits[0].range.start.offset, d.code)
    });
    let mut applied: Vec<(usize, usize, &str)> = Vec::new();
    let mut codes = Vec::new();
    for d in fixes {
        let fix = d.fix.as_ref().expect("wanted");
        let edits: Vec<(usize, usize, &str)> = fix
            .edits
            .iter()
            .map(|e| (e.range.start.offset, e.range.end.offset, e.content.as_str()))
            .collect();
        // An edit another fix already made is shared; any other contact waits a pass.
        let fresh: Vec<_> = edits
            .iter()
            .filter(|e| !applied.contains(e))
            .copied()
            .collect();
        if fresh.is_empty() {
            continue;
        }
        // Two insertions at one offset both go in (each brings its own separator, so the
        // later one follows the earlier); any other contact waits for the next pass.
        // (Only insertions that start with the same separator: into the same object. One into
        // an empty `{}` has none; a YAML line for a nested mapping is indented deeper.)
        let separator = |c: &str| -> String {
            c.chars()
                .take_while(|ch| matches!(ch, ',' | '\n' | '\r' | ' ' | '\t'))
                .collect()
        };
        // Nor two that add the same key (two fixes that each create `secrets`).
        let key = |c: &str| -> String {
            c.trim_start_matches([',', '\n', '\r', ' ', '\t'])
                .chars()
                .take_while(|ch| !matches!(ch, ':' | '=' | ' '))
                .collect()
        };
        let touches = fresh.iter().any(|&(s, e, content)| {
            let sep = separator(content);
            let joins = s == e && sep.contains(['\n', ',']);
            applied.iter().any(|&(s2, e2, c2)| {
                let joined =
                    joins && s2 == e2 && s == s2 && separator(c2) == sep && key(c2) != key(content);
                s <= e2 && s2 <= e && !joined
            })
        });
        if touches || fresh.iter().any(|&(s, e, _)| e > text.len() || s > e) {
            continue;
        }
        applied.extend(fresh);
        codes.push(d.code);
    }
    // Stable: insertions at one offset keep the order they were accepted in.
    applied.sort_by_key(|&(s, e, _)| (s, e));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (s, e, content) in applied {
        out.push_str(&text[at..s]);
        out.push_str(content);
        at = e;
    }
    out.push_str(&text[at..]);
    (out, codes)
}

fn count(report: &FileReport, f: impl Fn(&Diagnostic) -> bool) -> usize {
    report.diagnostics.iter().filter(|d| f(d)).count()
}

/// Fix one checked file (its report not filtered yet); the report of the file as it ends
/// up, filtered with `counts`.
pub fn fix_file(
    input: &Input,
    opts: &Options,
    mode: FixMode,
    counts: &IgnoreCounts,
    checked: Checked,
) -> Checked {
    let settings = opts.settings(input);
    let filtered = |mut report: FileReport, counts: &IgnoreCounts| {
        crate::filter::apply(
            settings,
            counts,
            opts.filter,
            Some(&input.path),
            &mut report,
        );
        report
    };
    // The file as it was, reported (with why it was not fixed, when that is the reason).
    let unfixed = |checked: Checked, why: Option<String>| {
        let mut report = filtered(checked.report, counts);
        if let Some(why) = why {
            report.failed = true;
            report.fixed = Some(Fixed {
                error: Some(format!("not fixed: {why}")),
                ..Fixed::default()
            });
        }
        Checked {
            report,
            links: checked.links,
        }
    };
    let scratch = IgnoreCounts::new(settings);
    let first = filtered(checked.report.clone(), &scratch);
    if !first.diagnostics.iter().any(|d| wanted(d, mode)) {
        return unfixed(checked, None);
    }
    // The text the fixes were computed on is read again (and checked again, below): the
    // first check keeps no copy of it.
    let Ok(original) = engine::read_text(input, opts) else {
        return unfixed(checked, None);
    };
    let parse_errors = |r: &FileReport| count(r, |d| d.code == crate::codes::INVALID_JSON.code);
    let errors = |r: &FileReport| count(r, |d| d.severity == Severity::Error);
    let (parse_errors_before, errors_before) = (parse_errors(&first), errors(&first));
    let mut text = original.clone();
    let mut report = first;
    let mut applied: Vec<&'static str> = Vec::new();
    let mut converged = false;
    for _ in 0..MAX_PASSES {
        let (next, codes) = apply(&text, &report.diagnostics, mode);
        if codes.is_empty() {
            converged = true;
            break;
        }
        applied.extend(codes);
        text = next;
        let c = engine::check_string(input, text.clone(), opts, false);
        report = filtered(c.report, &scratch);
    }
    let problem = if !converged && report.diagnostics.iter().any(|d| wanted(d, mode)) {
        Some(format!(
            "the fixes did not settle after {MAX_PASSES} passes (this is a bug in ecslint; please report it)"
        ))
    } else if parse_errors(&report) > parse_errors_before {
        Some(
            "a fix made the file unparseable (this is a bug in ecslint; please report it)"
                .to_string(),
        )
    } else if errors(&report) > errors_before {
        Some(format!(
            "the fixed file would have more errors than the original ({} instead of {errors_before}): fix those by hand first, or choose the fixes with `--select` or `unfixable`",
            errors(&report),
        ))
    } else {
        None
    };
    if let Some(why) = problem {
        return unfixed(checked, Some(format!("{why}; the file is left as it was")));
    }
    // The final text, checked once more for the report and for linking.
    let last = engine::check_string(input, text.clone(), opts, opts.keep_source);
    let mut report = filtered(last.report, counts);
    let mut fixed = Fixed {
        applied: tally(&applied),
        ..Fixed::default()
    };
    if mode.write {
        if input.content.is_some() {
            fixed.text = Some(text.clone());
        } else if let Err(why) = write_atomic(&input.path, original.as_bytes(), text.as_bytes()) {
            // Nothing was written: the findings are those of the file on disk.
            return unfixed(checked, Some(why));
        }
    }
    if !mode.write || input.content.is_some() {
        // For --diff: the two texts as shown (secrets masked in each), from the checks' own
        // masked text when they kept it.
        let before = shown(checked.report.source.as_deref(), original, input, opts);
        let after = shown(report.source.as_deref(), text, input, opts);
        fixed.diff = Some(diff(&input.display, &before, &after));
    }
    report.fixed = Some(fixed);
    // The cross-document stage reads the file again: what is on disk (or on stdin) is the
    // fixed text only when it was written.
    let written = mode.write && input.content.is_none();
    Checked {
        report,
        links: if written { last.links } else { checked.links },
    }
}

fn tally(codes: &[&'static str]) -> Vec<(&'static str, usize)> {
    let mut out: Vec<(&'static str, usize)> = Vec::new();
    for c in codes {
        match out.iter_mut().find(|(k, _)| k == c) {
            Some((_, n)) => *n += 1,
            None => out.push((c, 1)),
        }
    }
    out.sort();
    out
}

/// The text with its secrets masked, as snippets show it: the masked text a check kept
/// (`source`, which starts after a BOM), else that of a check made for it.
fn shown(source: Option<&str>, text: String, input: &Input, opts: &Options) -> String {
    let bom = if text.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let kept;
    let source = match source {
        Some(s) => Some(s),
        None => {
            kept = engine::check_string(input, text.clone(), opts, true)
                .report
                .source;
            kept.as_deref()
        }
    };
    match source {
        Some(s) => format!("{bom}{s}"),
        None => text,
    }
}

/// A unified diff of one file, with `a/` and `b/` paths as `git apply` and `patch -p1` take.
fn diff(display: &str, before: &str, after: &str) -> String {
    let name = display.trim_start_matches("./").trim_start_matches('/');
    let mut out = similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(true)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    // A last line without a newline, as `diff` marks it (patch and git apply need the mark).
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
    out
}

/// Replace `path`'s content with `new`, atomically (a temporary file in the same directory,
/// renamed over it, with the file's permissions), only if it still holds `old`. A symlink is
/// followed: its target is fixed and the link stays a link.
pub fn write_atomic(path: &Path, old: &[u8], new: &[u8]) -> Result<(), String> {
    let target: PathBuf =
        std::fs::canonicalize(path).map_err(|e| format!("cannot resolve the path: {e}"))?;
    let meta = std::fs::metadata(&target).map_err(|e| format!("cannot read its metadata: {e}"))?;
    if meta.permissions().readonly() {
        return Err("the file is read-only".into());
    }
    let now = std::fs::read(&target).map_err(|e| format!("cannot read it again: {e}"))?;
    if now != old {
        return Err("the file changed on disk while ecslint was running; run again".into());
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".ecslint-fix-")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot create a temporary file in {}: {e}", dir.display()))?;
    use std::io::Write;
    tmp.write_all(new)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    std::fs::set_permissions(tmp.path(), meta.permissions())
        .map_err(|e| format!("cannot keep the file's permissions: {e}"))?;
    tmp.persist(&target)
        .map_err(|e| format!("cannot replace the file: {}", e.error))?;
    Ok(())
}
