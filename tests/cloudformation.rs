//! CloudFormation input end to end, on `fixtures/cloudformation`: the same documents give the
//! same findings as CloudFormation YAML, CloudFormation JSON and the API's JSON; findings are
//! located and named in the template; intrinsics are unknown; secrets stay masked; snapshots of
//! the human and JSON output.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const YAML: &str = "fixtures/cloudformation/web.yaml";
const JSON: &str = "fixtures/cloudformation/web.template.json";
const INTRINSICS: &str = "fixtures/cloudformation/pass-intrinsics.yaml";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

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

fn diagnostics(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["check", "--no-config", "--format", "json", "--exit-zero"];
    all.extend_from_slice(args);
    let doc: Value = serde_json::from_str(&stdout(&ecslint(&all))).expect("JSON output");
    doc["diagnostics"].as_array().unwrap().clone()
}

/// (rule, pointer) of every finding, counted.
fn by_pointer(ds: &[Value]) -> BTreeMap<(String, String), usize> {
    let mut out = BTreeMap::new();
    for d in ds {
        let key = (
            d["rule"].as_str().unwrap().to_string(),
            d["pointer"].as_str().unwrap().to_string(),
        );
        *out.entry(key).or_default() += 1;
    }
    out
}

#[test]
fn yaml_and_json_templates_give_the_same_findings_at_the_same_pointers() {
    let yaml = by_pointer(&diagnostics(&[YAML]));
    let json = by_pointer(&diagnostics(&[JSON]));
    assert!(!yaml.is_empty());
    assert_eq!(yaml, json);
}

#[test]
fn a_template_gives_the_findings_of_the_same_api_documents() {
    let dir = std::env::temp_dir().join(format!("ecslint-cfn-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The task definition and service of web.yaml in the API's form (the IsProd scenario, so
    // the sidecar is there), and the repository's lifecycle policy.
    let task = r#"{"family": "web", "cpu": "256", "memory": "1024", "networkMode": "awsvpc",
      "requiresCompatibilities": ["FARGATE"],
      "executionRoleArn": "arn:aws:iam::123456789012:role/web-execution",
      "taskRoleArn": "arn:aws:iam::123456789012:role/web-execution",
      "containerDefinitions": [
        {"name": "web", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:${ImageTag}",
         "essential": true, "privileged": true,
         "portMappings": [{"containerPort": 8080, "hostPort": 80}],
         "environment": [{"name": "DB_PASSWORD", "value": "hunter2-hunter2-hunter2"}],
         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-create-group": "true"}}},
        {"name": "sidecar", "image": "nginx:latest", "memroy": 128}]}"#;
    let service = r#"{"serviceName": "web", "cluster": "c", "taskDefinition": "web", "desiredCount": 2,
      "launchType": "FARGATE",
      "networkConfiguration": {"awsvpcConfiguration": {"assignPublicIp": "ENABLED", "subnets": ["subnet-0a", "subnet-0b"]}},
      "loadBalancers": [{"containerName": "webx", "containerPort": 8080, "targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef"}]}"#;
    let policy = r#"{"rules": [
      {"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7}, "action": {"type": "expire"}},
      {"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 50}, "action": {"type": "expire"}}]}"#;
    std::fs::write(dir.join("task.json"), task).unwrap();
    std::fs::write(dir.join("service.json"), service).unwrap();
    std::fs::write(dir.join("policy.json"), policy).unwrap();
    let mut api: Vec<String> = diagnostics(&[dir.to_str().unwrap()])
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    let mut cfn: Vec<String> = diagnostics(&[YAML])
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    api.sort();
    cfn.sort();
    // ECS350 (mutable tags): the template's repository sets IMMUTABLE, which the API's
    // lifecycle policy file cannot say.
    cfn.retain(|c| c != "ECS350");
    assert_eq!(api, cfn);
}

#[test]
fn findings_are_located_and_named_in_the_template() {
    let ds = diagnostics(&[YAML]);
    let find = |rule: &str, pointer: &str| {
        ds.iter()
            .find(|d| d["rule"] == rule && d["pointer"] == pointer)
            .unwrap_or_else(|| panic!("no {rule} at {pointer}: {ds:#?}"))
            .clone()
    };
    let privileged = find(
        "ECS108",
        "/Resources/TaskDef/Properties/ContainerDefinitions/0/Privileged",
    );
    assert_eq!(privileged["range"]["start"]["line"], 25);
    assert!(
        privileged["help"]
            .as_str()
            .unwrap()
            .contains("remove `Privileged`")
    );
    // A container that exists when a condition holds is checked, at its place in the `!If`.
    find(
        "ECS119",
        "/Resources/TaskDef/Properties/ContainerDefinitions/1/Fn::If/1/Image",
    );
    let typo = find(
        "ECS003",
        "/Resources/TaskDef/Properties/ContainerDefinitions/1/Fn::If/1/Memroy",
    );
    assert!(typo["help"].as_str().unwrap().contains("`Memory`"));
    // Inside the policy text (a YAML block scalar): the exact key.
    let dup = find(
        "ECS300",
        "/Resources/Repo/Properties/LifecyclePolicy/LifecyclePolicyText/rules/1/rulePriority",
    );
    assert_eq!(dup["range"]["start"]["line"], 67);
    assert_eq!(dup["range"]["start"]["column"], 30);
    // A service's `TaskDefinition: !Ref TaskDef` links it to that resource.
    find(
        "ECS400",
        "/Resources/Service/Properties/LoadBalancers/0/ContainerName",
    );
    // Type coercion as CloudFormation does it: `Cpu: 256`, `Essential: "true"` and an option
    // `true` are not errors.
    assert!(
        !ds.iter()
            .any(|d| d["rule"] == "ECS006" || d["message"].as_str().unwrap().contains("must be")),
        "{ds:#?}"
    );
}

#[test]
fn intrinsics_are_unknown_values() {
    assert_eq!(diagnostics(&[INTRINSICS]), Vec::<Value>::new());
}

#[test]
fn secrets_in_templates_are_masked_in_every_format() {
    for format in ["human", "json", "sarif", "github", "concise"] {
        let o = ecslint(&["check", "--no-config", "--format", format, YAML, JSON]);
        let out = stdout(&o);
        assert!(!out.contains("hunter2"), "{format}: {out}");
        assert!(out.contains("ECS103"), "{format}");
    }
}

#[test]
fn human_and_json_output() {
    let o = ecslint(&["check", "--no-config", YAML]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("cloudformation_human", stdout(&o));
    let doc: Value = serde_json::from_str(&stdout(&ecslint(&[
        "check",
        "--no-config",
        "--format",
        "json",
        JSON,
    ])))
    .unwrap();
    insta::assert_json_snapshot!("cloudformation_json", doc);
}

#[test]
fn metadata_ignores_suppress_with_a_reason_and_report_unused_entries() {
    let ds = diagnostics(&["fixtures/cloudformation/suppressed.yaml"]);
    let codes: Vec<&str> = ds.iter().map(|d| d["rule"].as_str().unwrap()).collect();
    // ECS104 and ECS105 (named by code and by rule name) are suppressed; the entry for
    // ECS108 matches nothing and the one without a reason applies to nothing: both ECS010.
    assert!(
        !codes.contains(&"ECS104") && !codes.contains(&"ECS105"),
        "{codes:?}"
    );
    assert_eq!(
        codes.iter().filter(|c| **c == "ECS010").count(),
        2,
        "{codes:?}"
    );
    let o = ecslint(&[
        "check",
        "--no-config",
        "--format",
        "sarif",
        "--sarif-include-suppressed",
        "fixtures/cloudformation/suppressed.yaml",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("drops to uid 101"),
        "suppressions carry their reason"
    );
}
