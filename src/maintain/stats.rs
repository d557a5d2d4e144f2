//! `glossary stats`: what a glossary holds, per kind and per language.

use crate::glossary::{Glossary, Kind};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stats {
    pub entries: usize,
    pub by_kind: BTreeMap<Kind, usize>,
    /// Per language: entries with forms in it, and forms (all roles) in it.
    pub by_language: BTreeMap<String, (usize, usize)>,
    pub forms: usize,
    pub variants: usize,
    pub forbidden: usize,
    pub confusables: usize,
    pub examples: usize,
    pub max_forms_per_entry: usize,
}

pub fn stats(g: &Glossary) -> Stats {
    let mut s = Stats {
        entries: g.entries.len(),
        ..Stats::default()
    };
    for e in &g.entries {
        *s.by_kind.entry(e.kind).or_default() += 1;
        let mut entry_forms = 0;
        for (lang, f) in &e.forms {
            let n = 1 + f.alternatives.len() + f.variants.len() + f.forbidden.len();
            let slot = s.by_language.entry(lang.clone()).or_default();
            slot.0 += 1;
            slot.1 += n;
            entry_forms += n;
            s.variants += f.variants.len();
            s.forbidden += f.forbidden.len();
        }
        s.forms += entry_forms;
        s.max_forms_per_entry = s.max_forms_per_entry.max(entry_forms);
        s.confusables += e.confusables.len();
        s.examples += e.examples.len();
    }
    s
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} entries, {} forms ({} wrong variants, {} forbidden), {} confusables, {} examples",
            self.entries,
            self.forms,
            self.variants,
            self.forbidden,
            self.confusables,
            self.examples
        )?;
        let mean = if self.entries == 0 {
            0.0
        } else {
            self.forms as f64 / self.entries as f64
        };
        writeln!(
            f,
            "forms per entry: {mean:.1} on average, {} at most",
            self.max_forms_per_entry
        )?;
        writeln!(f, "\nkind          entries")?;
        for (kind, n) in &self.by_kind {
            writeln!(f, "{:<13} {n:>7}", kind.as_str())?;
        }
        writeln!(f, "\nlanguage  entries  coverage   forms")?;
        for (lang, (entries, forms)) in &self.by_language {
            let coverage = 100.0 * *entries as f64 / self.entries.max(1) as f64;
            writeln!(f, "{lang:<9} {entries:>7}  {coverage:>7.1}%  {forms:>6}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_kinds_languages_and_forms() {
        let g =
            Glossary::from_toml("sahel.toml", include_str!("../../glossaries/sahel.toml")).unwrap();
        let s = stats(&g);
        assert_eq!(s.entries, 26);
        assert_eq!(s.by_kind[&Kind::Person], 4);
        assert_eq!(s.by_language["en"].0, 26);
        assert_eq!(
            s.by_language["zh"].0, 22,
            "Takuba and the demonyms have no Chinese form"
        );
        let shown = s.to_string();
        assert!(shown.contains("zh             22     84.6%"), "{shown}");
    }
}
