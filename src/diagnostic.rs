//! The one shape of every problem glosslint reports about an input: a file that could not
//! be checked, a glossary or configuration with an error, a file whose fixes were refused.
//! A path, a 1-based line and column where there is one, and a message that says what is
//! wrong and what to do. A bottom layer: it knows no other room.
//!
//! Errors that callers branch on keep their own types (a format's `ParseError`, which
//! knows no path; `CompiledError`; `FixError`) and become a diagnostic where they are
//! reported.

use serde::Serialize;

/// A problem in an input, where, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    /// A problem of the whole file at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// The same problem, at 1-based `line` and `column`.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.path, self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_names_its_place_when_it_has_one() {
        assert_eq!(
            Diagnostic::new("a.po", "not valid po")
                .at(2, 15)
                .to_string(),
            "a.po:2:15: not valid po"
        );
        assert_eq!(
            Diagnostic::new("g.toml", "the glossary is empty").to_string(),
            "g.toml: the glossary is empty"
        );
    }
}
