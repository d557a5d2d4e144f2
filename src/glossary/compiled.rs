//! The entries that an index refers to: a loaded glossary, or a compiled one whose entries are
//! decoded one at a time, when a finding first needs them.
//!
//! A compiled glossary is bytes (see [`compile_glossary`]) that are read in place: each entry
//! as its own JSON text, the entries' ids sorted for lookups by id, the languages and the
//! inflection paradigms. With an index compiled from it (see [`super::Index::compile`]), a
//! check of a large glossary starts without parsing it: most entries are never decoded,
//! because most texts mention few of them, and most of those are written right.

use super::flat::{CompiledBytes, CompiledError, Reader, Strings, Writer};
use super::{EntriesById, Entry, Glossary};
use rayon::prelude::*;
use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

/// The first eight bytes of a compiled glossary, and its layout's version.
const MAGIC: &[u8; 8] = b"GLENTRY\0";
const FORMAT: u32 = 1;

/// The entries of a glossary, as an index reads them.
pub enum Entries {
    /// A loaded glossary, and its entries by id (sorted when first needed).
    Loaded {
        glossary: Arc<Glossary>,
        by_id: OnceLock<EntriesById>,
    },
    Compiled(CompiledGlossary),
}

impl From<Arc<Glossary>> for Entries {
    fn from(glossary: Arc<Glossary>) -> Entries {
        Entries::Loaded {
            glossary,
            by_id: OnceLock::new(),
        }
    }
}

impl Entries {
    pub fn len(&self) -> usize {
        match self {
            Entries::Loaded { glossary, .. } => glossary.entries.len(),
            Entries::Compiled(c) => c.json.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entry number `i`.
    pub fn get(&self, i: usize) -> &Entry {
        match self {
            Entries::Loaded { glossary, .. } => &glossary.entries[i],
            Entries::Compiled(c) => c.entry(i),
        }
    }

    /// The entry with id `id`.
    pub fn by_id(&self, id: &str) -> Option<&Entry> {
        match self {
            Entries::Loaded { glossary, by_id } => by_id
                .get_or_init(|| EntriesById::new(glossary))
                .get(glossary, id),
            Entries::Compiled(c) => c
                .by_id
                .find(id, |e| c.ids.get(e as u32))
                .map(|e| c.entry(e)),
        }
    }

    /// Languages that at least one entry has forms in, sorted.
    pub fn languages(&self) -> Vec<String> {
        match self {
            Entries::Loaded { glossary, .. } => glossary.languages(),
            Entries::Compiled(c) => c.languages.clone(),
        }
    }

    /// The glossary these entries are: the loaded one, or every compiled entry decoded
    /// (without positions in its files), to build an index that was not compiled.
    pub fn to_glossary(&self) -> Result<Arc<Glossary>, CompiledError> {
        match self {
            Entries::Loaded { glossary, .. } => Ok(Arc::clone(glossary)),
            Entries::Compiled(c) => c.to_glossary().map(Arc::new),
        }
    }
}

/// A glossary read in place from bytes that [`compile_glossary`] wrote.
pub struct CompiledGlossary {
    /// Each entry's JSON text.
    json: Strings,
    /// Each entry's id, and the entries sorted by id.
    ids: Strings,
    by_id: EntriesById,
    languages: Vec<String>,
    /// The inflection paradigms, as JSON.
    inflections: String,
    /// The entries decoded so far.
    decoded: Vec<OnceLock<Box<Entry>>>,
}

/// Writes the glossary's bytes to `out`, for [`CompiledGlossary::read`]. Positions in the
/// glossary files are not kept: checking reports positions in the text, never in the
/// glossary.
pub fn compile_glossary<W: Write>(glossary: &Glossary, out: W) -> io::Result<W> {
    let n = glossary.entries.len();
    let mut json = Strings::with_capacity(n, n * 256);
    let mut ids = Strings::with_capacity(n, n * 16);
    let texts: Vec<String> = glossary
        .entries
        .par_iter()
        .map(|e| serde_json::to_string(e).expect("an entry is JSON"))
        .collect();
    for (e, text) in glossary.entries.iter().zip(&texts) {
        json.push(text);
        ids.push(&e.id);
    }
    drop(texts);
    let mut w = Writer::new(out, MAGIC, FORMAT)?;
    json.write(&mut w)?;
    ids.write(&mut w)?;
    w.list(&EntriesById::new(glossary).0)?;
    w.str(&glossary.languages().join("\n"))?;
    w.str(&serde_json::to_string(&glossary.inflections).expect("paradigms are JSON"))?;
    w.finish()
}

impl CompiledGlossary {
    /// Reads a compiled glossary in place: `data` (a mapped file, say) must be aligned to
    /// eight bytes. Entries are decoded when first asked for.
    pub fn read(data: CompiledBytes) -> Result<CompiledGlossary, CompiledError> {
        let mut r = Reader::new(&data, MAGIC, FORMAT)?;
        let json = Strings::read(&mut r)?;
        let ids = Strings::read(&mut r)?;
        let sorted = r.list::<u32>()?;
        let languages = r.str()?;
        let inflections = r.str()?;
        let n = json.len();
        if ids.len() != n || sorted.len() != n {
            return Err(r.damaged("entries and their ids differ in number"));
        }
        r.finish()?;
        let languages = languages
            .split('\n')
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        Ok(CompiledGlossary {
            json,
            ids,
            by_id: EntriesById(sorted),
            languages,
            inflections,
            decoded: (0..n).map(|_| OnceLock::new()).collect(),
        })
    }

    /// Entry number `i`, decoded on first use.
    ///
    /// # Panics
    ///
    /// When its JSON does not decode: the bytes were changed after they were read whole
    /// (the caller checks that they were written by this version of glosslint).
    pub fn entry(&self, i: usize) -> &Entry {
        self.decoded[i].get_or_init(|| {
            Box::new(self.decode(i).unwrap_or_else(|e| {
                panic!("{e}: remove the glossary cache, or run with --no-cache")
            }))
        })
    }

    /// Entry number `i`, decoded from its JSON.
    fn decode(&self, i: usize) -> Result<Entry, CompiledError> {
        serde_json::from_str(self.json.get(i as u32)).map_err(|_| CompiledError::Entry(i))
    }

    /// Every entry decoded, in parallel: the glossary that was compiled (without positions
    /// in its files), to build an index of a language that has none compiled yet.
    pub fn to_glossary(&self) -> Result<Glossary, CompiledError> {
        let entries = (0..self.json.len())
            .into_par_iter()
            .map(|i| self.decode(i))
            .collect::<Result<Vec<Entry>, _>>()?;
        let inflections = serde_json::from_str(&self.inflections)
            .map_err(|_| CompiledError::Entry(self.json.len()))?;
        Ok(Glossary {
            entries,
            inflections,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::aligned_copy as aligned;

    fn sahel() -> Glossary {
        Glossary::from_toml("sahel.toml", include_str!("../../glossaries/sahel.toml")).unwrap()
    }

    /// The glossary without positions in its file, which a compiled glossary does not keep.
    fn without_positions(mut g: Glossary) -> Glossary {
        for e in &mut g.entries {
            e.origin = Default::default();
            e.places = Default::default();
            for x in &mut e.examples {
                x.line = 0;
            }
        }
        g
    }

    #[test]
    fn a_compiled_glossary_reads_back_entry_by_entry() {
        let g = sahel();
        let bytes = compile_glossary(&g, Vec::new()).unwrap();
        let compiled = CompiledGlossary::read(aligned(&bytes)).unwrap();
        let entries = Entries::Compiled(compiled);
        let expected = without_positions(g.clone());
        assert_eq!(entries.len(), g.entries.len());
        assert_eq!(entries.languages(), g.languages());
        let goita = entries.by_id("assimi-goita").unwrap();
        assert_eq!(goita.forms.get("en").unwrap().canonical, "Assimi Goïta");
        assert_eq!(
            *goita,
            *expected
                .entries
                .iter()
                .find(|e| e.id == "assimi-goita")
                .unwrap()
        );
        assert!(entries.by_id("nobody").is_none());
        for (i, e) in expected.entries.iter().enumerate() {
            assert_eq!(entries.get(i), e);
            assert_eq!(entries.by_id(&e.id), Some(e));
        }
        let Entries::Compiled(c) = &entries else {
            unreachable!()
        };
        assert_eq!(c.to_glossary().unwrap(), expected);
    }

    /// A program that loads and drops compiled glossaries and indexes (a language server
    /// reloading its glossary) frees their bytes each time: memory stays flat.
    #[test]
    fn compiled_glossaries_and_indexes_free_their_bytes_when_dropped() {
        let g = Arc::new(sahel());
        let entries_bytes = compile_glossary(&g, Vec::new()).unwrap();
        let index_bytes = crate::glossary::Index::new(Arc::clone(&g), "en")
            .compile(Vec::new())
            .unwrap();
        let options = crate::check::CheckOptions::default();
        for _ in 0..1000 {
            let (entries, compiled) = (aligned(&entries_bytes), aligned(&index_bytes));
            let alive = (Arc::downgrade(&entries), Arc::downgrade(&compiled));
            let read = Entries::Compiled(CompiledGlossary::read(entries).unwrap());
            let index = crate::glossary::Index::read(compiled, Arc::new(read)).unwrap();
            let found = crate::check::check(&index, "the Takoba force", &options);
            assert_eq!(found[0].entry, "takuba");
            assert!(alive.0.upgrade().is_some() && alive.1.upgrade().is_some());
            drop((found, index));
            assert!(alive.0.upgrade().is_none() && alive.1.upgrade().is_none());
        }
    }

    #[test]
    fn an_index_is_not_read_as_a_glossary() {
        let g = Arc::new(sahel());
        let index = crate::glossary::Index::new(Arc::clone(&g), "en");
        assert!(matches!(
            CompiledGlossary::read(aligned(&index.compile(Vec::new()).unwrap())),
            Err(CompiledError::Format)
        ));
    }
}
