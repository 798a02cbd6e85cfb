//! Command line: arguments → run → exit code.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::config;
use crate::diagnostic::Severity;
use crate::discover::{self, Input};
use crate::emit::{self, EmitOptions, Format};
use crate::engine::{self, Options};
use crate::report::{FileReport, Summary};
use crate::rules;

/// Exit codes: the same whatever the output format.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "ecslint",
    version,
    about = "A fast linter and policy checker for Amazon ECS task definitions",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint files and directories (default: the current directory).
    Check(Box<CheckArgs>),
    /// List every rule.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Explain one rule: its documentation from rules/.
    Rule {
        /// A rule code (ECS104) or name (container-runs-as-root).
        rule: String,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to stdout.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout: `ecslint man > ecslint.1`.
    Man,
    /// Write a commented starter configuration, `ecslint.toml`.
    Init {
        /// Where to write it.
        #[arg(default_value = "ecslint.toml")]
        path: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Level {
    Error,
    Warning,
    Info,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files or directories to lint. Directories are walked (respecting .gitignore). `-` reads
    /// stdin (reported as `-`, or as the `--stdin-filename`).
    paths: Vec<PathBuf>,
    /// Output format; repeat to write several (each `--output` after a `--format` applies to it).
    /// human | concise | json | json-lines | sarif | github
    #[arg(long, short = 'f', action = ArgAction::Append, value_parser = parse_format)]
    format: Vec<Format>,
    /// Write the preceding `--format` to this file instead of stdout.
    #[arg(long, short = 'o', action = ArgAction::Append)]
    output: Vec<PathBuf>,
    /// Lowest severity that makes the exit code 1 [default: the config's `fail-level`, else
    /// warning].
    #[arg(long, value_enum)]
    fail_level: Option<Level>,
    /// Exit 0 even when there are findings (unreadable or invalid files still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Fit human output to this many columns [default: `COLUMNS`, else the terminal's width
    /// when stdout is one; otherwise lines are not wrapped].
    #[arg(long, value_name = "COLUMNS")]
    diagnostic_width: Option<usize>,
    /// Treat template placeholders such as ${VAR} as errors, not unknown values.
    #[arg(long)]
    no_templates: bool,
    /// Worker threads (default: one per CPU).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Files larger than this many bytes are reported, not read.
    #[arg(long, default_value_t = engine::DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
    /// Only run these rules, replacing the configuration's selection: codes, names, code
    /// prefixes (`ECS1`) or `ALL`, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Also run these rules, on top of the configuration's (or `--select`'s) selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    extend_select: Vec<String>,
    /// Do not run these rules (added to the configuration's `ignore`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// The same as `--ignore` (for symmetry with `--extend-select`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    extend_ignore: Vec<String>,
    /// Read the document from stdin and report it as this path (for editors). No other paths may
    /// be given, except `-`.
    #[arg(long)]
    stdin_filename: Option<PathBuf>,
    /// Load the documents under PATH for cross-document checks without reporting their own
    /// findings (e.g. the task definition beside the service a hook was given). Repeatable.
    #[arg(long, value_name = "PATH")]
    context: Vec<PathBuf>,
    /// Use this configuration file for every input (no discovery).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    no_config: bool,
    /// Disregard the configuration's `[[ignore]]` entries (for a central policy run).
    #[arg(long)]
    no_ignores: bool,
    /// Apply the configuration's `exclude` to files named on the command line too, and skip
    /// named files that are not ECS documents quietly (what a pre-commit hook wants).
    #[arg(long)]
    force_exclude: bool,
    /// Print the findings only: no summary line, no warning when nothing was found to check.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Print how many findings each rule made, most first (instead of the human output when no
    /// --format is given).
    #[arg(long)]
    statistics: bool,
    /// Keep findings suppressed by `[[ignore]]` in SARIF output, marked with `suppressions`
    /// (GitHub code scanning shows them as open alerts, so they are left out by default).
    #[arg(long)]
    sarif_include_suppressed: bool,
    /// Apply safe fixes, then report what remains. With --stdin-filename, print the fixed
    /// text to stdout (findings go to stderr).
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, apply unsafe fixes too (they change what runs: review them).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change (secrets masked) instead of writing
    /// files or reporting findings; exit 1 if anything would change.
    #[arg(long, conflicts_with = "fix_only")]
    diff: bool,
    /// Apply fixes like --fix, but do not report the findings that remain.
    #[arg(long)]
    fix_only: bool,
    /// Exit 1 when --fix changed a file, even if no finding remains (for pre-commit hooks,
    /// which should fail so the fixed files are reviewed and staged).
    #[arg(long)]
    exit_non_zero_on_fix: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| {
        format!("unknown format `{s}` (expected human, concise, json, json-lines, sarif or github)")
    })
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(EXIT_ERROR)
}

pub fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    match cli.command {
        Command::Rules { format } => list_rules(format),
        Command::Rule { rule } => explain(&rule),
        Command::Init { path, force } => init(&path, force),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "ecslint", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => {
            let man = clap_mangen::Man::new(Cli::command());
            match man.render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => usage_error(&format!("writing the man page failed: {e}")),
            }
        }
        Command::Check(args) => {
            let sub = matches
                .subcommand_matches("check")
                .expect("check subcommand");
            let f_idx: Vec<usize> = sub
                .indices_of("format")
                .map(|i| i.collect())
                .unwrap_or_default();
            let o_idx: Vec<usize> = sub
                .indices_of("output")
                .map(|i| i.collect())
                .unwrap_or_default();
            check(*args, &f_idx, &o_idx)
        }
    }
}

fn list_rules(format: ListFormat) -> ExitCode {
    let infos = rules::infos();
    let mut out = std::io::stdout().lock();
    let result = match format {
        ListFormat::Json => {
            let v: Vec<_> = infos
                .iter()
                .map(|r| serde_json::json!({"code": r.code, "name": r.name, "severity": r.severity, "levels": r.levels, "fix": rules::find(r.code).and_then(|x| x.fix), "summary": r.summary, "tags": r.tags, "url": r.url}))
                .collect();
            serde_json::to_writer_pretty(&mut out, &v)
                .map_err(std::io::Error::from)
                .and_then(|_| writeln!(out))
        }
        ListFormat::Human => infos.iter().try_for_each(|r| {
            writeln!(
                out,
                "{}  {:<34} {:<8} {}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary
            )
        }),
    };
    if result.is_err() {
        ExitCode::from(EXIT_ERROR)
    } else {
        ExitCode::SUCCESS
    }
}

fn explain(which: &str) -> ExitCode {
    let Some(rule) = rules::find(which) else {
        let names: Vec<&str> = rules::ALL.iter().map(|r| r.name).collect();
        let hint = crate::schema::closest(which, names)
            .map(|n| format!(" (did you mean `{n}`?)"))
            .unwrap_or_default();
        return usage_error(&format!(
            "no rule `{which}`{hint}; `ecslint rules` lists them"
        ));
    };
    let front = rule.front();
    let fix = rule
        .fix
        .map(|f| format!("; {} fix", f.as_str()))
        .unwrap_or_default();
    println!(
        "{} {} ({}{fix})\n",
        rule.code,
        rule.name,
        rule.severity.as_str()
    );
    print!("{}", front.body.trim_start());
    ExitCode::SUCCESS
}

fn init(path: &std::path::Path, force: bool) -> ExitCode {
    if path.exists() && !force {
        return usage_error(&format!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        ));
    }
    match std::fs::write(path, crate::config::STARTER) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&format!("cannot write {}: {e}", path.display())),
    }
}

/// Pair each `--format` with the `--output` that follows it (before the next `--format`).
fn outputs(
    formats: &[Format],
    outs: &[PathBuf],
    f_idx: &[usize],
    o_idx: &[usize],
) -> Result<Vec<(Format, Option<PathBuf>)>, String> {
    let mut pairs: Vec<(Format, Option<PathBuf>)> = if formats.is_empty() {
        vec![(Format::Human, None)]
    } else {
        formats.iter().map(|f| (*f, None)).collect()
    };
    for (o, &oi) in outs.iter().zip(o_idx) {
        // The last --format before this --output; an --output before any --format goes to the first.
        let k = f_idx.iter().rposition(|&fi| fi < oi).unwrap_or(0);
        if pairs[k].1.is_some() {
            return Err(format!(
                "two --output files for one --format (`{}`); repeat --format before each --output",
                o.display()
            ));
        }
        pairs[k].1 = Some(o.clone());
    }
    for (i, (_, a)) in pairs.iter().enumerate() {
        if let Some(a) = a
            && pairs[..i]
                .iter()
                .any(|(_, b)| b.as_ref().is_some_and(|b| b == a || same_file(a, b)))
        {
            return Err(format!(
                "two --format write to `{}`; give each its own --output file",
                a.display()
            ));
        }
    }
    if pairs.iter().filter(|(_, o)| o.is_none()).count() > 1 {
        return Err(
            "only one --format can write to stdout; give the others an --output file".into(),
        );
    }
    Ok(pairs)
}

/// The width to fit human output to: `COLUMNS` when set to a number, else the terminal's.
fn terminal_width(stdout_is_tty: bool) -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return Some(n);
    }
    if !stdout_is_tty {
        return None;
    }
    terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
}

/// Two output paths that name one file (when it exists already): `out.json`, `./out.json`.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => {
            let clean = |p: &std::path::Path| {
                p.components()
                    .filter(|c| *c != std::path::Component::CurDir)
                    .collect::<PathBuf>()
            };
            clean(a) == clean(b)
        }
    }
}

/// Rule codes from `--select`-style values: codes, names, `ALL`, or code prefixes (`ECS1`).
fn rule_codes(list: &[String], flag: &str) -> Result<Vec<&'static str>, String> {
    let mut out = Vec::new();
    for s in list {
        let s = s.trim();
        if s.eq_ignore_ascii_case("ALL") {
            out.extend(rules::ALL.iter().map(|r| r.code));
        } else if let Some(r) = rules::find(s) {
            out.push(r.code);
        } else if s.len() >= 3
            && s[..3].eq_ignore_ascii_case("ECS")
            && rules::ALL
                .iter()
                .any(|r| r.code.starts_with(&s.to_ascii_uppercase()))
        {
            let prefix = s.to_ascii_uppercase();
            out.extend(
                rules::ALL
                    .iter()
                    .filter(|r| r.code.starts_with(&prefix))
                    .map(|r| r.code),
            );
        } else {
            let candidates = rules::ALL.iter().flat_map(|r| [r.code, r.name]);
            let hint = crate::schema::closest(s, candidates)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            return Err(format!(
                "unknown rule `{s}` in {flag}{hint}; `ecslint rules` lists them (codes, names, prefixes such as ECS1, or ALL)"
            ));
        }
    }
    out.dedup();
    Ok(out)
}

fn check(args: CheckArgs, f_idx: &[usize], o_idx: &[usize]) -> ExitCode {
    let pairs = match outputs(&args.format, &args.output, f_idx, o_idx) {
        Ok(_) if args.statistics && args.format.is_empty() => Vec::new(),
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    let codes = |list: &[String], flag: &str| rule_codes(list, flag);
    let (select, extend, ignore) = match (
        codes(&args.select, "--select"),
        codes(&args.extend_select, "--extend-select"),
        codes(&args.ignore, "--ignore").and_then(|mut i| {
            i.extend(codes(&args.extend_ignore, "--extend-ignore")?);
            Ok(i)
        }),
    ) {
        (Ok(s), Ok(x), Ok(i)) => (s, x, i),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return usage_error(&e),
    };
    if args.stdin_filename.is_some() && args.paths.iter().any(|p| p.as_os_str() != "-") {
        return usage_error(
            "--stdin-filename reads the document from stdin: give no paths with it (or `-`)",
        );
    }
    if let Some(why) = ignore.iter().find_map(|c| rules::not_ignorable(c)) {
        return usage_error(&why);
    }
    if let Some(jobs) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global();
    }
    let threads = rayon::current_num_threads();
    let stdout_is_tty = std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout_is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };

    // Inputs: files and directories, or stdin; then the documents loaded only for linking.
    let stdin_path = args.paths.iter().any(|p| p.as_os_str() == "-");
    let mut inputs = if args.stdin_filename.is_some() || stdin_path {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            return usage_error(&format!("cannot read stdin: {e}"));
        }
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        let mut input = Input::new(&name);
        input.content = Some(bytes.into());
        vec![input]
    } else {
        Vec::new()
    };
    if args.stdin_filename.is_none() {
        let paths: Vec<PathBuf> = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths
                .iter()
                .filter(|p| p.as_os_str() != "-")
                .cloned()
                .collect()
        };
        if !paths.is_empty() {
            inputs.extend(discover::discover(&paths, threads));
        }
    }
    if !args.context.is_empty() {
        // A file both checked and given as context is checked (the checked inputs come first,
        // so `dedup` keeps them, however each path was spelt). A context path that cannot be
        // read is a usage error: the checks that link to it would be off without a word.
        for mut i in discover::discover(&args.context, threads) {
            if let Some(why) = &i.error {
                return usage_error(&format!("--context {}: {why}", i.display));
            }
            i.context = true;
            inputs.push(i);
        }
        discover::dedup(&mut inputs);
    }

    // Configuration: one forced file, none, or the nearest one of each input.
    let mut settings = vec![match &args.config {
        Some(path) => match config::load(path) {
            Ok(s) => s,
            Err(e) => return usage_error(&e.to_string()),
        },
        None => config::Settings::default(),
    }];
    if args.config.is_none() && !args.no_config {
        let mut finder = config::Finder::default();
        for input in &mut inputs {
            match finder.settings_for(&input.path, &mut settings) {
                Ok(i) => input.settings = i,
                Err(e) => return usage_error(&e.to_string()),
            }
        }
    }
    for s in &mut settings {
        if !select.is_empty() || !extend.is_empty() || !ignore.is_empty() {
            let base = if select.is_empty() {
                s.enabled.clone()
            } else {
                config::selection(&select, &[])
            };
            s.enabled = base
                .iter()
                .zip(rules::ALL)
                .map(|(on, r)| (*on || extend.contains(&r.code)) && !ignore.contains(&r.code))
                .collect();
        }
        if args.no_ignores {
            s.ignores.clear();
        }
    }
    let before = inputs.len();
    inputs.retain(|i| {
        i.context
            || !((args.force_exclude || !i.explicit) && settings[i.settings].excludes(&i.path))
    });
    let excluded = before - inputs.len();
    if args.force_exclude {
        // Hook mode: named files are treated like walked ones (non-ECS files skipped quietly).
        inputs.iter_mut().for_each(|i| i.explicit = false);
    }

    let keep_source = pairs.iter().any(|(f, _)| *f == Format::Human) || args.diff;
    let stdin_fix = (args.stdin_filename.is_some() || stdin_path) && (args.fix || args.fix_only);
    // What the findings are reported to: nothing for --diff and --fix-only, stderr when the
    // fixed text of stdin goes to stdout.
    let report_findings = !args.diff && !args.fix_only;
    let opts = Options {
        templates: !args.no_templates,
        max_file_size: args.max_file_size,
        keep_source,
        settings,
        filter: config::RunFilter {
            fail_level: args.fail_level.map(|l| match l {
                Level::Error => Severity::Error,
                Level::Warning => Severity::Warning,
                Level::Info => Severity::Info,
            }),
        },
        fix: (args.fix || args.fix_only || args.diff).then_some(crate::fix::FixMode {
            applicability: if args.unsafe_fixes {
                crate::diagnostic::Applicability::Unsafe
            } else {
                crate::diagnostic::Applicability::Safe
            },
            write: !args.diff,
        }),
    };
    let emit_opts = EmitOptions {
        color,
        tool_version: env!("CARGO_PKG_VERSION"),
        rules: rules::infos()
            .into_iter()
            .enumerate()
            .filter(|(i, _)| opts.settings.iter().any(|s| s.enabled[*i]))
            .map(|(_, r)| r)
            .collect(),
        include_suppressed: args.sarif_include_suppressed,
    };
    let mut emitters = Vec::new();
    for (format, path) in &pairs {
        let out: Box<dyn Write> = match path {
            None if !report_findings => Box::new(std::io::sink()),
            None if stdin_fix => Box::new(std::io::BufWriter::new(std::io::stderr())),
            None => Box::new(std::io::BufWriter::new(std::io::stdout())),
            Some(p) => match std::fs::File::create(p) {
                Ok(f) => Box::new(std::io::BufWriter::new(f)),
                Err(e) => return usage_error(&format!("cannot write {}: {e}", p.display())),
            },
        };
        let color_here = color && path.is_none();
        if *format == Format::Human {
            // Only output to the terminal is fitted to it; a file gets the flag's width.
            let width = args.diagnostic_width.or(if path.is_none() {
                terminal_width(stdout_is_tty)
            } else {
                None
            });
            let human = emit::human::Human::new(out, color_here).with_width(width);
            emitters.push(Box::new(human) as Box<dyn emit::Emitter>);
            continue;
        }
        emitters.push(emit::emitter(
            *format,
            out,
            &EmitOptions {
                color: color_here,
                ..emit_opts.clone()
            },
        ));
    }

    let mut summary = Summary {
        skipped: excluded,
        ..Summary::default()
    };
    let mut fails = false;
    let mut io_error: Option<std::io::Error> = None;
    let mut fixed_findings = 0usize;
    let mut fixed_files = 0usize;
    let mut fix_errors = 0usize;
    let mut stdin_text: Option<String> = None;
    let mut per_rule: std::collections::BTreeMap<&'static str, usize> = Default::default();
    let mut sink = |mut report: FileReport| {
        if let Some(fixed) = report.fixed.take() {
            if let Some(why) = &fixed.error {
                eprintln!("error: {}: {why}", report.display);
                fix_errors += 1;
            }
            if fixed.count() > 0 {
                fixed_findings += fixed.count();
                fixed_files += 1;
            }
            if args.diff
                && let Some(d) = &fixed.diff
            {
                let mut out = std::io::stdout().lock();
                if let Err(e) = out.write_all(d.as_bytes()) {
                    io_error.get_or_insert(e);
                }
            }
            if fixed.text.is_some() {
                stdin_text = fixed.text;
            }
        }
        summary.add(&report);
        for d in &report.diagnostics {
            *per_rule.entry(d.code).or_default() += 1;
        }
        fails |= report.fails;
        for e in emitters.iter_mut() {
            if let Err(err) = e.file(&report) {
                io_error.get_or_insert(err);
            }
        }
    };
    let stats = crate::run::run(&inputs, &opts, &mut sink);
    for (s, counts) in opts.settings.iter().zip(&stats.ignores) {
        if let Some(report) = crate::run::config_report(s, counts, &opts, keep_source) {
            sink(report);
        }
    }
    for (e, (format, _)) in emitters.iter_mut().zip(&pairs) {
        // --quiet: the findings, without the human summary line (the writer flushes on drop).
        if args.quiet && *format == Format::Human {
            continue;
        }
        if let Err(err) = e.finish(&summary) {
            io_error.get_or_insert(err);
        }
    }
    drop(emitters);
    if stdin_fix {
        // The fixed text, or the text as it was when nothing was fixed.
        let text = match stdin_text {
            Some(t) => t,
            None => inputs
                .first()
                .and_then(|i| i.content.as_ref())
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .unwrap_or_default(),
        };
        let mut out = std::io::stdout().lock();
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
            io_error.get_or_insert(e);
        }
    }
    if opts.fix.is_some() {
        let what = if args.diff { "would fix" } else { "fixed" };
        let unsafe_hint = if args.unsafe_fixes {
            ""
        } else {
            " (unsafe fixes are left out: add --unsafe-fixes to include them)"
        };
        if fixed_findings > 0 || args.diff {
            eprintln!("{what} {fixed_findings} finding(s) in {fixed_files} file(s){unsafe_hint}");
        }
    }
    if args.statistics {
        let mut rows: Vec<(&str, usize)> = per_rule.into_iter().collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut out = std::io::stdout().lock();
        for (code, n) in rows {
            let name = rules::find(code).map_or("", |r| r.name);
            let _ = writeln!(out, "{n:>6}  {code}  {name}");
        }
    }
    // Nothing to check is not an error (a hook or a job may find nothing to do), but say so: a
    // mistyped directory would otherwise pass as "no problems".
    if summary.documents == 0
        && !args.quiet
        && summary.failed == 0
        && !args.force_exclude
        && args.stdin_filename.is_none()
        && !stdin_path
    {
        let paths: Vec<String> = if args.paths.is_empty() {
            vec![".".into()]
        } else {
            args.paths.iter().map(|p| p.display().to_string()).collect()
        };
        eprintln!(
            "warning: no ECS document found in {} (nothing was checked)",
            paths.join(", ")
        );
    }
    if let Some(e) = io_error
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: writing output failed: {e}");
        return ExitCode::from(EXIT_ERROR);
    }
    if summary.failed > 0 || fix_errors > 0 {
        return ExitCode::from(EXIT_ERROR);
    }
    if args.diff {
        return ExitCode::from(if fixed_files > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        });
    }
    if args.exit_non_zero_on_fix && fixed_files > 0 {
        return ExitCode::from(EXIT_FINDINGS);
    }
    if args.fix_only {
        return ExitCode::from(EXIT_OK);
    }
    if summary.failed > 0 {
        return ExitCode::from(EXIT_ERROR);
    }
    if !args.exit_zero && fails {
        return ExitCode::from(EXIT_FINDINGS);
    }
    ExitCode::from(EXIT_OK)
}
