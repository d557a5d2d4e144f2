//! What the fuzz targets (`fuzz/`) run, and what `tests/fuzz_corpus.rs` replays on every
//! input of their corpora: each entry point takes arbitrary bytes and asserts the
//! invariants of its room. A panic here is a bug: every input must give a result or a clear
//! error.
//!
//! - [`extract`]: a format's reader: every character of prose maps back into the file, to
//!   itself or to an escape of it; every unit names a segment.
//! - [`check_and_fix`]: the whole path on a file of any format, with the Sahel and built-in
//!   glossaries: every span inside the input and on character boundaries; the fixed file is
//!   the original plus the reported edits; it parses again; fixing it again changes nothing.
//! - [`glossary_toml`], [`exchange`]: loading and importing glossaries, then indexing and
//!   checking with what loaded.
//! - [`encoding`]: decoding, and encoding back to the same bytes.
//! - [`compiled`]: reading a compiled glossary or index (the cache's files) from any bytes:
//!   read or refused, never a panic; what reads decodes or is refused.

use crate::encoding::{decode, encode};
use crate::file::{FileOptions, LangHints, SourceFile};
use crate::formats::Format;
use crate::glossary::{aligned_copy, CompiledGlossary, Entries, Glossary, Index, Loader};
use crate::Applicability;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Languages the check-and-fix path is tried in, chosen by the input's first byte.
const LANGS: [&str; 8] = ["en", "fr", "de", "ru", "ar", "zh", "ja", "und"];

fn glossary() -> &'static Arc<Glossary> {
    static G: OnceLock<Arc<Glossary>> = OnceLock::new();
    G.get_or_init(|| {
        let mut loader = Loader::new();
        loader.add_source("sahel.toml", include_str!("../glossaries/sahel.toml"));
        loader.add_builtin(
            crate::glossary::builtin::WORLD_PATH,
            crate::glossary::builtin::WORLD,
        );
        Arc::new(loader.finish().expect("the shipped glossaries load"))
    })
}

fn index(lang: &str) -> Arc<Index> {
    static INDEXES: OnceLock<Vec<(String, Arc<Index>)>> = OnceLock::new();
    let all = INDEXES.get_or_init(|| {
        LANGS
            .iter()
            .map(|l| {
                (
                    l.to_string(),
                    Arc::new(Index::new(Arc::clone(glossary()), l)),
                )
            })
            .collect()
    });
    Arc::clone(&all.iter().find(|(l, _)| l == lang).unwrap_or(&all[0]).1)
}

/// Bytes as text, as the CLI reads a file (UTF-8, UTF-16 with its mark), or none.
fn text_of(data: &[u8], xml: bool) -> Option<String> {
    decode(data.to_vec(), xml).ok().map(|d| d.text)
}

/// A format's reader on `data` (the first byte picks reading options).
pub fn extract(format: Format, data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let xml = matches!(format, Format::Xliff | Format::Tmx);
    let Some(text) = text_of(rest, xml) else {
        return;
    };
    let mut options = crate::formats::FormatOptions {
        po_check_msgid: pick & 1 != 0,
        ..Default::default()
    };
    if matches!(format, Format::Text | Format::Json) && pick & 2 != 0 {
        options.aligned_source = Some(Arc::from(text.as_str()));
    }
    let Ok(x) = format.extract(&text, &options) else {
        return;
    };
    for seg in &x.segments {
        for (o, c) in seg.text.char_indices().take(4096) {
            assert!(seg.file_offset(o) <= text.len());
            if let Some(span) = seg.to_file(o, o + c.len_utf8()) {
                assert!(within(&text, span.start, span.end), "{span:?} of {c:?}");
                let raw = &text[span.start..span.end];
                // The character as it is, an escape of it (longer, "&amp;", "\\n"), a line
                // break as the file writes it ("\r"), or a space that stands for markup
                // left out (an unclosed HTML comment), at its place.
                assert!(
                    raw == c.encode_utf8(&mut [0; 4])
                        || raw.len() > c.len_utf8()
                        || (c == '\n' && raw == "\r")
                        || (c.is_whitespace() && raw.is_empty()),
                    "{c:?} maps to {raw:?}"
                );
            }
        }
    }
    for u in &x.units {
        assert!(
            u.segment < x.segments.len(),
            "unit {} names no segment",
            u.id
        );
    }
}

/// The whole file path on `data`: the first byte picks the format, the second the language,
/// the fix level and options; the rest is the file.
pub fn check_and_fix(data: &[u8]) {
    let Some((&f, data)) = data.split_first() else {
        return;
    };
    format(Format::ALL[f as usize % Format::ALL.len()], data);
}

fn format(format: Format, data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let xml = matches!(format, Format::Xliff | Format::Tmx);
    let Some(text) = text_of(rest, xml) else {
        return;
    };
    let lang = LANGS[pick as usize % LANGS.len()];
    let mut options = FileOptions::default();
    if format == Format::Text && pick & 0x80 != 0 {
        // The text as its own source, line by line: the bilingual rules run.
        options.format.aligned_source = Some(Arc::from(text.as_str()));
    }
    let path = Path::new("fuzz.input");
    let Ok(file) = SourceFile::parse("fuzz", Some(path), &text, Some(format), &options.format)
    else {
        return;
    };
    let (declared, _) = file.language(&LangHints::default());
    let index = index(if pick & 0x40 != 0 { &declared } else { lang });
    if !file.extracted.units.is_empty() {
        options.check.bilingual = Some(crate::check::Bilingual {
            source: self::index("en"),
        });
    }
    let checked = file.check(&index, &options);
    for f in checked.findings.iter().chain(&checked.suppressed) {
        assert!(within(&text, f.span.start, f.span.end), "{f:?}");
        for e in f.fix.iter().flat_map(|x| &x.edits) {
            assert!(within(&text, e.span.start, e.span.end), "{f:?}");
        }
    }
    let level = if pick & 0x20 != 0 {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    // A fix whose result would not parse is refused as a whole: that is an answer too.
    let Ok(fixed) = file.fix(&index, &options, level) else {
        return;
    };
    assert_eq!(
        fixed.reported, checked.findings,
        "fixing reports what checking does"
    );
    // The original plus the edits, exactly.
    let mut rebuilt = String::with_capacity(fixed.text.len());
    let mut at = 0;
    for e in &fixed.edits {
        assert!(
            e.span.start >= at && within(&text, e.span.start, e.span.end),
            "{e:?}"
        );
        rebuilt.push_str(&text[at..e.span.start]);
        rebuilt.push_str(&e.replacement);
        at = e.span.end;
    }
    rebuilt.push_str(&text[at..]);
    assert_eq!(
        rebuilt, fixed.text,
        "the fixed text is the original plus its edits"
    );
    assert_eq!(fixed.applied == 0, fixed.text == text);
    // It parses again, and fixing it again changes nothing.
    let again = SourceFile::parse(
        "fuzz",
        Some(path),
        &fixed.text,
        Some(format),
        &options.format,
    )
    .expect("a fixed file parses");
    let twice = again
        .fix(&index, &options, level)
        .expect("a fixed file fixes");
    assert_eq!(twice.text, fixed.text, "fixing twice changes nothing");
}

fn within(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// A glossary from TOML: loaded or refused with its errors; what loads is indexed in each
/// of its first languages and checks a sentence.
pub fn glossary_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(g) = Glossary::from_toml("fuzz.toml", text) else {
        return;
    };
    use_glossary(g);
}

/// The exchange formats' importers: `kind` 0 TBX, 1 CSV, 2 TSV, 3 JSON.
pub fn exchange(kind: u8, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let map = crate::maintain::ColumnMap::default();
    let imported = match kind % 4 {
        0 => crate::maintain::from_tbx(text),
        1 => crate::maintain::from_csv(text, b',', &map),
        2 => crate::maintain::from_csv(text, b'\t', &map),
        _ => crate::maintain::from_json(text),
    };
    if let Ok(g) = imported {
        // What an import writes loads, or is refused with errors; it never panics.
        if let Ok(g) = Glossary::from_toml("imported.toml", &crate::glossary::to_toml(&g)) {
            use_glossary(g);
        }
    }
}

fn use_glossary(g: Glossary) {
    let g = Arc::new(g);
    for lang in g.languages().into_iter().take(2) {
        let index = Index::new(Arc::clone(&g), &lang);
        let text = "Le chef de la junte, Qasimi Quetta, et les forces nigérianes à Niamey.";
        for f in crate::check::check(&index, text, &Default::default()) {
            assert!(within(text, f.span.start, f.span.end));
        }
    }
}

/// Decoding: what decodes encodes back to the same bytes.
pub fn encoding(data: &[u8]) {
    let xml = data.first().is_some_and(|b| b & 1 == 1);
    if let Ok(d) = decode(data.to_vec(), xml) {
        assert_eq!(encode(&d.text, d.encoding).as_ref(), data);
    }
}

/// The compiled forms the glossary cache keeps: the first byte picks a glossary (0) or an
/// index of the Sahel glossary's entries (1); the rest is read. The sections' layout is
/// checked when the bytes are read, and every reference an index holds; what reads decodes
/// whole, or is refused. (Values inside a section changed after it was written are the
/// checksum's job: the CLI verifies it before reading.)
pub fn compiled(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let bytes = aligned_copy(rest);
    if pick & 1 == 0 {
        if let Ok(g) = CompiledGlossary::read(bytes) {
            let _ = g.to_glossary();
        }
    } else {
        static ENTRIES: OnceLock<Arc<Entries>> = OnceLock::new();
        let entries = ENTRIES.get_or_init(|| Arc::new(Entries::from(Arc::clone(sahel()))));
        let _ = Index::read(bytes, Arc::clone(entries));
    }
}

/// The Sahel glossary alone, which the compiled forms are read against.
fn sahel() -> &'static Arc<Glossary> {
    static G: OnceLock<Arc<Glossary>> = OnceLock::new();
    G.get_or_init(|| {
        let g = Glossary::from_toml("sahel.toml", include_str!("../glossaries/sahel.toml"));
        Arc::new(g.expect("the Sahel glossary loads"))
    })
}

/// Seeds for [`compiled`]: the Sahel glossary compiled, and its English and French indexes.
pub fn compiled_seeds() -> Vec<Vec<u8>> {
    let g = sahel();
    let mut seeds = vec![crate::glossary::compile_glossary(g, vec![0]).expect("in memory")];
    for lang in ["en", "fr"] {
        let index = Index::new(Arc::clone(g), lang);
        seeds.push(index.compile(vec![1]).expect("in memory"));
    }
    seeds
}
