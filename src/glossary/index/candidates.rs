//! Near-miss candidates: the targets whose folded key shares enough padded character bigrams
//! with a spelling (the q-gram lemma bounds how many a close spelling must share), or whose
//! transliteration skeleton is within one deletion of the spelling's; and the bigrams,
//! skeletons and postings keys that the build files the targets under.
//!
//! This room proposes candidates only: the near-miss rule verifies each by edit distance, so
//! a shared hash here may add a candidate but must never lose one. It reads no text.

use super::key_table::fx_hash;
use super::Index;
use rustc_hash::FxHashSet;

/// Character bigrams of a folded key, padded with `\0` at both ends so that first and last
/// letters weigh like the others. Spaces are kept: word breaks are part of a name's shape.
pub fn padded_bigrams(key: &str) -> Vec<(char, char)> {
    let mut grams = Vec::with_capacity(key.len() + 1);
    let mut prev = '\0';
    for c in key.chars() {
        grams.push((prev, c));
        prev = c;
    }
    grams.push((prev, '\0'));
    grams
}

/// A transliteration skeleton of a folded Latin key: consonants grouped by how scripts
/// commonly render them (q/k/c/g, t/d, s/z, b/p, f/v, j/y), vowels, h and w dropped, doubled
/// letters collapsed, word breaks kept. "qasimi quetta" and "assimi goita" give "ksm kt" and
/// "sm kt"; "takoba" and "takuba" both give "tkb". Non-Latin letters are kept as they are.
pub fn skeleton_of(key: &str) -> String {
    let mut out = String::new();
    skeleton_into(key, &mut out);
    out.trim().to_string()
}

/// [`skeleton_of`] `key`, written into `out` (cleared first) untrimmed: the same for a key
/// without word breaks at its ends, as a word is.
fn skeleton_into(key: &str, out: &mut String) {
    out.clear();
    let mut prev = None;
    for c in key.chars() {
        let mapped = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'h' | 'w' | '\'' => None,
            'q' | 'k' | 'c' | 'g' | 'x' => Some('k'),
            't' | 'd' => Some('t'),
            's' | 'z' => Some('s'),
            'b' | 'p' => Some('b'),
            'f' | 'v' => Some('f'),
            'j' | 'y' => Some('j'),
            ' ' | '-' => Some(' '),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        };
        if let Some(m) = mapped {
            if prev != Some(m) {
                out.push(m);
            }
            prev = Some(m);
        } else if c != 'h' && c != '\'' {
            // A vowel separates doubled consonants: "sasa" keeps both s.
            prev = None;
        }
    }
}

/// A romanisation-blind spelling of a folded Latin key: the letter groups that the
/// romanisation conventions of one sound write differently are written alike, and doubled
/// letters once. German "Prigoschin", English "Prigozhin" and French "Prigojine" come
/// close; "Tokajew" and "Tokayev", "Selenskyj" and "Zelensky" become equal.
///
/// | written | as | conventions |
/// | --- | --- | --- |
/// | tsch, tch, ch, č | C | German, French, English, Czech |
/// | sch, sh, zh, ž, š, j before a vowel in French-style "-jine" | S | German, English, Russian |
/// | kh, h after k | H | Russian, Arabic |
/// | w, v, ff at the end | v | German, English, old French "-off" |
/// | y, j, i | i | Russian ye/e, ij/y, Korean, Arabic |
/// | ou, oo, u | u | French, Arabic |
/// | q, c, k, ck | k | Arabic q/k |
/// | z, s, ts | s | German z, Arabic dh/z |
/// | dh | s | Arabic |
/// | ph | f | |
/// | th | t | |
/// | x | ks | |
pub fn romanised(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let b = key.as_bytes();
    let mut i = 0;
    let starts = |i: usize, p: &str| key[i..].starts_with(p);
    while i < b.len() {
        let (sound, len): (&str, usize) = if starts(i, "tsch") {
            ("C", 4)
        } else if starts(i, "sch") {
            ("S", 3)
        } else if starts(i, "tch") {
            ("C", 3)
        } else if starts(i, "ch") {
            ("C", 2)
        } else if starts(i, "sh") || starts(i, "zh") {
            ("S", 2)
        } else if starts(i, "kh") {
            ("H", 2)
        } else if starts(i, "ph") {
            ("f", 2)
        } else if starts(i, "th") {
            ("t", 2)
        } else if starts(i, "dh") || starts(i, "ts") || starts(i, "tz") {
            ("s", 2)
        } else if starts(i, "ck") {
            ("k", 2)
        } else if starts(i, "ou") || starts(i, "oo") {
            ("u", 2)
        } else if starts(i, "ff") && i + 2 == b.len() {
            ("v", 2)
        } else {
            let c = key[i..].chars().next().expect("inside the key");
            let mapped = match c {
                'w' | 'v' => "v",
                'y' | 'j' | 'i' => "i",
                'q' | 'c' | 'k' => "k",
                'z' | 's' => "s",
                'x' => "ks",
                _ => {
                    i += c.len_utf8();
                    if !out.ends_with(c) {
                        out.push(c);
                    }
                    continue;
                }
            };
            (mapped, 1)
        };
        i += len;
        if !out.ends_with(sound) {
            out.push_str(sound);
        }
    }
    out
}

/// Calls `each` with the hash of the key itself and of every key with one character
/// deleted. Hashes stand for the strings: a collision only adds a candidate, which is verified.
pub(super) fn deletion_hashes(key: &str, mut each: impl FnMut(u64)) {
    each(fx_hash(key.as_bytes()));
    let mut buf = String::with_capacity(key.len());
    for (i, c) in key.char_indices() {
        buf.clear();
        buf.push_str(&key[..i]);
        buf.push_str(&key[i + c.len_utf8()..]);
        each(fx_hash(buf.as_bytes()));
    }
}

/// Calls `each` with the hash of `key` and of every spelling made by dropping up to `depth`
/// of its characters (some more than once).
pub(super) fn deletions_within(key: &str, depth: usize, mut each: impl FnMut(u64)) {
    fn go(key: &str, depth: usize, from: usize, each: &mut impl FnMut(u64)) {
        each(fx_hash(key.as_bytes()));
        if depth == 0 {
            return;
        }
        let mut buf = String::with_capacity(key.len());
        for (i, c) in key.char_indices().filter(|(i, _)| *i >= from) {
            buf.clear();
            buf.push_str(&key[..i]);
            buf.push_str(&key[i + c.len_utf8()..]);
            go(&buf, depth - 1, i, each);
        }
    }
    go(key, depth, 0, &mut each);
}

/// The postings key of a bigram of a target with `words` words and `letters` letters: both
/// counts (capped at 255, which only merges buckets) and both characters in one `u64`.
pub(super) fn bigram_key(words: usize, letters: usize, (a, b): (char, char)) -> u64 {
    let cap = |n: usize| n.min(255) as u64;
    cap(words) << 50 | cap(letters) << 42 | (a as u64) << 21 | b as u64
}

/// The words ("pieces", split at spaces, hyphens and apostrophes) of every target of
/// several words, their one-deletion neighbourhoods and their skeletons, as hashes: a
/// spelling of several words can come close to such a target only if most of its pieces are
/// pieces of one, or close to one (see [`Pieces::holds`]), and that is a few hash lookups
/// where the candidates are hundreds of postings reads.
///
/// It also holds the spellings of every single-word target with up to
/// [`Pieces::SINGLE_DEPTH`] letters dropped, for [`Pieces::may_have_single_within`].
pub struct Pieces {
    exact: FxHashSet<u64>,
    near: FxHashSet<u64>,
    skeletons: FxHashSet<u64>,
    single: FxHashSet<u64>,
}

/// Where a folded key splits into pieces.
pub const PIECE_BREAKS: [char; 3] = [' ', '-', '\''];

impl Pieces {
    fn of(index: &Index) -> Pieces {
        let mut pieces = Pieces {
            exact: FxHashSet::default(),
            near: FxHashSet::default(),
            skeletons: FxHashSet::default(),
            single: FxHashSet::default(),
        };
        for t in 0..index.targets.len() as u32 {
            let target = index.target(t);
            if target.words < 2 {
                deletions_within(target.key, Pieces::SINGLE_DEPTH, |h| {
                    pieces.single.insert(h);
                });
                continue;
            }
            for piece in target.key.split(PIECE_BREAKS).filter(|p| !p.is_empty()) {
                if pieces.exact.insert(fx_hash(piece.as_bytes())) {
                    deletion_hashes(piece, |h| {
                        pieces.near.insert(h);
                    });
                    pieces
                        .skeletons
                        .insert(fx_hash(skeleton_of(piece).as_bytes()));
                }
            }
        }
        pieces
    }

    /// Letters dropped from single-word targets, at most (see
    /// [`Pieces::may_have_single_within`]).
    pub const SINGLE_DEPTH: usize = 2;

    /// Whether some single-word target may be within `edits` edits (optimal string
    /// alignment) of the folded word `key`: true when the two share a spelling after each
    /// drops at most `edits` letters (a substitution or a swap drops one letter on each
    /// side, an insertion one on the other), and always for more edits than the targets'
    /// depth. Never false for a target within `edits`; a shared hash only adds candidates.
    pub fn may_have_single_within(&self, key: &str, edits: usize) -> bool {
        if edits > Pieces::SINGLE_DEPTH {
            return true;
        }
        let mut found = false;
        deletions_within(key, edits, |h| found |= self.single.contains(&h));
        found
    }

    /// Whether `piece` is a piece of a target.
    pub fn is_piece(&self, piece: &str) -> bool {
        self.exact.contains(&fx_hash(piece.as_bytes()))
    }

    /// Whether `piece` (folded) is a piece of a target, within one edit of one (their
    /// one-deletion neighbourhoods meet), or has the skeleton of one.
    pub fn holds(&self, piece: &str) -> bool {
        let m = self.classify(piece);
        m.near || m.skeleton
    }

    /// How `piece` (folded) compares with the pieces of the targets (see [`PieceMatch`]).
    pub fn classify(&self, piece: &str) -> PieceMatch {
        if self.is_piece(piece) {
            return PieceMatch::EXACT;
        }
        let skeleton = SKELETON.with_borrow_mut(|skeleton| {
            skeleton_into(piece, skeleton);
            skeleton.is_empty() || self.skeletons.contains(&fx_hash(skeleton.as_bytes()))
        });
        let mut near = false;
        deletion_hashes(piece, |h| near |= self.near.contains(&h));
        PieceMatch {
            exact: false,
            near,
            skeleton,
        }
    }
}

/// How one word compares with the pieces of the targets of several words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PieceMatch {
    /// It is a piece.
    pub exact: bool,
    /// It is a piece or within one edit of one (their one-deletion neighbourhoods meet).
    pub near: bool,
    /// Its skeleton is a piece's (or it has none).
    pub skeleton: bool,
}

impl PieceMatch {
    pub const EXACT: PieceMatch = PieceMatch {
        exact: true,
        near: true,
        skeleton: true,
    };
}

thread_local! {
    /// Scratch space for [`Pieces::holds`].
    static SKELETON: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

thread_local! {
    /// Shared-bigram counts per target, zero between queries, and the targets counted (see
    /// `bigram_candidates`).
    static COUNTS: std::cell::RefCell<(Vec<u8>, Vec<u32>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

impl Index {
    /// The pieces of the targets of several words, gathered at the first call.
    pub fn pieces(&self) -> &Pieces {
        self.pieces.get_or_init(|| Pieces::of(self))
    }

    /// Targets of `words` words and `letters ± spread` letters that share at least
    /// `min_shared` padded bigrams with folded `key`.
    pub fn bigram_candidates(
        &self,
        key: &str,
        words: usize,
        letters: usize,
        spread: usize,
        min_shared: usize,
        out: &mut Vec<u32>,
    ) {
        out.clear();
        let mut grams = padded_bigrams(key);
        grams.sort_unstable();
        grams.dedup();
        // Count each target's shared bigrams in a per-thread array and keep a target when its
        // count reaches `min_shared`: linear in the postings read, where sorting them cost
        // most of a check in texts full of unknown names. Ids come out in order.
        // Every target in a posting shares at least one bigram, as when the lists were sorted.
        let need = min_shared.clamp(1, usize::from(u8::MAX));
        COUNTS.with_borrow_mut(|(counts, touched)| {
            if counts.len() < self.targets.len() {
                counts.resize(self.targets.len(), 0);
            }
            for len in letters.saturating_sub(spread)..=letters + spread {
                for g in &grams {
                    for &t in self.bigrams.get(bigram_key(words, len, *g)) {
                        let c = &mut counts[t as usize];
                        if *c == 0 {
                            touched.push(t);
                        }
                        *c = c.saturating_add(1);
                        if usize::from(*c) == need {
                            out.push(t);
                        }
                    }
                }
            }
            for t in touched.drain(..) {
                counts[t as usize] = 0;
            }
        });
        out.sort_unstable();
    }

    /// Targets whose skeleton is within one deletion of each other's (covers one
    /// substitution, insertion or deletion of a skeleton letter).
    pub fn skeleton_candidates(&self, skeleton: &str, out: &mut Vec<u32>) {
        out.clear();
        deletion_hashes(skeleton, |h| out.extend_from_slice(self.skeletons.get(h)));
        out.sort_unstable();
        out.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_survive_vowel_drift_and_transliteration() {
        assert_eq!(skeleton_of("takoba"), skeleton_of("takuba"));
        assert_eq!(skeleton_of("tassalit"), skeleton_of("tessalit"));
        assert_eq!(skeleton_of("qasimi quetta"), "ksm kt");
        assert_eq!(skeleton_of("assimi goita"), "sm kt");
    }

    /// Real pairs from WMT23 English→German output and its reference, and common press
    /// spellings of the same people.
    #[test]
    fn romanisations_of_one_name_meet() {
        assert_eq!(romanised("tokayev"), romanised("tokajew"));
        assert_eq!(romanised("prigozhin"), romanised("prigoschin"));
        assert_eq!(romanised("zelensky"), romanised("selenskyj"));
        assert_eq!(romanised("gorbachev"), romanised("gorbatschew"));
        assert_eq!(romanised("romanoff"), romanised("romanov"));
        assert_ne!(romanised("mali"), romanised("bali"));
        assert_ne!(romanised("tonga"), romanised("tonya"));
    }

    /// The pieces of "Assimi Goïta" hold the words that could be slips of them, and no
    /// other word: a spelling of two words with neither held is never looked up.
    #[test]
    fn pieces_hold_their_words_and_close_spellings_only() {
        let g = crate::glossary::Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "goita"
kind = "person"
[entry.forms.en]
canonical = "Assimi Goïta"
[[entry]]
id = "mali"
kind = "place"
[entry.forms.en]
canonical = "Mali"
"#,
        )
        .unwrap();
        let index = Index::new(std::sync::Arc::new(g), "en");
        let pieces = index.pieces();
        assert!(pieces.is_piece("assimi") && pieces.is_piece("goita"));
        assert!(pieces.holds("asimi"), "one edit");
        assert!(pieces.holds("quetta"), "the skeleton of goita");
        assert!(!pieces.holds("mali"), "a one-word target has no pieces");
        assert!(!pieces.holds("paris"));
        assert!(!pieces.is_piece("asimi"));
    }

    /// Every word within two edits of a single-word target passes; words further off, as
    /// most words of a text are, do not.
    #[test]
    fn single_word_targets_are_ruled_out_by_deletions() {
        let g = crate::glossary::Glossary::from_toml(
            "g.toml",
            r#"
[[entry]]
id = "tessalit"
kind = "place"
[entry.forms.en]
canonical = "Tessalit"
"#,
        )
        .unwrap();
        let index = Index::new(std::sync::Arc::new(g), "en");
        let pieces = index.pieces();
        for (word, edits) in [
            ("tessalit", 0),
            ("tassalit", 1),
            ("tesalit", 1),
            ("tessallit", 1),
            ("tesslait", 1),
            ("tasalitt", 2),
            ("tessa", 3),
        ] {
            assert!(pieces.may_have_single_within(word, edits.max(1)), "{word}");
        }
        assert!(!pieces.may_have_single_within("tasalitt", 1));
        assert!(!pieces.may_have_single_within("paris", 2));
        assert!(!pieces.may_have_single_within("toulouse", 2));
    }
}
