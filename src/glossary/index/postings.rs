//! Postings: sorted lists of target ids under `u64` keys, in one array behind an
//! open-addressing table of plain slots, built in memory or read in place from a compiled
//! index.
//!
//! This room stores and finds lists and nothing more: it does not know what its keys stand
//! for (bigrams, skeletons), and it may merge the lists of keys that share a slot key, which
//! only adds candidates for the caller to verify.

use crate::glossary::flat::{CompiledError, Flat, Reader, Writer};
use bytemuck::{Pod, Zeroable};
use std::io::{self, Write};

/// Sorted, de-duplicated lists of target ids under `u64` keys, all in one array: no
/// allocation per key, which for 100k targets and a million keys is most of the memory.
///
/// A key and a target id are filed as one `u64`: the id in the low `id_bits` bits, and
/// above it the top bits of the key spread by a multiplication. So the pairs of a 100k
/// glossary (2.5 million) take 8 bytes each, not 16, and sort faster; they were the largest
/// block of fresh memory an index build touched. Two keys that share their top bits share a
/// list, which only adds candidates: every candidate is verified by edit distance.
///
/// The lists are found by key in an open-addressing table of plain slots, at most half full:
/// one read, most often, before the list itself (a sorted key array with a directory took
/// three, and cost near-miss 9%; three quarters full, the probes of keys that are not there
/// cost 8%), and a compiled index reads it in place. A slot is eight bytes: the top 32 bits
/// of the spread key (keys that share them share a list, as above) and where the list
/// starts in `ids`, which holds each list's length before its ids.
pub(super) struct Postings {
    /// Filed keys and their lists in `ids`; a free slot has key [`Range::FREE`].
    slots: Flat<Range>,
    /// Each list: its length, then its ids.
    ids: Flat<u32>,
    /// `64 - log2(slots.len())`.
    shift: u32,
    id_bits: u32,
}

/// A slot of [`Postings`]: a filed key, and where its list is in the ids.
#[derive(Clone, Copy, Pod, Zeroable)]
#[repr(C)]
struct Range {
    key: u32,
    start: u32,
}

impl Range {
    /// The key of a free slot (see [`Postings::slot_key`]).
    const FREE: u32 = u32::MAX;
}

impl Postings {
    /// Bits that hold every id below `count`.
    pub(super) fn id_bits(count: usize) -> u32 {
        (u64::BITS - (count as u64).leading_zeros()).max(1)
    }

    /// The filed key of `key` (see [`Postings`]).
    #[inline]
    fn filed(key: u64, id_bits: u32) -> u64 {
        key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> id_bits
    }

    /// `key` and `id` as one pair, for [`Postings::new`].
    #[inline]
    pub(super) fn pair(key: u64, id: u32, id_bits: u32) -> u64 {
        Postings::filed(key, id_bits) << id_bits | u64::from(id)
    }

    /// The slot that slot key `key` is probed from.
    #[inline]
    fn place(&self, key: u32) -> usize {
        (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The key a slot holds for filed key `key`: its top 32 bits (the product's, which
    /// depend on every bit of the key; low bits of a product depend only on the key's low
    /// bits, and would merge the length buckets of a bigram), never [`Range::FREE`].
    #[inline]
    fn slot_key(key: u64, id_bits: u32) -> u32 {
        ((key >> (32 - id_bits)) as u32).min(Range::FREE - 1)
    }

    pub(super) fn new(mut pairs: Vec<u64>, id_bits: u32) -> Postings {
        // Grouped by slot key, ids in order within one: the pairs are made over into the
        // slot key above the id, sorted, and made unique.
        let id_mask = (1u64 << id_bits) - 1;
        for pair in &mut pairs {
            let key = Postings::slot_key(*pair >> id_bits, id_bits);
            *pair = u64::from(key) << 32 | (*pair & id_mask);
        }
        pairs.sort_unstable();
        pairs.dedup();
        let key = |pair: &u64| (pair >> 32) as u32;
        let distinct = pairs.chunk_by(|a, b| key(a) == key(b)).count();
        let len = (distinct * 2).next_power_of_two().max(64);
        let free = Range {
            key: Range::FREE,
            start: 0,
        };
        let mut postings = Postings {
            slots: Flat::from(vec![free; len]),
            ids: Flat::from(Vec::new()),
            shift: 64 - len.trailing_zeros(),
            id_bits,
        };
        let mut ids = Vec::with_capacity(pairs.len() + distinct);
        let mask = len - 1;
        for run in pairs.chunk_by(|a, b| key(a) == key(b)) {
            let k = key(&run[0]);
            let start = ids.len() as u32;
            ids.push(run.len() as u32);
            ids.extend(run.iter().map(|&pair| pair as u32));
            let mut i = postings.place(k);
            let slots = postings.slots.to_mut();
            while slots[i].key != Range::FREE {
                i = (i + 1) & mask;
            }
            slots[i] = Range { key: k, start };
        }
        postings.ids = Flat::from(ids);
        postings
    }

    pub(super) fn get(&self, key: u64) -> &[u32] {
        let key = Postings::slot_key(Postings::filed(key, self.id_bits), self.id_bits);
        let mask = self.slots.len() - 1;
        let mut i = self.place(key);
        for _ in 0..self.slots.len() {
            let slot = &self.slots[i];
            if slot.key == key {
                let start = slot.start as usize + 1;
                let len = self.ids[start - 1] as usize;
                return &self.ids[start..start + len];
            }
            if slot.key == Range::FREE {
                return &[];
            }
            i = (i + 1) & mask;
        }
        &[]
    }

    pub(super) fn write<W: Write>(&self, w: &mut Writer<W>) -> io::Result<()> {
        w.list(&self.slots)?;
        w.list(&self.ids)?;
        w.u64(u64::from(self.id_bits))
    }

    /// Postings written by [`Postings::write`], if their sizes agree.
    pub(super) fn read(r: &mut Reader) -> Result<Postings, CompiledError> {
        let slots = r.list::<Range>()?;
        let ids = r.list::<u32>()?;
        let id_bits = r.u64()?;
        if !slots.len().is_power_of_two() || slots.len() < 64 || !(1..64).contains(&id_bits) {
            return Err(r.damaged("the postings' sizes"));
        }
        Ok(Postings {
            shift: 64 - slots.len().trailing_zeros(),
            slots,
            ids,
            id_bits: id_bits as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    /// Two keys that share a slot key share one list, with the ids of both in order: more
    /// candidates to verify, never fewer.
    #[test]
    fn keys_that_share_a_slot_share_their_ids() {
        // Keys as scattered as hashes are (sequential ones never meet under a multiplication).
        let scatter = |i: u64| {
            let x = (i ^ (i >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x ^ (x >> 29)
        };
        let mut seen = FxHashMap::default();
        let (a, b) = (1u64..)
            .map(scatter)
            .find_map(|k| {
                let slot = Postings::slot_key(Postings::filed(k, 7), 7);
                seen.insert(slot, k).map(|other| (other, k))
            })
            .unwrap();
        let postings = Postings::new(
            vec![
                Postings::pair(a, 9, 7),
                Postings::pair(b, 3, 7),
                Postings::pair(a, 5, 7),
                Postings::pair(a + 1, 4, 7),
            ],
            7,
        );
        assert_eq!(postings.get(a), &[3, 5, 9]);
        assert_eq!(postings.get(b), &[3, 5, 9]);
        assert!(!postings.get(a + 1).contains(&9));
    }

    proptest::proptest! {
        /// Postings give every key its ids, and no ids to a key never filed (but those of
        /// keys that share its slot key).
        #[test]
        fn postings_find_what_was_filed(
            pairs in proptest::collection::vec((0u64..5000, 0u32..100), 0..400),
            probes in proptest::collection::vec(0u64..6000, 0..50),
        ) {
            let postings = Postings::new(
                pairs.iter().map(|&(k, id)| Postings::pair(k, id, 7)).collect(),
                7,
            );
            let slot_key = |k: u64| Postings::slot_key(Postings::filed(k, 7), 7);
            for key in probes.iter().chain(pairs.iter().map(|(k, _)| k)) {
                let mut expected: Vec<u32> = pairs
                    .iter()
                    .filter(|(k, _)| slot_key(*k) == slot_key(*key))
                    .map(|&(_, id)| id)
                    .collect();
                expected.sort_unstable();
                expected.dedup();
                proptest::prop_assert_eq!(postings.get(*key), &expected[..]);
            }
        }
    }
}
