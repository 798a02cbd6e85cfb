//! The filter step: every code obeys `--select`, `--ignore` and the configuration; the one
//! code that cannot be ignored says so; ignoring a "could not check" code changes the exit.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ecslint"))
        .args(args)
        .current_dir(dir)
        .env_remove("ECSLINT_TEST_PANIC")
        .env("ECSLINT_TODAY", "2026-11-25")
        .output()
        .expect("ecslint runs")
}

fn codes(o: &Output) -> Vec<String> {
    let doc: Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Every rule code, from `ecslint rules`.
fn all_codes() -> Vec<String> {
    let o = run(&root(), &["rules", "--format", "json"]);
    let doc: Value = serde_json::from_slice(&o.stdout).expect("rules as JSON");
    doc.as_array()
        .or_else(|| doc["rules"].as_array())
        .expect("a list of rules")
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

fn check_fixtures(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["check", "fixtures", "--no-config", "--format", "json"];
    args.extend_from_slice(extra);
    codes(&run(&root(), &args))
}

fn count(list: &[String], code: &str) -> usize {
    list.iter().filter(|c| *c == code).count()
}

/// Each code in two halves: ignoring one half removes exactly its findings and leaves the
/// other half's counts alone; selecting one half reports exactly its findings.
#[test]
fn every_code_obeys_select_and_ignore() {
    let all: Vec<String> = all_codes().into_iter().filter(|c| c != "ECS009").collect();
    assert!(all.len() > 60, "{all:?}");
    let base = check_fixtures(&[]);
    let halves: [Vec<&str>; 2] = [
        all.iter().step_by(2).map(String::as_str).collect(),
        all.iter().skip(1).step_by(2).map(String::as_str).collect(),
    ];
    for (n, half) in halves.iter().enumerate() {
        let list = half.join(",");
        let ignored = check_fixtures(&["--ignore", &list]);
        let selected = check_fixtures(&["--select", &list]);
        for code in &all {
            // Whether an ignore entry is unused (ECS010) depends on whether the rule it names
            // runs, so its count follows that rule's half, not its own.
            if code == "ECS010" {
                continue;
            }
            let inside = half.contains(&code.as_str());
            let want_ignored = if inside { 0 } else { count(&base, code) };
            let want_selected = if inside { count(&base, code) } else { 0 };
            assert_eq!(
                count(&ignored, code),
                want_ignored,
                "half {n}, --ignore, {code}"
            );
            assert_eq!(
                count(&selected, code),
                want_selected,
                "half {n}, --select, {code}"
            );
        }
    }
    // The fixtures have findings of nearly every code, so the test above means something.
    let seen = all.iter().filter(|c| count(&base, c) > 0).count();
    assert!(
        seen * 10 >= all.len() * 8,
        "{seen} of {} codes seen",
        all.len()
    );
}

#[test]
fn ignoring_invalid_json_and_unreadable_files_skips_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("task.json"),
        "{\"family\": \"x\", \"containerDefinitions\": [",
    )
    .unwrap();
    std::fs::write(dir.path().join("bin.json"), b"\x00\x01binary").unwrap();
    let o = run(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let mut got = codes(&o);
    got.sort();
    assert_eq!(got, ["ECS001", "ECS008"]);
    let o = run(
        dir.path(),
        &[
            "check",
            ".",
            "--format",
            "json",
            "--ignore",
            "ECS001,ECS008",
        ],
    );
    assert!(codes(&o).is_empty());
    assert_eq!(o.status.code(), Some(0), "ignored, the files are skipped");
    // The same from the configuration.
    std::fs::write(
        dir.path().join("ecslint.toml"),
        "[rules]\nignore = [\"invalid-json\", \"ECS008\"]\n",
    )
    .unwrap();
    let o = run(dir.path(), &["check", ".", "--format", "json"]);
    assert!(codes(&o).is_empty(), "{:?}", codes(&o));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn internal_errors_cannot_be_ignored_and_say_so() {
    let o = run(&root(), &["check", "fixtures", "--ignore", "ECS009"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ECS009 (internal-error) cannot be ignored"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ecslint.toml"),
        "[rules]\nignore = [\"internal-error\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("t.json"), "{\"containerDefinitions\": []}").unwrap();
    let o = run(dir.path(), &["check", "t.json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ecslint.toml:2:11") && err.contains("cannot be ignored"),
        "{err}"
    );
    // --select does not turn it off either: a rule that crashes is reported.
    let o = Command::new(env!("CARGO_BIN_EXE_ecslint"))
        .args([
            "check",
            "fixtures/examples/web-fargate.json",
            "--no-config",
            "--format",
            "json",
            "--select",
            "ECS100",
        ])
        .current_dir(root())
        .env("ECSLINT_TEST_PANIC", "ECS100")
        .output()
        .unwrap();
    assert!(codes(&o).contains(&"ECS009".to_string()));
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_configuration_check_obeys_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ecslint.toml"),
        "[rules]\nignore = [\"unused-ignore\"]\n\n[[ignore]]\nrule = \"ECS104\"\nreason = \"legacy\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("t.json"), "{\"containerDefinitions\": []}").unwrap();
    let o = run(dir.path(), &["check", "t.json", "--format", "json"]);
    assert!(
        !codes(&o).contains(&"ECS010".to_string()),
        "{:?}",
        codes(&o)
    );
}
