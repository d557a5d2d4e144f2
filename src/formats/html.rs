//! HTML: text content and the translatable attributes `alt`, `title`, `placeholder`,
//! `aria-label` and `aria-description`. Scripts, styles, code, `pre` and `textarea` content,
//! and all other attributes are never prose. Block elements end a segment; inline elements
//! are markup inside one. `<html lang>` names the file's language, and `<!-- … -->` comments
//! hold suppressions.

use super::{flush, push_xml_text, Comment, Extracted, LineCounter, ParseError, SegmentBuilder};

const TRANSLATABLE: &[&str] = &[
    "alt",
    "title",
    "placeholder",
    "aria-label",
    "aria-description",
];
const RAW_TEXT: &[&str] = &[
    "script", "style", "code", "pre", "textarea", "kbd", "samp", "var",
];
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s", "small",
    "span", "strong", "sub", "sup", "time", "u", "wbr", "font", "ruby", "rt", "rp",
];

pub fn extract(text: &str) -> Result<Extracted, ParseError> {
    let mut line_no = LineCounter::new(text);
    let mut out = Extracted::default();
    let mut b = SegmentBuilder::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if let Some(after) = rest.strip_prefix("<!--") {
            // `<!-->` and `<!--->` are empty comments (HTML's abrupt closing); otherwise
            // the end is searched after `<!--`, so that `<!-->` never overlaps itself.
            let (body, len) = if after.starts_with('>') {
                ("", 5)
            } else if after.starts_with("->") {
                ("", 6)
            } else {
                let Some(end) = after.find("-->") else {
                    return Err(ParseError::at(text, i, "unclosed comment: add `-->`"));
                };
                (&after[..end], 4 + end + 3)
            };
            out.comments.push(Comment {
                text: body.trim().to_string(),
                line: line_no.line_of(i),
                covers: None,
            });
            b.gap();
            i += len;
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = rest
                .find('>')
                .ok_or_else(|| ParseError::at(text, i, "unclosed declaration"))?;
            i += end + 1;
            continue;
        }
        if rest.starts_with('<')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        {
            let tag = parse_tag(text, i)?;
            for (name, value, at) in &tag.attributes {
                if TRANSLATABLE.contains(&name.as_str()) && !tag.close {
                    let mut a = SegmentBuilder::new();
                    push_xml_text(&mut a, value, *at);
                    if !a.is_empty() {
                        out.segments.push(a.finish());
                    }
                }
                if name == "lang" && tag.name == "html" {
                    out.lang = Some(value.to_string());
                }
            }
            if INLINE.contains(&tag.name.as_str()) {
                b.gap();
            } else {
                flush(&mut b, &mut out);
            }
            i = tag.end;
            if !tag.close && !tag.self_closing && RAW_TEXT.contains(&tag.name.as_str()) {
                let Some(end) = find_closing(&text.as_bytes()[i..], tag.name.as_bytes()) else {
                    return Err(ParseError::at(
                        text,
                        i,
                        format!("`<{}>` is never closed", tag.name),
                    ));
                };
                i += end;
            }
            continue;
        }
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let next = rest[first..].find('<').map_or(rest.len(), |n| n + first);
        push_xml_text(&mut b, &rest[..next], i);
        i += next;
    }
    flush(&mut b, &mut out);
    Ok(out)
}

/// Where `</name` starts in `raw`, the name compared without case. Scans `raw` once and
/// copies nothing: lower-casing the rest of the file per raw-text tag was quadratic.
fn find_closing(raw: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(raw, b"</").find(|&at| {
        raw.get(at + 2..at + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

/// A start or end tag.
pub(crate) struct ParsedTag {
    pub name: String,
    pub close: bool,
    pub self_closing: bool,
    /// Attribute name (lower case), raw value, and the value's file offset.
    pub attributes: Vec<(String, String, usize)>,
    /// The offset after the closing `>`.
    pub end: usize,
}

/// Parses the tag that starts at `at` (`text[at]` is `<`).
pub(crate) fn parse_tag(text: &str, at: usize) -> Result<ParsedTag, ParseError> {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    let close = bytes.get(i) == Some(&b'/');
    if close {
        i += 1;
    }
    let name_start = i;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'>' | b'/') {
        i += 1;
    }
    let name = text[name_start..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            None => {
                return Err(ParseError::at(
                    text,
                    at,
                    format!("unclosed tag `<{name}`: add `>`"),
                ))
            }
            Some(b'>') => {
                return Ok(ParsedTag {
                    name,
                    close,
                    self_closing: false,
                    attributes,
                    end: i + 1,
                });
            }
            Some(b'/') if bytes.get(i + 1) == Some(&b'>') => {
                return Ok(ParsedTag {
                    name,
                    close,
                    self_closing: true,
                    attributes,
                    end: i + 2,
                });
            }
            Some(b'/') => i += 1,
            Some(_) => {
                let attr_start = i;
                while i < bytes.len()
                    && !bytes[i].is_ascii_whitespace()
                    && !matches!(bytes[i], b'=' | b'>' | b'/')
                {
                    i += 1;
                }
                let attr = text[attr_start..i].to_ascii_lowercase();
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if bytes.get(i) != Some(&b'=') {
                    attributes.push((attr, String::new(), i));
                    continue;
                }
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let Some(len) = text[i + 1..].find(q as char) else {
                            return Err(ParseError::at(
                                text,
                                i,
                                format!("unclosed attribute value of `{attr}`"),
                            ));
                        };
                        attributes.push((attr, text[i + 1..i + 1 + len].to_string(), i + 1));
                        i += len + 2;
                    }
                    _ => {
                        let value_start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        attributes.push((attr, text[value_start..i].to_string(), value_start));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML: &str = "<!DOCTYPE html>\n<html lang=\"fr\"><head><title>Le Mali</title><script>var x = \"Takoba\";</script></head>\n<body><p>Le chef du Mali, <b>Qasimi</b> Quetta &amp; la force Takoba.</p>\n<!-- glosslint-ignore near-miss -->\n<img src=\"takoba.png\" alt=\"La force Takoba\"><pre>Takoba</pre><p title='Tassalit'>fin</p></body></html>\n";

    #[test]
    fn text_and_translatable_attributes_only() {
        let x = extract(HTML).unwrap();
        assert_eq!(x.lang.as_deref(), Some("fr"));
        let texts: Vec<&str> = x.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Le Mali",
                "Le chef du Mali, Qasimi Quetta & la force Takoba.",
                "La force Takoba",
                "Tassalit",
                "fin"
            ]
        );
        assert_eq!(x.comments[0].text, "glosslint-ignore near-miss");
        assert_eq!(x.comments[0].line, 4);
        let s = &x.segments[1];
        let t = s.text.find("Takoba").unwrap();
        assert_eq!(
            s.to_file(t, t + 6).map(|sp| &HTML[sp.start..sp.end]),
            Some("Takoba")
        );
        // "Qasimi Quetta" crosses </b>: shown, never rewritten.
        let q = s.text.find("Qasimi").unwrap();
        assert_eq!(s.to_file(q, q + 13), None);
    }

    #[test]
    fn malformed_html_names_line_and_column() {
        let e = extract("<p>fine</p>\n<p class=\"x>broken").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.message.contains("unclosed attribute value"),
            "{}",
            e.message
        );
    }

    #[test]
    fn empty_comments_close_themselves() {
        let x = extract("<p>a</p><!--><p>Mali</p><!---><p>Niger</p><!-- x --><p>fin</p>").unwrap();
        let texts: Vec<&str> = x.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["a", "Mali", "Niger", "fin"]);
        let notes: Vec<&str> = x.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(notes, ["", "", "x"]);
    }

    #[test]
    fn entities_before_other_scripts_decode() {
        let x = extract("<p>&gt; テスト版</p><p>Le chef &ééééééé du Mali</p>").unwrap();
        let texts: Vec<&str> = x.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["> テスト版", "Le chef &ééééééé du Mali"]);
    }

    #[test]
    fn raw_text_closes_in_any_case() {
        let x = extract("<PRE>Takoba</Pre><p>Takuba</p><code>x</CODE>").unwrap();
        let texts: Vec<&str> = x.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Takuba"]);
        let e = extract("<p>a</p>\n<code>never closed").unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (2, "`<code>` is never closed")
        );
    }
}
