//! A small, strict, template-aware JSON parser that keeps byte spans for every key and value.
//!
//! Hand-written because no crate gives key spans, keeps duplicate keys, and accepts unquoted
//! template placeholders in value position (`"memory": ${MEM}`). It uses an explicit stack,
//! never recursion, and caps nesting depth, so hostile input cannot overflow the stack.

use super::template::{contains_placeholder, placeholder_at};
use super::{Duplicate, ParseError, Parsed};
use crate::tree::{Member, Node, Span, Unknown, Value};

/// Deeper nesting than this is rejected; no ECS document comes close.
pub const MAX_DEPTH: usize = 256;

enum Frame {
    Array {
        start: usize,
        items: Vec<Node>,
    },
    Object {
        start: usize,
        members: Vec<Member>,
        key: Option<(String, Span)>,
    },
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    templates: bool,
    placeholders: Vec<Span>,
    duplicates: Vec<Duplicate>,
}

type PResult<T> = Result<T, ParseError>;

pub fn parse(text: &str, templates: bool) -> Parsed {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        templates,
        placeholders: Vec::new(),
        duplicates: Vec::new(),
    };
    let result = p.document();
    match result {
        Ok(root) => Parsed {
            root: Some(root),
            error: None,
            placeholders: p.placeholders,
            duplicates: p.duplicates,
        },
        Err(e) => Parsed {
            root: None,
            error: Some(e),
            placeholders: p.placeholders,
            duplicates: p.duplicates,
        },
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) -> PResult<()> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                // Terraform template directives (`%{ if x }`, `%{ endif }`) sit between
                // members; with templates on they are layout, not content.
                b'%' if self.templates && self.bytes.get(self.pos + 1) == Some(&b'{') => {
                    match self.directive_len(2, b"}") {
                        Some(n) => self.pos += n,
                        None => break,
                    }
                }
                b'/' if matches!(self.bytes.get(self.pos + 1), Some(b'/' | b'*')) => {
                    return Err(self.error_here(2, "JSON does not allow comments", Some("remove the comment; keep notes in a separate README or in the commit message")));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn error(&self, span: Span, message: impl Into<String>, help: Option<&str>) -> ParseError {
        ParseError {
            span,
            message: message.into(),
            help: help.map(str::to_string),
        }
    }

    fn error_here(&self, len: usize, message: impl Into<String>, help: Option<&str>) -> ParseError {
        let end = self.char_end(self.pos, len);
        self.error(Span::new(self.pos, end), message, help)
    }

    /// End of `len` bytes from `at`, widened to a char boundary.
    fn char_end(&self, at: usize, len: usize) -> usize {
        let mut end = (at + len).min(self.bytes.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        end
    }

    fn describe_here(&self) -> String {
        match self.text[self.pos..].chars().next() {
            None => "the end of the file".to_string(),
            Some(c) if c.is_control() => format!("the control character U+{:04X}", c as u32),
            Some(c) => format!("`{c}`"),
        }
    }

    fn document(&mut self) -> PResult<Node> {
        self.skip_ws()?;
        if self.pos >= self.bytes.len() {
            return Err(self.error(
                Span::new(0, 0),
                "the file is empty or holds only whitespace",
                Some("an ECS document is a JSON object such as {\"family\": ..., \"containerDefinitions\": [...]}"),
            ));
        }
        let root = self.value_tree()?;
        self.skip_ws()?;
        if self.pos < self.bytes.len() {
            return Err(self.error_here(
                1,
                format!("unexpected {} after the end of the JSON value", self.describe_here()),
                Some("a JSON file holds exactly one value; remove the extra text or wrap the values in an array"),
            ));
        }
        Ok(root)
    }

    /// Parse one complete value (with everything nested in it) using an explicit stack.
    fn value_tree(&mut self) -> PResult<Node> {
        let mut stack: Vec<Frame> = Vec::new();
        'value: loop {
            self.skip_ws()?;
            let start = self.pos;
            if matches!(self.peek(), Some(b'{' | b'[')) && stack.len() >= MAX_DEPTH {
                return Err(self.error_here(
                    1,
                    format!("nesting is deeper than {MAX_DEPTH} levels"),
                    Some("ECS documents are a few levels deep; this file is not one"),
                ));
            }
            let mut node = match self.peek() {
                Some(b'{') if !(self.templates && self.bytes.get(self.pos + 1) == Some(&b'{')) => {
                    self.pos += 1;
                    self.skip_ws()?;
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        Node {
                            span: Span::new(start, self.pos),
                            value: Value::Object(Vec::new()),
                        }
                    } else {
                        let key = self.key()?;
                        stack.push(Frame::Object {
                            start,
                            members: Vec::new(),
                            key: Some(key),
                        });
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    self.skip_ws()?;
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        Node {
                            span: Span::new(start, self.pos),
                            value: Value::Array(Vec::new()),
                        }
                    } else {
                        stack.push(Frame::Array {
                            start,
                            items: Vec::new(),
                        });
                        continue 'value;
                    }
                }
                _ => self.scalar()?,
            };
            // Attach the finished node to its parent; close parents as far as possible.
            loop {
                match stack.last_mut() {
                    None => return Ok(node),
                    Some(Frame::Array { items, .. }) => {
                        items.push(node);
                        self.skip_actions()?;
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws()?;
                                if self.peek() == Some(b']') {
                                    return Err(self.error(
                                        Span::new(self.pos - 1, self.pos),
                                        "trailing comma before `]`: JSON does not allow it",
                                        Some("remove the comma after the last element"),
                                    ));
                                }
                                continue 'value;
                            }
                            Some(b']') => {
                                self.pos += 1;
                                let Some(Frame::Array { start, items }) = stack.pop() else {
                                    unreachable!()
                                };
                                node = Node {
                                    span: Span::new(start, self.pos),
                                    value: Value::Array(items),
                                };
                            }
                            _ => return Err(self.expected("`,` or `]` after an array element")),
                        }
                    }
                    Some(Frame::Object { members, key, .. }) => {
                        let (k, key_span) = key.take().expect("object frame has a pending key");
                        if let Some(first) = members.iter().find(|m| m.key == k) {
                            self.duplicates.push(Duplicate {
                                key: k.clone(),
                                first: first.key_span,
                                second: key_span,
                            });
                        }
                        members.push(Member {
                            key: k,
                            key_span,
                            value: node,
                        });
                        self.skip_actions()?;
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws()?;
                                if self.peek() == Some(b'}') {
                                    return Err(self.error(
                                        Span::new(self.pos - 1, self.pos),
                                        "trailing comma before `}`: JSON does not allow it",
                                        Some("remove the comma after the last member"),
                                    ));
                                }
                                let next = self.key()?;
                                if let Some(Frame::Object { key, .. }) = stack.last_mut() {
                                    *key = Some(next);
                                }
                                continue 'value;
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                let Some(Frame::Object { start, members, .. }) = stack.pop() else {
                                    unreachable!()
                                };
                                node = Node {
                                    span: Span::new(start, self.pos),
                                    value: Value::Object(members),
                                };
                            }
                            Some(b'"') => {
                                return Err(self.error_here(
                                    1,
                                    "missing `,` between object members",
                                    Some("add a comma after the previous value"),
                                ));
                            }
                            _ => return Err(self.expected("`,` or `}` after an object member")),
                        }
                    }
                }
            }
        }
    }

    fn expected(&self, what: &str) -> ParseError {
        self.error_here(
            1,
            format!("expected {what}, found {}", self.describe_here()),
            None,
        )
    }

    /// Length of a template directive starting at `self.pos` whose opener is `open_len` bytes
    /// long and which ends with `close`, on one line.
    fn directive_len(&self, open_len: usize, close: &[u8]) -> Option<usize> {
        let rest = &self.bytes[self.pos..];
        let end = rest
            .get(open_len..)?
            .windows(close.len())
            .position(|w| w == close)?;
        let body = &rest[..open_len + end];
        (!body.contains(&b'\n')).then_some(open_len + end + close.len())
    }

    /// Whitespace, then Go template actions between members or elements (`{{ if .X }}`,
    /// `{{- end }}`), which are layout, not content.
    fn skip_actions(&mut self) -> PResult<()> {
        self.skip_ws()?;
        while self.templates && self.bytes.get(self.pos..self.pos + 2) == Some(b"{{") {
            match self.directive_len(2, b"}}") {
                Some(n) => {
                    self.pos += n;
                    self.skip_ws()?;
                }
                None => break,
            }
        }
        Ok(())
    }

    /// An object key followed by `:`.
    fn key(&mut self) -> PResult<(String, Span)> {
        self.skip_actions()?;
        let start = self.pos;
        match self.peek() {
            Some(b'"') => {}
            Some(b'\'') => {
                return Err(self.error_here(
                    1,
                    "object keys must use double quotes, not single quotes",
                    Some("replace ' with \""),
                ));
            }
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => {
                return Err(self.error_here(
                    1,
                    "object keys must be double-quoted strings",
                    Some("put the key in double quotes"),
                ));
            }
            _ => return Err(self.expected("a double-quoted object key")),
        }
        let key = self.string()?;
        let span = Span::new(start, self.pos);
        self.skip_ws()?;
        if self.peek() != Some(b':') {
            return Err(self.expected("`:` after the object key"));
        }
        self.pos += 1;
        Ok((key, span))
    }

    fn scalar(&mut self) -> PResult<Node> {
        let start = self.pos;
        let Some(b) = self.peek() else {
            return Err(self.error_here(
                0,
                "unexpected end of file: the JSON value is incomplete",
                Some("the file looks truncated; check that every `{` and `[` is closed"),
            ));
        };
        let value = match b {
            b'"' => {
                let s = self.string()?;
                let templated = self.templates && contains_placeholder(&s);
                Value::String {
                    value: s,
                    templated,
                }
            }
            b'-' | b'0'..=b'9' => self.number()?,
            _ => {
                if self.templates
                    && let Some(len) = placeholder_at(self.bytes, self.pos)
                {
                    // Extend over glued text such as `${A}${B}` or `${CPU}0`.
                    let mut end = self.pos + len;
                    while end < self.bytes.len() {
                        if let Some(more) = placeholder_at(self.bytes, end) {
                            end += more; // a glued placeholder, with its own braces
                        } else if matches!(
                            self.bytes[end],
                            b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n' | b':'
                        ) {
                            break;
                        } else {
                            end += 1;
                        }
                    }
                    let end = self.char_end(end, 0);
                    self.pos = end;
                    self.placeholders.push(Span::new(start, end));
                    return Ok(Node {
                        span: Span::new(start, end),
                        value: Value::Unknown(Unknown::placeholder(&self.text[start..end])),
                    });
                }
                let word_len = self.bytes[self.pos..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count();
                let word = &self.text[self.pos..self.pos + word_len];
                let literal = match word {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    "null" => Value::Null,
                    "True" | "TRUE" => {
                        return Err(self.error_here(
                            word_len,
                            format!("`{word}` is not a JSON value"),
                            Some("JSON booleans are lower-case: write `true`"),
                        ));
                    }
                    "False" | "FALSE" => {
                        return Err(self.error_here(
                            word_len,
                            format!("`{word}` is not a JSON value"),
                            Some("JSON booleans are lower-case: write `false`"),
                        ));
                    }
                    "None" | "NULL" | "Null" | "nil" => {
                        return Err(self.error_here(
                            word_len,
                            format!("`{word}` is not a JSON value"),
                            Some("write `null`, or leave the field out"),
                        ));
                    }
                    "" => {
                        if b == b'\'' {
                            return Err(self.error_here(
                                1,
                                "strings must use double quotes, not single quotes",
                                Some("replace ' with \""),
                            ));
                        }
                        if b == b'}' || b == b']' {
                            return Err(self.error_here(1, format!("expected a value, found {}", self.describe_here()), Some("a comma or colon is followed by nothing; remove it or add the value")));
                        }
                        return Err(self.expected("a JSON value"));
                    }
                    _ => {
                        let help = if self.templates {
                            "strings need double quotes; if this is a template variable, use a placeholder syntax ecslint knows (${VAR}, <VAR>, {{ ... }})"
                        } else {
                            "strings need double quotes (template placeholders are rejected because of --no-templates)"
                        };
                        return Err(self.error_here(
                            word_len,
                            format!("`{word}` is not a JSON value"),
                            Some(help),
                        ));
                    }
                };
                self.pos += word_len;
                literal
            }
        };
        Ok(Node {
            span: Span::new(start, self.pos),
            value,
        })
    }

    fn number(&mut self) -> PResult<Value> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = self.pos;
        if b[i] == b'-' {
            i += 1;
        }
        let int_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == int_start {
            self.pos = i;
            return Err(self.expected("a digit after `-`"));
        }
        if b[int_start] == b'0' && i - int_start > 1 {
            return Err(self.error(
                Span::new(start, i),
                "numbers cannot have leading zeros in JSON",
                Some("remove the leading zeros"),
            ));
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            let f = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == f {
                self.pos = i;
                return Err(self.expected("a digit after the decimal point"));
            }
        }
        if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            i += 1;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                i += 1;
            }
            let e = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == e {
                self.pos = i;
                return Err(self.expected("a digit in the exponent"));
            }
        }
        self.pos = i;
        let n: f64 = self.text[start..i].parse().unwrap_or(f64::INFINITY);
        if !n.is_finite() {
            return Err(self.error(
                Span::new(start, i),
                "number is out of range",
                Some("use a value that fits a 64-bit floating-point number"),
            ));
        }
        Ok(Value::Number(n))
    }

    /// A double-quoted string starting at `self.pos`.
    fn string(&mut self) -> PResult<String> {
        let open = self.pos;
        self.pos += 1;
        let b = self.bytes;
        // Fast path: no escapes.
        let mut i = self.pos;
        while i < b.len() && b[i] != b'"' && b[i] != b'\\' && b[i] >= 0x20 {
            i += 1;
        }
        if i < b.len() && b[i] == b'"' {
            let s = self.text[self.pos..i].to_string();
            self.pos = i + 1;
            return Ok(s);
        }
        let mut out = String::from(&self.text[self.pos..i]);
        self.pos = i;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error(
                    Span::new(open, self.bytes.len()),
                    "string is never closed",
                    Some("add the closing double quote"),
                ));
            };
            match c {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let esc = self.bytes.get(self.pos + 1).copied();
                    let ch = match esc {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let hi = self.hex4(self.pos + 2)?;
                            self.pos += 6;
                            let cp = if (0xD800..0xDC00).contains(&hi) {
                                if self.bytes.get(self.pos) == Some(&b'\\')
                                    && self.bytes.get(self.pos + 1) == Some(&b'u')
                                {
                                    let lo = self.hex4(self.pos + 2)?;
                                    if (0xDC00..0xE000).contains(&lo) {
                                        self.pos += 6;
                                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                    } else {
                                        0xFFFD
                                    }
                                } else {
                                    0xFFFD
                                }
                            } else {
                                hi
                            };
                            out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                            continue;
                        }
                        _ => {
                            return Err(self.error_here(2, "invalid escape sequence in string", Some("valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")));
                        }
                    };
                    out.push(ch);
                    self.pos += 2;
                }
                c if c < 0x20 => {
                    let help = if c == b'\n' {
                        "the string is not closed on this line, or contains a raw newline: close it, or write \\n"
                    } else {
                        "write control characters as escapes such as \\t or \\u0001"
                    };
                    return Err(self.error_here(
                        1,
                        "control character inside a string",
                        Some(help),
                    ));
                }
                _ => {
                    let start = self.pos;
                    while self.pos < b.len()
                        && b[self.pos] != b'"'
                        && b[self.pos] != b'\\'
                        && b[self.pos] >= 0x20
                    {
                        self.pos += 1;
                    }
                    out.push_str(&self.text[start..self.pos]);
                }
            }
        }
    }

    fn hex4(&self, at: usize) -> PResult<u32> {
        let digits = self
            .bytes
            .get(at..at + 4)
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit));
        match digits {
            Some(d) => Ok(
                u32::from_str_radix(std::str::from_utf8(d).unwrap_or("0"), 16).unwrap_or(0xFFFD),
            ),
            None => Err(self.error(
                Span::new(at.saturating_sub(2), self.char_end(at, 0)),
                "invalid \\u escape: expected four hex digits",
                None,
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Node {
        let p = parse(text, true);
        assert!(p.error.is_none(), "{:?}", p.error);
        p.root.unwrap()
    }

    fn err(text: &str) -> ParseError {
        parse(text, true).error.expect("expected an error")
    }

    #[test]
    fn spans_of_keys_and_values() {
        let text = r#"{"a": [1, "x\"y", true], "b": {"c": null}}"#;
        let root = ok(text);
        let a = root.member("a").unwrap();
        assert_eq!(&text[a.key_span.start..a.key_span.end], "\"a\"");
        assert_eq!(
            &text[a.value.span.start..a.value.span.end],
            r#"[1, "x\"y", true]"#
        );
        assert_eq!(a.value.items()[1].raw_str(), Some("x\"y"));
        let (c, _) = root.pointer("/b/c").unwrap();
        assert_eq!(&text[c.span.start..c.span.end], "null");
    }

    #[test]
    fn unquoted_placeholders_are_unknown_values() {
        let p = parse(
            r#"{"memory": ${TASK_MEMORY}, "port": <PORT>, "cpu": {{ .cpu }}}"#,
            true,
        );
        assert!(p.error.is_none(), "{:?}", p.error);
        assert_eq!(p.placeholders.len(), 3);
        let root = p.root.unwrap();
        assert!(root.get("memory").unwrap().is_unknown());
        assert!(root.get("cpu").unwrap().is_unknown());
        assert!(
            parse(r#"{"memory": ${TASK_MEMORY}}"#, false)
                .error
                .is_some()
        );
    }

    #[test]
    fn quoted_placeholders_mark_strings_templated() {
        let root = ok(r#"{"image": "${IMAGE}", "name": "web"}"#);
        assert!(root.get("image").unwrap().is_unknown());
        assert_eq!(root.get("name").unwrap().str(), Some("web"));
    }

    #[test]
    fn template_directives_between_members() {
        let text = "{\n  \"a\": 1,\n  %{ if x ~}\n  \"b\": 2,\n  %{~ endif }\n  {{ if .C }}\"c\": 3{{ end }}\n}";
        let root = ok(text);
        assert_eq!(root.get("b").unwrap().int(), Some(2));
        assert_eq!(root.get("c").unwrap().int(), Some(3));
        assert!(parse(text, false).error.is_some());
    }

    #[test]
    fn duplicates_are_kept_and_last_wins() {
        let p = parse(r#"{"a": 1, "a": 2}"#, true);
        assert_eq!(p.duplicates.len(), 1);
        assert_eq!(p.root.unwrap().get("a").unwrap().int(), Some(2));
    }

    #[test]
    fn precise_errors() {
        let e = err("{\"a\": 1,}");
        assert!(e.message.contains("trailing comma"), "{}", e.message);
        assert_eq!(e.span, Span::new(7, 8));
        assert!(err("{\"a\": True}").help.unwrap().contains("true"));
        assert!(err("{\"a\": 1").message.contains("expected"));
        assert!(err("").message.contains("empty"));
        assert!(err("{\"a\": 1} x").message.contains("after the end"));
        assert!(err("{\"a\" 1}").message.contains("`:`"));
        assert!(
            err("{\"a\": \"x}").message.contains("never closed")
                || err("{\"a\": \"x}").message.contains("closed")
        );
        assert!(err("// c\n{}").message.contains("comments"));
        assert!(err("{\"a\": 1e999}").message.contains("out of range"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(200_000);
        assert!(err(&deep).message.contains("nesting"));
        let ok_depth = format!("{}{}", "[".repeat(100), "]".repeat(100));
        ok(&ok_depth);
    }

    #[test]
    fn unicode_escapes() {
        let root = ok(r#"{"a": "\u00e9\ud83d\ude00"}"#);
        assert_eq!(root.get("a").unwrap().str(), Some("\u{e9}\u{1F600}"));
    }
}
