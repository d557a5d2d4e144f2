//! `glosslint init`: writes a commented starter `glosslint.toml`.

use super::Outcome;
use anyhow::Context;
use glosslint::config::{ConfigFile, CONFIG_FILE_NAME};
use std::path::Path;

/// The starter file: every key, commented, with its default.
pub const STARTER: &str = r#"# glosslint configuration. glosslint reads the nearest glosslint.toml in the checked file's
# folder or a parent. Command-line flags override it. Unknown keys are errors.

# Glossary files, relative to this file. The built-in world glossary (countries in 12
# languages, demonyms) is added below them unless `builtin = false`.
glossaries = []
builtin = true

# The language of checked texts (BCP 47), when neither a [languages] pattern, the file itself
# (PO, XLIFF, HTML) nor its path (article.fr.md, fr/) says. Without it, the language is
# detected from the text.
# lang = "en"

# The source language of bilingual files that do not say it (PO, CSV, TSV, text aligned
# with --source); XLIFF and TMX name theirs. Default English.
# source-lang = "en"

# Rules that do not run, by name or code (`glosslint rules` lists them).
disable = []

# Paths that folder walks skip, as globs relative to this file.
exclude = []

# Language by path glob, relative to this file; the first match wins.
[languages]
# "docs/fr/**" = "fr"
# "*.de.md" = "de"

# Severity per rule: "error" or "warning".
[severity]
# near-miss = "error"

# Thresholds of the near-miss rule (these are the defaults).
[near-miss]
min-length = 5        # names with fewer letters are never near-miss targets
short-length = 8      # names up to this length allow 1 edit and must keep their first letter
max-edits = 2         # edits allowed for longer names
transliteration = true
ordinary-words = true # never report spans made only of ordinary words of the language
min-confidence = 0.5  # report near-misses of this confidence or more (JSON `confidence`; docs/quality.md)

# Format options.
[formats]
po-check-msgid = false   # also check msgid (the source text) in PO files
# source-column = "source" # CSV and TSV: the source column, by header name or 1-based number
# target-column = "target" # CSV and TSV: the target column
"#;

pub fn run(force: bool) -> anyhow::Result<Outcome> {
    let path = Path::new(CONFIG_FILE_NAME);
    if path.exists() && !force {
        anyhow::bail!("{CONFIG_FILE_NAME} already exists here; pass --force to replace it");
    }
    debug_assert!(ConfigFile::parse(CONFIG_FILE_NAME, STARTER).is_ok());
    std::fs::write(path, STARTER).with_context(|| format!("writing {CONFIG_FILE_NAME}"))?;
    eprintln!("Wrote {CONFIG_FILE_NAME}. Add your glossaries to `glossaries`, then run `glosslint check`.");
    Ok(Outcome::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_parses_to_the_defaults() {
        let parsed = ConfigFile::parse(CONFIG_FILE_NAME, STARTER).unwrap();
        assert_eq!(parsed.builtin, Some(true));
        assert_eq!(
            parsed.near_miss,
            glosslint::check::NearMissOptions::default()
        );
        assert!(parsed.glossaries.is_empty() && parsed.disable.is_empty());
    }
}
