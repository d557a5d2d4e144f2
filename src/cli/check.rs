//! `glosslint check`: one pass over the inputs; per file, check, then report, diff or write
//! according to the fix mode.

use super::inputs::{self, Input};
use super::settings::{Overrides, Resolver, Unusable};
use super::write::write_atomically;
use super::Outcome;
use clap::{Args, ValueEnum};
use glosslint::check::check;
use glosslint::finding::{Applicability, Finding, Rule};
use glosslint::fix::apply_fixes;
use glosslint::language::LangSource;
use glosslint::report::{
    render_human, render_json, summary_line, unified_diff, FileError, FileReport, Style,
};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

#[derive(Args)]
pub struct CheckArgs {
    /// Files, folders (checked recursively), or `-` for standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// A glossary file; repeat for several. Replaces the glossaries of glosslint.toml.
    #[arg(long, short = 'g', value_name = "FILE")]
    glossary: Vec<PathBuf>,
    /// Do not add the built-in world glossary (countries in 12 languages, demonyms).
    #[arg(long)]
    no_builtin: bool,
    /// Use this configuration file instead of the nearest glosslint.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The language of the checked text (BCP 47 tag), overriding the configuration.
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Print a unified diff of the fixes instead of the report; change nothing.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Apply safe fixes to the files (standard input: print the fixed text).
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, apply unsafe fixes too (near-misses, context decisions).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Do not run this rule (name or code); repeat for several.
    #[arg(long, value_name = "RULE", value_parser = parse_rule)]
    disable: Vec<Rule>,
    /// When to colour the report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What the run does with the fixes it finds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FixMode {
    /// Report findings.
    Check,
    /// Print what fixing would change.
    Diff,
    /// Write the fixes, then report what remains.
    Write,
}

fn parse_rule(s: &str) -> Result<Rule, String> {
    Rule::parse(s).ok_or_else(|| format!("unknown rule `{s}`; `glosslint rules` lists them"))
}

/// One checked file, kept for the report.
struct Checked {
    display: String,
    lang: String,
    lang_source: LangSource,
    text: String,
    findings: Vec<Finding>,
}

pub fn run(args: CheckArgs) -> anyhow::Result<Outcome> {
    if args.unsafe_fixes && !args.fix && !args.diff {
        anyhow::bail!("--unsafe-fixes goes with --fix or --diff");
    }
    if let Some(lang) = &args.lang {
        if !glosslint::glossary::is_valid_lang_tag(lang) {
            anyhow::bail!(
                "--lang `{lang}` is not a BCP 47 language tag (like `en`, `fr`, `pt-BR`)"
            );
        }
    }
    let mode = if args.diff {
        FixMode::Diff
    } else if args.fix {
        FixMode::Write
    } else {
        FixMode::Check
    };
    let level = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let style = Style { color };

    let mut errors: Vec<FileError> = Vec::new();
    let inputs = inputs::collect(&args.paths, &mut errors);
    report_errors(&errors);
    let mut resolver = Resolver::new(Overrides {
        config: args.config.clone(),
        glossaries: args.glossary.clone(),
        lang: args.lang.clone(),
        disable: args.disable.clone(),
        builtin: !args.no_builtin,
    });

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut checked: Vec<Checked> = Vec::new();
    let mut files_fixed = 0;
    let mut fixes_applied = 0;
    for input in &inputs {
        let display = input.display();
        let text = match read_input(input, &display) {
            Ok(t) => t,
            Err(e) => {
                report_errors(std::slice::from_ref(&e));
                errors.push(e);
                continue;
            }
        };
        let settings = match resolver.for_file(input.path(), &text) {
            Ok(s) => s,
            Err(Unusable {
                errors: new,
                reason,
            }) => {
                report_errors(&new);
                errors.extend(new);
                let e = FileError::new(&display, format!("not checked: {reason}"));
                report_errors(std::slice::from_ref(&e));
                errors.push(e);
                continue;
            }
        };
        let run_check = |t: &str| check(&settings.index, t, &settings.options);
        let findings = run_check(&text);
        let (text, findings) = match mode {
            FixMode::Check => (text, findings),
            FixMode::Diff => {
                let fixed = apply_fixes(&text, level, run_check);
                out.write_all(unified_diff(&display, &text, &fixed.text).as_bytes())?;
                (text, findings)
            }
            FixMode::Write => {
                let fixed = apply_fixes(&text, level, run_check);
                if !fixed.converged {
                    let e = FileError::new(
                        &display,
                        "fixes did not settle (two glossary entries rewrite each other's forms); nothing was written",
                    );
                    report_errors(std::slice::from_ref(&e));
                    errors.push(e);
                    continue;
                }
                if fixed.text != text {
                    if let Some(path) = input.path() {
                        if let Err(e) = write_atomically(path, fixed.text.as_bytes()) {
                            let e = FileError::new(&display, format!("not fixed: {e:#}"));
                            report_errors(std::slice::from_ref(&e));
                            errors.push(e);
                            continue;
                        }
                    }
                    files_fixed += 1;
                    fixes_applied += fixed.applied;
                }
                if input.path().is_none() {
                    out.write_all(fixed.text.as_bytes())?;
                }
                let remaining = run_check(&fixed.text);
                (fixed.text, remaining)
            }
        };
        // Standard input's fixed text went to standard output; its report goes to stderr.
        let human_to_stderr = mode == FixMode::Write && input.path().is_none();
        let item = Checked {
            display,
            lang: settings.lang.clone(),
            lang_source: settings.lang_source,
            text,
            findings,
        };
        if args.format == OutputFormat::Human && mode != FixMode::Diff {
            let report = file_report(&item);
            if human_to_stderr {
                render_human(
                    &mut std::io::stderr().lock(),
                    &report,
                    Style { color: false },
                )?;
            } else {
                render_human(&mut out, &report, style)?;
            }
        }
        checked.push(item);
    }

    let all: Vec<&Finding> = checked.iter().flat_map(|c| &c.findings).collect();
    let stdin_fixed = mode == FixMode::Write && inputs.contains(&Input::Stdin);
    match args.format {
        OutputFormat::Json => {
            let reports: Vec<FileReport> = checked.iter().map(file_report).collect();
            if stdin_fixed {
                render_json(&mut std::io::stderr().lock(), &reports, &errors)?;
            } else {
                render_json(&mut out, &reports, &errors)?;
            }
        }
        OutputFormat::Human => {
            let langs: Vec<(&str, bool)> = checked
                .iter()
                .map(|c| (c.lang.as_str(), c.lang_source == LangSource::Detected))
                .collect();
            let summary = format!(
                "{}{}",
                summary_line(checked.len(), &all, errors.len()),
                languages_line(&langs)
            );
            match mode {
                FixMode::Check if !stdin_fixed => writeln!(out, "{summary}")?,
                _ => eprintln!("{summary}"),
            }
        }
    }
    if mode == FixMode::Write {
        eprintln!(
            "Applied {fixes_applied} fix{} in {files_fixed} file{}.",
            if fixes_applied == 1 { "" } else { "es" },
            if files_fixed == 1 { "" } else { "s" }
        );
    }
    out.flush()?;
    Ok(Outcome {
        findings: !all.is_empty(),
        errors: !errors.is_empty(),
    })
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

fn read_input(input: &Input, display: &str) -> Result<String, FileError> {
    let bytes = match input.path() {
        Some(path) => std::fs::read(path),
        None => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map(|_| buf)
        }
    }
    .map_err(|e| FileError::new(display, format!("cannot read: {e}")))?;
    inputs::decode(display, bytes)
}

fn report_errors(errors: &[FileError]) {
    for e in errors {
        eprintln!("glosslint: error: {e}");
    }
}
