//! A cache of compiled glossaries and indexes, so that a large glossary is neither parsed nor
//! indexed on every run.
//!
//! Parsing, validating and indexing 100,000 entities takes about half a second. Compiled
//! (see [`glosslint::glossary::compile_glossary`] and [`Index::compile`]), the same glossary
//! and its index for a language are files that are mapped into memory and read in place:
//! a run reads the pages it looks up, and decodes only the entries its findings name. The
//! glossary is compiled once (without positions in its files, which only `glossary lint`
//! and `glossary test` report, and they read the TOML), and an index once per language.
//!
//! A glossary is compiled the second time a run loads it, not the first: a run on a fresh
//! machine (as CI runs are) only leaves a mark that it was seen, and does not pay for
//! writing files that no later run may read (about 0.3 s for 100,000 entities, where
//! loading them takes 0.5 s). From the third run on, the glossary starts from the cache.
//!
//! Files are named by a hash of everything the load read: the program (its version, and the
//! size and time of its executable), whether the built-in glossary is under it, and every
//! file's path and bytes. An edited glossary or a rebuilt glosslint is simply a miss. Each
//! file also starts with that key, so that a file renamed by hand is a miss too. Only loads
//! without errors are stored. A cache that cannot be read or written is passed over: it never
//! makes a run fail.
//!
//! Files are written whole under a temporary name and renamed into place, and never written
//! again: a run maps only files that no one writes to. Removing the cache folder during a run
//! is safe (a removed file stays mapped until the run ends); truncating a file in place is
//! not, and no tool of glosslint's does it.

use glosslint::glossary::{
    compile_glossary, CompiledBytes, CompiledGlossary, Entries, Glossary, Index,
};
use std::hash::{Hash, Hasher};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

/// Glossaries smaller than this are read from TOML: the cache would save little.
pub const MIN_BYTES: usize = 256 << 10;

/// Cached glossaries kept (each with its indexes); the least recently written go first.
const KEEP: usize = 8;

/// Bumped when the cached files' shape changes (3: a checksum ends each file).
const FORMAT: u32 = 3;

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
fn key(sources: &[(String, Vec<u8>)], builtin: bool) -> String {
    // The running program itself, so that a rebuilt or reinstalled glosslint of the same
    // version never reads what another build wrote.
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

/// A place in the cache: its folder and the key of one glossary.
pub struct Slot {
    dir: PathBuf,
    key: String,
}

impl Slot {
    /// The place in `dir` of the glossary loaded from `sources` (path and text of each file),
    /// with the built-in glossary under it or not.
    pub fn new(dir: &Path, sources: &[(String, Vec<u8>)], builtin: bool) -> Slot {
        Slot {
            dir: dir.to_path_buf(),
            key: key(sources, builtin),
        }
    }

    fn glossary_file(&self) -> PathBuf {
        self.dir.join(format!("glossary-{}.entries", self.key))
    }

    fn seen_file(&self) -> PathBuf {
        self.dir.join(format!("glossary-{}.seen", self.key))
    }

    /// Whether an earlier run loaded this glossary; if not, marks that this one did (see the
    /// module's documentation: a glossary is compiled once it is seen again).
    pub fn seen_before(&self) -> bool {
        if self.seen_file().exists() {
            return true;
        }
        match std::fs::create_dir_all(&self.dir)
            .and_then(|_| std::fs::write(self.seen_file(), stamp(&self.key)))
        {
            Ok(()) => prune(&self.dir),
            Err(e) => self.cannot_write(&e),
        }
        false
    }

    /// Says once per run that the cache cannot be written: the run goes on without it.
    fn cannot_write(&self, e: &io::Error) {
        static SAID: std::sync::Once = std::sync::Once::new();
        SAID.call_once(|| {
            eprintln!(
                "glosslint: note: the glossary cache {} cannot be written ({e}); glossaries are loaded without it (set GLOSSLINT_CACHE_DIR to another folder, or to nothing to turn the cache off)",
                self.dir.display()
            )
        });
    }

    /// The index file for `lang`, unless the tag has characters a file name should not.
    fn index_file(&self, lang: &str) -> Option<PathBuf> {
        let plain = !lang.is_empty()
            && lang.len() <= 35
            && lang
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        plain.then(|| self.dir.join(format!("glossary-{}.{lang}.index", self.key)))
    }

    /// The compiled glossary, if there is one and it reads back.
    pub fn load_entries(&self) -> Option<Entries> {
        let data = self.map(&self.glossary_file())?;
        CompiledGlossary::read(data).ok().map(Entries::Compiled)
    }

    /// The compiled index for `lang` of `entries` (which came from [`Slot::load_entries`]).
    pub fn load_index(&self, lang: &str, entries: &Arc<Entries>) -> Option<Index> {
        let data = self.map(&self.index_file(lang)?)?;
        Index::read(data, Arc::clone(entries))
            .ok()
            .filter(|index| index.lang() == lang)
    }

    /// Stores `glossary` compiled. Keeps the [`KEEP`] most recent glossaries.
    pub fn store_entries(&self, glossary: &Glossary) {
        let written = self.store(&self.glossary_file(), |out| {
            compile_glossary(glossary, out).map(drop)
        });
        match written {
            Ok(()) => prune(&self.dir),
            Err(e) => self.cannot_write(&e),
        }
    }

    /// Stores `index` (of a glossary stored with [`Slot::store_entries`]) compiled.
    pub fn store_index(&self, index: &Index) {
        if let Some(file) = self.index_file(index.lang()) {
            if let Err(e) = self.store(&file, |out| index.compile(out).map(drop)) {
                self.cannot_write(&e);
            }
        }
    }

    /// Writes the key, then what `write` writes, to a temporary file renamed to `file`: a
    /// reader never sees half of it.
    fn store(
        &self,
        file: &Path,
        write: impl FnOnce(&mut Summed<'_>) -> io::Result<()>,
    ) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir)?;
        {
            let mut out = BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
            out.write_all(&stamp(&self.key))?;
            let mut summed = Summed {
                out: &mut out,
                sum: Xxh3::new(),
            };
            write(&mut summed)?;
            let sum = summed.sum.digest();
            out.write_all(&sum.to_le_bytes())?;
            out.flush()?;
        }
        tmp.persist(file).map_err(|e| e.error)?;
        Ok(())
    }

    /// The bytes of `file` after its key, if it starts with this slot's key and its
    /// checksum holds, mapped into memory for as long as a table read from them lives.
    fn map(&self, file: &Path) -> Option<CompiledBytes> {
        let file = std::fs::File::open(file).ok()?;
        // SAFETY: a mapped file must not change while it is mapped. Cache files are written
        // whole under a temporary name, renamed into place and never written again (see the
        // module's documentation); removing one leaves the mapping intact.
        #[allow(unsafe_code)]
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        let stamp = stamp(&self.key);
        let payload = checked_payload(&map, &stamp)?;
        let (start, end) = (stamp.len(), stamp.len() + payload.len());
        Some(Arc::new(Mapped { map, start, end }))
    }
}

/// A cache file mapped into memory, and where its payload lies in it. Unmapped when the last
/// table read from it is dropped.
struct Mapped {
    map: memmap2::Mmap,
    start: usize,
    end: usize,
}

impl AsRef<[u8]> for Mapped {
    fn as_ref(&self) -> &[u8] {
        &self.map[self.start..self.end]
    }
}

/// What a cache file holds after `stamp`, if it starts with it and the checksum after the
/// payload is the payload's: a file damaged in any way (a flipped bit, a cut, another
/// program's write) is a miss, rebuilt from the TOML, and never read as an index.
fn checked_payload<'a>(file: &'a [u8], stamp: &[u8]) -> Option<&'a [u8]> {
    let rest = file.strip_prefix(stamp)?;
    let (payload, sum) = rest.split_at_checked(rest.len().checked_sub(8)?)?;
    let sum = u64::from_le_bytes(sum.try_into().ok()?);
    (xxh3_64(payload) == sum).then_some(payload)
}

/// A writer that sums what passes through it, for the checksum that ends a cache file.
pub struct Summed<'a> {
    out: &'a mut dyn Write,
    sum: Xxh3,
}

impl Write for Summed<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.sum.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The first bytes of a cached file: the cache format and key, padded to eight bytes so that
/// what follows is aligned as the compiled data must be.
fn stamp(key: &str) -> Vec<u8> {
    let mut stamp = format!("glosslint cache {FORMAT} {key}\n").into_bytes();
    stamp.resize(stamp.len().next_multiple_of(8), b'\n');
    stamp
}

/// Removes the files of all but the [`KEEP`] most recently written cached glossaries, and
/// those of earlier formats.
fn prune(dir: &Path) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let files: Vec<(String, PathBuf)> = read
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path())))
        .filter(|(name, _)| name.starts_with("glossary-"))
        .collect();
    let mut glossaries: Vec<(std::time::SystemTime, &str)> = files
        .iter()
        .filter_map(|(name, path)| {
            let name = name.strip_prefix("glossary-")?;
            let key = name
                .strip_suffix(".entries")
                .or_else(|| name.strip_suffix(".seen"))?;
            Some((std::fs::metadata(path).ok()?.modified().ok()?, key))
        })
        .collect();
    // Most recent first; a glossary both seen and compiled counts once.
    glossaries.sort_by_key(|g| std::cmp::Reverse(g.0));
    let mut kept: Vec<&str> = Vec::new();
    for (_, key) in glossaries {
        if kept.len() < KEEP && !kept.contains(&key) {
            kept.push(key);
        }
    }
    for (name, path) in &files {
        let key = name["glossary-".len()..]
            .split('.')
            .next()
            .unwrap_or_default();
        let current = [".entries", ".index", ".seen"]
            .iter()
            .any(|ext| name.ends_with(ext));
        if !current || !kept.contains(&key) {
            let _ = std::fs::remove_file(path);
        }
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

    fn slot(dir: &Path, text: &str) -> Slot {
        Slot::new(dir, &[("sahel.toml".into(), text.into())], true)
    }

    /// A stored glossary and index read back and find what the built ones find; positions
    /// in the glossary file (the entry's origin, its examples' lines) are for `glossary lint`
    /// and `glossary test`, which read the TOML.
    #[test]
    fn a_stored_glossary_and_index_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let g = Arc::new(sahel());
        let slot = slot(dir.path(), "text");
        assert!(slot.load_entries().is_none());
        slot.store_entries(&g);
        let entries = Arc::new(slot.load_entries().unwrap());
        assert_eq!(entries.len(), g.entries.len());
        let goita = entries.by_id("assimi-goita").unwrap();
        assert_eq!(goita.forms.get("en").unwrap().canonical, "Assimi Goïta");
        assert_eq!(goita.forms, g.entry("assimi-goita").unwrap().forms);

        let index = Index::new(Arc::clone(&g), "en");
        assert!(slot.load_index("en", &entries).is_none());
        slot.store_index(&index);
        let read = slot.load_index("en", &entries).unwrap();
        assert!(slot.load_index("fr", &entries).is_none());
        let text = "Qasimi Quetta met the Takoba force.";
        let options = glosslint::check::CheckOptions::default();
        let found = |index: &Index| {
            glosslint::check::check(index, text, &options)
                .into_iter()
                .map(|f| (f.rule, f.span, f.entry))
                .collect::<Vec<_>>()
        };
        assert_eq!(found(&read), found(&index));
        assert_eq!(found(&read)[0].2, "assimi-goita");
    }

    #[test]
    fn a_glossary_is_marked_the_first_time_it_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let text = slot(dir.path(), "text");
        assert!(!text.seen_before());
        assert!(text.seen_file().exists());
        assert!(text.seen_before());
        assert!(!slot(dir.path(), "other").seen_before());
    }

    #[test]
    fn keys_change_with_any_input_and_bad_files_are_misses() {
        let base = key(&[("g.toml".into(), "a".into())], true);
        assert_ne!(base, key(&[("g.toml".into(), "b".into())], true));
        assert_ne!(base, key(&[("h.toml".into(), "a".into())], true));
        assert_ne!(base, key(&[("g.toml".into(), "a".into())], false));
        assert_eq!(base, key(&[("g.toml".into(), "a".into())], true));

        let dir = tempfile::tempdir().unwrap();
        let ours = slot(dir.path(), "a");
        std::fs::write(ours.glossary_file(), stamp(&ours.key)).unwrap();
        assert!(ours.load_entries().is_none());
        // A file stored under another key (renamed by hand, say) is not taken for this one.
        let other = slot(dir.path(), "b");
        other.store_entries(&sahel());
        std::fs::rename(other.glossary_file(), ours.glossary_file()).unwrap();
        assert!(ours.load_entries().is_none());
        // A language tag that is no plain file name is not cached.
        assert!(ours.index_file("../en").is_none());
        assert!(ours.index_file("pt-BR").is_some());
    }

    #[test]
    fn only_the_most_recent_glossaries_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let g = Glossary::default();
        let index = Index::new(Arc::new(g.clone()), "en");
        std::fs::write(dir.path().join("glossary-0123.json"), "{}").unwrap();
        for i in 0..KEEP + 3 {
            let slot = Slot {
                dir: dir.path().to_path_buf(),
                key: format!("{i:032x}"),
            };
            slot.store_entries(&g);
            slot.store_index(&index);
            // Distinct modification times, oldest first.
            let t = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(i as u64);
            let f = std::fs::File::options()
                .write(true)
                .open(slot.glossary_file())
                .unwrap();
            f.set_modified(t).unwrap();
        }
        prune(dir.path());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left.len(), 2 * KEEP, "{left:?}");
        assert_eq!(left[0], format!("glossary-{:032x}.en.index", 3));
        assert_eq!(left[1], format!("glossary-{:032x}.entries", 3));
    }
}
