//! Writing fixed files atomically: a temporary file in the same folder, the original's
//! permissions, then a rename over the original. A crash leaves the old file or the new one,
//! never half of either.

use anyhow::Context;
use std::io::Write;
use std::path::Path;

pub fn write_atomically(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
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
    tmp.persist(path)
        .with_context(|| format!("replacing {}", path.display()))?;
    Ok(())
}
