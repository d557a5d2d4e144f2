//! Invariants of fixing, checked over every fixture and example: the fixed text is the
//! original plus the reported edits, none refused; fixing a fixed text changes nothing; no safe fix is left behind; every changed byte lies inside a
//! reported span, so text outside the findings comes through byte for byte.

use glosslint::check::{check, CheckOptions};
use glosslint::finding::{Applicability, Rule};
use glosslint::fix::apply_fixes;
use glosslint::glossary::{Glossary, Index};
use similar::{ChangeTag, TextDiff};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn fixtures() -> Vec<(PathBuf, &'static str)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["examples/sahel", "tests/fixtures"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".txt") {
                let lang = if name.contains(".fr.") { "fr" } else { "en" };
                files.push((path, lang));
            }
        }
    }
    files.sort();
    assert!(files.len() >= 4);
    files
}

fn index(lang: &str) -> Index {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("glossaries/sahel.toml")).unwrap();
    Index::new(
        Arc::new(Glossary::from_toml("sahel.toml", &text).unwrap()),
        lang,
    )
}

#[test]
fn fixing_converges_is_idempotent_and_touches_only_reported_spans() {
    let options = CheckOptions::default();
    for (path, lang) in fixtures() {
        let index = index(lang);
        let text = std::fs::read_to_string(&path).unwrap();
        let run = |t: &str| check(&index, t, &options);
        let findings = run(&text);
        for level in [Applicability::Safe, Applicability::Unsafe] {
            let fixed = apply_fixes(&text, level, run);
            assert!(
                fixed.refused.is_empty(),
                "{}: fixes refused: {:#?}",
                path.display(),
                fixed.refused
            );
            // The written text is the original plus the reported edits, and nothing else.
            let reported: Vec<&glosslint::Edit> = findings
                .iter()
                .filter_map(|f| f.fix.as_ref())
                .filter(|x| x.applicability >= level)
                .flat_map(|x| &x.edits)
                .collect();
            let mut rebuilt = String::new();
            let mut at = 0;
            for e in &fixed.edits {
                assert!(
                    reported.contains(&e),
                    "{}: {e:?} was not reported",
                    path.display()
                );
                rebuilt.push_str(&text[at..e.span.start]);
                rebuilt.push_str(&e.replacement);
                at = e.span.end;
            }
            rebuilt.push_str(&text[at..]);
            assert_eq!(rebuilt, fixed.text, "{}", path.display());

            let again = apply_fixes(&fixed.text, level, run);
            assert_eq!(
                again.text,
                fixed.text,
                "{}: a second fix changed the text",
                path.display()
            );
            assert_eq!(again.applied, 0);

            let left = run(&fixed.text);
            let unapplied: Vec<_> = left
                .iter()
                .filter(|f| f.fix.as_ref().is_some_and(|x| x.applicability >= level))
                .collect();
            assert!(
                unapplied.is_empty(),
                "{}: fixes left behind: {unapplied:#?}",
                path.display()
            );

            // Every change lies inside a span reported on the original text.
            let diff = TextDiff::from_chars(&text, &fixed.text);
            let mut at = 0;
            for change in diff.iter_all_changes() {
                let len = change.value().len();
                if change.tag() == ChangeTag::Delete || change.tag() == ChangeTag::Insert {
                    let inside = findings
                        .iter()
                        .any(|f| f.span.start <= at && at <= f.span.end);
                    assert!(
                        inside,
                        "{}: byte {at} changed outside every finding",
                        path.display()
                    );
                }
                if change.tag() != ChangeTag::Insert {
                    at += len;
                }
            }
        }
    }
}

type Found = Vec<(Rule, String, Option<String>)>;

/// The text of a file under the crate, its findings, and each finding as (rule, span text,
/// replacement).
fn found_in(path: &str) -> (String, Vec<glosslint::Finding>, Found) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(path)).unwrap();
    let findings = check(&index("en"), &text, &CheckOptions::default());
    let found = findings
        .iter()
        .map(|f| {
            (
                f.rule,
                text[f.span.start..f.span.end].to_string(),
                f.replacement().map(str::to_string),
            )
        })
        .collect();
    (text, findings, found)
}

fn borrowed(found: &Found) -> Vec<(Rule, &str, Option<&str>)> {
    found
        .iter()
        .map(|(r, t, f)| (*r, t.as_str(), f.as_deref()))
        .collect()
}

#[test]
fn the_slips_fixture_finds_each_kind_of_error() {
    let (_, _, found) = found_in("tests/fixtures/slips.en.txt");
    assert_eq!(
        borrowed(&found),
        [
            (Rule::WrongCase, "macky sall", Some("Macky Sall")),
            (Rule::WrongCase, "Minusma", Some("MINUSMA")),
            (Rule::WrongDiacritics, "Assimi Goita", Some("Assimi Goïta")),
            (
                Rule::KnownVariant,
                "Qasimi\r\nQuetta",
                Some("Assimi\r\nGoïta")
            ),
            (
                Rule::WrongDiacritics,
                "Cote d’Ivoire",
                Some("Côte d’Ivoire")
            ),
            (Rule::ForbiddenForm, "Upper Volta", Some("Burkina Faso")),
            (Rule::ContextConfusable, "Nigerian", Some("Nigerien")),
            (Rule::ContextConfusable, "Nigerians", Some("Nigeriens")),
            (Rule::NearMiss, "Takoba", Some("Takuba")),
            (Rule::NearMiss, "Tassalit", Some("Tessalit")),
        ]
    );
}

#[test]
fn the_clean_fixture_stays_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/fixtures/clean.en.txt")).unwrap();
    let findings = check(&index("en"), &text, &CheckOptions::default());
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn on_the_article_only_the_mangled_names_are_reported() {
    let (text, findings, found) = found_in("examples/sahel/article.en.txt");
    let found = borrowed(&found);
    assert_eq!(
        found,
        [
            (Rule::KnownVariant, "Qasimi Quetta", Some("Assimi Goïta")),
            (Rule::NearMiss, "Takoba", Some("Takuba")),
            (Rule::ContextConfusable, "Nigerian", Some("Nigerien")),
            (Rule::ContextConfusable, "Liberation", Some("Libération")),
            (Rule::NearMiss, "Tassalit", Some("Tessalit")),
            (
                Rule::KnownVariant,
                "Hassan Ouattara",
                Some("Alassane Ouattara")
            ),
        ]
    );
    // The correct mentions are there, and none of them is inside a finding.
    for name in [
        "Takuba",
        "Barkhane",
        "Bamako",
        "Niger",
        "Mali",
        "Macky Sall",
        "MINUSMA",
        "Wagner",
        "Kidal",
        "Timbuktu",
        "Emmanuel Macron",
        "Sahel",
        "Malian",
        "Ivory Coast",
        "Senegal",
    ] {
        let mentions: Vec<usize> = text.match_indices(name).map(|(i, _)| i).collect();
        assert!(!mentions.is_empty(), "{name} is not in the article");
        let flagged = mentions.iter().any(|&at| {
            findings.iter().any(|f| {
                f.span.start <= at && at < f.span.end && &text[f.span.start..f.span.end] == name
            })
        });
        assert!(!flagged, "{name} was reported");
    }
}
