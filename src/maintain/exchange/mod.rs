//! Import and export: TBX (ISO 30042, TBX-Basic; read in version 2 `martif` and version 3
//! `tbx` shapes, written as version 3 DCA), CSV and TSV (one row per form, columns mapped by
//! name), and JSON (the whole model, lossless).
//!
//! What TBX and the tables can hold survives a round trip: ids, kinds, descriptions, every
//! form with its role and reason, and links (TBX cross-references). Policies, confusables,
//! examples and inflection paradigms have no place there; JSON keeps them.
//!
//! The exchange's rooms, one format each:
//!
//! - `tbx`: reading TBX (versions 2 and 3) and writing TBX-Basic version 3.
//! - `csv`: reading and writing CSV and TSV tables, with their columns mapped by name.
//! - `json`: the whole model as JSON, both ways.
//!
//! What the formats share stays here: the roles of terms, the builder that collects imported
//! terms into entries, and the entry ids made from TBX ids and terms.

mod csv;
mod json;
mod tbx;

// `self::`: a bare `csv` here would also name the `csv` crate.
pub use self::csv::{from_csv, to_csv, ColumnMap};
pub use json::{from_json, to_json};
pub use tbx::{from_tbx, to_tbx};

use crate::glossary::{Entry, Glossary, Kind, LangMap, Variant};
use std::collections::BTreeMap;

/// A file that could not be imported, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExchangeError {
    pub message: String,
}

fn err(message: impl Into<String>) -> ExchangeError {
    ExchangeError {
        message: message.into(),
    }
}

/// The role a term plays, from TBX administrative status or a table's role column.
fn role_of(status: &str) -> Option<Role> {
    let s = status.trim().to_ascii_lowercase();
    let s = s.trim_end_matches("-admn-sts").trim_end_matches("term");
    Some(match s {
        "preferred" | "canonical" => Role::Canonical,
        "admitted" | "alternative" | "accepted" => Role::Alternative,
        "deprecated" | "superseded" | "variant" | "wrong" => Role::Variant,
        "forbidden" => Role::Forbidden,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Canonical,
    Alternative,
    Variant,
    Forbidden,
}

/// Collects terms into entries, in the order they come.
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    /// Each entry's place in `entries`, by id: a search per term was quadratic.
    by_id: std::collections::HashMap<String, usize>,
}

impl Builder {
    fn entry(&mut self, id: &str) -> &mut Entry {
        if let Some(&i) = self.by_id.get(id) {
            return &mut self.entries[i];
        }
        self.by_id.insert(id.to_string(), self.entries.len());
        self.entries.push(Entry {
            id: id.to_string(),
            kind: Kind::Other,
            description: None,
            policy: Default::default(),
            forms: LangMap::new(),
            links: Vec::new(),
            confusables: Vec::new(),
            examples: Vec::new(),
            same_as: Vec::new(),
            origin: Default::default(),
            places: Vec::new(),
        });
        self.entries.last_mut().expect("just pushed")
    }

    /// Adds a term; without a canonical form yet, a correct term becomes the canonical one.
    fn term(&mut self, id: &str, lang: &str, term: &str, role: Option<Role>, note: Option<String>) {
        let entry = self.entry(id);
        let forms = entry.forms.get_or_default(lang);
        let role = role.unwrap_or(Role::Alternative);
        let (role, note) = match (role, note) {
            (Role::Variant, Some(n)) if n.starts_with("forbidden") => {
                let reason = n
                    .trim_start_matches("forbidden")
                    .trim_start_matches(':')
                    .trim();
                (
                    Role::Forbidden,
                    (!reason.is_empty()).then(|| reason.to_string()),
                )
            }
            other => other,
        };
        match role {
            Role::Canonical | Role::Alternative if forms.canonical.is_empty() => {
                forms.canonical = term.to_string()
            }
            Role::Canonical => {
                // A second preferred term: the first stays canonical.
                forms.alternatives.push(term.to_string());
            }
            Role::Alternative => forms.alternatives.push(term.to_string()),
            Role::Variant => forms.variants.push(Variant {
                form: term.to_string(),
                reason: note,
                fix: None,
            }),
            Role::Forbidden => forms.forbidden.push(Variant {
                form: term.to_string(),
                reason: note,
                fix: None,
            }),
        }
    }

    fn finish(self) -> Result<Glossary, ExchangeError> {
        for e in &self.entries {
            for (lang, f) in &e.forms {
                if f.canonical.is_empty() {
                    return Err(err(format!("entry `{}` has no preferred or admitted `{lang}` term to be its canonical form", e.id)));
                }
            }
        }
        Ok(Glossary {
            entries: self.entries,
            inflections: BTreeMap::new(),
        })
    }
}

/// An entry id from a TBX id or a term: lower case, `-` between words.
fn slug(s: &str) -> String {
    let folded = crate::text::fold_str(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "entry".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Forms;

    pub(super) fn sahel() -> Glossary {
        Glossary::from_toml("sahel.toml", include_str!("../../../glossaries/sahel.toml")).unwrap()
    }

    /// What TBX and tables hold: id, kind, description, links, and forms with roles and
    /// reasons.
    pub(super) type Exchangeable = (String, Kind, Option<String>, Vec<String>, LangMap<Forms>);

    pub(super) fn exchangeable(g: &Glossary, links: bool) -> Vec<Exchangeable> {
        g.entries
            .iter()
            .map(|e| {
                let mut forms = e.forms.clone();
                for f in forms.values_mut() {
                    f.inflect.clear();
                    for v in f.variants.iter_mut().chain(f.forbidden.iter_mut()) {
                        v.fix = None;
                    }
                }
                let links = if links { e.links.clone() } else { vec![] };
                (e.id.clone(), e.kind, e.description.clone(), links, forms)
            })
            .collect()
    }
}
