//! XLIFF 1.2 and 2.x: the text of every `<target>`. Inline tags (`<g>`, `<x/>`, `<ph>`,
//! `<pc>`, `<mrk>`, …) are markup inside it, and placeholder content is never prose. The
//! target language comes from `target-language` (1.2) or `trgLang` (2.x), the source
//! language from `source-language` or `srcLang`. Each target is paired with the `<source>`
//! before it in its unit (in 2.x, its `<segment>`), for the bilingual rules. `<note>`s hold
//! suppressions for their unit. The file must be well-formed XML.

use super::html::parse_tag;
use super::{push_xml_text, Comment, Extracted, LineCounter, ParseError, SegmentBuilder};
use quick_xml::events::Event;
use quick_xml::Reader;

/// Inline elements whose content is code, not prose.
const PLACEHOLDERS: &[&str] = &["ph", "bpt", "ept", "it", "sub"];

pub fn extract(text: &str) -> Result<Extracted, ParseError> {
    well_formed(text)?;
    let mut line_no = LineCounter::new(text);
    let mut out = Extracted::default();
    let mut i = 0;
    let mut in_target = false;
    let mut in_source = false;
    let mut skip_depth = 0usize;
    let mut b = SegmentBuilder::new();
    // The unit's id, its segment's id (2.x), and the text of the last `<source>`.
    let mut unit_id = String::new();
    let mut segment_id: Option<String> = None;
    let mut source = SegmentBuilder::new();
    let mut unit_start: Option<usize> = None;
    let mut notes: Vec<(String, usize)> = Vec::new();
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(text.len(), |e| i + e + 3);
            i = end;
            continue;
        }
        if rest.starts_with("<![CDATA[") {
            let end = rest.find("]]>").unwrap_or(rest.len());
            if in_target && skip_depth == 0 {
                b.push_raw(&rest[9..end], i + 9);
            } else if in_source && skip_depth == 0 {
                source.push_raw(&rest[9..end], i + 9);
            }
            i += end + 3;
            continue;
        }
        if rest.starts_with("<?") || rest.starts_with("<!") {
            i += rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        if rest.starts_with('<') {
            let tag = parse_tag(text, i)?;
            let local = tag.name.rsplit(':').next().unwrap_or(&tag.name);
            match (local, tag.close) {
                ("file" | "xliff", false) => {
                    for (name, value, _) in &tag.attributes {
                        if name == "target-language" || name == "trglang" {
                            out.lang = Some(value.clone());
                        }
                        if name == "source-language" || name == "srclang" {
                            out.source_lang = Some(value.clone());
                        }
                    }
                }
                ("trans-unit" | "unit", false) => {
                    unit_start = Some(line_no.line_of(i));
                    notes.clear();
                    unit_id = attribute(&tag.attributes, "id").unwrap_or_default();
                    segment_id = None;
                    source = SegmentBuilder::new();
                }
                ("segment", false) => {
                    segment_id = attribute(&tag.attributes, "id");
                    source = SegmentBuilder::new();
                }
                ("source", false) if !tag.self_closing => {
                    in_source = true;
                    source = SegmentBuilder::new();
                }
                ("source", true) => in_source = false,
                ("trans-unit" | "unit", true) => {
                    let first = unit_start.take().unwrap_or(1);
                    let last = line_no.line_of(tag.end);
                    for (note, line) in notes.drain(..) {
                        out.comments.push(Comment {
                            text: note,
                            line,
                            covers: Some((first, last)),
                        });
                    }
                }
                ("note", false) if !tag.self_closing => {
                    let end = text[tag.end..]
                        .find("</")
                        .map_or(text.len(), |e| tag.end + e);
                    notes.push((text[tag.end..end].trim().to_string(), line_no.line_of(i)));
                }
                ("target", false) if !tag.self_closing => {
                    in_target = true;
                    b = SegmentBuilder::new();
                }
                ("target", true) => {
                    in_target = false;
                    let done = std::mem::take(&mut b);
                    if !done.is_empty() {
                        out.segments.push(done.finish());
                        let id = match &segment_id {
                            Some(s) if !unit_id.is_empty() => format!("{unit_id}/{s}"),
                            Some(s) => s.clone(),
                            None => unit_id.clone(),
                        };
                        out.pair_last(id, source.text().to_string());
                    }
                }
                (name, close) if in_target || in_source => {
                    if in_target {
                        b.gap();
                    } else {
                        // Markup inside the source separates words as it does in the target.
                        source.push_raw(" ", i);
                    }
                    code_depth(&mut skip_depth, PLACEHOLDERS, name, close, tag.self_closing);
                }
                _ => {}
            }
            i = tag.end;
            continue;
        }
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let next = rest[first..].find('<').map_or(rest.len(), |n| n + first);
        if in_target && skip_depth == 0 {
            push_xml_text(&mut b, &rest[..next], i);
        } else if in_source && skip_depth == 0 {
            push_xml_text(&mut source, &rest[..next], i);
        }
        i += next;
    }
    Ok(out)
}

/// Follows how deep the reader is inside inline elements whose content is code (`codes`):
/// `depth` after tag `name` (a closing tag if `close`).
pub(super) fn code_depth(
    depth: &mut usize,
    codes: &[&str],
    name: &str,
    close: bool,
    self_closing: bool,
) {
    if codes.contains(&name) && !self_closing {
        if close {
            *depth = depth.saturating_sub(1);
        } else {
            *depth += 1;
        }
    }
}

/// The value of attribute `name` of a tag.
pub(super) fn attribute(attributes: &[(String, String, usize)], name: &str) -> Option<String> {
    attributes
        .iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, v, _)| v.clone())
}

/// Checks that `text` is well-formed XML, naming where it is not.
pub(super) fn well_formed(text: &str) -> Result<(), ParseError> {
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => {
                let at = reader.error_position() as usize;
                return Err(ParseError::at(text, at, format!("malformed XML: {e}")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XLIFF12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="fr" datatype="plaintext" original="article">
    <body>
      <trans-unit id="1">
        <source>The ruler of Mali, Qasimi Quetta</source>
        <target>Le chef du Mali, Qasimi Quetta</target>
        <note>glosslint-ignore near-miss</note>
      </trans-unit>
      <trans-unit id="2">
        <source>The <g id="b">Takoba</g> force <ph id="1">{count}</ph></source>
        <target>La force <g id="b">Takoba</g> &amp; <ph id="1">{Takoba}</ph></target>
      </trans-unit>
    </body>
  </file>
</xliff>
"#;

    #[test]
    fn targets_only_with_inline_tags_as_markup() {
        let x = extract(XLIFF12).unwrap();
        assert_eq!(x.lang.as_deref(), Some("fr"));
        let texts: Vec<&str> = x.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Le chef du Mali, Qasimi Quetta", "La force Takoba & "]
        );
        assert_eq!(x.comments[0].text, "glosslint-ignore near-miss");
        assert_eq!(x.comments[0].covers, Some((5, 9)));
        let s = &x.segments[1];
        let t = s.text.find("Takoba").unwrap();
        assert_eq!(
            s.to_file(t, t + 6).map(|sp| &XLIFF12[sp.start..sp.end]),
            Some("Takoba")
        );
    }

    #[test]
    fn xliff2_target_language_and_malformed_files() {
        let x2 = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru"><file id="f"><unit id="u"><segment><source>Goïta</source><target>Гойта</target></segment></unit></file></xliff>"#;
        let x = extract(x2).unwrap();
        assert_eq!(x.lang.as_deref(), Some("ru"));
        assert_eq!(x.segments[0].text, "Гойта");
        let e = extract("<xliff>\n<file>\n<target>x</source>\n</file></xliff>").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("malformed XML"), "{}", e.message);
    }
}
