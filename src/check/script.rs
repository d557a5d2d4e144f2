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
//! Latin is the script the world borrows names in: human translators keep brands, titles,
//! teams and people in Latin letters in every script ("MLB", "Tom Brady" in Japanese,
//! "Blackpink" in Arabic), while place names are nearly always written in the language's
//! own script. So by default (`[script-mismatch] latin = "places"`) a form in Latin letters
//! is reported only for an entry of kind `place`; `"always"` reports every entry, `"never"`
//! none. A form in any other script is always reported. Not reported: a name in a passage
//! written in another language ("Debconf0 took place in Bordeaux, France", left in English
//! in a Japanese page), or right after a name part the glossary does not know ("Debian
//! Switzerland").
//!
//! **Example** in Russian text, "переброшены в Niger" → "переброшены в Нигер".
//!
//! **Fix safety** Unsafe: some styles keep names in Latin letters (brands, or names without an
//! established transliteration). Disable the rule for such texts with
//! `disable = ["script-mismatch"]`.

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
