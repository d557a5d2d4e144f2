//! Stage benchmarks on a generated glossary and corpus: glossary load (TOML parse and
//! validation), index build, compiling both and reading them back in place (as a cached run
//! does), checking throughput with exact rules only and with every rule, and fixing. Run
//! with `cargo bench --bench pipeline`.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use glosslint::check::{check, CheckOptions};
use glosslint::finding::{Applicability, Rule};
use glosslint::fix::apply_fixes;
use glosslint::glossary::{
    aligned_copy, compile_glossary, CompiledGlossary, Entries, Glossary, Index, Loader,
};
use std::fmt::Write;
use std::sync::Arc;

/// The allocator the binary uses, so that stages cost what they cost in a run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// Loads a glossary as `glosslint check` does: without form places, which only glossary
/// maintenance reads.
fn load(toml: &str) -> Glossary {
    let mut loader = Loader::new();
    loader.skip_places();
    loader.add_source("bench.toml", toml);
    loader.finish().unwrap()
}

/// A small deterministic generator (xorshift64*), so every run measures the same input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ta", "ra", "bu", "se", "no", "di", "gu", "ha", "ze", "po", "vi", "we", "sa",
    "ko", "ri", "ne", "tu", "ma", "do", "li", "fa", "go", "pe", "zu", "ya", "be", "hi",
];

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "for",
    "on",
    "with",
    "as",
    "was",
    "by",
    "said",
    "government",
    "forces",
    "military",
    "president",
    "minister",
    "country",
    "region",
    "security",
    "withdrawal",
    "agreement",
    "after",
    "before",
    "while",
    "during",
    "against",
    "troops",
    "border",
    "capital",
    "announced",
    "reported",
    "according",
    "officials",
    "army",
];

struct Synthetic {
    toml: String,
    /// Correct names and one wrong variant per entity, for the corpus.
    names: Vec<(String, String)>,
}

fn name(rng: &mut Rng) -> String {
    let words = 1 + rng.below(3);
    let mut out = Vec::new();
    for _ in 0..words {
        let mut w = String::new();
        for _ in 0..2 + rng.below(3) {
            w.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
        }
        let mut c = w.chars();
        let first = c.next().unwrap().to_ascii_uppercase();
        out.push(format!("{first}{}", c.as_str()));
    }
    out.join(" ")
}

/// A vowel drifted, as machine translation does.
fn drift(name: &str, rng: &mut Rng) -> String {
    let vowels: Vec<usize> = name
        .char_indices()
        .filter(|(i, c)| *i > 0 && "aeiou".contains(*c))
        .map(|(i, _)| i)
        .collect();
    let at = vowels[rng.below(vowels.len())];
    let old = name.as_bytes()[at] as char;
    let new = if old == 'o' { 'u' } else { 'o' };
    format!("{}{new}{}", &name[..at], &name[at + 1..])
}

fn glossary(entities: usize) -> Synthetic {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut toml = String::new();
    let mut names = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while names.len() < entities {
        let canonical = name(&mut rng);
        let variant = drift(&canonical, &mut rng);
        if !seen.insert(canonical.to_lowercase()) || !seen.insert(variant.to_lowercase()) {
            continue;
        }
        let i = names.len();
        writeln!(
            toml,
            "[[entry]]\nid = \"e{i}\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"{canonical}\"\nvariants = [\"{variant}\"]\n"
        )
        .unwrap();
        names.push((canonical, variant));
    }
    Synthetic { toml, names }
}

/// About `bytes` of news-like text: ordinary words, one name in 25 words, one wrong variant
/// in 250.
fn corpus(names: &[(String, String)], bytes: usize) -> String {
    let mut rng = Rng(42);
    let mut text = String::with_capacity(bytes + 100);
    let mut words_in_sentence = 0;
    while text.len() < bytes {
        let roll = rng.below(250);
        let (correct, wrong) = &names[rng.below(names.len())];
        let word = match roll {
            0 => wrong.as_str(),
            1..=10 => correct.as_str(),
            _ => WORDS[rng.below(WORDS.len())],
        };
        text.push_str(word);
        words_in_sentence += 1;
        if words_in_sentence > 18 && rng.below(4) == 0 {
            text.push_str(".\n");
            words_in_sentence = 0;
        } else {
            text.push(' ');
        }
    }
    text
}

const CORPUS_BYTES: usize = 1 << 20;

#[divan::bench(args = [1_000, 10_000, 100_000], max_time = 20)]
fn load_glossary(bencher: Bencher, entities: usize) {
    let g = glossary(entities);
    bencher
        .counter(BytesCount::of_str(&g.toml))
        .bench(|| load(black_box(&g.toml)));
}

#[divan::bench(args = [1_000, 10_000, 100_000], max_time = 20)]
fn build_index(bencher: Bencher, entities: usize) {
    let g = glossary(entities);
    let loaded = Arc::new(load(&g.toml));
    bencher.bench(|| Index::new(Arc::clone(&loaded), "en"));
}

#[divan::bench(args = [1_000, 10_000, 100_000], max_time = 20)]
fn compile_glossary_and_index(bencher: Bencher, entities: usize) {
    let g = glossary(entities);
    let loaded = Arc::new(load(&g.toml));
    let index = Index::new(Arc::clone(&loaded), "en");
    bencher.bench(|| {
        let entries = compile_glossary(&loaded, Vec::new()).unwrap();
        (entries, index.compile(Vec::new()).unwrap())
    });
}

/// What a cached run does before checking: read the compiled glossary and index in place.
#[divan::bench(args = [1_000, 10_000, 100_000], max_time = 20)]
fn read_compiled_index(bencher: Bencher, entities: usize) {
    let g = glossary(entities);
    let loaded = Arc::new(load(&g.toml));
    let index = Index::new(Arc::clone(&loaded), "en");
    let entries = aligned_copy(&compile_glossary(&loaded, Vec::new()).unwrap());
    let compiled = aligned_copy(&index.compile(Vec::new()).unwrap());
    bencher.bench(|| {
        let entries = Entries::Compiled(CompiledGlossary::read(Arc::clone(&entries)).unwrap());
        Index::read(Arc::clone(&compiled), Arc::new(entries)).unwrap()
    });
}

fn scan(bencher: Bencher, entities: usize, rules: Vec<Rule>) {
    let g = glossary(entities);
    let loaded = Arc::new(load(&g.toml));
    let index = Index::new(loaded, "en");
    let text = corpus(&g.names, CORPUS_BYTES);
    let options = CheckOptions {
        rules,
        ..CheckOptions::default()
    };
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| check(&index, black_box(&text), &options));
}

/// Every rule but near-miss: one automaton pass and the verdicts.
#[divan::bench(args = [1_000, 10_000, 100_000], max_time = 20)]
fn check_exact_rules(bencher: Bencher, entities: usize) {
    let rules = Rule::ALL
        .into_iter()
        .filter(|r| *r != Rule::NearMiss)
        .collect();
    scan(bencher, entities, rules);
}

#[divan::bench(args = [1_000, 10_000, 100_000], max_time = 20)]
fn check_all_rules(bencher: Bencher, entities: usize) {
    scan(bencher, entities, Rule::ALL.to_vec());
}

#[divan::bench(args = [10_000])]
fn fix_safe(bencher: Bencher, entities: usize) {
    let g = glossary(entities);
    let loaded = Arc::new(load(&g.toml));
    let index = Index::new(loaded, "en");
    let text = corpus(&g.names, CORPUS_BYTES);
    let options = CheckOptions::default();
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        apply_fixes(black_box(&text), Applicability::Safe, |t| {
            check(&index, t, &options)
        })
    });
}

/// Start-up cost of the built-in world glossary: parse and validate.
#[divan::bench]
fn load_builtin_glossary(bencher: Bencher) {
    use glosslint::glossary::{builtin, Loader};
    bencher.bench(|| {
        let mut loader = Loader::new();
        loader.add_builtin(builtin::WORLD_PATH, builtin::WORLD);
        loader.finish().unwrap()
    });
}

/// Start-up cost of the built-in world glossary: the English index.
#[divan::bench]
fn build_builtin_index(bencher: Bencher) {
    use glosslint::glossary::{builtin, Loader};
    let mut loader = Loader::new();
    loader.add_builtin(builtin::WORLD_PATH, builtin::WORLD);
    let g = Arc::new(loader.finish().unwrap());
    bencher.bench(|| Index::new(Arc::clone(&g), "en"));
}
