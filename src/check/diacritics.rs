//! `wrong-diacritics` (GL003): an entity's correct form with missing or wrong diacritics.
//!
//! **What** A span that folds to an entry's canonical or alternative form but differs from it
//! in diacritics or letter variants ("Goita", "Goìta", "Cote d'Ivoire"), where the entry's
//! `diacritics` policy is `strict` (the default). Spellings that differ only in Unicode
//! normalisation form (NFC or NFD), width or typographic apostrophes are the same name and are
//! not reported.
//!
//! **Why** Accents are the first thing lost on the way through ASCII-only systems and
//! transliteration, and a name without them is a misspelled name.
//!
//! **Example** "President Assimi Goita" → "Assimi Goïta".
//!
//! **Fix safety** Safe: the letters are the glossary's, only their marks change. A span
//! that is an ordinary word of the text's language (by its lexicon) is not reported when
//! written in lower case (Portuguese "irá", will, is not "Irã"), and gets an unsafe fix when
//! capitalised. Entries whose unaccented form is an ordinary word (Libération /
//! liberation) can also set `diacritics = "ignore"` and list the risky spelling as a
//! `confusable`.

use super::{finding_on, quoted, Document};
use crate::finding::{Finding, Rule};
use crate::glossary::{FormRef, Hit};
use crate::text::{fold_key, fold_key_in, FormKey};

pub(crate) fn finding(doc: &Document, hit: &Hit, r: &FormRef) -> Option<Finding> {
    let entry = doc.entry(r);
    let original = doc.slice(hit);

    // Stripping marks from the original changes nothing when it has none to strip.
    let bare = fold_key(original, FormKey::Folded)
        == fold_key_in(original, FormKey::Caseless, doc.index.lang());
    let problem = if bare {
        "is missing the diacritics of"
    } else {
        "has the wrong diacritics for"
    };
    // A safe fix never rewrites an ordinary word of the text's language.
    super::unless_ordinary(
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
    )
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

    #[test]
    fn nfd_full_width_and_typographic_apostrophes_are_the_same_name() {
        assert_clean("Assimi Goi\u{308}ta met the president of Co\u{302}te d’Ivoire.");
        assert_clean("Ａｓｓｉｍｉ Ｇｏïｔａ");
    }
}
