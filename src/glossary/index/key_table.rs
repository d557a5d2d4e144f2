//! The key table: pattern ids by the hash of their folded keys, in open addressing over plain
//! slots that hold each key's first bytes (so that most lookups read one cache line, and a
//! compiled index reads the table in place); and [`fx_hash`], the hash that every table of
//! the index files things under.
//!
//! This room maps keys to their patterns (and each pattern's correct-form hash) and nothing
//! more: it folds nothing, knows no pattern's forms and decides no match.

use crate::glossary::flat::{Flat, Strings};
use bytemuck::{Pod, Zeroable};
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// A pattern in [`super::Index`]'s key table, with its key's first bytes: most keys are short
/// enough to be compared right there, without reading the key list and the string it points
/// to (two cache misses for every name a text mentions).
#[derive(Clone, Copy, Pod, Zeroable)]
#[repr(C)]
pub(super) struct KeySlot {
    pub(super) pattern: u32,
    /// The key's length, or [`LONG_KEY`] when it is longer than `head`.
    len: u8,
    head: [u8; 19],
    /// The pattern's correct form (see [`super::build::correct_hashes`]); 0 for none.
    pub(super) correct: u64,
}

/// [`KeySlot::len`] of a key longer than a slot holds.
const LONG_KEY: u8 = u8::MAX;

impl KeySlot {
    /// The pattern of a free slot.
    pub(super) const EMPTY: u32 = u32::MAX;

    pub(super) fn new(pattern: u32, key: &[u8]) -> KeySlot {
        let mut head = [0; 19];
        let n = key.len().min(head.len());
        head[..n].copy_from_slice(&key[..n]);
        let len = if key.len() <= head.len() {
            key.len() as u8
        } else {
            LONG_KEY
        };
        KeySlot {
            pattern,
            len,
            head,
            correct: 0,
        }
    }

    /// Whether this slot's key is `key`; `ordered` holds the long keys.
    #[inline]
    fn holds(&self, key: &[u8], ordered: &Strings) -> bool {
        if self.len == LONG_KEY {
            key.len() > self.head.len()
                && key[..self.head.len()] == self.head
                && ordered.bytes(self.pattern) == key
        } else {
            key.len() == usize::from(self.len) && key == &self.head[..key.len()]
        }
    }
}

/// The patterns by the hash of their keys: open addressing with linear probing over
/// [`KeySlot`]s, at most three quarters full (as full as a hash map of the same memory). A slot holds its key's first bytes, so that most
/// lookups read one cache line, and it is plain data, so that a compiled index reads the
/// table in place.
#[derive(Default)]
pub(super) struct KeyTable {
    pub(super) slots: Flat<KeySlot>,
    /// Slots taken.
    pub(super) len: usize,
    /// `64 - log2(slots.len())`.
    shift: u32,
}

impl KeyTable {
    pub(super) fn with_capacity(keys: usize) -> KeyTable {
        let len = (keys + keys / 3).next_power_of_two().max(64);
        let empty = KeySlot {
            pattern: KeySlot::EMPTY,
            ..KeySlot::zeroed()
        };
        KeyTable {
            slots: Flat::from(vec![empty; len]),
            len: 0,
            shift: 64 - len.trailing_zeros(),
        }
    }

    /// The table of `slots`, `len` of them taken, read from a compiled index.
    pub(super) fn read(slots: Flat<KeySlot>, len: usize) -> Option<KeyTable> {
        let shift = 64 - slots.len().trailing_zeros();
        (slots.len().is_power_of_two() && slots.len() >= 64 && len < slots.len())
            .then(|| KeyTable { slots, len, shift })
    }

    #[inline]
    fn place(&self, hash: u64) -> usize {
        ((hash ^ (hash >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    pub(super) fn find(&self, hash: u64, key: &[u8], ordered: &Strings) -> Option<KeySlot> {
        let mask = self.slots.len() - 1;
        let mut i = self.place(hash);
        for _ in 0..self.slots.len() {
            let slot = &self.slots[i];
            if slot.pattern == KeySlot::EMPTY {
                return None;
            }
            if slot.holds(key, ordered) {
                return Some(*slot);
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Files `slot`, whose key (in `ordered`) has hash `hash` and is not in the table yet.
    pub(super) fn insert(&mut self, hash: u64, slot: KeySlot, ordered: &Strings) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            let mut grown = KeyTable::with_capacity(self.slots.len());
            for s in self.slots.iter().filter(|s| s.pattern != KeySlot::EMPTY) {
                let hash = fx_hash(ordered.bytes(s.pattern));
                grown.insert(hash, *s, ordered);
            }
            *self = grown;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.place(hash);
        let slots = self.slots.to_mut();
        while slots[i].pattern != KeySlot::EMPTY {
            i = (i + 1) & mask;
        }
        slots[i] = slot;
        self.len += 1;
    }
}

/// The hash of bytes that the index files things under: keys, first words, skeletons.
#[inline]
pub(super) fn fx_hash(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key table grows past the size it was made for, and finds every key it holds,
    /// long and short, and none it does not.
    #[test]
    fn the_key_table_grows_and_finds_every_key() {
        let mut ordered = Strings::default();
        let mut table = KeyTable::with_capacity(1);
        let key = |i: usize| format!("{} {i}", "ассими гоита".repeat(i % 3));
        for i in 0..1000 {
            let k = key(i);
            let p = ordered.push(&k);
            table.insert(
                fx_hash(k.as_bytes()),
                KeySlot::new(p, k.as_bytes()),
                &ordered,
            );
        }
        assert_eq!(table.len, 1000);
        assert!(table.slots.len() >= 1334);
        for i in 0..1000 {
            let k = key(i);
            let slot = table.find(fx_hash(k.as_bytes()), k.as_bytes(), &ordered);
            assert_eq!(slot.map(|s| s.pattern), Some(i as u32), "{k}");
        }
        let absent = key(1000);
        assert!(table
            .find(fx_hash(absent.as_bytes()), absent.as_bytes(), &ordered)
            .is_none());
    }
}
