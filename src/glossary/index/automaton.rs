//! The Aho–Corasick automaton over the forms the word table cannot hold (forms that may sit
//! inside a word, Arabic and Hebrew ones after proclitics, scripts written without spaces):
//! how it is built (a DFA while its patterns are few, else a contiguous NFA), built when a
//! text first needs it, and searched, anchored at each character that may start a pattern
//! when no pattern starts with an ASCII byte inside a word.
//!
//! This room finds matches of the automaton's patterns and nothing else: which forms go to
//! the automaton is the build's choice, and whether a match sits at word boundaries and maps
//! back to whole original characters is `Index::accept`'s.

use super::key_table::fx_hash;
use super::{Hit, Index};
use crate::glossary::flat::Strings;
use crate::text::Folded;
use crate::text::{is_unspaced, is_word_char};
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use std::sync::OnceLock;

/// Up to this many bytes of patterns, the automaton is a DFA (see `Index::new`).
const DFA_PATTERN_BYTES: usize = 8 << 10;

impl Index {
    /// The automaton over the patterns the word table does not hold, for unanchored
    /// searches (see [`Index::anchored`]; anchored ones use [`Starts`]), built on
    /// first use.
    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                build_automaton(
                    self.automaton_patterns
                        .iter()
                        .map(|&p| self.ordered.bytes(p)),
                    false,
                )
            })
            .as_ref()
    }

    /// Whether the automaton's patterns may be found in `text`: when searches are
    /// anchored, only from a character that starts one of them.
    pub(super) fn automaton_may_match(&self, text: &str) -> bool {
        if self.anchored() {
            self.next_start(text, 0).is_some()
        } else {
            self.automaton().is_some()
        }
    }

    /// Every automaton pattern starts with a non-ASCII character (as those of scripts
    /// written without spaces do) or with an ASCII letter or digit where a word starts (a
    /// form that ends in a bracket or a full stop, "Myanmar (Burma)", which the word table
    /// cannot hold), so a match can only start at one of those: the automaton is built for
    /// anchored searches, run from each non-ASCII character of the text that starts a
    /// pattern and each such word start, and not at all in ASCII text when no pattern
    /// starts with ASCII (most folded English). Walking every byte of a 100 MB English
    /// corpus through an automaton of 9k Chinese names cost a third of the exact rules'
    /// throughput.
    pub(super) fn anchored(&self) -> bool {
        !self.pattern_starts.anywhere_in_ascii
    }

    /// Whether an anchored search finds nothing in ASCII text: no pattern starts with an
    /// ASCII byte.
    pub(super) fn no_ascii_start(&self) -> bool {
        !self.pattern_starts.ascii_start
    }

    /// Whether a pattern of the automaton starts with byte `b`.
    fn starts_pattern(&self, b: u8) -> bool {
        self.pattern_starts.group_of[usize::from(b)] != 0
    }

    /// The first byte at or after `at` where an anchored search may find a pattern: a
    /// non-ASCII character that starts one, or an ASCII byte that starts one at the start of
    /// a word (after no word character, or after a character of a script written without
    /// spaces, as `Index::accept` takes boundaries).
    fn next_start(&self, text: &str, mut at: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        if self.no_ascii_start() {
            loop {
                let q = next_non_ascii(bytes, at)?;
                if self.starts_pattern(bytes[q]) {
                    return Some(q);
                }
                at = q + text[q..].chars().next().map_or(1, char::len_utf8);
            }
        }
        // Whether the character before `at` ends a word (a character of a script written
        // without spaces does not: each is a word of its own).
        let word_before = |c: char| is_word_char(c) && !is_unspaced(c);
        let mut in_word = text[..at].chars().next_back().is_some_and(word_before);
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    if !in_word && self.starts_pattern(b) {
                        return Some(at);
                    }
                    // The rest of the run of ASCII letters and digits starts no word.
                    at += 1;
                    while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
                        at += 1;
                    }
                    in_word = true;
                } else {
                    at += 1;
                    in_word = false;
                }
                continue;
            }
            if self.starts_pattern(b) {
                return Some(at);
            }
            let c = text[at..].chars().next()?;
            in_word = word_before(c);
            at += c.len_utf8();
        }
        None
    }

    /// The automaton's hits, for the forms the word table does not hold.
    pub(super) fn find_automaton(&self, folded: &Folded, original: &str) -> Vec<Hit> {
        let text = folded.text.as_str();
        let mut hits = Vec::new();
        let mut at = 0;
        while at < text.len() {
            // The match, and the number of its pattern among the automaton's patterns.
            let (first, pattern) = if self.anchored() {
                // Leftmost-longest: the first character where a form may start, and the
                // longest form there, from the automaton of the patterns that start with
                // that character's first byte.
                let Some(q) = self.next_start(text, at) else {
                    break;
                };
                let found = self.pattern_starts.get(text.as_bytes()[q], self).and_then(
                    |(automaton, patterns)| {
                        let input = Input::new(text).range(q..).anchored(Anchored::Yes);
                        let m = automaton.find(input)?;
                        Some((m, patterns[m.pattern().as_usize()] as usize))
                    },
                );
                let Some(found) = found else {
                    at = q + text[q..].chars().next().map_or(1, char::len_utf8);
                    continue;
                };
                found
            } else {
                let Some(automaton) = self.automaton() else {
                    break;
                };
                let Some(m) = automaton.find(Input::new(text).range(at..)) else {
                    break;
                };
                (m, m.pattern().as_usize())
            };
            let mut accepted = self.accept(
                first.start(),
                first.end(),
                self.slot_of(self.automaton_patterns[pattern] as usize),
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

/// Where the automaton's patterns may start (see [`Index::anchored`]), and the patterns
/// grouped by their first byte for anchored searches: a search anchored at a byte can only
/// match a pattern that starts with that byte, so the patterns of each byte have an
/// automaton of their own, built when a text first holds a start for it. A text in one
/// script builds the automata of that script's patterns only: one automaton of the built-in
/// glossary's names in every script was a fifth of checking an English file of one line,
/// and a sixth of checking megabytes of real text in seven languages with the near-miss
/// rule off.
pub(super) struct Starts {
    /// For each byte, one more than the number of the group of patterns that start with
    /// it, or 0 when none does (then an anchored search never starts there: not at a
    /// Cyrillic letter, in a Russian text, when the automaton holds Chinese names).
    group_of: [u16; 256],
    groups: Vec<Group>,
    /// Some pattern starts with an ASCII byte.
    ascii_start: bool,
    /// Some pattern starts with an ASCII byte inside a word, or one that is no letter or
    /// digit: the automaton walks every byte.
    anywhere_in_ascii: bool,
}

struct Group {
    /// Numbers of the automaton's patterns (places in `Index::automaton_patterns`).
    patterns: Vec<u32>,
    automaton: OnceLock<Option<AhoCorasick>>,
}

impl Starts {
    /// The starts of `patterns` (numbers of keys in `ordered`), where `needs_boundary` says
    /// which keys must sit at word boundaries; `anywhere` makes the automaton walk every
    /// byte (the reference the word table is tested against).
    pub(super) fn of(
        ordered: &Strings,
        patterns: &[u32],
        needs_boundary: &[u8],
        anywhere: bool,
    ) -> Starts {
        let mut group_of = [0u16; 256];
        let mut groups: Vec<Group> = Vec::new();
        let mut anywhere_in_ascii = anywhere;
        for (i, &p) in patterns.iter().enumerate() {
            // An empty key starts with no byte: no text holds it as a form.
            let Some(&b) = ordered.bytes(p).first() else {
                continue;
            };
            anywhere_in_ascii |=
                b.is_ascii() && !(b.is_ascii_alphanumeric() && needs_boundary[p as usize] != 0);
            let g = &mut group_of[usize::from(b)];
            if *g == 0 {
                groups.push(Group {
                    patterns: Vec::new(),
                    automaton: OnceLock::new(),
                });
                *g = groups.len() as u16;
            }
            groups[usize::from(*g) - 1].patterns.push(i as u32);
        }
        Starts {
            ascii_start: group_of[..128].iter().any(|&g| g != 0),
            group_of,
            groups,
            anywhere_in_ascii,
        }
    }

    /// The anchored automaton of the patterns that start with `b`, and their numbers among
    /// `index`'s automaton patterns.
    fn get<'i>(&'i self, b: u8, index: &Index) -> Option<(&'i AhoCorasick, &'i [u32])> {
        let g = usize::from(self.group_of[usize::from(b)]).checked_sub(1)?;
        let group = &self.groups[g];
        let automaton = group.automaton.get_or_init(|| {
            let keys = group
                .patterns
                .iter()
                .map(|&i| index.ordered.bytes(index.automaton_patterns[i as usize]));
            build_automaton(keys, true)
        });
        Some((automaton.as_ref()?, &group.patterns))
    }
}

#[cfg(test)]
impl Starts {
    /// How many of the groups' automata have been built.
    pub(super) fn built(&self) -> usize {
        self.groups
            .iter()
            .filter(|g| g.automaton.get().is_some())
            .count()
    }
}

/// The automaton of `keys`, anchored or not, if there are any.
fn build_automaton<'k>(
    keys: impl Iterator<Item = &'k [u8]> + Clone,
    anchored: bool,
) -> Option<AhoCorasick> {
    keys.clone().next()?;
    // Leftmost-longest, non-overlapping matching is far faster than reporting every
    // overlapping match; when the longest form fails its word boundaries, the shorter
    // forms at the same start are looked up by their keys (see `Index::find`).
    // A DFA searches fastest while its table fits in cache; past that (and for memory)
    // a contiguous NFA is faster and far smaller. Measured: 10k entities, DFA 50 MB/s and
    // 278 ms to build, contiguous NFA 68 MB/s and 90 ms; the built-in glossary (40 KB of
    // patterns) builds in 31 ms as a DFA and 5 ms as an NFA, a cost every run pays.
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
