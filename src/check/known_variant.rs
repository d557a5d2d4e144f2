#![doc = include_str!("../../docs/rules/known-variant.md")]

use super::{finding_on, fitted_replacement, inflected_target, quoted, Document};
use crate::finding::{Finding, Rule};
use crate::glossary::{FormRef, Hit, Role};

pub(crate) fn finding(doc: &Document, hit: &Hit, r: &FormRef) -> Option<Finding> {
    let Role::Variant(i) = r.role else {
        return None;
    };
    let entry = doc.entry(r);
    let forms = entry.forms_for(doc.index.lang())?;
    let variant = &forms.variants[i];
    let base = variant.fix.as_deref().unwrap_or(&forms.canonical);
    let (target, how) = inflected_target(r, base, Rule::KnownVariant.fix_applicability());
    let original = doc.slice(hit);
    let mut message = format!(
        "{} is a known wrong form of {} ({})",
        quoted(original),
        quoted(&forms.canonical),
        entry.kind.as_str()
    );
    if let Some(reason) = &variant.reason {
        message.push_str(": ");
        message.push_str(reason);
    }
    Some(finding_on(
        Rule::KnownVariant,
        hit,
        entry,
        &variant.form,
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
    fn finds_a_multi_word_variant_and_fixes_it_to_the_canonical_form() {
        assert_finds(
            "As for the military ruler of Mali, Qasimi Quetta, members of his council",
            Rule::KnownVariant,
            "Qasimi Quetta",
            "Assimi Goïta",
        );
    }

    #[test]
    fn matches_across_case_line_breaks_and_no_break_spaces() {
        assert_finds(
            "QASIMI QUETTA",
            Rule::KnownVariant,
            "QASIMI QUETTA",
            "ASSIMI GOÏTA",
        );
        assert_finds(
            "ruler Qasimi\nQuetta said",
            Rule::KnownVariant,
            "Qasimi\nQuetta",
            "Assimi\nGoïta",
        );
        assert_finds(
            "ruler Qasimi\u{00A0}Quetta said",
            Rule::KnownVariant,
            "Qasimi\u{00A0}Quetta",
            "Assimi\u{00A0}Goïta",
        );
    }

    #[test]
    fn a_variant_with_its_own_fix_target_uses_it() {
        assert_finds(
            "the presidents of Ivory Coast, Hassan Ouattara, and Senegal",
            Rule::KnownVariant,
            "Hassan Ouattara",
            "Alassane Ouattara",
        );
    }

    #[test]
    fn only_whole_words_match() {
        assert_clean("The Takobane river is not a name in the glossary.");
    }

    #[test]
    fn fixes_are_safe_and_converge() {
        assert_fixes(
            "Qasimi Quetta and Qasimi Quetta again.",
            Applicability::Safe,
            "Assimi Goïta and Assimi Goïta again.",
        );
    }
}
