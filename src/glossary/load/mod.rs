//! Loading glossary TOML into the model, with every problem reported at its line and column.
//!
//! Loading is two-step: [`Loader::add_source`] parses one file and checks what it can alone;
//! [`Loader::finish`] checks what spans files (ids, links, forms claimed twice) and returns
//! the glossary or every error found.
//!
//! The loader's rooms, one concern each:
//!
//! - `parts`: reading one file, whole or cut into parts parsed in parallel waves, and rolling
//!   back what a file added when its syntax is broken.
//! - `entry`: building and checking one entry (its id, language tags, links, confusables,
//!   examples and fix targets).
//! - `forms`: building one language's forms of an entry, with the claims that keep a form to
//!   one entry and the places of forms.

mod entry;
mod forms;
pub use forms::{MAX_FORM_CHARS, MAX_FORM_WORDS};
mod parts;

use super::{Ending, Entry, FormPlace, Glossary};
use crate::diagnostic::Diagnostic;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// One problem in a glossary file, at a 1-based line and column: a [`Diagnostic`] whose
/// place is always known.
pub type GlossaryError = Diagnostic;

/// Every problem found while loading a glossary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct GlossaryErrors(pub Vec<GlossaryError>);

impl fmt::Display for GlossaryErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Collects glossary files into one [`Glossary`].
#[derive(Default)]
pub struct Loader {
    entries: Vec<Entry>,
    errors: Vec<GlossaryError>,
    ids: HashMap<String, Place>,
    /// Forms already claimed, by [`claim_key`]: who claimed them and where.
    claims: HashMap<Box<str>, Claim>,
    /// The language tags forms were claimed in, for shadowing across regional tags.
    claimed_langs: Vec<String>,
    /// The ids of the entries read, for [`Claim::owner`].
    owners: Vec<Arc<str>>,
    /// The files read, for [`Claim::file`]; the last is the one being read.
    files: Vec<Arc<str>>,
    /// Ids named by links and conditions, checked once every file is in.
    references: Vec<(String, Place, &'static str)>,
    /// Built-in glossaries, loaded last and below the user's (see [`Loader::add_builtin`]).
    builtins: Vec<(String, String)>,
    /// True while a built-in glossary is being read.
    in_builtin: bool,
    inflections: BTreeMap<String, BTreeMap<String, Vec<Ending>>>,
    /// Paradigms named by forms: language, name, where.
    paradigm_uses: Vec<(String, String, Place)>,
    /// Form positions of the entry being built.
    places: Vec<FormPlace>,
    /// False when the glossary is only checked against: [`Entry::places`] is left empty.
    skip_places: bool,
}

/// Who claimed a form, and where: 16 bytes, where the owner's id and a path, line and
/// column took 48 (a large glossary has hundreds of thousands of claims).
#[derive(Debug, Clone, Copy)]
struct Claim {
    /// Index in [`Loader::owners`].
    owner: u32,
    at: Place,
}

/// The key of a claim on the form whose exact key is `key` in language `lang`.
fn claim_key(lang: &str, key: &str) -> String {
    format!("{lang}\u{1}{key}")
}

/// A position in a glossary file: made for every entry and form, so small and plain.
#[derive(Debug, Clone, Copy)]
struct Place {
    /// Index in [`Loader::files`].
    file: u32,
    line: u32,
    column: u32,
}

impl Glossary {
    /// Loads one glossary from TOML text; `path` only names the file in messages.
    pub fn from_toml(path: &str, text: &str) -> Result<Glossary, GlossaryErrors> {
        let mut loader = Loader::default();
        loader.add_source(path, text);
        loader.finish()
    }
}

impl Loader {
    pub fn new() -> Self {
        Self::default()
    }

    /// Leaves [`Entry::places`] empty: they serve glossary maintenance (`glossary lint`), and
    /// cost about 300 bytes an entry.
    pub fn skip_places(&mut self) {
        self.skip_places = true;
    }

    /// Adds a built-in glossary: a layer below the user's. Where a user entry claims one of a
    /// built-in entry's forms in some language, or uses its id, the built-in entry gives way:
    /// it loses that language (and its confusables there), or goes entirely. Built-in
    /// glossaries are read after every user glossary, whatever the order of calls.
    pub fn add_builtin(&mut self, path: &str, text: &str) {
        self.builtins.push((path.to_string(), text.to_string()));
    }

    /// Checks references across files and returns the glossary, or every error found.
    pub fn finish(mut self) -> Result<Glossary, GlossaryErrors> {
        self.in_builtin = true;
        for (path, text) in std::mem::take(&mut self.builtins) {
            self.add_source(&path, &text);
        }
        for (id, at, what) in std::mem::take(&mut self.references) {
            if !self.ids.contains_key(&id) {
                self.error(
                    &at,
                    format!("{what} names entry `{id}`, which no glossary defines"),
                );
            }
        }
        for (lang, name, at) in std::mem::take(&mut self.paradigm_uses) {
            let found = [lang.as_str(), super::primary_subtag(&lang)]
                .iter()
                .any(|l| {
                    self.inflections
                        .get(*l)
                        .is_some_and(|p| p.contains_key(&name))
                });
            if !found {
                self.error(
                    &at,
                    format!("inflection paradigm `{name}` is not defined for `{lang}`: add it under [inflections.{lang}]"),
                );
            }
        }
        if self.errors.is_empty() {
            Ok(Glossary {
                entries: self.entries,
                inflections: self.inflections,
            })
        } else {
            Err(GlossaryErrors(self.errors))
        }
    }

    fn error(&mut self, at: &Place, message: String) {
        self.errors.push(
            Diagnostic::new(self.files[at.file as usize].to_string(), message)
                .at(at.line as usize, at.column as usize),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::DiacriticsPolicy;

    pub(super) const GOOD: &str = r#"
[defaults]
case = "sensitive"

[[entry]]
id = "assimi-goita"
kind = "person"
links = ["mali"]
[entry.forms.en]
canonical = "Assimi Goïta"
alternatives = ["Goïta"]
variants = ["Qasimi Quetta", { form = "Quetta", reason = "Arabic transliteration", fix = "Goïta" }]

[[entry]]
id = "mali"
kind = "place"
diacritics = "ignore"
[entry.forms.en]
canonical = "Mali"
"#;

    pub(super) fn errors(text: &str) -> Vec<String> {
        match Glossary::from_toml("g.toml", text) {
            Ok(_) => vec![],
            Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn loads_entries_forms_variants_and_policies() {
        let g = Glossary::from_toml("g.toml", GOOD).unwrap();
        let goita = g.entry("assimi-goita").unwrap();
        let en = goita.forms_for("en-GB").unwrap();
        assert_eq!(en.canonical, "Assimi Goïta");
        assert_eq!(en.variants[1].fix.as_deref(), Some("Goïta"));
        assert_eq!(goita.links, ["mali"]);
        assert_eq!(
            g.entry("mali").unwrap().policy.diacritics,
            DiacriticsPolicy::Ignore
        );
        assert_eq!(goita.origin.line, 6);
    }

    #[test]
    fn unknown_keys_are_rejected_with_line_and_column() {
        let text = GOOD.replace("links = [\"mali\"]", "linx = [\"mali\"]");
        let errs = errors(&text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].starts_with("g.toml:8:1: unknown field `linx`"),
            "{errs:?}"
        );
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let errs = errors("[[entry]]\nid = \"x\nkind = \"person\"\n");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("g.toml:2:"), "{errs:?}");
    }

    #[test]
    fn links_to_missing_entries_and_bad_fix_targets_are_errors() {
        let text = GOOD
            .replace("links = [\"mali\"]", "links = [\"mali\", \"niger\"]")
            .replace("fix = \"Goïta\"", "fix = \"Goita\"");
        let errs = errors(&text);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs
            .iter()
            .any(|e| e
                .contains("fix `Goita` is not a canonical or alternative form of `assimi-goita`")));
        assert!(
            errs.iter()
                .any(|e| e.starts_with("g.toml:8:18: link names entry `niger`")),
            "{errs:?}"
        );
    }
}
