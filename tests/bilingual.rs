//! Bilingual files from the command line: XLIFF units and aligned text files, checked
//! against their source, with real news sentences (WMT23 names) in German and Russian.

use assert_cmd::Command;
use predicates::str::contains;
use std::fs;
use std::path::PathBuf;
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn glosslint() -> Command {
    let mut cmd = Command::cargo_bin("glosslint").unwrap();
    cmd.current_dir(root()).env("GLOSSLINT_CACHE_DIR", "");
    cmd
}

const GLOSSARY: &str = "examples/bilingual/glossary.toml";

/// The JSON findings of a run, as (rule, text, replacement, unit id, source mention).
fn findings(args: &[&str]) -> Vec<(String, String, String, String, String)> {
    let out = glosslint()
        .args(["check", "--format", "json", "-g", GLOSSARY])
        .args(args)
        .output()
        .unwrap();
    rows_of(&out.stdout)
}

/// A JSON report's findings as (rule, text, replacement, unit id, source mention).
fn rows_of(stdout: &[u8]) -> Vec<(String, String, String, String, String)> {
    let report: serde_json::Value = serde_json::from_slice(stdout).unwrap();
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                s(&f["rule"]),
                s(&f["text"]),
                s(&f["fix"]["replacement"]),
                s(&f["unit"]["id"]),
                s(&f["unit"]["source_mention"]),
            )
        })
        .collect()
}

fn row(
    rule: &str,
    text: &str,
    fix: &str,
    unit: &str,
    mention: &str,
) -> (String, String, String, String, String) {
    (
        rule.into(),
        text.into(),
        fix.into(),
        unit.into(),
        mention.into(),
    )
}

#[test]
fn xliff_units_name_the_rendering_the_source_asks_for() {
    assert_eq!(
        findings(&["examples/bilingual/news.xlf"]),
        [
            // A literal translation, found word by word ("Norwegen" is Norway).
            row(
                "missing-rendering",
                "Statistik Norwegen",
                "Statistisk sentralbyrå",
                "1",
                "Statistics Norway"
            ),
            // Left in the source language.
            row(
                "missing-rendering",
                "Department of Homeland Security",
                "Heimatschutzministerium",
                "2",
                "Department of Homeland Security"
            ),
            // The English transliteration kept: the fix has as many words as the mention.
            row(
                "missing-rendering",
                "Prigozhin",
                "Prigoschin",
                "3",
                "Prigozhin"
            ),
        ]
    );
}

#[test]
fn fixing_an_xliff_file_changes_only_targets_and_keeps_it_valid() {
    let dir = TempDir::new().unwrap();
    let copy = dir.path().join("news.xlf");
    fs::copy(root().join("examples/bilingual/news.xlf"), &copy).unwrap();
    let copy_s = copy.display().to_string();
    glosslint()
        .args(["check", "-g", GLOSSARY, "--fix", "--unsafe-fixes", &copy_s])
        .assert()
        .code(0);
    let fixed = fs::read_to_string(&copy).unwrap();
    let original = fs::read_to_string(root().join("examples/bilingual/news.xlf")).unwrap();
    assert!(fixed.contains("<target>Das Heimatschutzministerium gab am Freitag"));
    assert!(fixed.contains("<target>Prigoschin sagte"));
    // Sources are never touched.
    let sources = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.contains("<source>"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(sources(&fixed), sources(&original));
    // Fixed once, nothing is left to fix: the run is idempotent.
    glosslint()
        .args(["check", "-g", GLOSSARY, "--fix", "--unsafe-fixes", &copy_s])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&copy).unwrap(), fixed);
}

#[test]
fn aligned_text_files_are_checked_line_by_line_against_their_source() {
    let found = findings(&[
        "examples/bilingual/news.ru.txt",
        "--source",
        "examples/bilingual/news.en.txt",
        "--lang",
        "ru",
    ]);
    assert_eq!(
        found,
        [
            // A slip of the Russian form, which the source confirms.
            row("near-miss", "Пригозин", "Пригожин", "line 1", "Prigozhin"),
            // Greece in the source, Italy in the target: the substituted entity.
            row("missing-rendering", "Италия", "Греция", "line 2", "Greece"),
        ]
    );
}

#[test]
fn aligned_files_of_different_lengths_are_an_error_that_names_the_file() {
    let dir = TempDir::new().unwrap();
    let source = dir.path().join("s.txt");
    let target = dir.path().join("t.txt");
    fs::write(&source, "One.\nTwo.\n").unwrap();
    fs::write(&target, "Eins.\n").unwrap();
    glosslint()
        .args(["check", "-g", GLOSSARY, "--lang", "de", "--source"])
        .arg(&source)
        .arg(&target)
        .assert()
        .code(2)
        .stderr(contains("t.txt"))
        .stderr(contains("the target has 1 lines and its source 2"));
}

#[test]
fn a_target_that_names_an_entity_the_source_does_not_is_reported() {
    let dir = TempDir::new().unwrap();
    let source = dir.path().join("s.txt");
    let target = dir.path().join("t.txt");
    fs::write(&source, "The agreement was signed on Monday.\n").unwrap();
    fs::write(
        &target,
        "Das Abkommen wurde am Montag in Norwegen unterzeichnet.\n",
    )
    .unwrap();
    let found = findings(&[
        target.to_str().unwrap(),
        "--source",
        source.to_str().unwrap(),
        "--lang",
        "de",
    ]);
    assert_eq!(
        found,
        [row("unsourced-entity", "Norwegen", "", "line 1", "")]
    );
}

/// `text` written to `name` in a fresh folder, and the JSON findings of checking it.
fn findings_in(
    name: &str,
    text: &str,
    extra: &[&str],
) -> Vec<(String, String, String, String, String)> {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    let mut args = vec![path.to_str().unwrap()];
    args.extend_from_slice(extra);
    findings(&args)
}

#[test]
fn tmx_csv_tsv_and_po_units_are_checked_against_their_source() {
    let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu tuid="dhs-1">
      <tuv xml:lang="en"><seg>The Department of Homeland Security issued a warning on Friday.</seg></tuv>
      <tuv xml:lang="de"><seg>Das Department of Homeland Security gab am Freitag eine Warnung heraus.</seg></tuv>
    </tu>
  </body>
</tmx>
"#;
    assert_eq!(
        findings_in("news.tmx", tmx, &[]),
        [row(
            "missing-rendering",
            "Department of Homeland Security",
            "Heimatschutzministerium",
            "dhs-1",
            "Department of Homeland Security"
        )]
    );
    let csv = "source,target\n\"Prigozhin said his fighters would leave Bakhmut.\",\"Prigozhin sagte, seine Kämpfer würden Bachmut verlassen.\"\n";
    assert_eq!(
        findings_in("news.csv", csv, &["--lang", "de"]),
        [row(
            "missing-rendering",
            "Prigozhin",
            "Prigoschin",
            "row 2",
            "Prigozhin"
        )]
    );
    let tsv = "en\tde\nStatistics Norway said prices rose.\tStatistik Norwegen sagte, die Preise stiegen.\n";
    assert_eq!(
        findings_in("news.tsv", tsv, &[]),
        [row(
            "missing-rendering",
            "Statistik Norwegen",
            "Statistisk sentralbyrå",
            "row 2",
            "Statistics Norway"
        )]
    );
    // Columns by number, from the command line.
    let tsv = "1\tPrigozhin spoke.\tПригозин выступил.\n";
    assert_eq!(
        findings_in(
            "news.tsv",
            tsv,
            &[
                "--source-column",
                "2",
                "--target-column",
                "3",
                "--lang",
                "ru"
            ]
        ),
        [row(
            "near-miss",
            "Пригозин",
            "Пригожин",
            "row 1",
            "Prigozhin"
        )]
    );
    let po = "msgid \"\"\nmsgstr \"Language: ru\\n\"\n\nmsgid \"Norway and Greece signed the agreement.\"\nmsgstr \"Норвегия и Италия подписали соглашение.\"\n";
    assert_eq!(
        findings_in("news.po", po, &[]),
        [row(
            "missing-rendering",
            "Италия",
            "Греция",
            "Norway and Greece signed the agreement.",
            "Greece"
        )]
    );
}

#[test]
fn a_csv_quote_left_open_is_an_error_with_its_line_and_column() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("bad.csv");
    fs::write(&path, "source,target\n\"Mali,le Mali\n").unwrap();
    glosslint()
        .args(["check", "-g", GLOSSARY])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(contains("bad.csv:2:1"))
        .stderr(contains("never closed"));
}

const PUTIN_ZELENSKY: &str = r#"
[[entry]]
id = "vladimir-putin"
kind = "person"
[entry.forms.zh]
canonical = "普京"
[entry.forms.en]
canonical = "Putin"
[entry.forms.ko]
canonical = "푸틴"
[entry.forms.ja]
canonical = "プーチン"
[entry.forms.ru]
canonical = "Путин"

[[entry]]
id = "volodymyr-zelensky"
kind = "person"
[entry.forms.zh]
canonical = "泽连斯基"
[entry.forms.en]
canonical = "Zelensky"
[entry.forms.ko]
canonical = "젤렌스키"
[entry.forms.ja]
canonical = "ゼレンスキー"
[entry.forms.ru]
canonical = "Зеленский"
"#;

/// Findings of a Chinese source line and its translation into `lang`, as (rule, text,
/// fix).
fn from_chinese(lang: &str, target: &str) -> Vec<(String, String, String)> {
    let dir = TempDir::new().unwrap();
    let glossary = dir.path().join("g.toml");
    fs::write(&glossary, PUTIN_ZELENSKY).unwrap();
    fs::write(dir.path().join("s.txt"), "普京周二与泽连斯基通电话。\n").unwrap();
    fs::write(dir.path().join("t.txt"), format!("{target}\n")).unwrap();
    let out = glosslint()
        .current_dir(dir.path())
        .args([
            "check",
            "t.txt",
            "--source",
            "s.txt",
            "--source-lang",
            "zh",
            "--lang",
            lang,
        ])
        .args(["--no-builtin", "--format", "json", "-g"])
        .arg(&glossary)
        .output()
        .unwrap();
    rows_of(&out.stdout)
        .into_iter()
        .map(|(rule, text, fix, _, _)| (rule, text, fix))
        .collect()
}

#[test]
fn a_chinese_source_asks_each_language_for_its_own_forms() {
    let none: Vec<(String, String, String)> = Vec::new();
    let one = |rule: &str, text: &str, fix: &str| {
        vec![(rule.to_string(), text.to_string(), fix.to_string())]
    };
    // Rendered right, with Korean particles, Russian and Japanese endings and honorifics.
    assert_eq!(
        from_chinese("ko", "푸틴은 화요일 젤렌스키와 전화 통화를 했다."),
        none
    );
    assert_eq!(
        from_chinese("ja", "プーチン氏は火曜日、ゼレンスキー氏と電話で話した。"),
        none
    );
    assert_eq!(
        from_chinese("ru", "Путин во вторник поговорил с Зеленским по телефону."),
        none
    );
    assert_eq!(
        from_chinese("en", "Putin spoke with Zelenskyy by phone on Tuesday."),
        none
    );
    // A Korean slip of one letter (ㅊ for ㅌ), which the near-miss rule finds (Hangul is
    // compared letter by letter, the particle is an ending): the particle stays.
    assert_eq!(
        from_chinese("ko", "푸친은 화요일 젤렌스키와 전화 통화를 했다."),
        one("near-miss", "푸친은", "푸틴은")
    );
    // The Chinese name left in a Japanese text, and the English one in a Russian text.
    assert_eq!(
        from_chinese("ja", "普京氏は火曜日、ゼレンスキー氏と電話で話した。"),
        one("missing-rendering", "普京", "プーチン")
    );
    assert_eq!(
        from_chinese("ru", "Putin во вторник поговорил с Зеленским по телефону."),
        one("missing-rendering", "Putin", "Путин")
    );
    // Pinyin where English has its own form.
    assert_eq!(
        from_chinese("en", "Pujing spoke with Zelensky by phone on Tuesday."),
        one("missing-rendering", "Pujing", "Putin")
    );
}

#[test]
fn the_fix_keeps_the_ending_the_target_gave_the_source_form() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("s.txt"),
        "Prigozhin said his fighters would leave Bakhmut.\n",
    )
    .unwrap();
    let target = dir.path().join("t.txt");
    fs::write(&target, "Prigozhins Kämpfer würden Bachmut verlassen.\n").unwrap();
    let source = dir.path().join("s.txt");
    let args = [
        target.to_str().unwrap(),
        "--source",
        source.to_str().unwrap(),
        "--lang",
        "de",
    ];
    // The near-miss rule finds it first, and says what the source names; the bilingual
    // rule does not report it twice.
    assert_eq!(
        findings(&args),
        [row(
            "near-miss",
            "Prigozhins",
            "Prigoschins",
            "line 1",
            "Prigozhin"
        )]
    );
    // Alone, the bilingual rule locates the source form and keeps its ending.
    let mut alone = args.to_vec();
    alone.extend(["--disable", "near-miss"]);
    assert_eq!(
        findings(&alone),
        [row(
            "missing-rendering",
            "Prigozhins",
            "Prigoschins",
            "line 1",
            "Prigozhin"
        )]
    );
}
