//! Names rendered part by part. A translation that keeps the words of a name and renders
//! the rest its own way gives a span that no spelling path reaches: the parts of a
//! person's name in another order ("Tri Andrew" for Andrew Tri), the particles translated
//! ("St. Michael auf Wyre" for St. Michael's on Wyre), or one word that names an entity
//! translated beside the others ("Statistik Norwegen" for Statistics Norway). Such a span
//! is compared with the glossary's names of as many words (particles aside), word against
//! word in the best order, and reported when every word pairs with one of the name's —
//! the same word (or an inflection of it), a cognate beside a translated entity, or the
//! same entity in another language — and the difference is one of those three. Two names
//! side by side ("Patt und Marry") are not one: particles are compared only where both
//! have them.

use super::{finding, joined_as_name, overlaps_recent, Candidate};
use crate::check::Document;
use crate::finding::Finding;
use crate::glossary::{bare_word as bare, is_name_particle, Kind, Role};
use crate::text::{cognate, fold_str, is_function_word_of, similarity, Token};

/// Words of a span, particles aside, at most: four words have 24 orders to try.
const MAX_PARTS: usize = 4;

/// Words of a span, particles included, at most.
const MAX_SPAN: usize = 6;

/// How a word of the span pairs with a word of the name.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pair {
    /// The same word, or an inflection of it.
    Same,
    /// Close in spelling or sharing a long beginning.
    Cognate,
    /// Both are forms of one entity, in two languages ("Norwegen", "Norway").
    Translated,
}

/// A word of the text, folded.
struct Part<'t> {
    folded: &'t str,
}

/// The words of a run of the text that may hold names, as the near-miss window passes
/// them: capitalised words and the particles between them, each with whether it starts
/// with a capital. Weighed run by run, so that a long file's words are never all held.
#[derive(Default)]
pub(super) struct Run {
    words: Vec<(Token, bool)>,
}

impl Run {
    /// Takes the next word of the text, weighing the run it ends, if it ends one, into
    /// `found` (the rule's findings so far, the run's last word's included).
    pub(super) fn push(
        &mut self,
        doc: &Document,
        word: (Token, bool),
        covered: &[(usize, usize)],
        found: &mut Vec<Finding>,
        min_confidence: f64,
    ) {
        let text = doc.folded.text.as_str();
        let (token, capital) = word;
        let particle = is_name_particle(&text[token.start..token.end]);
        let joins = self
            .words
            .last()
            .is_some_and(|(last, _)| joined(text, last, &token));
        if !joins {
            self.finish(doc, covered, found, min_confidence);
        }
        if capital || (particle && !self.words.is_empty()) {
            self.words.push(word);
        } else {
            self.finish(doc, covered, found, min_confidence);
        }
    }

    /// Weighs the run held so far, and starts a new one.
    pub(super) fn finish(
        &mut self,
        doc: &Document,
        covered: &[(usize, usize)],
        found: &mut Vec<Finding>,
        min_confidence: f64,
    ) {
        if self.words.len() >= 2 && doc.index.pieces().has_parts() {
            run(doc, &self.words, covered, found, min_confidence);
        }
        self.words.clear();
    }
}

/// The names that the spans of a run render part by part, into `found`.
fn run(
    doc: &Document,
    words: &[(Token, bool)],
    covered: &[(usize, usize)],
    found: &mut Vec<Finding>,
    min_confidence: f64,
) {
    let index = doc.index;
    let pieces = index.pieces();
    let text = doc.folded.text.as_str();
    let endings = crate::text::endings(index.lang());
    let mut scratch = Vec::new();
    // Each word's gate: a particle, held by some name of several words, a name of one
    // word that the text holds (an entity). A span is weighed only when all its words are
    // held, or one is an entity: most runs are passed over before anything else is read.
    const PARTICLE: u8 = 1;
    const HELD: u8 = 2;
    const ENTITY: u8 = 4;
    let gates: Vec<u8> = words
        .iter()
        .map(|(t, _)| {
            let w = &text[t.start..t.end];
            let mut g = 0;
            if is_name_particle(w) {
                g |= PARTICLE;
            } else if bare(w).chars().count() < 3 || pieces.holds_word(bare(w)) {
                g |= HELD;
            }
            let i = covered.partition_point(|r| r.1 <= t.start);
            if covered
                .get(i)
                .is_some_and(|&(s, e)| s == t.start && t.end == e)
                && translatable(doc, w)
            {
                g |= ENTITY;
            }
            g
        })
        .collect();
    if !gates.iter().any(|g| g & (HELD | ENTITY) != 0) {
        return;
    }
    let tokens: Vec<Token> = words.iter().map(|w| w.0).collect();
    let particles_at = |i: usize| gates[i] & PARTICLE != 0;
    let run_start = doc.folded.original_start(tokens[0].start);
    let mut start = 0;
    while start < tokens.len() {
        let first = tokens[start];
        start += 1;
        let reach = tokens.len().min(start - 1 + MAX_SPAN);
        if particles_at(start - 1) || !words[start - 1].1 {
            continue;
        }
        // Neither held nor an entity, and no entity after it: no span from here is weighed.
        if gates[start - 1] & HELD == 0 && !gates[start - 1..reach].iter().any(|g| g & ENTITY != 0)
        {
            continue;
        }
        let (mut held, mut entity) = (gates[start - 1] & HELD != 0, gates[start - 1] & ENTITY != 0);
        for end in start..reach {
            if particles_at(end) {
                continue;
            }
            if !words[end].1 {
                break;
            }
            held &= gates[end] & HELD != 0;
            entity |= gates[end] & ENTITY != 0;
            if !held && !entity {
                continue;
            }
            let last = tokens[end];
            let (fs, fe) = (first.start, last.end);
            // Inside a name the text holds.
            if inside_any(covered, fs, fe) {
                continue;
            }
            let span = start - 1..=end;
            let parts: Vec<Part> = span
                .clone()
                .filter(|&i| !particles_at(i))
                .map(|i| Part {
                    folded: &text[tokens[i].start..tokens[i].end],
                })
                .collect();
            if parts.len() > MAX_PARTS {
                break;
            }
            let Some((os, oe)) = doc.folded.to_original(fs, fe, doc.text) else {
                continue;
            };
            if overlaps_recent(found, run_start, (os, oe)) {
                continue;
            }
            let key = &text[fs..fe];
            let decided = remembered(&DECIDED, index, key, || {
                // A name the glossary knows.
                if index.pattern_of(key).is_some() {
                    return None;
                }
                let entities: Vec<bool> = span
                    .clone()
                    .filter(|&i| !particles_at(i))
                    .map(|i| gates[i] & ENTITY != 0)
                    .collect();
                let particles: Vec<&str> = span
                    .filter(|&i| particles_at(i))
                    .map(|i| &text[tokens[i].start..tokens[i].end])
                    .collect();
                best(doc, &parts, &particles, &entities, endings, &mut scratch)
                    .map(|c| (c.id, c.similarity, c.confidence, c.how))
            });
            let Some((id, similarity, confidence, how)) = decided else {
                continue;
            };
            let c = Candidate {
                target: index.target(id),
                id,
                similarity,
                how,
                confidence,
                ending: None,
            };
            if c.confidence >= min_confidence {
                found.push(finding(doc, crate::text::Span::new(os, oe), c));
                // The next span starts after this one.
                start = end + 1;
                break;
            }
        }
    }
}

/// Answers remembered by folded spelling, with the id of the index they were found
/// against: a file names the same people and places again and again.
type Memo<V> = std::cell::RefCell<(u64, rustc_hash::FxHashMap<Box<str>, V>)>;

/// Answers remembered, at most, before the memory starts again.
const MEMO_MAX: usize = 100_000;

/// The answer for `key` against `index` in `memo`, found by `find` the first time.
fn remembered<V: Copy + 'static>(
    memo: &'static std::thread::LocalKey<Memo<V>>,
    index: &crate::glossary::Index,
    key: &str,
    find: impl FnOnce() -> V,
) -> V {
    let known = memo.with(|m| {
        let m = m.borrow();
        (m.0 == index.id()).then(|| m.1.get(key).copied()).flatten()
    });
    if let Some(v) = known {
        return v;
    }
    let v = find();
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.0 != index.id() || m.1.len() >= MEMO_MAX {
            m.0 = index.id();
            m.1.clear();
        }
        m.1.insert(key.into(), v);
    });
    v
}

thread_local! {
    /// [`translatable`] of the words asked so far.
    static TRANSLATABLE: Memo<bool> = Default::default();
    /// The decisions for the spans weighed so far.
    static DECIDED: Memo<Decided> = Default::default();
}

/// Whether folded `word` names an entity whose name of one word in another language is a
/// word of some name of several words ("Norwegen" and the "Norway" of "Statistics
/// Norway"): only then can a span render such a name with that word translated.
fn translatable(doc: &Document, word: &str) -> bool {
    let index = doc.index;
    remembered(&TRANSLATABLE, index, word, || {
        let pieces = index.pieces();
        entities_of(doc, word).into_iter().any(|e| {
            index.entry(e).forms.values().any(|forms| {
                let folded = fold_str(&forms.canonical);
                !folded.contains(' ') && folded != word && pieces.holds_word(&folded)
            })
        })
    })
}

/// What a span decided, by its folded spelling: the target, the similarity, the
/// confidence and how.
type Decided = Option<(u32, f64, f64, &'static str)>;

/// The span's words, particles aside, joined by spaces.
fn parts_key(parts: &[Part]) -> String {
    parts.iter().map(|p| p.folded).collect::<Vec<_>>().join(" ")
}

/// Whether `start..end` lies inside one of the sorted disjoint `ranges`.
fn inside_any(ranges: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = ranges.partition_point(|r| r.0 <= start);
    i > 0 && ranges[i - 1].1 >= end
}

/// Whether words `a` and `b` are next to each other in one name: joined as
/// [`joined_as_name`] joins them, or after an abbreviation's full stop ("St. Michael").
fn joined(text: &str, a: &Token, b: &Token) -> bool {
    joined_as_name(text, a, b)
        || (text[a.start..a.end].chars().count() <= 3 && &text[a.end..b.start] == ". ")
}

/// The name that the span of `parts` renders part by part, if one does.
fn best<'a>(
    doc: &'a Document,
    parts: &[Part],
    particles: &[&str],
    entities: &[bool],
    endings: Option<&crate::text::Endings>,
    scratch: &mut Vec<u32>,
) -> Option<Candidate<'a>> {
    let index = doc.index;
    let k = parts.len();
    if k < 2 {
        return None;
    }
    scratch.clear();
    let pieces = index.pieces();
    // Where every word is the name's (in another order, or between other particles), the
    // name holds each of them: the shortest list of the names holding one is enough.
    let mut holding = Vec::new();
    let mut shortest: Option<Vec<u32>> = None;
    for p in parts {
        // A word of a letter or two (an initial, "St") is no name's own.
        if bare(p.folded).chars().count() < 3 {
            continue;
        }
        // The word as it is: the names that hold an inflection of it are also in the
        // list of a word of the span that is not inflected, if there is one.
        holding.clear();
        pieces.with_part(bare(p.folded), None, &mut holding);
        if !holding.is_empty() && shortest.as_ref().is_none_or(|s| holding.len() < s.len()) {
            std::mem::swap(shortest.get_or_insert_with(Vec::new), &mut holding);
        }
    }
    scratch.extend(shortest.unwrap_or_default());
    // Where a word names an entity that the name holds in another language ("Norway" in
    // the name, "Norwegen" in the text): the names holding one of its single-word forms.
    for (p, &entity) in parts.iter().zip(entities) {
        if !entity {
            continue;
        }
        for e in entities_of(doc, p.folded) {
            for forms in index.entry(e).forms.values() {
                let folded = fold_str(&forms.canonical);
                if !folded.contains(' ') && folded != p.folded {
                    pieces.with_part(&folded, endings, scratch);
                }
            }
        }
    }
    scratch.sort_unstable();
    scratch.dedup();
    let key = parts_key(parts);
    let mut best: Option<(f64, Candidate)> = None;
    for &t in scratch.iter() {
        let target = index.target(t);
        let (words, its_particles): (Vec<&str>, Vec<&str>) = target
            .key
            .split(' ')
            .map(bare)
            .partition(|w| !is_name_particle(w));
        if words.len() != k || target.key == key {
            continue;
        }
        let person = index.entry(target.entry).kind == Kind::Person;
        let lang = index.lang();
        let shape = Shape {
            person,
            // Rendered in the text's language: the span's particles are its words, the
            // name's are another language's ("auf" for "on"). Two particles of the text's
            // language are a rephrasing or an inflection ("dem Großen", "der Große").
            particles_differ: !particles.is_empty()
                && !its_particles.is_empty()
                && particles != its_particles.as_slice()
                && particles.iter().all(|p| is_function_word_of(p, lang))
                && its_particles
                    .iter()
                    .all(|p| particles.contains(p) || !is_function_word_of(p, lang)),
            particles: !particles.is_empty() || !its_particles.is_empty(),
        };
        let Some((score, how)) = aligned(doc, parts, &words, shape, endings) else {
            continue;
        };
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            let s = similarity(&key, target.key);
            best = Some((
                score,
                Candidate {
                    target,
                    id: t,
                    similarity: s,
                    how,
                    confidence: score,
                    ending: None,
                },
            ));
        }
    }
    best.map(|(_, c)| c)
}

/// The entries that have folded `word` as a form in some language.
fn entities_of(doc: &Document, word: &str) -> Vec<usize> {
    let Some(p) = doc.index.pattern_of(word) else {
        return Vec::new();
    };
    let mut out: Vec<usize> = doc
        .index
        .roles(p)
        .filter(|(_, role)| matches!(role, Role::Canonical | Role::Alternative | Role::Foreign))
        .map(|(e, _)| e)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How span word `w` pairs with name word `n`, if it does.
fn pair(doc: &Document, w: &Part, n: &str, endings: Option<&crate::text::Endings>) -> Option<Pair> {
    let w = bare(w.folded);
    if w == n || endings.is_some_and(|e| e.same_name(w, n)) {
        return Some(Pair::Same);
    }
    if cognate(w, n) {
        return Some(Pair::Cognate);
    }
    let (a, b) = (entities_of(doc, w), entities_of(doc, n));
    if a.iter().any(|e| b.contains(e)) {
        return Some(Pair::Translated);
    }
    None
}

/// What is known of a span and a name besides their words.
#[derive(Clone, Copy)]
struct Shape {
    /// The name is a person's.
    person: bool,
    /// Both have particles, and not the same ones.
    particles_differ: bool,
    /// Either has particles.
    particles: bool,
}

/// The best pairing of the span's `parts` with the name's `words` (as many), word for
/// word in some order: its score (the confidence of a finding) and how the span renders
/// the name, if every word pairs and the difference is one this module finds.
fn aligned(
    doc: &Document,
    parts: &[Part],
    words: &[&str],
    shape: Shape,
    endings: Option<&crate::text::Endings>,
) -> Option<(f64, &'static str)> {
    let k = parts.len();
    // Each span word against each name word, once.
    let mut table = [[None; MAX_PARTS]; MAX_PARTS];
    for (i, p) in parts.iter().enumerate() {
        for (j, n) in words.iter().enumerate() {
            table[i][j] = pair(doc, p, n, endings);
        }
    }
    let mut best: Option<(f64, &'static str)> = None;
    let mut order: Vec<usize> = (0..k).collect();
    permutations(&mut order, 0, &mut |order| {
        let pairs: Option<Vec<Pair>> = (0..k).map(|i| table[i][order[i]]).collect();
        let Some(pairs) = pairs else { return };
        let in_order = order.iter().enumerate().all(|(i, &j)| i == j);
        let same = pairs.iter().filter(|p| **p == Pair::Same).count();
        let translated = pairs.iter().filter(|p| **p == Pair::Translated).count();
        let found = if same == k && !in_order {
            // Given and family name swapped: people only, and not across particles, which
            // join two names as often as the parts of one.
            (shape.person && !shape.particles).then_some((0.75, ", its parts in another order"))
        } else if same == k {
            // The same words, the particles in another language.
            shape
                .particles_differ
                .then_some((0.7, ", its particles translated"))
        } else if translated >= 1 && translated < k && in_order {
            // An entity inside the name translated, the other words the same or cognate.
            Some((0.65, ", a part of it translated"))
        } else {
            None
        };
        if let Some((score, how)) = found {
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, how));
            }
        }
    });
    best
}

/// Calls `each` with every order of `items[at..]` after `items[..at]`.
fn permutations(items: &mut Vec<usize>, at: usize, each: &mut dyn FnMut(&[usize])) {
    if at == items.len() {
        return each(items);
    }
    for i in at..items.len() {
        items.swap(at, i);
        permutations(items, at + 1, each);
        items.swap(at, i);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::{check, CheckOptions};
    use crate::finding::Rule;
    use crate::glossary::{builtin, Index, Loader};
    use std::sync::Arc;

    const NAMES: &str = r#"
[[entry]]
id = "andrew-tri"
kind = "person"
[entry.forms.de]
canonical = "Andrew Tri"

[[entry]]
id = "marry-patt"
kind = "person"
[entry.forms.de]
canonical = "Marry Patt"

[[entry]]
id = "st-michaels-on-wyre"
kind = "place"
[entry.forms.de]
canonical = "St. Michael's on Wyre"

[[entry]]
id = "statistics-norway"
kind = "organisation"
[entry.forms.de]
canonical = "Statistics Norway"

[[entry]]
id = "alexander"
kind = "person"
[entry.forms.de]
canonical = "Alexander der Große"

[[entry]]
id = "kaiser"
kind = "other"
[entry.forms.de]
canonical = "Kaiser von Rom"
"#;

    fn german() -> Index {
        let mut loader = Loader::new();
        loader.add_builtin(builtin::WORLD_PATH, builtin::WORLD);
        loader.add_source("names.toml", NAMES);
        Index::new(Arc::new(loader.finish().unwrap()), "de")
    }

    /// Each finding of the rule: the span, its fix and how the message says it came close.
    fn found(index: &Index, text: &str) -> Vec<(String, String, String)> {
        check(index, text, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.rule == Rule::NearMiss)
            .map(|f| {
                let how = f.message.rsplit(", ").next().unwrap_or("").to_string();
                (
                    text[f.span.start..f.span.end].to_string(),
                    f.replacement().unwrap_or("").to_string(),
                    how,
                )
            })
            .collect()
    }

    fn one(span: &str, fix: &str, how: &str) -> Vec<(String, String, String)> {
        vec![(span.to_string(), fix.to_string(), how.to_string())]
    }

    /// The three renderings this module finds, in German sentences as MT writes them.
    #[test]
    fn a_name_rendered_part_by_part_is_found() {
        let index = german();
        assert_eq!(
            found(
                &index,
                "Der Bärbiologe der Behörde, Tri Andrew, untersuchte den Bären und erklärte ihn für gesund."
            ),
            one("Tri Andrew", "Andrew Tri", "its parts in another order")
        );
        assert_eq!(
            found(
                &index,
                "Sie verschwand am Freitag bei einem Spaziergang mit ihrem Hund in St. Michael auf Wyre."
            ),
            one(
                "St. Michael auf Wyre",
                "St. Michael's on Wyre",
                "its particles translated"
            )
        );
        assert_eq!(
            found(
                &index,
                "Nach Angaben der Datenbehörde Statistik Norwegen leben dort mehr als 60.000 Menschen."
            ),
            one(
                "Statistik Norwegen",
                "Statistics Norway",
                "a part of it translated"
            )
        );
    }

    /// The right names, their German inflections and rephrasings, two names joined by a
    /// particle, and places written in another order are no findings.
    #[test]
    fn names_as_german_writes_them_are_left_alone() {
        let index = german();
        for text in [
            "Andrew Tri untersuchte den Bären; Statistics Norway zählte die Menschen.",
            "Sie wohnte lange in St. Michael's on Wyre, einem Dorf in Lancashire.",
            "Das Reich von Alexander dem Großen reichte bis nach Indien.",
            "Der Titel Kaiser der Römer wurde erst später gebräuchlich.",
            "Die Tore schossen Patt und Marry in der zweiten Halbzeit.",
            "Norwegen und Schweden stimmten am Montag zu.",
        ] {
            assert_eq!(found(&index, text), [], "{text}");
        }
    }
}
