//! `glosslint check`: its arguments, and the run: files are read, parsed and checked in
//! parallel batches, and reported in input order (see `outcome`). Per file: check, apply
//! suppressions and the baseline, then report, diff or write according to the fix mode
//! (see `process`).

use super::guard;
use super::inputs::{self, Input, WalkOptions};
use super::outcome::{finish, report_errors, Output, Tally};
use super::process::{parse_input, process, Checked, FixMode, Parsed, ReadOptions, Run};
use super::settings::{FileSettings, Resolver, SetupArgs, Unusable};
use super::Outcome;
use anyhow::Context;
use clap::{Args, ValueEnum};
use glosslint::baseline::Baseline;
use glosslint::finding::{Applicability, Rule};
use glosslint::formats::Format;
use glosslint::report::{FileError, Style};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// A file checked (with its rendered report) or its error.
type Done = Result<(Checked, Vec<u8>), FileError>;

/// Files read, checked and reported together: bounds memory on large corpora.
const BATCH: usize = 256;

#[derive(Args)]
pub struct CheckArgs {
    /// Files, folders (checked recursively), or `-` for standard input (default: the
    /// current folder; with `--input-format jsonl`, standard input).
    pub(super) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(super) setup: SetupArgs,
    /// The source of the one file checked: a text file is aligned with it line by line, a
    /// JSON i18n file key by key (each value with the source's value at the same key
    /// path), and the bilingual rules compare each target with its source.
    #[arg(long, value_name = "FILE")]
    source: Option<PathBuf>,
    /// CSV and TSV: the column of the source text, by header name or 1-based number,
    /// overriding `[formats] source-column`.
    #[arg(long, value_name = "COLUMN")]
    source_column: Option<String>,
    /// CSV and TSV: the column of the target text, overriding `[formats] target-column`.
    #[arg(long, value_name = "COLUMN")]
    target_column: Option<String>,
    /// Read every file in this format instead of choosing by extension: text, markdown,
    /// html, po, xliff, json, srt, vtt, tmx, csv or tsv. `jsonl`: the inputs are records,
    /// one JSON object per line (`text`, and `id`, `lang`, `format`, `source`,
    /// `source_lang`), and the output is JSON Lines (see docs/json-format.md).
    #[arg(long, visible_alias = "input-format", value_name = "FORMAT", value_parser = parse_input_format)]
    pub(super) format_in: Option<InputFormat>,
    /// Refuse files larger than this (bytes, or a number with K, M or G). The default is
    /// larger than any translation file, and small enough that a stray disk image or log is
    /// refused before it is read into memory.
    #[arg(long, value_name = "SIZE", value_parser = super::process::parse_size, default_value = "256M")]
    pub(super) max_file_size: u64,
    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub(super) format: OutputFormat,
    /// Print a unified diff of the fixes instead of the report; change nothing.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Apply safe fixes to the files (standard input: print the fixed text).
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, apply unsafe fixes too (near-misses, context decisions).
    #[arg(long)]
    unsafe_fixes: bool,
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
    pub(super) fail_on: FailOn,
    /// Print only counts per rule and per entry (human and concise formats).
    #[arg(long)]
    pub(super) statistics: bool,
    /// Print findings and errors only: no summary, no progress.
    #[arg(long, short = 'q')]
    pub(super) quiet: bool,
    /// Report suppression comments that suppress nothing.
    #[arg(long)]
    report_unused: bool,
    /// Report only findings that this baseline file does not list.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Write the findings to this baseline file (and exit 0 unless an error occurs).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff"])]
    pub(super) write_baseline: Option<PathBuf>,
    /// When to colour the report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Concise,
    Json,
    Jsonl,
    Sarif,
    Github,
    Junit,
    /// One self-contained HTML page for reviewing the run.
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
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

/// How inputs are read: files in a format, or records.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    File(Format),
    /// One JSON record per line (see `records`).
    Jsonl,
}

fn parse_input_format(s: &str) -> Result<InputFormat, String> {
    if s == "jsonl" {
        return Ok(InputFormat::Jsonl);
    }
    Format::from_name(s).map(InputFormat::File).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!(
            "unknown format `{s}`: use one of {}, or jsonl for records",
            names.join(", ")
        )
    })
}

pub(super) fn parse_rule(s: &str) -> Result<Rule, String> {
    Rule::parse(s).ok_or_else(|| format!("unknown rule `{s}`; `glosslint rules` lists them"))
}

pub fn run(mut args: CheckArgs) -> anyhow::Result<Outcome> {
    let run = run_of(&args)?;
    if run.mode == FixMode::Write {
        super::interrupt::writing();
    }
    if args.format_in == Some(InputFormat::Jsonl) {
        return super::records::run(&args, &run);
    }
    if args.paths.is_empty() {
        args.paths.push(PathBuf::from("."));
    }
    let style = Style {
        color: match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        },
    };
    let progress =
        !args.quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let mut tally = Tally::default();
    let walk = WalkOptions {
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        hidden: args.hidden,
        follow: args.follow,
    };
    let mut inputs = inputs::collect(&args.paths, &walk, &mut tally.errors);
    report_errors(&tally.errors);
    tally.problems.unchecked = tally.errors.len();
    let mut resolver = Resolver::new(args.setup.overrides());
    inputs.retain(|i| match i {
        Input::Found(p) => !resolver.is_excluded(p),
        _ => true,
    });
    let read = ReadOptions {
        format: match args.format_in {
            Some(InputFormat::File(f)) => Some(f),
            _ => None,
        },
        max_bytes: args.max_file_size,
        source: args.source.as_deref(),
        lang: args.setup.lang.as_deref(),
        source_column: args.source_column.as_deref(),
        target_column: args.target_column.as_deref(),
    };
    // Buffered: a report of many findings is many short lines, and a locked standard output
    // writes each line with its own system call. Flushed after every batch of files.
    let mut out = std::io::BufWriter::with_capacity(
        1 << 16,
        Report {
            out: std::io::stdout().lock(),
            forgiving: run.mode == FixMode::Write,
            closed: false,
        },
    );
    let output = Output {
        format: args.format,
        streaming: matches!(
            args.format,
            OutputFormat::Human
                | OutputFormat::Concise
                | OutputFormat::Jsonl
                | OutputFormat::Github
        ) && !args.statistics,
        style,
        keep_for_baseline: args.write_baseline.is_some(),
    };
    let total = inputs.len();
    for (batch_no, batch) in inputs.chunks(BATCH).enumerate() {
        if super::interrupt::interrupted() {
            tally.not_started += total - batch_no * BATCH;
            break;
        }
        let parsed = settle(batch, read, &mut resolver, &mut tally);
        let checked: Vec<Option<Done>> = parsed
            .into_par_iter()
            .map(|w| {
                // Files not yet started when a signal came are left as they are.
                if super::interrupt::interrupted() {
                    return None;
                }
                Some(
                    w.and_then(|(p, s)| {
                        let display = p.display.clone();
                        guard::isolate(&display, || process(p, &s, &run))
                    })
                    .map(|c| {
                        let rendered = output.render(&c, run.mode);
                        (c, rendered)
                    }),
                )
            })
            .collect();
        // Report in order.
        for c in checked {
            match c {
                Some(c) => tally.record(c, &output, run.mode, &mut out)?,
                None => tally.not_started += 1,
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
    finish(&args, &run, tally, &mut out)
}

/// Standard output for the report. A closed pipe stops a check (see
/// [`super::is_broken_pipe`]), but not a run that fixes files (`glosslint check --fix |
/// head`): once the reader is gone, the rest of the report goes nowhere, and the run fixes
/// every file and exits on what it found.
struct Report<W: Write> {
    out: W,
    forgiving: bool,
    closed: bool,
}

impl<W: Write> Report<W> {
    fn absorb(&mut self, result: std::io::Result<usize>, len: usize) -> std::io::Result<usize> {
        match result {
            Err(e) if self.forgiving && e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(len)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Report<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let written = self.out.write(buf);
        self.absorb(written, buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.out.flush().map(|_| 0);
        self.absorb(flushed, 0).map(drop)
    }
}

/// What every file of the run shares, from the arguments: the mode, the fix level, the
/// baseline. Refuses arguments that do not go together.
fn run_of(args: &CheckArgs) -> anyhow::Result<Run> {
    if args.unsafe_fixes && !args.fix && !args.diff {
        anyhow::bail!("--unsafe-fixes goes with --fix or --diff");
    }
    for (flag, lang) in [
        ("--lang", &args.setup.lang),
        ("--source-lang", &args.setup.source_lang),
    ] {
        if let Some(lang) = lang {
            if !glosslint::glossary::is_valid_lang_tag(lang) {
                anyhow::bail!(
                    "{flag} `{lang}` is not a BCP 47 language tag (like `en`, `fr`, `pt-BR`)"
                );
            }
        }
    }
    if args.source.is_some() && (args.paths.len() != 1 || !args.paths[0].is_file()) {
        anyhow::bail!(
            "--source FILE goes with one target file (a text file aligned line by line with it, or a JSON file key by key), not a folder or several files"
        );
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
    Ok(Run {
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
    })
}

/// Reads and parses a batch of inputs in parallel, then finds each one's settings in order
/// (they share the resolver's caches). A glossary or configuration error is reported once,
/// and every file it governs is not checked.
fn settle(
    batch: &[Input],
    read: ReadOptions<'_>,
    resolver: &mut Resolver,
    tally: &mut Tally,
) -> Vec<Result<(Parsed, FileSettings), FileError>> {
    let parsed: Vec<Result<Parsed, FileError>> = batch
        .par_iter()
        .map(|input| guard::isolate(&input.display(), || parse_input(input, read)))
        .collect();
    parsed
        .into_iter()
        .map(|p| {
            p.and_then(|p| {
                let display = p.display.clone();
                guard::isolate(&display, || {
                    match resolver.for_file(p.input.path(), &p.extracted) {
                        Ok(settings) => Ok((p, settings)),
                        Err(Unusable { errors, reason }) => {
                            report_errors(&errors);
                            tally.problems.setup += errors.len();
                            tally.errors.extend(errors);
                            Err(FileError::new(&p.display, format!("not checked: {reason}")))
                        }
                    }
                })
            })
        })
        .collect()
}
