//! Rendering findings for people and machines. Renderers write to any `io::Write`; they
//! decide nothing about what was found.

mod diff;
mod html;
mod human;
mod json;
mod machine;

pub use diff::unified_diff;
pub use html::render_html;
pub use human::{render_human, summary_line, Problems, Style};
pub use json::{finding_objects, render_json, FileError};
pub use machine::{
    render_concise, render_github, render_jsonl, render_junit, render_sarif, render_statistics,
};

use crate::finding::Finding;

/// What one checked file produced, as renderers need it.
pub struct FileReport<'a> {
    /// The path as the user named it (`<stdin>` for standard input).
    pub path: &'a str,
    pub lang: &'a str,
    /// Where the language came from: `flag`, `config-pattern`, `path`, `config`,
    /// `detected` or `default`.
    pub lang_source: &'a str,
    pub text: &'a str,
    pub findings: &'a [Finding],
}
