//! Human output: rustc-style snippets (codespan-reporting), and the one-line `concise` form.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, Severity as SnippetSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

use super::{Emitter, sanitize};
use crate::diagnostic::Severity;
use crate::report::{FileReport, Summary};

pub struct Human {
    out: Box<dyn Write>,
    color: bool,
    config: Config,
    styles: Styles,
    /// Columns to fit (`--diagnostic-width`, `COLUMNS`, the terminal); `None`: no wrapping.
    width: Option<usize>,
}

impl Human {
    pub fn new(out: Box<dyn Write>, color: bool) -> Human {
        Human {
            out,
            color,
            config: Config::default(),
            styles: Styles::default(),
            width: None,
        }
    }

    /// Fit the output to `width` columns: notes (`= help:`, `= rule:`) wrap at spaces, and
    /// source lines wider than the width are windowed around what is reported.
    pub fn with_width(mut self, width: Option<usize>) -> Human {
        self.width = width.map(|w| w.max(MIN_WIDTH));
        self
    }

    /// Source lines longer than this are windowed.
    fn long_line(&self) -> usize {
        // The gutter (`123 │ `) takes a few columns.
        self.width
            .map_or(LONG_LINE, |w| w.saturating_sub(10).min(LONG_LINE))
    }

    fn buffer(&self) -> Buffer {
        if self.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        }
    }
}

fn severity(s: Severity) -> SnippetSeverity {
    match s {
        Severity::Error => SnippetSeverity::Error,
        Severity::Warning => SnippetSeverity::Warning,
        Severity::Info => SnippetSeverity::Note,
    }
}

impl Emitter for Human {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let source = report.source.as_deref().unwrap_or_default();
        let mut files = SimpleFiles::new();
        let main = files.add(sanitize(&report.display).into_owned(), source);
        let others: Vec<(&str, usize, usize)> = report
            .related_sources
            .iter()
            .map(|(name, text)| {
                (
                    name.as_str(),
                    files.add(sanitize(name).into_owned(), text.as_str()),
                    text.len(),
                )
            })
            .collect();
        let names: Vec<String> = std::iter::once(sanitize(&report.display).into_owned())
            .chain(others.iter().map(|(n, _, _)| sanitize(n).into_owned()))
            .collect();
        let texts: Vec<Text> = std::iter::once(source)
            .chain(report.related_sources.iter().map(|(_, t)| t.as_str()))
            .zip(&names)
            .map(|(t, n)| Text::new(n, t))
            .collect();
        let mut buf = self.buffer();
        for d in report.diagnostics.iter() {
            let at = if d.pointer.is_empty() {
                String::new()
            } else {
                format!("at {}", sanitize(&d.pointer))
            };
            // Labels as (file index in `texts`, span, position, message).
            let mut marks = vec![Mark {
                file: 0,
                span: d.span.start.min(source.len())..d.span.end.min(source.len()),
                line: d.range.start.line,
                column: d.range.start.column,
                primary: true,
                message: at.into(),
            }];
            let mut elsewhere = Vec::new();
            for r in &d.related {
                let (file, len) = match &r.file {
                    None => (0, source.len()),
                    Some(name) => match others.iter().position(|(n, _, _)| n == name) {
                        Some(i) => (i + 1, others[i].2),
                        None => {
                            // No text for that file (not kept): say where, without a snippet.
                            elsewhere.push(format!(
                                "see {}:{}:{}: {}",
                                sanitize(name),
                                r.range.start.line,
                                r.range.start.column,
                                sanitize(&r.message)
                            ));
                            continue;
                        }
                    },
                };
                marks.push(Mark {
                    file,
                    span: r.span.start.min(len)..r.span.end.min(len),
                    line: r.range.start.line,
                    column: r.range.start.column,
                    primary: false,
                    message: sanitize(&r.message),
                });
            }
            let mut notes = elsewhere;
            if let Some(h) = &d.help {
                notes.push(format!("help: {}", sanitize(h)));
            }
            if let Some(f) = &d.fix {
                let how = match f.applicability {
                    crate::diagnostic::Applicability::Safe => "safe: `--fix` applies it",
                    crate::diagnostic::Applicability::Unsafe => {
                        "unsafe: `--fix --unsafe-fixes` applies it"
                    }
                    crate::diagnostic::Applicability::DisplayOnly => "not applied automatically",
                };
                notes.push(format!("fix: {} ({how})", sanitize(&f.title)));
            }
            notes.push(format!("rule: {} ({})", d.name, d.url.unwrap_or("")));
            let mut message = sanitize(&d.message).into_owned();
            if let Some(w) = self.width {
                // codespan indents a note's later lines under its first, after the gutter
                // (as wide as the largest line number shown) and ` = `.
                let gutter = marks
                    .iter()
                    .map(|m| m.line)
                    .max()
                    .unwrap_or(1)
                    .to_string()
                    .len();
                notes = notes
                    .iter()
                    .map(|n| wrap(n, w.saturating_sub(gutter + 4)))
                    .collect();
                // The header: `severity[CODE]: ` then the message; later lines start at 0.
                let head = format!("{:?}[{}]: ", d.severity, d.code).len();
                message = wrap_first(&message, w.saturating_sub(head), w);
            }
            let long = self.long_line();
            let snippet = Snippet::new(severity(d.severity))
                .with_code(d.code)
                .with_message(message)
                .with_notes(notes);
            let start = buf.len();
            let mut w = StylesWriter::new(&mut buf, &self.styles);
            if touches_long_line(&texts, &marks, long) {
                let (excerpts, labels) = windowed(&texts, &marks, long);
                term::emit_to_write_style(
                    &mut w,
                    &self.config,
                    &excerpts,
                    &snippet.with_labels(labels),
                )
                .map_err(io::Error::other)?;
            } else {
                let ids: Vec<usize> = std::iter::once(main)
                    .chain(others.iter().map(|(_, id, _)| *id))
                    .collect();
                let labels = marks
                    .into_iter()
                    .map(|m| {
                        let l = if m.primary {
                            Label::primary(ids[m.file], m.span)
                        } else {
                            Label::secondary(ids[m.file], m.span)
                        };
                        l.with_message(m.message.into_owned())
                    })
                    .collect();
                term::emit_to_write_style(
                    &mut w,
                    &self.config,
                    &files,
                    &snippet.with_labels(labels),
                )
                .map_err(io::Error::other)?;
            }
            // codespan calls the lowest level `note`; ecslint's word for it is `info`
            // (--fail-level, JSON, SARIF's rules, `ecslint rules`).
            if d.severity == Severity::Info {
                let rendered = &mut buf.as_mut_slice()[start..];
                if let Some(at) = memchr::memmem::find(rendered, b"note[") {
                    rendered[at..at + 4].copy_from_slice(b"info");
                }
            }
        }
        self.out.write_all(buf.as_slice())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let mut buf = self.buffer();
        let problems = s.errors + s.warnings + s.infos;
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut spec = ColorSpec::new();
        spec.set_bold(true);
        buf.set_color(&spec)?;
        if problems == 0 {
            write!(buf, "No problems found")?;
        } else {
            write!(
                buf,
                "Found {}, {} and {}",
                plural(s.errors, "error"),
                plural(s.warnings, "warning"),
                plural(s.infos, "info")
            )?;
        }
        buf.reset()?;
        write!(
            buf,
            " in {} ({} checked",
            plural(s.files, "file"),
            plural(s.documents, "document")
        )?;
        if s.skipped > 0 {
            write!(buf, ", {} skipped", plural(s.skipped, "file"))?;
        }
        if s.suppressed > 0 {
            write!(buf, ", {} suppressed", plural(s.suppressed, "finding"))?;
        }
        if s.failed > 0 {
            write!(buf, ", {} could not be checked", s.failed)?;
        }
        writeln!(buf, ").")?;
        self.out.write_all(buf.as_slice())?;
        self.out.flush()
    }
}

/// `path:line:col: severity[CODE] message` — one line per finding, for editors and grep.
pub struct Concise {
    out: Box<dyn Write>,
}

impl Concise {
    pub fn new(out: Box<dyn Write>) -> Concise {
        Concise { out }
    }
}

impl Emitter for Concise {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        for d in report.diagnostics.iter() {
            writeln!(
                self.out,
                "{}:{}:{}: {}[{}] {}",
                sanitize(&report.display),
                d.range.start.line,
                d.range.start.column,
                d.severity.as_str(),
                d.code,
                sanitize(&d.message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// Lines longer than this (in bytes) are shown as windows around what is reported, as rustc
/// does, so the cost of a snippet is set by the window, not by the line: minified JSON is
/// one line, and a finding on it must not print the whole file.
const LONG_LINE: usize = 320;
/// Bytes of context kept either side of a label in a windowed line.
const CONTEXT: usize = 40;
/// The longest part of a label shown in a windowed line.
const MAX_LABEL: usize = 100;

/// One label of a snippet, in file coordinates.
struct Mark<'s> {
    file: usize,
    span: std::ops::Range<usize>,
    /// 1-based line and column of `span.start`.
    line: usize,
    column: usize,
    primary: bool,
    message: std::borrow::Cow<'s, str>,
}

/// One shown piece of a line: a window of it, or all of it.
struct ExcerptLine {
    /// Start and end (before the newline) in the excerpt text.
    start: usize,
    end: usize,
    number: usize,
    /// Bytes of `...` before the window's text.
    prefix: usize,
    /// Column (1-based, characters) of the window's first character in the file.
    column: usize,
}

struct Excerpt<'n> {
    name: &'n str,
    text: String,
    lines: Vec<ExcerptLine>,
}

/// The excerpts of one snippet, one per file, as codespan reads files: line numbers and
/// columns are the file's, the text is only the windows.
struct Excerpts<'n>(Vec<Excerpt<'n>>);

impl<'a, 'n: 'a> codespan_reporting::files::Files<'a> for Excerpts<'n> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.get(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.get(id)?.text)
    }

    fn line_index(
        &'a self,
        id: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let lines = &self.get(id)?.lines;
        Ok(lines
            .partition_point(|l| l.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(
        &'a self,
        id: usize,
        line_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line(id, line_index)?.number)
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let l = self.line(id, line_index)?;
        let text = &self.get(id)?.text;
        let from = l.start + l.prefix;
        let to = byte_index.clamp(from, l.end.max(from));
        Ok(l.column + text.get(from..to).map_or(0, |s| s.chars().count()))
    }

    fn line_range(
        &'a self,
        id: usize,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        let l = self.line(id, line_index)?;
        Ok(l.start..l.end + 1)
    }
}

impl Excerpts<'_> {
    fn get(&self, id: usize) -> Result<&Excerpt<'_>, codespan_reporting::files::Error> {
        self.0
            .get(id)
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line(
        &self,
        id: usize,
        line_index: usize,
    ) -> Result<&ExcerptLine, codespan_reporting::files::Error> {
        let lines = &self.get(id)?.lines;
        lines
            .get(line_index)
            .ok_or(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: lines.len().saturating_sub(1),
            })
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A file's text with its line starts, computed once per report and only when needed.
struct Text<'t> {
    name: &'t str,
    text: &'t str,
    starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'t> Text<'t> {
    fn new(name: &'t str, text: &'t str) -> Text<'t> {
        Text {
            name,
            text,
            starts: std::cell::OnceCell::new(),
        }
    }

    /// The byte range of the line holding `offset`, without its line break.
    fn line_of(&self, offset: usize) -> std::ops::Range<usize> {
        let starts = self.starts.get_or_init(|| {
            let mut s = vec![0];
            s.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            s
        });
        let i = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = starts[i];
        let mut end = starts.get(i + 1).map_or(self.text.len(), |&e| e - 1);
        if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }
}

/// Does any mark sit on a long line? Then the snippet is windowed.
fn touches_long_line(texts: &[Text], marks: &[Mark], long: usize) -> bool {
    marks.iter().any(|m| {
        let t = &texts[m.file];
        t.text.len() > long && t.line_of(m.span.start.min(t.text.len())).len() > long
    })
}

/// The narrowest width output is fitted to.
const MIN_WIDTH: usize = 40;

/// [`wrap`] with a first line of `first` characters and later ones of `width`.
fn wrap_first(text: &str, first: usize, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line = 0;
    let mut limit = first;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > limit {
            out.push('\n');
            line = 0;
            limit = width;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

/// Break `text` at spaces so no line is longer than `width` characters (a word longer than
/// that, such as a URL, keeps a line of its own).
fn wrap(text: &str, width: usize) -> String {
    wrap_first(text, width, width)
}

/// Build the excerpts of one snippet and its labels in excerpt coordinates. Each mark gets a
/// window of its line (marks close together share one); a label is cut to its first line
/// and to [`MAX_LABEL`] bytes.
fn windowed<'n>(
    texts: &[Text<'n>],
    marks: &[Mark],
    long: usize,
) -> (Excerpts<'n>, Vec<Label<usize>>) {
    let mut excerpts: Vec<Excerpt<'n>> = Vec::new();
    let mut labels = Vec::with_capacity(marks.len());
    // Windows per file: (line start, window start, window end, line number, column, marks).
    struct Window {
        ws: usize,
        we: usize,
        line: std::ops::Range<usize>,
        number: usize,
        column: usize,
        marks: Vec<usize>,
    }
    let mut windows: Vec<Vec<Window>> = (0..texts.len()).map(|_| Vec::new()).collect();
    for (n, m) in marks.iter().enumerate() {
        let t = &texts[m.file];
        let start = floor_char(t.text, m.span.start);
        let line = t.line_of(start);
        let end = ceil_char(
            t.text,
            m.span.end.min(line.end).min(start + MAX_LABEL).max(start),
        );
        // Fitted to a width: what the label leaves of it, shared by both sides.
        let context = if long < LONG_LINE {
            long.saturating_sub(end - start) / 2
        } else {
            CONTEXT
        };
        let (ws, we) = if line.len() <= long {
            (line.start, line.end)
        } else {
            (
                floor_char(t.text, start.saturating_sub(context).max(line.start)),
                ceil_char(t.text, (end + context).min(line.end)),
            )
        };
        let column = m
            .column
            .saturating_sub(t.text[ws..start].chars().count())
            .max(1);
        let list = &mut windows[m.file];
        match list
            .iter_mut()
            .find(|w| w.line == line && ws <= w.we && we >= w.ws)
        {
            Some(w) => {
                if ws < w.ws {
                    w.ws = ws;
                    w.column = column;
                }
                w.we = w.we.max(we);
                w.marks.push(n);
            }
            None => list.push(Window {
                ws,
                we,
                line: line.clone(),
                number: m.line,
                column,
                marks: vec![n],
            }),
        }
    }
    let mut placed: Vec<(usize, std::ops::Range<usize>)> = vec![(0, 0..0); marks.len()];
    for (f, list) in windows.iter_mut().enumerate() {
        if list.is_empty() {
            continue;
        }
        list.sort_by_key(|w| (w.number, w.ws));
        let t = &texts[f];
        let mut ex = Excerpt {
            name: t.name,
            text: String::new(),
            lines: Vec::with_capacity(list.len()),
        };
        for w in list.iter() {
            let start = ex.text.len();
            let cut_left = w.ws > w.line.start;
            if cut_left {
                ex.text.push_str("...");
            }
            let prefix = ex.text.len() - start;
            ex.text.push_str(&t.text[w.ws..w.we]);
            if w.we < w.line.end {
                ex.text.push_str("...");
            }
            let end = ex.text.len();
            ex.text.push('\n');
            for &n in &w.marks {
                let m = &marks[n];
                let s = floor_char(t.text, m.span.start).clamp(w.ws, w.we);
                let e =
                    ceil_char(t.text, m.span.end.min(w.line.end).min(s + MAX_LABEL)).clamp(s, w.we);
                let at = start + prefix + (s - w.ws);
                placed[n] = (excerpts.len(), at..at + (e - s));
            }
            ex.lines.push(ExcerptLine {
                start,
                end,
                number: w.number,
                prefix,
                column: w.column,
            });
        }
        excerpts.push(ex);
    }
    for (n, m) in marks.iter().enumerate() {
        let (id, range) = placed[n].clone();
        let label = if m.primary {
            Label::primary(id, range)
        } else {
            Label::secondary(id, range)
        };
        labels.push(label.with_message(m.message.clone().into_owned()));
    }
    (Excerpts(excerpts), labels)
}
