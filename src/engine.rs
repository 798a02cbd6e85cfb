//! The pipeline for one file (read → parse → recognise → schema → rules → resolve), and the
//! parallel run over many files with bounded memory and deterministic order.

use std::collections::HashMap;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::config::Settings;
use crate::diagnostic::{Anchor, Diagnostic, Finding, Loc, Related};
use crate::discover::Input;
use crate::document::facts::FileKeys;
use crate::document::{self, Document, Kind, View};
use crate::parse::{self, Syntax};
use crate::report::FileReport;
use crate::rules::{self, Check, Ctx, Rule, meta};
use crate::source::{LineIndex, ReadError};
use crate::tree::{Node, Span, Value, join};

/// The default `--max-file-size`: far above any real task definition (AWS caps them at 64 KiB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

#[derive(Debug)]
pub struct Options {
    pub templates: bool,
    pub max_file_size: u64,
    /// Keep each reported file's (masked) text for snippets in human output.
    pub keep_source: bool,
    /// Configurations; each input names one by index (0: no config file, or `--config`).
    pub settings: Vec<Settings>,
    /// What the command line adds to every configuration's filtering.
    pub filter: crate::config::RunFilter,
    /// Apply fixes (`--fix`, `--diff`).
    pub fix: Option<crate::edit::FixMode>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            templates: true,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            keep_source: false,
            settings: vec![Settings::default()],
            filter: crate::config::RunFilter::default(),
            fix: None,
        }
    }
}

impl Options {
    /// The configuration that applies to an input.
    pub fn settings(&self, input: &Input) -> &Settings {
        &self.settings[input.settings.min(self.settings.len() - 1)]
    }
}

/// The file's text, or why it could not be read.
pub type Text = Result<String, ReadError>;

/// The text of an input (from disk, or given, as for stdin), or why it cannot be read.
pub fn read_text(input: &Input, opts: &Options) -> Text {
    if let Some(e) = &input.error {
        return Err(ReadError::Discovery(e.clone()));
    }
    if let Some(content) = &input.content {
        return decode(content.to_vec());
    }
    let meta = std::fs::metadata(&input.path).map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    let limit = opts.max_file_size;
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            len: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let file = std::fs::File::open(&input.path).map_err(ReadError::Io)?;
    // Bound the read even if the file grows after the size check.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::GrewPastLimit { limit });
    }
    decode(bytes)
}

/// Bytes → text, with clear errors for UTF-16, binary files and invalid UTF-8.
fn decode(bytes: Vec<u8>) -> Text {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError::Utf16);
    }
    if let Some(nul_at) = memchr::memchr(0, &bytes) {
        return Err(ReadError::Binary { nul_at });
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        valid_up_to: e.utf8_error().valid_up_to(),
    })
}

/// A stage finding at the rule's default severity.
pub(crate) fn finding(
    rule: &'static Rule,
    message: String,
    help: Option<String>,
    at: Loc,
) -> Finding {
    Finding::new(rule, message, help, at)
}

/// One file, checked: its report (before the filter step) and what the cross-document
/// stage needs from it.
#[derive(Debug, Default)]
pub struct Checked {
    pub report: FileReport,
    pub links: Option<FileKeys>,
}

/// Check one file (its findings are not filtered yet: see [`crate::filter`]).
pub fn check_input(input: &Input, opts: &Options) -> Checked {
    contained(input, || check_loaded(input, read_text(input, opts), opts))
}

/// Run one file's pipeline; a panic outside the rules' own boundary (parser, schema check,
/// position resolution) becomes an internal-error report for this file instead of ending the
/// run.
fn contained(input: &Input, f: impl FnOnce() -> Checked) -> Checked {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let f = crash(
                &payload,
                "ecslint crashed while checking this file".into(),
                &input.display,
                Loc::exact(Span::default()),
            );
            Checked {
                report: FileReport {
                    display: input.display.clone(),
                    failed: true,
                    diagnostics: resolve("", Tree::default(), 0, &[f], None),
                    ..FileReport::default()
                },
                links: None,
            }
        }
    }
}

/// Check text that did not come from disk (tests) as if it were `input`; the report before
/// the filter step.
pub fn check_source(input: &Input, text: Vec<u8>, opts: &Options) -> FileReport {
    contained(input, || check_loaded(input, decode(text), opts)).report
}

fn check_loaded(input: &Input, text: Text, opts: &Options) -> Checked {
    let mut links = None;
    let report = check_text(input, text, opts, opts.keep_source, &mut links);
    Checked { report, links }
}

/// Check text held in memory (a fix's result) as if it were `input`, keeping its masked
/// text for snippets when asked; the report before the filter step.
pub fn check_string(input: &Input, text: String, opts: &Options, keep_source: bool) -> Checked {
    contained(input, || {
        let mut links = None;
        let report = check_text(input, Ok(text), opts, keep_source, &mut links);
        Checked { report, links }
    })
}

fn check_text(
    input: &Input,
    text: Text,
    opts: &Options,
    keep_source: bool,
    links: &mut Option<FileKeys>,
) -> FileReport {
    let settings = opts.settings(input);
    let mut report = FileReport {
        display: input.display.clone(),
        ..FileReport::default()
    };
    let text = match text {
        Ok(t) => t,
        Err(why) => {
            report.failed = true;
            let f = finding(
                &meta::UNREADABLE_FILE,
                format!("cannot check this file: {why}"),
                Some("fix or convert the file as the message says, or leave it out with `exclude` in ecslint.toml; its findings cannot be known until then".into()),
                Loc::exact(Span::default()),
            );
            report.diagnostics = resolve("", Tree::default(), 0, &[f], None);
            return report;
        }
    };
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    let syntax = Syntax::for_path(&input.path);
    let parsed = parse::parse(body, syntax, opts.templates);
    let mut findings: Vec<Finding> = Vec::new();
    let mut secrets: Vec<Span> = Vec::new();
    let mut kind = None;
    // In a template, where each document is (its pointer, its kind): a finding names the
    // document it is in, not the file's last.
    let mut places: Vec<(String, Kind)> = Vec::new();

    if let Some(err) = &parsed.error {
        // A file that does not parse and does not even mention ECS fields is not ours:
        // skipped when walked (package-lock.json with a trailing comma, a Helm template),
        // a note when named.
        let ecs_like = document::mentions_ecs(body);
        if (!input.explicit && crate::discover::loose(&input.path)) || !ecs_like {
            if input.explicit {
                let f = finding(
                    &meta::NOT_AN_ECS_DOCUMENT,
                    format!(
                        "not an ECS document (it does not parse: {}); skipped",
                        err.message
                    ),
                    Some("ecslint checks ECS task definitions written as JSON or YAML".into()),
                    Loc::exact(err.span),
                );
                report.diagnostics = resolve(body, Tree::default(), bom, &[f], None);
            }
            return report;
        }
        report.failed = true;
        findings.push(finding(
            &meta::INVALID_JSON,
            err.message.clone(),
            Some(err.help.clone().unwrap_or_else(|| {
                "fix the syntax at this position; until the file parses, no other check runs on it"
                    .into()
            })),
            Loc::exact(err.span),
        ));
    }
    let front = parsed
        .root
        .as_ref()
        .map(|r| crate::front::read(r, body, opts.templates, syntax, &input.path))
        .unwrap_or_default();
    let embedded = &front.embedded;
    let mut inline = Vec::new();
    if let Some(root) = &parsed.root {
        let docs = crate::front::documents(root, &front);
        report.recognised = !docs.is_empty();
        // A template resource checked in several scenarios (`Fn::If`) is one document.
        report.documents = docs
            .iter()
            .map(|d| (d.kind, d.pointer.as_str()))
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        if docs.is_empty() && input.explicit {
            findings.push(finding(&meta::NOT_AN_ECS_DOCUMENT,
                "not an ECS document; skipped".into(),
                Some("ecslint checks task definitions (an object with `containerDefinitions`, describe-task-definition output, or a container definitions array)".into()),
                Loc::exact(Span::new(root.span.start, root.span.start + 1)),
            ));
        }
        for e in embedded {
            if let Some(err) = &e.error
                && report.recognised
            {
                let field = e.pointer.rsplit('/').next().unwrap_or_default();
                findings.push(finding(
                    &meta::INVALID_JSON,
                    format!("`{field}` does not hold valid JSON: {}", err.message),
                    Some("the policy is a JSON document inside a string: fix the JSON, and escape its quotes as \\\"".into()),
                    Loc::exact(err.span),
                ));
            }
        }
        if report.recognised && settings.on(&meta::SCHEMA_VIOLATION) {
            findings.extend(front.findings.iter().cloned());
        }
        if report.recognised && front.dialect != crate::document::at::Dialect::Api {
            inline = inline_ignores(root, body, front.dialect, &mut findings);
        }
        let mut keys = Vec::with_capacity(docs.len());
        for doc in &docs {
            kind = Some(doc.kind);
            if doc.dialect != crate::document::at::Dialect::Api {
                places.push((doc.pointer.clone(), doc.kind));
            }
            let before = findings.len();
            // Skipped work when off (the filter step would drop its findings anyway).
            if settings.on(&meta::SCHEMA_VIOLATION) {
                crate::schema::check(doc, &mut findings);
            }
            let view = View::new(doc);
            run_rules(doc, &view, input, settings, &mut findings, &mut secrets);
            if doc.dialect == crate::document::at::Dialect::Terraform {
                provider_drops_unknown_keys(doc, &mut findings[before..]);
                // What is found inside the JSON a resource holds (`container_definitions`,
                // a lifecycle `policy`) speaks the API's names, as the user wrote them.
                let json = match doc.kind {
                    Kind::LifecyclePolicy => Some(doc.node.span),
                    _ => doc.node.get("containerDefinitions").map(|c| c.span),
                };
                let inside = |f: &Finding| {
                    json.zip(f.at.node.as_ref())
                        .is_some_and(|(j, n)| j.start <= n.span.start && n.span.end <= j.end)
                };
                for f in &mut findings[before..] {
                    if !inside(f) {
                        in_dialect(doc.dialect, std::slice::from_mut(f));
                    }
                }
            } else {
                in_dialect(doc.dialect, &mut findings[before..]);
            }
            keys.push(crate::document::facts::key(&view));
        }
        if report.recognised {
            let facts = rules::FileFacts {
                placeholders: &parsed.placeholders,
            };
            run_file_rules(&facts, input, settings, &mut findings, &mut secrets);
        }
        if report.recognised {
            *links = Some(FileKeys {
                keys,
                secrets: secrets.clone(),
                text_hash: crate::document::facts::text_hash(body),
            });
        }
        if report.recognised {
            for d in &parsed.duplicates {
                let mut f = finding(&meta::DUPLICATE_KEY,
                    format!("duplicate key `{}`: only this last occurrence counts", d.key),
                    Some("remove one of the two; AWS tools keep the last value and ignore the earlier one".into()),
                    Loc::exact(d.second),
                );
                f.related.push((
                    Loc::exact(d.first),
                    "the earlier occurrence, which is ignored".into(),
                ));
                findings.push(f);
            }
        }
    }
    if findings.is_empty() && inline.is_empty() {
        return report;
    }
    if findings
        .iter()
        .any(|f| f.rule.code == meta::INTERNAL_ERROR.code)
    {
        report.failed = true;
    }
    let tree = Tree::of(parsed.root.as_ref(), &front).with_syntax(syntax);
    report.inline = inline
        .into_iter()
        .map(|(ignore, unused)| crate::report::InlineIgnore {
            unused: unused.map(|f| resolve(body, tree, bom, &[f], None).remove(0)),
            ..ignore
        })
        .collect();
    report.diagnostics = resolve(body, tree, bom, &findings, kind.map(Kind::as_str));
    if !places.is_empty() {
        for d in report
            .diagnostics
            .iter_mut()
            .filter(|d| d.document.is_some())
        {
            let docs = places.iter().map(|(p, k)| (p.as_str(), *k));
            if let Some(k) = document::kind_at(docs, &d.pointer) {
                d.document = Some(k.as_str());
            }
        }
    }
    if keep_source {
        report.source = Some(display_source(body, &secrets));
    }
    report
}

/// A template's `Metadata.ecslint.ignore` entries, each with the finding to report when it
/// suppresses nothing (none for cross-document rules, whose findings another report holds);
/// entries that cannot apply (no rule, an unknown rule, no reason) are findings now.
pub(crate) fn inline_ignores(
    root: &Node,
    body: &str,
    dialect: crate::document::at::Dialect,
    findings: &mut Vec<Finding>,
) -> Vec<(crate::report::InlineIgnore, Option<Finding>)> {
    let terraform = dialect == crate::document::at::Dialect::Terraform;
    let entries = if terraform {
        crate::front::terraform::inline_ignores(root, body)
    } else {
        crate::front::cloudformation::inline_ignores(root)
    };
    let mut out = Vec::new();
    for i in entries {
        let at = Loc::exact(i.span);
        let rule = i.rule.as_deref().and_then(rules::find);
        let (Some(rule), Some(reason)) = (rule, i.reason) else {
            let what = match (&i.rule, rule) {
                (None, _) => "names no `rule`".to_string(),
                (Some(r), None) => format!("names `{r}`, which is not an ecslint rule"),
                (Some(r), Some(_)) => format!("of {r} gives no `reason`"),
            };
            findings.push(finding(
                &meta::UNUSED_IGNORE,
                format!("this ignore entry {what}, so it suppresses nothing"),
                Some(if terraform {
                    "write it as `# ecslint:ignore ECS104 <why the finding is accepted>`, at the end of the line or on the line above".into()
                } else {
                    "write each entry as `- rule: ECS104` with `reason: <why the finding is accepted>`".into()
                }),
                at,
            ));
            continue;
        };
        let unused = (!matches!(rule.check, Check::Cross(_))).then(|| {
            let place = if terraform {
                let address = i.pointer.strip_prefix("/resource/").unwrap_or(&i.pointer);
                format!("`{}`", address.trim_start_matches('/').replace('/', "."))
            } else {
                format!(
                    "resource `{}`",
                    i.pointer.rsplit('/').next().unwrap_or_default()
                )
            };
            finding(
                &meta::UNUSED_IGNORE,
                format!("this ignore of {} matched no finding in {place}", rule.code),
                Some(
                    "the finding is gone (or the rule is wrong): delete the entry or correct it"
                        .into(),
                ),
                at.clone(),
            )
        });
        out.push((
            crate::report::InlineIgnore {
                rule: rule.code.to_string(),
                pointer: i.pointer,
                reason,
                unused: None,
            },
            unused,
        ));
    }
    out
}

fn run_rules(
    doc: &Document,
    view: &View,
    input: &Input,
    settings: &Settings,
    findings: &mut Vec<Finding>,
    secrets: &mut Vec<Span>,
) {
    for (i, rule) in rules::ALL.iter().enumerate() {
        if !settings.enabled[i] {
            continue;
        }
        let run: &dyn Fn(&mut Ctx) = match (&rule.check, view) {
            (Check::TaskDefinition(check), View::Task(t)) => &|ctx| check(t, ctx),
            (Check::Service(check), View::Service(s)) => &|ctx| check(s, ctx),
            (Check::LifecyclePolicy(check), View::Policy(p)) => &|ctx| check(p, ctx),
            (Check::Repository(check), View::Repository(r)) => &|ctx| check(r, ctx),
            (Check::Cluster(check), View::Cluster(c)) => &|ctx| check(c, ctx),
            (Check::Document(check), _) => &|ctx| check(doc, ctx),
            _ => continue,
        };
        guarded(rule, input, &doc.pointer, settings, findings, secrets, run);
    }
}

/// The file-level rules, once per file that holds ECS documents, each behind the panic
/// boundary.
fn run_file_rules(
    facts: &rules::FileFacts,
    input: &Input,
    settings: &Settings,
    findings: &mut Vec<Finding>,
    secrets: &mut Vec<Span>,
) {
    for (i, rule) in rules::ALL.iter().enumerate() {
        let Check::File(check) = rule.check else {
            continue;
        };
        if !settings.enabled[i] {
            continue;
        }
        guarded(rule, input, "", settings, findings, secrets, |ctx| {
            check(facts, ctx)
        });
    }
}

/// Run one rule behind the panic boundary: a rule that panics loses its findings for this
/// document and leaves an internal-error finding at `pointer` instead.
fn guarded(
    rule: &'static Rule,
    input: &Input,
    pointer: &str,
    settings: &Settings,
    findings: &mut Vec<Finding>,
    secrets: &mut Vec<Span>,
    run: impl FnOnce(&mut Ctx),
) {
    let before = findings.len();
    let mut ctx = Ctx {
        rule,
        findings,
        secrets,
        options: &settings.options,
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if test_panic(rule.code) {
            panic!("test panic requested by ECSLINT_TEST_PANIC");
        }
        run(&mut ctx)
    }));
    if let Err(payload) = outcome {
        findings.truncate(before);
        findings.push(internal_error(rule, &payload, &input.display, pointer));
    }
}

/// The diagnostic for a rule that panicked: names the rule and the file, asks for a report.
pub(crate) fn internal_error(
    rule: &'static Rule,
    payload: &Box<dyn std::any::Any + Send>,
    display: &str,
    pointer: &str,
) -> Finding {
    crash(
        payload,
        format!(
            "rule {} ({}) crashed on this document",
            rule.code, rule.name
        ),
        display,
        Loc::value(pointer.to_string()),
    )
}

/// An internal-error finding for a panic: what crashed, the panic's message, a request to
/// report it.
fn crash(payload: &Box<dyn std::any::Any + Send>, what: String, display: &str, at: Loc) -> Finding {
    let why = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    finding(
        &meta::INTERNAL_ERROR,
        format!("internal error: {what}: {why}"),
        Some(format!(
            "this is a bug in ecslint, not in {display}; please report it with the file (remove secrets first)"
        )),
        at,
    )
}

/// Tests can make one rule panic to prove the panic boundary (`ECSLINT_TEST_PANIC=ECS104`).
pub(crate) fn test_panic(code: &str) -> bool {
    static WANT: std::sync::LazyLock<Option<String>> =
        std::sync::LazyLock::new(|| std::env::var("ECSLINT_TEST_PANIC").ok());
    WANT.as_deref() == Some(code)
}

/// A file's trees: the parsed root and the documents parsed out of its strings.
#[derive(Clone, Copy, Default)]
pub(crate) struct Tree<'a> {
    pub root: Option<&'a Node>,
    pub embedded: &'a [document::Embedded],
    /// Documents a front end lowered to the API's shape: their nodes are found here and
    /// named by where they came from in `root`.
    pub lowered: &'a [crate::front::Lowered],
    pub dialect: crate::document::at::Dialect,
    /// How the file is written, for the text edits of fixes.
    pub syntax: Syntax,
}

impl<'a> Tree<'a> {
    pub(crate) fn of(root: Option<&'a Node>, front: &'a crate::front::Front) -> Tree<'a> {
        Tree {
            root,
            embedded: &front.embedded,
            lowered: &front.lowered,
            dialect: front.dialect,
            syntax: Syntax::Json,
        }
    }

    fn with_syntax(self, syntax: Syntax) -> Tree<'a> {
        Tree { syntax, ..self }
    }

    /// The node at a pointer, looking inside embedded documents too.
    fn find(&self, pointer: &str) -> Option<(&'a Node, Option<&'a crate::tree::Member>)> {
        for e in self.embedded {
            if let Some(rest) = pointer.strip_prefix(e.pointer.as_str())
                && (rest.is_empty() || rest.starts_with('/'))
                && let Some(root) = &e.root
                && let Some(found) = root.pointer(rest)
            {
                return Some(found);
            }
        }
        self.root?.pointer(pointer)
    }
}

/// The locations of one file's findings, resolved: node locations (what rules report
/// through located views) by one walk over the file's trees that stops once every wanted
/// node is found, pointer locations (stages) by following the pointer.
pub(crate) struct Locator<'a> {
    tree: Tree<'a>,
    found: HashMap<usize, Found<'a>>,
}

struct Found<'a> {
    pointer: String,
    node: &'a Node,
    member: Option<&'a crate::tree::Member>,
    /// Found in a lowered document: the pointer is still to be named from the file.
    lowered: bool,
}

impl<'a> Locator<'a> {
    pub(crate) fn new<'l>(tree: Tree<'a>, locs: impl IntoIterator<Item = &'l Loc>) -> Locator<'a> {
        let mut wanted: HashMap<usize, Span> = locs
            .into_iter()
            .filter_map(|l| l.node.as_ref().map(|n| (n.id, n.span)))
            .collect();
        let mut found = HashMap::with_capacity(wanted.len());
        let mut starts: Vec<usize> = wanted.values().map(|s| s.start).collect();
        starts.sort_unstable();
        // First only down the nodes whose spans hold a wanted node (a handful of paths);
        // then, for nodes that are not where their span says (YAML merges copy members
        // from elsewhere in the file), everywhere.
        for pruned in [true, false] {
            let mut buf = String::new();
            for e in tree.embedded {
                if let Some(root) = &e.root {
                    buf.clear();
                    buf.push_str(&e.pointer);
                    walk(
                        root,
                        None,
                        &mut buf,
                        &mut wanted,
                        &mut found,
                        pruned.then_some(&starts),
                        false,
                    );
                }
            }
            for l in tree.lowered {
                buf.clear();
                walk(
                    &l.root,
                    None,
                    &mut buf,
                    &mut wanted,
                    &mut found,
                    pruned.then_some(&starts),
                    true,
                );
            }
            if let Some(root) = tree.root {
                buf.clear();
                walk(
                    root,
                    None,
                    &mut buf,
                    &mut wanted,
                    &mut found,
                    pruned.then_some(&starts),
                    false,
                );
            }
            if wanted.is_empty() {
                break;
            }
        }
        // A lowered node is named by the place it came from, in the file's own names.
        if let Some(root) = tree.root {
            for f in found.values_mut().filter(|f| f.lowered) {
                f.pointer = crate::front::written_pointer(root, tree.embedded, f.node.span).0;
            }
        }
        Locator { tree, found }
    }

    /// Resolve a location to a span and the pointer that names it.
    pub(crate) fn locate(&self, loc: &Loc) -> (Span, String) {
        if let Anchor::Exact(span) = loc.anchor {
            return (span, loc.pointer.clone());
        }
        let Some(root) = self.tree.root else {
            return (Span::default(), String::new());
        };
        let unresolved = || {
            debug_assert!(false, "unresolvable location {loc:?}");
            (
                Span::new(root.span.start, root.span.start + 1),
                String::new(),
            )
        };
        let (node, member, pointer) = match &loc.node {
            Some(r) => {
                let Some(f) = self.found.get(&r.id) else {
                    return unresolved();
                };
                if let Some(key) = &r.missing {
                    return (head(f.node), join(&f.pointer, self.tree.dialect.key(key)));
                }
                (f.node, f.member, f.pointer.clone())
            }
            None => {
                let Some((node, member)) = self.tree.find(&loc.pointer) else {
                    return unresolved();
                };
                (node, member, loc.pointer.clone())
            }
        };
        let span = match (loc.anchor, member) {
            (Anchor::Key, Some(m)) => m.key_span,
            (Anchor::Member, Some(m)) => m.span(),
            (Anchor::Head, _) => head(node),
            _ => node.span,
        };
        (span, pointer)
    }
}

/// An object's identifying line: its name-like member, else its opening brace.
fn head(node: &Node) -> Span {
    match ["name", "family", "serviceName", "service", "rulePriority"]
        .iter()
        .find_map(|k| node.member(k))
    {
        Some(m) => m.span(),
        None if node.is_object() || node.is_array() => {
            Span::new(node.span.start, node.span.start + 1)
        }
        None => node.span,
    }
}

/// Depth-first walk building each node's pointer in `buf`; records the wanted ones.
fn walk<'a>(
    node: &'a Node,
    member: Option<&'a crate::tree::Member>,
    buf: &mut String,
    wanted: &mut HashMap<usize, Span>,
    found: &mut HashMap<usize, Found<'a>>,
    pruned: Option<&[usize]>,
    lowered: bool,
) {
    if wanted.is_empty() {
        return;
    }
    // Pruned: only into nodes whose span holds the start of a wanted node (sorted starts,
    // one binary search per node visited).
    if let Some(starts) = pruned {
        let i = starts.partition_point(|&x| x < node.span.start);
        if starts.get(i).is_none_or(|&x| x > node.span.end) {
            return;
        }
    }
    if wanted
        .remove(&crate::diagnostic::NodeRef::id_of(node))
        .is_some()
    {
        found.insert(
            crate::diagnostic::NodeRef::id_of(node),
            Found {
                pointer: buf.clone(),
                node,
                member,
                lowered,
            },
        );
    }
    match &node.value {
        Value::Object(members) => {
            for m in members {
                let len = buf.len();
                buf.push('/');
                buf.push_str(&crate::tree::escape_token(&m.key));
                walk(&m.value, Some(m), buf, wanted, found, pruned, lowered);
                buf.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, n) in items.iter().enumerate() {
                let len = buf.len();
                use std::fmt::Write;
                let _ = write!(buf, "/{i}");
                walk(n, None, buf, wanted, found, pruned, lowered);
                buf.truncate(len);
            }
        }
        // A YAML short-form intrinsic's content, named as its long form (`!If` → `Fn::If`).
        Value::Unknown(crate::tree::Unknown {
            kind: crate::tree::UnknownKind::Tag(tag),
            inner: Some(inner),
            ..
        }) => {
            let len = buf.len();
            buf.push('/');
            buf.push_str(&crate::front::cloudformation::long_name(tag));
            walk(inner, None, buf, wanted, found, pruned, lowered);
            buf.truncate(len);
        }
        _ => {}
    }
}

/// A span snapped to character boundaries within the text, and its range (offsets count a
/// BOM the text was read without).
pub(crate) fn place(index: &LineIndex, bom: usize, span: Span) -> (Span, crate::source::Range) {
    let mut r = index.range(span.start, span.end);
    let span = Span::new(r.start.offset, r.end.offset);
    r.start.offset += bom;
    r.end.offset += bom;
    (span, r)
}

pub(crate) fn resolve(
    text: &str,
    tree: Tree,
    bom: usize,
    findings: &[Finding],
    kind: Option<&'static str>,
) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    // The nodes fixes change are located with the findings' own.
    let change_locs: Vec<Loc> = findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|x| &x.changes)
        .map(|c| Loc {
            pointer: String::new(),
            anchor: Anchor::Value,
            node: Some(c.target().clone()),
        })
        .collect();
    let locator = Locator::new(
        tree,
        findings
            .iter()
            .flat_map(|f| std::iter::once(&f.at).chain(f.related.iter().map(|(l, _)| l)))
            .chain(&change_locs),
    );
    let source = tree.root.map(|root| crate::edit::Source {
        text,
        syntax: tree.syntax,
        root,
        embedded: tree.embedded,
        dialect: tree.dialect,
    });
    // A plan file is generated: its fixes belong in the configuration it was made from.
    let generated =
        tree.dialect == crate::document::at::Dialect::Terraform && tree.syntax != Syntax::Hcl;
    let found = &locator.found;
    let lowered = move |r: &crate::diagnostic::NodeRef| found.get(&r.id).map(|f| f.node);
    // A span snapped to character boundaries, and its range (offsets count the BOM).
    let place = |span: Span| place(&index, bom, span);
    let mut out: Vec<Diagnostic> = findings
        .iter()
        .map(|f| {
            let rule = f.rule;
            let (span, pointer) = locator.locate(&f.at);
            let (span, range) = place(span);
            let related = f
                .related
                .iter()
                .map(|(loc, message)| {
                    let (span, pointer) = locator.locate(loc);
                    let (span, range) = place(span);
                    Related {
                        message: message.clone(),
                        file: None,
                        pointer,
                        range,
                        span,
                    }
                })
                .collect();
            let file_level = [
                &meta::INVALID_JSON,
                &meta::NOT_AN_ECS_DOCUMENT,
                &meta::UNREADABLE_FILE,
            ]
            .iter()
            .any(|r| r.code == rule.code);
            Diagnostic {
                code: rule.code,
                name: rule.name,
                severity: f.severity,
                document: if file_level { None } else { kind },
                message: cap(&f.message),
                help: f.help.as_deref().map(cap),
                url: Some(rule.url),
                pointer,
                span,
                range,
                related,
                suppressed: None,
                fix: f
                    .fix
                    .as_ref()
                    .zip(source.as_ref())
                    .and_then(|(intent, src)| {
                        let mut fix = crate::edit::render(src, intent, lowered, generated)?;
                        for e in &mut fix.edits {
                            let (span, range) = place(e.span);
                            if span != e.span {
                                return None; // not on character boundaries
                            }
                            e.range = range;
                        }
                        Some(fix)
                    }),
            }
        })
        .collect();
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.dedup_by(|a, b| a.sort_key() == b.sort_key());
    out
}

/// Findings written in the API's names (rules, schema), renamed to the names of the
/// document's dialect: messages, help and related messages.
pub(crate) fn in_dialect(dialect: crate::document::at::Dialect, findings: &mut [Finding]) {
    if dialect == crate::document::at::Dialect::Api {
        return;
    }
    let rename = |s: &mut String| {
        let renamed = match dialect {
            crate::document::at::Dialect::Terraform => {
                crate::front::terraform::rename_in_message(s)
            }
            _ => crate::front::cloudformation::rename_in_message(s),
        };
        if let std::borrow::Cow::Owned(new) = renamed {
            *s = new;
        }
    };
    for f in findings {
        rename(&mut f.message);
        if let Some(h) = &mut f.help {
            rename(h);
        }
        for (_, m) in &mut f.related {
            rename(m);
        }
        if let Some(fix) = &mut f.fix {
            rename(&mut fix.title);
        }
    }
}

/// The AWS provider drops keys of `container_definitions` it does not know
/// (terraform-provider-aws#43217) instead of sending them to AWS: such a key is a mistake
/// that silently does nothing, a warning rather than a rejection.
fn provider_drops_unknown_keys(doc: &Document, findings: &mut [Finding]) {
    let Some(containers) = doc.node.get("containerDefinitions") else {
        return;
    };
    let inside = |s: Span| containers.span.start <= s.start && s.end <= containers.span.end;
    for f in findings.iter_mut().filter(|f| {
        f.rule.code == meta::SCHEMA_VIOLATION.code
            && f.message.starts_with("unknown field")
            && f.at.node.as_ref().is_some_and(|n| inside(n.span))
    }) {
        f.severity = crate::diagnostic::Severity::Warning;
        // Renamed, the key starts to count: that changes what runs.
        if let Some(fix) = &mut f.fix {
            fix.applicability = fix
                .applicability
                .min(crate::diagnostic::Applicability::Unsafe);
        }
        let why = "the AWS provider drops keys it does not know (terraform-provider-aws#43217), so this one never reaches AWS";
        f.help = Some(match f.help.take() {
            Some(h) if h.starts_with("did you mean") => format!("{h} {why}"),
            _ => format!("remove it or correct its name: {why}"),
        });
    }
}

/// A message or help text, cut at [`crate::diagnostic::MAX_MESSAGE`] characters.
fn cap(s: &str) -> String {
    if s.len() <= crate::diagnostic::MAX_MESSAGE {
        return s.to_string(); // no more characters than bytes
    }
    match s.char_indices().nth(crate::diagnostic::MAX_MESSAGE) {
        None => s.to_string(),
        Some((cut, _)) => format!("{}… (cut)", &s[..cut]),
    }
}

/// The text shown in snippets: secrets masked (the first two characters of long values kept,
/// as in messages), unsafe characters replaced. Byte offsets are preserved exactly.
pub(crate) fn display_source(body: &str, secrets: &[Span]) -> String {
    let mut out = String::with_capacity(body.len());
    let mut kept: Option<(usize, usize)> = None; // (secret start, characters shown so far)
    for (i, ch) in body.char_indices() {
        let unsafe_char = crate::source::is_unsafe_char(ch);
        if ch != '"'
            && let Some(s) = secrets.iter().find(|s| i >= s.start && i < s.end)
        {
            let shown = kept
                .filter(|(start, _)| *start == s.start)
                .map_or(0, |(_, n)| n);
            kept = Some((s.start, shown + 1));
            if s.end - s.start >= 18 && shown < 2 && !unsafe_char {
                out.push(ch);
            } else {
                out.extend(std::iter::repeat_n('*', ch.len_utf8()));
            }
        } else if unsafe_char {
            out.extend(std::iter::repeat_n('?', ch.len_utf8()));
        } else {
            out.push(ch);
        }
    }
    out
}

/// Findings about a configuration file: `[[ignore]]` entries that matched nothing in files
/// this run checked, and entries past their `until` date.
pub fn config_report(
    s: &Settings,
    counts: &crate::config::IgnoreCounts,
    keep_source: bool,
) -> Option<FileReport> {
    let file = s.file.as_ref()?;
    let mut findings = Vec::new();
    for (n, i) in s.ignores.iter().enumerate() {
        let span = Span::new(i.span.start, i.span.end);
        if i.expired {
            let at = i
                .until_span
                .clone()
                .map_or(span, |u| Span::new(u.start, u.end));
            findings.push(finding(
                &meta::EXPIRED_IGNORE,
                format!(
                    "this ignore of {} expired on {}: its findings are reported again",
                    i.rule,
                    i.until.as_deref().unwrap_or("?")
                ),
                Some("fix the findings and delete the entry, or move `until` if the exception still holds (say why in `reason`)".into()),
                Loc::exact(at),
            ));
        } else if counts.used(n) == 0
            && counts.files(n) > 0
            // An entry for a rule this run does not check (`--select`, `--ignore`, `[rules]`)
            // had nothing to match: it is not unused.
            && crate::rules::find(i.rule).is_none_or(|r| s.enabled[r.index()])
        {
            findings.push(finding(
                &meta::UNUSED_IGNORE,
                format!(
                    "this ignore of {} matched no finding in the {} checked file(s) it applies to",
                    i.rule,
                    counts.files(n)
                ),
                Some("the finding is gone (or the path or pointer is wrong): delete the entry or correct it".into()),
                Loc::exact(span),
            ));
        }
    }
    if findings.is_empty() {
        return None;
    }
    let mut report = FileReport {
        display: file.display.clone(),
        recognised: true,
        ..FileReport::default()
    };
    report.diagnostics = resolve(&file.text, Tree::default(), 0, &findings, Some("config"));
    if keep_source {
        report.source = Some(display_source(&file.text, &[]));
    }
    Some(report)
}
