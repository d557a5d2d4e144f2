#![doc = include_str!("../../docs/rules/foreign-form.md")]

use super::{fitted_replacement, quoted, span_of, Document};
use crate::finding::{Finding, Fix, Rule};
use crate::glossary::{FormRef, Hit, Kind};
use crate::text::is_word_char;
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// Options of the foreign-form rule; see the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ForeignFormOptions {
    /// Report entries of every kind, not only places and demonyms.
    pub all_kinds: bool,
}

pub(crate) fn finding(
    doc: &Document,
    hit: &Hit,
    r: &FormRef,
    options: &ForeignFormOptions,
) -> Option<Finding> {
    let entry = doc.entry(r);
    if !options.all_kinds && !matches!(entry.kind, Kind::Place | Kind::Demonym) {
        return None;
    }
    let forms = entry.forms_for(doc.index.lang())?;
    let original = doc.slice(hit);
    if !original.chars().next().is_some_and(char::is_uppercase)
        || ordinary(doc, original)
        || crate::text::is_known_name_of_language(doc.index.lang(), original)
        || part_of_a_longer_name(doc, hit)
    {
        return None;
    }
    let from = entry.forms.iter().find(|(_, f)| {
        std::iter::once(&f.canonical)
            .chain(&f.alternatives)
            .any(|x| x == r.form)
    });
    let how = match from {
        Some((lang, _)) => format!("how {lang} writes"),
        None => "another language's name for".to_string(),
    };
    Some(Finding {
        rule: Rule::ForeignForm,
        severity: Rule::ForeignForm.severity(),
        span: span_of(hit),
        message: format!(
            "{} is {how} the {}; in {} it is {}",
            quoted(original),
            entry.kind.as_str(),
            doc.index.lang(),
            quoted(&forms.canonical)
        ),
        entry: entry.id.clone(),
        matched: r.form.to_string(),
        similarity: None,
        confidence: None,
        unit: None,
        fix: Some(Fix::replace(
            span_of(hit),
            fitted_replacement(original, &forms.canonical),
            Rule::ForeignForm.fix_applicability(),
        )),
    })
}

/// Whether every word of `text` is an ordinary word of the document's language.
fn ordinary(doc: &Document, text: &str) -> bool {
    let Some(lexicon) = crate::text::lexicon(doc.index.lang()) else {
        return false;
    };
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| lexicon.contains(&w.nfc().flat_map(char::to_lowercase).collect::<String>()))
}

/// Whether the word just before or after the hit, across one space, is capitalised for a
/// reason of its own: not at the start of a sentence, not inside another hit, and (in German
/// and Luxembourgish, which capitalise every noun) not an ordinary word. "The New Zealand
/// Story" and "Hotel Rwanda" are titles; "Die Türkiye hat" and "Bürger Zimbabwes" are not.
fn part_of_a_longer_name(doc: &Document, hit: &Hit) -> bool {
    let text = doc.text;
    let lang = doc.index.lang();
    let nouns = matches!(crate::lang_tag::primary_subtag(lang), "de" | "lb");
    let lexicon = crate::text::lexicon(lang);
    let is_name_part = |word: &str, start: usize| {
        let initial = text[..start]
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | '“' | '«' | ':' | '('));
        let ordinary_noun = || {
            nouns
                && lexicon.is_some_and(|l| {
                    l.contains(&word.nfc().flat_map(char::to_lowercase).collect::<String>())
                })
        };
        !word.is_empty()
            && !initial
            && word.chars().next().is_some_and(char::is_uppercase)
            && !ordinary_noun()
            && !doc.hits.iter().any(|h| h.start <= start && start < h.end)
    };
    let before = text[..hit.start].strip_suffix(' ').map(|head| {
        let start = head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(head.len(), |(i, _)| i);
        (&head[start..], start)
    });
    let after = text[hit.end..].strip_prefix(' ').map(|tail| {
        let end = tail
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(tail.len(), |(i, _)| i);
        (&tail[..end], hit.end + 1)
    });
    before
        .into_iter()
        .chain(after)
        .any(|(word, start)| is_name_part(word, start))
}

#[cfg(test)]
mod tests {
    use crate::check::{check, CheckOptions};
    use crate::finding::Rule;
    use crate::glossary::Index;
    use std::sync::Arc;

    fn world(lang: &str) -> Index {
        let mut loader = crate::glossary::Loader::new();
        loader.add_builtin(
            crate::glossary::builtin::WORLD_PATH,
            crate::glossary::builtin::WORLD,
        );
        Index::new(Arc::new(loader.finish().unwrap()), lang)
    }

    fn found(index: &Index, text: &str) -> Vec<(Rule, String, Option<String>)> {
        check(index, text, &CheckOptions::default())
            .into_iter()
            .map(|f| {
                (
                    f.rule,
                    text[f.span.start..f.span.end].to_string(),
                    f.replacement().map(str::to_string),
                )
            })
            .collect()
    }

    /// WMT23 English→German output (GPT-4 and online systems), marked by MQM raters.
    #[test]
    fn a_country_left_in_another_language_is_reported() {
        let de = world("de");
        assert_eq!(
            found(
                &de,
                "Die Türkiye hat die Mitgliedschaft Schwedens noch nicht ratifiziert."
            ),
            [(
                Rule::ForeignForm,
                "Türkiye".to_string(),
                Some("Türkei".to_string())
            )]
        );
        // Italian human translation from EA-MT, with the French name of Luxembourg.
        let it = world("it");
        assert_eq!(
            found(&it, "Belgio, Francia, Italia, Luxembourg e Paesi Bassi."),
            [(
                Rule::ForeignForm,
                "Luxembourg".to_string(),
                Some("Lussemburgo".to_string())
            )]
        );
    }

    /// Titles keep the other language's spelling; the language's own form is correct.
    #[test]
    fn titles_and_own_forms_are_not_reported() {
        let it = world("it");
        for text in [
            "Il videogioco \"Kiwi Kraze\" era uguale a \"The New Zealand Story\"?",
            "La Nuova Zelanda e il Lussemburgo.",
        ] {
            assert_eq!(found(&it, text), [], "{text}");
        }
        let de = world("de");
        assert_eq!(found(&de, "Die Türkei und Griechenland."), []);
    }

    /// Debian's translated history pages (package debian-history 2.28) keep passages of the
    /// English original; their names are English there. In the translated sentence beside
    /// them, an English name is still reported.
    #[test]
    fn a_passage_left_in_english_keeps_its_english_names() {
        let fr = world("fr");
        let kept = "<p>Debconf5 was held in Espoo, Finland, from July 10th to July 17th, 2005 \
                    with over 300 participants.</p>";
        assert_eq!(found(&fr, kept), []);
        let ja = world("ja");
        let kept = "Debconf0, took place in Bordeaux, France from the 5th to the 9th of July 2000.";
        assert_eq!(found(&ja, kept), []);
        let translated = "La Debconf5 s'est tenue à Espoo, en Finland, du 10 au 17 juillet 2005.";
        assert_eq!(
            found(&fr, translated),
            [(
                Rule::ForeignForm,
                "Finland".to_string(),
                Some("Finlande".to_string())
            )]
        );
    }

    /// The same pages: "Steve Greenland" is a person, and "Debian Switzerland" an
    /// association; neither is Greenland or Switzerland left in English.
    #[test]
    fn a_place_after_another_name_part_belongs_to_that_name() {
        let de = world("de");
        assert_eq!(found(&de, "4.13.11. Juli 2009: Steve Greenland stirbt"), []);
        let ja = world("ja");
        assert_eq!(
            found(
                &ja,
                "彼による提案の多くは今の Debian Switzerland の原型となりました。"
            ),
            []
        );
        // After an ordinary word, the place is the place.
        assert_eq!(
            found(&de, "Die Forscher reisten nach Greenland."),
            [(
                Rule::ForeignForm,
                "Greenland".to_string(),
                Some("Grönland".to_string())
            )]
        );
    }
}
