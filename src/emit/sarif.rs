//! `--format sarif`: SARIF 2.1.0 that GitHub code scanning accepts. One run, every enabled
//! rule in `tool.driver.rules` with help from `rules/*.md`, relative artifact URIs, full
//! 1-based regions, `columnKind` stated, stable `partialFingerprints`, `results: []` when clean.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Value, json};
use url::Url;

use super::{EmitOptions, Emitter, RuleInfo};
use crate::diagnostic::Severity;
use crate::report::{FileReport, Summary};
use crate::source::Range;

pub struct Sarif {
    out: Box<dyn Write>,
    version: &'static str,
    rules: Vec<RuleInfo>,
    /// Results written so far: they stream out as files are reported.
    written: usize,
    /// Occurrences of (rule, file, pointer), to keep fingerprints unique.
    seen: HashMap<u64, usize>,
    /// The working directory with `/` separators: artifact URIs are relative to it.
    cwd: Option<String>,
    include_suppressed: bool,
}

impl Sarif {
    /// Everything before the results: the log, the run, the tool with every enabled rule.
    fn open(&mut self) -> io::Result<()> {
        let rules: Vec<Value> = self.rules.iter().map(rule_descriptor).collect();
        let tool = json!({"driver": {
            "name": "ecslint",
            "version": self.version,
            "semanticVersion": self.version,
            "informationUri": "https://github.com/ecslint/ecslint",
            "rules": rules,
        }});
        let mut head = json!({"tool": tool, "columnKind": "unicodeCodePoints"});
        if let Some(root) = self.cwd.as_deref().and_then(base_uri) {
            head["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": root.as_str()}});
        }
        let head = serde_json::to_string_pretty(&head)?;
        // The run object without its closing brace, indented to sit inside `runs`.
        let body = head
            .trim_end()
            .strip_suffix('}')
            .unwrap_or(&head)
            .trim_end()
            .replace('\n', "\n    ");
        write!(
            self.out,
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {body},\n      \"results\": ["
        )
    }

    fn result(&mut self, result: &Value) -> io::Result<()> {
        if self.written == 0 {
            self.open()?;
            self.out.write_all(b"\n        ")?;
        } else {
            self.out.write_all(b",\n        ")?;
        }
        let text = serde_json::to_string_pretty(result)?;
        self.out
            .write_all(text.replace('\n', "\n        ").as_bytes())?;
        self.written += 1;
        Ok(())
    }

    pub fn new(out: Box<dyn Write>, opts: &EmitOptions) -> Sarif {
        Sarif {
            out,
            version: opts.tool_version,
            rules: opts.rules.clone(),
            written: 0,
            seen: HashMap::new(),
            include_suppressed: opts.include_suppressed,
            cwd: std::env::current_dir()
                .ok()
                .map(|d| d.to_string_lossy().replace('\\', "/")),
        }
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// FNV-1a: stable across Rust versions and platforms (unlike `DefaultHasher`).
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// Where an artifact is for SARIF: a URI relative to the working directory (with the
/// `%SRCROOT%` base) when the file is under it, else an absolute `file://` URI without a base.
/// `..` and `.` are resolved first, so `../repo/x.json` run from inside `repo` is `x.json`.
/// [`Url::from_file_path`] does the encoding, so a relative URI is exactly the tail of the
/// absolute one, and Windows paths are `file:///C:/...`.
pub fn artifact(path: &str, cwd: Option<&str>) -> (String, bool) {
    let absolute = match cwd {
        Some(c) => Path::new(c).join(path),
        None => PathBuf::from(path),
    };
    let normal = normalize(&absolute);
    if !normal.is_absolute() {
        return (relative_reference(&normal), true);
    }
    let Ok(file) = Url::from_file_path(&normal) else {
        // A path `Url` cannot express (a Windows device path, say): its segments, encoded.
        return (relative_reference(&normal), false);
    };
    if let Some(base) = cwd.and_then(base_uri)
        && let Some(rel) = file.as_str().strip_prefix(base.as_str())
        && !rel.is_empty()
    {
        return (colon_safe(rel), true);
    }
    (file.into(), false)
}

/// The relative URI of a path under `base` (see [`artifact`]).
pub fn uri(path: &str, base: Option<&str>) -> String {
    artifact(path, base).0
}

/// The `file://` URI of a directory, ending in `/`, for `originalUriBaseIds`.
fn base_uri(dir: &str) -> Option<Url> {
    Url::from_directory_path(normalize(Path::new(dir))).ok()
}

/// `.` and `..` resolved without touching the file system (`..` at the root stays there).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            c => out.push(c),
        }
    }
    out
}

/// What `Url::from_file_path` percent-encodes in a segment (the WHATWG path-segment set
/// for special schemes); `Url` keeps its own copy private.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%')
    .add(b'\\');

/// A path as a relative URI reference, each segment encoded as [`Url`] would.
fn relative_reference(path: &Path) -> String {
    let segments: Vec<String> = path
        .components()
        .filter(|c| !matches!(c, Component::RootDir))
        .map(|c| utf8_percent_encode(&c.as_os_str().to_string_lossy(), SEGMENT).to_string())
        .collect();
    colon_safe(&segments.join("/"))
}

/// A relative reference whose first segment has a `:` would read as a scheme
/// (RFC 3986, section 4.2): encode the colons in that segment.
fn colon_safe(rel: &str) -> String {
    let (first, rest) = rel
        .split_once('/')
        .map_or((rel, None), |(f, r)| (f, Some(r)));
    if !first.contains(':') {
        return rel.to_string();
    }
    let first = first.replace(':', "%3A");
    match rest {
        Some(r) => format!("{first}/{r}"),
        None => first,
    }
}

fn region(r: &Range) -> Value {
    json!({
        "startLine": r.start.line,
        "startColumn": r.start.column,
        "endLine": r.end.line,
        "endColumn": r.end.column,
        "byteOffset": r.start.offset,
        "byteLength": r.end.offset - r.start.offset,
    })
}

fn sentence(s: &str) -> String {
    let s = s.trim_end();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// Plain text inside a message that has embedded links: `\`, `[` and `]` escaped with `\`.
fn escape_link_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn rule_descriptor(r: &RuleInfo) -> Value {
    let mut props = json!({"tags": r.tags, "precision": r.precision});
    if r.levels.len() > 1 {
        // The rule reports findings at more than its default level (each result has its own).
        props["ecslint/levels"] = json!(r.levels.iter().map(|l| level(*l)).collect::<Vec<_>>());
    }
    if let Some(s) = &r.security_severity {
        props["security-severity"] = json!(s);
    } else {
        props["problem.severity"] = json!(match r.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "recommendation",
        });
    }
    json!({
        "id": r.code,
        "name": pascal(r.name),
        "shortDescription": {"text": sentence(&r.summary)},
        "fullDescription": {"text": sentence(&r.description)},
        "help": {"text": r.markdown, "markdown": r.markdown},
        "helpUri": r.url,
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": props,
    })
}

/// `container-runs-as-root` → `ContainerRunsAsRoot`.
fn pascal(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

impl Emitter for Sarif {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let (file_uri, file_rel) = artifact(&report.display, self.cwd.as_deref());
        // Suppressed findings only on request, in position order with the others.
        let mut all: Vec<&crate::diagnostic::Diagnostic> = report.diagnostics.iter().collect();
        if self.include_suppressed && !report.suppressed.is_empty() {
            all.extend(&report.suppressed);
            all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        for d in all {
            let index = self.rules.iter().position(|r| r.code == d.code);
            let key = fnv1a(&[d.code, &file_uri, &d.pointer]);
            let n = self.seen.entry(key).or_insert(0);
            *n += 1;
            let fingerprint = format!("{key:016x}:{n}");
            let location_in = |(uri, relative): (&str, bool), r: &Range| {
                let artifact = if relative {
                    json!({"uri": uri, "uriBaseId": "%SRCROOT%"})
                } else {
                    json!({"uri": uri})
                };
                json!({"physicalLocation": {"artifactLocation": artifact, "region": region(r)}})
            };
            let location = |r: &Range| location_in((&file_uri, file_rel), r);
            let mut text = if d.related.is_empty() {
                sentence(&d.message)
            } else {
                // GitHub shows related locations only through links in the message, written
                // `[text](id)` with the relatedLocations id; literal brackets are escaped (SARIF
                // 3.11.6) so they are not read as links.
                let links: Vec<String> = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut label = r.message.trim_end_matches('.').to_string();
                        if let Some(f) = &r.file {
                            label.push_str(&format!(" in {f}:{}", r.range.start.line));
                        }
                        format!("[{}]({})", escape_link_text(&label), i + 1)
                    })
                    .collect();
                format!(
                    "{} See {}.",
                    escape_link_text(&sentence(&d.message)),
                    links.join(", ")
                )
            };
            if let Some(h) = &d.help {
                let h = sentence(h);
                let h = if d.related.is_empty() {
                    h
                } else {
                    escape_link_text(&h)
                };
                text.push_str(&format!(" Fix: {h}"));
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [location(&d.range)],
                "partialFingerprints": {"ecslint/v1": fingerprint},
            });
            if let Some(i) = index {
                result["ruleIndex"] = json!(i);
            }
            // Fixes that can be applied: SARIF's `fixes` (display-only ones are left out).
            if let Some(fix) = d
                .fix
                .as_ref()
                .filter(|f| f.applicability > crate::diagnostic::Applicability::DisplayOnly)
            {
                let artifact = if file_rel {
                    json!({"uri": file_uri, "uriBaseId": "%SRCROOT%"})
                } else {
                    json!({"uri": file_uri})
                };
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": {
                                "byteOffset": e.range.start.offset,
                                "byteLength": e.range.end.offset - e.range.start.offset,
                            },
                            "insertedContent": {"text": e.content},
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": sentence(&format!("{} ({} fix)", fix.title, fix.applicability.as_str()))},
                    "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
                }]);
            }
            if let Some(reason) = &d.suppressed {
                result["suppressions"] =
                    json!([{"kind": "external", "status": "accepted", "justification": reason}]);
            }
            if !d.pointer.is_empty() {
                result["locations"][0]["logicalLocations"] =
                    json!([{"fullyQualifiedName": d.pointer, "kind": "element"}]);
            }
            if !d.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    d.related
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let mut l = match &r.file {
                                Some(f) => {
                                    let (u, rel) = artifact(f, self.cwd.as_deref());
                                    location_in((&u, rel), &r.range)
                                }
                                None => location(&r.range),
                            };
                            l["id"] = json!(i + 1);
                            l["message"] = json!({"text": sentence(&r.message)});
                            l
                        })
                        .collect(),
                );
            }
            self.result(&result)?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        if self.written == 0 {
            self.open()?;
            self.out.write_all(b"]\n    }\n  ]\n}\n")?;
        } else {
            self.out.write_all(b"\n      ]\n    }\n  ]\n}\n")?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::{artifact, base_uri};

    #[test]
    fn artifacts_are_relative_under_the_working_directory_else_absolute() {
        let cwd = Some("/work/repo");
        assert_eq!(
            artifact("infra/a b.json", cwd),
            ("infra/a%20b.json".into(), true)
        );
        assert_eq!(
            artifact("./infra/x.json", cwd),
            ("infra/x.json".into(), true)
        );
        assert_eq!(artifact("../repo/x.json", cwd), ("x.json".into(), true));
        assert_eq!(artifact("/work/repo/x.json", cwd), ("x.json".into(), true));
        assert_eq!(
            artifact("/tmp/we b \u{fc}.json", cwd),
            ("file:///tmp/we%20b%20%C3%BC.json".into(), false)
        );
        assert_eq!(
            artifact("../other/x.json", cwd),
            ("file:///work/other/x.json".into(), false)
        );
        // A sibling directory that merely starts with the same name is not under it.
        assert!(!artifact("/work/repository/x.json", cwd).1);
    }

    #[cfg(unix)]
    #[test]
    fn tricky_paths_are_encoded_as_url_does() {
        let cwd = Some("/work/my repo");
        assert_eq!(
            base_uri("/work/my repo").unwrap().as_str(),
            "file:///work/my%20repo/"
        );
        assert_eq!(
            base_uri("/work/repo/").unwrap().as_str(),
            "file:///work/repo/"
        );
        assert_eq!(artifact("a b.json", cwd), ("a%20b.json".into(), true));
        assert_eq!(artifact("x/#1.json", cwd), ("x/%231.json".into(), true));
        assert_eq!(artifact("100%.json", cwd), ("100%25.json".into(), true));
        assert_eq!(artifact("q?.json", cwd), ("q%3F.json".into(), true));
        assert_eq!(
            artifact("t\u{e2}che/\u{65e5}\u{672c}.json", cwd),
            ("t%C3%A2che/%E6%97%A5%E6%9C%AC.json".into(), true)
        );
        // A backslash is a file name character here, not a separator.
        assert_eq!(artifact("a\\b.json", cwd), ("a%5Cb.json".into(), true));
        // `:` in the first segment would read as a scheme; later segments keep it.
        assert_eq!(
            artifact("c:d/e:f.json", cwd),
            ("c%3Ad/e:f.json".into(), true)
        );
        assert_eq!(
            artifact("/tmp/a #b%c.json", cwd),
            ("file:///tmp/a%20%23b%25c.json".into(), false)
        );
        assert_eq!(
            artifact("../other/x.json", cwd),
            ("file:///work/other/x.json".into(), false)
        );
        // `..` past the root stays at the root.
        assert_eq!(
            artifact("/../../x.json", cwd),
            ("file:///x.json".into(), false)
        );
        // Every URI that comes out parses back to the same path.
        for p in ["/tmp/a #b%c.json", "/tmp/\u{fc}/x y.json"] {
            let u = url::Url::parse(&artifact(p, cwd).0).unwrap();
            assert_eq!(u.to_file_path().unwrap(), std::path::PathBuf::from(p));
        }
        // Without a working directory: relative references, still encoded.
        assert_eq!(
            artifact("./a b/../c#.json", None),
            ("c%23.json".into(), true)
        );
        assert_eq!(artifact("../up.json", None), ("../up.json".into(), true));
    }

    #[cfg(windows)]
    #[test]
    fn windows_drive_letters_are_not_encoded() {
        assert_eq!(
            base_uri(r"C:\work\my repo").unwrap().as_str(),
            "file:///C:/work/my%20repo/"
        );
        let cwd = Some(r"C:\work\repo");
        assert_eq!(
            artifact(r"infra\a b.json", cwd),
            ("infra/a%20b.json".into(), true)
        );
        assert_eq!(
            artifact("C:/work/repo/x.json", cwd),
            ("x.json".into(), true)
        );
        assert_eq!(
            artifact(r"D:\data\#1.json", cwd),
            ("file:///D:/data/%231.json".into(), false)
        );
        assert_eq!(
            artifact(r"..\other\x.json", cwd),
            ("file:///C:/work/other/x.json".into(), false)
        );
    }
}
