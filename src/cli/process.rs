//! Checking one file: read it (within the size limit) and parse it, then hand it to the
//! library's file API ([`glosslint::file::SourceFile`]), which checks it with severities,
//! suppressions and the baseline, and fixes it with every guarantee; this writes the fixed
//! file (unless it changed on disk meanwhile) or keeps its diff. Runs in parallel, one call
//! per file; reports nothing itself.

use super::inputs::{self, Input};
use super::settings::FileSettings;
use super::write::replace_if_unchanged;
use glosslint::baseline::Baseline;
use glosslint::encoding::{self, Decoded, Encoding};
use glosslint::file::{FileOptions, SourceFile};
use glosslint::finding::{Applicability, Finding};
use glosslint::formats::{Extracted, Format};
use glosslint::language::LangSource;
use glosslint::report::{unified_diff, FileError};
use std::io::Read;

/// What the run does with the fixes it finds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Report findings.
    Check,
    /// Print what fixing would change.
    Diff,
    /// Write the fixes, then report what remains.
    Write,
}

/// A file read and parsed, waiting for its settings.
pub struct Parsed {
    pub input: Input,
    /// What the run's options say of the format (`--lang` for TMX, table columns), over
    /// the configuration's `[formats]`.
    pub format_overrides: glosslint::formats::FormatOptions,
    pub display: String,
    pub format: Format,
    pub text: String,
    /// How the file's bytes encode `text`: fixes are written back the same way.
    pub encoding: Encoding,
    pub extracted: Extracted,
}

/// One checked file, kept for the report.
pub struct Checked {
    pub display: String,
    pub lang: String,
    pub lang_source: LangSource,
    pub text: String,
    pub findings: Vec<Finding>,
    pub diff: String,
    /// Fixed text to print (standard input with --fix), in `encoding`.
    pub stdout_text: Option<String>,
    pub encoding: Encoding,
    pub applied: usize,
    pub error: Option<FileError>,
}

/// What every file of a run shares.
pub struct Run {
    pub mode: FixMode,
    pub level: Applicability,
    pub report_unused: bool,
    pub baseline: Option<Baseline>,
}

/// How inputs are read.
#[derive(Clone, Copy)]
pub struct ReadOptions<'a> {
    /// Every file in this format (`--format-in`), else the one its extension names.
    pub format: Option<Format>,
    /// Files larger than this are refused, not read (`--max-file-size`).
    pub max_bytes: u64,
    /// The source file that a text file is aligned with line by line, or a JSON file key by
    /// key (`--source`).
    pub source: Option<&'a std::path::Path>,
    /// The language given for every file (`--lang`): TMX reads that language's variants.
    pub lang: Option<&'a str>,
    /// CSV and TSV columns (`--source-column`, `--target-column`).
    pub source_column: Option<&'a str>,
    pub target_column: Option<&'a str>,
}

/// Reads and parses one input.
pub fn parse_input(input: &Input, options: ReadOptions<'_>) -> Result<Parsed, FileError> {
    let display = input.display();
    let format = Format::choose(options.format, input.path());
    let xml = matches!(format, Format::Xliff | Format::Tmx);
    let Decoded { text, encoding } = read_input(input, &display, options.max_bytes, xml)?;
    let source: Option<std::sync::Arc<str>> = match options.source {
        Some(path) => {
            let source_input = Input::Named(path.to_path_buf());
            let name = source_input.display();
            let text = read_input(&source_input, &name, options.max_bytes, false)?.text;
            // A JSON source is read before it is paired: its errors are its own.
            if format == Format::Json {
                Format::Json
                    .extract(&text, &Default::default())
                    .map_err(|e| FileError::new(&name, e.message).at(e.line, e.column))?;
            }
            Some(text.into())
        }
        None => None,
    };
    if source.is_some() && !matches!(format, Format::Text | Format::Json) {
        return Err(FileError::new(
            &display,
            format!(
                "--source pairs plain text files line by line and JSON files key by key; this file is read as {} (its units carry their own source)",
                format.name()
            ),
        ));
    }
    // Only the formats that read them get the options: another file read with options
    // other than the defaults would be read twice.
    let table = matches!(format, Format::Csv | Format::Tsv);
    let format_options = glosslint::formats::FormatOptions {
        aligned_source: source.clone(),
        target_lang: options
            .lang
            .filter(|_| format == Format::Tmx)
            .map(str::to_string),
        source_column: options.source_column.filter(|_| table).map(str::to_string),
        target_column: options.target_column.filter(|_| table).map(str::to_string),
        ..Default::default()
    };
    let extracted = format.extract(&text, &format_options).map_err(|e| {
        FileError::new(
            &display,
            format!("not valid {}: {}", format.name(), e.message),
        )
        .at(e.line, e.column)
    })?;
    Ok(Parsed {
        input: input.clone(),
        format_overrides: format_options.clone(),
        display,
        format,
        text,
        encoding,
        extracted,
    })
}

/// Checks one parsed file; fixes, diffs or writes it as the mode says.
pub fn process(p: Parsed, settings: &FileSettings, run: &Run) -> Result<Checked, FileError> {
    let mut options = FileOptions {
        report_unused: run.report_unused,
        baseline: run.baseline.as_ref(),
        ..settings.options.clone()
    };
    let o = &p.format_overrides;
    options.format.aligned_source = o.aligned_source.clone();
    options.format.target_lang = o.target_lang.clone();
    if o.source_column.is_some() {
        options.format.source_column = o.source_column.clone();
    }
    if o.target_column.is_some() {
        options.format.target_column = o.target_column.clone();
    }
    let source = SourceFile {
        name: &p.display,
        path: p.input.path(),
        text: &p.text,
        format: p.format,
        extracted: p.extracted,
    }
    .with_options(&options.format)
    .map_err(|e| FileError::new(&p.display, e.message.clone()).at(e.line, e.column))?;
    let index = &settings.index;
    let mut checked = Checked {
        display: p.display.clone(),
        lang: settings.lang.clone(),
        lang_source: settings.lang_source,
        text: String::new(),
        findings: Vec::new(),
        diff: String::new(),
        stdout_text: None,
        encoding: p.encoding,
        applied: 0,
        error: None,
    };
    if run.mode == FixMode::Check {
        checked.findings = source.check(index, &options).findings;
        checked.text = p.text;
        return Ok(checked);
    }
    let fixed = match source.fix(index, &options, run.level) {
        Ok(fixed) => fixed,
        Err(e) => {
            checked.findings = source.check(index, &options).findings;
            checked.error = Some(FileError::new(&p.display, e.to_string()));
            checked.text = p.text;
            return Ok(checked);
        }
    };
    if run.mode == FixMode::Diff {
        checked.findings = fixed.all_reported();
        checked.diff = unified_diff(&p.display, &p.text, &fixed.text);
        checked.text = p.text;
        return Ok(checked);
    }
    if fixed.text != p.text {
        if let Some(path) = p.input.path() {
            let (before, after) = (
                encoding::encode(&p.text, p.encoding),
                encoding::encode(&fixed.text, p.encoding),
            );
            if let Err(e) = replace_if_unchanged(path, &before, &after) {
                checked.findings = fixed.all_reported();
                checked.error = Some(FileError::new(&p.display, format!("not fixed: {e:#}")));
                checked.text = p.text;
                return Ok(checked);
            }
        }
        checked.applied = fixed.applied;
    }
    if p.input.path().is_none() {
        checked.stdout_text = Some(fixed.text.clone());
    }
    checked.findings = fixed.findings;
    checked.text = fixed.text;
    Ok(checked)
}

fn read_input(
    input: &Input,
    display: &str,
    max_bytes: u64,
    xml: bool,
) -> Result<Decoded, FileError> {
    let too_large = |size: u64| {
        FileError::new(
            display,
            format!(
                "not checked: the file is {}, over the limit of {} (raise it with --max-file-size)",
                human_size(size),
                human_size(max_bytes)
            ),
        )
    };
    let cannot_read = |e: std::io::Error| {
        FileError::new(
            display,
            match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "cannot read: the file is gone (deleted or moved since the run began)"
                        .to_string()
                }
                _ => format!("cannot read: {e}"),
            },
        )
    };
    let mut buf = Vec::new();
    match input.path() {
        Some(path) => {
            let file = std::fs::File::open(path).map_err(cannot_read)?;
            let size = file.metadata().map_err(cannot_read)?.len();
            if size > max_bytes {
                return Err(too_large(size));
            }
            buf.reserve(size as usize);
            // Read no more than the limit, even if the file grows meanwhile.
            file.take(max_bytes + 1)
                .read_to_end(&mut buf)
                .map_err(cannot_read)?;
        }
        None => {
            std::io::stdin()
                .lock()
                .take(max_bytes + 1)
                .read_to_end(&mut buf)
                .map_err(cannot_read)?;
        }
    }
    if buf.len() as u64 > max_bytes {
        return Err(too_large(buf.len() as u64));
    }
    inputs::decode_as(display, buf, xml)
}

/// `size` bytes for people: "312 bytes", "4.0 KiB", "256.0 MiB".
pub fn human_size(size: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if size < 1024 {
        return format!("{size} bytes");
    }
    let mut value = size as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// Parses `--max-file-size`: bytes, or a number with K, M or G (binary units).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 10),
        Some((i, 'm' | 'M')) => (&t[..i], 20),
        Some((i, 'g' | 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| format!("`{s}` is not a size: write bytes, or a number with K, M or G"))
        .and_then(|n| {
            // Offsets inside a checked text are 32-bit (see `text::Folded`).
            if n < 1 << 32 {
                Ok(n)
            } else {
                Err(format!(
                    "`{s}` is too large: glosslint checks files under 4 GiB"
                ))
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("10k"), Ok(10 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("4G").unwrap_err().contains("under 4 GiB"));
        assert_eq!(parse_size("4095M"), Ok(4095 << 20));
        assert_eq!(human_size(312), "312 bytes");
        assert_eq!(human_size(256 << 20), "256.0 MiB");
        assert_eq!(human_size(3 << 29), "1.5 GiB");
    }
}
