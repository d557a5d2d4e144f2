//! `near-miss` (GL002): an unlisted spelling close to an entity's name.
//!
//! **What** A run of one or more words, not itself a form of any entry, whose folded spelling
//! is within a few edits of an entry's canonical or alternative form with the same number of
//! words, or whose transliteration skeleton (consonant classes, vowels dropped) is within one
//! edit of a long name's. Candidates must look like names: their first and last words start
//! with a capital in scripts that have case. Thresholds are stricter for short names:
//!
//! | name length (letters) | edits allowed | also required |
//! | --- | --- | --- |
//! | under `min-length` (5) | none | — |
//! | up to `short-length` (8) | 1 | same first letter |
//! | longer | `max-edits` (2) | — |
//!
//! A candidate made only of ordinary words of the text's language (`ordinary-words`, from the
//! embedded lexicons of ar, de, en, es, fr, hi, it, pt, ru and tr) is never reported:
//! "Swedes" is not "Sweden", and "West Africa" is not "South Africa".
//!
//! Transliteration matches (when `transliteration` is on) need a name of at least
//! `short-length` + 1 letters, a skeleton of at least 4 consonants, and at least half the
//! letters in common.
//!
//! **Why** Translation drifts vowels ("Takoba" for Takuba, "Tassalit" for Tessalit) and
//! re-transliterates names through another script; nobody can list every such spelling in
//! advance. A span that is itself a glossary form ("Mali" beside "Bali") or an inflection of
//! one ("Malians") is never reported, and the first-letter rule keeps ordinary words like
//! "Tiger" away from "Niger".
//!
//! **Example** "the Takoba force" → "Takuba" (similarity 0.83).
//!
//! **Fix safety** Unsafe: a close spelling is evidence, not proof. The similarity is shown.

use super::{fitted_replacement, quoted, Document};
use crate::finding::{Finding, Fix, Rule};
use crate::glossary::{skeleton_of, Target};
use crate::text::{lexicon, Lexicon, Span, Token, WordTokens};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// Thresholds of the near-miss rule; see the module documentation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct NearMissOptions {
    /// Names with fewer letters are never near-miss targets.
    pub min_length: usize,
    /// Names up to this many letters allow one edit and must keep their first letter.
    pub short_length: usize,
    /// Edits allowed for longer names.
    pub max_edits: usize,
    /// Also match through transliteration skeletons.
    pub transliteration: bool,
    /// Never report a span made only of ordinary words of the text's language (from the
    /// embedded lexicons).
    pub ordinary_words: bool,
}

impl Default for NearMissOptions {
    fn default() -> Self {
        NearMissOptions {
            min_length: 5,
            short_length: 8,
            max_edits: 2,
            transliteration: true,
            ordinary_words: true,
        }
    }
}

impl NearMissOptions {
    /// Edits allowed between a name of `letters` letters and a spelling of it, if any.
    pub fn edits_allowed(&self, letters: usize) -> Option<usize> {
        if letters < self.min_length {
            None
        } else if letters <= self.short_length {
            Some(1)
        } else {
            Some(self.max_edits.max(1))
        }
    }
}

struct Candidate<'a> {
    target: Target<'a>,
    similarity: f64,
    transliterated: bool,
}

pub(crate) fn findings(doc: &Document, options: &NearMissOptions) -> Vec<Finding> {
    let index = doc.index;
    let max_words = index.max_words();
    if max_words == 0 {
        return Vec::new();
    }
    let text = doc.folded.text.as_str();
    // The words in a window of the longest name's length, read as the window moves.
    let mut next_words = WordTokens::new(text);
    let mut window: std::collections::VecDeque<Token> =
        next_words.by_ref().take(max_words).collect();
    let covered = covered_ranges(doc);
    let lexicon = options
        .ordinary_words
        .then(|| lexicon(index.lang()))
        .flatten();
    let mut scratch = Vec::new();
    let mut found: Vec<Finding> = Vec::new();
    let mut first = true;
    loop {
        if !first {
            window.pop_front();
            window.extend(next_words.next());
        }
        first = false;
        let Some(word) = window.front() else {
            break;
        };
        // Names start with a capital (or a letter of a script without case): most words can
        // be passed over before any n-gram is built.
        if !starts_like_a_name(doc, word) {
            continue;
        }
        let tokens = window.make_contiguous();
        for n in 1..=max_words.min(tokens.len()) {
            let words = &tokens[..n];
            if n > 1 && !joined_as_name(text, &words[n - 2], &words[n - 1]) {
                break;
            }
            let (fs, fe) = (words[0].start, words[n - 1].end);
            if overlaps_any(&covered, fs, fe) {
                break;
            }
            let key = &text[fs..fe];
            if index.pattern_of(key).is_some() {
                continue;
            }
            let Some((os, oe)) = doc.folded.to_original(fs, fe, doc.text) else {
                continue;
            };
            if !looks_like_a_name(doc, words) {
                continue;
            }
            if lexicon.is_some_and(|l| all_ordinary(doc, words, l)) {
                continue;
            }
            if let Some(best) = best_candidate(doc, key, n, options, &mut scratch) {
                found.push(finding(doc, Span::new(os, oe), best));
            }
        }
    }
    found
}

/// The closest target for the folded spelling `key` of `n` words, if one passes.
fn best_candidate<'a>(
    doc: &'a Document,
    key: &str,
    n: usize,
    options: &NearMissOptions,
    scratch: &mut Vec<u32>,
) -> Option<Candidate<'a>> {
    let index = doc.index;
    let letters = key.chars().filter(|c| *c != ' ').count();
    let mut best: Option<Candidate> = None;
    let mut consider = |c: Candidate<'a>| {
        if best.as_ref().is_none_or(|b| c.similarity > b.similarity) {
            best = Some(c);
        }
    };
    // A target within d edits has at most letters + d letters, and shares at least
    // (its bigram count) - 2d padded bigrams with the key.
    let widest = options.edits_allowed(letters + options.max_edits.max(1));
    if let Some(d) = widest {
        let min_shared = (letters + 1).saturating_sub(2 * d).max(1);
        index.bigram_candidates(key, n, letters, d, min_shared, scratch);
        for &t in scratch.iter() {
            let target = index.target(t);
            if target.words != n || is_inflection(key, target.key) {
                continue;
            }
            let Some(allowed) = options.edits_allowed(target.chars) else {
                continue;
            };
            if target.chars <= options.short_length
                && key.chars().next() != target.key.chars().next()
            {
                continue;
            }
            if letters.abs_diff(target.chars) > allowed {
                continue;
            }
            let distance = strsim::osa_distance(key, target.key);
            if distance <= allowed {
                consider(Candidate {
                    target,
                    similarity: similarity(key, target.key),
                    transliterated: false,
                });
            }
        }
    }
    if options.transliteration && letters > options.short_length {
        let skeleton = skeleton_of(key);
        if skeleton.chars().filter(|c| *c != ' ').count() >= 4 {
            index.skeleton_candidates(&skeleton, scratch);
            for &t in scratch.iter() {
                let target = index.target(t);
                if target.words != n
                    || target.chars <= options.short_length
                    || strsim::osa_distance(&skeleton, target.skeleton) > 1
                {
                    continue;
                }
                let s = similarity(key, target.key);
                if s >= 0.5 {
                    consider(Candidate {
                        target,
                        similarity: s,
                        transliterated: true,
                    });
                }
            }
        }
    }
    best
}

fn finding(doc: &Document, span: Span, c: Candidate) -> Finding {
    let entry = doc.index.entry(c.target.entry);
    let original = &doc.text[span.start..span.end];
    let how = if c.transliterated {
        ", by transliteration"
    } else {
        ""
    };
    Finding {
        rule: Rule::NearMiss,
        severity: Rule::NearMiss.severity(),
        span,
        message: format!(
            "{} is close to {} ({}): similarity {:.2}{how}",
            quoted(original),
            quoted(c.target.form),
            entry.kind.as_str(),
            c.similarity
        ),
        entry: entry.id.clone(),
        matched: c.target.form.to_string(),
        similarity: Some((c.similarity * 100.0).round() / 100.0),
        fix: Some(Fix::replace(
            span,
            fitted_replacement(original, c.target.form),
            Rule::NearMiss.fix_applicability(),
        )),
    }
}

/// 1 − edit distance ÷ the longer length, in characters.
fn similarity(a: &str, b: &str) -> f64 {
    let longest = a.chars().count().max(b.chars().count()).max(1);
    1.0 - strsim::osa_distance(a, b) as f64 / longest as f64
}

/// "malians" after "malian", "macrons" after "macron": a name with an ending, not a new name.
fn is_inflection(key: &str, target: &str) -> bool {
    (key.len() > target.len() && key.starts_with(target))
        || (target.len() > key.len() && target.starts_with(key))
}

/// Words of one name are separated by exactly one space, hyphen or apostrophe.
fn joined_as_name(text: &str, a: &Token, b: &Token) -> bool {
    matches!(&text[a.end..b.start], " " | "-" | "'")
}

/// The first and last words start with a capital letter, or with a letter of a script
/// without case.
fn looks_like_a_name(doc: &Document, words: &[Token]) -> bool {
    starts_like_a_name(doc, &words[0]) && starts_like_a_name(doc, &words[words.len() - 1])
}

fn starts_like_a_name(doc: &Document, t: &Token) -> bool {
    let o = doc.folded.original_start(t.start);
    doc.text[o..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_lowercase())
}

/// Whether every word is an ordinary word of the language, written as it is in the text
/// but in lower case.
fn all_ordinary(doc: &Document, words: &[Token], lexicon: &Lexicon) -> bool {
    words.iter().all(|t| {
        doc.folded
            .to_original(t.start, t.end, doc.text)
            .is_some_and(|(s, e)| {
                let word: String = doc.text[s..e].nfc().flat_map(char::to_lowercase).collect();
                lexicon.contains(&word)
            })
    })
}

/// Folded ranges of every hit, merged into disjoint sorted ranges: words inside a known form
/// are not near-misses.
fn covered_ranges(doc: &Document) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = doc
        .hits
        .iter()
        .map(|h| (h.folded_start, h.folded_end))
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Whether `[start, end)` overlaps one of the disjoint sorted `ranges`.
fn overlaps_any(ranges: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = ranges.partition_point(|r| r.0 < end);
    i > 0 && ranges[i - 1].1 > start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::*;
    use crate::check::{check, CheckOptions};
    use crate::glossary::{Glossary, Index};
    use std::sync::Arc;

    /// The index and this rule split text into words the same way: a Latin name inside
    /// Chinese text is a word for both, listed or not.
    #[test]
    fn latin_names_inside_unspaced_text_are_words_for_every_rule() {
        assert_finds(
            "the 在Qasimi Quetta行动 force",
            Rule::KnownVariant,
            "Qasimi Quetta",
            "Assimi Goïta",
        );
        assert_finds("the 在Takoba行动 force", Rule::NearMiss, "Takoba", "Takuba");
    }

    #[test]
    fn finds_vowel_drift_without_a_listed_variant() {
        assert_finds(
            "the \"Takoba Force\" will withdraw",
            Rule::NearMiss,
            "Takoba",
            "Takuba",
        );
        assert_finds(
            "military bases in Tassalit, Kidal and Timbuktu",
            Rule::NearMiss,
            "Tassalit",
            "Tessalit",
        );
        let f = &check_en("the Takoba force")[0];
        assert_eq!(f.similarity, Some(0.83));
        assert!(f.message.ends_with("similarity 0.83"), "{}", f.message);
    }

    #[test]
    fn real_words_and_other_entries_are_not_near_misses() {
        let text = "Bali and Mali; the Tiger of Niger; Malians and Nigeriens; tassalit";
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "mali"
kind = "place"
[entry.forms.en]
canonical = "Mali"
[[entry]]
id = "bali"
kind = "place"
[entry.forms.en]
canonical = "Bali"
[[entry]]
id = "niger"
kind = "place"
[entry.forms.en]
canonical = "Niger"
[[entry]]
id = "tessalit"
kind = "place"
[entry.forms.en]
canonical = "Tessalit"
[[entry]]
id = "malian"
kind = "demonym"
[entry.forms.en]
canonical = "Malian"
"#,
        )
        .unwrap();
        let index = Index::new(Arc::new(g), "en");
        let findings = check(&index, text, &CheckOptions::default());
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn finds_a_transliterated_name_that_no_one_listed() {
        let g = Glossary::from_toml(
            "g.toml",
            "[[entry]]\nid = \"assimi-goita\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"Assimi Goïta\"\n",
        )
        .unwrap();
        let index = Index::new(Arc::new(g), "en");
        let findings = check(
            &index,
            "the ruler of Mali, Qasimi Quetta, said",
            &CheckOptions::default(),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].rule, Rule::NearMiss);
        assert_eq!(findings[0].replacement(), Some("Assimi Goïta"));
        assert!(findings[0].message.contains("by transliteration"));
    }

    #[test]
    fn overlap_queries_see_merged_ranges() {
        let ranges = [(0, 5), (10, 20), (30, 31)];
        assert!(overlaps_any(&ranges, 4, 6));
        assert!(!overlaps_any(&ranges, 5, 10));
        assert!(overlaps_any(&ranges, 12, 13));
        assert!(!overlaps_any(&ranges, 20, 30));
        assert!(overlaps_any(&ranges, 0, 100));
        assert!(!overlaps_any(&[], 0, 100));
    }

    #[test]
    fn thresholds_are_configurable() {
        let strict = NearMissOptions {
            min_length: 7,
            ..NearMissOptions::default()
        };
        let options = CheckOptions {
            near_miss: strict,
            ..CheckOptions::default()
        };
        assert!(check(&index("en"), "the Takoba force", &options).is_empty());
        assert_eq!(NearMissOptions::default().edits_allowed(4), None);
        assert_eq!(NearMissOptions::default().edits_allowed(6), Some(1));
        assert_eq!(NearMissOptions::default().edits_allowed(12), Some(2));
    }
}
