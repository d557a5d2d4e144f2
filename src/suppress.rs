//! Suppressions written in a file's own comments, and the baseline of accepted findings.
//!
//! Directives (in Markdown/HTML `<!-- -->`, PO translator comments, XLIFF `<note>`, WebVTT
//! `NOTE`), each optionally followed by rule names, rule codes or entry ids (none: all):
//!
//! - `glosslint-ignore-next-line`: the line after the comment;
//! - `glosslint-ignore`: the comment's own line, or, attached to a PO entry or XLIFF unit,
//!   the whole entry or unit;
//! - `glosslint-disable` … `glosslint-enable`: the lines between, or to the end of the file.

use crate::finding::{Finding, Rule, Severity};
use crate::formats::Comment;
use crate::text::{LineIndex, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Line,
    Disable,
    Enable,
}

/// One directive and the lines it covers.
#[derive(Debug, Clone)]
pub struct Directive {
    kind: Kind,
    targets: Vec<String>,
    /// The comment's line.
    pub line: usize,
    first: usize,
    last: usize,
    /// Whether it suppressed anything.
    pub used: bool,
}

impl Directive {
    fn matches(&self, f: &Finding) -> bool {
        self.targets.is_empty()
            || self.targets.iter().any(|t| {
                t.eq_ignore_ascii_case(f.rule.code()) || *t == f.rule.name() || *t == f.entry
            })
    }

    fn describe(&self) -> String {
        let kind = match self.kind {
            Kind::NextLine => "glosslint-ignore-next-line",
            Kind::Line => "glosslint-ignore",
            Kind::Disable => "glosslint-disable",
            Kind::Enable => "glosslint-enable",
        };
        if self.targets.is_empty() {
            kind.to_string()
        } else {
            format!("{kind} {}", self.targets.join(" "))
        }
    }
}

/// The directives among a file's comments, with the line ranges they cover.
pub fn directives(comments: &[Comment]) -> Vec<Directive> {
    let mut out: Vec<Directive> = Vec::new();
    for c in comments {
        let text = c.text.trim();
        let (kind, rest) = if let Some(r) = text.strip_prefix("glosslint-ignore-next-line") {
            (Kind::NextLine, r)
        } else if let Some(r) = text.strip_prefix("glosslint-ignore") {
            (Kind::Line, r)
        } else if let Some(r) = text.strip_prefix("glosslint-disable") {
            (Kind::Disable, r)
        } else if let Some(r) = text.strip_prefix("glosslint-enable") {
            (Kind::Enable, r)
        } else {
            continue;
        };
        if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
            continue;
        }
        let targets: Vec<String> = rest
            .split([' ', ',', '\t'])
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        let (first, last) = match (kind, c.covers) {
            (Kind::NextLine | Kind::Line, Some(unit)) => unit,
            (Kind::NextLine, None) => (c.line + 1, c.line + 1),
            (Kind::Line, None) => (c.line, c.line),
            // Until a matching enable, or the end of the file.
            _ => (c.line, usize::MAX),
        };
        out.push(Directive {
            kind,
            targets,
            line: c.line,
            first,
            last,
            used: false,
        });
    }
    // A disable region ends at the first later enable that names the same targets (or none).
    let enables: Vec<(usize, Vec<String>)> = out
        .iter()
        .filter(|d| d.kind == Kind::Enable)
        .map(|d| (d.line, d.targets.clone()))
        .collect();
    for d in out.iter_mut().filter(|d| d.kind == Kind::Disable) {
        if let Some((line, _)) = enables
            .iter()
            .find(|(line, t)| *line > d.line && (t.is_empty() || *t == d.targets))
        {
            d.last = *line;
        }
    }
    out
}

/// Removes the findings that a directive covers, marking those directives used.
pub fn suppress(
    findings: Vec<Finding>,
    directives: &mut [Directive],
    lines: &LineIndex,
) -> Vec<Finding> {
    partition(findings, directives, lines).0
}

/// The findings that no directive covers, and those that one does; the directives that
/// cover one are marked used.
pub fn partition(
    findings: Vec<Finding>,
    directives: &mut [Directive],
    lines: &LineIndex,
) -> (Vec<Finding>, Vec<Finding>) {
    findings.into_iter().partition(|f| {
        let line = lines.line_of(f.span.start) + 1;
        let mut suppressed = false;
        for d in directives.iter_mut() {
            if d.kind != Kind::Enable && d.first <= line && line <= d.last && d.matches(f) {
                d.used = true;
                suppressed = true;
            }
        }
        !suppressed
    })
}

/// A finding for each directive that suppressed nothing (`--report-unused`).
pub fn unused(directives: &[Directive], text: &str, lines: &LineIndex) -> Vec<Finding> {
    directives
        .iter()
        .filter(|d| !d.used && d.kind != Kind::Enable)
        .map(|d| {
            let (start, end) = lines.line_span(text, d.line.saturating_sub(1));
            Finding {
                rule: Rule::UnusedSuppression,
                severity: Severity::Warning,
                span: Span::new(start, end),
                message: format!("`{}` suppresses nothing: remove it", d.describe()),
                entry: String::new(),
                matched: String::new(),
                similarity: None,
                fix: None,
            }
        })
        .collect()
}

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
    use crate::finding::Severity;

    fn finding(text: &str, word: &str, rule: Rule, entry: &str) -> Finding {
        let start = text.find(word).unwrap();
        Finding {
            rule,
            severity: Severity::Warning,
            span: Span::new(start, start + word.len()),
            message: String::new(),
            entry: entry.into(),
            matched: String::new(),
            similarity: None,
            fix: None,
        }
    }

    fn comment(text: &str, line: usize, covers: Option<(usize, usize)>) -> Comment {
        Comment {
            text: text.into(),
            line,
            covers,
        }
    }

    #[test]
    fn directives_cover_their_lines_rules_and_entries() {
        let text = "a\nTakoba\nc\nTassalit\ne\nQasimi\ng\n";
        let lines = LineIndex::new(text);
        let comments = [
            comment("glosslint-ignore-next-line near-miss", 1, None),
            comment("glosslint-disable tessalit", 3, None),
            comment("glosslint-enable tessalit", 5, None),
            comment("glosslint-ignore GL001", 7, None),
        ];
        let mut ds = directives(&comments);
        let found = vec![
            finding(text, "Takoba", Rule::NearMiss, "takuba"),
            finding(text, "Tassalit", Rule::NearMiss, "tessalit"),
            finding(text, "Qasimi", Rule::KnownVariant, "assimi-goita"),
        ];
        let kept = suppress(found, &mut ds, &lines);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].entry, "assimi-goita");
        let unused = unused(&ds, text, &lines);
        assert_eq!(unused.len(), 1);
        assert_eq!(
            unused[0].message,
            "`glosslint-ignore GL001` suppresses nothing: remove it"
        );
        assert_eq!(&text[unused[0].span.start..unused[0].span.end], "g");
    }

    #[test]
    fn a_comment_attached_to_a_unit_covers_the_unit() {
        let text = "1\n2\nTakoba\n4\n";
        let mut ds = directives(&[comment("glosslint-ignore", 1, Some((1, 4)))]);
        let kept = suppress(
            vec![finding(text, "Takoba", Rule::NearMiss, "takuba")],
            &mut ds,
            &LineIndex::new(text),
        );
        assert!(kept.is_empty());
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
