//! `glossary suggest`: mines corpora for spellings that look like variants of glossary
//! entities and are not listed yet (near-misses, transliterations, missing diacritics), groups
//! them by entity with counts and contexts, and ranks them for a terminologist's review.

use crate::check::{check, CheckOptions};
use crate::finding::Rule;
use crate::glossary::Index;
use std::collections::BTreeMap;

/// A proposed wrong variant of an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub entry: String,
    pub lang: String,
    /// The spelling found in the corpus.
    pub variant: String,
    /// The correct form it comes close to.
    pub correct: String,
    /// How it was found: `near-miss` or `wrong-diacritics`.
    pub rule: Rule,
    pub count: usize,
    pub similarity: f64,
    /// Up to three lines where it occurs, as `path:line: text`.
    pub contexts: Vec<String>,
    /// The ranking score: more occurrences and closer spellings first.
    pub score: f64,
}

#[derive(Debug, Clone)]
pub struct SuggestOptions {
    pub check: CheckOptions,
    /// Spellings seen fewer times are left out.
    pub min_count: usize,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            check: CheckOptions {
                rules: vec![Rule::NearMiss, Rule::WrongDiacritics],
                ..CheckOptions::default()
            },
            min_count: 1,
        }
    }
}

/// About 60 characters of the line on each side of the span, cut at spaces, with "…" where cut.
fn around(text: &str, line_start: usize, line_end: usize, start: usize, end: usize) -> String {
    let before: Vec<(usize, char)> = text[line_start..start].char_indices().collect();
    let from = if before.len() > 60 {
        let cut = line_start + before[before.len() - 60].0;
        text[cut..start].find(' ').map_or(cut, |i| cut + i + 1)
    } else {
        line_start
    };
    let after = &text[end..line_end];
    let to = match after.char_indices().nth(60) {
        Some((i, _)) => end + after[..i].rfind(' ').unwrap_or(i),
        None => line_end,
    };
    format!(
        "{}{}{}",
        if from > line_start { "…" } else { "" },
        text[from..to].trim(),
        if to < line_end { "…" } else { "" }
    )
}

/// Mines `documents` (path and text, all in the index's language) for unlisted variants.
pub fn suggest<'a>(
    index: &Index,
    documents: impl IntoIterator<Item = (&'a str, &'a str)>,
    options: &SuggestOptions,
) -> Vec<Suggestion> {
    let mut found: BTreeMap<(String, String), Suggestion> = BTreeMap::new();
    for (path, text) in documents {
        let lines = crate::text::LineIndex::new(text);
        for f in check(index, text, &options.check) {
            let variant = text[f.span.start..f.span.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let key = (f.entry.clone(), variant.clone());
            let s = found.entry(key).or_insert_with(|| Suggestion {
                entry: f.entry.clone(),
                lang: index.lang().to_string(),
                variant: variant.clone(),
                correct: f.matched.clone(),
                rule: f.rule,
                count: 0,
                similarity: f.similarity.unwrap_or(0.9),
                contexts: Vec::new(),
                score: 0.0,
            });
            s.count += 1;
            if s.contexts.len() < 3 {
                let line = lines.line_of(f.span.start);
                let (ls, le) = lines.line_span(text, line);
                let snippet = around(text, ls, le, f.span.start, f.span.end);
                s.contexts.push(format!("{path}:{}: {snippet}", line + 1));
            }
        }
    }
    let mut out: Vec<Suggestion> = found
        .into_values()
        .filter(|s| s.count >= options.min_count)
        .map(|mut s| {
            // Repetition is the strongest evidence that a spelling is a systematic variant and
            // not a one-off typo or an unrelated name; closeness breaks ties.
            s.score = (1.0 + s.count as f64).ln() * s.similarity;
            s
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.variant.cmp(&b.variant))
    });
    out
}
