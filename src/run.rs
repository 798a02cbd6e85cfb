//! The run: every input through the per-file pipeline in parallel chunks, the filter step,
//! the cross-document stage, the filter step again for its findings; reports reach the sink
//! in input order, then cross-document reports in input order.

use rayon::prelude::*;

use crate::config::IgnoreCounts;
use crate::discover::Input;
use crate::engine::{self, Checked, Options};
use crate::report::FileReport;
use crate::{filter, link};

/// What a run counted, kept apart from the settings it read: per configuration (in
/// `Options::settings` order), the use of its `[[ignore]]` entries.
#[derive(Debug, Default)]
pub struct RunStats {
    pub ignores: Vec<IgnoreCounts>,
}

/// Files are checked in chunks: each chunk runs in parallel, then is emitted in order and
/// dropped, so memory stays flat in the number of files.
const CHUNK: usize = 256;

/// Check every input; `sink` receives reports in input order, then the cross-document
/// findings (which need every document) per file, again in input order. Inputs marked
/// `context` are checked only for linking: their own findings are not reported.
pub fn run(inputs: &[Input], opts: &Options, mut sink: impl FnMut(FileReport)) -> RunStats {
    let stats = RunStats {
        ignores: opts.settings.iter().map(IgnoreCounts::new).collect(),
    };
    let counts = |i: &Input| &stats.ignores[i.settings.min(stats.ignores.len() - 1)];
    let mut index = link::Index::default();
    // Checking and emitting overlap: while this thread emits one chunk in input order, a
    // checker thread checks (and filters) the next one in parallel; at most two chunks are
    // in memory.
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Checked>>(1);
        scope.spawn(move || {
            for chunk in inputs.chunks(CHUNK) {
                let checked: Vec<Checked> = chunk
                    .par_iter()
                    .map(|i| {
                        let mut c = engine::check_input(i, opts);
                        if i.context {
                            // A context file is not reported, unless it cannot be read or parsed
                            // or is no ECS document: that alone is reported, as an error, since
                            // the checks that link to it would be off without a word.
                            let broken = c.report.failed || !c.report.recognised;
                            c.report.diagnostics.retain(|d| {
                                broken
                                    && (filter::not_checked(d.code)
                                        || d.code == crate::codes::NOT_AN_ECS_DOCUMENT.code)
                            });
                            for d in &mut c.report.diagnostics {
                                d.severity = crate::diagnostic::Severity::Error;
                                if d.code == crate::codes::NOT_AN_ECS_DOCUMENT.code {
                                    d.message = format!("--context file: {}", d.message);
                                }
                            }
                        }
                        if let Some(mode) = opts.fix
                            && !i.context
                        {
                            c = crate::fix::fix_file(i, opts, mode, counts(i), c);
                        } else if !i.context || !c.report.diagnostics.is_empty() {
                            filter::apply(
                                opts.settings(i),
                                counts(i),
                                opts.filter,
                                Some(&i.path),
                                &mut c.report,
                            );
                        }
                        c
                    })
                    .collect();
                if tx.send(checked).is_err() {
                    break;
                }
            }
        });
        for (n, checked) in rx.into_iter().enumerate() {
            for (i, c) in checked.into_iter().enumerate() {
                let file = n * CHUNK + i;
                if let Some(k) = c.links {
                    index.add(file, k);
                }
                if !inputs[file].context || !c.report.diagnostics.is_empty() {
                    sink(c.report);
                }
            }
        }
    });
    if !index.is_empty() {
        for mut report in link::run(inputs, &index, opts) {
            let input = &inputs[report.file];
            filter::apply(
                opts.settings(input),
                counts(input),
                opts.filter,
                Some(&input.path),
                &mut report.report,
            );
            sink(report.report);
        }
    }
    stats
}

/// Findings about a configuration file (unused and expired `[[ignore]]` entries), filtered;
/// `None` when there are none. Call after [`run`]: it reads what the run counted.
pub fn config_report(
    s: &crate::config::Settings,
    counts: &IgnoreCounts,
    opts: &Options,
    keep_source: bool,
) -> Option<FileReport> {
    let mut report = engine::config_report(s, counts, keep_source)?;
    filter::apply(s, counts, opts.filter, None, &mut report);
    (!report.diagnostics.is_empty()).then_some(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Settings are only read by a run: running twice with the same settings (as a server or
    /// watch mode does) counts each run's ignores afresh.
    #[test]
    fn runs_reuse_settings_and_count_apart() {
        let dir = tempfile::tempdir().unwrap();
        let toml = dir.path().join("ecslint.toml");
        std::fs::write(
            &toml,
            "[[ignore]]\nrule = \"ECS108\"\nreason = \"nothing is privileged here\"\n",
        )
        .unwrap();
        let task = dir.path().join("t.json");
        std::fs::write(
            &task,
            r#"{"family": "t", "containerDefinitions": [{"name": "a", "image": "nginx:1.27", "memory": 128}]}"#,
        )
        .unwrap();
        let opts = Options {
            settings: vec![crate::config::load(&toml).unwrap()],
            ..Options::default()
        };
        let inputs = vec![Input::new(&task)];
        for _ in 0..2 {
            let stats = run(&inputs, &opts, |_| {});
            let report = config_report(&opts.settings[0], &stats.ignores[0], &opts, false)
                .expect("the unused ignore is reported");
            assert_eq!(report.diagnostics.len(), 1);
            assert!(
                report.diagnostics[0]
                    .message
                    .contains("in the 1 checked file(s)"),
                "{}",
                report.diagnostics[0].message
            );
        }
    }
}
