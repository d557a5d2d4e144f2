//! Reading one glossary file: whole, or cut before `[[entry]]` headers into parts that parse
//! alone, in parallel, a wave at a time, while the previous wave's entries are built.
//!
//! This room decides where a file may be cut ([`Plan`]) and turns each parsed part's
//! paradigms and entries over to the loader; when a file has a syntax error it forgets
//! everything the file added and reports the whole parse's error. It checks no entry itself
//! (see `entry`) and checks nothing that spans files (see [`Loader::finish`]).

use super::{Loader, Place};
use crate::glossary::raw::{RawFile, RawPolicy};
use crate::glossary::{is_valid_lang_tag, Ending};
use crate::text::LineIndex;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// The sizes of a [`Loader`]'s lists before a file, to roll back to.
struct Snapshot {
    entries: usize,
    errors: usize,
    references: usize,
    paradigm_uses: usize,
    inflections: BTreeMap<String, BTreeMap<String, Vec<Ending>>>,
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
}

#[cfg(test)]
mod tests {
    use super::super::tests::errors;
    use super::*;
    use crate::glossary::Glossary;

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
