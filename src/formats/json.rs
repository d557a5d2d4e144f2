//! JSON i18n files (flat or nested): every string value is a segment; keys, numbers and
//! structure are never touched. Escapes are decoded with their raw extent, and replacements
//! are written back escaped.

use super::{Extracted, ParseError, SegmentBuilder};

pub fn extract(text: &str) -> Result<Extracted, ParseError> {
    keyed(text).map(|(out, _)| out)
}

/// A JSON i18n file checked against its source file (`--source en.json`): each string value
/// of the target is a unit whose source is the value at the same key path in the source
/// ("menu.file.open", "items[2]"). A value whose key the source lacks is checked alone.
pub fn extract_paired(text: &str, source: &str) -> Result<Extracted, ParseError> {
    let (mut out, paths) = keyed(text)?;
    let (theirs, their_paths) = keyed(source).map_err(|e| ParseError {
        message: format!("in the source file: {}", e.message),
        ..e
    })?;
    let by_path: std::collections::HashMap<&str, &str> = their_paths
        .iter()
        .map(String::as_str)
        .zip(theirs.segments.iter().map(|s| s.text.as_str()))
        .collect();
    for (segment, path) in paths.iter().enumerate() {
        if let Some(source) = by_path.get(path.as_str()).filter(|s| !s.trim().is_empty()) {
            out.units.push(super::Unit {
                segment,
                id: path.clone(),
                source: source.to_string(),
            });
        }
    }
    Ok(out)
}

/// The segments of a JSON file, and the key path of each ("a.b", "list[0]").
fn keyed(text: &str) -> Result<(Extracted, Vec<String>), ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        out: Extracted::default(),
        path: Vec::new(),
        paths: Vec::new(),
    };
    p.ws();
    if p.peek() == Some(0xEF) && text[p.at..].starts_with('\u{FEFF}') {
        p.at += 3;
        p.ws();
    }
    p.value()?;
    p.ws();
    if p.at < p.bytes.len() {
        return Err(p.error("text after the JSON value"));
    }
    Ok((p.out, p.paths))
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    out: Extracted,
    /// The keys and indexes leading to the value being read.
    path: Vec<String>,
    /// The key path of each segment.
    paths: Vec<String>,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> ParseError {
        ParseError::at(self.text, self.at, format!("invalid JSON: {message}"))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), ParseError> {
        if self.peek() == Some(b) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected `{}`", b as char)))
        }
    }

    fn value(&mut self) -> Result<(), ParseError> {
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let segment = self.string()?;
                if !segment.is_empty() {
                    self.out.segments.push(segment.finish());
                    self.paths.push(self.path.concat());
                }
                Ok(())
            }
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => {
                while matches!(
                    self.peek(),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.at += 1;
                }
                Ok(())
            }
            _ => Err(self.error("expected a value")),
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), ParseError> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn object(&mut self) -> Result<(), ParseError> {
        self.expect(b'{')?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.string()?; // the key: read, never checked
            let step = if self.path.is_empty() {
                key.text().to_string()
            } else {
                format!(".{}", key.text())
            };
            self.ws();
            self.expect(b':')?;
            self.ws();
            self.path.push(step);
            self.value()?;
            self.path.pop();
            self.ws();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self) -> Result<(), ParseError> {
        self.expect(b'[')?;
        self.ws();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        let mut n = 0;
        loop {
            self.ws();
            self.path.push(format!("[{n}]"));
            self.value()?;
            self.path.pop();
            n += 1;
            self.ws();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn string(&mut self) -> Result<SegmentBuilder, ParseError> {
        self.expect(b'"')?;
        let mut b = SegmentBuilder::new();
        loop {
            let rest = &self.text[self.at..];
            let Some(stop) = rest.find(['"', '\\']) else {
                return Err(self.error("unterminated string"));
            };
            if rest[..stop].bytes().any(|c| c < 0x20) {
                return Err(self.error("control character in a string"));
            }
            b.push_raw(&rest[..stop], self.at);
            self.at += stop;
            if self.peek() == Some(b'"') {
                self.at += 1;
                return Ok(b);
            }
            let start = self.at;
            let esc = self.bytes.get(self.at + 1).copied();
            let decoded = match esc {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'/') => '/',
                Some(b'b') => '\u{8}',
                Some(b'f') => '\u{c}',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'u') => {
                    let (c, len) = self.unicode_escape()?;
                    b.push_decoded(&c.to_string(), start, len);
                    self.at = start + len;
                    continue;
                }
                _ => return Err(self.error("invalid escape")),
            };
            b.push_decoded(&decoded.to_string(), start, 2);
            self.at = start + 2;
        }
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, at the current position.
    fn unicode_escape(&self) -> Result<(char, usize), ParseError> {
        let hex = |at: usize| {
            self.text
                .get(at..at + 4)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .ok_or_else(|| self.error("invalid \\u escape"))
        };
        let first = hex(self.at + 2)?;
        if (0xD800..0xDC00).contains(&first) {
            if self.text.get(self.at + 6..self.at + 8) == Some("\\u") {
                let second = hex(self.at + 8)?;
                let c = 0x10000 + ((first - 0xD800) << 10) + (second.wrapping_sub(0xDC00) & 0x3FF);
                return char::from_u32(c)
                    .map(|c| (c, 12))
                    .ok_or_else(|| self.error("invalid surrogate pair"));
            }
            return Err(self.error("unpaired surrogate"));
        }
        char::from_u32(first)
            .map(|c| (c, 6))
            .ok_or_else(|| self.error("invalid \\u escape"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_values_are_segments_and_keys_are_not() {
        let text =
            r#"{"nav": {"mali": "Le Mali et \"Qasimi Quetta\""}, "n": 3, "list": ["Go\u00efta"]}"#;
        let x = extract(text).unwrap();
        let texts: Vec<&str> = x.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Le Mali et \"Qasimi Quetta\"", "Goïta"]);
        let s = &x.segments[0];
        let at = s.text.find("Qasimi").unwrap();
        let span = s.to_file(at, at + "Qasimi Quetta".len()).unwrap();
        assert_eq!(&text[span.start..span.end], "Qasimi Quetta");
        let g = &x.segments[1];
        let span = g.to_file(0, g.text.len()).unwrap();
        assert_eq!(&text[span.start..span.end], "Go\\u00efta");
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let e = extract("{\n  \"a\": \"x\",\n  \"b\" \"y\"\n}").unwrap_err();
        assert_eq!((e.line, e.column), (3, 7));
        assert!(e.message.contains("expected `:`"), "{}", e.message);
        assert_eq!(escape("say \"hi\"\n"), "say \\\"hi\\\"\\n");
    }
}
