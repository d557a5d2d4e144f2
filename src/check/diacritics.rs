#![doc = include_str!("../../docs/rules/wrong-diacritics.md")]

use super::{finding_on, quoted, Document};
use crate::finding::{Applicability, Finding, Rule};
use crate::glossary::{FormRef, Hit};
use crate::text::{fold_key, fold_key_in, FormKey};

pub(crate) fn finding(doc: &Document, hit: &Hit, r: &FormRef) -> Option<Finding> {
    let entry = doc.entry(r);
    let original = doc.slice(hit);

    // Stripping marks changes nothing in a spelling that has none to strip.
    let lang = doc.index.lang();
    let unmarked =
        |s: &str| fold_key(s, FormKey::Folded) == fold_key_in(s, FormKey::Caseless, lang);
    let bare = unmarked(original);
    // A glossary that writes a name without any marks has no opinion on them: the writer's
    // marks ("Pokémon", "Beyoncé", "Malí" for "Pokemon", "Beyonce", "Mali") are the more
    // exact spelling, and the glossary's is often one that went through ASCII. The dotted
    // and dotless i are letters of their own, not marks: "İtalien" is a slip.
    if unmarked(r.form) && !bare && !original.contains(['İ', 'ı']) {
        return None;
    }
    // The same, letter by letter: marks added where the glossary's form has none, none
    // taken away or changed ("São Tomé" for a listed "Sao Tomé"); and Russian and
    // Belarusian е for ё, which their spelling allows.
    if only_adds_marks(original, r.form, lang) {
        return None;
    }
    let problem = if bare {
        "is missing the diacritics of"
    } else {
        "has the wrong diacritics for"
    };
    // A safe fix never rewrites an ordinary word of the text's language.
    let mut finding = super::unless_ordinary(
        doc,
        finding_on(
            Rule::WrongDiacritics,
            hit,
            entry,
            r.form,
            format!(
                "{} {problem} {} ({})",
                quoted(original),
                quoted(r.form),
                entry.kind.as_str()
            ),
            super::fitted_replacement(original, r.form),
            Rule::WrongDiacritics.fix_applicability(),
        ),
    )?;
    // English style guides let writers drop the marks of foreign names ("Cote d'Ivoire",
    // "Aland Islands"), and lists keep such spellings as aliases on purpose: a name
    // written without any marks in English gets the marks suggested, not applied.
    if bare && crate::lang_tag::primary_subtag(lang).eq_ignore_ascii_case("en") {
        if let Some(fix) = finding.fix.as_mut() {
            if fix.applicability == Applicability::Safe {
                fix.applicability = Applicability::Unsafe;
                finding
                    .message
                    .push_str(" (unsafe: English often writes foreign names without their marks)");
            }
        }
    }
    Some(finding)
}

/// Each letter of `text` and `form` as its base letter and its combining marks (NFD).
fn letters(s: &str) -> Vec<(char, String)> {
    use unicode_normalization::UnicodeNormalization;
    let mut out: Vec<(char, String)> = Vec::new();
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            if let Some(last) = out.last_mut() {
                last.1.push(c);
                continue;
            }
        }
        out.push((c, String::new()));
    }
    out
}

/// Whether `text` writes `form`'s letters with `form`'s marks and only adds marks on
/// letters `form` writes bare; in Russian and Belarusian, е may also stand for ё. The
/// dotted and dotless i are letters, never an added mark.
fn only_adds_marks(text: &str, form: &str, lang: &str) -> bool {
    if text.contains(['İ', 'ı']) || form.contains(['İ', 'ı']) {
        return false;
    }
    let yo = matches!(crate::lang_tag::primary_subtag(lang), "ru" | "be");
    let (t, f) = (letters(text), letters(form));
    t.len() == f.len()
        && t.iter().zip(&f).all(|((tc, tm), (fc, fm))| {
            let same_letter = tc.to_lowercase().eq(fc.to_lowercase());
            same_letter
                && (fm.is_empty()
                    || tm == fm
                    || (yo && tm.is_empty() && fm == "\u{308}" && matches!(fc, 'е' | 'Е')))
        })
}

#[cfg(test)]
mod tests {
    use crate::check::test_support::*;
    use crate::finding::Rule;

    #[test]
    fn finds_missing_diacritics() {
        assert_finds(
            "President Assimi Goita spoke",
            Rule::WrongDiacritics,
            "Assimi Goita",
            "Assimi Goïta",
        );
        assert_finds(
            "the president of Cote d'Ivoire",
            Rule::WrongDiacritics,
            "Cote d'Ivoire",
            "Côte d'Ivoire",
        );
    }

    #[test]
    fn keeps_a_typographic_apostrophe_in_the_fix() {
        assert_finds(
            "the president of Cote d’Ivoire",
            Rule::WrongDiacritics,
            "Cote d’Ivoire",
            "Côte d’Ivoire",
        );
    }

    #[test]
    fn finds_wrong_diacritics() {
        let findings = check_en("Assimi Goíta spoke");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, Rule::WrongDiacritics);
        assert!(
            findings[0].message.contains("has the wrong diacritics for"),
            "{}",
            findings[0].message
        );
    }

    /// Real EA-MT translations, checked with a glossary whose forms lost their marks: the
    /// translators' marks stand; a Turkish dotted capital I in German does not.
    #[test]
    fn marks_on_a_name_the_glossary_writes_bare_are_the_writers() {
        use crate::check::{check, CheckOptions};
        use crate::glossary::{Glossary, Index};
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "pokemon"
kind = "other"
[entry.forms.de]
canonical = "Pokemon"
[[entry]]
id = "italy"
kind = "place"
[entry.forms.de]
canonical = "Italien"
[[entry]]
id = "catcher"
kind = "other"
[entry.forms.de]
canonical = "Fänger im Roggen"
"#,
        )
        .unwrap();
        let de = Index::new(std::sync::Arc::new(g), "de");
        let options = CheckOptions::default();
        assert!(check(&de, "Wie viele Pokémon gibt es?", &options).is_empty());
        let found = check(&de, "Deutschland oder İtalien?", &options);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].rule, Rule::WrongDiacritics);
        assert_eq!(found[0].replacement(), Some("Italien"));
        let found = check(&de, "Wer schrieb Der Fånger im Roggen?", &options);
        assert_eq!(found[0].replacement(), Some("Fänger im Roggen"));
    }

    #[test]
    fn nfd_full_width_and_typographic_apostrophes_are_the_same_name() {
        assert_clean("Assimi Goi\u{308}ta met the president of Co\u{302}te d’Ivoire.");
        assert_clean("Ａｓｓｉｍｉ Ｇｏïｔａ");
    }

    /// i18n-iso-countries: French "São Tomé-et-Principe", where CLDR writes "Sao
    /// Tomé-et-Principe", adds a mark and changes none; Russian "Теркс и Кайкос" writes е
    /// for ё, as Russian may. Taking a mark away is still a slip.
    #[test]
    fn added_marks_and_russian_yo_are_not_slips() {
        assert!(super::only_adds_marks(
            "São Tomé-et-Principe",
            "Sao Tomé-et-Principe",
            "fr"
        ));
        assert!(super::only_adds_marks(
            "Теркс и Кайкос",
            "Тёркс и Кайкос",
            "ru"
        ));
        assert!(!super::only_adds_marks(
            "Теркс и Кайкос",
            "Тёркс и Кайкос",
            "uk"
        ));
        assert!(!super::only_adds_marks("Goita", "Goïta", "en"));
        assert!(!super::only_adds_marks("Goíta", "Goïta", "en"));
        assert!(!super::only_adds_marks("İtalien", "Italien", "de"));
    }

    /// i18n-iso-countries keeps "Cote d'Ivoire" beside "Côte d'Ivoire" as an alias: in
    /// English a name without any marks gets its marks suggested, not applied.
    #[test]
    fn english_without_marks_gets_an_unsafe_fix() {
        let findings = check_en("the president of Cote d'Ivoire");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].replacement(), Some("Côte d'Ivoire"));
        assert_eq!(
            findings[0].fix.as_ref().unwrap().applicability,
            crate::finding::Applicability::Unsafe
        );
    }
}
