//! Measures `glossary suggest` on a generated corpus with known injected variants: the
//! precision of the top 20 suggestions and the recall over all injected variants. The corpus
//! is news-like English built from the Sahel glossary with a fixed seed; besides the injected
//! variants it holds correct names, inflected names, and capitalised ordinary words and
//! names close to glossary names ("Tiger", "Sweden", "Canada") that must not be proposed.

use glosslint::glossary::{Glossary, Index};
use glosslint::maintain::{suggest, SuggestOptions};
use std::sync::Arc;

mod common;

use common::Rng;

/// Spellings that machine translation and hurried typing produce, with the entry they belong
/// to: vowel drift, a letter dropped or doubled, a transliteration, missing diacritics.
const INJECTED: &[(&str, &str)] = &[
    ("Takoba", "takuba"),
    ("Tassalit", "tessalit"),
    ("Timbuctu", "timbuktu"),
    ("Bamaco", "bamako"),
    ("Barkane", "barkhane"),
    ("Ouatara", "alassane-ouattara"),
    ("Macki Sall", "macky-sall"),
    ("Emmanuel Macrom", "emmanuel-macron"),
    ("Assimi Goita", "assimi-goita"),
    ("Asimi Guita", "assimi-goita"),
    ("Senegall", "senegal"),
    ("Kiddal", "kidal"),
];

const CORRECT: &[&str] = &[
    "Takuba",
    "Tessalit",
    "Timbuktu",
    "Bamako",
    "Barkhane",
    "Alassane Ouattara",
    "Macky Sall",
    "Emmanuel Macron",
    "Assimi Goïta",
    "Senegal",
    "Kidal",
    "Mali",
    "Niger",
    "MINUSMA",
    "Wagner Group",
    "Sahel",
    "Malians",
    "Macron's",
];

const DISTRACTORS: &[&str] = &[
    "Tiger",
    "Sweden",
    "Canada",
    "Paris",
    "Europe",
    "Russia",
    "Africa",
    "Thursday",
    "Tuesday",
    "Kabul",
    "Taliban",
    "Barcelona",
    "Macedonia",
    "Senate",
    "Nigel",
    "Takeda",
    "Bamberg",
];

const FRAMES: &[&str] = &[
    "Officials said on {day} that {a} and {b} discussed the situation in the region.",
    "According to reports, forces near {a} were redeployed after talks with {b}.",
    "The statement from {a} mentioned {b} twice, and analysts in {c} took note.",
    "{a} remained quiet while {b} announced new measures for the border.",
];

fn corpus(seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut text = String::new();
    for i in 0..400 {
        let pick = |rng: &mut Rng| -> String {
            let roll = rng.below(100);
            if roll < 12 {
                // Injected variants, each with its own frequency (earlier ones more often).
                let k = rng.below(INJECTED.len()).min(rng.below(INJECTED.len()));
                INJECTED[k].0.to_string()
            } else if roll < 30 {
                DISTRACTORS[rng.below(DISTRACTORS.len())].to_string()
            } else {
                CORRECT[rng.below(CORRECT.len())].to_string()
            }
        };
        let frame = FRAMES[rng.below(FRAMES.len())];
        let day = ["Monday", "Friday", "Sunday"][rng.below(3)];
        let line = frame
            .replace("{day}", day)
            .replace("{a}", &pick(&mut rng))
            .replace("{b}", &pick(&mut rng))
            .replace("{c}", &pick(&mut rng));
        text.push_str(&line);
        text.push(if i % 5 == 4 { '\n' } else { ' ' });
        if i % 5 == 4 {
            text.push('\n');
        }
    }
    text
}

#[test]
fn suggestions_are_precise_at_the_top_and_find_most_injected_variants() {
    let g = Glossary::from_toml("sahel.toml", include_str!("../glossaries/sahel.toml")).unwrap();
    let index = Index::new(Arc::new(g), "en");
    let text = corpus(0x5EED);
    let found = suggest(
        &index,
        [("corpus.txt", text.as_str())],
        &SuggestOptions::default(),
    );
    let injected_in_corpus: Vec<&(&str, &str)> =
        INJECTED.iter().filter(|(v, _)| text.contains(v)).collect();
    let is_true =
        |variant: &str, entry: &str| INJECTED.iter().any(|(v, e)| *v == variant && *e == entry);
    let top: Vec<_> = found.iter().take(20).collect();
    let true_at_top = top.iter().filter(|s| is_true(&s.variant, &s.entry)).count();
    let precision = true_at_top as f64 / top.len().max(1) as f64;
    let recalled = injected_in_corpus
        .iter()
        .filter(|(v, e)| found.iter().any(|s| s.variant == *v && s.entry == *e))
        .count();
    let recall = recalled as f64 / injected_in_corpus.len() as f64;
    let wrong: Vec<_> = found
        .iter()
        .filter(|s| !is_true(&s.variant, &s.entry))
        .map(|s| (&s.variant, &s.entry))
        .collect();
    let missed: Vec<_> = injected_in_corpus
        .iter()
        .filter(|(v, e)| !found.iter().any(|s| s.variant == *v && s.entry == *e))
        .collect();
    println!("precision@20 {precision:.2} ({true_at_top}/{}), recall {recall:.2} ({recalled}/{}); wrong {wrong:?}; missed {missed:?}", top.len(), injected_in_corpus.len());
    // The committed floors (docs/suggest.md quotes the measured values).
    assert!(
        precision >= 0.95,
        "precision@20 {precision:.2}; wrong: {wrong:?}"
    );
    assert!(recall >= 0.90, "recall {recall:.2}; missed: {missed:?}");
}
