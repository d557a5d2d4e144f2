//! Ordinary words per language, embedded from `lexicons/`, so that the near-miss rule can
//! tell a word of the language ("Swedes") from a mangled name ("Takoba").

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

static SOURCES: &[(&str, &str)] = &[
    ("ar", include_str!("../../lexicons/ar.txt")),
    ("de", include_str!("../../lexicons/de.txt")),
    ("en", include_str!("../../lexicons/en.txt")),
    ("es", include_str!("../../lexicons/es.txt")),
    ("fr", include_str!("../../lexicons/fr.txt")),
    ("hi", include_str!("../../lexicons/hi.txt")),
    ("it", include_str!("../../lexicons/it.txt")),
    ("ja", include_str!("../../lexicons/ja.txt")),
    ("pt", include_str!("../../lexicons/pt.txt")),
    ("ru", include_str!("../../lexicons/ru.txt")),
    ("tr", include_str!("../../lexicons/tr.txt")),
];

/// The ordinary words of one language, lower-case.
pub struct Lexicon {
    /// FxHash: a lexicon is built in every run that meets its language, and tens of
    /// thousands of short words hash several times faster than with SipHash.
    words: FxHashSet<&'static str>,
}

impl Lexicon {
    /// Whether `word`, in lower case, is an ordinary word.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

/// The lexicon of `lang`'s primary language, built on first use, if there is one.
pub fn lexicon(lang: &str) -> Option<&'static Lexicon> {
    static BUILT: OnceLock<Vec<OnceLock<Lexicon>>> = OnceLock::new();
    let primary = crate::lang_tag::primary_subtag(lang).to_ascii_lowercase();
    let i = SOURCES.iter().position(|(l, _)| *l == primary)?;
    let slots = BUILT.get_or_init(|| SOURCES.iter().map(|_| OnceLock::new()).collect());
    Some(slots[i].get_or_init(|| {
        let text = SOURCES[i].1;
        let mut words = FxHashSet::with_capacity_and_hasher(
            text.bytes().filter(|&b| b == b'\n').count() + 1,
            Default::default(),
        );
        words.extend(text.lines());
        Lexicon { words }
    }))
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
    }
}
