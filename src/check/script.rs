//! `script-mismatch` (GL007): an entity written in another script than the text's language
//! writes it in.
//!
//! **What** A span equal to an entry's form in another language, written in another script
//! family than the entry's form in the text's language, where no form of the text's language
//! matches: Latin "Assimi Goïta" in Russian text, when the glossary has "Ассими Гоита".
//!
//! **Why** Translation engines and hurried editors leave names untransliterated. A reader of
//! Russian, Arabic or Chinese expects the name in their script, and search in that language
//! will not find the Latin form.
//!
//! **Example** in Russian text, "президент Assimi Goïta" → "президент Ассими Гоита".
//!
//! **Fix safety** Unsafe: some styles keep names in Latin letters (brands, or names without an
//! established transliteration). Disable the rule for such texts with
//! `disable = ["script-mismatch"]`.

use super::{fitted_replacement, quoted, span_of, Document};
use crate::finding::{Finding, Fix, Rule};
use crate::glossary::{FormRef, Hit, Role};

pub(crate) fn finding(doc: &Document, hit: &Hit, refs: &[FormRef]) -> Option<Finding> {
    if refs.iter().any(|r| !matches!(r.role, Role::Foreign)) {
        return None;
    }
    let r = refs.first()?;
    let entry = doc.entry(r);
    let forms = entry.forms_for(doc.index.lang())?;
    let original = doc.slice(hit);
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
        fix: Some(Fix::replace(
            span_of(hit),
            fitted_replacement(original, &forms.canonical),
            Rule::ScriptMismatch.fix_applicability(),
        )),
    })
}
