//! Checking a file in its format: the prose segments of one language are joined into one
//! text (so that "the document" of a context condition is the whole file) and checked
//! together; findings and fixes are mapped back to file bytes, replacements escaped as the
//! format needs. A fix whose span crosses markup is kept for display but never applied.

use crate::check::{check_units, CheckOptions, UnitText};
use crate::finding::{Applicability, Finding};
use crate::formats::{Extracted, Format, Segment};
use crate::glossary::Index;
use crate::text::Span;

/// Between two segments: a paragraph break around a character that is neither a letter nor
/// a space, so that no multi-word name can match across it.
const JOINER: &str = "\n\n\u{00B6}\n\n";

/// Checks the segments of `extracted` (read from a file in `format`) with `index`, built for
/// the file's language.
pub fn check_segments(
    extracted: &Extracted,
    format: Format,
    index: &Index,
    options: &CheckOptions,
) -> Vec<Finding> {
    let segments: Vec<&Segment> = extracted.segments.iter().collect();
    // One segment (a plain text file) is checked where it is, not copied.
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(segments.len());
    let whole: &str = match segments.as_slice() {
        [one] => {
            starts.push(0);
            &one.text
        }
        _ => {
            for (i, s) in segments.iter().enumerate() {
                if i > 0 {
                    joined.push_str(JOINER);
                }
                starts.push(joined.len());
                joined.push_str(&s.text);
            }
            &joined
        }
    };
    // Translation units: each target segment with its source, in the joined text.
    let units: Vec<UnitText> = match options.bilingual {
        Some(_) => extracted
            .units
            .iter()
            .filter_map(|u| {
                let start = *starts.get(u.segment)?;
                Some(UnitText {
                    target: Span::new(start, start + segments[u.segment].text.len()),
                    id: &u.id,
                    source: &u.source,
                })
            })
            .collect(),
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for mut finding in check_units(index, whole, options, &units) {
        let k = starts.partition_point(|&s| s <= finding.span.start) - 1;
        let segment = segments[k];
        let base = starts[k];
        if finding.span.end > base + segment.text.len() {
            continue;
        }
        let local = |span: Span| Span::new(span.start - base, span.end - base);
        let here = local(finding.span);
        let exact = segment.to_file(here.start, here.end);
        finding.span = exact.unwrap_or_else(|| {
            Span::new(
                segment.file_offset(here.start),
                segment
                    .file_offset(here.end)
                    .max(segment.file_offset(here.start)),
            )
        });
        if let Some(fix) = finding.fix.as_mut() {
            let mut mapped = true;
            for edit in &mut fix.edits {
                let e = local(edit.span);
                match segment.to_file(e.start, e.end) {
                    Some(span) => {
                        edit.span = span;
                        edit.replacement = format.escape(&edit.replacement);
                    }
                    // A suggestion on a unit, shown and never applied.
                    None if e.is_empty() && fix.applicability == Applicability::DisplayOnly => {
                        let at = segment.file_offset(e.start);
                        edit.span = Span::new(at, at);
                    }
                    None => {
                        mapped = false;
                        edit.span = finding.span;
                    }
                }
            }
            if !mapped {
                fix.applicability = Applicability::DisplayOnly;
                finding
                    .message
                    .push_str(" (the fix would cross markup: edit it by hand)");
            }
        }
        if let Some(note) = &segment.note {
            finding.message.push_str(&format!(" ({note})"));
        }
        out.push(finding);
    }
    out.sort_by_key(|f| (f.span.start, f.span.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::index;
    use crate::fix::apply_fixes;
    use crate::formats::FormatOptions;

    fn fix_file(format: Format, text: &str, lang: &str, level: Applicability) -> String {
        let index = index(lang);
        let options = CheckOptions::default();
        apply_fixes(text, level, |t| {
            let x = format.extract(t, &FormatOptions::default()).unwrap();
            check_segments(&x, format, &index, &options)
        })
        .text
    }

    #[test]
    fn json_fixes_are_escaped_and_keys_untouched() {
        let json = "{\"Qasimi Quetta\": \"Le chef, \\\"Qasimi Quetta\\\", et la force Takoba\"}";
        let fixed = fix_file(Format::Json, json, "fr", Applicability::Unsafe);
        assert_eq!(
            fixed,
            "{\"Qasimi Quetta\": \"Le chef, \\\"Assimi Goïta\\\", et la force Takuba\"}"
        );
    }

    #[test]
    fn document_context_spans_every_segment_of_the_file() {
        let po = "msgid \"a\"\nmsgstr \"Les troupes vont au Niger.\"\n\nmsgid \"b\"\nmsgstr \"Aux côtés des forces nigérianes.\"\n";
        let fixed = fix_file(Format::Po, po, "fr", Applicability::Unsafe);
        assert!(
            fixed.ends_with("msgstr \"Aux côtés des forces nigériennes.\"\n"),
            "{fixed}"
        );
    }

    #[test]
    fn names_do_not_match_across_segments() {
        let json = "[\"Qasimi\", \"Quetta\"]";
        let x = Format::Json
            .extract(json, &FormatOptions::default())
            .unwrap();
        let found = check_segments(&x, Format::Json, &index("en"), &CheckOptions::default());
        assert!(
            found
                .iter()
                .all(|f| f.rule != crate::finding::Rule::KnownVariant),
            "{found:#?}"
        );
    }

    #[test]
    fn a_fix_across_markup_is_shown_not_applied() {
        let html = "<p>Le chef du Mali, <b>Qasimi</b> Quetta.</p>";
        let index = index("fr");
        let x = Format::Html
            .extract(html, &FormatOptions::default())
            .unwrap();
        let found = check_segments(&x, Format::Html, &index, &CheckOptions::default());
        let f = &found[0];
        assert_eq!(&html[f.span.start..f.span.end], "Qasimi</b> Quetta");
        assert_eq!(
            f.fix.as_ref().unwrap().applicability,
            Applicability::DisplayOnly
        );
        assert_eq!(
            fix_file(Format::Html, html, "fr", Applicability::Unsafe),
            html
        );
    }
}
