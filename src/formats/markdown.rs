//! Markdown (CommonMark with tables, footnotes and front matter): the text of paragraphs,
//! headings, list items, table cells, link text and image descriptions. Code spans, code
//! blocks, URLs, link targets and raw HTML are not prose; front-matter keys are not, their
//! values are. `<!-- … -->` comments hold suppressions.

use super::{decode_entity, flush, Comment, Extracted, LineCounter, ParseError, SegmentBuilder};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

pub fn extract(text: &str) -> Result<Extracted, ParseError> {
    let mut line_no = LineCounter::new(text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = Extracted::default();
    let mut b = SegmentBuilder::new();
    let mut in_code = 0usize;
    let mut in_meta = false;
    let mut in_autolink = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Start(Tag::Link { link_type, .. }) => {
                in_autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                b.gap();
            }
            Event::End(TagEnd::Link) => {
                in_autolink = false;
                b.gap();
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::TableCell
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => flush(&mut b, &mut out),
            Event::Start(_) | Event::End(_) => b.gap(),
            Event::Text(t) if in_meta => front_matter(text, range.start, &t, &mut out),
            Event::Text(t) if in_code == 0 && !in_autolink => {
                push_aligned(&mut b, &text[range.clone()], &t, range.start)
            }
            Event::SoftBreak | Event::HardBreak if in_code == 0 => {
                let raw = &text[range.clone()];
                let brk = raw.trim_start_matches([' ', '\\']);
                b.push_raw(brk, range.end - brk.len());
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let h = h.trim();
                if let Some(c) = h.strip_prefix("<!--").and_then(|c| c.strip_suffix("-->")) {
                    out.comments.push(Comment {
                        text: c.trim().to_string(),
                        line: line_no.line_of(range.start),
                        covers: None,
                    });
                }
                b.gap();
            }
            _ => b.gap(),
        }
    }
    flush(&mut b, &mut out);
    Ok(out)
}

/// Appends text whose decoded form `decoded` may differ from its raw form `raw` by backslash
/// escapes and character references, keeping each one's raw extent.
fn push_aligned(b: &mut SegmentBuilder, raw: &str, decoded: &str, at: usize) {
    if raw == decoded {
        b.push_raw(raw, at);
        return;
    }
    let mut r = 0;
    let mut d = 0;
    while r < raw.len() && d < decoded.len() {
        let rest = &raw[r..];
        let want = decoded[d..].chars().next().expect("non-empty");
        if rest.starts_with('\\') && rest[1..].starts_with(want) && want.is_ascii_punctuation() {
            b.push_decoded(&want.to_string(), at + r, 2);
            r += 2;
            d += want.len_utf8();
        } else if let Some((entity, len)) =
            rest.starts_with('&').then(|| decode_entity(rest)).flatten()
        {
            if !decoded[d..].starts_with(&entity) {
                break;
            }
            b.push_decoded(&entity, at + r, len);
            r += len;
            d += entity.len();
        } else if rest.starts_with(want) {
            b.push_raw(&want.to_string(), at + r);
            r += want.len_utf8();
            d += want.len_utf8();
        } else {
            break;
        }
    }
    if d < decoded.len() {
        // Could not align the rest: keep it as one unit that no fix may split.
        b.push_decoded(&decoded[d..], at + r, raw.len() - r);
    }
}

/// Front matter: `key: value` lines; values are prose, keys are not.
fn front_matter(text: &str, at: usize, block: &str, out: &mut Extracted) {
    // The event's range starts at the block's first line, after the opening `---`.
    let Some(found) = text[at..].find(block) else {
        return;
    };
    let mut offset = at + found;
    for line in block.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(colon) = content.find(": ") {
            let key = &content[..colon];
            let value = content[colon + 2..].trim();
            if !key.trim_start().starts_with('#') && !value.is_empty() {
                let start = offset + content.find(value).unwrap_or(colon + 2);
                let (value, start) = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"'))
                {
                    Some(v) => (v, start + 1),
                    None => match value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
                        Some(v) => (v, start + 1),
                        None => (value, start),
                    },
                };
                let mut b = SegmentBuilder::new();
                b.push_raw(value, start);
                flush(&mut b, out);
            }
        }
        offset += line.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MD: &str = "---\ntitle: \"Qasimi Quetta in Bamako\"\nlayout: post\n---\n\n# The *Takoba* force\n\nThe ruler of Mali, Qasimi Quetta, met `Takoba` and [Macky Sall](https://example.org/Takoba).\n\n<!-- glosslint-ignore-next-line -->\nAT&amp;T and Nigerian\\* forces.\n\n```\nTakoba in code\n```\n\n| Name | Place |\n| --- | --- |\n| Goita | Tassalit |\n";

    #[test]
    fn prose_only_with_front_matter_values() {
        let x = extract(MD).unwrap();
        let texts: Vec<&str> = x.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Qasimi Quetta in Bamako",
                "post",
                "The Takoba force",
                "The ruler of Mali, Qasimi Quetta, met  and Macky Sall.",
                "AT&T and Nigerian* forces.",
                "Name",
                "Place",
                "Goita",
                "Tassalit"
            ]
        );
        assert_eq!(x.comments[0].text, "glosslint-ignore-next-line");
        assert_eq!(x.comments[0].line, 10);
    }

    #[test]
    fn escapes_and_references_map_to_their_raw_bytes() {
        let x = extract(MD).unwrap();
        let s = &x.segments[4];
        let span = s.to_file(0, 4).unwrap();
        assert_eq!(&MD[span.start..span.end], "AT&amp;T");
        let n = s.text.find("Nigerian").unwrap();
        let span = s.to_file(n, n + 8).unwrap();
        assert_eq!(&MD[span.start..span.end], "Nigerian");
        // The emphasis markers around Takoba are markup: "The Takoba" crosses them.
        assert_eq!(x.segments[2].to_file(0, 10), None);
        assert_eq!(
            x.segments[2].to_file(4, 10).map(|sp| &MD[sp.start..sp.end]),
            Some("Takoba")
        );
    }
}
