//! Applying fixes: sort them, skip any that overlaps one already taken, apply, check again,
//! and repeat until nothing changes. Bytes outside the edited spans are never touched.

use crate::finding::{Applicability, Edit, Finding};

/// How many check-and-fix passes run before giving up on convergence.
pub const MAX_PASSES: usize = 8;

/// The outcome of fixing one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied, over all passes.
    pub applied: usize,
    /// False when fixes still applied after [`MAX_PASSES`] passes: the fixes undo each other,
    /// which is a glossary bug worth reporting.
    pub converged: bool,
}

/// Applies the fixes of `findings` whose applicability is at least `level`, once. A fix is
/// all its edits or none; a fix overlapping an earlier one is skipped, not merged. Returns
/// the new text and how many fixes were applied.
pub fn apply_once(text: &str, findings: &[Finding], level: Applicability) -> (String, usize) {
    let mut fixes: Vec<&[Edit]> = findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|fix| fix.applicability >= level && !fix.edits.is_empty())
        .map(|fix| fix.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min());
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        // Edits that share a start clash too: two insertions at one place have no order.
        let clashes = edits.iter().any(|e| {
            taken
                .iter()
                .any(|t| t.span.overlaps(&e.span) || t.span.start == e.span.start)
        });
        if !clashes {
            taken.extend(edits);
            applied += 1;
        }
    }
    taken.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in taken {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Checks and fixes `text` until no fix of at least `level` applies or changes it.
pub fn apply_fixes(
    text: &str,
    level: Applicability,
    mut check: impl FnMut(&str) -> Vec<Finding>,
) -> Fixed {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let findings = check(&current);
        let (next, n) = apply_once(&current, &findings, level);
        if n == 0 || next == current {
            return Fixed {
                text: current,
                applied,
                converged: true,
            };
        }
        applied += n;
        current = next;
    }
    let converged = apply_once(&current, &check(&current), level).0 == current;
    Fixed {
        text: current,
        applied,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Fix, Rule, Severity};
    use crate::text::Span;
    use proptest::prelude::*;

    fn finding(start: usize, end: usize, replacement: &str, level: Applicability) -> Finding {
        Finding {
            rule: Rule::KnownVariant,
            severity: Severity::Error,
            span: Span::new(start, end),
            message: String::new(),
            entry: "e".into(),
            matched: String::new(),
            similarity: None,
            fix: Some(Fix::replace(
                Span::new(start, end),
                replacement.into(),
                level,
            )),
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let text = "Takoba and Qasimi Quetta";
        let findings = [
            finding(11, 24, "Assimi Goïta", Applicability::Safe),
            finding(0, 6, "Takuba", Applicability::Safe),
            finding(18, 24, "Goïta", Applicability::Safe),
        ];
        let (out, n) = apply_once(text, &findings, Applicability::Safe);
        assert_eq!(out, "Takuba and Assimi Goïta");
        assert_eq!(n, 2);
    }

    #[test]
    fn respects_the_required_applicability() {
        let text = "Takoba";
        let findings = [finding(0, 6, "Takuba", Applicability::Unsafe)];
        assert_eq!(apply_once(text, &findings, Applicability::Safe).1, 0);
        assert_eq!(
            apply_once(text, &findings, Applicability::Unsafe).0,
            "Takuba"
        );
        let shown = [finding(0, 6, "Takuba", Applicability::DisplayOnly)];
        assert_eq!(apply_once(text, &shown, Applicability::Unsafe).1, 0);
    }

    #[test]
    fn reports_fixes_that_never_settle() {
        // A broken rule set that flips a word back and forth forever.
        let flip = |t: &str| {
            let to = if t == "a" { "b" } else { "a" };
            vec![finding(0, 1, to, Applicability::Safe)]
        };
        let fixed = apply_fixes("a", Applicability::Safe, flip);
        assert!(!fixed.converged);
    }

    proptest! {
        /// Text outside the edited spans comes through byte for byte.
        #[test]
        fn bytes_outside_edits_are_kept(text in "[a-zé \r\n]{0,60}", cuts in prop::collection::vec((0usize..60, 0usize..6), 0..6)) {
            let mut findings = Vec::new();
            for (start, len) in cuts {
                let start = start.min(text.len());
                let end = (start + len).min(text.len());
                if text.is_char_boundary(start) && text.is_char_boundary(end) {
                    findings.push(finding(start, end, "X", Applicability::Safe));
                }
            }
            let (out, _) = apply_once(&text, &findings, Applicability::Safe);
            let mut kept: Vec<&Finding> = Vec::new();
            let mut sorted: Vec<&Finding> = findings.iter().collect();
            sorted.sort_by_key(|f| f.span.start);
            for f in sorted {
                if !kept.iter().any(|k| k.span.overlaps(&f.span) || k.span.start == f.span.start) {
                    kept.push(f);
                }
            }
            let mut expected = String::new();
            let mut at = 0;
            kept.sort_by_key(|f| f.span.start);
            for f in &kept {
                expected.push_str(&text[at..f.span.start]);
                expected.push('X');
                at = f.span.end;
            }
            expected.push_str(&text[at..]);
            prop_assert_eq!(out, expected);
        }
    }
}
