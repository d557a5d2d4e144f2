#![doc = include_str!("../../../docs/rules/unsourced-entity.md")]

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
