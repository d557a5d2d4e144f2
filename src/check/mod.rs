//! The checker: runs every rule over one text in one language and returns its findings.
//!
//! The flow is one fold of the text, one pass that finds every glossary form, then a
//! verdict per hit ([`classify`]): correct, a listed wrong form, a forbidden form, or a case or
//! diacritics slip of a correct form. Confusables are judged against the document's context,
//! and the words no hit covers are searched for near-misses. Overlapping findings are resolved
//! last: a listed form beats a context decision, which beats a spelling slip, which beats a
//! fuzzy guess. This room reads no files and prints nothing.
//!
//! Two tests apply to every rule that judges a spelling by the text's language: a name in
//! a passage that its function words show to be in another language (an untranslated
//! paragraph) is that language's and is not judged; and a place, group or thing right after
//! a capitalised name part that no hit covers belongs to that other name ("Steve Greenland").

mod bilingual;
mod case;
mod context;
mod diacritics;
mod forbidden;
mod foreign;
mod known_variant;
mod near_miss;
mod script;

pub use bilingual::{Bilingual, UnitText};
pub use foreign::ForeignFormOptions;
pub use near_miss::NearMissOptions;
pub use script::{LatinPolicy, ScriptMismatchOptions};

use crate::finding::{Applicability, Finding, Rule};
use crate::glossary::{CasePolicy, DiacriticsPolicy, Entry, FormRef, Hit, Index, Role};
use crate::text::{
    address_spans, fold_key_in, paragraph_bounds, sentence_bounds, Folded, FormKey, Span,
};
use std::cell::{OnceCell, RefCell};

/// What to check and how.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Rules that run; the others are skipped.
    pub rules: Vec<Rule>,
    pub near_miss: NearMissOptions,
    pub script_mismatch: ScriptMismatchOptions,
    pub foreign_form: ForeignFormOptions,
    /// For bilingual files: the source language's index, for the rules that compare a
    /// unit's target with its source.
    pub bilingual: Option<Bilingual>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            rules: Rule::ALL.to_vec(),
            near_miss: NearMissOptions::default(),
            script_mismatch: ScriptMismatchOptions::default(),
            foreign_form: ForeignFormOptions::default(),
            bilingual: None,
        }
    }
}

impl CheckOptions {
    fn runs(&self, rule: Rule) -> bool {
        self.rules.contains(&rule)
    }
}

/// Checks `text` against `index` (built for the text's language) and returns the findings,
/// sorted by position, none overlapping another.
pub fn check(index: &Index, text: &str, options: &CheckOptions) -> Vec<Finding> {
    check_units(index, text, options, &[])
}

/// [`check`], and for each of `units` (translation units whose targets are ranges of
/// `text`), the bilingual rules against its source, when `options` has a source index.
/// Findings inside a unit name it. A span located as a unit's rendering of an entity beats
/// an overlapping monolingual finding on another: the source is the stronger evidence.
/// The most findings checked in one text: a form that matches every few words (a
/// glossary's "of" or "the") makes one finding per match, and a finding takes about 1.5 KB
/// until it is reported; past this many, the rest of the text's matches are not judged. A
/// caller that gets this many says so (see [`capped`]).
pub const MAX_FINDINGS: usize = 10_000;

/// Whether `findings` of one text stopped at [`MAX_FINDINGS`].
pub fn capped(findings: &[Finding]) -> bool {
    findings.len() >= MAX_FINDINGS
}

pub fn check_units(
    index: &Index,
    text: &str,
    options: &CheckOptions,
    units: &[UnitText],
) -> Vec<Finding> {
    let doc = Document::new(index, text);
    let mut findings = Vec::new();
    // A name written exactly as listed, with no confusable behind it, has nothing to report.
    for hit in doc.hits.iter().filter(|h| !h.correct) {
        if findings.len() >= MAX_FINDINGS {
            break;
        }
        let forms = index.forms(hit.pattern);
        let refs = &forms[..];
        let verdict = classify(doc.slice(hit), refs, index);
        let finding = match verdict {
            Verdict::Correct => None,
            Verdict::Unknown => script::finding(&doc, hit, refs, options),
            Verdict::Variant(r) => known_variant::finding(&doc, hit, r),
            Verdict::Forbidden(r) => forbidden::finding(&doc, hit, r),
            Verdict::Case(r) => case::finding(&doc, hit, r),
            Verdict::Diacritics(r) => diacritics::finding(&doc, hit, r),
        };
        findings.extend(finding.filter(|f| options.runs(f.rule)));
        if options.runs(Rule::ContextConfusable) {
            findings.extend(context::findings(&doc, hit, refs));
        }
    }
    if options.runs(Rule::NearMiss) && findings.len() < MAX_FINDINGS {
        findings.extend(near_miss::findings(&doc, &options.near_miss));
    }
    // Addresses are not prose: "france" in https://france.debian.net/ is no country.
    let addresses = address_spans(text);
    if !addresses.is_empty() {
        findings.retain(|f| {
            let i = addresses.partition_point(|&(_, end)| end <= f.span.start);
            addresses
                .get(i)
                .is_none_or(|&(start, _)| start >= f.span.end)
        });
    }
    // A passage in another language (a paragraph left untranslated) writes names as that
    // language does: judged by the file's language, every correct name in it is a finding.
    findings.retain(|f| !judged_by_language(f.rule) || !in_foreign_passage(&doc, f.span));
    // "Steve Greenland" is a person, not Greenland written in English: a place, group or
    // thing right after a name part the glossary does not know belongs to that other name.
    findings.retain(|f| !judged_as_spelling(f.rule) || !after_other_name(&doc, f));
    for f in &mut findings {
        unless_known_name(&doc, f);
    }
    let mut findings = resolve_overlaps(findings);
    if let Some(b) = options.bilingual.as_ref().filter(|_| !units.is_empty()) {
        let runs = |r: Rule| options.runs(r);
        let mut extra = Vec::new();
        let mut dropped = vec![false; findings.len()];
        // Findings are in order of position and units do not overlap: each unit reads only
        // its own, so that a file of many units stays linear.
        for unit in units {
            let lo = findings.partition_point(|f| f.span.start < unit.target.start);
            let hi = findings.partition_point(|f| f.span.start < unit.target.end);
            let found = bilingual::check_unit(
                &doc,
                b,
                unit,
                &mut findings[lo..hi],
                &mut dropped[lo..hi],
                &runs,
            );
            for (k, f) in findings[lo..hi].iter().enumerate() {
                dropped[lo + k] |= found
                    .iter()
                    .any(|x| !x.span.is_empty() && x.span.overlaps(&f.span));
            }
            extra.extend(found);
        }
        let mut k = 0;
        findings.retain(|_| {
            k += 1;
            !dropped[k - 1]
        });
        findings.extend(extra);
        findings.sort_by_key(|f| (f.span.start, f.span.end));
    }
    findings.truncate(MAX_FINDINGS);
    findings
}

/// Whether `rule` judges a spelling by the file's language (and so must not judge a
/// passage written in another).
fn judged_by_language(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::NearMiss
            | Rule::WrongDiacritics
            | Rule::WrongCase
            | Rule::ScriptMismatch
            | Rule::ForeignForm
    )
}

/// Whether `rule` judges how an entity's own form is spelt or rendered (not a near-miss,
/// which has its own test of neighbouring name parts).
fn judged_as_spelling(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::WrongDiacritics | Rule::WrongCase | Rule::ScriptMismatch | Rule::ForeignForm
    )
}

/// Whether the finding's span follows, after one space, a capitalised word that no hit
/// covers and that is either no ordinary word of the text's language or a known name: a
/// part of another name ("Steve Greenland", "Debian Switzerland"). A person's family name
/// after a given name is that person's ("Assimi Goita"), so persons are left out.
fn after_other_name(doc: &Document, f: &Finding) -> bool {
    if doc
        .index
        .entry_by_id(&f.entry)
        .is_none_or(|e| e.kind == crate::glossary::Kind::Person)
    {
        return false;
    }
    let Some(before) = doc.text[..f.span.start].strip_suffix([' ', '\u{a0}']) else {
        return false;
    };
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '-')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[start..];
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let i = doc.hits.partition_point(|h| h.end <= start);
    if doc.hits.get(i).is_some_and(|h| h.start < before.len()) {
        return false;
    }
    let lang = doc.index.lang();
    let lower: String = word.chars().flat_map(char::to_lowercase).collect();
    let ordinary = crate::text::lexicon(lang).is_some_and(|l| l.contains(&lower));
    !ordinary || crate::text::is_known_name(lang, word)
}

/// Bytes of context each side of a name, when its sentence alone does not tell its
/// language (a heading, a list item).
const PASSAGE_CONTEXT: usize = 400;

/// Whether the passage around `span` is written in another language than the file's:
/// its sentence, or when that is too short to tell, the paragraph around it, at most
/// [`PASSAGE_CONTEXT`] bytes each side. Both are found around the span alone, so that a
/// finding in a long document does not segment all of it.
fn in_foreign_passage(doc: &Document, span: Span) -> bool {
    let lang = doc.index.lang();
    let text = doc.text;
    // The paragraph around the span, within the context: it ends at a blank line.
    let from = floor_boundary(text, span.start.saturating_sub(PASSAGE_CONTEXT));
    let to = floor_boundary(text, span.end.saturating_add(PASSAGE_CONTEXT)).max(span.end);
    let start = text[from..span.start]
        .rfind("\n\n")
        .map_or(from, |i| from + i + 2);
    let end = text[span.end..to].find("\n\n").map_or(to, |i| span.end + i);
    let paragraph = &text[start..end];
    let skip = (span.start - start, span.end - start);
    // Its sentence (a sentence longer than the context is cut to it).
    let bounds = crate::text::sentence_bounds(paragraph);
    let i = bounds.partition_point(|&s| s <= skip.0).saturating_sub(1);
    let s_start = bounds.get(i).copied().unwrap_or(0);
    let s_end = bounds
        .get(i + 1)
        .copied()
        .unwrap_or(paragraph.len())
        .max(skip.1);
    let sentence = &paragraph[s_start..s_end];
    let in_sentence = (skip.0 - s_start, skip.1 - s_start);
    if crate::text::tells_language(sentence, in_sentence) {
        return crate::text::foreign_passage(sentence, in_sentence, lang).is_some();
    }
    crate::text::foreign_passage(paragraph, skip, lang).is_some()
}

/// The largest char boundary of `text` at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A text being checked, with what the rules share: its folding, every hit, and lazily its
/// sentence and paragraph boundaries.
pub(crate) struct Document<'a> {
    pub index: &'a Index,
    pub text: &'a str,
    pub folded: Folded,
    /// The hits, leftmost-longest and not overlapping, by start (see `Index::find`).
    pub hits: Vec<Hit>,
    sentences: OnceCell<Vec<usize>>,
    paragraphs: OnceCell<Vec<usize>>,
    /// The evidence of context conditions, per condition and scope (see `context`).
    evidence: RefCell<rustc_hash::FxHashMap<(usize, usize), context::Occurrences>>,
}

impl<'a> Document<'a> {
    fn new(index: &'a Index, text: &'a str) -> Self {
        let folded = Folded::new(text);
        let hits = index.find(&folded, text);
        Document {
            index,
            text,
            folded,
            hits,
            sentences: OnceCell::new(),
            paragraphs: OnceCell::new(),
            evidence: RefCell::default(),
        }
    }

    pub fn slice(&self, hit: &Hit) -> &'a str {
        &self.text[hit.start..hit.end]
    }

    pub fn entry(&self, r: &FormRef) -> &'a Entry {
        self.index.entry(r.entry)
    }

    pub fn sentences(&self) -> &[usize] {
        self.sentences.get_or_init(|| sentence_bounds(self.text))
    }

    pub fn paragraphs(&self) -> &[usize] {
        self.paragraphs.get_or_init(|| paragraph_bounds(self.text))
    }
}

/// What a hit's text is, judged against the forms behind its pattern.
#[derive(Debug)]
pub(crate) enum Verdict<'r> {
    Correct,
    Variant(&'r FormRef<'r>),
    Forbidden(&'r FormRef<'r>),
    Case(&'r FormRef<'r>),
    Diacritics(&'r FormRef<'r>),
    /// No form of the text's language stands behind the pattern, only confusables (the
    /// context rule decides) or other languages' forms (the script rule does).
    Unknown,
}

/// Judges the spelling `text` against `refs`, closest comparison first: a form written
/// exactly (up to normalisation) decides; else one equal but for case; else the folded match.
/// At each level a correct form wins over a wrong one, so that a glossary listing "Goita" as
/// wrong for "Goïta" never reports "Goïta".
pub(crate) fn classify<'r>(text: &str, refs: &'r [FormRef<'r>], index: &Index) -> Verdict<'r> {
    // Most hits are names written right: a correct form written byte for byte decides at
    // once, as the exact level below would, without folding anything.
    if refs.iter().any(|r| is_correct(r) && r.form == text) {
        return Verdict::Correct;
    }
    let exact = fold_key_in(text, FormKey::Exact, index.lang());
    let caseless = fold_key_in(text, FormKey::Caseless, index.lang());
    let shouting = is_all_caps(text);
    let forms = || {
        refs.iter()
            .filter(|r| !matches!(r.role, Role::Confusable(_)))
    };
    let policy = |r: &FormRef| index.entry(r.entry).policy;
    let pick = |level: &dyn Fn(&FormRef) -> bool| {
        let mut wrong = None;
        for r in forms().filter(|r| level(r)) {
            match r.role {
                Role::Canonical | Role::Alternative => return Some(Verdict::Correct),
                Role::Variant(_) => wrong = wrong.or(Some(Verdict::Variant(r))),
                Role::Forbidden(_) => wrong = Some(wrong.unwrap_or(Verdict::Forbidden(r))),
                Role::Confusable(_) | Role::Foreign => {}
            }
        }
        wrong
    };
    let lang = index.lang();
    if let Some(v) = pick(&|r| r.key(FormKey::Exact, lang) == exact) {
        return v;
    }
    let caseless_of = |r: &FormRef| r.key(FormKey::Caseless, lang);
    if let Some(v) = pick(&|r| caseless_of(r) == caseless && (shouting || !is_correct(r))) {
        return v;
    }
    let Some(correct) = forms().find(|r| is_correct(r)) else {
        return pick(&|_| true).unwrap_or(Verdict::Unknown);
    };
    let case_only = forms().find(|r| is_correct(r) && caseless_of(r) == caseless);
    match case_only {
        Some(r) if policy(r).case == CasePolicy::Insensitive => Verdict::Correct,
        Some(r) => Verdict::Case(r),
        None if policy(correct).diacritics == DiacriticsPolicy::Ignore => Verdict::Correct,
        None => pick(&|r| !is_correct(r)).unwrap_or(Verdict::Diacritics(correct)),
    }
}

fn is_correct(r: &FormRef) -> bool {
    matches!(r.role, Role::Canonical | Role::Alternative)
}

/// Text in capitals throughout (at least two letters), as headlines write names.
pub(crate) fn is_all_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            letters += 1;
        }
    }
    letters >= 2
}

/// The replacement for `original` that writes `target` the way the text writes names: in
/// capitals if the original is, keeping the original's line breaks between words and its
/// typographic apostrophe.
pub(crate) fn fitted_replacement(original: &str, target: &str) -> String {
    let mut out = if is_all_caps(original) {
        target.to_uppercase()
    } else {
        target.to_string()
    };
    let original_words: Vec<&str> = original.split_whitespace().collect();
    let target_words: Vec<&str> = out.split(' ').collect();
    if original_words.len() == target_words.len() && original_words.len() > 1 {
        let mut rebuilt = String::with_capacity(out.len());
        let mut rest = original.trim_start();
        for (i, word) in target_words.iter().enumerate() {
            rebuilt.push_str(word);
            if i + 1 < target_words.len() {
                rest = &rest[rest.find(char::is_whitespace).unwrap_or(rest.len())..];
                let gap_len = rest.len() - rest.trim_start().len();
                rebuilt.push_str(&rest[..gap_len]);
                rest = &rest[gap_len..];
            }
        }
        out = rebuilt;
    }
    if original.contains('\u{2019}') {
        out = out.replace('\'', "\u{2019}");
    } else if original.contains('\'') {
        out = out.replace('\u{2019}', "'");
    }
    out
}

/// The fix target for a hit on `r`: `target` with the same ending as the hit's form, and
/// how sure that is. When `target` cannot take the ending, it is shown uninflected and never
/// applied, since an uninflected name would break the sentence's grammar.
pub(crate) fn inflected_target(
    r: &FormRef,
    target: &str,
    applicability: Applicability,
) -> (String, Applicability) {
    match &r.inflection {
        None => (target.to_string(), applicability),
        Some(how) => match how.apply(target) {
            Some(inflected) => (inflected, applicability),
            None => (target.to_string(), Applicability::DisplayOnly),
        },
    }
}

/// Keeps, of findings that overlap, the one of the higher-ranked rule, then the longer span.
fn resolve_overlaps(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        (b.rule.rank(), b.span.len(), a.span.start).cmp(&(
            a.rule.rank(),
            a.span.len(),
            b.span.start,
        ))
    });
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    // The non-empty spans kept, start → end. They do not overlap, so ordered by start they
    // are ordered by end too: of those starting before a span ends, only the last can reach
    // into it. (An empty span overlaps nothing.)
    let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
    for f in findings {
        let overlapping = taken
            .range(..f.span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > f.span.start);
        if !overlapping {
            if !f.span.is_empty() {
                taken.insert(f.span.start, f.span.end);
            }
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| (f.span.start, f.span.end));
    kept
}

/// How a span that folds like a name stands to the ordinary words of the document's
/// language (by its lexicon).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ordinary {
    /// Not an ordinary word (or several words, or no lexicon).
    No,
    /// An ordinary word written as one, in lower case: Portuguese "irá" (will), not Iran.
    Word,
    /// An ordinary word's spelling, capitalised: likely the name, but a fix is a guess.
    Capitalised,
}

/// Whether `text` (one word, as written) is an ordinary word of the document's language.
pub(crate) fn ordinary_word(doc: &Document, text: &str) -> Ordinary {
    ordinary_word_in(doc.index.lang(), text)
}

/// [`ordinary_word`] in language `lang`, for a text that is not the document (a source).
pub(crate) fn ordinary_word_in(lang: &str, text: &str) -> Ordinary {
    use unicode_normalization::UnicodeNormalization;
    if text.is_empty() || text.chars().any(|c| !c.is_alphabetic()) {
        return Ordinary::No;
    }
    let Some(lexicon) = crate::text::lexicon(lang) else {
        return Ordinary::No;
    };
    let word: String = text.nfc().flat_map(char::to_lowercase).collect();
    if !lexicon.contains(&word) {
        Ordinary::No
    } else if text.chars().next().is_some_and(char::is_lowercase) {
        Ordinary::Word
    } else {
        Ordinary::Capitalised
    }
}

/// `finding` as [`ordinary_word`] says: none for an ordinary word in lower case; for its
/// capitalised spelling an unsafe fix instead of a safe one, and a note.
pub(crate) fn unless_ordinary(doc: &Document, mut finding: Finding) -> Option<Finding> {
    let original = &doc.text[finding.span.start..finding.span.end];
    match ordinary_word(doc, original) {
        Ordinary::No => Some(finding),
        Ordinary::Word => None,
        Ordinary::Capitalised => {
            if let Some(fix) = finding.fix.as_mut() {
                fix.applicability = fix.applicability.min(Applicability::Unsafe);
            }
            finding.message.push_str(&format!(
                " (unsafe: “{}” is also an ordinary word in {})",
                original.to_lowercase(),
                doc.index.lang()
            ));
            Some(finding)
        }
    }
}

/// A safe fix never rewrites a known name of the text's language (its own list: CLDR's
/// regional spellings, cities, people): "Estónia" is how Portugal writes Estonia, whatever
/// the glossary's form. A form the glossary itself lists as wrong keeps its safety.
fn unless_known_name(doc: &Document, f: &mut Finding) {
    if matches!(f.rule, Rule::KnownVariant | Rule::ForbiddenForm) {
        return;
    }
    let Some(fix) = f.fix.as_mut() else {
        return;
    };
    if fix.applicability != Applicability::Safe {
        return;
    }
    let original = &doc.text[f.span.start..f.span.end];
    let lang = doc.index.lang();
    if crate::text::is_known_name_of_language(lang, original) {
        fix.applicability = Applicability::Unsafe;
        f.message.push_str(&format!(
            " (unsafe: “{original}” is also a known name in {lang})"
        ));
    }
}

/// The span of a hit.
pub(crate) fn span_of(hit: &Hit) -> Span {
    Span::new(hit.start, hit.end)
}

/// A finding of `rule` on `hit` about `entry`, judged against `matched`, with a one-edit fix
/// to `replacement` (already fitted to the original) at `applicability`.
pub(crate) fn finding_on(
    rule: Rule,
    hit: &Hit,
    entry: &Entry,
    matched: &str,
    message: String,
    replacement: String,
    applicability: Applicability,
) -> Finding {
    Finding {
        rule,
        severity: rule.severity(),
        span: span_of(hit),
        message,
        entry: entry.id.clone(),
        matched: matched.to_string(),
        similarity: None,
        confidence: None,
        unit: None,
        fix: Some(crate::finding::Fix::replace(
            span_of(hit),
            replacement,
            applicability,
        )),
    }
}

/// `“text”` with typographic quotes, for messages.
pub(crate) fn quoted(s: &str) -> String {
    format!("“{s}”")
}

#[cfg(test)]
pub(crate) mod test_support {
    //! One-line helpers that state what a test expects.
    use super::*;
    use crate::finding::Applicability;
    use crate::fix::apply_fixes;
    use crate::glossary::Glossary;
    use std::sync::Arc;

    pub const GLOSSARY: &str = include_str!("../../glossaries/sahel.toml");

    pub fn index(lang: &str) -> Index {
        let g = Glossary::from_toml("sahel.toml", GLOSSARY).expect("sahel glossary loads");
        Index::new(Arc::new(g), lang)
    }

    pub fn check_en(text: &str) -> Vec<Finding> {
        check(&index("en"), text, &CheckOptions::default())
    }

    /// A finding of `rule` about `entry` on the first `word` of `text`, without a fix.
    pub fn finding_on(text: &str, word: &str, rule: Rule, entry: &str) -> Finding {
        let start = text.find(word).expect("the word is in the text");
        Finding {
            rule,
            severity: crate::finding::Severity::Warning,
            span: crate::text::Span::new(start, start + word.len()),
            message: String::new(),
            entry: entry.into(),
            matched: String::new(),
            similarity: None,
            confidence: None,
            unit: None,
            fix: None,
        }
    }

    /// Asserts that `text` yields exactly one finding, of `rule`, on `span_text`, suggesting
    /// `replacement`.
    #[track_caller]
    pub fn assert_finds(text: &str, rule: Rule, span_text: &str, replacement: &str) {
        let findings = check_en(text);
        let found: Vec<_> = findings
            .iter()
            .map(|f| (f.rule, &text[f.span.start..f.span.end], f.replacement()))
            .collect();
        assert_eq!(found, [(rule, span_text, Some(replacement))], "in {text:?}");
    }

    #[track_caller]
    pub fn assert_clean(text: &str) {
        let findings = check_en(text);
        assert!(
            findings.is_empty(),
            "expected no finding in {text:?}, got {findings:#?}"
        );
    }

    /// Asserts that applying every fix of at least `level` turns `text` into `expected`.
    #[track_caller]
    pub fn assert_fixes(text: &str, level: Applicability, expected: &str) {
        let index = index("en");
        let fixed = apply_fixes(text, level, |t| check(&index, t, &CheckOptions::default()));
        assert_eq!(fixed.text, expected);
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    /// Names inside addresses are not checked: the Russian built-in name of France is not
    /// suggested for a host name, nor "Takuba" for a path.
    #[test]
    fn nothing_is_reported_inside_urls_and_addresses() {
        let mut loader = crate::glossary::Loader::new();
        loader.add_builtin(
            crate::glossary::builtin::WORLD_PATH,
            crate::glossary::builtin::WORLD,
        );
        let world = Index::new(std::sync::Arc::new(loader.finish().unwrap()), "ru");
        let text = "Зеркало https://france.debian.net/debian/ работает.";
        assert!(check(&world, text, &CheckOptions::default()).is_empty());
        let in_prose = "Зеркало для France работает.";
        let found = check(&world, in_prose, &CheckOptions::default());
        assert_eq!(found[0].rule, Rule::ScriptMismatch, "{found:#?}");
        assert_clean("See https://example.org/Takoba-Force/ or write to takoba@example.org.");
    }

    /// A safe fix never rewrites an ordinary word: in Portuguese "irá" (will) is not Iran's
    /// name ("Irã") with a wrong mark; "Mexico", a spelling common enough to be in the
    /// lexicon, is still reported when capitalised, with an unsafe fix.
    #[test]
    fn ordinary_words_are_not_slips_of_names() {
        let mut loader = crate::glossary::Loader::new();
        loader.add_builtin(
            crate::glossary::builtin::WORLD_PATH,
            crate::glossary::builtin::WORLD,
        );
        let pt = Index::new(std::sync::Arc::new(loader.finish().unwrap()), "pt");
        let text = "O governo irá anunciar as medidas amanhã.";
        assert!(
            check(&pt, text, &CheckOptions::default()).is_empty(),
            "{text}"
        );
        let found = check(
            &pt,
            "As relações com o Mexico melhoraram.",
            &CheckOptions::default(),
        );
        assert_eq!(
            found
                .iter()
                .map(|f| (
                    f.rule,
                    f.replacement(),
                    f.fix.as_ref().unwrap().applicability
                ))
                .collect::<Vec<_>>(),
            [(Rule::WrongDiacritics, Some("México"), Applicability::Unsafe)]
        );
    }

    #[test]
    fn replacements_keep_capitals_line_breaks_and_apostrophes() {
        assert_eq!(
            fitted_replacement("QASIMI QUETTA", "Assimi Goïta"),
            "ASSIMI GOÏTA"
        );
        assert_eq!(
            fitted_replacement("Qasimi\r\nQuetta", "Assimi Goïta"),
            "Assimi\r\nGoïta"
        );
        assert_eq!(
            fitted_replacement("Cote d’Ivoire", "Côte d'Ivoire"),
            "Côte d’Ivoire"
        );
    }

    #[test]
    fn a_listed_variant_beats_a_near_miss_of_the_same_span() {
        assert_finds(
            "the ruler of Mali, Qasimi Quetta, said",
            Rule::KnownVariant,
            "Qasimi Quetta",
            "Assimi Goïta",
        );
    }

    #[test]
    fn the_longest_form_wins_over_forms_inside_it() {
        assert_clean("Assimi Goïta met Macky Sall; Goïta spoke first.");
    }

    #[test]
    fn rules_can_be_switched_off() {
        let text = "Qasimi Quetta, macky sall and the Takoba force";
        let only = |rule| {
            let options = CheckOptions {
                rules: vec![rule],
                ..CheckOptions::default()
            };
            check(&index("en"), text, &options)
                .iter()
                .map(|f| (f.rule, &text[f.span.start..f.span.end]))
                .collect::<Vec<_>>()
        };
        assert_eq!(only(Rule::NearMiss), [(Rule::NearMiss, "Takoba")]);
        assert_eq!(only(Rule::WrongCase), [(Rule::WrongCase, "macky sall")]);
    }
}
