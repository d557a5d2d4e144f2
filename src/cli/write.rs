//! Writing fixed files atomically: a temporary file in the same folder, the original's
//! permissions, then a rename over the original. A crash leaves the old file or the new one,
//! never half of either.

use anyhow::Context;
use std::io::Write;
use std::path::Path;

pub fn write_atomically(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    write_checked(path, contents, None)
}

/// Replaces the file at `path`, read as `original`, with `contents`, unless it changed on
/// disk since it was read (another program wrote or appended to it): then it is left alone
/// and the error says so. The file is read again just before the rename.
pub fn replace_if_unchanged(path: &Path, original: &[u8], contents: &[u8]) -> anyhow::Result<()> {
    write_checked(path, contents, Some(original))
}

fn write_checked(path: &Path, contents: &[u8], original: Option<&[u8]>) -> anyhow::Result<()> {
    // Through a symbolic link, the file it points to is rewritten, and the link stays.
    let path =
        &std::fs::canonicalize(path).with_context(|| format!("resolving {}", path.display()))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)
        .with_context(|| format!("reading the permissions of {}", path.display()))?
        .permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".glosslint-")
        .tempfile_in(dir)
        .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
    tmp.write_all(contents)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("writing a temporary file in {}", dir.display()))?;
    std::fs::set_permissions(tmp.path(), permissions)
        .with_context(|| format!("copying permissions for {}", path.display()))?;
    if let Some(original) = original {
        let now =
            std::fs::read(path).with_context(|| format!("reading {} again", path.display()))?;
        if now != original {
            anyhow::bail!(
                "{} changed on disk while it was checked; it was left as it is: run again",
                path.display()
            );
        }
    }
    tmp.persist(path)
        .with_context(|| format!("replacing {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Takoba\nappended by another program\n").unwrap();
        let e = replace_if_unchanged(&path, b"Takoba\n", b"Takuba\n").unwrap_err();
        assert!(
            e.to_string()
                .ends_with("changed on disk while it was checked; it was left as it is: run again"),
            "{e}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "Takoba\nappended by another program\n"
        );
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        replace_if_unchanged(&path, b"Takoba\nappended by another program\n", b"Takuba\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "Takuba\n");
    }
}
