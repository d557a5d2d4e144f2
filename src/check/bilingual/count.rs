//! `rendering-count` (GL011): the source names an entity in more sentences than the target renders it.
//!
//! **What** In a unit of a bilingual file, the source names a glossary entity in more
//! sentences than the target renders it, counting its correct forms, its listed wrong forms
//! and the spans the other rules located. A name repeated within one sentence may be
//! rendered once: translators leave it to a pronoun or to the sentence's structure ("the
//! capital of Spain and the largest city in Spain"). The finding is on the unit, at the
//! start of its target.
//!
//! **Why** A dropped mention is a dropped fact ("Mali and Niger … Mali" rendered with one
//! Mali); a key-term check that only asks whether a form is present cannot see it.
//!
//! **Example** Source "Takuba left Mali. Takuba's troops went home.", target "Takuba
//! verließ Mali, und die Truppen gingen heim." → the source names Takuba in two sentences,
//! the target once.
//!
//! **Fix safety** Display-only: a translation may rightly use a pronoun.

use super::UnitText;
use crate::check::{quoted, Document};
use crate::finding::{Finding, Rule};
use crate::glossary::Entry;
use crate::text::Span;

pub(super) fn finding(
    doc: &Document,
    unit: &UnitText,
    entry: &Entry,
    mention: &str,
    times: usize,
    rendered: usize,
) -> Finding {
    let canonical = entry
        .forms_for(doc.index.lang())
        .map_or(entry.id.as_str(), |f| f.canonical.as_str());
    Finding {
        rule: Rule::RenderingCount,
        severity: Rule::RenderingCount.severity(),
        span: Span::new(unit.target.start, unit.target.start),
        message: format!(
            "the source names {} {} times, the target renders it ({}) {}",
            quoted(mention),
            times,
            quoted(canonical),
            if rendered == 1 {
                "once".to_string()
            } else {
                format!("{rendered} times")
            }
        ),
        entry: entry.id.clone(),
        matched: canonical.to_string(),
        similarity: None,
        confidence: None,
        unit: None,
        fix: None,
    }
}
