//! Quality, measured: precision, recall and fix accuracy per rule on a labelled corpus
//! generated with a fixed seed. Each document is a short news paragraph about the Sahel with
//! at most one injected error per sentence, of a known kind, span and fix: listed wrong
//! variants, vowel drift, transliterations, dropped diacritics, wrong case, demonym swaps
//! (in documents about Niger). Control documents hold correct names, inflected names, the
//! right demonyms, and ordinary words that look like names. The suite fails below the
//! committed floors; docs/performance.md quotes the measured values.

use glosslint::check::{check, CheckOptions};
use glosslint::finding::Rule;
use glosslint::glossary::{Glossary, Index};
use std::collections::BTreeMap;
use std::sync::Arc;

mod common;

use common::Rng;

/// An injected error: the wrong text, the rule that should report it, the expected fix.
type Error = (&'static str, Rule, &'static str);

const ERRORS: &[Error] = &[
    ("Qasimi Quetta", Rule::KnownVariant, "Assimi Goïta"),
    ("Hassan Ouattara", Rule::KnownVariant, "Alassane Ouattara"),
    ("Upper Volta", Rule::ForbiddenForm, "Burkina Faso"),
    ("Takoba", Rule::NearMiss, "Takuba"),
    ("Tassalit", Rule::NearMiss, "Tessalit"),
    ("Barkhana", Rule::NearMiss, "Barkhane"),
    ("Ouattera", Rule::NearMiss, "Ouattara"),
    ("Alasane Watara", Rule::NearMiss, "Alassane Ouattara"),
    ("Assimi Goita", Rule::WrongDiacritics, "Assimi Goïta"),
    ("Cote d'Ivoire", Rule::WrongDiacritics, "Côte d'Ivoire"),
    ("macky sall", Rule::WrongCase, "Macky Sall"),
    ("Minusma", Rule::WrongCase, "MINUSMA"),
    // Harder: headline capitals, a surname alone, a name broken over a line, and vowel drift
    // in lower case, which near-miss does not look for (names start with a capital).
    ("TAKOBA", Rule::NearMiss, "TAKUBA"),
    ("Goita", Rule::WrongDiacritics, "Goïta"),
    ("Qasimi\nQuetta", Rule::KnownVariant, "Assimi\nGoïta"),
    ("takoba", Rule::NearMiss, "Takuba"),
];

/// Correct spellings, including inflections and look-alike ordinary words.
const CORRECT: &[&str] = &[
    "Assimi Goïta",
    "Alassane Ouattara",
    "Takuba",
    "Tessalit",
    "Barkhane",
    "Côte d'Ivoire",
    "Ivory Coast",
    "Wagner Group",
    "MINUSMA",
    "Macky Sall",
    "Bamako",
    "Kidal",
    "Timbuktu",
    "Malians",
    "Macron's",
    "Burkina Faso",
    "Tiger",
    "Kidney",
    "Timber",
    "Barking",
    "Taken",
    "Liberation Day",
    "Senegal",
    "Gao",
];

const SENTENCES: &[&str] = &[
    "Officials in {x} said on Thursday that talks would resume.",
    "The statement mentioned {x} twice, according to diplomats.",
    "Reporters asked about {x} during the press conference.",
    "A spokesman for {x} declined to comment on the withdrawal.",
    "{x} was the first name on the list.",
    "Commanders praised {x}'s role in the operation.",
];

/// Precision and recall floors per rule.
const FLOORS: &[(Rule, f64, f64)] = &[
    (Rule::KnownVariant, 0.99, 0.99),
    // Lower-case drift ("takoba") is not looked for: names start with a capital.
    (Rule::NearMiss, 0.99, 0.85),
    (Rule::WrongDiacritics, 0.99, 0.99),
    (Rule::WrongCase, 0.99, 0.99),
    (Rule::ContextConfusable, 0.99, 0.99),
    (Rule::ForbiddenForm, 0.99, 0.99),
];

struct Doc {
    text: String,
    expected: Vec<(std::ops::Range<usize>, Rule, &'static str)>,
}

fn corpus(seed: u64, docs: usize) -> Vec<Doc> {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    for d in 0..docs {
        let mut text = String::new();
        let mut expected = Vec::new();
        // One document in three is about Niger (where "Nigerian" is wrong), one in six about
        // Nigeria (where it is right).
        let about = d % 6;
        if about < 2 {
            text.push_str("France moved its troops to Niger this week. ");
        } else if about == 2 {
            text.push_str("Nigeria and Niger met in Abuja this week. ");
        }
        for _ in 0..4 {
            let frame = SENTENCES[rng.below(SENTENCES.len())];
            let (before, after) = frame.split_once("{x}").unwrap();
            text.push_str(before);
            let roll = rng.below(10);
            if roll < 4 {
                let (wrong, rule, fix) = ERRORS[rng.below(ERRORS.len())];
                expected.push((text.len()..text.len() + wrong.len(), rule, fix));
                text.push_str(wrong);
            } else if roll == 4 && about < 3 {
                // A demonym: wrong in a text about Niger only.
                let start = text.len();
                text.push_str("Nigerian forces");
                if about < 2 {
                    expected.push((
                        start..start + "Nigerian".len(),
                        Rule::ContextConfusable,
                        "Nigerien",
                    ));
                }
            } else {
                text.push_str(CORRECT[rng.below(CORRECT.len())]);
            }
            text.push_str(after);
            text.push(' ');
        }
        out.push(Doc { text, expected });
    }
    out
}

#[derive(Default, Debug)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    fixed_right: usize,
}

#[test]
fn precision_recall_and_fix_accuracy_per_rule() {
    let g = Glossary::from_toml("sahel.toml", include_str!("../glossaries/sahel.toml")).unwrap();
    let index = Index::new(Arc::new(g), "en");
    let mut scores: BTreeMap<Rule, Score> = BTreeMap::new();
    for doc in corpus(0xC0FFEE, 300) {
        let found = check(&index, &doc.text, &CheckOptions::default());
        for f in &found {
            let hit = doc
                .expected
                .iter()
                .find(|(r, rule, _)| *r == (f.span.start..f.span.end) && *rule == f.rule);
            let s = scores.entry(f.rule).or_default();
            match hit {
                Some((_, _, fix)) => {
                    s.tp += 1;
                    if f.replacement() == Some(fix) {
                        s.fixed_right += 1;
                    }
                }
                None => {
                    s.fp += 1;
                    println!(
                        "false: {:?} {:?} in {:?}",
                        f.rule,
                        &doc.text[f.span.start..f.span.end],
                        doc.text
                    );
                }
            }
        }
        for (range, rule, _) in &doc.expected {
            if !found
                .iter()
                .any(|f| (f.span.start..f.span.end) == *range && f.rule == *rule)
            {
                scores.entry(*rule).or_default().fn_ += 1;
                println!("missed: {rule:?} {:?}", &doc.text[range.clone()]);
            }
        }
    }
    println!("rule                 precision  recall  fix accuracy  (tp/fp/fn)");
    for (rule, s) in &scores {
        let precision = s.tp as f64 / (s.tp + s.fp).max(1) as f64;
        let recall = s.tp as f64 / (s.tp + s.fn_).max(1) as f64;
        let accuracy = s.fixed_right as f64 / s.tp.max(1) as f64;
        println!(
            "{:<20} {precision:>9.3} {recall:>7.3} {accuracy:>13.3}  ({}/{}/{})",
            rule.name(),
            s.tp,
            s.fp,
            s.fn_
        );
        // The committed floors: a little under the values measured when they were set
        // (docs/performance.md), so that a regression fails and noise does not.
        let (p_floor, r_floor) = FLOORS
            .iter()
            .find(|(r, ..)| *r == *rule)
            .map(|&(_, p, r)| (p, r))
            .unwrap();
        assert!(
            precision >= p_floor,
            "{}: precision {precision:.3} < {p_floor}",
            rule.name()
        );
        assert!(
            recall >= r_floor,
            "{}: recall {recall:.3} < {r_floor}",
            rule.name()
        );
        assert!(
            accuracy >= 0.99,
            "{}: fix accuracy {accuracy:.3}",
            rule.name()
        );
    }
    assert_eq!(
        scores.len(),
        6,
        "every injected kind is measured: {scores:?}"
    );
}
