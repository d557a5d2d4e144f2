#![doc = include_str!("../../docs/rules/forbidden-form.md")]

use super::{finding_on, fitted_replacement, inflected_target, quoted, Document};
use crate::finding::{Finding, Rule};
use crate::glossary::{FormRef, Hit, Role};

pub(crate) fn finding(doc: &Document, hit: &Hit, r: &FormRef) -> Option<Finding> {
    let Role::Forbidden(i) = r.role else {
        return None;
    };
    let entry = doc.entry(r);
    let forms = entry.forms_for(doc.index.lang())?;
    let forbidden = &forms.forbidden[i];
    let original = doc.slice(hit);
    let mut message = format!(
        "{} is a forbidden form for {} ({})",
        quoted(original),
        quoted(&forms.canonical),
        entry.kind.as_str()
    );
    if let Some(reason) = &forbidden.reason {
        message.push_str(": ");
        message.push_str(reason);
    }
    let base = forbidden.fix.as_deref().unwrap_or(&forms.canonical);
    let (target, how) = inflected_target(r, base, Rule::ForbiddenForm.fix_applicability());
    Some(finding_on(
        Rule::ForbiddenForm,
        hit,
        entry,
        &forbidden.form,
        message,
        fitted_replacement(original, &target),
        how,
    ))
}

#[cfg(test)]
mod tests {
    use crate::check::test_support::*;
    use crate::finding::{Applicability, Rule};

    #[test]
    fn reports_a_forbidden_form_with_a_display_only_fix() {
        let text = "Ouagadougou, capital of Upper Volta, hosted the talks.";
        assert_finds(text, Rule::ForbiddenForm, "Upper Volta", "Burkina Faso");
        let f = &check_en(text)[0];
        assert_eq!(
            f.fix.as_ref().unwrap().applicability,
            Applicability::DisplayOnly
        );
        assert_fixes(text, Applicability::Unsafe, text);
    }
}
