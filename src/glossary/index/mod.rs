//! The index for one language: the folded forms of every entry, and the candidate tables that
//! the near-miss rule queries.
//!
//! Forms that are whole words of a spaced script sit in a word table: a document's words are
//! hashed from each word start (and, in Arabic and Hebrew script, after each proclitic that
//! begins a word), and only runs of words that begin some form are looked up. The other
//! forms (inside words, in scripts written without spaces) are patterns of an Aho–Corasick
//! automaton. One pass of each over a folded
//! document finds every correct form, wrong variant, forbidden form and confusable at once,
//! so checking costs about the same whatever the glossary's size (plus the number of hits).
//! Near-miss candidates are found through character bigrams (the q-gram lemma bounds how many
//! a close spelling must share) and through a transliteration skeleton with a one-deletion
//! neighbourhood.
//!
//! Every table is a flat list of plain values (see [`super::flat`]), so that an index can be
//! compiled to bytes and read back in place (see [`Index::compile`]); only the automaton is
//! built again, when a text first needs it.
//!
//! The index's rooms, one concern each:
//!
//! - `roles`: the part a form plays for its entry ([`Role`]), and a form as the index stores it.
//! - `build`: building an index from a glossary ([`Index::new`]).
//! - `compiled`: writing an index to bytes and reading it back in place ([`Index::compile`]).
//! - `automaton`: the Aho–Corasick automaton, its build on first use and its anchored searches.
//! - `word_table`: the word table, its Bloom filters and first-word counts, and its search.
//! - `key_table`: the patterns by the hash of their keys, and the hash every table uses.
//! - `candidates`: near-miss candidates by bigrams and by skeletons.
//! - `postings`: the lists of target ids that near-miss candidates are read from.
//!
//! Word characters, the tokenizer, word boundaries and proclitics are the text room's
//! (`crate::text`): the index and the near-miss rule split text into words the same way.

mod automaton;
mod build;
mod candidates;
mod compiled;
mod key_table;
mod postings;
mod roles;
mod word_table;

pub use crate::text::at_word_boundaries;
pub use candidates::{
    bare_word, is_name_particle, romanised, skeleton_of, squash_into, Pieces, WordHashes,
    PIECE_BREAKS,
};
pub use roles::Role;

use super::compiled::Entries;
use super::flat::{Flat, Strings};
use super::{Glossary, Inflection};
use crate::text::after_proclitic;
use crate::text::{fold_key_in, Folded, FormKey};
use aho_corasick::AhoCorasick;
use bytemuck::{Pod, Zeroable};
use key_table::{fx_hash, KeySlot, KeyTable};
use postings::Postings;
use roles::{StoredRef, NO_ENDING};
use std::sync::{Arc, OnceLock};
use word_table::WordTable;

/// One glossary form behind a pattern.
#[derive(Debug, Clone, Copy)]
pub struct FormRef<'i> {
    pub entry: usize,
    pub role: Role,
    pub form: &'i str,
    /// For an inflected form, the ending that made it from the glossary's form.
    pub inflection: Option<Inflection<'i>>,
}

impl FormRef<'_> {
    /// The form's key at level `level` in language `lang`. Computed when a hit needs it,
    /// not stored: few forms are ever hit, and the index holds hundreds of thousands.
    pub fn key(&self, level: FormKey, lang: &str) -> String {
        fold_key_in(self.form, level, lang)
    }
}

/// A match of a pattern in a document, at word boundaries where the entry asks for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Original byte range.
    pub start: usize,
    pub end: usize,
    /// Folded byte range.
    pub folded_start: usize,
    pub folded_end: usize,
    pub pattern: usize,
    /// The text is one of the pattern's correct forms, byte for byte, and no confusable
    /// shares the pattern: nothing to report, and no need to read the forms (with a large
    /// glossary, each read is a miss to memory, and most names in a text are written
    /// right).
    pub correct: bool,
}

/// A correct form that near-miss spellings are measured against.
#[derive(Debug, Clone, Copy)]
pub struct Target<'i> {
    pub entry: usize,
    pub form: &'i str,
    pub key: &'i str,
    pub chars: usize,
    pub words: usize,
    pub skeleton: &'i str,
}

/// A target as the index stores it; the strings are in [`Index::texts`].
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
#[repr(C)]
struct StoredTarget {
    entry: u32,
    form: u32,
    key: u32,
    skeleton: u32,
    chars: u32,
    words: u32,
}

/// Everything the checker needs to know about one glossary in one language.
pub struct Index {
    entries: Arc<Entries>,
    lang: String,
    /// The automaton of the patterns the word table cannot hold (see [`WordTable`]), if
    /// any, for unanchored searches; built when a text first needs it.
    automaton: OnceLock<Option<AhoCorasick>>,
    /// The words of the targets of several words; built when a text first needs them.
    pieces: OnceLock<candidates::Pieces>,
    /// Pattern id of each automaton pattern.
    automaton_patterns: Flat<u32>,
    /// Where the automaton's patterns may start (see [`Index::anchored`]), and their
    /// automata by first byte for anchored searches, each built when a text first needs it.
    pattern_starts: automaton::Starts,
    words: WordTable,
    /// The forms of every pattern, pattern by pattern: those of pattern `p` are
    /// `refs[starts[p]..starts[p + 1]]`.
    refs: Flat<StoredRef>,
    starts: Flat<u32>,
    /// 1 where a form of the pattern needs word boundaries.
    needs_boundary: Flat<u8>,
    /// Pattern ids, found by the hash of their key (see [`KeySlot`]).
    keys: KeyTable,
    /// The folded key of each pattern.
    ordered: Strings,
    /// The forms, target keys and skeletons, and endings that `refs` and `targets` name.
    texts: Strings,
    targets: Flat<StoredTarget>,
    /// Padded bigram postings, bucketed by word count and letter count of the target: a
    /// spelling within a few edits of a name has about its length, so a query reads a few
    /// small buckets instead of every target sharing a common bigram.
    bigrams: Postings,
    /// Targets by the hash of each skeleton in their one-deletion neighbourhood.
    skeletons: Postings,
    max_words: usize,
    /// Unique among the indexes of this process (see [`Index::id`]).
    id: u64,
}

/// The id of the next index made (see [`Index::id`]).
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A fresh index id.
pub(super) fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Index {
    /// A number no other index of this process has, for caches of what was decided with
    /// this index (an address could be reused by the next one).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Builds the index of `glossary` for texts in language `lang`.
    pub fn new(glossary: Arc<Glossary>, lang: &str) -> Index {
        Index::build(glossary, lang, true)
    }

    /// Entry number `i` of the glossary.
    pub fn entry(&self, i: usize) -> &super::Entry {
        self.entries.get(i)
    }

    /// The entry with id `id`, found by binary search (the glossary's own lookup reads
    /// every entry).
    pub fn entry_by_id(&self, id: &str) -> Option<&super::Entry> {
        self.entries.by_id(id)
    }

    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The forms behind pattern `pattern`.
    pub fn forms(&self, pattern: usize) -> Vec<FormRef<'_>> {
        self.stored_refs(pattern)
            .iter()
            .map(|r| self.form_ref(r))
            .collect()
    }

    /// The entry and role of each form behind pattern `pattern`, without their text:
    /// nothing allocated and no string read, for the many callers that only ask whose
    /// forms a pattern holds.
    pub fn roles(&self, pattern: usize) -> impl Iterator<Item = (usize, Role)> + '_ {
        self.stored_refs(pattern).iter().map(|r| {
            (
                r.entry as usize,
                Role::decode(r.role).expect("a role that this version wrote"),
            )
        })
    }

    fn stored_refs(&self, pattern: usize) -> &[StoredRef] {
        &self.refs[self.starts[pattern] as usize..self.starts[pattern + 1] as usize]
    }

    fn form_ref(&self, r: &StoredRef) -> FormRef<'_> {
        FormRef {
            entry: r.entry as usize,
            role: Role::decode(r.role).expect("a role that this version wrote"),
            form: self.texts.get(r.form),
            inflection: (r.ending != NO_ENDING).then(|| Inflection {
                strip: self.texts.get(r.ending),
                add: self.texts.get(r.ending + 1),
            }),
        }
    }

    /// The pattern whose folded key is `key`, if any form folds to it.
    /// Whether folded `key` is a correct form (canonical or alternative, or an inflection of
    /// one) of some entry in this index's language.
    pub fn is_correct_key(&self, key: &str) -> bool {
        self.pattern_of(key).is_some_and(|p| {
            self.roles(p)
                .any(|(_, role)| matches!(role, Role::Canonical | Role::Alternative))
        })
    }

    pub fn pattern_of(&self, key: &str) -> Option<usize> {
        self.slot(fx_hash(key.as_bytes()), key)
            .map(|slot| slot.pattern as usize)
    }

    /// The key table's slot of `key`, whose [`fx_hash`] is `hash`.
    #[inline]
    fn slot(&self, hash: u64, key: &str) -> Option<KeySlot> {
        self.keys.find(hash, key.as_bytes(), &self.ordered)
    }

    /// The key table's slot of pattern `pattern`.
    fn slot_of(&self, pattern: usize) -> KeySlot {
        let key = self.ordered.get(pattern as u32);
        self.slot(fx_hash(key.as_bytes()), key)
            .expect("every pattern is in the key table")
    }

    /// The hits in `folded` (the folding of `original`), leftmost-longest and not
    /// overlapping, in order: at each position the longest form that fits its word
    /// boundaries.
    pub fn find(&self, folded: &Folded, original: &str) -> Vec<Hit> {
        // An anchored automaton finds nothing where no character starts a pattern (ASCII
        // text, most often: see `Index::anchored`).
        let automaton = self.automaton_may_match(&folded.text);
        let mut hits = self.find_words(folded, original, !automaton);
        if automaton {
            // Leftmost first, longest first at one start, then drop what overlaps a kept
            // hit: the same choice one automaton over every form would make.
            hits.extend(self.find_automaton(folded, original));
            hits.sort_unstable_by_key(|h| (h.folded_start, std::cmp::Reverse(h.folded_end)));
            let mut end = 0;
            hits.retain(|h| {
                let keep = h.folded_start >= end;
                if keep {
                    end = h.folded_end;
                }
                keep
            });
        }
        hits
    }

    /// The hit for the key in `slot` at folded `[start, end)`, if it sits at word
    /// boundaries (where its forms need them) and maps back to whole original characters.
    fn accept(
        &self,
        start: usize,
        end: usize,
        slot: KeySlot,
        folded: &Folded,
        original: &str,
    ) -> Option<Hit> {
        let pattern = slot.pattern as usize;
        let text = folded.text.as_str();
        if self.needs_boundary[pattern] != 0
            && !at_word_boundaries(text, start, end)
            && !after_proclitic(text, start, end)
        {
            return None;
        }
        let (o_start, o_end) = folded.to_original(start, end, original)?;
        Some(Hit {
            start: o_start,
            end: o_end,
            folded_start: start,
            folded_end: end,
            pattern,
            correct: slot.correct != 0
                && fx_hash(&original.as_bytes()[o_start..o_end]) == slot.correct,
        })
    }

    /// How many near-miss targets there are.
    pub fn target_count(&self) -> usize {
        self.targets.len()
    }

    /// Near-miss target number `t`.
    pub fn target(&self, t: u32) -> Target<'_> {
        let s = &self.targets[t as usize];
        Target {
            entry: s.entry as usize,
            form: self.texts.get(s.form),
            key: self.texts.get(s.key),
            chars: s.chars as usize,
            words: s.words as usize,
            skeleton: self.texts.get(s.skeleton),
        }
    }

    /// The most words any correct form of this language has.
    pub fn max_words(&self) -> usize {
        self.max_words
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::CompiledError;

    /// The hits of `index` in `text`, each with the text it covers.
    fn hits_in<'t>(index: &Index, text: &'t str) -> Vec<(&'t str, Hit)> {
        let folded = Folded::new(text);
        let hits = index.find(&folded, text);
        hits.into_iter()
            .map(|h| (&text[h.start..h.end], h))
            .collect()
    }

    /// The texts that `index` finds in `text`.
    fn found_in<'t>(index: &Index, text: &'t str) -> Vec<&'t str> {
        hits_in(index, text).into_iter().map(|(t, _)| t).collect()
    }

    /// A compiled index is read back only with the entries it was built from, and only
    /// whole.
    #[test]
    fn a_compiled_index_is_read_whole_and_with_its_entries() {
        use crate::glossary::aligned_copy as aligned;
        let g = Arc::new(Glossary::from_toml("g.toml", MIXED).unwrap());
        let index = Index::new(Arc::clone(&g), "en");
        let bytes = index.compile(Vec::new()).unwrap();
        let read = Index::read(aligned(&bytes), Arc::new(Entries::from(Arc::clone(&g)))).unwrap();
        assert_eq!(
            found_in(&read, "Mali, Niger"),
            found_in(&index, "Mali, Niger")
        );
        let mut fewer = (*g).clone();
        fewer.entries.pop();
        assert!(matches!(
            Index::read(aligned(&bytes), Arc::new(Entries::from(Arc::new(fewer)))),
            Err(CompiledError::Damaged { .. })
        ));
        for cut in [8, bytes.len() / 2, bytes.len() - 8] {
            assert!(
                Index::read(
                    aligned(&bytes[..cut]),
                    Arc::new(Entries::from(Arc::clone(&g)))
                )
                .is_err(),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn keys_of_more_than_sixteen_words_are_found_word_by_word() {
        // Two keys with one first word: 18 words (past the table's exact counts) and 3.
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "csp"
kind = "organisation"
[entry.forms.en]
canonical = "Coordination of Azawad Movements and the Platform of Armed Groups of the Algiers Agreement of 2015 in Mali"
alternatives = ["Coordination of Movements"]
"#,
        )
        .unwrap();
        let index = Index::new(Arc::new(g), "en");
        assert!(
            index.automaton_patterns.is_empty(),
            "both keys are in the word table"
        );
        let text = "The Coordination of Azawad Movements and the Platform of Armed Groups of the \
                    Algiers Agreement of 2015 in Mali met; the Coordination of Movements did not.";
        let found = found_in(&index, text);
        assert_eq!(
            found,
            [
                "Coordination of Azawad Movements and the Platform of Armed Groups of the \
                 Algiers Agreement of 2015 in Mali",
                "Coordination of Movements"
            ]
        );
    }

    #[test]
    fn only_names_written_as_listed_without_a_confusable_are_settled_at_once() {
        let g = Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "goita"
kind = "person"
[entry.forms.en]
canonical = "Assimi Goïta"
alternatives = ["Goïta"]
variants = ["Goita"]
[[entry]]
id = "nigeria"
kind = "demonym"
[entry.forms.en]
canonical = "Nigerian"
[[entry]]
id = "nigerien"
kind = "demonym"
[entry.forms.en]
canonical = "Nigerien"
[[entry.confusable]]
lang = "en"
form = "Nigerian"
"#,
        )
        .unwrap();
        let index = Index::new(Arc::new(g), "en");
        let text = "Goïta, Goita, GOÏTA, Assimi Goïta, Nigerien and Nigerian.";
        let found: Vec<(&str, bool)> = hits_in(&index, text)
            .into_iter()
            .map(|(found, h)| (found, h.correct))
            .collect();
        // "Goita" shares its key with "Goïta" but is a listed variant; "GOÏTA" is not the
        // listed spelling (the checker accepts it as a headline); "Nigerian" is correct for
        // Nigeria but may be a confusable for Niger, which context decides.
        assert_eq!(
            found,
            [
                ("Goïta", true),
                ("Goita", false),
                ("GOÏTA", false),
                ("Assimi Goïta", true),
                ("Nigerien", true),
                ("Nigerian", false),
            ]
        );
    }

    #[test]
    fn a_shorter_form_is_found_where_the_longest_fails_its_boundaries() {
        let g = Glossary::from_toml(
            "g.toml",
            "[[entry]]\nid = \"mali\"\nkind = \"place\"\n[entry.forms.en]\ncanonical = \"Mali\"\n[[entry]]\nid = \"empire\"\nkind = \"place\"\n[entry.forms.en]\ncanonical = \"Mali Empire\"\n",
        )
        .unwrap();
        let index = Index::new(Arc::new(g), "en");
        let text = "The Mali Empires and the Mali Empire.";
        let found = found_in(&index, text);
        assert_eq!(found, ["Mali", "Mali Empire"]);
    }

    /// Names whole and inside words, in three scripts, with punctuation, an expansion (ß)
    /// and keys that start alike.
    const MIXED: &str = r#"
[[entry]]
id = "mali"
kind = "place"
[entry.forms.en]
canonical = "Mali"
alternatives = ["Mali Empire", "Mali Empire Empire"]
[entry.forms.ar]
canonical = "مالي"
[entry.forms.he]
canonical = "מאלי"
[entry.forms.zh]
canonical = "马里"
[[entry]]
id = "ivory-coast"
kind = "place"
[entry.forms.en]
canonical = "Côte d'Ivoire"
variants = ["Cote"]
[[entry]]
id = "goita"
kind = "person"
[entry.forms.en]
canonical = "Assimi Goïta"
alternatives = ["Goïta"]
[[entry]]
id = "street"
kind = "other"
[entry.forms.en]
canonical = "Straße"
[[entry]]
id = "stan"
kind = "other"
boundary = "none"
[entry.forms.en]
canonical = "istan"
alternatives = ["li Em"]
"#;

    /// Forms the word table cannot hold that start with an ASCII letter: an anchored
    /// search finds them from the starts of words.
    const BRACKETS: &str = r#"
[[entry]]
id = "myanmar"
kind = "place"
[entry.forms.en]
canonical = "Myanmar (Burma)"
alternatives = ["Burma", "U.S."]
"#;

    #[test]
    fn forms_that_end_in_a_bracket_are_found_from_the_starts_of_words() {
        let g = Arc::new(Glossary::from_toml("g.toml", BRACKETS).unwrap());
        let index = Index::new(g, "en");
        assert!(index.anchored() && !index.no_ascii_start());
        // Not inside a word ("xmyanmar"), after a character of a script without spaces.
        let text = "In Myanmar (Burma), xmyanmar (burma) or the U.S.A., 在U.S.";
        assert_eq!(
            found_in(&index, text),
            ["Myanmar (Burma)", "burma", "U.S.", "U.S."]
        );
    }

    /// Anchored searches build the automaton of a byte's patterns only when a text holds
    /// a character that may start one: English text builds none for Chinese and Arabic
    /// names, a Chinese sentence builds the one its characters start.
    #[test]
    fn a_text_builds_only_the_automata_of_the_bytes_it_starts_patterns_with() {
        let toml = format!(
            "{BRACKETS}{}",
            r#"
[[entry]]
id = "mali"
kind = "place"
[entry.forms.en]
canonical = "Mali"
[entry.forms.zh]
canonical = "马里"
[entry.forms.ja]
canonical = "マリ共和国"
[entry.forms.ar]
canonical = "جمهورية مالي"
"#
        );
        let g = Arc::new(Glossary::from_toml("g.toml", &toml).unwrap());
        let index = Index::new(g, "en");
        assert!(index.anchored());
        assert_eq!(index.pattern_starts.built(), 0);
        let english = "The junta of Mali met in Myanmar (Burma) on Monday.";
        assert_eq!(found_in(&index, english), ["Mali", "Myanmar (Burma)"]);
        assert_eq!(
            index.pattern_starts.built(),
            1,
            "the patterns that start with m"
        );
        assert_eq!(
            found_in(&index, "“Naïve” is not a name."),
            Vec::<&str>::new()
        );
        assert_eq!(
            index.pattern_starts.built(),
            1,
            "no pattern starts like “ or ï"
        );
        // 马 and マ start with different bytes (E9, E3): one more automaton.
        assert_eq!(found_in(&index, "Its name in Chinese: 马里."), ["马里"]);
        assert_eq!(index.pattern_starts.built(), 2);
    }

    #[test]
    fn the_word_table_and_the_automaton_share_the_work_and_agree() {
        let g = Glossary::from_toml("g.toml", MIXED).unwrap();
        let index = Index::new(Arc::new(g), "en");
        let table = |key: &str| {
            index
                .words
                .word_counts(key.split(' ').next().unwrap().as_bytes())
        };
        // Whole words of a spaced script go to the word table, Arabic and Hebrew ones too
        // (found after their proclitics); forms that may sit inside a word, and Chinese,
        // to the automaton.
        assert_eq!(
            table("mali"),
            Some(0b111),
            "keys of 1, 2 and 3 words start with `mali`"
        );
        assert!(table("cote").is_some());
        assert_eq!(index.automaton_patterns.len(), 3, "istan, li em, 马里");
        let text = "Kazakhistan, the Mali Empire, Côte d'Ivoire, 马里, مالي, والمالي and ובמאלי.";
        let found = found_in(&index, text);
        // "li Em" inside "Mali Empire" starts later than the longer hit and is dropped, as
        // one leftmost-longest automaton over every form would drop it.
        assert_eq!(
            found,
            [
                "istan",
                "Mali Empire",
                "Côte d'Ivoire",
                "马里",
                "مالي",
                "مالي",
                "מאלי"
            ]
        );
    }

    proptest::proptest! {
        /// The word table and the automaton find what one automaton over every form finds.
        #[test]
        fn the_word_table_finds_what_the_automaton_alone_finds(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Mali", "mali", "Empire", "Empires", "Côte", "d'Ivoire", "d’Ivoire", "Goïta",
                    "Assimi", "ASSIMI", "the", "and", "Kazakhistan", "istan", "马里", "在",
                    "مالي", "والمالي", "ومالي", "فالمالي", "l", "Em", ",", ".", "-", " ", "\n", "ß",
                    "Strasse", "מאלי", "ובמאלי", "שמאלי", "והמאלי", "Myanmar", "(Burma)",
                    "(", ")", "Burma", "U.S.", "u.s", "xu.s.",
                ]),
                0..24,
            ),
            spaced in proptest::bool::ANY,
        ) {
            let text = words.join(if spaced { " " } else { "" });
            let folded = Folded::new(&text);
            // With forms inside words the automaton walks every byte; without them it
            // holds only Chinese names, and is searched from non-ASCII characters.
            let without_inner = MIXED.split("[[entry]]\nid = \"stan\"").next().unwrap();
            let brackets = format!("{without_inner}{BRACKETS}");
            for (glossary, anchored) in [(MIXED, false), (without_inner, true), (&brackets, true)] {
                let g = Arc::new(Glossary::from_toml("g.toml", glossary).unwrap());
                let both = Index::new(Arc::clone(&g), "en");
                proptest::prop_assert_eq!(both.anchored(), anchored);
                let reference = Index::build(g, "en", false);
                proptest::prop_assert!(reference.words.is_empty && !reference.anchored());
                proptest::prop_assert_eq!(both.find(&folded, &text), reference.find(&folded, &text));
            }
        }
    }
}
