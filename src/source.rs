//! File text and the line index that turns byte offsets into line/column positions.

use serde::Serialize;

/// A position in a file. Lines and columns are 1-based; `column` counts Unicode scalar
/// values (what SARIF calls `unicodeCodePoints`), `utf16_column` counts UTF-16 code units
/// (what VS Code and LSP use), `offset` is the 0-based byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    #[serde(rename = "utf16Column")]
    pub utf16_column: usize,
    pub offset: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let prefix = &self.text[self.starts[line]..offset];
        Position {
            line: line + 1,
            column: prefix.chars().count() + 1,
            utf16_column: prefix.encode_utf16().count() + 1,
            offset,
        }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start: self.position(start),
            end: self.position(end.max(start)),
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
    }
}
