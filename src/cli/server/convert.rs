//! Between the engine and the protocol: byte offsets and LSP positions (in the encoding the
//! client and server agreed on), `file:` URIs and paths, findings and diagnostics.

use glosslint::finding::{Finding, Severity};
use glosslint::text::LineIndex;
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// How positions count characters on a line: in UTF-16 code units, the protocol's default,
/// or in UTF-8 bytes when the client offers it (LSP 3.17 `positionEncoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A document's text with its line index: positions both ways.
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: LineIndex,
    pub encoding: Encoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Self {
        Lines {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    /// The position of byte `offset` (a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let p = self.index.position(self.text, offset.min(self.text.len()));
        let column = match self.encoding {
            Encoding::Utf16 => p.utf16_column,
            Encoding::Utf8 => p.byte_column,
        };
        Position::new((p.line - 1) as u32, (column - 1) as u32)
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of `position`; a line past the end is the end of the text, a
    /// character past a line's end is its end, and one inside a character (half a UTF-16
    /// surrogate pair, a byte inside a UTF-8 sequence) is that character's start.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.index.line_count() {
            return self.text.len();
        }
        let (start, end) = self.index.line_span(self.text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in self.text[start..end].char_indices() {
            let width = match self.encoding {
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Utf8 => c.len_utf8(),
            };
            if units + width > wanted {
                return start + i;
            }
            units += width;
        }
        end
    }
}

/// The path of a `file:` URI, percent-decoded; `None` for other schemes (`untitled:`).
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///home/…` has an empty authority; `file://localhost/…` names this machine.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = percent_decode(path.split(['?', '#']).next().unwrap_or(path));
    let decoded = String::from_utf8(bytes).ok()?;
    // Windows: `file:///C:/…`.
    #[cfg(windows)]
    let decoded = decoded
        .strip_prefix('/')
        .filter(|p| p.as_bytes().get(1) == Some(&b':'))
        .map(str::to_string)
        .unwrap_or(decoded);
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute `path`.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let text = absolute.to_str()?;
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' | b':' => {
                uri.push(b as char)
            }
            b'\\' => uri.push('/'),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    Uri::from_str(&uri).ok()
}

fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The diagnostic of `finding` in `lines`, its rule documented at `docs` if known.
pub fn diagnostic(lines: &Lines, finding: &Finding, docs: Option<Uri>) -> Diagnostic {
    let severity = match finding.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    };
    let mut message = finding.message.clone();
    if let Some(note) = finding.unit_note() {
        message.push_str(&format!(" ({note})"));
    }
    let fix = finding.fix.as_ref();
    let data = serde_json::json!({
        "rule": finding.rule.name(),
        "entry": finding.entry,
        "matched": finding.matched,
        "replacement": finding.replacement(),
        "applicability": fix.map(|f| f.applicability.as_str()),
        "confidence": finding.confidence,
        "unit": finding.unit.as_deref().map(|u| &u.id),
    });
    Diagnostic {
        range: lines.range(finding.span.start, finding.span.end),
        severity: Some(severity),
        code: Some(NumberOrString::String(finding.rule.code().to_string())),
        code_description: docs.map(|href| lsp_types::CodeDescription { href }),
        source: Some("glosslint".to_string()),
        message,
        related_information: None,
        tags: None,
        data: Some(data),
    }
}

/// A problem that keeps the document from being checked (it does not parse; its glossary
/// or configuration has errors), at `range` of the document, each error's own place linked.
pub fn problem(
    range: Range,
    message: String,
    errors: &[glosslint::report::FileError],
) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = errors
        .iter()
        .filter_map(|e| {
            let uri = path_to_uri(Path::new(&e.path))?;
            let line = e.line.unwrap_or(1).saturating_sub(1) as u32;
            let column = e.column.unwrap_or(1).saturating_sub(1) as u32;
            let at = Position::new(line, column);
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, Range::new(at, at)),
                message: e.message.clone(),
            })
        })
        .collect();
    let mut text = message;
    for e in errors {
        text.push_str(&format!("\n{e}"));
    }
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: None,
        code_description: None,
        source: Some("glosslint".to_string()),
        message: text,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_or_bytes_and_come_back() {
        // "𝐀" is one character, four bytes, two UTF-16 units; "ï" two bytes, one unit.
        let text = "Mali\r\nGoïta 𝐀 Takoba\n";
        let at = text.find("Takoba").unwrap();
        let utf16 = Lines::new(text, Encoding::Utf16);
        assert_eq!(utf16.position(at), Position::new(1, 9));
        assert_eq!(utf16.offset(Position::new(1, 9)), at);
        let utf8 = Lines::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(at), Position::new(1, 12));
        assert_eq!(utf8.offset(Position::new(1, 12)), at);
        // Inside the surrogate pair: the character's start. Past the line: its end, before
        // the CRLF. Past the text: its end.
        assert_eq!(utf16.offset(Position::new(1, 7)), text.find('𝐀').unwrap());
        assert_eq!(utf16.offset(Position::new(0, 99)), 4);
        assert_eq!(utf16.offset(Position::new(9, 0)), text.len());
    }

    #[test]
    fn file_uris_and_paths_round_trip_with_escapes() {
        let uri = Uri::from_str("file:///tmp/a%20b/G%C5%8D%C3%AFta.md").unwrap();
        let path = uri_to_path(&uri).unwrap();
        assert_eq!(path, PathBuf::from("/tmp/a b/Gōïta.md"));
        let back = path_to_uri(&path).unwrap();
        assert_eq!(uri_to_path(&back).unwrap(), path);
        assert!(uri_to_path(&Uri::from_str("untitled:Untitled-1").unwrap()).is_none());
    }
}
