//! `glosslint check --input-format jsonl`: records in, JSON Lines out, as a pipeline uses it.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn glosslint() -> Command {
    let mut cmd = Command::cargo_bin("glosslint").unwrap();
    cmd.current_dir(root())
        .env("GLOSSLINT_CACHE_DIR", "")
        .args([
            "check",
            "--input-format",
            "jsonl",
            "-g",
            "glossaries/sahel.toml",
        ]);
    cmd
}

fn lines(out: &[u8]) -> Vec<Value> {
    std::str::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

const FRENCH: &str = "Le chef de la junte malienne, Qasimi Quetta, tient Paris pour responsable ; la fin des opérations Barkhane et Takoba.";

fn record(id: &str, lang: &str, text: &str) -> String {
    serde_json::json!({"id": id, "lang": lang, "text": text}).to_string() + "\n"
}

#[test]
fn findings_carry_their_record_id_line_and_span_in_the_records_text() {
    let input = record("a1", "fr", FRENCH)
        + &record("clean", "fr", "Le président Assimi Goïta a parlé à Bamako.")
        + &serde_json::json!({"text": "フランス軍はNigerに移動した。", "lang": "ja"}).to_string()
        + "\n";
    let out = glosslint().write_stdin(input).assert().code(1);
    let found = lines(&out.get_output().stdout);
    let summary: Vec<(Value, u64, &str, &str, Option<&str>)> = found
        .iter()
        .map(|f| {
            (
                f["id"].clone(),
                f["record"].as_u64().unwrap(),
                f["rule"].as_str().unwrap(),
                f["text"].as_str().unwrap(),
                f["fix"]["replacement"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "a1".into(),
                1,
                "known-variant",
                "Qasimi Quetta",
                Some("Assimi Goïta")
            ),
            ("a1".into(), 1, "near-miss", "Takoba", Some("Takuba")),
            // No id: the record's line number stands for it.
            (3.into(), 3, "script-mismatch", "Niger", Some("ニジェール")),
        ]
    );
    // Spans are bytes of the record's text; columns are characters.
    let f = &found[0];
    let (s, e) = (
        f["span"]["start"].as_u64().unwrap() as usize,
        f["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&FRENCH[s..e], "Qasimi Quetta");
    assert_eq!(found[2]["start"]["column"], 7);
    assert_eq!(found[2]["lang"], "ja");
}

#[test]
fn fix_writes_every_record_in_order_with_other_fields_as_they_were() {
    let input = format!(
        "{}\n{}\n",
        r#"{"id": 7, "meta": {"score": 2.50, "tags": ["x"]}, "lang": "fr", "text": "Les opérations Barkhane et Takoba, et Qasimi Quetta."}"#,
        r#"{"id": 8, "lang": "fr", "text": "Rien à corriger à Bamako."}"#
    );
    let out = glosslint()
        .args(["--fix", "--unsafe-fixes"])
        .write_stdin(input)
        .assert()
        .code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let records: Vec<&str> = stdout.lines().collect();
    assert_eq!(records.len(), 2);
    // Values other than the text are written back byte for byte (2.50 stays 2.50).
    assert!(
        records[0].starts_with(r#"{"id":7,"meta":{"score": 2.50, "tags": ["x"]},"lang":"fr","text":"Les opérations Barkhane et Takuba, et Assimi Goïta.","fixes":2,"findings":["#),
        "{}",
        records[0]
    );
    let first: Value = serde_json::from_str(records[0]).unwrap();
    let rules: Vec<&str> = first["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["near-miss", "known-variant"]);
    assert_eq!(
        records[1],
        r#"{"id":8,"lang":"fr","text":"Rien à corriger à Bamako.","fixes":0,"findings":[]}"#
    );
    // Safe fixes only by default; what remains (the near-miss) makes the exit code 1, as
    // with files, unless `--fail-on never` (what `RDD.pipe` wants).
    let out = glosslint()
        .arg("--fix")
        .write_stdin(record("s", "fr", FRENCH))
        .assert()
        .code(1);
    glosslint()
        .args(["--fix", "--fail-on", "never"])
        .write_stdin(record("s", "fr", FRENCH))
        .assert()
        .code(0);
    let fixed = lines(&out.get_output().stdout);
    assert_eq!(
        fixed[0]["text"],
        FRENCH.replace("Qasimi Quetta", "Assimi Goïta")
    );
}

#[test]
fn bad_lines_are_errors_with_line_and_column_and_the_stream_goes_on() {
    let input = [
        "not json",
        r#"{"id": 2}"#,
        r#"{"id": 3, "text": 7}"#,
        r#"{"id": 4, "format": "po", "text": "msgid \"a\"\nmsgstr \"b"}"#,
        r#"{"id": 5, "lang": "fr_FR!", "text": "x"}"#,
        "",
        &record("ok", "fr", FRENCH),
    ]
    .join("\n");
    let out = glosslint().write_stdin(input.clone()).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for expected in [
        "<stdin>:1:2: not a record (expected ident): each line is a JSON object",
        "<stdin>:2:1: a record without `text`",
        "<stdin>:3:1: `text` must be a string, not 7",
        "<stdin>:4:1: record 4: its text is not valid po at 2:10: unterminated string",
        "<stdin>:5:1: record 5: `lang` \"fr_FR!\" is not a BCP 47 language tag",
        "1 record checked, 2 findings, 5 errors",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    // The good record after them is still checked.
    let found = lines(&out.get_output().stdout);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0]["record"], 7);
    // With --fix, each record is written back, unchanged with its error where it could not
    // be checked; a line that is no JSON at all cannot be.
    let out = glosslint().arg("--fix").write_stdin(input).assert().code(2);
    let records = lines(&out.get_output().stdout);
    let ids: Vec<String> = records.iter().map(|r| r["id"].to_string()).collect();
    assert_eq!(ids, ["2", "3", "4", "5", "\"ok\""]);
    assert_eq!(records[1]["text"], 7);
    assert!(records[2]["error"]
        .as_str()
        .unwrap()
        .contains("not valid po"));
    assert_eq!(records[2]["text"], "msgid \"a\"\nmsgstr \"b");
}

#[test]
fn the_language_is_the_records_else_the_flag_else_detected() {
    // In Japanese, "Niger" is the slip; read as German, the katakana France is.
    let ja = "フランス軍はNigerに移動した。";
    let input = [
        serde_json::json!({"id": 1, "text": ja}).to_string(),
        serde_json::json!({"id": 2, "text": ja, "lang": "de"}).to_string(),
    ]
    .join("\n");
    let out = glosslint()
        .args(["--lang", "ja"])
        .write_stdin(input.clone())
        .assert()
        .code(1);
    let found = lines(&out.get_output().stdout);
    let seen: Vec<(&Value, &Value, &Value)> = found
        .iter()
        .map(|f| (&f["id"], &f["lang"], &f["text"]))
        .collect();
    assert_eq!(
        seen,
        [
            (&1.into(), &"ja".into(), &"Niger".into()),
            (&2.into(), &"de".into(), &"フランス".into())
        ]
    );
    // Neither: detected from the prose.
    let input = serde_json::json!({"id": 1, "text": FRENCH}).to_string();
    let out = glosslint().write_stdin(input).assert().code(1);
    let found = lines(&out.get_output().stdout);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (&found[0]["id"], &found[0]["lang"], &found[0]["lang_source"]),
        (&1.into(), &"fr".into(), &"detected".into())
    );
}

#[test]
fn a_record_with_its_source_gets_the_bilingual_rules() {
    let input = serde_json::json!({
        "id": "u1", "lang": "fr", "source_lang": "en",
        "source": "The soldiers of Barkhane leave.",
        "text": "Les soldats de Takuba partent."
    })
    .to_string();
    let out = glosslint().write_stdin(input).assert().code(1);
    let found = lines(&out.get_output().stdout);
    assert_eq!(found[0]["rule"], "missing-rendering");
    assert_eq!(found[0]["unit"]["source_mention"], "Barkhane");
}

#[test]
fn records_from_files_and_refusals() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("segments.jsonl");
    std::fs::write(&file, "\u{feff}".to_string() + &record("b", "fr", FRENCH)).unwrap();
    let out = glosslint().arg(&file).assert().code(1);
    let found = lines(&out.get_output().stdout);
    assert_eq!(found[0]["path"], file.display().to_string());
    assert_eq!(found[0]["id"], "b");
    glosslint()
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "a folder: --input-format jsonl reads records from files or standard input",
        ));
    glosslint()
        .arg("--diff")
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--diff reads files"));
    glosslint()
        .args(["--format", "sarif"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("writes JSON Lines"));
}

#[test]
fn a_long_stream_comes_out_in_input_order() {
    // More records than one chunk holds.
    let mut input = String::new();
    for i in 0..2500 {
        let text = if i % 2 == 0 {
            FRENCH
        } else {
            "Rien à Bamako."
        };
        input += &record(&format!("r{i}"), "fr", text);
    }
    let out = glosslint()
        .args(["--fix", "--fail-on", "never"])
        .write_stdin(input)
        .assert()
        .code(0);
    let records = lines(&out.get_output().stdout);
    assert_eq!(records.len(), 2500);
    for (i, r) in records.iter().enumerate() {
        assert_eq!(r["id"], format!("r{i}"));
        assert_eq!(r["fixes"], if i % 2 == 0 { 1 } else { 0 });
    }
}

/// Output follows input a chunk at a time, and memory stays bounded however long the
/// stream: records are written for a while, output is read as it comes, and the process's
/// peak memory, read from /proc, does not grow with what has gone through.
#[cfg(target_os = "linux")]
#[test]
fn an_endless_stream_is_answered_as_it_goes_in_bounded_memory() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command as Std, Stdio};
    use std::time::Duration;
    const RECORDS: usize = 60_000;
    let exe = assert_cmd::cargo::cargo_bin("glosslint");
    let mut child = Std::new(exe)
        .current_dir(root())
        .env("GLOSSLINT_CACHE_DIR", "")
        .args([
            "check",
            "--input-format",
            "jsonl",
            "-g",
            "glossaries/sahel.toml",
        ])
        .args(["--fix", "--fail-on", "never", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let peak_kb = move || -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    };
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        let line = record("r", "fr", FRENCH);
        for i in 0..RECORDS {
            if i == 3_000 {
                // Some chunks in: no more input until output has come.
                assert!(
                    rx.recv_timeout(Duration::from_secs(120)).is_ok(),
                    "no output while the stream was open"
                );
            }
            stdin.write_all(line.as_bytes()).unwrap();
        }
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let (mut seen, mut early) = (0, 0);
    while out.read_line(&mut line).unwrap() > 0 {
        if seen == 0 {
            let first: serde_json::Value = serde_json::from_str(&line).unwrap();
            assert_eq!(first["fixes"], 1);
            tx.send(()).unwrap();
        }
        seen += 1;
        line.clear();
        if seen == 2_000 {
            early = peak_kb();
        }
        if seen == RECORDS - 5_000 {
            // 9 MB of records have gone through since; a chunk holds 1,024 (170 KB).
            let late = peak_kb();
            eprintln!("peak memory: {early} kB after 2,000 records, {late} kB after {seen}");
            assert!(
                late < early + 20_000,
                "peak memory grew from {early} kB to {late} kB"
            );
        }
    }
    writer.join().unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(seen, RECORDS);
}
