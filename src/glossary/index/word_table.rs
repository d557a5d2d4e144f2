//! The word table: the forms that are whole words of a spaced script, found by hashing the
//! runs of words that start at each word of a text, with Bloom filters ([`Filter`]) in front
//! of the first-word counts ([`FirstWords`]) and of the key table; and the word-by-word
//! search that walks a text through it.
//!
//! This room decides which keys it can hold ([`TableKey::of`]) and which runs of words are
//! worth a lookup. It holds no pattern ids (the key table does), and it leaves word
//! boundaries and the map back to the original text to `Index::accept`.

use super::key_table::fx_hash;
use super::{Hit, Index};
use crate::glossary::flat::{CompiledError, Flat, Reader, Writer};
use crate::text::name_starts;
use crate::text::Folded;
use crate::text::{is_unspaced, is_word_char, WordSpans};
use rustc_hash::FxHashMap;
use std::io::{self, Write};

/// The forms found word by word: every key that starts and ends with a letter or digit of a
/// spaced script, except those starting with an Arabic or Hebrew letter (whose proclitics
/// join the word before a name).
/// Such a key sits at word boundaries exactly when it starts at one of the text's word spans
/// (see [`WordSpans`]) and ends at another's end, so a hash lookup of the text from each
/// word start to each of the next few word ends finds it: no automaton state to walk per
/// byte, and nothing to build but a hash table.
pub(super) struct WordTable {
    /// The hashes of the keys' first words: most words of a text are no name's first word,
    /// and this filter says so in one read and a branch that is seldom taken, before
    /// `first` is probed.
    first_filter: Filter,
    /// The first word of each key, with the word counts of the keys that start with it.
    first: FirstWords,
    /// True when the table holds no key.
    pub(super) is_empty: bool,
    /// The hashes of the keys: most runs of words that start like a name are none, and
    /// this filter says so before the key table is read.
    keys: Filter,
}

/// The most words of a key the word table holds (one bit each in a `u64`); longer keys go
/// to the automaton.
const MAX_TABLE_WORDS: usize = 64;

impl WordTable {
    /// The word counts of the keys that start with `word` (see `first`), if any key does.
    #[inline]
    pub(super) fn word_counts(&self, word: &[u8]) -> Option<u64> {
        let hash = fx_hash(word);
        if !self.first_filter.may_hold(hash) {
            return None;
        }
        self.first.counts(hash)
    }
}

/// The first words of keys, by hash, with the word counts of the keys that start with each:
/// bit `n - 1` for `n` words, up to 15, and bit 15 for any longer key. Each slot is four
/// bytes (a 16-bit tag of the hash and the counts) and at most half are taken, so the
/// table of a 100,000-entity glossary stays in cache (1 MB), where a map of 64-bit hashes
/// would be read from memory for every word of a text that starts a name. Words whose
/// hashes share a slot's tag share its counts, which only costs lookups of keys that are
/// not there.
struct FirstWords {
    /// 0 is an empty slot.
    slots: Flat<u32>,
    /// `64 - log2(slots.len())`.
    shift: u32,
}

/// [`FirstWords`] counts bit of keys of 16 words or more.
const LONG_RUN: u64 = 1 << 15;

impl FirstWords {
    fn new(first: &FxHashMap<u64, u64>) -> FirstWords {
        let len = (first.len() * 2).next_power_of_two().max(64);
        let mut table = FirstWords {
            slots: Flat::from(vec![0; len]),
            shift: 64 - len.trailing_zeros(),
        };
        let mask = len - 1;
        let slots = table.slots.to_mut();
        for (&hash, &counts) in first {
            let short = (counts & (LONG_RUN - 1)) as u32;
            let counts = short
                | if counts >= LONG_RUN {
                    LONG_RUN as u32
                } else {
                    0
                };
            let (mut i, tag) = place(hash, table.shift);
            loop {
                let slot = &mut slots[i];
                if *slot == 0 {
                    *slot = tag | counts;
                    break;
                }
                if *slot & 0xFFFF_0000 == tag {
                    *slot |= counts;
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        table
    }

    /// The table of `slots` read from a compiled index.
    fn read(slots: Flat<u32>) -> Option<FirstWords> {
        let shift = 64 - slots.len().trailing_zeros();
        (slots.len().is_power_of_two() && slots.len() >= 64).then(|| FirstWords { slots, shift })
    }

    /// The word counts of the keys whose first word has hash `hash`, if any key's has.
    #[inline]
    fn counts(&self, hash: u64) -> Option<u64> {
        let (mut i, tag) = place(hash, self.shift);
        let mask = self.slots.len() - 1;
        // Bounded, as every probe of a table read in place is: a free slot ends it in a
        // table this build made, but a damaged file may have none.
        for _ in 0..self.slots.len() {
            let slot = self.slots[i];
            if slot == 0 {
                return None;
            }
            if slot & 0xFFFF_0000 == tag {
                let counts = u64::from(slot & 0xFFFF);
                // A long key: every run of 16 words or more is looked up.
                return Some(if counts & LONG_RUN != 0 {
                    counts | !(LONG_RUN - 1)
                } else {
                    counts
                });
            }
            i = (i + 1) & mask;
        }
        None
    }
}

/// The slot of [`FirstWords`] that `hash` is probed from, and its tag (in the high half,
/// never 0).
#[inline]
fn place(hash: u64, shift: u32) -> (usize, u32) {
    let x = (hash ^ (hash >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // Bits 16 to 31: none of those that pick the slot, while the table is under 2^32.
    let tag = (x as u32 & 0xFFFF_0000).max(1 << 16);
    ((x >> shift) as usize, tag)
}

/// How the word table files a key: the hash of its first word, its word count (one bit,
/// as in [`WordTable::first`]) and the key's own hash.
#[derive(Clone, Copy)]
pub(super) struct TableKey {
    first: u64,
    count: u64,
    key: u64,
}

impl TableKey {
    /// How `key` is filed, or `None` when it cannot be found word by word.
    pub(super) fn of(key: &str) -> Option<TableKey> {
        let (first, last) = (key.chars().next()?, key.chars().next_back()?);
        // A key that starts or ends inside a word needs the automaton's boundary tests.
        if !is_word_char(first) || !is_word_char(last) || key.chars().any(is_unspaced) {
            return None;
        }
        let mut spans = WordSpans::new(key, 0);
        let (_, first_end) = spans.next()?;
        let words = 1 + spans.count();
        (words <= MAX_TABLE_WORDS).then(|| TableKey {
            first: fx_hash(&key.as_bytes()[..first_end]),
            count: 1 << (words - 1),
            key: fx_hash(key.as_bytes()),
        })
    }
}

impl WordTable {
    pub(super) fn new<'k>(keys: impl Iterator<Item = &'k TableKey> + Clone) -> WordTable {
        let count = keys.clone().count();
        let mut first: FxHashMap<u64, u64> = FxHashMap::default();
        first.reserve(count);
        for k in keys.clone() {
            *first.entry(k.first).or_insert(0) |= k.count;
        }
        WordTable {
            first_filter: Filter::new(first.keys().copied(), first.len()),
            first: FirstWords::new(&first),
            is_empty: first.is_empty(),
            keys: Filter::new(keys.map(|k| k.key), count),
        }
    }

    pub(super) fn write<W: Write>(&self, w: &mut Writer<W>) -> io::Result<()> {
        w.list(&self.first_filter.words)?;
        w.list(&self.first.slots)?;
        w.list(&self.keys.words)?;
        w.u64(u64::from(self.is_empty))
    }

    pub(super) fn read(r: &mut Reader) -> Result<WordTable, CompiledError> {
        let first_filter = Filter::read(r.list()?);
        let first = FirstWords::read(r.list()?);
        let keys = Filter::read(r.list()?);
        let is_empty = r.u64()? != 0;
        let (Some(first_filter), Some(first), Some(keys)) = (first_filter, first, keys) else {
            return Err(r.damaged("the word table's size"));
        };
        Ok(WordTable {
            is_empty,
            first_filter,
            first,
            keys,
        })
    }
}

/// A blocked Bloom filter of 64-bit hashes: three bits of one `u64` per hash, so that a
/// query reads one word of memory. With 16 bits per hash, about one hash in a hundred that
/// was not added gets past (a one-bit-per-hash table of the same size lets through one in
/// fifteen).
struct Filter {
    words: Flat<u64>,
    /// `64 - log2(words.len())`: the top bits of a mixed hash pick the word.
    shift: u32,
}

impl Filter {
    fn new(hashes: impl Iterator<Item = u64>, count: usize) -> Filter {
        // At least 64 words, so that the shift stays below 64.
        let words = (count.saturating_mul(16) / 64).next_power_of_two().max(64);
        let mut filter = Filter {
            words: Flat::from(vec![0; words]),
            shift: 64 - words.trailing_zeros(),
        };
        for h in hashes {
            let (word, bits) = filter.place(h);
            filter.words.to_mut()[word] |= bits;
        }
        filter
    }

    /// The filter of `words` read from a compiled index.
    fn read(words: Flat<u64>) -> Option<Filter> {
        let shift = 64 - words.len().trailing_zeros();
        (words.len().is_power_of_two() && words.len() >= 64).then(|| Filter { words, shift })
    }

    /// The word of hash `h` and its bits there.
    #[inline]
    fn place(&self, h: u64) -> (usize, u64) {
        // Mixed by a multiplication, whose high and middle bits depend on all of `h`'s.
        let x = (h ^ (h >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let bit = |at: u32| 1u64 << ((x >> at) & 63);
        ((x >> self.shift) as usize, bit(20) | bit(26) | bit(32))
    }

    /// False when `h` was surely not added.
    #[inline]
    fn may_hold(&self, h: u64) -> bool {
        let (word, bits) = self.place(h);
        self.words[word] & bits == bits
    }
}

impl Index {
    /// The word-table hits: at each word of the text, the longest run of words that is a
    /// form's key and maps back to whole original characters. `alone` when the automaton
    /// finds nothing in this text: then they do not overlap; else a hit may start inside
    /// another, for `find` to resolve.
    pub(super) fn find_words(&self, folded: &Folded, original: &str, alone: bool) -> Vec<Hit> {
        let text = folded.text.as_str();
        let mut hits = Vec::new();
        if self.words.is_empty {
            return hits;
        }
        let mut words = WordSpans::new(text, 0);
        while let Some((start, end)) = words.next() {
            // A name in Arabic or Hebrew script may follow proclitics joined to it
            // ("والنيجر": and, the, Niger). It is looked for from the word's start, then
            // after each proclitic, leftmost first, as `after_proclitic` accepts them.
            let found = if text.as_bytes()[start].is_ascii() {
                // Most words: no proclitic, and no name's first word.
                let Some(counts) = self.words.word_counts(&text.as_bytes()[start..end]) else {
                    continue;
                };
                self.longest_from(start, end, counts, folded, original)
            } else {
                let (starts, n) = name_starts(text, start, end);
                starts[..n]
                    .iter()
                    .find_map(|&start| self.find_from(start, end, folded, original))
            };
            if let Some(hit) = found {
                hits.push(hit);
                // Without the automaton's hits, no other hit can start inside this one.
                if alone {
                    words = WordSpans::new(text, hit.folded_end);
                }
            }
        }
        hits
    }

    /// The longest key that starts at folded byte `start`, whose first word ends at `end`,
    /// and ends with a later word, if one is there and fits.
    fn find_from(&self, start: usize, end: usize, folded: &Folded, original: &str) -> Option<Hit> {
        let counts = self
            .words
            .word_counts(&folded.text.as_bytes()[start..end])?;
        self.longest_from(start, end, counts, folded, original)
    }

    /// [`Index::find_from`] once the first word's `counts` are known.
    #[inline]
    fn longest_from(
        &self,
        start: usize,
        end: usize,
        counts: u64,
        folded: &Folded,
        original: &str,
    ) -> Option<Hit> {
        let text = folded.text.as_str();
        // The ends of this word and of the next few, longest run first, where a key of
        // that many words starts with this one.
        let most = 64 - counts.leading_zeros() as usize;
        let mut ends = [0; MAX_TABLE_WORDS];
        ends[0] = end;
        let mut n = 1;
        for (_, e) in WordSpans::new(text, end).take(most - 1) {
            ends[n] = e;
            n += 1;
        }
        (0..n)
            .rev()
            .filter(|k| counts & (1 << k) != 0)
            .find_map(|k| {
                let end = ends[k];
                let key = &text[start..end];
                let hash = fx_hash(key.as_bytes());
                if !self.words.keys.may_hold(hash) {
                    return None;
                }
                let slot = self.slot(hash, key)?;
                self.accept(start, end, slot, folded, original)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A filter holds every hash added to it, and the first-word table gives each first
        /// word at least its own word counts (a shared tag only adds lookups).
        #[test]
        fn filters_and_first_words_never_lose_a_key(
            first in proptest::collection::hash_map(proptest::num::u64::ANY, 1u64.., 0..3000),
        ) {
            let first: FxHashMap<u64, u64> = first.into_iter().collect();
            let filter = Filter::new(first.keys().copied(), first.len());
            let table = FirstWords::new(&first);
            for (&hash, &counts) in &first {
                proptest::prop_assert!(filter.may_hold(hash));
                let found = table.counts(hash);
                proptest::prop_assert!(found.is_some_and(|f| f & counts == counts), "{:x} {:?}", counts, found);
            }
        }
    }
}
