//! CSV and TSV: one row per form, with the columns found by their header names
//! ([`ColumnMap`]), read into the shared builder and written in the order of `FIELDS`. A
//! table without `form` and `lang` columns may instead have one column per language (headed
//! by language tags, or mapped with `--columns de=German`): one row per entry, each cell the
//! entry's canonical form in that language, then its alternatives after ` | `.
//!
//! This room reads and writes tables only: a row's role and entry id come from the shared
//! `role_of` and `slug`, so that a table and a TBX file name things alike. A table holds
//! forms, roles, reasons, kinds and descriptions; links, policies, confusables, examples and
//! paradigms are not columns, and this room must not invent columns for them.

use super::{err, role_of, slug, Builder, ExchangeError};
use crate::glossary::Glossary;
use std::collections::BTreeMap;

/// The columns of a glossary table, in the order export writes them.
const FIELDS: [&str; 7] = [
    "id",
    "kind",
    "lang",
    "role",
    "form",
    "reason",
    "description",
];

/// Which table column holds each field, by header name. Unmapped fields use their own name
/// (`id`, `kind`, `lang`, `role`, `form`, `reason`, `description`).
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    pub names: BTreeMap<String, String>,
}

impl ColumnMap {
    /// Parses `field=Header,field=Header`.
    pub fn parse(spec: &str) -> Result<ColumnMap, ExchangeError> {
        let mut names = BTreeMap::new();
        for pair in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (field, header) = pair
                .split_once('=')
                .ok_or_else(|| err(format!("`{pair}` is not field=Header")))?;
            let field = field.trim();
            if !FIELDS.contains(&field) && !is_language_column(field) {
                return Err(err(format!("unknown field `{field}`: use id, kind, lang, role, form, reason, description, or a language tag (de=German) for a table with one column per language")));
            }
            names.insert(field.to_string(), header.trim().to_string());
        }
        Ok(ColumnMap { names })
    }

    fn header<'a>(&'a self, field: &'a str) -> &'a str {
        self.names.get(field).map_or(field, String::as_str)
    }
}

pub fn from_csv(text: &str, delimiter: u8, columns: &ColumnMap) -> Result<Glossary, ExchangeError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| err(e.to_string()))?.clone();
    let find = |field: &str| {
        headers
            .iter()
            .position(|h| h.trim() == columns.header(field))
    };
    let (Some(form), Some(lang)) = (find("form"), find("lang")) else {
        if let Some(glossary) = from_wide(&mut reader, &headers, columns)? {
            return Ok(glossary);
        }
        return Err(err(format!(
            "the table needs a `{}` and a `{}` column (map other names with --columns form=Term,lang=Language)",
            columns.header("form"),
            columns.header("lang")
        )));
    };
    let (id, kind, role, reason, description) = (
        find("id"),
        find("kind"),
        find("role"),
        find("reason"),
        find("description"),
    );
    let mut b = Builder::default();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| err(format!("row {}: {e}", row + 2)))?;
        let get = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let Some(term) = get(Some(form)) else {
            continue;
        };
        let language =
            get(Some(lang)).ok_or_else(|| err(format!("row {}: no language", row + 2)))?;
        let entry_id = match get(id) {
            Some(i) => slug(i),
            None => slug(term),
        };
        let role_value = match get(role) {
            Some(r) => Some(role_of(r).ok_or_else(|| err(format!("row {}: unknown role `{r}`: use canonical, alternative, variant or forbidden (or TBX statuses)", row + 2)))?),
            None => None,
        };
        b.term(
            &entry_id,
            language,
            term,
            role_value,
            get(reason).map(str::to_string),
        );
        describe(b.entry(&entry_id), get(kind), get(description), row)?;
    }
    b.finish()
}

/// Sets the kind and description a table row gives its entry (`row` counts from 0 after
/// the header).
fn describe(
    e: &mut crate::glossary::Entry,
    kind: Option<&str>,
    description: Option<&str>,
    row: usize,
) -> Result<(), ExchangeError> {
    if let Some(k) = kind {
        e.kind = serde_json::from_value(serde_json::Value::String(k.to_lowercase()))
            .map_err(|_| err(format!("row {}: unknown kind `{k}`", row + 2)))?;
    }
    if let Some(d) = description {
        e.description = Some(d.to_string());
    }
    Ok(())
}

/// Whether `field` of a column map names a language (`de=German`).
fn is_language_column(field: &str) -> bool {
    field.len() <= 12
        && field
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && crate::glossary::is_valid_lang_tag(field)
}

/// A table with one column per language, if it has two or more: by the map's language
/// fields, else by headers that are language tags.
fn from_wide(
    reader: &mut csv::Reader<&[u8]>,
    headers: &csv::StringRecord,
    columns: &ColumnMap,
) -> Result<Option<Glossary>, ExchangeError> {
    let mapped: Vec<(String, usize)> = columns
        .names
        .iter()
        .filter(|(field, _)| !FIELDS.contains(&field.as_str()))
        .filter_map(|(lang, header)| {
            headers
                .iter()
                .position(|h| h.trim() == header)
                .map(|i| (lang.replace('_', "-"), i))
        })
        .collect();
    let mut langs: Vec<(String, usize)> = if mapped.is_empty() {
        headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !FIELDS.contains(&h.trim()) && is_language_column(h.trim()))
            .map(|(i, h)| (h.trim().replace('_', "-"), i))
            .collect()
    } else {
        mapped
    };
    if langs.len() < 2 {
        return Ok(None);
    }
    // In the table's order: an entry is named after its first form.
    langs.sort_by_key(|&(_, i)| i);
    let find = |field: &str| {
        headers
            .iter()
            .position(|h| h.trim() == columns.header(field))
    };
    let (id, kind, description) = (find("id"), find("kind"), find("description"));
    let mut b = Builder::default();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| err(format!("row {}: {e}", row + 2)))?;
        let get = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let Some(first) = langs
            .iter()
            .find_map(|(_, i)| get(Some(*i)))
            .and_then(|c| c.split(" | ").next())
        else {
            continue;
        };
        let entry_id = slug(get(id).unwrap_or(first));
        for (lang, i) in &langs {
            let Some(cell) = get(Some(*i)) else { continue };
            for (n, term) in cell
                .split(" | ")
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .enumerate()
            {
                let role = if n == 0 { "canonical" } else { "alternative" };
                b.term(&entry_id, lang, term, role_of(role), None);
            }
        }
        describe(b.entry(&entry_id), get(kind), get(description), row)?;
    }
    b.finish().map(Some)
}

pub fn to_csv(g: &Glossary, delimiter: u8) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    w.write_record(FIELDS).expect("in memory");
    for e in &g.entries {
        let mut first = true;
        for (lang, f) in &e.forms {
            let mut row = |role: &str, form: &str, reason: Option<&str>| {
                let description = if first {
                    e.description.as_deref().unwrap_or("")
                } else {
                    ""
                };
                first = false;
                w.write_record([
                    e.id.as_str(),
                    e.kind.as_str(),
                    lang.as_str(),
                    role,
                    form,
                    reason.unwrap_or(""),
                    description,
                ])
                .expect("in memory");
            };
            row("canonical", &f.canonical, None);
            for a in &f.alternatives {
                row("alternative", a, None);
            }
            for v in &f.variants {
                row("variant", &v.form, v.reason.as_deref());
            }
            for v in &f.forbidden {
                row("forbidden", &v.form, v.reason.as_deref());
            }
        }
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}

#[cfg(test)]
mod tests {
    use super::super::tests::{exchangeable, sahel};
    use super::*;

    #[test]
    fn a_table_with_one_column_per_language_gives_one_entry_per_row() {
        let csv = "id,kind,en,de,ru\nprigozhin,person,Yevgeny Prigozhin | Prigozhin,Jewgeni Prigoschin | Prigoschin,Евгений Пригожин\nStatistics Norway,organisation,Statistics Norway,Statistisk sentralbyrå,\n";
        let g = from_csv(csv, b',', &ColumnMap::default()).unwrap();
        assert_eq!(g.entries.len(), 2);
        let p = &g.entries[0];
        assert_eq!(p.id, "prigozhin");
        assert_eq!(p.kind, crate::glossary::Kind::Person);
        let de = p.forms.get("de").unwrap();
        assert_eq!(de.canonical, "Jewgeni Prigoschin");
        assert_eq!(de.alternatives, ["Prigoschin"]);
        assert_eq!(p.forms.get("ru").unwrap().canonical, "Евгений Пригожин");
        let s = &g.entries[1];
        assert_eq!(s.id, "statistics-norway");
        assert!(s.forms.get("ru").is_none());
        // Headers that are no language tags, mapped to languages; named after the first.
        let map = ColumnMap::parse("en=English,de=Deutsch").unwrap();
        let g = from_csv(
            "English,Deutsch\nStatistics Norway,Statistisk sentralbyrå\n",
            b',',
            &map,
        )
        .unwrap();
        assert_eq!(g.entries[0].id, "statistics-norway");
        assert_eq!(
            g.entries[0].forms.get("de").unwrap().canonical,
            "Statistisk sentralbyrå"
        );
        assert!(ColumnMap::parse("xx-not-a-tag!=X").is_err());
    }

    #[test]
    fn csv_and_tsv_round_trips_keep_forms_roles_and_reasons() {
        let g = sahel();
        for delimiter in [b',', b'\t'] {
            let back = from_csv(&to_csv(&g, delimiter), delimiter, &ColumnMap::default()).unwrap();
            assert_eq!(exchangeable(&back, false), exchangeable(&g, false));
        }
    }

    #[test]
    fn tables_with_other_column_names_and_tbx_statuses() {
        let csv = "ConceptID;Language;Term;Status;Comment\ngoita;en;Assimi Goïta;preferredTerm-admn-sts;\ngoita;en;Qasimi Quetta;deprecatedTerm-admn-sts;MT output\ngoita;fr;Assimi Goïta;;\n";
        let map =
            ColumnMap::parse("id=ConceptID,lang=Language,form=Term,role=Status,reason=Comment")
                .unwrap();
        let g = from_csv(csv, b';', &map).unwrap();
        let en = &g.entries[0].forms["en"];
        assert_eq!(en.variants[0].reason.as_deref(), Some("MT output"));
        let e = from_csv("Term,Lang\nx,en\n", b',', &ColumnMap::default()).unwrap_err();
        assert!(
            e.message.contains("needs a `form` and a `lang` column"),
            "{}",
            e.message
        );
        let e = from_csv(
            "id,lang,form,role\na,en,X,maybe\n",
            b',',
            &ColumnMap::default(),
        )
        .unwrap_err();
        assert!(
            e.message.starts_with("row 2: unknown role `maybe`"),
            "{}",
            e.message
        );
    }
}
