//! glosslint finds named entities that a translation mangled, against a multilingual
//! glossary, and fixes them safely.
//!
//! The flow, one room per step:
//!
//! 1. [`glossary`]: TOML glossaries become a [`glossary::Glossary`]; an [`glossary::Index`]
//!    per language files every folded form in a word table (hashed runs of words) or, for
//!    forms that may sit inside a word, an Aho–Corasick automaton, plus near-miss tables.
//!    Both can be compiled to bytes and read back in place.
//! 2. [`formats`]: a file is read in its format (text, Markdown, HTML, PO, XLIFF, JSON,
//!    SRT, WebVTT) into segments of prose, each with a map back to the file's bytes.
//! 3. [`text`]: prose is folded (case, diacritics, normalisation, width, punctuation) with
//!    an exact map back to its bytes; every [`text::Span`] is in original bytes. Words,
//!    sentences, line and column positions, the ordinary-word lexicons.
//! 4. [`check`]: one pass over the folded text finds every hit; each rule turns hits (or, for
//!    near-misses, uncovered words) into [`finding::Finding`]s with a [`finding::Fix`].
//!    [`document`] checks a file's segments as one document and maps findings to file bytes.
//! 5. [`suppress`]: suppression comments; [`baseline`]: the findings a corpus accepted.
//! 6. [`fix`]: the reported fixes at or above an [`finding::Applicability`], applied once;
//!    a fix whose replacement would itself be reported is refused.
//! 7. [`file`]: the whole of it for one file, as every front-end calls it: language
//!    resolution, checking with severities, suppressions and the baseline, and fixing that
//!    refuses output that no longer parses.
//! 8. [`report`]: findings rendered for people (human), machines (JSON, JSONL, SARIF,
//!    GitHub, JUnit) and review (diff).
//!
//! Beside the flow: [`lang_tag`] and [`diagnostic`] are bottom layers (BCP 47 tags; the one
//! shape of every problem reported about an input), [`config`] parses `glosslint.toml`, [`language`] reads languages from
//! paths and detects them, [`maintain`] lints, tests, formats, converts and mines
//! glossaries, and [`selftest`] runs the examples that glossary entries carry.
//!
//! The library does no I/O and never prints; the binary's `cli` module does both.
//!
//! Checking and fixing a PO file from a string:
//!
//! ```
//! use glosslint::file::{FileOptions, LangHints, SourceFile};
//! use glosslint::{Applicability, Glossary, Index, Rule};
//! use std::path::Path;
//! use std::sync::Arc;
//!
//! let glossary = Glossary::from_toml("sahel.toml", r#"
//!     [[entry]]
//!     id = "takuba"
//!     kind = "operation"
//!     [entry.forms.fr]
//!     canonical = "Takuba"
//!     variants = ["Takoba"]
//! "#).unwrap();
//! let po = "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\nmsgid \"the Takuba force\"\nmsgstr \"la force Takoba\"\n";
//!
//! // The format comes from the path's extension (or is given); nothing is read from disk.
//! let path = Path::new("locale/messages.po");
//! let file = SourceFile::parse("messages.po", Some(path), po, None, &Default::default()).unwrap();
//! let (lang, _) = file.language(&LangHints::default());
//! assert_eq!(lang, "fr"); // from the header
//! let index = Index::new(Arc::new(glossary), &lang);
//!
//! let checked = file.check(&index, &FileOptions::default());
//! let f = &checked.findings[0];
//! assert_eq!(f.rule, Rule::KnownVariant);
//! assert_eq!(&po[f.span.start..f.span.end], "Takoba"); // in msgstr, not msgid
//! assert_eq!(f.replacement(), Some("Takuba"));
//!
//! let fixed = file.fix(&index, &FileOptions::default(), Applicability::Safe).unwrap();
//! assert!(fixed.text.ends_with("msgstr \"la force Takuba\"\n"));
//! assert!(fixed.findings.is_empty());
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr)]
// The library reads and writes bytes only; mapping files (the one unsafe call) is the CLI's.
#![forbid(unsafe_code)]

pub mod baseline;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod encoding;
pub mod file;
pub mod finding;
pub mod fix;
pub mod formats;
#[doc(hidden)]
pub mod fuzzing;
pub mod glossary;
pub mod lang_tag;
pub mod language;
pub mod maintain;
pub mod report;
pub mod selftest;
pub mod suppress;
pub mod text;

pub use check::{check, CheckOptions};
pub use diagnostic::Diagnostic;
pub use finding::{Applicability, Edit, Finding, Fix, Rule, Severity};
pub use glossary::{Glossary, Index};
pub use text::Span;
