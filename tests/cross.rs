//! Cross-document checks end to end, on `fixtures/examples/linked` (a service, its task definition
//! and the lifecycle policy of its image's repository): every output format (insta snapshots),
//! related locations in the other file, schema validity of JSON and SARIF, and `--context`.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const LINKED: &str = "fixtures/examples/linked";
const SERVICE: &str = "fixtures/examples/linked/service.json";
const TASKDEF: &str = "fixtures/examples/linked/taskdef.json";
const POLICY: &str = "fixtures/examples/linked/lifecycle-policy.json";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run ecslint from the repository root, with the environment that changes output removed.
fn ecslint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ecslint"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("ECSLINT_TEST_PANIC")
        .output()
        .expect("ecslint runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn json(args: &[&str]) -> (Value, Option<i32>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let o = ecslint(&all);
    let doc = serde_json::from_str(&stdout(&o)).expect("JSON output");
    (doc, o.status.code())
}

fn validator(schema_file: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas").join(schema_file)).unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .build(&schema)
        .expect("schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}

fn diagnostics(doc: &Value) -> &Vec<Value> {
    doc["diagnostics"].as_array().expect("diagnostics array")
}

fn is_cross(rule: &str) -> bool {
    rule.starts_with("ECS4")
}

/// `(file, rule)` of every diagnostic, in output order.
fn found(doc: &Value) -> Vec<(String, String)> {
    diagnostics(doc)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The one diagnostic of `rule`.
fn only<'a>(doc: &'a Value, rule: &str) -> &'a Value {
    let of: Vec<&Value> = diagnostics(doc)
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect();
    assert_eq!(of.len(), 1, "exactly one {rule}: {:?}", found(doc));
    of[0]
}

#[test]
fn human_output() {
    let o = ecslint(&["check", LINKED, "--color", "never"]);
    assert_eq!(o.status.code(), Some(1), "errors were found");
    let out = stdout(&o);
    // The related location is shown from the other file.
    assert!(out.contains(&format!("┌─ {TASKDEF}:")), "{out}");
    insta::assert_snapshot!("linked_human", out);
}

#[test]
fn json_output_names_the_other_file() {
    let (doc, code) = json(&[LINKED]);
    assert_eq!(code, Some(1));
    assert_valid(&validator("ecslint-output-v1.schema.json"), &doc);
    assert_eq!(doc["version"], 1);

    let cross: Vec<&Value> = diagnostics(&doc)
        .iter()
        .filter(|d| is_cross(d["rule"].as_str().unwrap()))
        .collect();
    assert!(cross.len() >= 3, "{:?}", found(&doc));
    for d in &cross {
        let file = d["file"].as_str().unwrap();
        let related = d["related"].as_array().unwrap();
        assert!(!related.is_empty(), "{}: no related location", d["rule"]);
        for r in related {
            let other = r["file"]
                .as_str()
                .unwrap_or_else(|| panic!("{}: related location without `file`", d["rule"]));
            assert_ne!(other, file, "{}: related file is the other one", d["rule"]);
            assert!(root().join(other).is_file(), "{other} is a relative path");
            assert!(r["range"]["start"]["line"].as_u64().unwrap() >= 1);
        }
    }
    // The service's findings point into the task definition; the policy's at the deployed image.
    let lb = only(&doc, "ECS400");
    assert_eq!(lb["file"], SERVICE);
    assert_eq!(lb["pointer"], "/loadBalancers/0/containerPort");
    assert_eq!(lb["related"][0]["file"], TASKDEF);
    assert_eq!(
        lb["related"][0]["pointer"],
        "/containerDefinitions/0/portMappings"
    );
    let port = only(&doc, "ECS401");
    assert_eq!(port["file"], SERVICE);
    assert_eq!(port["related"][0]["file"], TASKDEF);
    let expiry = only(&doc, "ECS405");
    assert_eq!(expiry["file"], POLICY);
    assert_eq!(expiry["pointer"], "/lifecyclePolicyText/rules/1");
    assert_eq!(expiry["related"][0]["file"], TASKDEF);
    assert_eq!(
        expiry["related"][0]["pointer"],
        "/containerDefinitions/0/image"
    );
    // A per-file finding has no related location in another file.
    let own = only(&doc, "ECS105");
    assert_eq!(own["file"], TASKDEF);
    assert!(
        own["related"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r.get("file").is_none_or(Value::is_null))
    );
    insta::assert_json_snapshot!("linked_json", doc);
}

#[test]
fn sarif_related_locations_use_the_other_files_uri() {
    let o = ecslint(&["check", LINKED, "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1));
    let log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_valid(&validator("sarif-2.1.0.json"), &log);
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let mut cross = 0;
    for res in results {
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], res["ruleId"]);
        let rule = res["ruleId"].as_str().unwrap();
        let uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        if !is_cross(rule) {
            continue;
        }
        cross += 1;
        let related = res["relatedLocations"].as_array().unwrap();
        assert!(!related.is_empty(), "{rule}: relatedLocations");
        for r in related {
            let loc = &r["physicalLocation"]["artifactLocation"];
            let other = loc["uri"].as_str().unwrap();
            assert_eq!(
                other, TASKDEF,
                "{rule}: related location in the task definition"
            );
            assert_ne!(other, uri, "{rule}: the other file, not the result's own");
            assert!(
                !other.starts_with('/') && !other.contains(':') && !other.contains(".."),
                "relative uri: {other}"
            );
            assert_eq!(loc["uriBaseId"], "%SRCROOT%");
            assert!(
                r["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap()
                    >= 1
            );
        }
    }
    assert!(cross >= 3, "cross-document results: {cross}");
    // The absolute checkout path and the rule docs (their full text) are not this test's subject.
    let mut scrubbed = log.clone();
    scrubbed["runs"][0]["originalUriBaseIds"] = serde_json::json!("[SCRUBBED]");
    scrubbed["runs"][0]["tool"]["driver"]["rules"] = serde_json::json!("[rules]");
    insta::assert_json_snapshot!("linked_sarif", scrubbed);
}

#[test]
fn context_reports_the_services_cross_findings_only() {
    let (doc, code) = json(&[SERVICE, "--context", TASKDEF]);
    assert_eq!(code, Some(1));
    assert_valid(&validator("ecslint-output-v1.schema.json"), &doc);
    let all = found(&doc);
    assert!(
        all.iter().all(|(file, _)| file == SERVICE),
        "only the checked file is reported: {all:?}"
    );
    let rules: Vec<&str> = all.iter().map(|(_, r)| r.as_str()).collect();
    assert!(
        rules.contains(&"ECS400") && rules.contains(&"ECS401"),
        "{rules:?}"
    );
    assert!(
        !rules.contains(&"ECS105"),
        "the task definition's own finding is not reported: {rules:?}"
    );
    assert_eq!(only(&doc, "ECS400")["related"][0]["file"], TASKDEF);
    assert_eq!(doc["summary"]["files"], 1, "context files are not counted");
}

#[test]
fn the_service_alone_is_silent() {
    let (doc, code) = json(&[SERVICE]);
    let all = found(&doc);
    assert!(
        all.iter().all(|(_, rule)| !is_cross(rule)),
        "no task definition in the run, so no cross-document finding: {all:?}"
    );
    // The service is clean on its own: nothing is guessed about the missing task definition.
    assert_eq!(all, Vec::<(String, String)>::new());
    assert_eq!(code, Some(0));
}

#[test]
fn a_context_policy_is_reported_at_the_deployed_image() {
    let (doc, code) = json(&[TASKDEF, "--context", POLICY]);
    assert_eq!(code, Some(1));
    let expiry = only(&doc, "ECS405");
    assert_eq!(expiry["file"], TASKDEF);
    assert_eq!(expiry["pointer"], "/containerDefinitions/0/image");
    assert_eq!(expiry["related"][0]["file"], POLICY);
    assert_eq!(
        expiry["related"][0]["pointer"],
        "/lifecyclePolicyText/rules/1"
    );
    // The task definition is checked, so its own finding is still reported.
    only(&doc, "ECS105");
    assert!(found(&doc).iter().all(|(file, _)| file == TASKDEF));

    // The other way round: the policy is checked, the task definition is context.
    let (doc, code) = json(&[POLICY, "--context", TASKDEF]);
    assert_eq!(code, Some(1));
    assert_eq!(
        found(&doc),
        vec![(POLICY.to_string(), "ECS405".to_string())]
    );
}

#[test]
fn linked_output_is_identical_for_any_thread_count() {
    let one = ecslint(&["check", LINKED, "-f", "json", "-j", "1"]);
    let many = ecslint(&["check", LINKED, "-f", "json", "-j", "4"]);
    assert_eq!(stdout(&one), stdout(&many));
}

/// A secret on the line of a task definition that a cross-document finding shows as its
/// related snippet (the deployed image) is masked there too, in every format.
#[test]
fn secrets_stay_masked_in_related_snippets_of_other_files() {
    let canary = "CanaryPw-9e1b2d-DoNotLeak";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("taskdef.json"),
        format!(
            r#"{{"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
  "containerDefinitions": [{{"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0", "environment": [{{"name": "DB_PASSWORD", "value": "{canary}"}}]}}]}}
"#
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("policy.json"),
        r#"{"repositoryName": "api", "lifecyclePolicyText": "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30},\"action\":{\"type\":\"expire\"}}]}"}
"#,
    )
    .unwrap();
    for format in ["human", "concise", "json", "json-lines", "sarif", "github"] {
        let o = Command::new(env!("CARGO_BIN_EXE_ecslint"))
            .args(["check", ".", "-f", format, "--color", "never"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let out =
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
        assert!(
            out.contains("ECS405"),
            "{format}: the cross-document finding is there\n{out}"
        );
        assert!(!out.contains("9e1b2d"), "{format} leaks the secret:\n{out}");
    }
}

/// `(file, rule, line, column)` of every diagnostic, sorted.
fn placed(doc: &Value) -> Vec<(String, String, u64, u64)> {
    let mut all: Vec<_> = diagnostics(doc)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn a_file_named_two_ways_is_one_file() {
    let abs = root().join(TASKDEF);
    let abs = abs.to_str().unwrap();
    let dotted = format!("./{TASKDEF}");
    let dotted_dir = format!("./{LINKED}");
    // The service's cross findings do not depend on how the task definition's path is spelt.
    let (want, _) = json(&[SERVICE, TASKDEF, "--no-config", "--context", TASKDEF]);
    assert!(
        found(&want).iter().any(|(_, r)| r == "ECS400"),
        "{:?}",
        found(&want)
    );
    for context in [dotted.as_str(), abs, LINKED, dotted_dir.as_str()] {
        let (doc, _) = json(&[SERVICE, TASKDEF, "--no-config", "--context", context]);
        let mut want = placed(&want);
        if context == LINKED || context == dotted_dir.as_str() {
            // The directory adds the lifecycle policy as context: ECS405 at the task definition.
            want.push((TASKDEF.into(), "ECS405".into(), 12, 16));
            want.sort();
        }
        assert_eq!(placed(&doc), want, "--context {context}");
    }
    // A directory given three ways is checked once: each finding once, files counted once.
    let abs_dir = root().join(LINKED);
    let (doc, _) = json(&[
        LINKED,
        "--no-config",
        "--context",
        &dotted_dir,
        "--context",
        abs_dir.to_str().unwrap(),
    ]);
    let (once, _) = json(&[LINKED, "--no-config"]);
    assert_eq!(placed(&doc), placed(&once));
    assert_eq!(doc["summary"], once["summary"]);
    // One file named three ways is one file.
    let (doc, _) = json(&[TASKDEF, &dotted, abs, "--no-config"]);
    assert_eq!(doc["summary"]["files"], 1);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_and_its_target_are_one_file() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["service.json", "taskdef.json"] {
        std::fs::copy(root().join(LINKED).join(f), dir.path().join(f)).unwrap();
    }
    std::os::unix::fs::symlink(
        dir.path().join("taskdef.json"),
        dir.path().join("alias.json"),
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let (doc, _) = json(&[d, "--no-config"]);
    assert_eq!(doc["summary"]["files"], 2, "{}", doc["summary"]);
    assert!(
        found(&doc).iter().all(|(f, _)| !f.ends_with("alias.json")),
        "the real path is kept, not the link: {:?}",
        found(&doc)
    );
    let ecs400 = found(&doc).iter().filter(|(_, r)| r == "ECS400").count();
    assert_eq!(
        ecs400, 1,
        "the task definition is linked once, not ambiguous"
    );
}

/// GitHub code scanning shows a result's related locations only through links in its message,
/// `[text](id)` with the id of an entry of `relatedLocations`. Every related location is linked,
/// every link names one, and brackets that are not links are escaped.
#[test]
fn sarif_messages_link_every_related_location() {
    let o = ecslint(&["check", LINKED, "--format", "sarif"]);
    let log: Value = serde_json::from_str(&stdout(&o)).expect("SARIF output");
    let link = regex::Regex::new(r"(?:^|[^\\])\[((?:[^\]\\]|\\.)*)\]\((\d+)\)").unwrap();
    let mut checked = 0;
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let Some(related) = result["relatedLocations"].as_array() else {
            continue;
        };
        let text = result["message"]["text"].as_str().unwrap();
        let ids: Vec<u64> = related.iter().map(|r| r["id"].as_u64().unwrap()).collect();
        let linked: Vec<u64> = link
            .captures_iter(text)
            .map(|c| c[2].parse().unwrap())
            .collect();
        assert!(!linked.is_empty(), "no [text](id) link in {text}");
        for id in &ids {
            assert!(
                linked.contains(id),
                "relatedLocations id {id} is not linked: {text}"
            );
        }
        for id in &linked {
            assert!(
                ids.contains(id),
                "link ({id}) names no related location: {text}"
            );
        }
        // Outside the links, no bare bracket: each is escaped.
        let outside = link.replace_all(text, "");
        let bare = outside
            .char_indices()
            .any(|(i, c)| matches!(c, '[' | ']') && !outside[..i].ends_with('\\'));
        assert!(!bare, "unescaped bracket outside the links: {text}");
        checked += 1;
    }
    assert!(
        checked >= 2,
        "the linked example has cross-document results with related locations"
    );
    // A related location in another file is named in its link text.
    let texts: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["message"]["text"].as_str())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("taskdef.json:") && t.contains("](1)")),
        "{texts:#?}"
    );
}
