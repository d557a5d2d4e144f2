//! TMX 1.4b translation memories: each `<tu>` holds a `<tuv>` per language, its text in
//! `<seg>`. The source language is the header's `srclang` (or, for `*all*`, each unit's
//! first variant); the target language is the one asked for (`--lang`), else the first
//! other language of the file. Each target `<seg>` is a segment paired with the unit's
//! source `<seg>`. Inline codes (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`) are code, not
//! prose; `<hi>` is markup. `<note>`s hold suppressions for their unit. The file must be
//! well-formed XML.

use super::html::parse_tag;
use super::xliff::{attribute, code_depth, well_formed};
use super::{push_xml_text, Comment, Extracted, LineCounter, ParseError, SegmentBuilder};

/// Inline elements whose content is code, not prose.
const CODES: &[&str] = &["bpt", "ept", "ph", "it", "ut"];

/// A `<tuv>` of the unit being read: its language and text.
struct Variant {
    lang: String,
    seg: SegmentBuilder,
}

pub fn extract(text: &str, target_lang: Option<&str>) -> Result<Extracted, ParseError> {
    well_formed(text)?;
    let mut line_no = LineCounter::new(text);
    let mut out = Extracted::default();
    let mut source_lang: Option<String> = None;
    let mut target: Option<String> = target_lang.map(str::to_string);
    let mut variants: Vec<Variant> = Vec::new();
    let mut current: Option<Variant> = None;
    let mut in_seg = false;
    let mut skip_depth = 0usize;
    let mut unit_id = String::new();
    let mut unit_count = 0usize;
    let mut unit_start = 1;
    let mut notes: Vec<(String, usize)> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(text.len(), |e| i + e + 3);
            continue;
        }
        if rest.starts_with("<![CDATA[") {
            let end = rest.find("]]>").unwrap_or(rest.len());
            if let (true, 0, Some(v)) = (in_seg, skip_depth, current.as_mut()) {
                v.seg.push_raw(&rest[9..end], i + 9);
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
            match (tag.name.as_str(), tag.close) {
                ("header", false) => {
                    source_lang = attribute(&tag.attributes, "srclang")
                        .filter(|l| !l.eq_ignore_ascii_case("*all*"));
                }
                ("tu", false) => {
                    unit_count += 1;
                    unit_id = attribute(&tag.attributes, "tuid")
                        .unwrap_or_else(|| unit_count.to_string());
                    unit_start = line_no.line_of(i);
                    variants.clear();
                    notes.clear();
                }
                ("tu", true) => {
                    let last = line_no.line_of(tag.end);
                    for (note, line) in notes.drain(..) {
                        out.comments.push(Comment {
                            text: note,
                            line,
                            covers: Some((unit_start, last)),
                        });
                    }
                    finish_unit(&mut out, &mut variants, &source_lang, &mut target, &unit_id);
                }
                ("tuv", false) => {
                    let lang = attribute(&tag.attributes, "xml:lang")
                        .or_else(|| attribute(&tag.attributes, "lang"))
                        .unwrap_or_default();
                    current = Some(Variant {
                        lang,
                        seg: SegmentBuilder::new(),
                    });
                }
                ("tuv", true) => variants.extend(current.take()),
                ("seg", false) if !tag.self_closing => in_seg = true,
                ("seg", true) => in_seg = false,
                ("note", false) if !tag.self_closing => {
                    let end = text[tag.end..]
                        .find("</")
                        .map_or(text.len(), |e| tag.end + e);
                    notes.push((text[tag.end..end].trim().to_string(), line_no.line_of(i)));
                }
                (name, close) if in_seg => {
                    if let Some(v) = current.as_mut() {
                        v.seg.gap();
                    }
                    code_depth(&mut skip_depth, CODES, name, close, tag.self_closing);
                }
                _ => {}
            }
            i = tag.end;
            continue;
        }
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let next = rest[first..].find('<').map_or(rest.len(), |n| n + first);
        if let (true, 0, Some(v)) = (in_seg, skip_depth, current.as_mut()) {
            push_xml_text(&mut v.seg, &rest[..next], i);
        }
        i += next;
    }
    out.lang = target;
    out.source_lang = source_lang;
    Ok(out)
}

/// The target variant of the unit becomes a segment, paired with the source variant.
fn finish_unit(
    out: &mut Extracted,
    variants: &mut Vec<Variant>,
    source_lang: &Option<String>,
    target: &mut Option<String>,
    id: &str,
) {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    let source_at = match source_lang {
        Some(l) => variants.iter().position(|v| same(&v.lang, l)),
        None => (!variants.is_empty()).then_some(0),
    };
    let source_text = source_at.map(|s| variants[s].seg.text().to_string());
    let source_of_unit = source_at.map(|s| variants[s].lang.clone());
    if target.is_none() {
        *target = variants
            .iter()
            .map(|v| v.lang.clone())
            .find(|l| source_of_unit.as_deref().is_none_or(|s| !same(l, s)));
    }
    let Some(t) = target.as_deref() else {
        variants.clear();
        return;
    };
    if let Some(k) = variants
        .iter()
        .position(|v| same(&v.lang, t) && Some(&v.lang) != source_of_unit.as_ref())
    {
        let v = variants.swap_remove(k);
        if !v.seg.is_empty() {
            out.segments.push(v.seg.finish());
            out.pair_last(id.to_string(), source_text.unwrap_or_default());
        }
    }
    variants.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu tuid="7">
      <note>glosslint-ignore near-miss</note>
      <tuv xml:lang="en"><seg>The <bpt i="1">&lt;b&gt;</bpt>Takoba<ept i="1">&lt;/b&gt;</ept> force</seg></tuv>
      <tuv xml:lang="fr"><seg>La force <bpt i="1">&lt;b&gt;</bpt>Takoba<ept i="1">&lt;/b&gt;</ept> &amp; Mali</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="fr"><seg>Le chef, Qasimi Quetta</seg></tuv>
      <tuv xml:lang="en"><seg>The ruler, Qasimi Quetta</seg></tuv>
    </tu>
  </body>
</tmx>"#;

    #[test]
    fn targets_pair_with_their_source_whatever_the_order() {
        let x = extract(TMX, None).unwrap();
        assert_eq!(x.lang.as_deref(), Some("fr"));
        assert_eq!(x.source_lang.as_deref(), Some("en"));
        let texts: Vec<&str> = x.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["La force Takoba & Mali", "Le chef, Qasimi Quetta"]);
        assert_eq!(x.units.len(), 2);
        assert_eq!(x.units[0].id, "7");
        assert_eq!(x.units[0].source, "The Takoba force");
        assert_eq!(x.units[1].id, "2");
        assert_eq!(x.units[1].source, "The ruler, Qasimi Quetta");
        // The code inside <bpt> is no prose, and the note covers its unit.
        let at = TMX.rfind("Takoba<ept").unwrap();
        assert_eq!(x.segments[0].to_file(9, 15).map(|s| s.start), Some(at));
        assert_eq!(x.comments.len(), 1);
    }

    #[test]
    fn the_target_language_can_be_chosen_and_malformed_files_are_refused() {
        let x = extract(TMX, Some("en")).unwrap();
        // English is the source: no unit has another English variant.
        assert!(x.segments.is_empty());
        let e = extract("<tmx><body><tu><tuv><seg>x</tuv></tu></body></tmx>", None).unwrap_err();
        assert_eq!(e.line, 1);
    }
}
