//! Human output: rustc-style snippets (codespan-reporting), and the one-line `concise` form.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, Severity as SnippetSeverity};
use codespan_reporting::files::SimpleFile;
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
        let file = SimpleFile::new(sanitize(&report.display), source);
        let mut buf = self.buffer();
        for d in &report.diagnostics {
            let at = if d.pointer.is_empty() {
                String::new()
            } else {
                format!("at {}", sanitize(&d.pointer))
            };
            let mut labels = vec![
                Label::primary(
                    (),
                    d.span.start.min(source.len())..d.span.end.min(source.len()),
                )
                .with_message(at),
            ];
            for r in &d.related {
                labels.push(
                    Label::secondary(
                        (),
                        r.span.start.min(source.len())..r.span.end.min(source.len()),
                    )
                    .with_message(sanitize(&r.message)),
                );
            }
            let mut notes = Vec::new();
            if let Some(h) = &d.help {
                notes.push(format!("help: {}", sanitize(h)));
            }
            notes.push(format!(
                "rule: {} ({})",
                d.name,
                d.url.as_deref().unwrap_or("")
            ));
            let snippet = Snippet::new(severity(d.severity))
                .with_code(d.code)
                .with_message(sanitize(&d.message))
                .with_labels(labels)
                .with_notes(notes);
            let mut w = StylesWriter::new(&mut buf, &self.styles);
            term::emit_to_write_style(&mut w, &self.config, &file, &snippet)
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
        for d in &report.diagnostics {
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
