//! Real sentences in many languages and scripts, with the shipped Sahel glossary layered over
//! the built-in world glossary, as `glosslint check` uses them: injected errors are found
//! with the right rule and fix, and correct text (inflected names included) stays clean.

use glosslint::check::{check, CheckOptions};
use glosslint::finding::Rule;
use glosslint::glossary::{
    aligned_copy, builtin, compile_glossary, CompiledGlossary, Entries, Glossary, Index, Loader,
};
use glosslint::report::{render_human, render_json, FileReport, Style};
use std::path::Path;
use std::sync::Arc;

/// A test-only entry with a case-sensitive Turkish name, to exercise Turkish casing.
const TURKISH: &str = r#"
[[entry]]
id = "istanbul"
kind = "place"
[entry.forms.tr]
canonical = "İstanbul"
"#;

/// Test-only entries with forms in several languages: a German compound, a team name.
const MULTILINGUAL: &str = r#"
[[entry]]
id = "korean-war"
kind = "other"
[entry.forms.en]
canonical = "Korean War"
[entry.forms.de]
canonical = "Koreakrieg"

[[entry]]
id = "phillies"
kind = "organisation"
[entry.forms.en]
canonical = "Philadelphia Phillies"
[entry.forms.fr]
canonical = "Phillies de Philadelphie"
"#;

fn glossary() -> Arc<Glossary> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sahel = std::fs::read_to_string(root.join("glossaries/sahel.toml")).unwrap();
    let mut loader = Loader::new();
    loader.add_source("sahel.toml", &sahel);
    loader.add_source("turkish.toml", TURKISH);
    loader.add_source("multilingual.toml", MULTILINGUAL);
    loader.add_builtin(builtin::WORLD_PATH, builtin::WORLD);
    Arc::new(loader.finish().unwrap())
}

type Found = Vec<(Rule, String, Option<String>)>;

/// The findings in `text`, checked against the glossaries' index for `lang`. The same
/// index, compiled and read back in place with its entries (as a cached check reads it),
/// must find the same.
fn findings(lang: &str, text: &str) -> Found {
    let g = glossary();
    let index = Index::new(Arc::clone(&g), lang);
    let found = findings_of(&index, text);
    let entries = compile_glossary(&g, Vec::new()).unwrap();
    let entries = Entries::Compiled(CompiledGlossary::read(aligned_copy(&entries)).unwrap());
    let compiled = index.compile(Vec::new()).unwrap();
    let read = Index::read(aligned_copy(&compiled), Arc::new(entries)).unwrap();
    assert_eq!(
        findings_of(&read, text),
        found,
        "compiled index, {lang}: {text}"
    );
    found
}

fn findings_of(index: &Index, text: &str) -> Found {
    check(index, text, &CheckOptions::default())
        .into_iter()
        .map(|f| {
            let replacement = f.replacement().map(str::to_string);
            (
                f.rule,
                text[f.span.start..f.span.end].to_string(),
                replacement,
            )
        })
        .collect()
}

fn finds(lang: &str, text: &str, expected: &[(Rule, &str, &str)]) {
    let expected: Found = expected
        .iter()
        .map(|(r, s, f)| (*r, s.to_string(), Some(f.to_string())))
        .collect();
    assert_eq!(findings(lang, text), expected, "{lang}: {text}");
}

fn clean(lang: &str, text: &str) {
    assert_eq!(findings(lang, text), Found::new(), "{lang}: {text}");
}

#[test]
fn french() {
    finds(
        "fr",
        "Le président du Senegal a reçu le chef de la junte, Qasimi Quetta, à Dakar.",
        &[
            (Rule::WrongDiacritics, "Senegal", "Sénégal"),
            (Rule::KnownVariant, "Qasimi Quetta", "Assimi Goïta"),
        ],
    );
    clean(
        "fr",
        "Les soldats maliens ont quitté Tombouctou ; la Minusma reste à Gao et à Ménaka.",
    );
}

#[test]
fn german() {
    finds(
        "de",
        "Die Truppen ziehen nach Niger, an die Seite der nigerianischen Armee; Präsident macky sall bleibt.",
        &[
            (Rule::ContextConfusable, "nigerianischen", "nigrischen"),
            (Rule::WrongCase, "macky sall", "Macky Sall"),
        ],
    );
    clean(
        "de",
        "Macrons Regierung zieht die Soldaten aus Malis Norden ab, auch aus Kidal.",
    );
}

#[test]
fn german_compounds_and_endings_that_names_do_not_take() {
    // Another war with the same head is no slip; "Mongolien" is no "Mongolei" with "-en",
    // which a name ending in a vowel does not take.
    clean(
        "de",
        "Welcher Krieg hat länger gedauert, der Burenkrieg oder der Krimkrieg? Wann findet die nächste Präsidentenwahl in Mongolien statt?",
    );
    finds(
        "de",
        "Der Koraekrieg endete 1953 mit einem Waffenstillstand.",
        &[(Rule::NearMiss, "Koraekrieg", "Koreakrieg")],
    );
}

#[test]
fn a_name_mixing_two_correct_forms_of_itself_is_no_slip() {
    clean(
        "fr",
        "Dans quelle université le directeur actuel des Phillies de Philadelphia est-il allé ?",
    );
    finds(
        "fr",
        "Dans quelle université le directeur actuel des Phillies de Philadelpie est-il allé ?",
        &[(
            Rule::NearMiss,
            "Phillies de Philadelpie",
            "Phillies de Philadelphie",
        )],
    );
}

#[test]
fn spanish() {
    finds(
        "es",
        "Francia desplegará sus tropas en Niger, junto a las fuerzas nigerianas.",
        &[
            (Rule::WrongDiacritics, "Niger", "Níger"),
            (Rule::ContextConfusable, "nigerianas", "nigerinas"),
        ],
    );
    clean(
        "es",
        "El presidente Emmanuel Macron anunció la retirada de Malí y de Tombuctú.",
    );
}

#[test]
fn russian_with_inflected_names() {
    finds(
        "ru",
        "Правительство Ассими Гойты потребовало вывода войск, которые перебросят в Нигер к нигерийским военным.",
        &[
            (Rule::KnownVariant, "Ассими Гойты", "Ассими Гоиты"),
            (Rule::ContextConfusable, "нигерийским", "нигерским"),
        ],
    );
    // A place left in Latin letters is reported; a person's name in Latin letters is a
    // choice translators make (see `script-mismatch`), unless `latin = "always"`.
    finds(
        "ru",
        "Войска перебросят в Niger до конца года.",
        &[(Rule::ScriptMismatch, "Niger", "Нигер")],
    );
    clean("ru", "Президент Assimi Goïta выступил в Бамако.");
    clean(
        "ru",
        "Эмманюэль Макрон объявил о выводе войск из Мали; базы в Кидале и Тессалите переданы, Ассими Гоите вручили ключи, операция «Бархан» завершена.",
    );
    // A slip in a name of "-ия" fixes to a form of the name, not to a stem with the
    // slip's last letter ("Колумбя"); a slip in an inflected name keeps its ending.
    finds(
        "ru",
        "Посол Колумбиия прибыл в Москву.",
        &[(Rule::NearMiss, "Колумбиия", "Колумбия")],
    );
    finds(
        "ru",
        "Войска покинули Колумбея в прошлом году.",
        &[(Rule::NearMiss, "Колумбея", "Колумбия")],
    );
    finds(
        "ru",
        "Посол Камбаджи прибыл в Москву.",
        &[(Rule::NearMiss, "Камбаджи", "Камбоджи")],
    );
}

#[test]
fn arabic_with_clitics_vowel_marks_and_latin_names() {
    finds(
        "ar",
        "وقال إيمانويل ماكرون إن القوات ستنتشر في النيجر إلى جانب القوات النيجيرية.",
        &[(Rule::ContextConfusable, "النيجيرية", "النيجرية")],
    );
    // A Latin place name inside right-to-left text: reported, and fixed in Arabic script;
    // the operation's name in Latin letters is the translator's choice.
    finds(
        "ar",
        "وأعلنت قوة برخان انسحابها من Mali.",
        &[(Rule::ScriptMismatch, "Mali", "مالي")],
    );
    clean("ar", "وأعلنت قوة Barkhane انسحابها من مالي.");
    // Conjunction and prepositions attached to names, the elided article after لـ, vowel
    // marks and hamza-less alef: all correct.
    clean(
        "ar",
        "وغادرت القوات الفرنسية مَالِي وباماكو، وبقيت مينوسما في تمبكتو، وللنيجر شركاء آخرون، وقال ايمانويل ماكرون إن برخان انتهت.",
    );
}

#[test]
fn a_name_after_a_word_for_a_mountain_or_river_is_that_features_not_a_misspelt_territory() {
    // Mount St. Helens (EA-MT's Arabic, the mountain after "لجبل"), not Saint Helena.
    clean("ar", "متى كان آخر ثوران لجبل سانت هيلنز؟");
    finds(
        "en",
        "The troops left Colombiia last year.",
        &[(Rule::NearMiss, "Colombiia", "Colombia")],
    );
    clean("en", "They sailed up the river Colombiia to the sea.");
    // A place of the user's glossary may be the mountain itself: still checked.
    let mut loader = Loader::new();
    loader.add_source(
        "mountains.toml",
        "[[entry]]\nid = \"kilimanjaro\"\nkind = \"place\"\n[entry.forms.en]\ncanonical = \"Kilimanjaro\"\n",
    );
    let index = Index::new(Arc::new(loader.finish().unwrap()), "en");
    assert_eq!(
        findings_of(&index, "They climbed Mount Kilimanjero in June."),
        [(
            Rule::NearMiss,
            "Kilimanjero".to_string(),
            Some("Kilimanjaro".to_string())
        )]
    );
}

#[test]
fn a_name_with_its_abbreviation_written_out_is_no_slip() {
    // i18n-iso-countries' German list: CLDR writes "St. Pierre und Miquelon".
    clean(
        "de",
        "Die Inseln Saint-Pierre und Miquelon liegen vor Kanada.",
    );
    finds(
        "de",
        "Die Inseln Saint-Pierre und Miquellon liegen vor Kanada.",
        &[(
            Rule::NearMiss,
            "Saint-Pierre und Miquellon",
            "St. Pierre und Miquelon",
        )],
    );
}

#[test]
fn a_language_adjective_in_the_feminine_is_no_misspelt_country() {
    // Django's Brazilian list of languages: "Bielorrussa" (língua), not "Bielorrússia";
    // the lists give the masculine "bielorrusso".
    clean(
        "pt",
        "A interface está disponível em Bielorrussa e em Russo.",
    );
    finds(
        "pt",
        "A delegação da Bielorrússsia chegou ontem.",
        &[(Rule::NearMiss, "Bielorrússsia", "Bielorrússia")],
    );
}

#[test]
fn a_city_of_the_language_is_no_misspelt_country() {
    // Busan in Arabic (GeoNames), not Bhutan ("بوتان"): EA-MT's human translation.
    clean(
        "ar",
        "هل أُطلق قطار بوسان في نفس العام الذي أُطلق فيه جون ويك 2؟",
    );
}

#[test]
fn chinese_without_spaces() {
    finds(
        "zh",
        "法国宣布从马利撤军，部队将转移到Niger。",
        &[
            (Rule::KnownVariant, "马利", "马里"),
            (Rule::ScriptMismatch, "Niger", "尼日尔"),
        ],
    );
    clean(
        "zh",
        "马里过渡总统阿西米·戈伊塔会见了塞内加尔总统马基·萨勒，“新月形沙丘”行动结束。",
    );
}

#[test]
fn japanese_from_the_built_in_glossary() {
    finds(
        "ja",
        "フランス軍はNigerに移動した。",
        &[(Rule::ScriptMismatch, "Niger", "ニジェール")],
    );
    clean(
        "ja",
        "フランスはマリから撤退し、ニジェールとナイジェリアの国境に部隊を移した。",
    );
}

#[test]
fn turkish_casing_and_diacritics() {
    finds(
        "tr",
        "Toplantı istanbul'da yapıldı; heyet Cote d'Ivoire'dan geldi.",
        &[
            (Rule::WrongCase, "istanbul", "İstanbul"),
            (Rule::WrongDiacritics, "Cote d'Ivoire", "Côte d'Ivoire"),
        ],
    );
    clean(
        "tr",
        "İSTANBUL'DA toplantı: Fransa Mali'den çekildi ve Nijer'e yerleşti.",
    );
}

/// Hindi writes foreign names with short or long vowel signs, with or without a nukta,
/// dental or retroflex (the i18n-iso-countries Hindi list has "मार्टिनिक" where CLDR has
/// "मार्टीनिक", "मॉरितानिया" for "मॉरिटानिया"): another spelling of the name. A changed
/// consonant is a slip.
#[test]
fn hindi_consonant_slip_and_vowel_sign_variants() {
    finds(
        "hi",
        "फ्रांस ने अपनी सेना नाइगीरिया की सीमा पर भेजी।",
        &[(Rule::NearMiss, "नाइगीरिया", "नाइजीरिया")],
    );
    clean("hi", "फ्रांस ने अपनी सेना नाइजिरिया की सीमा पर भेजी।");
    clean(
        "hi",
        "फ्रांस ने माली से अपनी सेना वापस बुला ली और नाइजर में तैनात की।",
    );
}

/// Columns for people (characters), for byte offsets, and for editors (UTF-16 code units),
/// and an underline that sits under the name in a terminal, with wide and combining
/// characters before it.
#[test]
fn columns_and_underlines_with_wide_and_combining_characters() {
    let g = glossary();
    let zh = "法国宣布从马利撤军。";
    let index = Index::new(Arc::clone(&g), "zh");
    let found = check(&index, zh, &CheckOptions::default());
    let mut human = Vec::new();
    let file = FileReport {
        path: "zh.txt",
        lang: "zh",
        lang_source: "flag",
        text: zh,
        findings: &found,
    };
    render_human(&mut human, &file, Style { color: false }).unwrap();
    let human = String::from_utf8(human).unwrap();
    assert!(
        human.starts_with("zh.txt:1:6: error [known-variant]"),
        "{human}"
    );
    // Five wide characters before the span: ten columns, then two carets per character.
    let underline = format!("\n  | {}{} fix: 马里\n", " ".repeat(10), "^".repeat(4));
    assert!(human.contains(&underline), "{human}");

    let en = "𝐀 Goi\u{308}ta met Qasimi Quetta";
    let index = Index::new(g, "en");
    let found = check(&index, en, &CheckOptions::default());
    let file = FileReport {
        path: "en.txt",
        lang: "en",
        lang_source: "flag",
        text: en,
        findings: &found,
    };
    let mut json = Vec::new();
    render_json(&mut json, &[file], &[]).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let start = &json["findings"][0]["start"];
    // "𝐀 Goïta met " in NFD: 13 characters, 17 bytes, 14 UTF-16 units before the name.
    assert_eq!(start["column"], 14);
    assert_eq!(start["byte_column"], 18);
    assert_eq!(start["utf16_column"], 15);
    let mut human = Vec::new();
    let file = FileReport {
        path: "en.txt",
        lang: "en",
        lang_source: "flag",
        text: en,
        findings: &found,
    };
    render_human(&mut human, &file, Style { color: false }).unwrap();
    let human = String::from_utf8(human).unwrap();
    // 𝐀 is one column and the combining diaeresis none: twelve columns before the name.
    let underline = format!(
        "\n  | {}{} fix: Assimi Goïta\n",
        " ".repeat(12),
        "^".repeat(13)
    );
    assert!(human.contains(&underline), "{human}");
}
