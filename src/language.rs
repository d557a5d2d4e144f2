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
    /// Nothing said otherwise, and the text is in Latin letters (or has none): English.
    Default,
    /// Nothing said otherwise, the text is in another script and the detector was not sure
    /// (short UI strings in Cyrillic, Arabic, CJK…): the language is `und` (undetermined),
    /// no language's forms are judged, and the run says so once per file.
    Unknown,
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
            LangSource::Unknown => "unknown",
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
/// BCP 47 spelling, whose language glosslint knows.
fn tag_of(segment: &str) -> Option<String> {
    normalised_tag(segment).filter(|t| is_known_language(t))
}

/// A path segment spelled as a BCP 47 tag (`pt_BR` → `pt-BR`), if it is one.
fn normalised_tag(segment: &str) -> Option<String> {
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
    crate::lang_tag::is_valid_lang_tag(&tag).then_some(tag)
}

/// Every ISO 639-1 language code. In the places where localisation projects put a
/// language (see [`from_path`]) any of them is a language; elsewhere only those of
/// [`is_known_language`], so that folders like `js/` or `io/` are not taken for Tsonga or Ido.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Folders under which localisation projects keep one folder per language
/// (`locales/is/…`, `i18n/fr/…`, `locale/pt_BR/LC_MESSAGES/…`), or one file per language
/// (`langs/ar.json`).
const LANGUAGE_FOLDERS: &[&str] = &[
    "i18n",
    "l10n",
    "lang",
    "langs",
    "language",
    "languages",
    "locale",
    "locales",
    "localization",
    "localisation",
    "localizations",
    "translations",
    "po",
    "messages",
];

/// A tag (`fr`, `pt_BR`, `zh-Hans`) whose primary subtag is any ISO 639-1 code.
fn any_tag_of(segment: &str) -> Option<String> {
    let tag = normalised_tag(segment)?;
    let primary = crate::lang_tag::primary_subtag(&tag);
    (primary.len() == 2 && ISO_639_1.split(' ').any(|c| c == primary)).then_some(tag)
}

/// The language a path names, by the conventions of localisation projects:
///
/// - a tag between the file name's stem and extension (`article.fr.txt`);
/// - a translation file named by its language (`langs/ar.json`, `ar_AE.json`, `fr.po`,
///   `de-DE.xlf`);
/// - a folder named by its language under a folder of languages (`locales/is/…`), before
///   `LC_MESSAGES` (`locale/pt_BR/LC_MESSAGES/django.po`), in Android's `values-fr/` or
///   Apple's `fr.lproj/`;
/// - else the nearest folder named as a language glosslint knows (`docs/fr/…`).
pub fn from_path(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let pieces: Vec<&str> = name.split('.').collect();
    // Translation formats name any language (`messages.ga.xlf`); prose formats only a
    // known one, so that `notes.v2.txt` or `report.it.md`'s neighbours stay what they are.
    let translation = pieces.len() >= 2
        && matches!(
            pieces[pieces.len() - 1].to_ascii_lowercase().as_str(),
            "json" | "po" | "pot" | "xlf" | "xliff" | "srt" | "vtt"
        );
    let tag_in = |p: &str| {
        if translation {
            any_tag_of(p)
        } else {
            tag_of(p)
        }
    };
    if pieces.len() >= 3 {
        if let Some(tag) = pieces[1..pieces.len() - 1]
            .iter()
            .rev()
            .find_map(|p| tag_in(p))
        {
            return Some(tag);
        }
    }
    let folders: Vec<&str> = path
        .parent()?
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    let under_languages = |i: usize| {
        i > 0 && LANGUAGE_FOLDERS.contains(&folders[i - 1].to_ascii_lowercase().as_str())
    };
    // A translation file named by its language: any language in a folder of languages or
    // in a translation format, only a known one otherwise (`en.txt`, `de.md`).
    if pieces.len() == 2 {
        let stem = pieces[0];
        let tag = if translation || under_languages(folders.len()) {
            any_tag_of(stem)
        } else {
            tag_of(stem)
        };
        if tag.is_some() {
            return tag;
        }
    }
    for (i, folder) in folders.iter().enumerate().rev() {
        let next = folders.get(i + 1).copied();
        let conventional = under_languages(i) || next == Some("LC_MESSAGES");
        let tag = if let Some(rest) = folder.strip_prefix("values-") {
            // Android: values-fr, values-pt-rBR.
            any_tag_of(&rest.replace("-r", "-"))
        } else if let Some(stem) = folder.strip_suffix(".lproj") {
            any_tag_of(stem)
        } else if conventional {
            any_tag_of(folder)
        } else {
            tag_of(folder)
        };
        if tag.is_some() {
            return tag;
        }
    }
    None
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

    /// The places where real localisation projects put the language (Django, Symfony,
    /// i18next, Android, Apple), including languages the detector does not know.
    #[test]
    fn reads_the_conventions_of_localisation_projects() {
        let cases = [
            ("app/langs/ar.json", Some("ar")),
            ("public/locales/is/translation.json", Some("is")),
            ("translations/ar_AE.json", Some("ar-AE")),
            ("res/values-fr/strings.xml.json", Some("fr")),
            ("res/values-pt-rBR/strings.json", Some("pt-BR")),
            ("Resources/fr.lproj/Localizable.json", Some("fr")),
            ("i18n/fr-CA/messages.po", Some("fr-CA")),
            ("conf/locale/is/LC_MESSAGES/django.po", Some("is")),
            ("locale/kn/LC_MESSAGES/django.po", Some("kn")),
            ("translations/messages.ga.xlf", Some("ga")),
            ("de.po", Some("de")),
            ("src/js/app.json", None),
            ("lib/io/readme.txt", None),
            ("docs/it.md", Some("it")),
            ("notes/go.json", None),
        ];
        for (path, lang) in cases {
            assert_eq!(from_path(Path::new(path)).as_deref(), lang, "{path}");
        }
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
