//! Applying fixes: exactly the reported edits, once. The fixes of the findings reported on a
//! text are sorted, any that overlaps one already taken is skipped, and the rest are applied
//! in one pass; bytes outside the edited spans are never touched. The fixed text is then
//! checked once more: a fix whose replacement would itself be reported is taken back and
//! refused with a reason, never fixed again ("Australien" → "Australian" is not chained on to
//! "Austrian"), so the diff, the written file and the report always agree.
//!
//! A fix may change what the rest of the text says: "Nige" fixed to "Niger" makes the
//! document mention Niger, and "Nigerian" elsewhere becomes a finding. Such findings, new
//! in the fixed text, away from every replacement and fixable at the level, are fixed in a
//! further pass, and so on until nothing new is fixable (at most [`MAX_CASCADE`] passes):
//! fixing a fixed text changes nothing. They are returned with the others
//! ([`Fixed::cascaded`]), in the original's offsets, so that the report still names every
//! edit. A replacement that a later pass would fix again (the later fixes made it wrong, or
//! a span around it now reads as a slip of another name) is taken back with the later
//! passes' fixes, which may rest on it and are found again if they still hold; its span is
//! not fixed again in that run.
//!
//! The result is then checked as a whole: when the fixed text still has fixes at the level
//! (a fix taken back in one round holds once the rest has settled), they are made in turn
//! and the result checked again, at most [`MAX_SETTLE`] times; when they would touch a
//! replacement, or never settle, nothing is fixed and every fix is refused with the
//! reason. The output is a checked fixed point or the original itself: fixing it again
//! changes nothing.

use crate::finding::{Applicability, Edit, Finding};
use crate::text::Span;

/// How many times the fixed text is checked again before every fix is refused: each check
/// takes back at least one fix, and taking one back rarely makes another one's replacement
/// reported.
pub const MAX_PASSES: usize = 8;

/// How many times findings that the fixes made are fixed in turn. Each round fixes spans
/// away from every replacement made so far, which is never fixed again, so the rounds end
/// when the text runs out of such spans; a chain of names, each reported once its
/// neighbour is fixed ("Goit Goitfa Goitf …", every one a slip of "Goïta" and hidden
/// behind the next, taken for part of another name), takes one round per name. The bound
/// holds only a hostile text: real ones settle in one or two.
pub const MAX_CASCADE: usize = 256;

/// The outcome of fixing one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied.
    pub applied: usize,
    /// The edits applied, in the offsets of the original text, in order: original text plus
    /// these edits is `text`, byte for byte.
    pub edits: Vec<Edit>,
    /// Fixes at the level that were not applied, and why.
    pub refused: Vec<Refusal>,
    /// Findings that the fixes made (absent from the original, reported once it was fixed)
    /// and that were fixed in turn, with spans in the original's offsets (they lie where no
    /// other edit is).
    pub cascaded: Vec<Finding>,
}

/// A fix that was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The span of its finding, in the original text.
    pub span: Span,
    pub reason: String,
}

impl Fixed {
    /// `span` of the original text in the fixed one, for a span that no edit touches.
    pub fn map_span(&self, span: Span) -> Span {
        let mut shift: isize = 0;
        for e in self.edits.iter().take_while(|e| e.span.end <= span.start) {
            shift += e.replacement.len() as isize - e.span.len() as isize;
        }
        let at = |o: usize| (o as isize + shift) as usize;
        Span::new(at(span.start), at(span.end))
    }

    /// Marks the findings of the fixed text whose fixes were refused: their fix is shown,
    /// not applied, and the message says why.
    pub fn mark_refused(&self, findings: &mut [Finding]) {
        for r in &self.refused {
            let here = self.map_span(r.span);
            for f in findings.iter_mut().filter(|f| f.span == here) {
                if let Some(fix) = f.fix.as_mut() {
                    fix.applicability = Applicability::DisplayOnly;
                    f.message
                        .push_str(&format!(" (fix not applied: {})", r.reason));
                }
            }
        }
    }
}

/// Chooses the fixes of `findings` to apply at `level`: all of a fix's edits or none, each
/// inside its finding's span, none overlapping or sharing a start with one already taken.
/// Returns the findings' indexes, in order of position.
fn choose(findings: &[Finding], level: Applicability) -> Vec<usize> {
    let mut chosen: Vec<usize> = (0..findings.len())
        .filter(|&i| {
            let f = &findings[i];
            f.fix.as_ref().is_some_and(|fix| {
                fix.applicability >= level
                    && !fix.edits.is_empty()
                    && fix
                        .edits
                        .iter()
                        .all(|e| f.span.start <= e.span.start && e.span.end <= f.span.end)
            })
        })
        .collect();
    chosen.sort_by_key(|&i| edits_of(&findings[i]).iter().map(|e| e.span.start).min());
    let mut taken: Vec<Span> = Vec::new();
    chosen.retain(|&i| {
        let edits = edits_of(&findings[i]);
        // Edits that share a start clash too: two insertions at one place have no order.
        let clashes = edits.iter().any(|e| {
            taken
                .iter()
                .any(|t| t.overlaps(&e.span) || t.start == e.span.start)
        });
        if !clashes {
            taken.extend(edits.iter().map(|e| e.span));
        }
        !clashes
    });
    chosen
}

fn edits_of(f: &Finding) -> &[Edit] {
    f.fix.as_ref().map_or(&[], |fix| fix.edits.as_slice())
}

/// Where the replacement of each of `edits` (sorted, not overlapping) sits once they are
/// applied.
fn placed_spans(edits: &[Edit]) -> Vec<Span> {
    let mut shift: isize = 0;
    edits
        .iter()
        .map(|e| {
            let start = (e.span.start as isize + shift) as usize;
            shift += e.replacement.len() as isize - e.span.len() as isize;
            Span::new(start, start + e.replacement.len())
        })
        .collect()
}

/// `text` with `edits` (sorted, not overlapping) applied.
fn splice(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Applies the fixes of `findings` whose applicability is at least `level`, once, without
/// checking the result. A fix is all its edits or none; a fix overlapping an earlier one is
/// skipped, not merged. Returns the new text and how many fixes were applied.
pub fn apply_once(text: &str, findings: &[Finding], level: Applicability) -> (String, usize) {
    let chosen = choose(findings, level);
    let mut edits: Vec<Edit> = chosen
        .iter()
        .flat_map(|&i| edits_of(&findings[i]).iter().cloned())
        .collect();
    edits.sort_by_key(|e| e.span.start);
    (splice(text, &edits), chosen.len())
}

/// Fixes `text` at `level`: the fixes of the findings that `check` reports on it, applied
/// once. The fixed text is checked again; a fix whose replacement is itself reported there
/// (by any rule) is taken back and listed in [`Fixed::refused`].
pub fn apply_fixes(
    text: &str,
    level: Applicability,
    mut check: impl FnMut(&str) -> Vec<Finding>,
) -> Fixed {
    let first = check(text);
    let (mut total, mut known) = fix_in_rounds(text, first, level, &mut check);
    for attempt in 0..=MAX_SETTLE {
        if total.applied == 0 {
            return total;
        }
        // What the rounds last found on their result, else a check of it.
        let found = known.take().unwrap_or_else(|| check(&total.text));
        if choose(&found, level).is_empty() {
            return total;
        }
        let (again, again_known) = fix_in_rounds(&total.text, found.clone(), level, &mut check);
        if again.applied == 0 {
            return total;
        }
        // The fixed text fixes further: what a run took back or froze holds once the rest
        // is settled. Taken in when it stays away from this run's replacements (so that
        // its spans map back to the original's), and checked again; else, or past the
        // bound, nothing is fixed.
        let placed = total.placed();
        let touches = |s: &Span| {
            placed
                .iter()
                .any(|p| s.overlaps(p) || s.start == p.start || s.end == p.end)
        };
        let applied: Vec<Finding> = found
            .into_iter()
            .filter(|f| {
                let edits = edits_of(f);
                !edits.is_empty() && edits.iter().all(|e| again.edits.contains(e))
            })
            .chain(again.cascaded.iter().cloned())
            .collect();
        let away = again.edits.iter().all(|e| !touches(&e.span))
            && applied
                .iter()
                .all(|f| !touches(&f.span) && edits_of(f).iter().all(|e| !touches(&e.span)));
        if attempt == MAX_SETTLE || !away {
            break;
        }
        let back = |span: Span| total.unmap_span(span);
        let mut edits = total.edits.clone();
        edits.extend(again.edits.iter().map(|e| Edit {
            span: back(e.span),
            replacement: e.replacement.clone(),
        }));
        edits.sort_by_key(|e| e.span.start);
        let mut cascaded = applied;
        for f in &mut cascaded {
            f.span = back(f.span);
            if let Some(fix) = f.fix.as_mut() {
                for e in &mut fix.edits {
                    e.span = back(e.span);
                }
            }
        }
        let refused: Vec<Refusal> = again
            .refused
            .iter()
            .filter(|r| !touches(&r.span))
            .map(|r| Refusal {
                span: back(r.span),
                reason: r.reason.clone(),
            })
            .collect();
        total.refused.extend(refused);
        total.refused.sort_by_key(|r| (r.span.start, r.span.end));
        total.cascaded.extend(cascaded);
        total.cascaded.sort_by_key(|f| (f.span.start, f.span.end));
        total.edits = edits;
        total.applied += again.applied;
        total.text = again.text;
        known = again_known;
        debug_assert_eq!(splice(text, &total.edits), total.text);
    }
    // The fixes do not settle: fixing their result would change it again. Nothing is
    // fixed, so that fixing the output (the original) again does the same.
    let mut refused: Vec<Refusal> = total
        .edits
        .iter()
        .map(|e| Refusal {
            span: e.span,
            reason: "the fixes do not settle: fixing the fixed text would change it again"
                .to_string(),
        })
        .collect();
    refused.extend(total.refused);
    refused.sort_by_key(|r| (r.span.start, r.span.end));
    Fixed {
        text: text.to_string(),
        applied: 0,
        edits: Vec::new(),
        refused,
        cascaded: Vec::new(),
    }
}

/// How many times a fixed text that fixes further is fixed in turn before nothing is
/// fixed (see [`apply_fixes`]): real texts settle at once.
pub const MAX_SETTLE: usize = 4;

/// The fixes of `first` (what `check` reports on `text`) and of what they make, in rounds
/// (see the module's documentation), and what `check` reports on the result when the
/// rounds found it out.
fn fix_in_rounds(
    text: &str,
    first: Vec<Finding>,
    level: Applicability,
    check: &mut dyn FnMut(&str) -> Vec<Finding>,
) -> (Fixed, Option<Vec<Finding>>) {
    let (mut total, mut again) = fix_pass(text, first, level, check);
    // What `check` reports on `total.text`, once `again` is taken.
    let mut known: Option<Vec<Finding>> = None;
    // Spans of the original whose fix was taken back: never fixed again in this run.
    let mut frozen: Vec<Span> = Vec::new();
    for _ in 0..MAX_CASCADE {
        if total.applied == 0 {
            break;
        }
        // What the fixed text reports that can be fixed: the fixes made it (a settled pass
        // leaves nothing on its replacements).
        let Some(again_findings) = again.take() else {
            break;
        };
        // A replacement made in an earlier round that a later round made wrong ("Nigerian"
        // fixed to "Nigerien" while the document named Niger, then another fix named
        // Nigeria), or that a fix of a later round would change again (a span around it
        // now reads as a slip of another name): the earlier fix is taken back, and its span
        // is never fixed again in this run. Fixing the output again then finds what this
        // run found, and takes the same fix back: fixing twice changes nothing.
        let placed = total.placed();
        let mut taken_back: Vec<usize> = Vec::new();
        for f in &again_findings {
            if choose(std::slice::from_ref(f), level).is_empty() {
                continue;
            }
            for (i, p) in placed.iter().enumerate() {
                let on_it = f.span.overlaps(p)
                    || edits_of(f)
                        .iter()
                        .any(|e| e.span == *p || e.span.overlaps(p));
                if on_it && !taken_back.contains(&i) {
                    taken_back.push(i);
                }
            }
        }
        if !taken_back.is_empty() {
            // The later rounds' fixes may rest on what is taken back ("Nigerien" where a
            // fix named Niger): they go too, and the next rounds find again those that
            // still hold. Only the spans taken back are frozen.
            let later: Vec<Span> = total
                .cascaded
                .iter()
                .flat_map(|f| edits_of(f).iter().map(|e| e.span))
                .collect();
            let redone: Vec<usize> = (0..total.edits.len())
                .filter(|i| !taken_back.contains(i) && later.contains(&total.edits[*i].span))
                .collect();
            for &i in &taken_back {
                let e = &total.edits[i];
                total.refused.push(Refusal {
                    span: e.span,
                    reason: format!(
                        "“{}” would be reported once the other fixes are made",
                        e.replacement
                    ),
                });
                frozen.push(e.span);
            }
            taken_back.extend(redone);
            let reverted: Vec<Span> = taken_back.iter().map(|&i| total.edits[i].span).collect();
            let mut i = 0;
            total.edits.retain(|_| {
                i += 1;
                !taken_back.contains(&(i - 1))
            });
            total
                .cascaded
                .retain(|f| !edits_of(f).iter().any(|e| reverted.contains(&e.span)));
            total.refused.sort_by_key(|r| (r.span.start, r.span.end));
            // A fix counts once whatever its edits; one edit taken back counts one fix.
            total.applied = if total.edits.is_empty() {
                0
            } else {
                total.applied.saturating_sub(taken_back.len()).max(1)
            };
            total.text = splice(text, &total.edits);
            again = Some(check(&total.text));
            known = None;
            continue;
        }
        // Any other replacement made in an earlier round is never fixed again, though the
        // later rounds changed what the document says around it: it stays reported, and
        // the edits never overlap. Nor is a span whose fix was taken back.
        let frozen_here: Vec<Span> = frozen.iter().map(|&s| total.map_span(s)).collect();
        let fixable: Vec<Finding> = again_findings
            .iter()
            .filter(|f| {
                !placed
                    .iter()
                    .chain(&frozen_here)
                    .any(|p| f.span.overlaps(p) || edits_of(f).iter().any(|e| e.span.overlaps(p)))
            })
            .cloned()
            .collect();
        known = Some(again_findings);
        let again_findings = fixable;
        if choose(&again_findings, level).is_empty() {
            break;
        }
        let fixed_text = total.text.clone();
        let (next, next_again) = fix_pass(&fixed_text, again_findings.clone(), level, check);
        if next.applied == 0 {
            break;
        }
        // The next pass's edits, findings and refusals, in the original's offsets.
        let back = |span: Span| total.unmap_span(span);
        let applied_spans: Vec<Span> = next.edits.iter().map(|e| e.span).collect();
        let mut cascaded: Vec<Finding> = again_findings
            .into_iter()
            .filter(|f| edits_of(f).iter().any(|e| applied_spans.contains(&e.span)))
            .collect();
        for f in &mut cascaded {
            f.span = back(f.span);
            if let Some(fix) = f.fix.as_mut() {
                for e in &mut fix.edits {
                    e.span = back(e.span);
                }
            }
        }
        let mut edits = total.edits.clone();
        edits.extend(next.edits.iter().map(|e| Edit {
            span: back(e.span),
            replacement: e.replacement.clone(),
        }));
        edits.sort_by_key(|e| e.span.start);
        let refused: Vec<Refusal> = next
            .refused
            .iter()
            .map(|r| Refusal {
                span: back(r.span),
                reason: r.reason.clone(),
            })
            .collect();
        total.refused.extend(refused);
        total.cascaded.extend(cascaded);
        total.cascaded.sort_by_key(|f| (f.span.start, f.span.end));
        total.edits = edits;
        total.applied += next.applied;
        total.text = next.text;
        debug_assert_eq!(splice(text, &total.edits), total.text);
        again = next_again;
        known = None;
    }
    (total, again.or(known))
}

impl Fixed {
    /// Where each replacement sits in the fixed text.
    fn placed(&self) -> Vec<Span> {
        placed_spans(&self.edits)
    }

    /// `span` of the fixed text in the original, for a span that no replacement touches.
    fn unmap_span(&self, span: Span) -> Span {
        // The replacements that end before the span, and how much they moved it.
        let mut shift: isize = 0;
        for e in &self.edits {
            let start = e.span.start as isize + shift;
            if start + e.replacement.len() as isize > span.start as isize {
                break;
            }
            shift += e.replacement.len() as isize - e.span.len() as isize;
        }
        let at = |o: usize| (o as isize - shift) as usize;
        Span::new(at(span.start), at(span.end))
    }
}

/// One round of fixing `text`, whose findings are `findings`: the chosen fixes applied,
/// those whose replacement would be reported taken back. Returns the outcome and, when it
/// settled with fixes applied, what the fixed text reports.
fn fix_pass(
    text: &str,
    findings: Vec<Finding>,
    level: Applicability,
    check: &mut dyn FnMut(&str) -> Vec<Finding>,
) -> (Fixed, Option<Vec<Finding>>) {
    let mut chosen = choose(&findings, level);
    let mut refused: Vec<Refusal> = Vec::new();
    for pass in 0..=MAX_PASSES {
        let mut edits: Vec<(usize, Edit)> = chosen
            .iter()
            .flat_map(|&i| edits_of(&findings[i]).iter().map(move |e| (i, e.clone())))
            .collect();
        edits.sort_by_key(|(_, e)| e.span.start);
        let plain: Vec<Edit> = edits.iter().map(|(_, e)| e.clone()).collect();
        let fixed = splice(text, &plain);
        if chosen.is_empty() {
            return (done(fixed, 0, plain, refused), None);
        }
        // Where each edit's replacement sits in the fixed text.
        let placed: Vec<(usize, Span)> = edits
            .iter()
            .map(|(i, _)| *i)
            .zip(placed_spans(&plain))
            .collect();
        let again = check(&fixed);
        let mut bad: Vec<(usize, &Finding)> = Vec::new();
        for (i, span) in &placed {
            // A replacement that is reported, or reported inside: the fix made a new finding.
            let reported = again
                .iter()
                .find(|f| f.span.overlaps(span) || (span.is_empty() && f.span.start == span.start));
            if let Some(f) = reported {
                if !bad.iter().any(|(j, _)| j == i) {
                    bad.push((*i, f));
                }
            }
        }
        if bad.is_empty() {
            let applied = chosen.len();
            return (done(fixed, applied, plain, refused), Some(again));
        }
        let last = pass == MAX_PASSES;
        for (i, f) in &bad {
            let replacement = findings[*i].replacement().unwrap_or("the replacement");
            refused.push(Refusal {
                span: findings[*i].span,
                reason: format!(
                    "“{replacement}” would itself be reported [{}]: {}",
                    f.rule.name(),
                    f.message
                ),
            });
        }
        chosen.retain(|i| !bad.iter().any(|(j, _)| j == i));
        if last {
            for &i in &chosen {
                refused.push(Refusal {
                    span: findings[i].span,
                    reason: "the fixes did not settle".to_string(),
                });
            }
            return (done(text.to_string(), 0, Vec::new(), refused), None);
        }
    }
    unreachable!("the last pass returns")
}

fn done(text: String, applied: usize, edits: Vec<Edit>, mut refused: Vec<Refusal>) -> Fixed {
    refused.sort_by_key(|r| (r.span.start, r.span.end));
    Fixed {
        text,
        applied,
        edits,
        refused,
        cascaded: Vec::new(),
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
            confidence: None,
            unit: None,
            fix: Some(Fix::replace(
                Span::new(start, end),
                replacement.into(),
                level,
            )),
        }
    }

    /// A checker whose second finding exists only once the first is fixed: "Nigerian" is
    /// suspect in a text that mentions Niger.
    fn context_checker(t: &str) -> Vec<Finding> {
        let mut found = Vec::new();
        if let Some(i) = t.find("Nige ") {
            found.push(finding(i, i + 4, "Niger", Applicability::Unsafe));
        }
        if t.contains("Niger ") {
            if let Some(i) = t.find("Nigerian") {
                found.push(finding(i, i + 8, "Nigerien", Applicability::Unsafe));
            }
        }
        found
    }

    #[test]
    fn findings_that_fixes_make_are_fixed_in_turn_and_reported_in_the_originals_offsets() {
        let text = "The Nigerian troops crossed into Nige last night.";
        let fixed = apply_fixes(text, Applicability::Unsafe, context_checker);
        assert_eq!(
            fixed.text,
            "The Nigerien troops crossed into Niger last night."
        );
        assert_eq!(fixed.applied, 2);
        assert_eq!(splice(text, &fixed.edits), fixed.text);
        assert_eq!(fixed.cascaded.len(), 1);
        let c = &fixed.cascaded[0];
        assert_eq!(&text[c.span.start..c.span.end], "Nigerian");
        assert_eq!(c.replacement(), Some("Nigerien"));
        // With the first fix before the one it made: offsets mapped back past it.
        let text2 = "From Nige they came; the Nigerian troops stayed.";
        let fixed2 = apply_fixes(text2, Applicability::Unsafe, context_checker);
        assert_eq!(
            fixed2.text,
            "From Niger they came; the Nigerien troops stayed."
        );
        assert_eq!(splice(text2, &fixed2.edits), fixed2.text);
        let c = &fixed2.cascaded[0];
        assert_eq!(&text2[c.span.start..c.span.end], "Nigerian");
        // A fixed point: fixing again changes nothing.
        let again = apply_fixes(&fixed.text, Applicability::Unsafe, context_checker);
        assert_eq!(
            (again.applied, again.text.as_str()),
            (0, fixed.text.as_str())
        );
        // At a level the new finding's fix is not, it stays reported, unfixed.
        let safe = apply_fixes(text, Applicability::Safe, context_checker);
        assert_eq!(safe.applied, 0);
    }

    /// [`context_checker`], and a third rule: once Nigerian is gone, "Niger shang" reads as
    /// a slip of it (a source that names the Nigerians).
    fn source_checker(t: &str) -> Vec<Finding> {
        let mut found = context_checker(t);
        if !t.contains("Nigerian") {
            if let Some(i) = t.find("Niger shang") {
                found.push(finding(i, i + 11, "Nigerian", Applicability::Unsafe));
            }
        }
        found
    }

    #[test]
    fn a_fix_that_a_later_fix_would_change_is_taken_back_with_what_rested_on_it() {
        let text = "The Nige shang border; the Nigerian troops.";
        let fixed = apply_fixes(text, Applicability::Unsafe, source_checker);
        // "Niger" made "Nigerian" a slip of "Nigerien", whose fix made "Niger shang" a
        // slip of "Nigerian": "Niger" is taken back, and "Nigerien" with it.
        assert_eq!(fixed.text, text);
        assert_eq!(fixed.applied, 0);
        assert!(fixed.edits.is_empty() && fixed.cascaded.is_empty());
        assert_eq!(fixed.refused.len(), 1);
        assert_eq!(fixed.refused[0].span, Span::new(4, 8));
        assert!(fixed.refused[0]
            .reason
            .contains("“Niger” would be reported"));
        let again = apply_fixes(&fixed.text, Applicability::Unsafe, source_checker);
        assert_eq!(again.text, fixed.text);
    }

    /// A slip ("Nigjrian") whose fix one round takes back, because with another fix of that
    /// round ("Nigerien" → "Nigerian", which the original's "Nigeria!" asked for) the text
    /// named the Nigerians twice, and a third rule reported both: once the rest is settled
    /// ("Nigeria!" fixed to "Niger!", the other fix taken back for good), the slip's fix
    /// holds, and it is made. Fixing the output again changes nothing.
    fn settling_checker(t: &str) -> Vec<Finding> {
        let mut found = Vec::new();
        if let Some(i) = t.find("Nigeria!") {
            found.push(finding(i, i + 8, "Niger!", Applicability::Unsafe));
            if let Some(j) = t.find("Nigerien") {
                found.push(finding(j, j + 8, "Nigerian", Applicability::Unsafe));
            }
        }
        if let Some(i) = t.find("Nigjrian") {
            found.push(finding(i, i + 8, "Nigerian", Applicability::Unsafe));
        }
        if t.matches("Nigerian").count() >= 2 {
            for (i, _) in t.match_indices("Nigerian") {
                found.push(finding(i, i + 8, "Nigerien", Applicability::Unsafe));
            }
        }
        found.sort_by_key(|f| f.span.start);
        found
    }

    #[test]
    fn a_fix_taken_back_in_a_round_is_made_once_the_rest_settles() {
        let text = "Nigeria! Nigerien and Nigjrian";
        let fixed = apply_fixes(text, Applicability::Unsafe, settling_checker);
        assert_eq!(fixed.text, "Niger! Nigerien and Nigerian");
        assert_eq!(splice(text, &fixed.edits), fixed.text);
        assert_eq!(fixed.applied, 2);
        // The slip's fix, made after the first run settled, is reported in the original's
        // offsets with the findings the fixes made.
        assert_eq!(fixed.cascaded.len(), 1);
        let c = &fixed.cascaded[0];
        assert_eq!(
            (&text[c.span.start..c.span.end], c.replacement()),
            ("Nigjrian", Some("Nigerian"))
        );
        let again = apply_fixes(&fixed.text, Applicability::Unsafe, settling_checker);
        assert_eq!(
            (again.applied, again.text.as_str()),
            (0, fixed.text.as_str())
        );
    }

    /// A checker that reports a new slip on every call never settles: nothing is fixed,
    /// every fix is refused with the reason, and the output is the original.
    #[test]
    fn fixes_that_never_settle_are_all_refused() {
        let text = "a ".repeat(4000);
        let mut calls = 0;
        let fixed = apply_fixes(&text, Applicability::Safe, |t: &str| {
            calls += 1;
            let i = t.match_indices('a').nth(calls).map(|(i, _)| i);
            i.map(|i| vec![finding(i, i + 1, "b", Applicability::Safe)])
                .unwrap_or_default()
        });
        assert_eq!((fixed.applied, fixed.text.as_str()), (0, text.as_str()));
        assert!(fixed.edits.is_empty() && fixed.cascaded.is_empty());
        assert!(!fixed.refused.is_empty());
        assert!(fixed
            .refused
            .iter()
            .all(|r| r.reason.contains("the fixes do not settle")));
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
    fn a_replacement_that_would_be_reported_is_refused_not_chained() {
        // A broken rule set that reports "b" as well as "a": fixing "a" to "b" would make a
        // finding of its own, which is never fixed in turn.
        let rules = |t: &str| {
            t.char_indices()
                .filter(|(_, c)| matches!(c, 'a' | 'b'))
                .map(|(i, c)| {
                    let to = if c == 'a' { "b" } else { "c" };
                    finding(i, i + 1, to, Applicability::Safe)
                })
                .collect::<Vec<_>>()
        };
        let fixed = apply_fixes("x a y", Applicability::Safe, rules);
        assert_eq!(fixed.text, "x a y");
        assert_eq!(fixed.applied, 0);
        assert_eq!(fixed.refused.len(), 1);
        assert_eq!(fixed.refused[0].span, Span::new(2, 3));
        assert!(fixed.refused[0]
            .reason
            .starts_with("“b” would itself be reported [known-variant]"));
        let mut left = rules(&fixed.text);
        fixed.mark_refused(&mut left);
        assert_eq!(
            left[0].fix.as_ref().unwrap().applicability,
            Applicability::DisplayOnly
        );
        assert!(left[0].message.ends_with(")"), "{}", left[0].message);
    }

    #[test]
    fn other_fixes_are_applied_and_mapped() {
        // "a" → "bb" is fine; "q" → "b" would be reported by the rule on "b".
        let rules = |t: &str| {
            let mut out = Vec::new();
            if let Some(i) = t.find('a') {
                out.push(finding(i, i + 1, "dd", Applicability::Safe));
            }
            if let Some(i) = t.find('q') {
                out.push(finding(i, i + 1, "b", Applicability::Safe));
            }
            if let Some(i) = t.find('b') {
                out.push(finding(i, i + 1, "b", Applicability::DisplayOnly));
            }
            out
        };
        let fixed = apply_fixes("a q", Applicability::Safe, rules);
        assert_eq!(fixed.text, "dd q");
        assert_eq!(fixed.applied, 1);
        assert_eq!(
            fixed.edits,
            [Edit {
                span: Span::new(0, 1),
                replacement: "dd".into()
            }]
        );
        assert_eq!(fixed.map_span(Span::new(2, 3)), Span::new(3, 4));
        assert_eq!(fixed.refused.len(), 1);
    }

    #[test]
    fn an_edit_outside_its_finding_is_never_applied() {
        let mut f = finding(2, 3, "X", Applicability::Safe);
        f.fix.as_mut().unwrap().edits[0].span = Span::new(0, 3);
        let fixed = apply_fixes("ab c", Applicability::Safe, |_| vec![f.clone()]);
        assert_eq!(fixed.text, "ab c");
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
