//! Names spaced, joined or hyphenated otherwise. Romanised names come with their syllables
//! broken in more than one way ("Xi Jin Ping" for Xi Jinping, "Kim Jong Un" for Kim
//! Jong-un, "Vandersar" for Van der Sar), and a spelling with a break more or less is too
//! far from the name for the edit paths, which compare names of as many words. A span of
//! the text whose letters, breaks aside, are a name's letters is that name with other
//! breaks. German and the other compounding languages join and hyphenate the parts of a
//! compound, a name among them ("Xi-Jinping-Rede"): there a break the text adds is a
//! slip, one it drops or hyphenates is the compound's.

use super::{
    finding, is_compound_of, is_compounding, joined_as_name, overlaps_any, overlaps_recent,
    Candidate, NearMissOptions,
};
use crate::check::Document;
use crate::finding::Finding;
use crate::glossary::squash_into;
use crate::text::{similarity, Lexicon, Token};

/// Words of a span at most: a name of three words and a fourth split off.
const MAX_WORDS: usize = 4;

/// Words held before a chain is weighed, at most: a long title of capitalised words is
/// weighed piece by piece.
const MAX_CHAIN: usize = 16;

/// The chain of words the near-miss window has passed that may be one name: a capitalised
/// word and the words joined to it by a space (capitalised), a hyphen or an apostrophe
/// ("Jong-un", "Hsiao-p'ing"). Weighed when it ends. Only scripts with case have chains:
/// Arabic and Hebrew join and split the parts of a name at will ("عبد الله", "عبدالله"),
/// and Chinese, Japanese and Thai write no spaces between them.
#[derive(Default)]
pub(super) struct Chain {
    words: Vec<(Token, bool)>,
    squashed: String,
}

impl Chain {
    /// Takes the next word of the text (`capital`: it starts with an upper-case letter),
    /// weighing the chain it ends, if it ends one, into `found`.
    pub(super) fn push(
        &mut self,
        doc: &Document,
        (token, capital): (Token, bool),
        covered: &[(usize, usize)],
        lexicon: Option<&Lexicon>,
        found: &mut Vec<Finding>,
        options: &NearMissOptions,
    ) {
        let text = doc.folded.text.as_str();
        let joins = self.words.last().is_some_and(|(last, _)| {
            joined_as_name(text, last, &token) && (capital || &text[last.end..token.start] != " ")
        });
        if !joins || self.words.len() >= MAX_CHAIN {
            self.finish(doc, covered, lexicon, found, options);
        }
        if capital || !self.words.is_empty() {
            self.words.push((token, capital));
        }
    }

    /// Weighs the chain held so far, and starts a new one.
    pub(super) fn finish(
        &mut self,
        doc: &Document,
        covered: &[(usize, usize)],
        lexicon: Option<&Lexicon>,
        found: &mut Vec<Finding>,
        options: &NearMissOptions,
    ) {
        let mut start = 0;
        while start < self.words.len() {
            let next = self.weigh_from(doc, start, covered, lexicon, found, options);
            start = next.unwrap_or(start + 1);
        }
        self.words.clear();
    }

    /// The longest span from word `start` that is a name spaced otherwise, reported into
    /// `found`; the word after it, if there is one.
    fn weigh_from(
        &mut self,
        doc: &Document,
        start: usize,
        covered: &[(usize, usize)],
        lexicon: Option<&Lexicon>,
        found: &mut Vec<Finding>,
        options: &NearMissOptions,
    ) -> Option<usize> {
        if !self.words[start].1 {
            return None;
        }
        let index = doc.index;
        let text = doc.folded.text.as_str();
        let pieces = index.pieces();
        let reach = self.words.len().min(start + MAX_WORDS);
        for end in (start..reach).rev() {
            let (fs, fe) = (self.words[start].0.start, self.words[end].0.end);
            let key = &text[fs..fe];
            let words = end - start + 1;
            squash_into(key, &mut self.squashed);
            // Most spans have no such name: one hash lookup tells.
            let mut candidates = pieces.squashed_as(&self.squashed).peekable();
            let spaced =
                candidates.peek().is_some() && self.squashed.chars().count() >= options.min_length;
            let wade_giles = (!spaced && words >= 2)
                .then(|| crate::text::chinese::wade_giles_sounds(key))
                .flatten();
            let romanised = wade_giles.is_some();
            // A possessive is no break: "the United State's oldest bird" misplaces the
            // apostrophe of "United States'", it does not split the name.
            if !(spaced || romanised)
                || overlaps_any(covered, fs, fe)
                || index.pattern_of(key).is_some()
                || key.ends_with("'s")
            {
                continue;
            }
            let mut best = None;
            let mut how = SPACED;
            if let Some(sounds) = &wade_giles {
                // A Chinese name through Wade–Giles where the glossary has its Pinyin.
                if let Some(id) = pieces
                    .read_as_pinyin(index, sounds)
                    .find(|&id| index.target(id).key != key)
                {
                    best = Some((id, index.target(id)));
                    how = ROMANISED;
                }
            }
            for id in candidates.filter(|_| spaced) {
                let target = index.target(id);
                if target.key == key || !same_letters(target.key, &self.squashed) {
                    continue;
                }
                // German "Xi-Jinping-Rede": the compound's hyphen, not a slip.
                if is_compounding(index.lang())
                    && is_compound_of(key, target.key, crate::text::endings(index.lang()))
                {
                    continue;
                }
                // French typography hyphenates the parts of a place's name ("la
                // Côte-d'Ivoire", "Saint-Pierre-et-Miquelon"): a hyphen for a space there
                // is that convention. A space for a hyphen ("États Unis") is a slip.
                if crate::lang_tag::primary_subtag(index.lang()) == "fr"
                    && index.entry(target.entry).kind == crate::glossary::Kind::Place
                    && only_hyphens_added(key, target.key)
                {
                    continue;
                }
                // Words of the language that make a one-word name together ("Ice Land"
                // for Iceland) are those words.
                if target.words == 1
                    && words > 1
                    && lexicon.is_some_and(|l| all_ordinary(doc, &self.words[start..=end], l))
                {
                    continue;
                }
                best = Some((id, target));
                break;
            }
            let Some((id, target)) = best else {
                continue;
            };
            let Some((os, oe)) = doc.folded.to_original(fs, fe, doc.text) else {
                continue;
            };
            if overlaps_recent(found, os, (os, oe)) {
                continue;
            }
            let sim = similarity(key, target.key);
            let c = Candidate {
                target,
                id,
                similarity: sim,
                // The same letters: halfway from the spelling's similarity to 1, as two
                // romanisations of the same sounds are.
                confidence: (1.0 + sim) / 2.0,
                how,
                ending: None,
            };
            if c.confidence >= options.min_confidence {
                found.push(finding(doc, crate::text::Span::new(os, oe), c));
                return Some(end + 1);
            }
        }
        None
    }
}

/// How a span spaced otherwise is close, for the message.
const SPACED: &str = ", the same letters with other spaces or hyphens";

/// How a span in another romanisation is close, for the message.
const ROMANISED: &str = ", the same syllables in another romanisation (Wade–Giles)";

/// Whether folded `key`, without its breaks, is `squashed`.
fn same_letters(key: &str, squashed: &str) -> bool {
    let mut rest = squashed.chars();
    key.chars()
        .filter(|c| !crate::glossary::PIECE_BREAKS.contains(c))
        .all(|c| rest.next() == Some(c))
        && rest.next().is_none()
}

/// Whether folded `key` is `target` with hyphens for some of its spaces, and nothing else.
fn only_hyphens_added(key: &str, target: &str) -> bool {
    key.len() == target.len()
        && key
            .bytes()
            .zip(target.bytes())
            .all(|(k, t)| k == t || (k == b'-' && t == b' '))
}

/// Whether every word of `words` is an ordinary word of the language.
fn all_ordinary(doc: &Document, words: &[(Token, bool)], lexicon: &Lexicon) -> bool {
    let mut lower = String::new();
    words.iter().all(|(t, _)| {
        doc.folded
            .to_original(t.start, t.end, doc.text)
            .is_some_and(|at| super::is_ordinary(doc, at, lexicon, &mut lower))
    })
}

#[cfg(test)]
mod tests {
    use super::{ROMANISED, SPACED};
    use crate::check::{check, CheckOptions};
    use crate::finding::Rule;
    use crate::glossary::{Glossary, Index};
    use std::sync::Arc;

    fn index(lang: &str, forms: &[(&str, &str, &str)]) -> Index {
        let toml: String = forms
            .iter()
            .map(|(id, kind, form)| {
                format!(
                    "[[entry]]\nid = \"{id}\"\nkind = \"{kind}\"\n[entry.forms.{lang}]\ncanonical = \"{form}\"\n\n"
                )
            })
            .collect();
        Index::new(
            Arc::new(Glossary::from_toml("g.toml", &toml).unwrap()),
            lang,
        )
    }

    /// The near-miss findings of `text`: span, message's ending, fix.
    fn found(index: &Index, text: &str) -> Vec<(String, String)> {
        check(index, text, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.rule == Rule::NearMiss)
            .map(|f| {
                assert!(
                    f.message.ends_with(SPACED) || f.message.ends_with(ROMANISED),
                    "{}",
                    f.message
                );
                (
                    text[f.span.start..f.span.end].to_string(),
                    f.replacement().unwrap().to_string(),
                )
            })
            .collect()
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    /// Romanised names with their syllables broken otherwise, in English news sentences:
    /// split, joined, a hyphen dropped or added; the listed spelling is left alone.
    #[test]
    fn english_names_spaced_otherwise_are_found() {
        let index = index(
            "en",
            &[
                ("xi", "person", "Xi Jinping"),
                ("kim", "person", "Kim Jong-un"),
                ("sar", "person", "Edwin van der Sar"),
                ("iceland", "place", "Iceland"),
            ],
        );
        let text = "Xi Jin Ping met Kim Jong Un in Beijing, and Edwin Vandersar watched.";
        assert_eq!(
            found(&index, text),
            pairs(&[
                ("Xi Jin Ping", "Xi Jinping"),
                ("Kim Jong Un", "Kim Jong-un"),
                ("Edwin Vandersar", "Edwin van der Sar"),
            ])
        );
        assert_eq!(
            found(&index, "Later XiJinping wrote to Kim Jongun."),
            pairs(&[("XiJinping", "Xi Jinping"), ("Kim Jongun", "Kim Jong-un")])
        );
        assert_eq!(
            found(
                &index,
                "Xi Jinping met Kim Jong-un; Edwin van der Sar watched."
            ),
            []
        );
        // Words of the language that make a one-word name together are those words.
        assert_eq!(found(&index, "The Ice Land of the north."), []);
    }

    /// Chinese names through Wade–Giles in English sentences, where the glossary has their
    /// Pinyin: apostrophes kept or dropped. A Pinyin spelling of a Pinyin name is never
    /// read as one ("Pali" beside "Bali"), nor are words of the language.
    #[test]
    fn chinese_names_in_wade_giles_are_found_against_their_pinyin() {
        let index = index(
            "en",
            &[
                ("mao", "person", "Mao Zedong"),
                ("zhou", "person", "Zhou Enlai"),
                ("deng", "person", "Deng Xiaoping"),
                ("hu", "person", "Hu Jintao"),
                ("bali", "place", "Bali"),
            ],
        );
        let text = "In 1949 Mao Tse-tung proclaimed the republic, and Chou En-lai became \
                    premier. Later Teng Hsiao-p'ing opened the economy; Hu Chin-t'ao followed.";
        let near: Vec<(String, String, bool)> = check(&index, text, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.rule == Rule::NearMiss)
            .map(|f| {
                (
                    text[f.span.start..f.span.end].to_string(),
                    f.replacement().unwrap().to_string(),
                    f.message.ends_with(ROMANISED),
                )
            })
            .collect();
        let expected = [
            ("Mao Tse-tung", "Mao Zedong"),
            ("Chou En-lai", "Zhou Enlai"),
            ("Teng Hsiao-p'ing", "Deng Xiaoping"),
            ("Hu Chin-t'ao", "Hu Jintao"),
        ];
        assert_eq!(
            near,
            expected
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string(), true))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            found(&index, "Teng Hsiao-ping, without the apostrophe."),
            pairs(&[("Teng Hsiao-ping", "Deng Xiaoping")])
        );
        assert_eq!(
            found(
                &index,
                "Mao Zedong and Hu Jintao; a Pali text; The Long Way Home."
            ),
            []
        );
    }

    /// German joins and hyphenates a compound's parts, a name among them: only a break
    /// the name does not have is a slip ("Neu Seeland"), not the compound's hyphens.
    #[test]
    fn german_compounds_are_no_slips_but_an_added_break_is() {
        let index = index(
            "de",
            &[
                ("nz", "place", "Neuseeland"),
                ("xi", "person", "Xi Jinping"),
            ],
        );
        assert_eq!(
            found(&index, "Die Xi-Jinping-Rede wurde in Neu Seeland gelesen."),
            pairs(&[("Neu Seeland", "Neuseeland")])
        );
        assert_eq!(
            found(&index, "Ein Besuch von Xi Jin Ping in Neuseeland."),
            pairs(&[("Xi Jin Ping", "Xi Jinping")])
        );
    }

    /// Russian writes Нью-Йорк with a hyphen; French Jean-Marie and États-Unis, and may
    /// hyphenate any place's name.
    #[test]
    fn cyrillic_and_french_names_spaced_otherwise_are_found() {
        let ru = index("ru", &[("ny", "place", "Нью-Йорк")]);
        assert_eq!(
            found(&ru, "Он прилетел в Нью Йорк во вторник."),
            pairs(&[("Нью Йорк", "Нью-Йорк")])
        );
        assert_eq!(found(&ru, "Он прилетел в Нью-Йорк во вторник."), []);
        let fr = index(
            "fr",
            &[
                ("lepen", "person", "Jean-Marie Le Pen"),
                ("ci", "place", "Côte d'Ivoire"),
                ("us", "place", "États-Unis"),
            ],
        );
        assert_eq!(
            found(&fr, "Jean Marie Le Pen a fondé le parti en 1972."),
            pairs(&[("Jean Marie Le Pen", "Jean-Marie Le Pen")])
        );
        // French hyphenates the parts of a place's name; a space for its hyphen is a slip.
        assert_eq!(
            found(&fr, "Il a visité la Côte-d'Ivoire et les États Unis."),
            pairs(&[("États Unis", "États-Unis")])
        );
    }
}
