//! The quick answer to an edit: the last check carried over to the new text, and the edited
//! paragraph checked alone, in milliseconds whatever the document's size. The exact check of
//! the whole document follows (see `check_loop`); until it lands, a finding that depends on
//! the rest of the document (a context decision, a suppression comment outside the paragraph)
//! may differ from it.

use super::convert::{diagnostic, Encoding, Lines};
use super::{Checked, Doc};
use glosslint::file::SourceFile;
use glosslint::finding::{Finding, Rule};
use glosslint::formats::Format;
use glosslint::text::Span;
use lsp_types::{Diagnostic, Position, Uri};
use std::sync::Arc;

/// How far around an edit the paragraph may reach, each way.
const REACH: usize = 8 * 1024;

/// `previous` carried over to `doc`'s text; `None` if nothing of it can be (it failed, or
/// the texts share nothing).
pub fn carry_over(
    previous: &Checked,
    doc: &Doc,
    encoding: Encoding,
    docs: &dyn Fn(Rule) -> Option<Uri>,
) -> Option<Checked> {
    let (old, new): (&str, &str) = (&previous.text, &doc.text);
    let (start, old_end, new_end) = changed(old, new);
    let (index, options) = previous.settings.as_ref()?;
    // The paragraph around the edit, in formats where a paragraph reads as the file does.
    let window = matches!(previous.format, Format::Text | Format::Markdown)
        .then(|| paragraph(new, start, new_end));
    let (ws, we) = window.unwrap_or((start, new_end));
    let shift = |at: usize| at + new.len() - old.len();
    let we_old = we + old.len() - new.len();
    // Diagnostics before the edit stay as they are; after it, on a later line than the
    // edit's end, they move by the lines the edit added; others are computed anew.
    let lines = Lines::new(new, encoding);
    let count_lines = |s: &str| memchr::memchr_iter(b'\n', s.as_bytes()).count() as i64;
    let last_line = count_lines(&old[..old_end]) as u32;
    let line_delta = count_lines(&new[start..new_end]) - count_lines(&old[start..old_end]);
    let mut kept: Vec<(Finding, Option<Diagnostic>)> = Vec::new();
    for (f, d) in previous.findings.iter().zip(&previous.diagnostics) {
        if f.span.end <= ws {
            kept.push((f.clone(), Some(d.clone())));
        } else if f.span.start >= we_old {
            let diagnostic = (d.range.start.line > last_line).then(|| {
                let mut d = d.clone();
                let by = |p: &mut Position| p.line = (p.line as i64 + line_delta) as u32;
                by(&mut d.range.start);
                by(&mut d.range.end);
                d
            });
            kept.push((moved(f, &shift), diagnostic));
        }
    }
    if let Some((ws, we)) = window {
        let part = &new[ws..we];
        let path = previous.path.as_deref();
        let file =
            SourceFile::parse("", path, part, Some(previous.format), &options.format).ok()?;
        let local = file.check(index, options).findings;
        kept.extend(local.iter().map(|f| (moved(f, &|at| at + ws), None)));
        kept.sort_by_key(|(f, _)| (f.span.start, f.span.end));
    }
    let (findings, diagnostics) = kept
        .into_iter()
        .map(|(f, d)| {
            let d = d.unwrap_or_else(|| diagnostic(&lines, &f, docs(f.rule)));
            (f, d)
        })
        .unzip();
    Some(Checked {
        version: doc.version,
        text: Arc::clone(&doc.text),
        path: previous.path.clone(),
        format: previous.format,
        findings,
        diagnostics,
        settings: previous.settings.clone(),
    })
}

/// Where `old` and `new` differ: the common prefix's end, and the ends of what differs in
/// each (the common suffix follows), on character boundaries.
fn changed(old: &str, new: &str) -> (usize, usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !new.is_char_boundary(prefix) || !old.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let most = a.len().min(b.len()) - prefix;
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(most)
        .take_while(|(x, y)| x == y)
        .count();
    while !new.is_char_boundary(b.len() - suffix) || !old.is_char_boundary(a.len() - suffix) {
        suffix -= 1;
    }
    (prefix, a.len() - suffix, b.len() - suffix)
}

/// The paragraph of `text` around `start..end`: from after the blank line before it to the
/// blank line after it, at most [`REACH`] bytes each way (then from a line's start, to a
/// line's end).
fn paragraph(text: &str, start: usize, end: usize) -> (usize, usize) {
    let floor = start.saturating_sub(REACH);
    let before = &text[floor_boundary(text, floor)..start];
    let blank = before
        .rfind("\n\n")
        .map(|i| i + 2)
        .into_iter()
        .chain(before.rfind("\n\r\n").map(|i| i + 3))
        .max();
    let from = match blank {
        Some(i) => start - before.len() + i,
        None if floor == 0 => 0,
        None => before
            .find('\n')
            .map_or(start, |i| start - before.len() + i + 1),
    };
    let ceiling = floor_boundary(text, (end + REACH).min(text.len()));
    let after = &text[end..ceiling.max(end)];
    let to = match after.find("\n\n").or_else(|| after.find("\r\n\r\n")) {
        Some(i) => end + i,
        None if ceiling == text.len() => text.len(),
        None => after.rfind('\n').map_or(end, |i| end + i),
    };
    (from.min(start), to.max(end))
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `f` with its span and its fix's edits moved by `to`.
fn moved(f: &Finding, to: &dyn Fn(usize) -> usize) -> Finding {
    let mut f = f.clone();
    f.span = Span::new(to(f.span.start), to(f.span.end));
    if let Some(fix) = f.fix.as_mut() {
        for e in &mut fix.edits {
            e.span = Span::new(to(e.span.start), to(e.span.end));
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_is_found_between_a_common_prefix_and_suffix() {
        assert_eq!(changed("Mali Takoba", "Mali Takuba"), (8, 9, 9));
        assert_eq!(changed("abc", "abxc"), (2, 2, 3));
        assert_eq!(changed("aaa", "aa"), (2, 3, 2));
        // On character boundaries: "ï" and "ö" share their first byte.
        assert_eq!(changed("Goïta", "Goöta"), (2, 4, 4));
    }

    /// The quick answer equals the exact check wherever the edit does not reach: a finding
    /// before the edit stays, one after it moves, and the edited paragraph is checked.
    #[test]
    fn an_edit_carries_the_findings_over_and_checks_its_paragraph() {
        use glosslint::file::FileOptions;
        use glosslint::glossary::{Glossary, Index};
        use std::str::FromStr;
        let glossary = Glossary::from_toml(
            "sahel.toml",
            &std::fs::read_to_string("glossaries/sahel.toml").unwrap(),
        )
        .unwrap();
        let index = Arc::new(Index::new(Arc::new(glossary), "en"));
        let options = FileOptions::default();
        let checked = |version: i32, text: &str| {
            let file =
                SourceFile::parse("", None, text, Some(Format::Text), &Default::default()).unwrap();
            let findings = file.check(&index, &options).findings;
            let lines = Lines::new(text, Encoding::Utf16);
            Checked {
                version,
                text: text.into(),
                path: None,
                format: Format::Text,
                diagnostics: findings
                    .iter()
                    .map(|f| diagnostic(&lines, f, None))
                    .collect(),
                findings,
                settings: Some((Arc::clone(&index), options.clone())),
            }
        };
        let before = "Qasimi Quetta spoke.\n\nThe force met.\n\nIn Gao, the Takoba force.\n";
        let after = "Qasimi Quetta spoke.\n\nThe Takoba force\nmet.\n\nIn Gao, the Takoba force.\n";
        let doc = Doc {
            uri: lsp_types::Uri::from_str("untitled:a").unwrap(),
            version: 2,
            language_id: "plaintext".to_string(),
            text: after.into(),
        };
        let quick = carry_over(&checked(1, before), &doc, Encoding::Utf16, &|_| None).unwrap();
        let exact = checked(2, after);
        let spans = |c: &Checked| {
            c.findings
                .iter()
                .map(|f| (f.rule, &after[f.span.start..f.span.end], f.span.start))
                .collect::<Vec<_>>()
        };
        assert_eq!(spans(&quick).len(), 3, "{:?}", spans(&quick));
        assert_eq!(spans(&quick), spans(&exact));
        assert_eq!(quick.diagnostics, exact.diagnostics);
        assert_eq!(quick.version, 2);
    }

    #[test]
    fn the_paragraph_ends_at_blank_lines() {
        let text = "one\n\ntwo Takoba\nthree\n\nfour";
        let at = text.find("Takoba").unwrap();
        let (s, e) = paragraph(text, at, at + 6);
        assert_eq!(&text[s..e], "two Takoba\nthree");
        assert_eq!(paragraph("solo", 1, 2), (0, 4));
    }
}
