//! The report of a `glosslint check` run as it goes and at its end: each file's part of a
//! streamed report rendered beside the checking, the outcomes tallied in input order, then
//! the reports written whole, the summary, the baseline and the exit code.

use super::check::{CheckArgs, FailOn, OutputFormat};
use super::process::{Checked, FixMode, Run};
use super::write::write_atomically;
use super::Outcome;
use anyhow::Context;
use glosslint::baseline::Baseline;
use glosslint::finding::{Applicability, Severity};
use glosslint::language::LangSource;
use glosslint::report::{
    render_concise, render_github, render_html, render_human, render_json, render_jsonl,
    render_junit, render_sarif, render_statistics, summary_line, FileError, FileReport, Problems,
    Style,
};
use std::io::Write;

/// How the report is written.
pub struct Output {
    pub format: OutputFormat,
    /// Written file by file as the run goes (human, concise, JSON Lines, GitHub), not at the
    /// end (JSON, SARIF, JUnit, statistics).
    pub streaming: bool,
    pub style: Style,
    /// Whether every file's findings are kept for `--write-baseline`.
    pub keep_for_baseline: bool,
}

impl Output {
    /// A file's part of a streamed report, rendered beside the checking (in parallel).
    pub fn render(&self, c: &Checked, mode: FixMode) -> Vec<u8> {
        let mut bytes = Vec::new();
        if mode == FixMode::Diff || !self.streaming {
            return bytes;
        }
        let report = file_report(c);
        // With the fixed text on standard output, the report goes to standard error, plain.
        let style = if c.stdout_text.is_some() {
            Style { color: false }
        } else {
            self.style
        };
        // Writing to memory cannot fail.
        let _ = match self.format {
            OutputFormat::Human => render_human(&mut bytes, &report, style),
            OutputFormat::Concise => render_concise(&mut bytes, &report),
            OutputFormat::Jsonl => render_jsonl(&mut bytes, &report),
            OutputFormat::Github => render_github(&mut bytes, &report),
            _ => Ok(()),
        };
        bytes
    }
}

/// What the run has seen so far, for the summary, the end-of-run reports and the exit code.
#[derive(Default)]
pub struct Tally {
    pub errors: Vec<FileError>,
    pub problems: Problems,
    pub files_checked: usize,
    /// Severity and fix level of every finding reported.
    pub findings: Vec<(Severity, Applicability)>,
    pub fixes_applied: usize,
    pub files_fixed: usize,
    /// Files a signal stopped the run before.
    pub not_started: usize,
    /// Checked files kept for a report written at the end (or, for the human report, only
    /// their languages).
    pub kept: Vec<Checked>,
    /// Path, text and findings of every file, for `--write-baseline`.
    pub for_baseline: Vec<(String, String, Vec<glosslint::Finding>)>,
}

impl Tally {
    /// Records one file's outcome and writes its part of a streamed report, its diff or its
    /// fixed text.
    pub fn record(
        &mut self,
        c: Result<(Checked, Vec<u8>), FileError>,
        output: &Output,
        mode: FixMode,
        out: &mut impl Write,
    ) -> std::io::Result<()> {
        let (c, rendered) = match c {
            Ok(c) => c,
            Err(e) => {
                report_errors(std::slice::from_ref(&e));
                self.problems.unchecked += 1;
                self.errors.push(e);
                return Ok(());
            }
        };
        if let Some(e) = &c.error {
            report_errors(std::slice::from_ref(e));
            self.problems.unfixed += 1;
            self.errors.push(e.clone());
        }
        if glosslint::check::capped(&c.findings) {
            eprintln!(
                "glosslint: note: {}: stopped at {} findings, the rest of the file is not judged; does a glossary form match every few words?",
                c.display,
                glosslint::check::MAX_FINDINGS
            );
        }
        self.files_checked += 1;
        self.fixes_applied += c.applied;
        self.files_fixed += usize::from(c.applied > 0);
        self.findings.extend(c.findings.iter().map(|f| {
            (
                f.severity,
                f.fix
                    .as_ref()
                    .map_or(Applicability::DisplayOnly, |x| x.applicability),
            )
        }));
        if let Some(text) = &c.stdout_text {
            out.write_all(&glosslint::encoding::encode(text, c.encoding))?;
        }
        if mode == FixMode::Diff {
            out.write_all(c.diff.as_bytes())?;
        } else if output.streaming {
            if c.stdout_text.is_some() {
                std::io::stderr().lock().write_all(&rendered)?;
            } else {
                out.write_all(&rendered)?;
            }
        }
        if output.keep_for_baseline {
            self.for_baseline
                .push((c.display.clone(), c.text.clone(), c.findings.clone()));
        }
        if !output.streaming || output.format == OutputFormat::Human {
            // Human keeps files for the language line; others need everything at the end.
            self.kept.push(if output.streaming {
                Checked {
                    text: String::new(),
                    findings: Vec::new(),
                    ..c
                }
            } else {
                c
            });
        }
        Ok(())
    }
}

/// The end of the run: reports written whole, the summary, the baseline, the exit code.
pub fn finish(
    args: &CheckArgs,
    run: &Run,
    tally: Tally,
    out: &mut impl Write,
) -> anyhow::Result<Outcome> {
    let reports: Vec<FileReport> = tally.kept.iter().map(file_report).collect();
    match args.format {
        OutputFormat::Json => render_json(out, &reports, &tally.errors)?,
        OutputFormat::Sarif => render_sarif(out, &reports, &tally.errors)?,
        OutputFormat::Junit => render_junit(out, &reports, &tally.errors)?,
        OutputFormat::Html => render_html(out, &reports, &tally.errors)?,
        OutputFormat::Human | OutputFormat::Concise if args.statistics => {
            render_statistics(out, &reports)?
        }
        _ => {}
    }
    if !args.quiet {
        for c in tally
            .kept
            .iter()
            .filter(|c| c.lang_source == LangSource::Unknown)
        {
            eprintln!(
                "glosslint: note: {}: the language is not known, so no name was judged; set it with --lang, a [languages] pattern or `lang` in glosslint.toml",
                c.display
            );
        }
    }
    let stdin_fixed = tally.kept.iter().any(|c| c.stdout_text.is_some());
    if !args.quiet && matches!(args.format, OutputFormat::Human | OutputFormat::Concise) {
        let langs: Vec<(&str, bool)> = tally
            .kept
            .iter()
            .map(|c| (c.lang.as_str(), c.lang_source == LangSource::Detected))
            .collect();
        let summary = format!(
            "{}{}",
            summary_line(tally.files_checked, &tally.findings, tally.problems),
            languages_line(&langs)
        );
        if run.mode == FixMode::Check && !stdin_fixed {
            writeln!(out, "{summary}")?;
        } else {
            eprintln!("{summary}");
        }
    }
    if run.mode == FixMode::Write && !args.quiet {
        let (fixes, files) = (tally.fixes_applied, tally.files_fixed);
        eprintln!(
            "Applied {fixes} fix{} in {files} file{}.",
            if fixes == 1 { "" } else { "es" },
            if files == 1 { "" } else { "s" }
        );
    }
    let interrupted = super::interrupt::interrupted();
    if interrupted {
        eprintln!(
            "glosslint: interrupted: {} file{} not checked; every file is as it was{}",
            tally.not_started,
            if tally.not_started == 1 { "" } else { "s" },
            if run.mode == FixMode::Write {
                " or fixed as reported"
            } else {
                ""
            }
        );
    }
    if let Some(path) = &args.write_baseline {
        if !interrupted {
            write_baseline(path, &tally.for_baseline, args.quiet)?;
        }
    }
    out.flush()?;
    let failing = match args.fail_on {
        FailOn::Never => false,
        FailOn::Error => tally.findings.iter().any(|(s, _)| *s == Severity::Error),
        FailOn::Warning => !tally.findings.is_empty(),
    };
    Ok(Outcome {
        findings: failing && args.write_baseline.is_none(),
        errors: !tally.errors.is_empty(),
        interrupted,
    })
}

/// Writes the baseline of `files` (path, text and findings of each) to `path`.
fn write_baseline(
    path: &std::path::Path,
    files: &[(String, String, Vec<glosslint::Finding>)],
    quiet: bool,
) -> anyhow::Result<()> {
    let baseline = Baseline::of(
        files
            .iter()
            .map(|(p, t, f)| (p.as_str(), t.as_str(), &f[..])),
    );
    let mut json = serde_json::to_string_pretty(&baseline)?;
    json.push('\n');
    if path.exists() {
        write_atomically(path, json.as_bytes())?;
    } else {
        std::fs::write(path, json).with_context(|| format!("writing {}", path.display()))?;
    }
    if !quiet {
        eprintln!(
            "Wrote {} baseline entries to {}.",
            baseline.findings.len(),
            path.display()
        );
    }
    Ok(())
}

/// " Languages: en 2 files, fr 1 file (detected)." when the run saw several languages or
/// detected one; nothing otherwise.
fn languages_line(langs: &[(&str, bool)]) -> String {
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    for &(lang, detected) in langs {
        match counts.iter_mut().find(|(l, _, _)| *l == lang) {
            Some((_, n, d)) => {
                *n += 1;
                *d += usize::from(detected);
            }
            None => counts.push((lang, 1, usize::from(detected))),
        }
    }
    if counts.len() < 2 && counts.iter().all(|(_, _, d)| *d == 0) {
        return String::new();
    }
    counts.sort();
    let parts: Vec<String> = counts
        .iter()
        .map(|(lang, n, detected)| {
            let files = if *n == 1 { "file" } else { "files" };
            match detected {
                0 => format!("{lang} {n} {files}"),
                d if d == n => format!("{lang} {n} {files} (detected)"),
                d => format!("{lang} {n} {files} ({d} detected)"),
            }
        })
        .collect();
    format!(" Languages: {}.", parts.join(", "))
}

fn file_report(c: &Checked) -> FileReport<'_> {
    FileReport {
        path: &c.display,
        lang: &c.lang,
        lang_source: c.lang_source.as_str(),
        text: &c.text,
        findings: &c.findings,
    }
}

pub fn report_errors(errors: &[FileError]) {
    for e in errors {
        eprintln!("glosslint: error: {e}");
    }
}
