//! Human output: rustc-style snippets (codespan-reporting), and the one-line `concise` form.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, Severity as SnippetSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

use super::{Emitter, sanitize};
use crate::diagnostic::Severity;
use crate::engine::{FileReport, Summary};

pub struct Human {
    out: Box<dyn Write>,
    color: bool,
    config: Config,
    styles: Styles,
}

impl Human {
    pub fn new(out: Box<dyn Write>, color: bool) -> Human {
        Human {
            out,
            color,
            config: Config::default(),
            styles: Styles::default(),
        }
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
        let mut buf = self.buffer();
        for d in report.diagnostics.iter() {
            let at = if d.pointer.is_empty() {
                String::new()
            } else {
                format!("at {}", sanitize(&d.pointer))
            };
            let mut labels = vec![
                Label::primary(
                    main,
                    d.span.start.min(source.len())..d.span.end.min(source.len()),
                )
                .with_message(at),
            ];
            let mut elsewhere = Vec::new();
            for r in &d.related {
                let (id, len) = match &r.file {
                    None => (main, source.len()),
                    Some(name) => match others.iter().find(|(n, _, _)| n == name) {
                        Some((_, id, len)) => (*id, *len),
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
                labels.push(
                    Label::secondary(id, r.span.start.min(len)..r.span.end.min(len))
                        .with_message(sanitize(&r.message)),
                );
            }
            let mut notes = elsewhere;
            if let Some(h) = &d.help {
                notes.push(format!("help: {}", sanitize(h)));
            }
            notes.push(format!("rule: {} ({})", d.name, d.url.unwrap_or("")));
            let snippet = Snippet::new(severity(d.severity))
                .with_code(d.code)
                .with_message(sanitize(&d.message))
                .with_labels(labels)
                .with_notes(notes);
            let mut w = StylesWriter::new(&mut buf, &self.styles);
            term::emit_to_write_style(&mut w, &self.config, &files, &snippet)
                .map_err(io::Error::other)?;
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
                plural(s.infos, "note")
            )?;
        }
        buf.reset()?;
        write!(
            buf,
            " in {} ({} checked, {} not ECS documents",
            plural(s.files, "file"),
            plural(s.documents, "document"),
            s.skipped
        )?;
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
