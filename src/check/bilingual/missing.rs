#![doc = include_str!("../../../docs/rules/missing-rendering.md")]

use super::{
    fold_str, folded_words, is_ordinary_word, joined, longer_name, mentions_entity, same_kind,
    tokens, Ambiguity, Evidence, Located, Mention, UnitText,
};
use crate::check::{fitted_replacement, quoted, Document};
use crate::finding::{Applicability, Finding, Fix, Rule};
use crate::glossary::{Entry, Index, Role};
use crate::text::{cognate, similarity, Span};
use std::cell::RefCell;
use std::rc::Rc;

/// Where in `unit`'s target entity `e` (mentioned in the source as `mention`) is rendered,
/// if anything says so. `renderings` are the unit's hits by entity, `mentioned` the ids of
/// every entity the source mentions, `taken` the spans that render other mentioned
/// entities or were located already.
#[allow(clippy::too_many_arguments)]
pub(super) fn locate(
    doc: &Document,
    source_index: &Index,
    unit: &UnitText,
    e: usize,
    m: &Mention,
    renderings: &[(usize, Span)],
    mentioned: &[&str],
    taken: &[Span],
) -> Option<Located> {
    let mention = m.text;
    let entry = doc.index.entry(e);
    let forms = entry.forms_for(doc.index.lang())?;
    let folded = &doc.folded.text;
    let fa = doc.folded.folded_offset(unit.target.start);
    let fb = doc.folded.folded_offset(unit.target.end).max(fa);
    let words = tokens(folded, fa, fb);
    let word_text = |i: usize| &folded[words[i].0..words[i].1];
    // The original span of words `i..j`, unless it overlaps a span taken.
    let span_trimmed = |i: usize, j: usize, trim: usize| -> Option<Span> {
        let (s, e) = doc
            .folded
            .to_original(words[i].0, words[j - 1].1 - trim, doc.text)?;
        let span = Span::new(s, e);
        (!taken.iter().any(|t| t.overlaps(&span))).then_some(span)
    };
    let span_of = |i: usize, j: usize| span_trimmed(i, j, 0);
    // The unit's windows of n words, joined, with their lengths in characters and a Korean
    // particle on their last word: gathered once for every form weighed against them.
    let lang = doc.index.lang();
    let gathered: RefCell<Vec<Option<Rc<[Window]>>>> = RefCell::new(Vec::new());
    let windows_of = |n: usize| -> Rc<[Window]> {
        let mut cache = gathered.borrow_mut();
        if cache.len() <= n {
            cache.resize(n + 1, None);
        }
        cache[n]
            .get_or_insert_with(|| {
                (0..words.len().saturating_sub(n - 1))
                    .map(|i| {
                        let text = joined((i..i + n).map(word_text));
                        Window {
                            chars: text.chars().count(),
                            text,
                            particle: particle(lang, word_text(i + n - 1)),
                        }
                    })
                    .collect()
            })
            .clone()
    };
    let windowed = |i: usize, j: usize| windows_of(j - i)[i].text.clone();
    let mut best: Option<Located> = None;
    // The target forms as written, and their folded words.
    let (originals, targets): (Vec<&str>, Vec<Vec<String>>) = std::iter::once(&forms.canonical)
        .chain(&forms.alternatives)
        .map(|f| (f.as_str(), folded_words(f)))
        .filter(|(_, w)| !w.is_empty())
        .unzip();
    // Folded words, whether the form is written with hiragana (folding writes kana in one
    // syllabary).
    let mut sources: Vec<(Vec<String>, bool)> =
        vec![(folded_words(mention), has_hiragana(mention))];
    // The source language's forms first, then every other language's: a name left as
    // English writes it in a translation from Chinese is left untranslated too.
    let others = entry
        .forms
        .iter()
        .filter(|(l, _)| l.as_str() != doc.index.lang())
        .map(|(_, f)| f);
    for sf in entry
        .forms_for(source_index.lang())
        .into_iter()
        .chain(others)
    {
        for f in std::iter::once(&sf.canonical).chain(&sf.alternatives) {
            let w = folded_words(f);
            if !w.is_empty() && !sources.iter().any(|s| s.0 == w) && !targets.contains(&w) {
                sources.push((w, has_hiragana(f)));
            }
        }
    }
    // Windows of about each form's length, compared with it.
    let endings = crate::text::endings(lang);
    let windows = |form: &[String],
                   form_has_hiragana: bool,
                   floor: f64,
                   consider: &mut dyn FnMut(usize, usize, f64, usize)| {
        let k = form.len();
        let unspaced = form.iter().all(|w| w.chars().all(crate::text::is_unspaced));
        let spread = if unspaced { 2 } else { 1 };
        // Kana are compared without their long-vowel marks (`closeness_from`): the lengths
        // as written say less.
        let length_floor = if unspaced { floor.min(0.6) } else { floor };
        let key = joined(form.iter().map(String::as_str));
        let mut sorted_form: Vec<&str> = form.iter().map(String::as_str).collect();
        sorted_form.sort_unstable();
        let key_chars = key.chars().count();
        for n in k.saturating_sub(spread).max(1)..=k + spread {
            for (i, w) in windows_of(n).iter().enumerate() {
                let window = &w.text;
                // Nothing under `floor` is considered (`consider`), unless one starts with the
                // other (an ending, a compound): the lengths alone rule most windows out.
                let prefix = window.starts_with(&key) || key.starts_with(window.as_str());
                let last_particle = w.particle;
                let lw = w.chars;
                if !prefix
                    && last_particle.is_none()
                    && (lw.min(key_chars) as f64) < length_floor * lw.max(key_chars) as f64
                {
                    continue;
                }
                let mut sim = closeness_from(window, &key, floor);
                if n == k && k > 1 && sim < 1.0 {
                    let mut sorted: Vec<&str> = (i..i + n).map(word_text).collect();
                    sorted.sort_unstable();
                    if sorted == sorted_form {
                        // The same words in another order: a slip, not a variant.
                        sim = sim.max(0.79);
                    }
                }
                // A Korean particle after the name is no part of it: "제렌스키와".
                let stripped = last_particle
                    .map(|p| (p, closeness_from(&window[..window.len() - p], &key, floor)));
                if sim < floor && !prefix && stripped.is_none_or(|(_, s)| s < floor) {
                    continue;
                }
                let whole = doc
                    .folded
                    .to_original(words[i].0, words[i + n - 1].1, doc.text);
                // The whole of a long katakana form may head a compound ("銀河ヒッチハイク
                // ガイドシリーズ", the series of it).
                let head = *window == key && key_chars >= 6;
                if !whole.is_some_and(|(s, e)| one_name(doc.text, s, e, form_has_hiragana, head)) {
                    continue;
                }
                if let Some((p, sim_stripped)) = stripped {
                    if sim_stripped > sim {
                        consider(i, i + n, sim_stripped, p);
                        continue;
                    }
                }
                consider(i, i + n, sim, 0);
            }
        }
    };
    // A short form: the target form's first words, most of it ("Vereinigte Staaten" of
    // "Vereinigte Staaten von Amerika", "アメリカ" of "アメリカ合衆国"). Where the mention is
    // also an ordinary word, the first words may be the word's translation ("Gründer" of
    // "Gründerväter" for "Founders"), and they do not stand for the name.
    let mut shorts: Vec<Located> = Vec::new();
    if m.ambiguity == Ambiguity::None {
        for (&original, form) in originals.iter().zip(&targets) {
            if let Some(l) = short_form(doc, &words, form, has_hiragana(original), taken) {
                keep(&mut best, l);
                shorts.push(l);
            }
        }
    }
    for (&original, form) in originals.iter().zip(&targets) {
        let form_capitalised = original.chars().next().is_some_and(char::is_uppercase);
        windows(form, has_hiragana(original), 0.6, &mut |i, j, sim, trim| {
            let span_of = |i, j| span_trimmed(i, j, trim);
            // Some of the form's words as they are ("opération" of "opération Barkhane",
            // the generic word without the name) are a short form (above) or nothing:
            // never a misspelling of the whole. (Not in scripts without spaces, whose
            // "words" are runs of one script: "作品賞" of "アカデミー作品賞" renders it.)
            let spaced = !form.iter().all(|w| w.chars().all(crate::text::is_unspaced));
            if spaced
                && trim == 0
                && j - i < form.len()
                && (i..j).all(|x| form.iter().any(|w| w == word_text(x)))
            {
                return;
            }
            if sim >= 0.6 {
                // Another spelling, an inflection or a derived word ("deutsche" beside
                // "Deutschland", "Nordamerikas"): rendered.
                // But where the mention is also an ordinary word, a word in lower case
                // close to it is its literal translation ("galant" for Gallant). An article
                // before a title is in lower case inside a sentence ("der Gefährten" for
                // "Die Gefährten"): the word after it counts.
                let lower = span_of(i, j).is_some_and(|s| {
                    let words: Vec<&str> = doc.text[s.start..s.end].split_whitespace().collect();
                    let article = |w: &str| endings.is_some_and(|e| e.is_article(&fold_str(w)));
                    let first = words.iter().find(|w| !article(w)).or(words.first());
                    form_capitalised
                        && first
                            .and_then(|w| w.chars().next())
                            .is_some_and(char::is_lowercase)
                });
                let inflected = inflected(
                    doc.index.lang(),
                    &windowed(i, j),
                    &joined(form.iter().map(String::as_str)),
                ) || compound_head(
                    doc.index.lang(),
                    &windowed(i, j),
                    &joined(form.iter().map(String::as_str)),
                );
                // One letter in five is a slip ("Pucin", "푸친"); in six or more, as in
                // "Zelenskyy", a spelling of its own.
                let form_key = joined(form.iter().map(String::as_str));
                // But a word of a name replaced by another, the others as they are, is a
                // literal translation of that word, no spelling ("St. Michael auf Wyre").
                let window: Vec<&str> = (i..j).map(word_text).collect();
                let word_replaced = spaced && form.len() >= 2 && {
                    let form: Vec<&str> = form.iter().map(String::as_str).collect();
                    let alone = |w: &str, others: &[&str]| {
                        w.chars().count() >= 2 && others.iter().all(|o| similarity(o, w) < 0.5)
                    };
                    window.iter().any(|w| alone(w, &form)) && form.iter().any(|w| alone(w, &window))
                };
                let respelt =
                    sim >= 1.0 || (sim >= 0.8 && form_key.chars().count() >= 6 && !word_replaced);
                let rephrased = other_small_words(lang, &window, form, &sources);
                let variant = if m.ambiguity == Ambiguity::Word {
                    (respelt || inflected) && !lower
                } else {
                    respelt || lower || inflected || rephrased
                };
                if variant {
                    if let Some(span) = span_of(i, j) {
                        keep(
                            &mut best,
                            Located {
                                span,
                                evidence: Evidence::Variant(sim),
                                confidence: 0.5 + 0.5 * sim,
                                ending: 0,
                            },
                        );
                    }
                    return;
                }
                // A known name of something else is no misspelling: "Tailandés", the Thai
                // language, is not a slip of "Tailandia".
                if let Some(span) = span_of(i, j).filter(|s| {
                    sim >= 1.0
                        || !crate::text::is_known_name_of_language(
                            doc.index.lang(),
                            &doc.text[s.start..s.end],
                        )
                }) {
                    keep(
                        &mut best,
                        Located {
                            span,
                            evidence: Evidence::CloseToTarget(sim),
                            confidence: 0.5 + 0.5 * sim,
                            ending: 0,
                        },
                    );
                }
            }
        });
    }
    let inflects = crate::text::endings(lang).is_some();
    for (form, hiragana) in &sources {
        let key = joined(form.iter().map(String::as_str));
        // Only a source form at 0.75 or closer counts (below).
        windows(form, *hiragana, 0.75, &mut |i, j, sim, trim| {
            let span_of = |i, j| span_trimmed(i, j, trim);
            // The source form with an ending of the target language ("Prigozhins"): the
            // fix keeps the ending.
            let window = windowed(i, j);
            let ending = match window.strip_prefix(key.as_str()) {
                Some(rest)
                    if inflects
                        && trim == 0
                        && (1..=3).contains(&rest.chars().count())
                        && rest.chars().all(char::is_alphabetic) =>
                {
                    rest.chars().count() as u8
                }
                _ => 0,
            };
            let sim = if ending > 0 { 1.0 } else { sim };
            // A spelling close to the source's that is a name of the target language in its
            // own right ("Norteamérica" for North America) is that language's name for it:
            // the entity is rendered, in a form the glossary does not list.
            let own_name = || {
                span_of(i, j).is_some_and(|s| {
                    crate::text::is_known_name_of_language(
                        doc.index.lang(),
                        &doc.text[s.start..s.end],
                    )
                })
            };
            let (evidence, confidence) = if sim >= 1.0 {
                (Evidence::SourceForm, 0.95)
            } else if sim >= 0.75 && own_name() {
                (Evidence::Variant(sim), 0.5 + 0.5 * sim)
            } else if sim >= 0.75 {
                (Evidence::CloseToSource(sim), 0.4 + 0.5 * sim)
            } else {
                return;
            };
            if let Some(span) = span_of(i, j) {
                keep(
                    &mut best,
                    Located {
                        span,
                        evidence,
                        confidence,
                        ending,
                    },
                );
            }
        });
    }
    // Another entity, of the same kind, that the source does not mention; not a form of it
    // written as an ordinary word in lower case ("lo", which a glossary gives as a title's;
    // in a script without case, a word of the lexicon may well be a name: "南アフリカ").
    // The source's words outside the mention: the mention's own ("South" of South
    // America) say nothing of another entity.
    let source_words = if renderings.is_empty() {
        Vec::new()
    } else {
        let end = (m.start + m.text.len()).min(unit.source.len());
        let mut w = folded_words(&unit.source[..m.start.min(end)]);
        w.extend(folded_words(&unit.source[end..]));
        w
    };
    for &(other, span) in renderings {
        if other == e
            || mentions_entity(doc.index, mentioned, other)
            || crate::check::ordinary_word(doc, &doc.text[span.start..span.end])
                == crate::check::Ordinary::Word
        {
            continue;
        }
        let o = doc.index.entry(other);
        // A built-in entry whose source-language forms a user's entry took: that entry's
        // ("南アフリカ", the built-in South Africa, is the user's "South Africa").
        let Some(o_source) = super::forms_in(doc.index, o, source_index.lang()) else {
            continue;
        };
        // A word of the other entity's source form that the source has elsewhere renders
        // that word ("キング", B.B. King's, for the "King" of Stephen King): no substitute.
        let shares_word = std::iter::once(&o_source.canonical)
            .chain(&o_source.alternatives)
            .flat_map(|f| folded_words(f))
            .any(|w| w.chars().count() >= 3 && source_words.contains(&w));
        if !same_kind(entry, o) || shares_word {
            continue;
        }
        if !taken.iter().any(|t| t.overlaps(&span)) {
            keep(
                &mut best,
                Located {
                    span,
                    evidence: Evidence::Substitute(other),
                    confidence: 0.7,
                    ending: 0,
                },
            );
        }
    }
    if best.is_none() {
        if let Some(l) = word_by_word(doc, source_index, e, mention, renderings, &words, &span_of) {
            keep(&mut best, l);
        }
    }
    // A short form beats a window close to the form that holds it and a word no form has
    // ("Heinrich V" of "König Heinrich V", not "Ist Heinrich V").
    if let Some(b) = best.filter(|b| matches!(b.evidence, Evidence::CloseToTarget(_))) {
        let short = shorts.iter().find(|s| {
            b.span.contains(&s.span) && {
                let outside = format!(
                    "{} {}",
                    &doc.text[b.span.start..s.span.start],
                    &doc.text[s.span.end..b.span.end]
                );
                folded_words(&outside)
                    .iter()
                    .all(|w| !targets.iter().any(|t| t.contains(w)))
            }
        });
        if let Some(&s) = short {
            best = Some(s);
        }
    }
    if let Some(l) = best.as_mut() {
        let source_like = matches!(
            l.evidence,
            Evidence::SourceForm | Evidence::CloseToSource(_)
        );
        let kept = (source_like || l.evidence == Evidence::WordByWord)
            && kept_by_target_form(doc, l.span, &targets)
            || source_like && reordered(&doc.text[l.span.start..l.span.end], &targets)
            || l.evidence == Evidence::SourceForm && kept_with_longer_name(unit, m, doc, l.span)
            || l.evidence == Evidence::SourceForm
                && latin_acronym_in_other_script(doc, unit, l.span)
            || matches!(l.evidence, Evidence::CloseToTarget(_))
                && glued_to_a_word(doc, l.span, &targets);
        if kept {
            l.evidence = Evidence::Variant(1.0);
        }
    }
    best
}

/// Whether `window` is the words of `form` with other small words between them (a
/// preposition or an article of the language, a clitic one on the next word): the name
/// phrased another way ("نوبل للأدب" for "نوبل في الأدب", "Prix Nobel en littérature" for
/// "Prix Nobel de littérature"). The other words, in order, are the form's, each the same
/// or one letter from it, and at least one is the same. A small word the form shares with
/// a source form is part of a name kept whole ("on" of "St. Michael's on Wyre", which "St.
/// Michael auf Wyre" translates literally): it stays.
fn other_small_words(
    lang: &str,
    window: &[&str],
    form: &[String],
    sources: &[(Vec<String>, bool)],
) -> bool {
    let small = |w: &str| w.chars().count() <= 3 && is_ordinary_word(lang, w);
    if form
        .iter()
        .any(|w| small(w) && sources.iter().any(|(s, _)| s.contains(w)))
    {
        return false;
    }
    let a: Vec<&str> = window.iter().copied().filter(|w| !small(w)).collect();
    let b: Vec<&str> = form
        .iter()
        .map(String::as_str)
        .filter(|w| !small(w))
        .collect();
    let one_letter = |x: &str, y: &str| {
        let (n, m) = (x.chars().count(), y.chars().count());
        n.min(m) >= 4 && crate::text::osa_within(x, y, 1).is_some()
    };
    window.iter().ne(form.iter())
        && !a.is_empty()
        && a.len() == b.len()
        && a.iter().zip(&b).any(|(x, y)| x == y)
        && a.iter().zip(&b).all(|(x, y)| x == y || one_letter(x, y))
}

/// Whether the target's `span`, the source form left as it is, is an acronym in Latin
/// capitals ("MLB", "NBA", "F.B.I.") in a target written in another script: Japanese,
/// Chinese, Korean, Arabic or Russian text keeps Latin acronyms as they are, a script
/// with no capitals to make its own (a Latin target that keeps "DOJ" for the Department of
/// Justice has left it untranslated).
fn latin_acronym_in_other_script(doc: &Document, unit: &UnitText, span: Span) -> bool {
    let text = &doc.text[span.start..span.end];
    let letters = text.chars().filter(|&c| c != '.').count();
    if !(2..=6).contains(&letters) || !text.chars().all(|c| c.is_ascii_uppercase() || c == '.') {
        return false;
    }
    let (mut latin, mut other) = (0usize, 0usize);
    for c in doc.text[unit.target.start..span.start]
        .chars()
        .chain(doc.text[span.end..unit.target.end].chars())
        .filter(|c| c.is_alphabetic())
    {
        if c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    other > latin
}

/// Whether the target's `span`, one word close to a target form, is that form run
/// together with an ordinary word of the language, a space missing ("راشموراعتبارًا",
/// Rushmore + "as of"): the name is rendered as the glossary has it.
fn glued_to_a_word(doc: &Document, span: Span, targets: &[Vec<String>]) -> bool {
    let words = folded_words(&doc.text[span.start..span.end]);
    let [word] = words.as_slice() else {
        return false;
    };
    let lang = doc.index.lang();
    let word_of_language = |rest: &str| rest.chars().count() >= 3 && is_ordinary_word(lang, rest);
    targets.iter().any(|t| {
        let [form] = t.as_slice() else {
            return false;
        };
        word.strip_prefix(form.as_str())
            .is_some_and(word_of_language)
            || word
                .strip_suffix(form.as_str())
                .is_some_and(word_of_language)
    })
}

/// Whether the words of `text` (two or more) are words of one of `targets` in another
/// order, with words between them, each the same or nearly ("Chicago Cubs" for "Cubs de Chicago", "Philadelphia
/// Phillies" for "Phillies de Philadelphie"): the name as the source writes it, which the
/// target language's form only reorders.
fn reordered(text: &str, targets: &[Vec<String>]) -> bool {
    let words = folded_words(text);
    words.len() >= 2
        && targets.iter().filter(|t| t.len() > words.len()).any(|t| {
            let places: Option<Vec<usize>> = words
                .iter()
                .map(|w| t.iter().position(|tw| tw == w || closeness(tw, w) >= 0.8))
                .collect();
            places.is_some_and(|p| p.windows(2).any(|w| w[0] >= w[1]))
        })
}

/// Whether the target's `span`, the source form left as it is, belongs to a longer name of
/// the source that the target keeps whole: the mention "AC" of "AC/DC", "George" of
/// "George I", "Caribbean" of "Pirates of the Caribbean", each written so in the target. The
/// glossary does not know the longer name; kept as the source writes it, it renders what
/// the source says.
fn kept_with_longer_name(unit: &UnitText, m: &Mention, doc: &Document, span: Span) -> bool {
    let source = unit.source;
    let (start, end) = longer_name(source, m.start, m.start + m.text.len());
    if (start, end) == (m.start, m.start + m.text.len()) {
        return false;
    }
    let run = fold_str(&source[start..end]);
    let folded = &doc.folded.text;
    let fa = doc.folded.folded_offset(unit.target.start);
    let fb = doc.folded.folded_offset(unit.target.end).max(fa);
    folded[fa..fb].match_indices(run.as_str()).any(|(i, r)| {
        doc.folded
            .to_original(fa + i, fa + i + r.len(), doc.text)
            .is_some_and(|(s, e)| s <= span.start && span.end <= e)
    })
}

/// The first span of `words` (the unit's folded words) that holds a run of `form`'s words
/// and most of its letters: half in a script written without spaces, whose words are
/// letters, three fifths in others ("Vereinigte Staaten" of "Vereinigte Staaten von
/// Amerika", "Heinrich V" of "König Heinrich V"). A span taken, or no name on its own, is
/// none.
fn short_form(
    doc: &Document,
    words: &[(usize, usize)],
    form: &[String],
    form_has_hiragana: bool,
    taken: &[Span],
) -> Option<Located> {
    let folded = &doc.folded.text;
    let k = form.len();
    let unspaced = form.iter().all(|w| w.chars().all(crate::text::is_unspaced));
    let total = joined(form.iter().map(String::as_str)).chars().count();
    let least = if unspaced { 0.5 } else { 0.6 };
    for i in 0..words.len() {
        for j in 0..k {
            let longest = (0..(k - j).min(words.len() - i))
                .take_while(|&n| folded[words[i + n].0..words[i + n].1] == form[j + n])
                .count();
            // The longest run that is a name on its own: in a script without spaces the
            // words run on over punctuation ("『アサシンクリード』シリーズ").
            for p in (1..=longest.min(k - 1)).rev() {
                let part = joined(form[j..j + p].iter().map(String::as_str));
                let letters = part.chars().count();
                let share = letters as f64 / total.max(1) as f64;
                // A Japanese or Chinese compound ends in its head, and the head in Han
                // characters stands for the whole ("作品賞" of "アカデミー作品賞").
                let han_head =
                    unspaced && j + p == k && letters >= 2 && part.chars().all(crate::text::is_han);
                if !han_head && (letters < 4 || share < least) {
                    break;
                }
                let Some((s, e)) = doc
                    .folded
                    .to_original(words[i].0, words[i + p - 1].1, doc.text)
                else {
                    continue;
                };
                let span = Span::new(s, e);
                if !one_name(doc.text, s, e, form_has_hiragana, false)
                    || taken.iter().any(|t| t.overlaps(&span))
                {
                    continue;
                }
                return Some(Located {
                    span,
                    evidence: Evidence::Variant(share),
                    confidence: 0.5 + 0.5 * share,
                    ending: 0,
                });
            }
        }
    }
    None
}

/// Whether the folded words of `text[span]` are a run of the words of one of `targets`:
/// the target language's form keeps that part of the name as the source writes it
/// ("Pokemon" of "Pokemon nel Pokedex", "NBA" of "NBAファイナル"), so keeping it is no
/// name left untranslated.
fn kept_by_target_form(doc: &Document, span: Span, targets: &[Vec<String>]) -> bool {
    let words = folded_words(&doc.text[span.start..span.end]);
    !words.is_empty()
        && targets
            .iter()
            .any(|t| t.len() > words.len() && t.windows(words.len()).any(|w| w == words.as_slice()))
}

/// Whether `text[start..end]` may be one name: nothing in it but letters, digits, marks and
/// what sits inside names (spaces, hyphens, apostrophes, dots, middle dots: "St. Michael's",
/// "アル・ゴア"), no comma or other punctuation ("か、南アフリカ" is no name); in Japanese, no
/// hiragana unless the form has some (they are particles and endings, not names:
/// "カンザスシティーのチーフは"), and no katakana word cut ("南アフリ" of "南アフリカ").
fn one_name(text: &str, start: usize, end: usize, form_has_hiragana: bool, head: bool) -> bool {
    let inside_name = |c: char| {
        c.is_alphanumeric()
            || unicode_normalization::char::is_combining_mark(c)
            || c.is_whitespace()
            || matches!(c, '-' | '\'' | '’' | '.' | '·' | '・' | '&' | '\u{AD}')
    };
    let span = &text[start..end];
    let katakana =
        |c: Option<char>| c.is_some_and(|c| crate::text::is_katakana_letter(c) || c == 'ー');
    let cut = (katakana(span.chars().next()) && katakana(text[..start].chars().next_back()))
        || (!head && katakana(span.chars().next_back()) && katakana(text[end..].chars().next()));
    span.chars().all(inside_name) && (form_has_hiragana || !span.chars().any(is_hiragana)) && !cut
}

fn has_hiragana(s: &str) -> bool {
    s.chars().any(is_hiragana)
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

/// Whether `window` is a compound whose first part is `form`, in a language that writes
/// compounds as one word: German "Pokemonarten", "Bidenregierung".
fn compound_head(lang: &str, window: &str, form: &str) -> bool {
    if !crate::text::writes_compounds(lang) {
        return false;
    }
    window.strip_prefix(form).is_some_and(|rest| {
        form.chars().count() >= 4
            && rest.chars().count() >= 3
            && rest.chars().all(char::is_alphabetic)
    })
}

/// Whether `window` is `form` inflected: by the language's endings ("зеленского" for
/// "зеленский"), or, in any language, the form with a short ending or particle after it
/// (Korean "푸틴은" for "푸틴", Turkish "putinin") or with its last letters changed
/// ("zelenskogo").
fn inflected(lang: &str, window: &str, form: &str) -> bool {
    if window == form {
        return false;
    }
    if crate::text::endings(lang).is_some_and(|e| e.same_name(window, form)) {
        return true;
    }
    let common = window
        .chars()
        .zip(form.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let (lw, lf) = (window.chars().count(), form.chars().count());
    // Keys are folded: Hangul is in letters (jamo) here, so four is two syllables.
    common >= 4 && common + 2 >= lf && lw >= lf && lw <= common + 3
}

/// The byte length of the Korean particle (case or topic marker) that ends `word`, a folded
/// word, longest first: Korean's endings of names (`crate::text::endings`).
fn particle(lang: &str, word: &str) -> Option<usize> {
    if crate::lang_tag::primary_subtag(lang) != "ko" {
        return None;
    }
    crate::text::endings(lang)?.ending_of(word).map(str::len)
}

/// Words of a unit's target joined as one window (see `locate`).
struct Window {
    text: String,
    chars: usize,
    /// The length of a particle ending the last word, in a language that writes them.
    particle: Option<usize>,
}

/// Keeps `l` if it is surer than `best`. On the same span, a form of the entity wins over
/// a source form with an ending: "Boliviens" is German for Bolivia's, not French "Bolivie"
/// with an ending.
fn keep(best: &mut Option<Located>, l: Located) {
    let variant = |l: &Located| matches!(l.evidence, Evidence::Variant(_));
    let ended = |l: &Located| l.evidence == Evidence::SourceForm && l.ending > 0;
    let better = match best {
        None => true,
        Some(b) if b.span.overlaps(&l.span) && variant(b) && ended(&l) => false,
        Some(b) if b.span.overlaps(&l.span) && ended(b) && variant(&l) => true,
        // Rendered in another form or spelling: the entity is there, whatever else the
        // unit holds (an apposition, "des Big Bang, des Urknalls").
        Some(b) if !b.span.overlaps(&l.span) && variant(b) != variant(&l) => variant(&l),
        Some(b) => l.confidence > b.confidence,
    };
    if better {
        *best = Some(l);
    }
}

/// The span whose words render `mention` word by word: its words as they are, their
/// cognates ("Statistik" for "Statistics"), and the target forms of entities inside it
/// ("Norwegen" for "Norway"), widened by the name-like words the source form has before or
/// after the first and last word found.
fn word_by_word(
    doc: &Document,
    source_index: &Index,
    e: usize,
    mention: &str,
    renderings: &[(usize, Span)],
    words: &[(usize, usize)],
    span_of: &dyn Fn(usize, usize) -> Option<Span>,
) -> Option<Located> {
    let folded = &doc.folded.text;
    let source_words = folded_words(mention);
    let k = source_words.len();
    // (target word, source word) pairs found.
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (j, sw) in source_words.iter().enumerate() {
        if sw.chars().count() < 3 {
            continue;
        }
        for (i, &(a, b)) in words.iter().enumerate() {
            if cognate(sw, &folded[a..b]) {
                found.push((i, j));
            }
        }
    }
    // Entities inside the source form, by runs of up to three of its words.
    for (j, inner) in sub_entities(source_index, e, mention) {
        for &(_, span) in renderings.iter().filter(|(other, _)| *other == inner) {
            let fs = doc.folded.folded_offset(span.start);
            let fe = doc.folded.folded_offset(span.end);
            for (i, &(a, b)) in words.iter().enumerate() {
                if a >= fs && b <= fe {
                    found.push((i, j));
                }
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    let first = found.iter().map(|p| p.0).min()?;
    let last = found.iter().map(|p| p.0).max()?;
    if last + 1 - first > k + 2 {
        return None;
    }
    let before = found.iter().map(|p| p.1).min()?;
    let after = k - 1 - found.iter().map(|p| p.1).max()?;
    // Widen over name-like words only: an abbreviation ("St."), or a capitalised word that
    // is no ordinary word of the language.
    let name_like = |i: usize| -> bool {
        let Some((s, e)) = doc.folded.to_original(words[i].0, words[i].1, doc.text) else {
            return false;
        };
        let original = &doc.text[s..e];
        if !original.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        original.chars().count() <= 3
            || crate::check::ordinary_word(doc, original) == crate::check::Ordinary::No
    };
    let mut start = first;
    for _ in 0..before {
        if start == 0 || !name_like(start - 1) {
            break;
        }
        start -= 1;
    }
    let mut end = last + 1;
    for _ in 0..after {
        if end >= words.len() || !name_like(end) {
            break;
        }
        end += 1;
    }
    let span = span_of(start, end)?;
    let mut matched: Vec<usize> = found.iter().map(|p| p.1).collect();
    matched.sort_unstable();
    matched.dedup();
    Some(Located {
        span,
        evidence: Evidence::WordByWord,
        confidence: 0.35 + 0.3 * matched.len() as f64 / k.max(1) as f64,
        ending: 0,
    })
}

/// The entities named inside `mention` (entity `e`'s source form), each with the index of
/// the mention's word it starts at: "Norway" in "Statistics Norway".
pub(super) fn sub_entities(source_index: &Index, e: usize, mention: &str) -> Vec<(usize, usize)> {
    let words = folded_words(mention);
    let k = words.len();
    let mut out = Vec::new();
    for n in 1..=3.min(k) {
        for j in 0..=k - n {
            let key = joined(words[j..j + n].iter().map(String::as_str));
            let Some(p) = source_index.pattern_of(&key) else {
                continue;
            };
            for (entry, role) in source_index.roles(p) {
                if entry != e && matches!(role, Role::Canonical | Role::Alternative) {
                    out.push((j, entry));
                }
            }
        }
    }
    out
}

/// How close a window of the target is to a form, from 0 to 1: one minus the edit distance
/// over the longer length, or 0.7 when one is the other's beginning ("Gründer" and
/// "Gründerväter": a compound cut short; "Foyles" and "Foylesider"). Both are folded keys,
/// in which Hangul is spelt in letters (jamo): "푸친" is one letter from "푸틴".
pub(super) fn closeness(window: &str, form: &str) -> f64 {
    closeness_from(window, form, 0.0)
}

/// [`closeness`] where it is at least `floor`, else some value under it: the windows of a
/// unit are weighed against a floor, and most are far under it.
fn closeness_from(window: &str, form: &str, floor: f64) -> f64 {
    let kana = |s: &str| s.chars().any(|c| matches!(c, '\u{3041}'..='\u{30FF}'));
    if kana(window) || kana(form) {
        let (w, f) = (kana_key(window), kana_key(form));
        if (w.as_str(), f.as_str()) != (window, form) {
            return closeness_from(&w, &f, floor);
        }
    }
    let (lw, lf) = (window.chars().count(), form.chars().count());
    // Short words are close only when equal ("NJ" is no misspelling of "NY").
    if lw.min(lf) <= 3 {
        return if window == form { 1.0 } else { 0.0 };
    }
    let sim = crate::text::similarity_from(window, form, floor);
    let (short, long) = if lw < lf {
        (window, form)
    } else {
        (form, window)
    };
    if long.starts_with(short) && short.chars().count() >= 5 {
        return sim.max(0.7);
    }
    sim
}

/// Kana as transcriptions of foreign names vary them: small kana written large
/// ("スウィフト", "スウイフト"), the long-vowel mark written or not ("シティー", "シティ").
fn kana_key(s: &str) -> String {
    s.chars()
        .filter(|&c| c != 'ー')
        .map(|c| match c {
            'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ぁ' | 'ぃ'
            | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' => {
                char::from_u32(c as u32 + 1).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// The approved form to write for `entry` where the source says `mention`: the canonical
/// form, or an alternative with as many words as the mention when the canonical form has
/// not ("Prigoschin" for "Prigozhin", where the canonical form is "Jewgeni Prigoschin").
fn approved_form<'e>(doc: &Document, entry: &'e Entry, mention: &str) -> &'e str {
    let Some(forms) = entry.forms_for(doc.index.lang()) else {
        return &entry.id;
    };
    let words = |s: &str| folded_words(s).len();
    let want = words(mention);
    if words(&forms.canonical) == want {
        return &forms.canonical;
    }
    forms
        .alternatives
        .iter()
        .find(|a| words(a) == want)
        .unwrap_or(&forms.canonical)
}

/// Of several approved forms, the one that fits the span it replaces: the one that shares
/// most of its words ("force Barkhane" for "force Takuba"), else the only one with as many
/// words ("Barkhane" for "Takuba"). None when no form fits better than another.
fn fitting_form<'e>(doc: &Document, entry: &'e Entry, span_text: &str) -> Option<&'e str> {
    let forms = entry.forms_for(doc.index.lang())?;
    if forms.alternatives.is_empty() {
        return None;
    }
    let words = folded_words(span_text);
    let all: Vec<(&str, Vec<String>)> = std::iter::once(&forms.canonical)
        .chain(&forms.alternatives)
        .map(|f| (f.as_str(), folded_words(f)))
        .collect();
    let shared = |w: &[String]| w.iter().filter(|x| words.contains(x)).count();
    let most = all.iter().map(|(_, w)| shared(w)).max().unwrap_or(0);
    let pick = |keep: &dyn Fn(&[String]) -> bool| {
        let mut it = all.iter().filter(|(_, w)| keep(w));
        match (it.next(), it.next()) {
            (Some((f, _)), None) => Some(*f),
            _ => None,
        }
    };
    if most > 0 {
        return pick(&|w| shared(w) == most);
    }
    pick(&|w| w.len() == words.len())
}

/// `replacement` for the text at `span`, less the words it starts or ends with that the
/// text already has just before or after the span: "Barkhane" in "l'opération Takuba",
/// where the approved form is "opération Barkhane".
fn beside(text: &str, span: Span, replacement: &str) -> String {
    let words: Vec<&str> = replacement.split(' ').collect();
    if words.len() < 2 || words.iter().any(|w| w.is_empty()) {
        return replacement.to_string();
    }
    let apostrophe = |c: char| c == '\'' || c == '’';
    let before = text[..span.start].trim_end();
    let previous = before
        .rsplit(|c: char| c.is_whitespace() || apostrophe(c))
        .next()
        .unwrap_or("");
    let next = text[span.end..]
        .trim_start()
        .split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '-'))
        .next()
        .unwrap_or("");
    let same = |a: &str, b: &str| !a.is_empty() && fold_str(a) == fold_str(b);
    let (mut from, mut to) = (0, words.len());
    // Only words the span is beside, a space between ("l'opération Takuba").
    if span.start > before.len() && same(previous, words[0]) {
        from = 1;
    }
    if to - from >= 2 && text[span.end..].starts_with(' ') && same(next, words[to - 1]) {
        to -= 1;
    }
    words[from..to].join(" ")
}

/// The finding on the rendering `located` of `entry`, named in the source as `mention`; on
/// the unit when nothing was located.
pub(super) fn finding(
    doc: &Document,
    unit: &UnitText,
    entry: &Entry,
    mention: &str,
    located: Option<Located>,
) -> Finding {
    let canonical = match located {
        Some(l) => fitting_form(doc, entry, &doc.text[l.span.start..l.span.end])
            .unwrap_or_else(|| approved_form(doc, entry, mention)),
        None => approved_form(doc, entry, mention),
    };
    let (span, message, replacement, applicability, confidence) = match located {
        Some(l) => {
            let original = &doc.text[l.span.start..l.span.end];
            let how = match l.evidence {
                Evidence::CloseToTarget(_) | Evidence::Variant(_) => {
                    "a misspelling of it".to_string()
                }
                Evidence::SourceForm => "left as the source writes it".to_string(),
                Evidence::CloseToSource(_) => "close to the source's form".to_string(),
                Evidence::Substitute(o) => {
                    format!("another entity, {}", quoted(&doc.index.entry(o).id))
                }
                Evidence::WordByWord => "a word-by-word rendering".to_string(),
            };
            (
                l.span,
                format!(
                    "the source names {} ({}); the target renders it as {} ({how}), not as {}",
                    quoted(mention),
                    entry.kind.as_str(),
                    quoted(original),
                    quoted(canonical)
                ),
                {
                    // The ending the span gave the name stays on the fix.
                    let cut = original
                        .char_indices()
                        .rev()
                        .nth(l.ending.saturating_sub(1) as usize)
                        .filter(|_| l.ending > 0)
                        .map_or(original.len(), |(i, _)| i);
                    // Capitals the source's acronym has ("DOJ" kept) are no house style
                    // for the approved form ("Justizministerium").
                    let fitted = if crate::check::is_all_caps(mention)
                        && crate::check::is_all_caps(&original[..cut])
                    {
                        canonical.to_string()
                    } else {
                        fitted_replacement(&original[..cut], canonical)
                    };
                    format!(
                        "{}{}",
                        beside(doc.text, l.span, &fitted),
                        &original[cut..]
                    )
                },
                Rule::MissingRendering.fix_applicability(),
                l.confidence,
            )
        }
        None => (
            Span::new(unit.target.start, unit.target.start),
            format!(
                "the source names {} ({}); the target has none of its approved forms ({}), and no span clearly renders it: edit by hand",
                quoted(mention),
                entry.kind.as_str(),
                quoted(canonical)
            ),
            canonical.to_string(),
            Applicability::DisplayOnly,
            0.3,
        ),
    };
    Finding {
        rule: Rule::MissingRendering,
        severity: Rule::MissingRendering.severity(),
        span,
        message,
        entry: entry.id.clone(),
        matched: canonical.to_string(),
        similarity: match located.map(|l| l.evidence) {
            Some(
                Evidence::CloseToTarget(s) | Evidence::CloseToSource(s) | Evidence::Variant(s),
            ) => Some((s * 100.0).round() / 100.0),
            _ => None,
        },
        confidence: Some((confidence * 100.0).round() / 100.0),
        unit: None,
        fix: Some(Fix::replace(span, replacement, applicability)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replacement_does_not_repeat_the_words_beside_its_span() {
        let text = "les forces de l'opération Takuba partent";
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            Span::new(s, s + w.len())
        };
        assert_eq!(beside(text, at("Takuba"), "opération Barkhane"), "Barkhane");
        assert_eq!(beside(text, at("Takuba"), "Barkhane"), "Barkhane");
        // After an elided article, and before the word that follows.
        let text = "l'Takuba force";
        let span = Span::new(2, 8);
        assert_eq!(beside(text, span, "Takuba force"), "Takuba");
        // Not a word the span is not beside: "forces" is not "force".
        assert_eq!(
            beside("des forces Takuba", Span::new(11, 17), "force Barkhane"),
            "force Barkhane"
        );
    }

    #[test]
    fn cognates_and_closeness() {
        assert!(cognate("statistics", "statistik"));
        assert!(cognate("university", "universitatsklinik"));
        assert!(!cognate("hoops", "reifen"));
        assert_eq!(closeness("nj", "ny"), 0.0);
        assert!(closeness("grunder", "grundervater") >= 0.7);
        assert!(closeness("kasachstanische", "kasachische") >= 0.7);
        // Kana transcriptions: small kana written large, the long-vowel mark dropped.
        assert!(closeness("テイラースイフト", "テイラースウィフト") >= 0.8);
        assert_eq!(closeness("カンザスシティー", "カンザスシティ"), 1.0);
    }
}
