#![doc = include_str!("../../docs/rules/script-mismatch.md")]

use super::{fitted_replacement, quoted, span_of, Document};
use crate::finding::{Finding, Fix, Rule};
use crate::glossary::{FormRef, Hit, Kind, Role};
use serde::Deserialize;

/// Options of the script-mismatch rule; see the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ScriptMismatchOptions {
    /// Which entries a form in Latin letters is reported for.
    pub latin: LatinPolicy,
}

/// Which entries a form kept in Latin letters in a text of another script is reported for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LatinPolicy {
    /// Entries of kind `place`.
    #[default]
    Places,
    Always,
    Never,
}

/// A finding on a hit of forms of other languages only: this rule's when the hit is in
/// another script than the text's form, else `foreign-form`'s.
pub(crate) fn finding(
    doc: &Document,
    hit: &Hit,
    refs: &[FormRef],
    check: &super::CheckOptions,
) -> Option<Finding> {
    if refs.iter().any(|r| !matches!(r.role, Role::Foreign)) {
        return None;
    }
    let r = refs.first()?;
    let entry = doc.entry(r);
    let forms = entry.forms_for(doc.index.lang())?;
    let original = doc.slice(hit);
    let own = crate::text::dominant_script(&forms.canonical);
    if own.is_some() && crate::text::dominant_script(original) == own {
        return super::foreign::finding(doc, hit, r, &check.foreign_form);
    }
    let options = &check.script_mismatch;
    let latin = original
        .chars()
        .filter_map(crate::text::script_of)
        .all(|s| s == crate::text::Script::Latin);
    let reported = match options.latin {
        _ if !latin => true,
        LatinPolicy::Always => true,
        LatinPolicy::Places => entry.kind == Kind::Place,
        LatinPolicy::Never => false,
    };
    if !reported {
        return None;
    }
    Some(Finding {
        rule: Rule::ScriptMismatch,
        severity: Rule::ScriptMismatch.severity(),
        span: span_of(hit),
        message: format!(
            "{} is written in another script; in {} the {} is {}",
            quoted(original),
            doc.index.lang(),
            entry.kind.as_str(),
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
            Rule::ScriptMismatch.fix_applicability(),
        )),
    })
}
