//! Parse → recognise the documents → schema check. The first byte picks JSON or YAML and
//! templates on or off. No panic; every finding's pointer resolves in the tree (or in an
//! embedded document) and every exact span lies inside the text.
#![no_main]

use ecslint::diagnostic::Anchor;
use ecslint::document;
use ecslint::parse::{self, Syntax};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = ecslint_fuzz::split(data);
    let text = String::from_utf8_lossy(input.bytes);
    let syntax = if input.yaml {
        Syntax::Yaml
    } else {
        Syntax::Json
    };
    let Some(parsed) =
        ecslint_fuzz::tolerating_known_bugs(|| parse::parse(&text, syntax, input.templates))
    else {
        return;
    };
    let Some(root) = &parsed.root else {
        return;
    };
    let embedded = document::embedded(root, &text, input.templates);
    let docs = document::recognise(root, &embedded);
    let mut findings = Vec::new();
    for doc in &docs {
        ecslint::schema::check(doc, &mut findings);
    }
    let resolves = |pointer: &str| {
        embedded.iter().any(|e| {
            pointer
                .strip_prefix(e.pointer.as_str())
                .filter(|rest| rest.is_empty() || rest.starts_with('/'))
                .zip(e.root.as_ref())
                .is_some_and(|(rest, r)| r.pointer(rest).is_some())
        }) || root.pointer(pointer).is_some()
    };
    let locs = findings
        .iter()
        .flat_map(|f| std::iter::once(&f.at).chain(f.related.iter().map(|(l, _)| l)));
    for loc in locs {
        match loc.anchor {
            Anchor::Exact(span) => ecslint_fuzz::check_span(&text, span, "exact finding"),
            _ => assert!(
                resolves(&loc.pointer),
                "unresolvable pointer {:?}",
                loc.pointer
            ),
        }
    }
});
