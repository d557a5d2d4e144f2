//! Makes the hash table of each lexicon (`lexicons/LANG.txt`) when the crate is built, so
//! that a run reads it in place instead of hashing tens of thousands of words first (see
//! `src/text/lexicon_table.rs`).

#[allow(dead_code)] // the crate reads the tables, this script only makes them
#[path = "src/text/lexicon_table.rs"]
mod lexicon_table;

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=lexicons");
    println!("cargo::rerun-if-changed=src/text/lexicon_table.rs");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut files: Vec<_> = std::fs::read_dir("lexicons")
        .expect("the lexicons folder is readable")
        .map(|e| e.expect("the lexicons folder is readable").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for path in files {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            !text.contains('\r'),
            "{}: a lexicon has one word per line, ended by LF only",
            path.display()
        );
        let name = path.file_stem().expect("a file name").to_string_lossy();
        std::fs::write(
            Path::new(&out).join(format!("{name}.lexicon")),
            lexicon_table::build(&text),
        )
        .expect("OUT_DIR is writable");
    }
}
