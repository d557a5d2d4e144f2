//! Running a glossary's own examples: each `text` must become `fixed` once every fix (safe
//! and unsafe) is applied, or stay free of findings when no `fixed` is given.

use crate::check::{check, CheckOptions};
use crate::finding::Applicability;
use crate::fix::apply_fixes;
use crate::glossary::{Glossary, Index};
use std::collections::HashMap;
use std::sync::Arc;

/// An example whose outcome differs from what the glossary says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub entry: String,
    /// Where the example is: glossary path and line.
    pub path: String,
    pub line: usize,
    pub lang: String,
    pub text: String,
    pub expected: String,
    pub actual: String,
    /// Messages of the findings on the original text, to show why.
    pub findings: Vec<String>,
}

/// Runs every example of every entry of `glossary` with default options.
pub fn run_examples(glossary: &Arc<Glossary>) -> Vec<ExampleFailure> {
    let options = CheckOptions::default();
    let mut indexes: HashMap<String, Index> = HashMap::new();
    let mut failures = Vec::new();
    for entry in &glossary.entries {
        for example in &entry.examples {
            let index = indexes
                .entry(example.lang.clone())
                .or_insert_with(|| Index::new(Arc::clone(glossary), &example.lang));
            let findings = check(index, &example.text, &options);
            let fixed = apply_fixes(&example.text, Applicability::Unsafe, |t| {
                check(index, t, &options)
            });
            let expected = example
                .fixed
                .clone()
                .unwrap_or_else(|| example.text.clone());
            let clean_expected = example.fixed.is_none();
            if fixed.text != expected || (clean_expected && !findings.is_empty()) {
                failures.push(ExampleFailure {
                    entry: entry.id.clone(),
                    path: entry.origin.path.to_string(),
                    line: example.line,
                    lang: example.lang.clone(),
                    text: example.text.clone(),
                    expected,
                    actual: fixed.text,
                    findings: findings
                        .iter()
                        .map(|f| format!("{}: {}", f.rule.name(), f.message))
                        .collect(),
                });
            }
        }
    }
    failures
}
