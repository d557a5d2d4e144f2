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
    let args = ["--source-lang", "zh", "--lang", lang, "--no-builtin"];
    pair_with(PUTIN_ZELENSKY, "普京周二与泽连斯基通电话。", target, &args)
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

/// The findings of one aligned pair of text files, `source` in English, with `glossary`
/// (TOML) as the only glossary beside the built-in one.
fn pair(glossary: &str, lang: &str, source: &str, target: &str) -> Vec<(String, String, String)> {
    pair_with(glossary, source, target, &["--lang", lang])
}

/// Findings, as (rule, text, fix), of the line `target` checked against the line `source`
/// with `glossary` and the options `extra`.
fn pair_with(
    glossary: &str,
    source: &str,
    target: &str,
    extra: &[&str],
) -> Vec<(String, String, String)> {
    checked(glossary, Some(source), target, extra)
}

/// Findings, as (rule, text, fix), of the line `target` checked with `glossary` and the
/// options `extra`, against the line `source` if there is one.
fn checked(
    glossary: &str,
    source: Option<&str>,
    target: &str,
    extra: &[&str],
) -> Vec<(String, String, String)> {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("g.toml"), glossary).unwrap();
    fs::write(dir.path().join("t.txt"), format!("{target}\n")).unwrap();
    let mut cmd = glosslint();
    cmd.current_dir(dir.path())
        .args(["check", "t.txt", "--format", "json", "-g", "g.toml"]);
    if let Some(source) = source {
        fs::write(dir.path().join("s.txt"), format!("{source}\n")).unwrap();
        cmd.args(["--source", "s.txt"]);
    }
    let out = cmd.args(extra).output().unwrap();
    rows_of(&out.stdout)
        .into_iter()
        .map(|(rule, text, fix, _, _)| (rule, text, fix))
        .collect()
}

fn entry(id: &str, kind: &str, en: &str, lang: &str, form: &str) -> String {
    format!(
        "[[entry]]\nid = \"{id}\"\nkind = \"{kind}\"\n[entry.forms.en]\ncanonical = \"{en}\"\n[entry.forms.{lang}]\ncanonical = \"{form}\"\n"
    )
}

#[test]
fn a_sentence_whose_translation_renders_the_name_nowhere_is_found_though_the_unit_counts_agree() {
    let glossary = entry("founders", "other", "Founders", "de", "Gründerväter");
    // The first sentence's "Gründerväter" translates "Founding Fathers", which the glossary
    // does not hold; the second sentence names the Founders and renders them "Gründer".
    let source = "He expressed his conviction that our Founding Fathers did not set forth a plan of government. Our Founders did not call for a king.";
    let target = "Er äußerte seine Überzeugung, dass unsere Gründerväter keinen Regierungsplan vorgelegt haben. Unsere Gründer haben keinen König gefordert.";
    assert_eq!(
        pair(&glossary, "de", source, target),
        [(
            "missing-rendering".to_string(),
            "Gründer".to_string(),
            "Gründerväter".to_string()
        )]
    );
    // The same words in one sentence each side: the counts agree and nothing says where.
    let joined_source =
        "Our Founding Fathers did not set forth a plan, and our Founders did not call for a king.";
    let joined_target =
        "Unsere Gründerväter legten keinen Plan vor, und unsere Gründer forderten keinen König.";
    assert_eq!(pair(&glossary, "de", joined_source, joined_target), []);
}

#[test]
fn japanese_renderings_that_differ_only_in_kana_spelling_or_a_short_form_are_quiet() {
    let taylor = entry(
        "taylor-swift",
        "person",
        "Taylor Swift",
        "ja",
        "テイラー・スウィフト",
    );
    // Small kana written large, the middle dot left out: the same name.
    assert_eq!(
        pair(
            &taylor,
            "ja",
            "What year did Taylor Swift not win a single Grammy Award?",
            "テイラー・スイフトがグラミー賞を一つも受賞しなかったのは何年ですか？"
        ),
        []
    );
    let gore = entry("al-gore", "person", "Al Gore", "ja", "アル・ゴア");
    assert_eq!(
        pair(
            &gore,
            "ja",
            "Who won the popular vote in 2000, George W. Bush or Al Gore?",
            "2000年に一般投票で勝ったのはジョージ・W・ブッシュとアルゴアのどちらですか？"
        ),
        []
    );
    // The first words of the approved form, most of it: a short form.
    let us = entry("usa", "place", "United States", "ja", "アメリカ合衆国");
    assert_eq!(
        pair(
            &us,
            "ja",
            "Has there ever been a Hispanic president of the United States?",
            "アメリカにヒスパニック系大統領がいたことがありますか？"
        ),
        []
    );
}

#[test]
fn a_japanese_span_holds_no_particle_or_punctuation() {
    let america = entry(
        "south-america",
        "place",
        "South America",
        "ja",
        "南アメリカ",
    );
    // "南アフリカ" is South Africa: the span is the name, not "か、南アフリカ".
    assert_eq!(
        pair(
            &america,
            "ja",
            "Which continent has a longer series of coastlines, Asia or South America?",
            "海岸線が長い大陸はアジアですか、南アフリカですか？"
        ),
        [(
            "missing-rendering".to_string(),
            "南アフリカ".to_string(),
            "南アメリカ".to_string()
        )]
    );
}

#[test]
fn german_compounds_and_genitives_of_the_approved_form_render_it() {
    let pokemon = entry("pokemon", "other", "Pokemon", "de", "Pokemon");
    assert_eq!(
        pair(
            &pokemon,
            "de",
            "What is the most species of Pokemon a generation 1 Pokedex could have?",
            "Wie viele Pokemonarten konnte ein Pokedex der ersten Generation höchstens haben?"
        ),
        []
    );
    // "Boliviens" is the genitive of "Bolivien", not French "Bolivie" with an ending.
    assert_eq!(
        pair(
            "",
            "de",
            "Who is the president of Bolivia?",
            "Wer ist der Präsident Boliviens?"
        ),
        []
    );
}

#[test]
fn an_entity_named_in_two_sentences_and_rendered_once_is_counted() {
    let spain = entry("spain", "place", "Spain", "it", "Spagna");
    // Two sentences name Spain; the translation joins them and names it once.
    assert_eq!(
        pair(
            &spain,
            "it",
            "Madrid is the capital of Spain. Spain has seventeen regions.",
            "Madrid è la capitale della Spagna e ha diciassette regioni."
        ),
        // On the unit, with no fix: where the second rendering goes is the translator's.
        [("rendering-count".to_string(), String::new(), String::new())]
    );
    // Named twice in one sentence, it may be named once.
    assert_eq!(
        pair(
            &spain,
            "it",
            "What is the capital of Spain and also the largest city in Spain?",
            "Qual è la capitale della Spagna e anche la sua città più grande?"
        ),
        []
    );
}

#[test]
fn a_json_file_is_paired_with_its_source_key_by_key() {
    let dir = TempDir::new().unwrap();
    let source = dir.path().join("en.json");
    fs::write(
        &source,
        r#"{
  "news": {
    "headline": "Statistics Norway said consumer prices rose.",
    "items": ["Prigozhin said his fighters would leave Bakhmut.", "Untouched"]
  },
  "only_en": "Norway"
}
"#,
    )
    .unwrap();
    let target = dir.path().join("de.json");
    // The keys in another order, one key the source lacks.
    fs::write(
        &target,
        r#"{
  "extra": "Prigozhin",
  "news": {
    "items": ["Prigozhin sagte, seine Kämpfer würden Bachmut verlassen.", "Unberührt"],
    "headline": "Statistik Norwegen teilte mit, dass die Verbraucherpreise stiegen."
  }
}
"#,
    )
    .unwrap();
    let args = [
        target.to_str().unwrap(),
        "--source",
        source.to_str().unwrap(),
        "--lang",
        "de",
        "--disable",
        "near-miss",
    ];
    assert_eq!(
        findings(&args),
        [
            row(
                "missing-rendering",
                "Prigozhin",
                "Prigoschin",
                "news.items[0]",
                "Prigozhin"
            ),
            row(
                "missing-rendering",
                "Statistik Norwegen",
                "Statistisk sentralbyrå",
                "news.headline",
                "Statistics Norway"
            ),
        ]
    );
    // A source that is no JSON is an error that names it, its line and column.
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{\"news\": \n").unwrap();
    glosslint()
        .args(["check", "-g", GLOSSARY])
        .arg(&target)
        .arg("--source")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(contains("bad.json:2:1: invalid JSON"));
}

#[test]
fn a_name_kept_whole_or_only_reordered_renders_the_entity() {
    // Part of a longer name the glossary does not know, which the target keeps whole.
    let ac = entry("ac", "other", "AC", "it", "ACDC");
    assert_eq!(
        pair(
            &ac,
            "it",
            "Who is the singer for AC/DC, who was born in the United Kingdom?",
            "Quale cantante degli AC/DC è nato nel Regno Unito?"
        ),
        []
    );
    let george = entry("george-i", "person", "George", "de", "König Georg I");
    assert_eq!(
        pair(
            &george,
            "de",
            "Which British ruler had the most wives, George I or Henry VIII?",
            "Welcher britische Herrscher hatte die meisten Ehefrauen, George I. oder Heinrich VIII.?"
        ),
        []
    );
    // The part alone left in English is still reported.
    assert_eq!(
        pair(
            &george,
            "de",
            "Which British ruler had the most wives, George I or Henry VIII?",
            "Welcher britische Herrscher hatte die meisten Ehefrauen, George oder Heinrich VIII.?"
        ),
        [(
            "missing-rendering".to_string(),
            "George".to_string(),
            "König Georg I".to_string()
        )]
    );
    // The target language's form only reorders the source's words.
    let cubs = entry("cubs", "other", "Chicago Cubs", "fr", "Cubs de Chicago");
    assert_eq!(
        pair(
            &cubs,
            "fr",
            "Which Chicago Cubs team did not fail to win the World Series?",
            "Quelle équipe des Chicago Cubs n'a pas manqué de remporter les World Series ?"
        ),
        []
    );
    // A person's name with its parts swapped is no reordering of the form.
    let tri = entry("andrew-tri", "person", "Andrew Tri", "de", "Andrew Tri");
    assert_eq!(
        pair(
            &tri,
            "de",
            "The department's bear biologist, Andrew Tri, examined the bear.",
            "Der Bärenbiologe der Abteilung, Tri Andrew, untersuchte den Bären."
        ),
        // Found without the source too, by the near-miss rule (the name's parts in
        // another order), which the bilingual rule then leaves to it.
        [(
            "near-miss".to_string(),
            "Tri Andrew".to_string(),
            "Andrew Tri".to_string()
        )]
    );
}

#[test]
fn a_rendering_in_another_form_anywhere_in_the_unit_counts() {
    // An apposition keeps the source's term beside the approved one.
    let big_bang = entry("big-bang", "other", "Big Bang", "de", "Urknall");
    assert_eq!(
        pair(
            &big_bang,
            "de",
            "This animation shows looking at the Big Bang from the outside.",
            "Diese Animation zeigt eine Außenansicht des Big Bang, des Urknalls."
        ),
        []
    );
    // A short form beats a window that takes the word before it.
    let henry = entry("henry-v", "person", "Henry V", "de", "König Heinrich V");
    assert_eq!(
        pair(
            &henry,
            "de",
            "Was Henry V the fifth king of England?",
            "Ist Heinrich V. der fünfte König von England?"
        ),
        []
    );
}

#[test]
fn a_japanese_form_inside_punctuation_or_heading_a_compound_renders_it() {
    let creed = entry(
        "assassins-creed",
        "other",
        "Assassin's Creed",
        "ja",
        "アサシンクリードシリーズ",
    );
    assert_eq!(
        pair(
            &creed,
            "ja",
            "How many Assassin's Creed games are set in ancient Egypt?",
            "古代エジプトを舞台にする『アサシンクリード』シリーズのゲームはどれぐらいありますか？"
        ),
        []
    );
    let guide = entry(
        "hitchhikers-guide",
        "other",
        "Hitchhiker's Guide",
        "ja",
        "銀河ヒッチハイク・ガイド",
    );
    assert_eq!(
        pair(
            &guide,
            "ja",
            "Which book in the Hitchhiker's Guide to the Galaxy series was released in 1992?",
            "銀河ヒッチハイクガイドシリーズで、1992年に出版された本はどれか？"
        ),
        []
    );
}

#[test]
fn an_ordinary_word_that_is_some_entry_s_form_is_no_unsourced_name() {
    // A glossary whose German form of a title is an ordinary noun ("Tag", day): the word in
    // its own sense is no name that the source lacks.
    let day = entry("notebook", "other", "Notebook", "de", "Tag");
    assert_eq!(
        pair(
            &day,
            "de",
            "What city is home of Arbor Day?",
            "Welche Stadt ist die Heimat des Tag des Baumes?"
        ),
        []
    );
    // A name that is no ordinary word is still reported.
    let norway = entry("norway", "place", "Norway", "de", "Norwegen");
    assert_eq!(
        pair(
            &norway,
            "de",
            "The agreement was signed on Monday.",
            "Das Abkommen wurde am Montag in Norwegen unterzeichnet."
        ),
        [(
            "unsourced-entity".to_string(),
            "Norwegen".to_string(),
            String::new()
        )]
    );
}

#[test]
fn a_numbered_name_is_another_entity_than_the_name_without_its_number() {
    // "World War" in the glossary is the Great War; the source's "World War 2" and "second
    // World War" are the other one, which the target renders.
    let glossary = [
        entry("great-war", "other", "World War", "fr", "Grande Guerre"),
        entry(
            "wwii",
            "other",
            "World War II",
            "fr",
            "Seconde Guerre mondiale",
        ),
    ]
    .concat();
    for source in [
        "Did the Germans win World War 2?",
        "Which country was in the second World War?",
    ] {
        assert_eq!(
            pair(
                &glossary,
                "fr",
                source,
                "Les Allemands ont-ils gagné la Seconde Guerre mondiale ?"
            ),
            [],
            "{source}"
        );
    }
}

#[test]
fn an_article_in_lower_case_before_a_title_is_the_title_inflected() {
    // "Fellowship" is an ordinary English word; "der Gefährten" is the title "Die Gefährten"
    // in the genitive, its article in lower case inside the sentence.
    let fellowship = entry("fellowship", "other", "Fellowship", "de", "Die Gefährten");
    assert_eq!(
        pair(
            &fellowship,
            "de",
            "Which character is a member of the Fellowship of the Ring?",
            "Welche Figur ist ein Mitglied der Gefährten?"
        ),
        []
    );
}

#[test]
fn a_part_of_a_longer_name_is_reported_only_when_left_as_the_source_writes_it() {
    // The source misspells "British Columbia"; the target writes the province's own name,
    // close to the mention "Colombia" but no rendering of the country.
    let colombia = entry("colombia", "place", "Colombia", "de", "Kolumbien");
    assert_eq!(
        pair(
            &colombia,
            "de",
            "Which Canadian territory is bigger, British Colombia or Ontario?",
            "Welches kanadische Territorium ist größer - British Columbia oder Ontario?"
        ),
        []
    );
    // Left as the source writes it, it is still reported (by the monolingual rule, which
    // sees the English form in German text, and the bilingual rule does not repeat it).
    let found = pair(
        &colombia,
        "de",
        "Which Canadian territory is bigger, British Colombia or Ontario?",
        "Welches kanadische Territorium ist größer - British Colombia oder Ontario?",
    );
    assert_eq!(
        found,
        [(
            "foreign-form".to_string(),
            "Colombia".to_string(),
            "Kolumbien".to_string()
        )]
    );
}

#[test]
fn a_name_of_the_target_language_close_to_the_source_s_renders_the_entity() {
    // "Norteamérica" is Spanish for North America, a form the glossary does not list.
    let america = entry(
        "north-america",
        "place",
        "North America",
        "es",
        "América del Norte",
    );
    assert_eq!(
        pair(
            &america,
            "es",
            "What is the longest river in North America?",
            "¿Cuál es el río más largo de Norteamérica?"
        ),
        []
    );
    // Another entry's form written as an ordinary word in lower case ("eso", which the
    // glossary gives for the novel "It") is no substitute for the missing name.
    let glossary = [america, entry("it-novel", "other", "It", "es", "Eso")].concat();
    let found = pair(
        &glossary,
        "es",
        "Is the Mississippi the longest river in North America?",
        "¿Es el Misisipi, eso creo, el río más largo?",
    );
    assert_eq!(
        found,
        [(
            "missing-rendering".to_string(),
            String::new(),
            "América del Norte".to_string()
        )]
    );
}

#[test]
fn a_demonym_in_the_source_mentions_a_user_s_entry_for_its_country() {
    // The user's France replaces the built-in country; the built-in demonym "French" links
    // to the built-in country, and so to the user's entry.
    let france = entry("france-q142", "place", "France", "es", "Francia");
    assert_eq!(
        pair(
            &france,
            "es",
            "Who was the son of the French queen assassinated in 1793?",
            "¿Quién era el hijo de la reina de Francia asesinada en 1793?"
        ),
        []
    );
}

#[test]
fn a_word_the_source_has_renders_that_word_not_another_entity_in_place_of_the_missing_one() {
    // "キング" is the glossary's Japanese for B.B. King, whose English form shares "King"
    // with the source's Stephen King: it renders that name, and is no substitute for the
    // missing "Secret Garden", whose fix would otherwise overwrite the author's name.
    let glossary = [
        entry("secret-garden", "other", "Secret Garden", "ja", "花園"),
        entry("b-b-king", "other", "B.B. King", "ja", "キング"),
    ]
    .concat();
    let found = pair(
        &glossary,
        "ja",
        "Did Stephen King write Secret Garden?",
        "スティーブン・キングはシークレット・ガーデンを書きましたか？",
    );
    assert_eq!(
        found,
        [(
            "missing-rendering".to_string(),
            String::new(),
            "花園".to_string()
        )]
    );
}

#[test]
fn another_operation_in_place_of_the_one_the_source_names_is_fixed_in_the_spans_own_shape() {
    // The target names another operation where the source names Barkhane: each shape of
    // the span gets the approved form of that shape, and "opération" alone (the first word
    // of "opération Barkhane") is no misspelling of it.
    let glossary = "[[entry]]\nid = \"barkhane\"\nkind = \"operation\"\n[entry.forms.en]\ncanonical = \"Barkhane\"\nalternatives = [\"Operation Barkhane\"]\n[entry.forms.fr]\ncanonical = \"Barkhane\"\nalternatives = [\"opération Barkhane\", \"force Barkhane\"]\n\n[[entry]]\nid = \"takuba\"\nkind = \"operation\"\n[entry.forms.en]\ncanonical = \"Takuba\"\n[entry.forms.fr]\ncanonical = \"Takuba\"\nalternatives = [\"force Takuba\"]\n";
    let found = |target: &str| {
        pair(
            glossary,
            "fr",
            "The forces of Operation Barkhane leave Mali.",
            target,
        )
    };
    let missing = |text: &str, fix: &str| {
        (
            "missing-rendering".to_string(),
            text.to_string(),
            fix.to_string(),
        )
    };
    assert!(found("Les forces de l'opération Takuba quittent le Mali.")
        .contains(&missing("opération Takuba", "opération Barkhane")));
    assert!(found("Les soldats de la force Takuba quittent le Mali.")
        .contains(&missing("force Takuba", "force Barkhane")));
    assert!(
        found("Les forces de Takuba quittent le Mali.").contains(&missing("Takuba", "Barkhane"))
    );
}

#[test]
fn the_head_of_a_japanese_compound_in_han_characters_renders_the_whole() {
    // EA-MT: the human translation writes the Academy Award's category, "作品賞", without
    // "アカデミー".
    let best = entry(
        "best-picture",
        "other",
        "Best Picture",
        "ja",
        "アカデミー作品賞",
    );
    assert_eq!(
        pair(
            &best,
            "ja",
            "Did Grand Hotel win Best Picture?",
            "グランド・ホテルは作品賞を受賞していますか?"
        ),
        []
    );
    // A translation that renders neither the whole nor its head is reported.
    assert_eq!(
        pair(
            &best,
            "ja",
            "Did Grand Hotel win Best Picture?",
            "グランド・ホテルは最優秀映画を受賞していますか?"
        )
        .into_iter()
        .map(|(rule, ..)| rule)
        .collect::<Vec<_>>(),
        ["missing-rendering"]
    );
}

#[test]
fn a_latin_acronym_kept_in_a_text_of_another_script_renders_the_name_but_not_in_a_latin_one() {
    let mlb = entry(
        "mlb",
        "organisation",
        "MLB",
        "ja",
        "メジャーリーグベースボール",
    );
    // Japanese text writes Latin acronyms as they are (EA-MT's human translation).
    assert_eq!(
        pair(
            &mlb,
            "ja",
            "Which MLB team plays at Wrigley Field and won the World Series in 2016?",
            "リグレー・フィールドを本拠地とし、2016年にワールドシリーズで優勝したMLBチームは？"
        ),
        []
    );
    // A German text that keeps "DOJ" has left it untranslated (a WMT23 rater's mark).
    let doj = entry("doj", "organisation", "DOJ", "de", "Justizministerium");
    assert_eq!(
        pair(
            &doj,
            "de",
            "The DOJ declined to comment.",
            "Das DOJ lehnte eine Stellungnahme ab."
        ),
        [(
            "missing-rendering".to_string(),
            "DOJ".to_string(),
            "Justizministerium".to_string()
        )]
    );
}

#[test]
fn the_approved_form_run_together_with_the_next_word_is_rendered() {
    let rushmore = entry("rushmore", "place", "Mount Rushmore", "ar", "راشمور");
    // A space missing between "راشمور" and "اعتبارًا" (as of): the name is as approved.
    assert_eq!(
        pair(
            &rushmore,
            "ar",
            "What is the estimated current population of the state where Mount Rushmore is located as of 2020?",
            "ما هو العدد التقديري الحالي لسكان الولاية التي يقع فيها جبل راشموراعتبارًا من عام 2020؟"
        ),
        []
    );
    // Letters after it that are no word of the language: a misspelling, found and fixed.
    assert_eq!(
        pair(
            &rushmore,
            "ar",
            "Where is Mount Rushmore?",
            "أين يقع جبل راشمورتلتل؟"
        ),
        [(
            "missing-rendering".to_string(),
            "راشمورتلتل".to_string(),
            "راشمور".to_string()
        )]
    );
}

#[test]
fn a_name_phrased_with_other_small_words_renders_it() {
    let nobel = entry(
        "nobel-literature",
        "other",
        "Nobel Prize in Literature",
        "ar",
        "جائزة نوبل في الأدب",
    );
    // "للأدب" (for literature, a clitic preposition) for "في الأدب" (in literature).
    assert_eq!(
        pair(
            &nobel,
            "ar",
            "Has Alice Munro won a Nobel Prize in Literature?",
            "هل حققت \"آليس مونرو\" جائزة نوبل للأدب؟"
        ),
        []
    );
    let prix = entry(
        "nobel-literature",
        "other",
        "Nobel Prize in Literature",
        "fr",
        "prix Nobel de littérature",
    );
    assert_eq!(
        pair(
            &prix,
            "fr",
            "Who won the Nobel Prize in Literature in 2016?",
            "Qui a reçu le prix Nobel en littérature en 2016 ?"
        ),
        []
    );
    // Another word of the name is no rephrasing: another prize.
    assert_eq!(
        pair(
            &prix,
            "fr",
            "Who won the Nobel Prize in Literature in 2016?",
            "Qui a reçu le prix Goncourt de littérature en 2016 ?"
        ),
        [(
            "missing-rendering".to_string(),
            "prix Goncourt de littérature".to_string(),
            "prix Nobel de littérature".to_string()
        )]
    );
}

#[test]
fn a_built_in_country_substituted_for_a_user_entry_is_located_when_a_user_entry_took_its_source_forms(
) {
    // The user's South Africa has no Japanese form: the built-in one's "南アフリカ" is still
    // South Africa, which the source does not name, standing where South America should.
    let glossary = format!(
        "{}\n{}",
        entry(
            "south-america",
            "place",
            "South America",
            "ja",
            "南アメリカ"
        ),
        "[[entry]]\nid = \"south-africa\"\nkind = \"place\"\n[entry.forms.en]\ncanonical = \"South Africa\"\n[entry.forms.de]\ncanonical = \"Südafrika\"\n"
    );
    assert_eq!(
        pair(
            &glossary,
            "ja",
            "Which continent has a longer series of coastlines, Asia or South America?",
            "海岸線が長い大陸はアジアですか、南アフリカですか？"
        ),
        [(
            "missing-rendering".to_string(),
            "南アフリカ".to_string(),
            "南アメリカ".to_string()
        )]
    );
}

#[test]
fn a_word_of_a_name_translated_literally_is_no_respelling() {
    let wyre = entry(
        "st-michaels-on-wyre",
        "place",
        "St Michael's on Wyre",
        "de",
        "St. Michael's on Wyre",
    );
    // WMT23: the raters mark "auf" for the English place name's "on".
    assert_eq!(
        pair(
            &wyre,
            "de",
            "Ms Bulley disappeared on 27 January while walking her dog in St Michael's on Wyre.",
            "Frau Bulley verschwand am 27. Januar, als sie mit ihrem Hund in St. Michael auf Wyre spazieren ging."
        ),
        // Found without the source too, by the near-miss rule (its particles translated).
        [(
            "near-miss".to_string(),
            "St. Michael auf Wyre".to_string(),
            "St. Michael's on Wyre".to_string()
        )]
    );
    // A letter or two respelt in each word is another spelling of the whole name.
    let zelensky = entry(
        "zelensky",
        "person",
        "Volodymyr Zelensky",
        "de",
        "Wolodymyr Selenskyj",
    );
    assert_eq!(
        pair(
            &zelensky,
            "de",
            "Volodymyr Zelensky spoke in Kyiv.",
            "Wolodimir Selenskij sprach in Kiew."
        ),
        []
    );
}

#[test]
fn a_look_alike_the_source_names_is_left_as_it_is() {
    let glossary = r#"
[[entry]]
id = "niger"
kind = "place"
[entry.forms.en]
canonical = "Niger"
[entry.forms.fr]
canonical = "Niger"

[[entry]]
id = "nigerian"
kind = "demonym"
[entry.forms.en]
canonical = "Nigerian"
[entry.forms.fr]
canonical = "nigérian"

[[entry]]
id = "nigerien"
kind = "demonym"
links = ["niger"]
[entry.forms.en]
canonical = "Nigerien"
[entry.forms.fr]
canonical = "nigérien"

[[entry.confusable]]
lang = "en"
form = "Nigerian"
reason = "Nigerian is the demonym of Nigeria; the demonym of Niger is Nigerien"
if = [{ in = "document", mentions = ["niger"] }]
"#;
    let target = "A Nigerian soldier crossed the border of Niger on Monday.";
    let look_alike = (
        "context-confusable".to_string(),
        "Nigerian".to_string(),
        "Nigerien".to_string(),
    );
    // Alone, the text names Niger: "Nigerian" may be a slip for Nigerien.
    assert_eq!(
        checked(glossary, None, target, &["--lang", "en"]),
        [look_alike]
    );
    // The source says Nigerian: so it is.
    let nigerian = "Un soldat nigérian a franchi la frontière du Niger lundi.";
    let extra = ["--lang", "en", "--source-lang", "fr"];
    assert_eq!(pair_with(glossary, nigerian, target, &extra), []);
    // The source says Nigerien: the target's "Nigerian" is wrong.
    let nigerien = "Un soldat nigérien a franchi la frontière du Niger lundi.";
    let found = pair_with(glossary, nigerien, target, &extra);
    assert!(
        found
            .iter()
            .any(|(_, text, fix)| text == "Nigerian" && fix == "Nigerien"),
        "{found:?}"
    );
}
