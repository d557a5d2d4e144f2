//! Inputs that were once quadratic, each at two or three sizes a factor of four apart: time
//! that grows four times per step is linear. HTML with many raw-text tags, a text with
//! thousands of demonyms under a document-wide context condition, one long line dense with
//! findings (checked and rendered as JSON), and glossary maintenance at scale (`glossary lint`
//! and TBX import). Run with `cargo bench --bench linear`.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use glosslint::check::{check, CheckOptions};
use glosslint::formats::{Format, FormatOptions};
use glosslint::glossary::{Glossary, Index};
use glosslint::maintain::{from_tbx, lint, to_tbx, LintOptions};
use glosslint::report::{render_json, FileReport};
use std::sync::Arc;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn sahel(lang: &str) -> Index {
    let g = Glossary::from_toml("sahel.toml", include_str!("../glossaries/sahel.toml")).unwrap();
    Index::new(Arc::new(g), lang)
}

fn builtin(lang: &str) -> Index {
    let mut loader = glosslint::glossary::Loader::new();
    loader.add_builtin(
        glosslint::glossary::builtin::WORLD_PATH,
        glosslint::glossary::builtin::WORLD,
    );
    Index::new(Arc::new(loader.finish().unwrap()), lang)
}

/// `tags` `<code>` elements in one paragraph: the reader once lower-cased the rest of the
/// file at each of them.
#[divan::bench(args = [20_000, 80_000])]
fn html_raw_text_tags(bencher: Bencher, tags: usize) {
    let html = format!("<p>{}</p>", "<code>x</code> texte ".repeat(tags));
    bencher
        .counter(BytesCount::of_str(&html))
        .bench(|| Format::Html.extract(black_box(&html), &FormatOptions::default()));
}

/// `lines` lines that each mention two countries and their demonyms: every demonym is judged
/// by a document-wide condition, once scanned for each of them.
#[divan::bench(args = [2_500, 10_000])]
fn context_many_mentions(bencher: Bencher, lines: usize) {
    let index = builtin("en");
    let text = "The Canadian team met the Italian press in Canada and Italy.\n".repeat(lines);
    let options = CheckOptions::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| check(&index, black_box(&text), &options));
}

/// One line of `bytes` with three findings every 50 bytes, checked and rendered as JSON:
/// overlap resolution and columns were once quadratic in the findings of a line.
#[divan::bench(args = [250_000, 1_000_000, 4_000_000])]
fn long_line_with_findings(bencher: Bencher, bytes: usize) {
    let index = sahel("fr");
    let sentence = "Le chef Qasimi Quetta et la force Takoba au Mali. ";
    let text = sentence.repeat(bytes / sentence.len());
    let options = CheckOptions::default();
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let findings = check(&index, black_box(&text), &options);
        let report = FileReport {
            path: "line.txt",
            lang: "fr",
            lang_source: "flag",
            text: &text,
            findings: &findings,
        };
        let mut out = Vec::new();
        render_json(&mut out, &[report], &[]).unwrap();
        out.len()
    });
}

/// A glossary of `entities` people whose names share parts ("Kamilo Tara", "Tara Selo", ...),
/// as TOML.
fn people(entities: usize) -> String {
    const PARTS: &[&str] = &[
        "Kamilo", "Tara", "Selo", "Buno", "Diga", "Hazu", "Povi", "Wesa", "Kori", "Netu",
    ];
    let mut toml = String::new();
    for i in 0..entities {
        let given = PARTS[i % PARTS.len()];
        let family = format!("{}{}", PARTS[(i / PARTS.len()) % PARTS.len()], i);
        toml.push_str(&format!(
            "[[entry]]\nid = \"p{i}\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"{given} {family}\"\nvariants = [\"{given} {family}a\"]\n\n"
        ));
    }
    toml
}

/// `glossary lint` of `entities` entries: the shadowing check once compared every pair.
#[divan::bench(args = [2_000, 8_000, 32_000], max_time = 20)]
fn glossary_lint(bencher: Bencher, entities: usize) {
    let g = Glossary::from_toml("people.toml", &people(entities)).unwrap();
    let options = LintOptions::default();
    bencher.bench(|| lint(black_box(&g), &options).len());
}

/// TBX import of `entities` concepts: each term once searched every entry so far.
#[divan::bench(args = [2_000, 8_000, 32_000], max_time = 20)]
fn tbx_import(bencher: Bencher, entities: usize) {
    let g = Glossary::from_toml("people.toml", &people(entities)).unwrap();
    let tbx = to_tbx(&g, "en");
    bencher
        .counter(BytesCount::of_str(&tbx))
        .bench(|| from_tbx(black_box(&tbx)).unwrap().entries.len());
}
