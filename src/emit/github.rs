//! `--format github`: GitHub Actions workflow commands, so findings show as annotations.

use std::io::{self, Write};

use super::Emitter;
use crate::diagnostic::Severity;
use crate::report::{FileReport, Summary};

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
        for d in report.diagnostics.iter() {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let r = d.range;
            let mut props = format!(
                "file={},line={}",
                escape_property(&super::sanitize(&report.display)),
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
            // Control characters and bidi overrides from the file never reach the log raw.
            let msg: String = msg
                .split('\n')
                .map(|l| super::sanitize(l).into_owned())
                .collect::<Vec<_>>()
                .join("\n");
            writeln!(self.out, "::{level} {props}::{}", escape_data(&msg))?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::source::{Position, Range};

    fn pos(line: usize, column: usize) -> Position {
        Position {
            line,
            column,
            utf16_column: column,
            offset: 0,
        }
    }

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("dir:a,b%.json"), "dir%3Aa%2Cb%25.json");
    }

    #[test]
    fn columns_only_on_single_line_ranges() {
        let out = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        struct W(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl Write for W {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut g = Github::new(Box::new(W(out.clone())));
        let d = |start: Position, end: Position| Diagnostic {
            code: "ECS104",
            name: "container-runs-as-root",
            severity: Severity::Warning,
            document: None,
            message: "m: 1, 2".into(),
            help: None,
            url: None,
            pointer: String::new(),
            span: Default::default(),
            range: Range { start, end },
            related: Vec::new(),
            suppressed: None,
            fix: None,
        };
        let report = FileReport {
            display: "a,b.json".into(),
            diagnostics: vec![d(pos(3, 5), pos(3, 9)), d(pos(3, 5), pos(7, 2))],
            ..FileReport::default()
        };
        g.file(&report).unwrap();
        let text = String::from_utf8(out.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "::warning file=a%2Cb.json,line=3,col=5,endColumn=9,endLine=3,title=ECS104 container-runs-as-root::m: 1, 2"
        );
        assert_eq!(
            lines[1],
            "::warning file=a%2Cb.json,line=3,endLine=7,title=ECS104 container-runs-as-root::m: 1, 2"
        );
    }
}
