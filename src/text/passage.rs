//! The language of a passage, told by its function words: "was held in Espoo, Finland, from
//! July 10th" is English wherever it stands, also in a page whose language is French.
//!
//! Translated files often keep passages of the source: a paragraph nobody translated yet, a
//! quotation, a table of contents. A name in such a passage is written as that passage's
//! language writes it, and judging it by the file's language reports every correct name in
//! it. The test is deliberately blunt and cheap: the hundred most frequent words of each of
//! about forty languages (`lexicons/function-words.tsv`, from wordfreq), counted in the
//! passage. Only findings ask, so a clean text never pays for it.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

static SOURCE: &str = include_str!("../../lexicons/function-words.tsv");

struct FunctionWords {
    langs: Vec<&'static str>,
    /// For each word, the set of languages (bit `i` for `langs[i]`) whose list has it.
    words: FxHashMap<&'static str, u64>,
}

fn function_words() -> &'static FunctionWords {
    static BUILT: OnceLock<FunctionWords> = OnceLock::new();
    BUILT.get_or_init(|| {
        let mut langs = Vec::new();
        let mut words: FxHashMap<&'static str, u64> = FxHashMap::default();
        for line in SOURCE.lines() {
            let Some((lang, list)) = line.split_once('\t') else {
                continue;
            };
            // One bit a language: the file has fewer than 64.
            let bit = 1u64 << langs.len().min(63);
            langs.push(lang);
            for word in list.split(' ').filter(|w| !w.is_empty()) {
                *words.entry(word).or_default() |= bit;
            }
        }
        FunctionWords { langs, words }
    })
}

/// Whether lower-case `word` is one of the hundred most frequent words of `lang` (its
/// primary language), in the lists this module reads.
pub fn is_function_word_of(word: &str, lang: &str) -> bool {
    let table = function_words();
    let primary = crate::lang_tag::primary_subtag(lang);
    let Some(i) = table.langs.iter().position(|l| *l == primary) else {
        return false;
    };
    table
        .words
        .get(word)
        .is_some_and(|mask| i < 64 && mask & (1 << i) != 0)
}

/// Function-word counts per language of the words of `text` outside `skip` (a byte range).
fn counts(text: &str, skip: (usize, usize), out: &mut [u32]) {
    let table = function_words();
    let mut start = None;
    let mut lower = String::new();
    let mut count = |from: usize, to: usize| {
        if from < skip.1 && to > skip.0 {
            return;
        }
        lower.clear();
        lower.extend(text[from..to].chars().flat_map(char::to_lowercase));
        if let Some(&mask) = table.words.get(lower.as_str()) {
            for (i, n) in out.iter_mut().enumerate() {
                if mask & (1 << i) != 0 {
                    *n += 1;
                }
            }
        }
    };
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || (c == '\'' && start.is_some());
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                count(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        count(s, text.len());
    }
}

/// Fewest function words of one language that make a passage that language.
const MIN_WORDS: u32 = 3;

/// The language of `passage`, other than `file_lang`, when its function words say so
/// clearly: at least three of that language's, and more than twice as many (plus two) as
/// of `file_lang`'s. `skip` is the byte range of the name being judged, left out of the
/// count. None when the passage reads as the file's language, or when it does not tell.
pub fn foreign_passage(
    passage: &str,
    skip: (usize, usize),
    file_lang: &str,
) -> Option<&'static str> {
    let table = function_words();
    let primary = crate::lang_tag::primary_subtag(file_lang).to_ascii_lowercase();
    let own = table.langs.iter().position(|l| *l == primary)?;
    let mut n = vec![0u32; table.langs.len()];
    counts(passage, skip, &mut n);
    let (best, &most) = n
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != own)
        .max_by_key(|&(_, n)| *n)?;
    (most >= MIN_WORDS && most >= 2 * n[own] + 2).then_some(table.langs[best])
}

/// Whether `passage` holds enough function words of any language to tell its language.
pub fn tells_language(passage: &str, skip: (usize, usize)) -> bool {
    let table = function_words();
    let mut n = vec![0u32; table.langs.len()];
    counts(passage, skip, &mut n);
    n.iter().any(|&n| n >= MIN_WORDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Option<&'static str> {
        foreign_passage(text, (0, 0), "fr")
    }

    #[test]
    fn an_untranslated_passage_is_told_by_its_function_words() {
        // Real passages of Debian's translated history pages, left in English.
        assert_eq!(
            whole("Debconf5 was held in Espoo, Finland, from July 10th to July 17th, 2005 with over 300 attendees."),
            Some("en")
        );
        assert_eq!(
            foreign_passage(
                "Die Konferenz fand in Heidelberg statt, und sie war die größte bisher.",
                (0, 0),
                "en"
            ),
            Some("de")
        );
        // The file's own language, and passages that do not tell.
        assert_eq!(
            whole("La conférence a eu lieu à Espoo, en Finlande, du 10 au 17 juillet."),
            None
        );
        assert_eq!(whole("Espoo, Finland"), None);
        assert_eq!(foreign_passage("anything", (0, 0), "xx"), None);
    }

    #[test]
    fn the_name_itself_is_not_counted() {
        // "The Lord of the Rings" inside a German question: the title's words are the span.
        let text = "Wer hat The Lord of the Rings geschrieben?";
        let start = text.find("The").unwrap();
        let end = text.find(" geschrieben").unwrap();
        assert_eq!(foreign_passage(text, (start, end), "de"), None);
        assert!(foreign_passage(text, (0, 0), "de").is_none_or(|l| l == "en"));
    }

    #[test]
    fn scripts_without_spaces_read_as_no_language_but_latin_passages_do() {
        assert_eq!(
            foreign_passage("フィンランドのエスポーで開かれた。", (0, 0), "ja"),
            None
        );
        assert_eq!(
            foreign_passage(
                "Debconf5 was held in Espoo, Finland, from July 10th to July 17th",
                (0, 0),
                "ja"
            ),
            Some("en")
        );
        assert!(tells_language("was held in Espoo from July", (0, 0)));
        assert!(!tells_language("Espoo, Finland", (0, 0)));
    }
}
