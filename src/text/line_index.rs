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
///
/// Columns are counted from the line's start, or, on long lines, from the last checkpoint
/// before the offset: a finding on a 4 MB line costs a kilobyte of counting, not megabytes.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// On lines longer than [`CHECKPOINT_EVERY`], every so many bytes: the offset, and the
    /// characters and UTF-16 units from its line's start to it. In order of offset.
    checkpoints: Vec<Checkpoint>,
}

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    offset: usize,
    chars: usize,
    utf16: usize,
}

/// Bytes between two checkpoints of a long line.
const CHECKPOINT_EVERY: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // A byte order mark is not part of the first line's columns.
        let first = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        let mut starts = vec![first];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            if end.saturating_sub(start) <= CHECKPOINT_EVERY {
                continue;
            }
            let (mut at, mut chars, mut utf16) = (start, 0, 0);
            loop {
                let mut next = (at + CHECKPOINT_EVERY).min(end);
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                if next >= end {
                    break;
                }
                for c in text[at..next].chars() {
                    chars += 1;
                    utf16 += c.len_utf16();
                }
                checkpoints.push(Checkpoint {
                    offset: next,
                    chars,
                    utf16,
                });
                at = next;
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// The last checkpoint at or before `offset` on the line that starts at `line_start`.
    fn checkpoint(&self, line_start: usize, offset: usize) -> Option<Checkpoint> {
        let i = self.checkpoints.partition_point(|c| c.offset <= offset);
        let c = *self.checkpoints.get(i.checked_sub(1)?)?;
        (c.offset >= line_start).then_some(c)
    }

    /// Characters and UTF-16 units from the start of the line to `offset`, and the bytes.
    fn counts(&self, text: &str, offset: usize) -> (usize, usize, usize, usize) {
        let line = self.line_of(offset);
        let start = self.starts[line].min(offset);
        let from = self.checkpoint(start, offset).unwrap_or(Checkpoint {
            offset: start,
            chars: 0,
            utf16: 0,
        });
        let (mut chars, mut utf16) = (from.chars, from.utf16);
        for c in text[from.offset..offset].chars() {
            chars += 1;
            utf16 += c.len_utf16();
        }
        (line, chars, utf16, offset - start)
    }

    /// The number of lines; a text ending in a line break has an empty last line.
    pub fn line_count(&self) -> usize {
        self.starts.len()
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

    /// The 1-based line and character column of byte `offset` (a character boundary):
    /// [`LineIndex::position`] without the other columns.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let (line, chars, _, _) = self.counts(text, offset);
        (line + 1, chars + 1)
    }

    /// The position of byte `offset`, which must lie on a character boundary.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let (line, chars, utf16, bytes) = self.counts(text, offset);
        Position {
            line: line + 1,
            column: chars + 1,
            byte_column: bytes + 1,
            utf16_column: utf16 + 1,
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

    #[test]
    fn long_lines_count_from_checkpoints_as_from_the_start() {
        let line = "Le chef Qasimi Quetta, 𝔸 du Mali, à Bamako. ".repeat(200);
        let text = format!("première ligne\n{line}\n{line}");
        let lines = LineIndex::new(&text);
        assert!(lines.checkpoints.len() > 10);
        for (offset, _) in text.char_indices().step_by(97) {
            let (l, before) = {
                let l = text[..offset].matches('\n').count();
                let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                (l, &text[start..offset])
            };
            let expected = Position {
                line: l + 1,
                column: before.chars().count() + 1,
                byte_column: before.len() + 1,
                utf16_column: before.encode_utf16().count() + 1,
            };
            assert_eq!(lines.position(&text, offset), expected, "at {offset}");
        }
    }
}
