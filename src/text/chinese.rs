//! Chinese names in Latin letters, through Hanyu Pinyin and through Wade–Giles: "Mao Zedong"
//! and "Mao Tse-tung", "Deng Xiaoping" and "Teng Hsiao-p'ing", "Zhou Enlai" and "Chou
//! En-lai" are one name in two romanisations, too far apart in letters for any edit. Each
//! spelling is read into the sounds both systems write: an initial (aspirated or not, since
//! texts drop Wade–Giles's apostrophes: "Teng Hsiao-ping") and a final, syllable by syllable.
//!
//! Wade–Giles writes one syllable per part (hyphens join a given name's), marks aspiration
//! with an apostrophe, and writes `hs`, `ts`/`tz`, `-ung`, `-ieh`, `-ien`, `-ih` where
//! Pinyin writes `x`, `z`/`c`, `-ong`, `-ie`, `-ian`, `-i`. A spelling is read as Wade–Giles
//! only when it shows one of those, or has three parts or more as a person's name written
//! that way does ("Chou En-lai"): "Pali" is no Wade–Giles spelling of "Bali".

/// The sounds of the folded name `key` read as Pinyin (each part one or more syllables,
/// "xiaoping"; an apostrophe between syllables, "xi'an"), if it reads so. Folded keys
/// carry no diacritics and only ASCII apostrophes: a Latin name's key is ASCII.
pub fn pinyin_sounds(key: &str) -> Option<String> {
    if !key.is_ascii() {
        return None;
    }
    let mut sounds = String::new();
    for part in key.split([' ', '-']).filter(|p| !p.is_empty()) {
        if part.starts_with('\'') || part.len() > 24 {
            return None;
        }
        for piece in part.split('\'').filter(|x| !x.is_empty()) {
            if !pinyin_part(piece, &mut sounds) {
                return None;
            }
        }
    }
    (!sounds.is_empty()).then_some(sounds)
}

/// The sounds of the folded name `key` read as Wade–Giles (one syllable per part, each at
/// most 7 letters: "ch'iang"), if it reads so and shows what Pinyin never writes, or has
/// three parts or more. Most spans fail at their first part, before anything is made.
pub fn wade_giles_sounds(key: &str) -> Option<String> {
    let fits = |p: &str| {
        (1..=7).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'')
    };
    if !key.split([' ', '-']).all(fits) {
        return None;
    }
    let mut sounds = String::new();
    let (mut marked, mut parts) = (false, 0);
    for part in key.split([' ', '-']) {
        if !wade_giles(part, &mut sounds, &mut marked) {
            return None;
        }
        parts += 1;
    }
    (marked || parts >= 3).then_some(sounds)
}

/// Pinyin finals, longest first.
const PINYIN_FINALS: &[&str] = &[
    "iang", "iong", "uang", "ueng", "ang", "eng", "ong", "iao", "ian", "ing", "uai", "uan", "ai",
    "ei", "ao", "ou", "an", "en", "er", "ia", "ie", "iu", "in", "ua", "uo", "ui", "un", "ue", "a",
    "o", "e", "i", "u",
];

/// Pinyin initials, longest first.
const PINYIN_INITIALS: &[&str] = &[
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w",
];

/// Appends the sounds of `part`, one or more Pinyin syllables ("xiaoping"), if it is that.
fn pinyin_part(part: &str, out: &mut String) -> bool {
    let mark = out.len();
    if segment(part, out) {
        return true;
    }
    out.truncate(mark);
    false
}

/// Segments `rest` into Pinyin syllables, longest first, backtracking.
fn segment(rest: &str, out: &mut String) -> bool {
    if rest.is_empty() {
        return true;
    }
    let mark = out.len();
    let initials = PINYIN_INITIALS
        .iter()
        .copied()
        .filter(|i| rest.starts_with(i))
        .chain(std::iter::once(""));
    for initial in initials {
        let after = &rest[initial.len()..];
        for final_ in PINYIN_FINALS.iter().filter(|f| after.starts_with(**f)) {
            // No syllable has no vowel; "ng" after a final belongs to it (longest first).
            let next = &after[final_.len()..];
            push_sound(initial, final_, out);
            if segment(next, out) {
                return true;
            }
            out.truncate(mark);
        }
    }
    false
}

/// Appends the sound of `part` read as one Wade–Giles syllable, if it is one, and notes in
/// `marked` whether it was spelt as Pinyin never spells.
fn wade_giles(part: &str, out: &mut String, marked: &mut bool) -> bool {
    const INITIALS: &[&str] = &[
        "ch'", "ts'", "tz'", "k'", "p'", "t'", "hs", "ch", "ts", "tz", "sh", "ss", "sz", "j", "k",
        "p", "t", "m", "f", "n", "l", "h", "s", "y", "w",
    ];
    const FINALS: &[&str] = &[
        "iung", "iang", "uang", "ang", "eng", "ung", "ieh", "ien", "iao", "ing", "uai", "uan",
        "uei", "ueh", "erh", "ai", "ei", "ao", "ou", "an", "en", "ia", "iu", "in", "ua", "uo",
        "ui", "un", "ih", "a", "o", "e", "i", "u",
    ];
    let initial = INITIALS
        .iter()
        .copied()
        .find(|i| part.starts_with(i))
        .unwrap_or("");
    let rest = &part[initial.len()..];
    let Some(&final_) = FINALS.iter().find(|f| **f == rest) else {
        return false;
    };
    *marked |= initial.ends_with('\'')
        || matches!(initial, "hs" | "ts" | "tz" | "ss" | "sz")
        || matches!(
            final_,
            "ung" | "iung" | "ieh" | "ien" | "ueh" | "uei" | "erh" | "ih"
        );
    // The same sound as Pinyin writes it.
    let pinyin_initial = match initial.trim_end_matches('\'') {
        "ch" => "zh",
        "ts" | "tz" => "z",
        "hs" => "x",
        "ss" | "sz" => "s",
        "j" => "r",
        "k" => "g",
        "p" => "b",
        "t" => "d",
        other => other,
    };
    let pinyin_final = match final_ {
        "ung" => "ong",
        "iung" => "iong",
        "ieh" => "ie",
        "ien" => "ian",
        "ueh" => "ue",
        "uei" => "ui",
        "erh" => "er",
        "ih" => "i",
        // "tzu", "ssu": the vowel Pinyin writes i after z, c, s.
        "u" if matches!(pinyin_initial, "z" | "s") => "i",
        // "ko", "k'o", "ho": Pinyin ge, ke, he.
        "o" if matches!(pinyin_initial, "g" | "h") => "e",
        other => other,
    };
    push_sound(pinyin_initial, pinyin_final, out);
    true
}

/// Appends one syllable's sound: its initial's class (aspirated and plain together, the
/// palatals with the retroflexes, whose finals tell them apart) and its final, with the
/// written y and w of syllables without an initial taken as the vowels they stand for.
fn push_sound(initial: &str, final_: &str, out: &mut String) {
    let class = match initial {
        "b" | "p" => "B",
        "d" | "t" => "D",
        "g" | "k" => "G",
        "j" | "q" | "zh" | "ch" => "J",
        "z" | "c" => "Z",
        "x" => "X",
        "sh" => "S",
        "r" => "R",
        "y" | "w" => "",
        other => other,
    };
    let final_ = match (initial, final_) {
        ("y", "ou") => "iu",
        ("y", f) if f.starts_with('i') || f.starts_with('u') => f,
        ("y", "e") => "ie",
        ("y", f) => return push_parts(class, "i", f, out),
        ("w", "ei") => "ui",
        ("w", "en") => "un",
        ("w", f) if f.starts_with('u') => f,
        ("w", f) => return push_parts(class, "u", f, out),
        (_, f) => f,
    };
    push_parts(class, "", final_, out);
}

fn push_parts(class: &str, glide: &str, final_: &str, out: &mut String) {
    if !out.is_empty() {
        out.push('|');
    }
    out.push_str(class);
    out.push('.');
    out.push_str(glide);
    out.push_str(final_);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sounds(key: &str, wade_giles: bool) -> Option<String> {
        if wade_giles {
            wade_giles_sounds(key)
        } else {
            pinyin_sounds(key)
        }
    }

    /// The names of Chinese leaders in both romanisations, as English texts write them
    /// (Wade–Giles in older books and in Taiwan, with or without its apostrophes).
    #[test]
    fn pinyin_and_wade_giles_spellings_of_one_name_sound_the_same() {
        let pairs = [
            ("mao zedong", "mao tse-tung"),
            ("deng xiaoping", "teng hsiao-p'ing"),
            ("deng xiaoping", "teng hsiao-ping"),
            ("zhou enlai", "chou en-lai"),
            ("hu jintao", "hu chin-t'ao"),
            ("cai yingwen", "tsai ing-wen"),
            ("li peng", "li p'eng"),
            ("jiang zemin", "chiang tse-min"),
        ];
        for (pinyin, wg) in pairs {
            let p = sounds(pinyin, false).unwrap_or_else(|| panic!("{pinyin} as Pinyin"));
            let w = sounds(wg, true).unwrap_or_else(|| panic!("{wg} as Wade–Giles"));
            assert_eq!(p, w, "{pinyin} / {wg}");
        }
    }

    /// Words of other languages are neither, and a spelling with nothing of Wade–Giles's
    /// own is not read as it: "Pali" is no spelling of "Bali", "Paris" no syllable at all.
    #[test]
    fn other_words_are_not_read_as_chinese_syllables() {
        for word in ["paris", "the united states", "москва"] {
            assert_eq!(
                (pinyin_sounds(word), wade_giles_sounds(word)),
                (None, None),
                "{word}"
            );
        }
        // Plain and aspirated sound alike, since texts drop the apostrophes; so Pinyin
        // "bali" and "pali" do, and only a Wade–Giles reading is ever matched with a Pinyin
        // one.
        assert_eq!(wade_giles_sounds("pali"), None);
        assert_eq!(sounds("bali", false), sounds("pali", false));
    }
}
