//! Building one language's forms of an entry: each form checked (not empty, no spaces at its
//! ends, listed once), claimed for its entry so that no other entry claims it in that
//! language, and its place kept for [`crate::glossary::Entry::places`]; and whether a user
//! entry already claims a built-in entry's forms.
//!
//! This room owns the claims on forms and nothing else of the entry: ids, links and
//! confusables are `entry`'s, and whether a named paradigm exists is checked by
//! [`Loader::finish`] once every file is in.

use super::{claim_key, Claim, Loader, Place};
use crate::glossary::raw::{RawForms, RawVariant};
use crate::glossary::{BoundaryPolicy, FormPlace, Forms, LangMap, Variant};
use crate::text::{fold_key, FormKey};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

/// The longest form, in characters: the longest names of organisations and titles of works
/// fit (about 120); a longer one is not a name, and would make every text's matching slow.
pub const MAX_FORM_CHARS: usize = 256;

/// The most words in a form.
pub const MAX_FORM_WORDS: usize = 24;

impl Loader {
    /// Whether a user entry already claims one of these forms of a built-in entry: the id
    /// of another entry that claims one of `raw`'s forms in `lang` or in any tag of the same
    /// language (a user's "pt" entry shadows the built-in "pt-PT" and "pt-BR" forms too).
    pub(super) fn shadowed_by(&self, id: &str, lang: &str, raw: &RawForms) -> Option<Arc<str>> {
        let primary = crate::lang_tag::primary_subtag(lang);
        let tags: Vec<&str> = self
            .claimed_langs
            .iter()
            .map(String::as_str)
            .filter(|t| crate::lang_tag::primary_subtag(t).eq_ignore_ascii_case(primary))
            .collect();
        let variants = raw
            .variants
            .iter()
            .chain(&raw.forbidden)
            .map(|v| v.get_ref().form());
        std::iter::once(raw.canonical.get_ref().as_str())
            .chain(raw.alternatives.iter().map(|a| a.get_ref().as_str()))
            .chain(variants)
            .find_map(|form| {
                let folded = fold_key(form, FormKey::Exact);
                tags.iter().find_map(|tag| {
                    let key = claim_key(tag, &folded);
                    let owner = &self.owners[self.claims.get(key.as_str())?.owner as usize];
                    (&**owner != id).then(|| Arc::clone(owner))
                })
            })
    }

    pub(super) fn build_forms(
        &mut self,
        owner: u32,
        lang: &str,
        raw: RawForms,
        boundary: BoundaryPolicy,
        place: &impl Fn(Range<usize>) -> Place,
    ) -> Forms {
        let owner_id = Arc::clone(&self.owners[owner as usize]);
        let id: &str = &owner_id;
        let mut seen: HashMap<String, Place> = HashMap::default();
        let mut claim = |this: &mut Self, form: &Spanned<String>, what: &str| -> String {
            let at = place(form.span());
            let text = form.get_ref().clone();
            if !this.skip_places {
                this.places.push(FormPlace {
                    lang: lang.to_string(),
                    form: text.clone(),
                    line: at.line as usize,
                    column: at.column as usize,
                });
            }
            if text.trim().is_empty() {
                this.error(&at, format!("{what} of `{id}` ({lang}) is empty"));
                return text;
            }
            let chars = text.chars().count();
            let words = text.split_whitespace().count();
            let over = if chars > MAX_FORM_CHARS {
                Some(format!(
                    "{chars} characters; a form has at most {MAX_FORM_CHARS}"
                ))
            } else if words > MAX_FORM_WORDS {
                Some(format!(
                    "{words} words; a form has at most {MAX_FORM_WORDS}"
                ))
            } else {
                None
            };
            if let Some(over) = over {
                this.error(&at, format!("{what} of `{id}` ({lang}) has {over}"));
                return text;
            }
            if chars < 2 {
                let inside = match boundary {
                    BoundaryPolicy::None => "inside any word",
                    BoundaryPolicy::Word => "all over a text",
                };
                this.error(
                    &at,
                    format!("{what} `{text}` of `{id}` ({lang}) is one character, so it would match {inside}: a form has at least two"),
                );
                return text;
            }
            if text.trim() != text {
                this.error(
                    &at,
                    format!("{what} `{text}` of `{id}` ({lang}) has spaces at its start or end"),
                );
            }
            let key = fold_key(&text, FormKey::Exact);
            if let Some(first) = seen.get(&key) {
                this.error(
                    &at,
                    format!(
                        "`{text}` is listed twice in `{id}` ({lang}); first at line {}",
                        first.line
                    ),
                );
                return text;
            }
            seen.insert(key.clone(), at);
            let key = claim_key(lang, &key);
            match this.claims.get(key.as_str()) {
                Some(first) if first.owner != owner => {
                    let message = format!(
                        "`{text}` ({lang}) is claimed by entry `{}` too, at {}:{}:{}: a form belongs to one entry (use a `confusable` when context decides)",
                        this.owners[first.owner as usize],
                        this.files[first.at.file as usize],
                        first.at.line,
                        first.at.column
                    );
                    this.error(&at, message);
                }
                _ => {
                    this.claims.insert(key.into(), Claim { owner, at });
                    if !this.claimed_langs.iter().any(|l| l == lang) {
                        this.claimed_langs.push(lang.to_string());
                    }
                }
            }
            text
        };
        let canonical = claim(self, &raw.canonical, "the canonical form");
        let alternatives = raw
            .alternatives
            .iter()
            .map(|a| claim(self, a, "an alternative"))
            .collect();
        let mut variant_list = |this: &mut Self, raws: &[Spanned<RawVariant>], what: &str| {
            raws.iter()
                .map(|v| {
                    let spanned = Spanned::new(v.span(), v.get_ref().form().to_string());
                    let form = claim(this, &spanned, what);
                    let (reason, fix) = v.get_ref().details();
                    Variant { form, reason, fix }
                })
                .collect::<Vec<_>>()
        };
        let variants = variant_list(self, &raw.variants, "a variant");
        let forbidden = variant_list(self, &raw.forbidden, "a forbidden form");
        for name in &raw.inflect {
            self.paradigm_uses
                .push((lang.to_string(), name.get_ref().clone(), place(name.span())));
        }
        let forms = Forms {
            canonical,
            alternatives,
            variants,
            forbidden,
            inflect: raw.inflect.iter().map(|n| n.get_ref().clone()).collect(),
        };
        for v in &raw.variants {
            if let (_, Some(fix)) = v.get_ref().details() {
                let at = place(v.span());
                let mut probe = LangMap::new();
                probe.insert(lang.to_string(), forms.clone());
                self.check_fix_target(id, lang, &fix, &probe, &at);
            }
        }
        forms
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{errors, GOOD};

    #[test]
    fn two_entries_claiming_one_form_is_an_error() {
        let text = format!(
            "{GOOD}\n[[entry]]\nid = \"other\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"Goïta\"\n"
        );
        let errs = errors(&text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].starts_with(
                "g.toml:25:13: `Goïta` (en) is claimed by entry `assimi-goita` too, at g.toml:11:17"
            ),
            "{errs:?}"
        );
    }
}
