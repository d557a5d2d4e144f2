//! Editing glossary TOML in place with toml_edit, so that comments, blank lines and the
//! order of entries survive: `glossary fmt` and `glossary add`.

use crate::glossary::Glossary;
use toml_edit::{value, Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

/// The canonical layout: in every entry, keys in a fixed order (id, kind, description,
/// policies, links, forms by language, confusables, examples), keys inside a language's forms
/// in a fixed order, and ` = ` around every assignment that has no comment in it. Entries,
/// comments and blank lines stay where they are.
pub fn format_toml(text: &str) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    if let Some(entries) = doc.get_mut("entry").and_then(Item::as_array_of_tables_mut) {
        for entry in entries.iter_mut() {
            entry.sort_values_by(|a, _, b, _| entry_rank(a.get()).cmp(&entry_rank(b.get())));
            normalize(entry);
            if let Some(forms) = entry.get_mut("forms").and_then(Item::as_table_mut) {
                sort_tables(forms);
                for (_, item) in forms.iter_mut() {
                    if let Some(t) = item.as_table_mut() {
                        t.sort_values_by(|a, _, b, _| {
                            forms_rank(a.get()).cmp(&forms_rank(b.get()))
                        });
                        normalize(t);
                    }
                }
            }
            for name in ["confusable", "example"] {
                if let Some(list) = entry.get_mut(name).and_then(Item::as_array_of_tables_mut) {
                    for t in list.iter_mut() {
                        normalize(t);
                    }
                }
            }
        }
    }
    for name in ["defaults", "inflections"] {
        if let Some(t) = doc.get_mut(name).and_then(Item::as_table_mut) {
            normalize(t);
            for (_, item) in t.iter_mut() {
                if let Some(sub) = item.as_table_mut() {
                    normalize(sub);
                }
            }
        }
    }
    Ok(doc.to_string())
}

fn entry_rank(key: &str) -> u8 {
    match key {
        "id" => 0,
        "kind" => 1,
        "description" => 2,
        "case" => 3,
        "diacritics" => 4,
        "boundary" => 5,
        "links" => 6,
        "forms" => 7,
        "confusable" => 8,
        "example" => 9,
        _ => 10,
    }
}

fn forms_rank(key: &str) -> u8 {
    match key {
        "canonical" => 0,
        "alternatives" => 1,
        "variants" => 2,
        "forbidden" => 3,
        "inflect" => 4,
        _ => 5,
    }
}

/// Sorts a table's sub-tables by key, keeping the positions they occupy in the document.
fn sort_tables(table: &mut Table) {
    table.sort_values();
    let mut positions: Vec<isize> = table
        .iter()
        .filter_map(|(_, v)| v.as_table().and_then(Table::position))
        .collect();
    positions.sort_unstable();
    let keys: Vec<String> = table
        .iter()
        .filter(|(_, v)| v.as_table().is_some_and(|t| t.position().is_some()))
        .map(|(k, _)| k.to_string())
        .collect();
    for (key, position) in keys.iter().zip(positions) {
        if let Some(t) = table.get_mut(key).and_then(Item::as_table_mut) {
            t.set_position(Some(position));
        }
    }
}

/// `key = value` spacing, wherever no comment sits in the spacing.
fn normalize(table: &mut Table) {
    for (mut key, item) in table.iter_mut() {
        let Item::Value(v) = item else {
            continue;
        };
        let decor = key.leaf_decor_mut();
        let suffix_plain = decor
            .suffix()
            .and_then(|s| s.as_str())
            .is_none_or(|s| !s.contains('#'));
        if suffix_plain {
            decor.set_suffix(" ");
        }
        let prefix_plain = v
            .decor()
            .prefix()
            .and_then(|s| s.as_str())
            .is_none_or(|s| !s.contains('#'));
        if prefix_plain {
            v.decor_mut().set_prefix(" ");
        }
    }
}

/// What a form added from the command line is to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormRole {
    Canonical,
    Alternative,
    Variant,
    Forbidden,
}

/// A form to add, and for a new entry its kind.
#[derive(Debug, Clone)]
pub struct AddForm {
    pub id: String,
    pub kind: Option<String>,
    pub lang: String,
    pub role: FormRole,
    pub form: String,
    pub reason: Option<String>,
}

/// Adds a form to entry `add.id` (creating the entry, which then needs a kind and a canonical
/// form, when there is none), leaving the rest of the file as it is. The result must load
/// as a glossary, or the loader's error is returned.
pub fn add_form(text: &str, path: &str, add: &AddForm) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    if doc.get("entry").is_none() {
        doc.insert("entry", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let entries = doc
        .get_mut("entry")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or("`entry` is not an array of tables")?;
    let existing = entries
        .iter()
        .position(|t| t.get("id").and_then(Item::as_str) == Some(add.id.as_str()));
    let entry = match existing {
        Some(i) => entries.get_mut(i).expect("found above"),
        None => {
            let Some(kind) = &add.kind else {
                return Err(format!(
                    "there is no entry `{}`: give its --kind to create it",
                    add.id
                ));
            };
            if add.role != FormRole::Canonical {
                return Err(format!(
                    "there is no entry `{}`: a new entry starts with its --canonical form",
                    add.id
                ));
            }
            let mut t = Table::new();
            t.insert("id", value(add.id.as_str()));
            t.insert("kind", value(kind.as_str()));
            entries.push(t);
            entries.iter_mut().last().expect("just pushed")
        }
    };
    if entry.get("forms").is_none() {
        let mut forms = Table::new();
        forms.set_implicit(true);
        entry.insert("forms", Item::Table(forms));
    }
    let forms = entry
        .get_mut("forms")
        .and_then(Item::as_table_mut)
        .ok_or("`forms` is not a table")?;
    if forms.get(&add.lang).is_none() {
        if add.role != FormRole::Canonical {
            return Err(format!(
                "entry `{}` has no `{}` forms yet: add its --canonical form first",
                add.id, add.lang
            ));
        }
        forms.insert(&add.lang, Item::Table(Table::new()));
    }
    let lang = forms
        .get_mut(&add.lang)
        .and_then(Item::as_table_mut)
        .ok_or_else(|| format!("`forms.{}` is not a table", add.lang))?;
    match add.role {
        FormRole::Canonical => {
            if let Some(old) = lang.get("canonical").and_then(Item::as_str) {
                return Err(format!("entry `{}` already has the canonical `{}` form `{old}`; add the new one as an alternative", add.id, add.lang));
            }
            lang.insert("canonical", value(add.form.as_str()));
        }
        role => {
            let key = match role {
                FormRole::Alternative => "alternatives",
                FormRole::Variant => "variants",
                _ => "forbidden",
            };
            let item = match (&add.reason, role) {
                (Some(reason), FormRole::Variant | FormRole::Forbidden) => {
                    let mut t = InlineTable::new();
                    t.insert("form", add.form.as_str().into());
                    t.insert("reason", reason.as_str().into());
                    Value::InlineTable(t)
                }
                _ => add.form.as_str().into(),
            };
            if lang.get(key).is_none() {
                lang.insert(key, value(Array::new()));
            }
            let array = lang
                .get_mut(key)
                .and_then(Item::as_array_mut)
                .ok_or_else(|| format!("`{key}` is not an array"))?;
            array.push(item);
        }
    }
    let out = doc.to_string();
    Glossary::from_toml(path, &out).map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAHEL: &str = include_str!("../../glossaries/sahel.toml");

    #[test]
    fn fmt_keeps_comments_and_meaning_and_is_idempotent() {
        let messy = "# People\n[[entry]]\nkind=\"person\"   # who\nid = \"goita\"\n[entry.forms.fr]\ncanonical = \"Assimi Goïta\"\n# English forms\n[entry.forms.en]\nvariants = [\"Qasimi Quetta\"]\ncanonical   =   \"Assimi Goïta\"\n";
        let formatted = format_toml(messy).unwrap();
        assert_eq!(
            formatted,
            "# People\n[[entry]]\nid = \"goita\"\nkind = \"person\"   # who\n# English forms\n[entry.forms.en]\ncanonical = \"Assimi Goïta\"\nvariants = [\"Qasimi Quetta\"]\n[entry.forms.fr]\ncanonical = \"Assimi Goïta\"\n"
        );
        assert_eq!(format_toml(&formatted).unwrap(), formatted);
        let before = Glossary::from_toml("a", messy).unwrap();
        let after = Glossary::from_toml("b", &formatted).unwrap();
        assert_eq!(before.entries[0].forms, after.entries[0].forms);
    }

    #[test]
    fn the_shipped_glossaries_are_formatted() {
        assert_eq!(format_toml(SAHEL).unwrap(), SAHEL);
    }

    #[test]
    fn add_appends_to_an_entry_or_creates_one_and_keeps_the_rest() {
        let add = AddForm {
            id: "takuba".into(),
            kind: None,
            lang: "en".into(),
            role: FormRole::Variant,
            form: "Takoba".into(),
            reason: Some("vowel drift in machine translation".into()),
        };
        let out = add_form(SAHEL, "sahel.toml", &add).unwrap();
        let diff = similar::TextDiff::from_lines(SAHEL, &out);
        let changed: Vec<String> = diff
            .iter_all_changes()
            .filter(|c| c.tag() != similar::ChangeTag::Equal)
            .map(|c| format!("{}{}", c.tag(), c.value()))
            .collect();
        assert_eq!(
            changed,
            ["+variants = [{ form = \"Takoba\", reason = \"vowel drift in machine translation\" }]\n"]
        );

        let new = AddForm {
            id: "kati".into(),
            kind: Some("place".into()),
            lang: "fr".into(),
            role: FormRole::Canonical,
            form: "Kati".into(),
            reason: None,
        };
        let out = add_form(SAHEL, "sahel.toml", &new).unwrap();
        assert!(out.starts_with(SAHEL.trim_end()));
        let tail = &out[SAHEL.trim_end().len()..];
        assert_eq!(tail, "\n\n[[entry]]\nid = \"kati\"\nkind = \"place\"\n\n[entry.forms.fr]\ncanonical = \"Kati\"\n");

        let clash = AddForm {
            form: "Tessalit".into(),
            reason: None,
            ..add.clone()
        };
        let err = add_form(SAHEL, "sahel.toml", &clash).unwrap_err();
        assert!(
            err.contains("`Tessalit` (en) is claimed by entry `tessalit` too"),
            "{err}"
        );
    }
}
