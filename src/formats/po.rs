//! gettext PO files: every `msgstr` (plural forms included) is a segment, and `msgid` too
//! with `po-check-msgid`. The header's `Language:` names the file's language. Fuzzy entries
//! are checked and their findings say so. Translator comments (`# …`) hold suppressions for
//! their entry. Each `msgstr` is paired with its `msgid` (the other plural forms with
//! `msgid_plural`) for the bilingual rules; PO does not say the source language.

use super::{Comment, Extracted, FormatOptions, ParseError, SegmentBuilder};

pub fn extract(text: &str, options: &FormatOptions) -> Result<Extracted, ParseError> {
    let mut out = Extracted::default();
    let mut entry = Entry::default();
    let mut offset = 0;
    let mut line_no = 0;
    let mut current: Option<Field> = None;
    for line in text.split_inclusive('\n') {
        line_no += 1;
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_end_matches(['\n', '\r']);
        let content = trimmed.trim_start();
        let indent = trimmed.len() - content.len();
        if content.is_empty() {
            finish_entry(&mut entry, &mut current, &mut out, options, line_no - 1);
            continue;
        }
        if let Some(comment) = content.strip_prefix('#') {
            if current.is_some() && entry.has_strings() {
                finish_entry(&mut entry, &mut current, &mut out, options, line_no - 1);
            }
            entry.first_line.get_or_insert(line_no);
            if comment.starts_with(',') && comment.contains("fuzzy") {
                entry.fuzzy = true;
            }
            if comment.starts_with(' ') || comment.is_empty() {
                entry.comments.push((comment.trim().to_string(), line_no));
            }
            continue;
        }
        if content.starts_with('"') {
            let Some(field) = current.as_mut() else {
                return Err(ParseError::at(
                    text,
                    start + indent,
                    "a string outside any msgid or msgstr",
                ));
            };
            read_string(text, start + indent, content, &mut field.builder)?;
            continue;
        }
        let keyword_end = content.find([' ', '\t']).unwrap_or(content.len());
        let keyword = &content[..keyword_end];
        let is_msgstr =
            keyword == "msgstr" || (keyword.starts_with("msgstr[") && keyword.ends_with(']'));
        let known = matches!(keyword, "msgid" | "msgid_plural" | "msgctxt") || is_msgstr;
        if !known {
            return Err(ParseError::at(
                text,
                start + indent,
                format!(
                    "unknown keyword `{keyword}`: expected msgctxt, msgid, msgid_plural or msgstr"
                ),
            ));
        }
        if keyword == "msgctxt" || (keyword == "msgid" && entry.has_msgstr) {
            finish_entry(&mut entry, &mut current, &mut out, options, line_no - 1);
        }
        entry.first_line.get_or_insert(line_no);
        if let Some(field) = current.take() {
            entry.fields.push(field);
        }
        entry.has_msgstr |= is_msgstr;
        let rest = content[keyword_end..].trim_start();
        let rest_at = start + indent + (content.len() - rest.len());
        if !rest.starts_with('"') {
            return Err(ParseError::at(
                text,
                rest_at,
                format!("`{keyword}` needs a string in double quotes"),
            ));
        }
        let mut field = Field {
            keyword: keyword.to_string(),
            builder: SegmentBuilder::new(),
        };
        read_string(text, rest_at, rest, &mut field.builder)?;
        current = Some(field);
    }
    finish_entry(&mut entry, &mut current, &mut out, options, line_no);
    Ok(out)
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Default)]
struct Entry {
    fields: Vec<Field>,
    comments: Vec<(String, usize)>,
    fuzzy: bool,
    has_msgstr: bool,
    first_line: Option<usize>,
}

impl Entry {
    fn has_strings(&self) -> bool {
        !self.fields.is_empty()
    }
}

struct Field {
    keyword: String,
    builder: SegmentBuilder,
}

fn finish_entry(
    entry: &mut Entry,
    current: &mut Option<Field>,
    out: &mut Extracted,
    options: &FormatOptions,
    last_line: usize,
) {
    if let Some(field) = current.take() {
        entry.fields.push(field);
    }
    let e = std::mem::take(entry);
    let Some(first) = e.first_line else {
        return;
    };
    for (text, line) in e.comments {
        out.comments.push(Comment {
            text,
            line,
            covers: Some((first, last_line.max(first))),
        });
    }
    let is_header = e
        .fields
        .iter()
        .any(|f| f.keyword == "msgid" && f.builder.text().is_empty());
    let text_of = |keyword: &str| {
        e.fields
            .iter()
            .find(|f| f.keyword == keyword)
            .map(|f| f.builder.text().to_string())
    };
    let msgid = text_of("msgid").unwrap_or_default();
    let plural = text_of("msgid_plural");
    // A unit is named as gettext names it: its context and its msgid.
    let id = match text_of("msgctxt") {
        Some(ctxt) => format!("[{ctxt}] {msgid}"),
        None => msgid.clone(),
    };
    for field in e.fields {
        let wanted = field.keyword.starts_with("msgstr")
            || (options.po_check_msgid && field.keyword.starts_with("msgid"));
        if is_header {
            if field.keyword == "msgstr" {
                let segment = field.builder.finish();
                out.lang = header_language(&segment.text);
            }
            continue;
        }
        if !wanted || field.builder.is_empty() {
            continue;
        }
        let mut segment = field.builder.finish();
        if e.fuzzy {
            segment.note = Some("fuzzy entry".to_string());
        }
        let is_msgstr = field.keyword.starts_with("msgstr");
        out.segments.push(segment);
        if is_msgstr {
            // msgstr[0] translates msgid; the other plural forms, msgid_plural.
            let source = match (field.keyword.as_str(), &plural) {
                ("msgstr" | "msgstr[0]", _) | (_, None) => &msgid,
                (_, Some(p)) => p,
            };
            out.pair_last(id.clone(), source.clone());
        }
    }
}

fn header_language(header: &str) -> Option<String> {
    header
        .lines()
        .find_map(|l| l.strip_prefix("Language:"))
        .map(|v| v.trim().replace('_', "-"))
        .filter(|v| !v.is_empty())
}

/// Reads one quoted PO string that starts at file offset `at` (`s` begins with `"`).
fn read_string(text: &str, at: usize, s: &str, b: &mut SegmentBuilder) -> Result<(), ParseError> {
    let mut i = 1;
    loop {
        let rest = &s[i..];
        let Some(stop) = rest.find(['"', '\\']) else {
            return Err(ParseError::at(
                text,
                at + s.len(),
                "unterminated string: add the closing `\"`",
            ));
        };
        b.push_raw(&rest[..stop], at + i);
        i += stop;
        if s[i..].starts_with('"') {
            let after = s[i + 1..].trim();
            if !after.is_empty() && !after.starts_with('#') {
                return Err(ParseError::at(
                    text,
                    at + i + 1,
                    "text after the closing quote",
                ));
            }
            return Ok(());
        }
        let decoded = match s.as_bytes().get(i + 1) {
            Some(b'n') => '\n',
            Some(b't') => '\t',
            Some(b'r') => '\r',
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'a') => '\u{7}',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'v') => '\u{b}',
            _ => return Err(ParseError::at(text, at + i, "invalid escape")),
        };
        b.push_decoded(&decoded.to_string(), at + i, 2);
        i += 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PO: &str = r#"# Translation of the Sahel article.
msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"

# glosslint-ignore near-miss
#: article.c:12
msgid "The ruler of Mali"
msgstr "Le chef du Mali, "
"Qasimi Quetta"

#, fuzzy
msgid "one soldier"
msgid_plural "%d soldiers"
msgstr[0] "un soldat \"nigérian\""
msgstr[1] "%d soldats nigérians"
"#;

    #[test]
    fn reads_msgstr_plurals_header_language_and_comments() {
        let x = extract(PO, &FormatOptions::default()).unwrap();
        assert_eq!(x.lang.as_deref(), Some("fr"));
        let texts: Vec<&str> = x.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Le chef du Mali, Qasimi Quetta",
                "un soldat \"nigérian\"",
                "%d soldats nigérians"
            ]
        );
        assert_eq!(x.segments[1].note.as_deref(), Some("fuzzy entry"));
        assert_eq!(x.comments[1].text, "glosslint-ignore near-miss");
        assert_eq!(x.comments[1].covers, Some((7, 11)));
        // A name split over two PO lines maps to one file range.
        let s = &x.segments[0];
        let at = s.text.find("Mali").unwrap();
        let span = s.to_file(at, s.text.len()).unwrap();
        assert_eq!(&PO[span.start..span.end], "Mali, \"\n\"Qasimi Quetta");
    }

    #[test]
    fn msgid_is_checked_only_when_asked() {
        let options = FormatOptions {
            po_check_msgid: true,
            ..Default::default()
        };
        let x = extract(PO, &options).unwrap();
        assert!(x.segments.iter().any(|s| s.text == "The ruler of Mali"));
    }

    #[test]
    fn malformed_po_names_line_and_column() {
        let e = extract(
            "msgid \"a\"\nmsgstr \"b\nmsgid \"c\"\n",
            &FormatOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unterminated string"), "{}", e.message);
        let e = extract("msgid \"a\"\nmsgsrt \"b\"\n", &FormatOptions::default()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
    }
}
