//! End-to-end tests of the binary: every output format (insta snapshots), schema validity of
//! JSON and SARIF, exit codes, determinism across thread counts, and secret masking.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run ecslint from the repository root with a clean environment.
fn ecslint(args: &[&str]) -> Output {
    ecslint_in(&root(), args)
}

/// The binary with these arguments, run in `dir`, with the environment that changes output removed.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ecslint"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("ECSLINT_TEST_PANIC");
    cmd
}

fn ecslint_in(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("ecslint runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn validator(schema_file: &str) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas").join(schema_file)).unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .build(&schema)
        .expect("schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, doc: &serde_json::Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}

const EXAMPLES: &str = "fixtures/examples";

#[test]
fn human_output() {
    let o = ecslint(&["check", EXAMPLES, "--color", "never"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("human_examples", stdout(&o));
}

#[test]
fn concise_output() {
    let o = ecslint(&["check", EXAMPLES, "--format", "concise"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("concise_examples", stdout(&o));
}

#[test]
fn github_output() {
    let o = ecslint(&["check", EXAMPLES, "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for line in out.lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "{line}"
        );
        assert!(!line.contains('\r'));
    }
    insta::assert_snapshot!("github_examples", out);
}

#[test]
fn json_output_matches_published_schema() {
    let o = ecslint(&["check", EXAMPLES, "fixtures/forms", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_valid(&validator("ecslint-output-v1.schema.json"), &doc);
    assert_eq!(doc["version"], 1);
    insta::assert_json_snapshot!("json_examples", doc);
}

#[test]
fn json_lines_output() {
    let o = ecslint(&["check", EXAMPLES, "--format", "json-lines"]);
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let full: serde_json::Value =
        serde_json::from_str(&stdout(&ecslint(&["check", EXAMPLES, "--format", "json"]))).unwrap();
    assert_eq!(serde_json::Value::Array(lines), full["diagnostics"]);
}

fn sarif(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let o = ecslint(&all);
    serde_json::from_str(&stdout(&o)).unwrap()
}

#[test]
fn sarif_output_is_valid_and_github_ready() {
    let log = sarif(&[EXAMPLES]);
    assert_valid(&validator("sarif-2.1.0.json"), &log);
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "exactly one run");
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        ecslint::rules::ALL.len(),
        "every enabled rule is listed"
    );
    for r in rules {
        assert!(r["help"]["markdown"].as_str().unwrap().len() > 100);
        assert_ne!(r["id"], r["name"]);
        if let Some(s) = r["properties"].get("security-severity") {
            assert!(s.is_string(), "security-severity must be a string");
        }
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for res in results {
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            !uri.starts_with('/') && !uri.contains(':') && !uri.contains(".."),
            "relative uri: {uri}"
        );
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(res["partialFingerprints"]["ecslint/v1"].is_string());
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], res["ruleId"]);
    }
    let mut scrubbed = log.clone();
    scrubbed["runs"][0]["originalUriBaseIds"] = serde_json::json!("[SCRUBBED]");
    scrubbed["runs"][0]["tool"]["driver"]["rules"] =
        serde_json::json!(format!("[{} rules]", rules.len()));
    insta::assert_json_snapshot!("sarif_examples", scrubbed);
}

#[test]
fn clean_sarif_has_empty_results() {
    let log = sarif(&["fixtures/examples/good-fargate.json"]);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn fingerprints_do_not_move_when_unrelated_lines_change() {
    let dir = tempfile::tempdir().unwrap();
    let original =
        std::fs::read_to_string(root().join("fixtures/examples/web-fargate.json")).unwrap();
    std::fs::write(dir.path().join("t.json"), &original).unwrap();
    let before = sarif_in(dir.path());
    std::fs::write(dir.path().join("t.json"), format!("\n\n{original}")).unwrap();
    let after = sarif_in(dir.path());
    let fps = |log: &serde_json::Value| -> Vec<String> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["ecslint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(fps(&before), fps(&after));
    let lines = |log: &serde_json::Value| {
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(lines(&before) + 2, lines(&after));
}

fn sarif_in(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&stdout(&ecslint_in(
        dir,
        &["check", "--format", "sarif", "t.json"],
    )))
    .unwrap()
}

#[test]
fn exit_codes_are_the_same_for_every_format() {
    for format in ["human", "json", "sarif", "concise", "github", "json-lines"] {
        assert_eq!(
            ecslint(&["check", "fixtures/examples/good-fargate.json", "-f", format])
                .status
                .code(),
            Some(0),
            "{format}"
        );
        assert_eq!(
            ecslint(&["check", "fixtures/examples/web-fargate.json", "-f", format])
                .status
                .code(),
            Some(1),
            "{format}"
        );
        assert_eq!(
            ecslint(&[
                "check",
                "fixtures/rules/invalid-json/fire-truncated.json",
                "-f",
                format
            ])
            .status
            .code(),
            Some(2),
            "{format}"
        );
    }
    assert_eq!(
        ecslint(&["check", "fixtures/examples/web-fargate.json", "--exit-zero"])
            .status
            .code(),
        Some(0)
    );
    // ECS106 is only info here, so fail-level error ignores it, info catches it.
    // An EC2 awsvpc task with nothing at error level.
    assert_eq!(
        ecslint(&[
            "check",
            "fixtures/rules/network-mode/pass-ec2-awsvpc.json",
            "--fail-level",
            "error"
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        ecslint(&[
            "check",
            "fixtures/examples/worker-ec2.json",
            "--fail-level",
            "error",
            "--select",
            "ECS106"
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        ecslint(&[
            "check",
            "fixtures/examples/worker-ec2.json",
            "--fail-level",
            "info",
            "--select",
            "ECS106"
        ])
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        ecslint(&["check", "--select", "ECS999", "fixtures"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let one = ecslint(&["check", "fixtures", "-f", "json", "-j", "1"]);
    let many = ecslint(&["check", "fixtures", "-f", "json", "-j", "4"]);
    assert_eq!(stdout(&one), stdout(&many));
    let again = ecslint(&["check", "fixtures", "-f", "json", "-j", "4"]);
    assert_eq!(stdout(&many), stdout(&again));
}

#[test]
fn several_formats_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let sarif_path = dir.path().join("out.sarif");
    let o = ecslint(&[
        "check",
        EXAMPLES,
        "--format",
        "concise",
        "--format",
        "sarif",
        "--output",
        sarif_path.to_str().unwrap(),
        "--color",
        "never",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("[ECS100]"));
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).unwrap()).unwrap();
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
    // two formats on stdout is a usage error
    assert_eq!(
        ecslint(&["check", EXAMPLES, "-f", "json", "-f", "sarif"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn secrets_never_leak_in_any_format() {
    let canary = "CanaryPw-7f3a9c-DoNotLeak";
    let dir = tempfile::tempdir().unwrap();
    // The secret sits on the same line as the image, which another rule (unpinned-image) reports.
    let doc = format!(
        r#"{{"family": "t", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
  "containerDefinitions": [{{"name": "app", "image": "nginx", "environment": [{{"name": "DB_PASSWORD", "value": "{canary}"}}], "command": ["--api-token={canary}"]}}]}}"#
    );
    std::fs::write(dir.path().join("t.json"), doc).unwrap();
    for format in ["human", "concise", "json", "json-lines", "sarif", "github"] {
        let o = ecslint_in(
            dir.path(),
            &["check", "t.json", "-f", format, "--color", "never"],
        );
        let out = stdout(&o) + &String::from_utf8_lossy(&o.stderr);
        assert!(out.contains("ECS103"), "{format}: the secret is reported");
        assert!(!out.contains(canary), "{format} leaks the secret:\n{out}");
        assert!(
            !out.contains("7f3a9c"),
            "{format} leaks part of the secret:\n{out}"
        );
    }
}

#[test]
fn rules_and_rule_commands() {
    let o = ecslint(&["rules"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().count(), ecslint::rules::ALL.len());
    let o = ecslint(&["rule", "ECS104"]);
    assert!(stdout(&o).contains("container-runs-as-root"));
    let o = ecslint(&["rule", "container-runs-as-root"]);
    assert!(stdout(&o).contains("## Example"));
    let o = ecslint(&["rule", "container-runs-as-rot"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean"));
}

#[test]
fn not_ecs_files_are_skipped_when_walked_and_noted_when_named() {
    let walked = ecslint(&["check", "fixtures/forms/not-ecs", "-f", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&walked)).unwrap();
    assert_eq!(doc["diagnostics"], serde_json::json!([]));
    assert_eq!(walked.status.code(), Some(0));
    let named = ecslint(&["check", "fixtures/forms/not-ecs/package.json", "-f", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&named)).unwrap();
    assert_eq!(doc["diagnostics"][0]["rule"], "ECS007");
    assert_eq!(named.status.code(), Some(0));
}

#[test]
fn stdin_is_linted_as_the_given_path() {
    use std::io::Write;
    let mut child = command(
        &root(),
        &[
            "check",
            "--stdin-filename",
            "deploy/task.json",
            "-f",
            "concise",
        ],
    )
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(root().join("fixtures/examples/web-fargate.json")).unwrap())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("deploy/task.json:"));
}

#[test]
fn a_panicking_rule_is_contained() {
    let o = command(&root(), &["check", EXAMPLES, "-f", "json"])
        .env("ECSLINT_TEST_PANIC", "ECS104")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let diags = doc["diagnostics"].as_array().unwrap();
    let internal: Vec<_> = diags.iter().filter(|d| d["rule"] == "ECS009").collect();
    assert!(!internal.is_empty());
    assert!(internal[0]["message"].as_str().unwrap().contains("ECS104"));
    // the other rules still report
    assert!(diags.iter().any(|d| d["rule"] == "ECS100"));
}
