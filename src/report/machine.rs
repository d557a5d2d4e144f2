//! One-line and machine reports: concise, JSON Lines, SARIF 2.1.0, GitHub workflow
//! annotations, JUnit XML, and a statistics table.

use super::json::{finding_value, FileError};
use super::FileReport;
use crate::finding::{Applicability, Rule, Severity};
use crate::text::LineIndex;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// `path:line:column: severity [rule] message (fix: replacement)`, one line per finding.
pub fn render_concise(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
    let lines = LineIndex::new(file.text);
    for f in file.findings {
        let pos = lines.position(file.text, f.span.start);
        write!(
            out,
            "{}:{}:{}: {} [{}] {}",
            file.path,
            pos.line,
            pos.column,
            f.severity.as_str(),
            f.rule.name(),
            f.message
        )?;
        if let Some(note) = f.unit_note() {
            write!(out, " [{note}]")?;
        }
        match (&f.fix, f.replacement()) {
            (Some(fix), Some(r)) => writeln!(out, " ({} fix: {r})", fix.applicability.as_str())?,
            _ => writeln!(out)?,
        }
    }
    Ok(())
}

/// One JSON object per finding per line, as in the JSON report's `findings`.
pub fn render_jsonl(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
    let lines = LineIndex::new(file.text);
    for f in file.findings {
        serde_json::to_writer(&mut *out, &finding_value(file, &lines, f))?;
        writeln!(out)?;
    }
    Ok(())
}

/// GitHub Actions workflow commands: an annotation per finding on the pull request's diff.
pub fn render_github(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
    let lines = LineIndex::new(file.text);
    for f in file.findings {
        let start = lines.position(file.text, f.span.start);
        let end = lines.position(file.text, f.span.end);
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = f.message.clone();
        if let Some(note) = f.unit_note() {
            message.push_str(&format!(" [{note}]"));
        }
        if let Some(r) = f.replacement() {
            message.push_str(&format!(" Suggested fix: {r}"));
        }
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(file.path),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("glosslint {} ({})", f.rule.name(), f.rule.code())),
            escape_data(&message)
        )?;
    }
    Ok(())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A SARIF 2.1.0 log with one run, the rules, every result, and fixes as replacements.
pub fn render_sarif(
    out: &mut dyn Write,
    files: &[FileReport],
    errors: &[FileError],
) -> io::Result<()> {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.code(),
                "name": r.name(),
                "shortDescription": { "text": r.summary() },
                "defaultConfiguration": { "level": level(r.severity()) },
                "properties": { "fixApplicability": r.fix_applicability().as_str() },
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        let lines = LineIndex::new(file.text);
        for f in file.findings {
            let start = lines.position(file.text, f.span.start);
            let end = lines.position(file.text, f.span.end);
            let region = json!({
                "startLine": start.line,
                "startColumn": start.utf16_column,
                "endLine": end.line,
                "endColumn": end.utf16_column,
                "byteOffset": f.span.start,
                "byteLength": f.span.len(),
            });
            let mut result = json!({
                "ruleId": f.rule.code(),
                "ruleIndex": Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(file.path) },
                        "region": region,
                    }
                }],
                "partialFingerprints": {
                    "glosslint/v1": format!("{}:{}:{}", f.rule.code(), f.entry, &file.text[f.span.start..f.span.end]),
                },
                "properties": { "entry": f.entry, "lang": file.lang },
            });
            if let Some(u) = f.unit.as_deref() {
                result["properties"]["unit"] = json!(u.id);
                result["properties"]["sourceLang"] = json!(u.source_lang);
                if let Some(m) = &u.source_mention {
                    result["properties"]["sourceMention"] = json!(m);
                }
            }
            if let Some(fix) = &f.fix {
                if fix.applicability != Applicability::DisplayOnly {
                    let replacements: Vec<Value> = fix
                        .edits
                        .iter()
                        .map(|e| {
                            json!({
                                "deletedRegion": { "byteOffset": e.span.start, "byteLength": e.span.len() },
                                "insertedContent": { "text": e.replacement },
                            })
                        })
                        .collect();
                    result["fixes"] = json!([{
                        "description": { "text": format!("{} fix: {}", fix.applicability.as_str(), f.replacement().unwrap_or("")) },
                        "artifactChanges": [{ "artifactLocation": { "uri": uri(file.path) }, "replacements": replacements }],
                    }]);
                }
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| json!({ "level": "error", "message": { "text": e.to_string() } }))
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "glosslint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/glosslint",
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A relative path as a URI reference: `/` separators, spaces and `%` escaped.
fn uri(path: &str) -> String {
    path.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

/// JUnit XML: a test suite per file, a failing test case per finding, one passing case for
/// a clean file, and an errored case per file that could not be checked.
pub fn render_junit(
    out: &mut dyn Write,
    files: &[FileReport],
    errors: &[FileError],
) -> io::Result<()> {
    let x = crate::formats::xml_escape;
    let failures: usize = files.iter().map(|f| f.findings.len()).sum();
    let tests: usize = files.iter().map(|f| f.findings.len().max(1)).sum::<usize>() + errors.len();
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<testsuites name=\"glosslint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">",
        errors.len()
    )?;
    for file in files {
        let lines = LineIndex::new(file.text);
        writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
            x(file.path),
            file.findings.len().max(1),
            file.findings.len()
        )?;
        if file.findings.is_empty() {
            writeln!(
                out,
                "    <testcase name=\"glosslint\" classname=\"{}\"/>",
                x(file.path)
            )?;
        }
        for f in file.findings {
            let pos = lines.position(file.text, f.span.start);
            writeln!(
                out,
                "    <testcase name=\"{}:{}: {}\" classname=\"{}\">",
                pos.line,
                pos.column,
                f.rule.name(),
                x(file.path)
            )?;
            writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}:{}:{}: {}</failure>",
                x(&f.message),
                f.severity.as_str(),
                x(file.path),
                pos.line,
                pos.column,
                x(&f.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    if !errors.is_empty() {
        writeln!(
            out,
            "  <testsuite name=\"glosslint errors\" tests=\"{n}\" failures=\"0\" errors=\"{n}\">",
            n = errors.len()
        )?;
        for e in errors {
            writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"glosslint\"><error message=\"{}\"/></testcase>",
                x(&e.path),
                x(&e.to_string())
            )?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// Counts per rule and per entry, most frequent first.
pub fn render_statistics(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    let mut by_rule: BTreeMap<Rule, usize> = BTreeMap::new();
    let mut by_entry: BTreeMap<&str, (usize, Rule)> = BTreeMap::new();
    for f in files.iter().flat_map(|f| f.findings) {
        *by_rule.entry(f.rule).or_default() += 1;
        by_entry.entry(&f.entry).or_insert((0, f.rule)).0 += 1;
    }
    let mut rules: Vec<_> = by_rule.into_iter().collect();
    rules.sort_by_key(|(r, n)| (std::cmp::Reverse(*n), *r));
    for (rule, n) in rules {
        writeln!(out, "{n:>6}  {}  {}", rule.code(), rule.name())?;
    }
    let mut entries: Vec<_> = by_entry.into_iter().collect();
    entries.sort_by_key(|(e, (n, _))| (std::cmp::Reverse(*n), *e));
    if !entries.is_empty() {
        writeln!(out)?;
    }
    for (entry, (n, _)) in entries {
        writeln!(out, "{n:>6}  {entry}")?;
    }
    Ok(())
}
