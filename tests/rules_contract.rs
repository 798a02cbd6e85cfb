//! The rule registry, the rule docs and the per-rule fixtures agree, and every fixture
//! behaves as its name says: `fire-*` files produce the rule, `pass-*` files do not.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ecslint::discover::{self, Input};
use ecslint::engine::Options;
use ecslint::rules::{self, ALL};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The options a fixture runs with: those of an `ecslint.toml` in its rule's fixture
/// directory (rules that only report what the configuration asks for), else the defaults.
fn options_for(path: &Path) -> Options {
    let config = path.parent().map(|d| d.join("ecslint.toml"));
    match config.filter(|c| c.is_file()) {
        Some(c) => Options {
            settings: vec![ecslint::config::load(&c).expect("fixture configuration loads")],
            ..Options::default()
        },
        None => Options::default(),
    }
}

/// Codes reported for a fixture: one file, or a directory of documents that link to each
/// other (cross-document rules).
fn codes_for(path: &Path) -> Vec<&'static str> {
    let inputs = if path.is_dir() {
        discover::discover(&[path.to_path_buf()], 1)
    } else {
        vec![Input::new(path)]
    };
    let mut codes = Vec::new();
    ecslint::run::run(&inputs, &options_for(path), |r| {
        codes.extend(r.diagnostics.iter().map(|d| d.code))
    });
    codes
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = BTreeSet::new();
    let mut names = BTreeSet::new();
    for r in ALL {
        assert!(codes.insert(r.code), "duplicate code {}", r.code);
        assert!(names.insert(r.name), "duplicate name {}", r.name);
        assert!(
            r.code.len() == 6
                && r.code.starts_with("ECS")
                && r.code[3..].bytes().all(|b| b.is_ascii_digit()),
            "{}",
            r.code
        );
        assert!(
            r.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{}",
            r.name
        );
        assert!(rules::find(r.code).is_some() && rules::find(r.name).is_some());
    }
    let sorted: Vec<_> = ALL.iter().map(|r| r.code).collect();
    let mut again = sorted.clone();
    again.sort();
    assert_eq!(sorted, again, "rules::ALL is in code order");
}

#[test]
fn every_rule_has_a_doc_whose_front_matter_matches() {
    for r in ALL {
        let f = r.front();
        assert_eq!(f.get("code"), Some(r.code), "{}: front matter code", r.name);
        assert_eq!(f.get("name"), Some(r.name), "{}: front matter name", r.name);
        assert_eq!(
            f.get("severity"),
            Some(r.severity.as_str()),
            "{}: front matter severity",
            r.name
        );
        assert!(!r.summary().is_empty(), "{}: summary", r.name);
        assert!(!f.list("tags").is_empty(), "{}: tags", r.name);
        assert!(
            matches!(
                f.get("precision"),
                Some("very-high" | "high" | "medium" | "low")
            ),
            "{}: precision",
            r.name
        );
        if let Some(s) = f.get("security-severity") {
            let v: f64 = s
                .parse()
                .expect("security-severity is a number in a string");
            assert!((0.1..=10.0).contains(&v));
            assert!(
                f.list("tags").iter().any(|t| t == "security"),
                "{}: security-severity needs the security tag",
                r.name
            );
        }
        for section in ["## Example", "## References"] {
            assert!(f.body.contains(section), "{}: doc lacks {section}", r.name);
        }
    }
}

#[test]
fn every_doc_has_a_rule() {
    for entry in std::fs::read_dir(root().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        if path.extension().is_some_and(|e| e == "md") && stem != "README" {
            assert!(rules::find(&stem).is_some(), "rules/{stem}.md has no rule");
        }
    }
}

#[test]
fn fixtures_fire_and_pass_as_named() {
    let mut failures = Vec::new();
    for r in ALL {
        let dir = root().join("fixtures/rules").join(r.name);
        if matches!(r.code, "ECS009" | "ECS010" | "ECS011") {
            // internal-error is proven by the panic-boundary test; the two configuration
            // rules report on ecslint.toml, not on documents (tests/config.rs).
            continue;
        }
        let mut fire = 0;
        let mut pass = 0;
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("fixtures/rules/{} is missing", r.name))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let codes = codes_for(&path);
            if name.starts_with("fire-") {
                fire += 1;
                if !codes.contains(&r.code) {
                    failures.push(format!(
                        "{}/{name}: expected {} to fire, got {codes:?}",
                        r.name, r.code
                    ));
                }
            } else if name.starts_with("pass-") {
                pass += 1;
                if codes.contains(&r.code) {
                    failures.push(format!(
                        "{}/{name}: expected {} not to fire, got {codes:?}",
                        r.name, r.code
                    ));
                }
            }
        }
        if fire == 0 || pass == 0 {
            failures.push(format!(
                "{}: needs at least one fire-* and one pass-* fixture ({fire} fire, {pass} pass)",
                r.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn good_examples_are_clean() {
    for f in [
        "fixtures/examples/good-fargate.json",
        "fixtures/forms/register.json",
        "fixtures/forms/register.yaml",
        "fixtures/forms/container-definitions.json",
        "fixtures/forms/templated.json",
        "fixtures/rules/schema-violation/pass-yaml-intrinsic-tags.yaml",
        "fixtures/rules/schema-violation/pass-yaml-merge-keys.yaml",
    ] {
        let codes = codes_for(&root().join(f));
        assert!(codes.is_empty(), "{f}: {codes:?}");
    }
}

#[test]
fn unquoted_placeholders_are_a_note_not_a_parse_error() {
    for f in std::fs::read_dir(root().join("fixtures/rules/unquoted-placeholder")).unwrap() {
        let path = f.unwrap().path();
        let codes = codes_for(&path);
        assert!(!codes.contains(&"ECS001"), "{}: {codes:?}", path.display());
    }
    let codes = codes_for(&root().join("fixtures/forms/templated-unquoted.json"));
    assert!(
        codes.contains(&"ECS005") && !codes.contains(&"ECS001"),
        "{codes:?}"
    );
}

/// Every diagnostic says how to fix it: over every fixture, no diagnostic lacks a help line.
#[test]
fn every_diagnostic_on_the_fixtures_has_help() {
    let inputs = discover::discover(&[root().join("fixtures")], 1);
    let mut missing = Vec::new();
    ecslint::run::run(&inputs, &Options::default(), |r| {
        for d in &r.diagnostics {
            if d.help.as_deref().is_none_or(|h| h.trim().is_empty()) {
                missing.push(format!("{}: {} {}", r.display, d.code, d.message));
            }
        }
    });
    assert!(
        missing.is_empty(),
        "diagnostics without help:\n{}",
        missing.join("\n")
    );
}

/// What a run reports for a fixture (a file, or a directory of linked documents).
struct Checked {
    /// `(display, diagnostic)` pairs in output order.
    found: Vec<(String, ecslint::diagnostic::Diagnostic)>,
    /// Displays of the files recognised as ECS documents.
    recognised: Vec<String>,
}

fn check(path: &Path) -> Checked {
    let inputs = if path.is_dir() {
        discover::discover(&[path.to_path_buf()], 1)
    } else {
        vec![Input::new(path)]
    };
    check_inputs_with(&inputs, &options_for(path))
}

fn check_inputs_with(inputs: &[Input], options: &Options) -> Checked {
    let mut out = Checked {
        found: Vec::new(),
        recognised: Vec::new(),
    };
    ecslint::run::run(inputs, options, |r| {
        if r.recognised && !r.cross {
            out.recognised.push(r.display.clone());
        }
        for d in &r.diagnostics {
            out.found.push((r.display.clone(), d.clone()));
        }
    });
    out
}

fn rule_fixtures(name: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("fixtures/rules").join(name))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Each rule's `fire-*` fixtures, snapshotted finding by finding (file, line:column, pointer,
/// severity, message) for that rule: a change in where or what a rule reports shows up in
/// review, not only a change in whether it fires.
#[test]
fn fire_fixtures_are_snapshotted_finding_by_finding() {
    let base = root().join("fixtures/rules");
    for r in ALL {
        let mut text = String::new();
        for path in rule_fixtures(r.name) {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if !name.starts_with("fire-") {
                continue;
            }
            for (file, d) in check(&path).found {
                if d.code != r.code {
                    continue;
                }
                let shown = Path::new(&file)
                    .strip_prefix(&base)
                    .map(|p| p.display().to_string())
                    .unwrap_or(file);
                text.push_str(&format!(
                    "{shown}:{}:{} {} {} {}\n",
                    d.range.start.line,
                    d.range.start.column,
                    d.severity.as_str(),
                    if d.pointer.is_empty() {
                        "-"
                    } else {
                        &d.pointer
                    },
                    d.message
                ));
            }
        }
        if text.is_empty() {
            continue;
        }
        insta::assert_snapshot!(format!("fire-{}", r.name), text);
    }
}

/// `pass-*` fixtures are ECS documents (a pass that is silent because ecslint skipped the
/// file proves nothing), except where the rule is about files that are not.
#[test]
fn pass_fixtures_are_recognised_documents() {
    let mut failures = Vec::new();
    for r in ALL {
        if matches!(r.code, "ECS007" | "ECS008") {
            continue;
        }
        for path in rule_fixtures(r.name) {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if !name.starts_with("pass-") {
                continue;
            }
            if check(&path).recognised.is_empty() {
                failures.push(format!(
                    "{}/{name} is not recognised as an ECS document",
                    r.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The first ```toml block of a doc section, for rules that need a configuration.
fn toml_block(doc: &str, section: &str) -> Option<String> {
    let start = doc.find(&format!("\n## {section}\n"))?;
    let body = &doc[start + section.len() + 5..];
    let body = &body[..body.find("\n## ").unwrap_or(body.len())];
    let i = body.find("```toml\n")?;
    let after = &body[i + 8..];
    let end = after.find("\n```")?;
    Some(after[..end].to_string())
}

/// The ```json blocks of a doc section (up to the next `## `).
fn json_blocks(doc: &str, section: &str) -> Vec<String> {
    let Some(start) = doc.find(&format!("\n## {section}\n")) else {
        return Vec::new();
    };
    let body = &doc[start + section.len() + 5..];
    let body = &body[..body.find("\n## ").unwrap_or(body.len())];
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find("```json\n") {
        let after = &rest[i + 8..];
        let end = after.find("\n```").expect("closed code block");
        out.push(after[..end].to_string());
        rest = &after[end + 4..];
    }
    out
}

/// The examples in the rule docs run: every JSON block under `## Example` (together, when a
/// doc shows several linked documents) produces the rule, and the blocks under `## Fixed`
/// do not.
#[test]
fn doc_examples_fire_and_fixes_pass() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for r in ALL {
        for (section, want) in [("Example", true), ("Fixed", false)] {
            let blocks = json_blocks(r.doc, section);
            if blocks.is_empty() {
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            let mut inputs = Vec::new();
            for (i, b) in blocks.iter().enumerate() {
                let path = dir.path().join(format!("doc-{i}.json"));
                std::fs::write(&path, b).unwrap();
                inputs.push(Input::new(&path));
            }
            // A rule that reports only what the configuration asks for shows the
            // configuration in a ```toml block of its `## Configuration` section.
            let options = match toml_block(r.doc, "Configuration") {
                Some(toml) => {
                    let path = dir.path().join("ecslint.toml");
                    std::fs::write(&path, toml).unwrap();
                    Options {
                        settings: vec![
                            ecslint::config::load(&path).expect("doc configuration loads"),
                        ],
                        ..Options::default()
                    }
                }
                None => Options::default(),
            };
            let got: Vec<&str> = check_inputs_with(&inputs, &options)
                .found
                .iter()
                .map(|(_, d)| d.code)
                .collect();
            ran += 1;
            if got.contains(&r.code) != want {
                failures.push(format!(
                    "rules/{}.md `## {section}`: expected {} {}, got {got:?}",
                    r.name,
                    r.code,
                    if want { "to fire" } else { "not to fire" }
                ));
            }
        }
    }
    assert!(ran > 100, "only {ran} doc sections had examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A rule's findings have only the severities its metadata declares (SARIF's rule
/// descriptors and `ecslint rules` show them), over every fixture.
#[test]
fn findings_keep_to_their_rules_declared_levels() {
    let inputs = discover::discover(&[root().join("fixtures")], 1);
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    ecslint::run::run(&inputs, &Options::default(), |r| {
        for d in &r.diagnostics {
            let rule = rules::find(d.code).unwrap();
            seen.insert((d.code, d.severity));
            if !rule.levels.contains(&d.severity) {
                wrong.push(format!("{}: {} at {:?}", r.display, d.code, d.severity));
            }
        }
    });
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every declared extra level is seen on some fixture (no stale declarations).
    for r in ALL.iter().filter(|r| r.levels.len() > 1) {
        for l in r.levels {
            assert!(
                seen.contains(&(r.code, *l)),
                "{} declares {l:?}, no fixture shows it",
                r.code
            );
        }
    }
}
