//! `glosslint.toml`: which glossaries a folder uses, the language of its texts, and rule
//! settings. This module parses the file; finding it on disk is the CLI's job.

use crate::check::{ForeignFormOptions, NearMissOptions, ScriptMismatchOptions};
use crate::diagnostic::Diagnostic;
use crate::finding::{Rule, Severity};
use crate::formats::FormatOptions;
use crate::text::LineIndex;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The name looked for in a checked file's folder and its parents.
pub const CONFIG_FILE_NAME: &str = "glosslint.toml";

/// The contents of a `glosslint.toml`. Unknown keys are errors.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Glossary files, relative to the configuration file's folder.
    #[serde(default)]
    pub glossaries: Vec<String>,
    /// The language of checked texts (BCP 47), unless `languages` or `--lang` says otherwise.
    pub lang: Option<String>,
    /// The source language of bilingual files that do not say it (PO, tables, aligned
    /// text); default English.
    pub source_lang: Option<String>,
    /// Language by path glob, relative to the configuration file's folder; the first match
    /// wins.
    #[serde(default)]
    pub languages: BTreeMap<String, String>,
    /// Whether the built-in world glossary is added to `glossaries` (default: true).
    pub builtin: Option<bool>,
    /// Rules that do not run, by name or code.
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub near_miss: NearMissOptions,
    #[serde(default)]
    pub script_mismatch: ScriptMismatchOptions,
    #[serde(default)]
    pub foreign_form: ForeignFormOptions,
    /// Options of the format readers.
    #[serde(default)]
    pub formats: FormatOptions,
    /// Severity per rule (name or code): `error` or `warning`.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Globs of paths, relative to this file, that folder walks skip.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// A problem in a configuration file, at a 1-based line and column: a [`Diagnostic`]
/// whose place is always known.
pub type ConfigError = Diagnostic;

impl ConfigFile {
    /// Parses and checks a configuration file; `path` only names it in messages.
    pub fn parse(path: &str, text: &str) -> Result<ConfigFile, ConfigError> {
        let lines = LineIndex::new(text);
        let error_at = |offset: usize, message: String| {
            let pos = lines.position(text, offset.min(text.len()));
            Diagnostic::new(path, message).at(pos.line, pos.column)
        };
        let config: ConfigFile = toml::from_str(text).map_err(|e| {
            error_at(
                e.span().map_or(0, |s| s.start),
                e.message().trim_end().to_string(),
            )
        })?;
        // The same text, parsed again with positions, only to place an error exactly (a
        // search of the text could land in a comment or another key).
        let doc = toml_edit::Document::parse(text).ok();
        let place = |found: Option<std::ops::Range<usize>>| found.map_or(0, |r| r.start);
        for name in &config.disable {
            if Rule::parse(name).is_none() {
                let at = doc.as_ref().and_then(|d| {
                    let values = d.get("disable")?.as_array()?;
                    values.iter().find(|v| v.as_str() == Some(name))?.span()
                });
                return Err(error_at(
                    place(at),
                    format!("unknown rule `{name}`; `glosslint rules` lists them"),
                ));
            }
        }
        for name in config.severity.keys() {
            if Rule::parse(name).is_none() {
                let at = doc.as_ref().and_then(|d| {
                    let table = d.get("severity")?.as_table_like()?;
                    table.get_key_value(name)?.0.span()
                });
                return Err(error_at(
                    place(at),
                    format!("unknown rule `{name}`; `glosslint rules` lists them"),
                ));
            }
        }
        let bad_tag =
            |tag: &str| format!("`{tag}` is not a BCP 47 language tag (like `en`, `fr`, `pt-BR`)");
        if let Some(tag) = config
            .lang
            .as_deref()
            .filter(|t| !crate::lang_tag::is_valid_lang_tag(t))
        {
            let at = doc.as_ref().and_then(|d| d.get("lang")?.span());
            return Err(error_at(place(at), bad_tag(tag)));
        }
        for (pattern, tag) in &config.languages {
            if !crate::lang_tag::is_valid_lang_tag(tag) {
                let at = doc
                    .as_ref()
                    .and_then(|d| d.get("languages")?.as_table_like()?.get(pattern)?.span());
                return Err(error_at(place(at), bad_tag(tag)));
            }
        }
        Ok(config)
    }

    /// Severity overrides, per rule.
    pub fn severities(&self) -> Vec<(Rule, Severity)> {
        self.severity
            .iter()
            .filter_map(|(name, s)| Rule::parse(name).map(|r| (r, *s)))
            .collect()
    }

    /// The rules that run under this configuration.
    pub fn enabled_rules(&self) -> Vec<Rule> {
        let disabled: Vec<Rule> = self.disable.iter().filter_map(|r| Rule::parse(r)).collect();
        Rule::ALL
            .into_iter()
            .filter(|r| !disabled.contains(r))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let text = r#"
glossaries = ["../glossaries/sahel.toml"]
lang = "en"
disable = ["GL002"]

[languages]
"*.fr.txt" = "fr"

[near-miss]
min-length = 6
"#;
        let c = ConfigFile::parse("glosslint.toml", text).unwrap();
        assert_eq!(c.glossaries, ["../glossaries/sahel.toml"]);
        assert_eq!(c.languages["*.fr.txt"], "fr");
        assert_eq!(c.near_miss.min_length, 6);
        assert_eq!(c.near_miss.short_length, 8);
        assert!(!c.enabled_rules().contains(&Rule::NearMiss));
    }

    #[test]
    fn unknown_keys_and_rules_are_errors_with_positions() {
        let e = ConfigFile::parse("g.toml", "glossaries = []\nlangs = \"en\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(1)));
        assert!(
            e.message.starts_with("unknown field `langs`"),
            "{}",
            e.message
        );
        let e = ConfigFile::parse("g.toml", "disable = [\"spelling\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(1), Some(12)));
        assert!(e.message.contains("unknown rule `spelling`"));
        let c = ConfigFile::parse("g.toml", "[severity]\nnear-miss = \"error\"\n").unwrap();
        assert_eq!(c.severities(), [(Rule::NearMiss, Severity::Error)]);
        let e = ConfigFile::parse("g.toml", "[near-miss]\nmin-len = 3\n").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    /// Errors point at the value or key itself, never at the same word in a comment or in
    /// another key before it.
    #[test]
    fn errors_point_at_the_key_or_value_not_an_earlier_mention() {
        let text = "# spelling is not a rule\nlang = \"en\" # fr-FR\n[severity]\nnear-miss = \"error\"\nspelling = \"warning\"\n";
        let e = ConfigFile::parse("g.toml", text).unwrap_err();
        assert_eq!((e.line, e.column), (Some(5), Some(1)), "{e}");
        let text = "# lang = \"EN\"\n\n[languages]\n\"EN/*\" = \"en\"\n\"x/*\" = \"EN\"\n";
        let e = ConfigFile::parse("g.toml", text).unwrap_err();
        assert_eq!((e.line, e.column), (Some(5), Some(9)), "{e}");
        assert!(e.message.starts_with("`EN` is not a BCP 47 language tag"));
        let text = "# disable = [\"x\"]\ndisable = [\"near-miss\", \"x\"]\n";
        let e = ConfigFile::parse("g.toml", text).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(25)), "{e}");
    }
}
