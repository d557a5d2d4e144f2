//! The default report: `path:line:column`, severity, code and rule, the message, then the
//! source line with the span underlined and the suggested fix.

use super::FileReport;
use crate::finding::{Applicability, Finding, Severity};
use crate::text::LineIndex;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// How much of a long line is shown on each side of the span, in columns.
const CONTEXT_WIDTH: usize = 40;

/// Whether to colour the output with ANSI escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

pub fn render_human(out: &mut dyn Write, file: &FileReport, style: Style) -> io::Result<()> {
    if file.findings.is_empty() {
        return Ok(());
    }
    let lines = LineIndex::new(file.text);
    for f in file.findings {
        render_one(out, file, &lines, f, style)?;
    }
    Ok(())
}

fn render_one(
    out: &mut dyn Write,
    file: &FileReport,
    lines: &LineIndex,
    f: &Finding,
    style: Style,
) -> io::Result<()> {
    let pos = lines.position(file.text, f.span.start);
    let severity = match f.severity {
        Severity::Error => style.paint("1;31", "error"),
        Severity::Warning => style.paint("1;33", "warning"),
    };
    writeln!(
        out,
        "{}:{}:{}: {severity} {} {}",
        style.paint("1", file.path),
        pos.line,
        pos.column,
        style.paint("1", &format!("[{}]", f.rule.name())),
        f.message
    )?;

    let line = pos.line - 1;
    let (ls, le) = lines.line_span(file.text, line);
    let span_end = f.span.end.min(le).max(f.span.start);
    let (before, more_before) = tail_within(&file.text[ls..f.span.start], CONTEXT_WIDTH);
    let spanned = &file.text[f.span.start..span_end];
    let (after, more_after) = head_within(&file.text[span_end..le], CONTEXT_WIDTH);
    let lead = if more_before { "…" } else { "" };
    let trail = if more_after { "…" } else { "" };
    let gutter = pos.line.to_string();
    let pad = " ".repeat(gutter.len());
    let shown = |s: &str| s.replace('\t', " ");
    writeln!(out, "{pad} {}", style.paint("34", "|"))?;
    writeln!(
        out,
        "{} {} {lead}{}{}{}{trail}",
        style.paint("34", &gutter),
        style.paint("34", "|"),
        shown(before),
        style.paint("1", &shown(spanned)),
        shown(after)
    )?;
    let indent = " ".repeat(lead.width() + shown(before).width());
    let carets = "^".repeat(shown(spanned).width().max(1));
    let suggestion = match &f.fix {
        Some(fix) => {
            let replacement = f.replacement().unwrap_or("");
            let how = match fix.applicability {
                Applicability::Safe => "fix",
                Applicability::Unsafe => "unsafe fix",
                Applicability::DisplayOnly => "suggestion",
            };
            format!(" {how}: {}", style.paint("32", replacement))
        }
        None => String::new(),
    };
    writeln!(
        out,
        "{pad} {} {indent}{}{suggestion}",
        style.paint("34", "|"),
        style.paint("1;31", &carets)
    )?;
    if let Some(note) = f.unit_note() {
        writeln!(out, "{pad} {} {note}", style.paint("34", "="))?;
    }
    writeln!(out)
}

/// The end of `s` that fits in `width` columns, cut at a space where possible; and whether
/// anything was cut.
fn tail_within(s: &str, width: usize) -> (&str, bool) {
    // Only the last few bytes can be shown: measure those, not a whole long line.
    let mut from = s.len().saturating_sub(width * 4);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let (s, cut_already) = (&s[from..], from > 0);
    if s.width() <= width {
        return (s, cut_already);
    }
    let mut start = s.len();
    let mut used = 0;
    for (i, c) in s.char_indices().rev() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            break;
        }
        start = i;
    }
    let cut = &s[start..];
    match cut.find(' ') {
        Some(sp) if sp + 1 < cut.len() => (&cut[sp + 1..], true),
        _ => (cut, true),
    }
}

/// The start of `s` that fits in `width` columns, cut at a space where possible.
fn head_within(s: &str, width: usize) -> (&str, bool) {
    let mut to = s.len().min(width * 4);
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    let (s, cut_already) = (&s[..to], to < s.len());
    if s.width() <= width {
        return (s, cut_already);
    }
    let mut end = 0;
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            break;
        }
        end = i + c.len_utf8();
    }
    let cut = &s[..end];
    match cut.rfind(' ') {
        Some(sp) if sp > 0 => (&cut[..sp], true),
        _ => (cut, true),
    }
}

/// What went wrong in a run besides findings, for the closing line: each count is of files,
/// or of errors in the glossaries and configuration files that the run read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Problems {
    /// Input files that could not be checked (unreadable, malformed, over the size limit,
    /// or governed by a broken glossary or configuration).
    pub unchecked: usize,
    /// Checked files whose fixes could not be written (refused, or the write failed).
    pub unfixed: usize,
    /// Errors in glossaries and configuration files.
    pub setup: usize,
}

impl Problems {
    fn describe(&self) -> String {
        let mut s = String::new();
        if self.unchecked > 0 {
            s.push_str(&format!(
                " {} could not be checked.",
                count(self.unchecked, "file")
            ));
        }
        if self.unfixed > 0 {
            s.push_str(&format!(
                " {} could not be fixed.",
                count(self.unfixed, "file")
            ));
        }
        if self.setup > 0 {
            s.push_str(&format!(
                " {} in glossaries or configuration.",
                count(self.setup, "error")
            ));
        }
        s
    }
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The closing line: counts by severity and what `--fix` / `--unsafe-fixes` would apply,
/// from each finding's severity and fix applicability, and what could not be done.
pub fn summary_line(
    files: usize,
    findings: &[(Severity, Applicability)],
    problems: Problems,
) -> String {
    let files_part = count(files, "file");
    if findings.is_empty() {
        return format!("No findings in {files_part}.{}", problems.describe());
    }
    let errs = findings
        .iter()
        .filter(|(s, _)| *s == Severity::Error)
        .count();
    let warns = findings.len() - errs;
    let safe = findings
        .iter()
        .filter(|(_, a)| *a == Applicability::Safe)
        .count();
    let unsafe_only = findings
        .iter()
        .filter(|(_, a)| *a == Applicability::Unsafe)
        .count();
    let mut s = format!(
        "Found {} in {files_part}: {}, {}.",
        count(findings.len(), "finding"),
        count(errs, "error"),
        count(warns, "warning")
    );
    if safe > 0 {
        s.push_str(&format!(" {safe} fixable with --fix"));
        if unsafe_only > 0 {
            s.push_str(&format!(", {unsafe_only} more with --unsafe-fixes"));
        }
        s.push('.');
    } else if unsafe_only > 0 {
        s.push_str(&format!(" {unsafe_only} fixable with --unsafe-fixes."));
    }
    s.push_str(&problems.describe());
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_at_spaces_around_the_span() {
        let (tail, cut) = tail_within("a long sentence that goes on and on before the name", 20);
        assert!(cut);
        assert_eq!(tail, "on before the name");
        let (head, cut) = head_within("after the name the sentence goes on and on", 20);
        assert!(cut);
        assert_eq!(head, "after the name the");
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let (tail, cut) = tail_within("北京位于中国北部，马里在非洲", 10);
        assert!(cut);
        assert_eq!(tail, "马里在非洲");
    }
}
