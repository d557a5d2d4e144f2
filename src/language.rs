//! The language of a text: from its path, by the conventions of localisation projects
//! (`article.fr.txt`, `locales/pt-BR/`), or detected from the text itself.

use std::path::Path;

/// Where a text's language came from, as reports show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangSource {
    /// `--lang`.
    Flag,
    /// A path pattern under `[languages]` in `glosslint.toml`.
    ConfigPattern,
    /// The file itself: PO `Language:`, XLIFF `target-language`/`trgLang`, HTML `lang`.
    File,
    /// The file's name or folder (`*.fr.txt`, `fr/`).
    Path,
    /// `lang` in `glosslint.toml`.
    ConfigDefault,
    /// Detected from the text.
    Detected,
    /// Nothing said otherwise: English.
    Default,
}

impl LangSource {
    pub fn as_str(self) -> &'static str {
        match self {
            LangSource::Flag => "flag",
            LangSource::ConfigPattern => "config-pattern",
            LangSource::File => "file",
            LangSource::Path => "path",
            LangSource::ConfigDefault => "config",
            LangSource::Detected => "detected",
            LangSource::Default => "default",
        }
    }
}

/// ISO 639-3 codes of the languages the detector knows, with their ISO 639-1 tags.
const ISO_639_3_TO_1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// Whether `tag`'s primary subtag is a language glosslint can detect or names in the
/// built-in glossary: the only tags that path conventions recognise, so that folders like
/// `src/` or `docs/` are never taken for languages.
fn is_known_language(tag: &str) -> bool {
    let primary = crate::lang_tag::primary_subtag(tag);
    ISO_639_3_TO_1.iter().any(|(_, two)| *two == primary)
}

/// A language tag in a path segment (`fr`, `pt-BR`, `pt_BR`, `zh-Hans`), normalised to
/// BCP 47 spelling.
fn tag_of(segment: &str) -> Option<String> {
    let mut parts = segment.split(['-', '_']);
    let primary = parts.next()?.to_ascii_lowercase();
    let mut tag = primary;
    for part in parts {
        let part = match part.len() {
            2 => part.to_ascii_uppercase(),
            4 => {
                let mut p = part.to_ascii_lowercase();
                p[..1].make_ascii_uppercase();
                p
            }
            _ => part.to_string(),
        };
        tag.push('-');
        tag.push_str(&part);
    }
    (crate::lang_tag::is_valid_lang_tag(&tag) && is_known_language(&tag)).then_some(tag)
}

/// The language a path names: a tag between the file name's stem and extension
/// (`article.fr.txt`), else the nearest folder named as a tag (`locales/fr/article.txt`).
pub fn from_path(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let pieces: Vec<&str> = name.split('.').collect();
    if pieces.len() >= 3 {
        if let Some(tag) = pieces[1..pieces.len() - 1]
            .iter()
            .rev()
            .find_map(|p| tag_of(p))
        {
            return Some(tag);
        }
    }
    path.parent()?
        .components()
        .rev()
        .filter_map(|c| c.as_os_str().to_str())
        .find_map(tag_of)
}

/// The language of `text`, when the detector is confident about it.
pub fn detect(text: &str) -> Option<String> {
    // A sample is enough, and keeps detection cheap on large files.
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    ISO_639_3_TO_1
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| two.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_language_from_file_names_and_folders() {
        assert_eq!(
            from_path(Path::new("examples/sahel/article.fr.txt")).as_deref(),
            Some("fr")
        );
        assert_eq!(
            from_path(Path::new("locales/pt_BR/home.txt")).as_deref(),
            Some("pt-BR")
        );
        assert_eq!(
            from_path(Path::new("docs/zh-hans/intro.md")).as_deref(),
            Some("zh-Hans")
        );
        assert_eq!(from_path(Path::new("src/docs/readme.txt")), None);
        assert_eq!(from_path(Path::new("notes.v2.txt")), None);
    }

    #[test]
    fn detects_the_language_of_real_sentences() {
        let cases = [
            ("fr", "La France a annoncé jeudi le retrait de ses troupes du Mali, après neuf ans de présence militaire dans le pays."),
            ("de", "Frankreich hat am Donnerstag den Abzug seiner Truppen aus Mali angekündigt, nach neun Jahren militärischer Präsenz."),
            ("ru", "Франция объявила в четверг о выводе своих войск из Мали после девяти лет военного присутствия в стране."),
            ("ar", "أعلنت فرنسا يوم الخميس سحب قواتها من مالي بعد تسع سنوات من الوجود العسكري في البلاد."),
            ("zh", "法国周四宣布从马里撤军，结束在该国长达九年的军事存在。"),
            ("tr", "Fransa perşembe günü dokuz yıllık askeri varlığın ardından Mali'den askerlerini çektiğini açıkladı."),
        ];
        for (lang, text) in cases {
            assert_eq!(detect(text).as_deref(), Some(lang), "{text}");
        }
    }
}
