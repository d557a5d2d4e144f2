//! The Aho–Corasick automaton over the forms the word table cannot hold (forms that may sit
//! inside a word, Arabic and Hebrew ones after proclitics, scripts written without spaces):
//! how it is built (a DFA while its patterns are few, else a contiguous NFA), built when a
//! text first needs it, and searched, anchored at each non-ASCII character that starts a
//! pattern when no pattern starts with an ASCII byte.
//!
//! This room finds matches of the automaton's patterns and nothing else: which forms go to
//! the automaton is the build's choice, and whether a match sits at word boundaries and maps
//! back to whole original characters is `Index::accept`'s.

use super::key_table::fx_hash;
use super::{Hit, Index};
use crate::glossary::flat::Strings;
use crate::text::is_word_char;
use crate::text::Folded;
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

/// Up to this many bytes of patterns, the automaton is a DFA (see `Index::new`).
const DFA_PATTERN_BYTES: usize = 8 << 10;

impl Index {
    /// The automaton over the patterns the word table does not hold, built on first use:
    /// most texts of a language written with spaces never need it (see [`Index::anchored`]).
    pub(super) fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                build_automaton(&self.ordered, &self.automaton_patterns, self.anchored())
            })
            .as_ref()
    }

    /// Every automaton pattern starts with a non-ASCII character (as those of scripts
    /// written without spaces do), so a match can only start at one: the automaton is
    /// built for anchored searches, run from each non-ASCII character of the text that
    /// starts a pattern, and not at all in text that has none (most folded English).
    /// Walking every byte of a 100 MB English corpus through an automaton of 9k Chinese
    /// names cost a third of the exact rules' throughput.
    pub(super) fn anchored(&self) -> bool {
        no_ascii_start(&self.first_bytes)
    }

    /// Whether a pattern of the automaton starts with byte `b`.
    fn starts_pattern(&self, b: u8) -> bool {
        self.first_bytes[usize::from(b / 64)] >> (b % 64) & 1 == 1
    }

    /// The automaton's hits, for the forms the word table does not hold.
    pub(super) fn find_automaton(
        &self,
        automaton: &AhoCorasick,
        folded: &Folded,
        original: &str,
    ) -> Vec<Hit> {
        let text = folded.text.as_str();
        let mut hits = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let first = if self.anchored() {
                // Leftmost-longest: the first character where a form starts, and the
                // longest form there.
                let Some(q) = next_non_ascii(text.as_bytes(), at) else {
                    break;
                };
                let found = self
                    .starts_pattern(text.as_bytes()[q])
                    .then(|| automaton.find(Input::new(text).range(q..).anchored(Anchored::Yes)));
                let Some(m) = found.flatten() else {
                    at = q + text[q..].chars().next().map_or(1, char::len_utf8);
                    continue;
                };
                m
            } else {
                let Some(m) = automaton.find(Input::new(text).range(at..)) else {
                    break;
                };
                m
            };
            let mut accepted = self.accept(
                first.start(),
                first.end(),
                self.slot_of(self.automaton_patterns[first.pattern().as_usize()] as usize),
                folded,
                original,
            );
            if accepted.is_none() {
                // A shorter form at the same start may fit where the longest did not; a form
                // that needs boundaries ends where a word does, so each such prefix is looked
                // up by key, longest first.
                let span = &text[first.start()..first.end()];
                for (i, c) in span.char_indices().rev() {
                    let word_ends_here =
                        !is_word_char(c) && span[..i].chars().next_back().is_some_and(is_word_char);
                    if !word_ends_here {
                        continue;
                    }
                    let prefix = &span[..i];
                    if let Some(slot) = self.slot(fx_hash(prefix.as_bytes()), prefix) {
                        accepted =
                            self.accept(first.start(), first.start() + i, slot, folded, original);
                        if accepted.is_some() {
                            break;
                        }
                    }
                }
            }
            match accepted {
                Some(hit) => {
                    at = hit.folded_end;
                    hits.push(hit);
                }
                None => {
                    let next = text[first.start()..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                    at = first.start() + next;
                }
            }
        }
        hits
    }
}

/// The first bytes of the automaton's patterns, one bit each (see [`Index::first_bytes`]).
pub(super) fn first_bytes(ordered: &Strings, patterns: &[u32]) -> [u64; 4] {
    let mut first = [0u64; 4];
    for &p in patterns {
        if let Some(&b) = ordered.bytes(p).first() {
            first[usize::from(b / 64)] |= 1 << (b % 64);
        }
    }
    first
}

/// The automaton of `patterns` (numbers of keys in `ordered`), if there are any.
fn build_automaton(ordered: &Strings, patterns: &[u32], anchored: bool) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    // Leftmost-longest, non-overlapping matching is far faster than reporting every
    // overlapping match; when the longest form fails its word boundaries, the shorter
    // forms at the same start are looked up by their keys (see `Index::find`).
    // A DFA searches fastest while its table fits in cache; past that (and for memory)
    // a contiguous NFA is faster and far smaller. Measured: 10k entities, DFA 50 MB/s and
    // 278 ms to build, contiguous NFA 68 MB/s and 90 ms; the built-in glossary (40 KB of
    // patterns) builds in 31 ms as a DFA and 5 ms as an NFA, a cost every run pays.
    let keys = patterns.iter().map(|&p| ordered.bytes(p));
    let pattern_bytes: usize = keys.clone().map(<[u8]>::len).sum();
    let kind = if pattern_bytes <= DFA_PATTERN_BYTES {
        AhoCorasickKind::DFA
    } else {
        AhoCorasickKind::ContiguousNFA
    };
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(if anchored {
            StartKind::Anchored
        } else {
            StartKind::Unanchored
        })
        .kind(Some(kind))
        .build(keys)
        .expect("glossary patterns fit the automaton");
    Some(automaton)
}

/// Whether none of the bytes in `first_bytes` (one bit each) is ASCII.
fn no_ascii_start(first_bytes: &[u64; 4]) -> bool {
    first_bytes[..2] == [0, 0]
}

/// The first byte at or after `at` that is not ASCII: the start of a character, when `at`
/// is one. Eight bytes at a time.
#[inline]
fn next_non_ascii(bytes: &[u8], mut at: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let high = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) & HIGH;
        if high != 0 {
            return Some(at + high.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    (at..bytes.len()).find(|&i| !bytes[i].is_ascii())
}
