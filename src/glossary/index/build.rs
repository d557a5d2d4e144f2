//! Building an index from a glossary: every entry's forms (and their inflections, and other
//! scripts' forms) are folded in parallel, a wave of chunks at a time, filed under their keys
//! in entry order, and shared out between the word table and the automaton; the near-miss
//! targets and their postings are made alongside.
//!
//! This room only builds: it reads the glossary and hands the finished tables to [`Index`].
//! It searches no text and writes no bytes (see `compiled`), and it leaves each table's
//! layout to that table's own room.

use super::automaton::Starts;
use super::candidates::{bigram_key, deletions_within, padded_bigrams, skeleton_of};
use super::key_table::{fx_hash, KeySlot, KeyTable};
use super::postings::Postings;
use super::roles::{Role, StoredRef, NO_ENDING};
use super::word_table::{TableKey, WordTable};
use super::{Index, StoredTarget};
use crate::glossary::compiled::Entries;
use crate::glossary::flat::{Flat, Strings};
use crate::glossary::{lang_matches, BoundaryPolicy, Entry, Glossary, Inflection};
use crate::text::{dominant_script, fold_str};
use rayon::prelude::*;
use std::sync::{Arc, OnceLock};

/// A form of an entry as the index build finds it, before it is filed.
struct NewForm<'g> {
    entry: u32,
    role: Role,
    form: String,
    inflection: Option<Inflection<'g>>,
}

impl NewForm<'_> {
    fn new<'g>(entry: usize, role: Role, form: &str) -> NewForm<'g> {
        NewForm {
            entry: entry as u32,
            role,
            form: form.to_string(),
            inflection: None,
        }
    }
}

/// A near-miss target as the index build finds it.
struct NewTarget {
    entry: u32,
    form: String,
    key: String,
    skeleton: String,
    chars: u32,
    words: u32,
}

impl Index {
    /// Builds the index; without `word_table`, every form goes to the automaton (the
    /// reference the word table is tested against).
    pub(super) fn build(glossary: Arc<Glossary>, lang: &str, word_table: bool) -> Index {
        // Folding every form is most of the work, and each entry's is its own: entries are
        // read in parallel, a wave of chunks at a time (which bounds the memory the
        // intermediate lists take), and their forms are filed in entry order.
        const CHUNK: usize = 512;
        // The lists are sized from a count of the listed forms (inflections and other
        // scripts' forms come on top): grown by doubling, each would touch about twice its
        // memory, and fresh memory is much of what a large build costs.
        let (listed, correct) = glossary
            .entries
            .par_iter()
            .map(|entry| {
                let (forms, correct) = entry.forms_for(lang).map_or((0, 0), |f| {
                    let correct = 1 + f.alternatives.len();
                    (correct + f.variants.len() + f.forbidden.len(), correct)
                });
                let confusables = entry.confusables.iter();
                let confusables = confusables.filter(|c| lang_matches(&c.lang, lang)).count();
                (forms + confusables, correct)
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        let mut keys = KeyTable::with_capacity(listed);
        let mut ordered = Strings::with_capacity(listed, listed * 16);
        let mut texts = Strings::with_capacity(listed + 3 * correct, (listed + 3 * correct) * 16);
        let mut refs: Vec<(u32, StoredRef)> = Vec::with_capacity(listed);
        let mut needs_boundary: Vec<u8> = Vec::with_capacity(listed);
        let mut targets: Vec<StoredTarget> = Vec::with_capacity(correct);
        // Built-in entries that gave way to a user entry in this language lend it their
        // other languages' forms (see `Entry::same_as`).
        let lenders: Vec<(usize, usize)> = {
            let lending: Vec<(usize, &str)> = glossary
                .entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    let (_, id) = e.same_as.iter().find(|(l, _)| lang_matches(l, lang))?;
                    Some((i, id.as_str()))
                })
                .collect();
            if lending.is_empty() {
                Vec::new()
            } else {
                let by_id: std::collections::HashMap<&str, usize> = glossary
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.id.as_str(), i))
                    .collect();
                lending
                    .into_iter()
                    .filter_map(|(i, id)| Some((i, *by_id.get(id)?)))
                    .collect()
            }
        };
        let mut lent: Vec<KeyedForm<'_>> = Vec::new();
        for &(lender, owner) in &lenders {
            if let Some(forms) = glossary.entries[owner].forms_for(lang) {
                foreign_forms(owner, forms, &glossary.entries[lender], lang, &mut lent);
            }
        }
        for (wave, chunk_entries) in glossary.entries.chunks(CHUNK * 16).enumerate() {
            let mut per_chunk: Vec<(Vec<KeyedForm<'_>>, Vec<NewTarget>)> = chunk_entries
                .par_chunks(CHUNK)
                .enumerate()
                .map(|(chunk, entries)| {
                    let mut forms = Vec::new();
                    let mut targets = Vec::new();
                    for (k, entry) in entries.iter().enumerate() {
                        let e = wave * CHUNK * 16 + chunk * CHUNK + k;
                        entry_forms(&glossary, e, entry, lang, &mut forms, &mut targets);
                    }
                    (forms, targets)
                })
                .collect();
            if wave == 0 {
                per_chunk.push((std::mem::take(&mut lent), Vec::new()));
            }
            for (forms, chunk_targets) in per_chunk {
                for (key, r) in forms {
                    if key.is_empty() {
                        continue;
                    }
                    let entry = &glossary.entries[r.entry as usize];
                    let word = entry.policy.boundary == BoundaryPolicy::Word;
                    let hash = fx_hash(key.as_bytes());
                    let i = match keys.find(hash, key.as_bytes(), &ordered) {
                        Some(slot) => slot.pattern,
                        None => {
                            let i = ordered.push(&key);
                            keys.insert(hash, KeySlot::new(i, key.as_bytes()), &ordered);
                            needs_boundary.push(0);
                            i
                        }
                    };
                    let form = texts.push(&r.form);
                    let ending = r.inflection.map_or(NO_ENDING, |how| {
                        let strip = texts.push(how.strip);
                        texts.push(how.add);
                        strip
                    });
                    refs.push((
                        i,
                        StoredRef {
                            entry: r.entry,
                            role: r.role.encode(),
                            form,
                            ending,
                        },
                    ));
                    needs_boundary[i as usize] |= u8::from(word);
                }
                for t in chunk_targets {
                    let key = texts.push(&t.key);
                    targets.push(StoredTarget {
                        entry: t.entry,
                        form: texts.push(&t.form),
                        key,
                        skeleton: texts.push(&t.skeleton),
                        chars: t.chars,
                        words: t.words,
                    });
                }
            }
        }
        // Group the forms by pattern, keeping their order within one.
        refs.sort_by_key(|(p, _)| *p);
        let mut starts = Vec::with_capacity(ordered.len() + 1);
        for (i, (p, _)) in refs.iter().enumerate() {
            while starts.len() <= *p as usize {
                starts.push(i as u32);
            }
        }
        starts.push(refs.len() as u32);
        let refs: Vec<StoredRef> = refs.into_iter().map(|(_, r)| r).collect();
        let correct = correct_hashes(&refs, &starts, &texts);
        for slot in keys.slots.to_mut().iter_mut() {
            if slot.pattern != KeySlot::EMPTY {
                slot.correct = correct[slot.pattern as usize];
            }
        }
        // Most forms are whole words of a spaced script: those are found by hashing the runs
        // of words that start at each word of the text (see `WordTable`). The automaton holds
        // the rest: forms that may sit inside a word (no boundaries, Arabic and Hebrew
        // proclitics, scripts written without spaces).
        let table_keys: Vec<Option<TableKey>> = (0..ordered.len() as u32)
            .into_par_iter()
            .map(|p| {
                TableKey::of(ordered.get(p))
                    .filter(|_| word_table && needs_boundary[p as usize] != 0)
            })
            .collect();
        let words = WordTable::new(table_keys.iter().flatten());
        let automaton_patterns: Vec<u32> = (0..ordered.len() as u32)
            .filter(|&p| table_keys[p as usize].is_none())
            .collect();
        drop(table_keys);

        // Sized up front: growing lists of millions of pairs by doubling touches twice the
        // memory, and fresh memory is much of what a large build costs.
        let id_bits = Postings::id_bits(targets.len());
        let target_key = |t: &StoredTarget| texts.get(t.key);
        let target_skeleton = |t: &StoredTarget| texts.get(t.skeleton);
        let mut bigram_pairs = Vec::with_capacity(
            targets
                .iter()
                .map(|t| target_key(t).chars().count() + 1)
                .sum(),
        );
        let mut skeleton_pairs = Vec::with_capacity(
            targets
                .iter()
                .map(|t| target_skeleton(t).chars().count() + 1)
                .sum(),
        );
        for (i, target) in targets.iter().enumerate() {
            let i = i as u32;
            let (words, chars) = (target.words as usize, target.chars as usize);
            for g in padded_bigrams(target_key(target)) {
                let key = bigram_key(words, chars, g);
                bigram_pairs.push(Postings::pair(key, i, id_bits));
            }
            deletions_within(target_skeleton(target), 1, |h| {
                skeleton_pairs.push(Postings::pair(h, i, id_bits))
            });
        }
        let (bigrams, skeletons) = rayon::join(
            || Postings::new(bigram_pairs, id_bits),
            || Postings::new(skeleton_pairs, id_bits),
        );
        let max_words = targets.iter().map(|t| t.words as usize).max().unwrap_or(0);
        let pattern_starts =
            Starts::of(&ordered, &automaton_patterns, &needs_boundary, !word_table);
        Index {
            entries: Arc::new(Entries::from(glossary)),
            lang: lang.to_string(),
            automaton: OnceLock::new(),
            pieces: OnceLock::new(),
            automaton_patterns: Flat::from(automaton_patterns),
            pattern_starts,
            words,
            refs: Flat::from(refs),
            starts: Flat::from(starts),
            needs_boundary: Flat::from(needs_boundary),
            keys,
            ordered,
            texts,
            targets: Flat::from(targets),
            bigrams,
            skeletons,
            max_words,
            id: super::next_id(),
        }
    }
}

/// A form's folded key, and the form.
type KeyedForm<'g> = (String, NewForm<'g>);

/// Every indexed form of entry `e` in language `lang` (its folded key and what it is), and
/// its near-miss targets.
/// Forms of `entry` in other languages, as foreign forms of entry `e` whose forms in `lang`
/// are `forms`: in another script, a name left untransliterated; in the same script, a name
/// left in another language's spelling. Regional variants of the text's language are not
/// other languages, and a form that folds to one of the language's own is that form.
fn foreign_forms<'g>(
    e: usize,
    forms: &crate::glossary::Forms,
    entry: &'g Entry,
    lang: &str,
    out: &mut Vec<KeyedForm<'g>>,
) {
    let own = dominant_script(&forms.canonical);
    let own_keys: Vec<String> = std::iter::once(&forms.canonical)
        .chain(&forms.alternatives)
        .map(|f| fold_str(f))
        .collect();
    let primary = crate::lang_tag::primary_subtag(lang);
    for (other_lang, other) in &entry.forms {
        if lang_matches(other_lang, lang)
            || crate::lang_tag::primary_subtag(other_lang).eq_ignore_ascii_case(primary)
        {
            continue;
        }
        for form in std::iter::once(&other.canonical).chain(&other.alternatives) {
            let script = dominant_script(form);
            if script.is_none() || own.is_none() {
                continue;
            }
            let key = fold_str(form);
            if script == own && own_keys.contains(&key) {
                continue;
            }
            out.push((key, NewForm::new(e, Role::Foreign, form)));
        }
    }
}

fn entry_forms<'g>(
    glossary: &'g Glossary,
    e: usize,
    entry: &'g Entry,
    lang: &str,
    out: &mut Vec<KeyedForm<'g>>,
    targets: &mut Vec<NewTarget>,
) {
    if let Some(forms) = entry.forms_for(lang) {
        // Every form, and its inflections under the entry's paradigms.
        let mut push = |form: &str, key: String, role: Role| {
            out.push((key, NewForm::new(e, role, form)));
            for paradigm in &forms.inflect {
                for (inflected, how) in glossary.inflections_of(form, lang, paradigm) {
                    let mut r = NewForm::new(e, role, &inflected);
                    r.inflection = Some(how);
                    out.push((fold_str(&inflected), r));
                }
            }
        };
        for (form, role) in std::iter::once((&forms.canonical, Role::Canonical))
            .chain(forms.alternatives.iter().map(|a| (a, Role::Alternative)))
        {
            // A correct form is also a near-miss target, under the same key.
            let key = fold_str(form);
            targets.push(NewTarget {
                entry: e as u32,
                form: form.clone(),
                chars: key.chars().filter(|c| *c != ' ').count() as u32,
                // Words as the text's tokens count them: hyphens and apostrophes separate.
                words: key
                    .split(super::candidates::PIECE_BREAKS)
                    .filter(|p| !p.is_empty())
                    .count() as u32,
                skeleton: skeleton_of(&key),
                key: key.clone(),
            });
            push(form, key, role);
            // After the preposition لـ the article's alef is dropped: ل + النيجر is
            // written للنيجر. The elided form is indexed so that it reads as correct.
            if let Some(rest) = form.strip_prefix("ال") {
                let elided = format!("ل{rest}");
                push(&elided, fold_str(&elided), role);
            }
        }
        for (i, v) in forms.variants.iter().enumerate() {
            push(&v.form, fold_str(&v.form), Role::Variant(i));
        }
        for (i, v) in forms.forbidden.iter().enumerate() {
            push(&v.form, fold_str(&v.form), Role::Forbidden(i));
        }
        foreign_forms(e, forms, entry, lang, out);
    }
    for (i, c) in entry.confusables.iter().enumerate() {
        if lang_matches(&c.lang, lang) {
            out.push((
                fold_str(&c.form),
                NewForm::new(e, Role::Confusable(i), &c.form),
            ));
            // A confusable declines like the entry's own forms.
            let paradigms = entry.forms_for(lang).map_or(&[][..], |f| &f.inflect[..]);
            for paradigm in paradigms {
                for (inflected, how) in glossary.inflections_of(&c.form, lang, paradigm) {
                    let mut r = NewForm::new(e, Role::Confusable(i), &inflected);
                    r.inflection = Some(how);
                    out.push((fold_str(&inflected), r));
                }
            }
        }
    }
}

/// For each pattern, the hash of the first of its correct forms, when no confusable shares
/// the pattern (else 0): a hit whose text has this hash is written as listed, which decides
/// it at once (see [`super::Hit::correct`]; [`crate::check`] decides the same way from the forms).
fn correct_hashes(refs: &[StoredRef], starts: &[u32], texts: &Strings) -> Vec<u64> {
    let role = |r: &StoredRef| Role::decode(r.role).expect("a role the build encoded");
    starts
        .windows(2)
        .map(|w| {
            let forms = &refs[w[0] as usize..w[1] as usize];
            if forms.iter().any(|r| matches!(role(r), Role::Confusable(_))) {
                return 0;
            }
            forms
                .iter()
                .find(|r| matches!(role(r), Role::Canonical | Role::Alternative))
                .map_or(0, |r| fx_hash(texts.get(r.form).as_bytes()))
        })
        .collect()
}
