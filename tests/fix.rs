//! `--fix`: every rule that declares fixes fixes its `fire-*` fixtures (snapshotted as
//! diffs), the rule then no longer fires there, the result parses, a second pass changes
//! nothing, and bytes outside the edits are kept. The CLI writes atomically, refuses what it
//! cannot do safely, and its `--diff` applies with `git apply`.

use std::path::{Path, PathBuf};
use std::process::Command;

use ecslint::diagnostic::{Applicability, Diagnostic};
use ecslint::discover::Input;
use ecslint::engine::{self, Options};
use ecslint::fix::{self, FixMode};
use ecslint::rules::ALL;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ecslint"))
}

const UNSAFE: FixMode = FixMode {
    applicability: Applicability::Unsafe,
    write: true,
};

fn diagnostics(path: &Path, text: &str) -> Vec<Diagnostic> {
    let input = Input::new(path);
    engine::check_string(&input, text.to_string(), &Options::default(), false)
        .report
        .diagnostics
}

/// Fix `text` with the fixes of `code` only, to a fixed point; each pass's edits are checked
/// to keep every byte outside them.
fn fix_with(path: &Path, text: &str, code: &str) -> (String, usize) {
    let mut text = text.to_string();
    let mut applied = 0;
    for _ in 0..fix::MAX_PASSES {
        let found = diagnostics(path, &text);
        let mine: Vec<&Diagnostic> = found.iter().filter(|d| d.code == code).collect();
        let (next, codes) = fix::apply(&text, mine.iter().copied(), UNSAFE);
        if codes.is_empty() {
            return (text, applied);
        }
        assert_outside_kept(&text, &next, &mine, &codes);
        applied += codes.len();
        text = next;
    }
    panic!("{}: {code} fixes did not settle", path.display());
}

/// What lies outside the applied edits is byte-identical: the text before the first edit,
/// between edits and after the last one appears unchanged, in order, in the result.
fn assert_outside_kept(before: &str, after: &str, fixes: &[&Diagnostic], applied: &[&str]) {
    let mut edits: Vec<(usize, usize, &str)> = fixes
        .iter()
        .filter(|d| applied.contains(&d.code))
        .flat_map(|d| d.fix.as_ref().unwrap().edits.iter())
        .map(|e| (e.range.start.offset, e.range.end.offset, e.content.as_str()))
        .collect();
    edits.sort();
    edits.dedup();
    let mut rebuilt = String::new();
    let mut at = 0;
    let mut kept = Vec::new();
    for (s, e, c) in &edits {
        if *s < at {
            continue; // a fix that waited for the next pass
        }
        kept.push(&before[at..*s]);
        rebuilt.push_str(&before[at..*s]);
        rebuilt.push_str(c);
        at = *e;
    }
    kept.push(&before[at..]);
    let mut rest = after;
    for piece in kept {
        let i = rest
            .find(piece)
            .unwrap_or_else(|| panic!("text outside the edits changed: {piece:?}"));
        rest = &rest[i + piece.len()..];
    }
}

fn rule_fixtures(name: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("fixtures/rules").join(name))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files.retain(|p| p.is_file());
    files
}

fn unified(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// The contract of every fixable rule, on its own fixtures.
#[test]
fn every_fixable_rule_fixes_its_fire_fixtures() {
    let mut fixable = 0;
    for r in ALL.iter().filter(|r| r.fix.is_some()) {
        fixable += 1;
        let mut snapshot = String::new();
        let mut fixed_any = false;
        for path in rule_fixtures(r.name) {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if !name.starts_with("fire-") || path.parent().unwrap().join("ecslint.toml").exists() {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let before = diagnostics(&path, &text);
            let offered = before
                .iter()
                .filter(|d| d.code == r.code)
                .filter(|d| {
                    d.fix
                        .as_ref()
                        .is_some_and(|f| f.applicability >= Applicability::Unsafe)
                })
                .count();
            let mine = before.iter().filter(|d| d.code == r.code).count();
            let (after, applied) = fix_with(&path, &text, r.code);
            if applied == 0 {
                continue;
            }
            fixed_any = true;
            let found = diagnostics(&path, &after);
            assert!(
                !found
                    .iter()
                    .any(|d| d.code == ecslint::codes::INVALID_JSON.code),
                "{name}: the fixed text does not parse:\n{after}"
            );
            if offered == mine {
                assert!(
                    !found.iter().any(|d| d.code == r.code),
                    "{name}: {} still fires after its fixes:\n{after}",
                    r.code
                );
            }
            let (again, more) = fix_with(&path, &after, r.code);
            assert_eq!(more, 0, "{name}: a second --fix changed it again");
            assert_eq!(again, after);
            snapshot.push_str(&unified(&format!("{}/{name}", r.name), &text, &after));
        }
        assert!(
            fixed_any,
            "{} declares fixes but fixes none of its fire-* fixtures",
            r.code
        );
        insta::assert_snapshot!(format!("fix-{}", r.name), snapshot);
    }
    assert!(fixable >= 10, "only {fixable} rules have fixes");
}

/// The exit code is `code`; else the failure shows ecslint's stderr.
fn assert_exit(out: &std::process::Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const DUMP: &str = r#"{
  "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3",
  "family": "web",
  "revision": 3,
  "cpu": 256,
  "memory": "512",
  "containerDefinitions": [
    {"name": "web", "image": "nginx:1.27", "memory": 256, "essential": true}
  ],
  "status": "ACTIVE"
}
"#;

#[test]
fn fix_writes_the_file_and_a_second_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "dump.json", DUMP);
    let out = bin()
        .args(["check", "--no-config", "--fix", "--exit-zero"])
        .arg(&p)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert!(
        !fixed.contains("taskDefinitionArn") && !fixed.contains("\"status\""),
        "{fixed}"
    );
    assert!(fixed.contains("\"cpu\": \"256\""), "{fixed}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("fixed 2 finding(s) in 1 file(s)"),
        "{stderr}"
    );
    // Only the fixes' bytes changed: the container line is as it was.
    assert!(fixed.contains(
        r#"    {"name": "web", "image": "nginx:1.27", "memory": 256, "essential": true}"#
    ));
    let again = bin()
        .args([
            "check",
            "--no-config",
            "--fix",
            "--exit-non-zero-on-fix",
            "--exit-zero",
        ])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), fixed);
}

#[test]
fn exit_non_zero_on_fix_fails_when_a_file_changed() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "dump.json", DUMP);
    let out = bin()
        .args([
            "check",
            "--no-config",
            "--fix-only",
            "--exit-non-zero-on-fix",
        ])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "--fix-only reports no findings");
}

#[test]
fn diff_applies_with_git_apply_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("app")).unwrap();
    write(&dir.path().join("app"), "dump.json", DUMP);
    let yaml = "# service\nserviceName: web\ncluster: prod\ntaskDefinition: web\ndesiredCount: 2\nlaunchType: FARGATE\nnetworkConfiguration:\n  awsvpcConfiguration:\n    subnets: [subnet-1]\n    assignPublicIp: ENABLED   # for now\n";
    write(&dir.path().join("app"), "svc.yaml", yaml);
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--diff", "--unsafe-fixes", "app"])
        .output()
        .unwrap();
    assert_exit(&out, 1);
    let patch = String::from_utf8(out.stdout).unwrap();
    assert!(patch.contains("--- a/app/dump.json"), "{patch}");
    assert!(
        patch.contains("+    assignPublicIp: \"DISABLED\"   # for now"),
        "{patch}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("app/dump.json")).unwrap(),
        DUMP
    );
    std::fs::write(dir.path().join("fix.patch"), &patch).unwrap();
    let git = Command::new("git")
        .current_dir(dir.path())
        .args(["apply", "--unsafe-paths", "fix.patch"])
        .output()
        .unwrap();
    assert!(
        git.status.success(),
        "{}",
        String::from_utf8_lossy(&git.stderr)
    );
    // What git applied is what --fix writes.
    let applied = std::fs::read_to_string(dir.path().join("app/svc.yaml")).unwrap();
    let fixed = bin()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--diff", "--unsafe-fixes", "app"])
        .output()
        .unwrap();
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "nothing left to fix after the patch"
    );
    assert!(applied.contains("assignPublicIp: \"DISABLED\""));
}

#[test]
fn stdin_fix_prints_the_fixed_text() {
    use std::io::Write;
    let mut child = bin()
        .args([
            "check",
            "--no-config",
            "--fix",
            "--stdin-filename",
            "task.json",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(DUMP.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("{\n  \"family\": \"web\""), "{text}");
    assert!(text.contains("\"cpu\": \"256\""));
    // Findings that remain go to stderr.
    assert!(String::from_utf8_lossy(&out.stderr).contains("ECS104"));
}

#[test]
fn crlf_files_keep_their_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let text = "family: web\r\ncpu: 256\r\nmemory: \"512\"\r\ncontainerDefinitions:\r\n  - name: web\r\n    image: nginx:1.27\r\n    memory: 256\r\n";
    let p = write(dir.path(), "t.yaml", text);
    let out = bin()
        .args([
            "check",
            "--no-config",
            "--fix",
            "--unsafe-fixes",
            "--exit-zero",
        ])
        .arg(&p)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert!(fixed.contains("cpu: \"256\"\r\n"), "{fixed:?}");
    assert!(
        fixed.contains("    readonlyRootFilesystem: true\r\n"),
        "{fixed:?}"
    );
    assert!(
        !fixed.replace("\r\n", "").contains('\n'),
        "a bare LF crept in: {fixed:?}"
    );
}

#[test]
fn escaped_json_in_a_string_is_fixed_with_escapes() {
    // A lifecycle policy held in a JSON string (`put-lifecycle-policy` input): the fix edits
    // the text inside the string, and what it writes there is escaped as the string needs.
    let dir = tempfile::tempdir().unwrap();
    let policy = serde_json::json!({"rules": [
        {"rulePriority": 1, "description": "all \"old\" images", "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 100}, "action": {"type": "expire"}},
        {"rulePriority": 2, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7}, "action": {"type": "expire"}}
    ]});
    let text = format!(
        "{{\"repositoryName\": \"web\", \"lifecyclePolicyText\": {}}}\n",
        serde_json::Value::String(policy.to_string())
    );
    let p = write(dir.path(), "policy.json", &text);
    let out = bin()
        .args([
            "check",
            "--no-config",
            "--fix",
            "--unsafe-fixes",
            "--select",
            "ECS304",
            "--exit-zero",
        ])
        .arg(&p)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    let fixed = std::fs::read_to_string(&p).unwrap();
    let outer: serde_json::Value = serde_json::from_str(&fixed).expect("the file still parses");
    let inner: serde_json::Value =
        serde_json::from_str(outer["lifecyclePolicyText"].as_str().unwrap())
            .expect("the policy text still parses");
    assert_eq!(inner["rules"][0]["rulePriority"], 3, "{fixed}");
    assert_eq!(
        inner["rules"][0]["description"], "all \"old\" images",
        "escapes kept"
    );
    // Bytes outside the edit are the original's.
    assert_eq!(
        fixed.replace("\\\"rulePriority\\\":3", "\\\"rulePriority\\\":1"),
        text
    );
}

#[cfg(unix)]
#[test]
fn read_only_files_are_not_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "dump.json", DUMP);
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = bin()
        .args(["check", "--no-config", "--fix"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not fixed: the file is read-only"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), DUMP);
}

#[cfg(unix)]
#[test]
fn a_symlink_is_followed_and_stays_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = write(dir.path(), "real.json", DUMP);
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = bin()
        .args(["check", "--no-config", "--fix", "--exit-zero"])
        .arg(&link)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("\"cpu\": \"256\"")
    );
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "permissions kept");
}

#[test]
fn a_file_that_changed_since_it_was_read_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "dump.json", DUMP);
    let err = fix::write_atomic(&p, b"what was read", b"fixed").unwrap_err();
    assert!(err.contains("changed on disk"), "{err}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), DUMP);
}

#[test]
fn output_is_the_same_for_any_number_of_jobs() {
    let src = root().join("fixtures/rules");
    let mut outs = Vec::new();
    for jobs in ["1", "4"] {
        let out = bin()
            .current_dir(root())
            .args([
                "check",
                "--no-config",
                "--diff",
                "--unsafe-fixes",
                "--jobs",
                jobs,
            ])
            .arg(&src)
            .output()
            .unwrap();
        outs.push(out.stdout);
    }
    assert!(!outs[0].is_empty());
    assert_eq!(outs[0], outs[1]);
}

#[test]
fn display_only_and_unsafe_fixes_are_not_applied_by_fix() {
    let dir = tempfile::tempdir().unwrap();
    // A wrapped describe dump: removing the fields is shown, not applied (the file must also
    // be unwrapped, which only the user can decide).
    let wrapped = format!("{{\"taskDefinition\": {}}}\n", DUMP.trim_end());
    let p = write(dir.path(), "wrapped.json", &wrapped);
    let out = bin()
        .args(["check", "--no-config", "--fix", "--exit-zero", "-f", "json"])
        .arg(&p)
        .output()
        .unwrap();
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert!(
        fixed.contains("taskDefinitionArn"),
        "display-only fix applied"
    );
    // The numeric cpu was fixed (safe); readonlyRootFilesystem (unsafe) was not.
    assert!(fixed.contains("\"cpu\": \"256\"") && !fixed.contains("readonlyRootFilesystem"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let apps: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["fix"]["applicability"].as_str())
        .collect();
    assert!(
        apps.contains(&"display-only") && apps.contains(&"unsafe"),
        "{apps:?}"
    );
}

#[test]
fn diff_masks_the_secrets_it_moves() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "q8#Lr2!vZ0pXw7$kE4nT9@bY6cG1hM3s";
    let text = format!(
        "{{\"family\": \"t\", \"containerDefinitions\": [{{\"name\": \"a\", \"image\": \"nginx:1.27\", \"memory\": 128, \"environment\": [{{\"name\": \"AUTH_KEY\", \"value\": \"{secret}\"}}]}}]}}\n"
    );
    let p = write(dir.path(), "t.json", &text);
    let out = bin()
        .args(["check", "--no-config", "--diff", "--unsafe-fixes"])
        .arg(&p)
        .output()
        .unwrap();
    let patch = String::from_utf8(out.stdout).unwrap();
    assert!(
        patch.contains("\"secrets\": [{\"name\": \"AUTH_KEY\""),
        "{patch}"
    );
    assert!(
        !patch.contains(secret) && !patch.contains("Lr2!vZ"),
        "{patch}"
    );
    // Nor does the JSON output's fix carry it.
    let json = bin()
        .args(["check", "--no-config", "-f", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&json.stdout).contains("Lr2!vZ"));
}

#[test]
fn configuration_chooses_which_fixes_apply() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ecslint.toml"),
        "[rules]\nunfixable = [\"ECS006\"]\nextend-safe-fixes = [\"ECS105\"]\n",
    )
    .unwrap();
    let p = write(dir.path(), "dump.json", DUMP);
    let out = bin()
        .args(["check", "--fix", "--exit-zero"])
        .arg(&p)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert!(
        fixed.contains("\"cpu\": 256"),
        "ECS006 is unfixable: {fixed}"
    );
    assert!(
        fixed.contains("\"readonlyRootFilesystem\": true"),
        "ECS105 made safe: {fixed}"
    );
    assert!(!fixed.contains("taskDefinitionArn"));
    // A rule without fixes cannot have their safety changed.
    std::fs::write(
        dir.path().join("ecslint.toml"),
        "[rules]\nextend-safe-fixes = [\"ECS120\"]\n",
    )
    .unwrap();
    let bad = bin().args(["check"]).arg(&p).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("ECS120 has no fixes"));
}

/// Templates and Terraform are fixed in their own syntax and names: the fixed files parse,
/// the fixed findings are gone, and what could not be written surely is left alone.
#[test]
fn templates_and_terraform_are_fixed_in_their_own_terms() {
    let mut snapshot = String::new();
    for name in [
        "cloudformation/web.yaml",
        "cloudformation/web.template.json",
        "terraform/web.tf",
    ] {
        let path = root().join("fixtures").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join(path.file_name().unwrap());
        std::fs::write(&copy, &text).unwrap();
        let out = bin()
            .args([
                "check",
                "--no-config",
                "--fix",
                "--unsafe-fixes",
                "--exit-zero",
                "-f",
                "json",
            ])
            .arg(&copy)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let fixed = std::fs::read_to_string(&copy).unwrap();
        assert_ne!(fixed, text, "{name}: nothing was fixed");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for d in json["diagnostics"].as_array().unwrap() {
            assert_ne!(d["rule"], "ECS001", "{name}: the fixed file does not parse");
            let app = d["fix"]["applicability"].as_str();
            assert!(
                app.is_none() || app == Some("display-only"),
                "{name}: an applicable fix is left: {d}"
            );
        }
        snapshot.push_str(&unified(name, &text, &fixed));
    }
    insta::assert_snapshot!("fix-templates", snapshot);
}

#[test]
fn a_fix_that_would_add_errors_leaves_the_file_as_it_was() {
    // A describe dump without `family`: stripped of its read-only fields it is register
    // input, which needs one, so the fixed file would have one error more.
    let dir = tempfile::tempdir().unwrap();
    let text = "{\"revision\": 1, \"containerDefinitions\": [{\"name\": \"a\", \"image\": \"nginx:1.27\", \"memory\": 128}]}\n";
    let p = write(dir.path(), "t.json", text);
    let out = bin()
        .args(["check", "--no-config", "--fix"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not fixed: the fixed file would have more errors"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
}

#[test]
fn two_fixes_that_create_one_key_do_not_both_insert_it() {
    // Two plaintext secrets in one container that has no `secrets` yet: the first fix
    // creates the list, the second (next pass) appends to it; never two `secrets` keys.
    let dir = tempfile::tempdir().unwrap();
    let text = r#"resource "aws_ecs_task_definition" "t" {
  family = "t"
  container_definitions = jsonencode([
    {
      name   = "a"
      image  = "nginx:1.27"
      memory = 128
      environment = [
        { name = "DB_PASSWORD", value = "q8#Lr2!vZ0pXw7$kE4nT9@bY6cG1hM3s" },
        { name = "API_TOKEN", value = "Zo5Zhexnf9TUggdn+zBKGEkmUUvuKzVN" }
      ]
    }
  ])
}
"#;
    let p = write(dir.path(), "main.tf", text);
    let out = bin()
        .args([
            "check",
            "--no-config",
            "--fix",
            "--unsafe-fixes",
            "--select",
            "ECS103",
            "--exit-zero",
        ])
        .arg(&p)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert_eq!(fixed.matches("secrets = ").count(), 1, "{fixed}");
    assert!(
        fixed.contains("name = \"DB_PASSWORD\", valueFrom")
            && fixed.contains("name = \"API_TOKEN\", valueFrom"),
        "{fixed}"
    );
    assert!(fixed.contains("environment = []"), "{fixed}");
}
