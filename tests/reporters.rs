//! Every report format on the bundled examples: content, validity, and exit codes.

use assert_cmd::Command;
use predicates::str::contains;
use std::path::PathBuf;

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::cargo_bin("glosslint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

fn schema() -> serde_json::Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0-subset.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn sarif_is_valid_against_the_schema_and_carries_rules_results_and_fixes() {
    let validator = jsonschema::draft4::new(&schema()).unwrap();
    // The validator is strict enough to refuse a log with a wrong level and no message.
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"level": "fatal"}]}]});
    assert!(!validator.is_valid(&broken));

    let (code, out) = run(&["check", "examples/sahel", "--format", "sarif"]);
    assert_eq!(code, Some(1));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "glosslint");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 15);
    let first = &results[0];
    assert_eq!(first["ruleId"], "GL001");
    assert_eq!(first["level"], "error");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(5), Some(137))
    );
    assert_eq!(
        first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "Assimi Goïta"
    );
}

#[test]
fn jsonl_has_one_finding_per_line() {
    let (code, out) = run(&["check", "examples/sahel", "--format", "jsonl"]);
    assert_eq!(code, Some(1));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 15);
    assert_eq!(lines[0]["rule"], "known-variant");
    assert_eq!(lines[0]["text"], "Qasimi Quetta");
}

#[test]
fn github_annotations_point_at_the_span() {
    let (code, out) = run(&[
        "check",
        "examples/sahel/article.en.txt",
        "--format",
        "github",
    ]);
    assert_eq!(code, Some(1));
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "::error file=examples/sahel/article.en.txt,line=5,col=137,endLine=5,endColumn=150,title=glosslint known-variant (GL001)::“Qasimi Quetta” is a known wrong form of “Assimi Goïta” (person)%3A re-transliterated from an Arabic spelling (عاصيمي غويتا) Suggested fix%3A Assimi Goïta"
            .replace("%3A", ":")
    );
    assert_eq!(out.lines().count(), 6);
}

#[test]
fn junit_is_well_formed_with_a_failure_per_finding() {
    let (code, out) = run(&["check", "examples/sahel", "--format", "junit"]);
    assert_eq!(code, Some(1));
    let mut reader = quick_xml::Reader::from_str(&out);
    let mut failures = 0;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"failure" => failures += 1,
            _ => {}
        }
    }
    assert_eq!(failures, 15);
    assert!(
        out.contains("<testsuites name=\"glosslint\" tests=\"15\" failures=\"15\" errors=\"0\">")
    );
}

#[test]
fn concise_statistics_and_quiet() {
    let (_, out) = run(&[
        "check",
        "examples/sahel/article.en.txt",
        "--format",
        "concise",
    ]);
    assert!(out.starts_with("examples/sahel/article.en.txt:5:137: error [known-variant] “Qasimi Quetta” is a known wrong form"));
    assert!(out
        .lines()
        .next()
        .unwrap()
        .ends_with("(safe fix: Assimi Goïta)"));
    assert_eq!(out.lines().count(), 7, "six findings and the summary");

    let (_, out) = run(&["check", "examples/sahel", "--statistics", "--quiet"]);
    // Known variants: Qasimi Quetta and Hassan Ouattara in both articles, Timbuktu in French.
    assert_eq!(
        out,
        "     5  GL001  known-variant\n     4  GL002  near-miss\n     4  GL005  context-confusable\n     1  GL003  wrong-diacritics\n     1  GL004  wrong-case\n\n     2  alassane-ouattara\n     2  assimi-goita\n     2  liberation\n     2  nigerien\n     2  takuba\n     2  tessalit\n     1  senegal\n     1  timbuktu\n     1  wagner-group\n"
    );
}

#[test]
fn fail_on_decides_the_exit_status() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "the Takoba force\n").unwrap();
    let path = file.to_str().unwrap();
    let sahel = concat!(env!("CARGO_MANIFEST_DIR"), "/glossaries/sahel.toml");
    let code = |fail_on: &str| run(&["check", path, "-g", sahel, "--fail-on", fail_on]).0;
    assert_eq!(code("warning"), Some(1));
    assert_eq!(code("error"), Some(0), "a near-miss is a warning");
    assert_eq!(code("never"), Some(0));
    Command::cargo_bin("glosslint")
        .unwrap()
        .args(["check", path, "-g", sahel, "--fail-on", "never"])
        .assert()
        .code(0)
        .stdout(contains("“Takoba” is close to “Takuba”"));
}

#[test]
fn html_is_one_self_contained_page_with_the_summary_and_every_finding() {
    let (code, out) = run(&["check", "examples/sahel", "--format", "html"]);
    assert_eq!(code, Some(1));
    assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(out.trim_end().ends_with("</html>"));
    // Nothing is fetched: no external script, style, image or font.
    for outside in ["src=\"http", "href=\"http", "url(", "@import", "<link"] {
        assert!(!out.contains(outside), "{outside}");
    }
    // The summary is HTML, the findings data for the page's script.
    let json: serde_json::Value =
        serde_json::from_str(&run(&["check", "examples/sahel", "--format", "json"]).1).unwrap();
    let total = json["findings"].as_array().unwrap().len();
    assert!(out.contains(&format!(
        "<p id=\"totals\">{total} findings in 2 files (2 checked)"
    )));
    assert!(out.contains("<a href=\"#rule=known-variant\">GL001 known-variant</a>"));
    assert!(out.contains("<a href=\"#entry=assimi-goita\">assimi-goita</a>"));
    let start = out
        .find("<script type=\"application/json\" id=\"data\">")
        .unwrap();
    let data = &out[start..];
    let data = &data[data.find('>').unwrap() + 1..data.find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(data).unwrap();
    let findings = data["findings"].as_array().unwrap();
    assert_eq!(findings.len(), total);
    let goita = findings
        .iter()
        .find(|f| f["text"] == "Qasimi Quetta" && f["lang"] == "en")
        .unwrap();
    assert_eq!(goita["rule"], "known-variant");
    assert_eq!(goita["replacement"], "Assimi Goïta");
    assert_eq!(goita["fix"], "safe");
    assert!(
        goita["before"].as_str().unwrap().ends_with("Mali, "),
        "{goita}"
    );
}

#[test]
fn html_text_of_the_checked_files_cannot_end_the_script_or_inject_markup() {
    let dir = tempfile::tempdir().unwrap();
    let text = "</script><script>alert(1)</script> <!-- Qasimi Quetta & <b>\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let glossary = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("glossaries/sahel.toml");
    let out = Command::cargo_bin("glosslint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "a.txt", "--lang", "en", "--format", "html", "-g"])
        .arg(&glossary)
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    // Two script elements of the page's own, and no other.
    assert_eq!(out.matches("<script").count(), 2, "{out}");
    assert!(!out.contains("alert(1)</script>"));
    assert!(out.contains("\\u003c/script>\\u003cscript>alert(1)"));
}
