//! Folding: the matcher's view of a text, insensitive to case, diacritics, normalisation form,
//! width, typographic punctuation and spacing, with an exact map back to original bytes.
//!
//! A glossary form and a document are folded by the same function, so one automaton pass over
//! the folded document finds every spelling of every form. What kind of difference separated
//! the document from the form (none, case only, or diacritics) is decided afterwards by
//! comparing [`FormKey`]s at finer levels.

use unicode_normalization::char::decompose_compatible;
use unicode_normalization::UnicodeNormalization;

/// A folded copy of a text plus a map from folded bytes back to original bytes.
///
/// The map is a list of runs, not an offset per byte: most folded text (ASCII, and letters
/// whose folding keeps their length) maps byte for byte onto the original, so a run is one
/// entry until a character is dropped, expanded or shortened. Writing an offset per byte cost
/// more than the folding itself.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    runs: Vec<Run>,
    original_len: usize,
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

/// Marks a byte that [`ASCII_FOLD`] does not fold: never a byte of valid UTF-8.
const NOT_ASCII: u8 = 0xFF;

/// The folding of each ASCII byte: lower case, a space for every space character, `'` for
/// the backtick, and [`NOT_ASCII`] for bytes that are not ASCII.
const ASCII_FOLD: [u8; 256] = {
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
fn fold_ascii8(chunk: u64, after_space: bool) -> Option<(u64, bool)> {
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
        }
    }

    /// The run that folded byte `i` (< `text.len()`) belongs to.
    fn run_of(&self, i: usize) -> &Run {
        let k = self.runs.partition_point(|r| r.folded as usize <= i);
        &self.runs[k - 1]
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

/// Folds a short string (a glossary form, a context word) the way [`Folded::new`] folds a
/// document, trimmed of spaces at both ends.
pub fn fold_str(s: &str) -> String {
    if s.is_ascii() {
        // The common case, without an offset map: the table's folding, spaces collapsed.
        let mut out = String::with_capacity(s.len());
        let mut space = true;
        for &b in s.as_bytes() {
            let f = ASCII_FOLD[b as usize];
            if f == b' ' {
                if !space {
                    out.push(' ');
                }
                space = true;
            } else {
                out.push(f as char);
                space = false;
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        return out;
    }
    let folded = Folded::new(s).text;
    folded.trim_matches(' ').to_string()
}

/// How closely two spellings are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    /// Equal up to normalisation form (NFKC), width, typographic punctuation, spacing and
    /// invisible characters: what a reader sees as the same spelling.
    Exact,
    /// As `Exact`, and insensitive to case.
    Caseless,
    /// As `Caseless`, and insensitive to diacritics and letter variants: the matcher's key.
    Folded,
}

/// The comparison key of `s` at level `key`, for no language in particular.
pub fn fold_key(s: &str, key: FormKey) -> String {
    fold_key_in(s, key, "")
}

/// The comparison key of `s` at level `key` in language `lang`. Turkish and Azerbaijani
/// lower-case I as dotless ı and İ as i. Everywhere, optional marks (Arabic vowel marks and
/// tatweel, Hebrew points) and Arabic letter variants (أ إ آ ٱ / ا, ى / ي, ة / ه) are not
/// spelling differences: they are equal at every level.
pub fn fold_key_in(s: &str, key: FormKey, lang: &str) -> String {
    if key == FormKey::Folded {
        return fold_str(s);
    }
    let turkic = matches!(crate::lang_tag::primary_subtag(lang), "tr" | "az");
    if s.is_ascii() && !(turkic && key == FormKey::Caseless) {
        let mut out = String::with_capacity(s.len());
        for word in s.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            for b in word.bytes() {
                let b = if b == b'`' { b'\'' } else { b };
                out.push(if key == FormKey::Caseless {
                    b.to_ascii_lowercase()
                } else {
                    b
                } as char);
            }
        }
        return out;
    }
    let mut out = String::with_capacity(s.len());
    let mut last_was_space = true;
    for c in s.nfkc() {
        if c.is_whitespace() {
            if !last_was_space {
                out.push(' ');
                last_was_space = true;
            }
            continue;
        }
        if is_ignorable(c) || is_optional_mark(c) {
            continue;
        }
        last_was_space = false;
        let c = map_punctuation(c)
            .or_else(|| arabic_letter_variant(c))
            .unwrap_or(c);
        match (key, c) {
            (FormKey::Caseless, 'I') if turkic => out.push('ı'),
            (FormKey::Caseless, 'İ') if turkic => out.push('i'),
            (FormKey::Caseless, c) => out.extend(c.to_lowercase()),
            (_, c) => out.push(c),
        }
    }
    out.truncate(out.trim_end_matches(' ').len());
    out
}

/// Marks that writers may add or leave out without misspelling: Arabic vowel marks (harakat,
/// superscript alef, Quranic marks) and Hebrew points and cantillation.
fn is_optional_mark(c: char) -> bool {
    matches!(c, '\u{0591}'..='\u{05C7}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Arabic letters that spellings use interchangeably, mapped to one of each set.
fn arabic_letter_variant(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        _ => return None,
    })
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
fn map_punctuation(c: char) -> Option<char> {
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
fn fold_char(c: char, emit: &mut impl FnMut(char)) {
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

fn fold_char_by_rules(c: char, emit: &mut impl FnMut(char)) {
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
    fn folds_case_diacritics_width_and_punctuation() {
        assert_eq!(fold_str("Assimi Goïta"), "assimi goita");
        assert_eq!(fold_str("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold_str("Co\u{302}te d'Ivoire"), "cote d'ivoire");
        assert_eq!(fold_str("Ｔａｋｕｂａ"), "takuba");
        assert_eq!(fold_str("Wagner\u{00A0}\u{00A0}Group"), "wagner group");
        assert_eq!(fold_str("Ta\u{00AD}kuba"), "takuba");
        assert_eq!(fold_str("Straße"), "strasse");
        assert_eq!(fold_str("Łódź"), "lodz");
        assert_eq!(fold_str("Ἀθῆναι"), "αθηναι");
        assert_eq!(fold_str("Ёлкин"), "елкин");
        // Arabic: vowel marks, tatweel and hamza-carrying alefs fold away.
        assert_eq!(fold_str("غُويـتا"), fold_str("غويتا"));
        assert_eq!(fold_str("أسيمي"), fold_str("اسيمي"));
        // Kana voicing is a letter difference, not a diacritic.
        assert_ne!(fold_str("ガ"), fold_str("カ"));
    }

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

    #[test]
    fn keys_separate_case_from_diacritics() {
        let exact = |s| fold_key(s, FormKey::Exact);
        let caseless = |s| fold_key(s, FormKey::Caseless);
        assert_eq!(exact("Co\u{302}te d’Ivoire"), exact("Côte d'Ivoire"));
        assert_ne!(exact("wagner group"), exact("Wagner Group"));
        assert_eq!(caseless("wagner group"), caseless("Wagner Group"));
        assert_ne!(caseless("Goita"), caseless("Goïta"));
        assert_eq!(exact("Ｇｏïｔａ"), exact("Goïta"));
    }

    #[test]
    fn optional_marks_and_letter_variants_are_the_same_spelling() {
        let exact = |s| fold_key(s, FormKey::Exact);
        assert_eq!(exact("مَالِي"), exact("مالي"));
        assert_eq!(exact("إيمانويل"), exact("ايمانويل"));
        assert_eq!(exact("مالى"), exact("مالي"));
        assert_eq!(exact("שָׁלוֹם"), exact("שלום"));
    }

    #[test]
    fn turkish_lower_cases_dotted_and_dotless_i() {
        let tr = |s| fold_key_in(s, FormKey::Caseless, "tr");
        assert_eq!(tr("FİLDİŞİ SAHİLİ"), tr("Fildişi Sahili"));
        assert_eq!(tr("IRAK"), "ırak");
        assert_eq!(fold_key_in("IRAK", FormKey::Caseless, "en"), "irak");
    }

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

        /// The ASCII shortcut of `fold_str` folds as the general path does.
        #[test]
        fn fold_str_of_ascii_matches_the_general_folding(s in "[\u{0}-\u{7F}]{0,40}") {
            let general = Folded::new(&s).text;
            prop_assert_eq!(fold_str(&s), general.trim_matches(' '));
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
