//! Folding: the matcher's view of a text, insensitive to case, diacritics, normalisation form,
//! width, typographic punctuation and spacing, with an exact map back to original bytes.
//!
//! A glossary form and a document are folded by the same function, so one automaton pass over
//! the folded document finds every spelling of every form. What kind of difference separated
//! the document from the form (none, case only, or diacritics) is decided afterwards by
//! comparing [`FormKey`]s at finer levels.
//!
//! The fold's rooms, one concern each:
//!
//! - `chars`: what each character folds to: the ASCII table, typographic punctuation,
//!   diacritic marks, letter variants, and the table of the Basic Multilingual Plane.
//! - `folded`: a folded document ([`Folded`]), with its run map back to original bytes and
//!   its offset conversions.
//! - `keys`: the comparison keys of forms ([`FormKey`], [`fold_key`], [`fold_key_in`]).
//!
//! [`fold_str`], which folds a short string as a document is folded, stays here.

mod chars;
mod folded;
mod keys;

pub use chars::is_ignorable;
pub use folded::Folded;
pub use keys::{fold_key, fold_key_in, FormKey};

use chars::ASCII_FOLD;

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

    proptest! {
        /// The ASCII shortcut of `fold_str` folds as the general path does.
        #[test]
        fn fold_str_of_ascii_matches_the_general_folding(s in "[\u{0}-\u{7F}]{0,40}") {
            let general = Folded::new(&s).text;
            prop_assert_eq!(fold_str(&s), general.trim_matches(' '));
        }
    }
}
