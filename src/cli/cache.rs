//! A cache of loaded glossaries, so that a large glossary is not parsed from TOML on every run.
//!
//! Parsing and validating TOML is most of the start-up with a large glossary (about 0.3 s for
//! 100,000 entities); reading the same glossary back as JSON takes a fifth of that. The cache
//! holds what checking needs: the entries and the inflection paradigms, without positions in
//! the glossary files (which only `glossary lint` and `glossary test` report, and they read
//! the TOML). An entry is keyed by a hash of everything the load read: the program (its
//! version, and the size and time of its executable), whether the built-in glossary is under
//! it, and every file's path and bytes. An edited glossary or a rebuilt glosslint is simply a
//! miss. Only loads without errors are stored. A cache that cannot be read or written is
//! passed over: it never makes a run fail.

use glosslint::glossary::Glossary;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Glossaries smaller than this are read from TOML: the cache would save little.
pub const MIN_BYTES: usize = 256 << 10;

/// Cached glossaries kept; the least recently written go first.
const KEEP: usize = 8;

/// Bumped when the cached shape changes.
const FORMAT: u32 = 1;

/// Where cached glossaries are kept: `$GLOSSLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/glosslint`,
/// else `~/.cache/glosslint`. `None` when none is set, or when `GLOSSLINT_CACHE_DIR` is set
/// to the empty string (which turns the cache off).
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GLOSSLINT_CACHE_DIR") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("glosslint"))
}

/// The cache key of a load: two independent 64-bit hashes of what it read, in hex.
pub fn key(sources: &[(String, String)], builtin: bool) -> String {
    // The running program itself, so that a rebuilt or reinstalled glosslint of the same
    // version never reads what another build loaded.
    let program = std::env::current_exe()
        .and_then(std::fs::metadata)
        .ok()
        .map(|m| (m.len(), m.modified().ok()));
    let read = (env!("CARGO_PKG_VERSION"), program, FORMAT, builtin, sources);
    let hash = |mut h: Box<dyn Hasher>| {
        read.hash(&mut h);
        h.finish()
    };
    let a = hash(Box::new(rustc_hash::FxHasher::default()));
    // Fixed keys: the same hash in every run of one build, which is all a cache needs.
    let b = hash(Box::new(std::collections::hash_map::DefaultHasher::new()));
    format!("{a:016x}{b:016x}")
}

#[derive(Serialize)]
struct Stored<'a> {
    format: u32,
    version: &'a str,
    key: &'a str,
    glossary: &'a Glossary,
}

#[derive(Deserialize)]
struct Loaded {
    format: u32,
    version: String,
    key: String,
    glossary: Glossary,
}

fn file_of(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("glossary-{key}.json"))
}

/// The glossary cached under `key`, if there is one and it reads back whole.
pub fn load(dir: &Path, key: &str) -> Option<Glossary> {
    let bytes = std::fs::read(file_of(dir, key)).ok()?;
    let loaded: Loaded = serde_json::from_slice(&bytes).ok()?;
    (loaded.format == FORMAT && loaded.version == env!("CARGO_PKG_VERSION") && loaded.key == key)
        .then_some(loaded.glossary)
}

/// Caches `glossary` under `key`: written to a temporary file and renamed, so that a reader
/// never sees half of it. Keeps the [`KEEP`] most recent entries. Errors are ignored.
pub fn store(dir: &Path, key: &str, glossary: &Glossary) {
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        let stored = Stored {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION"),
            key,
            glossary,
        };
        serde_json::to_writer(std::io::BufWriter::new(&mut tmp), &stored)?;
        tmp.as_file_mut().flush()?;
        tmp.persist(file_of(dir, key)).map_err(|e| e.error)?;
        Ok(())
    };
    if write().is_ok() {
        prune(dir);
    }
}

/// Removes all but the [`KEEP`] most recently written cached glossaries.
fn prune(dir: &Path) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = read
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("glossary-") && name.ends_with(".json")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, path) in files.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sahel() -> Glossary {
        let mut loader = glosslint::glossary::Loader::new();
        loader.skip_places();
        loader.add_source("sahel.toml", include_str!("../../glossaries/sahel.toml"));
        loader.finish().unwrap()
    }

    /// A stored glossary keeps what checking reads; positions in the glossary file (the
    /// entry's origin, its examples' lines) are for `glossary lint` and `glossary test`,
    /// which read the TOML.
    #[test]
    fn a_stored_glossary_reads_back_equal_but_for_its_positions() {
        let dir = tempfile::tempdir().unwrap();
        let g = sahel();
        let key = key(&[("sahel.toml".into(), "text".into())], true);
        assert_eq!(load(dir.path(), &key), None);
        store(dir.path(), &key, &g);
        let back = load(dir.path(), &key).unwrap();
        assert_eq!(back.inflections, g.inflections);
        assert_eq!(back.entries.len(), g.entries.len());
        for (a, b) in back.entries.iter().zip(&g.entries) {
            let mut b = b.clone();
            b.origin = Default::default();
            for x in &mut b.examples {
                x.line = 0;
            }
            assert_eq!(*a, b);
        }
    }

    #[test]
    fn keys_change_with_any_input_and_bad_files_are_misses() {
        let base = key(&[("g.toml".into(), "a".into())], true);
        assert_ne!(base, key(&[("g.toml".into(), "b".into())], true));
        assert_ne!(base, key(&[("h.toml".into(), "a".into())], true));
        assert_ne!(base, key(&[("g.toml".into(), "a".into())], false));
        assert_eq!(base, key(&[("g.toml".into(), "a".into())], true));

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(file_of(dir.path(), &base), b"{\"format\": 1, \"trunc").unwrap();
        assert_eq!(load(dir.path(), &base), None);
        // A file stored under another key (renamed by hand, say) is not taken for this one.
        let other = key(&[("g.toml".into(), "b".into())], true);
        store(dir.path(), &other, &sahel());
        std::fs::rename(file_of(dir.path(), &other), file_of(dir.path(), &base)).unwrap();
        assert_eq!(load(dir.path(), &base), None);
    }

    #[test]
    fn only_the_most_recent_entries_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let g = Glossary::default();
        for i in 0..KEEP + 3 {
            store(dir.path(), &format!("{i:032x}"), &g);
            // Distinct modification times, oldest first.
            let t = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(i as u64);
            let f = std::fs::File::options()
                .write(true)
                .open(file_of(dir.path(), &format!("{i:032x}")))
                .unwrap();
            f.set_modified(t).unwrap();
        }
        prune(dir.path());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left.len(), KEEP);
        assert_eq!(left[0], format!("glossary-{:032x}.json", 3));
    }
}
