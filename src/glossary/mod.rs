//! The glossary: entities with per-language forms, policies, context conditions and examples.
//!
//! This room owns the model, its loading from TOML text (with `line:column` errors) and the
//! index that the checker queries. It reads no files: callers hand it text and a path to
//! name in messages.

pub mod builtin;
mod compiled;
mod flat;
mod index;
mod lang_map;
mod load;
mod raw;
mod write;

pub use crate::lang_tag::{is_valid_lang_tag, lang_matches, primary_subtag};
pub use compiled::{compile_glossary, CompiledGlossary, Entries};
pub use flat::{aligned_copy, CompiledBytes, CompiledError};
pub use index::{
    at_word_boundaries, bare_word, is_name_particle, romanised, skeleton_of, squash_into, FormRef,
    Hit, Index, Pieces, Role, Target, WordHashes, PIECE_BREAKS,
};
pub use lang_map::LangMap;
pub use load::{GlossaryError, GlossaryErrors, Loader};
pub use load::{MAX_FORM_CHARS, MAX_FORM_WORDS};
pub use write::to_toml;

/// The largest glossary file read: loading takes about 15 bytes of memory per byte of TOML
/// (a 95 MB file of a million forms needs 1.4 GB and 12 s), so that a larger one would
/// exhaust a machine before it was checked. (The compiled cache does not lift it: a glossary
/// is compiled from its TOML.)
pub const MAX_GLOSSARY_BYTES: u64 = 256 << 20;

/// Why the glossary file at `path` is not read, when it is over [`MAX_GLOSSARY_BYTES`]
/// (asked before reading it; a file that cannot be asked about is left to the read).
pub fn oversized(path: &std::path::Path) -> Option<String> {
    let size = std::fs::metadata(path).ok()?.len();
    (size > MAX_GLOSSARY_BYTES).then(|| {
        format!(
            "the glossary is {} MB, over the limit of {} MB (about 2.5 million forms); split off what the files checked do not need",
            size.div_ceil(1 << 20),
            MAX_GLOSSARY_BYTES >> 20
        )
    })
}

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A set of entries loaded from one or more glossary files.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// Inflection paradigms by language, then by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub inflections: BTreeMap<String, BTreeMap<String, Vec<Ending>>>,
}

/// One inflection rule: a word ending in `strip` also appears with `strip` replaced by each
/// of `add` ("Гоита": strip "а", add "ы", "е", "у", "ой" gives Гоиты, Гоите, Гоиту, Гоитой).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub strip: String,
    pub add: Vec<String>,
}

/// The ending that turns a base form into an inflected one, borrowed from a paradigm (while
/// an index is built) or from an index's strings (when a hit names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inflection<'a> {
    pub strip: &'a str,
    pub add: &'a str,
}

impl Inflection<'_> {
    /// `form` with the same ending, when its last word ends like the base did.
    pub fn apply(&self, form: &str) -> Option<String> {
        let stem = form.strip_suffix(self.strip)?;
        Some(format!("{stem}{}", self.add))
    }
}

/// One named entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub policy: Policy,
    /// Forms per language, keyed by BCP 47 tag.
    pub forms: LangMap<Forms>,
    /// Ids of related entries (a country and its demonym), for context and for people.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confusables: Vec<Confusable>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// For a built-in entry that gave way to a user entry in some languages (see
    /// [`Loader::add_builtin`]): per language, the id of the user entry that claimed its
    /// forms there. That entry is the same entity, so this entry's forms in other languages
    /// are that entry's foreign forms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<(String, String)>,
    /// The glossary file and line the entry starts on, for messages.
    #[serde(skip)]
    pub origin: Origin,
    /// Where each form is written: language, form, line, column.
    #[serde(skip)]
    pub places: Vec<FormPlace>,
}

/// The position of a form in its glossary file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormPlace {
    pub lang: String,
    pub form: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// Shared by every entry of one file.
    pub path: std::sync::Arc<str>,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Place,
    Organisation,
    Operation,
    Demonym,
    Other,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Organisation => "organisation",
            Kind::Operation => "operation",
            Kind::Demonym => "demonym",
            Kind::Other => "other",
        }
    }
}

/// How strictly an entry's correct forms are compared with the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub case: CasePolicy,
    pub diacritics: DiacriticsPolicy,
    pub boundary: BoundaryPolicy,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            case: CasePolicy::Sensitive,
            diacritics: DiacriticsPolicy::Strict,
            boundary: BoundaryPolicy::Word,
        }
    }
}

/// `sensitive`: a correct form in other case is reported (all-capitals text, as in headlines,
/// is accepted). `insensitive`: any case is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CasePolicy {
    Sensitive,
    Insensitive,
}

/// `strict`: a correct form with missing or wrong diacritics is reported. `ignore`: accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiacriticsPolicy {
    Strict,
    Ignore,
}

/// `word`: forms match only as whole words. `none`: anywhere, as scripts without spaces need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BoundaryPolicy {
    Word,
    None,
}

/// The forms of one entity in one language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forms {
    /// The preferred form: the target of fixes.
    pub canonical: String,
    /// Other correct forms, never reported ("Goïta" alone, "Ivory Coast").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// Known wrong forms, each fixed safely to the canonical form (or to its own `fix`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    /// Forms that must not be used; reported, with the canonical form shown but not applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden: Vec<Variant>,
    /// Names of the language's inflection paradigms that every form's last word follows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inflect: Vec<String>,
}

impl Forms {
    /// True when `form` is the canonical form or an accepted alternative.
    pub fn is_correct(&self, form: &str) -> bool {
        self.canonical == form || self.alternatives.iter().any(|a| a == form)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub form: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// A correct form to fix to instead of the canonical one ("Quetta" → "Goïta").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// A word that is correct somewhere but wrong for this entity in a given context: "Nigerian"
/// where the text is about Niger, whose demonym is "Nigerien".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confusable {
    pub lang: String,
    pub form: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Correct form to suggest; the canonical form when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// Every one of these must hold.
    #[serde(default, rename = "if", skip_serializing_if = "Vec::is_empty")]
    pub require: Vec<Condition>,
    /// None of these may hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<Condition>,
}

/// Holds when any of its entries or words appears in its scope around the confusable word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[serde(rename = "in")]
    pub scope: Scope,
    /// Entry ids: any form of the entry (correct or wrong) counts as a mention.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<String>,
    /// Literal words or phrases, matched folded and as whole words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Sentence,
    Paragraph,
    Document,
}

/// A text and what it must become once every fix (safe and unsafe) is applied. A missing
/// `fixed` means the text must stay clean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub lang: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    /// The line in the glossary file, for messages.
    #[serde(skip)]
    pub line: usize,
}

impl Glossary {
    /// The inflected forms of `form` under paradigm `name` of language `lang` (or its
    /// primary subtag): each surface form with the ending that makes it.
    pub fn inflections_of(
        &self,
        form: &str,
        lang: &str,
        name: &str,
    ) -> Vec<(String, Inflection<'_>)> {
        let paradigm = self
            .inflections
            .get(lang)
            .and_then(|p| p.get(name))
            .or_else(|| {
                self.inflections
                    .get(primary_subtag(lang))
                    .and_then(|p| p.get(name))
            });
        let Some(rules) = paradigm else {
            return Vec::new();
        };
        let Some(rule) = rules.iter().find(|r| form.ends_with(r.strip.as_str())) else {
            return Vec::new();
        };
        rule.add
            .iter()
            .filter_map(|add| {
                let inflection = Inflection {
                    strip: &rule.strip,
                    add,
                };
                inflection.apply(form).map(|f| (f, inflection))
            })
            .collect()
    }

    /// The entry with id `id`, read from the start: for one lookup. Many go through
    /// [`EntriesById`].
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Languages that at least one entry has forms in, sorted.
    pub fn languages(&self) -> Vec<String> {
        let mut langs: Vec<String> = self
            .entries
            .iter()
            .flat_map(|e| e.forms.keys().cloned())
            .collect();
        langs.sort();
        langs.dedup();
        langs
    }
}

impl Entry {
    /// The forms for language `lang`: the exact tag, else its primary subtag ("fr-CA" → "fr").
    pub fn forms_for(&self, lang: &str) -> Option<&Forms> {
        self.forms
            .get(lang)
            .or_else(|| self.forms.get(primary_subtag(lang)))
    }
}

/// A glossary's entries sorted by id, for many lookups by id (a context rule naming the
/// entities its conditions mention, lint checking every condition). A compiled glossary
/// reads its own in place (see [`compiled`]).
pub struct EntriesById(flat::Flat<u32>);

impl EntriesById {
    pub fn new(glossary: &Glossary) -> Self {
        let entries = &glossary.entries;
        let mut order: Vec<u32> = (0..entries.len() as u32).collect();
        order.sort_by(|&a, &b| entries[a as usize].id.cmp(&entries[b as usize].id));
        EntriesById(order.into())
    }

    /// The entry of `glossary` (the one this was made from) with id `id`.
    pub fn get<'g>(&self, glossary: &'g Glossary, id: &str) -> Option<&'g Entry> {
        let entries = &glossary.entries;
        self.find(id, |e| &entries[e].id).map(|e| &entries[e])
    }

    /// The number of the entry with id `id`, where `id_of` gives entry `e`'s id.
    fn find<'a>(&self, id: &str, id_of: impl Fn(usize) -> &'a str) -> Option<usize> {
        let at = self
            .0
            .binary_search_by(|&e| id_of(e as usize).cmp(id))
            .ok()?;
        Some(self.0[at] as usize)
    }
}
