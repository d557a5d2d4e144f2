#![doc = include_str!("../../docs/rules/wrong-case.md")]

use super::{finding_on, quoted, Document};
use crate::finding::{Finding, Rule};
use crate::glossary::{FormRef, Hit, Kind};

pub(crate) fn finding(doc: &Document, hit: &Hit, r: &FormRef) -> Option<Finding> {
    let entry = doc.entry(r);
    let original = doc.slice(hit);
    let proper = matches!(entry.kind, Kind::Person | Kind::Place);
    if only_style(
        original,
        r.form,
        proper,
        crate::text::lexicon(doc.index.lang()),
    ) {
        return None;
    }
    if entry.kind == Kind::Other
        && sentence_case_title(original, r.form, after_title_word(doc.text, hit.start))
    {
        return None;
    }
    Some(finding_on(
        Rule::WrongCase,
        hit,
        entry,
        r.form,
        format!(
            "{} is written in the wrong case for {} ({})",
            quoted(original),
            quoted(r.form),
            entry.kind.as_str()
        ),
        super::fitted_replacement(original, r.form),
        Rule::WrongCase.fix_applicability(),
    ))
}

/// Whether `text` is the title `form` in sentence case: it differs only in words after the
/// title's first (`inner`: the span itself starts after it), each written with a small
/// initial where the form, in title case, has a capital ("Guerre napoleoniche" for "Guerre
/// Napoleoniche", "Der weiße Hai" for "Der Weiße Hai"). Languages and publishers write
/// titles of works and events both ways; a person's, a place's or an organisation's name
/// is not a title.
fn sentence_case_title(text: &str, form: &str, inner: bool) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (ours, theirs) = (words(text), words(form));
    if ours.len() != theirs.len() || ours == theirs {
        return false;
    }
    ours.iter().zip(&theirs).enumerate().all(|(i, (w, f))| {
        if w == f {
            return true;
        }
        let (mut wc, mut fc) = (w.chars(), f.chars());
        let (Some(a), Some(b)) = (wc.next(), fc.next()) else {
            return false;
        };
        (i > 0 || inner)
            && a.is_lowercase()
            && b.is_uppercase()
            && a.to_uppercase().eq(b.to_uppercase())
            && wc.eq(fc)
    })
}

/// Whether a capitalised word stands right before `start`, across one space, and not at the
/// start of a sentence (an article there is capitalised for the sentence): the span is
/// inside a longer title ("in Der weiße Hai", „Der weiße Hai“).
fn after_title_word(text: &str, start: usize) -> bool {
    let Some(head) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let word_start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map_or(head.len(), |(i, _)| i);
    let word = &head[word_start..];
    let initial = head[..word_start]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':'));
    // After an opening quote the word starts the title („Der weiße Hai“).
    !initial && word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `text` differs from `form` only as house styles differ (see the module
/// documentation), word by word.
/// `proper`: the entry is a person or a place.
fn only_style(
    text: &str,
    form: &str,
    proper: bool,
    lexicon: Option<&crate::text::Lexicon>,
) -> bool {
    fn words(s: &str) -> Vec<&str> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect()
    }
    let (ours, theirs) = (words(text), words(form));
    if ours.len() != theirs.len() {
        return false;
    }
    // A form in sentence case means its capitals after the first word: it starts in lower
    // case ("groupe Wagner") or writes a later content word, not a short function word like
    // "della" or "of", in lower case ("Seconda guerra mondiale").
    let lower_word = |f: &&str| !f.chars().any(char::is_uppercase);
    let sentence_case = theirs.first().is_some_and(lower_word)
        || theirs[1..]
            .iter()
            .any(|f| lower_word(f) && f.chars().filter(|c| c.is_alphabetic()).count() >= 6);
    ours.iter().zip(&theirs).enumerate().all(|(i, (&w, &f))| {
        if w == f {
            return true;
        }
        let lower = !w.chars().any(char::is_uppercase);
        if lower {
            if proper || (sentence_case && i > 0) {
                return false;
            }
            let word: String = w.chars().flat_map(char::to_lowercase).collect();
            return lexicon.is_some_and(|l| l.contains(&word));
        }
        // Capitals inside a word that the glossary writes without any there ("SuperBowl",
        // "GameBoy" for "Superbowl", "Gameboy"): the glossary has no opinion on them. A
        // word in capitals throughout ("WAGNER") is not that.
        let (mut wc, mut fc) = (w.chars(), f.chars());
        if wc.next() == fc.next()
            && !fc.any(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
        {
            return true;
        }
        // A capital initial on a word the glossary writes in lower case.
        let mut chars = w.chars();
        let title = chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase);
        title && !f.chars().any(char::is_uppercase)
    })
}

#[cfg(test)]
mod tests {
    use crate::check::test_support::*;
    use crate::finding::Rule;

    #[test]
    fn finds_a_lower_cased_name() {
        assert_finds(
            "the minusma mission and its bases",
            Rule::WrongCase,
            "minusma",
            "MINUSMA",
        );
    }

    /// Ordinary words in lower case, and title case over a glossary's lower case, are house
    /// style; a slip inside a word is not.
    /// A title in sentence case is the title: "Guerre napoleoniche", "Der weiße Hai" (in the
    /// EA-MT human translations). An organisation's name is not a title.
    #[test]
    fn a_title_in_sentence_case_is_no_case_slip() {
        use super::{after_title_word, sentence_case_title};
        assert!(sentence_case_title(
            "Guerre napoleoniche",
            "Guerre Napoleoniche",
            false
        ));
        let text = "Hieß das Boot in Der weiße Hai Orca?";
        let at = text.find("weiße").unwrap();
        assert!(after_title_word(text, at));
        assert!(sentence_case_title("weiße Hai", "Weiße Hai", true));
        assert!(!sentence_case_title("weiße Hai", "Weiße Hai", false));
        assert!(!after_title_word("Der weiße Hai", 4));
        let quoted = "der letzte Teil von „Der weiße Hai“";
        assert!(after_title_word(quoted, quoted.find("weiße").unwrap()));
        assert!(!sentence_case_title(
            "Guerre Napoleoniche",
            "Guerre napoleoniche",
            false
        ));
        let g = "[[entry]]\nid = \"napoleonic-wars\"\nkind = \"other\"\n[entry.forms.it]\ncanonical = \"Guerre Napoleoniche\"\n\n[[entry]]\nid = \"takuba\"\nkind = \"organisation\"\n[entry.forms.it]\ncanonical = \"Task Force Takuba\"\n";
        let glossary = crate::glossary::Glossary::from_toml("g.toml", g).unwrap();
        let index = crate::glossary::Index::new(std::sync::Arc::new(glossary), "it");
        let options = crate::check::CheckOptions::default();
        let text = "L'ultima battaglia delle Guerre napoleoniche fu Waterloo.";
        assert!(crate::check::check(&index, text, &options).is_empty());
        let text = "La Task Force takuba ha lasciato il Mali.";
        let found = crate::check::check(&index, text, &options);
        assert_eq!(
            found
                .iter()
                .map(|f| (f.rule, &text[f.span.start..f.span.end], f.replacement()))
                .collect::<Vec<_>>(),
            [(
                Rule::WrongCase,
                "Task Force takuba",
                Some("Task Force Takuba")
            )]
        );
    }

    #[test]
    fn house_style_is_not_a_case_slip() {
        use super::only_style;
        let it = crate::text::lexicon("it");
        let style = |text, form| only_style(text, form, false, it);
        assert!(style("seconda guerra mondiale", "Seconda Guerra Mondiale"));
        assert!(style("seconda guerra mondiale", "Seconda guerra mondiale"));
        assert!(style("Seconda Guerra Mondiale", "Seconda guerra mondiale"));
        assert!(style("statua della libertà", "Statua della Libertà"));
        assert!(style("Delitto e castigo", "Delitto e Castigo"));
        assert!(only_style(
            "Das Rad der Zeit",
            "das Rad der Zeit",
            false,
            None
        ));
        assert!(!style("Superbowl", "SuperBowl"));
        assert!(!style("Iphone", "iPhone"));
        // Real EA-MT German: capitals inside a word the glossary writes plain.
        assert!(style("SuperBowl", "Superbowl"));
        assert!(style("GameBoy Advance", "Gameboy Advance"));
        assert!(!style("groupe WAGNER", "groupe Wagner"));
        assert!(!style("Supersonics de Seattle", "SuperSonics de Seattle"));
        let fr = crate::text::lexicon("fr");
        assert!(!only_style("groupe wagner", "groupe Wagner", false, fr));
        let tr = crate::text::lexicon("tr");
        assert!(!only_style("istanbul", "İstanbul", true, tr));
        let en = crate::text::lexicon("en");
        assert!(!only_style("minusma", "MINUSMA", false, en));
    }

    #[test]
    fn an_ordinary_word_in_lower_case_is_not_the_name() {
        // "Wagner Group" is in the sahel test glossary; "wagner" and "group" are both words
        // of English (a common surname, and a noun): lower case there is no evidence.
        assert_clean("the presence of the Russian wagner group changed everything");
    }

    #[test]
    fn accepts_headline_capitals_and_correct_case() {
        assert_clean("WAGNER GROUP LEAVES MALI");
        assert_clean("the Wagner Group and MINUSMA");
    }

    #[test]
    fn an_acronym_in_title_case_is_wrong_in_english() {
        assert_finds("the Minusma force", Rule::WrongCase, "Minusma", "MINUSMA");
    }
}
