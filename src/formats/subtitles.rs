//! Subtitles: SRT and WebVTT. Only cue text is prose; cue numbers, identifiers, timings and
//! settings are never touched. WebVTT tags (`<i>`, `<v Speaker>`, `<c.x>`) are markup, its
//! character references are decoded, and its `NOTE` blocks are comments.

use super::{push_xml_text, Comment, Extracted, LineCounter, ParseError, SegmentBuilder};

pub fn extract_srt(text: &str) -> Result<Extracted, ParseError> {
    let mut out = Extracted::default();
    for (block, at) in blocks(text) {
        let lines: Vec<(&str, usize)> = lines_of(block, at);
        let timing = lines.iter().position(|(l, _)| l.contains("-->"));
        let Some(timing) = timing else {
            return Err(ParseError::at(
                text,
                at,
                "a subtitle block without a timing line (00:00:01,000 --> 00:00:02,000)",
            ));
        };
        push_cue(&mut out, &lines[timing + 1..], false);
    }
    Ok(out)
}

pub fn extract_vtt(text: &str) -> Result<Extracted, ParseError> {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !body.starts_with("WEBVTT") {
        return Err(ParseError::at(
            text,
            0,
            "a WebVTT file starts with the line WEBVTT",
        ));
    }
    let mut out = Extracted::default();
    let mut line_no = LineCounter::new(text);
    for (i, (block, at)) in blocks(text).into_iter().enumerate() {
        let lines = lines_of(block, at);
        if i == 0 {
            continue; // the WEBVTT header block
        }
        let first = lines.first().map_or("", |(l, _)| *l);
        if first.starts_with("NOTE") {
            let note = block.trim_start_matches("NOTE").trim();
            out.comments.push(Comment {
                text: note.to_string(),
                line: line_no.line_of(at),
                covers: None,
            });
            continue;
        }
        if first.starts_with("STYLE") || first.starts_with("REGION") {
            continue;
        }
        let Some(timing) = lines.iter().position(|(l, _)| l.contains("-->")) else {
            return Err(ParseError::at(
                text,
                at,
                "a cue without a timing line (00:01.000 --> 00:02.000)",
            ));
        };
        push_cue(&mut out, &lines[timing + 1..], true);
    }
    Ok(out)
}

/// A cue's text lines become one segment; line breaks inside it are kept as they are.
fn push_cue(out: &mut Extracted, lines: &[(&str, usize)], vtt: bool) {
    let mut b = SegmentBuilder::new();
    for (i, (line, at)) in lines.iter().enumerate() {
        if i > 0 {
            // The line break as the file writes it, so that fixes keep CRLF.
            let prev_end = lines[i - 1].1 + lines[i - 1].0.len();
            let brk = if *at - prev_end == 2 { "\r\n" } else { "\n" };
            b.push_raw(brk, prev_end);
        }
        if vtt {
            push_vtt_line(&mut b, line, *at);
        } else {
            b.push_raw(line, *at);
        }
    }
    if !b.is_empty() {
        out.segments.push(b.finish());
    }
}

fn push_vtt_line(b: &mut SegmentBuilder, line: &str, at: usize) {
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if rest.starts_with('<') {
            let close = rest.find('>').map_or(rest.len(), |c| c + 1);
            b.gap();
            i += close;
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        push_xml_text(b, &rest[..next], at + i);
        i += next;
    }
}

/// Blocks separated by blank lines, with their file offsets.
fn blocks(text: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                out.push((text[s..offset].trim_end(), s));
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push((text[s..].trim_end(), s));
    }
    out
}

/// The lines of a block without their line breaks, with their file offsets.
fn lines_of(block: &str, at: usize) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut offset = at;
    for line in block.split_inclusive('\n') {
        out.push((line.trim_end_matches(['\n', '\r']), offset));
        offset += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srt_cue_text_only() {
        let srt = "1\r\n00:00:01,000 --> 00:00:03,000\r\nThe ruler of Mali,\r\nQasimi Quetta, spoke.\r\n\r\n2\r\n00:00:04,000 --> 00:00:05,000\r\nThe Takoba force left.\r\n";
        let x = extract_srt(srt).unwrap();
        let texts: Vec<&str> = x.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The ruler of Mali,\r\nQasimi Quetta, spoke.",
                "The Takoba force left."
            ]
        );
        let s = &x.segments[0];
        let at = s.text.find("Qasimi").unwrap();
        let span = s.to_file(at, at + 13).unwrap();
        assert_eq!(&srt[span.start..span.end], "Qasimi Quetta");
        assert!(extract_srt("1\nno timing\n").is_err());
    }

    #[test]
    fn vtt_tags_are_markup_and_notes_are_comments() {
        let vtt = "WEBVTT\n\nNOTE glosslint-disable near-miss\n\nintro\n00:01.000 --> 00:02.000 align:start\n<v Narrator>The <i>Takoba</i> force &amp; Mali</v>\n";
        let x = extract_vtt(vtt).unwrap();
        assert_eq!(x.segments[0].text, "The Takoba force & Mali");
        assert_eq!(x.comments[0].text, "glosslint-disable near-miss");
        assert_eq!(x.comments[0].line, 3);
        let s = &x.segments[0];
        assert_eq!(
            s.to_file(4, 10).map(|sp| &vtt[sp.start..sp.end]),
            Some("Takoba")
        );
        // "The Takoba" crosses the <i> tag: no file range for a fix.
        assert_eq!(s.to_file(0, 10), None);
        assert!(extract_vtt("1\n00:01.000 --> 00:02.000\nx\n").is_err());
    }
}
