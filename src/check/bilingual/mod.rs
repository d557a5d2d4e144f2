//! Bilingual checking: in a translation unit, the source says which entities the target
//! must name. The source is matched against the glossary in the source language with the
//! same folding, inflection, script and clitic handling as a target; each entity it
//! mentions must be rendered in the target with one of the entity's forms in the target
//! language (or a listed wrong form, which the monolingual rules report).
//!
//! When an entity is not rendered, the span that renders it is looked for, strongest
//! evidence first: a spelling close to the entity's target form, or its source form left in
//! the target (untranslated, or re-transliterated); another glossary entity that the source
//! does not mention (a substituted entity); a word-by-word rendering of the source form
//! (its words, cognates of them, or the target forms of the entities inside it). The rules:
//!
//! - [`missing`]: `missing-rendering` (GL009), the approved rendering is missing;
//! - [`unsourced`]: `unsourced-entity` (GL010), an entity that the source does not mention;
//! - [`count`]: `rendering-count` (GL011), the source mentions an entity more often than
//!   the target renders it.
//!
//! Everything here works in the offsets of the target text being checked (the joined
//! segments of a file); a unit's target is a range of it.

mod align;
mod count;
mod missing;
mod unsourced;

use super::{classify, Document, Verdict};
use crate::finding::{Finding, Rule, UnitRef};
use crate::glossary::{Entry, Index, Kind, Role};
use crate::text::{address_spans, fold_str, Folded, Span};
use std::sync::Arc;

/// What bilingual checking needs besides the target's index: the index of the source
/// language, built from the same glossary (entry numbers agree).
#[derive(Clone)]
pub struct Bilingual {
    pub source: Arc<Index>,
}

impl std::fmt::Debug for Bilingual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bilingual")
            .field("source_lang", &self.source.lang())
            .finish()
    }
}

/// One translation unit of the text being checked: where its target is, how the file names
/// it, and its source text.
#[derive(Debug, Clone, Copy)]
pub struct UnitText<'a> {
    pub target: Span,
    pub id: &'a str,
    pub source: &'a str,
}

/// An entity mention of the source.
#[derive(Debug, Clone)]
pub(super) struct Mention<'s> {
    /// The entries its form belongs to (one, unless the form is ambiguous) that have forms
    /// in the target language: those the target must render.
    pub entries: Vec<usize>,
    /// Every entry its form belongs to: those the source mentions (a demonym may have no
    /// form in the target language, and its country is still mentioned).
    pub all: Vec<usize>,
    pub text: &'s str,
    /// Where the mention starts in the unit's source.
    pub start: usize,
    /// Whether the form may name something else, and what evidence may then locate it.
    pub ambiguity: Ambiguity,
}

/// How sure it is that a source form names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ambiguity {
    /// A name, nothing else.
    None,
    /// Also an ordinary word of the source language ("Founders", "Gallant", "Hoops"): a
    /// translation of the word may be a literal rendering of the name.
    Word,
    /// Also the name of something else (a known name that is not the entity's canonical
    /// form), or a part of a longer capitalised run the glossary does not know ("Caribbean"
    /// in "Pirates of the Caribbean") or of a numbered name ("World War 2"): only the
    /// source's form left in the target locates it; a spelling close to it there may be the
    /// longer name's own ("British Columbia" where the source writes "British Colombia").
    Name,
}

impl Ambiguity {
    /// Whether a finding may stand on `evidence` (`None`: on the unit).
    fn allows(self, evidence: Option<Evidence>) -> bool {
        match (self, evidence) {
            (Ambiguity::None, _) => true,
            (_, Some(Evidence::SourceForm)) => true,
            (Ambiguity::Word, Some(Evidence::CloseToSource(sim))) => sim >= 0.85,
            (Ambiguity::Word, Some(Evidence::CloseToTarget(sim))) => sim >= 0.7,
            _ => false,
        }
    }
}

/// A span of the target that renders an entity, and how sure that is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Located {
    pub span: Span,
    pub evidence: Evidence,
    /// From 0 to 1.
    pub confidence: f64,
    /// How many characters at the span's end are an ending the fix keeps (the source form
    /// inflected as the target's language does: "Prigozhins").
    pub ending: u8,
}

/// What says that a span renders an entity, strongest first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Evidence {
    /// Close to a target form of the entity (similarity).
    CloseToTarget(f64),
    /// Another spelling, inflection or derivation of a target form (similarity): the
    /// entity is rendered. A slip among them is the near-miss rule's to judge.
    Variant(f64),
    /// The source form, left as it is.
    SourceForm,
    /// Close to the source form (similarity): re-transliterated, or misspelt.
    CloseToSource(f64),
    /// Another glossary entity that the source does not mention (its entry number).
    Substitute(usize),
    /// Words of the source form, or their cognates, or what entities inside it are called.
    WordByWord,
}

/// The findings of the bilingual rules on `unit`, and the monolingual `findings` of the
/// whole text updated: those inside the unit name it, and the source's mention of their
/// entity. A located span that a monolingual finding on the same entity already covers is
/// not reported twice: that finding says what the source mentions.
pub(super) fn check_unit(
    doc: &Document,
    bilingual: &Bilingual,
    unit: &UnitText,
    findings: &mut [Finding],
    dropped: &mut [bool],
    runs: &dyn Fn(Rule) -> bool,
) -> Vec<Finding> {
    let source_index = &*bilingual.source;
    let target_lang = doc.index.lang();
    let mentions = mentions(source_index, unit.source, target_lang);
    let unit_ref = |mention: Option<&str>| {
        Some(Box::new(UnitRef {
            id: unit.id.to_string(),
            source_lang: source_index.lang().to_string(),
            source_mention: mention.map(str::to_string),
        }))
    };
    let inside = |s: Span| s.start >= unit.target.start && s.end <= unit.target.end;
    let mentioned_ids: Vec<&str> = mentions
        .iter()
        .flat_map(|m| m.all.iter().map(|&e| doc.index.entry(e).id.as_str()))
        .collect();
    for f in findings.iter_mut().filter(|f| inside(f.span)) {
        let mention = mentions
            .iter()
            .find(|m| m.entries.iter().any(|&e| doc.index.entry(e).id == f.entry));
        f.unit = unit_ref(mention.map(|m| m.text));
    }
    let renderings = renderings(doc, unit.target);
    // A look-alike the context would change ("Nigerian" where the text names Niger) that
    // renders what the source names, when the source does not name the other: the source
    // says which it is.
    for (f, drop) in findings.iter().zip(dropped.iter_mut()) {
        if f.rule == Rule::ContextConfusable
            && inside(f.span)
            && !mentioned_ids.contains(&f.entry.as_str())
            && renderings
                .iter()
                .any(|&(e, s)| s == f.span && mentions.iter().any(|m| m.all.contains(&e)))
        {
            *drop = true;
        }
    }
    // Aligned only when an entity is rendered as often as it is named.
    let aligned = std::cell::OnceCell::new();
    let aligned = || {
        aligned.get_or_init(|| {
            align::align(unit.source, &doc.text[unit.target.start..unit.target.end])
        })
    };
    let mut out = Vec::new();
    let mut substituted: Vec<usize> = Vec::new();
    // Each entity once, with the mentions of it.
    let mut done: Vec<usize> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.entries.is_empty() || m.entries.iter().any(|e| done.contains(e)) {
            continue;
        }
        done.extend(&m.entries);
        // The mentions of this entity, from this one on.
        let group: Vec<&Mention> = mentions[i..]
            .iter()
            .filter(|o| o.entries.iter().any(|e| m.entries.contains(e)))
            .collect();
        let times = group.len();
        let rendered_by_hits: Vec<Span> = renderings
            .iter()
            .filter(|(e, _)| m.entries.iter().any(|&me| renders(doc.index, me, *e)))
            .map(|&(_, s)| s)
            .collect();
        let rendered_by_findings: Vec<Span> = findings
            .iter()
            .filter(|f| inside(f.span))
            .filter(|f| {
                m.entries.iter().any(|&me| {
                    let entry = doc.index.entry(me);
                    entry.id == f.entry || entry.links.contains(&f.entry)
                })
            })
            .map(|f| f.span)
            .collect();
        let rendered = rendered_by_hits.len() + rendered_by_findings.len();
        // Spans that render other mentioned entities (not those named inside this one:
        // "Norwegen" may be the word-by-word "Norway" of "Statistics Norway"), or were
        // located already, or render this entity; found only where a rendering is looked
        // for, which most mentions do not need.
        let taken_now = |out: &[Finding]| -> Vec<Span> {
            let inner: Vec<usize> = m
                .entries
                .iter()
                .flat_map(|&e| missing::sub_entities(source_index, e, m.text))
                .map(|(_, e)| e)
                .collect();
            renderings
                .iter()
                .filter(|(e, _)| {
                    mentioned_ids.contains(&doc.index.entry(*e).id.as_str()) && !inner.contains(e)
                })
                .map(|&(_, s)| s)
                .chain(out.iter().map(|f| f.span))
                .chain(rendered_by_hits.iter().copied())
                .chain(rendered_by_findings.iter().copied())
                .collect()
        };
        if rendered >= times {
            // As often as the source, but perhaps not where the source says it: a sentence
            // that names the entity and whose translation renders it nowhere.
            let sentences = if times > 0 && runs(Rule::MissingRendering) {
                aligned().as_ref()
            } else {
                None
            };
            if let Some(pairs) = sentences {
                let rendered_spans: Vec<Span> = rendered_by_hits
                    .iter()
                    .chain(&rendered_by_findings)
                    .copied()
                    .collect();
                let mut taken = taken_now(&out);
                let sentence = SentenceCheck {
                    doc,
                    source_index,
                    unit,
                    renderings: &renderings,
                    mentioned: &mentioned_ids,
                    findings,
                };
                for mut f in sentence.unrendered(pairs, m, &group, &rendered_spans, &mut taken) {
                    f.unit = unit_ref(Some(m.text));
                    out.push(f);
                }
            }
            continue;
        }
        // One span for each mention the target does not render, while one is found; a span
        // that renders it in another form or spelling is accounted for too.
        let mut taken = taken_now(&out);
        let mut reported = 0;
        for _ in rendered..times {
            let best = m
                .entries
                .iter()
                .map(|&e| {
                    let located = missing::locate(
                        doc,
                        source_index,
                        unit,
                        e,
                        m,
                        &renderings,
                        &mentioned_ids,
                        &taken,
                    );
                    (e, located)
                })
                .max_by(|a, b| {
                    let score = |l: &Option<Located>| l.map_or(-1.0, |l| l.confidence);
                    score(&a.1).total_cmp(&score(&b.1))
                });
            let Some((e, located)) = best else { break };
            // Rendered after all, in another spelling or form.
            if let Some(
                l @ Located {
                    evidence: Evidence::Variant(_),
                    ..
                },
            ) = located
            {
                taken.push(l.span);
                reported += 1;
                continue;
            }
            if !m.ambiguity.allows(located.map(|l| l.evidence)) {
                break;
            }
            // Only spans are reported for mentions beyond the first that the target renders
            // or that were reported; the rest is the counts' business.
            if located.is_none() && (rendered > 0 || reported > 0) {
                break;
            }
            // An acronym of the target may be the entity ("USA" for the United States).
            if located.is_none() && has_acronym(&doc.text[unit.target.start..unit.target.end]) {
                break;
            }
            if let Some(Located {
                evidence: Evidence::Substitute(f),
                ..
            }) = located
            {
                substituted.push(f);
            }
            if let Some(l) = located {
                taken.push(l.span);
                if said_already(findings, &doc.index.entry(e).id, l.span) {
                    reported += 1;
                    continue;
                }
            }
            if !runs(Rule::MissingRendering) {
                break;
            }
            let mut f = missing::finding(doc, unit, doc.index.entry(e), m.text, located);
            f.unit = unit_ref(Some(m.text));
            out.push(f);
            reported += 1;
            if located.is_none() {
                break;
            }
        }
        // Named again in the same sentence, an entity is often left to a pronoun or to the
        // sentence's structure ("the capital of Spain and the largest city in Spain" →
        // "Spain's capital and largest city"): only sentences count.
        let sentences_naming = || {
            let sentences = align::sentences(unit.source);
            let mut naming: Vec<usize> = group
                .iter()
                .filter_map(|o| {
                    sentences
                        .iter()
                        .position(|s| s.start <= o.start && o.start < s.end)
                })
                .collect();
            naming.dedup();
            naming.len()
        };
        if rendered > 0
            && rendered + reported < times
            && runs(Rule::RenderingCount)
            && rendered + reported < sentences_naming()
        {
            let entry = doc.index.entry(m.entries[0]);
            let mut f = count::finding(doc, unit, entry, m.text, times, rendered + reported);
            f.unit = unit_ref(Some(m.text));
            out.push(f);
        }
    }
    if runs(Rule::UnsourcedEntity) {
        for &(e, span) in &renderings {
            if substituted.contains(&e) || mentions_entity(doc.index, &mentioned_ids, e) {
                continue;
            }
            let entry = doc.index.entry(e);
            if !unsourced::could_be_mentioned(source_index, entry, unit.source) {
                continue;
            }
            if out.iter().any(|f| f.span.overlaps(&span))
                || glued(doc, span)
                || inside_longer_name(doc, span)
                || ordinary_here(doc, span)
                || ordinary_anyhow(doc, span)
            {
                continue;
            }
            let mut f = unsourced::finding(doc, span, entry);
            f.unit = unit_ref(None);
            out.push(f);
        }
    }
    // Located spans overlap monolingual findings on other entities: the source's word is
    // the stronger evidence, so those give way.
    out
}

/// What checking one entity sentence by sentence reads.
struct SentenceCheck<'d, 'a> {
    doc: &'d Document<'a>,
    source_index: &'d Index,
    unit: &'d UnitText<'d>,
    renderings: &'d [(usize, Span)],
    mentioned: &'d [&'d str],
    findings: &'d [Finding],
}

impl SentenceCheck<'_, '_> {
    /// The findings on the mentions in `group` (of the entity of `m`) whose aligned target
    /// sentence renders the entity fewer times than the source sentence names it, where a
    /// span of that sentence renders it on strong evidence: the source form left as it is
    /// or close to it, or a spelling close to a target form. The unit as a whole renders it
    /// as often as the source names it, so nothing weaker stands: no finding on the unit,
    /// no word-by-word rendering, no substitute.
    fn unrendered(
        &self,
        pairs: &[(Span, Span)],
        m: &Mention,
        group: &[&Mention],
        rendered: &[Span],
        taken: &mut Vec<Span>,
    ) -> Vec<Finding> {
        let doc = self.doc;
        let base = self.unit.target.start;
        let mut out = Vec::new();
        for (source, target) in pairs {
            let target = Span::new(base + target.start, base + target.end);
            let named = group
                .iter()
                .filter(|g| source.start <= g.start && g.start < source.end)
                .count();
            let rendered_here = rendered.iter().filter(|s| target.contains(s)).count();
            let sentence = UnitText {
                target,
                ..*self.unit
            };
            for _ in rendered_here..named {
                let best = m
                    .entries
                    .iter()
                    .filter_map(|&e| {
                        let l = missing::locate(
                            doc,
                            self.source_index,
                            &sentence,
                            e,
                            m,
                            self.renderings,
                            self.mentioned,
                            taken,
                        )?;
                        Some((e, l))
                    })
                    .max_by(|a, b| a.1.confidence.total_cmp(&b.1.confidence));
                let Some((e, l)) = best else { break };
                taken.push(l.span);
                let strong = match l.evidence {
                    Evidence::SourceForm => true,
                    Evidence::CloseToSource(sim) => sim >= 0.85,
                    Evidence::CloseToTarget(sim) => sim >= 0.7,
                    _ => false,
                };
                if !strong || !m.ambiguity.allows(Some(l.evidence)) {
                    continue;
                }
                if said_already(self.findings, &doc.index.entry(e).id, l.span) {
                    continue;
                }
                out.push(missing::finding(
                    doc,
                    self.unit,
                    doc.index.entry(e),
                    m.text,
                    Some(l),
                ));
            }
        }
        out
    }
}

/// Whether a monolingual finding on the same span and entity already says it.
fn said_already(findings: &[Finding], entry_id: &str, span: Span) -> bool {
    findings
        .iter()
        .any(|f| f.span.overlaps(&span) && f.entry == entry_id)
}

/// Whether a rendering of entry `rendered` renders entry `mentioned`: the same entry, or
/// one linked to it (a country for its demonym: "French" is often rendered "Frankreichs").
fn renders(index: &Index, mentioned: usize, rendered: usize) -> bool {
    if mentioned == rendered {
        return true;
    }
    let a = index.entry(mentioned);
    let b = index.entry(rendered);
    linked_to(index, a, b) || linked_to(index, b, a) || same_entity(a, b)
}

/// Whether entry `a` links to `b`, or to an entry that is `b` (see [`same_entity`]): a
/// demonym links to the built-in country, which a user's entry of the same country replaced
/// ("French" and the user's France).
fn linked_to(index: &Index, a: &Entry, b: &Entry) -> bool {
    a.links.iter().any(|l| {
        *l == b.id
            || index
                .entry_by_id(l)
                .is_some_and(|linked| same_entity(linked, b))
    })
}

/// The forms of `entry` in `lang`, or, for a built-in entry that gave way there to a
/// user's entry (see `Entry::same_as`), that entry's.
pub(super) fn forms_in<'a>(
    index: &'a Index,
    entry: &'a Entry,
    lang: &str,
) -> Option<&'a crate::glossary::Forms> {
    entry.forms_for(lang).or_else(|| {
        let (_, owner) = entry
            .same_as
            .iter()
            .find(|(l, _)| crate::lang_tag::lang_matches(l, lang))?;
        index.entry_by_id(owner)?.forms_for(lang)
    })
}

/// Whether two entries are one entity: a built-in entry that gave way to a user's entry in
/// some language is that entry (its other languages' forms render it too).
fn same_entity(a: &Entry, b: &Entry) -> bool {
    a.same_as.iter().any(|(_, id)| *id == b.id) || b.same_as.iter().any(|(_, id)| *id == a.id)
}

/// Whether entry `e` is, or is linked to, one of the mentioned entries.
fn mentions_entity(index: &Index, mentioned: &[&str], e: usize) -> bool {
    let entry = index.entry(e);
    mentioned.contains(&entry.id.as_str())
        || entry.links.iter().any(|l| mentioned.contains(&l.as_str()))
        || entry
            .same_as
            .iter()
            .any(|(_, id)| mentioned.contains(&id.as_str()))
        || mentioned.iter().any(|m| {
            index
                .entry_by_id(m)
                .is_some_and(|me| linked_to(index, me, entry) || same_entity(me, entry))
        })
}

/// The entity mentions of `source`: hits of the source index written as a name (a correct
/// form, or a listed wrong one; not a form's spelling in lower case, which is an ordinary
/// word), of entities that have forms in the target language.
fn mentions<'s>(index: &Index, source: &'s str, target_lang: &str) -> Vec<Mention<'s>> {
    let folded = Folded::new(source);
    let addresses = address_spans(source);
    let mut out = Vec::new();
    for hit in index.find(&folded, source) {
        if addresses.iter().any(|&(s, e)| s < hit.end && hit.start < e) {
            continue;
        }
        let refs = index.forms(hit.pattern);
        let text = &source[hit.start..hit.end];
        match classify(text, &refs, index) {
            Verdict::Correct
            | Verdict::Variant(_)
            | Verdict::Forbidden(_)
            | Verdict::Diacritics(_) => {}
            Verdict::Case(_) | Verdict::Unknown => continue,
        }
        let mut all: Vec<usize> = refs
            .iter()
            .filter(|r| {
                matches!(
                    r.role,
                    Role::Canonical | Role::Alternative | Role::Variant(_) | Role::Forbidden(_)
                )
            })
            .map(|r| r.entry)
            .collect();
        all.sort_unstable();
        all.dedup();
        let entries: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&e| index.entry(e).forms_for(target_lang).is_some())
            .collect();
        let canonical = refs
            .iter()
            .any(|r| r.role == Role::Canonical && r.form == text);
        let cut = !canonical
            && all
                .iter()
                .any(|&e| cut_short(index.entry(e), index.lang(), text));
        let ambiguity = if (!canonical
            && crate::text::is_known_name_of_language(index.lang(), text))
            || (all.iter().all(|&e| index.entry(e).kind != Kind::Person)
                && inside_longer_run(source, hit.start, hit.end))
        {
            Ambiguity::Name
        } else if is_ordinary_word(index.lang(), text)
            && !crate::text::is_known_name_of_language(index.lang(), text)
        {
            Ambiguity::Word
        } else {
            Ambiguity::None
        };
        if !all.is_empty() {
            out.push(Mention {
                // A word cut short names the language or the people as often as the
                // place: the target need not render the place.
                entries: if cut { Vec::new() } else { entries },
                all,
                text,
                start: hit.start,
                ambiguity,
            });
        }
    }
    out
}

/// The entities the target renders inside `range`, each with its span: hits on a form of
/// the target language (correct or listed as wrong).
fn renderings(doc: &Document, range: Span) -> Vec<(usize, Span)> {
    let first = doc.hits.partition_point(|h| h.end <= range.start);
    let mut out = Vec::new();
    for hit in doc.hits[first..].iter().take_while(|h| h.start < range.end) {
        if hit.end > range.end {
            break;
        }
        let span = Span::new(hit.start, hit.end);
        let mut entries: Vec<usize> = doc
            .index
            .roles(hit.pattern)
            .filter(|(_, role)| !matches!(role, Role::Confusable(_) | Role::Foreign))
            .map(|(e, _)| e)
            .collect();
        entries.sort_unstable();
        entries.dedup();
        out.extend(entries.into_iter().map(|e| (e, span)));
    }
    out
}

/// Whether the target's `span` is an ordinary word written as one: in lower case, or in a
/// script without case ("الأرض", the land, is also the Earth).
fn ordinary_here(doc: &Document, span: Span) -> bool {
    let text = &doc.text[span.start..span.end];
    match super::ordinary_word(doc, text) {
        super::Ordinary::No => false,
        super::Ordinary::Word => true,
        super::Ordinary::Capitalised => !text.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Whether the target's `span` is one word that is also an ordinary word of the language,
/// however written, and no known name of it: with nothing in the source to point to the
/// entity, a capitalised ordinary word ("Tag" in German, "Jeux" at the head of a title) is
/// more likely that word, or the first word of a title the glossary does not hold, than a
/// name the source lacks. A country's name ("Francia") stays a name.
fn ordinary_anyhow(doc: &Document, span: Span) -> bool {
    // `ordinary_word` holds only a word of letters: no span of several words.
    let text = &doc.text[span.start..span.end];
    super::ordinary_word(doc, text) != super::Ordinary::No
        && !crate::text::is_known_name(doc.index.lang(), text)
}

/// Whether `text` holds an acronym: two to six capitals, dots between them allowed ("USA",
/// "EE.UU.", "PA"). One the glossary does not know may stand for any entity.
pub(super) fn has_acronym(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '.')
        .any(|w| {
            let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
            (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
        })
}

/// Whether `text`, one word, is an ordinary word of `lang` in lower case ("Span", "Roman",
/// "Republican"): as a mention it may be that word.
pub(super) fn is_ordinary_word(lang: &str, text: &str) -> bool {
    super::ordinary_word_in(lang, text) != super::Ordinary::No
}

/// Whether the source's span `start..end` sits inside a longer run of capitalised words
/// (not at a sentence start), or has a number after it or an ordinal before it: a part of a
/// longer name the glossary does not know ("Caribbean" in "Pirates of the Caribbean",
/// "Warfare" in "Modern Warfare", "World War" in "World War 2").
fn inside_longer_run(source: &str, start: usize, end: usize) -> bool {
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let before = source[..start].strip_suffix(' ').and_then(|b| {
        let w = b.rsplit([' ', '"', '(', '“']).next()?;
        let sentence_start = b[..b.len() - w.len()].trim_end().is_empty()
            || b[..b.len() - w.len()]
                .trim_end()
                .ends_with(['.', '?', '!', ':']);
        (!sentence_start && !w.ends_with(['.', ',', ';', ':'])).then_some(w)
    });
    let after = source[end..].strip_prefix(' ').and_then(|a| {
        a.split([' ', ',', '.', '?', '!', '"', ')', ':', ';', '”'])
            .next()
    });
    // A numbered name is another entity than the name without its number: "World War 2",
    // "the second World War", "Rocky 3".
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    before.is_some_and(|w| capitalised(w) || is_ordinal(w))
        || after.is_some_and(|w| capitalised(w) || number(w))
}

/// Whether `w` is an ordinal number in English, in words or figures ("second", "2nd").
fn is_ordinal(w: &str) -> bool {
    const WORDS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    let w = w.to_lowercase();
    WORDS.contains(&w.as_str())
        || ["st", "nd", "rd", "th"].iter().any(|s| {
            w.strip_suffix(s)
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
}

/// The longest name of `source` around its span `start..end`: the span with the words
/// joined to it ("AC" of "AC/DC"), the capitalised words, numbers and Roman numerals that
/// follow it ("George I", "World War 2") and the capitalised words before it, through
/// "of" and "the" ("Pirates of the Caribbean"), but not a sentence's first word. At most
/// three words more on each side.
pub(super) fn longer_name(source: &str, start: usize, end: usize) -> (usize, usize) {
    let word_end = |s: &str| {
        s.char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '\''))
            .map_or(s.len(), |(i, _)| i)
    };
    let name_like = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            || (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
    };
    let mut e = end;
    for _ in 0..3 {
        let rest = &source[e..];
        let Some(c) = rest.chars().next() else { break };
        let after = &rest[c.len_utf8()..];
        let w = &after[..word_end(after)];
        if w.is_empty() || !(matches!(c, '/' | '-' | '&') || c == ' ' && name_like(w)) {
            break;
        }
        e += c.len_utf8() + w.len();
    }
    // `s`: where the name starts; `at`: how far the scan has read, through connectors
    // that count only with a name before them.
    let (mut s, mut at) = (start, start);
    for _ in 0..5 {
        let before = &source[..at];
        let Some(c) = before.chars().next_back() else {
            break;
        };
        let head = &before[..before.len() - c.len_utf8()];
        let w_start = head
            .char_indices()
            .rev()
            .find(|&(_, ch)| !(ch.is_alphanumeric() || ch == '\''))
            .map_or(0, |(i, ch)| i + ch.len_utf8());
        let w = &head[w_start..];
        let first_of_sentence = head[..w_start].trim_end().is_empty()
            || head[..w_start].trim_end().ends_with(['.', '?', '!', ':']);
        if w.is_empty() || first_of_sentence && c == ' ' {
            break;
        }
        if matches!(c, '/' | '-' | '&') || c == ' ' && name_like(w) {
            (s, at) = (w_start, w_start);
        } else if c == ' ' && matches!(w, "of" | "the") {
            at = w_start;
        } else {
            break;
        }
    }
    (s, e)
}

/// Whether `text` is the beginning of `entry`'s canonical form in `lang`, one word shorter
/// than it: "Thai" for "Thailand" names the language and the people as often as the country.
fn cut_short(entry: &Entry, lang: &str, text: &str) -> bool {
    let Some(forms) = entry.forms_for(lang) else {
        return false;
    };
    let (c, t) = (fold_str(&forms.canonical), fold_str(text));
    c.len() > t.len() && c.starts_with(&t) && !c[t.len()..].starts_with(' ')
}

/// Whether `span`, in a script written without spaces, has a letter of its own script right
/// before or after it: part of a longer word ("タイ" in "タイトル", "英國" in "英國英語"), which
/// such a script does not separate.
fn glued(doc: &Document, span: Span) -> bool {
    use crate::text::{is_unspaced, script_of};
    let text = doc.text;
    let (Some(first), Some(last)) = (
        text[span.start..span.end].chars().next(),
        text[span.start..span.end].chars().next_back(),
    ) else {
        return false;
    };
    let touching = |inner: char, outer: Option<char>| {
        outer.is_some_and(|o| {
            is_unspaced(o) && is_unspaced(inner) && script_of(o) == script_of(inner)
        })
    };
    touching(first, text[..span.start].chars().next_back())
        || touching(last, text[span.end..].chars().next())
}

/// Whether `span` is part of a longer known name of the target language, in a script
/// written without spaces: "南非" (South Africa) in "南非荷兰语" (Afrikaans), "チェコ" in
/// "チェコ語" (Czech).
fn inside_longer_name(doc: &Document, span: Span) -> bool {
    let text = doc.text;
    let unspaced = |c: char| crate::text::is_unspaced(c);
    let before: Vec<usize> = text[..span.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| unspaced(c))
        .take(4)
        .map(|(i, _)| i)
        .collect();
    let after: Vec<usize> = text[span.end..]
        .char_indices()
        .take_while(|&(_, c)| unspaced(c))
        .take(5)
        .map(|(i, c)| span.end + i + c.len_utf8())
        .collect();
    if before.is_empty() && after.is_empty() {
        return false;
    }
    let lang = doc.index.lang();
    let starts = std::iter::once(span.start).chain(before.iter().copied());
    starts.into_iter().any(|s| {
        std::iter::once(span.end)
            .chain(after.iter().copied())
            .any(|e| {
                (s, e) != (span.start, span.end)
                    && crate::text::is_known_name_of_language(lang, &text[s..e])
            })
    })
}

/// Whether two entries could stand for each other: the same kind, or one of unknown kind.
fn same_kind(a: &Entry, b: &Entry) -> bool {
    a.kind == b.kind || a.kind == Kind::Other || b.kind == Kind::Other
}

/// The folded words of `s`, each a letter of a script written without spaces on its own.
fn folded_words(s: &str) -> Vec<String> {
    let folded = fold_str(s);
    tokens(&folded, 0, folded.len())
        .into_iter()
        .map(|(a, b)| folded[a..b].to_string())
        .collect()
}

/// The word spans of `folded[start..end]`: runs of letters, digits and marks, and each
/// letter of a script written without spaces on its own.
fn tokens(folded: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in folded[start..end].char_indices() {
        let at = start + i;
        let is_word = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        if is_word && !crate::text::is_unspaced(c) {
            word.get_or_insert(at);
            continue;
        }
        if let Some(w) = word.take() {
            out.push((w, at));
        }
        if is_word {
            out.push((at, at + c.len_utf8()));
        }
    }
    if let Some(w) = word {
        out.push((w, end));
    }
    out
}

/// Words joined as a key: with a space, except between letters of scripts written without
/// spaces.
fn joined<'w>(words: impl Iterator<Item = &'w str>) -> String {
    let mut out = String::new();
    let mut last_unspaced = false;
    for w in words {
        let unspaced = w.chars().all(crate::text::is_unspaced);
        if !(out.is_empty() || unspaced && last_unspaced) {
            out.push(' ');
        }
        out.push_str(w);
        last_unspaced = unspaced;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_units, CheckOptions};
    use crate::glossary::Glossary;

    fn pieces() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let words = prop::sample::select(vec![
            "Takoba",
            "Takuba",
            "Qasimi Quetta",
            "Assimi Goïta",
            "Mali",
            "Niger",
            "Nigerian",
            "Nigérien",
            "Тессалит",
            "マリ",
            "马里",
            "مالي",
            "말리는",
            "푸틴은",
            " ",
            "  ",
            ", ",
            ". ",
            "\n",
            "-",
            "'",
            "’",
            "USA",
            "St.",
            "la force",
            "des",
            "\u{301}",
            "ß",
            "İ",
        ]);
        prop::collection::vec(words, 0..16).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// No source and target make the bilingual rules panic, and every finding lies
        /// inside its unit's target, on character boundaries.
        #[test]
        fn any_unit_is_checked_without_panicking(source in pieces(), target in pieces(), prefix in pieces()) {
            let glossary = Arc::new(
                Glossary::from_toml("sahel.toml", crate::check::test_support::GLOSSARY).unwrap(),
            );
            let options = CheckOptions {
                bilingual: Some(Bilingual { source: Arc::new(Index::new(Arc::clone(&glossary), "en")) }),
                ..CheckOptions::default()
            };
            let index = Index::new(glossary, "fr");
            let text = format!("{prefix}\n\n\u{b6}\n\n{target}");
            let start = text.len() - target.len();
            let unit = UnitText { target: Span::new(start, text.len()), id: "u", source: &source };
            for f in check_units(&index, &text, &options, &[unit]) {
                proptest::prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
                if f.unit.is_some() {
                    proptest::prop_assert!(f.span.start >= start && f.span.end <= text.len());
                }
            }
        }
    }

    #[test]
    fn the_longer_name_around_a_mention() {
        let longer = |source: &str, mention: &str| {
            let start = source.find(mention).unwrap();
            let (s, e) = longer_name(source, start, start + mention.len());
            source[s..e].to_string()
        };
        let pirates = "Who appeared in the movie Pirates of the Caribbean: At World's End?";
        assert_eq!(longer(pirates, "Caribbean"), "Pirates of the Caribbean");
        assert_eq!(longer("Who sings for AC/DC today?", "AC"), "AC/DC");
        assert_eq!(
            longer("Did George I or Henry VIII rule?", "George"),
            "George I"
        );
        assert_eq!(
            longer("Did Japan surrender in World War 2?", "World War"),
            "World War 2"
        );
        // Not through a sentence's first word, nor a connector with no name before it.
        assert_eq!(longer("Spain won. France lost.", "France"), "France");
        assert_eq!(longer("The capital of Spain is Madrid.", "Spain"), "Spain");
    }

    #[test]
    fn words_of_spaced_and_unspaced_scripts() {
        assert_eq!(
            folded_words("St Michael's on Wyre"),
            ["st", "michael", "s", "on", "wyre"]
        );
        assert_eq!(
            folded_words("在塔库巴行动"),
            ["在", "塔", "库", "巴", "行", "动"]
        );
        assert_eq!(joined(["塔", "库", "巴"].into_iter()), "塔库巴");
        assert_eq!(joined(["andrew", "tri"].into_iter()), "andrew tri");
    }
}
