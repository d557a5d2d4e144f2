//! Writing fixed files atomically: a temporary file in the same folder, the original's
//! permissions, then a rename over the original. A crash, a full disk or a signal leaves the
//! old file or the new one, never half of either, and no temporary file.
//!
//! A file that `--fix` rewrites is replaced only if it is still what was read. Before the
//! rename, the file is locked (an advisory lock, which every glosslint run takes), checked to
//! be the same file at the same path, and read again: a file another program changed,
//! truncated, appended to, replaced or deleted since it was read is left as it is, and the
//! error says so. Two glosslint runs fixing the same files at once never both write one:
//! the first replaces it, the second finds it changed. (A program that takes no lock and
//! writes in the instant between the last read and the rename is not seen.)

use super::interrupt;
use anyhow::Context;
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

/// Writes `contents` to `path` whole or not at all; errors name the path.
pub fn write_atomically(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    write_checked(path, contents, None).with_context(|| path.display().to_string())
}

/// Replaces the file at `path`, read as `original`, with `contents`, unless it changed on
/// disk since it was read (see the module's documentation); a file that is read-only is not
/// replaced either. Errors say what happened to the file, not its name, which the caller
/// reports with them.
pub fn replace_if_unchanged(path: &Path, original: &[u8], contents: &[u8]) -> anyhow::Result<()> {
    write_checked(path, contents, Some(original))
}

/// How often the lock is taken again when the file at the path was replaced meanwhile.
const TRIES: usize = 8;

fn write_checked(path: &Path, contents: &[u8], original: Option<&[u8]>) -> anyhow::Result<()> {
    // Through a symbolic link, the file it points to is rewritten, and the link stays.
    let path = &std::fs::canonicalize(path).map_err(|e| gone_or(e, "resolving it"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)
        .map_err(|e| gone_or(e, "reading its permissions"))?
        .permissions();
    if original.is_some() && permissions.readonly() {
        anyhow::bail!("read-only, so left as it is (make it writable to fix it)");
    }
    if interrupt::interrupted() {
        anyhow::bail!("interrupted before it was written; left as it is");
    }
    let left = |what: String, e: std::io::Error| {
        anyhow::anyhow!("left as it is: {what} ({})", describe(&e))
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".glosslint-")
        .tempfile_in(dir)
        .map_err(|e| {
            left(
                format!("no temporary file can be made in {}", dir.display()),
                e,
            )
        })?;
    let _registered = interrupt::Registered::new(tmp.path());
    // On the file itself: its errors are the system's, without the temporary name.
    let file = tmp.as_file_mut();
    file.write_all(contents)
        .and_then(|_| file.sync_all())
        .map_err(|e| {
            left(
                format!("its new text cannot be written in {}", dir.display()),
                e,
            )
        })?;
    std::fs::set_permissions(tmp.path(), permissions)
        .map_err(|e| left("its permissions cannot be copied".to_string(), e))?;
    // Held until the rename is done: another glosslint run waits, then finds the file
    // changed.
    let _lock = match original {
        Some(original) => Some(lock_unchanged(path, original)?),
        None => None,
    };
    tmp.persist(path)
        .map_err(|e| left("it cannot be replaced".to_string(), e.error))?;
    // The rename is durable once the folder is: a crash after this keeps the new file.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Locks the file at `path` and checks that it is still `original`; returns the locked
/// file, to hold until it is replaced.
fn lock_unchanged(path: &Path, original: &[u8]) -> anyhow::Result<File> {
    let changed =
        || anyhow::anyhow!("changed on disk while it was checked; left as it is: run again");
    for _ in 0..TRIES {
        let mut file = File::open(path).map_err(|e| gone_or(e, "opening it"))?;
        file.lock().context("locking it")?;
        // Another run may have renamed a new file into place while this one waited.
        if !same_file(&file, path) {
            continue;
        }
        let mut now = Vec::with_capacity(original.len());
        file.read_to_end(&mut now).context("reading it again")?;
        if now != original {
            return Err(changed());
        }
        return Ok(file);
    }
    Err(changed())
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}

/// An I/O error in words, without the temporary file's name (which no longer exists).
fn describe(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // tempfile names the temporary file, which is gone: the system's words only.
    let text = e.to_string();
    let cause = text.split(" at path ").next().unwrap_or(&text);
    match e.kind() {
        ErrorKind::StorageFull => format!("the disk is full: {cause}"),
        ErrorKind::QuotaExceeded => format!("the disk quota is used up: {cause}"),
        ErrorKind::FileTooLarge => format!("over the file size limit: {cause}"),
        _ => cause.to_string(),
    }
}

/// A file that is no longer there is said so; any other error keeps its cause.
fn gone_or(e: std::io::Error, doing: &str) -> anyhow::Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        anyhow::anyhow!("deleted or moved while it was checked; nothing was written")
    } else {
        anyhow::Error::new(e).context(doing.to_string())
    }
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
            e.to_string() == "changed on disk while it was checked; left as it is: run again",
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
