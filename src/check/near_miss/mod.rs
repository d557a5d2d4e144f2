#![doc = include_str!("../../../docs/rules/near-miss.md")]

use super::{fitted_replacement, quoted, Document};
use crate::finding::{Finding, Fix, Rule};
use crate::glossary::{romanised, skeleton_of, Kind, Role, Target, WordHashes};
use crate::text::{is_katakana_letter, lexicon, similarity, Lexicon, Span, Token, WordTokens};
use serde::Deserialize;

mod parts;
mod spacing;
use unicode_normalization::UnicodeNormalization;

/// Thresholds of the near-miss rule; see the module documentation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct NearMissOptions {
    /// Names with fewer letters are never near-miss targets.
    pub min_length: usize,
    /// Names up to this many letters allow one edit and must keep their first letter.
    pub short_length: usize,
    /// Edits allowed for longer names.
    pub max_edits: usize,
    /// Also match through transliteration skeletons.
    pub transliteration: bool,
    /// Never report a span made only of ordinary words of the text's language (from the
    /// embedded lexicons).
    pub ordinary_words: bool,
    /// Findings of a lower confidence (see [`Finding::confidence`]) are not reported.
    pub min_confidence: f64,
}

impl Default for NearMissOptions {
    fn default() -> Self {
        NearMissOptions {
            min_length: 5,
            short_length: 8,
            max_edits: 2,
            transliteration: true,
            ordinary_words: true,
            min_confidence: 0.5,
        }
    }
}

impl NearMissOptions {
    /// Edits allowed between a name of `letters` letters and a spelling of it, if any.
    pub fn edits_allowed(&self, letters: usize) -> Option<usize> {
        if letters < self.min_length {
            None
        } else if letters <= self.short_length {
            Some(1)
        } else {
            Some(self.max_edits.max(1))
        }
    }
}

struct Candidate<'a> {
    target: Target<'a>,
    /// `target`'s id.
    id: u32,
    similarity: f64,
    /// See [`Finding::confidence`]: the similarity, or for two romanisations of the same
    /// sounds, halfway from it to 1.
    confidence: f64,
    /// How the span came close, for the message: "" (spelling), ", by transliteration",
    /// ", one name part changed".
    how: &'static str,
    /// For an inflected spelling matched by its stem: the folded letters of the target's
    /// form to drop and the original ending to put after it.
    ending: Option<(usize, String)>,
}

/// A word of the window that [`findings`] moves over the text, with what is known of it,
/// each found out at most once per word however many spans it is part of.
struct Word {
    token: Token,
    /// Where it is in the original text (`None` if its ends are no character boundaries
    /// there), found when a span first reads it: most words start none.
    original: std::cell::OnceCell<Option<(usize, usize)>>,
    /// It starts with a capital, a letter of a script without case, or a digit.
    capital: bool,
    /// It starts with a letter: a name does ("1989" and "٢٠١٥" do not start one).
    letter: bool,
    /// It starts with an upper-case letter (of a script with case).
    upper: bool,
    /// Its hashes for the pieces of the glossary's names of several words (see
    /// [`SpanPieces`]).
    hashes: Option<std::rc::Rc<WordHashes>>,
    /// It is an ordinary word of the text's language (see [`is_ordinary`]).
    ordinary: Option<bool>,
}

impl Word {
    /// Where the word is in the original text, found once.
    fn original(&self, doc: &Document) -> Option<(usize, usize)> {
        *self.original.get_or_init(|| {
            doc.folded
                .to_original(self.token.start, self.token.end, doc.text)
        })
    }

    fn new(doc: &Document, token: Token) -> Word {
        let first = doc.text[doc.folded.original_start(token.start)..]
            .chars()
            .next();
        Word {
            token,
            original: std::cell::OnceCell::new(),
            capital: first.is_some_and(|c| !c.is_lowercase()),
            letter: first.is_some_and(char::is_alphabetic),
            upper: first.is_some_and(char::is_uppercase),
            hashes: None,
            ordinary: None,
        }
    }
}

pub(crate) fn findings(doc: &Document, options: &NearMissOptions) -> Vec<Finding> {
    let index = doc.index;
    let max_words = index.max_words();
    if max_words == 0 {
        return Vec::new();
    }
    let text = doc.folded.text.as_str();
    // The words in a window of the longest name's length, read as the window moves: most
    // words, and most spans of several words, are passed over before any is looked up.
    let mut next_words = WordTokens::new(text).map(|t| Word::new(doc, t));
    let mut window: std::collections::VecDeque<Word> =
        next_words.by_ref().take(max_words).collect();
    let covered = covered_ranges(doc);
    let mut ahead = Ahead::new(&covered);
    let lexicon = options
        .ordinary_words
        .then(|| lexicon(index.lang()))
        .flatten();
    let endings = crate::text::endings(index.lang());
    let mut scratch = Vec::new();
    let mut lower = String::new();
    let mut decisions = Decisions::take(index.id(), options);
    let mut found: Vec<Finding> = Vec::new();
    let mut first = true;
    let mut previous: Option<Token> = None;
    // The run of capitalised words the window has passed, for the names rendered part by
    // part (see `parts`).
    let mut run = parts::Run::default();
    // The chain of words that may be a name spaced otherwise (see `spacing`).
    let mut chain = spacing::Chain::default();
    loop {
        if !first {
            let gone = window.pop_front();
            if let Some(w) = &gone {
                run.push(
                    doc,
                    (w.token, w.capital && w.letter),
                    &covered,
                    &mut found,
                    options.min_confidence,
                );
                chain.push(
                    doc,
                    (w.token, w.upper),
                    &covered,
                    lexicon,
                    &mut found,
                    options,
                );
            }
            previous = gone.map(|w| w.token);
            window.extend(next_words.next());
        }
        first = false;
        if !window.front().is_some_and(|w| w.capital && w.letter) {
            if window.is_empty() {
                break;
            }
            continue;
        }
        let mut ordinary = true;
        for n in 1..=max_words.min(window.len()) {
            let (first, token) = (window[0].token, window[n - 1].token);
            if n > 1 && !joined_as_name(text, &window[n - 2].token, &token) {
                break;
            }
            let (fs, fe) = (first.start, token.end);
            if ahead.overlaps(fs, fe) {
                break;
            }
            // Every word of the span counts, whichever check passes it over, until one is
            // not ordinary: then no longer span is all ordinary words.
            if let Some(l) = lexicon.filter(|_| ordinary) {
                let word = &mut window[n - 1];
                let at = word.original(doc);
                ordinary &= *word.ordinary.get_or_insert_with(|| {
                    at.is_some_and(|at| decisions.ordinary(doc, at, l, &mut lower))
                });
            }
            // A name's first and last words start like names; a span of ordinary words of
            // the language is not a name. Both are known before the pieces are weighed,
            // which most spans would otherwise reach.
            if !window[n - 1].capital || (lexicon.is_some() && ordinary) {
                continue;
            }
            // A spelling of several words comes close to a name of as many only when most of
            // its words are, at their places, pieces of such names, or close to them.
            if n > 1 {
                for w in window.range_mut(..n) {
                    let t = w.token;
                    if w.hashes.is_none() {
                        w.hashes = Some(decisions.hashes(&text[t.start..t.end], endings));
                    }
                }
                let hashes = window.range(..n).map(|w| {
                    let t = w.token;
                    (
                        &text[t.start..t.end],
                        w.hashes.as_deref().expect("just made"),
                    )
                });
                if !SpanPieces::may_be_close(index, hashes) {
                    continue;
                }
            }
            let key = &text[fs..fe];
            if index.pattern_of(key).is_some() {
                continue;
            }
            // The span's ends are its first and last words' (see `Folded::to_original`).
            let (Some((os, _)), Some((_, oe))) =
                (window[0].original(doc), window[n - 1].original(doc))
            else {
                continue;
            };
            let Some(best) = decision(
                doc,
                &mut decisions,
                n,
                key,
                (os, oe),
                options,
                endings,
                &mut scratch,
            ) else {
                continue;
            };
            let person = index.entry(best.target.entry).kind == Kind::Person;
            let before = previous
                .filter(|p| !person && joined_as_name(text, p, &first))
                .filter(|p| unknown_name_part(doc, p, &covered, lexicon));
            let after = window
                .get(n)
                .map(|w| &w.token)
                .filter(|a| joined_as_name(text, &token, a))
                .filter(|a| unknown_name_part(doc, a, &covered, lexicon));
            // Inside a longer title-case name, between capitalised words ("Terras Austrais e
            // Antárticas Francesas", "Isole Cocos e Keeling"), a word is that name's part.
            // Not in German, which capitalises every noun ("Bürger Zimbabwes hat Zugang").
            let inside_title = !person
                && !capitalises_nouns(index.lang())
                && previous
                    .is_some_and(|p| joined_as_name(text, &p, &first) && capitalised(doc, &p))
                && window.get(n).is_some_and(|w| {
                    joined_as_name(text, &token, &w.token)
                        && (w.capital
                            || (NAME_CONNECTORS.contains(&&text[w.token.start..w.token.end])
                                && window.get(n + 1).is_some_and(|x| {
                                    x.capital && joined_as_name(text, &w.token, &x.token)
                                })))
                });
            if before.is_none() && after.is_none() && !inside_title {
                found.push(finding(doc, Span::new(os, oe), best));
            }
        }
    }
    // Katakana writes foreign names, each a run of its own between kanji and kana, with no
    // spaces to find it by: a run is weighed as one word ("ウラジミール・プーチン").
    for (fs, fe) in katakana_runs(text) {
        let key = &text[fs..fe];
        if key.chars().count() < options.min_length
            || overlaps_any(&covered, fs, fe)
            || index.pattern_of(key).is_some()
        {
            continue;
        }
        let Some((os, oe)) = doc.folded.to_original(fs, fe, doc.text) else {
            continue;
        };
        // A loanword of the language ("クリスマス") is a word.
        if lexicon.is_some_and(|l| is_ordinary(doc, (os, oe), l, &mut lower)) {
            continue;
        }
        let Some(best) = decision(
            doc,
            &mut decisions,
            1,
            key,
            (os, oe),
            options,
            endings,
            &mut scratch,
        ) else {
            continue;
        };
        // A run ends where the kana end: a name that goes on in kanji ("クリスマス島") is
        // not a slip of the run ("クリスマス").
        if !is_kana_name(best.target.key) {
            continue;
        }
        found.push(finding(doc, Span::new(os, oe), best));
    }
    run.finish(doc, &covered, &mut found, options.min_confidence);
    chain.finish(doc, &covered, lexicon, &mut found, options);
    found.sort_by_key(|f| (f.span.start, f.span.end));
    decisions.put_back();
    found
}

/// Whether `c` is a katakana letter, a voicing mark (folded text is decomposed: ジ is シ and
/// U+3099), the long-vowel mark, or the middle dot or double hyphen that separate the parts
/// of a foreign name.
fn is_katakana(c: char) -> bool {
    is_katakana_letter(c)
        || matches!(
            c,
            '\u{30FC}'
                | '\u{30FB}'
                | '\u{30FD}'
                | '\u{30FE}'
                | '\u{FF1D}'
                | '='
                | '\u{3099}'
                | '\u{309A}'
        )
}

/// Whether folded `key` is written in katakana only.
fn is_kana_name(key: &str) -> bool {
    key.chars().any(is_katakana_letter) && key.chars().all(is_katakana)
}

/// The folded byte ranges of the runs of katakana in `text` that hold a letter (a run does
/// not start or end with a separator).
fn katakana_runs(text: &str) -> Vec<(usize, usize)> {
    let letter = is_katakana_letter;
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_letter_end = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if is_katakana(c) {
            if start.is_none() && letter(c) {
                start = Some(i);
            }
            if letter(c) || matches!(c, '\u{30FC}' | '\u{3099}' | '\u{309A}') {
                last_letter_end = i + c.len_utf8();
            }
        } else if let Some(s) = start.take() {
            runs.push((s, last_letter_end));
        }
    }
    runs
}

/// What the near-miss rule decides from a spelling alone, before the document's own
/// evidence is weighed: the closest target, if one passes.
#[derive(Clone)]
struct Decided {
    /// The target (see [`Index::target`](crate::glossary::Index::target)).
    id: u32,
    similarity: f64,
    confidence: f64,
    how: &'static str,
    ending: Option<(usize, String)>,
    /// The spelling is a known name of the text's language, and no form of the target's
    /// entity: reported only when the document points to that entity.
    known_elsewhere: bool,
}

impl Decided {
    fn candidate(self, index: &crate::glossary::Index) -> Candidate<'_> {
        Candidate {
            target: index.target(self.id),
            id: self.id,
            similarity: self.similarity,
            confidence: self.confidence,
            how: self.how,
            ending: self.ending,
        }
    }
}

/// Spellings this thread has decided with one index and one set of options, kept from one
/// document to the next: a corpus names the same people and places in file after file, and
/// deciding a spelling reads dozens of postings lists.
#[derive(Default)]
struct Decisions {
    index: u64,
    options: Option<NearMissOptions>,
    decided: rustc_hash::FxHashMap<Box<str>, Option<Decided>>,
    /// Words as written, and whether each is an ordinary word of the index's language (see
    /// [`is_ordinary`]): most capitalised words of a text come back, and lower-casing and
    /// looking each up again was a sixth of a check.
    ordinary: rustc_hash::FxHashMap<Box<str>, bool>,
    /// Folded words and their hashes for the pieces of names (see [`SpanPieces`]), with the
    /// skeletons and neighbourhoods found so far: found again for each word of every span
    /// of capitalised words, they were a tenth of a check.
    hashes: rustc_hash::FxHashMap<Box<str>, std::rc::Rc<WordHashes>>,
}

thread_local! {
    static DECISIONS: std::cell::Cell<Decisions> = std::cell::Cell::new(Decisions::default());
}

impl Decisions {
    /// Spellings kept at most; past this the memory is given back and deciding starts over.
    const MAX: usize = 1 << 18;

    /// This thread's decisions, emptied first when they were made with another index or
    /// other options.
    fn take(index: u64, options: &NearMissOptions) -> Decisions {
        let mut d = DECISIONS.take();
        if d.index != index || d.options.as_ref() != Some(options) {
            d.decided.clear();
            d.ordinary.clear();
            d.hashes.clear();
            d.index = index;
            d.options = Some(options.clone());
        }
        d
    }

    fn put_back(self) {
        DECISIONS.set(self);
    }

    /// Whether the word at `s..e` of `doc`'s text is ordinary (see [`is_ordinary`]),
    /// remembered by its spelling.
    fn ordinary(
        &mut self,
        doc: &Document,
        (s, e): (usize, usize),
        lexicon: &Lexicon,
        lower: &mut String,
    ) -> bool {
        let word = &doc.text[s..e];
        if let Some(&known) = self.ordinary.get(word) {
            return known;
        }
        let ordinary = is_ordinary(doc, (s, e), lexicon, lower);
        remember(&mut self.ordinary, word, ordinary);
        ordinary
    }

    /// The hashes of the folded word `word` (see [`word_hashes`]), remembered.
    fn hashes(
        &mut self,
        word: &str,
        endings: Option<&crate::text::Endings>,
    ) -> std::rc::Rc<WordHashes> {
        if let Some(h) = self.hashes.get(word) {
            return std::rc::Rc::clone(h);
        }
        let h = std::rc::Rc::new(word_hashes(word, endings));
        remember(&mut self.hashes, word, std::rc::Rc::clone(&h));
        h
    }

    fn get(&self, spelling: &str) -> Option<&Option<Decided>> {
        self.decided.get(spelling)
    }

    fn insert(&mut self, spelling: &str, decided: Option<Decided>) {
        remember(&mut self.decided, spelling, decided);
    }
}

/// Keeps `value` for `key` in `memo`, which holds at most [`Decisions::MAX`] keys: past that
/// its memory is given back and remembering starts over.
fn remember<V>(memo: &mut rustc_hash::FxHashMap<Box<str>, V>, key: &str, value: V) {
    if memo.len() >= Decisions::MAX {
        *memo = Default::default();
    }
    memo.insert(key.into(), value);
}

/// The decision for the spelling `os..oe` of `words` (folded `key`), from the spelling
/// alone (see [`Decided`]).
fn decide(
    doc: &Document,
    n: usize,
    key: &str,
    (os, oe): (usize, usize),
    options: &NearMissOptions,
    endings: Option<&crate::text::Endings>,
    scratch: &mut Vec<u32>,
) -> Option<Decided> {
    let index = doc.index;
    // An inflection of a name the glossary knows ("Nordkoreas", "Ägyptern") is that name,
    // whatever else it is close to.
    if endings.is_some_and(|e| e.bases(key).any(|b| index.is_correct_key(&b))) {
        return None;
    }
    let direct = best_candidate(doc, key, &doc.text[os..oe], n, options, endings, scratch);
    let by_stem = inflected_candidate(doc, key, n, options, endings, scratch, (os, oe));
    let best = match (direct, by_stem) {
        // The stem may match better while the fix it gives is no form of the name: a
        // misspelt "Колумбея" matched as "Колумбе" + "я" against "Колумби(я)" would be
        // fixed to "Колумбя". The ending is kept when its fix is closer to the spelling
        // than the name as listed.
        (Some(d), Some(i))
            if i.similarity > d.similarity
                && similarity(
                    &crate::text::fold_str(&inflected(i.target.form, i.ending.as_ref())),
                    key,
                ) > similarity(d.target.key, key) =>
        {
            i
        }
        (d, i) => d.or(i)?,
    };
    // "Saint-Pierre" for "St. Pierre": the name written out, no slip.
    if abbreviated_alike(key, best.target.key) {
        return None;
    }
    // Alone, such a stem match fixes to the name as listed ("Колумбиия" → "Колумбия").
    let mut best = best;
    if best.ending.is_some()
        && similarity(
            &crate::text::fold_str(&inflected(best.target.form, best.ending.as_ref())),
            key,
        ) < similarity(best.target.key, key)
    {
        best.ending = None;
    }
    if other_compound(index.lang(), key, best.target.key) || mixes_own_forms(doc, key, &best) {
        return None;
    }
    let known_elsewhere = known_name_of_something_else(doc, (os, oe), key, &best, endings);
    Some(Decided {
        id: best.id,
        similarity: best.similarity,
        confidence: best.confidence,
        how: best.how,
        ending: best.ending,
        known_elsewhere,
    })
}

/// Whether folded `a` and `b` are the same words once the abbreviations names carry are
/// written out ("st" and "saint", "ste" and "sainte", "mt" and "mount"), words split at
/// spaces and hyphens: "Saint-Pierre und Miquelon" is "St. Pierre und Miquelon".
fn abbreviated_alike(a: &str, b: &str) -> bool {
    fn written_out(w: &str) -> &str {
        match w.trim_end_matches('.') {
            "st" => "saint",
            "ste" => "sainte",
            "sts" => "saints",
            "sta" => "santa",
            "mt" => "mount",
            "ft" => "fort",
            other => other,
        }
    }
    let words = |s: &'_ str, out: bool| -> Vec<String> {
        s.split([' ', '-'])
            .filter(|w| !w.is_empty())
            .map(|w| if out { written_out(w) } else { w }.to_string())
            .collect()
    };
    // The abbreviation makes the difference, not the hyphen ("Pulitzer Preis" is a slip).
    words(a, false) != words(b, false) && words(a, true) == words(b, true)
}

/// Whether every word in which the span (folded `key`) differs from the candidate's form
/// is a word of the same entity's form in another language: "Phillies de Philadelphia"
/// keeps the English city in the French form "Phillies de Philadelphie". A rendering that
/// mixes two correct forms of one name is no slip of spelling.
fn mixes_own_forms(doc: &Document, key: &str, best: &Candidate) -> bool {
    let words: Vec<&str> = key.split(' ').collect();
    let form: Vec<&str> = best.target.key.split(' ').collect();
    if words.len() != form.len() || words.len() < 2 {
        return false;
    }
    let lang = doc.index.lang();
    let entry = doc.index.entry(best.target.entry);
    let others: Vec<String> = entry
        .forms
        .iter()
        .filter(|(l, _)| l.as_str() != lang)
        .flat_map(|(_, f)| std::iter::once(&f.canonical).chain(&f.alternatives))
        .map(|f| crate::text::fold_str(f))
        .collect();
    let mut differs = false;
    for (w, f) in words.iter().zip(&form) {
        if w == f {
            continue;
        }
        differs = true;
        if !others.iter().any(|o| o.split(' ').any(|ow| ow == *w)) {
            return false;
        }
    }
    differs
}

/// Whether `key` and `target` (folded, one word each) are compounds of a language that
/// writes them as one word, with the same head, an ordinary word of four letters or more,
/// and modifiers that have little in common: German "Krimkrieg" is no slip of
/// "Koreakrieg", though they share most of their letters.
fn other_compound(lang: &str, key: &str, target: &str) -> bool {
    if !crate::text::writes_compounds(lang) || key.contains(' ') || target.contains(' ') {
        return false;
    }
    let Some(lexicon) = crate::text::lexicon(lang) else {
        return false;
    };
    let common = key
        .chars()
        .rev()
        .zip(target.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (kc, tc): (Vec<char>, Vec<char>) = (key.chars().collect(), target.chars().collect());
    // The longest shared ending that is a word, leaving a modifier of three letters or more.
    (4..=common).rev().any(|n| {
        let (km, tm) = (kc.len().saturating_sub(n), tc.len().saturating_sub(n));
        if km < 3 || tm < 3 {
            return false;
        }
        let head: String = kc[km..].iter().collect();
        if !lexicon.contains(&head) {
            return false;
        }
        let (a, b): (String, String) = (kc[..km].iter().collect(), tc[..tm].iter().collect());
        strsim::normalized_damerau_levenshtein(&a, &b) < 0.5
    })
}

/// The closest target for the spelling `os..oe` of `n` words (folded `key`), if one is
/// reported in this document: what the spelling alone decides, once per spelling and thread
/// for this index (the same names come back in every file of a corpus), then what the
/// document shows.
#[allow(clippy::too_many_arguments)]
fn decision<'a>(
    doc: &'a Document,
    decisions: &mut Decisions,
    n: usize,
    key: &str,
    (os, oe): (usize, usize),
    options: &NearMissOptions,
    endings: Option<&crate::text::Endings>,
    scratch: &mut Vec<u32>,
) -> Option<Candidate<'a>> {
    let spelling = &doc.text[os..oe];
    let decided = match decisions.get(spelling) {
        Some(d) => d.clone(),
        None => {
            let d = decide(doc, n, key, (os, oe), options, endings, scratch);
            decisions.insert(spelling, d.clone());
            d
        }
    }
    .filter(|d| d.confidence >= options.min_confidence)?;
    // A known name of something else, unless the document points to the entity: it writes
    // one of its correct forms elsewhere ("Mostafa Waziri … Wazir erklärte").
    if decided.known_elsewhere && !mentions(doc, doc.index.target(decided.id).entry) {
        return None;
    }
    // A part of a known name of two words ("Lower Sorbian") is that name's, even in a list
    // that also names the entity ("Serbian"). It depends on where the spelling stands, so
    // it is not remembered with the spelling.
    let lang = doc.index.lang();
    if with_neighbour(doc.text, os, oe).any(|s| crate::text::is_known_name(lang, s)) {
        return None;
    }
    // After a word for a mountain, river or lake, the name is the feature's ("جبل سانت
    // هيلنز", Mount St. Helens), not a misspelt territory ("سانت هيلينا": the built-in
    // glossary's `country-CODE` entries). Another place may be that mountain: it is still
    // checked.
    let entry = doc.index.target(decided.id).entry;
    let e = doc.index.entry(entry);
    if e.kind == crate::glossary::Kind::Place
        && e.id.starts_with("country-")
        && crate::text::after_feature_word(lang, doc.text, os)
        && !mentions(doc, entry)
    {
        return None;
    }
    Some(decided.candidate(doc.index))
}

/// Whether the document writes a correct form of entry `entry` somewhere.
fn mentions(doc: &Document, entry: usize) -> bool {
    doc.hits.iter().any(|h| {
        doc.index
            .roles(h.pattern)
            .any(|(e, role)| e == entry && matches!(role, Role::Canonical | Role::Alternative))
    })
}

/// The closest target for the base form of an inflected spelling `key` (folded, ending at
/// `oe` in the original), with the original ending kept for the fix: "Takobas" → "Takubas",
/// "Камбаджи" → "Камбоджи".
fn inflected_candidate<'a>(
    doc: &'a Document,
    key: &str,
    n: usize,
    options: &NearMissOptions,
    endings: Option<&crate::text::Endings>,
    scratch: &mut Vec<u32>,
    (os, oe): (usize, usize),
) -> Option<Candidate<'a>> {
    let endings = endings?;
    let mut best: Option<Candidate> = None;
    for (base, stripped, ending) in endings.stems(key).take(MAX_BASES) {
        // A stem of three letters or fewer is too short to carry an edit: "Haus" is not
        // "Hai" with an "s".
        if base
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.chars().count() < MIN_STEM)
        {
            continue;
        }
        // The span itself passed the window's gate; its base must pass it too.
        if n >= 2 && !pieces_may_be_close(doc.index, &base, Some(endings)) {
            continue;
        }
        let original = &doc.text[os..oe];
        let Some(c) = best_candidate(doc, &base, original, n, options, Some(endings), scratch)
        else {
            continue;
        };
        // The base must end as the target does where the ending replaces letters.
        if !c.target.key.ends_with(stripped)
            || !endings.attaches(c.target.key, ending)
            || best.as_ref().is_some_and(|b| b.similarity >= c.similarity)
        {
            continue;
        }
        // The ending as the text writes it: the original characters its folded letters
        // come from (a Hangul syllable folds to two or three letters).
        let fe = doc.folded.folded_offset(oe);
        let at = doc.folded.original_start(fe.saturating_sub(ending.len()));
        let at = if (os..oe).contains(&at) && doc.text.is_char_boundary(at) {
            at
        } else {
            // Where the map cannot say: as many characters as the ending folds to.
            let Some((at, _)) = doc.text[..oe]
                .char_indices()
                .rev()
                .nth(ending.chars().count() - 1)
            else {
                continue;
            };
            at
        };
        best = Some(Candidate {
            ending: Some((stripped.chars().count(), doc.text[at..oe].to_string())),
            ..c
        });
    }
    best
}

/// Whether the span `os..oe` (folded `key`) is a known name of the text's language, as it
/// stands or less one of the language's endings ("Südamerikas", in the language's own list
/// only), or as it stands in another language's own list ("Kannada" in Spanish), and not a form of the candidate's own entity
/// in some language, inflected or not.
/// Whether the document points to the entity is for the caller to weigh.
fn known_name_of_something_else(
    doc: &Document,
    (os, oe): (usize, usize),
    key: &str,
    best: &Candidate,
    endings: Option<&crate::text::Endings>,
) -> bool {
    let lang = doc.index.lang();
    let original = &doc.text[os..oe];
    let known = crate::text::is_known_name(lang, original)
        || crate::text::is_known_name_elsewhere(lang, original)
        || crate::text::is_known_name_in_another_gender(lang, original)
        || endings.is_some_and(|e| {
            e.stems(key)
                .filter(|(_, stripped, _)| stripped.is_empty())
                .any(|(_, _, ending)| {
                    let cut = original
                        .char_indices()
                        .rev()
                        .nth(ending.chars().count() - 1)
                        .map_or(0, |(i, _)| i);
                    cut > 0 && crate::text::is_known_name_of_language(lang, &original[..cut])
                })
        });
    if !known {
        return false;
    }
    let entry = doc.index.entry(best.target.entry);
    let bases: Vec<String> = endings.map_or_else(Vec::new, |e| e.bases(key).collect());
    !entry.forms.values().any(|f| {
        std::iter::once(&f.canonical)
            .chain(&f.alternatives)
            .map(|x| crate::text::fold_str(x))
            .any(|x| x == key || bases.contains(&x))
    })
}

/// The span `os..oe` of `text` with the word before it, and with the word after it, where
/// one space separates them.
fn with_neighbour(text: &str, os: usize, oe: usize) -> impl Iterator<Item = &str> {
    let word = |c: char| c.is_alphabetic() || c == '-';
    let before = text[..os].strip_suffix(' ').and_then(|rest| {
        let start = rest
            .char_indices()
            .rev()
            .take_while(|&(_, c)| word(c))
            .last()?
            .0;
        Some(&text[start..oe])
    });
    let after = text[oe..].strip_prefix(' ').and_then(|rest| {
        let len = rest
            .char_indices()
            .take_while(|&(_, c)| word(c))
            .last()
            .map(|(i, c)| i + c.len_utf8())?;
        Some(&text[os..oe + 1 + len])
    });
    before.into_iter().chain(after)
}

/// How many more or fewer letters a name with one part changed may have.
const NAME_PART_SPREAD: usize = 4;

/// Whether `key` and `target` (folded, same number of words) differ in exactly one word,
/// the others equal or inflections of each other, and the two spellings of that word are
/// alike: a similarity of at least 0.5, or equal romanisations ("Hassan" for "Alassane",
/// not "Michelle" for "Barack"). Both must have at least 3 letters.
fn one_part_changed(key: &str, target: &str, endings: Option<&crate::text::Endings>) -> bool {
    let mut changed = None;
    let words = key.split(' ').count();
    for (at, (a, b)) in key.split(' ').zip(target.split(' ')).enumerate() {
        if a == b || endings.is_some_and(|e| e.same_name(a, b)) {
            continue;
        }
        if changed.is_some() {
            return false;
        }
        changed = Some((at, a, b));
    }
    changed.is_some_and(|(at, a, b)| {
        // The family name is what tells people apart: a shared given name with another
        // family name is another person ("John Stamos" is not "John Adams"), unless the
        // family name is the same one respelt.
        let least = if at + 1 == words { 0.7 } else { 0.5 };
        a.chars().count() >= 3
            && b.chars().count() >= 3
            && (similarity(a, b) >= least || romanised(a) == romanised(b))
    })
}

/// Whether a spelling of several words shares a word with the target and has another that
/// is unlike the target's at its place: another person of the same given name ("John
/// Stamos", "Charles Durman" are not "John Adams", "Charles Darwin"), not a transliteration,
/// which respells every word a little ("Qasimi Quetta" for "Assimi Goïta").
fn parts_unrelated(key: &str, target: &str) -> bool {
    fn parts(s: &str) -> Vec<&str> {
        s.split([' ', '・']).filter(|p| !p.is_empty()).collect()
    }
    let (a, b) = (parts(key), parts(target));
    a.len() >= 2
        && a.len() == b.len()
        && a.iter().zip(&b).any(|(x, y)| x == y)
        && a.iter().zip(&b).any(|(x, y)| {
            // Compared composed: a voicing mark is no letter of its own ("マニン", "マニング").
            let (cx, cy): (String, String) = (x.nfc().collect(), y.nfc().collect());
            cx.chars().count() >= 2
                && cy.chars().count() >= 2
                && similarity(&cx, &cy) < 0.6
                && romanised(x) != romanised(y)
        })
}

/// Whether romanised spellings `a` and `b` (see [`romanised`]) differ by one vowel that one
/// has and the other has not, other than the silent u of "qu" and "gu" (Spanish
/// "Paquistán" is "Pakistán" in its own spelling, not another romanisation).
fn one_vowel_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return false;
    }
    let at = long
        .iter()
        .zip(&short)
        .position(|(x, y)| x != y)
        .unwrap_or(short.len());
    let vowel = long[at];
    matches!(vowel, 'a' | 'e' | 'i' | 'o' | 'u')
        && !(vowel == 'u' && at > 0 && matches!(long[at - 1], 'q' | 'g' | 'k'))
        && long[at + 1..] == short[at..]
}

/// Letters the last word of an inflected spelling's base needs, at least.
const MIN_STEM: usize = 4;

/// Base forms tried for one inflected spelling, at most.
const MAX_BASES: usize = 4;

/// The closest target for the folded spelling `key` of `n` words, if one passes.
fn best_candidate<'a>(
    doc: &'a Document,
    key: &str,
    original: &str,
    n: usize,
    options: &NearMissOptions,
    endings: Option<&crate::text::Endings>,
    scratch: &mut Vec<u32>,
) -> Option<Candidate<'a>> {
    // Katakana spellings of one name by different conventions ("ジェームス"/"ジェームズ",
    // "リーヴス"/"リーブス", "ギリシア"/"ギリシャ") are all in use: the same name.
    let kana = is_kana_name(key);
    let inflection = |key: &str, target: &str| {
        is_inflection(key, target)
            || endings.is_some_and(|e| e.same_name(key, target))
            || (kana && romanised(key) == romanised(target))
    };
    let index = doc.index;
    let lexicon = crate::text::lexicon(index.lang());
    let letters = key.chars().filter(|c| *c != ' ').count();
    let mut best: Option<Candidate> = None;
    // A spelling of one of the names is that name, not a slip of another.
    let mut spelt = false;
    let compounding = is_compounding(index.lang());
    let mut consider = |c: Candidate<'a>| {
        if c.how != ", one name part changed" && parts_unrelated(key, c.target.key) {
            return;
        }
        if same_consonants(key, c.target.key)
            || derived_adjective(original, c.target.form, index.lang())
        {
            spelt = true;
            return;
        }
        if numbers_differ(original, c.target.form)
            || another_word_of_the_phrase(original, c.target.form, lexicon, index.lang())
            || (compounding && is_compound_of(key, c.target.key, endings))
        {
            return;
        }
        if best.as_ref().is_none_or(|b| c.similarity > b.similarity) {
            best = Some(c);
        }
    };
    // A target within d edits has at most letters + d letters, and shares at least
    // (its bigram count) - 2d padded bigrams with the key.
    let widest = options.edits_allowed(letters + options.max_edits.max(1));
    // A single word within d edits of a single-word target shares a spelling with it once
    // each drops at most d letters: a few hash lookups rule most words out before the
    // bigram postings are read.
    let widest = widest.filter(|&d| n > 1 || index.pieces().may_have_single_within(key, d));
    if let Some(d) = widest {
        let min_shared = (letters + 1).saturating_sub(2 * d).max(1);
        index.bigram_candidates(key, n, letters, d, min_shared, scratch);
        for &t in scratch.iter() {
            let target = index.target(t);
            if target.words != n {
                continue;
            }
            let Some(allowed) = options.edits_allowed(target.chars) else {
                continue;
            };
            if target.chars <= options.short_length
                && key.chars().next() != target.key.chars().next()
            {
                continue;
            }
            if letters.abs_diff(target.chars) > allowed {
                continue;
            }
            // The cheap tests first: most candidates fail them.
            if inflection(key, target.key) {
                continue;
            }
            if let Some(distance) = crate::text::osa_within(key, target.key, allowed) {
                let s = crate::text::similarity_at(key, target.key, distance);
                consider(Candidate {
                    target,
                    id: t,
                    similarity: s,
                    how: "",
                    confidence: s,
                    ending: None,
                });
            }
        }
    }
    // A person's name with one part changed: the given name swapped or re-transliterated
    // beside the right family name, one part of a three-part name respelt.
    if n >= 2 {
        let min_shared = letters.div_ceil(2).max(3);
        let spread = NAME_PART_SPREAD;
        if index
            .name_part_candidates(key, n, letters, spread, min_shared, scratch)
            .is_none()
        {
            index.bigram_candidates(key, n, letters, spread, min_shared, scratch);
        }
        for &t in scratch.iter() {
            let target = index.target(t);
            if target.words == n
                && index.entry(target.entry).kind == Kind::Person
                && !inflection(key, target.key)
                && one_part_changed(key, target.key, endings)
            {
                consider(Candidate {
                    target,
                    id: t,
                    similarity: similarity(key, target.key),
                    how: ", one name part changed",
                    confidence: similarity(key, target.key),
                    ending: None,
                });
            }
        }
    }
    if options.transliteration && letters >= options.min_length {
        let skeleton = skeleton_of(key);
        let consonants = skeleton.chars().filter(|c| *c != ' ').count();
        if consonants >= 3 {
            let spelled = romanised(key);
            index.skeleton_candidates(&skeleton, scratch);
            for &t in scratch.iter() {
                let target = index.target(t);
                if target.words != n
                    || target.chars < options.min_length
                    || crate::text::osa_within(&skeleton, target.skeleton, 1).is_none()
                    || inflection(key, target.key)
                {
                    continue;
                }
                let s = similarity(key, target.key);
                // Through another romanisation of the same sounds: one edit for longer
                // names; for short ones exact, or a vowel written or not between the
                // same consonants ("Dnieper" and "Dnjepr" romanise as "dnieper" and
                // "dniepr"), where one consonant more or less would be another name
                // ("Mayans" and "Malians").
                let allowed = usize::from(target.chars > options.short_length);
                let other = romanised(target.key);
                if spelled.chars().next() == other.chars().next()
                    && (crate::text::osa_within(&spelled, &other, allowed).is_some()
                        || (letters.min(target.chars) >= 6 && one_vowel_apart(&spelled, &other)))
                {
                    consider(Candidate {
                        target,
                        id: t,
                        similarity: s,
                        how: ", by transliteration",
                        confidence: (1.0 + s) / 2.0,
                        ending: None,
                    });
                    continue;
                }
                // Through the consonant skeleton, for long names only.
                if letters > options.short_length
                    && target.chars > options.short_length
                    && consonants >= 4
                    && s >= skeleton_similarity(index.entry(target.entry).kind)
                {
                    consider(Candidate {
                        target,
                        id: t,
                        similarity: s,
                        how: ", by transliteration",
                        confidence: s,
                        ending: None,
                    });
                }
            }
        }
    }
    best.filter(|_| !spelt)
}

/// What bounds every path of [`best_candidate`] for a spelling of n words, by how its words
/// compare, each at its place, with the pieces at that place of the glossary's names of n
/// words (see [`Pieces`](crate::glossary::Pieces)):
///
/// - Two edits touch at most two pieces; when they touch two, once each, both stay within
///   one edit of the target's. So all words but one are pieces, or all but two and those
///   two near one.
/// - A name with one part changed has all its other parts equal, or inflected.
/// - A skeleton within one deletion of the target's has all words' skeletons but one equal.
///
/// Separators are taken as breaks between pieces, not as letters an edit could add or drop.
struct SpanPieces;

impl SpanPieces {
    /// Whether a spelling of the folded `words`, with their hashes, may be close.
    fn may_be_close<'h>(
        index: &crate::glossary::Index,
        words: impl ExactSizeIterator<Item = (&'h str, &'h WordHashes)> + Clone,
    ) -> bool {
        let pieces = index.pieces();
        let n = words.len();
        if !pieces.has_names_of(n) {
            return false;
        }
        // Cheapest first: exact pieces, then skeletons, then one-edit neighbours; one pass,
        // and nothing allocated: this runs for every span of capitalised words.
        let (mut not_exact, mut not_skeleton) = (0, 0);
        let mut off: [Option<(usize, &str, &WordHashes)>; 2] = [None, None];
        for (at, (w, h)) in words.enumerate() {
            if pieces.is_exact(h, n, at) {
                continue;
            }
            if let Some(slot) = off.get_mut(not_exact) {
                *slot = Some((at, w, h));
            }
            not_exact += 1;
            if !pieces.has_skeleton(h, w, n, at) {
                not_skeleton += 1;
            }
            if not_exact > 2 && not_skeleton > 1 {
                return false;
            }
        }
        if not_exact < 2 || not_skeleton <= 1 {
            return true;
        }
        // Two words off their pieces must each be within an edit of one.
        not_exact == 2
            && off
                .iter()
                .flatten()
                .all(|&(at, w, h)| pieces.is_near(h, w, n, at))
    }
}

/// The hashes of the folded word `word` and its base forms.
fn word_hashes(word: &str, endings: Option<&crate::text::Endings>) -> WordHashes {
    WordHashes::of(word, endings.into_iter().flat_map(|e| e.bases(word)))
}

/// Whether a spelling `key` of several words can pass any path of [`best_candidate`] (see
/// [`SpanPieces`]).
fn pieces_may_be_close(
    index: &crate::glossary::Index,
    key: &str,
    endings: Option<&crate::text::Endings>,
) -> bool {
    let hashes: Vec<(&str, WordHashes)> = key
        .split(crate::glossary::PIECE_BREAKS)
        .filter(|p| !p.is_empty())
        .map(|p| (p, word_hashes(p, endings)))
        .collect();
    SpanPieces::may_be_close(index, hashes.iter().map(|(p, h)| (*p, h)))
}

/// Whether language `lang` writes the parts of a compound as one word or with hyphens, a
/// name among them: German "Formel-1-Rennen", "Yosemite-Nationalpark", "Pulitzerpreis".
fn is_compounding(lang: &str) -> bool {
    matches!(
        crate::lang_tag::primary_subtag(lang),
        "de" | "nl" | "af" | "lb" | "sv" | "da" | "nb" | "nn" | "no" | "is" | "fo" | "fi" | "et"
    )
}

/// Whether the folded spelling `key` is the folded name `target` in a compounding
/// language's compound orthography: the same letters, inflected or not, where parts that
/// the target separates are joined or hyphenated ("formel-1" for "formel 1",
/// "pulitzerpreise" for "pulitzer-preis"), and no space where the target has none ("Pulitzer
/// Preis" is a slip).
fn is_compound_of(key: &str, target: &str, endings: Option<&crate::text::Endings>) -> bool {
    /// The letters of a key, and the separators between them with the count of letters
    /// before each.
    fn split(key: &str) -> (String, Vec<(usize, char)>) {
        let mut letters = String::with_capacity(key.len());
        let mut seps = Vec::new();
        let mut n = 0;
        for c in key.chars() {
            if c == ' ' || c == '-' {
                seps.push((n, c));
            } else {
                letters.push(c);
                n += 1;
            }
        }
        (letters, seps)
    }
    let ((a, key_seps), (b, target_seps)) = (split(key), split(target));
    if key_seps == target_seps {
        return false;
    }
    let same = a == b
        || a.starts_with(&b)
        || b.starts_with(&a)
        || endings.is_some_and(|e| e.same_name(&a, &b));
    same && key_seps
        .iter()
        .filter(|(_, c)| *c == ' ')
        .all(|(at, _)| target_seps.contains(&(*at, ' ')))
}

/// The similarity a spelling needs to be reported through the consonant skeleton alone.
/// People's names are what translation transliterates afresh, name by name ("Qasimi
/// Quetta" for "Assimi Goïta", 0.50); a country, a demonym or a place has an established
/// name in the language, and a word of that language with its consonants is most often
/// another word ("Makedonien" and "Mauretanien", 0.64, "Weltreich" and "Österreich"). On
/// the real set, 0.65 for those kept every error found and took away two thirds of the
/// skeleton's false findings.
fn skeleton_similarity(kind: Kind) -> f64 {
    if kind == Kind::Person {
        0.5
    } else {
        0.65
    }
}

/// Lower-case words that join the parts of a title-case name in the languages of the
/// built-in glossary and their neighbours ("Isole Cocos e Keeling", "Bosnia and
/// Herzegovina", "Saint-Pierre-et-Miquelon").
const NAME_CONNECTORS: &[&str] = &[
    "and", "e", "et", "i", "og", "och", "und", "y", "ve", "of", "de", "da", "di", "do", "del",
    "des", "du",
];

/// Whether `lang` writes every noun with a capital (German, Luxembourgish).
fn capitalises_nouns(lang: &str) -> bool {
    matches!(crate::lang_tag::primary_subtag(lang), "de" | "lb")
}

/// Whether the word `t` (folded) is written with a capital in the text.
fn capitalised(doc: &Document, t: &Token) -> bool {
    doc.folded
        .to_original(t.start, t.end, doc.text)
        .is_some_and(|(s, e)| {
            doc.text[s..e]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
}

/// Whether the word `t` is a capitalised word that is neither an ordinary word nor part of
/// a glossary name: a part of some other name.
fn unknown_name_part(
    doc: &Document,
    t: &Token,
    covered: &[(usize, usize)],
    lexicon: Option<&Lexicon>,
) -> bool {
    if overlaps_any(covered, t.start, t.end) {
        return false;
    }
    let Some((s, e)) = doc.folded.to_original(t.start, t.end, doc.text) else {
        return false;
    };
    let word = &doc.text[s..e];
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let lower: String = word.nfc().flat_map(char::to_lowercase).collect();
    !lexicon.is_some_and(|l| l.contains(&lower))
}

/// Whether the spelling `original` and the name `form`, of several words each, differ in
/// one word only, and both words are ordinary words of the language: another phrase, not
/// a slip ("Weiße Haus" is the White House, not the film "Der weiße Hai"). Not when either
/// is a known name: people's names are ordinary words to a word list ("Simon", "Simone").
fn another_word_of_the_phrase(
    original: &str,
    form: &str,
    lexicon: Option<&Lexicon>,
    lang: &str,
) -> bool {
    let Some(lexicon) = lexicon.filter(|_| original.contains(char::is_whitespace)) else {
        return false;
    };
    let a: Vec<&str> = original.split_whitespace().collect();
    let b: Vec<&str> = form.split_whitespace().collect();
    if a.len() < 2 || a.len() != b.len() {
        return false;
    }
    let lower = |w: &str| -> String { w.nfc().flat_map(char::to_lowercase).collect() };
    let mut differing = a.iter().zip(&b).filter(|(x, y)| lower(x) != lower(y));
    match (differing.next(), differing.next()) {
        (Some((x, y)), None) => {
            lexicon.contains(&lower(x))
                && lexicon.contains(&lower(y))
                && !crate::text::is_known_name(lang, x)
                && !crate::text::is_known_name(lang, y)
        }
        _ => false,
    }
}

/// Whether `a` and `b` name different members of a series: their numbers (digits, or Roman
/// numerals in capitals) differ, as in "PlayStation 5" and "PlayStation 4", "Elizabeth I"
/// and "Elizabeth II".
fn numbers_differ(a: &str, b: &str) -> bool {
    fn numbers(s: &str) -> Vec<&str> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| {
                !w.is_empty()
                    && (w.chars().all(|c| c.is_ascii_digit())
                        || w.chars().all(|c| "IVXLCDM".contains(c)))
            })
            .collect()
    }
    numbers(a) != numbers(b)
}

/// Whether `a` and `b` (folded) are spellings of one name in a script whose writers spell
/// foreign names many ways, and whose consonants carry the name:
///
/// - Arabic and Hebrew write vowels as optional letters: the same once long-vowel letters,
///   hamza seats and spaces are set aside ("ستيفن سبيلبيرغ" and "ستيفن سبيلبرغ"), and in
///   Arabic the regional letters for g, a foreign z or ts written س, ch written تش or
///   ش, doubled letters, and a one-letter proclitic on the spelling.
/// - The Brahmic scripts of India (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil,
///   Telugu, Kannada, Malayalam) mark vowels on consonants: the same once vowel signs and
///   letters, the nukta, virama and nasal marks are set aside, and a foreign t, d or n
///   written dental or retroflex, s as श, ष or स, or a glide य, are taken as one
///   ("मलेशिया" and "मलयेशिया", "मॉरिटानिया" and "मॉरितानिया").
fn same_consonants(a: &str, b: &str) -> bool {
    // Only those scripts have a skeleton: Arabic, Hebrew (U+0590 to U+06FF) and the Brahmic
    // blocks (U+0900 to U+0D7F).
    let skeletal =
        |c: char| ('\u{590}'..='\u{6FF}').contains(&c) || ('\u{900}'..'\u{D80}').contains(&c);
    if a == b || !a.chars().any(skeletal) {
        return false;
    }
    let (Some(x), Some(y)) = (consonants(a), consonants(b)) else {
        return false;
    };
    // A one-letter Arabic proclitic (و and, ف so, ب with, ل for, ك like) on the spelling:
    // "لبنسيلفانيا" is ل + "بنسيلفانيا".
    let clitic = |s: &str| ['و', 'ف', 'ب', 'ل', 'ك'].iter().any(|c| s.starts_with(*c));
    x == y || (clitic(&x) && x.chars().skip(1).eq(y.chars()))
}

/// Whether `original` is `form` with a suffix that makes the adjective of a place, which
/// is also the name of its language or people, in a language that writes it joined and
/// that the inflection tables do not cover: Hindi, Marathi and Nepali "एस्टोनियन" and
/// "एस्टोनियाई" (Estonian) from "एस्टोनिया" (Estonia), "भारतीय" from "भारत".
fn derived_adjective(original: &str, form: &str, lang: &str) -> bool {
    const INDO_ARYAN: &[&str] = &["न", "ई", "ाई", "ी", "ीय"];
    // The final ā of "-iyā" gives way to the suffix: "एस्टोनिया" + "न" is "एस्टोनियन".
    let base = form.strip_suffix('\u{93E}').unwrap_or(form);
    matches!(crate::lang_tag::primary_subtag(lang), "hi" | "mr" | "ne")
        && [form, base].iter().any(|stem| {
            original
                .strip_prefix(stem)
                .is_some_and(|rest| INDO_ARYAN.contains(&rest))
        })
}

/// The consonant skeleton of `s` (see [`same_consonants`]), if it is written in one of
/// those scripts.
fn consonants(s: &str) -> Option<String> {
    let mut counts = false;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some(script) = crate::text::script_of(c) {
            counts |= matches!(
                script,
                crate::text::Script::Arabic | crate::text::Script::Hebrew
            );
        }
        let skip = matches!(
            c,
            ' ' | 'ا'
                | 'ى'
                | 'و'
                | 'ي'
                | 'ء'
                | 'آ'
                | 'أ'
                | 'إ'
                | 'ؤ'
                | 'ئ'
                | 'ה'
                | 'ו'
                | 'י'
                | 'א'
        );
        if skip {
            continue;
        }
        if let Some(c) = brahmic_consonant(c) {
            counts = true;
            out.extend(c);
            continue;
        }
        // Arabic writes a foreign g as غ, ج or گ by region ("غريفندور"/"جريفندور"), a
        // foreign ch as تش or ش ("ميتشيغان"/"ميشيغان"), and a doubled Latin consonant once
        // or twice ("مانينغ"/"ماننينغ").
        let c = match c {
            'غ' | 'گ' => 'ج',
            'ز' => 'س',
            c => c,
        };
        if matches!(c, 'ش' | 'س') && out.ends_with('ت') {
            out.pop();
        }
        if !(out.ends_with(c) && crate::text::script_of(c) == Some(crate::text::Script::Arabic)) {
            out.push(c);
        }
    }
    counts.then_some(out)
}

/// For a letter of the Brahmic scripts of India (U+0900 to U+0D7F, nine blocks of 128 laid
/// out alike after ISCII), `Some` of the consonant it stands for in a skeleton, or
/// `Some(None)` for what a skeleton drops; `None` for any other character.
fn brahmic_consonant(c: char) -> Option<Option<char>> {
    let code = c as u32;
    if !(0x900..0xD80).contains(&code) {
        return None;
    }
    let block = code & !0x7F;
    let offset = code & 0x7F;
    let to = |o: u32| char::from_u32(block + o);
    Some(match offset {
        // Signs (nasal marks, visarga, nukta, vowel signs, virama, stress), independent
        // vowels, vocalic letters and their signs.
        0x00..=0x03 | 0x04..=0x14 | 0x3A..=0x4F | 0x51..=0x57 | 0x60..=0x63 | 0x72..=0x77 => None,
        // Retroflex stops and nasal as dental: ट ठ ड ढ ण → त थ द ध न.
        0x1F..=0x23 => to(offset + 5),
        // श ष → स.
        0x36 | 0x37 => to(0x38),
        // The glide य.
        0x2F => None,
        // Letters with a nukta, as one code point: क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ → their base.
        0x58..=0x5F => match offset {
            0x58 => to(0x15),
            0x59 => to(0x16),
            0x5A => to(0x17),
            0x5B => to(0x1C),
            0x5C => to(0x26),
            0x5D => to(0x27),
            0x5E => to(0x2B),
            _ => None,
        },
        _ => Some(c),
    })
}

fn finding(doc: &Document, span: Span, c: Candidate) -> Finding {
    let entry = doc.index.entry(c.target.entry);
    let original = &doc.text[span.start..span.end];
    let how = c.how;
    Finding {
        rule: Rule::NearMiss,
        severity: Rule::NearMiss.severity(),
        span,
        message: format!(
            "{} is close to {} ({}): similarity {:.2}{how}",
            quoted(original),
            quoted(c.target.form),
            entry.kind.as_str(),
            c.similarity
        ),
        entry: entry.id.clone(),
        matched: c.target.form.to_string(),
        similarity: Some((c.similarity * 100.0).round() / 100.0),
        confidence: Some((c.confidence * 100.0).round() / 100.0),
        unit: None,
        fix: Some(Fix::replace(
            span,
            fitted_replacement(original, &inflected(c.target.form, c.ending.as_ref())),
            Rule::NearMiss.fix_applicability(),
        )),
    }
}

/// `form` with an inflected spelling's ending: its last `strip` letters replaced by it.
fn inflected(form: &str, ending: Option<&(usize, String)>) -> String {
    let Some((strip, ending)) = ending else {
        return form.to_string();
    };
    let mut cut = form.len();
    for _ in 0..*strip {
        // Marks after a letter go with it.
        for (i, c) in form[..cut].char_indices().rev() {
            cut = i;
            if !crate::text::is_ignorable(c) && !is_mark(c) {
                break;
            }
        }
    }
    format!("{}{ending}", &form[..cut])
}

fn is_mark(c: char) -> bool {
    use unicode_normalization::char::is_combining_mark;
    is_combining_mark(c)
}

/// "malians" after "malian", "macrons" after "macron": a name with an ending, not a new
/// name. A spelling that stops short of the name ("Wazir" for "Waziri") is a slip in the
/// scripts that write their vowels; in Arabic and Hebrew a name's last letter is written
/// several ways (ه, ة, ي), and a shorter spelling is most often one of them.
fn is_inflection(key: &str, target: &str) -> bool {
    (key.len() > target.len() && key.starts_with(target))
        || (target.len() > key.len() && target.starts_with(key) && is_abjad(key))
}

/// Whether `key` is written in a script that leaves most vowels unwritten.
fn is_abjad(key: &str) -> bool {
    use crate::text::Script;
    matches!(
        crate::text::dominant_script(key),
        Some(Script::Arabic | Script::Hebrew)
    )
}

/// Words of one name are separated by exactly one space, hyphen or apostrophe.
fn joined_as_name(text: &str, a: &Token, b: &Token) -> bool {
    matches!(&text[a.end..b.start], " " | "-" | "'")
}

/// Whether the word at `s..e` of the text is an ordinary word of the language, written as it is
/// but in lower case (`lower` is scratch space). Arabic and Hebrew words are looked up
/// without their vowel signs, which writers add at will and the lexicons leave out: "المدرّب"
/// (the coach) is "المدرب", and "مالكًا" (an owner, accusative) is "مالك".
fn is_ordinary(
    doc: &Document,
    (s, e): (usize, usize),
    lexicon: &Lexicon,
    lower: &mut String,
) -> bool {
    lower.clear();
    let word = &doc.text[s..e];
    if word.is_ascii() {
        lower.push_str(word);
        lower.make_ascii_lowercase();
    } else {
        lower.extend(word.nfc().flat_map(char::to_lowercase));
    }
    if lexicon.contains(lower) {
        return true;
    }
    if !lower.chars().any(is_vowel_sign) {
        return false;
    }
    // The indefinite accusative ending -an is a sign over an alef that is written only for it.
    let bare = lower
        .strip_suffix("\u{64b}\u{627}")
        .or_else(|| lower.strip_suffix("\u{627}\u{64b}"))
        .unwrap_or(lower);
    let bare: String = bare.chars().filter(|c| !is_vowel_sign(*c)).collect();
    lexicon.contains(&bare)
}

/// Arabic harakat, tanween, shadda and sukun, the superscript alef, and Hebrew points.
fn is_vowel_sign(c: char) -> bool {
    matches!(c, '\u{64b}'..='\u{652}' | '\u{670}' | '\u{591}'..='\u{5c7}')
}

/// Folded ranges of every hit, merged into disjoint sorted ranges: words inside a known form
/// are not near-misses.
fn covered_ranges(doc: &Document) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = doc
        .hits
        .iter()
        .map(|h| (h.folded_start, h.folded_end))
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// The disjoint sorted ranges from the first that ends after the spans asked about so far
/// start: the window asks of every span of every position, in the order of their starts, and
/// a search over every name of a long file for each was a quarter of the rule.
struct Ahead<'r> {
    ranges: &'r [(usize, usize)],
}

impl<'r> Ahead<'r> {
    fn new(ranges: &'r [(usize, usize)]) -> Self {
        Ahead { ranges }
    }

    /// Whether `[start, end)` overlaps one of the ranges; `start` never less than the last
    /// call's.
    fn overlaps(&mut self, start: usize, end: usize) -> bool {
        while self.ranges.first().is_some_and(|r| r.1 <= start) {
            self.ranges = &self.ranges[1..];
        }
        self.ranges.first().is_some_and(|r| r.0 < end)
    }
}

/// Whether the original span `os..oe` overlaps a finding of `found` (the rule's findings so
/// far, in the order they were made) that ends near or after `from`: the passes that
/// weigh spans behind the window (`parts`, `spacing`) never report over one.
fn overlaps_recent(found: &[Finding], from: usize, (os, oe): (usize, usize)) -> bool {
    found
        .iter()
        .rev()
        .take_while(|f| f.span.end + 4096 > from)
        .any(|f| f.span.start < oe && os < f.span.end)
}

/// Whether `[start, end)` overlaps one of the disjoint sorted `ranges`.
fn overlaps_any(ranges: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = ranges.partition_point(|r| r.0 < end);
    i > 0 && ranges[i - 1].1 > start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::*;
    use crate::check::{check, CheckOptions};
    use crate::glossary::{Glossary, Index};
    use std::sync::Arc;

    fn world(lang: &str) -> Index {
        let mut loader = crate::glossary::Loader::new();
        loader.add_builtin(
            crate::glossary::builtin::WORLD_PATH,
            crate::glossary::builtin::WORLD,
        );
        Index::new(Arc::new(loader.finish().unwrap()), lang)
    }

    /// Korean writes particles on names, and Hangul folds to letters (jamo): a slip of one
    /// letter is found through the particle, which stays in the fix; the name with its
    /// particle is the name.
    #[test]
    fn korean_names_keep_their_particles() {
        let toml = "[[entry]]\nid = \"putin\"\nkind = \"person\"\n[entry.forms.ko]\ncanonical = \"푸틴\"\n\n[[entry]]\nid = \"zelensky\"\nkind = \"person\"\n[entry.forms.ko]\ncanonical = \"젤렌스키\"\n";
        let index = Index::new(
            Arc::new(Glossary::from_toml("ko.toml", toml).unwrap()),
            "ko",
        );
        assert_eq!(
            near_misses(&index, "푸틴은 화요일 젤렌스키와 전화 통화를 했다."),
            []
        );
        assert_eq!(
            near_misses(&index, "푸친은 화요일 젤렌스키와 전화 통화를 했다."),
            [("푸친은".to_string(), Some("푸틴은".to_string()))]
        );
    }

    /// A short name through another romanisation that writes one vowel more is found; one
    /// consonant more is another name, and the silent u of "qu" is a spelling of the
    /// language, not a romanisation.
    #[test]
    fn a_short_name_romanised_with_one_vowel_more_is_found() {
        let toml = "[[entry]]\nid = \"dnieper\"\nkind = \"place\"\n[entry.forms.de]\ncanonical = \"Dnjepr\"\n";
        let index = Index::new(
            Arc::new(Glossary::from_toml("dnieper.toml", toml).unwrap()),
            "de",
        );
        assert_eq!(
            near_misses(
                &index,
                "Moskau beschließt, breitere Gebiete östlich des Dnieper-Flusses zu erobern."
            ),
            [("Dnieper".to_string(), Some("Dnjepr".to_string()))]
        );
        assert!(one_vowel_apart(&romanised("dnieper"), &romanised("dnjepr")));
        assert!(!one_vowel_apart(
            &romanised("mayans"),
            &romanised("malians")
        ));
        assert!(!one_vowel_apart(
            &romanised("paquistan"),
            &romanised("pakistan")
        ));
        let en = world("en");
        assert_eq!(
            near_misses(
                &en,
                "The Mayans built cities long before the Malians traded gold."
            ),
            []
        );
        let es = world("es");
        assert_eq!(near_misses(&es, "¿Cuál es la capital de Paquistán?"), []);
    }

    fn near_misses(index: &Index, text: &str) -> Vec<(String, Option<String>)> {
        check(index, text, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.rule == Rule::NearMiss)
            .map(|f| {
                (
                    text[f.span.start..f.span.end].to_string(),
                    f.replacement().map(str::to_string),
                )
            })
            .collect()
    }

    /// Django's translations of its language names (Django 5.1.4): the English "Kannada"
    /// kept in the Spanish list is the language, not "Canadá"; "Lower Sorbian" is a
    /// language, and its "Sorbian" no slip of "Serbian"; Hindi writes "मार्टिनिक" for CLDR's
    /// "मार्टीनिक" (i18n-iso-countries), another spelling. A slip is still one.
    #[test]
    fn names_of_languages_and_other_spellings_are_not_slips() {
        assert_eq!(near_misses(&world("es"), "msgstr \"Kannada\""), []);
        assert_eq!(
            near_misses(&world("en-AU"), "Lower Sorbian, Upper Sorbian"),
            []
        );
        assert_eq!(near_misses(&world("hi"), "मार्टिनिक और मॉरितानिया"), []);
        // Django's Hindi names of languages: the adjective of the country.
        assert_eq!(near_misses(&world("hi"), "एस्टोनियन और रोमानियन"), []);
        assert_eq!(
            near_misses(&world("pt-BR"), "msgstr \"Espanhol Venuzuelano\""),
            [("Venuzuelano".to_string(), Some("Venezuela".to_string()))]
        );
    }

    /// EA-MT human Arabic: g written غ or ج, a foreign z as س, a proclitic ل on a name with
    /// a vowel letter more are other spellings of the name; a dropped consonant is a slip.
    #[test]
    fn arabic_spelling_conventions_are_the_same_name() {
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "gryffindor"
kind = "other"
[entry.forms.ar]
canonical = "غريفندور"
[[entry]]
id = "broncos"
kind = "organisation"
[entry.forms.ar]
canonical = "دنفر برونكوز"
[[entry]]
id = "pennsylvania"
kind = "place"
[entry.forms.ar]
canonical = "بنسلفانيا"
[[entry]]
id = "phillies"
kind = "organisation"
[entry.forms.ar]
canonical = "فيلادلفيا فيليز"
"#,
        )
        .unwrap();
        let ar = Index::new(Arc::new(g), "ar");
        for text in [
            "هل تم تصنيف هاري بوتر لينضم إلى منزل جريفندور؟",
            "مع فريق دنفر برونكوس",
            "مَن هو آخر حاكم لبنسيلفانيا؟",
        ] {
            assert_eq!(near_misses(&ar, text), [], "{text}");
        }
        assert_eq!(
            near_misses(&ar, "في أي سنة التحق مدرب فيلاديفيا فيليز بالجامعة؟"),
            [(
                "فيلاديفيا فيليز".to_string(),
                Some("فيلادلفيا فيليز".to_string())
            )]
        );
    }

    /// EA-MT human German, with the EA-MT entity "Der weiße Hai" (the film): "Weiße Haus"
    /// is the White House, another phrase of ordinary words; a misspelt word is a slip.
    #[test]
    fn another_ordinary_word_makes_another_phrase() {
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "jaws"
kind = "other"
[entry.forms.de]
canonical = "Weiße Hai"
"#,
        )
        .unwrap();
        let de = Index::new(Arc::new(g), "de");
        assert_eq!(near_misses(&de, "Wie viele Zimmer hat das Weiße Haus?"), []);
        assert_eq!(
            near_misses(&de, "Wer drehte Der Weiße Haai?"),
            [("Weiße Haai".to_string(), Some("Weiße Hai".to_string()))]
        );
    }

    /// i18n-iso-countries: a word inside a longer title-case name is that name's part
    /// ("Terras Austrais e Antárticas Francesas" is not Austria); in German, where every
    /// noun has a capital, a slip between nouns is still one (WMT23: "Bürger Zimbabwes hat
    /// Zugang").
    #[test]
    fn a_word_inside_a_longer_title_is_part_of_it() {
        assert_eq!(
            near_misses(&world("pt"), "Terras Austrais e Antárticas Francesas"),
            []
        );
        assert_eq!(
            near_misses(
                &world("de"),
                "der 16 Millionen Bürger Zimbabwes hat Zugang zu Strom"
            ),
            [("Zimbabwes".to_string(), Some("Simbabwes".to_string()))]
        );
    }

    /// Human German from the EA-MT data: a genitive or a dative plural of a country or its
    /// people is that name inflected, not a near-miss of another country.
    #[test]
    fn an_inflected_name_is_the_name() {
        let de = world("de");
        for text in [
            "Welche Stadt ist die Hauptstadt Nordkoreas?",
            "Wie lang ist die Küste Kambodschas?",
            "Was verdankt die Welt den alten Ägyptern?",
        ] {
            assert_eq!(near_misses(&de, text), [], "{text}");
        }
    }

    /// A wrong spelling with a case ending is found by its stem, and the fix keeps the
    /// ending: "Kambodschias" → "Kambodschas".
    #[test]
    fn an_inflected_wrong_spelling_keeps_its_ending() {
        let de = world("de");
        assert_eq!(
            near_misses(&de, "Wie lang ist die Küste Kambodchas?"),
            [("Kambodchas".to_string(), Some("Kambodschas".to_string()))]
        );
        // A short stem carries no edit: "Weiße Haus" is not "Weiße Hai" with an "s".
        let g = Glossary::from_toml(
            "g.toml",
            "[[entry]]\nid = \"jaws\"\nkind = \"other\"\n[entry.forms.de]\ncanonical = \"Weiße Hai\"\n",
        )
        .unwrap();
        let jaws = Index::new(Arc::new(g), "de");
        let found = near_misses(&jaws, "Wer wohnt im Weiße Haus?");
        assert!(
            found
                .iter()
                .all(|(_, fix)| fix.as_deref() != Some("Weiße Hais")),
            "{found:?}"
        );
        let ru = world("ru");
        assert_eq!(
            near_misses(&ru, "Столица Камбаджи — Пномпень."),
            [("Камбаджи".to_string(), Some("Камбоджи".to_string()))]
        );
    }

    /// The index and this rule split text into words the same way: a Latin name inside
    /// Chinese text is a word for both, listed or not.
    #[test]
    fn latin_names_inside_unspaced_text_are_words_for_every_rule() {
        assert_finds(
            "the 在Qasimi Quetta行动 force",
            Rule::KnownVariant,
            "Qasimi Quetta",
            "Assimi Goïta",
        );
        assert_finds("the 在Takoba行动 force", Rule::NearMiss, "Takoba", "Takuba");
    }

    #[test]
    fn finds_vowel_drift_without_a_listed_variant() {
        assert_finds(
            "the \"Takoba Force\" will withdraw",
            Rule::NearMiss,
            "Takoba",
            "Takuba",
        );
        assert_finds(
            "military bases in Tassalit, Kidal and Timbuktu",
            Rule::NearMiss,
            "Tassalit",
            "Tessalit",
        );
        let f = &check_en("the Takoba force")[0];
        assert_eq!(f.similarity, Some(0.83));
        assert!(f.message.ends_with("similarity 0.83"), "{}", f.message);
    }

    #[test]
    fn real_words_and_other_entries_are_not_near_misses() {
        let text = "Bali and Mali; the Tiger of Niger; Malians and Nigeriens; tassalit";
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "mali"
kind = "place"
[entry.forms.en]
canonical = "Mali"
[[entry]]
id = "bali"
kind = "place"
[entry.forms.en]
canonical = "Bali"
[[entry]]
id = "niger"
kind = "place"
[entry.forms.en]
canonical = "Niger"
[[entry]]
id = "tessalit"
kind = "place"
[entry.forms.en]
canonical = "Tessalit"
[[entry]]
id = "malian"
kind = "demonym"
[entry.forms.en]
canonical = "Malian"
"#,
        )
        .unwrap();
        let index = Index::new(Arc::new(g), "en");
        let findings = check(&index, text, &CheckOptions::default());
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn finds_a_transliterated_name_that_no_one_listed() {
        let g = Glossary::from_toml(
            "g.toml",
            "[[entry]]\nid = \"assimi-goita\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"Assimi Goïta\"\n",
        )
        .unwrap();
        let index = Index::new(Arc::new(g), "en");
        let findings = check(
            &index,
            "the ruler of Mali, Qasimi Quetta, said",
            &CheckOptions::default(),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].rule, Rule::NearMiss);
        assert_eq!(findings[0].replacement(), Some("Assimi Goïta"));
        assert!(findings[0].message.contains("by transliteration"));
    }

    /// Real EA-MT questions: a vocalised ordinary word is the word ("the coach", "the
    /// godfather", "an owner"), not Morocco, Iraq or Malta; the same words written
    /// badly are still near-misses.
    #[test]
    fn vowel_signs_do_not_hide_an_ordinary_arabic_word() {
        let ar = world("ar");
        for text in [
            "كم عُمر المدرّب الحالي لفريق \"نيويورك نيكس\"؟",
            "مَن العرّاب في الحياة الواقعية؟",
            "من كان آخر عضو في الكونغرس الأمريكي كان مالكًا للعبيد؟",
        ] {
            assert_eq!(near_misses(&ar, text), vec![], "{text}");
        }
        assert_eq!(
            near_misses(&ar, "زار الرئيسُ موريتانبا أمس."),
            vec![("موريتانبا".to_string(), Some("موريتانيا".to_string()))]
        );
    }

    /// A word that no shorter span looked at still counts against "only ordinary words":
    /// "Grand Takoba Park" is not three ordinary words because "Grand Takoba" names nothing.
    #[test]
    fn every_word_of_a_span_is_weighed() {
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "park"
kind = "place"
[entry.forms.en]
canonical = "Grand Takuba Park"
"#,
        )
        .unwrap();
        let index = Index::new(Arc::new(g), "en");
        assert_eq!(
            near_misses(&index, "They walked in the Grand Takoba Park."),
            vec![(
                "Grand Takoba Park".to_string(),
                Some("Grand Takuba Park".to_string())
            )]
        );
    }

    /// Katakana names in unspaced Japanese: a sound changed, cut short. Spellings by another
    /// convention of the same sounds are the same name ("ウラジミール" for "ウラジーミル",
    /// "セレンスキー" for "ゼレンスキー", as "ジェームス" and "ジェームズ" are both in use).
    #[test]
    fn a_katakana_name_inside_unspaced_text_is_found() {
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "putin"
kind = "person"
[entry.forms.ja]
canonical = "ウラジーミル・プーチン"
[[entry]]
id = "zelensky"
kind = "person"
[entry.forms.ja]
canonical = "ゼレンスキー"
"#,
        )
        .unwrap();
        let ja = Index::new(Arc::new(g), "ja");
        assert_eq!(
            near_misses(&ja, "ウラジーミル・ピーチン大統領は会談した。"),
            vec![(
                "ウラジーミル・ピーチン".to_string(),
                Some("ウラジーミル・プーチン".to_string())
            )]
        );
        assert_eq!(
            near_misses(&ja, "ゼランスキー大統領は述べた。"),
            vec![("ゼランスキー".to_string(), Some("ゼレンスキー".to_string()))]
        );
        assert_eq!(
            near_misses(&ja, "ウラジミール・プーチンとセレンスキー。"),
            vec![]
        );
        assert_eq!(
            near_misses(&ja, "プーチン大統領とゼレンスキー大統領。"),
            vec![]
        );
        assert_eq!(near_misses(&ja, "ピザを食べた。"), vec![]);
    }

    /// A name cut short is a slip where vowels are written (WMT23: "Wazir" for the
    /// Nigerian minister Mostafa Waziri, named in full earlier, as "Wazir" is also a known
    /// name), not in Arabic, whose names end in letters written
    /// several ways ("بيونسي" and "بيونسيه" for Beyoncé).
    #[test]
    fn a_name_cut_short_is_a_slip_outside_abjads() {
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "waziri"
kind = "person"
[entry.forms.de]
canonical = "Waziri"
[[entry]]
id = "beyonce"
kind = "person"
[entry.forms.ar]
canonical = "بيونسيه"
"#,
        )
        .unwrap();
        let g = Arc::new(g);
        let de = Index::new(Arc::clone(&g), "de");
        assert_eq!(
            near_misses(
                &de,
                "Waziri sprach zuerst. Dann erklärte Wazir, dass die Preise steigen."
            ),
            vec![("Wazir".to_string(), Some("Waziri".to_string()))]
        );
        let ar = Index::new(g, "ar");
        assert_eq!(near_misses(&ar, "متى وُلدت بيونسي؟"), vec![]);
    }

    /// German writes the parts of a compound joined or hyphenated, a name among them: that is
    /// the language's spelling of the name, not a slip; a space where the name has none is.
    #[test]
    fn a_compound_in_a_compounding_language_is_the_name() {
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "f1"
kind = "other"
[entry.forms.de]
canonical = "Formel 1"
[entry.forms.en]
canonical = "Formula One"
[[entry]]
id = "pulitzer"
kind = "other"
[entry.forms.de]
canonical = "Pulitzer-Preis"
[[entry]]
id = "yosemite"
kind = "place"
[entry.forms.de]
canonical = "Yosemite Nationalpark"
"#,
        )
        .unwrap();
        let de = Index::new(Arc::new(g), "de");
        let text = "Wer gewann das erste Formel-1-Rennen? Sie bekam zwei Pulitzerpreise. \
                    Wie groß ist der Yosemite-Nationalpark?";
        assert_eq!(near_misses(&de, text), vec![]);
        assert_eq!(
            near_misses(&de, "Wer bekam den Pulitzer Preis?"),
            vec![(
                "Pulitzer Preis".to_string(),
                Some("Pulitzer-Preis".to_string())
            )]
        );
        assert!(!is_compounding("en") && is_compounding("de-CH") && is_compounding("nl"));
        assert!(!is_compound_of("formel 2", "formel 1", None));
    }

    /// What a spelling alone decides is kept from one document to the next, what a document
    /// shows is not: "Aleut" (a language, a known name) is not a slip of the place "Alert"
    /// unless the document names Alert, in whichever order the documents come.
    #[test]
    fn a_document_s_own_evidence_is_never_carried_to_the_next() {
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "alert"
kind = "place"
[entry.forms.en]
canonical = "Alert"
"#,
        )
        .unwrap();
        let index = Index::new(Arc::new(g), "en");
        let quiet = "The Aleut people live on the islands.";
        let pointed = "Alert is in Nunavut. The Aleut station reported snow.";
        assert_eq!(near_misses(&index, quiet), vec![]);
        assert_eq!(
            near_misses(&index, pointed),
            vec![("Aleut".to_string(), Some("Alert".to_string()))]
        );
        assert_eq!(near_misses(&index, quiet), vec![]);
    }

    /// The seed article's "Hassan Ouattara", with a glossary that lists only the right form:
    /// the family name is right, the given name re-heard. Another given name altogether is
    /// another person, and a family name alone is not reported.
    #[test]
    fn a_person_with_one_name_part_changed_is_found() {
        let g = Glossary::from_toml(
            "g.toml",
            "[[entry]]\nid = \"alassane-ouattara\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"Alassane Ouattara\"\n",
        )
        .unwrap();
        let index = Index::new(Arc::new(g), "en");
        let text = "Ivorian President Hassan Ouattara called for calm.";
        let findings = check(&index, text, &CheckOptions::default());
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let f = &findings[0];
        assert_eq!(
            (f.rule, &text[f.span.start..f.span.end], f.replacement()),
            (Rule::NearMiss, "Hassan Ouattara", Some("Alassane Ouattara"))
        );
        assert!(
            f.message.ends_with("one name part changed"),
            "{}",
            f.message
        );
        for other in [
            "Dominique Ouattara, the first lady, spoke.",
            "Ouattara called for calm.",
        ] {
            assert!(
                check(&index, other, &CheckOptions::default()).is_empty(),
                "{other}"
            );
        }
    }

    /// Another person of the same given name is no slip: the family name tells people
    /// apart. A family name respelt, or every part respelt, still is one.
    #[test]
    fn a_shared_given_name_beside_another_family_name_is_another_person() {
        let g = Glossary::from_toml(
            "g.toml",
            "[[entry]]\nid = \"john-adams\"\nkind = \"person\"\n[entry.forms.en]\ncanonical = \"John Adams\"\n\n[[entry]]\nid = \"charles-darwin\"\nkind = \"other\"\n[entry.forms.en]\ncanonical = \"Charles Darwin\"\n\n[[entry]]\nid = \"percy-jackson\"\nkind = \"other\"\n[entry.forms.ja]\ncanonical = \"パーシー・ジャクソン\"\n",
        )
        .unwrap();
        let g = Arc::new(g);
        let en = Index::new(Arc::clone(&g), "en");
        for quiet in [
            "Has John Stamos performed with the Beach Boys?",
            "Which famous Hollywood actor had the middle name of Charles Durman?",
        ] {
            let findings = check(&en, quiet, &CheckOptions::default());
            assert!(findings.is_empty(), "{quiet}: {findings:#?}");
        }
        let text = "Did John Adems sign the Declaration?";
        let findings = check(&en, text, &CheckOptions::default());
        assert_eq!(
            findings
                .iter()
                .map(|f| (&text[f.span.start..f.span.end], f.replacement()))
                .collect::<Vec<_>>(),
            [("John Adems", Some("John Adams"))]
        );
        // Peter Jackson is not Percy Jackson, in katakana either.
        let ja = Index::new(g, "ja");
        let quiet = "ピーター・ジャクソンが初めてアカデミー賞を獲得したのはいつですか？";
        let findings = check(&ja, quiet, &CheckOptions::default());
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn overlap_queries_see_merged_ranges() {
        let ranges = [(0, 5), (10, 20), (30, 31)];
        assert!(overlaps_any(&ranges, 4, 6));
        assert!(!overlaps_any(&ranges, 5, 10));
        assert!(overlaps_any(&ranges, 12, 13));
        assert!(!overlaps_any(&ranges, 20, 30));
        assert!(overlaps_any(&ranges, 0, 100));
        assert!(!overlaps_any(&[], 0, 100));
        // Asked in the order of the spans' starts, as the window asks.
        let mut ahead = Ahead::new(&ranges);
        let asked = [(0, 3), (4, 6), (5, 10), (6, 12), (12, 13), (20, 30)];
        let answers: Vec<bool> = asked.iter().map(|&(s, e)| ahead.overlaps(s, e)).collect();
        let expected: Vec<bool> = asked
            .iter()
            .map(|&(s, e)| overlaps_any(&ranges, s, e))
            .collect();
        assert_eq!(answers, expected);
        assert_eq!(answers, [true, true, false, true, true, false]);
    }

    #[test]
    fn thresholds_are_configurable() {
        let strict = NearMissOptions {
            min_length: 7,
            ..NearMissOptions::default()
        };
        let options = CheckOptions {
            near_miss: strict,
            ..CheckOptions::default()
        };
        assert!(check(&index("en"), "the Takoba force", &options).is_empty());
        // "Takoba" is 0.83 from "Takuba": reported with that confidence, and not above it.
        let found = check(&index("en"), "the Takoba force", &CheckOptions::default());
        assert_eq!(found[0].confidence, Some(0.83));
        let quiet = CheckOptions {
            near_miss: NearMissOptions {
                min_confidence: 0.85,
                ..NearMissOptions::default()
            },
            ..CheckOptions::default()
        };
        assert!(check(&index("en"), "the Takoba force", &quiet).is_empty());
        assert_eq!(NearMissOptions::default().edits_allowed(4), None);
        assert_eq!(NearMissOptions::default().edits_allowed(6), Some(1));
        assert_eq!(NearMissOptions::default().edits_allowed(12), Some(2));
    }
}
