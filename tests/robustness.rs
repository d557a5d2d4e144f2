//! Inputs that once stopped a whole run: each is now that file's finding or error, and the
//! run goes on with the other files.

use assert_cmd::Command;
use predicates::str::contains;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn glosslint() -> Command {
    let mut cmd = Command::cargo_bin("glosslint").unwrap();
    cmd.current_dir(root()).env("GLOSSLINT_CACHE_DIR", "");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn html_with_references_before_other_scripts_is_checked() {
    let dir = TempDir::new().unwrap();
    // A reference cut inside a character, an entity before Japanese, an empty comment.
    let html = write(
        dir.path(),
        "a.html",
        "<html lang=\"fr\"><p>Le chef &ééééééé du Mali</p><!--><p>&gt; テスト版</p>\n<p>La force Takoba.</p></html>\n",
    );
    let vtt = write(
        dir.path(),
        "b.vtt",
        "WEBVTT\n\n00:01.000 --> 00:02.000\nLe chef &ééééééé et la force Takoba\n",
    );
    glosslint()
        .args(["check", "--format", "concise", "--lang", "fr", "-g"])
        .arg(root().join("glossaries/sahel.toml"))
        .arg(&html)
        .arg(&vtt)
        .assert()
        .code(1)
        .stdout(contains(
            "a.html:2:13: warning [near-miss] “Takoba” is close to “Takuba”",
        ))
        .stdout(contains(
            "b.vtt:4:30: warning [near-miss] “Takoba” is close to “Takuba”",
        ));
}

#[test]
fn links_that_lead_nowhere_say_so_and_the_run_goes_on() {
    let dir = TempDir::new().unwrap();
    let good = write(dir.path(), "good.txt", "The Takoba force.\n");
    std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
    std::os::unix::fs::symlink("gone.txt", dir.path().join("dangling")).unwrap();
    glosslint()
        .args(["check", "--format", "concise", "-g"])
        .arg(root().join("glossaries/sahel.toml"))
        .arg(dir.path().join("loop"))
        .arg(dir.path().join("dangling"))
        .arg(&good)
        .assert()
        .code(2)
        .stdout(contains(
            "good.txt:1:5: warning [near-miss] “Takoba” is close to “Takuba”",
        ))
        .stderr(contains("loop: a symbolic link that cannot be followed"))
        .stderr(contains(
            "dangling: a symbolic link to gone.txt, which does not exist",
        ));
}

#[test]
fn files_over_the_size_limit_are_refused_before_they_are_read() {
    let dir = TempDir::new().unwrap();
    let big = write(dir.path(), "big.txt", &"Takoba ".repeat(300));
    let small = write(dir.path(), "small.txt", "The Takoba force.\n");
    glosslint()
        .args(["check", "--format", "concise", "--max-file-size", "1K", "-g"])
        .arg(root().join("glossaries/sahel.toml"))
        .arg(&big)
        .arg(&small)
        .assert()
        .code(2)
        .stdout(contains("small.txt:1:5: warning [near-miss]"))
        .stderr(contains(
            "big.txt: not checked: the file is 2.1 KiB, over the limit of 1.0 KiB (raise it with --max-file-size)",
        ));
    glosslint()
        .args(["check", "--max-file-size", "lots"])
        .arg(&small)
        .assert()
        .code(2)
        .stderr(contains("`lots` is not a size"));
}

#[test]
fn an_empty_glossary_is_an_error_and_summaries_count_files() {
    let dir = TempDir::new().unwrap();
    let empty = write(dir.path(), "empty.toml", "\n");
    let a = write(dir.path(), "a.txt", "The Takoba force.\n");
    let b = write(dir.path(), "b.txt", "Assimi Goïta.\n");
    glosslint()
        .args(["check", "-g"])
        .arg(&empty)
        .arg(&a)
        .arg(&b)
        .assert()
        .code(2)
        .stderr(contains("empty.toml: the glossary is empty: add entries"))
        .stdout(contains(
            "No findings in 0 files. 2 files could not be checked. 1 error in glossaries or configuration.",
        ));
}

/// Hostile glossaries: each is refused at its place with the limit named, before it can
/// make a run slow or exhaust memory; the files are not checked and the exit code is 2.
#[test]
fn glossaries_that_would_match_everywhere_or_exhaust_a_machine_are_refused() {
    let dir = TempDir::new().unwrap();
    let entry = |forms: &str| {
        format!("[[entry]]\nid = \"x\"\nkind = \"person\"\nboundary = \"none\"\n[entry.forms.en]\n{forms}\n")
    };
    let cases = [
        (
            "long.toml",
            entry(&format!("canonical = \"{}\"", "Takuba ".repeat(40).trim())),
            "long.toml:6:13: the canonical form of `x` (en) has 279 characters; a form has at most 256",
        ),
        (
            "words.toml",
            entry(&format!(
                "canonical = \"Takuba\"\nalternatives = [\"{}\"]",
                "a b c d e f g h i j k l m n o p q r s t u v w x y z"
            )),
            "words.toml:7:17: an alternative of `x` (en) has 26 words; a form has at most 24",
        ),
        (
            "letter.toml",
            entry("canonical = \"Takuba\"\nvariants = [{ form = \"a\", reason = \"everywhere\" }]"),
            "letter.toml:7:13: a variant `a` of `x` (en) is one character, so it would match inside any word: a form has at least two",
        ),
        (
            "nested.toml",
            format!("x = {}{}\n", "[".repeat(5000), "]".repeat(5000)),
            "nested.toml:1:",
        ),
    ];
    let text = write(dir.path(), "a.txt", "The Takoba force.\n");
    for (name, toml, error) in &cases {
        let glossary = write(dir.path(), name, toml);
        let output = glosslint()
            .args(["check", "--no-builtin", "--lang", "en", "-g"])
            .arg(&glossary)
            .arg(&text)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(error), "{name}: {err}");
        assert!(
            err.contains("a.txt: not checked: the glossary has errors"),
            "{err}"
        );
    }
    // TOML nested deeper than the reader goes is refused, not a stack overflow.
    let nested = glosslint()
        .args(["glossary", "lint"])
        .arg(dir.path().join("nested.toml"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&nested.stderr).contains("max recursion depth met")
            || String::from_utf8_lossy(&nested.stdout).contains("max recursion depth met"),
        "{nested:?}"
    );
    // A file over the size limit is not read at all (this one is sparse: it takes no disk).
    let huge = dir.path().join("huge.toml");
    fs::File::create(&huge)
        .unwrap()
        .set_len(glosslint::glossary::MAX_GLOSSARY_BYTES + 1)
        .unwrap();
    glosslint()
        .args(["check", "--no-builtin", "--lang", "en", "-g"])
        .arg(&huge)
        .arg(&text)
        .assert()
        .code(2)
        .stderr(contains(
            "huge.toml: the glossary is 257 MB, over the limit of 256 MB (about 2.5 million forms)",
        ));
}

/// A form that matches every few words makes a finding each time: a file stops at
/// glosslint::check::MAX_FINDINGS, said once, in bounded memory.
#[test]
fn a_form_that_matches_everywhere_stops_at_the_findings_limit() {
    let dir = TempDir::new().unwrap();
    let glossary = write(
        dir.path(),
        "g.toml",
        "[[entry]]\nid = \"x\"\nkind = \"organisation\"\ncase = \"insensitive\"\n[entry.forms.en]\ncanonical = \"Takuba\"\nvariants = [{ form = \"of\", reason = \"everywhere\" }]\n",
    );
    let text = write(
        dir.path(),
        "a.txt",
        &"The forces of the operation.\n".repeat(12_000),
    );
    let output = glosslint()
        .args([
            "check",
            "--no-builtin",
            "--lang",
            "en",
            "--format",
            "json",
            "-g",
        ])
        .arg(&glossary)
        .arg(&text)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), glosslint::check::MAX_FINDINGS);
    assert_eq!(findings[0]["rule"], "known-variant");
    assert_eq!(findings[0]["start"]["line"], 1);
    assert_eq!(findings[0]["start"]["column"], 12);
    assert_eq!(findings[0]["fix"]["replacement"], "Takuba");
    assert_eq!(findings.last().unwrap()["start"]["line"], 10_000);
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "glosslint: note: {}: stopped at 10000 findings, the rest of the file is not judged; does a glossary form match every few words?\n",
            text.display()
        )
    );
}
