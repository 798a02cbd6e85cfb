//! Cross-document stage: link services to their task definitions and ECR images to the
//! lifecycle policies and repository settings of their repositories, then run the
//! cross-document rules.
//!
//! The per-file pass keeps only a small [`Key`] per document (family, task definition
//! reference, repository names). Afterwards the files that actually link are read and parsed
//! again, so memory stays flat in the number of files that link to nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Finding, Related};
use crate::discover::Input;
use crate::document::facts::{FileKeys, Key};
use crate::document::{Document, Kind, View};
use crate::engine::{self, Options, Tree};
use crate::parse::{self, Parsed, Syntax};
use crate::report::FileReport;
use crate::rules::cross::{self, CrossCtx, CrossFinding, Links};
use crate::rules::{self, Check, Rule};
use crate::source::LineIndex;
use crate::tree::Span;

/// What the per-file pass keeps for the whole run, compactly: task definitions only as
/// file numbers under their family and image repositories (most files are task
/// definitions), the few other documents' keys in full, and secret spans of files with any.
#[derive(Default)]
pub struct Index {
    families: HashMap<Box<str>, Vec<u32>>,
    images: HashMap<Box<str>, Vec<u32>>,
    others: Vec<(u32, Key)>,
    secrets: HashMap<u32, Vec<Span>>,
    hashes: HashMap<u32, u64>,
}

impl Index {
    pub fn add(&mut self, file: usize, keys: FileKeys) {
        let f = file as u32;
        for k in keys.keys {
            if k.kind == Kind::TaskDefinition {
                if let Some(family) = k.family {
                    self.families.entry(family.into()).or_default().push(f);
                }
                for r in k.repositories {
                    self.images.entry(r.into()).or_default().push(f);
                }
            } else {
                self.others.push((f, k));
            }
        }
        if !keys.secrets.is_empty() {
            self.secrets.insert(f, keys.secrets);
        }
        self.hashes.insert(f, keys.text_hash);
    }

    /// Any service, lifecycle policy or repository settings in the run?
    pub fn is_empty(&self) -> bool {
        self.others.is_empty()
    }

    fn secrets(&self, file: usize) -> &[Span] {
        self.secrets.get(&(file as u32)).map_or(&[], Vec::as_slice)
    }

    /// Which files take part in linking: services whose family is in the run, the task
    /// definitions of those families, and policies / repository settings whose repository
    /// an image in the run uses (with those task definitions).
    fn linked_files(&self) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for (file, k) in &self.others {
            let partners = match k.kind {
                Kind::Service => k.family.as_deref().and_then(|f| self.families.get(f)),
                Kind::LifecyclePolicy | Kind::Repository => k
                    .repositories
                    .first()
                    .and_then(|r| self.images.get(r.as_str())),
                Kind::TaskDefinition | Kind::Cluster => None,
            };
            if let Some(p) = partners {
                out.insert(*file as usize);
                out.extend(p.iter().map(|&f| f as usize));
            }
        }
        out
    }
}

/// A file loaded again for linking.
struct Loaded {
    file: usize,
    text: String,
    bom: usize,
    parsed: Parsed,
    front: crate::front::Front,
}

/// Why a linked file could not be used again.
enum NotLoaded {
    Unreadable,
    /// Its text is not the text the first pass checked and masked.
    Changed,
}

/// Load a linked file again: from its source (disk, or the buffer it was given as), and
/// only if the text is the one the per-file pass checked, so findings and secret masks
/// apply to the text that is shown.
fn load(input: &Input, file: usize, index: &Index, opts: &Options) -> Result<Loaded, NotLoaded> {
    let text = engine::read_text(input, opts).map_err(|_| NotLoaded::Unreadable)?;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = text[bom..].to_string();
    if index.hashes.get(&(file as u32)) != Some(&crate::document::facts::text_hash(&body)) {
        return Err(NotLoaded::Changed);
    }
    let syntax = Syntax::for_path(&input.path);
    let parsed = parse::parse(&body, syntax, opts.templates);
    let front = parsed
        .root
        .as_ref()
        .map(|r| crate::front::read(r, &body, opts.templates, syntax, &input.path))
        .unwrap_or_default();
    Ok(Loaded {
        file,
        text: body,
        bom,
        parsed,
        front,
    })
}

/// A cross-document report and the input it belongs to.
pub struct Linked {
    pub file: usize,
    pub report: FileReport,
}

/// Run the cross-document rules: one report per file that has findings, in input order,
/// before the filter step.
pub fn run(inputs: &[Input], index: &Index, opts: &Options) -> Vec<Linked> {
    let cross: Vec<(usize, &'static Rule)> = rules::ALL
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            matches!(r.check, Check::Cross(_)) && opts.settings.iter().any(|s| s.enabled[*i])
        })
        .map(|(i, r)| (i, *r))
        .collect();
    if cross.is_empty() {
        return Vec::new();
    }
    let files: Vec<usize> = index.linked_files().into_iter().collect();
    if files.is_empty() {
        return Vec::new();
    }
    let results: Vec<(usize, Result<Loaded, NotLoaded>)> = files
        .par_iter()
        .map(|&f| (f, load(&inputs[f], f, index, opts)))
        .collect();
    let mut loaded = Vec::with_capacity(results.len());
    let mut changed = Vec::new();
    for (f, r) in results {
        match r {
            Ok(l) => loaded.push(l),
            Err(NotLoaded::Changed) if !inputs[f].context => changed.push(f),
            Err(_) => {}
        }
    }
    let docs: Vec<(usize, Vec<Document>)> = loaded
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            l.parsed
                .root
                .as_ref()
                .map(|r| (i, crate::front::documents(r, &l.front)))
        })
        .collect();
    let mut links = Links {
        tasks: Vec::new(),
        services: Vec::new(),
        policies: Vec::new(),
        repositories: Vec::new(),
        inputs,
        by_family: Default::default(),
        dirs: Default::default(),
    };
    for (i, ds) in &docs {
        let file = loaded[*i].file;
        for d in ds {
            match View::new(d) {
                View::Task(doc) => links.tasks.push(cross::Linked { file, doc }),
                View::Service(doc) => links.services.push(cross::Linked { file, doc }),
                View::Policy(doc) => links.policies.push(cross::Linked { file, doc }),
                View::Repository(doc) => links.repositories.push(cross::Linked { file, doc }),
                // No cross-document rule reads clusters yet.
                View::Cluster(_) => {}
            }
        }
    }
    let mut found: Vec<CrossFinding> = Vec::new();
    for &(_, rule) in &cross {
        let Check::Cross(check) = rule.check else {
            continue;
        };
        let before = found.len();
        let mut ctx = CrossCtx {
            rule,
            findings: &mut found,
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if engine::test_panic(rule.code) {
                panic!("test panic requested by ECSLINT_TEST_PANIC");
            }
            check(&links, &mut ctx)
        }));
        if let Err(payload) = outcome {
            found.truncate(before);
            // Reported on the first non-context linked file.
            if let Some(l) = loaded.iter().find(|l| !inputs[l.file].context) {
                found.push(CrossFinding {
                    file: l.file,
                    finding: engine::internal_error(rule, &payload, "the linked documents", ""),
                    related_files: Vec::new(),
                });
            }
        }
    }
    // Reported where the primary location's file is checked (whether its config enables the
    // rule is the filter step's to decide).
    found.retain(|f| !inputs[f.file].context);
    let by_file = |file: usize| loaded.iter().find(|l| l.file == file);
    let mut reports: BTreeMap<usize, FileReport> = BTreeMap::new();
    for cf in &found {
        let Some(l) = by_file(cf.file) else { continue };
        let tree = Tree::of(l.parsed.root.as_ref(), &l.front);
        let mut primary = Finding {
            related: Vec::new(),
            ..cf.finding.clone()
        };
        engine::in_dialect(l.front.dialect, std::slice::from_mut(&mut primary));
        let mut diag: Diagnostic =
            engine::resolve(&l.text, tree, l.bom, std::slice::from_ref(&primary), None).remove(0);
        diag.document = Some(kind_at(&docs, &loaded, cf.file, &diag.pointer));
        for ((loc, message), &rf) in cf.finding.related.iter().zip(&cf.related_files) {
            let Some(other) = by_file(rf) else { continue };
            let other_tree = Tree::of(other.parsed.root.as_ref(), &other.front);
            let (span, pointer) =
                engine::Locator::new(other_tree, std::iter::once(loc)).locate(loc);
            let (span, range) = engine::place(&LineIndex::new(&other.text), other.bom, span);
            diag.related.push(Related {
                message: message.clone(),
                file: (rf != cf.file).then(|| inputs[rf].display.clone()),
                pointer,
                range,
                span,
            });
        }
        let report = reports.entry(cf.file).or_insert_with(|| FileReport {
            display: inputs[cf.file].display.clone(),
            cross: true,
            recognised: true,
            inline: inline_ignores(l),
            ..FileReport::default()
        });
        report.diagnostics.push(diag);
    }
    for f in changed {
        let finding = Finding::new(
            &crate::codes::UNREADABLE_FILE,
            "the file changed while ecslint was running: its cross-document checks were skipped"
                .into(),
            Some("run ecslint again once nothing is writing to the file".into()),
            crate::diagnostic::Loc::exact(Span::default()),
        );
        let report = reports.entry(f).or_insert_with(|| FileReport {
            display: inputs[f].display.clone(),
            cross: true,
            recognised: true,
            ..FileReport::default()
        });
        report.failed = true;
        report
            .diagnostics
            .extend(engine::resolve("", Tree::default(), 0, &[finding], None));
    }
    reports
        .into_iter()
        .map(|(file, mut report)| {
            report
                .diagnostics
                .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            if opts.keep_source {
                let secrets = |f: usize| index.secrets(f);
                if let Some(l) = by_file(file) {
                    report.source = Some(engine::display_source(&l.text, secrets(file)));
                }
                let mut others: Vec<usize> = found
                    .iter()
                    .filter(|f| f.file == file)
                    .flat_map(|f| f.related_files.iter().copied())
                    .filter(|&f| f != file)
                    .collect();
                others.sort();
                others.dedup();
                for o in others {
                    if let Some(l) = by_file(o) {
                        report.related_sources.push((
                            inputs[o].display.clone(),
                            engine::display_source(&l.text, secrets(o)),
                        ));
                    }
                }
            }
            Linked { file, report }
        })
        .collect()
}

/// A template's inline suppressions, for its cross-document findings (the per-file report
/// already reported entries that cannot apply or matched nothing).
fn inline_ignores(l: &Loaded) -> Vec<crate::report::InlineIgnore> {
    match l.parsed.root.as_ref() {
        Some(root) if l.front.dialect != crate::document::at::Dialect::Api => {
            engine::inline_ignores(root, &l.text, l.front.dialect, &mut Vec::new())
                .into_iter()
                .map(|(ignore, _)| ignore)
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The kind of the document that holds a pointer in a loaded file.
fn kind_at(
    docs: &[(usize, Vec<Document>)],
    loaded: &[Loaded],
    file: usize,
    pointer: &str,
) -> &'static str {
    let docs = docs
        .iter()
        .filter(|(i, _)| loaded[*i].file == file)
        .flat_map(|(_, ds)| ds.iter())
        .map(|d| (d.pointer.as_str(), d.kind));
    crate::document::kind_at(docs, pointer).map_or("service", |k| k.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A linked file whose text is not the text the first pass checked is not used: it gets
    /// an ECS008 finding and the run fails, instead of findings (and secret masks) computed
    /// on one text being shown on another.
    #[test]
    fn a_file_that_changed_between_the_passes_is_not_linked() {
        let dir = tempfile::tempdir().unwrap();
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/linked");
        let mut inputs = Vec::new();
        for f in ["service.json", "taskdef.json"] {
            std::fs::copy(root.join(f), dir.path().join(f)).unwrap();
            inputs.push(Input::new(&dir.path().join(f)));
        }
        let opts = Options::default();
        let mut index = Index::default();
        for (n, i) in inputs.iter().enumerate() {
            let mut c = engine::check_input(i, &opts);
            let mut keys = c.links.take().expect("an ECS document");
            if n == 1 {
                keys.text_hash ^= 1; // as if the file had been rewritten since
            }
            index.add(n, keys);
        }
        let reports = run(&inputs, &index, &opts);
        let codes: Vec<(usize, &str)> = reports
            .iter()
            .flat_map(|l| l.report.diagnostics.iter().map(move |d| (l.file, d.code)))
            .collect();
        assert_eq!(codes, [(1, "ECS008")], "{codes:?}");
        assert!(reports.iter().any(|l| l.file == 1 && l.report.failed));
    }
}
