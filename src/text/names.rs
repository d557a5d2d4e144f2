//! Known correct names per language, embedded from `lexicons/names/` (see its README for the
//! sources and licences): names of languages, territories and scripts, demonyms, cities,
//! given and family names. A span that is a known name of something else is not a mangled
//! glossary name: "Makedonien" is Macedonia, not a slip of "Mauretanien"; "Каннада" is the
//! Kannada language, not "Канада".
//!
//! The files are sorted by code point, so a lookup is a binary search over their lines, with
//! no copy of the data.

use std::sync::OnceLock;

static SOURCES: &[(&str, &str)] = &[
    ("ar", include_str!("../../lexicons/names/ar.txt")),
    ("de", include_str!("../../lexicons/names/de.txt")),
    ("en", include_str!("../../lexicons/names/en.txt")),
    ("es", include_str!("../../lexicons/names/es.txt")),
    ("fr", include_str!("../../lexicons/names/fr.txt")),
    ("he", include_str!("../../lexicons/names/he.txt")),
    ("hi", include_str!("../../lexicons/names/hi.txt")),
    ("it", include_str!("../../lexicons/names/it.txt")),
    ("ja", include_str!("../../lexicons/names/ja.txt")),
    ("ko", include_str!("../../lexicons/names/ko.txt")),
    ("nl", include_str!("../../lexicons/names/nl.txt")),
    ("pl", include_str!("../../lexicons/names/pl.txt")),
    ("pt", include_str!("../../lexicons/names/pt.txt")),
    ("ru", include_str!("../../lexicons/names/ru.txt")),
    ("sv", include_str!("../../lexicons/names/sv.txt")),
    ("th", include_str!("../../lexicons/names/th.txt")),
    ("tr", include_str!("../../lexicons/names/tr.txt")),
    ("uk", include_str!("../../lexicons/names/uk.txt")),
    ("zh", include_str!("../../lexicons/names/zh.txt")),
];

/// Latin-script names that every Latin-script language writes alike.
static MUL: &str = include_str!("../../lexicons/names/mul.txt");

/// One list of names, one per line, sorted by code point (byte order in UTF-8): looked up
/// by a binary search over the text itself, so that a run builds nothing for it.
struct Sorted(&'static str);

impl Sorted {
    fn new(text: &'static str) -> Sorted {
        debug_assert!(
            text.lines()
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .windows(2)
                .all(|w| w[0] < w[1]),
            "sorted by code point"
        );
        Sorted(text)
    }

    fn contains(&self, name: &str) -> bool {
        let text = self.0.as_bytes();
        let name = name.as_bytes();
        // The lines starting in [lo, hi) are still candidates; lo is always a line start.
        let (mut lo, mut hi) = (0, text.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = text[lo..mid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(lo, |i| lo + i + 1);
            let end = text[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |i| start + i);
            let line = &text[start..end];
            match line.cmp(name) {
                std::cmp::Ordering::Equal if !line.is_empty() => return true,
                std::cmp::Ordering::Less | std::cmp::Ordering::Equal => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
            }
        }
        false
    }
}

fn mul() -> &'static Sorted {
    static BUILT: OnceLock<Sorted> = OnceLock::new();
    BUILT.get_or_init(|| Sorted::new(MUL))
}

fn of_language(lang: &str) -> Option<&'static Sorted> {
    static BUILT: OnceLock<Vec<OnceLock<Sorted>>> = OnceLock::new();
    let primary = crate::lang_tag::primary_subtag(lang).to_ascii_lowercase();
    let i = SOURCES.iter().position(|(l, _)| *l == primary)?;
    let slots = BUILT.get_or_init(|| SOURCES.iter().map(|_| OnceLock::new()).collect());
    Some(slots[i].get_or_init(|| Sorted::new(SOURCES[i].1)))
}

/// Whether `span`, as the text writes it (its first letter in either case), is a known name
/// in `lang`: in the language's own list, or for Latin script in the shared list.
pub fn is_known_name(lang: &str, span: &str) -> bool {
    known(lang, span, true)
}

/// Whether `span` is a known name in `lang`'s own list as another gender or number of
/// it: in Spanish, Portuguese, Italian, Catalan and Galician the lists give a language's or
/// a people's adjective in the masculine ("bielorrusso"), and a text writes it as the noun
/// it goes with asks ("a língua Bielorrussa", "las lenguas eslavas").
pub fn is_known_name_in_another_gender(lang: &str, span: &str) -> bool {
    let primary = crate::lang_tag::primary_subtag(lang).to_ascii_lowercase();
    if !matches!(primary.as_str(), "es" | "pt" | "it" | "ca" | "gl") || span.contains(' ') {
        return false;
    }
    [
        ("a", "o"),
        ("as", "o"),
        ("os", "o"),
        ("as", "a"),
        ("e", "o"),
        ("i", "o"),
    ]
    .iter()
    .any(|(from, to)| {
        span.strip_suffix(from)
            .filter(|stem| stem.chars().count() >= 3)
            .is_some_and(|stem| known(lang, &format!("{stem}{to}"), false))
    })
}

/// Whether `span` is a known name in `lang`'s own list only: for stems, where the shared
/// list's many odd spellings would match too much ("Republica" under "Republicans").
pub fn is_known_name_of_language(lang: &str, span: &str) -> bool {
    known(lang, span, false)
}

/// Whether `span` is a known name in the own list of some language other than `lang`: the
/// English name of a language kept in a Spanish list of languages ("Kannada"), a name
/// borrowed as it is.
pub fn is_known_name_elsewhere(lang: &str, span: &str) -> bool {
    let primary = crate::lang_tag::primary_subtag(lang);
    let Some(spellings) = Spellings::of(span) else {
        return false;
    };
    SOURCES
        .iter()
        .filter(|(l, _)| !l.eq_ignore_ascii_case(primary))
        .any(|(l, _)| spellings.known(l, false))
}

fn known(lang: &str, span: &str, shared: bool) -> bool {
    Spellings::of(span).is_some_and(|s| s.known(lang, shared))
}

/// A span as the lists may hold it: composed (NFC), as written, with its first letter in
/// lower case and in upper case.
struct Spellings([String; 3]);

impl Spellings {
    fn of(span: &str) -> Option<Spellings> {
        use unicode_normalization::UnicodeNormalization;
        let span: String = span.nfc().collect();
        let mut chars = span.chars();
        let first = chars.next()?;
        let rest = chars.as_str();
        let lower: String = first.to_lowercase().chain(rest.chars()).collect();
        let upper: String = first.to_uppercase().chain(rest.chars()).collect();
        Some(Spellings([span, lower, upper]))
    }

    /// Whether a list of `lang` holds one of the spellings; with `shared`, or the list of
    /// names shared by the languages written in Latin, when the span is Latin.
    fn known(&self, lang: &str, shared: bool) -> bool {
        let in_list = |list: &Sorted| self.0.iter().any(|s| list.contains(s));
        if of_language(lang).is_some_and(in_list) {
            return true;
        }
        let latin = || {
            self.0[0]
                .chars()
                .filter_map(super::script_of)
                .all(|s| s == super::Script::Latin)
        };
        shared && latin() && in_list(mul())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_other_things_are_known() {
        // Real false near-misses of the built-in glossary in human translations.
        assert!(is_known_name("de", "Südamerika"));
        assert!(is_known_name("ru", "Каннада"));
        assert!(is_known_name("es", "Bielorruso"));
        assert!(is_known_name("fr", "Guadalupe"));
        assert!(is_known_name("en", "Saint Helens"));
        // Mangled names are not.
        assert!(!is_known_name("en", "Takoba"));
        assert!(!is_known_name("de", "Prigozhin"));
        assert!(!is_known_name("en", "Qasimi Quetta"));
        // Django's Spanish list of languages keeps the English "Kannada".
        assert!(!is_known_name("es", "Kannada") && is_known_name_elsewhere("es", "Kannada"));
        assert!(!is_known_name_elsewhere("de", "Takoba"));
    }

    /// The binary search over the text finds every line (sampled) and nothing between them.
    #[test]
    fn a_list_finds_its_lines_and_nothing_else() {
        for (lang, text) in SOURCES.iter().chain([&("mul", MUL)]) {
            let list = Sorted::new(text);
            for line in text.lines().step_by(37).filter(|l| !l.is_empty()) {
                assert!(list.contains(line), "{lang}: {line}");
                assert!(!list.contains(&format!("{line}\u{1}")), "{lang}: {line}");
            }
            assert!(!list.contains(""), "{lang}");
        }
        let tiny = Sorted::new("Bali\nMali\nNiger\n");
        assert!(tiny.contains("Bali") && tiny.contains("Mali") && tiny.contains("Niger"));
        assert!(!tiny.contains("Ali") && !tiny.contains("Malia") && !tiny.contains("Zed"));
    }

    #[test]
    fn every_list_is_sorted() {
        for (lang, text) in SOURCES.iter().chain([&("mul", MUL)]) {
            let lines: Vec<&str> = text.lines().collect();
            assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lang}");
        }
    }
}

/// Words for a mountain, a volcano, a river or a lake that stand before its name, per
/// language, in lower case: the name after one is that feature's ("Mount St. Helens", "جبل
/// سانت هيلنز"), not a misspelt territory. Not islands, bays or capes: a territory is often
/// named so ("جزيرة سانت هيلينا", the island of Saint Helena).
#[rustfmt::skip]
static FEATURE_WORDS: &[(&str, &[&str])] = &[
    ("ar", &["جبل", "جبال", "بركان", "نهر", "بحيرة"]),
    ("en", &["mount", "mt", "mt.", "volcano", "river", "lake"]),
    ("es", &["monte", "cerro", "volcán", "río", "lago"]),
    ("fr", &["mont", "volcan", "fleuve", "rivière", "lac"]),
    ("it", &["monte", "vulcano", "fiume", "lago"]),
    ("pt", &["monte", "vulcão", "rio", "lago"]),
    (
        "ru",
        &[
            "гора", "горы", "горе", "гору", "горой", "вулкан", "вулкана", "вулкане", "вулканом",
            "река", "реки", "реке", "реку", "рекой", "озеро", "озера", "озере", "озером",
        ],
    ),
    (
        "uk",
        &[
            "гора", "гори", "горі", "гору", "горою", "вулкан", "вулкана", "вулкані", "вулканом",
            "річка", "річки", "річці", "річку", "річкою", "озеро", "озера", "озері", "озером",
        ],
    ),
];

/// Arabic proclitics a word may carry ("لجبل", for the mountain): conjunctions and
/// prepositions of one letter, with the article after them or alone.
const ARABIC_PROCLITICS: &[&str] = &[
    "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك",
];

/// Whether the word just before byte `start` of `text` is a word for a mountain, volcano,
/// river or lake in `lang` (see [`FEATURE_WORDS`]), so that the name at `start` is that
/// feature's.
pub fn after_feature_word(lang: &str, text: &str, start: usize) -> bool {
    let primary = crate::lang_tag::primary_subtag(lang).to_ascii_lowercase();
    let Some((_, words)) = FEATURE_WORDS.iter().find(|(l, _)| *l == primary) else {
        return false;
    };
    let before = text[..start].trim_end();
    if before.len() == text[..start].len() {
        // No space between: the span is not a word of its own.
        return false;
    }
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '«' | '“' | '„'))
        .next()
        .unwrap_or("");
    let word = word.to_lowercase();
    if words.contains(&word.as_str()) {
        return true;
    }
    primary == "ar"
        && ARABIC_PROCLITICS.iter().any(|p| {
            word.strip_prefix(p)
                .is_some_and(|rest| words.contains(&rest))
        })
}

#[cfg(test)]
mod feature_tests {
    use super::after_feature_word;

    #[test]
    fn a_word_for_a_mountain_or_river_before_a_name_is_found_with_its_clitics() {
        let ar = "متى كان آخر ثوران لجبل سانت هيلنز؟";
        assert!(after_feature_word("ar", ar, ar.find("سانت").unwrap()));
        let en = "the eruption of Mount St. Helens";
        assert!(after_feature_word("en", en, en.find("St.").unwrap()));
        let ru = "они плыли по реке Нигер";
        assert!(after_feature_word("ru", ru, ru.find("Нигер").unwrap()));
        // An island is often the territory itself; and no feature word, no feature.
        let island = "جزيرة سانت هيلينا";
        assert!(!after_feature_word(
            "ar",
            island,
            island.find("سانت").unwrap()
        ));
        let plain = "the republic of Niger";
        assert!(!after_feature_word(
            "en",
            plain,
            plain.find("Niger").unwrap()
        ));
        assert!(!after_feature_word("de", "am Berg Niger", 9));
    }
}
