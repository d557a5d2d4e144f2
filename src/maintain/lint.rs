//! `glossary lint`: the glossary's own quality, as findings at the line and column of the
//! form or entry concerned. Problems that make a glossary unusable (a form claimed twice, a
//! link to a missing entry) are load errors and are reported before lint runs.

use crate::check::NearMissOptions;
use crate::glossary::{EntriesById, Entry, Glossary, Role};
use crate::text::{fold_key, fold_str, script_of, FormKey, Script};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// How much a lint finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LintLevel {
    /// Worth knowing; never fails a run.
    Info,
    Warning,
    Error,
}

impl LintLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            LintLevel::Info => "info",
            LintLevel::Warning => "warning",
            LintLevel::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintFinding {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub level: LintLevel,
    /// A short name for the problem: `not-nfc`, `mixed-script`, …
    pub code: &'static str,
    pub entry: String,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Languages every entry must have forms in.
    pub required_languages: Vec<String>,
    /// The near-miss thresholds, to tell which listed variants the rule would catch anyway.
    pub near_miss: NearMissOptions,
}

/// Lints a loaded glossary.
pub fn lint(glossary: &Glossary, options: &LintOptions) -> Vec<LintFinding> {
    let mut out = Vec::new();
    let by_id = EntriesById::new(glossary);
    for entry in &glossary.entries {
        lint_forms(entry, options, &mut out);
        for lang in &options.required_languages {
            if entry.forms_for(lang).is_none() {
                out.push(at_entry(
                    entry,
                    LintLevel::Warning,
                    "missing-language",
                    format!(
                        "`{}` has no forms in `{lang}`, a required language",
                        entry.id
                    ),
                ));
            }
        }
        lint_conditions(glossary, &by_id, entry, &mut out);
    }
    lint_shadowing(glossary, &mut out);
    out.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    out
}

fn at_entry(entry: &Entry, level: LintLevel, code: &'static str, message: String) -> LintFinding {
    LintFinding {
        path: entry.origin.path.to_string(),
        line: entry.origin.line,
        column: 1,
        level,
        code,
        entry: entry.id.clone(),
        message,
    }
}

fn at_form(
    entry: &Entry,
    lang: &str,
    form: &str,
    level: LintLevel,
    code: &'static str,
    message: String,
) -> LintFinding {
    let place = entry
        .places
        .iter()
        .find(|p| p.lang == lang && p.form == form);
    LintFinding {
        path: entry.origin.path.to_string(),
        line: place.map_or(entry.origin.line, |p| p.line),
        column: place.map_or(1, |p| p.column),
        level,
        code,
        entry: entry.id.clone(),
        message,
    }
}

fn lint_forms(entry: &Entry, options: &LintOptions, out: &mut Vec<LintFinding>) {
    for (lang, forms) in &entry.forms {
        let correct: Vec<&String> = std::iter::once(&forms.canonical)
            .chain(&forms.alternatives)
            .collect();
        let all = correct
            .iter()
            .map(|f| f.as_str())
            .chain(forms.variants.iter().map(|v| v.form.as_str()))
            .chain(forms.forbidden.iter().map(|v| v.form.as_str()));
        for form in all {
            let nfc: String = form.nfc().collect();
            if nfc != form {
                out.push(at_form(
                    entry,
                    lang,
                    form,
                    LintLevel::Warning,
                    "not-nfc",
                    format!("`{form}` is not in Unicode NFC: write it as `{nfc}`"),
                ));
            }
            if form.contains("  ") || form.chars().any(|c| c.is_whitespace() && c != ' ') {
                out.push(at_form(
                    entry,
                    lang,
                    form,
                    LintLevel::Warning,
                    "stray-space",
                    format!("`{}` has doubled or unusual spaces", form.escape_debug()),
                ));
            }
            if let Some((a, b)) = mixed_scripts(form) {
                let look_alike = [Script::Latin, Script::Cyrillic, Script::Greek];
                let level = if look_alike.contains(&a) && look_alike.contains(&b) {
                    LintLevel::Error
                } else {
                    LintLevel::Warning
                };
                out.push(at_form(entry, lang, form, level, "mixed-script", format!("`{form}` mixes {a:?} and {b:?} letters: a look-alike letter typed by mistake?")));
            }
        }
        for v in &forms.variants {
            let caseless = fold_key(&v.form, FormKey::Caseless);
            let folded = fold_str(&v.form);
            if let Some(c) = correct
                .iter()
                .find(|c| fold_key(c, FormKey::Caseless) == caseless)
            {
                out.push(at_form(entry, lang, &v.form, LintLevel::Info, "redundant-variant", format!("variant `{}` differs from `{c}` only in case: wrong-case already reports it", v.form)));
            } else if let Some(c) = correct.iter().find(|c| fold_str(c) == folded) {
                out.push(at_form(entry, lang, &v.form, LintLevel::Info, "redundant-variant", format!("variant `{}` differs from `{c}` only in diacritics: wrong-diacritics already reports it", v.form)));
            } else if let Some((c, similarity)) =
                near_miss_of(&folded, &correct, &options.near_miss)
            {
                out.push(at_form(entry, lang, &v.form, LintLevel::Info, "near-miss-covers", format!("the near-miss rule would find variant `{}` of `{c}` (similarity {similarity:.2}); listing it makes the fix safe", v.form)));
            }
        }
    }
}

/// The correct form that the near-miss rule would take `folded` for, with the similarity.
fn near_miss_of<'a>(
    folded: &str,
    correct: &[&'a String],
    options: &NearMissOptions,
) -> Option<(&'a str, f64)> {
    correct.iter().find_map(|c| {
        let key = fold_str(c);
        if key.split(' ').count() != folded.split(' ').count() {
            return None;
        }
        let letters = key.chars().filter(|c| *c != ' ').count();
        let allowed = options.edits_allowed(letters)?;
        if letters <= options.short_length && key.chars().next() != folded.chars().next() {
            return None;
        }
        let d = strsim::osa_distance(folded, &key);
        let longest = folded.chars().count().max(key.chars().count());
        (d <= allowed).then(|| (c.as_str(), 1.0 - d as f64 / longest as f64))
    })
}

/// The two most common scripts of a form's letters, when it has more than one.
fn mixed_scripts(form: &str) -> Option<(Script, Script)> {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for s in form.chars().filter_map(script_of) {
        match counts.iter_mut().find(|(x, _)| *x == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    (counts.len() > 1).then(|| (counts[0].0, counts[1].0))
}

fn lint_conditions(
    glossary: &Glossary,
    by_id: &EntriesById,
    entry: &Entry,
    out: &mut Vec<LintFinding>,
) {
    for c in &entry.confusables {
        if entry.forms_for(&c.lang).is_none() {
            out.push(at_entry(
                entry,
                LintLevel::Error,
                "never-holds",
                format!(
                    "confusable `{}` is for `{}`, but `{}` has no `{}` forms to suggest",
                    c.form, c.lang, entry.id, c.lang
                ),
            ));
        }
        for cond in c.require.iter().chain(&c.unless) {
            for id in &cond.mentions {
                let has_forms = by_id
                    .get(glossary, id)
                    .is_some_and(|e| e.forms_for(&c.lang).is_some());
                if !has_forms {
                    out.push(at_entry(entry, LintLevel::Warning, "never-holds", format!("confusable `{}` ({}): `{id}` has no `{}` forms, so a condition mentioning it never holds in {} text", c.form, c.lang, c.lang, c.lang)));
                }
            }
        }
        for r in &c.require {
            for u in &c.unless {
                let same_scope_or_wider =
                    r.scope == u.scope || u.scope == crate::glossary::Scope::Document;
                let shared = r
                    .mentions
                    .iter()
                    .find(|m| u.mentions.contains(m))
                    .cloned()
                    .or_else(|| r.words.iter().find(|w| u.words.contains(w)).cloned());
                if let (true, Some(shared)) = (same_scope_or_wider, shared) {
                    out.push(at_entry(entry, LintLevel::Error, "never-holds", format!("confusable `{}` ({}): `{shared}` is required by `if` and excluded by `unless`, so it never fires", c.form, c.lang)));
                }
            }
        }
    }
}

/// Forms that are whole words inside a longer form of another entry in the same language.
fn lint_shadowing(glossary: &Glossary, out: &mut Vec<LintFinding>) {
    let mut by_lang: std::collections::BTreeMap<&str, Vec<(String, &Entry, &str, Role)>> =
        Default::default();
    for entry in &glossary.entries {
        for (lang, forms) in &entry.forms {
            let list = by_lang.entry(lang.as_str()).or_default();
            list.push((
                fold_str(&forms.canonical),
                entry,
                forms.canonical.as_str(),
                Role::Canonical,
            ));
            for a in &forms.alternatives {
                list.push((fold_str(a), entry, a.as_str(), Role::Alternative));
            }
            for (i, v) in forms.variants.iter().enumerate() {
                list.push((fold_str(&v.form), entry, v.form.as_str(), Role::Variant(i)));
            }
        }
    }
    for (lang, forms) in by_lang {
        // Every form by its folding; then every run of whole words inside each longer form
        // is looked up, instead of comparing every pair of forms (25 minutes at 100k).
        let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (key, ..)) in forms.iter().enumerate() {
            by_key.entry(key.as_str()).or_default().push(i);
        }
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (j, (long, e2, ..)) in forms.iter().enumerate() {
            let spaces: Vec<usize> = long.match_indices(' ').map(|(p, _)| p).collect();
            if spaces.is_empty() {
                continue;
            }
            let starts = std::iter::once(0).chain(spaces.iter().map(|p| p + 1));
            for start in starts {
                let ends = spaces.iter().copied().chain(std::iter::once(long.len()));
                for end in ends.filter(|&end| end >= start) {
                    let run = &long[start..end];
                    if run.len() == long.len() {
                        continue;
                    }
                    for &i in by_key.get(run).into_iter().flatten() {
                        if forms[i].1.id != e2.id {
                            pairs.push((i, j));
                        }
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        for (i, j) in pairs {
            let (_, e1, f1, _) = &forms[i];
            let (_, e2, f2, _) = &forms[j];
            out.push(at_form(
                e1,
                lang,
                f1,
                LintLevel::Info,
                "shadowed-form",
                format!(
                    "`{f1}` is part of `{f2}` ({}): where the longer form matches, it wins",
                    e2.id
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint_text(text: &str, required: &[&str]) -> Vec<(String, &'static str, usize, usize)> {
        let g = Glossary::from_toml("g.toml", text).unwrap();
        let options = LintOptions {
            required_languages: required.iter().map(|s| s.to_string()).collect(),
            ..LintOptions::default()
        };
        lint(&g, &options)
            .into_iter()
            .map(|f| (f.entry, f.code, f.line, f.column))
            .collect()
    }

    #[test]
    fn finds_each_problem_at_its_form() {
        let text = "[[entry]]\nid = \"mali\"\nkind = \"place\"\n[entry.forms.en]\ncanonical = \"M\u{0430}li\"\nalternatives = [\"Republic  of Mali\"]\n\n[[entry]]\nid = \"goita\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"Assimi Goïta\"\nalternatives = [\"Goi\u{308}ta\"]\nvariants = [\"Assimi Goita\", \"assimi goïta\", \"Assimi Goïtta\", \"Qasimi Quetta\"]\n";
        let found = lint_text(text, &["en", "fr"]);
        let codes: Vec<_> = found
            .iter()
            .map(|(e, c, l, col)| (e.as_str(), *c, *l, *col))
            .collect();
        assert_eq!(
            codes,
            [
                ("mali", "missing-language", 2, 1),
                ("mali", "mixed-script", 5, 13),
                ("mali", "stray-space", 6, 17),
                ("goita", "missing-language", 9, 1),
                ("goita", "not-nfc", 13, 17),
                ("goita", "redundant-variant", 14, 13),
                ("goita", "redundant-variant", 14, 29),
                ("goita", "near-miss-covers", 14, 45),
            ]
        );
    }

    #[test]
    fn a_form_inside_a_longer_form_of_another_entry_is_shadowed() {
        let text = "[[entry]]\nid = \"quetta\"\nkind = \"place\"\n[entry.forms.en]\ncanonical = \"Quetta\"\n\n[[entry]]\nid = \"goita\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"Assimi Goïta\"\nvariants = [\"Qasimi Quetta\"]\n";
        assert_eq!(
            lint_text(text, &[]),
            [("quetta".to_string(), "shadowed-form", 5, 13)]
        );
    }

    #[test]
    fn conditions_that_never_hold() {
        let text = "[[entry]]\nid = \"niger\"\nkind = \"place\"\n[entry.forms.en]\ncanonical = \"Niger\"\n\n[[entry]]\nid = \"nigerien\"\nkind = \"demonym\"\n[entry.forms.en]\ncanonical = \"Nigerien\"\n[[entry.confusable]]\nlang = \"en\"\nform = \"Nigerian\"\nif = [{ in = \"document\", mentions = [\"niger\"] }]\nunless = [{ in = \"document\", mentions = [\"niger\"] }]\n[[entry.confusable]]\nlang = \"fr\"\nform = \"nigérian\"\nif = [{ in = \"document\", mentions = [\"niger\"] }]\n";
        let found = lint_text(text, &[]);
        let messages: Vec<_> = found.iter().map(|f| f.1).collect();
        assert_eq!(messages, ["never-holds", "never-holds", "never-holds"]);
    }

    #[test]
    fn the_shipped_glossary_has_no_errors_or_warnings() {
        let g =
            Glossary::from_toml("sahel.toml", include_str!("../../glossaries/sahel.toml")).unwrap();
        let options = LintOptions {
            required_languages: ["en", "fr"].map(String::from).to_vec(),
            ..LintOptions::default()
        };
        let bad: Vec<_> = lint(&g, &options)
            .into_iter()
            .filter(|f| f.level > LintLevel::Info)
            .collect();
        assert!(bad.is_empty(), "{bad:#?}");
    }
}
