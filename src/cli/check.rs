//! `glosslint check`: files are read, parsed and checked in parallel batches, and reported
//! in input order. Per file: check, apply suppressions and the baseline, then report, diff or
//! write according to the fix mode.

use super::guard;
use super::inputs::{self, Input, WalkOptions};
use super::process::{parse_input, process, Checked, FixMode, Parsed, ReadOptions, Run};
use super::settings::{FileSettings, Overrides, Resolver, Unusable};
use super::write::write_atomically;
use super::Outcome;
use anyhow::Context;
use clap::{Args, ValueEnum};
use glosslint::baseline::Baseline;
use glosslint::finding::{Applicability, Rule, Severity};
use glosslint::formats::Format;
use glosslint::language::LangSource;
use glosslint::report::{
    render_concise, render_github, render_human, render_json, render_jsonl, render_junit,
    render_sarif, render_statistics, summary_line, FileError, FileReport, Problems, Style,
};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Files read, checked and reported together: bounds memory on large corpora.
const BATCH: usize = 256;

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
    /// Do not read or write the cache of large glossaries (over 256 KiB of TOML), which
    /// is kept in $GLOSSLINT_CACHE_DIR, else $XDG_CACHE_HOME/glosslint or ~/.cache/glosslint.
    #[arg(long)]
    no_cache: bool,
    /// Use this configuration file instead of the nearest glosslint.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The language of the checked text (BCP 47 tag), overriding the configuration.
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
    /// Read every file in this format instead of choosing by extension: text, markdown,
    /// html, po, xliff, json, srt or vtt.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    format_in: Option<Format>,
    /// Refuse files larger than this (bytes, or a number with K, M or G). The default is
    /// larger than any translation file, and small enough that a stray disk image or log is
    /// refused before it is read into memory.
    #[arg(long, value_name = "SIZE", value_parser = super::process::parse_size, default_value = "256M")]
    max_file_size: u64,
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
    /// Do not run these rules (names or codes, comma-separated or repeated).
    #[arg(long, value_name = "RULE", value_parser = parse_rule, value_delimiter = ',')]
    disable: Vec<Rule>,
    /// In folders, check only files matching this glob; repeat for several.
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// In folders, skip files matching this glob; repeat for several.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// In folders, check hidden files and folders too.
    #[arg(long)]
    hidden: bool,
    /// In folders, follow symbolic links.
    #[arg(long)]
    follow: bool,
    /// Which findings make the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// Print only counts per rule and per entry (human and concise formats).
    #[arg(long)]
    statistics: bool,
    /// Print findings and errors only: no summary, no progress.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Report suppression comments that suppress nothing.
    #[arg(long)]
    report_unused: bool,
    /// Report only findings that this baseline file does not list.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write the findings to this baseline file (and exit 0 unless an error occurs).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff"])]
    write_baseline: Option<PathBuf>,
    /// When to colour the report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Human,
    Concise,
    Json,
    Jsonl,
    Sarif,
    Github,
    Junit,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format `{s}`: use one of {}", names.join(", "))
    })
}

fn parse_rule(s: &str) -> Result<Rule, String> {
    Rule::parse(s).ok_or_else(|| format!("unknown rule `{s}`; `glosslint rules` lists them"))
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
    let baseline = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the baseline {}", path.display()))?;
            Some(serde_json::from_str::<Baseline>(&text).with_context(|| {
                format!(
                    "{} is not a glosslint baseline (write one with --write-baseline)",
                    path.display()
                )
            })?)
        }
        None => None,
    };
    let run = Run {
        mode: if args.diff {
            FixMode::Diff
        } else if args.fix {
            FixMode::Write
        } else {
            FixMode::Check
        },
        level: if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        },
        report_unused: args.report_unused,
        baseline,
    };
    let on_terminal = std::io::stdout().is_terminal();
    let style = Style {
        color: match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => on_terminal && std::env::var_os("NO_COLOR").is_none(),
        },
    };
    let progress =
        !args.quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();

    let mut errors: Vec<FileError> = Vec::new();
    let walk = WalkOptions {
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        hidden: args.hidden,
        follow: args.follow,
    };
    let mut inputs = inputs::collect(&args.paths, &walk, &mut errors);
    report_errors(&errors);
    let mut problems = Problems {
        unchecked: errors.len(),
        ..Problems::default()
    };
    let mut resolver = Resolver::new(Overrides {
        config: args.config.clone(),
        glossaries: args.glossary.clone(),
        lang: args.lang.clone(),
        disable: args.disable.clone(),
        builtin: !args.no_builtin,
        cache: if args.no_cache {
            None
        } else {
            super::cache::default_dir()
        },
    });
    inputs.retain(|i| match i {
        Input::Found(p) => !resolver.is_excluded(p),
        _ => true,
    });

    let read = ReadOptions {
        format: args.format_in,
        max_bytes: args.max_file_size,
    };
    let stdout = std::io::stdout();
    // Buffered: a report of many findings is many short lines, and a locked standard output
    // writes each line with its own system call. Flushed after every batch of files.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let streaming = matches!(
        args.format,
        OutputFormat::Human | OutputFormat::Concise | OutputFormat::Jsonl | OutputFormat::Github
    ) && !args.statistics;
    let mut kept: Vec<Checked> = Vec::new();
    let mut files_checked = 0;
    let mut all_findings: Vec<(Severity, Applicability)> = Vec::new();
    let mut counts_fixed = (0usize, 0usize);
    let mut baseline_out = Vec::new();
    let total = inputs.len();
    for (batch_no, batch) in inputs.chunks(BATCH).enumerate() {
        // Read and parse in parallel.
        let parsed: Vec<Result<Parsed, FileError>> = batch
            .par_iter()
            .map(|input| guard::isolate(&input.display(), || parse_input(input, read)))
            .collect();
        // Settings, in order (they share caches).
        let mut work: Vec<Result<(Parsed, FileSettings), FileError>> =
            Vec::with_capacity(parsed.len());
        for p in parsed {
            work.push(p.and_then(|p| {
                let display = p.display.clone();
                guard::isolate(&display, || {
                    match resolver.for_file(p.input.path(), &p.extracted) {
                        Ok(settings) => Ok((p, settings)),
                        Err(Unusable {
                            errors: new,
                            reason,
                        }) => {
                            report_errors(&new);
                            problems.setup += new.len();
                            errors.extend(new);
                            Err(FileError::new(&p.display, format!("not checked: {reason}")))
                        }
                    }
                })
            }));
        }
        // Check, fix, diff and render streamed reports in parallel.
        let render = |c: &Checked| -> Vec<u8> {
            let mut bytes = Vec::new();
            if run.mode == FixMode::Diff || !streaming {
                return bytes;
            }
            let report = file_report(c);
            // Writing to memory cannot fail.
            let _ = match args.format {
                OutputFormat::Human => render_human(
                    &mut bytes,
                    &report,
                    if c.stdout_text.is_some() {
                        Style { color: false }
                    } else {
                        style
                    },
                ),
                OutputFormat::Concise => render_concise(&mut bytes, &report),
                OutputFormat::Jsonl => render_jsonl(&mut bytes, &report),
                OutputFormat::Github => render_github(&mut bytes, &report),
                _ => Ok(()),
            };
            bytes
        };
        let checked: Vec<Result<(Checked, Vec<u8>), FileError>> = work
            .into_par_iter()
            .map(|w| {
                w.and_then(|(p, s)| {
                    let display = p.display.clone();
                    guard::isolate(&display, || process(p, &s, &run))
                })
                .map(|c| {
                    let rendered = render(&c);
                    (c, rendered)
                })
            })
            .collect();
        // Report in order.
        for c in checked {
            let (c, rendered) = match c {
                Ok(c) => c,
                Err(e) => {
                    report_errors(std::slice::from_ref(&e));
                    problems.unchecked += 1;
                    errors.push(e);
                    continue;
                }
            };
            if let Some(e) = &c.error {
                report_errors(std::slice::from_ref(e));
                problems.unfixed += 1;
                errors.push(e.clone());
            }
            files_checked += 1;
            counts_fixed.0 += c.applied;
            counts_fixed.1 += usize::from(c.applied > 0);
            all_findings.extend(c.findings.iter().map(|f| {
                (
                    f.severity,
                    f.fix
                        .as_ref()
                        .map_or(Applicability::DisplayOnly, |x| x.applicability),
                )
            }));
            if let Some(text) = &c.stdout_text {
                out.write_all(text.as_bytes())?;
            }
            if run.mode == FixMode::Diff {
                out.write_all(c.diff.as_bytes())?;
            } else if streaming {
                // With the fixed text on standard output, the report goes to standard error.
                if c.stdout_text.is_some() {
                    std::io::stderr().lock().write_all(&rendered)?;
                } else {
                    out.write_all(&rendered)?;
                }
            }
            if args.write_baseline.is_some() {
                baseline_out.push((c.display.clone(), c.text.clone(), c.findings.clone()));
            }
            if !streaming || matches!(args.format, OutputFormat::Human) {
                // Human keeps files for the language line; others need everything at the end.
                kept.push(if streaming {
                    Checked {
                        text: String::new(),
                        findings: Vec::new(),
                        ..c
                    }
                } else {
                    c
                });
            }
        }
        out.flush()?;
        if progress {
            let done = ((batch_no + 1) * BATCH).min(total);
            eprint!("\r{done}/{total} files");
            if done == total {
                eprint!("\r\x1b[2K");
            }
        }
    }

    // The glossaries and indexes stay until the process ends: a 100,000-entity index is a
    // million allocations, and freeing them one by one takes longer than checking a file.
    std::mem::forget(resolver);
    let reports: Vec<FileReport> = kept.iter().map(file_report).collect();
    match args.format {
        OutputFormat::Json => render_json(&mut out, &reports, &errors)?,
        OutputFormat::Sarif => render_sarif(&mut out, &reports, &errors)?,
        OutputFormat::Junit => render_junit(&mut out, &reports, &errors)?,
        OutputFormat::Human | OutputFormat::Concise if args.statistics => {
            render_statistics(&mut out, &reports)?
        }
        _ => {}
    }
    let stdin_fixed = kept.iter().any(|c| c.stdout_text.is_some());
    if !args.quiet && matches!(args.format, OutputFormat::Human | OutputFormat::Concise) {
        let langs: Vec<(&str, bool)> = kept
            .iter()
            .map(|c| (c.lang.as_str(), c.lang_source == LangSource::Detected))
            .collect();
        let summary = format!(
            "{}{}",
            summary_line(files_checked, &all_findings, problems),
            languages_line(&langs)
        );
        if run.mode == FixMode::Check && !stdin_fixed {
            writeln!(out, "{summary}")?;
        } else {
            eprintln!("{summary}");
        }
    }
    if run.mode == FixMode::Write && !args.quiet {
        let (fixes, files) = counts_fixed;
        eprintln!(
            "Applied {fixes} fix{} in {files} file{}.",
            if fixes == 1 { "" } else { "es" },
            if files == 1 { "" } else { "s" }
        );
    }
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::of(
            baseline_out
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
        if !args.quiet {
            eprintln!(
                "Wrote {} baseline entries to {}.",
                baseline.findings.len(),
                path.display()
            );
        }
    }
    out.flush()?;
    let failing = match args.fail_on {
        FailOn::Never => false,
        FailOn::Error => all_findings.iter().any(|(s, _)| *s == Severity::Error),
        FailOn::Warning => !all_findings.is_empty(),
    };
    Ok(Outcome {
        findings: failing && args.write_baseline.is_none(),
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

fn report_errors(errors: &[FileError]) {
    for e in errors {
        eprintln!("glosslint: error: {e}");
    }
}
