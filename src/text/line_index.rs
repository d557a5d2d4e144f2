//! Line and column lookup, computed once per file and only when findings are rendered.

use serde::Serialize;

/// A position for people and editors: 1-based line, and 1-based columns counted in
/// characters (Unicode scalar values), UTF-8 bytes and UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    /// Column in characters, 1-based: what a person counts.
    pub column: usize,
    /// Column in UTF-8 bytes, 1-based.
    pub byte_column: usize,
    /// Column in UTF-16 code units, 1-based: what LSP clients and many editors use.
    pub utf16_column: usize,
}

/// Start offsets of every line of a text. Lines end at `\n`; a `\r` before it belongs to the
/// line break, not to the line's content.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // A byte order mark is not part of the first line's columns.
        let first = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        let mut starts = vec![first];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        if offset < self.starts[0] {
            return 0;
        }
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte range of line `line` (0-based) without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The 0-based line of byte `offset`, and the text of that line before it.
    fn line_and_before<'t>(&self, text: &'t str, offset: usize) -> (usize, &'t str) {
        let line = self.line_of(offset);
        (line, &text[self.starts[line].min(offset)..offset])
    }

    /// The 1-based line and character column of byte `offset` (a character boundary):
    /// [`LineIndex::position`] without the other columns.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let (line, before) = self.line_and_before(text, offset);
        (line + 1, before.chars().count() + 1)
    }

    /// The position of byte `offset`, which must lie on a character boundary.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let (line, before) = self.line_and_before(text, offset);
        Position {
            line: line + 1,
            column: before.chars().count() + 1,
            byte_column: before.len() + 1,
            utf16_column: before.encode_utf16().count() + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_bytes_and_utf16_units() {
        let text = "first\r\nMali – Goïta 𝐀 Takoba\n";
        let index = LineIndex::new(text);
        let offset = text.find("Takoba").unwrap();
        let pos = index.position(text, offset);
        assert_eq!(pos.line, 2);
        // "Mali – Goïta 𝐀 " is 15 characters; the en dash is 3 bytes, ï 2, 𝐀 4 (2 UTF-16 units).
        assert_eq!(pos.column, 16);
        assert_eq!(pos.byte_column, 1 + "Mali – Goïta 𝐀 ".len());
        assert_eq!(pos.utf16_column, 17);
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let text = "\u{FEFF}Takoba";
        assert_eq!(LineIndex::new(text).position(text, 3).column, 1);
    }

    #[test]
    fn line_span_excludes_crlf() {
        let text = "one\r\ntwo\r\nthree";
        let index = LineIndex::new(text);
        let (s, e) = index.line_span(text, 1);
        assert_eq!(&text[s..e], "two");
        let (s, e) = index.line_span(text, 2);
        assert_eq!(&text[s..e], "three");
    }
}
