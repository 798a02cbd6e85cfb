//! Every input form says the same thing: each task definition among the rule fixtures
//! (`fixtures/rules/*/{fire,pass}-*.json`, register input) is rewritten as a CloudFormation
//! JSON template, a CloudFormation YAML template, Terraform with `jsonencode(…)` and
//! Terraform with a heredoc, and each form must give the same rule codes as the API form.
//!
//! The rewriting goes through the same name tables the front ends read (the CloudFormation
//! resource table and the provider table), backwards; a fixture with a field a form cannot
//! express is skipped and counted, and most must be comparable for the test to mean anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ecslint::document::cfn_names::{Shape, Ty, resource};
use ecslint::document::tf_names::{Arg, Nested, TASK};
use serde_json::{Map, Value};

/// Fixtures whose only ECS003 is a container scalar of the wrong JSON type, which
/// CloudFormation converts.
const COERCED: &[&str] = &[
    "schema-violation-fire-container-memory-string",
    "schema-violation-fire-string-boolean",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// HCL for a JSON value, as a user writes it inside `jsonencode(…)`.
fn hcl(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{} = {}", hcl_string(k), hcl(v)))
                .collect();
            format!("{{\n{}\n}}", items.join("\n"))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(hcl).collect::<Vec<_>>().join(", ")),
        Value::String(s) => hcl_string(s),
        other => other.to_string(),
    }
}

fn hcl_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap()
        .replace("${", "$${")
        .replace("%{", "%%{")
}

/// The arguments and blocks for an API object through a provider table; `None` when a field
/// has no argument.
fn tf_body(obj: &Map<String, Value>, args: &[Arg]) -> Option<String> {
    let mut out = String::new();
    for (k, v) in obj {
        if k == "containerDefinitions" {
            continue;
        }
        // A field some arguments write below (`host.sourcePath` for `host`).
        let nested: Vec<&Arg> = args
            .iter()
            .filter(|a| {
                a.api
                    .strip_prefix(k.as_str())
                    .is_some_and(|r| r.starts_with('.'))
            })
            .collect();
        if !nested.is_empty() {
            let inner = v.as_object()?;
            for (ik, iv) in inner {
                let want = format!("{k}.{ik}");
                let a = nested.iter().find(|a| a.api == want)?;
                out.push_str(&format!("{} = {}\n", a.tf, hcl(iv)));
            }
            continue;
        }
        let a = args.iter().find(|a| a.api == k)?;
        match &a.nested {
            Nested::Scalar(_) => out.push_str(&format!("{} = {}\n", a.tf, hcl(v))),
            Nested::Block(inner) => out.push_str(&format!(
                "{} {{\n{}}}\n",
                a.tf,
                tf_body(v.as_object()?, inner)?
            )),
            Nested::Blocks(inner) => {
                for item in v.as_array()? {
                    out.push_str(&format!(
                        "{} {{\n{}}}\n",
                        a.tf,
                        tf_body(item.as_object()?, inner)?
                    ));
                }
            }
            Nested::Tags(..) | Nested::NameValues => {
                let (key, value) = match &a.nested {
                    Nested::Tags(k, v) => (*k, *v),
                    _ => ("name", "value"),
                };
                let mut map = Map::new();
                for item in v.as_array()? {
                    map.insert(
                        item.get(key)?.as_str()?.to_string(),
                        item.get(value)?.clone(),
                    );
                }
                out.push_str(&format!("{} = {}\n", a.tf, hcl(&Value::Object(map))));
            }
            Nested::Json => return None,
        }
    }
    Some(out)
}

/// The task definition as Terraform, its containers in `jsonencode` or in a heredoc.
fn terraform(task: &Map<String, Value>, heredoc: bool) -> Option<String> {
    let body = tf_body(task, TASK)?;
    let containers = task.get("containerDefinitions")?;
    let cd = if heredoc {
        let json = serde_json::to_string_pretty(containers).unwrap();
        if json.contains("${") || json.contains("%{") || json.contains("EOT") {
            return None;
        }
        format!("<<-EOT\n{json}\nEOT")
    } else {
        format!("jsonencode({})", hcl(containers))
    };
    Some(format!(
        "resource \"aws_ecs_task_definition\" \"t\" {{\n{body}container_definitions = {cd}\n}}\n"
    ))
}

/// An API value in CloudFormation's names, through the resource table.
fn cfn(v: &Value, shape: &Shape) -> Option<Value> {
    Some(match v {
        Value::Object(_) if shape.ty == Ty::Map || shape.props.is_empty() => v.clone(),
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let (name, child) = shape
                    .props
                    .iter()
                    .find(|(_, s)| s.api.as_deref() == Some(k.as_str()))?;
                out.insert(name.clone(), cfn(v, child)?);
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            let item = shape.item.as_deref()?;
            Value::Array(items.iter().map(|i| cfn(i, item)).collect::<Option<_>>()?)
        }
        other => other.clone(),
    })
}

/// A minimal YAML writer (block style, every string double-quoted).
fn yaml(v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, v) in m {
                out.push_str(&format!("{pad}{}:", serde_json::to_string(k).unwrap()));
                scalar_or_block(v, indent, out);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for item in a {
                out.push_str(&format!("{pad}-"));
                scalar_or_block(item, indent, out);
            }
        }
        other => out.push_str(&format!("{pad}{other}\n")),
    }
}

fn scalar_or_block(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            yaml(v, indent + 2, out);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            yaml(v, indent + 2, out);
        }
        other => out.push_str(&format!(" {other}\n")),
    }
}

fn codes_by_file(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let o = Command::new(env!("CARGO_BIN_EXE_ecslint"))
        .args(["check", "--no-config", "--format", "json", "--exit-zero"])
        .arg(dir)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in doc["diagnostics"].as_array().unwrap() {
        let file = d["file"].as_str().unwrap();
        let rel = Path::new(file)
            .strip_prefix(dir)
            .unwrap_or(Path::new(file))
            .to_string_lossy()
            .to_string();
        out.entry(rel)
            .or_default()
            .push(d["rule"].as_str().unwrap().to_string());
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

#[test]
fn every_form_of_a_task_definition_gives_the_same_rule_codes() {
    let shape = resource("AWS::ECS::TaskDefinition").unwrap();
    let dir = std::env::temp_dir().join(format!("ecslint-forms-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut compared = Vec::new();
    let mut skipped = 0;
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/rules"))
        .unwrap()
        .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    fixtures.sort();
    for path in &fixtures {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // a fixture of bad bytes
        };
        let Ok(Value::Object(task)) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        // Register input with containers, nothing a template would take as a placeholder,
        // and no duplicate key (the rewriting reads the JSON, which keeps only the last).
        if !task.contains_key("containerDefinitions")
            || path.parent().unwrap().ends_with("duplicate-key")
            || text.contains("${")
            || text.contains("<")
            || text.contains("{{")
            || task.contains_key("taskDefinitionArn")
        {
            continue;
        }
        let forms = (
            terraform(&task, false),
            terraform(&task, true),
            cfn(&Value::Object(task.clone()), shape),
        );
        let (Some(tf_json), Some(tf_heredoc), Some(props)) = forms else {
            skipped += 1;
            continue;
        };
        let name = format!(
            "{}-{}",
            path.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy(),
            path.file_stem().unwrap().to_string_lossy()
        );
        let template = serde_json::json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": props}}
        });
        let mut yaml_text = String::new();
        yaml(&template, 0, &mut yaml_text);
        let sub = dir.join(&name);
        std::fs::create_dir_all(&sub).unwrap();
        for (file, content) in [
            ("api.json", text.clone()),
            (
                "cfn.template.json",
                serde_json::to_string_pretty(&template).unwrap(),
            ),
            ("cfn.yaml", yaml_text),
            ("jsonencode.tf", tf_json),
            ("heredoc.tf", tf_heredoc),
        ] {
            // One form per directory: a Terraform module is a directory.
            let d = sub.join(file.replace('.', "-"));
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join(file), content).unwrap();
        }
        compared.push(name);
    }
    let found = codes_by_file(&dir);
    let mut differences = Vec::new();
    for name in &compared {
        let get = |file: &str| {
            let key = format!("{name}/{}/{file}", file.replace('.', "-"));
            found.get(&key).cloned().unwrap_or_default()
        };
        let api: Vec<String> = get("api.json");
        for form in [
            "cfn.template.json",
            "cfn.yaml",
            "jsonencode.tf",
            "heredoc.tf",
        ] {
            let got = get(form);
            // Where the dialects differ by design: CloudFormation and Terraform convert a
            // task-level `cpu`/`memory` number to the string the API wants (ECS006 is about
            // the API's JSON), and CloudFormation also converts container scalars (`"512"`,
            // `"true"`), which the API rejects (ECS003). Terraform does not: it hands the
            // JSON to the API as written.
            let expected: Vec<String> = api
                .iter()
                .filter(|c| *c != "ECS006")
                .filter(|c| {
                    !(form.starts_with("cfn") && *c == "ECS003" && COERCED.contains(&name.as_str()))
                })
                .cloned()
                .collect();
            // A converted value can make more rules apply: `"essential": "true"` is an
            // essential container in CloudFormation (so ECS136 asks for its health check).
            let coerced = form.starts_with("cfn") && COERCED.contains(&name.as_str());
            let same = if coerced {
                expected.iter().all(|c| got.contains(c))
            } else {
                got == expected
            };
            if !same {
                differences.push(format!("{name}: {form} {got:?} vs api {expected:?}"));
            }
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        compared.len() >= 100,
        "only {} fixtures compared ({skipped} skipped)",
        compared.len()
    );
    assert!(
        differences.is_empty(),
        "{} of {} fixtures differ:\n{}",
        differences.len(),
        compared.len(),
        differences.join("\n")
    );
}
