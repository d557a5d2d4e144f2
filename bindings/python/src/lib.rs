//! Python bindings of glosslint: `glosslint.Glossary` loads glossaries, checks and fixes
//! texts (one, or batches in parallel with the GIL released), and serialises to the compiled
//! form that a worker reads back in milliseconds. Every check goes through the library's
//! file-level API ([`glosslint::file::SourceFile`]), as the CLI's does: the same format
//! readers, language resolution, rules, suppressions and fix guarantees.

use glosslint::check::Bilingual;
use glosslint::file::{FileOptions, FixError as EngineFixError, LangHints, SourceFile};
use glosslint::formats::{Format, FormatOptions, ParseError as EngineParseError};
use glosslint::glossary::{
    aligned_copy, builtin, compile_glossary, CompiledBytes, CompiledGlossary, Entries,
    Glossary as Engine, Index, Loader,
};
use glosslint::maintain::{from_csv, from_json, from_tbx, ColumnMap};
use glosslint::text::LineIndex;
use glosslint::{Applicability, Diagnostic, Finding as EngineFinding, Rule};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

create_exception!(
    glosslint,
    GlosslintError,
    PyException,
    "Every error glosslint raises: `path`, `line` and `column` say where (None where none applies)."
);
create_exception!(
    glosslint,
    GlossaryError,
    GlosslintError,
    "A glossary that does not load; `errors` holds every (path, line, column, message)."
);
create_exception!(
    glosslint,
    ParseError,
    GlosslintError,
    "A text that does not parse in its format (line and column in the text)."
);
create_exception!(
    glosslint,
    FixError,
    GlosslintError,
    "Fixes refused: the fixed text would no longer parse in its format."
);

/// What went wrong with one input, with its place: raised, or kept on a batch's result.
#[derive(Debug, Clone)]
struct Problem {
    kind: ProblemKind,
    path: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    /// Every diagnostic of a glossary load (the first is the one above).
    all: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ProblemKind {
    Glossary,
    Parse,
    Fix,
    Usage,
}

impl Problem {
    fn usage(message: impl Into<String>) -> Problem {
        Problem {
            kind: ProblemKind::Usage,
            path: None,
            line: None,
            column: None,
            message: message.into(),
            all: Vec::new(),
        }
    }

    fn glossary(all: Vec<Diagnostic>) -> Problem {
        let first = all
            .first()
            .cloned()
            .unwrap_or_else(|| Diagnostic::new("", ""));
        let message = all
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        Problem {
            kind: ProblemKind::Glossary,
            path: Some(first.path),
            line: first.line,
            column: first.column,
            message,
            all,
        }
    }

    fn parse(name: &str, format: Format, e: &EngineParseError) -> Problem {
        Problem {
            kind: ProblemKind::Parse,
            path: Some(name.to_string()),
            line: Some(e.line),
            column: Some(e.column),
            message: format!(
                "{name}:{}:{}: not valid {}: {}",
                e.line,
                e.column,
                format.name(),
                e.message
            ),
            all: Vec::new(),
        }
    }

    fn to_py(&self, py: Python<'_>) -> PyErr {
        let err = match self.kind {
            ProblemKind::Glossary => GlossaryError::new_err(self.message.clone()),
            ProblemKind::Parse => ParseError::new_err(self.message.clone()),
            ProblemKind::Fix => FixError::new_err(self.message.clone()),
            ProblemKind::Usage => return PyValueError::new_err(self.message.clone()),
        };
        let value = err.value(py);
        let set = || -> PyResult<()> {
            value.setattr("path", self.path.clone())?;
            value.setattr("line", self.line)?;
            value.setattr("column", self.column)?;
            value.setattr("message", self.message.clone())?;
            let errors: Vec<_> = self
                .all
                .iter()
                .map(|d| (d.path.clone(), d.line, d.column, d.message.clone()))
                .collect();
            value.setattr("errors", errors)?;
            Ok(())
        };
        match set() {
            Ok(()) => err,
            Err(e) => e,
        }
    }
}

/// A loaded glossary: its entries, and an index per language, built when first asked for
/// (or read from compiled bytes).
struct Inner {
    entries: Arc<Entries>,
    /// The glossary behind compiled entries, decoded once to build an index they lack.
    decoded: OnceLock<Arc<Engine>>,
    /// The compiled entries, made once for `to_bytes` (or the bytes they were read from).
    compiled: OnceLock<Vec<u8>>,
    indexes: Mutex<HashMap<String, Arc<OnceLock<Arc<Index>>>>>,
    /// The one language of a one-language glossary, which can check no other.
    only: Option<String>,
}

impl Inner {
    fn new(entries: Entries) -> Inner {
        let langs = entries.languages();
        Inner {
            only: (langs.len() == 1).then(|| langs[0].clone()),
            entries: Arc::new(entries),
            decoded: OnceLock::new(),
            compiled: OnceLock::new(),
            indexes: Mutex::new(HashMap::new()),
        }
    }

    fn engine(&self) -> Result<Arc<Engine>, Problem> {
        match &*self.entries {
            Entries::Loaded { glossary, .. } => Ok(Arc::clone(glossary)),
            Entries::Compiled(_) => {
                if let Some(g) = self.decoded.get() {
                    return Ok(Arc::clone(g));
                }
                let g = self
                    .entries
                    .to_glossary()
                    .map_err(|e| Problem::usage(format!("compiled glossary: {e}")))?;
                Ok(Arc::clone(self.decoded.get_or_init(|| g)))
            }
        }
    }

    /// The index for `lang`, built once; threads asking for other languages meanwhile are
    /// not held up.
    fn index(&self, lang: &str) -> Result<Arc<Index>, Problem> {
        let cell = {
            let mut map = self.indexes.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(map.entry(lang.to_string()).or_default())
        };
        if let Some(index) = cell.get() {
            return Ok(Arc::clone(index));
        }
        let engine = self.engine()?;
        Ok(Arc::clone(
            cell.get_or_init(|| Arc::new(Index::new(engine, lang))),
        ))
    }

    fn built_languages(&self) -> Vec<String> {
        let map = self.indexes.lock().unwrap_or_else(|e| e.into_inner());
        let mut langs: Vec<String> = map
            .iter()
            .filter(|(_, cell)| cell.get().is_some())
            .map(|(lang, _)| lang.clone())
            .collect();
        langs.sort();
        langs
    }
}

/// How one text is read and checked.
#[derive(Clone, Default)]
struct Call {
    format: Option<Format>,
    path: Option<PathBuf>,
    source_lang: Option<String>,
    disable: Vec<Rule>,
    level: Option<Applicability>,
}

/// One text to check, with its own language and aligned source, if given.
struct Item<'a> {
    text: &'a str,
    lang: Option<&'a str>,
    source: Option<&'a str>,
}

/// What checking (and fixing) one text gave, in Python's terms already: made on the worker
/// threads, so that only wrapping the results in Python objects holds the GIL.
struct Outcome {
    lang: String,
    findings: Vec<Finding>,
    /// The fixed text, the fixes applied, and what it still reports.
    fixed: Option<(String, usize, Vec<Finding>)>,
}

const NAME: &str = "<text>";

fn run(inner: &Inner, call: &Call, item: &Item) -> Result<Outcome, Problem> {
    let name = call.path.as_deref().and_then(Path::to_str).unwrap_or(NAME);
    let mut format_options = FormatOptions::default();
    let mut format = call.format;
    if let Some(source) = item.source {
        format_options.aligned_source = Some(Arc::from(source));
        format.get_or_insert(Format::Text);
    }
    if let Some(lang) = item.lang {
        format_options.target_lang = Some(lang.to_string());
    }
    let format = Format::choose(format, call.path.as_deref());
    let file = SourceFile::parse(
        name,
        call.path.as_deref(),
        item.text,
        Some(format),
        &format_options,
    )
    .map_err(|e| Problem::parse(name, format, &e))?;
    let hints = LangHints {
        forced: item.lang,
        only: inner.only.as_deref(),
        ..Default::default()
    };
    let (lang, _) = file.language(&hints);
    let index = inner.index(&lang)?;
    let mut options = FileOptions::default();
    options.check.rules.retain(|r| !call.disable.contains(r));
    if !file.extracted.units.is_empty() {
        let source_lang = call
            .source_lang
            .clone()
            .or_else(|| {
                file.extracted
                    .source_lang
                    .clone()
                    .filter(|l| glosslint::glossary::is_valid_lang_tag(l))
            })
            .unwrap_or_else(|| "en".to_string());
        options.check.bilingual = Some(Bilingual {
            source: inner.index(&source_lang)?,
        });
    }
    match call.level {
        None => Ok(Outcome {
            lang,
            findings: convert(item.text, &file.check(&index, &options).findings),
            fixed: None,
        }),
        Some(level) => match file.fix(&index, &options, level) {
            Ok(fixed) => {
                let remaining = convert(&fixed.text, &fixed.findings);
                Ok(Outcome {
                    lang,
                    findings: convert(item.text, &fixed.all_reported()),
                    fixed: Some((fixed.text, fixed.applied, remaining)),
                })
            }
            Err(e @ EngineFixError::WouldNotParse { .. }) => Err(Problem {
                kind: ProblemKind::Fix,
                path: Some(name.to_string()),
                line: None,
                column: None,
                message: format!("{name}: {e}"),
                all: Vec::new(),
            }),
        },
    }
}

/// One suspect span, as `Glossary.check` reports it.
#[pyclass(frozen, eq, get_all, skip_from_py_object, module = "glosslint")]
#[derive(Clone, PartialEq)]
struct Finding {
    /// The rule's name, e.g. "near-miss".
    rule: String,
    /// The rule's code, e.g. "GL002".
    code: String,
    /// "error" or "warning".
    severity: String,
    /// Span in characters (code points) of the text, as Python slices it.
    start: usize,
    end: usize,
    /// Span in UTF-8 bytes.
    byte_start: usize,
    byte_end: usize,
    /// 1-based line and column (in characters) of the span's start.
    line: usize,
    column: usize,
    /// The flagged text.
    text: String,
    /// What the fix puts in its place, if there is a fix of one edit.
    replacement: Option<String>,
    /// "safe", "unsafe" or "display-only"; None without a fix.
    applicability: Option<String>,
    /// The glossary entry's id.
    entry: String,
    /// The glossary form the span was judged against.
    matched: String,
    message: String,
    /// For fuzzy findings, how strong the evidence is, from 0 to 1.
    confidence: Option<f64>,
    /// In a bilingual text: the unit's id and the source's mention of the entity.
    unit: Option<String>,
    source_mention: Option<String>,
}

#[pymethods]
impl Finding {
    /// The finding as a plain dict (for pandas, Arrow or JSON).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("rule", &self.rule)?;
        d.set_item("code", &self.code)?;
        d.set_item("severity", &self.severity)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("byte_start", self.byte_start)?;
        d.set_item("byte_end", self.byte_end)?;
        d.set_item("line", self.line)?;
        d.set_item("column", self.column)?;
        d.set_item("text", &self.text)?;
        d.set_item("replacement", &self.replacement)?;
        d.set_item("applicability", &self.applicability)?;
        d.set_item("entry", &self.entry)?;
        d.set_item("matched", &self.matched)?;
        d.set_item("message", &self.message)?;
        d.set_item("confidence", self.confidence)?;
        d.set_item("unit", &self.unit)?;
        d.set_item("source_mention", &self.source_mention)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let fix = match (&self.replacement, &self.applicability) {
            (Some(r), Some(a)) => format!(" -> {r:?} ({a})"),
            _ => String::new(),
        };
        format!(
            "<Finding {} {} {:?} at {}..{}{fix}>",
            self.code, self.rule, self.text, self.start, self.end
        )
    }
}

/// Findings of one text in Python's terms: character offsets, line and column.
fn convert(text: &str, findings: &[EngineFinding]) -> Vec<Finding> {
    if findings.is_empty() {
        return Vec::new();
    }
    let mut offsets: Vec<usize> = findings
        .iter()
        .flat_map(|f| [f.span.start, f.span.end])
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    // Characters before each offset, counted in one walk.
    let mut chars = Vec::with_capacity(offsets.len());
    let (mut at, mut count) = (0, 0);
    for &o in &offsets {
        count += text[at..o].chars().count();
        at = o;
        chars.push(count);
    }
    let char_at = |o: usize| chars[offsets.binary_search(&o).unwrap_or(0)];
    let lines = LineIndex::new(text);
    findings
        .iter()
        .map(|f| {
            let pos = lines.position(text, f.span.start);
            Finding {
                rule: f.rule.name().to_string(),
                code: f.rule.code().to_string(),
                severity: f.severity.as_str().to_string(),
                start: char_at(f.span.start),
                end: char_at(f.span.end),
                byte_start: f.span.start,
                byte_end: f.span.end,
                line: pos.line,
                column: pos.column,
                text: text[f.span.start..f.span.end].to_string(),
                replacement: f.replacement().map(str::to_string),
                applicability: f.fix.as_ref().map(|x| x.applicability.as_str().to_string()),
                entry: f.entry.clone(),
                matched: f.matched.clone(),
                message: f.message.clone(),
                confidence: f.confidence,
                unit: f.unit.as_ref().map(|u| u.id.clone()),
                source_mention: f.unit.as_ref().and_then(|u| u.source_mention.clone()),
            }
        })
        .collect()
}

/// One text's result in a batch: its findings and language, or why it could not be checked.
#[pyclass(frozen, get_all, module = "glosslint")]
struct Checked {
    findings: Vec<Finding>,
    /// The language the text was checked in (given, declared by it, or detected).
    lang: Option<String>,
    /// Why the text could not be checked (a ParseError), else None.
    error: Option<Py<PyAny>>,
}

#[pymethods]
impl Checked {
    fn __repr__(&self) -> String {
        match &self.error {
            Some(_) => "<Checked error>".to_string(),
            None => format!("<Checked {} findings>", self.findings.len()),
        }
    }
}

/// One text's result when fixing: the fixed text and what was found.
#[pyclass(frozen, get_all, module = "glosslint")]
struct Fixed {
    /// The fixed text; the original when it could not be checked or fixed.
    text: String,
    /// Fixes applied.
    applied: usize,
    /// What the original reports: the fixes applied are theirs.
    findings: Vec<Finding>,
    /// What the fixed text still reports.
    remaining: Vec<Finding>,
    lang: Option<String>,
    /// Why the text could not be checked or fixed (ParseError, FixError), else None.
    error: Option<Py<PyAny>>,
}

#[pymethods]
impl Fixed {
    fn __repr__(&self) -> String {
        match &self.error {
            Some(_) => "<Fixed error>".to_string(),
            None => format!(
                "<Fixed {} applied, {} remaining>",
                self.applied,
                self.remaining.len()
            ),
        }
    }
}

fn parse_format(format: Option<&str>) -> PyResult<Option<Format>> {
    format
        .map(|name| {
            Format::from_name(&name.to_ascii_lowercase()).ok_or_else(|| {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
                PyValueError::new_err(format!(
                    "unknown format {name:?}: one of {}",
                    names.join(", ")
                ))
            })
        })
        .transpose()
}

fn parse_level(level: &str) -> PyResult<Applicability> {
    match level {
        "safe" => Ok(Applicability::Safe),
        "unsafe" => Ok(Applicability::Unsafe),
        _ => Err(PyValueError::new_err(format!(
            "unknown fix level {level:?}: \"safe\" (listed wrong forms, case and accent slips) or \"unsafe\" (fuzzy fixes too)"
        ))),
    }
}

fn parse_rules(disable: Option<Vec<String>>) -> PyResult<Vec<Rule>> {
    disable
        .unwrap_or_default()
        .iter()
        .map(|r| {
            Rule::parse(r).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "unknown rule {r:?}: see `glosslint rules` for names and codes"
                ))
            })
        })
        .collect()
}

fn call(
    format: Option<&str>,
    path: Option<PathBuf>,
    source_lang: Option<String>,
    disable: Option<Vec<String>>,
    level: Option<&str>,
) -> PyResult<Call> {
    Ok(Call {
        format: parse_format(format)?,
        path,
        source_lang,
        disable: parse_rules(disable)?,
        level: level.map(parse_level).transpose()?,
    })
}

/// Thread pools by size, made once: a batch with `threads=n` runs on a pool of `n`.
fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(p) = pools.get(&threads) {
        return Ok(Arc::clone(p));
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("glosslint-{i}"))
        .build()
        .map_err(|e| PyValueError::new_err(format!("cannot start {threads} threads: {e}")))?;
    let p = Arc::new(p);
    pools.insert(threads, Arc::clone(&p));
    Ok(p)
}

/// Runs `items` with the GIL released: on the calling thread for one thread, else on a pool.
fn run_batch(
    py: Python<'_>,
    inner: &Inner,
    call: &Call,
    items: &[Item],
    threads: Option<usize>,
) -> PyResult<Vec<Result<Outcome, Problem>>> {
    let pool = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(1) => None,
        Some(n) => Some(pool(n)?),
        // Every core: rayon's global pool.
        None => None,
    };
    let all = |item: &Item| run(inner, call, item);
    Ok(py.detach(|| match (threads, pool) {
        (Some(1), _) => items.iter().map(all).collect(),
        (_, Some(pool)) => pool.install(|| items.par_iter().with_min_len(4).map(all).collect()),
        (_, None) => items.par_iter().with_min_len(4).map(all).collect(),
    }))
}

/// Per-text languages or sources of a batch: one value for all, or one per text.
fn per_text(
    values: Option<&Bound<'_, PyAny>>,
    n: usize,
    what: &str,
) -> PyResult<Vec<Option<String>>> {
    let Some(values) = values.filter(|v| !v.is_none()) else {
        return Ok(vec![None; n]);
    };
    if let Ok(one) = values.extract::<String>() {
        return Ok(vec![Some(one); n]);
    }
    let list: Vec<Option<String>> = values.extract()?;
    if list.len() != n {
        return Err(PyValueError::new_err(format!(
            "{what}: {} values for {n} texts; give one per text, or one string for all",
            list.len()
        )));
    }
    Ok(list)
}

fn read_text(path: &Path) -> Result<String, Problem> {
    let name = path.display().to_string();
    if let Some(why) = glosslint::glossary::oversized(path) {
        return Err(Problem::glossary(vec![Diagnostic::new(&name, why)]));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Problem::glossary(vec![Diagnostic::new(&name, format!("cannot read: {e}"))])
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let before = &bytes[..e.utf8_error().valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Problem::glossary(vec![Diagnostic::new(
            &name,
            "not UTF-8: convert it (e.g. `iconv -t UTF-8`)",
        )
        .at(line, column)])
    })
}

/// Loads `paths` (TOML glossaries; TBX, CSV, TSV and JSON exchange files imported as
/// `glosslint glossary import` does), with the built-in world glossary under them or not.
fn load(paths: &[PathBuf], builtin: bool, columns: Option<&str>) -> Result<Engine, Problem> {
    let mut loader = Loader::new();
    loader.skip_places();
    if builtin {
        loader.add_builtin(builtin::WORLD_PATH, builtin::WORLD);
    }
    let map = ColumnMap::parse(columns.unwrap_or(""))
        .map_err(|e| Problem::usage(format!("columns: {e}")))?;
    let mut errors = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let text = match read_text(path) {
            Ok(t) => t,
            Err(p) => {
                errors.extend(p.all);
                continue;
            }
        };
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let imported = match ext.as_str() {
            "toml" => None,
            "tbx" | "xml" => Some(from_tbx(&text)),
            "csv" => Some(from_csv(&text, b',', &map)),
            "tsv" | "tab" => Some(from_csv(&text, b'\t', &map)),
            "json" => Some(from_json(&text)),
            _ => {
                errors.push(Diagnostic::new(
                    &name,
                    "not a glossary: name it .toml, or .tbx, .csv, .tsv or .json to import it",
                ));
                continue;
            }
        };
        match imported {
            None => loader.add_source(&name, &text),
            Some(Ok(g)) => loader.add_source(&name, &glosslint::glossary::to_toml(&g)),
            Some(Err(e)) => errors.push(Diagnostic::new(&name, e.message)),
        }
    }
    if !errors.is_empty() {
        return Err(Problem::glossary(errors));
    }
    loader.finish().map_err(|e| Problem::glossary(e.0))
}

/// The compiled form: a magic line, the checksum (xxh3) of everything after it, then
/// sections of a length and bytes (padded to eight bytes): the entries, then a language tag
/// and its index, for each index. Reading in place checks sizes, not every value, so bytes
/// changed on the way are refused by the checksum before they are read.
const MAGIC: &[u8; 16] = b"glosslint-py 2\n\0";

fn push_section(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
    out.resize(out.len().next_multiple_of(8), 0);
}

fn sections(data: &[u8]) -> Result<Vec<&[u8]>, String> {
    let rest = data
        .strip_prefix(MAGIC.as_slice())
        .ok_or("not a compiled glosslint glossary (made by Glossary.to_bytes of this version)")?;
    let (sum, rest) = rest.split_first_chunk::<8>().ok_or("cut short")?;
    if u64::from_le_bytes(*sum) != xxhash_rust::xxh3::xxh3_64(rest) {
        return Err("cut short or changed: its checksum does not hold".into());
    }
    let mut out = Vec::new();
    let mut at = 0;
    while at < rest.len() {
        let len = rest
            .get(at..at + 8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()) as usize)
            .ok_or("cut short")?;
        let body = rest
            .get(at + 8..(at + 8).saturating_add(len))
            .ok_or("cut short")?;
        out.push(body);
        at = (at + 8 + len).next_multiple_of(8);
    }
    Ok(out)
}

/// A glossary, loaded once and used for any number of texts, from any number of threads.
///
/// `Glossary.load(["names.toml"], builtin=True)` loads files; `check`, `fix` and their
/// `_batch` forms check texts; `to_bytes` / `from_bytes` (and pickling) carry it to
/// workers in its compiled form.
#[pyclass(frozen, module = "glosslint")]
struct Glossary {
    inner: Arc<Inner>,
}

#[pymethods]
impl Glossary {
    /// Loads glossary files (TOML; TBX, CSV, TSV, JSON imported) over the built-in world
    /// glossary, or without it. Raises GlossaryError with every problem and its place.
    #[staticmethod]
    #[pyo3(signature = (paths = Vec::new(), *, builtin = true, columns = None))]
    fn load(
        py: Python<'_>,
        paths: Vec<PathBuf>,
        builtin: bool,
        columns: Option<&str>,
    ) -> PyResult<Glossary> {
        if paths.is_empty() && !builtin {
            return Err(PyValueError::new_err(
                "no glossary: give paths, or leave the built-in glossary on",
            ));
        }
        let engine = py
            .detach(|| load(&paths, builtin, columns))
            .map_err(|p| p.to_py(py))?;
        Ok(Glossary::of(Entries::from(Arc::new(engine))))
    }

    /// A glossary from TOML text; `name` names it in errors.
    #[staticmethod]
    #[pyo3(signature = (text, *, name = "<string>", builtin = false))]
    fn from_toml(py: Python<'_>, text: &str, name: &str, builtin: bool) -> PyResult<Glossary> {
        let mut loader = Loader::new();
        loader.skip_places();
        if builtin {
            loader.add_builtin(builtin::WORLD_PATH, builtin::WORLD);
        }
        loader.add_source(name, text);
        let engine = py
            .detach(|| loader.finish())
            .map_err(|e| Problem::glossary(e.0).to_py(py))?;
        Ok(Glossary::of(Entries::from(Arc::new(engine))))
    }

    /// Reads back what `to_bytes` wrote, in place: no parsing, no index building.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Glossary> {
        let bad = |e: String| {
            Problem {
                kind: ProblemKind::Glossary,
                path: None,
                line: None,
                column: None,
                message: format!("compiled glossary: {e}"),
                all: Vec::new(),
            }
            .to_py(py)
        };
        let parts = sections(data).map_err(bad)?;
        let (first, rest) = parts.split_first().ok_or_else(|| bad("empty".into()))?;
        if rest.len() % 2 != 0 {
            return Err(bad("cut short".into()));
        }
        let copy: CompiledBytes = aligned_copy(first);
        let entries = CompiledGlossary::read(copy).map_err(|e| bad(e.to_string()))?;
        let glossary = Glossary::of(Entries::Compiled(entries));
        let _ = glossary.inner.compiled.set(first.to_vec());
        for pair in rest.chunks(2) {
            let lang = std::str::from_utf8(pair[0]).map_err(|e| bad(e.to_string()))?;
            let index = Index::read(aligned_copy(pair[1]), Arc::clone(&glossary.inner.entries))
                .map_err(|e| bad(e.to_string()))?;
            let cell = OnceLock::new();
            let _ = cell.set(Arc::new(index));
            glossary
                .inner
                .indexes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(lang.to_string(), Arc::new(cell));
        }
        Ok(glossary)
    }

    /// The compiled form: the entries and the index of each language in `languages`
    /// (default: every language indexed so far), built now where missing.
    #[pyo3(signature = (languages = None))]
    fn to_bytes<'py>(
        &self,
        py: Python<'py>,
        languages: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let inner = &self.inner;
        let data = py
            .detach(|| -> Result<Vec<u8>, Problem> {
                let langs = languages.unwrap_or_else(|| inner.built_languages());
                let mut out = Vec::new();
                let entries = match inner.compiled.get() {
                    Some(c) => c,
                    None => {
                        let engine = inner.engine()?;
                        let c = compile_glossary(&engine, Vec::new())
                            .map_err(|e| Problem::usage(e.to_string()))?;
                        inner.compiled.get_or_init(|| c)
                    }
                };
                push_section(&mut out, entries);
                for lang in langs {
                    let index = inner.index(&lang)?;
                    let bytes = index
                        .compile(Vec::new())
                        .map_err(|e| Problem::usage(e.to_string()))?;
                    push_section(&mut out, lang.as_bytes());
                    push_section(&mut out, &bytes);
                }
                let mut data = MAGIC.to_vec();
                data.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&out).to_le_bytes());
                data.extend_from_slice(&out);
                Ok(data)
            })
            .map_err(|p| p.to_py(py))?;
        Ok(PyBytes::new(py, &data))
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let from_bytes = py.get_type::<Glossary>().getattr("from_bytes")?;
        Ok((from_bytes, (self.to_bytes(py, None)?,)))
    }

    /// Builds the indexes of `languages` now (they are otherwise built when first needed).
    fn prepare(&self, py: Python<'_>, languages: Vec<String>) -> PyResult<()> {
        let inner = &self.inner;
        py.detach(|| {
            languages
                .par_iter()
                .try_for_each(|lang| inner.index(lang).map(drop))
        })
        .map_err(|p| p.to_py(py))
    }

    /// Every language some entry has forms in.
    #[getter]
    fn languages(&self) -> Vec<String> {
        self.inner.entries.languages()
    }

    fn __len__(&self) -> usize {
        self.inner.entries.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<glosslint.Glossary: {} entries, {} languages>",
            self.inner.entries.len(),
            self.inner.entries.languages().len()
        )
    }

    /// The language `text` would be checked in: what it declares (PO header, XLIFF, HTML
    /// lang), its path's conventions, the glossary's only language, else detected.
    #[pyo3(signature = (text, *, format = None, path = None))]
    fn language(
        &self,
        py: Python<'_>,
        text: &str,
        format: Option<&str>,
        path: Option<PathBuf>,
    ) -> PyResult<String> {
        let format = Format::choose(parse_format(format)?, path.as_deref());
        let name = path.as_deref().and_then(Path::to_str).unwrap_or(NAME);
        let file = SourceFile::parse(
            name,
            path.as_deref(),
            text,
            Some(format),
            &Default::default(),
        )
        .map_err(|e| Problem::parse(name, format, &e).to_py(py))?;
        let hints = LangHints {
            only: self.inner.only.as_deref(),
            ..Default::default()
        };
        Ok(file.language(&hints).0)
    }

    /// Checks one text; returns its findings in order of position. `lang` is a BCP 47 tag
    /// (default: declared by the text, else detected); `format` one of glosslint's formats
    /// (default: from `path`'s extension, else plain text); `source` an aligned source text
    /// (line by line) for the bilingual rules. Raises ParseError for a malformed file.
    #[pyo3(signature = (text, lang = None, *, format = None, path = None, source = None, source_lang = None, disable = None))]
    #[allow(clippy::too_many_arguments)]
    fn check(
        &self,
        py: Python<'_>,
        text: &str,
        lang: Option<&str>,
        format: Option<&str>,
        path: Option<PathBuf>,
        source: Option<&str>,
        source_lang: Option<String>,
        disable: Option<Vec<String>>,
    ) -> PyResult<Vec<Finding>> {
        let call = call(format, path, source_lang, disable, None)?;
        let item = Item { text, lang, source };
        let inner = &self.inner;
        let outcome = py
            .detach(|| run(inner, &call, &item))
            .map_err(|p| p.to_py(py))?;
        Ok(outcome.findings)
    }

    /// Fixes one text at `level` ("safe": listed wrong forms, case and accent slips;
    /// "unsafe": fuzzy fixes too) and returns the fixed text. Raises FixError if the fixed
    /// text would not parse in its format.
    #[pyo3(signature = (text, lang = None, *, level = "safe", format = None, path = None, source = None, source_lang = None, disable = None))]
    #[allow(clippy::too_many_arguments)]
    fn fix(
        &self,
        py: Python<'_>,
        text: &str,
        lang: Option<&str>,
        level: &str,
        format: Option<&str>,
        path: Option<PathBuf>,
        source: Option<&str>,
        source_lang: Option<String>,
        disable: Option<Vec<String>>,
    ) -> PyResult<String> {
        let call = call(format, path, source_lang, disable, Some(level))?;
        let item = Item { text, lang, source };
        let inner = &self.inner;
        let outcome = py
            .detach(|| run(inner, &call, &item))
            .map_err(|p| p.to_py(py))?;
        Ok(outcome
            .fixed
            .map(|f| f.0)
            .unwrap_or_else(|| text.to_string()))
    }

    /// Checks many texts in parallel with the GIL released (on `threads` threads; default
    /// every core). `langs` and `sources` are one value for all texts or one per text. A
    /// text that cannot be checked does not stop the batch: its result carries the error.
    #[pyo3(signature = (texts, langs = None, *, format = None, sources = None, source_lang = None, disable = None, threads = None))]
    #[allow(clippy::too_many_arguments)]
    fn check_batch(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        langs: Option<&Bound<'_, PyAny>>,
        format: Option<&str>,
        sources: Option<&Bound<'_, PyAny>>,
        source_lang: Option<String>,
        disable: Option<Vec<String>>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Checked>> {
        let call = call(format, None, source_lang, disable, None)?;
        let langs = per_text(langs, texts.len(), "langs")?;
        let sources = per_text(sources, texts.len(), "sources")?;
        let items = items(&texts, &langs, &sources);
        let results = run_batch(py, &self.inner, &call, &items, threads)?;
        texts
            .iter()
            .zip(results)
            .map(|(_, r)| {
                Ok(match r {
                    Ok(o) => Checked {
                        findings: o.findings,
                        lang: Some(o.lang),
                        error: None,
                    },
                    Err(p) => Checked {
                        findings: Vec::new(),
                        lang: None,
                        error: Some(p.to_py(py).into_value(py).into_any()),
                    },
                })
            })
            .collect()
    }

    /// Fixes many texts in parallel, as `check_batch` checks them; each result has the
    /// fixed text, the fixes applied, the findings of the original and what remains.
    #[pyo3(signature = (texts, langs = None, *, level = "safe", format = None, sources = None, source_lang = None, disable = None, threads = None))]
    #[allow(clippy::too_many_arguments)]
    fn fix_batch(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        langs: Option<&Bound<'_, PyAny>>,
        level: &str,
        format: Option<&str>,
        sources: Option<&Bound<'_, PyAny>>,
        source_lang: Option<String>,
        disable: Option<Vec<String>>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Fixed>> {
        let call = call(format, None, source_lang, disable, Some(level))?;
        let langs = per_text(langs, texts.len(), "langs")?;
        let sources = per_text(sources, texts.len(), "sources")?;
        let items = items(&texts, &langs, &sources);
        let results = run_batch(py, &self.inner, &call, &items, threads)?;
        let out = texts
            .iter()
            .zip(results)
            .map(|(text, r)| match r {
                Ok(o) => {
                    let (fixed, applied, remaining) =
                        o.fixed.unwrap_or_else(|| (text.clone(), 0, Vec::new()));
                    Fixed {
                        findings: o.findings,
                        text: fixed,
                        applied,
                        remaining,
                        lang: Some(o.lang),
                        error: None,
                    }
                }
                Err(p) => Fixed {
                    text: text.clone(),
                    applied: 0,
                    findings: Vec::new(),
                    remaining: Vec::new(),
                    lang: None,
                    error: Some(p.to_py(py).into_value(py).into_any()),
                },
            })
            .collect();
        Ok(out)
    }
}

fn items<'a>(
    texts: &'a [String],
    langs: &'a [Option<String>],
    sources: &'a [Option<String>],
) -> Vec<Item<'a>> {
    texts
        .iter()
        .zip(langs)
        .zip(sources)
        .map(|((text, lang), source)| Item {
            text,
            lang: lang.as_deref(),
            source: source.as_deref(),
        })
        .collect()
}

impl Glossary {
    fn of(entries: Entries) -> Glossary {
        Glossary {
            inner: Arc::new(Inner::new(entries)),
        }
    }
}

/// Every rule: (name, code, summary).
#[pyfunction]
fn rules() -> Vec<(&'static str, &'static str, &'static str)> {
    Rule::ALL
        .into_iter()
        .map(|r| (r.name(), r.code(), r.summary()))
        .collect()
}

#[pymodule]
fn _glosslint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Glossary>()?;
    m.add_class::<Finding>()?;
    m.add_class::<Checked>()?;
    m.add_class::<Fixed>()?;
    m.add("GlosslintError", py.get_type::<GlosslintError>())?;
    m.add("GlossaryError", py.get_type::<GlossaryError>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("FixError", py.get_type::<FixError>())?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
