//! Ordinary words per language, embedded from `lexicons/`, so that the near-miss rule can
//! tell a word of the language ("Swedes") from a mangled name ("Takoba").

use super::lexicon_table;

/// A lexicon's text and the hash table made from it when the crate was built.
macro_rules! lexicon {
    ($lang:literal) => {
        Lexicon {
            lang: $lang,
            text: include_str!(concat!("../../lexicons/", $lang, ".txt")),
            table: include_bytes!(concat!(env!("OUT_DIR"), "/", $lang, ".lexicon")),
        }
    };
}

static LEXICONS: &[Lexicon] = &[
    lexicon!("ar"),
    lexicon!("de"),
    lexicon!("en"),
    lexicon!("es"),
    lexicon!("fr"),
    lexicon!("hi"),
    lexicon!("it"),
    lexicon!("ja"),
    lexicon!("pt"),
    lexicon!("ru"),
    lexicon!("tr"),
];

/// The ordinary words of one language, lower-case.
pub struct Lexicon {
    lang: &'static str,
    text: &'static str,
    /// Made by `build.rs` (see [`lexicon_table`]): building a hash set of tens of thousands
    /// of words in every run that met the language was a fifth of checking a few megabytes
    /// of real text with the near-miss rule off.
    table: &'static [u8],
}

impl Lexicon {
    /// Whether `word`, in lower case, is an ordinary word.
    pub fn contains(&self, word: &str) -> bool {
        lexicon_table::contains(self.text, self.table, word)
    }
}

/// The lexicon of `lang`'s primary language, if there is one.
pub fn lexicon(lang: &str) -> Option<&'static Lexicon> {
    let primary = crate::lang_tag::primary_subtag(lang);
    LEXICONS
        .iter()
        .find(|l| l.lang.eq_ignore_ascii_case(primary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_ordinary_words_and_not_mangled_names() {
        let en = lexicon("en-GB").unwrap();
        assert!(en.contains("swedes") && en.contains("west") && en.contains("tiger"));
        assert!(!en.contains("takoba") && !en.contains("tassalit") && !en.contains("qasimi"));
        assert!(lexicon("fr").unwrap().contains("région"));
        assert!(lexicon("ru").unwrap().contains("россии"));
        assert!(lexicon("ja").unwrap().contains("クリスマス"));
        assert!(!lexicon("ja").unwrap().contains("ゼレンスキー"));
        assert!(lexicon("xx").is_none());
        assert!(lexicon("DE").unwrap().contains("haus"));
    }

    /// The table made when the crate was built holds every word of its lexicon and
    /// nothing else: no word less its last letter that the lexicon lacks, no word with its
    /// line ending, no empty word.
    #[test]
    fn every_table_holds_its_words_and_nothing_else() {
        for lexicon in LEXICONS {
            let (lang, text) = (lexicon.lang, lexicon.text);
            assert_eq!(
                lexicon.table,
                lexicon_table::build(text).as_slice(),
                "{lang}"
            );
            let words: std::collections::HashSet<&str> = text.lines().collect();
            for word in text.lines() {
                assert!(lexicon.contains(word), "{lang}: {word}");
                let shorter = &word[..word.char_indices().last().map_or(0, |(i, _)| i)];
                assert_eq!(
                    lexicon.contains(shorter),
                    words.contains(shorter) && !shorter.is_empty(),
                    "{lang}: {shorter:?}"
                );
            }
            let first = text.lines().next().unwrap();
            assert!(!lexicon.contains("") && !lexicon.contains("\n"), "{lang}");
            assert!(!lexicon.contains(&format!("{first}\n")), "{lang}");
        }
    }
}
