//! Checks shared by the fuzz targets: every span and range ecslint produces must lie inside the
//! text, on character boundaries, and agree with the line/column it reports.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use ecslint::engine::FileReport;
use ecslint::parse::Parsed;
use ecslint::source::Position;
use ecslint::tree::{Node, Span, Unknown, Value};

/// Every invariant is asserted. Build with `ECSLINT_FUZZ_LENIENT=1` to let the inputs of a
/// known, reported bug through (see README.md) so fuzzing can go on while it is open.
pub const STRICT: bool = option_env!("ECSLINT_FUZZ_LENIENT").is_none();

thread_local! {
    static TOLERATING: Cell<bool> = const { Cell::new(false) };
}

/// The known panic: parse/yaml.rs slicing the text with an inverted span (an alias of a
/// collection used as a mapping key).
fn known_panic(info: &std::panic::PanicHookInfo) -> bool {
    let message = info
        .payload()
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| info.payload().downcast_ref::<&str>().copied())
        .unwrap_or("");
    info.location()
        .is_some_and(|l| l.file().ends_with("parse/yaml.rs"))
        && (message.contains("byte range starts at") || message.contains("when slicing"))
}

/// Run `f`; without [`STRICT`], a known panic (see [`known_panic`]) gives `None` instead of
/// a crash report, so fuzzing can go on. Every other panic still aborts as usual.
pub fn tolerating_known_bugs<R>(f: impl FnOnce() -> R) -> Option<R> {
    if STRICT {
        return Some(f());
    }
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if TOLERATING.get() && known_panic(info) {
                return;
            }
            previous(info);
        }));
    });
    TOLERATING.set(true);
    let result = catch_unwind(AssertUnwindSafe(f));
    TOLERATING.set(false);
    result.ok()
}

/// The first byte of the input selects options; the rest is the file.
pub struct Input<'a> {
    pub yaml: bool,
    pub templates: bool,
    pub bytes: &'a [u8],
}

pub fn split(data: &[u8]) -> Input<'_> {
    let flags = data.first().copied().unwrap_or(0);
    Input {
        yaml: flags & 1 == 1,
        templates: flags & 2 == 0,
        bytes: data.get(1..).unwrap_or(&[]),
    }
}

pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end,
        "{what}: span {span:?} ends before it starts"
    );
    assert!(
        span.end <= text.len(),
        "{what}: span {span:?} past the end ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} is not on character boundaries"
    );
}

/// Every node and key span of a tree. With `json`, also: children lie inside their parent,
/// keys before their values, strings are quoted, and numbers read back to their value.
pub fn check_tree(text: &str, root: &Node, json: bool) {
    let mut stack: Vec<(&Node, Option<Span>)> = vec![(root, None)];
    while let Some((node, parent)) = stack.pop() {
        if !json && !STRICT && node.span.start > node.span.end {
            // Known bug: a YAML collection whose last item is an alias ends where the
            // anchored node ends, which can be before the collection starts.
            continue;
        }
        check_span(text, node.span, "node");
        let raw = &text[node.span.start..node.span.end];
        if json {
            if let Some(p) = parent {
                assert!(
                    p.start <= node.span.start && node.span.end <= p.end,
                    "child {:?} outside its parent {p:?}",
                    node.span
                );
            }
            match &node.value {
                Value::String { value, .. } => {
                    assert!(
                        raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"'),
                        "string span {raw:?}"
                    );
                    if !raw.contains('\\') {
                        assert_eq!(
                            &raw[1..raw.len() - 1],
                            value,
                            "string value differs from its text"
                        );
                    }
                }
                Value::Number(n) => {
                    assert_eq!(raw.parse::<f64>().ok(), Some(*n), "number {raw:?}");
                }
                Value::Unknown(u) => assert_eq!(u, &Unknown::placeholder(raw), "placeholder text"),
                Value::Bool(b) => assert_eq!(raw, if *b { "true" } else { "false" }),
                Value::Null => assert_eq!(raw, "null"),
                Value::Array(_) => {
                    assert!(raw.starts_with('[') && raw.ends_with(']'), "array {raw:?}")
                }
                Value::Object(_) => {
                    assert!(raw.starts_with('{') && raw.ends_with('}'), "object {raw:?}")
                }
            }
        }
        match &node.value {
            Value::Array(items) => stack.extend(items.iter().map(|n| (n, Some(node.span)))),
            Value::Object(members) => {
                for m in members {
                    check_span(text, m.key_span, "key");
                    if json {
                        assert!(m.key_span.end <= m.value.span.start, "key after its value");
                        assert!(
                            node.span.start <= m.key_span.start && m.key_span.end <= node.span.end,
                            "key outside its object"
                        );
                        assert!(text[m.key_span.start..m.key_span.end].starts_with('"'));
                    }
                    stack.push((&m.value, Some(node.span)));
                }
            }
            _ => {}
        }
    }
}

pub fn check_parsed(text: &str, parsed: &Parsed, json: bool) {
    match (&parsed.root, &parsed.error) {
        (Some(root), None) => check_tree(text, root, json),
        (None, Some(e)) => {
            check_span(text, e.span, "parse error");
            assert!(!e.message.is_empty(), "empty error message");
        }
        (root, error) => panic!(
            "a parse gives a tree or an error: root {}, error {error:?}",
            root.is_some()
        ),
    }
    for p in &parsed.placeholders {
        check_span(text, *p, "placeholder");
    }
    for d in &parsed.duplicates {
        check_span(text, d.first, "duplicate (first)");
        check_span(text, d.second, "duplicate (second)");
        // In YAML a key that is an alias has the anchor's span, which may come later.
        if json {
            assert!(d.first.start < d.second.start, "duplicates out of order");
        }
    }
}

/// Line, column and UTF-16 column of a byte offset; a leading BOM is not a column.
fn expected(text: &str, offset: usize) -> (usize, usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut prefix = &text[line_start..offset];
    if line_start == 0 {
        prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
    }
    (
        before.matches('\n').count() + 1,
        prefix.chars().count() + 1,
        prefix.chars().map(char::len_utf16).sum::<usize>() + 1,
    )
}

fn check_position(text: &str, p: &Position, what: &str) {
    assert!(
        p.offset <= text.len(),
        "{what}: offset {} past the end",
        p.offset
    );
    assert!(
        text.is_char_boundary(p.offset),
        "{what}: offset {} inside a character",
        p.offset
    );
    assert_eq!(
        (p.line, p.column, p.utf16_column),
        expected(text, p.offset),
        "{what}: line/column disagree with offset {}",
        p.offset
    );
}

/// Every diagnostic's range (and its related ranges) against the file's text. `text` is
/// `None` when the bytes are not text ecslint reads (then only file-level diagnostics exist).
pub fn check_report(text: Option<&str>, report: &FileReport) {
    for d in &report.diagnostics {
        match text {
            None => {
                assert_eq!(
                    d.range.start.offset, 0,
                    "{}: unreadable files have one diagnostic at 0",
                    d.code
                );
                assert!(report.failed);
            }
            Some(text) => {
                let mut ranges = vec![(d.range, d.code.to_string())];
                ranges.extend(
                    d.related
                        .iter()
                        .map(|r| (r.range, format!("{} related", d.code))),
                );
                for (r, what) in ranges {
                    check_position(text, &r.start, &what);
                    check_position(text, &r.end, &what);
                    assert!(
                        r.start.offset <= r.end.offset,
                        "{what}: range ends before it starts"
                    );
                }
            }
        }
        assert!(!d.message.is_empty(), "{}: empty message", d.code);
    }
}

/// What ecslint's decoder accepts as text.
pub fn decodes(bytes: &[u8]) -> Option<&str> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || bytes.contains(&0) {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}
