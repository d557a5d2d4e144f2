//! `glosslint glossary …` through the binary: files written in place, exit statuses, and
//! round trips through import and export.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::path::PathBuf;
use tempfile::TempDir;

fn glosslint(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("glosslint").unwrap();
    cmd.current_dir(dir).arg("glossary");
    cmd
}

fn sahel() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("glossaries/sahel.toml")
}

#[test]
fn fmt_rewrites_in_place_and_check_reports_without_writing() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("g.toml");
    let messy = "# People\n[[entry]]\nkind=\"person\"\nid = \"goita\"\n[entry.forms.en]\ncanonical = \"Assimi Goïta\"\n";
    fs::write(&file, messy).unwrap();
    glosslint(dir.path())
        .args(["fmt", "--check", "g.toml"])
        .assert()
        .code(1)
        .stdout("g.toml: not in the canonical layout (run `glosslint glossary fmt`)\n");
    assert_eq!(fs::read_to_string(&file).unwrap(), messy);
    glosslint(dir.path())
        .args(["fmt", "g.toml"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "# People\n[[entry]]\nid = \"goita\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"Assimi Goïta\"\n"
    );
    glosslint(dir.path())
        .args(["fmt", "--check", "g.toml"])
        .assert()
        .code(0);
}

#[test]
fn add_edits_the_file_and_refuses_what_would_break_it() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("sahel.toml");
    fs::copy(sahel(), &file).unwrap();
    glosslint(dir.path())
        .args([
            "add",
            "sahel.toml",
            "--id",
            "takuba",
            "--lang",
            "en",
            "--variant",
            "Takoba",
            "--reason",
            "vowel drift",
        ])
        .assert()
        .code(0)
        .stderr("Added `Takoba` to `takuba` (en) in sahel.toml.\n");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("variants = [{ form = \"Takoba\", reason = \"vowel drift\" }]"));
    glosslint(dir.path())
        .args([
            "add",
            "sahel.toml",
            "--id",
            "takuba",
            "--lang",
            "en",
            "--alternative",
            "Tessalit",
        ])
        .assert()
        .code(2)
        .stderr(contains(
            "`Tessalit` (en) is claimed by entry `tessalit` too",
        ));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        text,
        "a refused add writes nothing"
    );
}

#[test]
fn lint_exits_2_on_a_glossary_that_does_not_load() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("g.toml"), "[[entry]]\nid = \"a\"\nkind = \"place\"\n[entry.forms.en]\ncanonical = \"Mali\"\n[[entry]]\nid = \"b\"\nkind = \"place\"\n[entry.forms.en]\ncanonical = \"Mali\"\n").unwrap();
    glosslint(dir.path())
        .args(["lint", "g.toml"])
        .assert()
        .code(2)
        .stderr(contains(
            "g.toml:10:13: `Mali` (en) is claimed by entry `a` too",
        ));
}

#[test]
fn csv_import_with_mapped_columns_and_tbx_round_trip() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("terms.csv"),
        "Concept,Language,Term,Status\ngoita,en,Assimi Goïta,preferred\ngoita,en,Qasimi Quetta,deprecated\n",
    )
    .unwrap();
    glosslint(dir.path())
        .args(["import", "terms.csv", "--columns", "id=Concept,lang=Language,form=Term,role=Status"])
        .assert()
        .code(0)
        .stdout("[[entry]]\nid = \"goita\"\nkind = \"other\"\n[entry.forms.en]\ncanonical = \"Assimi Goïta\"\nvariants = [\"Qasimi Quetta\"]\n");
    glosslint(dir.path())
        .arg("export")
        .arg(sahel())
        .args(["--to", "tbx", "--output", "sahel.tbx"])
        .assert()
        .code(0);
    glosslint(dir.path())
        .args(["import", "sahel.tbx", "--output", "back.toml"])
        .assert()
        .code(0);
    Command::cargo_bin("glosslint")
        .unwrap()
        .current_dir(dir.path())
        .args(["glossary", "test", "back.toml"])
        .assert()
        .code(0)
        .stdout("0 examples: 0 passed, 0 failed\n");
    let back = fs::read_to_string(dir.path().join("back.toml")).unwrap();
    assert!(back.contains("{ form = \"Qasimi Quetta\", reason = \"re-transliterated from an Arabic spelling (عاصيمي غويتا)\" }"), "{back}");
}

#[test]
fn suggest_diff_is_a_patch_that_git_applies() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("glossaries")).unwrap();
    fs::copy(sahel(), dir.path().join("glossaries/sahel.toml")).unwrap();
    fs::write(
        dir.path().join("corpus.txt"),
        "The Takoba force met in Tassalit. The Takoba force left.\n",
    )
    .unwrap();
    let out = glosslint(dir.path())
        .args([
            "suggest",
            "corpus.txt",
            "-g",
            "glossaries/sahel.toml",
            "--diff",
        ])
        .output()
        .unwrap();
    let patch = String::from_utf8(out.stdout).unwrap();
    assert!(
        patch.contains(
            "+variants = [{ form = \"Takoba\", reason = \"found 2 times by glosslint suggest\" }]"
        ),
        "{patch}"
    );
    fs::write(dir.path().join("p.diff"), &patch).unwrap();
    let applied = std::process::Command::new("git")
        .current_dir(dir.path())
        .args(["apply", "--check", "p.diff"])
        .status()
        .unwrap();
    assert!(applied.success());
    glosslint(dir.path())
        .args(["suggest", "corpus.txt", "-g", "glossaries/sahel.toml"])
        .assert()
        .code(0)
        .stdout(contains(
            "1. takuba (en): “Takoba” ×2, near-miss of “Takuba”, similarity 0.83",
        ))
        .stdout(contains("Tassalit").and(contains("2 suggestions from 1 file.")));
}
