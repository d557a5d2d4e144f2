//! Word tokens of a folded text, and sentence and paragraph boundaries of an original text.

use super::WordSpans;
use unicode_segmentation::UnicodeSegmentation;

/// A word of a folded text: a maximal run of letters, digits and marks, as a folded byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// The words of a folded text, in order. Apostrophes and hyphens separate words, so that
/// "takoba's" yields "takoba" and "s"; callers decide which separators may sit inside a name.
/// A letter of a script written without spaces is a boundary of its own, as the index sees
/// it: "在takoba行动" holds the one word "takoba".
pub fn word_tokens(folded: &str) -> Vec<Token> {
    WordTokens::new(folded).collect()
}

/// The words of a folded text as [`word_tokens`] finds them, one at a time: a reader that
/// looks at a few words at once needs no list of all of them (16 bytes a word, more than the
/// text itself). The index's own tokenizer ([`WordSpans`]), so that the near-miss rule and
/// the index never disagree on what a word is.
pub struct WordTokens<'a>(WordSpans<'a>);

impl<'a> WordTokens<'a> {
    pub fn new(folded: &'a str) -> Self {
        WordTokens(WordSpans::new(folded, 0))
    }
}

impl Iterator for WordTokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        self.0.next().map(|(start, end)| Token { start, end })
    }
}

/// Start offsets of the sentences of `text` (UAX #29 sentence boundaries), beginning with 0.
pub fn sentence_bounds(text: &str) -> Vec<usize> {
    let mut starts: Vec<usize> = text
        .split_sentence_bound_indices()
        .map(|(i, _)| i)
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts
}

/// Start offsets of the paragraphs of `text`: a paragraph ends at a blank line.
pub fn paragraph_bounds(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut line_start = 0;
    let mut previous_blank = false;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if previous_blank && !blank {
            starts.push(line_start);
        }
        previous_blank = blank;
        line_start += line.len();
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        word_tokens(s)
            .into_iter()
            .map(|t| &s[t.start..t.end])
            .collect()
    }

    #[test]
    fn splits_on_spaces_punctuation_apostrophes_and_hyphens() {
        assert_eq!(
            words("takoba's force, cote d'ivoire-nord 2022"),
            ["takoba", "s", "force", "cote", "d", "ivoire", "nord", "2022"]
        );
        assert_eq!(words("вагнер и гоита"), ["вагнер", "и", "гоита"]);
        assert_eq!(words("नाइजर की सेना"), ["नाइजर", "की", "सेना"]);
    }

    #[test]
    fn finds_sentences_and_paragraphs() {
        let text = "Mali is here. Niger too.\n\nNew paragraph.\r\n\r\nAnother.";
        let s = sentence_bounds(text);
        assert_eq!(&text[s[1]..s[2]], "Niger too.\n");
        let p = paragraph_bounds(text);
        assert_eq!(p.len(), 3);
        assert!(text[p[1]..].starts_with("New paragraph."));
        assert!(text[p[2]..].starts_with("Another."));
    }
}
