//! Loading glossary TOML into the model, with every problem reported at its line and column.
//!
//! Loading is two-step: [`Loader::add_source`] parses one file and checks what it can alone;
//! [`Loader::finish`] checks what spans files (ids, links, forms claimed twice) and returns
//! the glossary or every error found.

use super::raw::{RawCondition, RawEntry, RawFile, RawForms, RawPolicy, RawVariant};
use super::{
    is_valid_lang_tag, Condition, Confusable, Ending, Entry, Example, FormPlace, Forms, Glossary,
    LangMap, Origin, Policy, Variant,
};
use crate::diagnostic::Diagnostic;
use crate::text::{fold_key, FormKey, LineIndex};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

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

/// The sizes of a [`Loader`]'s lists before a file, to roll back to.
struct Snapshot {
    entries: usize,
    errors: usize,
    references: usize,
    paradigm_uses: usize,
    inflections: BTreeMap<String, BTreeMap<String, Vec<Ending>>>,
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

/// Below this size a glossary is parsed in one piece.
const PART_BYTES: usize = 64 << 10;

/// Parts parsed at once, in parallel, before their entries are built: the parse's garbage is
/// bounded by a wave (256 KB of TOML), not by the file. Measured with 100,000 entities: 16
/// parts a wave peaked 23 MB higher, at the same speed.
const WAVE_PARTS: usize = 4;

/// How to read a glossary file: how many `[[entry]]` headers it has (to size the entry list
/// once), and where to cut it into parts that parse alone, or `None` to parse it whole.
///
/// Parsing a large file whole costs some twenty times its size in memory and runs on one core.
/// Cutting before `[[entry]]` headers gives the same tables as the whole parse when no value
/// spans the cut and every other table (`[defaults]`, `[inflections.*]`) stands in the first
/// part, where it is read before any entry. Only multi-line strings can hold a line that looks
/// like a header, so a file with any is parsed whole, as is one with another table (or a line
/// starting with `[` inside a value) after the first part.
struct Plan {
    entries: usize,
    cuts: Option<Vec<usize>>,
}

/// Reads the table headers of a glossary file, once (see [`Plan`]).
fn plan_parts(text: &str) -> Plan {
    let mut entries = 0;
    let mut cuts = vec![0];
    let mut whole =
        text.len() < 2 * PART_BYTES || text.contains("\"\"\"") || text.contains("\'\'\'");
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let at = line_start;
        line_start += line.len();
        let line = line.trim_start();
        if !line.starts_with('[') {
            continue;
        }
        let entry = line.starts_with("[[entry]]");
        entries += usize::from(entry);
        if !(entry || line.starts_with("[entry.") || line.starts_with("[[entry.")) && cuts.len() > 1
        {
            whole = true;
        }
        if entry && !whole && at - cuts[cuts.len() - 1] >= PART_BYTES {
            cuts.push(at);
        }
    }
    cuts.push(text.len());
    Plan {
        entries,
        cuts: (!whole && cuts.len() > 2).then_some(cuts),
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

    /// Parses one glossary file. Problems are kept for [`Loader::finish`] to return.
    pub fn add_source(&mut self, path: &str, text: &str) {
        let lines = LineIndex::new(text);
        let path: Arc<str> = path.into();
        let file = self.files.len() as u32;
        self.files.push(Arc::clone(&path));
        let place_at = |offset: usize| {
            let (line, column) = lines.line_column(text, offset.min(text.len()));
            Place {
                file,
                line: line as u32,
                column: column as u32,
            }
        };
        let report = |this: &mut Self, e: toml::de::Error| {
            let at = place_at(e.span().map_or(0, |r| r.start));
            this.error(&at, e.message().trim_end().to_string());
        };
        let plan = plan_parts(text);
        // Room for every entry at once: a large list grown by doubling touches twice the
        // memory, and fresh memory is much of what loading costs.
        self.entries.reserve(plan.entries);
        let Some(cuts) = plan.cuts else {
            match toml::from_str::<RawFile>(text) {
                Ok(raw) => {
                    let defaults = raw.defaults.clone().unwrap_or_default();
                    self.add_part(raw, &defaults, &|r: Range<usize>| place_at(r.start));
                }
                Err(e) => report(self, e),
            }
            return;
        };
        let before = self.snapshot();
        let parts: Vec<&[usize]> = cuts.windows(2).collect();
        let waves: Vec<&[&[usize]]> = parts.chunks(WAVE_PARTS).collect();
        let parse = |wave: &[&[usize]]| -> Result<Vec<RawFile>, toml::de::Error> {
            wave.par_iter()
                .map(|w| toml::from_str::<RawFile>(&text[w[0]..w[1]]))
                .collect()
        };
        // The first part holds `[defaults]`, if the file has it (see `plan_parts`).
        let mut defaults: Option<RawPolicy> = None;
        let mut parsed = parse(waves[0]);
        for (k, wave) in waves.iter().enumerate() {
            let Ok(raws) = parsed else {
                // The file has a syntax error: report the whole parse's, with no entry of
                // this file kept.
                self.roll_back(before, &path);
                if let Err(e) = toml::from_str::<RawFile>(text) {
                    report(self, e);
                }
                return;
            };
            // Parse the next wave while this one's entries are built.
            let (next, ()) = rayon::join(
                || waves.get(k + 1).map(|w| parse(w)),
                || {
                    for (w, raw) in wave.iter().zip(raws) {
                        let defaults: &RawPolicy = defaults
                            .get_or_insert_with(|| raw.defaults.clone().unwrap_or_default());
                        let offset = w[0];
                        self.add_part(raw, defaults, &|r: Range<usize>| place_at(offset + r.start));
                    }
                },
            );
            parsed = next.unwrap_or(Ok(Vec::new()));
        }
    }

    /// What [`Loader::roll_back`] needs to forget what one file added.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            entries: self.entries.len(),
            errors: self.errors.len(),
            references: self.references.len(),
            paradigm_uses: self.paradigm_uses.len(),
            inflections: self.inflections.clone(),
        }
    }

    /// Forgets everything file `path` (this very `Arc`) added since `before`.
    fn roll_back(&mut self, before: Snapshot, path: &Arc<str>) {
        self.entries.truncate(before.entries);
        self.errors.truncate(before.errors);
        self.references.truncate(before.references);
        self.paradigm_uses.truncate(before.paradigm_uses);
        self.inflections = before.inflections;
        let files = &self.files;
        let other_file = |at: &Place| !Arc::ptr_eq(&files[at.file as usize], path);
        self.ids.retain(|_, at| other_file(at));
        self.claims.retain(|_, c| other_file(&c.at));
    }

    fn add_part(
        &mut self,
        raw: RawFile,
        defaults: &RawPolicy,
        place: &impl Fn(Range<usize>) -> Place,
    ) {
        for (lang, paradigms) in raw.inflections {
            for (name, rules) in paradigms {
                let at = place(rules.span());
                let rules = rules.into_inner();
                if !is_valid_lang_tag(&lang) {
                    self.error(
                        &at,
                        format!("`{lang}` in [inflections] is not a BCP 47 language tag"),
                    );
                    continue;
                }
                if rules
                    .iter()
                    .any(|r| r.add.is_empty() || r.add.iter().any(|a| a.trim() != a))
                {
                    self.error(
                        &at,
                        format!(
                            "paradigm `{name}` ({lang}) needs endings in `add`, without spaces"
                        ),
                    );
                    continue;
                }
                let known = self.inflections.entry(lang.clone()).or_default();
                match known.get(&name) {
                    Some(existing) if *existing != rules => {
                        let message = format!(
                            "paradigm `{name}` ({lang}) is defined differently in another glossary"
                        );
                        self.error(&at, message);
                    }
                    _ => {
                        known.insert(name, rules);
                    }
                }
            }
        }
        for raw_entry in raw.entries {
            let entry_place = place(raw_entry.id.span());
            if let Some(entry) = self.build_entry(raw_entry, defaults, place, &entry_place) {
                self.entries.push(entry);
            }
        }
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

    fn build_entry(
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
        // The entry's claims name it by its index in `owners`.
        let owner = self.owners.len() as u32;
        self.owners.push(id.as_str().into());
        for (lang, raw_forms) in raw.forms {
            if self.in_builtin && self.is_shadowed(&id, &lang, &raw_forms) {
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
            let built = self.build_forms(owner, &lang, raw_forms, place);
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
            if shadowed.contains(&raw_c.lang) {
                continue;
            }
            if !is_valid_lang_tag(&raw_c.lang) {
                self.error(
                    &c_at,
                    format!("`{}` is not a BCP 47 language tag", raw_c.lang),
                );
            }
            if raw_c.form.trim().is_empty() {
                self.error(&c_at, "a confusable needs a non-empty `form`".into());
            }
            if let Some(fix) = &raw_c.fix {
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
            origin: Origin {
                path: Arc::clone(&self.files[at.file as usize]),
                line: at.line as usize,
            },
        })
    }

    /// Whether a user entry already claims one of these forms of a built-in entry.
    fn is_shadowed(&self, id: &str, lang: &str, raw: &RawForms) -> bool {
        let variants = raw
            .variants
            .iter()
            .chain(&raw.forbidden)
            .map(|v| v.get_ref().form());
        std::iter::once(raw.canonical.get_ref().as_str())
            .chain(raw.alternatives.iter().map(|a| a.get_ref().as_str()))
            .chain(variants)
            .any(|form| {
                let key = claim_key(lang, &fold_key(form, FormKey::Exact));
                self.claims
                    .get(key.as_str())
                    .is_some_and(|c| &*self.owners[c.owner as usize] != id)
            })
    }

    fn build_forms(
        &mut self,
        owner: u32,
        lang: &str,
        raw: RawForms,
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

    fn check_fix_target(
        &mut self,
        id: &str,
        lang: &str,
        fix: &str,
        forms: &LangMap<Forms>,
        at: &Place,
    ) {
        let ok = forms
            .get(lang)
            .or_else(|| forms.get(super::primary_subtag(lang)))
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
    use super::*;
    use crate::glossary::DiacriticsPolicy;

    const GOOD: &str = r#"
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

    fn errors(text: &str) -> Vec<String> {
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

    /// A glossary of `n` entries, large enough to be parsed in parts, between `head` and
    /// `tail`. Every entry links to the last one.
    fn large(n: usize, head: &str, tail: &str) -> String {
        let mut text = head.to_string();
        for i in 0..n {
            text.push_str(&format!(
                "[[entry]]\nid = \"e{i}\"\nkind = \"person\"\nlinks = [\"e{}\"]\n[entry.forms.en]\ncanonical = \"Name{i}\"\nvariants = [\"Nome{i}\"]\n\n",
                n - 1
            ));
        }
        text + tail
    }

    #[test]
    fn a_large_file_parsed_in_parts_equals_the_whole_parse() {
        let text = large(3000, "[defaults]\ncase = \"insensitive\"\n\n", "");
        let cuts = plan_parts(&text).cuts.unwrap();
        assert!(cuts.len() > 3, "{} cuts", cuts.len());
        let g = Glossary::from_toml("g.toml", &text).unwrap();
        assert_eq!(g.entries.len(), 3000);
        let last = &g.entries[2999];
        assert_eq!(last.id, "e2999");
        // `[defaults]` applies to the entries of every part.
        assert_eq!(last.policy.case, crate::glossary::CasePolicy::Insensitive);
        // Places count from the start of the file, not of the part.
        let line = text[..text.find("canonical = \"Name2999\"").unwrap()]
            .lines()
            .count()
            + 1;
        assert_eq!(last.places[0].line, line);
        assert_eq!(last.places[0].column, 13);
    }

    #[test]
    fn a_table_after_the_first_part_or_a_multi_line_string_means_a_whole_parse() {
        let text = large(3000, "", "[defaults]\ncase = \"insensitive\"\n");
        assert_eq!(plan_parts(&text).cuts, None);
        let g = Glossary::from_toml("g.toml", &text).unwrap();
        assert_eq!(
            g.entries[0].policy.case,
            crate::glossary::CasePolicy::Insensitive
        );

        // A line inside a multi-line string that looks like a header is not one.
        let header = "[[entry]]\nid = \"odd\"\nkind = \"person\"\ndescription = \"\"\"\n";
        let filler = "a line of description\n".repeat(4000);
        let tail =
            format!("{header}{filler}[[entry]]\n\"\"\"\n[entry.forms.en]\ncanonical = \"Odd\"\n");
        let text = large(3000, "", &tail);
        assert_eq!(plan_parts(&text).cuts, None);
        let g = Glossary::from_toml("g.toml", &text).unwrap();
        assert_eq!(g.entries.len(), 3001);
        assert!(g.entries[3000]
            .description
            .as_ref()
            .unwrap()
            .ends_with("[[entry]]\n"));
    }

    #[test]
    fn an_error_in_a_later_part_is_reported_at_its_line_in_the_file() {
        let bad =
            "[[entry]]\nid = \"bad\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"\"\n";
        let text = large(3000, "", bad);
        let line = text.lines().count();
        assert_eq!(
            errors(&text),
            [format!(
                "g.toml:{line}:13: the canonical form of `bad` (en) is empty"
            )]
        );
    }

    #[test]
    fn a_syntax_error_in_a_later_wave_keeps_nothing_of_the_file() {
        // More parts than one wave holds; the last entry, which every entry links to, is
        // broken. Only the syntax error is reported: no entry of the file is kept, so neither
        // the links to the missing entry nor the ids that a second file defines again are.
        let text = large(30_000, "", "[[entry]]\nid = \"broken\nkind = \"person\"\n");
        assert!(plan_parts(&text).cuts.unwrap().len() > WAVE_PARTS + 1);
        let mut loader = Loader::new();
        loader.add_source("big.toml", &text);
        loader.add_source(
            "small.toml",
            "[[entry]]\nid = \"e0\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"Name0\"\n",
        );
        let found: Vec<String> = loader
            .finish()
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.to_string())
            .collect();
        let line = text.lines().count() - 1;
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!("big.toml:{line}:")),
            "{found:?}"
        );
    }
}
