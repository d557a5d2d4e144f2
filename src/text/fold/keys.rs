//! The comparison keys of forms: the levels of [`FormKey`], and [`fold_key_in`], which keys a
//! spelling exactly (up to normalisation form, width, punctuation, spacing, invisible
//! characters and optional marks), without case (with the Turkic dotted and dotless i), or
//! folded as the matcher folds.
//!
//! This room keys short strings and nothing more: it keeps no offset map, and its `Folded`
//! level is [`super::fold_str`] itself, so that a key and the matcher never disagree.

use super::chars::{is_ignorable, map_punctuation};
use super::fold_str;
use unicode_normalization::UnicodeNormalization;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
