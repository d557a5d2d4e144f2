//! `glosslint check --input-format jsonl`: records on standard input or in files, one JSON
//! object per line, each a text to check (`text`, and optionally `id`, `lang`, `format`,
//! `source`, `source_lang`). Out come JSON Lines: a finding per line with its record's `id`,
//! or with `--fix` every record again, its text fixed, in input order. For pipelines that
//! hold records, not files: `RDD.pipe`, Hadoop streaming, GNU parallel, a shell pipe.
//!
//! Records are read, checked and written a chunk at a time, so memory stays bounded on an
//! endless stream and output follows input closely. A line that is not a record is an error
//! on standard error with its line and column; the run goes on and exits 2.

use super::check::{CheckArgs, FailOn, OutputFormat};
use super::outcome::report_errors;
use super::process::{FixMode, Run};
use super::settings::{FileSettings, Resolver, Unusable};
use super::Outcome;
use glosslint::file::SourceFile;
use glosslint::finding::{Finding, Severity};
use glosslint::formats::{Extracted, Format, FormatOptions};
use glosslint::report::{finding_objects, FileError, FileReport};
use rayon::prelude::*;
use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// Records checked together: bounds memory, and lets output follow input.
const CHUNK_RECORDS: usize = 1024;
/// A chunk ends early once its lines hold this many bytes.
const CHUNK_BYTES: usize = 8 << 20;

/// The fields a record may have, besides any others it carries through.
const FIELDS: &str = "`text` (required), `id`, `lang`, `format`, `source`, `source_lang`";

/// A record's fields in their order, each value exactly as the input wrote it.
struct Fields<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Fields<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "a JSON object with {FIELDS}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    fields.push((k, v));
                }
                Ok(Fields(fields))
            }
        }
        d.deserialize_map(V)
    }
}

impl Fields<'_> {
    fn get(&self, key: &str) -> Option<&RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// A string field, if present and not null.
    fn string(&self, key: &str) -> Result<Option<String>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(v) if v.get() == "null" => Ok(None),
            Some(v) => serde_json::from_str::<String>(v.get())
                .map(Some)
                .map_err(|_| format!("`{key}` must be a string, not {}", v.get())),
        }
    }
}

/// One record ready for its settings: its line, fields, text and the text read in its format.
struct Prepared<'a> {
    line: usize,
    fields: Fields<'a>,
    /// The record's `id` as written, else its line number.
    id: String,
    text: String,
    format: Format,
    format_options: FormatOptions,
    extracted: Extracted,
}

/// What the record's chunk needs of the run's arguments.
struct Setup<'a> {
    name: &'a str,
    lang: Option<&'a str>,
    source_lang: Option<&'a str>,
}

pub fn run(args: &CheckArgs, run: &Run) -> anyhow::Result<Outcome> {
    if run.mode == FixMode::Diff {
        anyhow::bail!(
            "--diff reads files; with --input-format jsonl, --fix writes every record with its text fixed"
        );
    }
    if args.baseline.is_some() || args.write_baseline.is_some() {
        anyhow::bail!("--baseline and --write-baseline read and write files' findings, not records: filter the JSON Lines instead");
    }
    if !matches!(args.format, OutputFormat::Human | OutputFormat::Jsonl) {
        anyhow::bail!(
            "--input-format jsonl writes JSON Lines: leave --format out, or say --format jsonl"
        );
    }
    let mut overrides = args.setup.overrides();
    // A record's own language and source language come first; the flags are the defaults.
    overrides.lang = None;
    overrides.source_lang = None;
    let mut resolver = Resolver::new(overrides);
    let sources: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut tally = RecordTally::default();
    for path in &sources {
        let (name, reader): (String, Box<dyn BufRead>) = if path.as_os_str() == "-" {
            ("<stdin>".into(), Box::new(std::io::stdin().lock()))
        } else if path.is_dir() {
            let e = FileError::new(
                path.display().to_string(),
                "a folder: --input-format jsonl reads records from files or standard input",
            );
            tally.error(e);
            continue;
        } else {
            match std::fs::File::open(path) {
                Ok(f) => (
                    path.display().to_string(),
                    Box::new(std::io::BufReader::with_capacity(1 << 20, f)),
                ),
                Err(e) => {
                    tally.error(FileError::new(
                        path.display().to_string(),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            }
        };
        let setup = Setup {
            name: &name,
            lang: args.setup.lang.as_deref(),
            source_lang: args.setup.source_lang.as_deref(),
        };
        stream(
            reader,
            &setup,
            args.max_file_size,
            run,
            &mut resolver,
            &mut tally,
            &mut out,
        )?;
    }
    out.flush()?;
    std::mem::forget(resolver);
    if !args.quiet {
        let n = tally.findings.len();
        let mut summary = format!(
            "glosslint: {} record{} checked, {n} finding{}",
            tally.records,
            if tally.records == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" },
        );
        if run.mode == FixMode::Write {
            summary.push_str(&format!(
                ", {} fixed in {} records",
                tally.applied, tally.fixed
            ));
        }
        if tally.errors > 0 {
            summary.push_str(&format!(", {} errors", tally.errors));
        }
        eprintln!("{summary}");
    }
    let failing = match args.fail_on {
        FailOn::Never => false,
        FailOn::Error => tally.findings.contains(&Severity::Error),
        FailOn::Warning => !tally.findings.is_empty(),
    };
    Ok(Outcome {
        findings: failing,
        errors: tally.errors > 0,
        ..Default::default()
    })
}

#[derive(Default)]
struct RecordTally {
    records: usize,
    errors: usize,
    findings: Vec<Severity>,
    applied: usize,
    fixed: usize,
}

impl RecordTally {
    fn error(&mut self, e: FileError) {
        report_errors(std::slice::from_ref(&e));
        self.errors += 1;
    }
}

/// One line of input: its text, or why it is not one.
enum Line {
    Text(String),
    NotUtf8 { column: usize },
    TooLong,
}

/// Reads the next line (without its line break), discarding the rest of a line longer than
/// `max` bytes rather than holding it.
fn next_line(
    reader: &mut dyn BufRead,
    max: u64,
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<Line>> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let used = chunk.len();
        if !too_long {
            if (buf.len() + used) as u64 > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        reader.consume(used);
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if too_long {
        return Ok(Some(Line::TooLong));
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(Some(match String::from_utf8(std::mem::take(buf)) {
        Ok(s) => Line::Text(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let column = String::from_utf8_lossy(&bytes[..valid]).chars().count() + 1;
            Line::NotUtf8 { column }
        }
    }))
}

#[allow(clippy::too_many_arguments)]
fn stream(
    mut reader: Box<dyn BufRead>,
    setup: &Setup,
    max: u64,
    run: &Run,
    resolver: &mut Resolver,
    tally: &mut RecordTally,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut line_no = 0;
    let mut buf = Vec::new();
    loop {
        let mut lines: Vec<(usize, String)> = Vec::new();
        let mut bytes = 0;
        let mut end = false;
        while lines.len() < CHUNK_RECORDS && bytes < CHUNK_BYTES {
            let line = match next_line(&mut *reader, max, &mut buf) {
                Ok(Some(line)) => line,
                Ok(None) => {
                    end = true;
                    break;
                }
                Err(e) => {
                    tally.error(FileError::new(setup.name, format!("cannot read: {e}")));
                    end = true;
                    break;
                }
            };
            line_no += 1;
            match line {
                Line::Text(mut s) => {
                    if line_no == 1 && s.starts_with('\u{feff}') {
                        s.drain(..3);
                    }
                    if s.trim().is_empty() {
                        continue;
                    }
                    bytes += s.len();
                    lines.push((line_no, s));
                }
                Line::NotUtf8 { column } => tally.error(
                    FileError::new(setup.name, "not UTF-8: records are UTF-8 JSON")
                        .at(line_no, column),
                ),
                Line::TooLong => tally.error(
                    FileError::new(
                        setup.name,
                        format!("a record longer than --max-file-size ({max} bytes): skipped"),
                    )
                    .at(line_no, 1),
                ),
            }
        }
        chunk(&lines, setup, run, resolver, tally, out)?;
        out.flush()?;
        if end {
            return Ok(());
        }
    }
}

/// Reads one record: its fields, text, language and format, and the text in that format.
fn prepare<'a>(line: usize, raw: &'a str, setup: &Setup) -> Result<Prepared<'a>, FileError> {
    let at = |column: usize, message: String| FileError::new(setup.name, message).at(line, column);
    let fields: Fields = serde_json::from_str(raw).map_err(|e| {
        // The error's own text ends with its place, which the diagnostic gives.
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or(&what).to_string();
        at(
            e.column().max(1),
            format!("not a record ({what}): each line is a JSON object with {FIELDS}"),
        )
    })?;
    let field = |key: &str| fields.string(key).map_err(|m| at(1, m));
    let text = field("text")?.ok_or_else(|| {
        at(
            1,
            format!("a record without `text`: each line is a JSON object with {FIELDS}"),
        )
    })?;
    let id = fields
        .get("id")
        .map(|v| v.get().to_string())
        .unwrap_or_else(|| line.to_string());
    let lang = field("lang")?.or(setup.lang.map(str::to_string));
    let source_lang = field("source_lang")?.or(setup.source_lang.map(str::to_string));
    for (key, tag) in [("lang", &lang), ("source_lang", &source_lang)] {
        if let Some(tag) = tag
            .as_deref()
            .filter(|t| !glosslint::glossary::is_valid_lang_tag(t))
        {
            return Err(at(
                1,
                format!("record {id}: `{key}` \"{tag}\" is not a BCP 47 language tag (like \"en\", \"fr\", \"pt-BR\")"),
            ));
        }
    }
    let format = match field("format")? {
        Some(name) => Format::from_name(&name).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            at(
                1,
                format!(
                    "record {id}: unknown format \"{name}\": one of {}",
                    names.join(", ")
                ),
            )
        })?,
        None => Format::Text,
    };
    let source = field("source")?;
    if source.is_some() && format != Format::Text {
        return Err(at(
            1,
            format!("record {id}: `source` pairs a plain text with its source line by line; a {} text carries its own source", format.name()),
        ));
    }
    let format_options = FormatOptions {
        aligned_source: source.map(Arc::from),
        target_lang: lang.clone().filter(|_| format == Format::Tmx),
        ..Default::default()
    };
    let mut extracted = format.extract(&text, &format_options).map_err(|e| {
        at(
            1,
            format!(
                "record {id}: its text is not valid {} at {}:{}: {}",
                format.name(),
                e.line,
                e.column,
                e.message
            ),
        )
    })?;
    // The record's language is the text's declared one; the resolver takes it from there.
    if lang.is_some() {
        extracted.lang = lang;
    }
    if source_lang.is_some() {
        extracted.source_lang = source_lang;
    }
    Ok(Prepared {
        line,
        fields,
        id,
        text,
        format,
        format_options,
        extracted,
    })
}

/// A record with its settings, or why it cannot be checked (with its line, to write it back
/// with `--fix`).
type Settled<'a> = Result<(Prepared<'a>, FileSettings), (Option<&'a str>, FileError)>;

/// The settings of a record read as `extracted`, shared by records of the same declared
/// language, source language and kind (bilingual or not).
fn settings_of(
    resolver: &mut Resolver,
    known: &mut HashMap<(String, Option<String>, bool), FileSettings>,
    extracted: &Extracted,
) -> Result<FileSettings, Unusable> {
    let Some(lang) = &extracted.lang else {
        return resolver.for_file(None, extracted);
    };
    let key = (
        lang.clone(),
        extracted.source_lang.clone(),
        extracted.units.is_empty(),
    );
    if let Some(s) = known.get(&key) {
        return Ok(s.clone());
    }
    let s = resolver.for_file(None, extracted)?;
    known.insert(key, s.clone());
    Ok(s)
}

/// What one record gave: its output lines, the severities found, the fixes applied.
struct Done {
    output: Vec<u8>,
    severities: Vec<Severity>,
    applied: usize,
    error: Option<FileError>,
}

fn chunk(
    lines: &[(usize, String)],
    setup: &Setup,
    run: &Run,
    resolver: &mut Resolver,
    tally: &mut RecordTally,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let prepared: Vec<Result<Prepared, FileError>> = lines
        .par_iter()
        .map(|(line, raw)| prepare(*line, raw, setup))
        .collect();
    // Settings in order: the resolver caches configurations and indexes. Every record is
    // configured from the working folder, so records that give their language share their
    // settings: only those it must be detected for go back to the resolver.
    let mut known: HashMap<(String, Option<String>, bool), FileSettings> = HashMap::new();
    let settled: Vec<Settled> = prepared
        .into_iter()
        .zip(lines)
        .map(|(p, (_, raw))| match p {
            Err(e) => Err((Some(raw.as_str()), e)),
            Ok(p) => match settings_of(resolver, &mut known, &p.extracted) {
                Ok(s) => Ok((p, s)),
                Err(Unusable { errors, reason }) => {
                    report_errors(&errors);
                    tally.errors += errors.len();
                    let e = FileError::new(
                        setup.name,
                        format!("record {}: not checked: {reason}", p.id),
                    )
                    .at(p.line, 1);
                    Err((Some(raw.as_str()), e))
                }
            },
        })
        .collect();
    let done: Vec<Done> = settled
        .into_par_iter()
        .map(|r| match r {
            Ok((p, s)) => {
                let display = format!("{} record {}", setup.name, p.id);
                super::guard::isolate(&display, || Ok(check_record(&p, &s, setup, run)))
                    .unwrap_or_else(|e| Done {
                        output: if run.mode == FixMode::Write {
                            passed_through(&p.fields, &e.message)
                        } else {
                            Vec::new()
                        },
                        severities: Vec::new(),
                        applied: 0,
                        error: Some(e),
                    })
            }
            // A record that cannot be checked is still written with --fix, unchanged, so
            // that output keeps one record per input record.
            Err((raw, e)) => Done {
                output: match (
                    run.mode,
                    raw.and_then(|r| serde_json::from_str::<Fields>(r).ok()),
                ) {
                    (FixMode::Write, Some(fields)) => passed_through(&fields, &e.message),
                    _ => Vec::new(),
                },
                severities: Vec::new(),
                applied: 0,
                error: Some(e),
            },
        })
        .collect();
    for d in done {
        if let Some(e) = d.error {
            tally.error(e);
        } else {
            tally.records += 1;
        }
        tally.findings.extend(d.severities);
        if d.applied > 0 {
            tally.applied += d.applied;
            tally.fixed += 1;
        }
        out.write_all(&d.output)?;
    }
    Ok(())
}

fn check_record(p: &Prepared, settings: &FileSettings, setup: &Setup, run: &Run) -> Done {
    let mut options = settings.options.clone();
    options.format.aligned_source = p.format_options.aligned_source.clone();
    options.format.target_lang = p.format_options.target_lang.clone();
    let file = SourceFile {
        name: setup.name,
        path: None,
        text: &p.text,
        format: p.format,
        extracted: p.extracted.clone(),
    };
    let report = |text: &str, findings: &[Finding]| {
        finding_objects(&FileReport {
            path: setup.name,
            lang: &settings.lang,
            lang_source: settings.lang_source.as_str(),
            text,
            findings,
        })
    };
    let severities = |findings: &[Finding]| findings.iter().map(|f| f.severity).collect();
    if run.mode != FixMode::Write {
        let findings = file.check(&settings.index, &options).findings;
        let mut output = Vec::new();
        for body in report(&p.text, &findings) {
            output
                .extend_from_slice(format!("{{\"id\":{},\"record\":{},", p.id, p.line).as_bytes());
            output.extend_from_slice(&body.as_bytes()[1..]);
            output.push(b'\n');
        }
        return Done {
            output,
            severities: severities(&findings),
            applied: 0,
            error: None,
        };
    }
    match file.fix(&settings.index, &options, run.level) {
        Ok(fixed) => {
            let findings = report(&p.text, &fixed.all_reported());
            let extra = [
                ("fixes", fixed.applied.to_string()),
                ("findings", format!("[{}]", findings.join(","))),
            ];
            Done {
                output: rewritten(&p.fields, Some(&fixed.text), &extra),
                severities: severities(&fixed.findings),
                applied: fixed.applied,
                error: None,
            }
        }
        Err(e) => {
            let message = format!("record {}: {e}", p.id);
            Done {
                output: passed_through(&p.fields, &message),
                severities: Vec::new(),
                applied: 0,
                error: Some(FileError::new(setup.name, message).at(p.line, 1)),
            }
        }
    }
}

/// The record again, its `text` replaced (if given) and `extra` fields set (after the
/// record's own, replacing fields of the same names); every other value exactly as the input
/// wrote it.
fn rewritten(fields: &Fields, text: Option<&str>, extra: &[(&str, String)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.map_or(0, str::len) + 256);
    out.push(b'{');
    let mut first = true;
    let mut sep = |out: &mut Vec<u8>| {
        if !first {
            out.push(b',');
        }
        first = false;
    };
    for (key, value) in &fields.0 {
        if extra.iter().any(|(k, _)| k == key) {
            continue;
        }
        sep(&mut out);
        out.extend_from_slice(serde_json::Value::from(key.as_str()).to_string().as_bytes());
        out.push(b':');
        match text.filter(|_| key == "text") {
            Some(text) => {
                out.extend_from_slice(serde_json::Value::from(text).to_string().as_bytes())
            }
            None => out.extend_from_slice(value.get().as_bytes()),
        }
    }
    for (key, value) in extra {
        sep(&mut out);
        out.extend_from_slice(format!("\"{key}\":{value}").as_bytes());
    }
    out.extend_from_slice(b"}\n");
    out
}

/// A record that could not be checked, written unchanged with the reason in `error`.
fn passed_through(fields: &Fields, message: &str) -> Vec<u8> {
    rewritten(
        fields,
        None,
        &[("error", serde_json::Value::from(message).to_string())],
    )
}
