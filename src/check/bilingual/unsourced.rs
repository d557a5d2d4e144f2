//! `unsourced-entity` (GL010): the target names an entity that the source does not mention.
//!
//! **What** In a unit of a bilingual file, the target holds a correct form of a glossary
//! entity that has forms in the source language, and the source names neither it nor an
//! entity linked to it (a country for its demonym), in any of its forms or in any case. A
//! form of one word that is also an ordinary word of the target language, and no known name
//! of it, is taken in its own sense ("Tag", day, where a glossary gives it as a title's).
//!
//! **Why** Machine translation substitutes names: another person of the same office, a
//! neighbouring country, a better-known film. The target reads well; only the source shows
//! that the name came from nowhere. When the source names an entity that the target lacks,
//! the substitution is reported as that entity's `missing-rendering`, with its fix.
//!
//! **Example** Source "Der Präsident Nigers", target "Nigeria's president", with entries
//! for Niger and Nigeria → the target names Nigeria, which the source does not mention.
//!
//! **Fix safety** Display-only: what the span should say is not known.

use super::{folded_words, joined, tokens};
use crate::check::{quoted, Document};
use crate::finding::{Finding, Rule};
use crate::glossary::{Entry, Index};
use crate::text::{fold_str, Span};

/// Whether the source could have named `entry` and does not: it has forms in the source
/// language, and the source holds none of its forms in any language, however written, nor
/// a spelling close to one of its source forms (a source can misspell a name too).
pub(super) fn could_be_mentioned(source_index: &Index, entry: &Entry, source: &str) -> bool {
    let Some(forms) = entry.forms_for(source_index.lang()) else {
        return false;
    };
    let folded = fold_str(source);
    let written = entry.forms.values().any(|f| {
        std::iter::once(&f.canonical)
            .chain(&f.alternatives)
            .chain(f.variants.iter().map(|v| &v.form))
            .any(|f| {
                let f = fold_str(f);
                !f.is_empty() && folded.contains(&f)
            })
    });
    if written {
        return false;
    }
    // An acronym the glossary does not know may stand for the entity ("USA", "PA").
    if super::has_acronym(source) {
        return false;
    }
    let words = tokens(&folded, 0, folded.len());
    // A word of one of its forms, or the beginning of one: "Pacific" for the Pacific
    // Ocean, "Kazakh" for "Kazakhstani" (not "Australian" for Austria).
    let part = std::iter::once(&forms.canonical)
        .chain(&forms.alternatives)
        .flat_map(|f| folded_words(f))
        .filter(|w| w.chars().count() >= 4)
        .any(|fw| {
            words.iter().any(|&(a, b)| {
                let w = &folded[a..b];
                let (short, long) = if w.len() < fw.len() {
                    (w, fw.as_str())
                } else {
                    (fw.as_str(), w)
                };
                w == fw || (short.chars().count() >= 5 && long.starts_with(short))
            })
        });
    if part {
        return false;
    }
    let close = std::iter::once(&forms.canonical)
        .chain(&forms.alternatives)
        .any(|f| {
            let form = folded_words(f);
            let key = joined(form.iter().map(String::as_str));
            let k = form.len().max(1);
            (0..words.len().saturating_sub(k - 1)).any(|i| {
                let window = joined((i..i + k).map(|j| &folded[words[j].0..words[j].1]));
                super::missing::closeness(&window, &key) >= 0.75
            })
        });
    !close
}

pub(super) fn finding(doc: &Document, span: Span, entry: &Entry) -> Finding {
    let original = &doc.text[span.start..span.end];
    Finding {
        rule: Rule::UnsourcedEntity,
        severity: Rule::UnsourcedEntity.severity(),
        span,
        message: format!(
            "{} names {} ({}), which the source does not mention",
            quoted(original),
            quoted(&entry.id),
            entry.kind.as_str()
        ),
        entry: entry.id.clone(),
        matched: original.to_string(),
        similarity: None,
        confidence: None,
        unit: None,
        fix: None,
    }
}
