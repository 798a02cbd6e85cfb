//! Hostile input: files built at test time in a temporary directory (nothing big is committed)
//! and checked by the real binary with a timeout.
//!
//! Every case puts a good-but-flawed task definition (`good.json`, one privileged container, so
//! it always has an ECS108 finding) beside the hostile file and asserts that:
//! - ecslint finishes (the child is killed and the test fails after [`TIMEOUT`]),
//! - it does not panic (no "panicked" on stderr, exit code 0, 1 or 2, never a signal),
//! - the JSON output is valid against the published output schema,
//! - every range lies inside the file it names,
//! - no diagnostic is an internal error (ECS009),
//! - `good.json` is still reported,
//! - the hostile file gets the diagnostic that says what is wrong with it, and the exit code is
//!   2 when a file could not be checked and 1 when there are only findings.
//!
//! Behaviour that is wrong today is pinned by `#[ignore = "bug: ..."]` tests at the end of the
//! file; run them with `cargo test --test hostile -- --ignored`.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long one run of ecslint may take (debug build, two cores shared with other tests).
const TIMEOUT: Duration = Duration::from_secs(20);

/// A task definition with exactly one container that is privileged: ECS108 always fires.
const GOOD: &str = r#"{
  "family": "good",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "nginx:1.25",
      "memory": 512,
      "essential": true,
      "privileged": true
    }
  ]
}
"#;

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

/// Run ecslint in `dir` with a timeout; fail the test on a hang, a signal or a panic.
fn run(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecslint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("ECSLINT_TEST_PANIC")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ecslint starts");
    // Drain both pipes on threads so a large output cannot block the child.
    let mut out = child.stdout.take().expect("stdout is piped");
    let mut err = child.stderr.take().expect("stderr is piped");
    let out_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).map(|_| v)
    });
    let err_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).map(|_| v)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for ecslint") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("ecslint {args:?} did not finish within {TIMEOUT:?} (hang or quadratic time)");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = out_thread.join().unwrap().expect("read stdout");
    let stderr =
        String::from_utf8_lossy(&err_thread.join().unwrap().expect("read stderr")).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "ecslint {args:?} panicked:\n{stderr}"
    );
    let code = status
        .code()
        .unwrap_or_else(|| panic!("ecslint {args:?} was killed by a signal: {status:?}"));
    assert!(
        (0..=2).contains(&code),
        "ecslint {args:?}: unexpected exit code {code}\n{stderr}"
    );
    Run {
        code,
        stdout,
        stderr,
    }
}

static OUTPUT_SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/ecslint-output-v1.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::options()
        .build(&schema)
        .expect("schema compiles")
});

/// The result of `ecslint check <paths> --format json --color never` in a case directory.
struct Report {
    code: i32,
    json: Value,
}

impl Report {
    fn diagnostics(&self) -> &[Value] {
        self.json["diagnostics"]
            .as_array()
            .expect("diagnostics array")
    }

    /// Diagnostics for one file (as displayed).
    fn for_file(&self, file: &str) -> Vec<&Value> {
        self.diagnostics()
            .iter()
            .filter(|d| d["file"] == file)
            .collect()
    }

    /// The single diagnostic for `file`, which must have this rule.
    fn only(&self, file: &str, rule: &str) -> &Value {
        let ds = self.for_file(file);
        assert_eq!(
            ds.len(),
            1,
            "expected one diagnostic for {file}, got {ds:#?}"
        );
        assert_eq!(ds[0]["rule"], rule, "{:#?}", ds[0]);
        ds[0]
    }

    fn has(&self, file: &str, rule: &str) -> bool {
        self.for_file(file).iter().any(|d| d["rule"] == rule)
    }

    fn summary(&self, key: &str) -> u64 {
        self.json["summary"][key].as_u64().expect("summary count")
    }

    fn good_still_reported(&self) {
        assert!(
            self.has("good.json", "ECS108"),
            "good.json must still be reported beside the hostile file: {:#?}",
            self.diagnostics()
        );
    }
}

fn message(d: &Value) -> &str {
    d["message"].as_str().expect("message is a string")
}

/// Check `paths` in `dir` with JSON output and apply the invariants every run must hold.
fn check_json(dir: &Path, paths: &[&str], extra: &[&str]) -> Report {
    let mut args = vec!["check"];
    args.extend_from_slice(paths);
    args.extend_from_slice(&["--format", "json", "--color", "never"]);
    args.extend_from_slice(extra);
    let r = run(dir, &args);
    let json: Value = serde_json::from_slice(&r.stdout).unwrap_or_else(|e| {
        panic!(
            "ecslint {args:?} wrote invalid JSON ({e}); stderr:\n{}",
            r.stderr
        )
    });
    let errors: Vec<String> = OUTPUT_SCHEMA
        .iter_errors(&json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "output schema errors: {errors:#?}");
    let report = Report { code: r.code, json };
    for d in report.diagnostics() {
        assert_ne!(d["rule"], "ECS009", "internal error: {d:#?}");
        let file = dir.join(d["file"].as_str().unwrap());
        if let Ok(meta) = std::fs::metadata(&file)
            && meta.is_file()
        {
            let end = d["range"]["end"]["offset"].as_u64().unwrap();
            let start = d["range"]["start"]["offset"].as_u64().unwrap();
            assert!(
                start <= end && end <= meta.len(),
                "range outside the file: {d:#?}"
            );
        }
    }
    report
}

/// A case directory holding `good.json` and the given hostile files.
fn case(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("good.json"), GOOD).unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

/// Check the whole case directory.
fn check_dir(dir: &Path) -> Report {
    check_json(dir, &["."], &[])
}

/// Deterministic pseudo-random bytes (xorshift64), so failures reproduce.
fn pseudo_random(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

const DEEP: usize = 300_000;

#[test]
fn deep_nesting_is_reported_not_a_stack_overflow() {
    let arrays = "[".repeat(DEEP);
    let arrays_closed = format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP));
    let objects = format!("{}1{}", "{\"a\":".repeat(DEEP), "}".repeat(DEEP));
    // The same inside something that is clearly a task definition.
    let ecs_arrays = format!("{{\"containerDefinitions\": {arrays}");
    let ecs_objects = format!(
        "{{\"containerDefinitions\": [{{\"name\": \"a\", \"image\": \"b:1\", \"x\": {objects}}}]}}"
    );
    let yaml = format!("containerDefinitions: {arrays}");
    let yaml_objects = format!("{}1{}", "{a: ".repeat(DEEP), "}".repeat(DEEP));
    let dir = case(&[
        ("arrays.json", arrays.as_bytes()),
        ("arrays-closed.json", arrays_closed.as_bytes()),
        ("objects.json", objects.as_bytes()),
        ("ecs-arrays.json", ecs_arrays.as_bytes()),
        ("ecs-objects.json", ecs_objects.as_bytes()),
        ("ecs-arrays.yaml", yaml.as_bytes()),
        ("objects.yaml", yaml_objects.as_bytes()),
    ]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 2, "a task definition that cannot be parsed exits 2");
    for file in ["ecs-arrays.json", "ecs-objects.json"] {
        let d = r.only(file, "ECS001");
        assert!(
            message(d).contains("nesting is deeper than 256 levels"),
            "{d:#?}"
        );
    }
    let d = r.only("ecs-arrays.yaml", "ECS001");
    assert!(message(d).contains("invalid YAML"), "{d:#?}");
    // Files that do not parse and do not look like ECS documents are skipped when walked...
    for file in [
        "arrays.json",
        "arrays-closed.json",
        "objects.json",
        "objects.yaml",
    ] {
        assert!(
            r.for_file(file).is_empty(),
            "{file}: {:#?}",
            r.for_file(file)
        );
    }
    assert_eq!(r.summary("skipped"), 4);
    // ...and get a note saying why when named.
    let named = check_json(dir.path(), &["arrays.json", "objects.json"], &[]);
    for file in ["arrays.json", "objects.json"] {
        let d = named.only(file, "ECS007");
        assert!(
            message(d).contains("nesting is deeper than 256 levels"),
            "{d:#?}"
        );
    }
    assert_eq!(named.code, 0, "notes only");
}

#[test]
fn a_five_megabyte_string() {
    let name = "x".repeat(5 * 1024 * 1024);
    let doc = format!(
        r#"{{"family": "big", "containerDefinitions": [{{"name": "{name}", "image": "nginx:1.25", "memory": 512, "user": "1000", "readonlyRootFilesystem": true, "logConfiguration": {{"logDriver": "awslogs"}}}}]}}"#
    );
    let dir = case(&[("bad.json", doc.as_bytes())]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 1, "findings only");
    let schema: Vec<&Value> = r
        .for_file("bad.json")
        .into_iter()
        .filter(|d| d["rule"] == "ECS003" && d["pointer"] == "/containerDefinitions/0/name")
        .collect();
    assert_eq!(schema.len(), 1, "{schema:#?}");
    let m = message(schema[0]);
    assert!(m.contains("is not allowed") && m.contains('…'), "{m}");
    assert!(m.len() < 1000, "the schema message shortens the value");
}

#[test]
fn huge_and_out_of_range_numbers() {
    let digits = "9".repeat(100_000);
    let fits = format!("0.{}1", "0".repeat(100_000));
    let doc = |memory: &str| {
        format!(
            r#"{{"family": "n", "containerDefinitions": [{{"name": "a", "image": "nginx:1.25", "memory": {memory}}}]}}"#
        )
    };
    let dir = case(&[
        ("digits.json", doc(&digits).as_bytes()),
        ("e999.json", doc("1e999").as_bytes()),
        ("minus-e999.json", doc("-1e999").as_bytes()),
        ("tiny.json", doc(&fits).as_bytes()),
    ]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 2);
    let number_at = doc("").find("\"memory\": ").unwrap() as u64 + 10;
    for file in ["digits.json", "e999.json", "minus-e999.json"] {
        let d = r.only(file, "ECS001");
        assert_eq!(message(d), "number is out of range", "{d:#?}");
        assert_eq!(d["range"]["start"]["offset"], number_at, "{d:#?}");
        assert!(d["help"].as_str().unwrap().contains("64-bit"), "{d:#?}");
    }
    // 100,000 digits that do fit a double parse fine (the value rounds to 0).
    assert!(
        !r.has("tiny.json", "ECS001"),
        "{:#?}",
        r.for_file("tiny.json")
    );
    assert!(
        r.has("tiny.json", "ECS003"),
        "memory 0 is below the minimum"
    );
}

#[test]
fn a_file_over_max_file_size_states_the_limit() {
    let doc = format!("{{\"containerDefinitions\": [{}]}}", " ".repeat(2000));
    let dir = case(&[("bad.json", doc.as_bytes())]);
    assert!(GOOD.len() < 1000);
    let r = check_json(dir.path(), &["."], &["--max-file-size", "1000"]);
    r.good_still_reported();
    assert_eq!(r.code, 2);
    let d = r.only("bad.json", "ECS008");
    let m = message(d);
    assert!(m.contains("over the 1000 byte limit"), "{m}");
    assert!(m.contains(&format!("{} bytes", doc.len())), "{m}");
    assert!(m.contains("--max-file-size"), "{m}");
}

#[test]
fn empty_and_whitespace_only_files() {
    let dir = case(&[("empty.json", b""), ("blank.json", b" \n\t\r\n   \n")]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 1);
    assert!(r.for_file("empty.json").is_empty() && r.for_file("blank.json").is_empty());
    assert_eq!(r.summary("skipped"), 2);
    assert_eq!(r.summary("files"), 3);
    let named = check_json(dir.path(), &["empty.json", "blank.json"], &[]);
    for file in ["empty.json", "blank.json"] {
        let d = named.only(file, "ECS007");
        assert!(
            message(d).contains("the file is empty or holds only whitespace"),
            "{d:#?}"
        );
    }
}

#[test]
fn truncated_json() {
    let cut = &GOOD[..GOOD.find("\"memory\"").unwrap() - 2];
    let dir = case(&[("bad.json", cut.as_bytes())]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 2);
    let d = r.only("bad.json", "ECS001");
    assert!(message(d).contains("the end of the file"), "{d:#?}");
    assert_eq!(d["range"]["start"]["offset"], cut.len() as u64, "{d:#?}");
}

#[test]
fn encodings_and_binary() {
    let mut utf16le = vec![0xFF, 0xFE];
    utf16le.extend(GOOD.encode_utf16().flat_map(u16::to_le_bytes));
    let mut utf16be = vec![0xFE, 0xFF];
    utf16be.extend(GOOD.encode_utf16().flat_map(u16::to_be_bytes));
    let bad_utf8 =
        b"{\"containerDefinitions\": [{\"name\": \"\xff\xfe\xc3\", \"image\": \"a:1\"}]}";
    let nul = b"{\"containerDefinitions\": [{\"name\": \"a\x00b\", \"image\": \"a:1\"}]}";
    let mut garbage = pseudo_random(4096, 0x9E37_79B9_7F4A_7C15);
    garbage[100] = 0;
    // Garbage without NUL bytes, so the UTF-8 check is what rejects it.
    let garbage_no_nul: Vec<u8> = pseudo_random(4096, 42)
        .into_iter()
        .map(|b| b.max(0x80))
        .collect();
    let dir = case(&[
        ("utf16le.json", &utf16le),
        ("utf16be.json", &utf16be),
        ("bad-utf8.json", bad_utf8),
        ("nul.json", nul),
        ("garbage.json", &garbage),
        ("garbage2.json", &garbage_no_nul),
        ("garbage.yaml", &garbage),
    ]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 2);
    for file in ["utf16le.json", "utf16be.json"] {
        let m = message(r.only(file, "ECS008")).to_string();
        assert!(m.contains("UTF-16") && m.contains("iconv"), "{m}");
    }
    let at = bad_utf8.iter().position(|&b| b == 0xff).unwrap();
    let m = message(r.only("bad-utf8.json", "ECS008")).to_string();
    assert!(
        m.contains(&format!("not valid UTF-8 (first bad byte at offset {at})")),
        "{m}"
    );
    let at = nul.iter().position(|&b| b == 0).unwrap();
    let m = message(r.only("nul.json", "ECS008")).to_string();
    assert!(m.contains(&format!("NUL byte at offset {at}")), "{m}");
    for file in ["garbage.json", "garbage.yaml"] {
        let m = message(r.only(file, "ECS008")).to_string();
        assert!(m.contains("NUL byte") && m.contains("binary"), "{m}");
    }
    let m = message(r.only("garbage2.json", "ECS008")).to_string();
    assert!(
        m.contains("not valid UTF-8 (first bad byte at offset 0)"),
        "{m}"
    );
}

#[test]
fn random_text_that_is_valid_utf8() {
    // Printable noise with JSON punctuation: parses as nothing, looks like nothing.
    let noise: String = pseudo_random(20_000, 7)
        .into_iter()
        .map(|b| b"{}[]:,\"\\ \n0123456789abcdeftrunl-+.eE$<>%#"[b as usize % 40] as char)
        .collect();
    // The same noise after an ECS marker, so it is reported instead of skipped.
    let ecs_noise = format!("{{\"containerDefinitions\": [{noise}");
    let dir = case(&[
        ("noise.json", noise.as_bytes()),
        ("ecs-noise.json", ecs_noise.as_bytes()),
        ("noise.yaml", noise.as_bytes()),
        ("ecs-noise.yaml", ecs_noise.as_bytes()),
    ]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 2);
    assert!(r.for_file("noise.json").is_empty());
    for file in ["ecs-noise.json", "ecs-noise.yaml"] {
        let d = r.only(file, "ECS001");
        assert!(!message(d).is_empty());
    }
}

#[test]
fn duplicate_keys() {
    let doc = r#"{"family": "a", "family": "b", "containerDefinitions": [{"name": "a", "name": "b", "image": "nginx:1", "image": "nginx:2", "memory": 512}]}"#;
    let dir = case(&[("bad.json", doc.as_bytes())]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 1);
    let dups: Vec<&Value> = r
        .for_file("bad.json")
        .into_iter()
        .filter(|d| d["rule"] == "ECS002")
        .collect();
    assert_eq!(dups.len(), 3, "{dups:#?}");
    for (d, key) in dups.iter().zip(["family", "name", "image"]) {
        assert!(
            message(d).contains(&format!("duplicate key `{key}`")),
            "{d:#?}"
        );
        let first = d["related"][0]["range"]["start"]["offset"]
            .as_u64()
            .unwrap();
        let second = d["range"]["start"]["offset"].as_u64().unwrap();
        assert!(first < second);
        assert_eq!(
            &doc[first as usize..first as usize + key.len() + 2],
            format!("\"{key}\"")
        );
        assert_eq!(
            &doc[second as usize..second as usize + key.len() + 2],
            format!("\"{key}\"")
        );
    }
    // The last occurrence counts: the container is `b`.
    assert!(
        r.for_file("bad.json")
            .iter()
            .any(|d| message(d).contains("container `b`")),
        "{:#?}",
        r.for_file("bad.json")
    );
}

const TASK_FIELDS: &[&str] = &[
    "family",
    "taskRoleArn",
    "executionRoleArn",
    "networkMode",
    "volumes",
    "placementConstraints",
    "requiresCompatibilities",
    "cpu",
    "memory",
    "tags",
    "pidMode",
    "ipcMode",
    "proxyConfiguration",
    "inferenceAccelerators",
    "ephemeralStorage",
    "runtimePlatform",
];

const CONTAINER_FIELDS: &[&str] = &[
    "name",
    "image",
    "repositoryCredentials",
    "cpu",
    "memory",
    "memoryReservation",
    "links",
    "portMappings",
    "essential",
    "entryPoint",
    "command",
    "environment",
    "environmentFiles",
    "mountPoints",
    "volumesFrom",
    "linuxParameters",
    "secrets",
    "dependsOn",
    "startTimeout",
    "stopTimeout",
    "hostname",
    "user",
    "workingDirectory",
    "disableNetworking",
    "privileged",
    "readonlyRootFilesystem",
    "dnsServers",
    "dnsSearchDomains",
    "extraHosts",
    "dockerSecurityOptions",
    "interactive",
    "pseudoTerminal",
    "dockerLabels",
    "ulimits",
    "logConfiguration",
    "healthCheck",
    "systemControls",
    "resourceRequirements",
    "firelensConfiguration",
];

fn object(fields: &[&str], value: impl Fn(usize) -> Value) -> serde_json::Map<String, Value> {
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.to_string(), value(i)))
        .collect()
}

#[test]
fn null_in_every_field() {
    let mut task = object(TASK_FIELDS, |_| Value::Null);
    let container = Value::Object(object(CONTAINER_FIELDS, |_| Value::Null));
    task.insert(
        "containerDefinitions".into(),
        serde_json::json!([container, null]),
    );
    let all_null = Value::Object(object(
        &[TASK_FIELDS, &["containerDefinitions"]].concat(),
        |_| Value::Null,
    ));
    let dir = case(&[
        ("nulls.json", Value::Object(task).to_string().as_bytes()),
        ("all-null.json", all_null.to_string().as_bytes()),
    ]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(
        r.code, 1,
        "findings only: null is a value, not a broken file"
    );
    assert!(
        r.for_file("nulls.json")
            .iter()
            .any(|d| d["rule"] == "ECS003" && message(d).contains("fields are null")),
        "{:#?}",
        r.for_file("nulls.json")
    );
    // `containerDefinitions: null` counts as absent: not a task definition.
    assert!(r.for_file("all-null.json").is_empty());
}

#[test]
fn wrong_types_everywhere() {
    let shapes = [
        serde_json::json!(true),
        serde_json::json!(1.5),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!("str"),
        serde_json::json!(-1),
        serde_json::json!([null, {"x": [1]}]),
    ];
    let mut docs = Vec::new();
    for shift in 0..shapes.len() {
        let pick = |i: usize| shapes[(i + shift) % shapes.len()].clone();
        let mut task = object(TASK_FIELDS, pick);
        let container = Value::Object(object(CONTAINER_FIELDS, pick));
        task.insert(
            "containerDefinitions".into(),
            serde_json::json!([container, 5, "x", [], {}, null, true]),
        );
        docs.push(Value::Object(task).to_string());
    }
    let files: Vec<(String, &[u8])> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (format!("wrong{i}.json"), d.as_bytes()))
        .collect();
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let dir = case(&files);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(
        r.code, 1,
        "schema errors are findings, not unreadable files"
    );
    for (name, _) in &files {
        let ds = r.for_file(name);
        assert!(
            ds.iter()
                .any(|d| d["rule"] == "ECS003" && message(d).contains("must be")),
            "{name}: {ds:#?}"
        );
        assert!(!ds.iter().any(|d| d["rule"] == "ECS001"), "{name}: {ds:#?}");
    }
}

#[test]
fn roots_that_are_not_objects() {
    let dir = case(&[
        ("numbers.json", b"[1, 2, 3.5, -4e2]"),
        ("string.json", b"\"hello\""),
        ("number.json", b"42"),
        ("null.json", b"null"),
        ("bools.yaml", b"- true\n- false\n"),
        ("scalar.yaml", b"just text\n"),
    ]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 1);
    assert_eq!(r.summary("skipped"), 6);
    assert_eq!(r.diagnostics().len(), r.for_file("good.json").len());
    let names = [
        "numbers.json",
        "string.json",
        "number.json",
        "null.json",
        "bools.yaml",
        "scalar.yaml",
    ];
    let named = check_json(dir.path(), &names, &[]);
    for file in names {
        let d = named.only(file, "ECS007");
        assert_eq!(message(d), "not an ECS document; skipped");
    }
    assert_eq!(named.code, 0);
}

fn many_containers(n: usize) -> Value {
    let containers: Vec<Value> = (0..n)
        .map(|i| serde_json::json!({"name": format!("c{i}"), "image": "nginx:1.25", "memory": 128, "essential": true}))
        .collect();
    serde_json::json!({"family": "many", "containerDefinitions": containers})
}

#[test]
fn five_thousand_containers_pretty_printed() {
    let doc = serde_json::to_string_pretty(&many_containers(5000)).unwrap();
    let dir = case(&[("bad.json", doc.as_bytes())]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 1);
    let d: Vec<&Value> = r
        .for_file("bad.json")
        .into_iter()
        .filter(|d| d["rule"] == "ECS121")
        .collect();
    assert_eq!(d.len(), 1);
    assert!(message(d[0]).contains("5000"), "{:#?}", d[0]);
    // every container is checked: each lacks a user
    let root = r
        .for_file("bad.json")
        .into_iter()
        .filter(|d| d["rule"] == "ECS104")
        .count();
    assert_eq!(root, 5000);
}

/// Terminal escapes in values and keys: escaped in JSON (`\u001b`), as YAML `\e` escapes,
/// raw ESC bytes, and bidirectional overrides.
fn escape_case() -> tempfile::TempDir {
    let json_escaped = r#"{"family": "e\u001b[31mred", "containerDefinitions": [{"name": "app\u001b[2J\u001b]0;pwned\u0007", "image": "nginx\u001b[31m", "memory": 512, "privileged": true, "environment": [{"name": "\u001b[31mK", "value": "v"}], "\u001b[31mkey": 1}]}"#;
    let yaml_escaped = "family: \"x\\e[31m\"\ncontainerDefinitions:\n  - name: \"a\\e[2J\"\n    image: nginx:1\n    memory: 512\n    privileged: true\n    \"\\e[31mk\": 1\n";
    let raw_json = "{\"family\": \"e\x1b[31mred\", \"containerDefinitions\": [{\"name\": \"a\x1b[2Jpp\", \"image\": \"nginx:1\", \"memory\": 512, \"\x1b[31mbad\": 1}]}";
    let raw_yaml = "family: web\ncontainerDefinitions:\n  - name: a\x1b[31mb\n    image: nginx:1\n";
    let bidi = "{\"family\": \"x\u{202e}evil\", \"containerDefinitions\": [{\"name\": \"a\u{202e}b\", \"image\": \"nginx:1\", \"memory\": 512}]}";
    case(&[
        ("escaped.json", json_escaped.as_bytes()),
        ("escaped.yaml", yaml_escaped.as_bytes()),
        ("raw.json", raw_json.as_bytes()),
        ("raw.yaml", raw_yaml.as_bytes()),
        ("bidi.json", bidi.as_bytes()),
        ("e\x1b[31mvil.json", GOOD.as_bytes()),
    ])
}

#[test]
fn terminal_escapes_in_values_and_keys() {
    let dir = escape_case();
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 2, "raw control characters make JSON invalid");
    assert!(r.has("escaped.json", "ECS108"));
    assert!(r.has("escaped.json", "ECS003"));
    assert!(r.has("escaped.yaml", "ECS108"));
    let d = r.only("raw.json", "ECS001");
    assert_eq!(message(d), "control character inside a string");
    let d = r.only("raw.yaml", "ECS001");
    assert!(message(d).contains("invalid YAML"), "{d:#?}");
    assert!(r.has("bidi.json", "ECS003"));
    assert!(r.has("e\x1b[31mvil.json", "ECS108"));

    // Human output never writes the raw characters, whatever their source.
    let human = run(dir.path(), &["check", ".", "--color", "never"]);
    assert_eq!(human.code, 2);
    let text = String::from_utf8(human.stdout).expect("human output is UTF-8");
    assert!(text.contains("ECS108"));
    for bad in ['\x1b', '\x07', '\u{202e}'] {
        assert!(
            !text.contains(bad) && !human.stderr.contains(bad),
            "human output contains {bad:?}"
        );
    }
    for format in ["concise", "sarif", "json", "json-lines"] {
        let o = run(
            dir.path(),
            &["check", ".", "-f", format, "--color", "never"],
        );
        assert!(
            !o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07),
            "{format} output contains a raw control character"
        );
    }
}

#[test]
fn a_directory_named_like_a_json_file() {
    let dir = case(&[("x.json/inner.json", GOOD.as_bytes())]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 1, "a directory is walked, not read");
    assert!(r.for_file("x.json").is_empty());
    assert!(r.has("x.json/inner.json", "ECS108"));
    let named = check_json(dir.path(), &["x.json"], &[]);
    assert!(named.has("x.json/inner.json", "ECS108"));
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_read() {
    let dir = case(&[]);
    let status = Command::new("mkfifo")
        .arg(dir.path().join("f.json"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 2);
    let m = message(r.only("f.json", "ECS008")).to_string();
    assert!(
        m.contains("not a regular file") && m.contains("FIFO"),
        "{m}"
    );
    let named = check_json(dir.path(), &["f.json", "good.json"], &[]);
    named.good_still_reported();
    named.only("f.json", "ECS008");
    assert_eq!(named.code, 2);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_and_links_to_ancestors() {
    use std::os::unix::fs::symlink;
    let dir = case(&[("sub/deeper/keep.json", GOOD.as_bytes())]);
    let p = dir.path();
    symlink("b.json", p.join("a.json")).unwrap();
    symlink("a.json", p.join("b.json")).unwrap();
    symlink("self.json", p.join("self.json")).unwrap();
    symlink("..", p.join("sub/up")).unwrap();
    symlink("../..", p.join("sub/deeper/root.json")).unwrap();
    let r = check_dir(p);
    r.good_still_reported();
    assert!(r.has("sub/deeper/keep.json", "ECS108"));
    assert_eq!(r.code, 2);
    for file in ["a.json", "b.json", "self.json"] {
        let m = message(r.only(file, "ECS008")).to_string();
        assert!(m.contains("symbolic links"), "{file}: {m}");
    }
    for file in ["sub/up", "sub/deeper/root.json"] {
        let m = message(r.only(file, "ECS008")).to_string();
        assert!(
            m.contains("symbolic link loop: it points back to"),
            "{file}: {m}"
        );
    }
    // Nothing is reported twice through the links.
    let privileged: Vec<&Value> = r
        .diagnostics()
        .iter()
        .filter(|d| d["rule"] == "ECS108")
        .collect();
    assert_eq!(privileged.len(), 2, "{privileged:#?}");
    let named = check_json(p, &["a.json", "good.json"], &[]);
    named.good_still_reported();
    let m = message(named.only("a.json", "ECS008")).to_string();
    assert!(m.contains("symbolic links"), "{m}");
}

#[cfg(unix)]
#[test]
fn a_dangling_symbolic_link() {
    let dir = case(&[]);
    std::os::unix::fs::symlink("nowhere.json", dir.path().join("d.json")).unwrap();
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 2);
    let m = message(r.only("d.json", "ECS008")).to_string();
    assert!(m.contains("dangling symbolic link"), "{m}");
    let named = check_json(dir.path(), &["d.json", "good.json"], &[]);
    named.good_still_reported();
    let m = message(named.only("d.json", "ECS008")).to_string();
    assert!(m.contains("dangling symbolic link"), "{m}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = case(&[("u.json", GOOD.as_bytes())]);
    let path = dir.path().join("u.json");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        eprintln!("skipped: running as a user who can read mode-000 files (root)");
        return;
    }
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 2);
    let m = message(r.only("u.json", "ECS008")).to_string();
    assert!(
        m.contains("cannot read") && m.contains("ermission denied"),
        "{m}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = case(&[]);
    let name = std::ffi::OsStr::from_bytes(b"t\xff.json");
    std::fs::write(dir.path().join(name), GOOD).unwrap();
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert!(r.has("t\u{fffd}.json", "ECS108"), "{:#?}", r.diagnostics());
}

// ---- Known bugs: these fail today. ----

#[test]
fn five_thousand_containers_on_one_line() {
    let doc = many_containers(5000).to_string();
    let dir = case(&[("bad.json", doc.as_bytes())]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert!(r.has("bad.json", "ECS121"));
}

#[test]
fn messages_shorten_huge_values() {
    let name = "x".repeat(5 * 1024 * 1024);
    let doc = format!(
        r#"{{"family": "big", "containerDefinitions": [{{"name": "{name}", "image": "nginx"}}]}}"#
    );
    let dir = case(&[("bad.json", doc.as_bytes())]);
    let r = check_dir(dir.path());
    for d in r.diagnostics() {
        assert!(
            message(d).len() <= 1000,
            "{} message is {} bytes long",
            d["rule"],
            message(d).len()
        );
    }
}

#[test]
fn github_output_has_no_raw_control_characters() {
    let dir = escape_case();
    let o = run(dir.path(), &["check", ".", "-f", "github"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("ECS108"));
    for bad in ['\x1b', '\x07', '\u{202e}'] {
        assert!(!text.contains(bad), "github output contains {bad:?}");
    }
}

#[test]
fn yaml_alias_of_a_collection_as_a_key() {
    let dir = case(&[("crash.yaml", b"a: &a [x]\nb: &b [*a]\n*b : 1\n")]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert!(r.code == 1 || r.code == 2);
}

/// Found by fuzz/recognise_and_schema: a schema error inside the *earlier* of two duplicated
/// keys named a pointer that resolves (last key wins) to the other value. Schema validation
/// now sees each object as a JSON parser keeps it, so every pointer resolves; debug builds
/// assert that in `locate`, which would turn it into ECS009.
#[test]
fn schema_errors_under_a_duplicated_key_resolve() {
    let yaml = b"family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.25\n    memory: 256\n    environment:\n      - containerPort: 80\n    environment:\n      - {name: A, value: b}\n";
    let dir = case(&[("dup.yaml", yaml)]);
    let r = check_dir(dir.path());
    assert_eq!(r.code, 1);
    let rules: Vec<&str> = r
        .diagnostics()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with("dup.yaml"))
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"ECS002"), "{rules:?}");
    assert!(
        !rules.contains(&"ECS003"),
        "the ignored earlier value is not validated: {rules:?}"
    );
}

/// Human output on a minified file shows windows of the one long line: each snippet line is
/// short, the output grows with the findings, not with findings × line length, and the
/// positions printed are the file's (same as JSON's).
#[test]
fn minified_files_print_windows_of_the_long_line() {
    let containers: Vec<String> = (0..2000)
        .map(|i| format!(r#"{{"name":"c{i}","image":"nginx","memory":128,"privileged":true}}"#))
        .collect();
    let text = format!(
        r#"{{"family":"big","containerDefinitions":[{}]}}"#,
        containers.join(",")
    );
    let dir = case(&[("min.json", text.as_bytes())]);
    let json = check_json(dir.path(), &["min.json"], &[]);
    let human = run(dir.path(), &["check", "min.json", "--color", "never"]);
    let out = String::from_utf8(human.stdout).unwrap();
    let longest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 400, "a snippet line of {longest} characters");
    let findings = json.diagnostics().len();
    assert!(findings > 6000, "{findings}");
    assert!(
        out.len() < findings * 1200,
        "{} bytes for {findings} findings",
        out.len()
    );
    // The privileged flag of container 1500: its line:column as JSON has it, in the header.
    let d = json
        .diagnostics()
        .iter()
        .find(|d| d["pointer"] == "/containerDefinitions/1500/privileged")
        .expect("ECS108 on container 1500");
    let col = d["range"]["start"]["column"].as_u64().unwrap();
    assert!(col > 50_000, "{col}");
    assert!(
        out.contains(&format!("min.json:1:{col}\n")),
        "header with column {col}"
    );
    assert!(
        out.contains("...\"privileged\":true}"),
        "the window is cut with ..."
    );
}

/// Terraform: nesting past the parser's limit, an unterminated heredoc, JSON in a heredoc
/// nested past the JSON limit, a jsonencode of a broken value: each one diagnostic at its
/// place, the other files still checked.
#[test]
fn hostile_terraform() {
    let deep_hcl = format!(
        "resource \"aws_ecs_task_definition\" \"x\" {{\n  container_definitions = jsonencode({}{})\n}}\n",
        "[".repeat(DEEP),
        "]".repeat(DEEP)
    );
    let deep_heredoc = format!(
        "resource \"aws_ecs_task_definition\" \"x\" {{\n  family = \"x\"\n  container_definitions = <<EOF\n{}{}\nEOF\n}}\n",
        "[".repeat(DEEP),
        "]".repeat(DEEP)
    );
    let unterminated = "resource \"aws_ecs_task_definition\" \"x\" {\n  container_definitions = <<EOF\n[{\"name\": \"x\"\n";
    let broken_json = "resource \"aws_ecs_task_definition\" \"x\" {\n  family = \"x\"\n  container_definitions = \"[{\\\"name\\\": }]\"\n}\n";
    let dir = case(&[
        ("deep.tf", deep_hcl.as_bytes()),
        ("heredoc/deep.tf", deep_heredoc.as_bytes()),
        ("unterminated.tf", unterminated.as_bytes()),
        ("string/broken.tf", broken_json.as_bytes()),
    ]);
    let r = check_dir(dir.path());
    r.good_still_reported();
    assert_eq!(r.code, 2);
    let d = r.only("deep.tf", "ECS001");
    assert!(message(d).contains("nesting"), "{d:#?}");
    let d = r.only("unterminated.tf", "ECS001");
    assert!(message(d).contains("heredoc"), "{d:#?}");
    // JSON that does not parse: reported once, and the containers are then unknown (no
    // "must be an array, found a string").
    for file in ["heredoc/deep.tf", "string/broken.tf"] {
        let ds = r.for_file(file);
        assert!(ds.iter().any(|d| d["rule"] == "ECS001"), "{file}: {ds:#?}");
        assert!(!ds.iter().any(|d| d["rule"] == "ECS003"), "{file}: {ds:#?}");
    }
}
