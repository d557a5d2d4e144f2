//! Replays every input of the fuzz targets' seeds, corpora and regressions (fuzz/) through
//! the functions the targets run (`glosslint::fuzzing`), with their invariants: what the
//! fuzzers found stays fixed, without a fuzzer or the nightly toolchain.

use glosslint::formats::Format;
use glosslint::fuzzing;
use std::path::Path;

fn run(target: &str, data: &[u8]) {
    let format = |f| fuzzing::extract(f, data);
    match target {
        "format_text" => format(Format::Text),
        "format_markdown" => format(Format::Markdown),
        "format_html" => format(Format::Html),
        "format_po" => format(Format::Po),
        "format_xliff" => format(Format::Xliff),
        "format_json" => format(Format::Json),
        "format_srt" => format(Format::Srt),
        "format_vtt" => format(Format::Vtt),
        "format_tmx" => format(Format::Tmx),
        "format_csv" => format(Format::Csv),
        "format_tsv" => format(Format::Tsv),
        "check_fix" => fuzzing::check_and_fix(data),
        "glossary_toml" => fuzzing::glossary_toml(data),
        "import_tbx" => fuzzing::exchange(0, data),
        "import_csv" => fuzzing::exchange(1, data),
        "import_json" => fuzzing::exchange(3, data),
        "encoding" => fuzzing::encoding(data),
        "compiled" => fuzzing::compiled(data),
        other => panic!("fuzz/{other}: no such target; add it here and in fuzz/Cargo.toml"),
    }
}

#[test]
fn every_seed_corpus_and_regression_input_holds_its_invariants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let targets: Vec<String> = std::fs::read_dir(root.join("fuzz_targets"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            p.file_stem().unwrap().to_string_lossy().to_string()
        })
        .collect();
    assert_eq!(targets.len(), 18, "{targets:?}");
    // FUZZ_TARGETS=check_fix,import_csv replays those targets' inputs alone.
    let only = std::env::var("FUZZ_TARGETS").ok();
    let wanted = |t: &str| only.as_deref().is_none_or(|o| o.split(',').any(|x| x == t));
    let mut inputs = 0;
    for target in targets.iter().filter(|t| wanted(t)) {
        for folder in ["seeds", "corpus", "regressions"] {
            let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                // A fuzzer running meanwhile replaces corpus files with smaller ones.
                let Ok(data) = std::fs::read(&path) else {
                    continue;
                };
                let outcome = std::panic::catch_unwind(|| run(target, &data));
                assert!(outcome.is_ok(), "{target}: {} fails", path.display());
                inputs += 1;
            }
        }
    }
    assert!(inputs >= 60 || only.is_some(), "{inputs} inputs");
}

/// The compiled target's seeds, made afresh: a compiled glossary and two indexes, which read
/// back whole (the target's refusals are then mutations, not a stale layout).
#[test]
fn compiled_seeds_read_back() {
    use glosslint::glossary::{aligned_copy, CompiledGlossary, Entries, Index};
    use std::sync::Arc;
    let seeds = fuzzing::compiled_seeds();
    assert_eq!(seeds.len(), 3);
    let g = CompiledGlossary::read(aligned_copy(&seeds[0][1..])).expect("the glossary reads");
    let g = Arc::new(g.to_glossary().expect("every entry decodes"));
    assert!(
        g.entries.iter().any(|e| e.id == "takuba"),
        "{:?}",
        g.entries.len()
    );
    let entries = Arc::new(Entries::from(g));
    for seed in &seeds[1..] {
        assert_eq!(seed[0], 1);
        Index::read(aligned_copy(&seed[1..]), Arc::clone(&entries)).expect("the index reads");
        fuzzing::compiled(seed);
    }
    // A seed cut short is refused, not a panic.
    for seed in &seeds {
        fuzzing::compiled(&seed[..seed.len() / 2]);
    }
}
