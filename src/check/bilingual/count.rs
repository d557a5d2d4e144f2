#![doc = include_str!("../../../docs/rules/rendering-count.md")]

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
