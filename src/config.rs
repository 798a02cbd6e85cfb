//! Configuration: `ecslint.toml` (or `.ecslint.toml`), found from each input upward to the
//! repository root. Unknown keys and bad values are errors with a position in the TOML.
//!
//! ```toml
//! fail-level = "warning"
//! exclude = ["legacy/**"]
//! [rules]
//! ignore = ["ECS120"]
//! severity = { ECS119 = "error" }
//! [options]
//! secret-names = ["PIN"]
//! [[ignore]]
//! rule = "ECS104"
//! path = "services/vendor/*.json"
//! reason = "the vendor image needs root until v3"
//! until = 2027-03-31
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use globset::{Glob, GlobMatcher, GlobSet, GlobSetBuilder};
use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::rules::{self, RuleOptions};
use crate::source::LineIndex;

pub const FILE_NAMES: [&str; 2] = ["ecslint.toml", ".ecslint.toml"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    fail_level: Option<Spanned<String>>,
    exclude: Option<Vec<Spanned<String>>>,
    rules: Option<RawRules>,
    options: Option<RawOptions>,
    ignore: Option<Vec<Spanned<RawIgnore>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRules {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    fixable: Option<Vec<Spanned<String>>>,
    unfixable: Option<Vec<Spanned<String>>>,
    extend_safe_fixes: Option<Vec<Spanned<String>>>,
    extend_unsafe_fixes: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOptions {
    secret_names: Option<Vec<Spanned<String>>>,
    allowed_log_drivers: Option<Vec<String>>,
    allowed_registries: Option<Vec<Spanned<String>>>,
    required_tags: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawIgnore {
    rule: Spanned<String>,
    path: Option<Spanned<String>>,
    pointer: Option<Spanned<String>>,
    reason: Spanned<String>,
    until: Option<Spanned<toml::Value>>,
}

/// One `[[ignore]]` entry.
#[derive(Debug)]
pub struct Ignore {
    pub rule: &'static str,
    /// Path glob, relative to the config file's directory.
    pub path: Option<GlobMatcher>,
    pub pointer: Option<String>,
    pub reason: String,
    pub until: Option<String>,
    /// `until` is in the past: the entry no longer suppresses anything.
    pub expired: bool,
    /// Byte span of the entry in the config file.
    pub span: std::ops::Range<usize>,
    /// Byte span of `until`, for the expiry warning.
    pub until_span: Option<std::ops::Range<usize>>,
}

/// What one run counted for the `[[ignore]]` entries of one configuration. Kept apart from
/// [`Settings`], which a run only reads, so a server or watch mode can reuse settings.
#[derive(Debug, Default)]
pub struct IgnoreCounts {
    /// Per entry: diagnostics it suppressed.
    used: Vec<AtomicUsize>,
    /// Per entry: checked files its `path` matches.
    files: Vec<AtomicUsize>,
}

impl IgnoreCounts {
    pub fn new(s: &Settings) -> IgnoreCounts {
        let zeros = || s.ignores.iter().map(|_| AtomicUsize::new(0)).collect();
        IgnoreCounts {
            used: zeros(),
            files: zeros(),
        }
    }

    pub fn used(&self, entry: usize) -> usize {
        self.used
            .get(entry)
            .map_or(0, |n| n.load(Ordering::Relaxed))
    }

    pub fn files(&self, entry: usize) -> usize {
        self.files
            .get(entry)
            .map_or(0, |n| n.load(Ordering::Relaxed))
    }

    /// Count a diagnostic that entry `entry` suppressed.
    pub fn suppressed(&self, entry: usize) {
        if let Some(n) = self.used.get(entry) {
            n.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// The config file a [`Settings`] came from.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub display: String,
    pub text: String,
}

/// Everything a configuration decides, ready for the engine.
#[derive(Debug)]
pub struct Settings {
    pub file: Option<ConfigFile>,
    /// Directory that paths in the config are relative to.
    pub dir: PathBuf,
    /// Enabled rules, by index into [`rules::ALL`].
    pub enabled: Vec<bool>,
    /// Severity overrides, by index into [`rules::ALL`].
    pub severity: Vec<Option<Severity>>,
    /// Rules whose fixes may be applied (`fixable`, `unfixable`), by index.
    pub fixable: Vec<bool>,
    /// Applicability overrides of rules' fixes (`extend-safe-fixes`, `extend-unsafe-fixes`).
    pub fix_applicability: Vec<Option<crate::diagnostic::Applicability>>,
    pub fail_level: Option<Severity>,
    pub exclude: GlobSet,
    pub options: RuleOptions,
    pub ignores: Vec<Ignore>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            file: None,
            dir: PathBuf::from("."),
            enabled: vec![true; rules::ALL.len()],
            severity: vec![None; rules::ALL.len()],
            fixable: vec![true; rules::ALL.len()],
            fix_applicability: vec![None; rules::ALL.len()],
            fail_level: None,
            exclude: GlobSet::empty(),
            options: RuleOptions::default(),
            ignores: Vec::new(),
        }
    }
}

/// A configuration error, with its place in the file.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn at(file: &str, text: &str, span: std::ops::Range<usize>, msg: &str) -> ConfigError {
    let p = LineIndex::new(text).position(span.start);
    ConfigError(format!("{file}:{}:{}: {msg}", p.line, p.column))
}

/// Rule codes for a list of codes or names.
fn rule_list(
    list: &[Spanned<String>],
    err: &impl Fn(std::ops::Range<usize>, &str) -> ConfigError,
) -> Result<Vec<&'static str>, ConfigError> {
    list.iter()
        .map(|s| {
            rules::find(s.get_ref().trim())
                .map(|r| r.code)
                .ok_or_else(|| {
                    let names: Vec<&str> = rules::ALL.iter().map(|r| r.name).collect();
                    let hint = crate::schema::closest(s.get_ref(), names)
                        .map(|n| format!(" (did you mean `{n}`?)"))
                        .unwrap_or_default();
                    err(
                        s.span(),
                        &format!(
                            "unknown rule `{}`{hint}; `ecslint rules` lists them",
                            s.get_ref()
                        ),
                    )
                })
        })
        .collect()
}

/// Selection as `--select` / `--ignore` spell it: enabled flags per rule.
pub fn selection(select: &[&str], ignore: &[&str]) -> Vec<bool> {
    rules::ALL
        .iter()
        .map(|r| (select.is_empty() || select.contains(&r.code)) && !ignore.contains(&r.code))
        .collect()
}

fn severity(s: &str) -> Option<Severity> {
    match s {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

/// Today's date (UTC). `ECSLINT_TODAY` (`YYYY-MM-DD`) overrides it, for tests.
pub fn today() -> Result<Date, String> {
    match std::env::var("ECSLINT_TODAY") {
        Ok(t) => date(&t).map_err(|e| format!("ECSLINT_TODAY: {e}")),
        Err(_) => Ok(jiff::tz::TimeZone::UTC
            .to_datetime(jiff::Timestamp::now())
            .date()),
    }
}

/// A calendar date written `YYYY-MM-DD`, and only that: the day must exist in its month.
fn date(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let field = |r: std::ops::Range<usize>| s[r].parse().unwrap_or(0);
    if !shaped {
        return Err("must be a date such as 2027-03-31".into());
    }
    Date::new(field(0..4), field(5..7) as i8, field(8..10) as i8)
        .map_err(|e| format!("{s} is not a date ({e})"))
}

/// Parse and check a config file's text.
pub fn parse(path: &Path, text: String) -> Result<Settings, ConfigError> {
    let display = path.to_string_lossy().replace('\\', "/");
    let err = |span: std::ops::Range<usize>, msg: &str| at(&display, &text, span, msg);
    let raw: Raw = toml::from_str(&text).map_err(|e| {
        let msg = e.message().trim().to_string();
        match e.span() {
            Some(span) => err(span, &msg),
            None => ConfigError(format!("{display}: {msg}")),
        }
    })?;
    let mut s = Settings {
        dir: path
            .parent()
            .map(Path::to_path_buf)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from(".")),
        ..Settings::default()
    };
    if let Some(level) = &raw.fail_level {
        s.fail_level = Some(severity(level.get_ref()).ok_or_else(|| {
            err(
                level.span(),
                "`fail-level` must be \"error\", \"warning\" or \"info\"",
            )
        })?);
    }
    if let Some(globs) = &raw.exclude {
        let mut b = GlobSetBuilder::new();
        for g in globs {
            b.add(
                Glob::new(g.get_ref())
                    .map_err(|e| err(g.span(), &format!("bad glob in `exclude`: {e}")))?,
            );
        }
        s.exclude = b
            .build()
            .map_err(|e| ConfigError(format!("{display}: {e}")))?;
    }
    if let Some(r) = &raw.rules {
        let select = rule_list(r.select.as_deref().unwrap_or_default(), &err)?;
        let ignore_list = r.ignore.as_deref().unwrap_or_default();
        let ignore = rule_list(ignore_list, &err)?;
        for (code, written) in ignore.iter().zip(ignore_list) {
            if let Some(why) = crate::rules::not_ignorable(code) {
                return Err(err(written.span(), &why));
            }
        }
        s.enabled = selection(&select, &ignore);
        let index = |code: &str| {
            rules::ALL
                .iter()
                .position(|r| r.code == code)
                .expect("found")
        };
        if let Some(list) = &r.fixable {
            let codes = rule_list(list, &err)?;
            s.fixable = rules::ALL.iter().map(|r| codes.contains(&r.code)).collect();
        }
        for code in rule_list(r.unfixable.as_deref().unwrap_or_default(), &err)? {
            s.fixable[index(code)] = false;
        }
        use crate::diagnostic::Applicability;
        for (list, level) in [
            (&r.extend_safe_fixes, Applicability::Safe),
            (&r.extend_unsafe_fixes, Applicability::Unsafe),
        ] {
            for (code, written) in rule_list(list.as_deref().unwrap_or_default(), &err)?
                .into_iter()
                .zip(list.iter().flatten())
            {
                if rules::ALL[index(code)].fix.is_none() {
                    return Err(err(
                        written.span(),
                        &format!("{code} has no fixes, so their safety cannot be changed"),
                    ));
                }
                s.fix_applicability[index(code)] = Some(level);
            }
        }
        for (rule, level) in r.severity.iter().flatten() {
            let code = rule_list(std::slice::from_ref(rule), &err)?[0];
            let sev = severity(level.get_ref()).ok_or_else(|| {
                err(
                    level.span(),
                    "a severity must be \"error\", \"warning\" or \"info\"",
                )
            })?;
            let i = rules::ALL
                .iter()
                .position(|r| r.code == code)
                .expect("found");
            s.severity[i] = Some(sev);
        }
    }
    if let Some(o) = &raw.options {
        for n in o.secret_names.iter().flatten() {
            let g = Glob::new(&n.get_ref().to_ascii_uppercase())
                .map_err(|e| err(n.span(), &format!("bad name pattern: {e}")))?;
            s.options.secret_names.push(g.compile_matcher());
        }
        s.options.allowed_log_drivers = o.allowed_log_drivers.clone();
        if let Some(list) = &o.allowed_registries {
            let mut compiled = Vec::new();
            for r in list {
                let pattern = r.get_ref().trim().to_ascii_lowercase();
                if pattern.is_empty() {
                    return Err(err(r.span(), "a registry pattern cannot be empty"));
                }
                let g = Glob::new(&pattern)
                    .map_err(|e| err(r.span(), &format!("bad registry pattern: {e}")))?;
                compiled.push((r.get_ref().clone(), g.compile_matcher()));
            }
            s.options.allowed_registries = Some(compiled);
        }
        if let Some(list) = &o.required_tags {
            let mut keys = Vec::new();
            for k in list {
                if k.get_ref().trim().is_empty() {
                    return Err(err(k.span(), "a required tag key cannot be empty"));
                }
                keys.push(k.get_ref().clone());
            }
            s.options.required_tags = Some(keys);
        }
    }
    let today = today().map_err(ConfigError)?;
    for entry in raw.ignore.iter().flatten() {
        let span = entry.span();
        let e = entry.get_ref();
        let rule = rule_list(std::slice::from_ref(&e.rule), &err)?[0];
        if let Some(why) = crate::rules::not_ignorable(rule) {
            return Err(err(e.rule.span(), &why));
        }
        if e.reason.get_ref().trim().is_empty() {
            return Err(err(
                e.reason.span(),
                "`reason` must say why the finding is accepted",
            ));
        }
        let path = match &e.path {
            Some(p) => Some(
                Glob::new(p.get_ref())
                    .map_err(|x| err(p.span(), &format!("bad glob in `path`: {x}")))?
                    .compile_matcher(),
            ),
            None => None,
        };
        let pointer = match &e.pointer {
            Some(p) if !p.get_ref().is_empty() && !p.get_ref().starts_with('/') => {
                return Err(err(
                    p.span(),
                    "`pointer` must be a JSON pointer such as \"/containerDefinitions/0\"",
                ));
            }
            Some(p) => Some(p.get_ref().clone()),
            None => None,
        };
        let until = match &e.until {
            None => None,
            Some(u) => {
                let text_value = match u.get_ref() {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Datetime(d) => d.to_string(),
                    _ => String::new(),
                };
                let d = date(&text_value).map_err(|e| err(u.span(), &format!("`until` {e}")))?;
                Some(d)
            }
        };
        s.ignores.push(Ignore {
            rule,
            path,
            pointer,
            reason: e.reason.get_ref().clone(),
            expired: until.is_some_and(|u| u < today),
            until: until.map(|u| u.to_string()),
            span,
            until_span: e.until.as_ref().map(Spanned::span),
        });
    }
    s.file = Some(ConfigFile {
        path: path.to_path_buf(),
        display,
        text,
    });
    Ok(s)
}

/// Read and parse a config file.
pub fn load(path: &Path) -> Result<Settings, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("{}: cannot read: {e}", path.display())))?;
    parse(path, text)
}

/// The config file for a directory: the nearest `ecslint.toml` or `.ecslint.toml` from it
/// upward, stopping at the repository root (a directory with `.git`).
pub fn find(dir: &Path) -> Option<PathBuf> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        for name in FILE_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        if d.join(".git").exists() {
            return None;
        }
        cur = d.parent();
    }
    None
}

/// Finds and caches the config of each directory.
#[derive(Default)]
pub struct Finder {
    by_dir: HashMap<PathBuf, Option<usize>>,
    by_file: HashMap<PathBuf, usize>,
}

impl Finder {
    /// Index into `all` of the settings for a file (0 when no config applies); loads new
    /// config files into `all`.
    pub fn settings_for(
        &mut self,
        file: &Path,
        all: &mut Vec<Settings>,
    ) -> Result<usize, ConfigError> {
        let dir = file
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .unwrap_or(Path::new("."));
        // Cached by the directory as written (inputs come sorted, so in runs of one
        // directory); the path is made absolute only on a miss.
        if let Some(hit) = self.by_dir.get(dir) {
            return Ok(hit.unwrap_or(0));
        }
        let written = dir.to_path_buf();
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let found = match find(&dir) {
            None => None,
            Some(cfg) => match self.by_file.get(&cfg) {
                Some(i) => Some(*i),
                None => {
                    let shown = relative(&cfg);
                    let mut s = load(&shown)?;
                    s.dir = cfg.parent().map(Path::to_path_buf).unwrap_or_default();
                    all.push(s);
                    self.by_file.insert(cfg, all.len() - 1);
                    Some(all.len() - 1)
                }
            },
        };
        self.by_dir.insert(written, found);
        Ok(found.unwrap_or(0))
    }
}

/// A path relative to the working directory when it is under it (for messages).
fn relative(p: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf())
}

impl Settings {
    pub fn on(&self, rule: &crate::rules::Rule) -> bool {
        self.enabled[rule.index()]
    }

    /// Is a file (path as found) excluded by this config?
    pub fn excludes(&self, path: &Path) -> bool {
        !self.exclude.is_empty() && self.exclude.is_match(self.relative(path))
    }

    /// A path relative to the config's directory, for matching globs.
    pub fn relative(&self, path: &Path) -> PathBuf {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = std::fs::canonicalize(&self.dir).unwrap_or_else(|_| self.dir.clone());
        abs.strip_prefix(&dir)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    }

    /// The ignore entry that suppresses a diagnostic in the file at `rel` (a path from
    /// [`Settings::relative`]).
    pub fn suppression(&self, rel: &Path, code: &str, pointer: &str) -> Option<(usize, &Ignore)> {
        self.ignores.iter().enumerate().find(|(_, i)| {
            !i.expired
                && i.rule == code
                && i.path.as_ref().is_none_or(|g| g.is_match(rel))
                && i.pointer
                    .as_deref()
                    .is_none_or(|p| crate::tree::at_or_under(pointer, p))
        })
    }

    /// Note that the file at `rel` was checked, for the "ignore matched nothing" warning.
    pub fn saw_file(&self, rel: &Path, counts: &IgnoreCounts) {
        for (n, i) in self.ignores.iter().enumerate() {
            if i.path.as_ref().is_none_or(|g| g.is_match(rel))
                && let Some(f) = counts.files.get(n)
            {
                f.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

/// `ecslint init`: a commented starter configuration.
pub const STARTER: &str = r#"# ecslint configuration. Reference: https://github.com/ecslint/ecslint#configuration
# Found from each checked file upward to the repository root; `--config FILE` forces one,
# `--no-config` ignores them all.

# Lowest severity that fails the run (exit code 1): "error", "warning" or "info".
fail-level = "warning"

# Files never checked when a directory is walked (globs, relative to this file). Files named
# on the command line are checked anyway unless `--force-exclude` is given (the pre-commit
# hook passes it).
exclude = [
  # "legacy/**",
]

[rules]
# Only run these rules (codes or names); empty means all.
select = []
# Never run these rules.
ignore = [
  # "ECS120",
]
# Rules whose fixes `--fix` may apply (all by default), and rules it must leave alone.
# fixable = ["ECS004", "ECS006"]
# unfixable = ["ECS105"]
# Treat a rule's unsafe fixes as safe (applied by `--fix`), or its safe fixes as unsafe
# (applied only with `--unsafe-fixes`). Display-only fixes are never applied.
# extend-safe-fixes = ["ECS352"]
# extend-unsafe-fixes = ["ECS107"]
# Change the severity of a rule's findings.
[rules.severity]
# ECS119 = "error"

[options]
# Extra environment variable names that hold secrets (case-insensitive, `*` wildcards).
secret-names = [
  # "*_PIN",
]
# When set, containers must use one of these log drivers.
# allowed-log-drivers = ["awslogs", "awsfirelens"]
# When set, container images must come from one of these registries (a host, or a host and
# repository path; `*` wildcards).
# allowed-registries = ["123456789012.dkr.ecr.*.amazonaws.com", "public.ecr.aws/aws-observability/*"]
# When set, task definitions, services and repositories must carry these tag keys.
# required-tags = ["team", "cost-center"]

# Accept a finding where it is intended. Every entry needs a reason; `until` makes it expire.
# [[ignore]]
# rule = "ECS104"                      # code or name
# path = "services/vendor/*.json"      # glob, relative to this file (optional)
# pointer = "/containerDefinitions/0"  # JSON pointer prefix (optional)
# reason = "the vendor image needs root until v3"
# until = 2027-03-31                   # optional
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let ymd = |s| date(s).map(|d| (d.year(), d.month(), d.day()));
        assert_eq!(ymd("2027-03-31"), Ok((2027, 3, 31)));
        assert_eq!(ymd("2028-02-29"), Ok((2028, 2, 29)));
        assert!(
            ymd("2027-02-29")
                .unwrap_err()
                .starts_with("2027-02-29 is not a date")
        );
        for bad in [
            "2027-02-31",
            "2027-04-31",
            "2027-13-01",
            "2027-00-10",
            "2027-01-00",
        ] {
            assert!(date(bad).is_err(), "{bad}");
        }
        for bad in [
            "2027-3-31",
            "20270331",
            "2027-03-31T00:00",
            "+2027-03-31",
            "",
            "soon",
        ] {
            assert_eq!(
                date(bad),
                Err("must be a date such as 2027-03-31".into()),
                "{bad}"
            );
        }
        // Dates compare as dates.
        assert!(date("2027-01-31").unwrap() < date("2027-02-01").unwrap());
    }

    #[test]
    fn starter_parses() {
        let s = parse(Path::new("ecslint.toml"), STARTER.to_string()).unwrap();
        assert_eq!(s.fail_level, Some(Severity::Warning));
        assert!(s.ignores.is_empty());
    }

    #[test]
    fn errors_point_into_the_file() {
        let e = parse(
            Path::new("e.toml"),
            "fail-level = \"warning\"\nselct = []\n".into(),
        )
        .unwrap_err();
        assert!(
            e.0.starts_with("e.toml:2:1: unknown field `selct`"),
            "{}",
            e.0
        );
        let e = parse(
            Path::new("e.toml"),
            "[[ignore]]\nrule = \"ECS999\"\nreason = \"x\"\n".into(),
        )
        .unwrap_err();
        assert!(
            e.0.starts_with("e.toml:2:8: unknown rule `ECS999`"),
            "{}",
            e.0
        );
        let e = parse(
            Path::new("e.toml"),
            "[[ignore]]\nrule = \"ECS104\"\n".into(),
        )
        .unwrap_err();
        assert!(e.0.contains("missing field `reason`"), "{}", e.0);
    }
}

/// The run-wide part of filtering: the `--fail-level` given on the command line, which
/// overrides every configuration's `fail-level`.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunFilter {
    pub fail_level: Option<Severity>,
}
