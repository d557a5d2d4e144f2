//! The folding of one character at a time: the ASCII table (and its form that folds eight
//! bytes at once), the characters that carry no letter, typographic punctuation, diacritic
//! marks and letter variants, and the table of the Basic Multilingual Plane that is filled a
//! block at a time.
//!
//! This room decides what each character folds to and nothing else: it keeps no map back to
//! the original (see `folded`), leaves dropping spaces to its callers, and knows nothing of
//! the keys of forms (see `keys`), which only share its punctuation.

use unicode_normalization::char::decompose_compatible;

/// Marks a byte that [`ASCII_FOLD`] does not fold: never a byte of valid UTF-8.
pub(super) const NOT_ASCII: u8 = 0xFF;

/// The folding of each ASCII byte: lower case, a space for every space character, `'` for
/// the backtick, and [`NOT_ASCII`] for bytes that are not ASCII.
pub(super) const ASCII_FOLD: [u8; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => b' ',
            b'`' => b'\'',
            c => c.to_ascii_lowercase(),
        };
        b += 1;
    }
    table
};

/// Folds eight bytes (little-endian in `chunk`) as [`ASCII_FOLD`] does, all at once: `None`
/// when a byte is not ASCII or a space would be dropped (two in a row, or one after
/// `after_space`), which the byte-by-byte loop handles. Else the folded bytes, and whether
/// the last is a space.
#[inline]
pub(super) fn fold_ascii8(chunk: u64, after_space: bool) -> Option<(u64, bool)> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    if chunk & HIGH != 0 {
        return None;
    }
    // With every byte below 0x80, adding up to 0x7F to each carries into no other byte, so a
    // byte's high bit says whether it reached a bound.
    let at_least = |b: u64| chunk.wrapping_add(ONES * (0x80 - b)) & HIGH;
    let equal = |b: u64| {
        let x = chunk ^ (ONES * b);
        !(((x & LOW7).wrapping_add(LOW7)) | x) & HIGH
    };
    let upper = at_least(0x41) & !at_least(0x5B);
    let space = (at_least(0x09) & !at_least(0x0E)) | equal(0x20);
    let backtick = equal(0x60);
    if space & (space << 8) != 0 || (after_space && space & 0x80 != 0) {
        return None;
    }
    // High bits to whole bytes.
    let whole = |m: u64| (m >> 7) * 0xFF;
    let mut folded = chunk | (upper >> 2);
    folded = (folded & !whole(space)) | ((ONES * 0x20) & whole(space));
    folded = (folded & !whole(backtick)) | ((ONES * 0x27) & whole(backtick));
    Some((folded, space >> 63 != 0))
}

/// Characters that carry no letter: soft hyphen, zero-width characters, bidi controls,
/// the byte order mark and the Arabic tatweel.
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{061C}'
            | '\u{0640}'
    )
}

/// Typographic apostrophes, hyphens, dashes and quotes, each mapped to its ASCII stand-in.
pub(super) fn map_punctuation(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' | '`'
        | '\u{FF07}' => '\'',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{201C}'..='\u{201F}'
        | '\u{00AB}'
        | '\u{00BB}'
        | '\u{2039}'
        | '\u{203A}'
        | '\u{FF02}' => '"',
        _ => return None,
    })
}

/// Marks that are diacritics in the sense of the diacritics rule: Latin, Greek and Cyrillic
/// accents, Arabic vowel marks and Hebrew points. Kana voicing marks, Indic vowel signs and
/// the like are letters of their scripts and are kept.
fn is_diacritic_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
            | '\u{0591}'..='\u{05C7}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}'
    )
}

/// Letters that have no decomposition but that readers treat as a base letter plus a
/// diacritic, and script-specific letter variants that spellings use interchangeably.
fn fold_letter(c: char, emit: &mut impl FnMut(char)) {
    match c {
        'ß' => {
            emit('s');
            emit('s');
        }
        'æ' => {
            emit('a');
            emit('e');
        }
        'œ' => {
            emit('o');
            emit('e');
        }
        'þ' => {
            emit('t');
            emit('h');
        }
        'ł' | 'ŀ' => emit('l'),
        'ø' => emit('o'),
        'đ' | 'ð' => emit('d'),
        'ħ' => emit('h'),
        'ı' => emit('i'),
        'ς' => emit('σ'),
        // Arabic alef maqsura and teh marbuta are written for yeh and heh and back.
        'ى' => emit('ي'),
        'ة' => emit('ه'),
        _ => emit(c),
    }
}

/// Emits the folding of `c`: what [`fold_char_by_rules`] gives, read for characters of the
/// Basic Multilingual Plane from a table that is filled a block of 256 characters at a time,
/// the first time a text has one of them. Decomposing and lower-casing each character
/// anew held text in Cyrillic, Greek or Arabic to 76 MB/s.
#[inline]
pub(super) fn fold_char(c: char, emit: &mut impl FnMut(char)) {
    let u = c as u32;
    if u >= 0x1_0000 {
        return fold_char_by_rules(c, emit);
    }
    let block = FOLD_BLOCKS[(u >> 8) as usize].get_or_init(|| {
        let mut block = [COMPLEX; 256];
        for (k, slot) in block.iter_mut().enumerate() {
            let Some(c) = char::from_u32(u & !0xFF | k as u32) else {
                continue;
            };
            let (mut n, mut first) = (0, 0);
            fold_char_by_rules(c, &mut |f| {
                n += 1;
                first = f as u32;
            });
            *slot = match n {
                0 => NOTHING,
                1 => first,
                _ => COMPLEX,
            };
        }
        Box::new(block)
    });
    match block[(u & 0xFF) as usize] {
        NOTHING => {}
        COMPLEX => fold_char_by_rules(c, emit),
        f => emit(char::from_u32(f).expect("a folded character")),
    }
}

/// [`fold_char`]'s table: the folded character, or one of these two.
const NOTHING: u32 = u32::MAX;
const COMPLEX: u32 = u32::MAX - 1;
static FOLD_BLOCKS: [std::sync::OnceLock<Box<[u32; 256]>>; 256] =
    [const { std::sync::OnceLock::new() }; 256];

pub(super) fn fold_char_by_rules(c: char, emit: &mut impl FnMut(char)) {
    if let Some(p) = map_punctuation(c) {
        emit(p);
        return;
    }
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    decompose_compatible(c, |d| {
        if is_diacritic_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            if !is_diacritic_mark(l) {
                fold_letter(l, emit);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_fold_table_folds_every_character_as_the_rules_do() {
        for u in 0..0x1_0000u32 {
            if let Some(c) = char::from_u32(u) {
                let (mut table, mut rules) = (String::new(), String::new());
                fold_char(c, &mut |x| table.push(x));
                fold_char_by_rules(c, &mut |x| rules.push(x));
                assert_eq!(table, rules, "U+{u:04X}");
            }
        }
    }

    proptest! {
        /// Eight bytes at once fold as the table folds them one by one.
        #[test]
        fn eight_ascii_bytes_fold_as_the_table_does(
            bytes in proptest::array::uniform8(prop_oneof![
                0u8..0x80,
                proptest::sample::select(b" \t\n\x0B\x0C\r`AZaz@[\x08\x0E\x1F\x7F".to_vec()),
            ]),
            after_space in proptest::bool::ANY,
        ) {
            let chunk = u64::from_le_bytes(bytes);
            let folded: Vec<u8> = bytes.iter().map(|&b| ASCII_FOLD[b as usize]).collect();
            let spaces: Vec<bool> = folded.iter().map(|&f| f == b' ').collect();
            let drops = spaces.windows(2).any(|w| w[0] && w[1]) || (after_space && spaces[0]);
            match fold_ascii8(chunk, after_space) {
                None => prop_assert!(drops),
                Some((out, last)) => {
                    prop_assert!(!drops);
                    prop_assert_eq!(out.to_le_bytes().to_vec(), folded);
                    prop_assert_eq!(last, spaces[7]);
                }
            }
        }
    }
}
