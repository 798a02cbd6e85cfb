//! `--format sarif`: SARIF 2.1.0 that GitHub code scanning accepts. One run, every enabled
//! rule in `tool.driver.rules` with help from `rules/*.md`, relative artifact URIs, full
//! 1-based regions, `columnKind` stated, stable `partialFingerprints`, `results: []` when clean.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

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
        if let Some(cwd) = &self.cwd {
            let mut root = percent_encode(cwd);
            if !root.starts_with('/') {
                root.insert(0, '/');
            }
            if !root.ends_with('/') {
                root.push('/');
            }
            head["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": format!("file://{root}")}});
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
pub fn artifact(path: &str, cwd: Option<&str>) -> (String, bool) {
    let p = path.replace('\\', "/");
    let absolute = if p.starts_with('/') {
        p.clone()
    } else {
        match cwd {
            Some(c) => format!("{}/{p}", c.trim_end_matches('/')),
            None => return (percent_encode(&p), true),
        }
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in absolute.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let normal = format!("/{}", parts.join("/"));
    if let Some(c) = cwd
        && let Some(rel) = normal.strip_prefix(&format!("{}/", c.trim_end_matches('/')))
    {
        return (percent_encode(rel), true);
    }
    (format!("file://{}", percent_encode(&normal)), false)
}

/// The relative URI of a path under `base` (see [`artifact`]).
pub fn uri(path: &str, base: Option<&str>) -> String {
    artifact(path, base).0
}

fn percent_encode(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
            let mut text = sentence(&d.message);
            if let Some(h) = &d.help {
                text.push_str(&format!(" Fix: {}", sentence(h)));
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
    use super::artifact;

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
}
