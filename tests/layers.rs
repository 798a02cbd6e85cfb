//! The stages form a one-way chain: a module may use only modules of lower layers (or its
//! own group). This test reads every source file and fails on a `crate::` path that runs
//! back up the chain — the boundary test ruff and rust-analyzer keep in their own forms.
//! Test modules (`#[cfg(test)]` and after) are exempt: a unit test may drive the pipeline.

use std::collections::BTreeMap;
use std::path::Path;

/// Layer of each top-level module, lowest first. A new module must be added here, at the
/// layer of what it may use.
const LAYERS: &[(&str, u32)] = &[
    // The model: data every stage and every emitter shares.
    ("tree", 0),
    ("source", 0),
    ("discover", 0),
    ("diagnostic", 1),
    ("codes", 2),
    ("report", 2),
    // Parse, recognise, located views.
    ("parse", 3),
    ("document", 4),
    ("fargate", 5),
    // Front ends: a file's documents in the API's shape, whatever its dialect.
    ("front", 5),
    // Schema validation (tree_json is its adapter to the validator).
    ("schema", 5),
    ("tree_json", 5),
    // Fixes written as text edits in each syntax and dialect.
    ("edit", 5),
    // The rule registry and the rules.
    ("rules", 6),
    // Settings, the per-file pipeline, the cross-document stage, the filter step, the run.
    ("config", 7),
    ("engine", 8),
    ("filter", 8),
    ("link", 9),
    // `--fix`: apply, re-check, write.
    ("fix", 9),
    ("run", 10),
    // Emitters see the model only.
    ("emit", 3),
    ("cli", 11),
];

/// Modules of one layer that may use each other.
const GROUPS: &[&[&str]] = &[&["schema", "tree_json"]];

fn layer(module: &str) -> u32 {
    LAYERS
        .iter()
        .find(|(m, _)| *m == module)
        .unwrap_or_else(|| panic!("module `{module}` is not in tests/layers.rs LAYERS"))
        .1
}

fn grouped(a: &str, b: &str) -> bool {
    GROUPS.iter().any(|g| g.contains(&a) && g.contains(&b))
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `crate::<module>` references in the code part of a file (comments and test modules
/// left out).
fn references(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            break;
        }
        if code.starts_with("//") {
            continue;
        }
        let code = code.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + 7..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push((n + 1, name));
            }
            rest = after;
        }
        // `use crate::{a, b}` groups.
        if let Some(i) = code.find("crate::{") {
            let inner = &code[i + 8..];
            for part in inner.split([',', '}']) {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push((n + 1, name));
                }
            }
        }
    }
    out
}

#[test]
fn no_module_uses_a_later_stage() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&root, &mut all);
    let mut violations = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for path in &all {
        let rel = path.strip_prefix(&root).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let module = first.trim_end_matches(".rs");
        if matches!(module, "lib" | "main") {
            continue;
        }
        let own = layer(module);
        let text = std::fs::read_to_string(path).unwrap();
        for (line, used) in references(&text) {
            *seen.entry(format!("{module} -> {used}")).or_default() += 1;
            if used == module || grouped(module, &used) {
                continue;
            }
            if layer(&used) >= own {
                violations.push(format!(
                    "src/{}:{line}: `{module}` (layer {own}) uses `{used}` (layer {})",
                    rel.display(),
                    layer(&used)
                ));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "uses that run back up the chain:\n{}",
        violations.join("\n")
    );
    // The test reads real references (a parser that finds none would pass vacuously).
    assert!(seen.contains_key("engine -> rules"), "{seen:?}");
    assert!(seen.contains_key("emit -> report"), "{seen:?}");
}

#[test]
fn the_scanner_finds_references() {
    let refs = references(
        "use crate::rules::Ctx;\nuse crate::{report, diagnostic::Loc};\n// crate::cli\nfn f() { crate::link::run() }\n#[cfg(test)]\nmod t { use crate::cli; }\n",
    );
    let names: Vec<&str> = refs.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["rules", "report", "diagnostic", "link"]);
}
