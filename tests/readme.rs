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
