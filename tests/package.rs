//! Packaging: the licence files, the crate metadata `cargo package` and crates.io need, an
//! `include` list that ships every file the build embeds, and version pins that agree with the
//! release process (RELEASING.md): README and CHANGELOG name the version in Cargo.toml.

use std::path::{Component, Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn manifest() -> toml::Table {
    read("Cargo.toml").parse().expect("Cargo.toml parses")
}

#[test]
fn licence_files_and_metadata() {
    let m = manifest();
    let p = m["package"].as_table().expect("[package]");
    assert_eq!(p["license"].as_str(), Some("MIT OR Apache-2.0"));
    for key in [
        "description",
        "repository",
        "readme",
        "rust-version",
        "homepage",
    ] {
        let v = p.get(key).and_then(|v| v.as_str()).unwrap_or("");
        assert!(!v.is_empty(), "Cargo.toml [package] needs `{key}`");
    }
    for key in ["keywords", "categories", "include"] {
        let n = p.get(key).and_then(|v| v.as_array()).map_or(0, |a| a.len());
        assert!(n > 0, "Cargo.toml [package] needs `{key}`");
    }
    assert!(read("LICENSE-MIT").contains("Permission is hereby granted"));
    assert!(read("LICENSE-APACHE").contains("Apache License"));
    assert!(read("LICENSE-APACHE").contains("Version 2.0, January 2004"));
}

/// `path` (relative to the crate root, `/`-separated) is shipped by the `include` list.
fn included(include: &[String], path: &str) -> bool {
    include.iter().any(|pat| {
        let pat = pat.trim_start_matches('/');
        globset::Glob::new(pat)
            .unwrap()
            .compile_matcher()
            .is_match(path)
    })
}

fn normalise(p: &Path) -> String {
    let mut out: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(s) => out.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    out.join("/")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn include_ships_every_embedded_file() {
    let m = manifest();
    let include: Vec<String> = m["package"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let literal = regex::Regex::new(r#"include_(?:str|bytes)!\(\s*"([^"]+)"\s*\)"#).unwrap();
    // `include_str!(concat!("../rules/", $name, ".md"))`: every file matching prefix*suffix.
    let concat = regex::Regex::new(
        r#"include_(?:str|bytes)!\(\s*concat!\(\s*"([^"]+)"\s*,[^,]+,\s*"([^"]+)""#,
    )
    .unwrap();
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    let mut embedded = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let dir = f.parent().unwrap().strip_prefix(ROOT).unwrap();
        for c in literal.captures_iter(&text) {
            embedded.push(normalise(&dir.join(&c[1])));
        }
        for c in concat.captures_iter(&text) {
            let prefix = dir.join(&c[1]);
            let prefix_dir = if c[1].ends_with('/') {
                prefix.clone()
            } else {
                prefix.parent().unwrap().to_path_buf()
            };
            for e in std::fs::read_dir(Path::new(ROOT).join(&prefix_dir)).unwrap() {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                if name.ends_with(&c[2]) {
                    embedded.push(normalise(&prefix_dir.join(name)));
                }
            }
        }
    }
    assert!(
        embedded.len() > 50,
        "found the embedded files: {embedded:?}"
    );
    for path in &embedded {
        assert!(
            Path::new(ROOT).join(path).is_file(),
            "{path} is embedded but missing"
        );
        assert!(
            included(&include, path),
            "{path} is embedded with include_str! but Cargo.toml's `include` does not ship it"
        );
    }
    for rs in &files {
        let rel = normalise(rs.strip_prefix(ROOT).unwrap());
        assert!(included(&include, &rel), "{rel} is not shipped");
    }
    for doc in [
        "README.md",
        "CHANGELOG.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "Cargo.lock",
    ] {
        assert!(included(&include, doc), "{doc} is not shipped");
    }
    assert!(!included(&include, "fixtures/examples/good-fargate.json"));
    assert!(!included(&include, "tests/cli.rs"));
}

#[test]
fn changelog_has_this_version() {
    let version = env!("CARGO_PKG_VERSION");
    let log = read("CHANGELOG.md");
    assert!(log.starts_with("# Changelog"), "Keep a Changelog layout");
    assert!(
        log.lines()
            .any(|l| l.starts_with(&format!("## [{version}]"))),
        "CHANGELOG.md has no `## [{version}]` section"
    );
    assert!(
        log.contains(&format!("[{version}]: ")),
        "CHANGELOG.md links [{version}]"
    );
}

/// Every pin of ecslint itself in the docs (pre-commit `rev:`, `uses: ecslint/ecslint@`, `--tag`,
/// `--version`) names the tag the release process creates for this version.
#[test]
fn docs_pin_the_release_tag() {
    let version = env!("CARGO_PKG_VERSION");
    let tag = format!("v{version}");
    let pin = regex::Regex::new(
        r"(?:rev: |ecslint/ecslint@|--tag |ecslint==|ecslint --version |# )(v?\d+\.\d+\.\d+)\b",
    )
    .unwrap();
    for file in [
        "README.md",
        ".pre-commit-hooks.yaml",
        "action.yml",
        "RELEASING.md",
    ] {
        let text = read(file);
        for line in text.lines() {
            if line.contains("ecslint/ecslint@")
                || line.contains("rev: ")
                || line.contains("--tag ")
            {
                for c in pin.captures_iter(line) {
                    let v = c[1].trim_start_matches('v');
                    assert_eq!(
                        v, version,
                        "{file}: `{line}` pins {} but the release is {tag}",
                        &c[1]
                    );
                }
            }
        }
    }
    assert!(read("README.md").contains(&format!("rev: {tag}")));
    assert!(read("RELEASING.md").contains("git tag"));
}
