//! The JSON parser, templates on and off: no panic, a tree or an error, every span inside the
//! text on character boundaries, children inside parents, strings and numbers as written.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for templates in [true, false] {
        let parsed = ecslint::parse::json::parse(&text, templates);
        ecslint_fuzz::check_parsed(&text, &parsed, true);
        if !templates {
            assert!(
                parsed.placeholders.is_empty(),
                "placeholders with templates off"
            );
        }
    }
});
