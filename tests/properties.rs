//! Property tests over generated task-definition-like documents (JSON and block YAML, random
//! whitespace and CRLF, astral-plane and escaped Unicode, template placeholders, wrong types,
//! duplicate keys, and random edits that break the syntax).
//!
//! Through the library (`engine::check_source`), for every generated file:
//! - checking never panics;
//! - every range lies inside the text, on character boundaries, with start <= end, and its
//!   line, column and UTF-16 column are those of its byte offset (recomputed here);
//! - every internal span lies inside the text on character boundaries, and agrees with its range;
//! - every non-empty pointer resolves in the parsed tree; a file that does not parse has only
//!   pointer-less (file-level) diagnostics;
//! - checking twice gives identical diagnostics.
//!
//! Through the binary: a directory of generated files gives byte-identical JSON, SARIF and human
//! output with `-j1` and `-j4` (tests/cli.rs checks JSON on the fixtures; this adds generated
//! files, SARIF and human).

use std::path::Path;

use ecslint::discover::Input;
use ecslint::engine::{self, Options};
use ecslint::parse::{self, Syntax};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

/// A JSON value as it will be written, placeholders (unquoted) included.
#[derive(Clone, Debug)]
enum J {
    Null,
    Bool(bool),
    /// A number exactly as written (may be invalid JSON on purpose).
    Num(String),
    Str(String),
    /// An unquoted template placeholder in value position.
    Raw(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

fn s(v: &str) -> J {
    J::Str(v.to_string())
}

fn obj(members: Vec<(&str, J)>) -> J {
    J::Obj(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

// ---- Strategies ----

fn placeholder() -> BoxedStrategy<String> {
    prop_oneof![
        "\\$\\{[A-Z_]{1,8}\\}",
        "\\$[A-Z][A-Z0-9_]{0,6}",
        "<[A-Z][A-Z0-9_]{0,8}>",
        "\\{\\{ \\.[a-z]{1,6} \\}\\}",
        "\\{\\{ must_env `[A-Z]{1,5}` \\}\\}",
        "%[A-Z]{1,5}%",
        "#\\{[A-Z]{1,5}\\}",
        "__[A-Z]{3,6}__",
    ]
    .boxed()
}

/// Placeholders inside strings, where several may be glued together.
fn quoted_placeholder() -> BoxedStrategy<String> {
    prop_oneof![
        3 => placeholder(),
        1 => (placeholder(), placeholder()).prop_map(|(a, b)| format!("{a}{b}")),
    ]
    .boxed()
}

/// Strings: plain words, any printable Unicode (astral plane included), control characters
/// (escaped when written), and text with placeholders inside.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-z][a-z0-9_-]{0,10}",
        2 => "\\PC{0,12}",
        1 => "[\u{1F600}-\u{1F64F}\u{10000}-\u{10FFF}\u{e9}\u{4e2d}a-z]{1,6}",
        1 => "[\\x00-\\x1f\"\\\\/]{1,4}",
        1 => ("[a-z]{0,4}", quoted_placeholder(), "[a-z:]{0,4}").prop_map(|(a, p, b)| format!("{a}{p}{b}")),
        1 => Just(String::new()),
    ]
    .boxed()
}

fn number() -> BoxedStrategy<String> {
    prop_oneof![
        30 => (0u32..70_000).prop_map(|n| n.to_string()),
        10 => any::<i64>().prop_map(|n| n.to_string()),
        5 => any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:e}")),
        5 => "-?(0|[1-9][0-9]{0,3})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?",
        // Rarely: not valid JSON numbers.
        1 => prop_oneof![Just("01".to_string()), Just("1e999".to_string()), Just("-".to_string()), Just("1.".to_string())],
    ]
    .boxed()
}

fn leaf() -> BoxedStrategy<J> {
    prop_oneof![
        1 => Just(J::Null),
        1 => any::<bool>().prop_map(J::Bool),
        2 => number().prop_map(J::Num),
        4 => text().prop_map(J::Str),
        1 => placeholder().prop_map(J::Raw),
    ]
    .boxed()
}

/// Any JSON, for fields of the wrong type and unknown fields.
fn any_json() -> BoxedStrategy<J> {
    leaf()
        .prop_recursive(4, 24, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(J::Arr),
                prop::collection::vec((key(), inner), 0..5).prop_map(J::Obj),
            ]
        })
        .boxed()
}

const KNOWN_KEYS: &[&str] = &[
    "name",
    "image",
    "memory",
    "cpu",
    "essential",
    "family",
    "containerDefinitions",
    "environment",
    "value",
    "secrets",
    "valueFrom",
    "options",
    "taskDefinition",
    "networkMode",
    "memoryReservaton",
    "a/b~c",
    "",
];

fn key() -> BoxedStrategy<String> {
    prop_oneof![
        2 => prop::sample::select(KNOWN_KEYS).prop_map(str::to_string),
        3 => text(),
    ]
    .boxed()
}

/// Mostly a value of the right shape, sometimes anything.
fn typed(right: impl Strategy<Value = J> + 'static) -> BoxedStrategy<J> {
    prop_oneof![8 => right, 1 => any_json()].boxed()
}

fn pick(values: &'static [&'static str]) -> impl Strategy<Value = J> {
    prop_oneof![
        6 => prop::sample::select(values).prop_map(s),
        1 => quoted_placeholder().prop_map(J::Str),
        1 => placeholder().prop_map(J::Raw),
    ]
}

fn int(range: std::ops::Range<u32>) -> impl Strategy<Value = J> {
    prop_oneof![
        6 => range.prop_map(|n| J::Num(n.to_string())),
        1 => placeholder().prop_map(J::Raw),
        1 => prop::sample::select(&["256", "512", "1024"][..]).prop_map(s),
    ]
}

fn strings(values: &'static [&'static str]) -> impl Strategy<Value = J> {
    prop::collection::vec(pick(values), 0..4).prop_map(J::Arr)
}

fn size() -> impl Strategy<Value = J> {
    prop_oneof![
        3 => prop::sample::select(&["256", "512", "1024", "2048", "3072", "4096", "8192", "1 vCPU", "2 GB", "0.25 vcpu", "abc"][..]).prop_map(s),
        2 => prop::sample::select(&[256u32, 512, 1024, 2048, 4096, 30720][..]).prop_map(|n| J::Num(n.to_string())),
        1 => placeholder().prop_map(J::Raw),
        1 => placeholder().prop_map(J::Str),
    ]
}

/// Members present in most generated objects, so most files are ECS documents.
const MOSTLY_PRESENT: &[&str] = &["containerDefinitions", "name", "image"];

/// Optional members, shuffled, sometimes with one key repeated.
fn members(fields: Vec<(&'static str, BoxedStrategy<J>)>) -> impl Strategy<Value = J> {
    let optional: Vec<BoxedStrategy<Option<(String, J)>>> = fields
        .into_iter()
        .map(|(k, strat)| {
            let p = if MOSTLY_PRESENT.contains(&k) {
                0.9
            } else {
                0.5
            };
            prop::option::weighted(p, strat)
                .prop_map(move |v| v.map(|v| (k.to_string(), v)))
                .boxed()
        })
        .collect();
    (
        optional,
        prop::option::weighted(0.1, (key(), any_json())),
        prop::option::weighted(0.05, any::<prop::sample::Index>()),
    )
        .prop_map(|(fields, extra, dup)| {
            let mut ms: Vec<(String, J)> = fields.into_iter().flatten().collect();
            ms.extend(extra);
            if let Some(i) = dup
                && !ms.is_empty()
            {
                let m = ms[i.index(ms.len())].clone();
                ms.push(m);
            }
            ms
        })
        .prop_shuffle()
        .prop_map(J::Obj)
}

const IMAGES: &[&str] = &[
    "nginx",
    "nginx:latest",
    "nginx:1.25",
    "public.ecr.aws/x/y:1",
    "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "<IMAGE1_NAME>",
    "${IMAGE}",
    "",
];
const NAMES: &[&str] = &["app", "web", "sidecar", "log_router", "app", "", "${NAME}"];
const ENV_NAMES: &[&str] = &[
    "DB_PASSWORD",
    "API_TOKEN",
    "AWS_SECRET_ACCESS_KEY",
    "PORT",
    "LOG_LEVEL",
    "SECRET",
];
const ENV_VALUES: &[&str] = &[
    "hunter2",
    "CanaryPw-7f3a9c-DoNotLeak",
    "AKIAIOSFODNN7EXAMPLE",
    "8080",
    "debug",
    "",
    "${SECRET}",
];

fn env_entry() -> impl Strategy<Value = J> {
    (pick(ENV_NAMES), pick(ENV_VALUES))
        .prop_map(|(n, v)| J::Obj(vec![("name".into(), n), ("value".into(), v)]))
}

fn port_mapping() -> impl Strategy<Value = J> {
    members(vec![
        ("containerPort", typed(int(0..70_000))),
        ("hostPort", typed(int(0..70_000))),
        ("protocol", typed(pick(&["tcp", "udp", "TCP"]))),
    ])
}

fn container() -> impl Strategy<Value = J> {
    members(vec![
        ("name", typed(pick(NAMES))),
        ("image", typed(pick(IMAGES))),
        ("memory", typed(int(0..5000))),
        ("memoryReservation", typed(int(0..5000))),
        ("cpu", typed(int(0..5000))),
        ("essential", typed(any::<bool>().prop_map(J::Bool))),
        ("privileged", typed(any::<bool>().prop_map(J::Bool))),
        (
            "readonlyRootFilesystem",
            typed(any::<bool>().prop_map(J::Bool)),
        ),
        (
            "user",
            typed(pick(&["root", "0", "1000", "0:0", "nobody", "${USER}"])),
        ),
        (
            "portMappings",
            typed(prop::collection::vec(port_mapping(), 0..3).prop_map(J::Arr)),
        ),
        (
            "environment",
            typed(prop::collection::vec(env_entry(), 0..4).prop_map(J::Arr)),
        ),
        (
            "secrets",
            typed(
                prop::collection::vec(
                    (
                        pick(ENV_NAMES),
                        pick(&["arn:aws:ssm:us-east-1:123456789012:parameter/x", "x"]),
                    )
                        .prop_map(|(n, v)| {
                            J::Obj(vec![("name".into(), n), ("valueFrom".into(), v)])
                        }),
                    0..3,
                )
                .prop_map(J::Arr),
            ),
        ),
        (
            "command",
            typed(strings(&[
                "--password=hunter2",
                "sh",
                "-c",
                "echo hi",
                "--api-token=CanaryPw-7f3a9c",
            ])),
        ),
        ("entryPoint", typed(strings(&["/bin/sh", "-c"]))),
        (
            "dependsOn",
            typed(
                prop::collection::vec(
                    (
                        pick(NAMES),
                        pick(&["START", "HEALTHY", "COMPLETE", "SUCCESS", "BAD"]),
                    )
                        .prop_map(|(n, c)| {
                            J::Obj(vec![("containerName".into(), n), ("condition".into(), c)])
                        }),
                    0..3,
                )
                .prop_map(J::Arr),
            ),
        ),
        (
            "mountPoints",
            typed(
                prop::collection::vec(
                    pick(&["data", "logs", "missing"]).prop_map(|v| {
                        J::Obj(vec![
                            ("sourceVolume".into(), v),
                            ("containerPath".into(), s("/data")),
                        ])
                    }),
                    0..3,
                )
                .prop_map(J::Arr),
            ),
        ),
        (
            "volumesFrom",
            typed(
                prop::collection::vec(
                    pick(NAMES).prop_map(|v| J::Obj(vec![("sourceContainer".into(), v)])),
                    0..2,
                )
                .prop_map(J::Arr),
            ),
        ),
        (
            "linuxParameters",
            typed(
                strings(&["SYS_ADMIN", "NET_ADMIN", "CHOWN", "ALL"])
                    .prop_map(|add| obj(vec![("capabilities", obj(vec![("add", add)]))])),
            ),
        ),
        (
            "logConfiguration",
            typed(pick(&["awslogs", "awsfirelens", "splunk"]).prop_map(|d| {
                obj(vec![
                    ("logDriver", d),
                    (
                        "options",
                        obj(vec![("splunk-token", s("abcdef0123456789abcdef"))]),
                    ),
                ])
            })),
        ),
        (
            "healthCheck",
            typed(
                (
                    strings(&["CMD-SHELL", "curl -f http://localhost/ || exit 1"]),
                    int(0..400),
                )
                    .prop_map(|(c, i)| obj(vec![("command", c), ("interval", i)])),
            ),
        ),
    ])
}

fn task_definition() -> impl Strategy<Value = J> {
    members(vec![
        (
            "family",
            typed(pick(&["web", "worker", "bad name!", "${FAMILY}"])),
        ),
        ("cpu", typed(size())),
        ("memory", typed(size())),
        (
            "networkMode",
            typed(pick(&["awsvpc", "bridge", "host", "none", "nat"])),
        ),
        (
            "requiresCompatibilities",
            typed(strings(&["FARGATE", "EC2", "EXTERNAL"])),
        ),
        (
            "executionRoleArn",
            typed(pick(&[
                "arn:aws:iam::123456789012:role/exec",
                "arn:aws:iam::123456789012:role/task",
            ])),
        ),
        (
            "taskRoleArn",
            typed(pick(&[
                "arn:aws:iam::123456789012:role/task",
                "arn:aws:iam::123456789012:role/exec",
            ])),
        ),
        ("pidMode", typed(pick(&["host", "task"]))),
        ("ipcMode", typed(pick(&["host", "task", "none"]))),
        (
            "volumes",
            typed(
                prop::collection::vec(
                    pick(&["data", "logs"]).prop_map(|n| J::Obj(vec![("name".into(), n)])),
                    0..3,
                )
                .prop_map(J::Arr),
            ),
        ),
        (
            "containerDefinitions",
            typed(prop::collection::vec(container(), 0..5).prop_map(J::Arr)),
        ),
        ("revision", typed(int(1..50))),
        (
            "runtimePlatform",
            typed(
                pick(&["LINUX", "WINDOWS_SERVER_2022_CORE"])
                    .prop_map(|os| obj(vec![("operatingSystemFamily", os)])),
            ),
        ),
    ])
}

/// The forms task definitions are kept in.
fn document() -> impl Strategy<Value = J> {
    prop_oneof![
        6 => task_definition(),
        1 => task_definition().prop_map(|td| obj(vec![("taskDefinition", td), ("tags", J::Arr(vec![]))])),
        1 => prop::collection::vec(container(), 1..4).prop_map(J::Arr),
        1 => any_json(),
    ]
}

/// Ways to break a rendered file.
#[derive(Clone, Debug)]
enum Edit {
    Delete(prop::sample::Index, usize),
    Insert(prop::sample::Index, &'static str),
    Truncate(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1usize..4).prop_map(|(i, n)| Edit::Delete(i, n)),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(
                &[
                    ",",
                    "}",
                    "]",
                    "{",
                    "[",
                    "\"",
                    ":",
                    "\\",
                    "\\u",
                    "\\ud83d",
                    "${",
                    "{{",
                    "%{ if x }",
                    "\u{1F600}",
                    "\r",
                    "\n",
                    "\t",
                    "- ",
                    "  ",
                    "#",
                    "&a ",
                    "*a",
                    "!!str ",
                    "null",
                    "\u{feff}",
                    "\u{1b}[31m",
                    "//",
                    "/*",
                ][..]
            ),
        )
            .prop_map(|(i, t)| Edit::Insert(i, t)),
        any::<prop::sample::Index>().prop_map(Edit::Truncate),
    ]
}

/// Snap a byte index down to a character boundary.
fn boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, e: &Edit) {
    match e {
        Edit::Delete(i, n) => {
            let start = boundary(text, i.index(text.len() + 1));
            let end = text[start..]
                .char_indices()
                .nth(*n)
                .map_or(text.len(), |(k, _)| start + k);
            text.replace_range(start..end, "");
        }
        Edit::Insert(i, t) => {
            let at = boundary(text, i.index(text.len() + 1));
            text.insert_str(at, t);
        }
        Edit::Truncate(i) => {
            let at = boundary(text, i.index(text.len() + 1));
            text.truncate(at);
        }
    }
}

// ---- Rendering ----

struct Style<'a> {
    /// Whitespace choices, used in turn.
    ws: &'a [u8],
    next: usize,
    newline: &'static str,
    /// Write non-ASCII characters as `\uXXXX` escapes (surrogate pairs for astral ones).
    escape_unicode: bool,
}

impl Style<'_> {
    fn space(&mut self, out: &mut String) {
        if self.ws.is_empty() {
            return;
        }
        let c = self.ws[self.next % self.ws.len()];
        self.next += 1;
        match c % 8 {
            0 | 1 => {}
            2 => out.push(' '),
            3 => out.push_str("  "),
            4 => out.push('\t'),
            5 => out.push_str(self.newline),
            6 => {
                out.push_str(self.newline);
                out.push_str("    ");
            }
            _ => out.push_str("\r\n"),
        }
    }

    fn string(&self, v: &str, out: &mut String) {
        let quoted = serde_json::to_string(v).expect("strings serialize");
        if !self.escape_unicode {
            out.push_str(&quoted);
            return;
        }
        for c in quoted.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
    }
}

fn scalar(j: &J, style: &Style, out: &mut String) -> bool {
    match j {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Num(n) => out.push_str(n),
        J::Str(v) => style.string(v, out),
        J::Raw(p) => out.push_str(p),
        J::Arr(items) if items.is_empty() => out.push_str("[]"),
        J::Obj(members) if members.is_empty() => out.push_str("{}"),
        _ => return false,
    }
    true
}

fn render_json(j: &J, style: &mut Style, out: &mut String) {
    if scalar(j, style, out) {
        return;
    }
    match j {
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                style.space(out);
                render_json(item, style, out);
            }
            style.space(out);
            out.push(']');
        }
        J::Obj(members) => {
            out.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                style.space(out);
                style.string(k, out);
                style.space(out);
                out.push(':');
                style.space(out);
                render_json(v, style, out);
            }
            style.space(out);
            out.push('}');
        }
        _ => unreachable!("scalars are written by `scalar`"),
    }
}

/// Block-style YAML; strings double-quoted with JSON escapes (valid YAML).
fn render_yaml(j: &J, indent: usize, style: &mut Style, out: &mut String) {
    let nl = style.newline;
    match j {
        J::Arr(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&" ".repeat(indent));
                out.push('-');
                yaml_value(item, indent + 2, style, out);
            }
        }
        J::Obj(members) if !members.is_empty() => {
            for (k, v) in members {
                out.push_str(&" ".repeat(indent));
                style.string(k, out);
                out.push(':');
                yaml_value(v, indent + 2, style, out);
            }
        }
        _ => {
            let _ = scalar(j, style, out);
            out.push_str(nl);
        }
    }
}

fn yaml_value(v: &J, indent: usize, style: &mut Style, out: &mut String) {
    let nl = style.newline;
    let mut buf = String::new();
    // Placeholders that YAML cannot hold unquoted (`%X%`, `{{ x }}`, `#{X}`) are quoted.
    if let J::Raw(p) = v
        && !p.starts_with(['$', '<', '_'])
    {
        out.push(' ');
        style.string(p, out);
        out.push_str(nl);
        return;
    }
    if scalar(v, style, &mut buf) {
        out.push(' ');
        out.push_str(&buf);
        out.push_str(nl);
    } else {
        out.push_str(nl);
        render_yaml(v, indent, style, out);
    }
}

/// One generated file.
#[derive(Clone, Debug)]
struct Case {
    doc: J,
    yaml: bool,
    ws: Vec<u8>,
    crlf: bool,
    escape_unicode: bool,
    bom: bool,
    edits: Vec<Edit>,
    templates: bool,
    explicit: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (
        document(),
        prop::bool::weighted(0.25),
        prop::collection::vec(any::<u8>(), 0..16),
        prop::bool::weighted(0.3),
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.1),
        prop_oneof![5 => Just(Vec::new()), 1 => prop::collection::vec(edit(), 1..4)],
        prop::bool::weighted(0.8),
        any::<bool>(),
    )
        .prop_map(
            |(doc, yaml, ws, crlf, escape_unicode, bom, edits, templates, explicit)| Case {
                doc,
                yaml,
                ws,
                crlf,
                escape_unicode: escape_unicode && !yaml,
                bom,
                edits,
                templates,
                explicit,
            },
        )
}

impl Case {
    fn path(&self) -> &'static str {
        if self.yaml { "task.yaml" } else { "task.json" }
    }

    fn text(&self) -> String {
        let mut style = Style {
            ws: &self.ws,
            next: 0,
            newline: if self.crlf { "\r\n" } else { "\n" },
            escape_unicode: self.escape_unicode,
        };
        let mut out = String::new();
        if self.bom {
            out.push('\u{feff}');
        }
        if self.yaml {
            render_yaml(&self.doc, 0, &mut style, &mut out);
        } else {
            render_json(&self.doc, &mut style, &mut out);
            out.push_str(style.newline);
        }
        for e in &self.edits {
            apply(&mut out, e);
        }
        out
    }
}

// ---- Properties ----

/// Line, column and UTF-16 column of a byte offset, computed independently of ecslint. A BOM
/// at the start of the file is not a column.
fn expected_position(text: &str, offset: usize) -> (usize, usize, usize) {
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

fn check_position(text: &str, p: &ecslint::source::Position, what: &str) {
    assert!(
        p.offset <= text.len(),
        "{what}: offset {} past the end ({})",
        p.offset,
        text.len()
    );
    assert!(
        text.is_char_boundary(p.offset),
        "{what}: offset {} is inside a character",
        p.offset
    );
    assert_eq!(
        (p.line, p.column, p.utf16_column),
        expected_position(text, p.offset),
        "{what}: line/column disagree with offset {}",
        p.offset
    );
}

/// Off while the one-byte-span bug is open, so the other properties still run.
const STRICT_ONE_BYTE_SPANS: bool = true;

fn check_range(
    text: &str,
    bom: usize,
    r: &ecslint::source::Range,
    span: ecslint::tree::Span,
    what: &str,
) {
    check_position(text, &r.start, &format!("{what} start"));
    check_position(text, &r.end, &format!("{what} end"));
    assert!(r.start.offset <= r.end.offset, "{what}: start after end");
    let body = &text[bom..];
    // Spans are into the text after a BOM, and resolve to the range exactly: a span that had
    // to be clamped or snapped to a character boundary is a bug in the stage that made it.
    let ends_badly = span.end > body.len() || !body.is_char_boundary(span.end);
    if ends_badly
        && span.end == span.start + 1
        && span.start <= body.len()
        && !STRICT_ONE_BYTE_SPANS
    {
        // Known bug (see `one_byte_spans_cover_a_whole_character`): a one-byte span at a
        // multi-byte character or at the end of the text, which the line index snaps to an
        // empty range.
        assert!(body.is_char_boundary(span.start), "{what}: {span:?}");
        assert_eq!(
            (r.start.offset, r.end.offset),
            (span.start + bom, span.start + bom),
            "{what}: {span:?}"
        );
        return;
    }
    assert!(
        span.start <= span.end && span.end <= body.len(),
        "{what}: span {span:?} outside the text ({} bytes)",
        body.len()
    );
    assert!(
        body.is_char_boundary(span.start) && body.is_char_boundary(span.end),
        "{what}: span {span:?} is not on character boundaries"
    );
    assert_eq!(
        (r.start.offset, r.end.offset),
        (span.start + bom, span.end + bom),
        "{what}: range does not match span"
    );
}

fn options(templates: bool) -> Options {
    Options {
        templates,
        ..Options::default()
    }
}

fn input(path: &str, explicit: bool) -> Input {
    let mut input = Input::new(Path::new(path));
    input.explicit = explicit;
    input
}

fn check_case(c: &Case) {
    let text = c.text();
    let input = input(c.path(), c.explicit);
    let opts = options(c.templates);
    let report = engine::check_source(&input, text.clone().into_bytes(), &opts);
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    let parsed = parse::parse(body, Syntax::for_path(Path::new(c.path())), c.templates);
    for d in &report.diagnostics {
        let what = format!("{} {:?}", d.code, d.message);
        check_range(&text, bom, &d.range, d.span, &what);
        let mut pointers = vec![(&d.pointer, what.clone())];
        for (i, r) in d.related.iter().enumerate() {
            let rwhat = format!("{what} related #{i}");
            check_range(&text, bom, &r.range, r.span, &rwhat);
            pointers.push((&r.pointer, rwhat));
        }
        for (pointer, what) in pointers {
            if pointer.is_empty() {
                continue;
            }
            match &parsed.root {
                Some(root) => assert!(
                    root.pointer(pointer).is_some(),
                    "{what}: pointer {pointer:?} does not resolve"
                ),
                None => panic!("{what}: pointer {pointer:?} on a file that does not parse"),
            }
        }
    }
    let again = engine::check_source(&input, text.into_bytes(), &opts);
    assert_eq!(
        format!("{:?}", report.diagnostics),
        format!("{:?}", again.diagnostics),
        "checking twice differs"
    );
    assert_eq!(
        (report.failed, report.recognised, report.documents),
        (again.failed, again.recognised, again.documents)
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES=20000 for a longer hunt; 256 keeps `cargo test` fast.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        max_shrink_iters: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn diagnostics_are_well_placed_and_deterministic(c in case()) {
        check_case(&c);
    }

    /// Fixes on generated documents: applied to a fixed point within the pass limit, never
    /// making a file unparseable, and a second run changes nothing.
    #[test]
    fn fixes_settle_and_keep_files_valid(c in case()) {
        check_fixes(&c);
    }

    #[test]
    fn arbitrary_text_never_panics(
        text in "\\PC{0,200}|[\\[\\]{}\",:0-9a-z \\n\\r\\\\$<>%#-]{0,200}",
        yaml in any::<bool>(),
        templates in any::<bool>(),
    ) {
        let input = input(if yaml { "task.yaml" } else { "task.json" }, true);
        let report = engine::check_source(&input, text.clone().into_bytes(), &options(templates));
        for d in &report.diagnostics {
            check_range(&text, 0, &d.range, d.span, d.code);
        }
    }
}

fn check_fixes(c: &Case) {
    use ecslint::diagnostic::Applicability;
    use ecslint::fix::{self, FixMode};
    let mode = FixMode {
        applicability: Applicability::Unsafe,
        write: true,
    };
    let input = input(c.path(), c.explicit);
    let opts = options(c.templates);
    let diagnostics =
        |text: &str| engine::check_source(&input, text.as_bytes().to_vec(), &opts).diagnostics;
    let original = c.text();
    let first = diagnostics(&original);
    let count = |d: &[ecslint::diagnostic::Diagnostic],
                 f: &dyn Fn(&ecslint::diagnostic::Diagnostic) -> bool| {
        d.iter().filter(|x| f(x)).count()
    };
    let parse_errors = |d: &[ecslint::diagnostic::Diagnostic]| count(d, &|x| x.code == "ECS001");
    let mut text = original.clone();
    let mut found = first.clone();
    for pass in 0..=fix::MAX_PASSES {
        for d in &found {
            if let Some(f) = &d.fix {
                for e in &f.edits {
                    assert!(
                        e.range.start.offset <= e.range.end.offset
                            && e.range.end.offset <= text.len()
                    );
                    assert!(
                        text.is_char_boundary(e.range.start.offset)
                            && text.is_char_boundary(e.range.end.offset)
                    );
                }
            }
        }
        let (next, codes) = fix::apply(&text, &found, mode);
        if codes.is_empty() {
            break;
        }
        assert!(pass < fix::MAX_PASSES, "fixes did not settle:\n{original}");
        text = next;
        found = diagnostics(&text);
        assert!(
            parse_errors(&found) <= parse_errors(&first),
            "a fix ({codes:?}) broke the syntax:\n--- before\n{original}\n--- after\n{text}"
        );
    }
    // More errors after fixing can happen (a describe dump stripped of its read-only fields
    // is register input, which must have a `family`): `--fix` then keeps the original file
    // and says so, which tests/fix.rs covers.
    let (again, codes) = fix::apply(&text, &found, mode);
    assert!(
        codes.is_empty() && again == text,
        "a second pass changed the file"
    );
}

/// Hand-picked files the generator reaches only rarely.
#[test]
fn edge_cases() {
    let cases: &[(&str, &str)] = &[
        (
            "task.json",
            "\u{feff}{\"containerDefinitions\": [{\"name\": \"\u{1F600}\", \"image\": \"nginx\"}]}",
        ),
        (
            "task.json",
            "{\r\n\"containerDefinitions\": [{\"name\": \"a\",\r\n \"image\": \"\u{1F600}\", \"privileged\": true}]}",
        ),
        (
            "task.json",
            "{\"containerDefinitions\": [{\"name\": \"\\ud83d\\ude00\", \"image\": \"nginx\"}], \"memory\": ${M}}",
        ),
        (
            "task.json",
            "{\"containerDefinitions\": [{\"name\": \"\u{1F600}",
        ),
        (
            "task.json",
            "{\"containerDefinitions\": [{\"a\u{1F600}\": 1,}]}",
        ),
        (
            "task.yaml",
            "\u{feff}containerDefinitions:\r\n  - name: \"\u{1F600}\"\r\n    image: nginx\r\n    privileged: true\r\n",
        ),
        (
            "task.yaml",
            "containerDefinitions:\n  - name: \u{1F600}\n    image: [\n",
        ),
        (
            "task.yaml",
            "containerDefinitions:\n  - name: a\n    image: nginx\n    \u{1F600}: 1\n    \u{1F600}: 2\n",
        ),
    ];
    for (path, text) in cases {
        let input = input(path, true);
        for templates in [true, false] {
            let report =
                engine::check_source(&input, text.as_bytes().to_vec(), &options(templates));
            assert!(!report.diagnostics.is_empty(), "{text:?}");
            let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
            for d in &report.diagnostics {
                check_range(text, bom, &d.range, d.span, &format!("{text:?} {}", d.code));
                for r in &d.related {
                    check_range(
                        text,
                        bom,
                        &r.range,
                        r.span,
                        &format!("{text:?} {} related", d.code),
                    );
                }
            }
        }
    }
}

/// Generate `n` files with a fixed seed.
fn generated_files(n: usize) -> Vec<(String, String)> {
    let mut runner = TestRunner::deterministic();
    let strategy = case();
    (0..n)
        .map(|i| {
            let mut c = strategy.new_tree(&mut runner).expect("a case").current();
            c.bom = false;
            let dir = ["a", "b/c", "b", "d/e/f"][i % 4];
            (
                format!("{dir}/f{i:03}.{}", if c.yaml { "yaml" } else { "json" }),
                c.text(),
            )
        })
        .collect()
}

#[test]
fn output_is_identical_for_one_and_four_threads_on_generated_files() {
    let dir = tempfile::tempdir().unwrap();
    let files = generated_files(60);
    for (name, text) in &files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let run = |format: &str, jobs: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_ecslint"))
            .args(["check", ".", "-f", format, "-j", jobs, "--color", "never"])
            .current_dir(dir.path())
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            .env_remove("ECSLINT_TEST_PANIC")
            .output()
            .expect("ecslint runs");
        assert!(
            !String::from_utf8_lossy(&o.stderr).contains("panicked"),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        (o.status.code(), o.stdout)
    };
    for format in ["json", "sarif", "human"] {
        let one = run(format, "1");
        let four = run(format, "4");
        assert!(matches!(one.0, Some(0..=2)), "{format}: exit {:?}", one.0);
        assert_eq!(one.0, four.0, "{format}: exit codes differ");
        assert!(
            one.1 == four.1,
            "{format}: output differs between -j1 and -j4"
        );
        if format == "json" {
            let v: serde_json::Value = serde_json::from_slice(&one.1).unwrap();
            assert_eq!(
                v["summary"]["files"],
                files.len(),
                "every file is looked at"
            );
            assert!(v["diagnostics"].as_array().unwrap().len() > files.len());
        }
    }
}

// ---- Known bugs: these fail today (`cargo test --test properties -- --ignored`). ----

/// Set `STRICT_ONE_BYTE_SPANS` to true once this passes.
#[test]
fn one_byte_spans_cover_a_whole_character() {
    let cases = [
        // ECS007 on a YAML root that starts with a multi-byte character
        ("task.yaml", "\u{20d0}\n"),
        ("task.yaml", "\u{e9}t\u{e9}: 1\n"),
        // ECS007 on an empty YAML root at the end of the file (an anchor with no node)
        ("task.yaml", "&\u{1d2c0}"),
        // Anchor::Head on a YAML mapping whose first key is multi-byte
        (
            "task.yaml",
            "\u{e9}: 1\ncontainerDefinitions:\n  - image: nginx\n",
        ),
        (
            "task.yaml",
            "containerDefinitions:\n  - \u{1F600}: 1\n    image: nginx\n",
        ),
    ];
    for (path, text) in cases {
        let report = engine::check_source(&input(path, true), text.into(), &options(true));
        assert!(!report.diagnostics.is_empty());
        for d in &report.diagnostics {
            let span = d.span;
            assert!(
                span.end <= text.len() && text.is_char_boundary(span.end),
                "{text:?}: {} span {span:?} ends inside a character or past the text",
                d.code
            );
            assert_eq!(
                (d.range.start.offset, d.range.end.offset),
                (span.start, span.end),
                "{text:?}: {}",
                d.code
            );
        }
    }
}

#[test]
fn glued_unquoted_placeholders_parse() {
    for text in [
        r#"{"memory": ${A}${B}}"#,
        r#"{"command": [${A}${B}]}"#,
        r#"{"hostPort": ${PREFIX}${N}, "x": 1}"#,
    ] {
        let parsed = parse::parse(text, Syntax::Json, true);
        assert!(parsed.error.is_none(), "{text}: {:?}", parsed.error);
        assert_eq!(parsed.placeholders.len(), 1, "{text}");
    }
}

#[test]
fn yaml_collection_spans_with_aliases_are_ordered() {
    for text in [
        "a: &a [x]\nb: &b [*a]\ncontainerDefinitions: *b\n",
        "a: &a [x]\ncontainerDefinitions: [*a]\n",
        "a: &a {k: v}\nb:\n  - *a\n",
    ] {
        let parsed = parse::parse(text, Syntax::Yaml, true);
        let root = parsed.root.expect("parses");
        let mut stack = vec![&root];
        while let Some(node) = stack.pop() {
            assert!(
                node.span.start <= node.span.end,
                "{text:?}: span {:?} ends before it starts",
                node.span
            );
            stack.extend(node.items());
            stack.extend(node.members().iter().map(|m| &m.value));
        }
    }
}
