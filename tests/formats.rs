//! Every format, through the binary: a snapshot of the report and of the fixes as a diff per
//! fixture, and on copies: fixed files still parse, fixing twice changes nothing, clean files
//! stay byte-identical, and malformed files are reported with line and column.

use assert_cmd::Command;
use predicates::str::contains;
use std::path::Path;

fn glosslint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("glosslint").unwrap();
    cmd.current_dir(dir)
        .arg("check")
        .arg("--glossary")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/sahel.toml"));
    cmd
}

#[test]
fn reports_and_diffs_per_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    insta::glob!("fixtures/formats/*", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        let dir = path.parent().unwrap();
        let report = glosslint(dir)
            .arg(name)
            .args(["--format", "concise"])
            .output()
            .unwrap();
        let diff = glosslint(dir)
            .arg(name)
            .args(["--diff", "--unsafe-fixes"])
            .output()
            .unwrap();
        let _ = root;
        insta::assert_snapshot!(format!(
            "exit {:?}\n{}\n--- diff ---\n{}",
            report.status.code(),
            String::from_utf8_lossy(&report.stdout),
            String::from_utf8_lossy(&diff.stdout)
        ));
    });
}

#[test]
fn fixed_files_parse_converge_and_clean_files_stay_identical() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let dir = tempfile::TempDir::new().unwrap();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let before: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    // No "fixes refused" error: every fixed file still parses in its format.
    glosslint(dir.path())
        .args([".", "--fix", "--unsafe-fixes", "--fail-on", "never"])
        .assert()
        .code(0);
    let after_first: Vec<Vec<u8>> = before
        .iter()
        .map(|(n, _)| std::fs::read(dir.path().join(n)).unwrap())
        .collect();
    glosslint(dir.path())
        .args([".", "--fix", "--unsafe-fixes", "--fail-on", "never"])
        .assert()
        .code(0)
        .stderr(contains("Applied 0 fixes in 0 files."));
    for ((name, original), first) in before.iter().zip(&after_first) {
        assert_eq!(
            &std::fs::read(dir.path().join(name)).unwrap(),
            first,
            "{name} changed on the second fix"
        );
        if name.starts_with("clean") {
            assert_eq!(
                first, original,
                "{name} is clean and must stay byte-identical"
            );
        } else {
            assert_ne!(first, original, "{name} has fixable errors");
        }
    }
    // The SRT kept its CRLF line ends.
    let srt = String::from_utf8(std::fs::read(dir.path().join("subtitles.srt")).unwrap()).unwrap();
    assert!(srt.contains("Assimi Goïta, spoke.\r\n"), "{srt:?}");
}

#[test]
fn malformed_files_are_reported_and_the_rest_is_checked() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("broken.json"),
        "{\n  \"a\": \"Takoba\",\n  \"b\" \"y\"\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.po"),
        "msgid \"a\"\nmsgstr \"Takoba\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ok.txt"), "the Takoba force\n").unwrap();
    glosslint(dir.path())
        .arg(".")
        .assert()
        .code(2)
        .stderr(contains(
            "broken.json:3:7: not valid json: invalid JSON: expected `:`",
        ))
        .stderr(contains(
            "broken.po:2:15: not valid po: unterminated string",
        ))
        .stdout(contains("ok.txt:1:5: warning [near-miss]"));
}

#[test]
fn format_in_overrides_the_extension() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("strings.txt"),
        "{\"Takoba\": \"the Takoba force\"}",
    )
    .unwrap();
    glosslint(dir.path())
        .args(["strings.txt", "--format-in", "json", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(contains("strings.txt:1:17: warning [near-miss]"));
}

/// The report, the diff and the written file agree: the original plus the edits the JSON
/// report lists (at the fix level) is exactly what `--fix` writes, for every format.
#[test]
fn the_written_file_is_the_original_plus_the_reported_edits() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    for (flags, level) in [
        (&[][..], &["safe"][..]),
        (&["--unsafe-fixes"][..], &["safe", "unsafe"][..]),
    ] {
        let dir = tempfile::TempDir::new().unwrap();
        for entry in std::fs::read_dir(&src).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let copy = dir.path().join(&name);
            std::fs::copy(&path, &copy).unwrap();
            let original = std::fs::read_to_string(&copy).unwrap();
            let report = glosslint(dir.path())
                .args([name.as_str(), "--format", "json"])
                .output()
                .unwrap();
            let json: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
            let mut edits: Vec<(usize, usize, String)> = Vec::new();
            for f in json["findings"].as_array().unwrap() {
                let fix = &f["fix"];
                if fix.is_null() || !level.contains(&fix["applicability"].as_str().unwrap()) {
                    continue;
                }
                for e in fix["edits"].as_array().unwrap() {
                    edits.push((
                        e["span"]["start"].as_u64().unwrap() as usize,
                        e["span"]["end"].as_u64().unwrap() as usize,
                        e["replacement"].as_str().unwrap().to_string(),
                    ));
                }
            }
            edits.sort();
            let mut expected = String::new();
            let mut at = 0;
            for (start, end, replacement) in &edits {
                expected.push_str(&original[at..*start]);
                expected.push_str(replacement);
                at = *end;
            }
            expected.push_str(&original[at..]);
            glosslint(dir.path())
                .args([name.as_str(), "--fix", "--fail-on", "never"])
                .args(flags)
                .assert()
                .code(0);
            assert_eq!(
                std::fs::read_to_string(&copy).unwrap(),
                expected,
                "{name} {flags:?}"
            );
        }
    }
}
