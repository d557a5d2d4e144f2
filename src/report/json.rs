//! The JSON report: one document with every finding and every file error, in a schema that
//! is versioned and documented in `docs/json-format.md`.

use super::FileReport;
use crate::finding::{Edit, Finding};
use crate::text::{LineIndex, Position, Span};
use serde::Serialize;
use std::io::{self, Write};

/// The schema version; raised on any incompatible change.
pub const JSON_VERSION: u32 = 1;

/// A file that could not be checked (or a glossary or configuration that could not be
/// used), where, and why: the one diagnostic type.
pub type FileError = crate::diagnostic::Diagnostic;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    errors: &'a [FileError],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    findings: usize,
    errors: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    lang: &'a str,
    lang_source: &'a str,
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    entry: &'a str,
    matched: &'a str,
    text: &'a str,
    span: Span,
    start: Position,
    end: Position,
    similarity: Option<f64>,
    confidence: Option<f64>,
    fix: Option<JsonFix<'a>>,
    /// In a bilingual file: the unit, its source language and the source's mention.
    unit: Option<&'a crate::finding::UnitRef>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    replacement: Option<&'a str>,
    edits: &'a [Edit],
}

pub fn render_json(
    out: &mut dyn Write,
    files: &[FileReport],
    errors: &[FileError],
) -> io::Result<()> {
    let mut findings = Vec::new();
    for file in files {
        let lines = LineIndex::new(file.text);
        for f in file.findings {
            findings.push(json_finding(file, &lines, f));
        }
    }
    let report = Report {
        version: JSON_VERSION,
        summary: Summary {
            files: files.len(),
            findings: findings.len(),
            errors: errors.len(),
        },
        findings,
        errors,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// One finding as the JSON and JSON Lines reports write it.
/// Every finding of `file` as JSON text, each object as the JSON report's `findings` hold
/// it, its fields in the same order.
pub fn finding_objects(file: &FileReport) -> Vec<String> {
    let lines = LineIndex::new(file.text);
    file.findings
        .iter()
        .map(|f| serde_json::to_string(&json_finding(file, &lines, f)).expect("findings serialise"))
        .collect()
}

pub(crate) fn finding_value(
    file: &FileReport,
    lines: &LineIndex,
    f: &Finding,
) -> serde_json::Value {
    serde_json::to_value(json_finding(file, lines, f)).expect("findings serialise")
}

fn json_finding<'a>(file: &FileReport<'a>, lines: &LineIndex, f: &'a Finding) -> JsonFinding<'a> {
    JsonFinding {
        path: file.path,
        lang: file.lang,
        lang_source: file.lang_source,
        code: f.rule.code(),
        rule: f.rule.name(),
        severity: f.severity.as_str(),
        message: &f.message,
        entry: &f.entry,
        matched: &f.matched,
        text: &file.text[f.span.start..f.span.end],
        span: f.span,
        start: lines.position(file.text, f.span.start),
        end: lines.position(file.text, f.span.end),
        similarity: f.similarity,
        confidence: f.confidence,
        fix: f.fix.as_ref().map(|fix| JsonFix {
            applicability: fix.applicability.as_str(),
            replacement: f.replacement(),
            edits: &fix.edits,
        }),
        unit: f.unit.as_deref(),
    }
}
