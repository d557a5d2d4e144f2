//! Every shipped glossary loads without errors and passes its own examples.

use glosslint::glossary::Glossary;
use glosslint::selftest::run_examples;
use std::path::Path;
use std::sync::Arc;

#[test]
fn shipped_glossaries_load_and_pass_their_examples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries");
    let mut checked = 0;
    let mut examples = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let glossary =
            Arc::new(Glossary::from_toml(&name, &text).unwrap_or_else(|e| panic!("{e}")));
        examples += glossary
            .entries
            .iter()
            .map(|e| e.examples.len())
            .sum::<usize>();
        let failures = run_examples(&glossary);
        assert!(failures.is_empty(), "{failures:#?}");
        checked += 1;
    }
    assert!(checked >= 1, "no glossary found in {}", dir.display());
    assert!(
        examples >= 10,
        "the shipped glossaries should carry examples"
    );
}

#[test]
fn a_broken_example_is_reported_with_its_entry_and_line() {
    let text = r#"
[[entry]]
id = "takuba"
kind = "operation"
[entry.forms.en]
canonical = "Takuba"

[[entry.example]]
lang = "en"
text = "the Takoba force"
fixed = "the Takuba Force"
"#;
    let glossary = Arc::new(Glossary::from_toml("g.toml", text).unwrap());
    let failures = run_examples(&glossary);
    assert_eq!(failures.len(), 1);
    let f = &failures[0];
    assert_eq!((f.entry.as_str(), f.line), ("takuba", 10));
    assert_eq!(f.actual, "the Takuba force");
    assert_eq!(f.expected, "the Takuba Force");
    assert!(f.findings[0].starts_with("near-miss: “Takoba” is close to “Takuba”"));
}
