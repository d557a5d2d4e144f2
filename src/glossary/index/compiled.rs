//! The compiled form of an index: [`Index::compile`] writes its tables as flat lists (see
//! [`crate::glossary::flat`]) after a magic number and a format version, and [`Index::read`]
//! reads them back in place, checking the format and the sizes of the lists.
//!
//! This room owns the order of the sections, and [`FORMAT`] is its version. It does no I/O of
//! its own (it writes to a writer and reads bytes that callers hand it), builds no table (the
//! automaton is built again when a text first needs it), and leaves the entries to
//! [`crate::glossary::compile_glossary`], which compiles them once for every language.

use super::automaton::Starts;
use super::key_table::{KeySlot, KeyTable};
use super::postings::Postings;
use super::roles::{Role, StoredRef, NO_ENDING};
use super::word_table::WordTable;
use super::{Index, StoredTarget};
use crate::glossary::compiled::Entries;
use crate::glossary::flat::{CompiledBytes, CompiledError, Reader, Strings, Writer};
use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

/// The first eight bytes of a compiled index, and its layout's version.
const MAGIC: &[u8; 8] = b"GLINDEX\0";
const FORMAT: u32 = 2;

impl Index {
    /// Writes the index to `out`, for [`Index::read`] to read back in place. The entries
    /// are not in it: they are compiled on their own (see
    /// [`crate::glossary::compiled::compile_glossary`]), once for the indexes of every language.
    pub fn compile<W: Write>(&self, out: W) -> io::Result<W> {
        let mut w = Writer::new(out, MAGIC, FORMAT)?;
        w.str(&self.lang)?;
        w.u64(self.entries.len() as u64)?;
        w.list(&self.automaton_patterns)?;
        self.words.write(&mut w)?;
        w.list(&self.refs)?;
        w.list(&self.starts)?;
        w.list(&self.needs_boundary)?;
        w.list(&self.keys.slots)?;
        w.u64(self.keys.len as u64)?;
        self.ordered.write(&mut w)?;
        self.texts.write(&mut w)?;
        w.list(&self.targets)?;
        self.bigrams.write(&mut w)?;
        self.skeletons.write(&mut w)?;
        w.u64(self.max_words as u64)?;
        w.finish()
    }

    /// Reads an index that [`Index::compile`] wrote, in place: the lists stay where they are
    /// in `data` (a mapped file, say), which must be aligned to eight bytes, and `entries`
    /// are those it was built from. The format and the sizes of the lists are checked (see
    /// [`crate::glossary::flat`] for what is not).
    pub fn read(data: CompiledBytes, entries: Arc<Entries>) -> Result<Index, CompiledError> {
        let mut r = Reader::new(&data, MAGIC, FORMAT)?;
        let lang = r.str()?;
        if r.u64()? != entries.len() as u64 {
            return Err(r.damaged("entries of another glossary"));
        }
        let automaton_patterns = r.list::<u32>()?;
        let words = WordTable::read(&mut r)?;
        let refs = r.list::<StoredRef>()?;
        let starts = r.list::<u32>()?;
        let needs_boundary = r.list::<u8>()?;
        let slots = r.list::<KeySlot>()?;
        let keys = KeyTable::read(slots, r.u64()? as usize).ok_or(r.damaged("the key table"))?;
        let ordered = Strings::read(&mut r)?;
        let texts = Strings::read(&mut r)?;
        let targets = r.list::<StoredTarget>()?;
        let bigrams = Postings::read(&mut r)?;
        let skeletons = Postings::read(&mut r)?;
        let max_words = r.u64()? as usize;
        let patterns = ordered.len();
        if starts.len() != patterns + 1
            || starts.last() != Some(&(refs.len() as u32))
            || needs_boundary.len() != patterns
        {
            return Err(r.damaged("lists of patterns that differ in length"));
        }
        // Every stored form names an entry, a string and a role that exist, so that reading
        // one never fails.
        let sound = |f: &StoredRef| {
            (f.entry as usize) < entries.len()
                && (f.form as usize) < texts.len()
                && (f.ending == NO_ENDING || (f.ending as usize) + 1 < texts.len())
                && Role::decode(f.role).is_some()
        };
        if automaton_patterns
            .iter()
            .any(|&p| p as usize >= ordered.len())
        {
            return Err(r.damaged("a pattern of no key"));
        }
        if !refs.iter().all(sound) {
            return Err(r.damaged("a form of no entry, string or role"));
        }
        let strings = texts.len();
        let sound_target = |t: &StoredTarget| {
            (t.entry as usize) < entries.len()
                && [t.form, t.key, t.skeleton]
                    .iter()
                    .all(|&i| (i as usize) < strings)
        };
        if !targets.iter().all(sound_target) {
            return Err(r.damaged("a near-miss target of no entry or string"));
        }
        r.finish()?;
        let pattern_starts = Starts::of(&ordered, &automaton_patterns, &needs_boundary, false);
        Ok(Index {
            entries,
            lang,
            automaton: OnceLock::new(),
            pieces: OnceLock::new(),
            automaton_patterns,
            pattern_starts,
            words,
            refs,
            starts,
            needs_boundary,
            keys,
            ordered,
            texts,
            targets,
            bigrams,
            skeletons,
            max_words,
            id: super::next_id(),
        })
    }
}
