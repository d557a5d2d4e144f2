//! Which writing system a name is in, coarsely: enough to tell "Assimi Goïta" from
//! "Ассими Гоита" and "阿西米·戈伊塔".

/// Script families. Japanese mixes kana and Han characters, so both are one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Devanagari,
    Bengali,
    Thai,
    Georgian,
    Ethiopic,
    Hangul,
    /// Han characters and Japanese kana.
    Cjk,
}

/// The script family of letter `c`, if it is a letter of one of the known families.
pub fn script_of(c: char) -> Option<Script> {
    use Script::*;
    Some(match c {
        'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Latin,
        '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => Latin,
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Greek,
        '\u{0400}'..='\u{052F}' => Cyrillic,
        '\u{0530}'..='\u{058F}' => Armenian,
        '\u{0590}'..='\u{05FF}' => Hebrew,
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' => Arabic,
        '\u{FE70}'..='\u{FEFF}' => Arabic,
        '\u{0900}'..='\u{097F}' => Devanagari,
        '\u{0980}'..='\u{09FF}' => Bengali,
        '\u{0E00}'..='\u{0E7F}' => Thai,
        '\u{10A0}'..='\u{10FF}' => Georgian,
        '\u{1200}'..='\u{137F}' => Ethiopic,
        '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' => Hangul,
        '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => Cjk,
        c if is_han(c) => Cjk,
        _ => return None,
    })
}

/// Whether `c` is a katakana letter (the long-vowel mark, the middle dot and the voicing
/// marks are not letters).
pub fn is_katakana_letter(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}')
}

/// Whether `c` is a Han character (a CJK ideograph), not kana.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// The script most of the letters of `s` are in.
pub fn dominant_script(s: &str) -> Option<Script> {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for script in s.chars().filter_map(script_of) {
        match counts.iter_mut().find(|(s, _)| *s == script) {
            Some((_, n)) => *n += 1,
            None => counts.push((script, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_scripts_apart() {
        assert_eq!(dominant_script("Assimi Goïta"), Some(Script::Latin));
        assert_eq!(dominant_script("Ассими Гоита"), Some(Script::Cyrillic));
        assert_eq!(dominant_script("阿西米·戈伊塔"), Some(Script::Cjk));
        assert_eq!(dominant_script("ニジェール"), Some(Script::Cjk));
        assert_eq!(dominant_script("عاصمي غويتا"), Some(Script::Arabic));
        assert_eq!(dominant_script("नाइजर"), Some(Script::Devanagari));
        assert_eq!(dominant_script("2022"), None);
    }
}
