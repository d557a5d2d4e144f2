//! glosslint finds named entities that a translation mangled, against a multilingual
//! glossary, and fixes them safely.
//!
//! The flow, one room per step:
//!
//! 1. [`glossary`]: TOML glossaries become a [`glossary::Glossary`]; an [`glossary::Index`]
//!    per language files every folded form in a word table (hashed runs of words) or, for
//!    forms that may sit inside a word, an Aho–Corasick automaton, plus near-miss tables.
//! 2. [`text`]: a document is folded (case, diacritics, normalisation, width, punctuation)
//!    with an exact map back to its bytes; every [`text::Span`] is in original bytes.
//! 3. [`check`]: one pass over the folded text finds every hit; each rule turns hits (or, for
//!    near-misses, uncovered words) into [`finding::Finding`]s with a [`finding::Fix`].
//! 4. [`fix`]: fixes at or above an [`finding::Applicability`] are applied until stable.
//! 5. [`report`]: findings are rendered for people (human), machines (JSON) and review (diff).
//!
//! The library does no I/O and never prints; the `cli` module of the binary does both.
//!
//! ```
//! use glosslint::{check, Applicability, CheckOptions, Glossary, Index, Rule};
//! use glosslint::fix::apply_fixes;
//! use std::sync::Arc;
//!
//! let glossary = Glossary::from_toml("sahel.toml", r#"
//!     [[entry]]
//!     id = "takuba"
//!     kind = "operation"
//!     [entry.forms.en]
//!     canonical = "Takuba"
//!     variants = ["Takoba"]
//! "#).unwrap();
//! let index = Index::new(Arc::new(glossary), "en");
//! let text = "the Takoba force";
//!
//! let findings = check(&index, text, &CheckOptions::default());
//! assert_eq!(findings[0].rule, Rule::KnownVariant);
//! assert_eq!(&text[findings[0].span.start..findings[0].span.end], "Takoba");
//! assert_eq!(findings[0].replacement(), Some("Takuba"));
//!
//! let fixed = apply_fixes(text, Applicability::Safe, |t| {
//!     check(&index, t, &CheckOptions::default())
//! });
//! assert_eq!(fixed.text, "the Takuba force");
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr)]
// The library reads and writes bytes only; mapping files (the one unsafe call) is the CLI's.
#![forbid(unsafe_code)]

pub mod check;
pub mod config;
pub mod document;
pub mod finding;
pub mod fix;
pub mod formats;
pub mod glossary;
pub mod language;
pub mod maintain;
pub mod report;
pub mod selftest;
pub mod suppress;
pub mod text;

pub use check::{check, CheckOptions};
pub use finding::{Applicability, Edit, Finding, Fix, Rule, Severity};
pub use glossary::{Glossary, Index};
pub use text::Span;
