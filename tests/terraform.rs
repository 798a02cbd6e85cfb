//! Terraform input end to end, on `fixtures/terraform`: a task definition written as
//! `jsonencode`, as a heredoc and as a JSON string gives the findings of the same API
//! document; findings are located and named in the `.tf` file; references are unknown;
//! comments suppress; links follow resource addresses; snapshots of human and JSON output.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const WEB: &str = "fixtures/terraform/web.tf";
const UNKNOWNS: &str = "fixtures/terraform/pass-unknowns.tf";
const SUPPRESSED: &str = "fixtures/terraform/suppressed.tf";
const PLAN: &str = "fixtures/terraform/plan.json";

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

fn report(args: &[&str]) -> Value {
    let mut all = vec!["check", "--no-config", "--format", "json", "--exit-zero"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout(&ecslint(&all))).expect("JSON output")
}

fn diagnostics(args: &[&str]) -> Vec<Value> {
    report(args)["diagnostics"].as_array().unwrap().clone()
}

fn codes(ds: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = ds
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ecslint-tf-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One task definition: its containers as JSON (no `${`, so every form can hold it).
const CONTAINERS: &str = r#"[{"name": "app", "image": "nginx:latest", "essential": true, "privileged": true, "user": "0", "memroy": 128, "portMappings": [{"containerPort": 8080, "hostPort": 80}], "environment": [{"name": "API_TOKEN", "value": "s3cr3t-s3cr3t-s3cr3t-s3cr3t"}]}]"#;

#[test]
fn every_terraform_form_gives_the_findings_of_the_api_document() {
    let dir = temp_dir("forms");
    let task_args = "family = \"app\"\n  cpu = 256\n  memory = \"512\"\n  network_mode = \"awsvpc\"\n  requires_compatibilities = [\"FARGATE\"]\n  execution_role_arn = \"arn:aws:iam::123456789012:role/exec\"\n  task_role_arn = \"arn:aws:iam::123456789012:role/task\"";
    let api = format!(
        r#"{{"family": "app", "cpu": "256", "memory": "512", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "executionRoleArn": "arn:aws:iam::123456789012:role/exec", "taskRoleArn": "arn:aws:iam::123456789012:role/task", "containerDefinitions": {CONTAINERS}}}"#
    );
    let heredoc = format!(
        "resource \"aws_ecs_task_definition\" \"app\" {{\n  {task_args}\n  container_definitions = <<-EOT\n    {CONTAINERS}\n  EOT\n}}\n"
    );
    let string = format!(
        "resource \"aws_ecs_task_definition\" \"app\" {{\n  {task_args}\n  container_definitions = {}\n}}\n",
        serde_json::to_string(CONTAINERS).unwrap()
    );
    let jsonencode = format!(
        "resource \"aws_ecs_task_definition\" \"app\" {{\n  {task_args}\n  container_definitions = jsonencode([{{\n    name = \"app\"\n    image = \"nginx:latest\"\n    essential = true\n    privileged = true\n    user = \"0\"\n    memroy = 128\n    portMappings = [{{ containerPort = 8080, hostPort = 80 }}]\n    environment = [{{ name = \"API_TOKEN\", value = \"s3cr3t-s3cr3t-s3cr3t-s3cr3t\" }}]\n  }}])\n}}\n"
    );
    let forms = [
        ("api.json", api),
        ("heredoc.tf", heredoc),
        ("string.tf", string),
        ("jsonencode.tf", jsonencode),
    ];
    let mut seen: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (name, text) in &forms {
        let sub = dir.join(name.replace('.', "-"));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(name), text).unwrap();
        let ds = diagnostics(&[sub.to_str().unwrap()]);
        // The key each finding names, located in the form's own file (no finding falls back
        // to the resource or the file).
        if name.ends_with(".tf") {
            for d in &ds {
                let p = d["pointer"].as_str().unwrap();
                assert!(
                    p.starts_with("/resource/aws_ecs_task_definition/app/"),
                    "{name}: {d:#}"
                );
            }
        }
        seen.insert(name, codes(&ds));
    }
    std::fs::remove_dir_all(&dir).unwrap();
    let api = seen["api.json"].clone();
    assert!(api.contains(&"ECS108".to_string()), "{api:?}");
    for (name, got) in &seen {
        assert_eq!(got, &api, "{name} differs from the API form");
    }
}

#[test]
fn findings_are_located_and_named_in_the_tf_file() {
    let ds = diagnostics(&[WEB]);
    let find = |rule: &str, pointer: &str| {
        ds.iter()
            .find(|d| d["rule"] == rule && d["pointer"] == pointer)
            .unwrap_or_else(|| panic!("no {rule} at {pointer}: {ds:#?}"))
            .clone()
    };
    // Inside jsonencode(): the key as written in HCL.
    let privileged = find(
        "ECS108",
        "/resource/aws_ecs_task_definition/web/container_definitions/0/privileged",
    );
    assert_eq!(privileged["range"]["start"]["line"], 18);
    assert_eq!(privileged["range"]["start"]["column"], 7);
    // Inside a heredoc (`<<-` strips indentation; positions are in the file as written).
    let root = find(
        "ECS104",
        "/resource/aws_ecs_task_definition/worker/container_definitions/0/user",
    );
    assert_eq!(root["range"]["start"]["line"], 51);
    assert_eq!(root["range"]["start"]["column"], 9);
    // A misspelt container key: the provider drops it, so a warning that says so.
    let typo = find(
        "ECS003",
        "/resource/aws_ecs_task_definition/web/container_definitions/1/memroy",
    );
    assert_eq!(typo["severity"], "warning");
    assert!(
        typo["help"]
            .as_str()
            .unwrap()
            .contains("terraform-provider-aws#43217")
    );
    // A misspelt argument: Terraform rejects it; the suggestion is the provider's name.
    let arg = find(
        "ECS003",
        "/resource/aws_ecs_task_definition/worker/netwrk_mode",
    );
    assert_eq!(arg["severity"], "error");
    assert!(arg["help"].as_str().unwrap().contains("`network_mode`"));
    // Arguments are named as the provider names them, in messages and help.
    let public = find(
        "ECS203",
        "/resource/aws_ecs_service/web/network_configuration/0/assign_public_ip",
    );
    assert!(
        public["help"]
            .as_str()
            .unwrap()
            .contains("`assign_public_ip = ")
    );
    let shared = find(
        "ECS101",
        "/resource/aws_ecs_task_definition/web/task_role_arn",
    );
    assert!(
        shared["message"]
            .as_str()
            .unwrap()
            .contains("`task_role_arn` and `execution_role_arn`")
    );
    // Inside the lifecycle policy's jsonencode().
    let dup = find(
        "ECS300",
        "/resource/aws_ecr_lifecycle_policy/web/policy/rules/1/rulePriority",
    );
    assert_eq!(dup["range"]["start"]["line"], 92);
    assert_eq!(dup["document"], "lifecycle-policy");
    // `task_definition = aws_ecs_task_definition.web.arn` links the service to it.
    let lb = find(
        "ECS400",
        "/resource/aws_ecs_service/web/load_balancer/0/container_name",
    );
    assert_eq!(lb["document"], "service");
    // Terraform converts `cpu = 256` to the string the API wants: no type error.
    assert!(
        !ds.iter()
            .any(|d| d["message"].as_str().unwrap().contains("must be")),
        "{ds:#?}"
    );
}

#[test]
fn references_and_functions_are_unknown_values() {
    assert_eq!(diagnostics(&[UNKNOWNS]), Vec::<Value>::new());
}

#[test]
fn resources_link_across_the_files_of_a_module() {
    let dir = temp_dir("module");
    std::fs::write(
        dir.join("task.tf"),
        "resource \"aws_ecs_task_definition\" \"api\" {\n  family = \"api\"\n  network_mode = \"awsvpc\"\n  container_definitions = jsonencode([{ name = \"api\", image = \"x:1\", essential = true, memory = 256, user = \"1000\", readonlyRootFilesystem = true }])\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("service.tf"),
        "resource \"aws_ecs_service\" \"api\" {\n  name = \"api\"\n  task_definition = \"${aws_ecs_task_definition.api.family}:${aws_ecs_task_definition.api.revision}\"\n  load_balancer {\n    target_group_arn = var.tg\n    container_name = \"apx\"\n    container_port = 80\n  }\n}\n",
    )
    .unwrap();
    let ds = diagnostics(&[dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    let lb: Vec<&Value> = ds.iter().filter(|d| d["rule"] == "ECS400").collect();
    assert_eq!(lb.len(), 1, "{ds:#?}");
    assert!(lb[0]["file"].as_str().unwrap().ends_with("service.tf"));
    assert!(
        lb[0]["related"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("task.tf")
    );
}

#[test]
fn comments_suppress_with_a_reason_and_unused_ones_are_reported() {
    let doc = report(&[SUPPRESSED]);
    let ds = doc["diagnostics"].as_array().unwrap();
    let got = codes(ds);
    // ECS104 (a trailing comment) and ECS120 (a comment above the container's `{`) are
    // suppressed; a comment for a rule that does not exist, one whose finding is gone and
    // one above a resource the rule never fires on are ECS010.
    assert!(
        !got.contains(&"ECS104".to_string()) && !got.contains(&"ECS120".to_string()),
        "{got:?}"
    );
    assert_eq!(got, vec!["ECS010", "ECS010", "ECS010"], "{ds:#?}");
    assert_eq!(doc["summary"]["suppressed"], 2);
    let sarif = stdout(&ecslint(&[
        "check",
        "--no-config",
        "--format",
        "sarif",
        "--sarif-include-suppressed",
        SUPPRESSED,
    ]));
    assert!(
        sarif.contains("needs root for apt"),
        "suppressions carry their reason"
    );
}

#[test]
fn secrets_in_tf_files_and_plans_are_masked_in_every_format() {
    for file in [WEB, PLAN] {
        for format in ["human", "json", "sarif", "github", "concise"] {
            let out = stdout(&ecslint(&[
                "check",
                "--no-config",
                "--format",
                format,
                file,
            ]));
            assert!(!out.contains("hunter2"), "{file} {format}: {out}");
            assert!(out.contains("ECS103"), "{file} {format}");
        }
    }
}

#[test]
fn a_plan_is_checked_inside_its_resolved_values() {
    let ds = diagnostics(&[PLAN]);
    let find = |rule: &str, pointer: &str| {
        ds.iter()
            .find(|d| d["rule"] == rule && d["pointer"] == pointer)
            .unwrap_or_else(|| panic!("no {rule} at {pointer}: {ds:#?}"))
            .clone()
    };
    // Inside the provider's minified `container_definitions` string: the exact key.
    let privileged = find(
        "ECS108",
        "/resource_changes/0/change/after/container_definitions/0/privileged",
    );
    assert_eq!(privileged["range"]["start"]["line"], 17);
    find("ECS101", "/resource_changes/0/change/after/task_role_arn");
    // The service's `task_definition` is known only after apply; the configuration's
    // reference links it to the task definition in the plan.
    find(
        "ECS400",
        "/resource_changes/1/change/after/load_balancer/0/container_name",
    );
    // Values known only after apply are unknown, not missing; arguments the plan fills in
    // with zero values (`elb_name = ""`) are not the user's.
    let codes = codes(&ds);
    assert!(
        !codes
            .iter()
            .any(|c| c == "ECS003" || c == "ECS210" || c == "ECS212"),
        "{codes:?}"
    );
}

#[test]
fn a_syntax_error_is_reported_at_its_place_and_other_files_are_still_checked() {
    let dir = temp_dir("broken");
    std::fs::write(
        dir.join("broken.tf"),
        "resource \"aws_ecs_task_definition\" \"x\" {\n  family = \n}\n",
    )
    .unwrap();
    std::fs::copy(root().join(WEB), dir.join("web.tf")).unwrap();
    let o = ecslint(&[
        "check",
        "--no-config",
        "--format",
        "json",
        dir.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(o.status.code(), Some(2));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ds = doc["diagnostics"].as_array().unwrap();
    let syntax = ds
        .iter()
        .find(|d| d["rule"] == "ECS001")
        .expect("a syntax error");
    assert!(syntax["file"].as_str().unwrap().ends_with("broken.tf"));
    assert_eq!(syntax["range"]["start"]["line"], 2);
    assert!(
        ds.iter().any(|d| d["rule"] == "ECS108"),
        "web.tf is checked"
    );
}

#[test]
fn human_and_json_output() {
    let o = ecslint(&["check", "--no-config", WEB]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("terraform_human", stdout(&o));
    let doc: Value = serde_json::from_str(&stdout(&ecslint(&[
        "check",
        "--no-config",
        "--format",
        "json",
        WEB,
    ])))
    .unwrap();
    insta::assert_json_snapshot!("terraform_json", doc);
}

/// Inside a `dynamic` block: a misspelt argument in `content` and an unknown block kind are
/// reported at their place (the lowering reads the content where it is written).
#[test]
fn findings_inside_dynamic_blocks_are_located() {
    let dir = temp_dir("dynamic");
    std::fs::write(
        dir.join("service.tf"),
        "resource \"aws_ecs_service\" \"s\" {\n  name = \"s\"\n  dynamic \"load_balancer\" {\n    for_each = var.lbs\n    content {\n      target_group_arn = load_balancer.value.arn\n      container_nme    = \"web\"\n      container_port   = 80\n    }\n  }\n  dynamic \"timeouts\" {\n    for_each = var.timeouts\n    content {\n      create = \"20m\"\n    }\n  }\n  dynamic \"lod_balancer\" {\n    for_each = []\n    content {}\n  }\n}\n",
    )
    .unwrap();
    let ds = diagnostics(&[dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    let unknown: Vec<(&str, i64)> = ds
        .iter()
        .filter(|d| d["rule"] == "ECS003")
        .map(|d| {
            (
                d["pointer"].as_str().unwrap(),
                d["range"]["start"]["line"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        unknown,
        vec![
            (
                "/resource/aws_ecs_service/s/dynamic/load_balancer/content/0/container_nme",
                7
            ),
            ("/resource/aws_ecs_service/s/dynamic/lod_balancer", 17),
        ],
        "{ds:#?}"
    );
}
