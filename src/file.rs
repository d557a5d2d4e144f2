//! One file, checked and fixed the way every front-end does it (the CLI, and the language
//! server and bindings to come): read in its format, its language resolved, its prose
//! checked, severities and suppressions applied, the baseline subtracted; and fixed at a
//! level with every guarantee: exactly the reported edits, a fixed file that still parses in
//! its format, and fixes whose replacement would itself be reported refused.
//!
//! This room reads no file and prints nothing: it is given the text, and the path only to
//! choose a format and a language and to name the file.

use crate::baseline::Baseline;
use crate::check::CheckOptions;
use crate::config::ConfigFile;
use crate::document::check_segments;
use crate::finding::{Applicability, Edit, Finding, Rule, Severity};
use crate::fix::{apply_fixes, Refusal};
use crate::formats::{Extracted, Format, FormatOptions, ParseError};
use crate::glossary::Index;
use crate::language::{self, LangSource};
use crate::suppress;
use crate::text::LineIndex;
use std::path::Path;

/// How a file is checked, once its index is known: the checker's options, severities, the
/// format readers' options, whether unused suppressions are reported, and the baseline.
#[derive(Debug, Clone, Default)]
pub struct FileOptions<'a> {
    pub check: CheckOptions,
    /// Severity per rule, where it differs from the rule's own.
    pub severity: Vec<(Rule, Severity)>,
    pub format: FormatOptions,
    /// Report suppression comments that suppress nothing (`unused-suppression`).
    pub report_unused: bool,
    /// Findings accepted as they are: those it lists are not reported.
    pub baseline: Option<&'a Baseline>,
}

impl FileOptions<'_> {
    /// The options a configuration file sets, less the rules in `disable`.
    pub fn from_config(config: &ConfigFile, disable: &[Rule]) -> FileOptions<'static> {
        let mut check = CheckOptions {
            rules: config.enabled_rules(),
            near_miss: config.near_miss.clone(),
            script_mismatch: config.script_mismatch.clone(),
            foreign_form: config.foreign_form.clone(),
            bilingual: None,
        };
        check.rules.retain(|r| !disable.contains(r));
        FileOptions {
            check,
            severity: config.severities(),
            format: config.formats.clone(),
            report_unused: false,
            baseline: None,
        }
    }
}

/// What decides a file's language, besides the file itself, in order of precedence (see
/// [`SourceFile::language`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct LangHints<'a> {
    /// Given by the user for every file (`--lang`).
    pub forced: Option<&'a str>,
    /// What a path pattern of the configuration (`[languages]`) says of this file.
    pub pattern: Option<&'a str>,
    /// The configuration's `lang`.
    pub config: Option<&'a str>,
    /// The only language of a one-language glossary, which can check no other.
    pub only: Option<&'a str>,
}

/// A file read in its format.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    /// How the file is named in reports and in the baseline.
    pub name: &'a str,
    pub path: Option<&'a Path>,
    pub text: &'a str,
    pub format: Format,
    pub extracted: Extracted,
}

/// A checked file.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedFile {
    /// Reported findings, in order of position.
    pub findings: Vec<Finding>,
    /// Findings that a suppression comment or the baseline covers.
    pub suppressed: Vec<Finding>,
}

/// A file fixed at a level.
#[derive(Debug, Clone, PartialEq)]
pub struct FixedFile {
    /// What [`SourceFile::check`] reports on the original: the fixes applied are theirs.
    pub reported: Vec<Finding>,
    /// The fixed text: the original plus `edits`, byte for byte.
    pub text: String,
    /// Fixes applied.
    pub applied: usize,
    /// The edits applied, in the original's offsets, in order.
    pub edits: Vec<Edit>,
    /// Fixes at the level that were not applied, and why.
    pub refused: Vec<Refusal>,
    /// Findings the fixes made and that were fixed in turn, in the original's offsets (see
    /// [`crate::fix`]): with `reported`, every finding whose fix was applied.
    pub cascaded: Vec<Finding>,
    /// What is still reported in the fixed text; refused fixes are shown, not applicable.
    pub findings: Vec<Finding>,
}

impl FixedFile {
    /// Every finding of the fix: those reported on the original, and those the fixes made
    /// and fixed in turn, in order of position.
    pub fn all_reported(&self) -> Vec<Finding> {
        let mut all = self.reported.clone();
        all.extend(self.cascaded.iter().cloned());
        all.sort_by_key(|f| (f.span.start, f.span.end));
        all
    }
}

/// Why a file's fixes were not applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    /// The fixed text would not parse in the file's format: nothing may be written.
    #[error("fixes refused: the fixed file would not be valid {format} ({error})")]
    WouldNotParse {
        format: &'static str,
        error: ParseError,
    },
}

impl<'a> SourceFile<'a> {
    /// Reads `text` in `format`, else the format `path`'s extension names, else plain text.
    pub fn parse(
        name: &'a str,
        path: Option<&'a Path>,
        text: &'a str,
        format: Option<Format>,
        options: &FormatOptions,
    ) -> Result<SourceFile<'a>, ParseError> {
        let format = Format::choose(format, path);
        let extracted = format.extract(text, options)?;
        Ok(SourceFile {
            name,
            path,
            text,
            format,
            extracted,
        })
    }

    /// Reads the file again with other format options, if they differ from the defaults it
    /// was first read with.
    pub fn with_options(self, options: &FormatOptions) -> Result<SourceFile<'a>, ParseError> {
        if *options == FormatOptions::default() {
            return Ok(self);
        }
        let extracted = self.format.extract(self.text, options)?;
        Ok(SourceFile { extracted, ..self })
    }

    /// The file's language: the one given for every file; a path pattern of the
    /// configuration; what the file declares; its path's conventions; the configuration's
    /// `lang`; the only language of a one-language glossary; detection from its prose; else
    /// English.
    pub fn language(&self, hints: &LangHints) -> (String, LangSource) {
        language_of(&self.extracted, self.path, hints)
    }

    /// Checks the file against `index` (built for its language).
    pub fn check(&self, index: &Index, options: &FileOptions) -> CheckedFile {
        check_extracted(
            self.name,
            self.text,
            &self.extracted,
            self.format,
            index,
            options,
        )
    }

    /// Fixes the file at `level`: the fixes of the findings [`SourceFile::check`] reports,
    /// applied once, refused where the replacement would itself be reported; the fixed text
    /// must parse in the file's format.
    pub fn fix(
        &self,
        index: &Index,
        options: &FileOptions,
        level: Applicability,
    ) -> Result<FixedFile, FixError> {
        let mut reported = None;
        let fixed = apply_fixes(self.text, level, |t| {
            if t == self.text {
                let found = self.check(index, options).findings;
                reported.get_or_insert_with(|| found.clone());
                return found;
            }
            match self.format.extract(t, &options.format) {
                Ok(x) => check_extracted(self.name, t, &x, self.format, index, options).findings,
                // Text that does not parse is refused below, whatever it reports.
                Err(_) => Vec::new(),
            }
        });
        let extracted = self
            .format
            .extract(&fixed.text, &options.format)
            .map_err(|error| FixError::WouldNotParse {
                format: self.format.name(),
                error,
            })?;
        let mut findings = check_extracted(
            self.name,
            &fixed.text,
            &extracted,
            self.format,
            index,
            options,
        )
        .findings;
        fixed.mark_refused(&mut findings);
        Ok(FixedFile {
            reported: reported.unwrap_or_default(),
            text: fixed.text,
            applied: fixed.applied,
            edits: fixed.edits,
            refused: fixed.refused,
            cascaded: fixed.cascaded,
            findings,
        })
    }
}

/// The BCP 47 tag of an undetermined language ([`LangSource::Unknown`]).
pub const UNDETERMINED: &str = "und";

/// The language of a file read as `extracted` from `path`, by the precedence that
/// [`SourceFile::language`] describes: for front-ends that keep a file's parts apart.
pub fn language_of(
    extracted: &Extracted,
    path: Option<&Path>,
    hints: &LangHints,
) -> (String, LangSource) {
    if let Some(lang) = hints.forced {
        return (lang.to_string(), LangSource::Flag);
    }
    if let Some(lang) = hints.pattern {
        return (lang.to_string(), LangSource::ConfigPattern);
    }
    let declared = extracted.lang.as_deref();
    if let Some(lang) = declared.filter(|l| crate::lang_tag::is_valid_lang_tag(l)) {
        return (lang.to_string(), LangSource::File);
    }
    if let Some(lang) = path.and_then(language::from_path) {
        return (lang, LangSource::Path);
    }
    if let Some(lang) = hints.config {
        return (lang.to_string(), LangSource::ConfigDefault);
    }
    // A glossary in one language can only check that language: no need to detect.
    if let Some(lang) = hints.only {
        return (lang.to_string(), LangSource::Default);
    }
    // Only now is the prose joined: most files never get this far.
    let prose: Vec<&str> = extracted.segments.iter().map(|s| s.text.as_str()).collect();
    let prose = prose.join("\n");
    match language::detect(&prose) {
        Some(lang) => (lang, LangSource::Detected),
        // Checked as English, a Russian or Arabic text would have its own names "fixed" into
        // English: a text in another script whose language is not known is not judged.
        None => match crate::text::dominant_script(&prose) {
            None | Some(crate::text::Script::Latin) => ("en".to_string(), LangSource::Default),
            Some(_) => (UNDETERMINED.to_string(), LangSource::Unknown),
        },
    }
}

/// Checks extracted prose: the rules, then severities, suppressions and the baseline.
fn check_extracted(
    name: &str,
    text: &str,
    extracted: &Extracted,
    format: Format,
    index: &Index,
    options: &FileOptions,
) -> CheckedFile {
    let mut findings = check_segments(extracted, format, index, &options.check);
    for f in &mut findings {
        if let Some((_, s)) = options.severity.iter().find(|(r, _)| *r == f.rule) {
            f.severity = *s;
        }
    }
    let mut suppressed = Vec::new();
    // Most files have no comments, so no directives: skip the line index then.
    if !extracted.comments.is_empty() {
        let lines = LineIndex::new(text);
        let mut directives = suppress::directives(&extracted.comments);
        let (kept, covered) = suppress::partition(findings, &mut directives, &lines);
        findings = kept;
        suppressed = covered;
        if options.report_unused {
            findings.extend(suppress::unused(&directives, text, &lines));
            findings.sort_by_key(|f| (f.span.start, f.span.end));
        }
    }
    if let Some(b) = options.baseline {
        let (new, known) = b.partition(name, text, findings);
        findings = new;
        suppressed.extend(known);
        suppressed.sort_by_key(|f| (f.span.start, f.span.end));
    }
    CheckedFile {
        findings,
        suppressed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::index;

    const PO: &str = "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\n# glosslint-ignore near-miss\nmsgid \"a\"\nmsgstr \"La force Takoba.\"\n\nmsgid \"b\"\nmsgstr \"Le chef, Qasimi Quetta, et la force Takoba.\"\n";

    #[test]
    fn a_po_file_is_checked_in_its_language_with_its_suppressions() {
        let file =
            SourceFile::parse("m.po", None, PO, Some(Format::Po), &Default::default()).unwrap();
        assert_eq!(
            file.language(&LangHints::default()),
            ("fr".to_string(), LangSource::File)
        );
        let checked = file.check(&index("fr"), &FileOptions::default());
        let found: Vec<(Rule, &str)> = checked
            .findings
            .iter()
            .map(|f| (f.rule, &PO[f.span.start..f.span.end]))
            .collect();
        assert_eq!(
            found,
            [
                (Rule::KnownVariant, "Qasimi Quetta"),
                (Rule::NearMiss, "Takoba")
            ]
        );
        assert_eq!(checked.suppressed.len(), 1);
        assert_eq!(checked.suppressed[0].rule, Rule::NearMiss);
    }

    #[test]
    fn fixing_applies_the_reported_edits_and_reports_what_remains() {
        let file =
            SourceFile::parse("m.po", None, PO, Some(Format::Po), &Default::default()).unwrap();
        let index = index("fr");
        let fixed = file
            .fix(&index, &FileOptions::default(), Applicability::Safe)
            .unwrap();
        assert_eq!(fixed.text, PO.replace("Qasimi Quetta", "Assimi Goïta"));
        assert_eq!(fixed.applied, 1);
        assert_eq!(fixed.findings.len(), 1);
        assert_eq!(fixed.findings[0].rule, Rule::NearMiss);
        let fixed = file
            .fix(&index, &FileOptions::default(), Applicability::Unsafe)
            .unwrap();
        assert!(fixed
            .text
            .ends_with("msgstr \"Le chef, Assimi Goïta, et la force Takuba.\"\n"));
        assert!(fixed.findings.is_empty());
    }

    #[test]
    fn hints_come_before_what_the_file_says_and_detection_last() {
        let file = SourceFile::parse("m.po", None, PO, None, &Default::default()).unwrap();
        assert_eq!(file.format, Format::Text);
        let po =
            SourceFile::parse("m.po", None, PO, Some(Format::Po), &Default::default()).unwrap();
        let forced = LangHints {
            forced: Some("de"),
            pattern: Some("it"),
            ..Default::default()
        };
        assert_eq!(po.language(&forced).1, LangSource::Flag);
        let pattern = LangHints {
            pattern: Some("it"),
            config: Some("es"),
            ..Default::default()
        };
        assert_eq!(
            po.language(&pattern),
            ("it".to_string(), LangSource::ConfigPattern)
        );
        let text = "Le gouvernement de transition du Mali a annoncé mardi le retrait des forces.";
        let plain = SourceFile::parse(
            "a",
            Some(Path::new("notes/a.txt")),
            text,
            None,
            &Default::default(),
        )
        .unwrap();
        assert_eq!(
            plain.language(&LangHints {
                only: Some("en"),
                ..Default::default()
            }),
            ("en".to_string(), LangSource::Default)
        );
        assert_eq!(
            plain.language(&LangHints::default()),
            ("fr".to_string(), LangSource::Detected)
        );
    }

    /// A short Cyrillic UI string, as a translated `.txt` or JSON value holds it: too short
    /// for the detector. It is not checked as English (where the built-in glossary would
    /// "fix" Канада into Canada), and nothing is reported.
    #[test]
    fn a_text_of_unknown_language_in_another_script_is_not_judged() {
        let text = "Канада";
        let file = SourceFile::parse(
            "a",
            Some(Path::new("strings.txt")),
            text,
            None,
            &Default::default(),
        )
        .unwrap();
        assert_eq!(
            file.language(&LangHints::default()),
            (UNDETERMINED.to_string(), LangSource::Unknown)
        );
        let mut loader = crate::glossary::Loader::new();
        loader.add_builtin(
            crate::glossary::builtin::WORLD_PATH,
            crate::glossary::builtin::WORLD,
        );
        let index = Index::new(std::sync::Arc::new(loader.finish().unwrap()), UNDETERMINED);
        let checked = file.check(&index, &FileOptions::default());
        assert!(checked.findings.is_empty(), "{:#?}", checked.findings);
        // A short Latin text stays English, as before.
        let latin = SourceFile::parse(
            "b",
            Some(Path::new("notes.txt")),
            "Qasimi Quetta",
            None,
            &Default::default(),
        )
        .unwrap();
        assert_eq!(
            latin.language(&LangHints::default()),
            ("en".to_string(), LangSource::Default)
        );
    }
}
