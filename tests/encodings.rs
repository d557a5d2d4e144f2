//! The encodings translation tools write: UTF-16 with its byte order mark read, checked and
//! written back as it was; XML declarations held to the bytes; legacy encodings named with
//! the command that converts them.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn glosslint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("glosslint").unwrap();
    let sahel = root().join("glossaries/sahel.toml");
    cmd.current_dir(dir)
        .env("GLOSSLINT_CACHE_DIR", "")
        .args(["check", "-g"])
        .arg(sahel);
    cmd
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

const SRT: &str = "1\r\n00:00:01,000 --> 00:00:04,000\r\nLe chef de la junte, Qasimi Quetta, a parlé.\r\n\r\n2\r\n00:00:04,500 --> 00:00:06,000\r\nLa force Takuba quitte le Mali.\r\n";

#[test]
fn a_utf16_subtitle_file_is_checked_and_fixed_in_utf16_with_its_mark_and_line_ends() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("episode.fr.srt");
    fs::write(&path, utf16(SRT, true)).unwrap();
    let out = glosslint(dir.path())
        .args(["--lang", "fr", "--format", "concise", "episode.fr.srt"])
        .assert()
        .code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    // Lines and columns as the text has them (the mark takes no column).
    assert!(
        stdout.contains("episode.fr.srt:3:22: error [known-variant]"),
        "{stdout}"
    );
    glosslint(dir.path())
        .args(["--lang", "fr", "--fix", "episode.fr.srt"])
        .assert()
        .code(0);
    let fixed = SRT.replace("Qasimi Quetta", "Assimi Goïta");
    assert_eq!(fs::read(&path).unwrap(), utf16(&fixed, true));
    // Fixing again changes nothing.
    glosslint(dir.path())
        .args(["--lang", "fr", "--fix", "episode.fr.srt"])
        .assert()
        .code(0);
    assert_eq!(fs::read(&path).unwrap(), utf16(&fixed, true));
}

#[test]
fn a_utf16_big_endian_xliff_declaring_utf16_is_fixed_in_its_targets_only() {
    let xliff = r#"<?xml version="1.0" encoding="UTF-16"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="fr" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="1">
        <source>Assimi Goïta spoke in Bamako.</source>
        <target>Qasimi Quetta a parlé à Bamako.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"#;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("messages.xlf");
    fs::write(&path, utf16(xliff, false)).unwrap();
    glosslint(dir.path())
        .args(["--fix", "messages.xlf"])
        .assert()
        .code(0);
    let fixed = xliff.replace(
        "<target>Qasimi Quetta a parlé",
        "<target>Assimi Goïta a parlé",
    );
    assert_eq!(fs::read(&path).unwrap(), utf16(&fixed, false));
}

#[test]
fn standard_input_in_utf16_is_fixed_to_standard_output_in_utf16() {
    let dir = TempDir::new().unwrap();
    let text = "Le chef de la junte, Qasimi Quetta, a parlé.\n";
    let out = glosslint(dir.path())
        .args(["--lang", "fr", "--fix", "-"])
        .write_stdin(utf16(text, true))
        .assert()
        .code(0);
    assert_eq!(
        out.get_output().stdout,
        utf16(&text.replace("Qasimi Quetta", "Assimi Goïta"), true)
    );
}

#[test]
fn a_declaration_that_lies_is_an_error_with_its_place_and_the_other_files_are_checked() {
    let dir = TempDir::new().unwrap();
    // UTF-8 bytes that declare UTF-16.
    fs::write(
        dir.path().join("lies.xlf"),
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<xliff version=\"1.2\"/>\n",
    )
    .unwrap();
    // A legacy encoding, declared.
    fs::write(
        dir.path().join("legacy.tmx"),
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<tmx version=\"1.4\"><body/></tmx>\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("ok.fr.txt"),
        "Le chef de la junte, Qasimi Quetta, a parlé.\n",
    )
    .unwrap();
    let out = glosslint(dir.path())
        .args(["--format", "concise", "."])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("lies.xlf:1:30: the XML declaration says encoding=\"UTF-16\", but the file is UTF-8: correct the declaration"),
        "{stderr}"
    );
    assert!(
        stderr.contains("legacy.tmx:1:30: the XML declaration says encoding=\"ISO-8859-1\"; glosslint reads UTF-8 and UTF-16: convert it (iconv -f ISO-8859-1 -t UTF-8)"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("ok.fr.txt:1:22: error [known-variant]"),
        "{stdout}"
    );
}

#[test]
fn a_latin1_file_is_named_as_such_with_the_command_that_converts_it() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("notes.txt"),
        b"Le pr\xE9sident de la transition a re\xE7u les d\xE9l\xE9gations \xE0 Bamako.\n",
    )
    .unwrap();
    glosslint(dir.path())
        .arg("notes.txt")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "notes.txt:1:6: not UTF-8 (byte 0xE9); glosslint reads UTF-8 and UTF-16 with a byte order mark; it looks like windows-1252: convert it with `iconv -f windows-1252 -t UTF-8 notes.txt > notes.txt.utf8`",
        ));
    // UTF-16 without its mark is told apart from binary data.
    let bare: Vec<u8> = "Mali et Niger\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    fs::write(dir.path().join("bare.txt"), bare).unwrap();
    glosslint(dir.path())
        .arg("bare.txt")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "bare.txt: looks like UTF-16LE without a byte order mark; convert it to UTF-8 (iconv -f UTF-16LE -t UTF-8)",
        ));
}
