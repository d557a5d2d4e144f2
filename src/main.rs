//! The `glosslint` binary: parse arguments, run, map the outcome to an exit code.
//! 0: clean; 1: findings; 2: an error (a file, glossary or configuration that could not be
//! used, or bad arguments).

// One unsafe call, allowed where it is made: mapping cache files (see `cli::cache`).
#![deny(unsafe_code)]

mod cli;

use std::process::ExitCode;

/// Building a large glossary's index makes millions of small allocations; mimalloc does them
/// several times faster than the system allocator (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            if cli::is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("glosslint: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
