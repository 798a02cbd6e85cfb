//! `--format json` (one object, the stable v1 contract; schema in
//! `schemas/ecslint-output-v1.schema.json`) and `--format json-lines` (one diagnostic per line).

use std::io::{self, Write};

use serde::Serialize;

use super::Emitter;
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::engine::{FileReport, Summary};
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
            url: d.url.as_deref(),
            related: &d.related,
        }
    }
}

pub struct Json {
    out: Box<dyn Write>,
    version: &'static str,
    lines: bool,
    /// Diagnostics serialized as compact JSON text (small: no file text, no trees).
    items: Vec<String>,
}

impl Json {
    pub fn new(out: Box<dyn Write>, version: &'static str, lines: bool) -> Json {
        Json {
            out,
            version,
            lines,
            items: Vec::new(),
        }
    }
}

impl Emitter for Json {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        for d in report.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
            let item = JsonDiagnostic::new(&report.display, d);
            if self.lines {
                serde_json::to_writer(&mut self.out, &item)?;
                self.out.write_all(b"\n")?;
            } else {
                self.items.push(serde_json::to_string(&item)?);
            }
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        if self.lines {
            return self.out.flush();
        }
        // Written by hand so the (possibly large) diagnostics list streams out without being
        // rebuilt as one tree. Field order is the documented one.
        let tool = serde_json::json!({"name": "ecslint", "version": self.version});
        write!(
            self.out,
            "{{\n  \"version\": 1,\n  \"tool\": {},\n  \"summary\": {},\n  \"diagnostics\": [",
            tool,
            serde_json::to_string(s)?
        )?;
        for (i, item) in std::mem::take(&mut self.items).iter().enumerate() {
            self.out
                .write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            self.out.write_all(item.as_bytes())?;
        }
        self.out.write_all(b"\n  ]\n}\n")?;
        self.out.flush()
    }
}
