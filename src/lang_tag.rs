//! BCP 47 language tags, as far as glosslint needs them: their syntax, their primary
//! language subtag, and when a glossary's tag serves a text's. A bottom layer: every other
//! room may use it, and it uses none.

/// The primary language subtag of a BCP 47 tag: "fr" for "fr-CA".
pub fn primary_subtag(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// Whether two language tags name the same language for matching purposes.
pub fn lang_matches(glossary_tag: &str, text_tag: &str) -> bool {
    glossary_tag.eq_ignore_ascii_case(text_tag)
        || glossary_tag.eq_ignore_ascii_case(primary_subtag(text_tag))
}

/// A loose check of BCP 47 syntax: a 2–3 letter language, then subtags of 1–8 alphanumerics.
pub fn is_valid_lang_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(first) = parts.next() else {
        return false;
    };
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_their_primary_subtag_and_matching() {
        assert!(is_valid_lang_tag("pt-BR"));
        assert!(is_valid_lang_tag("zh-Hant-TW"));
        assert!(!is_valid_lang_tag("EN"));
        assert!(!is_valid_lang_tag("fr_CA"));
        assert_eq!(primary_subtag("fr-CA"), "fr");
        assert_eq!(primary_subtag("pt_BR"), "pt");
        assert!(lang_matches("fr", "fr-CA"));
        assert!(!lang_matches("fr-CA", "fr"));
    }
}
