//! The TOML shapes of a glossary file, as serde reads them before validation: spans kept
//! for `line:column` errors, variants as plain strings or tables.

use super::{BoundaryPolicy, CasePolicy, DiacriticsPolicy, Ending, Kind, Scope};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub(super) defaults: Option<RawPolicy>,
    #[serde(default)]
    pub(super) inflections: BTreeMap<String, BTreeMap<String, Spanned<Vec<Ending>>>>,
    #[serde(default, rename = "entry")]
    pub(super) entries: Vec<RawEntry>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPolicy {
    pub(super) case: Option<CasePolicy>,
    pub(super) diacritics: Option<DiacriticsPolicy>,
    pub(super) boundary: Option<BoundaryPolicy>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEntry {
    pub(super) id: Spanned<String>,
    pub(super) kind: Kind,
    pub(super) description: Option<String>,
    pub(super) case: Option<CasePolicy>,
    pub(super) diacritics: Option<DiacriticsPolicy>,
    pub(super) boundary: Option<BoundaryPolicy>,
    #[serde(default)]
    pub(super) links: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) forms: BTreeMap<String, RawForms>,
    #[serde(default, rename = "confusable")]
    pub(super) confusables: Vec<Spanned<RawConfusable>>,
    #[serde(default, rename = "example")]
    pub(super) examples: Vec<RawExample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawForms {
    pub(super) canonical: Spanned<String>,
    #[serde(default)]
    pub(super) alternatives: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) variants: Vec<Spanned<RawVariant>>,
    #[serde(default)]
    pub(super) forbidden: Vec<Spanned<RawVariant>>,
    #[serde(default)]
    pub(super) inflect: Vec<Spanned<String>>,
}

/// A variant is a plain string, or a table `{ form, reason, fix }`.
pub(super) enum RawVariant {
    Plain(String),
    Detailed(RawVariantTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVariantTable {
    pub(super) form: String,
    pub(super) reason: Option<String>,
    pub(super) fix: Option<String>,
}

impl RawVariant {
    pub(super) fn form(&self) -> &str {
        match self {
            RawVariant::Plain(s) => s,
            RawVariant::Detailed(t) => &t.form,
        }
    }

    pub(super) fn details(&self) -> (Option<String>, Option<String>) {
        match self {
            RawVariant::Plain(_) => (None, None),
            RawVariant::Detailed(t) => (t.reason.clone(), t.fix.clone()),
        }
    }
}

impl<'de> Deserialize<'de> for RawVariant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawVariant;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a table { form = \"…\", reason = \"…\", fix = \"…\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawVariant, E> {
                Ok(RawVariant::Plain(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawVariant, A::Error> {
                RawVariantTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawVariant::Detailed)
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfusable {
    pub(super) lang: String,
    pub(super) form: String,
    pub(super) reason: Option<String>,
    pub(super) fix: Option<String>,
    #[serde(default, rename = "if")]
    pub(super) require: Vec<RawCondition>,
    #[serde(default)]
    pub(super) unless: Vec<RawCondition>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    #[serde(rename = "in")]
    pub(super) scope: Scope,
    #[serde(default)]
    pub(super) mentions: Vec<String>,
    #[serde(default)]
    pub(super) words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExample {
    pub(super) lang: String,
    pub(super) text: Spanned<String>,
    pub(super) fixed: Option<String>,
}
