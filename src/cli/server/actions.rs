//! Code actions and hover: a quick fix per finding that has a fix, labelled with its
//! safety (safe fixes preferred); "fix all safe findings" as a source action; a suppression
//! comment for a finding in formats that have comments; the entry behind a flagged span.

use super::convert::{Encoding, Lines};
use super::Checked;
use glosslint::file::SourceFile;
use glosslint::finding::{Applicability, Finding, Rule};
use glosslint::formats::Format;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, DocumentChanges,
    Hover, HoverContents, MarkupContent, MarkupKind, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, TextDocumentEdit, TextEdit, Uri,
    WorkspaceEdit,
};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The source action that applies every safe fix of the document, under glosslint's name
/// (`source.fixAll.glosslint`) so that editors can run it on save.
pub const FIX_ALL_KIND: CodeActionKind = CodeActionKind::new("source.fixAll.glosslint");

pub fn code_actions(
    checked: &Checked,
    params: &CodeActionParams,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let lines = Lines::new(&checked.text, encoding);
    let (start, end) = (
        lines.offset(params.range.start),
        lines.offset(params.range.end),
    );
    let uri = &params.text_document.uri;
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let mut actions = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        for (f, d) in checked.findings.iter().zip(&checked.diagnostics) {
            // The findings under the cursor or selection (touching counts: a cursor right
            // after a word is on it).
            if f.span.end < start || f.span.start > end {
                continue;
            }
            if let Some(action) = quick_fix(checked, &lines, uri, f, d) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
            if let Some(action) = suppression(checked, &lines, uri, f, d) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
        }
    }
    if wanted(&FIX_ALL_KIND) {
        if let Some(action) = fix_all(checked, &lines, uri) {
            actions.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    actions
}

fn edit(checked: &Checked, uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    // Versioned: a client applies the edit only to the version it was computed for.
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version: Some(checked.version),
            },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        }])),
        ..Default::default()
    }
}

/// The protocol's edits for `edits` (byte spans of the checked text).
fn text_edits(lines: &Lines, edits: &[glosslint::finding::Edit]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit::new(lines.range(e.span.start, e.span.end), e.replacement.clone()))
        .collect()
}

fn quick_fix(
    checked: &Checked,
    lines: &Lines,
    uri: &Uri,
    f: &Finding,
    d: &Diagnostic,
) -> Option<CodeAction> {
    let fix = f.fix.as_ref()?;
    if fix.applicability == Applicability::DisplayOnly || fix.edits.is_empty() {
        return None;
    }
    let original = &checked.text[f.span.start..f.span.end];
    let replacement = f.replacement().unwrap_or_default();
    let safety = match fix.applicability {
        Applicability::Safe => "safe fix",
        _ => "unsafe fix: check it",
    };
    let edits = text_edits(lines, &fix.edits);
    Some(CodeAction {
        title: format!("Replace “{original}” with “{replacement}” ({safety})"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![d.clone()]),
        edit: Some(edit(checked, uri, edits)),
        is_preferred: Some(fix.applicability == Applicability::Safe),
        ..Default::default()
    })
}

/// Every safe fix of the document at once, as `glosslint check --fix` applies them: each
/// once, none whose replacement would itself be reported, and none if the fixed document
/// would not parse.
fn fix_all(checked: &Checked, lines: &Lines, uri: &Uri) -> Option<CodeAction> {
    let (index, options) = checked.settings.as_ref()?;
    let file = SourceFile::parse(
        "",
        checked.path.as_deref(),
        &checked.text,
        Some(checked.format),
        &options.format,
    )
    .ok()?;
    let fixed = file.fix(index, options, Applicability::Safe).ok()?;
    if fixed.edits.is_empty() {
        return None;
    }
    let edits = text_edits(lines, &fixed.edits);
    let n = fixed.applied;
    Some(CodeAction {
        title: format!(
            "Fix all safe glosslint findings ({n} fix{})",
            if n == 1 { "" } else { "es" }
        ),
        kind: Some(FIX_ALL_KIND),
        edit: Some(edit(checked, uri, edits)),
        ..Default::default()
    })
}

/// A comment that suppresses `f`'s rule where `f` is, in a format with comments that hold
/// suppressions: at the end of the line in Markdown and HTML (an inline comment leaves the
/// paragraph whole), a translator comment on the PO entry.
fn suppression(
    checked: &Checked,
    lines: &Lines,
    uri: &Uri,
    f: &Finding,
    d: &Diagnostic,
) -> Option<CodeAction> {
    if f.rule == Rule::UnusedSuppression {
        return None;
    }
    let text: &str = &checked.text;
    let code = f.rule.code();
    let line = lines.index.line_of(f.span.start);
    // The line break the finding's line ends with.
    let newline = if text[lines.index.line_span(text, line).1..].starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    // The block holding `line`: from after the blank line before it to before the blank
    // line after it (a PO entry, a WebVTT cue).
    let block = || {
        let blank = |l: usize| {
            let (s, e) = lines.index.line_span(text, l);
            text[s..e].trim().is_empty()
        };
        let mut first = line;
        while first > 0 && !blank(first - 1) {
            first -= 1;
        }
        let mut last = line;
        while last + 1 < lines.index.line_count() && !blank(last + 1) {
            last += 1;
        }
        (
            lines.index.line_span(text, first).0,
            lines.index.line_span(text, last).1,
        )
    };
    let inserts: Vec<(usize, String)> = match checked.format {
        Format::Markdown | Format::Html => {
            let (_, end) = lines.index.line_span(text, line);
            vec![(end, format!(" <!-- glosslint-ignore {code} -->"))]
        }
        Format::Po => vec![(block().0, format!("# glosslint-ignore {code}{newline}"))],
        // A NOTE block is a comment of its own: the cue between a disable and an enable.
        Format::Vtt => {
            let (start, end) = block();
            vec![
                (
                    start,
                    format!("NOTE glosslint-disable {code}{newline}{newline}"),
                ),
                (
                    end,
                    format!("{newline}{newline}NOTE glosslint-enable {code}"),
                ),
            ]
        }
        // A note of the unit covers the whole unit.
        Format::Xliff => vec![xliff_note(text, f.span.start, code)?],
        _ => return None,
    };
    let edits = inserts
        .into_iter()
        .map(|(at, insert)| TextEdit::new(lines.range(at, at), insert))
        .collect();
    Some(CodeAction {
        title: format!("Suppress {code} ({}) here", f.rule.name()),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![d.clone()]),
        edit: Some(edit(checked, uri, edits)),
        is_preferred: Some(false),
        ..Default::default()
    })
}

/// Where a suppression note goes in the XLIFF unit around byte `at`, and the note: before
/// `</trans-unit>` in XLIFF 1.2 (notes may follow the target); in 2.x first in the unit's
/// `<notes>`, which comes before its segments.
fn xliff_note(text: &str, at: usize, code: &str) -> Option<(usize, String)> {
    let before = &text[..at];
    let opening = |name: &str| {
        let mut from = before.len();
        while let Some(i) = before[..from].rfind(name) {
            let next = before[i + name.len()..].chars().next();
            if next.is_some_and(|c| c.is_whitespace() || c == '>') {
                return Some(i);
            }
            from = i;
        }
        None
    };
    let note = format!("<note>glosslint-ignore {code}</note>");
    match (opening("<trans-unit"), opening("<unit")) {
        (Some(t), u) if u.is_none_or(|u| t > u) => {
            let close = at + text[at..].find("</trans-unit>")?;
            Some((close, note))
        }
        (_, Some(u)) => {
            let start_end = u + text[u..].find('>')? + 1;
            let segment = text[start_end..]
                .find("<segment")
                .map_or(text.len(), |i| start_end + i);
            match text[start_end..segment].find("<notes>") {
                Some(i) => Some((start_end + i + "<notes>".len(), note)),
                None => Some((start_end, format!("<notes>{note}</notes>"))),
            }
        }
        _ => None,
    }
}

/// The findings at `position`: the entry each is about, why it is wrong here, the fix.
pub fn hover(checked: &Checked, position: Position, encoding: Encoding) -> Option<Hover> {
    let lines = Lines::new(&checked.text, encoding);
    let at = lines.offset(position);
    let here: Vec<&Finding> = checked
        .findings
        .iter()
        .filter(|f| f.span.start <= at && at <= f.span.end && f.span.start < f.span.end)
        .collect();
    let first = here.first()?;
    let index = checked.settings.as_ref().map(|(i, _)| i);
    let mut parts = Vec::new();
    for f in &here {
        let mut s = format!(
            "**{}** `{}` ({})\n\n{}",
            f.rule.code(),
            f.rule.name(),
            f.severity.as_str(),
            f.message
        );
        if let Some(note) = f.unit_note() {
            s.push_str(&format!("\n\n{note}"));
        }
        if let Some(entry) = index.and_then(|i| i.entry_by_id(&f.entry).map(|e| (i, e))) {
            let (i, e) = entry;
            let canonical = e
                .forms_for(i.lang())
                .map(|forms| forms.canonical.as_str())
                .unwrap_or(f.matched.as_str());
            s.push_str(&format!(
                "\n\nEntry `{}` ({}): “{canonical}” in {}",
                e.id,
                e.kind.as_str(),
                i.lang()
            ));
            if let Some(description) = &e.description {
                s.push_str(&format!(" — {description}"));
            }
            if !e.origin.path.is_empty() {
                s.push_str(&format!(" ({}:{})", e.origin.path, e.origin.line));
            }
        }
        if let (Some(fix), Some(r)) = (&f.fix, f.replacement()) {
            s.push_str(&format!("\n\nFix ({}): “{r}”", fix.applicability.as_str()));
        }
        if let Some(c) = f.confidence {
            s.push_str(&format!(", confidence {c:.2}"));
        }
        parts.push(s);
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(lines.range(first.span.start, first.span.end)),
    })
}

/// A `file:` link to the rule's documentation, written once per glosslint version into the
/// cache folder so that it opens without a network; `None` if it cannot be written.
pub fn rule_docs(rule: Rule) -> Option<Uri> {
    static LINKS: OnceLock<Vec<Option<Uri>>> = OnceLock::new();
    LINKS
        .get_or_init(|| {
            let written = write_rule_docs();
            Rule::ALL
                .iter()
                .map(|r| {
                    let dir = written.as_ref()?;
                    super::convert::path_to_uri(&dir.join(format!("{}.md", r.name())))
                })
                .collect()
        })
        .get(rule as usize)
        .cloned()
        .flatten()
}

/// Writes every rule's documentation into the cache folder (once per version; a file
/// already right is left alone) and returns the folder.
fn write_rule_docs() -> Option<PathBuf> {
    let dir = crate::cli::cache::default_dir()?
        .join("docs")
        .join(env!("CARGO_PKG_VERSION"));
    std::fs::create_dir_all(&dir).ok()?;
    for r in Rule::ALL {
        let path = dir.join(format!("{}.md", r.name()));
        let same = std::fs::read_to_string(&path).is_ok_and(|t| t == r.documentation());
        if !same {
            // Whole or not at all: another server may be reading it.
            let mut tmp = tempfile::NamedTempFile::new_in(&dir).ok()?;
            std::io::Write::write_all(&mut tmp, r.documentation().as_bytes()).ok()?;
            tmp.persist(&path).ok()?;
        }
    }
    Some(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use glosslint::file::FileOptions;
    use glosslint::glossary::{Glossary, Index};
    use std::sync::Arc;

    fn findings(xlf: &str) -> Vec<Finding> {
        let toml = std::fs::read_to_string("glossaries/sahel.toml").unwrap();
        let index = Index::new(
            Arc::new(Glossary::from_toml("sahel.toml", &toml).unwrap()),
            "fr",
        );
        let file = SourceFile::parse("a.xlf", None, xlf, Some(Format::Xliff), &Default::default())
            .unwrap();
        file.check(&index, &FileOptions::default()).findings
    }

    /// In XLIFF 2.x the note goes first in the unit, into its `<notes>` or a new one, and
    /// the file then suppresses the finding.
    #[test]
    fn an_xliff_2_note_is_written_where_the_unit_allows_it_and_suppresses() {
        let unit = |notes: &str| {
            format!(
                "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">\n<file id=\"f\">\n<unit id=\"u1\">{notes}\n<segment><source>the ruler Assimi Goita</source><target>le dirigeant Qasimi Quetta</target></segment>\n</unit>\n</file>\n</xliff>\n"
            )
        };
        for (notes, expected) in [
            (
                "",
                "<unit id=\"u1\"><notes><note>glosslint-ignore GL001</note></notes>\n",
            ),
            (
                "<notes><note>checked</note></notes>",
                "<notes><note>glosslint-ignore GL001</note><note>checked</note></notes>",
            ),
        ] {
            let xlf = unit(notes);
            let found = findings(&xlf);
            let f = found.iter().find(|f| f.rule == Rule::KnownVariant).unwrap();
            let (at, note) = xliff_note(&xlf, f.span.start, "GL001").unwrap();
            let mut fixed = xlf.clone();
            fixed.insert_str(at, &note);
            assert!(fixed.contains(expected), "{fixed}");
            assert!(
                findings(&fixed)
                    .iter()
                    .all(|f| f.rule != Rule::KnownVariant),
                "{fixed}"
            );
        }
    }
}
