//! A segment of prose and its map back to file bytes.

use crate::text::Span;

/// Prose taken from a file: its decoded text and a map from decoded bytes back to the raw
/// file bytes they came from, as pieces: runs of text that the file holds as it is, and
/// escapes (several raw bytes for one decoded character). Raw text skipped in the middle of
/// a segment (a tag, a comment) is a gap: a fix may not cross it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pieces: Vec<Piece>,
    /// Decoded offsets before which markup was skipped.
    gaps: Vec<usize>,
    /// A note for findings in this segment ("fuzzy entry").
    pub note: Option<String>,
}

/// `len` decoded bytes from decoded offset `at`, written in the file from `file` on: as they
/// are (`raw_len == len`, `escape == false`), or as one escape of `raw_len` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    at: usize,
    file: usize,
    len: usize,
    raw_len: usize,
    escape: bool,
}

impl Segment {
    /// The piece holding decoded offset `offset`.
    fn piece(&self, offset: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.at <= offset);
        self.pieces.get(i.checked_sub(1)?)
    }

    /// The file range of the decoded range `[start, end)`, if both ends fall between decoded
    /// characters and whole escapes, and no markup lies inside.
    pub fn to_file(&self, start: usize, end: usize) -> Option<Span> {
        if start >= end || end > self.text.len() {
            return None;
        }
        if !self.text.is_char_boundary(start) || !self.text.is_char_boundary(end) {
            return None;
        }
        // Gaps are in order: the first after `start` decides.
        let next_gap = self.gaps.partition_point(|&g| g <= start);
        if self.gaps.get(next_gap).is_some_and(|&g| g < end) {
            return None;
        }
        let first = self.piece(start)?;
        let last = self.piece(end - 1)?;
        let file_start = match first.escape {
            true if start != first.at => return None,
            true => first.file,
            false => first.file + (start - first.at),
        };
        let file_end = match last.escape {
            true if end != last.at + last.len => return None,
            true => last.file + last.raw_len,
            false => last.file + (end - last.at),
        };
        Some(Span::new(file_start, file_end))
    }

    /// The file offset of decoded offset `offset` (for positions only, never for edits).
    pub fn file_offset(&self, offset: usize) -> usize {
        let Some(p) = self.piece(offset.min(self.text.len().saturating_sub(1))) else {
            return 0;
        };
        if offset >= p.at + p.len {
            // The end of the segment: after the last piece.
            p.file + p.raw_len
        } else if p.escape {
            p.file
        } else {
            p.file + (offset - p.at)
        }
    }
}

/// Builds a [`Segment`] piece by piece, in file order.
#[derive(Debug, Default)]
pub struct SegmentBuilder {
    text: String,
    pieces: Vec<Piece>,
    gaps: Vec<usize>,
}

impl SegmentBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// True when the segment has no text but white space.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Text that appears in the file as it is, at file offset `at`.
    pub fn push_raw(&mut self, raw: &str, at: usize) {
        if raw.is_empty() {
            return;
        }
        let offset = self.text.len();
        self.text.push_str(raw);
        // Continue the previous run when this one follows it in the file too.
        if let Some(last) = self.pieces.last_mut() {
            if !last.escape && last.at + last.len == offset && last.file + last.len == at {
                last.len += raw.len();
                last.raw_len += raw.len();
                return;
            }
        }
        self.pieces.push(Piece {
            at: offset,
            file: at,
            len: raw.len(),
            raw_len: raw.len(),
            escape: false,
        });
    }

    /// `decoded` text that the file writes as the `raw_len` bytes at `at` (an escape).
    pub fn push_decoded(&mut self, decoded: &str, at: usize, raw_len: usize) {
        if decoded.is_empty() {
            return;
        }
        let offset = self.text.len();
        self.text.push_str(decoded);
        self.pieces.push(Piece {
            at: offset,
            file: at,
            len: decoded.len(),
            raw_len,
            escape: true,
        });
    }

    /// Markup was skipped here: the text goes on, but no fix may cross this point.
    pub fn gap(&mut self) {
        if self.gaps.last() != Some(&self.text.len()) {
            self.gaps.push(self.text.len());
        }
    }

    pub fn finish(self) -> Segment {
        Segment {
            text: self.text,
            pieces: self.pieces,
            gaps: self.gaps,
            note: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_one_piece() {
        let mut b = SegmentBuilder::new();
        b.push_raw("Qasimi ", 10);
        b.push_raw("Quetta", 17);
        let s = b.finish();
        assert_eq!(s.pieces.len(), 1);
        assert_eq!(s.to_file(7, 13), Some(Span::new(17, 23)));
        assert_eq!(s.file_offset(13), 23);
    }

    #[test]
    fn maps_raw_escaped_and_gapped_text() {
        // File: `<p>AT&amp;T and <b>Goïta</b></p>`
        let mut b = SegmentBuilder::new();
        b.push_raw("AT", 3);
        b.push_decoded("&", 5, 5);
        b.push_raw("T and ", 10);
        b.gap();
        b.push_raw("Goïta", 19);
        let s = b.finish();
        assert_eq!(s.text, "AT&T and Goïta");
        assert_eq!(s.to_file(0, 4), Some(Span::new(3, 11)));
        let g = s.text.find("Goïta").unwrap();
        assert_eq!(s.to_file(g, s.text.len()), Some(Span::new(19, 25)));
        // "and Goïta" crosses the <b> tag.
        assert_eq!(s.to_file(5, s.text.len()), None);
    }
}
