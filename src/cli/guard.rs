//! Isolating files from each other: a bug that panics while one file is read, parsed,
//! checked or fixed becomes that file's error, and the run goes on with the others (and ends
//! with exit code 2). The panic's message and place are kept for the report, so that a user
//! can file it; nothing is printed in the middle of the report when it happens.

use glosslint::report::FileError;
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// Where the last panic on this thread happened, set by the hook of [`install`].
    static PLACE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the panic hook for the rest of the process: a panic's place is remembered for
/// [`isolate`] instead of printed. `GLOSSLINT_BACKTRACE=1` keeps the default hook, for
/// debugging.
pub fn install() {
    if std::env::var_os("GLOSSLINT_BACKTRACE").is_some() {
        return;
    }
    panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        PLACE.with(|p| *p.borrow_mut() = place);
    }));
}

/// Runs `work` for the file shown as `display`; a panic inside becomes that file's error.
pub fn isolate<T>(
    display: &str,
    work: impl FnOnce() -> Result<T, FileError>,
) -> Result<T, FileError> {
    // The work owns or borrows only what this one file needs; after a panic nothing of it is
    // used again, so no broken state can leak into another file.
    panic::catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".to_string());
        let place = PLACE.with(|p| p.borrow_mut().take());
        let place = place.map(|p| format!(" at {p}")).unwrap_or_default();
        Err(FileError::new(
            display,
            format!(
                "internal error, file not checked ({what}{place}); the other files were; please report this with the file"
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_files_error() {
        install();
        let r: Result<(), FileError> = isolate("a.html", || panic!("slice at byte 12"));
        let e = r.unwrap_err();
        assert_eq!(e.path, "a.html");
        assert!(
            e.message.starts_with(
                "internal error, file not checked (slice at byte 12 at src/cli/guard.rs:"
            ),
            "{}",
            e.message
        );
        assert_eq!(isolate("b.html", || Ok(3)).unwrap(), 3);
    }
}
