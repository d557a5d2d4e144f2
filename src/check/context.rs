#![doc = include_str!("../../docs/rules/context-confusable.md")]

use super::{fitted_replacement, inflected_target, is_all_caps, quoted, span_of, Document};
use crate::finding::{Finding, Fix, Rule};
use crate::glossary::{at_word_boundaries, Condition, FormRef, Hit, Role, Scope};
use crate::lang_tag::lang_matches;
use crate::text::{fold_key_in, fold_str, FormKey};

pub(crate) fn findings(doc: &Document, hit: &Hit, refs: &[FormRef]) -> Vec<Finding> {
    let mut out = Vec::new();
    let original = doc.slice(hit);
    for r in refs {
        let Role::Confusable(i) = r.role else {
            continue;
        };
        let lang = doc.index.lang();
        let written_as_listed = fold_key_in(original, FormKey::Exact, lang)
            == r.key(FormKey::Exact, lang)
            || (is_all_caps(original)
                && fold_key_in(original, FormKey::Caseless, lang)
                    == r.key(FormKey::Caseless, lang));
        if !written_as_listed {
            continue;
        }
        let entry = doc.entry(r);
        let confusable = &entry.confusables[i];
        // A built-in entry whose forms here a user entry took: that entry's forms.
        let Some(forms) = entry.forms_for(lang).or_else(|| {
            let (_, owner) = entry.same_as.iter().find(|(l, _)| lang_matches(l, lang))?;
            doc.index.entry_by_id(owner)?.forms_for(lang)
        }) else {
            continue;
        };
        let mut because = Vec::new();
        let required = confusable
            .require
            .iter()
            .all(|c| match evidence(doc, hit, c) {
                Some(found) => {
                    because.push(format!("the {} mentions {found}", scope_name(c.scope)));
                    true
                }
                None => false,
            });
        if !required {
            continue;
        }
        let excluded = confusable
            .unless
            .iter()
            .any(|c| evidence(doc, hit, c).is_some());
        if excluded {
            continue;
        }
        for c in &confusable.unless {
            because.push(format!(
                "the {} never mentions {}",
                scope_name(c.scope),
                listed(doc, c)
            ));
        }
        let base = confusable.fix.as_deref().unwrap_or(&forms.canonical);
        let (target, how) = inflected_target(r, base, Rule::ContextConfusable.fix_applicability());
        let mut message = format!(
            "{} is likely wrong here for {} ({})",
            quoted(original),
            quoted(&target),
            entry.kind.as_str()
        );
        if let Some(reason) = &confusable.reason {
            message.push_str(": ");
            message.push_str(reason);
        }
        if !because.is_empty() {
            message.push_str(&format!(" [{}]", because.join("; ")));
        }
        out.push(Finding {
            rule: Rule::ContextConfusable,
            severity: Rule::ContextConfusable.severity(),
            span: span_of(hit),
            message,
            entry: entry.id.clone(),
            matched: confusable.form.clone(),
            similarity: None,
            confidence: None,
            unit: None,
            fix: Some(Fix::replace(
                span_of(hit),
                fitted_replacement(original, &target),
                how,
            )),
        });
    }
    out
}

/// What makes `condition` hold around `hit`, named for a message, or `None` if it does not.
///
/// A condition's evidence in one scope is looked for once, for every hit in that scope (see
/// [`Occurrences`]): a text with thousands of demonyms and a document-wide condition would
/// otherwise scan the document once per demonym.
fn evidence(doc: &Document, hit: &Hit, condition: &Condition) -> Option<String> {
    let (start, end) = scope_range(doc, hit.start, condition.scope);
    let key = (std::ptr::from_ref(condition) as usize, start);
    let mut memo = doc.evidence.borrow_mut();
    let found = memo
        .entry(key)
        .or_insert_with(|| Occurrences::find(doc, condition, start, end));
    for (id, spans) in condition.mentions.iter().zip(&found.mentions) {
        // Hits do not overlap: at most one of them is `hit` itself.
        if spans.iter().any(|&s| s != (hit.start, hit.end)) {
            return Some(entity_name(doc, id));
        }
    }
    let inside = |at: usize| at >= hit.folded_start && at < hit.folded_end;
    for (word, starts) in condition.words.iter().zip(&found.words) {
        if starts.iter().any(|&at| !inside(at)) {
            return Some(quoted(word));
        }
        // Every occurrence kept lies inside the hit, and there may be more: look again.
        if starts.len() == Occurrences::KEEP
            && word_starts(doc, word, start, end, usize::MAX)
                .into_iter()
                .any(|at| !inside(at))
        {
            return Some(quoted(word));
        }
    }
    None
}

/// Where one condition's evidence occurs in one scope: for each entry it mentions, the
/// first two hits of the entry (one of them may be the hit being judged); for each word, the
/// folded offsets of its first [`Occurrences::KEEP`] whole-word occurrences.
pub(crate) struct Occurrences {
    mentions: Vec<Vec<(usize, usize)>>,
    words: Vec<Vec<usize>>,
}

impl Occurrences {
    const KEEP: usize = 8;

    fn find(doc: &Document, condition: &Condition, start: usize, end: usize) -> Occurrences {
        // The hits are in order and do not overlap: those in scope are one run of them.
        let first = doc.hits.partition_point(|h| h.start < start);
        let last = doc.hits.partition_point(|h| h.start < end);
        let mut mentions = vec![Vec::new(); condition.mentions.len()];
        // Each mentioned entry, and the user entries that took its forms in this language
        // (a built-in entry shadowed by a user's, see `Entry::same_as`).
        let lang = doc.index.lang();
        let stand_for: Vec<Vec<&str>> = condition
            .mentions
            .iter()
            .map(|id| {
                let mut ids = vec![id.as_str()];
                if let Some(e) = doc.index.entry_by_id(id) {
                    ids.extend(
                        e.same_as
                            .iter()
                            .filter(|(l, _)| lang_matches(l, lang))
                            .map(|(_, owner)| owner.as_str()),
                    );
                }
                ids
            })
            .collect();
        for h in doc.hits[first..last].iter().filter(|h| h.end <= end) {
            for (ids, spans) in stand_for.iter().zip(&mut mentions) {
                let of_entry = doc.index.roles(h.pattern).any(|(e, role)| {
                    !matches!(role, Role::Confusable(_))
                        && ids.contains(&doc.index.entry(e).id.as_str())
                });
                if of_entry && spans.len() < 2 {
                    spans.push((h.start, h.end));
                }
            }
        }
        let words = condition
            .words
            .iter()
            .map(|w| word_starts(doc, w, start, end, Self::KEEP))
            .collect();
        Occurrences { mentions, words }
    }
}

/// The folded offsets of the first `keep` whole-word occurrences of `word` in the original
/// byte range `[start, end)`.
fn word_starts(doc: &Document, word: &str, start: usize, end: usize, keep: usize) -> Vec<usize> {
    let key = fold_str(word);
    if key.is_empty() {
        return Vec::new();
    }
    let (fs, fe) = (
        doc.folded.folded_offset(start),
        doc.folded.folded_offset(end),
    );
    doc.folded.text[fs..fe]
        .match_indices(&key)
        .map(|(i, _)| fs + i)
        .filter(|&at| at_word_boundaries(&doc.folded.text, at, at + key.len()))
        .take(keep)
        .collect()
}

/// The original byte range of the sentence, paragraph or document around `offset`.
fn scope_range(doc: &Document, offset: usize, scope: Scope) -> (usize, usize) {
    let bounds = match scope {
        Scope::Document => return (0, doc.text.len()),
        Scope::Sentence => doc.sentences(),
        Scope::Paragraph => doc.paragraphs(),
    };
    let i = bounds.partition_point(|&b| b <= offset) - 1;
    (
        bounds[i],
        bounds.get(i + 1).copied().unwrap_or(doc.text.len()),
    )
}

fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Sentence => "sentence",
        Scope::Paragraph => "paragraph",
        Scope::Document => "document",
    }
}

/// The entry's name in the text's language, or its id.
fn entity_name(doc: &Document, id: &str) -> String {
    doc.index
        .entry_by_id(id)
        .and_then(|e| e.forms_for(doc.index.lang()))
        .map_or_else(|| id.to_string(), |f| f.canonical.clone())
}

fn listed(doc: &Document, condition: &Condition) -> String {
    let mut names: Vec<String> = condition
        .mentions
        .iter()
        .map(|id| entity_name(doc, id))
        .collect();
    names.extend(condition.words.iter().map(|w| quoted(w)));
    names.join(" or ")
}

#[cfg(test)]
mod tests {
    use crate::check::test_support::*;
    use crate::finding::{Applicability, Rule};

    const ABOUT_NIGER: &str = "France will reposition its forces in Niger. \
        They will deploy near the Malian border alongside Nigerian forces.";

    #[test]
    fn nigerian_is_wrong_in_a_text_about_niger() {
        assert_finds(ABOUT_NIGER, Rule::ContextConfusable, "Nigerian", "Nigerien");
        let f = &check_en(ABOUT_NIGER)[0];
        assert_eq!(f.fix.as_ref().unwrap().applicability, Applicability::Unsafe);
        assert!(
            f.message
                .contains("the document mentions Niger; the document never mentions Nigeria"),
            "{}",
            f.message
        );
    }

    /// A user's glossary that lists Niger and Nigerien itself takes those forms from the
    /// built-in entries; the built-in context rule still knows the entity, and fixes to the
    /// user's form.
    #[test]
    fn a_built_in_context_rule_holds_when_a_user_entry_takes_the_entity() {
        use crate::check::{check, CheckOptions};
        use crate::glossary::{builtin, Index, Loader};
        let mut loader = Loader::new();
        loader.add_builtin(builtin::WORLD_PATH, builtin::WORLD);
        loader.add_source(
            "mine.toml",
            r#"
[[entry]]
id = "my-niger"
kind = "place"
[entry.forms.en]
canonical = "Niger"

[[entry]]
id = "my-nigerien"
kind = "demonym"
[entry.forms.en]
canonical = "Nigerien"
"#,
        );
        let index = Index::new(std::sync::Arc::new(loader.finish().unwrap()), "en");
        let found = check(&index, ABOUT_NIGER, &CheckOptions::default());
        let f = found
            .iter()
            .find(|f| f.rule == Rule::ContextConfusable)
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert_eq!(&ABOUT_NIGER[f.span.start..f.span.end], "Nigerian");
        assert_eq!(f.replacement(), Some("Nigerien"));
        let quiet = "Troops from Niger and Nigeria met; Nigerian forces led the patrol.";
        assert!(check(&index, quiet, &CheckOptions::default()).is_empty());
    }

    #[test]
    fn nigerian_is_right_when_nigeria_is_mentioned() {
        assert_clean("Troops from Niger and Nigeria met; Nigerian forces led the patrol.");
        assert_clean("Nigerian forces patrolled the border with Cameroon.");
    }

    #[test]
    fn only_unsafe_fixes_apply_the_context_decision() {
        assert_fixes(ABOUT_NIGER, Applicability::Safe, ABOUT_NIGER);
        assert_fixes(
            ABOUT_NIGER,
            Applicability::Unsafe,
            &ABOUT_NIGER.replace("Nigerian", "Nigerien"),
        );
    }

    #[test]
    fn a_word_condition_decides_for_the_newspaper() {
        assert_finds(
            "the French newspaper \"Liberation\" reported",
            Rule::ContextConfusable,
            "Liberation",
            "Libération",
        );
        assert_clean("the liberation of the city; Liberation Day parades");
    }
}
