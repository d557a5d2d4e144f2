//! Which files a run checks, and reading them as text.

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

/// Decodes file bytes as UTF-8 text. A byte order mark is kept in the text (the checker
/// ignores it, and fixes write it back untouched). Anything else is refused with an error
/// that says where and what to do.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, FileError> {
    decode_text(bytes).map_err(|(at, message)| {
        let e = FileError::new(path, message);
        match at {
            Some((line, column)) => e.at(line, column),
            None => e,
        }
    })
}

type DecodeError = (Option<(usize, usize)>, String);

fn decode_text(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((
            None,
            "the file is UTF-16, which glosslint does not read yet; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)"
                .to_string(),
        ));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err((
            None,
            "the file looks binary (it has NUL bytes); glosslint checks text".to_string(),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&bytes[..at]).expect("valid prefix");
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        let message = format!(
            "invalid UTF-8 (byte 0x{:02X}); glosslint reads UTF-8 text: convert the file (iconv -f LATIN1 -t UTF-8, say)",
            bytes[at]
        );
        (Some((line, column)), message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = decode("t.txt", b"Mali\nla r\xE9gion".to_vec()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.txt:2:5: invalid UTF-8 (byte 0xE9)"),
            "{err}"
        );
    }

    #[test]
    fn utf16_and_binary_are_refused_and_bom_is_kept() {
        let err = |bytes: Vec<u8>| decode("t", bytes).unwrap_err().message;
        assert!(err(vec![0xFF, 0xFE, b'M', 0]).contains("UTF-16"));
        assert!(err(vec![b'M', 0, b'x']).contains("binary"));
        let bom = "\u{FEFF}Mali".as_bytes().to_vec();
        assert_eq!(decode("t", bom).unwrap(), "\u{FEFF}Mali");
    }
}
