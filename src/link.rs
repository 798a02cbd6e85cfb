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

use crate::diagnostic::{Diagnostic, Finding, Loc, Related, Severity};
use crate::discover::Input;
use crate::document::ecr::{Policy, Repository};
use crate::document::service::Service;
use crate::document::taskdef::TaskDef;
use crate::document::{self, Document, Embedded, Kind, View};
use crate::engine::{self, FileReport, Options, Tree};
use crate::parse::{self, Parsed, Syntax};
use crate::rules::{self, Check, Rule};
use crate::source::LineIndex;
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
                family: task.get("family").and_then(Node::str).map(str::to_string),
                repositories,
            }
        }
        View::Service(service) => Key {
            kind: Kind::Service,
            family: service
                .str("taskDefinition")
                .and_then(family_of_reference)
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
        View::Repository(repo) => Key {
            kind: Kind::Repository,
            family: None,
            repositories: repo.name().map(str::to_string).into_iter().collect(),
        },
    }
}

/// What the per-file pass keeps for the whole run, compactly: task definitions only as
/// file numbers under their family and image repositories (most files are task
/// definitions), the few other documents' keys in full, and secret spans of files with any.
#[derive(Default)]
pub struct Index {
    families: HashMap<Box<str>, Vec<u32>>,
    images: HashMap<Box<str>, Vec<u32>>,
    others: Vec<(u32, Key)>,
    secrets: HashMap<u32, Vec<Span>>,
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
                Kind::TaskDefinition => None,
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
    embedded: Vec<Embedded>,
}

fn load(input: &Input, file: usize, opts: &Options) -> Option<Loaded> {
    let text = engine::read_text(input, opts).ok()?;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = text[bom..].to_string();
    let parsed = parse::parse(&body, Syntax::for_path(&input.path), opts.templates);
    let embedded = parsed
        .root
        .as_ref()
        .map(|r| document::embedded(r, &body, opts.templates))
        .unwrap_or_default();
    Some(Loaded {
        file,
        text: body,
        bom,
        parsed,
        embedded,
    })
}

/// A document of the run, with the file it is in.
pub struct At<T> {
    /// Index of the file in the run's inputs.
    pub file: usize,
    pub doc: T,
}

/// The linked documents of a run, for cross-document rules.
pub struct Links<'a> {
    pub tasks: Vec<At<TaskDef<'a>>>,
    pub services: Vec<At<Service<'a>>>,
    pub policies: Vec<At<Policy<'a>>>,
    pub repositories: Vec<At<Repository<'a>>>,
    inputs: &'a [Input],
}

impl<'a> Links<'a> {
    /// Is this file only loaded for context (`--context`)? Findings there are not reported.
    pub fn is_context(&self, file: usize) -> bool {
        self.inputs[file].context
    }

    pub fn display(&self, file: usize) -> &str {
        &self.inputs[file].display
    }

    /// The task definition a service runs: the one task definition of the run whose family
    /// the service's `taskDefinition` names; if several share the family, the one in the
    /// service's directory. `None` when there is no such single task definition.
    pub fn task_of(&self, service: &At<Service<'a>>) -> Option<&At<TaskDef<'a>>> {
        let reference = service.doc.get("taskDefinition").and_then(Node::str)?;
        let family = family_of_reference(reference)?;
        let candidates: Vec<&At<TaskDef>> = self
            .tasks
            .iter()
            .filter(|t| t.doc.get("family").and_then(Node::str) == Some(family))
            .collect();
        match candidates.as_slice() {
            [one] => Some(one),
            [] => None,
            many => {
                let dir = |f: usize| {
                    let parent = self.inputs[f].path.parent()?;
                    let parent = if parent.as_os_str().is_empty() {
                        std::path::Path::new(".")
                    } else {
                        parent
                    };
                    Some(std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf()))
                };
                let here = dir(service.file);
                let near: Vec<_> = many.iter().filter(|t| dir(t.file) == here).collect();
                match near.as_slice() {
                    [one] => Some(**one),
                    _ => None,
                }
            }
        }
    }
}

/// One cross-document finding: a location in one file, related locations in others.
pub struct CrossFinding {
    pub file: usize,
    pub finding: Finding,
    pub related_files: Vec<usize>,
}

/// What a cross-document rule reports into.
pub struct CrossCtx<'r> {
    pub rule: &'static Rule,
    pub findings: &'r mut Vec<CrossFinding>,
}

impl CrossCtx<'_> {
    pub fn report(&mut self, file: usize, at: Loc, message: impl Into<String>) -> Reported<'_> {
        self.findings.push(CrossFinding {
            file,
            finding: Finding::new(self.rule, message.into(), None, at),
            related_files: Vec::new(),
        });
        Reported(self.findings.last_mut().expect("just pushed"))
    }
}

/// A cross-document finding being built.
pub struct Reported<'f>(&'f mut CrossFinding);

impl Reported<'_> {
    pub fn help(self, help: impl Into<String>) -> Self {
        self.0.finding.help = Some(help.into());
        self
    }

    pub fn severity(self, severity: Severity) -> Self {
        self.0.finding.severity = severity;
        self
    }

    /// A related location, in this file or another.
    pub fn related(self, file: usize, at: Loc, message: impl Into<String>) -> Self {
        self.0.finding.related.push((at, message.into()));
        self.0.related_files.push(file);
        self
    }
}

/// Run the cross-document rules; one report per file that has findings, in input order.
pub fn run(inputs: &[Input], index: &Index, opts: &Options) -> Vec<FileReport> {
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
    let loaded: Vec<Loaded> = files
        .par_iter()
        .filter_map(|&f| load(&inputs[f], f, opts))
        .collect();
    let docs: Vec<(usize, Vec<Document>)> = loaded
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            l.parsed
                .root
                .as_ref()
                .map(|r| (i, document::recognise(r, &l.embedded)))
        })
        .collect();
    let mut links = Links {
        tasks: Vec::new(),
        services: Vec::new(),
        policies: Vec::new(),
        repositories: Vec::new(),
        inputs,
    };
    for (i, ds) in &docs {
        let file = loaded[*i].file;
        for d in ds {
            match View::new(d) {
                View::Task(doc) => links.tasks.push(At { file, doc }),
                View::Service(doc) => links.services.push(At { file, doc }),
                View::Policy(doc) => links.policies.push(At { file, doc }),
                View::Repository(doc) => links.repositories.push(At { file, doc }),
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
        let tree = Tree {
            root: l.parsed.root.as_ref(),
            embedded: &l.embedded,
        };
        let primary = Finding {
            related: Vec::new(),
            ..cf.finding.clone()
        };
        let mut diag: Diagnostic =
            engine::resolve(&l.text, tree, l.bom, std::slice::from_ref(&primary), None).remove(0);
        diag.document = Some(kind_at(&docs, &loaded, cf.file, &diag.pointer));
        for ((loc, message), &rf) in cf.finding.related.iter().zip(&cf.related_files) {
            let Some(other) = by_file(rf) else { continue };
            let other_tree = Tree {
                root: other.parsed.root.as_ref(),
                embedded: &other.embedded,
            };
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
            ..FileReport::default()
        });
        report.diagnostics.push(diag);
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
            crate::filter::apply(
                opts.settings(&inputs[file]),
                opts.filter,
                Some(&inputs[file].path),
                &mut report,
            );
            report
        })
        .collect()
}

/// The kind of the document that holds a pointer in a loaded file.
fn kind_at(
    docs: &[(usize, Vec<Document>)],
    loaded: &[Loaded],
    file: usize,
    pointer: &str,
) -> &'static str {
    docs.iter()
        .filter(|(i, _)| loaded[*i].file == file)
        .flat_map(|(_, ds)| ds.iter())
        .filter(|d| pointer.starts_with(d.pointer.as_str()))
        .max_by_key(|d| d.pointer.len())
        .map_or("service", |d| d.kind.as_str())
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
