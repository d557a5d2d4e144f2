//! Stopping on Ctrl-C (SIGINT), SIGTERM and SIGHUP without leaving anything behind.
//!
//! A run that only reads stops at once (exit code 130). A run that fixes files in place
//! ([`writing`]) stops starting files: the files whose new text is being written are
//! finished (each write is a temporary file renamed over the original, so that a file is
//! always either as it was or as fixed), the others are left as they were, the report says
//! what was done, and the exit code is 130. A second signal stops at once: the temporary
//! files being written are removed first, and no original is touched.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Exit code of a run stopped by a signal (128 + SIGINT, as shells report it).
pub const EXIT_CODE: u8 = 130;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static WRITING: AtomicBool = AtomicBool::new(false);
/// Temporary files being written now, removed when a second signal stops the run.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the handler, once per process. A handler that cannot be installed (another
/// one is there) leaves the default: the process stops, and atomic writes still never
/// leave a file half written.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if !WRITING.load(Ordering::SeqCst) || INTERRUPTED.swap(true, Ordering::SeqCst) {
            let temporary = TEMPORARY.lock().unwrap_or_else(|e| e.into_inner());
            for path in temporary.iter() {
                let _ = std::fs::remove_file(path);
            }
            eprintln!("glosslint: interrupted");
            std::process::exit(EXIT_CODE.into());
        }
        eprintln!(
            "glosslint: interrupted: finishing the files being written, no other file is changed (interrupt again to stop at once)"
        );
    });
}

/// From now on the run writes files: a signal lets the writes finish.
pub fn writing() {
    WRITING.store(true, Ordering::SeqCst);
}

/// Whether a signal asked the run to stop.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// A temporary file being written, known to the handler until this is dropped.
pub struct Registered(PathBuf);

impl Registered {
    pub fn new(path: &Path) -> Registered {
        TEMPORARY
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_path_buf());
        Registered(path.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut temporary = TEMPORARY.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = temporary.iter().position(|p| *p == self.0) {
            temporary.swap_remove(i);
        }
    }
}
