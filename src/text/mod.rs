//! Text primitives: byte spans into the original file, line and column lookup, the folded
//! view of a text that matching runs on (with an exact map back to original bytes), and the
//! one tokenizer: which characters make words, the word spans of a folded text, word
//! boundaries and the Arabic and Hebrew proclitics before a name, sentences and paragraphs.
//!
//! Nothing here knows about glossaries or rules. Offsets are always bytes of the original
//! text; characters are never collected into `Vec<char>`.

mod boundaries;
pub mod chinese;
mod distance;
mod endings;
mod fold;
mod lexicon;
mod lexicon_table;
mod line_index;
mod links;
mod names;
mod passage;
mod script;
mod tokens;
mod words;

pub(crate) use boundaries::name_starts;
pub use boundaries::{after_proclitic, at_word_boundaries};
pub use distance::{cognate, osa_within, similarity, similarity_at, similarity_from};
pub use endings::{endings, writes_compounds, Endings};
pub use fold::{fold_key, fold_key_in, fold_str, is_ignorable, Folded, FormKey};
pub use lexicon::{lexicon, Lexicon};
pub use line_index::{LineIndex, Position};
pub use links::address_spans;
pub use names::{
    after_feature_word, is_known_name, is_known_name_elsewhere, is_known_name_in_another_gender,
    is_known_name_of_language,
};
pub use passage::{foreign_passage, is_function_word_of, tells_language};
pub use script::{dominant_script, is_han, is_katakana_letter, script_of, Script};
pub(crate) use tokens::{is_unspaced, is_word_char, WordSpans};
pub use words::{paragraph_bounds, sentence_bounds, word_tokens, Token, WordTokens};

use serde::Serialize;

/// A half-open byte range `[start, end)` into the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The same span moved by `base` bytes, for segments that start inside a larger file.
    pub fn shifted(&self, base: usize) -> Span {
        Span::new(self.start + base, self.end + base)
    }
}
