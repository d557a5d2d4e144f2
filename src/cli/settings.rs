//! Settings per checked file: the nearest `glosslint.toml` (or `--config`), command-line
//! overrides, the glossaries they name, and the index for the file's language. Everything is
//! loaded once and shared by the files that need it.

use super::{cache, inputs};
use anyhow::Context;
use globset::{Glob, GlobSet, GlobSetBuilder};
use glosslint::config::{ConfigFile, CONFIG_FILE_NAME};
use glosslint::file::{language_of, FileOptions, LangHints};
use glosslint::finding::Rule;
use glosslint::formats::Extracted;
use glosslint::glossary::{builtin, Entries, Glossary, Index, Loader};
use glosslint::language::LangSource;
use glosslint::report::FileError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The flags that say what files are checked with, shared by `check` and `server`.
#[derive(clap::Args, Clone)]
pub struct SetupArgs {
    /// A glossary file; repeat for several. Replaces the glossaries of glosslint.toml.
    #[arg(long, short = 'g', value_name = "FILE")]
    pub glossary: Vec<PathBuf>,
    /// Do not add the built-in world glossary (countries in 12 languages, demonyms).
    #[arg(long)]
    pub no_builtin: bool,
    /// Do not read or write the cache of large glossaries (over 256 KiB of TOML), which
    /// is kept in $GLOSSLINT_CACHE_DIR, else $XDG_CACHE_HOME/glosslint or ~/.cache/glosslint.
    #[arg(long)]
    pub no_cache: bool,
    /// Use this configuration file instead of the nearest glosslint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The language of the checked text (BCP 47 tag), overriding the configuration.
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
    /// The source language of bilingual files that do not say it (PO, tables, aligned
    /// text; XLIFF and TMX name theirs), overriding the configuration's `source-lang`.
    /// Default: English.
    #[arg(long, value_name = "TAG")]
    pub source_lang: Option<String>,
    /// Do not run these rules (names or codes, comma-separated or repeated).
    #[arg(long, value_name = "RULE", value_parser = super::check::parse_rule, value_delimiter = ',')]
    pub disable: Vec<Rule>,
}

impl SetupArgs {
    pub fn overrides(&self) -> Overrides {
        Overrides {
            config: self.config.clone(),
            glossaries: self.glossary.clone(),
            lang: self.lang.clone(),
            source_lang: self.source_lang.clone(),
            disable: self.disable.clone(),
            builtin: !self.no_builtin,
            cache: if self.no_cache {
                None
            } else {
                cache::default_dir()
            },
        }
    }
}

/// Command-line settings that override configuration files.
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub glossaries: Vec<PathBuf>,
    pub lang: Option<String>,
    /// The source language of bilingual files that do not say it (`--source-lang`).
    pub source_lang: Option<String>,
    pub disable: Vec<Rule>,
    /// False with `--no-builtin`.
    pub builtin: bool,
    /// Where large glossaries are cached once loaded (see `cache`); `None` with `--no-cache`.
    pub cache: Option<PathBuf>,
}

/// What checking one file needs: its index, its language and where that came from, and
/// the options its configuration sets (the run adds the baseline and `--report-unused`).
#[derive(Clone)]
pub struct FileSettings {
    pub index: Arc<Index>,
    pub lang: String,
    pub lang_source: LangSource,
    pub options: FileOptions<'static>,
}

struct LoadedConfig {
    dir: PathBuf,
    file: ConfigFile,
    languages: Vec<(GlobSet, String)>,
    exclude: GlobSet,
}

pub struct Resolver {
    overrides: Overrides,
    /// Configuration found for a folder (None: none up to the root), cached per folder.
    found: HashMap<PathBuf, Option<Arc<LoadedConfig>>>,
    /// Loaded configuration files by path; `Err` once reported.
    configs: HashMap<PathBuf, Result<Arc<LoadedConfig>, ()>>,
    glossaries: HashMap<(Vec<PathBuf>, bool), Result<Arc<Loaded>, ()>>,
    indexes: HashMap<(Vec<PathBuf>, bool, String), Arc<Index>>,
    only_language: HashMap<usize, Option<String>>,
}

/// A glossary as a run uses it: its entries, and its place in the cache when it is cached.
struct Loaded {
    entries: Arc<Entries>,
    /// The glossary behind the entries, decoded once if they are compiled, to build an index
    /// that the cache does not hold.
    glossary: std::sync::OnceLock<Arc<Glossary>>,
    /// Where it and its indexes are cached (see `cache`), when they are.
    cache: Option<cache::Slot>,
}

impl Loaded {
    /// The index for `lang`: read from the cache, else built (and then cached).
    fn index(&self, lang: &str) -> Index {
        if let Some(index) = self
            .cache
            .as_ref()
            .and_then(|slot| slot.load_index(lang, &self.entries))
        {
            return index;
        }
        let glossary = self.glossary.get_or_init(|| {
            self.entries.to_glossary().unwrap_or_else(|e| {
                panic!("{e}: remove the glossary cache, or run with --no-cache")
            })
        });
        let index = Index::new(Arc::clone(glossary), lang);
        if let Some(slot) = &self.cache {
            slot.store_index(&index);
        }
        index
    }
}

/// Why a file cannot be checked: errors to report now (empty when they were reported for an
/// earlier file), and a one-line reason for the file itself.
pub struct Unusable {
    pub errors: Vec<FileError>,
    pub reason: String,
}

impl Resolver {
    pub fn new(overrides: Overrides) -> Self {
        Resolver {
            overrides,
            found: HashMap::new(),
            configs: HashMap::new(),
            glossaries: HashMap::new(),
            indexes: HashMap::new(),
            only_language: HashMap::new(),
        }
    }

    /// Settings for the file at `path` (standard input: `None`, configured from the working
    /// folder), read as `extracted` (its prose, and the language it declares, if any).
    pub fn for_file(
        &mut self,
        path: Option<&Path>,
        extracted: &Extracted,
    ) -> Result<FileSettings, Unusable> {
        let config = self.config_for(path)?;
        let glossary_paths: Vec<PathBuf> = if !self.overrides.glossaries.is_empty() {
            self.overrides.glossaries.clone()
        } else if let Some(c) = &config {
            c.file.glossaries.iter().map(|g| c.dir.join(g)).collect()
        } else {
            Vec::new()
        };
        let builtin = self.overrides.builtin
            && config
                .as_ref()
                .is_none_or(|c| c.file.builtin.unwrap_or(true));
        if glossary_paths.is_empty() && !builtin {
            return Err(Unusable {
                errors: Vec::new(),
                reason: format!(
                    "no glossary: pass --glossary FILE, or write a {CONFIG_FILE_NAME} with `glossaries = [\"…\"]` in this folder or a parent, or leave the built-in glossary on"
                ),
            });
        }
        let glossary = self.glossary(&glossary_paths, builtin)?;
        // The only language of a one-language glossary, computed once per glossary.
        let only = self
            .only_language
            .entry(Arc::as_ptr(&glossary) as usize)
            .or_insert_with(|| {
                let langs = glossary.entries.languages();
                (langs.len() == 1).then(|| langs[0].clone())
            })
            .clone();
        let (lang, lang_source) =
            self.lang_for(path, extracted, only.as_deref(), config.as_deref());
        let key = (glossary_paths, builtin, lang.clone());
        let index = self
            .indexes
            .entry(key.clone())
            .or_insert_with(|| Arc::new(glossary.index(&lang)))
            .clone();
        let mut options = FileOptions::from_config(
            config.as_ref().map_or(&ConfigFile::default(), |c| &c.file),
            &self.overrides.disable,
        );
        // A bilingual file: its source is matched with the same glossary in the source
        // language, which the option gives, else the file, else the configuration, else
        // English.
        if !extracted.units.is_empty() {
            let source_lang = self
                .overrides
                .source_lang
                .clone()
                .or_else(|| {
                    extracted
                        .source_lang
                        .clone()
                        .filter(|l| glosslint::glossary::is_valid_lang_tag(l))
                })
                .or_else(|| config.as_ref().and_then(|c| c.file.source_lang.clone()))
                .unwrap_or_else(|| "en".to_string());
            let key = (key.0.clone(), key.1, source_lang.clone());
            let source = self
                .indexes
                .entry(key)
                .or_insert_with(|| Arc::new(glossary.index(&source_lang)))
                .clone();
            options.check.bilingual = Some(glosslint::check::Bilingual { source });
        }
        Ok(FileSettings {
            index,
            lang,
            lang_source,
            options,
        })
    }

    /// The language of a file, by the library's precedence (see
    /// [`glosslint::file::SourceFile::language`]); this finds the hints it takes: `--lang`,
    /// the first `[languages]` pattern that matches, the configuration's `lang`.
    fn lang_for(
        &self,
        path: Option<&Path>,
        extracted: &Extracted,
        only_language: Option<&str>,
        config: Option<&LoadedConfig>,
    ) -> (String, LangSource) {
        let pattern = match (config, path) {
            (Some(c), Some(path)) => {
                let absolute = absolute(path);
                let relative = absolute.strip_prefix(&c.dir).unwrap_or(&absolute);
                c.languages
                    .iter()
                    .find(|(globs, _)| globs.is_match(relative))
                    .map(|(_, lang)| lang.as_str())
            }
            _ => None,
        };
        let hints = LangHints {
            forced: self.overrides.lang.as_deref(),
            pattern,
            config: config.and_then(|c| c.file.lang.as_deref()),
            only: only_language,
        };
        language_of(extracted, path, &hints)
    }

    /// Whether `path` is a configuration or glossary file this resolver has read.
    pub fn has_read(&self, path: &Path) -> bool {
        let path = absolute(path);
        self.configs.keys().any(|p| absolute(p) == path)
            || self
                .glossaries
                .keys()
                .any(|(paths, _)| paths.iter().any(|p| absolute(p) == path))
    }

    /// Whether the configuration that governs `path` excludes it from folder walks.
    pub fn is_excluded(&mut self, path: &Path) -> bool {
        match self.config_for(Some(path)) {
            Ok(Some(c)) => {
                let absolute = absolute(path);
                let relative = absolute.strip_prefix(&c.dir).unwrap_or(&absolute);
                c.exclude.is_match(relative)
            }
            _ => false,
        }
    }

    fn config_for(&mut self, path: Option<&Path>) -> Result<Option<Arc<LoadedConfig>>, Unusable> {
        if let Some(explicit) = self.overrides.config.clone() {
            return self.load_config(&explicit).map(Some);
        }
        let start = match path {
            Some(p) => absolute(p)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            None => std::env::current_dir().unwrap_or_default(),
        };
        if let Some(found) = self.found.get(&start) {
            return Ok(found.clone());
        }
        let mut dir = Some(start.as_path());
        let mut result = None;
        while let Some(d) = dir {
            let candidate = d.join(CONFIG_FILE_NAME);
            if candidate.is_file() {
                result = Some(self.load_config(&candidate)?);
                break;
            }
            dir = d.parent();
        }
        self.found.insert(start, result.clone());
        Ok(result)
    }

    fn load_config(&mut self, path: &Path) -> Result<Arc<LoadedConfig>, Unusable> {
        let unusable = |errors| Unusable {
            errors,
            reason: format!("the configuration {} has errors", path.display()),
        };
        if let Some(cached) = self.configs.get(path) {
            return cached.clone().map_err(|_| unusable(Vec::new()));
        }
        let loaded = read_config(path);
        self.configs.insert(
            path.to_path_buf(),
            loaded.as_ref().map(Arc::clone).map_err(|_| ()),
        );
        loaded.map_err(unusable)
    }

    fn glossary(&mut self, paths: &[PathBuf], builtin: bool) -> Result<Arc<Loaded>, Unusable> {
        let unusable = |errors| Unusable {
            errors,
            reason: "the glossary has errors".to_string(),
        };
        let key = (paths.to_vec(), builtin);
        if let Some(cached) = self.glossaries.get(&key) {
            return cached.clone().map_err(|_| unusable(Vec::new()));
        }
        let loaded = read_glossaries(paths, builtin, self.overrides.cache.as_deref());
        self.glossaries
            .insert(key, loaded.as_ref().map(Arc::clone).map_err(|_| ()));
        loaded.map_err(unusable)
    }
}

fn read_config(path: &Path) -> Result<Arc<LoadedConfig>, Vec<FileError>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![FileError::new(
            &name,
            format!("cannot read the configuration: {e}"),
        )]
    })?;
    let file = ConfigFile::parse(&name, &text).map_err(|e| vec![e])?;
    let mut languages = Vec::new();
    for (pattern, lang) in &file.languages {
        let glob = Glob::new(pattern)
            .and_then(|g| GlobSetBuilder::new().add(g).build())
            .map_err(|e| {
                vec![FileError::new(
                    &name,
                    format!("bad path pattern `{pattern}` in [languages]: {e}"),
                )]
            })?;
        languages.push((glob, lang.clone()));
    }
    let mut exclude = GlobSetBuilder::new();
    for pattern in &file.exclude {
        let glob = Glob::new(pattern).map_err(|e| {
            vec![FileError::new(
                &name,
                format!("bad path pattern `{pattern}` in `exclude`: {e}"),
            )]
        })?;
        exclude.add(glob);
    }
    let exclude = exclude.build().map_err(|e| {
        vec![FileError::new(
            &name,
            format!("bad `exclude` patterns: {e}"),
        )]
    })?;
    let dir = absolute(path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok(Arc::new(LoadedConfig {
        dir,
        file,
        languages,
        exclude,
    }))
}

fn read_glossaries(
    paths: &[PathBuf],
    builtin: bool,
    cache_dir: Option<&Path>,
) -> Result<Arc<Loaded>, Vec<FileError>> {
    let mut errors = Vec::new();
    let mut sources = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        if let Some(why) = glosslint::glossary::oversized(path) {
            errors.push(FileError::new(name, why));
            continue;
        }
        match std::fs::read(path).with_context(|| "cannot read the glossary") {
            // An empty file is most often a glossary not yet written, or one cut short.
            Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => errors.push(FileError::new(
                name,
                "the glossary is empty: add entries ([[entry]] tables; see glossaries/README.md) or leave it out",
            )),
            Ok(bytes) => sources.push((name, bytes)),
            Err(e) => errors.push(FileError::new(name, format!("{e:#}"))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // The built-in glossary counts: with it alone, a run of many languages spent a fifth of
    // its time parsing it and building an index per language.
    let size: usize = sources.iter().map(|(_, bytes)| bytes.len()).sum::<usize>()
        + if builtin { builtin::WORLD.len() } else { 0 };
    let slot = cache_dir
        .filter(|_| size >= cache::MIN_BYTES)
        .map(|dir| cache::Slot::new(dir, &sources, builtin));
    if let Some(entries) = slot.as_ref().and_then(cache::Slot::load_entries) {
        return Ok(Arc::new(Loaded {
            entries: Arc::new(entries),
            glossary: std::sync::OnceLock::new(),
            cache: slot,
        }));
    }
    // The text is decoded only to be parsed: a cached glossary is found by its bytes.
    let mut texts = Vec::with_capacity(sources.len());
    for (name, bytes) in sources {
        match inputs::decode(&name, bytes) {
            Ok(text) => texts.push((name, text)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut loader = Loader::new();
    // Checking reports positions in the text, never in the glossary.
    loader.skip_places();
    if builtin {
        loader.add_builtin(builtin::WORLD_PATH, builtin::WORLD);
    }
    for (name, text) in &texts {
        loader.add_source(name, text);
    }
    drop(texts);
    let glossary = loader.finish().map_err(|e| e.0)?;
    // Compiled once seen again (see `cache`): the first clean load only leaves a mark.
    let slot = slot.filter(cache::Slot::seen_before);
    if let Some(slot) = &slot {
        slot.store_entries(&glossary);
    }
    Ok(Arc::new(Loaded {
        entries: Arc::new(Entries::from(Arc::new(glossary))),
        glossary: std::sync::OnceLock::new(),
        cache: slot,
    }))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
