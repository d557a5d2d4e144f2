//! Which files a run checks, and reading them as text.

use glosslint::encoding::{self, DecodeError, Decoded, Rejected};
use glosslint::formats::Format;
use glosslint::report::FileError;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    /// A file named on the command line, checked whatever its extension.
    Named(PathBuf),
    /// A file found by walking a folder.
    Found(PathBuf),
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::Named(p) | Input::Found(p) => p.display().to_string(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::Named(p) | Input::Found(p) => Some(p),
        }
    }
}

/// How folders are walked.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Only files matching one of these globs (all files when empty).
    pub include: Vec<String>,
    /// Never files matching one of these globs.
    pub exclude: Vec<String>,
    /// Also hidden files and folders.
    pub hidden: bool,
    /// Follow symbolic links.
    pub follow: bool,
}

/// Expands the command line's paths into inputs: `-` is standard input, a folder is walked
/// (honouring `.gitignore`, `.ignore` and the globs, skipping hidden files and not following
/// links unless asked, keeping files of the formats glosslint reads, in sorted order), a file
/// is itself. Paths that do not exist become errors, and the run goes on.
pub fn collect(paths: &[PathBuf], walk: &WalkOptions, errors: &mut Vec<FileError>) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let mut overrides = ignore::overrides::OverrideBuilder::new(path);
            let globs = walk
                .include
                .iter()
                .cloned()
                .chain(walk.exclude.iter().map(|g| format!("!{g}")));
            for glob in globs {
                if let Err(e) = overrides.add(&glob) {
                    errors.push(FileError::new(glob.clone(), format!("bad glob: {e}")));
                }
            }
            let overrides = match overrides.build() {
                Ok(o) => o,
                Err(e) => {
                    errors.push(FileError::new(path.display().to_string(), e.to_string()));
                    continue;
                }
            };
            let walker = ignore::WalkBuilder::new(path)
                .hidden(!walk.hidden)
                .follow_links(walk.follow)
                .overrides(overrides)
                .sort_by_file_name(|a, b| a.cmp(b))
                .build();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        let p = e.into_path();
                        if Format::from_path(&p).is_some() {
                            inputs.push(Input::Found(p));
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        errors.push(FileError::new(path.display().to_string(), e.to_string()))
                    }
                }
            }
        } else {
            match std::fs::metadata(path) {
                Ok(_) => inputs.push(Input::Named(path.clone())),
                Err(e) => errors.push(FileError::new(
                    path.display().to_string(),
                    missing(path, &e),
                )),
            }
        }
    }
    inputs
}

/// Why `path` cannot be opened, in words: a link that points nowhere or at itself is not
/// "no such file".
fn missing(path: &Path, error: &std::io::Error) -> String {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match (is_link, error.kind()) {
        (true, std::io::ErrorKind::NotFound) => match std::fs::read_link(path) {
            Ok(target) => format!(
                "a symbolic link to {}, which does not exist",
                target.display()
            ),
            Err(_) => "a symbolic link that cannot be read".to_string(),
        },
        (true, _) => format!("a symbolic link that cannot be followed ({error})"),
        (false, std::io::ErrorKind::NotFound) => "no such file or folder".to_string(),
        (false, _) => format!("cannot read: {error}"),
    }
}

/// Decodes file bytes as text: UTF-8 (a byte order mark kept in the text), or UTF-16 with
/// its mark (see [`glosslint::encoding`]). Anything else is refused with an error that says
/// where and what to do.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, FileError> {
    decode_as(path, bytes, false).map(|d| d.text)
}

/// [`decode`], keeping the encoding to write the file back in; `xml`: the file's XML
/// declaration must name its encoding. A file that is not UTF-8 is named with the legacy
/// encoding it looks like, in the command that converts it.
pub fn decode_as(path: &str, bytes: Vec<u8>, xml: bool) -> Result<Decoded, FileError> {
    encoding::decode(bytes, xml).map_err(|Rejected { error, bytes }| {
        let mut message = error.to_string();
        if let DecodeError::NotUtf8 { .. } = error {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(&bytes, true);
            let guess = detector.guess(None, chardetng::Utf8Detection::Deny).name();
            let (from, to) = (shell_quoted(path), shell_quoted(&format!("{path}.utf8")));
            message = format!(
                "{message}; it looks like {guess}: convert it with `iconv -f {guess} -t UTF-8 {from} > {to}`, check, and replace it"
            );
        }
        let e = FileError::new(path, message);
        match error.position() {
            Some((line, column)) => e.at(line, column),
            None => e,
        }
    })
}

/// `s` as one word for a POSIX shell.
fn shell_quoted(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._/-+:,".contains(&b))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legacy_encoding_is_named_with_the_command_that_converts_it() {
        // Real French in Windows-1252: the accents are single bytes.
        let latin = b"Le pr\xE9sident de la transition a re\xE7u les d\xE9l\xE9gations \xE0 Bamako, pr\xE8s du fleuve.\n".to_vec();
        let err = decode("notes/fr.txt", latin).unwrap_err();
        assert_eq!((err.line, err.column), (Some(1), Some(6)));
        assert!(
            err.message.starts_with("not UTF-8 (byte 0xE9)")
                && err.message.contains("it looks like windows-1252: convert it with `iconv -f windows-1252 -t UTF-8 notes/fr.txt > notes/fr.txt.utf8`"),
            "{}",
            err.message
        );
        // Russian in windows-1251.
        let cyrillic = b"\xcf\xf0\xe5\xe7\xe8\xe4\xe5\xed\xf2 \xcc\xe0\xeb\xe8 \xe2\xfb\xf1\xf2\xf3\xef\xe8\xeb \xe2 \xc1\xe0\xec\xe0\xea\xee.\n".to_vec();
        let err = decode("ru.txt", cyrillic).unwrap_err();
        assert!(
            err.message.contains("it looks like windows-1251"),
            "{}",
            err.message
        );
    }

    #[test]
    fn paths_in_commands_are_quoted_for_the_shell() {
        assert_eq!(shell_quoted("po/fr.po"), "po/fr.po");
        assert_eq!(
            shell_quoted("my notes/l'été.txt"),
            "'my notes/l'\\''été.txt'"
        );
    }

    #[test]
    fn binary_is_refused_and_utf16_and_bom_are_read() {
        let err = |bytes: Vec<u8>| decode("t", bytes).unwrap_err().message;
        assert!(err(vec![b'M', 0, 0, 0, b'x']).contains("binary"));
        assert_eq!(decode("t", vec![0xFF, 0xFE, b'M', 0]).unwrap(), "\u{FEFF}M");
        let bom = "\u{FEFF}Mali".as_bytes().to_vec();
        assert_eq!(decode("t", bom).unwrap(), "\u{FEFF}Mali");
    }
}
