//! The configuration file end to end: discovery, errors with positions, rule selection and
//! severities, ignores (suppression, unused, expired), exclude and --force-exclude, init,
//! SARIF suppressions, and the published config schema.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ecslint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("ECSLINT_TEST_PANIC")
        .env("ECSLINT_TODAY", "2026-11-25")
        .output()
        .expect("ecslint runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A repository (with `.git`) holding a root container (ECS104) and a privileged one (ECS108).
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("services/vendor")).unwrap();
    let task = |name: &str, privileged: bool| {
        format!(
            r#"{{
  "family": "{name}",
  "requiresCompatibilities": ["EC2"],
  "networkMode": "awsvpc",
  "executionRoleArn": "arn:aws:iam::123456789012:role/exec",
  "containerDefinitions": [
    {{
      "name": "{name}",
      "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/{name}:1.0.0",
      "memory": 256,
      "readonlyRootFilesystem": true,
      "privileged": {privileged},
      "logConfiguration": {{"logDriver": "awslogs", "options": {{"awslogs-group": "/ecs/{name}", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "{name}"}}}}
    }}
  ]
}}
"#
        )
    };
    std::fs::write(dir.path().join("services/app.json"), task("app", false)).unwrap();
    std::fs::write(
        dir.path().join("services/vendor/agent.json"),
        task("agent", true),
    )
    .unwrap();
    dir
}

fn codes(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&out(o)).expect("json output");
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}",
                d["file"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn without_config_both_findings_are_reported() {
    let r = repo();
    let o = run(r.path(), &["check", ".", "--format", "json"]);
    let c = codes(&o);
    assert!(
        c.contains(&"services/app.json:ECS104:warning".into()),
        "{c:?}"
    );
    assert!(
        c.contains(&"services/vendor/agent.json:ECS108:warning".into()),
        "{c:?}"
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn rules_selection_and_severity_apply() {
    let r = repo();
    std::fs::write(
        r.path().join("ecslint.toml"),
        "[rules]\nignore = [\"container-runs-as-root\"]\nseverity = { ECS108 = \"info\" }\n",
    )
    .unwrap();
    let o = run(r.path(), &["check", ".", "--format", "json"]);
    let c = codes(&o);
    assert!(!c.iter().any(|x| x.contains("ECS104")), "{c:?}");
    assert!(
        c.contains(&"services/vendor/agent.json:ECS108:info".into()),
        "{c:?}"
    );
    // Only an info left: passes at the default fail level.
    assert_eq!(o.status.code(), Some(0), "{c:?}");
    // The config is found from a subdirectory too (upward to the repository root).
    let o = run(
        &r.path().join("services"),
        &["check", "vendor", "--format", "json"],
    );
    assert!(codes(&o).contains(&"vendor/agent.json:ECS108:info".into()));
    // --no-config ignores it.
    let o = run(r.path(), &["check", ".", "--format", "json", "--no-config"]);
    assert!(codes(&o).iter().any(|x| x.contains("ECS104")));
}

#[test]
fn config_errors_point_into_the_toml_and_exit_2() {
    let r = repo();
    std::fs::write(
        r.path().join("ecslint.toml"),
        "fail-level = \"warning\"\n[rules]\nselct = [\"ECS104\"]\n",
    )
    .unwrap();
    let o = run(r.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("ecslint.toml:3:1: unknown field `selct`"), "{e}");
    std::fs::write(
        r.path().join("ecslint.toml"),
        "[[ignore]]\nrule = \"ECS104\"\nreason = \"\"\n",
    )
    .unwrap();
    let e = err(&run(r.path(), &["check", "."]));
    assert!(
        e.contains("ecslint.toml:3:10: `reason` must say why"),
        "{e}"
    );
    std::fs::write(r.path().join("ecslint.toml"), "fail-level = \"loud\"\n").unwrap();
    let e = err(&run(r.path(), &["check", "."]));
    assert!(e.contains("ecslint.toml:1:14: `fail-level` must be"), "{e}");
    std::fs::write(
        r.path().join("ecslint.toml"),
        "[[ignore]]\nrule = \"container-runs-as-rot\"\nreason = \"x\"\n",
    )
    .unwrap();
    let e = err(&run(r.path(), &["check", "."]));
    assert!(
        e.contains("unknown rule `container-runs-as-rot` (did you mean `container-runs-as-root`?)"),
        "{e}"
    );
}

#[test]
fn until_must_be_a_real_date() {
    let r = repo();
    let write = |until: &str| {
        std::fs::write(
            r.path().join("ecslint.toml"),
            format!("[[ignore]]\nrule = \"ECS104\"\nreason = \"x\"\nuntil = {until}\n"),
        )
        .unwrap();
        run(r.path(), &["check", ".", "--format", "json"])
    };
    // February 2027 has 28 days: an error at the value, not an entry that never expires.
    let o = write("\"2027-02-31\"");
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(
        e.contains("ecslint.toml:4:9: `until` 2027-02-31 is not a date"),
        "{e}"
    );
    let o = write("\"2027-3-31\"");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("ecslint.toml:4:9: `until` must be a date such as 2027-03-31"),
        "{}",
        err(&o)
    );
    // A leap day is a date; quoted or bare, it is compared as one (today is 2026-11-25).
    for until in ["\"2028-02-29\"", "2028-02-29"] {
        let c = codes(&write(until));
        assert!(!c.iter().any(|x| x.contains("ECS011")), "{until}: {c:?}");
    }
    let c = codes(&write("\"2026-11-24\""));
    assert!(c.contains(&"ecslint.toml:ECS011:warning".into()), "{c:?}");
    let c = codes(&write("2026-11-25"));
    assert!(
        !c.iter().any(|x| x.contains("ECS011")),
        "expires after its day: {c:?}"
    );
}

#[test]
fn ignores_suppress_warn_when_unused_and_expire() {
    let r = repo();
    std::fs::write(
        r.path().join(".ecslint.toml"),
        r#"
[[ignore]]
rule = "ECS108"
path = "services/vendor/*.json"
pointer = "/containerDefinitions/0"
reason = "the agent needs privileged mode"

[[ignore]]
rule = "ECS104"
path = "services/app.json"
pointer = "/containerDefinitions/5"
reason = "wrong pointer: matches nothing"

[[ignore]]
rule = "ECS104"
path = "services/vendor/*.json"
reason = "expired"
until = 2026-01-31
"#,
    )
    .unwrap();
    let o = run(r.path(), &["check", ".", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let c = codes(&o);
    assert!(!c.iter().any(|x| x.contains("ECS108")), "suppressed: {c:?}");
    assert!(
        c.contains(&"services/app.json:ECS104:warning".into()),
        "{c:?}"
    );
    assert!(
        c.contains(&"services/vendor/agent.json:ECS104:warning".into()),
        "expired ignore no longer applies: {c:?}"
    );
    assert!(c.contains(&".ecslint.toml:ECS010:warning".into()), "{c:?}");
    assert!(c.contains(&".ecslint.toml:ECS011:warning".into()), "{c:?}");
    assert_eq!(v["summary"]["suppressed"], 1);
    let unused = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "ECS010")
        .unwrap();
    assert_eq!(
        unused["range"]["start"]["line"], 8,
        "points at the entry header"
    );
    // --no-ignores: everything comes back, no config warnings.
    let c = codes(&run(
        r.path(),
        &["check", ".", "--format", "json", "--no-ignores"],
    ));
    assert!(
        c.iter().any(|x| x.contains("ECS108")) && !c.iter().any(|x| x.contains("ECS01")),
        "{c:?}"
    );
    // A run that checks no file an entry applies to says nothing about it.
    let c = codes(&run(
        r.path(),
        &["check", "services/app.json", "--format", "json"],
    ));
    assert!(
        !c.iter()
            .any(|x| x.contains("ECS010") && x.contains("vendor")),
        "{c:?}"
    );
    // SARIF leaves suppressed results out, unless asked to keep them with `suppressions`.
    let sarif = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["check", ".", "--format", "sarif"];
        args.extend_from_slice(extra);
        serde_json::from_str(&out(&run(r.path(), &args))).unwrap()
    };
    let results = |v: &serde_json::Value| v["runs"][0]["results"].as_array().unwrap().clone();
    assert!(!results(&sarif(&[])).iter().any(|r| r["ruleId"] == "ECS108"));
    let kept = results(&sarif(&["--sarif-include-suppressed"]));
    let s = kept.iter().find(|r| r["ruleId"] == "ECS108").expect("kept");
    assert_eq!(s["suppressions"][0]["kind"], "external");
    assert_eq!(
        s["suppressions"][0]["justification"],
        "the agent needs privileged mode"
    );
}

#[test]
fn exclude_applies_to_walks_and_with_force_exclude_to_named_files() {
    let r = repo();
    std::fs::write(
        r.path().join("ecslint.toml"),
        "exclude = [\"services/vendor/**\"]\n",
    )
    .unwrap();
    std::fs::write(r.path().join("package.json"), "{\"name\": \"x\"}\n").unwrap();
    let c = codes(&run(r.path(), &["check", ".", "--format", "json"]));
    assert!(!c.iter().any(|x| x.contains("vendor")), "{c:?}");
    // Named explicitly: checked anyway.
    let c = codes(&run(
        r.path(),
        &["check", "services/vendor/agent.json", "--format", "json"],
    ));
    assert!(c.iter().any(|x| x.contains("vendor")), "{c:?}");
    // Hook mode: excluded, and a non-ECS file named by the hook is skipped quietly.
    let o = run(
        r.path(),
        &[
            "check",
            "--force-exclude",
            "services/vendor/agent.json",
            "package.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(codes(&o), Vec::<String>::new());
    assert_eq!(o.status.code(), Some(0));
    // Without it, a named non-ECS file gets a note.
    let c = codes(&run(
        r.path(),
        &["check", "package.json", "--format", "json"],
    ));
    assert_eq!(c, vec!["package.json:ECS007:info".to_string()]);
}

#[test]
fn forced_config_and_cli_overrides() {
    let r = repo();
    let cfg = r.path().join("strict.toml");
    std::fs::write(&cfg, "fail-level = \"error\"\n").unwrap();
    // Only warnings (ECS104) at fail-level error: exit 0 once ECS108 is ignored on the CLI.
    let o = run(
        r.path(),
        &[
            "check",
            ".",
            "--config",
            "strict.toml",
            "--ignore",
            "ECS108",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let o = run(
        r.path(),
        &[
            "check",
            ".",
            "--config",
            "strict.toml",
            "--ignore",
            "ECS108",
            "--fail-level",
            "warning",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let o = run(r.path(), &["check", ".", "--config", "missing.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("missing.toml: cannot read"), "{}", err(&o));
}

#[test]
fn rule_options_reach_rules() {
    let r = repo();
    std::fs::write(
        r.path().join("ecslint.toml"),
        "[options]\nsecret-names = [\"*_PIN\"]\nallowed-log-drivers = [\"awsfirelens\"]\n",
    )
    .unwrap();
    let path = r.path().join("services/app.json");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "\"memory\": 256,",
        "\"memory\": 256, \"environment\": [{\"name\": \"CARD_PIN\", \"value\": \"8472-1193-5521\"}],",
    );
    std::fs::write(&path, text).unwrap();
    let o = run(
        r.path(),
        &["check", "services/app.json", "--format", "json"],
    );
    let body = out(&o);
    let c = codes(&o);
    assert!(
        c.contains(&"services/app.json:ECS103:error".into())
            || c.iter().any(|x| x.contains("ECS103")),
        "{c:?}"
    );
    assert!(!body.contains("8472-1193-5521"), "the secret is masked");
    assert!(
        body.contains("which this repository's configuration does not allow"),
        "{body}"
    );
}

#[test]
fn init_writes_a_config_that_parses_and_matches_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.path().join("ecslint.toml")).unwrap();
    assert_eq!(
        run(dir.path(), &["init"]).status.code(),
        Some(2),
        "no overwrite"
    );
    assert_eq!(run(dir.path(), &["init", "--force"]).status.code(), Some(0));
    // The starter config is valid for ecslint ...
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let o = run(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // ... and for the published schema, which rejects unknown keys.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/ecslint-config.schema.json")).unwrap(),
    )
    .unwrap();
    let v = jsonschema::options().build(&schema).unwrap();
    let as_json =
        |t: &str| serde_json::to_value(toml::from_str::<toml::Value>(t).unwrap()).unwrap();
    assert!(v.is_valid(&as_json(&text)));
    let full = "fail-level = \"error\"\nexclude = [\"a/**\"]\n[rules]\nselect = [\"ECS104\"]\nseverity = { unpinned-image = \"error\" }\n[options]\nsecret-names = [\"PIN\"]\n[[ignore]]\nrule = \"ECS104\"\nreason = \"r\"\npath = \"a.json\"\npointer = \"/containerDefinitions/0\"\nuntil = \"2027-01-01\"\n";
    assert!(v.is_valid(&as_json(full)));
    assert!(!v.is_valid(&as_json("selct = 1\n")));
    assert!(
        !v.is_valid(&as_json("[[ignore]]\nrule = \"ECS104\"\n")),
        "reason is required"
    );
}

#[test]
fn stdin_uses_the_config_of_the_path_it_stands_for() {
    let r = repo();
    std::fs::write(
        r.path().join("ecslint.toml"),
        "[rules]\nseverity = { ECS108 = \"info\" }\n",
    )
    .unwrap();
    let text = std::fs::read(r.path().join("services/vendor/agent.json")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecslint"))
        .args([
            "check",
            "--stdin-filename",
            "services/vendor/agent.json",
            "--format",
            "json",
        ])
        .current_dir(r.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let o = child.wait_with_output().unwrap();
    let c = codes(&o);
    assert!(
        c.contains(&"services/vendor/agent.json:ECS108:info".into()),
        "{c:?}"
    );
}

#[test]
fn allowed_registries_reach_unpinned_image() {
    let r = repo();
    let path = r.path().join("services/app.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let ecr_only = "[options]\nallowed-registries = [\"123456789012.dkr.ecr.*.amazonaws.com\"]\n";
    std::fs::write(r.path().join("ecslint.toml"), ecr_only).unwrap();
    let o = run(
        r.path(),
        &["check", "services/app.json", "--format", "json"],
    );
    assert!(
        !out(&o).contains("does not allow"),
        "the ECR image is allowed: {}",
        out(&o)
    );
    std::fs::write(
        &path,
        text.replace(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0.0",
            "nginx:1.27.2",
        ),
    )
    .unwrap();
    let o = run(
        r.path(),
        &["check", "services/app.json", "--format", "json"],
    );
    let body = out(&o);
    assert!(
        body.contains("from `docker.io`, which this repository's configuration does not allow"),
        "{body}"
    );
    std::fs::write(
        r.path().join("ecslint.toml"),
        "[options]\nallowed-registries = [\"[\"]\n",
    )
    .unwrap();
    let o = run(r.path(), &["check", "services/app.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("bad registry pattern"), "{}", err(&o));
}
