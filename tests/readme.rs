//! The README's rule table is generated from the registry and must be current.
//! Regenerate with `ECSLINT_BLESS=1 cargo test --test readme`.

use ecslint::rules::{ALL, infos};

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn table() -> String {
    let mut out =
        String::from("| code | name | severity | fix | what it catches |\n|---|---|---|---|---|\n");
    for (r, info) in ALL.iter().zip(infos()) {
        out.push_str(&format!(
            "| {} | [{}](rules/{}.md) | {} | {} | {} |\n",
            r.code,
            r.name,
            r.name,
            r.severity.as_str(),
            r.fix.map_or("", |f| f.as_str()),
            info.summary.replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn readme_rule_table_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme
        .find(START)
        .expect("README has the rules:start marker")
        + START.len();
    let end = readme.find(END).expect("README has the rules:end marker");
    let want = table();
    if readme[start..end] != want {
        if std::env::var_os("ECSLINT_BLESS").is_some() {
            std::fs::write(
                path,
                format!("{}{}{}", &readme[..start], want, &readme[end..]),
            )
            .unwrap();
        } else {
            panic!("README rule table is stale; run ECSLINT_BLESS=1 cargo test --test readme");
        }
    }
}

/// Every long option of `ecslint check --help` is in the README's option table and the table names
/// no option the binary lacks.
#[test]
fn readme_option_table_matches_check_help() {
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_ecslint"))
        .args(["check", "--help"])
        .output()
        .expect("ecslint runs");
    let help = String::from_utf8(help.stdout).unwrap();
    let flag = regex::Regex::new(r"--[a-z][a-z-]*").unwrap();
    let mut from_help: Vec<String> = help
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with('-'))
        .filter_map(|l| flag.find(l).map(|m| m.as_str().to_string()))
        .filter(|f| f != "--help" && f != "--version")
        .collect();
    from_help.sort();
    from_help.dedup();

    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("Options of `check`:")
        .expect("README has the option table");
    let table: Vec<&str> = readme[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .collect();
    let mut from_readme: Vec<String> = table
        .iter()
        .flat_map(|row| {
            let first = row.split(" | ").next().unwrap_or_default();
            flag.find_iter(first)
                .map(|m| m.as_str().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    from_readme.sort();
    from_readme.dedup();
    assert_eq!(
        from_readme, from_help,
        "README option table (left) vs `ecslint check --help` (right)"
    );
}
