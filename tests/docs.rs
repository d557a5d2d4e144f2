//! The command examples in the documentation are real: every ```console block of
//! docs/glossary.md is run, and its output and exit status must be what the page shows.

use std::path::Path;

#[test]
fn console_examples_in_the_docs_are_what_glosslint_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(root.join("docs/glossary.md")).unwrap();
    let mut blocks = 0;
    for block in page.split("```console\n").skip(1) {
        let block = &block[..block.find("```").expect("closed block")];
        let mut lines = block.lines();
        let command = lines
            .next()
            .unwrap()
            .strip_prefix("$ glosslint ")
            .expect("a glosslint command");
        let mut expected: Vec<&str> = lines.collect();
        let status: i32 = expected
            .pop()
            .and_then(|l| l.strip_prefix("[exit ")?.strip_suffix(']')?.parse().ok())
            .expect("a block ends with [exit N]");
        let out = assert_cmd::Command::cargo_bin("glosslint")
            .unwrap()
            .current_dir(root)
            .args(command.split_whitespace())
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let want = if expected.is_empty() {
            String::new()
        } else {
            expected.join("\n") + "\n"
        };
        assert_eq!(stdout, want, "output of `glosslint {command}`");
        assert_eq!(
            out.status.code(),
            Some(status),
            "exit status of `glosslint {command}`"
        );
        blocks += 1;
    }
    assert!(blocks >= 6, "only {blocks} examples");
}
