//! The hash table of a lexicon, made when the crate is built (`build.rs` compiles this file
//! too) and read in place from the binary: a run that meets a language pays for no table.
//!
//! A lexicon is its text, one word per line, and a table of 2^k slots of four bytes each
//! (little-endian): 0 for an empty slot, else one more than the byte offset of a word's
//! line in the text. A word is looked for from the slot its hash's top k bits name, in
//! order, up to an empty slot. The table is at most half full.

/// The hash of `word`: the same on every machine, whatever the word size, since the
/// table is made on the building machine and read on the running one.
pub fn hash(word: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = word.len() as u64;
    let mut chunks = word.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(26) ^ w).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(26) ^ u64::from_le_bytes(b)).wrapping_mul(K);
    }
    h
}

/// The table of `text`'s lines (without the empty ones and repeats).
#[allow(dead_code)] // the crate reads tables; build.rs makes them (and the tests check it)
pub fn build(text: &str) -> Vec<u8> {
    let lines = text.split('\n').filter(|l| !l.is_empty()).count();
    let bits = (lines.max(1) * 2).next_power_of_two().trailing_zeros();
    let mut slots = vec![0u32; 1 << bits];
    let mut at = 0;
    for line in text.split('\n') {
        let offset = at;
        at += line.len() + 1;
        if line.is_empty() || find(text, &slots, bits, line.as_bytes()).is_some() {
            continue;
        }
        let mut i = first_slot(line.as_bytes(), bits);
        while slots[i] != 0 {
            i = (i + 1) & (slots.len() - 1);
        }
        slots[i] = u32::try_from(offset + 1).expect("a lexicon is less than 4 GB");
    }
    slots.iter().flat_map(|s| s.to_le_bytes()).collect()
}

fn first_slot(word: &[u8], bits: u32) -> usize {
    (hash(word) >> (64 - bits)) as usize
}

/// The slot that holds `word`, if any, in a table of `2^bits` slots read by `slot`.
fn find_by(
    text: &str,
    count: usize,
    bits: u32,
    word: &[u8],
    slot: impl Fn(usize) -> u32,
) -> Option<usize> {
    if word.is_empty() || word.contains(&b'\n') {
        return None;
    }
    let mut i = first_slot(word, bits);
    // At most half full: an empty slot ends every search.
    loop {
        let s = slot(i);
        if s == 0 {
            return None;
        }
        let start = s as usize - 1;
        let line = text.as_bytes().get(start..start + word.len());
        if line == Some(word)
            && matches!(text.as_bytes().get(start + word.len()), None | Some(b'\n'))
        {
            return Some(i);
        }
        i = (i + 1) & (count - 1);
    }
}

#[allow(dead_code)] // used by `build`
fn find(text: &str, slots: &[u32], bits: u32, word: &[u8]) -> Option<usize> {
    find_by(text, slots.len(), bits, word, |i| slots[i])
}

/// Whether `table` (made by [`build`] from `text`) holds `word`.
pub fn contains(text: &str, table: &[u8], word: &str) -> bool {
    let count = table.len() / 4;
    if count < 2 || !count.is_power_of_two() {
        return false;
    }
    let bits = count.trailing_zeros();
    find_by(text, count, bits, word.as_bytes(), |i| {
        let b = &table[i * 4..i * 4 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    })
    .is_some()
}
