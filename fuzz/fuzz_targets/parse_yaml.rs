//! The YAML parser, templates on and off: no panic, a tree or an error, every span inside the
//! text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for templates in [true, false] {
        let Some(parsed) =
            ecslint_fuzz::tolerating_known_bugs(|| ecslint::parse::yaml::parse(&text, templates))
        else {
            return;
        };
        ecslint_fuzz::check_parsed(&text, &parsed, false);
    }
});
