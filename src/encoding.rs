//! The encodings translation files come in, read into text and written back the same way.
//!
//! UTF-8, with or without a byte order mark, is read as it is (a mark stays in the text,
//! where the checker passes over it). UTF-16, little- or big-endian, is read when it starts
//! with its byte order mark (what Windows tools and some XLIFF and SRT exports write); the
//! mark becomes the text's first character, U+FEFF, so that the text encodes back to the
//! file's bytes exactly, mark included. An XML file's declared encoding must be the one its
//! bytes are in: a declaration that says otherwise is an error, not a guess. Anything else
//! (a legacy 8-bit encoding, UTF-16 without its mark, binary data) is refused with where
//! and why; naming a legacy encoding is the caller's (the CLI guesses it for its message).
//!
//! Spans are in the UTF-8 text: for a UTF-16 file they are not the file's byte offsets,
//! and lines and columns are what both count.

use std::borrow::Cow;

/// How a file's bytes encode its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark (kept in the text).
    #[default]
    Utf8,
    /// UTF-16, little-endian, with its byte order mark.
    Utf16Le,
    /// UTF-16, big-endian, with its byte order mark.
    Utf16Be,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// Why bytes are not text glosslint reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not UTF-8 at this 1-based line and column (of the valid text before it): `byte` is
    /// the first that is not.
    NotUtf8 {
        line: usize,
        column: usize,
        byte: u8,
    },
    /// UTF-16 that breaks off (an odd number of bytes) or has a lone surrogate, at this
    /// line and column of the text before it.
    BadUtf16 {
        line: usize,
        column: usize,
        message: &'static str,
    },
    /// NUL bytes in every other place, and no byte order mark.
    Utf16WithoutMark { little_endian: bool },
    /// NUL bytes: not text.
    Binary,
    /// The XML declaration names an encoding other than the bytes'. `declared` as written.
    Declared {
        declared: String,
        actual: Encoding,
        line: usize,
        column: usize,
    },
}

/// Text read from bytes, and how to write it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// Bytes [`decode`] refused, and why; the bytes are handed back (to guess what they are).
#[derive(Debug)]
pub struct Rejected {
    pub error: DecodeError,
    pub bytes: Vec<u8>,
}

/// Reads `bytes` as text (see the module's documentation). `xml`: the file is XML (XLIFF,
/// TMX), whose declaration, if it names an encoding, must name the bytes' own.
pub fn decode(bytes: Vec<u8>, xml: bool) -> Result<Decoded, Rejected> {
    let decoded = read(bytes)?;
    if xml {
        if let Err(error) = check_declaration(&decoded) {
            let bytes = encode(&decoded.text, decoded.encoding).into_owned();
            return Err(Rejected { error, bytes });
        }
    }
    Ok(decoded)
}

fn read(bytes: Vec<u8>) -> Result<Decoded, Rejected> {
    let utf16_as = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some((u16::from_le_bytes as fn([u8; 2]) -> u16, Encoding::Utf16Le))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some((u16::from_be_bytes as fn([u8; 2]) -> u16, Encoding::Utf16Be))
    } else {
        None
    };
    if let Some((unit, encoding)) = utf16_as {
        return utf16(&bytes, unit, encoding).map_err(|error| Rejected { error, bytes });
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        let error = match utf16_without_mark(head) {
            Some(little_endian) => DecodeError::Utf16WithoutMark { little_endian },
            None => DecodeError::Binary,
        };
        return Err(Rejected { error, bytes });
    }
    String::from_utf8(bytes)
        .map(|text| Decoded {
            text,
            encoding: Encoding::Utf8,
        })
        .map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let (line, column) = line_column(valid);
            let error = DecodeError::NotUtf8 {
                line,
                column,
                byte: bytes[at],
            };
            Rejected { error, bytes }
        })
}

/// The bytes of `text` in `encoding`: for text [`decode`] read, the file's bytes exactly.
pub fn encode(text: &str, encoding: Encoding) -> Cow<'_, [u8]> {
    match encoding {
        Encoding::Utf8 => Cow::Borrowed(text.as_bytes()),
        Encoding::Utf16Le => Cow::Owned(text.encode_utf16().flat_map(u16::to_le_bytes).collect()),
        Encoding::Utf16Be => Cow::Owned(text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
    }
}

fn utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    encoding: Encoding,
) -> Result<Decoded, DecodeError> {
    let mut text = String::with_capacity(bytes.len());
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                let (line, column) = line_column(&text);
                return Err(DecodeError::BadUtf16 {
                    line,
                    column,
                    message: "a lone surrogate",
                });
            }
        }
    }
    if bytes.len() % 2 == 1 {
        let (line, column) = line_column(&text);
        return Err(DecodeError::BadUtf16 {
            line,
            column,
            message: "an odd number of bytes (the file is cut short)",
        });
    }
    Ok(Decoded { text, encoding })
}

/// Whether `head` reads as UTF-16 without a mark: mostly ASCII with a NUL beside each
/// letter. Some(true) little-endian, Some(false) big-endian.
fn utf16_without_mark(head: &[u8]) -> Option<bool> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zero_at = |odd: usize| {
        head.chunks_exact(2)
            .filter(|p| p[odd] == 0 && p[1 - odd] != 0)
            .count()
    };
    let (le, be) = (zero_at(1), zero_at(0));
    if le * 10 >= pairs * 8 {
        Some(true)
    } else if be * 10 >= pairs * 8 {
        Some(false)
    } else {
        None
    }
}

/// 1-based line and column (in characters) just after `before`.
fn line_column(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// An XML declaration's `encoding`, if it has one, must name what the bytes are.
fn check_declaration(d: &Decoded) -> Result<(), DecodeError> {
    let text = d.text.strip_prefix('\u{feff}').unwrap_or(&d.text);
    let Some(rest) = text.strip_prefix("<?xml") else {
        return Ok(());
    };
    let Some(end) = rest.find("?>") else {
        return Ok(());
    };
    let decl = &rest[..end];
    let Some(at) = decl.find("encoding") else {
        return Ok(());
    };
    let value = decl[at + "encoding".len()..].trim_start();
    let Some(value) = value.strip_prefix('=') else {
        return Ok(());
    };
    let value = value.trim_start();
    let Some(quote) = value.chars().next().filter(|q| *q == '"' || *q == '\'') else {
        return Ok(());
    };
    let Some(close) = value[1..].find(quote) else {
        return Ok(());
    };
    let declared = &value[1..1 + close];
    let name = declared.to_ascii_lowercase();
    let fits = match d.encoding {
        Encoding::Utf8 => name == "utf-8" || name == "utf8",
        Encoding::Utf16Le => name == "utf-16" || name == "utf-16le",
        Encoding::Utf16Be => name == "utf-16" || name == "utf-16be",
    };
    if fits {
        return Ok(());
    }
    // Where the value starts, in the text as read (after a mark).
    let offset =
        d.text.len() - text.len() + "<?xml".len() + at + decl[at..].find(quote).unwrap_or(0);
    let (line, column) = line_column(&d.text[..offset.min(d.text.len())]);
    Err(DecodeError::Declared {
        declared: declared.to_string(),
        actual: d.encoding,
        line,
        column: column.saturating_sub(usize::from(d.text.starts_with('\u{feff}') && line == 1)),
    })
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::NotUtf8 { byte, .. } => write!(
                f,
                "not UTF-8 (byte 0x{byte:02X}); glosslint reads UTF-8 and UTF-16 with a byte order mark"
            ),
            DecodeError::BadUtf16 { message, .. } => {
                write!(f, "not valid UTF-16: {message}")
            }
            DecodeError::Utf16WithoutMark { little_endian } => {
                let e = if *little_endian { "UTF-16LE" } else { "UTF-16BE" };
                write!(
                    f,
                    "looks like {e} without a byte order mark; convert it to UTF-8 (iconv -f {e} -t UTF-8), or save it with a byte order mark"
                )
            }
            DecodeError::Binary => {
                write!(f, "the file looks binary (it has NUL bytes); glosslint checks text")
            }
            DecodeError::Declared {
                declared, actual, ..
            } => {
                let lower = declared.to_ascii_lowercase();
                if lower.starts_with("utf-8") || lower.starts_with("utf8") || lower.starts_with("utf-16") {
                    write!(
                        f,
                        "the XML declaration says encoding=\"{declared}\", but the file is {}: correct the declaration",
                        actual.name()
                    )
                } else {
                    write!(
                        f,
                        "the XML declaration says encoding=\"{declared}\"; glosslint reads UTF-8 and UTF-16: convert it (iconv -f {declared} -t UTF-8) and declare encoding=\"UTF-8\""
                    )
                }
            }
        }
    }
}

impl DecodeError {
    /// The 1-based line and column the error is at, where it has one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            DecodeError::NotUtf8 { line, column, .. }
            | DecodeError::BadUtf16 { line, column, .. }
            | DecodeError::Declared { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut b = vec![0xFF, 0xFE];
        b.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        b
    }

    fn utf16be(s: &str) -> Vec<u8> {
        let mut b = vec![0xFE, 0xFF];
        b.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        b
    }

    #[test]
    fn utf16_with_its_mark_reads_and_writes_back_byte_for_byte() {
        // Non-BMP characters too (surrogate pairs).
        let text = "1\r\n00:00:01,000 --> 00:00:02,000\r\nLe président Assimi Goïta 𝄞\r\n";
        for (bytes, enc) in [
            (utf16le(text), Encoding::Utf16Le),
            (utf16be(text), Encoding::Utf16Be),
        ] {
            let d = decode(bytes.clone(), false).unwrap();
            assert_eq!(d.encoding, enc);
            assert_eq!(d.text, format!("\u{feff}{text}"));
            assert_eq!(encode(&d.text, enc).as_ref(), bytes.as_slice());
        }
        let utf8 = "\u{feff}Mali".as_bytes().to_vec();
        let d = decode(utf8.clone(), false).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("\u{feff}Mali", Encoding::Utf8)
        );
        assert_eq!(encode(&d.text, d.encoding).as_ref(), utf8.as_slice());
    }

    #[test]
    fn broken_utf16_names_its_place() {
        let mut cut = utf16le("ab\ncd");
        cut.push(b'e');
        assert_eq!(
            decode(cut, false).unwrap_err().error,
            DecodeError::BadUtf16 {
                line: 2,
                column: 3,
                message: "an odd number of bytes (the file is cut short)"
            }
        );
        let mut lone = utf16le("ab");
        lone.extend([0x00, 0xD8, b'c', 0]);
        assert!(matches!(
            decode(lone, false).unwrap_err().error,
            DecodeError::BadUtf16 {
                line: 1,
                column: 4,
                ..
            }
        ));
    }

    #[test]
    fn utf16_without_a_mark_binary_and_latin1_are_refused_and_said_apart() {
        let le: Vec<u8> = "Mali et Niger"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode(le, false).unwrap_err().error,
            DecodeError::Utf16WithoutMark {
                little_endian: true
            }
        );
        let be: Vec<u8> = "Mali et Niger"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode(be, false).unwrap_err().error,
            DecodeError::Utf16WithoutMark {
                little_endian: false
            }
        );
        assert_eq!(
            decode(vec![0x89, b'P', 0, 0, 7, 1], false)
                .unwrap_err()
                .error,
            DecodeError::Binary
        );
        assert_eq!(
            decode(b"Mali\nla r\xE9gion".to_vec(), false)
                .unwrap_err()
                .error,
            DecodeError::NotUtf8 {
                line: 2,
                column: 5,
                byte: 0xE9
            }
        );
    }

    #[test]
    fn an_xml_declaration_must_name_the_bytes_encoding() {
        let ok = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff/>";
        assert!(decode(ok.as_bytes().to_vec(), true).is_ok());
        assert!(decode(
            utf16le("<?xml version=\"1.0\" encoding='utf-16'?><x/>"),
            true
        )
        .is_ok());
        assert!(decode(utf16be("<?xml version=\"1.0\"?><x/>"), true).is_ok());
        // UTF-16 bytes declared UTF-8, and the other way round.
        let e = decode(
            utf16le("<?xml version=\"1.0\" encoding=\"UTF-8\"?><x/>"),
            true,
        )
        .unwrap_err()
        .error;
        assert_eq!(e.position(), Some((1, 30)));
        assert!(
            e.to_string()
                .contains("says encoding=\"UTF-8\", but the file is UTF-16LE"),
            "{e}"
        );
        let e = decode(
            b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><x/>".to_vec(),
            true,
        )
        .unwrap_err()
        .error;
        assert!(e.to_string().contains("but the file is UTF-8"), "{e}");
        // A legacy encoding, even where the bytes happen to be ASCII: a fix could write
        // letters it cannot hold.
        let e = decode(
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><x/>".to_vec(),
            true,
        )
        .unwrap_err()
        .error;
        assert!(
            e.to_string().contains("iconv -f ISO-8859-1 -t UTF-8"),
            "{e}"
        );
        // Not XML: a declaration-like first line is text.
        assert!(decode(b"<?xml encoding=\"latin1\"?>".to_vec(), false).is_ok());
    }
}
