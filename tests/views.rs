//! Rules speak through located views: no rule builds a pointer or navigates raw nodes, and
//! every field name a rule or view asks for is a field of the AWS API (as the generated
//! schemas know it), so a typo cannot silently read nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| {
            (
                p.file_name().unwrap().to_str().unwrap().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The code of a file up to its test module, without comments.
fn code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// What a rule must not write: pointer building and raw navigation.
const FORBIDDEN: &[&str] = &[
    ".ptr(",
    "_ptr(",
    "join_index(",
    " join(",
    "(join(",
    "Loc::value(",
    "Loc::key(",
    "Loc::member(",
    "Loc::head(",
    ".pointer",
    "format!(\"/",
    "+ \"/",
    ".get(\"",
    ".member(\"",
    "Node::get",
    ".node.get",
];

fn rule_files() -> Vec<(String, String)> {
    sources(&root().join("src/rules"))
        .into_iter()
        .filter(|(n, _)| n.starts_with("ecs"))
        .collect()
}

#[test]
fn no_rule_builds_a_pointer_or_navigates_raw_nodes() {
    let files = rule_files();
    assert!(files.len() > 60, "{} rule files", files.len());
    let mut found = Vec::new();
    for (name, text) in &files {
        for (n, line) in code(text).lines().enumerate() {
            for f in FORBIDDEN {
                if line.contains(f) {
                    found.push(format!(
                        "src/rules/{name}:{}: `{f}` in {}",
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_scan_catches_what_it_forbids() {
    let bad = "fn check() {\n    ctx.report(Loc::value(c.ptr(\"image\")), \"x\");\n    let d = c.node.get(\"image\");\n}\n";
    let hits: Vec<&&str> = FORBIDDEN
        .iter()
        .filter(|f| code(bad).contains(**f))
        .collect();
    assert!(hits.len() >= 4, "{hits:?}");
}

/// Every property name in the schemas.
fn schema_keys() -> BTreeSet<String> {
    fn walk(v: &serde_json::Value, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    if k == "properties"
                        && let Some(p) = v.as_object()
                    {
                        out.extend(p.keys().cloned());
                    }
                    walk(v, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(root().join("schemas")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap();
        // The AWS models only (not ecslint's own output or config schemas, nor SARIF's).
        if (name.starts_with("ecs-") || name.starts_with("ecr-")) && name.ends_with(".json") {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            walk(&v, &mut out);
        }
    }
    out
}

/// String literals passed to the located accessors.
fn asked_keys(text: &str) -> Vec<String> {
    const ACCESSORS: &[&str] = &["field(\"", "member_named(\"", "missing(\""];
    let mut out = Vec::new();
    for a in ACCESSORS {
        let mut rest = text;
        while let Some(i) = rest.find(a) {
            let after = &rest[i + a.len()..];
            if let Some(end) = after.find('"') {
                out.push(after[..end].to_string());
            }
            rest = after;
        }
    }
    out
}

#[test]
fn every_field_a_rule_or_view_reads_is_in_the_schema() {
    let keys = schema_keys();
    assert!(keys.contains("containerDefinitions") && keys.contains("rulePriority"));
    let mut files = rule_files();
    for v in ["taskdef.rs", "service.rs", "ecr.rs"] {
        let text = std::fs::read_to_string(root().join("src/document").join(v)).unwrap();
        files.push((v.to_string(), text));
    }
    let mut unknown = Vec::new();
    let mut asked = 0;
    for (name, text) in &files {
        for k in asked_keys(&code(text)) {
            asked += 1;
            if !keys.contains(&k) {
                unknown.push(format!("{name}: `{k}`"));
            }
        }
    }
    assert!(asked > 150, "only {asked} field reads found");
    assert!(
        unknown.is_empty(),
        "fields not in any schema:\n{}",
        unknown.join("\n")
    );
}
