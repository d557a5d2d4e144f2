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

/// One sorted list of names.
struct Sorted(Vec<&'static str>);

impl Sorted {
    fn new(text: &'static str) -> Sorted {
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        debug_assert!(
            lines.windows(2).all(|w| w[0] < w[1]),
            "sorted by code point"
        );
        Sorted(lines)
    }

    fn contains(&self, name: &str) -> bool {
        self.0.binary_search(&name).is_ok()
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

/// Whether `span` is a known name in `lang`'s own list only: for stems, where the shared
/// list's many odd spellings would match too much ("Republica" under "Republicans").
pub fn is_known_name_of_language(lang: &str, span: &str) -> bool {
    known(lang, span, false)
}

fn known(lang: &str, span: &str, shared: bool) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let span: String = span.nfc().collect();
    let mut chars = span.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    let lower: String = first.to_lowercase().chain(rest.chars()).collect();
    let upper: String = first.to_uppercase().chain(rest.chars()).collect();
    let spellings = [span.as_str(), lower.as_str(), upper.as_str()];
    let in_list = |list: &Sorted| spellings.iter().any(|s| list.contains(s));
    if of_language(lang).is_some_and(in_list) {
        return true;
    }
    let latin = span
        .chars()
        .filter_map(super::script_of)
        .all(|s| s == super::Script::Latin);
    shared && latin && in_list(mul())
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
    }

    #[test]
    fn every_list_is_sorted() {
        for (lang, text) in SOURCES.iter().chain([&("mul", MUL)]) {
            let lines: Vec<&str> = text.lines().collect();
            assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lang}");
        }
    }
}
