//! The endings a name takes in running text, per language: case and number endings of the
//! languages that inflect names (Slavic, Baltic, Finnic, Hungarian, Turkic, German, Greek),
//! the particles Korean writes on a name, and the plural and possessive endings of the
//! others.
//!
//! A name's inflected spelling is its stem (the name, less at most one final vowel or
//! ending-like letter that the paradigm replaces) followed by one of the language's endings:
//! "Москва" → "Москвы", "Nordkorea" → "Nordkoreas", "Suomi" → "Suomessa" is out of reach
//! (stem change), "Amerika" → "Amerikában". The tables are deliberately generous: they
//! decide that a spelling is *the same name inflected* (never reported as a near-miss of
//! anything) and which ending to keep when a wrong spelling is fixed, so a missing ending
//! costs a false finding and an extra one costs little.
//!
//! Everything is in folded form (see [`super::fold_str`]): lower case, marks removed.

use std::sync::OnceLock;

/// What a language's names may lose at the end before an ending, and the endings.
struct Table {
    strip: &'static [&'static str],
    endings: &'static [&'static str],
    /// Articles that decline inside a name ("Alexander der Große", "dem Großen").
    articles: &'static [&'static str],
    /// The only endings a name ending in a vowel takes (other than a strippable letter), if
    /// the language restricts them: German "Kanadas", never "Mongoleien".
    after_vowel: Option<&'static [&'static str]>,
}

const SLAVIC_EAST: Table = Table {
    strip: &["а", "я", "о", "е", "ь", "й", "ы", "и", "ия"],
    endings: &[
        "а", "я", "у", "ю", "ом", "ем", "ём", "е", "ы", "и", "ой", "ою", "ей", "ею", "ам", "ям",
        "ами", "ями", "ах", "ях", "ов", "ев", "ии", "ию", "ией", "ью", "ого", "его", "ому", "ему",
        "ым", "им", "ых", "их", "ую", "юю", "ая", "яя", "ие", "ые", "і", "ї", "ові", "еві", "ою",
        "ію", "ієї", "ії", "ай", "яй", "аў",
    ],
    articles: &[],
    after_vowel: None,
};

const POLISH: Table = Table {
    strip: &["a", "o", "e", "y", "i", "ia", "ie"],
    endings: &[
        "a", "u", "owi", "em", "e", "ie", "y", "i", "ę", "ą", "om", "ami", "ach", "ow", "ego",
        "emu", "ym", "im", "ej", "iej", "ii", "ia", "ią", "iem", "iu", "ow",
    ],
    articles: &[],
    after_vowel: None,
};

const CZECH_SLOVAK: Table = Table {
    strip: &["a", "o", "e", "y", "i", "ie", "ia", "ko"],
    endings: &[
        "a", "u", "e", "em", "ou", "y", "i", "ovi", "um", "ach", "ami", "ie", "ii", "iu", "ia",
        "im", "eho", "emu", "ym", "ej", "om", "ou", "ska", "ku", "ke", "kem",
    ],
    articles: &[],
    after_vowel: None,
};

const SOUTH_SLAVIC: Table = Table {
    strip: &["a", "o", "e", "ija", "i"],
    endings: &[
        "a", "u", "e", "om", "em", "i", "ima", "ama", "ovi", "ova", "ija", "iji", "iju", "ijom",
        "ije", "oj", "ske", "skoj", "sku", "ski", "sko", "ega", "emu", "om",
    ],
    articles: &[],
    after_vowel: None,
};

const LITHUANIAN: Table = Table {
    strip: &["as", "is", "ys", "us", "a", "e", "ija"],
    endings: &[
        "as", "o", "ui", "a", "u", "e", "ai", "os", "oje", "u", "ams", "ose", "is", "ies", "iai",
        "i", "yje", "ys", "ijos", "ijai", "ija", "iju", "ijoje", "us", "aus", "uje",
    ],
    articles: &[],
    after_vowel: None,
};

const LATVIAN: Table = Table {
    strip: &["a", "e", "s", "is", "ija"],
    endings: &[
        "a", "am", "u", "as", "ai", "a", "s", "i", "ei", "es", "e", "ijas", "ijai", "iju", "ija",
        "ijā", "ā", "os", "iem",
    ],
    articles: &[],
    after_vowel: None,
};

const FINNIC: Table = Table {
    strip: &["a", "i", "e"],
    endings: &[
        "n", "a", "ta", "ssa", "sta", "an", "lla", "lta", "lle", "ksi", "na", "tta", "in", "iin",
        "hin", "seen", "en", "ia", "ien", "ista", "issa", "ihin", "s", "st", "sse", "l", "lt",
        "le", "ks", "ni", "ga", "d", "de", "te", "id", "u", "isse",
    ],
    articles: &[],
    after_vowel: None,
};

const HUNGARIAN: Table = Table {
    strip: &[],
    endings: &[
        "ban", "ben", "ba", "be", "bol", "bol", "ra", "re", "rol", "hoz", "hez", "nak", "nek",
        "val", "vel", "on", "en", "n", "t", "ot", "et", "at", "ig", "ert", "tol", "kent", "i",
        "ul", "ul", "nal", "nel", "ba", "ja", "je", "hoz", "ban", "ban", "ot", "bol",
    ],
    articles: &[],
    after_vowel: None,
};

const TURKIC: Table = Table {
    strip: &[],
    endings: &[
        "da", "de", "ta", "te", "dan", "den", "tan", "ten", "in", "un", "nin", "nun", "i", "u",
        "yi", "yu", "ya", "ye", "a", "e", "la", "le", "yla", "yle", "li", "lu", "ca", "ce", "ni",
        "nu", "na", "ne", "nda", "nde", "ndan", "nden", "ya", "lar", "ler", "lari", "leri",
        "lilar", "liler", "dir", "dur", "nin", "nun", "da", "ə", "də", "dən", "nın",
    ],
    articles: &[],
    after_vowel: None,
};

const GERMAN: Table = Table {
    strip: &["e"],
    endings: &["s", "es", "n", "en", "ns", "er", "ern", "e", "em", "ens"],
    articles: &["der", "die", "das", "dem", "den", "des"],
    after_vowel: Some(&["s"]),
};

const GREEK: Table = Table {
    strip: &["α", "η", "ο", "ς", "ι", "ας", "ης", "ος"],
    endings: &[
        "ς", "ν", "υ", "ου", "ης", "ας", "ες", "ων", "ος", "ο", "α", "η", "ε", "ι", "ια", "ιας",
        "ιες",
    ],
    articles: &[],
    after_vowel: None,
};

const ENGLISH: Table = Table {
    strip: &[],
    endings: &["s", "es"],
    articles: &[],
    after_vowel: None,
};

const ROMANCE: Table = Table {
    strip: &[],
    endings: &["s", "es"],
    articles: &[],
    after_vowel: None,
};

/// Korean writes its case and topic particles on the name ("푸틴은", "서울에서"); the fold
/// decomposes Hangul into letters, and so are these.
const KOREAN: Table = Table {
    strip: &[],
    endings: &[
        "은",
        "는",
        "이",
        "가",
        "을",
        "를",
        "와",
        "과",
        "의",
        "에",
        "로",
        "으로",
        "도",
        "만",
        "에서",
        "에게",
        "께서",
        "한테",
        "이랑",
        "랑",
        "까지",
        "부터",
        "보다",
        "처럼",
        "에서는",
        "에게서",
        "으로는",
        "이다",
        "였다",
        "이었다",
    ],
    articles: &[],
    after_vowel: None,
};

/// The table of `lang`'s primary language.
fn table(lang: &str) -> Option<&'static Table> {
    Some(match lang {
        "ru" | "uk" | "be" => &SLAVIC_EAST,
        "pl" => &POLISH,
        "cs" | "sk" => &CZECH_SLOVAK,
        "sl" | "hr" | "sr" | "bs" | "mk" | "bg" => &SOUTH_SLAVIC,
        "lt" => &LITHUANIAN,
        "lv" => &LATVIAN,
        "fi" | "et" => &FINNIC,
        "hu" => &HUNGARIAN,
        "ko" => &KOREAN,
        "tr" | "az" => &TURKIC,
        "de" | "nl" | "sv" | "da" | "nb" | "no" | "nn" => &GERMAN,
        "el" => &GREEK,
        "en" => &ENGLISH,
        "fr" | "es" | "it" | "pt" | "ca" | "ro" => &ROMANCE,
        _ => return None,
    })
}

/// A table's entries folded, longest first.
pub struct Endings {
    strip: Vec<String>,
    endings: Vec<String>,
    articles: Vec<String>,
    after_vowel: Option<&'static [&'static str]>,
}

impl Endings {
    /// Whether `base` (folded) takes `ending`: a language may give names that end in a
    /// vowel other than a strippable letter only some endings (German: the genitive "s").
    pub fn attaches(&self, base: &str, ending: &str) -> bool {
        let Some(allowed) = self.after_vowel else {
            return true;
        };
        let vowel_end = base.chars().next_back().is_some_and(|c| {
            matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
                && !self.strip.iter().any(|s| base.ends_with(s.as_str()))
        });
        !vowel_end || allowed.contains(&ending)
    }

    /// The longest ending that `word` (folded) ends with after a stem of at least three
    /// characters.
    pub fn ending_of<'w>(&'w self, word: &'w str) -> Option<&'w str> {
        self.splits_of(word).next().map(|(_, ending)| ending)
    }

    /// The ways `key` (folded) splits into a stem and one ending, longest ending first:
    /// `(stem, ending)` with `stem + ending == key` and a stem of at least 3 characters.
    fn splits_of<'k>(&'k self, key: &'k str) -> impl Iterator<Item = (&'k str, &'k str)> + 'k {
        self.endings.iter().filter_map(move |e| {
            let stem = key.strip_suffix(e.as_str())?;
            (stem.chars().count() >= 3).then_some((stem, e.as_str()))
        })
    }

    /// The spellings `key` may be an inflection of: for each ending it ends with, the stem
    /// alone and the stem with each strippable final letter.
    pub fn bases<'k>(&'k self, key: &'k str) -> impl Iterator<Item = String> + 'k {
        self.stems(key).map(|(base, _, _)| base)
    }

    /// As [`Endings::bases`], with what the base form loses and the ending it takes:
    /// `(base, stripped, ending)`, with `base − stripped + ending == key`.
    pub fn stems<'k>(&'k self, key: &'k str) -> impl Iterator<Item = (String, &'k str, &'k str)> {
        self.splits_of(key).flat_map(move |(stem, ending)| {
            std::iter::once((stem.to_string(), "", ending)).chain(
                self.strip
                    .iter()
                    .map(move |s| (format!("{stem}{s}"), s.as_str(), ending)),
            )
        })
    }

    /// Whether `a` and `b` (folded, same number of words) are the same name, some words
    /// inflected: word by word equal, or sharing a stem that each reaches by one ending or
    /// strippable letter ("vereinigten"/"vereinigtes", "москвы"/"москва").
    pub fn same_name(&self, a: &str, b: &str) -> bool {
        if a == b {
            return false;
        }
        let (mut wa, mut wb) = (a.split(' '), b.split(' '));
        loop {
            match (wa.next(), wb.next()) {
                (None, None) => return true,
                (Some(x), Some(y)) if x == y || self.same_word(x, y) => {}
                _ => return false,
            }
        }
    }

    fn same_word(&self, a: &str, b: &str) -> bool {
        if self.articles.iter().any(|x| x == a) && self.articles.iter().any(|x| x == b) {
            return true;
        }
        let longest = a.chars().count().max(b.chars().count());
        let floor = 3.max(longest.saturating_sub(4));
        let stems_b = self.word_stems(b);
        self.word_stems(a)
            .iter()
            .any(|s| s.chars().count() >= floor && stems_b.contains(s))
    }

    /// Whether `w` is one of the language's articles, which [`Endings::same_name`] takes
    /// for one another.
    pub fn is_article(&self, w: &str) -> bool {
        self.articles.iter().any(|x| x == w)
    }

    /// A word, the word less a strippable letter, and its stem before each ending: two
    /// words are the same word for [`Endings::same_name`] only if they share one of these
    /// (or are both articles).
    pub fn word_stems<'w>(&'w self, w: &'w str) -> Vec<&'w str> {
        let mut out = vec![w];
        out.extend(self.strip.iter().filter_map(|s| w.strip_suffix(s.as_str())));
        out.extend(self.splits_of(w).map(|(stem, _)| stem));
        out
    }
}

/// Whether `lang` writes compounds as one word ("Koreakrieg", "Pokemonarten").
pub fn writes_compounds(lang: &str) -> bool {
    matches!(
        crate::lang_tag::primary_subtag(lang),
        "de" | "nl" | "sv" | "da" | "nb" | "nn" | "no" | "fi" | "is"
    )
}

/// The endings of `lang`'s names, if its primary language has a table: each language's
/// built the first time a text of it needs them (folding and sorting the tables of every
/// language at once was a twentieth of checking one short file).
pub fn endings(lang: &str) -> Option<&'static Endings> {
    const LANGS: &[&str] = &[
        "ru", "uk", "be", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "mk", "bg", "lt", "lv", "fi",
        "et", "hu", "tr", "az", "de", "nl", "sv", "da", "nb", "no", "nn", "el", "en", "fr", "es",
        "it", "pt", "ca", "ro", "ko",
    ];
    static BUILT: [OnceLock<Option<Endings>>; LANGS.len()] =
        [const { OnceLock::new() }; LANGS.len()];
    let primary = crate::lang_tag::primary_subtag(lang);
    let i = LANGS.iter().position(|l| l.eq_ignore_ascii_case(primary))?;
    BUILT[i]
        .get_or_init(|| {
            let t = table(LANGS[i])?;
            let fold = |list: &[&str]| {
                let mut v: Vec<String> = list.iter().map(|s| super::fold_str(s)).collect();
                v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
                v.dedup();
                v.retain(|s| !s.is_empty());
                v
            };
            Some(Endings {
                strip: fold(t.strip),
                endings: fold(t.endings),
                articles: fold(t.articles),
                after_vowel: t.after_vowel,
            })
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_str;

    fn same(lang: &str, a: &str, b: &str) -> bool {
        endings(lang).unwrap().same_name(&fold_str(a), &fold_str(b))
    }

    #[test]
    fn inflected_names_in_real_sentences_are_the_same_name() {
        // "Welche Hauptstadt Nordkoreas …", "die Küste Kambodschas"
        assert!(same("de", "Nordkoreas", "Nordkorea"));
        assert!(same("de", "Ägyptern", "Ägypter"));
        // "Я живу в Москве", "из Москвы", "над Россией"
        assert!(same("ru", "Москве", "Москва"));
        assert!(same("ru", "Москвы", "Москва"));
        assert!(same("ru", "Россией", "Россия"));
        // "w Polsce" is a stem change, out of reach; "z Francji" is not
        assert!(same("pl", "Francji", "Francja"));
        // "Amerikában élek", "Türkiye'de" (the apostrophe splits the word), "Suomessa" no
        assert!(same("hu", "Amerikában", "Amerika"));
        assert!(same("tr", "Almanyada", "Almanya"));
        assert!(same("fi", "Ruotsissa", "Ruotsi"));
        assert!(same("el", "Ελλάδας", "Ελλάδα"));
        assert!(same(
            "de",
            "Vereinigten Königreiches",
            "Vereinigtes Königreich"
        ));
        assert!(same("de", "Alexander dem Großen", "Alexander der Große"));
        assert!(!same("de", "Mauretanien", "Makedonien"));
        assert!(!same("de", "Irans", "Irak"));
        let german = endings("de").unwrap();
        assert!(german.attaches("kanada", "s"));
        assert!(german.attaches("franzose", "n"));
        assert!(german.attaches("agypter", "n"));
        assert!(!german.attaches("mongolei", "en"));
        assert!(endings("ru").unwrap().attaches("москва", "ы"));
        assert!(!same("en", "Nigeria", "Niger"));
    }

    #[test]
    fn a_spelling_splits_into_base_forms_and_endings() {
        let ru = endings("ru").unwrap();
        let key = fold_str("Камбаджи");
        let stems: Vec<_> = ru.stems(&key).collect();
        assert!(
            stems.contains(&(fold_str("Камбаджа"), "а", "и")),
            "{stems:?}"
        );
        let de = endings("de").unwrap();
        let stems: Vec<_> = de.stems("takobas").collect();
        assert!(
            stems.contains(&("takoba".to_string(), "", "s")),
            "{stems:?}"
        );
    }
}
