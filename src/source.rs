//! File text and the line index that turns byte offsets into line/column positions.

use serde::Serialize;

/// A position in a file. Lines and columns are 1-based; `column` counts Unicode scalar
/// values (what SARIF calls `unicodeCodePoints`), `utf16_column` counts UTF-16 code units
/// (what VS Code and LSP use), `offset` is the 0-based byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    #[serde(rename = "utf16Column")]
    pub utf16_column: usize,
    pub offset: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// Characters never echoed raw to a terminal: control characters other than newline, tab
/// and carriage return (escape sequences live here), and bidirectional overrides.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Byte offsets of line starts, built once per file that has something to report.
///
/// Columns count characters and UTF-16 units from the line start. To keep that cheap on long
/// lines (minified JSON is one line), the index keeps a checkpoint every [`STRIDE`] bytes of
/// non-ASCII lines with the counts so far; ASCII lines need none (column = byte distance).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Per line: only ASCII characters.
    ascii: Vec<bool>,
    /// (offset, characters, UTF-16 units) since that offset's line start, ascending.
    checkpoints: Vec<(usize, usize, usize)>,
}

const STRIDE: usize = 1024;

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        // Most files are ASCII throughout: one vectorised check instead of one per line.
        let all_ascii = text.is_ascii();
        let ascii: Vec<bool> = if all_ascii {
            vec![true; starts.len()]
        } else {
            starts
                .iter()
                .enumerate()
                .map(|(i, &s)| {
                    let end = starts.get(i + 1).copied().unwrap_or(text.len());
                    text.as_bytes()[s..end].is_ascii()
                })
                .collect()
        };
        let mut checkpoints = Vec::new();
        for (i, &s) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            if ascii[i] || end - s <= STRIDE {
                continue;
            }
            let (mut chars, mut units, mut next) = (0, 0, s + STRIDE);
            for (at, c) in text[s..end].char_indices() {
                if s + at >= next {
                    checkpoints.push((s + at, chars, units));
                    next = s + at + STRIDE;
                }
                chars += 1;
                units += c.len_utf16();
            }
        }
        LineIndex {
            text,
            starts,
            ascii,
            checkpoints,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.starts[line];
        let (column, utf16_column) = if self.ascii[line] {
            (offset - line_start, offset - line_start)
        } else {
            // Count from the last checkpoint on this line at or before the offset.
            let k = self.checkpoints.partition_point(|c| c.0 <= offset);
            let (from, chars, units) = match k.checked_sub(1).map(|k| self.checkpoints[k]) {
                Some(c) if c.0 >= line_start => c,
                _ => (line_start, 0, 0),
            };
            let prefix = &self.text[from..offset];
            (
                chars + prefix.chars().count(),
                units + prefix.encode_utf16().count(),
            )
        };
        Position {
            line: line + 1,
            column: column + 1,
            utf16_column: utf16_column + 1,
            offset,
        }
    }

    /// A range; its end is moved forward to a character boundary, so a span that ends inside
    /// a character covers it instead of collapsing.
    pub fn range(&self, start: usize, end: usize) -> Range {
        let mut end = end.max(start).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        Range {
            start: self.position(start),
            end: self.position(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_and_utf16_units() {
        let text = "ab\n\u{e9}\u{1F600}x\n";
        let idx = LineIndex::new(text);
        let p = idx.position(0);
        assert_eq!((p.line, p.column, p.utf16_column), (1, 1, 1));
        let x = text.find('x').unwrap();
        let p = idx.position(x);
        assert_eq!((p.line, p.column, p.utf16_column, p.offset), (2, 3, 4, x));
        // an offset inside a multi-byte character snaps back to its start
        let p = idx.position(4);
        assert_eq!((p.line, p.column), (2, 1));
        let end = idx.position(text.len());
        assert_eq!((end.line, end.column), (3, 1));
        // a range ending inside a character covers it
        let r = idx.range(3, 4);
        assert_eq!((r.start.offset, r.end.offset), (3, 5));
    }

    #[test]
    fn long_lines_use_checkpoints_and_agree_with_counting() {
        let line: String = (0..5000)
            .map(|i| if i % 7 == 0 { '\u{1F600}' } else { 'é' })
            .collect();
        let text = format!("x\n{line}\ny");
        let idx = LineIndex::new(&text);
        for (off, _) in text.char_indices().step_by(97) {
            let p = idx.position(off);
            let ls = text[..off].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(p.column, text[ls..off].chars().count() + 1, "offset {off}");
            assert_eq!(p.utf16_column, text[ls..off].encode_utf16().count() + 1);
        }
    }
}

/// Why a file's text could not be had: each kind of failure a variant, so callers can tell
/// them apart; `Display` is the message users see after "cannot check this file:".
#[derive(Debug)]
pub enum ReadError {
    /// Discovery already knew (a symbolic link loop, a dangling link): its words.
    Discovery(String),
    Io(std::io::Error),
    Directory,
    /// A FIFO, socket or device.
    NotRegular,
    TooLarge {
        len: u64,
        limit: u64,
    },
    /// The file grew past the limit while it was read.
    GrewPastLimit {
        limit: u64,
    },
    Utf16,
    Binary {
        nul_at: usize,
    },
    NotUtf8 {
        valid_up_to: usize,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Discovery(why) => f.write_str(why),
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
            ReadError::Directory => f.write_str("is a directory, not a file"),
            ReadError::NotRegular => f.write_str(
                "not a regular file (a FIFO, socket or device); ecslint does not read from it",
            ),
            ReadError::TooLarge { len, limit } => write!(
                f,
                "the file is {len} bytes, over the {limit} byte limit; raise it with --max-file-size if this really is a task definition"
            ),
            ReadError::GrewPastLimit { limit } => write!(
                f,
                "the file is over the {limit} byte limit; raise it with --max-file-size"
            ),
            ReadError::Utf16 => f.write_str(
                "the file is UTF-16 encoded; ecslint reads UTF-8 (convert it, e.g. `iconv -f UTF-16 -t UTF-8`)",
            ),
            ReadError::Binary { nul_at } => write!(
                f,
                "the file contains a NUL byte at offset {nul_at}: it is binary, not JSON, YAML or HCL"
            ),
            ReadError::NotUtf8 { valid_up_to } => write!(
                f,
                "the file is not valid UTF-8 (first bad byte at offset {valid_up_to}); save it as UTF-8"
            ),
        }
    }
}

impl std::error::Error for ReadError {}
