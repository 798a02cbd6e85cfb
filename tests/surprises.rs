//! The command line without surprises (issue 14): each case a user tripped on is an error, a
//! warning or the documented behaviour, end to end through the binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ecslint"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("ECSLINT_TEST_PANIC")
        .stdin(Stdio::null());
    cmd
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("ecslint runs")
}

fn run(args: &[&str]) -> Output {
    run_in(&root(), args)
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = command(&root(), args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The rule codes of a JSON run.
fn codes(o: &Output) -> Vec<String> {
    let doc: Value = serde_json::from_str(&out(o)).expect("JSON output");
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

const WEB: &str = "fixtures/examples/web-fargate.json";
const SERVICE: &str = "fixtures/examples/linked/service.json";

#[test]
fn a_missing_context_path_is_an_error_naming_it() {
    let o = run(&["check", SERVICE, "--context", "no/such/dir"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("--context no/such/dir"), "{}", err(&o));
}

#[test]
fn a_broken_context_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(SERVICE), dir.path().join("service.json")).unwrap();
    std::fs::write(dir.path().join("taskdef.json"), "{\"family\": \"web\",").unwrap();
    let o = run_in(
        dir.path(),
        &[
            "check",
            "service.json",
            "--context",
            "taskdef.json",
            "--no-config",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let doc: Value = serde_json::from_str(&out(&o)).unwrap();
    let broken: Vec<&Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "taskdef.json")
        .collect();
    assert_eq!(broken.len(), 1, "{doc:#}");
    assert_eq!(broken[0]["rule"], "ECS007");
    assert_eq!(broken[0]["severity"], "error");
    assert!(
        broken[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("--context file: "),
        "{doc:#}"
    );
    // A context file that is fine is still not reported.
    std::fs::copy(
        root().join("fixtures/examples/linked/taskdef.json"),
        dir.path().join("taskdef.json"),
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &[
            "check",
            "service.json",
            "--context",
            "taskdef.json",
            "--no-config",
            "--format",
            "json",
        ],
    );
    let doc: Value = serde_json::from_str(&out(&o)).unwrap();
    assert!(
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["file"] == "service.json"),
        "{doc:#}"
    );
}

#[test]
fn a_dash_reads_stdin() {
    let text = std::fs::read(root().join(WEB)).unwrap();
    let o = with_stdin(&["check", "-", "--no-config", "--format", "concise"], &text);
    assert_eq!(o.status.code(), Some(1), "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("-:8:13: error[ECS100]"), "{}", out(&o));
}

#[test]
fn stdin_filename_with_a_path_is_a_usage_error() {
    let o = with_stdin(&["check", "--stdin-filename", "task.json", WEB], b"{}");
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--stdin-filename"), "{}", err(&o));
}

#[test]
fn two_formats_to_one_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(WEB), dir.path().join("task.json")).unwrap();
    let o = run_in(
        dir.path(),
        &[
            "check",
            "task.json",
            "-f",
            "json",
            "-o",
            "same.json",
            "-f",
            "sarif",
            "-o",
            "./same.json",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("same.json"), "{}", err(&o));
    assert!(!dir.path().join("same.json").exists(), "nothing is written");
}

#[test]
fn ignores_of_rules_not_selected_are_not_unused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(WEB), dir.path().join("task.json")).unwrap();
    std::fs::write(
        dir.path().join("ecslint.toml"),
        "[[ignore]]\nrule = \"ECS108\"\nreason = \"no container is privileged\"\n",
    )
    .unwrap();
    // Without --select the entry matches nothing: unused (ECS010).
    let all = run_in(dir.path(), &["check", "task.json", "--format", "json"]);
    assert!(
        codes(&all).iter().any(|c| c == "ECS010"),
        "{:?}",
        codes(&all)
    );
    // With a selection that does not run ECS108, it had nothing to match.
    let o = run_in(
        dir.path(),
        &[
            "check",
            "task.json",
            "--select",
            "ECS100",
            "--format",
            "json",
        ],
    );
    assert_eq!(codes(&o), ["ECS100"]);
}

#[test]
fn the_lowest_severity_is_info_in_human_output() {
    let o = run(&["check", "fixtures/examples", "--color", "never"]);
    let text = out(&o);
    assert!(!text.contains("note["), "{text}");
    assert!(text.contains("info[ECS135]"), "{text}");
    assert!(!text.contains(" notes "), "{text}");
    assert!(text.contains(" infos in "), "{text}");
}

#[test]
fn the_summary_counts_suppressed_and_skipped_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(WEB), dir.path().join("task.json")).unwrap();
    std::fs::write(dir.path().join("package.json"), "{\"name\": \"app\"}").unwrap();
    std::fs::write(
        dir.path().join("ecslint.toml"),
        "[[ignore]]\nrule = \"ECS100\"\nreason = \"sized by the platform team\"\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", ".", "--color", "never"]);
    let last = out(&o).lines().last().unwrap_or_default().to_string();
    assert!(last.contains("in 2 files (1 document checked"), "{last}");
    assert!(last.contains("1 file skipped"), "{last}");
    assert!(last.contains("1 finding suppressed"), "{last}");
}

#[test]
fn select_takes_all_prefixes_and_extensions() {
    let base = ["check", WEB, "--no-config", "--format", "json"];
    let with = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend_from_slice(extra);
        let o = run(&a);
        assert!(o.status.code().unwrap() < 2, "{}", err(&o));
        codes(&o)
    };
    let default = with(&[]);
    let all = with(&["--select", "ALL"]);
    assert!(all.len() >= default.len());
    let ecs1 = with(&["--select", "ECS1"]);
    assert!(
        !ecs1.is_empty() && ecs1.iter().all(|c| c.starts_with("ECS1")),
        "{ecs1:?}"
    );
    assert!(ecs1.iter().any(|c| c != "ECS100"));
    let extended = with(&["--select", "ECS100", "--extend-select", "ECS13"]);
    assert!(extended.contains(&"ECS100".to_string()), "{extended:?}");
    assert!(
        extended
            .iter()
            .all(|c| c == "ECS100" || c.starts_with("ECS13")),
        "{extended:?}"
    );
    assert!(extended.len() > 1, "{extended:?}");
    let without = with(&["--extend-ignore", "ECS100"]);
    assert!(!without.contains(&"ECS100".to_string()));
    assert_eq!(without.len() + 1, default.len());
}

#[test]
fn unknown_rules_get_a_suggestion() {
    let o = run(&["check", WEB, "--select", "ECS1000"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("did you mean `ECS100`"), "{}", err(&o));
    let o = run(&["check", WEB, "--extend-ignore", "invalid-task-sise"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--extend-ignore"), "{}", err(&o));
    assert!(
        err(&o).contains("did you mean `invalid-task-size`"),
        "{}",
        err(&o)
    );
}

#[test]
fn statistics_count_findings_per_rule() {
    let json = run(&["check", "fixtures/examples", "--format", "json"]);
    let all = codes(&json);
    let o = run(&["check", "fixtures/examples", "--statistics"]);
    assert_eq!(o.status.code(), json.status.code());
    let line = regex::Regex::new(r"^\s*(\d+)  (ECS\d{3})  [a-z0-9-]+$").unwrap();
    let mut total = 0;
    let mut last = usize::MAX;
    for l in out(&o).lines() {
        let c = line
            .captures(l)
            .unwrap_or_else(|| panic!("not a statistics line: {l:?}"));
        let n: usize = c[1].parse().unwrap();
        assert!(n <= last, "most first");
        last = n;
        assert_eq!(n, all.iter().filter(|x| **x == c[2]).count(), "{l}");
        total += n;
    }
    assert_eq!(total, all.len());
}

#[test]
fn nothing_to_check_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("infra")).unwrap();
    let o = run_in(dir.path(), &["check", "infra"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        err(&o).contains("warning: no ECS document found in infra"),
        "{}",
        err(&o)
    );
}

#[test]
fn quiet_prints_findings_only() {
    let o = run(&["check", WEB, "--no-config", "--color", "never", "--quiet"]);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    assert!(text.contains("error[ECS100]"), "{text}");
    assert!(!text.contains("Found "), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["check", ".", "-q"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        out(&o).is_empty() && err(&o).is_empty(),
        "{}{}",
        out(&o),
        err(&o)
    );
}

#[test]
fn completions_and_man_page_come_from_the_options() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", err(&o));
        let text = out(&o);
        for flag in ["extend-select", "stdin-filename", "statistics"] {
            assert!(text.contains(flag), "{shell} completion lacks {flag}");
        }
    }
    let o = run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let man = out(&o);
    assert!(man.contains(".TH ecslint 1"), "{man}");
    assert!(
        man.contains("completions") && man.contains("check"),
        "{man}"
    );
}

/// Human output fits `--diagnostic-width` (or `COLUMNS`): headers and notes wrap at spaces; only
/// a single word wider than the width (a URL, a path) may stick out. Without either, and not on a
/// terminal, nothing is wrapped.
#[test]
fn human_output_fits_the_width() {
    let args = ["check", WEB, "--no-config", "--color", "never"];
    let wide = out(&run(&args));
    assert!(
        wide.lines().any(|l| l.chars().count() > 100),
        "the fixture has long lines"
    );
    let mut narrow_args = args.to_vec();
    narrow_args.extend(["--diagnostic-width", "72"]);
    let narrow = out(&run(&narrow_args));
    for l in narrow.lines() {
        let n = l.chars().count();
        if n > 72 {
            let longest_word = l.split(' ').map(|w| w.chars().count()).max().unwrap_or(0);
            let is_source = l.contains(" │ ") && !l.contains(" = ");
            assert!(
                longest_word > 40 || is_source,
                "line of {n} columns at width 72: {l:?}"
            );
        }
    }
    assert!(narrow.lines().filter(|l| l.contains("= help:")).count() >= 3);
    // The same findings, only broken differently.
    let words = |s: &str| s.split_whitespace().filter(|w| !w.starts_with('│')).count();
    assert!(words(&narrow) >= words(&wide) - 5);
    let env = command(&root(), &args)
        .env("COLUMNS", "72")
        .output()
        .unwrap();
    assert_eq!(out(&env), narrow, "COLUMNS=72 is --diagnostic-width 72");
}
