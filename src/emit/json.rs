//! `--format json` (one object, the stable v1 contract; schema in
//! `schemas/ecslint-output-v1.schema.json`) and `--format json-lines` (one diagnostic per line).

use std::io::{self, Write};

use serde::Serialize;

use super::Emitter;
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::report::{FileReport, Summary};
use crate::source::Range;

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: &'a str,
    pub document: Option<&'a str>,
    pub rule: &'a str,
    pub name: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub pointer: &'a str,
    pub range: Range,
    pub help: Option<&'a str>,
    pub url: Option<&'a str>,
    pub related: &'a [Related],
    /// The fix offered, when there is one (`--fix` applies safe ones).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<&'a crate::diagnostic::Fix>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(file: &'a str, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            file,
            document: d.document,
            rule: d.code,
            name: d.name,
            severity: d.severity,
            message: &d.message,
            pointer: &d.pointer,
            range: d.range,
            help: d.help.as_deref(),
            url: d.url,
            related: &d.related,
            fix: d.fix.as_ref(),
        }
    }
}

pub struct Json {
    out: Box<dyn Write>,
    version: &'static str,
    lines: bool,
    /// Diagnostics written so far (the object form streams them as they come).
    written: usize,
    /// One diagnostic's JSON, serialised here (static dispatch) and written in one call.
    buf: Vec<u8>,
}

impl Json {
    pub fn new(out: Box<dyn Write>, version: &'static str, lines: bool) -> Json {
        Json {
            out,
            version,
            lines,
            written: 0,
            buf: Vec::with_capacity(1024),
        }
    }

    /// The object form's opening, up to the diagnostics list. Field order is the documented
    /// one; `summary` comes last because it is only known at the end.
    fn open(&mut self) -> io::Result<()> {
        let tool = serde_json::json!({"name": "ecslint", "version": self.version});
        write!(
            self.out,
            "{{\n  \"version\": 1,\n  \"tool\": {tool},\n  \"diagnostics\": ["
        )
    }
}

impl Emitter for Json {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        for d in report.diagnostics.iter() {
            let item = JsonDiagnostic::new(&report.display, d);
            self.buf.clear();
            serde_json::to_writer(&mut self.buf, &item)?;
            if self.lines {
                self.buf.push(b'\n');
                self.out.write_all(&self.buf)?;
                continue;
            }
            if self.written == 0 {
                self.open()?;
                self.out.write_all(b"\n    ")?;
            } else {
                self.out.write_all(b",\n    ")?;
            }
            self.out.write_all(&self.buf)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        if self.lines {
            return self.out.flush();
        }
        if self.written == 0 {
            self.open()?;
            self.out.write_all(b"],\n")?;
        } else {
            self.out.write_all(b"\n  ],\n")?;
        }
        writeln!(self.out, "  \"summary\": {}\n}}", serde_json::to_string(s)?)?;
        self.out.flush()
    }
}
