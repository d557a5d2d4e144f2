//! The tokenizer of folded text: [`WordSpans`], the word spans from a position (ASCII letters
//! and digits eight bytes at a time), and which characters words are made of
//! ([`is_word_char`], with a bit table of the Basic Multilingual Plane) or which stand apart
//! as letters of scripts written without spaces ([`is_unspaced`]).
//!
//! This room knows characters and spans only: nothing of keys, patterns or glossaries. It
//! allocates nothing per word, and its answers must agree with Unicode's tables (a test
//! checks every character).

/// The word spans of a folded text from byte `at` (a character boundary, and a word's start
/// or a boundary between words): maximal runs of letters, digits and marks, where a letter of
/// a script written without spaces is a word boundary of its own and belongs to no span.
pub(crate) struct WordSpans<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> WordSpans<'t> {
    pub(crate) fn new(text: &'t str, at: usize) -> Self {
        WordSpans { text, at }
    }

    /// Whether the character at byte `i` is a word character, and its length.
    #[inline]
    fn class(&self, i: usize) -> (bool, usize) {
        let b = self.text.as_bytes()[i];
        if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            self.class_past_ascii(i)
        }
    }

    /// [`WordSpans::class`] of a character past ASCII.
    #[inline(never)]
    fn class_past_ascii(&self, i: usize) -> (bool, usize) {
        let bytes = self.text.as_bytes();
        let b = bytes[i];
        if b < 0xE0 {
            // Two bytes, below U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic): decoded here,
            // and none is of a script written without spaces.
            let u = u32::from(b & 0x1F) << 6 | u32::from(bytes[i + 1] & 0x3F);
            let c = char::from_u32(u).expect("a two-byte character");
            (is_word_char(c), 2)
        } else {
            let c = self.text[i..].chars().next().expect("char boundary");
            (is_word_char(c) && !is_unspaced(c), c.len_utf8())
        }
    }
}

impl Iterator for WordSpans<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        let mut i = self.at;
        // Skip to a word; ASCII bytes are judged without decoding.
        loop {
            while i < len && bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i >= len {
                self.at = len;
                return None;
            }
            let (word, n) = self.class(i);
            if word {
                break;
            }
            i += n;
        }
        let start = i;
        loop {
            // Eight bytes at a time to the first that is not an ASCII letter or digit.
            while let Some(chunk) = bytes.get(i..i + 8) {
                let not_alnum =
                    not_ascii_alnum(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
                if not_alnum != 0 {
                    i += not_alnum.trailing_zeros() as usize / 8;
                    break;
                }
                i += 8;
            }
            while i < len && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i >= len || bytes[i].is_ascii() {
                break;
            }
            let (word, n) = self.class(i);
            if !word {
                break;
            }
            i += n;
        }
        self.at = i;
        Some((start, i))
    }
}

/// The high bit of each byte of `chunk` (little-endian) that is not an ASCII letter or digit.
#[inline]
fn not_ascii_alnum(chunk: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Below 0x80, adding up to 0x7F to each byte carries into no other byte.
    let low = chunk & !HIGH;
    let at_least = |b: u64| low.wrapping_add(ONES * (0x80 - b)) & HIGH;
    let alnum = (at_least(b'0' as u64) & !at_least(b'9' as u64 + 1))
        | (at_least(b'A' as u64) & !at_least(b'Z' as u64 + 1))
        | (at_least(b'a' as u64) & !at_least(b'z' as u64 + 1));
    !(alnum & !chunk) & HIGH
}

/// A letter, digit or combining mark: a character words are made of.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let u = c as u32;
    if u < 0x1_0000 {
        // Looking a character up in Unicode's tables costs a binary search each time: most
        // of building an index of Cyrillic and Arabic names, and of scanning such text.
        let table = BMP_WORD_CHARS.get_or_init(|| {
            let mut bits = vec![0u64; 0x1_0000 / 64].into_boxed_slice();
            for u in 0x80..0x1_0000u32 {
                if char::from_u32(u).is_some_and(is_word_char_by_tables) {
                    bits[(u / 64) as usize] |= 1 << (u % 64);
                }
            }
            bits
        });
        return table[(u / 64) as usize] >> (u % 64) & 1 == 1;
    }
    is_word_char_by_tables(c)
}

/// [`is_word_char`] of the Basic Multilingual Plane, one bit a character (8 KB), computed
/// the first time a text or glossary has a character past ASCII (about a millisecond).
static BMP_WORD_CHARS: std::sync::OnceLock<Box<[u64]>> = std::sync::OnceLock::new();

fn is_word_char_by_tables(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Letters of scripts that do not separate words with spaces.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'      // Thai, Lao
        | '\u{1000}'..='\u{109F}'    // Myanmar
        | '\u{1780}'..='\u{17FF}'    // Khmer
        | '\u{3040}'..='\u{30FF}'    // Hiragana, Katakana
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'    // CJK
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}'
        | '\u{20000}'..='\u{2FA1F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The word-wide test agrees with `is_ascii_alphanumeric` on every byte.
        #[test]
        fn eight_bytes_at_once_find_letters_and_digits(bytes in proptest::array::uniform8(proptest::num::u8::ANY)) {
            let mask = not_ascii_alnum(u64::from_le_bytes(bytes));
            for (k, b) in bytes.iter().enumerate() {
                proptest::prop_assert_eq!(mask >> (8 * k + 7) & 1 == 1, !b.is_ascii_alphanumeric(), "byte {}", b);
            }
        }
    }

    #[test]
    fn the_word_character_table_agrees_with_unicode_everywhere() {
        for u in 0..0x3_0000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_word_char(c), is_word_char_by_tables(c), "U+{u:04X}");
            }
        }
        assert!(is_word_char('Ж') && is_word_char('ج') && is_word_char('\u{0301}'));
        assert!(!is_word_char('«') && !is_word_char('،') && !is_word_char(' '));
    }
}
