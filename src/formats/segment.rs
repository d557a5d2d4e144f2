//! A segment of prose and its map back to file bytes.

use crate::text::Span;

/// Prose taken from a file: its decoded text and, for every decoded byte, the file range of
/// the raw text it came from. Raw text that was skipped in the middle of a segment (a tag, a
/// comment) is a gap: a fix may not cross it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Decoded offsets before which markup was skipped.
    gaps: Vec<usize>,
    /// The segment's own language, where the format says (an XLIFF target), else `None`.
    pub lang: Option<String>,
    /// A note for findings in this segment ("fuzzy entry").
    pub note: Option<String>,
}

impl Segment {
    /// The file range of the decoded range `[start, end)`, if both ends fall between decoded
    /// characters and no markup lies inside.
    pub fn to_file(&self, start: usize, end: usize) -> Option<Span> {
        if start >= end || end > self.text.len() {
            return None;
        }
        if !self.text.is_char_boundary(start) || !self.text.is_char_boundary(end) {
            return None;
        }
        if self.gaps.iter().any(|&g| g > start && g < end) {
            return None;
        }
        // One raw escape decoded to several bytes: a range must take all of them or none.
        if start > 0 && self.starts[start - 1] == self.starts[start] {
            return None;
        }
        if end < self.text.len() && self.starts[end - 1] == self.starts[end] {
            return None;
        }
        Some(Span::new(
            self.starts[start] as usize,
            self.ends[end - 1] as usize,
        ))
    }

    /// The file offset of decoded offset `offset` (for positions only, never for edits).
    pub fn file_offset(&self, offset: usize) -> usize {
        if offset < self.starts.len() {
            self.starts[offset] as usize
        } else {
            self.ends.last().map_or(0, |&e| e as usize)
        }
    }
}

/// Builds a [`Segment`] piece by piece, in file order.
#[derive(Debug, Default)]
pub struct SegmentBuilder {
    text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
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
        for (i, c) in raw.char_indices() {
            let start = (at + i) as u32;
            let end = start + c.len_utf8() as u32;
            self.text.push(c);
            for _ in 0..c.len_utf8() {
                self.starts.push(start);
                self.ends.push(end);
            }
        }
    }

    /// `decoded` text that the file writes as the `raw_len` bytes at `at` (an escape).
    pub fn push_decoded(&mut self, decoded: &str, at: usize, raw_len: usize) {
        self.text.push_str(decoded);
        for _ in 0..decoded.len() {
            self.starts.push(at as u32);
            self.ends.push((at + raw_len) as u32);
        }
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
            starts: self.starts,
            ends: self.ends,
            gaps: self.gaps,
            lang: None,
            note: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
