//! File formats: each reads a file into segments of prose, each segment with a map from its
//! bytes back to the file's bytes, so that code, markup, keys and escapes are never checked
//! and never touched, and writes replacement text back the way the format escapes it.
//!
//! This room parses text it is given; it reads no files.

mod html;
mod json;
mod markdown;
mod po;
mod segment;
mod subtitles;
mod table;
mod tmx;
mod xliff;

pub use segment::{Segment, SegmentBuilder};

use serde::Deserialize;
use std::path::Path;

/// The formats glosslint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Po,
    Xliff,
    Json,
    Srt,
    Vtt,
    Tmx,
    Csv,
    Tsv,
}

impl Format {
    pub const ALL: [Format; 11] = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Po,
        Format::Xliff,
        Format::Json,
        Format::Srt,
        Format::Vtt,
        Format::Tmx,
        Format::Csv,
        Format::Tsv,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Po => "po",
            Format::Xliff => "xliff",
            Format::Json => "json",
            Format::Srt => "srt",
            Format::Vtt => "vtt",
            Format::Tmx => "tmx",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        }
    }

    /// File name extensions of the format, lower case.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Text => &["txt", "text"],
            Format::Markdown => &["md", "markdown", "mdown", "mkd"],
            Format::Html => &["html", "htm", "xhtml"],
            Format::Po => &["po", "pot"],
            Format::Xliff => &["xlf", "xliff"],
            Format::Json => &["json"],
            Format::Srt => &["srt"],
            Format::Vtt => &["vtt"],
            Format::Tmx => &["tmx"],
            Format::Csv => &["csv"],
            Format::Tsv => &["tsv", "tab"],
        }
    }

    /// The format a path's extension names.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }

    /// The format a file is read in: `forced` if given, else the one `path`'s extension
    /// names, else plain text.
    pub fn choose(forced: Option<Format>, path: Option<&Path>) -> Format {
        forced
            .or_else(|| path.and_then(Format::from_path))
            .unwrap_or(Format::Text)
    }

    /// The format called `name` (`--format-in`).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Reads `text` into segments, or says where it is malformed.
    pub fn extract(self, text: &str, options: &FormatOptions) -> Result<Extracted, ParseError> {
        match self {
            Format::Text => match &options.aligned_source {
                Some(source) => aligned(text, source),
                None => Ok(plain(text)),
            },
            Format::Markdown => markdown::extract(text),
            Format::Html => html::extract(text),
            Format::Po => po::extract(text, options),
            Format::Xliff => xliff::extract(text),
            Format::Json => match &options.aligned_source {
                Some(source) => json::extract_paired(text, source),
                None => json::extract(text),
            },
            Format::Srt => subtitles::extract_srt(text),
            Format::Vtt => subtitles::extract_vtt(text),
            Format::Tmx => tmx::extract(text, options.target_lang.as_deref()),
            Format::Csv => table::extract(text, false, options),
            Format::Tsv => table::extract(text, true, options),
        }
    }

    /// `replacement` written as the format needs it in place of prose.
    pub fn escape(self, replacement: &str) -> String {
        match self {
            Format::Text | Format::Markdown | Format::Srt | Format::Tsv => replacement.to_string(),
            Format::Html | Format::Xliff | Format::Vtt | Format::Tmx => xml_escape(replacement),
            Format::Csv => table::escape_csv(replacement),
            Format::Json => json::escape(replacement),
            Format::Po => po::escape(replacement),
        }
    }
}

/// Options of the format readers, from `[formats]` in glosslint.toml.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FormatOptions {
    /// PO: check `msgid` (the source text) too, not only `msgstr`.
    #[serde(default)]
    pub po_check_msgid: bool,
    /// Plain text: the source file it is aligned with line by line (`--source`); each line
    /// is a unit. JSON: the source file whose values pair with the target's by key path.
    #[serde(skip)]
    pub aligned_source: Option<std::sync::Arc<str>>,
    /// CSV and TSV: the column of the source text, by header name or 1-based number
    /// (default: the column named `source`, else the first language tag, else 1).
    #[serde(default)]
    pub source_column: Option<String>,
    /// CSV and TSV: the column of the target text (default: `target`, else the second
    /// language tag, else 2).
    #[serde(default)]
    pub target_column: Option<String>,
    /// TMX: the language whose variants are the targets (`--lang`; default: the first
    /// language other than the source).
    #[serde(skip)]
    pub target_lang: Option<String>,
}

/// A file read into prose segments.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub segments: Vec<Segment>,
    /// The language the file declares (PO `Language:`, XLIFF `target-language`/`trgLang`,
    /// HTML `lang`).
    pub lang: Option<String>,
    /// Comments that may hold suppression directives, with the file lines they cover.
    pub comments: Vec<Comment>,
    /// Bilingual files (XLIFF, PO, TMX, bilingual tables, aligned text): the source text of
    /// each target segment that has one, in segment order.
    pub units: Vec<Unit>,
    /// The source language the file declares (XLIFF `source-language`/`srcLang`, TMX
    /// `srclang`).
    pub source_lang: Option<String>,
}

/// A translation unit of a bilingual file: a target segment and the source text it
/// translates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Index of the target segment in [`Extracted::segments`].
    pub segment: usize,
    /// How the file names the unit (XLIFF and TMX `id`, PO `msgctxt` and `msgid`, a table's
    /// row, a line number).
    pub id: String,
    /// The source text, decoded (placeholders and markup left out).
    pub source: String,
}

impl Extracted {
    /// Pairs the segment just pushed with `source`, unless the source is empty.
    pub(crate) fn pair_last(&mut self, id: String, source: String) {
        if source.trim().is_empty() || self.segments.is_empty() {
            return;
        }
        self.units.push(Unit {
            segment: self.segments.len() - 1,
            id,
            source,
        });
    }
}

/// A comment of the file's own syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    /// 1-based line the comment is on.
    pub line: usize,
    /// For comments attached to a unit (a PO entry, an XLIFF unit), the unit's 1-based first
    /// and last lines; `None` for free-standing comments.
    pub covers: Option<(usize, usize)>,
}

/// Where and why a file does not parse in its format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ParseError {
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> ParseError {
        let mut offset = offset.min(text.len());
        // A reader may point inside a character: name the character that holds it.
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        ParseError {
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
            message: message.into(),
        }
    }
}

/// Plain text: one segment, the whole file.
fn plain(text: &str) -> Extracted {
    let mut b = SegmentBuilder::new();
    b.push_raw(text, 0);
    Extracted {
        segments: vec![b.finish()],
        ..Extracted::default()
    }
}

/// A target text aligned line by line with its source: each non-empty line is a segment
/// and a unit, named by its line number.
fn aligned(text: &str, source: &str) -> Result<Extracted, ParseError> {
    fn lines(s: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut at = 0;
        for line in s.split_inclusive('\n') {
            out.push((at, line.trim_end_matches(['\n', '\r'])));
            at += line.len();
        }
        out
    }
    let target = lines(text);
    let source = lines(source);
    if target.len() != source.len() {
        return Err(ParseError::at(
            text,
            text.len(),
            format!(
                "the target has {} lines and its source {}: files aligned line by line need as many lines each",
                target.len(),
                source.len()
            ),
        ));
    }
    let mut out = Extracted::default();
    for (n, ((at, line), (_, src))) in target.into_iter().zip(source).enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut b = SegmentBuilder::new();
        b.push_raw(line, at);
        out.segments.push(b.finish());
        out.pair_last(format!("line {}", n + 1), src.to_string());
    }
    Ok(out)
}

pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Decodes the XML/HTML character reference at the start of `s` (`&amp;`, `&#233;`,
/// `&#xE9;`, and the HTML entities prose uses most), returning the text and the raw length.
pub(crate) fn decode_entity(s: &str) -> Option<(String, usize)> {
    // Bytes, not a str slice: the 12th byte may fall inside a character ("&éééééé").
    let end = memchr::memchr(b';', &s.as_bytes()[..s.len().min(12)])?;
    let name = &s[1..end];
    let decoded = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?.to_string()
    } else if let Some(dec) = name.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?.to_string()
    } else {
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{00A0}',
            "shy" => '\u{00AD}',
            "rsquo" => '’',
            "lsquo" => '‘',
            "rdquo" => '”',
            "ldquo" => '“',
            "laquo" => '«',
            "raquo" => '»',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "eacute" => 'é',
            "egrave" => 'è',
            "iuml" => 'ï',
            "ocirc" => 'ô',
            "ccedil" => 'ç',
            "zwnj" => '\u{200C}',
            "zwj" => '\u{200D}',
            "lrm" => '\u{200E}',
            "rlm" => '\u{200F}',
            _ => return None,
        };
        c.to_string()
    };
    Some((decoded, end + 1))
}

/// Appends raw XML/HTML character data at `base` to a segment, decoding references.
pub(crate) fn push_xml_text(b: &mut SegmentBuilder, raw: &str, base: usize) {
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        if rest.starts_with('&') {
            if let Some((decoded, len)) = decode_entity(rest) {
                b.push_decoded(&decoded, base + i, len);
                i += len;
                continue;
            }
        }
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let next = rest[first..].find('&').map_or(rest.len(), |n| n + first);
        b.push_raw(&rest[..next], base + i);
        i += next;
    }
}

/// Ends the segment being built, keeping it unless it is only white space.
pub(crate) fn flush(b: &mut SegmentBuilder, out: &mut Extracted) {
    let done = std::mem::take(b);
    if !done.is_empty() {
        out.segments.push(done.finish());
    }
}

/// 1-based lines of byte offsets, counted on from the last offset asked: a reader that asks
/// in file order counts every newline once, so a file with many units stays linear.
pub(crate) struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte `offset`.
    pub(crate) fn line_of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            // Asked backwards: count again from the start (no reader does this often).
            self.at = 0;
            self.line = 1;
        }
        self.line += memchr::memchr_iter(b'\n', &self.text[self.at..offset]).count();
        self.at = offset;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_and_name() {
        assert_eq!(Format::from_path(Path::new("a/b.fr.PO")), Some(Format::Po));
        assert_eq!(Format::from_path(Path::new("x.xlf")), Some(Format::Xliff));
        assert_eq!(Format::from_path(Path::new("x.rs")), None);
        assert_eq!(Format::from_name("vtt"), Some(Format::Vtt));
    }

    #[test]
    fn lines_count_forwards_and_backwards() {
        let mut lines = LineCounter::new("a\nb\n\nc");
        assert_eq!(lines.line_of(0), 1);
        assert_eq!(lines.line_of(2), 2);
        assert_eq!(lines.line_of(5), 4);
        assert_eq!(lines.line_of(1), 1);
        assert_eq!(lines.line_of(99), 4);
    }

    #[test]
    fn entities_decode_with_their_raw_length() {
        assert_eq!(decode_entity("&amp;x"), Some(("&".to_string(), 5)));
        assert_eq!(decode_entity("&#xEF;"), Some(("ï".to_string(), 6)));
        assert_eq!(decode_entity("&#239;"), Some(("ï".to_string(), 6)));
        assert_eq!(decode_entity("& x"), None);
        // Twelve bytes in is inside a character: no reference, and no panic.
        assert_eq!(decode_entity("&ééééééé du Mali"), None);
        assert_eq!(decode_entity("&gt; テスト版"), Some((">".to_string(), 4)));
    }

    /// Pieces of markup of every format, and text in several scripts, so that random strings
    /// reach the readers' corners: unclosed tags and comments, references cut short.
    fn fragments() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "<",
            ">",
            "</",
            "/>",
            "<!--",
            "-->",
            "<!-->",
            "<![CDATA[",
            "]]>",
            "<?xml ?>",
            "<p>",
            "</p>",
            "<pre>",
            "</PRE>",
            "<b>",
            "<v Bob>",
            "&",
            ";",
            "&amp;",
            "&#x",
            "&#",
            "&gt;",
            "ééééé",
            "テスト",
            "Мали",
            "مالي",
            "\"",
            "'",
            "=",
            " ",
            "\n",
            "\r\n",
            "\\",
            "\\u",
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            "msgid ",
            "msgstr ",
            "msgctxt ",
            "#, fuzzy",
            "#.",
            "Language: fr\\n",
            "-->",
            "00:00:01,000 --> 00:00:02,000",
            "00:01.000 --> 00:02.000",
            "WEBVTT",
            "NOTE",
            "1",
            "<trans-unit id=\"a\">",
            "<target>",
            "</target>",
            "<unit>",
            "</unit>",
            "<note>",
            "<xliff version=\"2.0\" trgLang=\"fr\">",
            "<source>",
            "</source>",
            "<header srclang=\"en\"/>",
            "<tu tuid=\"1\">",
            "</tu>",
            "<tuv xml:lang=\"fr\">",
            "<tuv xml:lang=\"en\">",
            "</tuv>",
            "<seg>",
            "</seg>",
            "<bpt i=\"1\">",
            "</bpt>",
            "\t",
            "\"\"",
            "source,target\n",
            "en\tde\n",
            "`",
            "```",
            "---",
            "# ",
            "[a](b)",
            "<http://x>",
            "Takoba",
            "Qasimi Quetta",
            "\u{FEFF}",
            "\u{200F}",
            "\u{10000}",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// No text makes a reader panic, and every segment maps inside the file, onto
        /// character boundaries.
        #[test]
        fn readers_never_panic_and_map_inside_the_file(text in fragments()) {
            for format in Format::ALL {
                let options = FormatOptions { po_check_msgid: true, ..Default::default() };
                let Ok(x) = format.extract(&text, &options) else { continue };
                for s in &x.segments {
                    for i in 0..=s.text.len() {
                        let at = s.file_offset(i);
                        proptest::prop_assert!(at <= text.len(), "{format:?} {at} > {}", text.len());
                    }
                    if let Some(span) = s.to_file(0, s.text.len()) {
                        proptest::prop_assert!(span.end <= text.len());
                        proptest::prop_assert!(text.is_char_boundary(span.start));
                        proptest::prop_assert!(text.is_char_boundary(span.end));
                    }
                }
                for c in &x.comments {
                    proptest::prop_assert!(c.line <= text.matches('\n').count() + 1);
                }
            }
        }
    }
}
