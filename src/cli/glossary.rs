//! `glosslint glossary …`: lint, test, format, inspect, edit, exchange and grow glossaries.

use super::write::replace_if_unchanged;
use super::Outcome;
use anyhow::{bail, Context};
use clap::{Args, Subcommand, ValueEnum};
use glosslint::config::{ConfigFile, CONFIG_FILE_NAME};
use glosslint::glossary::{to_toml, Glossary, Index, Loader};
use glosslint::maintain::{
    self, add_form, format_toml, AddForm, ColumnMap, FormRole, LintLevel, LintOptions,
    SuggestOptions,
};
use glosslint::report::unified_diff;
use glosslint::selftest::run_examples;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Args)]
pub struct GlossaryArgs {
    #[command(subcommand)]
    command: GlossaryCommand,
}

#[derive(Subcommand)]
enum GlossaryCommand {
    /// Report problems in glossaries: look-alike letters, forms not in NFC, stray spaces,
    /// redundant variants, shadowed forms, missing languages, conditions that never hold.
    Lint {
        /// Glossary files (default: those of the nearest glosslint.toml).
        files: Vec<PathBuf>,
        /// Languages every entry must have forms in, comma-separated.
        #[arg(long, value_delimiter = ',', value_name = "LANGS")]
        require: Vec<String>,
    },
    /// Run every entry's examples and report the ones whose result differs.
    Test { files: Vec<PathBuf> },
    /// Rewrite glossary files in the canonical layout, keeping comments.
    Fmt {
        files: Vec<PathBuf>,
        /// Change nothing; exit 1 if a file is not in the canonical layout.
        #[arg(long)]
        check: bool,
    },
    /// Entries per kind and language, language coverage, forms per entry.
    Stats { files: Vec<PathBuf> },
    /// Convert a TBX, CSV, TSV or JSON file into a glossary (TOML).
    Import {
        file: PathBuf,
        /// The input format (default: from the extension).
        #[arg(long, value_enum)]
        from: Option<Exchange>,
        /// Column names for CSV/TSV: field=Header,… (fields: id, kind, lang, role, form,
        /// reason, description; or a language tag, de=German, for a table with one column
        /// per language).
        #[arg(long, value_name = "MAP")]
        columns: Option<String>,
        /// Write here instead of standard output.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// Convert glossaries to TBX, CSV, TSV or JSON.
    Export {
        files: Vec<PathBuf>,
        #[arg(long, value_enum)]
        to: Exchange,
        /// The source language named in a TBX header.
        #[arg(long, default_value = "en")]
        source_lang: String,
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// Add a form to an entry (or a new entry) without disturbing comments and order.
    Add {
        file: PathBuf,
        #[arg(long)]
        id: String,
        /// The kind of a new entry.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        lang: String,
        #[arg(long, group = "form")]
        canonical: Option<String>,
        #[arg(long, group = "form")]
        alternative: Option<String>,
        #[arg(long, group = "form")]
        variant: Option<String>,
        #[arg(long, group = "form")]
        forbidden: Option<String>,
        /// Why a variant or forbidden form is wrong.
        #[arg(long)]
        reason: Option<String>,
    },
    /// Mine corpora for unlisted spellings of glossary entities, ranked for review.
    Suggest {
        /// Files or folders to mine.
        #[arg(required = true)]
        corpus: Vec<PathBuf>,
        /// Glossary files (default: those of the nearest glosslint.toml).
        #[arg(long, short = 'g')]
        glossary: Vec<PathBuf>,
        /// The corpus language.
        #[arg(long, default_value = "en")]
        lang: String,
        /// How many suggestions to show.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Leave out spellings seen fewer times.
        #[arg(long, default_value_t = 1)]
        min_count: usize,
        /// Print the proposed additions as a unified diff of the glossary files.
        #[arg(long)]
        diff: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Exchange {
    Tbx,
    Csv,
    Tsv,
    Json,
}

pub fn run(args: GlossaryArgs) -> anyhow::Result<Outcome> {
    match args.command {
        GlossaryCommand::Lint { files, require } => lint(&files, require),
        GlossaryCommand::Test { files } => test(&files),
        GlossaryCommand::Fmt { files, check } => fmt(&files, check),
        GlossaryCommand::Stats { files } => {
            let g = load(&files)?;
            print!("{}", maintain::stats(&g));
            Ok(Outcome::default())
        }
        GlossaryCommand::Import {
            file,
            from,
            columns,
            output,
        } => import(&file, from, columns, output),
        GlossaryCommand::Export {
            files,
            to,
            source_lang,
            output,
        } => {
            let g = load(&files)?;
            let text = match to {
                Exchange::Tbx => maintain::to_tbx(&g, &source_lang),
                Exchange::Csv => maintain::to_csv(&g, b','),
                Exchange::Tsv => maintain::to_csv(&g, b'\t'),
                Exchange::Json => maintain::to_json(&g),
            };
            emit(&text, output.as_deref())
        }
        GlossaryCommand::Add {
            file,
            id,
            kind,
            lang,
            canonical,
            alternative,
            variant,
            forbidden,
            reason,
        } => {
            let (role, form) = match (canonical, alternative, variant, forbidden) {
                (Some(f), ..) => (FormRole::Canonical, f),
                (_, Some(f), ..) => (FormRole::Alternative, f),
                (_, _, Some(f), _) => (FormRole::Variant, f),
                (_, _, _, Some(f)) => (FormRole::Forbidden, f),
                _ => bail!("give the form: --canonical, --alternative, --variant or --forbidden"),
            };
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let add = AddForm {
                id,
                kind,
                lang,
                role,
                form,
                reason,
            };
            let out = add_form(&text, &file.display().to_string(), &add)
                .map_err(|e| anyhow::anyhow!(e))?;
            replace_if_unchanged(&file, text.as_bytes(), out.as_bytes())
                .with_context(|| file.display().to_string())?;
            eprintln!(
                "Added `{}` to `{}` ({}) in {}.",
                add.form,
                add.id,
                add.lang,
                file.display()
            );
            Ok(Outcome::default())
        }
        GlossaryCommand::Suggest {
            corpus,
            glossary,
            lang,
            top,
            min_count,
            diff,
        } => suggest(&corpus, &glossary, &lang, top, min_count, diff),
    }
}

/// The glossary files to work on: those given, else those of the nearest glosslint.toml.
fn files_or_configured(files: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    if !files.is_empty() {
        return Ok(files.to_vec());
    }
    let mut dir = std::env::current_dir()?;
    // The configuration's folder as seen from here: ".", "..", "../..", …
    let mut relative = PathBuf::new();
    loop {
        let candidate = dir.join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            let shown = relative.join(CONFIG_FILE_NAME);
            let text = std::fs::read_to_string(&candidate)?;
            let config = ConfigFile::parse(&shown.display().to_string(), &text)?;
            if config.glossaries.is_empty() {
                bail!(
                    "{} names no glossaries: give glossary files",
                    shown.display()
                );
            }
            return Ok(config.glossaries.iter().map(|g| relative.join(g)).collect());
        }
        relative.push("..");
        if !dir.pop() {
            bail!("no glossary files given and no {CONFIG_FILE_NAME} found here or above");
        }
    }
}

/// Loads glossary files; load errors are printed with their positions and make the run fail.
fn load(files: &[PathBuf]) -> anyhow::Result<Glossary> {
    let files = files_or_configured(files)?;
    let mut loader = Loader::new();
    for f in &files {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        loader.add_source(&f.display().to_string(), &text);
    }
    loader.finish().map_err(|e| anyhow::anyhow!("{e}"))
}

fn lint(files: &[PathBuf], require: Vec<String>) -> anyhow::Result<Outcome> {
    let g = match load(files) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return Ok(Outcome {
                findings: true,
                errors: true,
                ..Default::default()
            });
        }
    };
    let options = LintOptions {
        required_languages: require,
        ..LintOptions::default()
    };
    let found = maintain::lint(&g, &options);
    for f in &found {
        println!(
            "{}:{}:{}: {} [{}] {}",
            f.path,
            f.line,
            f.column,
            f.level.as_str(),
            f.code,
            f.message
        );
    }
    let failing = found.iter().filter(|f| f.level > LintLevel::Info).count();
    println!(
        "{} entries: {} finding{}, {} of them warnings or errors.",
        g.entries.len(),
        found.len(),
        if found.len() == 1 { "" } else { "s" },
        failing
    );
    Ok(Outcome {
        findings: failing > 0,
        errors: false,
        ..Default::default()
    })
}

fn test(files: &[PathBuf]) -> anyhow::Result<Outcome> {
    let g = Arc::new(load(files)?);
    let total: usize = g.entries.iter().map(|e| e.examples.len()).sum();
    let failures = run_examples(&g);
    for f in &failures {
        println!(
            "{}:{}: example of `{}` ({}) fails",
            f.path, f.line, f.entry, f.lang
        );
        print!(
            "{}",
            unified_diff(
                "expected",
                &format!("{}\n", f.expected),
                &format!("{}\n", f.actual)
            )
            .replace("a/expected", "expected")
            .replace("b/expected", "actual")
        );
        for finding in &f.findings {
            println!("  found: {finding}");
        }
    }
    println!(
        "{} examples: {} passed, {} failed",
        total,
        total - failures.len(),
        failures.len()
    );
    Ok(Outcome {
        findings: !failures.is_empty(),
        errors: false,
        ..Default::default()
    })
}

fn fmt(files: &[PathBuf], check: bool) -> anyhow::Result<Outcome> {
    let files = files_or_configured(files)?;
    let mut unformatted = 0;
    for f in &files {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        let formatted = format_toml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?;
        if formatted == text {
            continue;
        }
        unformatted += 1;
        if check {
            println!(
                "{}: not in the canonical layout (run `glosslint glossary fmt`)",
                f.display()
            );
        } else {
            replace_if_unchanged(f, text.as_bytes(), formatted.as_bytes())
                .with_context(|| f.display().to_string())?;
            eprintln!("Formatted {}.", f.display());
        }
    }
    Ok(Outcome {
        findings: check && unformatted > 0,
        errors: false,
        ..Default::default()
    })
}

fn import(
    file: &Path,
    from: Option<Exchange>,
    columns: Option<String>,
    output: Option<PathBuf>,
) -> anyhow::Result<Outcome> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let format = from.or(match ext.as_str() {
        "tbx" | "xml" => Some(Exchange::Tbx),
        "csv" => Some(Exchange::Csv),
        "tsv" | "tab" => Some(Exchange::Tsv),
        "json" => Some(Exchange::Json),
        _ => None,
    });
    let Some(format) = format else {
        bail!(
            "{}: say which format with --from tbx|csv|tsv|json",
            file.display()
        );
    };
    let map = ColumnMap::parse(columns.as_deref().unwrap_or(""))?;
    let g = match format {
        Exchange::Tbx => maintain::from_tbx(&text),
        Exchange::Csv => maintain::from_csv(&text, b',', &map),
        Exchange::Tsv => maintain::from_csv(&text, b'\t', &map),
        Exchange::Json => maintain::from_json(&text),
    }
    .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let toml = to_toml(&g);
    // What is written must load: duplicate forms and the like are reported now.
    Glossary::from_toml("imported glossary", &toml).map_err(|e| {
        anyhow::anyhow!(
            "{}: the imported glossary is not valid:\n{e}",
            file.display()
        )
    })?;
    emit(&toml, output.as_deref())
}

fn emit(text: &str, output: Option<&Path>) -> anyhow::Result<Outcome> {
    match output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => print!("{text}"),
    }
    Ok(Outcome::default())
}

fn suggest(
    corpus: &[PathBuf],
    glossary: &[PathBuf],
    lang: &str,
    top: usize,
    min_count: usize,
    diff: bool,
) -> anyhow::Result<Outcome> {
    let files = files_or_configured(glossary)?;
    let g = Arc::new(load(&files)?);
    let index = Index::new(Arc::clone(&g), lang);
    let mut errors = Vec::new();
    let inputs = super::inputs::collect(corpus, &Default::default(), &mut errors);
    for e in &errors {
        eprintln!("glosslint: error: {e}");
    }
    let mut documents = Vec::new();
    for input in &inputs {
        let Some(path) = input.path() else { continue };
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        match super::inputs::decode(&input.display(), bytes) {
            Ok(text) => documents.push((input.display(), text)),
            Err(e) => eprintln!("glosslint: error: {e}"),
        }
    }
    let options = SuggestOptions {
        min_count,
        ..SuggestOptions::default()
    };
    let found = maintain::suggest(
        &index,
        documents.iter().map(|(p, t)| (p.as_str(), t.as_str())),
        &options,
    );
    let shown: Vec<_> = found.iter().take(top).collect();
    if diff {
        for file in &files {
            let original = std::fs::read_to_string(file)?;
            let mut text = original.clone();
            for s in &shown {
                let add = AddForm {
                    id: s.entry.clone(),
                    kind: None,
                    lang: s.lang.clone(),
                    role: FormRole::Variant,
                    form: s.variant.clone(),
                    reason: Some(format!("found {} times by glosslint suggest", s.count)),
                };
                if let Ok(next) = add_form(&text, &file.display().to_string(), &add) {
                    text = next;
                }
            }
            print!(
                "{}",
                unified_diff(&file.display().to_string(), &original, &text)
            );
        }
    } else {
        for (i, s) in shown.iter().enumerate() {
            println!(
                "{:>3}. {} ({}): “{}” ×{}, {} of “{}”, similarity {:.2}",
                i + 1,
                s.entry,
                s.lang,
                s.variant,
                s.count,
                s.rule.name(),
                s.correct,
                s.similarity
            );
            for c in &s.contexts {
                println!("       {c}");
            }
        }
        println!(
            "{} suggestion{} from {} file{}.",
            found.len(),
            if found.len() == 1 { "" } else { "s" },
            documents.len(),
            if documents.len() == 1 { "" } else { "s" }
        );
    }
    Ok(Outcome {
        findings: false,
        errors: !errors.is_empty(),
        ..Default::default()
    })
}
