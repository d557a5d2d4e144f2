//! `wrong-case` (GL004): an entity's correct form written in the wrong case.
//!
//! **What** A span equal to an entry's canonical or alternative form except for case, where
//! the entry's `case` policy is `sensitive` (the default). Text in capitals throughout, as
//! headlines write names, is accepted.
//!
//! **Why** Translation engines lower-case names they do not recognise ("wagner group") and
//! upper-case acronyms inconsistently ("Minusma" where the style is "MINUSMA").
//!
//! **Example** "the wagner group" → "the Wagner Group".
//!
//! **Fix safety** Safe: the letters are right and the glossary fixes the case. Entries whose
//! name is also an ordinary word in lower case ("Chad", "Niger" in Latin quotations) set
//! `case = "insensitive"`.

use super::{finding_on, quoted, Document};
use crate::finding::{Finding, Rule};
use crate::glossary::{FormRef, Hit};

pub(crate) fn finding(doc: &Document, hit: &Hit, r: &FormRef) -> Option<Finding> {
    let entry = doc.entry(r);
    let original = doc.slice(hit);
    Some(finding_on(
        Rule::WrongCase,
        hit,
        entry,
        r.form,
        format!(
            "{} is written in the wrong case for {} ({})",
            quoted(original),
            quoted(r.form),
            entry.kind.as_str()
        ),
        super::fitted_replacement(original, r.form),
        Rule::WrongCase.fix_applicability(),
    ))
}

#[cfg(test)]
mod tests {
    use crate::check::test_support::*;
    use crate::finding::Rule;

    #[test]
    fn finds_a_lower_cased_name() {
        assert_finds(
            "the presence of the Russian wagner group changed everything",
            Rule::WrongCase,
            "wagner group",
            "Wagner Group",
        );
    }

    #[test]
    fn accepts_headline_capitals_and_correct_case() {
        assert_clean("WAGNER GROUP LEAVES MALI");
        assert_clean("the Wagner Group and MINUSMA");
    }

    #[test]
    fn an_acronym_in_title_case_is_wrong_in_english() {
        assert_finds("the Minusma force", Rule::WrongCase, "Minusma", "MINUSMA");
    }
}
