//! Word boundaries in folded text: whether a range cuts no word (letters of scripts written
//! without spaces count as boundaries), and the Arabic and Hebrew proclitics that may join the
//! word before a name (والنيجر, ובמאלי) and stay outside its match.
//!
//! This room judges positions in a folded text and nothing more: it finds no form and maps
//! nothing back to the original text, and which characters make words is the tokenizer's
//! (`tokens`).

use super::tokens::{is_unspaced, is_word_char};

/// True when the folded range `[start, end)` does not cut a word on either side. Letters of
/// scripts written without spaces (Chinese, Japanese, Thai, …) count as boundaries, so that
/// a Latin name inside Chinese text still matches.
pub fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let after = text[end..].chars().next();
    boundary_between(before, first) && boundary_between(last, after)
}

/// True when the folded range `[start, end)` ends a word and starts one after proclitics
/// only: Arabic conjunctions, prepositions and the article (والنيجر, بمالي, للنيجر) or Hebrew
/// prefixes (ובמאלי). The proclitics stay outside the match, so a fix keeps them.
pub fn after_proclitic(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].chars().next();
    let last = text[start..end].chars().next_back();
    if !boundary_between(last, after) {
        return false;
    }
    let word_start = text[..start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(start, |(i, _)| i);
    let prefix = &text[word_start..start];
    text[start..end]
        .chars()
        .next()
        .is_some_and(|first| is_proclitic(prefix, first))
}

/// Whether `prefix`, joined to the word before a name that starts with `first`, is a
/// proclitic sequence of the name's script.
fn is_proclitic(prefix: &str, first: char) -> bool {
    if ARABIC.contains(&first) {
        ARABIC_PROCLITICS.contains(&prefix)
    } else if HEBREW.contains(&first) {
        prefix.chars().count() <= 3 && prefix.chars().all(|c| HEBREW_PROCLITICS.contains(c))
    } else {
        false
    }
}

/// The Arabic block and the Hebrew letters: a name starting with one may follow proclitics
/// joined to it (see `after_proclitic`).
const ARABIC: std::ops::RangeInclusive<char> = '\u{0600}'..='\u{06FF}';
const HEBREW: std::ops::RangeInclusive<char> = '\u{05D0}'..='\u{05EA}';

/// Hebrew letters that are proclitics (and, the, in, as, to, from, that); up to three join
/// a word.
const HEBREW_PROCLITICS: &str = "והבכלמש";

/// The most characters a proclitic sequence has (Arabic "وبال": and, with, the).
pub(crate) const MAX_PROCLITIC_CHARS: usize = 4;

/// Where a name may start in the word `text[start..end]`: at `start`, and after each
/// proclitic sequence that begins the word (see [`is_proclitic`]), leftmost first. The
/// array holds the first `n` of them.
#[inline]
pub(crate) fn name_starts(
    text: &str,
    start: usize,
    end: usize,
) -> ([usize; MAX_PROCLITIC_CHARS + 1], usize) {
    let mut starts = [start; MAX_PROCLITIC_CHARS + 1];
    let mut n = 1;
    let word = &text[start..end];
    // Proclitics are Arabic and Hebrew letters: most words past ASCII (Cyrillic, Greek)
    // take none.
    let first = word.chars().next().expect("a word");
    if !(ARABIC.contains(&first) || HEBREW.contains(&first)) {
        return (starts, n);
    }
    for (at, c) in word.char_indices().skip(1).take(MAX_PROCLITIC_CHARS) {
        if is_proclitic(&word[..at], c) {
            starts[n] = start + at;
            n += 1;
        }
    }
    (starts, n)
}

/// Arabic proclitic sequences, as they fold: conjunction, preposition, then the article.
const ARABIC_PROCLITICS: &[&str] = &[
    "و", "ف", "ب", "ل", "ك", "س", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وب", "ول",
    "وك", "فب", "فل", "فك", "وبال", "وكال", "فبال", "فكال", "وس", "فس",
];

fn boundary_between(a: Option<char>, b: Option<char>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            !(is_word_char(a) && is_word_char(b)) || is_unspaced(a) || is_unspaced(b)
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_str;

    #[test]
    fn arabic_and_hebrew_proclitics_are_boundaries() {
        let t = fold_str("والنيجر وبمالي فيمالي ובמאלי");
        let at = |s: &str| t.find(&fold_str(s)).unwrap();
        let niger = fold_str("النيجر");
        assert!(after_proclitic(
            &t,
            at("النيجر"),
            at("النيجر") + niger.len()
        ));
        let mali = fold_str("مالي");
        let first = at("مالي");
        assert!(after_proclitic(&t, first, first + mali.len()));
        // "في" is a preposition written apart, not a proclitic: فيمالي is not Mali.
        let second = t[first + mali.len()..].find(&mali).unwrap() + first + mali.len();
        assert!(!after_proclitic(&t, second, second + mali.len()));
        let hebrew = fold_str("מאלי");
        let h = t.find(&hebrew).unwrap();
        assert!(after_proclitic(&t, h, h + hebrew.len()));
    }

    #[test]
    fn boundaries_hold_between_words_and_around_unspaced_scripts() {
        let t = "nigeria and niger, 在takuba行动";
        let at = |s: &str| t.find(s).unwrap();
        assert!(!at_word_boundaries(t, at("niger"), at("niger") + 5));
        assert!(at_word_boundaries(t, at("niger,"), at("niger,") + 5));
        assert!(at_word_boundaries(t, at("takuba"), at("takuba") + 6));
    }
}
