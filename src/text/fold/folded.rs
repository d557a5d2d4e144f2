//! A folded document: [`Folded`] folds a text character by character into a copy, with a map
//! of runs back to the original bytes, and converts offsets both ways (a folded range to the
//! original, refusing one that ends inside the expansion of one character, and an original
//! offset to the folded text).
//!
//! This room owns the run map and the collapsing of spaces. What each character folds to is
//! `chars`'s to decide, and the map must never be approximate: every folded byte maps to the
//! original character that produced it.

use super::chars::{fold_ascii8, fold_char, is_ignorable, ASCII_FOLD, NOT_ASCII};

/// A folded copy of a text plus a map from folded bytes back to original bytes.
///
/// The map is a list of runs, not an offset per byte: most folded text (ASCII, and letters
/// whose folding keeps their length) maps byte for byte onto the original, so a run is one
/// entry until a character is dropped, expanded or shortened. Writing an offset per byte cost
/// more than the folding itself.
#[derive(Debug)]
pub struct Folded {
    pub text: String,
    runs: Vec<Run>,
    original_len: usize,
    /// The run the last lookup found: the checks read offsets mostly in order, and in a
    /// file of many units (an XLIFF of 100,000) a binary search over every run of the file
    /// for each word was a tenth of a check.
    last_run: std::sync::atomic::AtomicUsize,
}

impl Clone for Folded {
    fn clone(&self) -> Self {
        Folded {
            text: self.text.clone(),
            runs: self.runs.clone(),
            original_len: self.original_len,
            last_run: std::sync::atomic::AtomicUsize::new(0),
        }
    }
}

/// A stretch of folded text from folded byte `folded`, which maps onto the original from
/// original byte `original`: byte for byte when `aligned`, else every byte of it comes from
/// the one original character at `original` (an expansion such as `ß` → `ss`, or a letter
/// whose folding has another length).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    folded: u32,
    original: u32,
    aligned: bool,
}

/// Folded bytes and the runs that map them back.
struct Writer {
    text: Vec<u8>,
    runs: Vec<Run>,
}

impl Writer {
    /// Records that the folded bytes from `folded` on come from the original at `original`:
    /// byte for byte when `aligned` (a new run only where the last one does not continue),
    /// else as the expansion of one character.
    #[inline]
    fn mark(&mut self, folded: usize, original: usize, aligned: bool) {
        let continues = aligned
            && self.runs.last().is_some_and(|r| {
                r.aligned && folded - r.folded as usize == original - r.original as usize
            });
        if !continues {
            self.runs.push(Run {
                folded: folded as u32,
                original: original as u32,
                aligned,
            });
        }
    }
}

impl Folded {
    /// Folds `original` (at most 4 GiB, so that offsets fit in `u32`).
    pub fn new(original: &str) -> Self {
        assert!(
            original.len() < u32::MAX as usize,
            "texts over 4 GiB are not supported"
        );
        let mut out = Writer {
            text: Vec::with_capacity(original.len()),
            runs: Vec::new(),
        };
        let mut last_was_space = false;
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII, the bulk of most texts, folds through a table, a stretch at a time; the
            // run only changes where a space is dropped.
            if b.is_ascii() {
                out.mark(out.text.len(), i, true);
                while i < bytes.len() {
                    // Eight bytes at a time while they need no space dropped.
                    if let Some(chunk) = bytes.get(i..i + 8) {
                        let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                        if let Some((folded, ends_in_space)) = fold_ascii8(chunk, last_was_space) {
                            out.text.extend_from_slice(&folded.to_le_bytes());
                            last_was_space = ends_in_space;
                            i += 8;
                            continue;
                        }
                    }
                    let f = ASCII_FOLD[bytes[i] as usize];
                    if f == NOT_ASCII {
                        break;
                    }
                    if f == b' ' {
                        if last_was_space {
                            i += 1;
                            // The next byte maps one further on than the folded text: a new
                            // run starts there.
                            while i < bytes.len() && ASCII_FOLD[bytes[i] as usize] == b' ' {
                                i += 1;
                            }
                            break;
                        }
                        last_was_space = true;
                    } else {
                        last_was_space = false;
                    }
                    out.text.push(f);
                    i += 1;
                }
                continue;
            }
            let c = original[i..].chars().next().expect("char boundary");
            let offset = i;
            i += c.len_utf8();
            if c.is_whitespace() {
                if !last_was_space {
                    out.mark(out.text.len(), offset, false);
                    out.text.push(b' ');
                    last_was_space = true;
                }
                continue;
            }
            if is_ignorable(c) {
                continue;
            }
            let before = out.text.len();
            let mut chars = 0;
            fold_char(c, &mut |f| {
                chars += 1;
                let mut buf = [0u8; 4];
                out.text
                    .extend_from_slice(f.encode_utf8(&mut buf).as_bytes());
            });
            let written = out.text.len() - before;
            if written == 0 {
                continue;
            }
            // One character for one of the same length maps byte for byte.
            out.mark(before, offset, chars == 1 && written == c.len_utf8());
            last_was_space = false;
        }
        Folded {
            text: String::from_utf8(out.text).expect("folding writes whole characters"),
            runs: out.runs,
            original_len: original.len(),
            last_run: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The run that folded byte `i` (< `text.len()`) belongs to.
    fn run_of(&self, i: usize) -> &Run {
        use std::sync::atomic::Ordering::Relaxed;
        let holds = |k: usize| {
            self.runs.get(k).is_some_and(|r| r.folded as usize <= i)
                && self.runs.get(k + 1).is_none_or(|r| r.folded as usize > i)
        };
        // The last run found, or one of the two after it, before a search.
        let last = self.last_run.load(Relaxed);
        let k = (last..last + 3)
            .find(|&k| holds(k))
            .unwrap_or_else(|| self.runs.partition_point(|r| r.folded as usize <= i) - 1);
        self.last_run.store(k, Relaxed);
        &self.runs[k]
    }

    /// Whether folded byte `i` (< `text.len()`) is the first byte its original character
    /// produced.
    fn starts_character(&self, i: usize) -> bool {
        let r = self.run_of(i);
        r.aligned || r.folded as usize == i
    }

    /// Maps the folded byte range `[start, end)` back to the original text. Returns `None`
    /// when either end falls inside the expansion of one original character (the `s` of an
    /// `ß` folded to `ss`, say), because such a range has no original counterpart.
    pub fn to_original(&self, start: usize, end: usize, original: &str) -> Option<(usize, usize)> {
        if start >= end || end > self.text.len() {
            return None;
        }
        if !self.starts_character(start) {
            return None;
        }
        if end < self.text.len() && !self.starts_character(end) {
            return None;
        }
        let o_start = self.original_start(start);
        let mut o_end = self.original_start(end);
        // Characters dropped by folding after the last matched one belong to the match only
        // when they are combining marks of it; bidi marks, zero-width characters and the
        // like stay outside, so that a fix does not delete them.
        while o_end > o_start {
            let c = original[..o_end].chars().next_back().expect("non-empty");
            if is_ignorable(c) || c.is_whitespace() {
                o_end -= c.len_utf8();
            } else {
                break;
            }
        }
        Some((o_start, o_end))
    }

    /// The folded offset of the first folded byte that comes from original offset `offset`
    /// (a character boundary of the original) or later.
    pub fn folded_offset(&self, offset: usize) -> usize {
        // The last run starting at or before `offset` in the original.
        let k = self.runs.partition_point(|r| r.original as usize <= offset);
        if k == 0 {
            return 0;
        }
        let r = &self.runs[k - 1];
        let run_end = self
            .runs
            .get(k)
            .map_or(self.text.len(), |next| next.folded as usize);
        if r.original as usize == offset {
            return r.folded as usize;
        }
        if r.aligned {
            let i = r.folded as usize + (offset - r.original as usize);
            if i < run_end {
                return i;
            }
        }
        run_end
    }

    /// The original offset of the character that produced folded byte `i`.
    pub fn original_start(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.original_len;
        }
        let r = self.run_of(i);
        if r.aligned {
            r.original as usize + (i - r.folded as usize)
        } else {
            r.original as usize
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::chars::fold_char_by_rules;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn maps_back_to_original_bytes() {
        let original = "le pre\u{301}sident Goi\u{308}ta\u{200F}, à Bamako";
        let folded = Folded::new(original);
        let start = folded.text.find("goita").unwrap();
        let (s, e) = folded
            .to_original(start, start + "goita".len(), original)
            .unwrap();
        // The combining diaeresis is part of the name; the RLM after it is not.
        assert_eq!(&original[s..e], "Goi\u{308}ta");
    }

    #[test]
    fn refuses_ranges_inside_one_original_character() {
        let original = "Straße";
        let folded = Folded::new(original);
        assert_eq!(folded.text, "strasse");
        // "stras" ends between the two s of ß.
        assert_eq!(folded.to_original(0, 5, original), None);
        assert_eq!(
            folded.to_original(0, 7, original),
            Some((0, original.len()))
        );
    }

    /// The offset map as one entry per folded byte: the original offset of the character
    /// that produced it, as the runs must reproduce at character boundaries.
    fn byte_starts(original: &str) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut starts = Vec::new();
        let mut last_was_space = false;
        for (offset, c) in original.char_indices() {
            if c.is_whitespace() {
                if !last_was_space {
                    text.push(' ');
                    starts.push(offset);
                    last_was_space = true;
                }
                continue;
            }
            if is_ignorable(c) {
                continue;
            }
            let before = text.len();
            fold_char_by_rules(c, &mut |f| text.push(f));
            starts.resize(text.len(), offset);
            if text.len() > before {
                last_was_space = false;
            }
        }
        (text, starts)
    }

    proptest! {
        /// The runs give the same text and, at every character boundary, the same offsets as
        /// an offset per byte; `folded_offset` inverts them.
        #[test]
        fn runs_match_an_offset_per_byte(s in "[\u{0}a-zA-Z0-9àéïÔßŁİı’` \u{301}\u{308}\u{200F}\u{00AD}\u{00A0}\u{3000}غُـاأىةשָׁ字マガﬁＴ가नाइजीΆΣςЁй\r\n\t-]{0,60}") {
            let folded = Folded::new(&s);
            let (text, starts) = byte_starts(&s);
            prop_assert_eq!(&folded.text, &text);
            for (i, _) in text.char_indices() {
                prop_assert_eq!(folded.original_start(i), starts[i], "folded byte {}", i);
            }
            for (o, _) in s.char_indices() {
                let expected = starts.iter().position(|&x| x >= o).unwrap_or(text.len());
                prop_assert_eq!(folded.folded_offset(o), expected, "original byte {}", o);
            }
        }

        /// Lookups in any order give what lookups in order give: the run remembered from
        /// the last one is only a place to start.
        #[test]
        fn lookups_in_any_order_agree(s in "[a-zA-ZàéßŁ’ \u{301}\u{200F}\u{3000}غُـا字マガﬁ가नाΆЁ\r\n]{0,60}", order in proptest::collection::vec(0usize..200, 0..40)) {
            let folded = Folded::new(&s);
            let (_, starts) = byte_starts(&s);
            let bounds: Vec<usize> = folded.text.char_indices().map(|(i, _)| i).collect();
            for k in order.iter().filter_map(|k| bounds.get(k % bounds.len().max(1))) {
                prop_assert_eq!(folded.original_start(*k), starts[*k], "folded byte {}", k);
            }
        }

        /// Every aligned folded range maps to a range of whole original characters whose own
        /// folding is exactly that folded range.
        #[test]
        fn offset_map_is_exact(s in "[a-zA-ZàéïÔßŁİı’ \u{301}\u{308}\u{200F}\u{00AD}\u{00A0}\u{3000}غُـاأىةשָׁ字マガﬁＴ가नाइजीΆΣςЁй\r\n-]{0,40}", a in 0usize..80, b in 0usize..80) {
            let folded = Folded::new(&s);
            let (a, b) = (a.min(folded.text.len()), b.min(folded.text.len()));
            let (a, b) = (a.min(b), a.max(b));
            if folded.text.is_char_boundary(a) && folded.text.is_char_boundary(b) {
                if let Some((os, oe)) = folded.to_original(a, b, &s) {
                    prop_assert!(s.is_char_boundary(os) && s.is_char_boundary(oe));
                    let piece = &folded.text[a..b];
                    let refolded = Folded::new(&s[os..oe]).text;
                    prop_assert_eq!(refolded.trim_matches(' '), piece.trim_matches(' '));
                }
            }
        }
    }
}
