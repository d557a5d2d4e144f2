//! Flat storage for the index: lists of plain values and strings in one block, built in
//! memory or read in place from a compiled index (see [`super::compiled`]).
//!
//! A compiled index is a sequence of sections, each a length and its bytes, padded to eight
//! bytes. A list of plain values is read where it lies, without copying, decoding or
//! checking every value: a cached index starts in the time it takes to map the file, and
//! its pages are read from the disk cache as lookups reach them. Reading checks what it can
//! in constant time (the format, every section's size); a value inside a section that was
//! changed after it was written is caught by Rust's bounds checks (a panic, never a read
//! outside a list) or by the UTF-8 check of each string read. (The CLI's cache verifies a
//! checksum of every file before it reads one, so that neither happens.) This room does no
//! I/O of its own: it writes to a writer and reads from bytes that callers hand it.
//!
//! Bytes read in place are owned by the tables read from them, through a shared
//! [`CompiledBytes`]: dropping the last table frees them (or unmaps the file), so a program
//! can load and drop compiled glossaries as often as it likes.

use bytemuck::Pod;
use std::io::{self, Write};
use std::ops::Deref;
use std::sync::Arc;

/// Bytes that compiled data is read from in place: a mapped file, or an aligned copy made
/// by [`aligned_copy`]. They must start at an address aligned to eight bytes. Shared by
/// every table read from them, and freed when the last one is dropped.
pub type CompiledBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A list of plain values, owned or read in place from compiled bytes.
pub(crate) struct Flat<T> {
    repr: Repr<T>,
}

enum Repr<T> {
    Owned(Vec<T>),
    /// `data[start..end]`, whose alignment and size for `T` were checked when it was read.
    Shared {
        data: CompiledBytes,
        start: usize,
        end: usize,
    },
}

impl<T: Pod> Flat<T> {
    /// The list `data[start..end]`, if those bytes are a whole number of aligned `T`s.
    fn shared(data: &CompiledBytes, start: usize, end: usize) -> Option<Flat<T>> {
        let bytes = (**data).as_ref().get(start..end)?;
        bytemuck::try_cast_slice::<u8, T>(bytes).ok()?;
        Some(Flat {
            repr: Repr::Shared {
                data: Arc::clone(data),
                start,
                end,
            },
        })
    }

    /// The list as an owned vector, copied out of compiled bytes the first time.
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        if let Repr::Shared { .. } = self.repr {
            self.repr = Repr::Owned(self.to_vec());
        }
        match &mut self.repr {
            Repr::Owned(v) => v,
            Repr::Shared { .. } => unreachable!("made owned above"),
        }
    }
}

impl<T: Pod> Deref for Flat<T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        match &self.repr {
            Repr::Owned(v) => v,
            // Checked when read: the cast cannot fail.
            Repr::Shared { data, start, end } => {
                bytemuck::cast_slice(&(**data).as_ref()[*start..*end])
            }
        }
    }
}

impl<T> From<Vec<T>> for Flat<T> {
    fn from(v: Vec<T>) -> Self {
        Flat {
            repr: Repr::Owned(v),
        }
    }
}

impl<T> Default for Flat<T> {
    fn default() -> Self {
        Vec::new().into()
    }
}

impl<T: Pod + std::fmt::Debug> std::fmt::Debug for Flat<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Pod> Clone for Flat<T> {
    fn clone(&self) -> Self {
        match &self.repr {
            Repr::Owned(v) => v.clone().into(),
            Repr::Shared { data, start, end } => Flat {
                repr: Repr::Shared {
                    data: Arc::clone(data),
                    start: *start,
                    end: *end,
                },
            },
        }
    }
}

/// Strings in one block, numbered in the order they were pushed.
#[derive(Debug, Default)]
pub(crate) struct Strings {
    /// Owned even when read from compiled bytes: a string is then a slice of checked text,
    /// where one read in place would be checked again on every read (names are read
    /// millions of times in a large run; the block is a few megabytes at most).
    text: String,
    /// The end of each string in `text`; string `i` starts where `i - 1` ends.
    ends: Flat<u32>,
}

impl Strings {
    /// Appends `s` and returns its number.
    pub fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        let ends = self.ends.to_mut();
        ends.push(u32::try_from(self.text.len()).expect("strings under 4 GiB"));
        (ends.len() - 1) as u32
    }

    /// String number `i`. The bounds of strings read from compiled bytes were checked as
    /// they were read (see [`Strings::read`]), so this cannot fail.
    #[inline]
    pub fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The bytes of string number `i`.
    #[inline]
    pub fn bytes(&self, i: u32) -> &[u8] {
        self.get(i).as_bytes()
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn with_capacity(strings: usize, bytes: usize) -> Strings {
        Strings {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(strings).into(),
        }
    }

    pub fn write<W: Write>(&self, w: &mut Writer<W>) -> io::Result<()> {
        w.bytes(self.text.as_bytes())?;
        w.list(&self.ends)
    }

    /// Reads strings written by [`Strings::write`].
    pub fn read(r: &mut Reader) -> Result<Strings, CompiledError> {
        let text = r.bytes()?;
        let ends: Flat<u32> = r.list()?;
        if ends.last().is_some_and(|&end| end as usize != text.len()) {
            return Err(r.damaged("string bounds"));
        }
        // Every string is UTF-8 when the block is and every end falls between characters:
        // checked once here (a few milliseconds for a 100k-entity index), so that reading a
        // string never fails.
        let Ok(whole) = String::from_utf8(text.to_vec()) else {
            return Err(r.damaged("a string that is not UTF-8"));
        };
        let mut previous = 0;
        for &end in ends.iter() {
            let end = end as usize;
            if end < previous || !whole.is_char_boundary(end) {
                return Err(r.damaged("string bounds"));
            }
            previous = end;
        }
        Ok(Strings { text: whole, ends })
    }
}

/// A copy of `bytes` aligned to eight bytes, as compiled data must be, for a caller that
/// reads a compiled file whole instead of mapping it.
pub fn aligned_copy(bytes: &[u8]) -> CompiledBytes {
    let mut words = vec![0u64; bytes.len().div_ceil(8)];
    bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
    Arc::new(Aligned {
        words,
        len: bytes.len(),
    })
}

/// Bytes in a vector of eight-byte words, so that they start aligned.
struct Aligned {
    words: Vec<u64>,
    len: usize,
}

impl AsRef<[u8]> for Aligned {
    fn as_ref(&self) -> &[u8] {
        &bytemuck::cast_slice::<u64, u8>(&self.words)[..self.len]
    }
}

/// Why a compiled index cannot be read. It is never the user's doing: the caller rebuilds
/// the index from the glossary.
#[derive(Debug, thiserror::Error)]
pub enum CompiledError {
    #[error("not a compiled glossary index of this version of glosslint")]
    Format,
    #[error("the compiled index is damaged at byte {at}: {what}")]
    Damaged { at: usize, what: &'static str },
    /// Entry `.0` of a compiled glossary (or, one past the last, its paradigms) is not the
    /// JSON that was written.
    #[error("entry {0} of the compiled glossary does not decode")]
    Entry(usize),
}

/// Writes sections of a compiled index to `W`.
pub(crate) struct Writer<W> {
    out: W,
    /// Bytes written so far.
    at: usize,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, magic: &[u8; 8], format: u32) -> io::Result<Writer<W>> {
        let mut w = Writer { out, at: 0 };
        w.bytes(magic)?;
        w.u64(u64::from(format))?;
        Ok(w)
    }

    /// A section: its length, its bytes, and padding to eight bytes.
    pub fn bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(&(bytes.len() as u64).to_le_bytes())?;
        self.out.write_all(bytes)?;
        self.at += 8 + bytes.len();
        let pad = self.at.next_multiple_of(8) - self.at;
        self.out.write_all(&[0; 8][..pad])?;
        self.at += pad;
        Ok(())
    }

    pub fn list<T: Pod>(&mut self, list: &[T]) -> io::Result<()> {
        self.bytes(bytemuck::cast_slice(list))
    }

    pub fn u64(&mut self, v: u64) -> io::Result<()> {
        self.list(&[v])
    }

    pub fn str(&mut self, s: &str) -> io::Result<()> {
        self.bytes(s.as_bytes())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Reads sections of a compiled index, in the order they were written, in place.
pub(crate) struct Reader<'a> {
    data: &'a CompiledBytes,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader of `data`, which starts with `magic` and `format`. `data` must be aligned to
    /// eight bytes (a mapped file is).
    pub fn new(
        data: &'a CompiledBytes,
        magic: &[u8; 8],
        format: u32,
    ) -> Result<Reader<'a>, CompiledError> {
        let bytes = (**data).as_ref();
        if bytes.as_ptr().align_offset(8) != 0 {
            return Err(CompiledError::Format);
        }
        let mut r = Reader { data, bytes, at: 0 };
        let ok = r.section().ok().map(|(s, e)| &bytes[s..e]) == Some(&magic[..])
            && r.u64().ok() == Some(u64::from(format));
        if ok {
            Ok(r)
        } else {
            Err(CompiledError::Format)
        }
    }

    pub fn damaged(&self, what: &'static str) -> CompiledError {
        CompiledError::Damaged { at: self.at, what }
    }

    /// The next section's place in the bytes.
    fn section(&mut self) -> Result<(usize, usize), CompiledError> {
        let len = self
            .bytes
            .get(self.at..self.at + 8)
            .ok_or(self.damaged("a section's length"))?;
        let len = u64::from_le_bytes(len.try_into().map_err(|_| self.damaged("a length"))?);
        let start = self.at + 8;
        let end = usize::try_from(len)
            .ok()
            .and_then(|len| start.checked_add(len))
            .filter(|&end| end <= self.bytes.len())
            .ok_or(self.damaged("a section past the end"))?;
        self.at = end.next_multiple_of(8);
        Ok((start, end))
    }

    pub fn bytes(&mut self) -> Result<Flat<u8>, CompiledError> {
        let (start, end) = self.section()?;
        Flat::shared(self.data, start, end).ok_or(self.damaged("a section"))
    }

    pub fn list<T: Pod>(&mut self) -> Result<Flat<T>, CompiledError> {
        let (start, end) = self.section()?;
        Flat::shared(self.data, start, end).ok_or(self.damaged("a list's size"))
    }

    pub fn u64(&mut self) -> Result<u64, CompiledError> {
        match *self.list::<u64>()? {
            [v] => Ok(v),
            _ => Err(self.damaged("a number")),
        }
    }

    /// A string section, copied: strings read this way are short (a language tag, a list of
    /// languages, the paradigms' JSON).
    pub fn str(&mut self) -> Result<String, CompiledError> {
        let (start, end) = self.section()?;
        std::str::from_utf8(&self.bytes[start..end])
            .map(str::to_string)
            .map_err(|_| self.damaged("a string"))
    }

    /// Fails unless every section was read.
    pub fn finish(self) -> Result<(), CompiledError> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(self.damaged("bytes after the last section"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aligned_copy as aligned;

    #[test]
    fn sections_read_back_in_place() {
        let mut strings = Strings::default();
        let ids: Vec<u32> = ["Goïta", "", "Ассими Гоита", "تاكوبا"]
            .iter()
            .map(|s| strings.push(s))
            .collect();
        let mut w = Writer::new(Vec::new(), b"TESTTEST", 3).unwrap();
        w.list(&[1u32, 2, 3]).unwrap();
        strings.write(&mut w).unwrap();
        w.str("fr-CA").unwrap();
        let data = aligned(&w.finish().unwrap());
        let mut r = Reader::new(&data, b"TESTTEST", 3).unwrap();
        assert_eq!(&*r.list::<u32>().unwrap(), &[1, 2, 3]);
        let back = Strings::read(&mut r).unwrap();
        assert_eq!(r.str().unwrap(), "fr-CA");
        r.finish().unwrap();
        assert_eq!(back.get(ids[0]), "Goïta");
        assert_eq!(back.get(ids[1]), "");
        assert_eq!(back.get(ids[2]), "Ассими Гоита");
        assert_eq!(back.get(ids[3]), "تاكوبا");
        // The bounds are read in place; the text is a checked copy.
        assert!(matches!(back.ends.repr, Repr::Shared { .. }));
    }

    /// Tables read in place own their bytes: once the last is dropped, so are the bytes,
    /// however often a program reads and drops them.
    #[test]
    fn bytes_read_in_place_are_freed_with_the_last_table() {
        let mut strings = Strings::default();
        strings.push("Assimi Goïta");
        let mut w = Writer::new(Vec::new(), b"TESTTEST", 3).unwrap();
        strings.write(&mut w).unwrap();
        let bytes = w.finish().unwrap();
        for _ in 0..1000 {
            let data = aligned(&bytes);
            let alive = Arc::downgrade(&data);
            let back = {
                let mut r = Reader::new(&data, b"TESTTEST", 3).unwrap();
                Strings::read(&mut r).unwrap()
            };
            drop(data);
            assert_eq!(back.get(0), "Assimi Goïta");
            assert!(alive.upgrade().is_some(), "the strings keep their bytes");
            drop(back);
            assert!(alive.upgrade().is_none(), "and free them when dropped");
        }
    }

    #[test]
    fn other_formats_and_damaged_bytes_are_errors() {
        let mut w = Writer::new(Vec::new(), b"TESTTEST", 3).unwrap();
        let mut strings = Strings::default();
        strings.push("Mali");
        strings.write(&mut w).unwrap();
        let bytes = w.finish().unwrap();
        let data = aligned(&bytes);
        assert!(matches!(
            Reader::new(&data, b"TESTTEST", 4),
            Err(CompiledError::Format)
        ));
        assert!(matches!(
            Reader::new(&data, b"OTHERONE", 3),
            Err(CompiledError::Format)
        ));
        // Cut short: the strings section runs past the end.
        let cut = aligned(&bytes[..bytes.len() - 8]);
        let mut r = Reader::new(&cut, b"TESTTEST", 3).unwrap();
        assert!(matches!(
            Strings::read(&mut r),
            Err(CompiledError::Damaged { .. })
        ));
        // The last string ends before the text does.
        let mut w = Writer::new(Vec::new(), b"TESTTEST", 3).unwrap();
        w.bytes("Goïta".as_bytes()).unwrap();
        w.list(&[3u32]).unwrap();
        let data = aligned(&w.finish().unwrap());
        let mut r = Reader::new(&data, b"TESTTEST", 3).unwrap();
        assert!(matches!(
            Strings::read(&mut r),
            Err(CompiledError::Damaged {
                what: "string bounds",
                ..
            })
        ));
    }

    /// A string cut inside a character (bytes changed after they were written) is never
    /// read as text: the strings are refused when read.
    #[test]
    fn a_string_cut_inside_a_character_is_not_text() {
        let mut w = Writer::new(Vec::new(), b"TESTTEST", 3).unwrap();
        w.bytes("Goïta".as_bytes()).unwrap();
        w.list(&[3u32, 6]).unwrap();
        let data = aligned(&w.finish().unwrap());
        let mut r = Reader::new(&data, b"TESTTEST", 3).unwrap();
        assert!(matches!(
            Strings::read(&mut r),
            Err(CompiledError::Damaged {
                what: "string bounds",
                ..
            })
        ));
        let mut w = Writer::new(Vec::new(), b"TESTTEST", 3).unwrap();
        w.bytes(b"Go\xFFta").unwrap();
        w.list(&[5u32]).unwrap();
        let data = aligned(&w.finish().unwrap());
        let mut r = Reader::new(&data, b"TESTTEST", 3).unwrap();
        assert!(matches!(
            Strings::read(&mut r),
            Err(CompiledError::Damaged {
                what: "a string that is not UTF-8",
                ..
            })
        ));
    }
}
