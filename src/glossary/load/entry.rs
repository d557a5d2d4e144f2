//! Building one entry from its raw table: its id (valid, and defined once), its policy over
//! the file's defaults, its forms by language, its links, confusables with their conditions,
//! and examples, with every problem reported at its place.
//!
//! This room checks what one entry can show alone, and that a fix names a correct form of
//! its entry. It only records the ids that links and conditions name, for
//! [`Loader::finish`] to check once every file is in, and leaves each language's forms and
//! their claims to `forms`.

use super::{Loader, Place};
use crate::glossary::raw::{RawCondition, RawEntry, RawPolicy};
use crate::glossary::{
    is_valid_lang_tag, Condition, Confusable, Entry, Example, Forms, LangMap, Origin, Policy,
};
use crate::lang_tag::primary_subtag;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

impl Loader {
    pub(super) fn build_entry(
        &mut self,
        raw: RawEntry,
        defaults: &RawPolicy,
        place: &impl Fn(Range<usize>) -> Place,
        at: &Place,
    ) -> Option<Entry> {
        let errors_before = self.errors.len();
        self.places.clear();
        let id = raw.id.get_ref().clone();
        if self.in_builtin && self.ids.contains_key(&id) {
            return None;
        }
        if !is_valid_id(&id) {
            self.error(
                at,
                format!("entry id `{id}` is not valid: use lower-case letters, digits, `-`, `_` and `.`, starting with a letter or digit"),
            );
        } else if let Some(first) = self.ids.get(&id) {
            let message = format!(
                "entry id `{id}` is already defined at {}:{}:{}",
                self.files[first.file as usize], first.line, first.column
            );
            self.error(at, message);
        } else {
            self.ids.insert(id.clone(), *at);
        }

        let policy = Policy {
            case: raw.case.or(defaults.case).unwrap_or(Policy::default().case),
            diacritics: raw
                .diacritics
                .or(defaults.diacritics)
                .unwrap_or(Policy::default().diacritics),
            boundary: raw
                .boundary
                .or(defaults.boundary)
                .unwrap_or(Policy::default().boundary),
        };

        if raw.forms.is_empty() {
            self.error(
                at,
                format!("entry `{id}` has no forms: add a table [entry.forms.LANG] with a `canonical` form"),
            );
        }
        let mut forms = LangMap::new();
        let mut shadowed: Vec<String> = Vec::new();
        let mut same_as: Vec<(String, String)> = Vec::new();
        // The entry's claims name it by its index in `owners`.
        let owner = self.owners.len() as u32;
        self.owners.push(id.as_str().into());
        // A built-in language shadowed in one of its tags is shadowed in all of them: the
        // region-less tag holds every region's forms.
        let mut shadowing: Vec<(String, Arc<str>)> = Vec::new();
        if self.in_builtin {
            for (lang, raw_forms) in &raw.forms {
                if let Some(owner) = self.shadowed_by(&id, lang, raw_forms) {
                    shadowing.push((primary_subtag(lang).to_ascii_lowercase(), owner));
                }
            }
        }
        for (lang, raw_forms) in raw.forms {
            let primary = primary_subtag(&lang).to_ascii_lowercase();
            if let Some((_, owner)) = shadowing.iter().find(|(p, _)| *p == primary) {
                same_as.push((lang.clone(), owner.to_string()));
                shadowed.push(lang);
                continue;
            }
            let lang_at = place(raw_forms.canonical.span());
            if !is_valid_lang_tag(&lang) {
                self.error(
                    &lang_at,
                    format!("`{lang}` is not a BCP 47 language tag (like `en`, `fr`, `pt-BR`)"),
                );
                continue;
            }
            let built = self.build_forms(owner, &lang, raw_forms, policy.boundary, place);
            forms.insert(lang, built);
        }

        for link in &raw.links {
            self.references
                .push((link.get_ref().clone(), place(link.span()), "link"));
        }

        let mut confusables = Vec::new();
        for raw_c in raw.confusables {
            let c_at = place(raw_c.span());
            let raw_c = raw_c.into_inner();
            // In a language where a user entry took this entry's forms, the confusable stays:
            // it is knowledge about the entity, and its fix falls to that entry's form.
            let shadowed_lang = shadowed.contains(&raw_c.lang);
            if !is_valid_lang_tag(&raw_c.lang) {
                self.error(
                    &c_at,
                    format!("`{}` is not a BCP 47 language tag", raw_c.lang),
                );
            }
            if raw_c.form.trim().is_empty() {
                self.error(&c_at, "a confusable needs a non-empty `form`".into());
            }
            if let Some(fix) = raw_c.fix.as_ref().filter(|_| !shadowed_lang) {
                self.check_fix_target(&id, &raw_c.lang, fix, &forms, &c_at);
            }
            let conditions = |raws: Vec<RawCondition>, this: &mut Self| {
                raws.into_iter()
                    .map(|r| {
                        for m in &r.mentions {
                            this.references.push((m.clone(), c_at, "a condition"));
                        }
                        if r.mentions.is_empty() && r.words.is_empty() {
                            this.error(
                                &c_at,
                                "a condition needs `mentions` (entry ids) or `words`".into(),
                            );
                        }
                        Condition {
                            scope: r.scope,
                            mentions: r.mentions,
                            words: r.words,
                        }
                    })
                    .collect::<Vec<_>>()
            };
            let require = conditions(raw_c.require, self);
            let unless = conditions(raw_c.unless, self);
            confusables.push(Confusable {
                lang: raw_c.lang,
                form: raw_c.form,
                reason: raw_c.reason,
                fix: raw_c.fix,
                require,
                unless,
            });
        }

        let mut examples = Vec::new();
        for raw_x in raw.examples {
            let x_at = place(raw_x.text.span());
            if !is_valid_lang_tag(&raw_x.lang) {
                self.error(
                    &x_at,
                    format!("`{}` is not a BCP 47 language tag", raw_x.lang),
                );
            }
            examples.push(Example {
                lang: raw_x.lang,
                text: raw_x.text.into_inner(),
                fixed: raw_x.fixed,
                line: x_at.line as usize,
            });
        }

        if self.errors.len() > errors_before {
            return None;
        }
        Some(Entry {
            places: std::mem::take(&mut self.places),
            id,
            kind: raw.kind,
            description: raw.description,
            policy,
            forms,
            links: raw.links.into_iter().map(Spanned::into_inner).collect(),
            confusables,
            examples,
            same_as,
            origin: Origin {
                path: Arc::clone(&self.files[at.file as usize]),
                line: at.line as usize,
            },
        })
    }

    pub(super) fn check_fix_target(
        &mut self,
        id: &str,
        lang: &str,
        fix: &str,
        forms: &LangMap<Forms>,
        at: &Place,
    ) {
        let ok = forms
            .get(lang)
            .or_else(|| forms.get(crate::glossary::primary_subtag(lang)))
            .is_some_and(|f| f.is_correct(fix));
        if !ok {
            self.error(
                at,
                format!("fix `{fix}` is not a canonical or alternative form of `{id}` ({lang}): list it there first"),
            );
        }
    }
}

fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{errors, GOOD};

    #[test]
    fn bad_ids_and_language_tags_are_errors() {
        let text = GOOD
            .replace("id = \"mali\"", "id = \"Mali Country\"")
            .replace(
                "[entry.forms.en]\ncanonical = \"Mali\"",
                "[entry.forms.english]\ncanonical = \"Mali\"",
            );
        let errs = errors(&text);
        assert!(
            errs.iter()
                .any(|e| e.contains("entry id `Mali Country` is not valid")),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("`english` is not a BCP 47 language tag")),
            "{errs:?}"
        );
    }
}
