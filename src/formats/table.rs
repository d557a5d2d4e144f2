//! Bilingual tables: CSV (RFC 4180: fields separated by commas, quoted with `"`, a quote
//! inside doubled, line breaks allowed inside quotes) and TSV (fields separated by tabs, no
//! quoting). Each row is a unit: its target cell a segment, paired with its source cell.
//!
//! Which columns: `source-column` and `target-column` of `[formats]` (a header name or a
//! 1-based number); else a header row whose cells name them (`source` and `target`, or two
//! language tags such as `en` and `de`, which then say the languages); else columns 1 and 2,
//! with no header. A row with too few cells is skipped; a quote left open is an error.

use super::{Extracted, FormatOptions, ParseError, SegmentBuilder};

/// One cell: where its content starts and ends in the file, and whether it is quoted.
#[derive(Debug, Clone, Copy)]
struct Cell {
    start: usize,
    end: usize,
    quoted: bool,
}

pub fn extract(text: &str, tab: bool, options: &FormatOptions) -> Result<Extracted, ParseError> {
    let rows = rows(text, tab)?;
    let mut out = Extracted::default();
    let content = |c: &Cell| decoded(text, c);
    let header: Vec<String> = rows
        .first()
        .map(|(_, r)| r.iter().map(|c| content(c).trim().to_string()).collect())
        .unwrap_or_default();
    let in_header = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    // A column: by its 1-based number, or by its name in the header row.
    let column = |option: &Option<String>,
                  default: &str|
     -> Result<(Option<usize>, bool), ParseError> {
        match option.as_deref() {
            Some(n) if n.parse::<usize>().is_ok() => Ok((n.parse::<usize>().ok().and_then(|n| n.checked_sub(1)), false)),
            Some(name) => match in_header(name) {
                Some(i) => Ok((Some(i), true)),
                None => Err(ParseError::at(
                    text,
                    0,
                    format!("no column `{name}` in the header row: name a column of the first row, or give its number"),
                )),
            },
            None => Ok((in_header(default), true)),
        }
    };
    let (mut source, by_name_s) = column(&options.source_column, "source")?;
    let (mut target, by_name_t) = column(&options.target_column, "target")?;
    let mut has_header = (source.is_some() && by_name_s) || (target.is_some() && by_name_t);
    if source.is_none() && target.is_none() {
        // A header of two language tags: the first is the source.
        let tags: Vec<usize> = (0..header.len())
            .filter(|&i| {
                let h = &header[i];
                h.len() <= 12
                    && h.contains(|c: char| c.is_ascii_alphabetic())
                    && crate::lang_tag::is_valid_lang_tag(h)
                    && h.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
            .collect();
        if tags.len() >= 2 {
            let lang = |i: usize| header[i].replace('_', "-");
            source = Some(tags[0]);
            target = Some(tags[1]);
            out.source_lang = Some(lang(tags[0]));
            out.lang = Some(lang(tags[1]));
            has_header = true;
        }
    }
    let source = source.unwrap_or(0);
    let target = target.unwrap_or(1);
    for (n, (line, row)) in rows.iter().enumerate() {
        if n == 0 && has_header {
            continue;
        }
        let (Some(t), Some(s)) = (row.get(target), row.get(source)) else {
            continue;
        };
        let mut b = SegmentBuilder::new();
        push_cell(&mut b, text, t);
        if b.is_empty() {
            continue;
        }
        out.segments.push(b.finish());
        out.pair_last(format!("row {line}"), content(s));
    }
    Ok(out)
}

/// The rows of the table, each with its 1-based first line.
fn rows(text: &str, tab: bool) -> Result<Vec<(usize, Vec<Cell>)>, ParseError> {
    let sep = if tab { b'\t' } else { b',' };
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut line = 1;
    let mut row_line = 1;
    // A byte order mark is no content.
    let mut i = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut cell_start = i;
    loop {
        if !tab && bytes.get(i) == Some(&b'"') && i == cell_start {
            // A quoted cell: up to the quote that is not doubled.
            let open = i;
            let mut j = i + 1;
            loop {
                match bytes.get(j) {
                    None => {
                        return Err(ParseError::at(
                            text,
                            open,
                            "a quoted cell is never closed: add the closing `\"`",
                        ))
                    }
                    Some(b'"') if bytes.get(j + 1) == Some(&b'"') => j += 2,
                    Some(b'"') => break,
                    Some(b'\n') => {
                        line += 1;
                        j += 1
                    }
                    Some(_) => j += 1,
                }
            }
            row.push(Cell {
                start: open + 1,
                end: j,
                quoted: true,
            });
            i = j + 1;
            // Up to the separator or the line's end (text after a closing quote is kept out).
            while i < bytes.len() && bytes[i] != sep && bytes[i] != b'\n' {
                i += 1;
            }
        } else {
            let end = bytes[i..]
                .iter()
                .position(|&b| b == sep || b == b'\n')
                .map_or(bytes.len(), |p| i + p);
            let content_end = if end > i && bytes[end - 1] == b'\r' && bytes.get(end) != Some(&sep)
            {
                end - 1
            } else {
                end
            };
            row.push(Cell {
                start: i,
                end: content_end,
                quoted: false,
            });
            i = end;
        }
        match bytes.get(i) {
            Some(&b) if b == sep => {
                i += 1;
                cell_start = i;
            }
            Some(b'\n') => {
                line += 1;
                let done = std::mem::take(&mut row);
                if !(done.len() == 1 && done[0].start == done[0].end) {
                    rows.push((row_line, done));
                }
                row_line = line;
                i += 1;
                cell_start = i;
                if i >= bytes.len() {
                    break;
                }
            }
            _ => {
                if !(row.is_empty() || row.len() == 1 && row[0].start == row[0].end) {
                    rows.push((row_line, std::mem::take(&mut row)));
                }
                break;
            }
        }
    }
    Ok(rows)
}

/// A cell's text, quotes undoubled.
fn decoded(text: &str, c: &Cell) -> String {
    let raw = &text[c.start..c.end];
    if c.quoted {
        raw.replace("\"\"", "\"")
    } else {
        raw.to_string()
    }
}

/// Appends a cell's text to a segment, a doubled quote as one escaped quote.
fn push_cell(b: &mut SegmentBuilder, text: &str, c: &Cell) {
    let raw = &text[c.start..c.end];
    if !c.quoted {
        b.push_raw(raw, c.start);
        return;
    }
    let mut at = 0;
    for (k, _) in raw.match_indices("\"\"") {
        b.push_raw(&raw[at..k], c.start + at);
        b.push_decoded("\"", c.start + k, 2);
        at = k + 2;
    }
    b.push_raw(&raw[at..], c.start + at);
}

/// A replacement written into a CSV cell: quotes doubled (names rarely hold one; a cell
/// that was not quoted then no longer parses the same, and the fix is refused).
pub fn escape_csv(s: &str) -> String {
    s.replace('"', "\"\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_a_header_of_languages_pairs_rows() {
        let csv = "en,de\n\"Statistics Norway said\",\"Statistik Norwegen sagte, \"\"mehr\"\"\"\r\nPrigozhin left,Prigozhin ging\n";
        let x = extract(csv, false, &FormatOptions::default()).unwrap();
        assert_eq!(x.source_lang.as_deref(), Some("en"));
        assert_eq!(x.lang.as_deref(), Some("de"));
        let texts: Vec<&str> = x.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Statistik Norwegen sagte, \"mehr\"", "Prigozhin ging"]
        );
        assert_eq!(x.units[0].source, "Statistics Norway said");
        assert_eq!(x.units[0].id, "row 2");
        assert_eq!(x.units[1].id, "row 3");
        let at = csv.find("Prigozhin ging").unwrap();
        assert_eq!(x.segments[1].to_file(0, 9).map(|s| s.start), Some(at));
    }

    #[test]
    fn tsv_columns_by_name_or_number() {
        let tsv = "id\tsource\tnote\ttarget\n1\tTakoba left\t-\tTakoba est partie\n";
        let x = extract(tsv, true, &FormatOptions::default()).unwrap();
        assert_eq!(x.segments[0].text, "Takoba est partie");
        assert_eq!(x.units[0].source, "Takoba left");
        let options = FormatOptions {
            source_column: Some("2".into()),
            target_column: Some("note".into()),
            ..Default::default()
        };
        let x = extract(tsv, true, &options).unwrap();
        assert_eq!(x.segments[0].text, "-");
        // No header: columns 1 and 2.
        let x = extract("Mali\tle Mali\n", true, &FormatOptions::default()).unwrap();
        assert_eq!(x.segments[0].text, "le Mali");
        assert_eq!(x.units[0].source, "Mali");
    }

    #[test]
    fn an_open_quote_is_an_error_with_its_place() {
        let e = extract("en,fr\n\"Mali,le Mali\n", false, &FormatOptions::default()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
    }
}
