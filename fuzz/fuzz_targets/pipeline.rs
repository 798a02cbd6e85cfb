//! The whole per-file pipeline (`engine::check_source`) on arbitrary bytes, as `fuzz.json`
//! and as `fuzz.yaml`, templates on or off (first byte), then the human, concise and GitHub
//! emitters. No panic, no internal error (ECS009), and every range is inside the text on
//! character boundaries with the right line and columns.
#![no_main]

use std::path::Path;

use ecslint::discover::Input;
use ecslint::emit::Emitter;
use ecslint::engine::{self, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = ecslint_fuzz::split(data);
    let opts = Options {
        templates: input.templates,
        keep_source: true,
        ..Options::default()
    };
    let text = ecslint_fuzz::decodes(input.bytes);
    for path in ["fuzz.json", "fuzz.yaml"] {
        let file = Input::new(Path::new(path));
        let Some(report) = ecslint_fuzz::tolerating_known_bugs(|| {
            engine::check_source(&file, input.bytes.to_vec(), &opts)
        }) else {
            continue;
        };
        ecslint_fuzz::check_report(text, &report);
        for d in &report.diagnostics {
            assert_ne!(d.code, "ECS009", "internal error: {}", d.message);
        }
        let mut emitters: Vec<Box<dyn Emitter>> = vec![
            Box::new(ecslint::emit::human::Human::new(
                Box::new(std::io::sink()),
                true,
            )),
            Box::new(ecslint::emit::human::Concise::new(
                Box::new(std::io::sink()),
            )),
            Box::new(ecslint::emit::github::Github::new(
                Box::new(std::io::sink()),
            )),
        ];
        for e in &mut emitters {
            e.file(&report).expect("writing to a sink");
        }
    }
});
