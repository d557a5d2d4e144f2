//! The baseline of accepted findings: a file that `--write-baseline` writes and
//! `--baseline` reads, so that an old corpus can adopt glosslint and report only new
//! findings. Findings are fingerprinted by file, rule, entry and text, not by line, so that
//! edits elsewhere in a file keep them; each fingerprint counts its occurrences.

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Findings accepted as they are, fingerprinted by file, rule, entry and text (not by line,
/// so that edits elsewhere in the file keep them), with how often each occurs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
    /// The findings' indexes by path, built on first use: each file looks up its own.
    #[serde(skip)]
    by_path: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub path: String,
    pub rule: String,
    pub entry: String,
    pub text: String,
    pub count: usize,
}

impl Baseline {
    /// The baseline of `files`: path, text and findings of each.
    pub fn of<'a>(files: impl IntoIterator<Item = (&'a str, &'a str, &'a [Finding])>) -> Baseline {
        let mut counts: HashMap<(String, String, String, String), usize> = HashMap::new();
        for (path, text, findings) in files {
            for f in findings {
                *counts.entry(fingerprint(path, text, f)).or_default() += 1;
            }
        }
        let mut findings: Vec<BaselineEntry> = counts
            .into_iter()
            .map(|((path, rule, entry, text), count)| BaselineEntry {
                path,
                rule,
                entry,
                text,
                count,
            })
            .collect();
        findings.sort();
        Baseline {
            version: 1,
            findings,
            by_path: Default::default(),
        }
    }

    /// The findings of one file that the baseline does not account for.
    pub fn new_findings(&self, path: &str, text: &str, findings: Vec<Finding>) -> Vec<Finding> {
        self.partition(path, text, findings).0
    }

    /// The findings of one file that the baseline does not account for, and those it does.
    pub fn partition(
        &self,
        path: &str,
        text: &str,
        findings: Vec<Finding>,
    ) -> (Vec<Finding>, Vec<Finding>) {
        let by_path = self.by_path.get_or_init(|| {
            let mut map: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, e) in self.findings.iter().enumerate() {
                map.entry(e.path.clone()).or_default().push(i);
            }
            map
        });
        let mine = by_path.get(&normalise(path)).map_or(&[][..], Vec::as_slice);
        let mut left: HashMap<(String, String, String, String), usize> = mine
            .iter()
            .map(|&i| &self.findings[i])
            .map(|e| {
                (
                    (
                        e.path.clone(),
                        e.rule.clone(),
                        e.entry.clone(),
                        e.text.clone(),
                    ),
                    e.count,
                )
            })
            .collect();
        findings
            .into_iter()
            .partition(|f| match left.get_mut(&fingerprint(path, text, f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
    }
}

fn normalise(path: &str) -> String {
    path.replace('\\', "/").trim_start_matches("./").to_string()
}

fn fingerprint(path: &str, text: &str, f: &Finding) -> (String, String, String, String) {
    (
        normalise(path),
        f.rule.code().to_string(),
        f.entry.clone(),
        text[f.span.start..f.span.end].to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Rule;
    use crate::text::Span;

    fn finding(text: &str, word: &str, rule: Rule, entry: &str) -> Finding {
        crate::check::test_support::finding_on(text, word, rule, entry)
    }

    #[test]
    fn the_baseline_ignores_line_numbers_and_counts_occurrences() {
        let old = "Takoba and Takoba\n";
        let found = [finding(old, "Takoba", Rule::NearMiss, "takuba")];
        let baseline = Baseline::of([("./docs/a.txt", old, &found[..])]);
        assert_eq!(baseline.findings[0].path, "docs/a.txt");
        let new = "New first line.\nTakoba here, and a new Takoba.\n";
        let first = finding(new, "Takoba", Rule::NearMiss, "takuba");
        let mut second = first.clone();
        let at = new.rfind("Takoba").unwrap();
        second.span = Span::new(at, at + 6);
        let left = baseline.new_findings("docs/a.txt", new, vec![first, second]);
        assert_eq!(
            left.len(),
            1,
            "one occurrence is in the baseline, the second is new"
        );
        assert_eq!(left[0].span.start, at);
    }
}
