//! Suppressions written in a file's own comments.
//!
//! Directives (in Markdown/HTML `<!-- -->`, PO translator comments, XLIFF `<note>`, WebVTT
//! `NOTE`), each optionally followed by rule names, rule codes or entry ids (none: all):
//!
//! - `glosslint-ignore-next-line`: the line after the comment;
//! - `glosslint-ignore`: the comment's own line, or, attached to a PO entry or XLIFF unit,
//!   the whole entry or unit;
//! - `glosslint-disable` … `glosslint-enable`: the lines between, or to the end of the file.
//!
//! The baseline of accepted findings is [`crate::baseline`]'s (re-exported here).

pub use crate::baseline::{Baseline, BaselineEntry};
use crate::finding::{Finding, Rule, Severity};
use crate::formats::Comment;
use crate::text::{LineIndex, Span};

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
                confidence: None,
                unit: None,
                fix: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(text: &str, word: &str, rule: Rule, entry: &str) -> Finding {
        crate::check::test_support::finding_on(text, word, rule, entry)
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
}
