//! `--format github`: GitHub Actions workflow commands, so findings show as annotations.

use std::io::{self, Write};

use super::Emitter;
use crate::diagnostic::Severity;
use crate::engine::{FileReport, Summary};

pub struct Github {
    out: Box<dyn Write>,
}

impl Github {
    pub fn new(out: Box<dyn Write>) -> Github {
        Github { out }
    }
}

/// Escape a message (data) as the runner expects.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: data escapes plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Emitter for Github {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        for d in report.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let r = d.range;
            let mut props = format!(
                "file={},line={}",
                escape_property(&report.display),
                r.start.line
            );
            if r.end.line == r.start.line {
                props.push_str(&format!(
                    ",col={},endColumn={}",
                    r.start.column,
                    r.end.column.max(r.start.column + 1)
                ));
            }
            props.push_str(&format!(",endLine={}", r.end.line.max(r.start.line)));
            props.push_str(&format!(
                ",title={}",
                escape_property(&format!("{} {}", d.code, d.name))
            ));
            let mut msg = d.message.clone();
            if let Some(h) = &d.help {
                msg.push_str("\nhelp: ");
                msg.push_str(h);
            }
            writeln!(self.out, "::{level} {props}::{}", escape_data(&msg))?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
