//! Edit distance with a bound: the optimal string alignment distance (Damerau–Levenshtein
//! with adjacent swaps, no substring edited twice) that [`strsim::osa_distance`] computes,
//! but only when it is at most a given number of edits.
//!
//! The checks ask "within d edits?" of thousands of spellings, and almost every answer is
//! no. Rows of the distance table whose every cell is over the bound mean that no later row
//! can come back under it, so most of those answers take a few rows; the table lives on the
//! stack for names of up to [`SHORT`] characters, and a count of the letters rules most
//! pairs out before it.

/// Characters per string up to which the table is kept on the stack.
const SHORT: usize = 48;

/// The optimal string alignment distance between `a` and `b` (by characters), if it is at
/// most `max`.
pub fn osa_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.len() <= SHORT && b.len() <= SHORT && a.is_ascii() && b.is_ascii() {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        // Each edit changes the letters' counts by at most two: a cheap bound first.
        let mut counts = [0i8; 128];
        for &c in a {
            counts[usize::from(c)] += 1;
        }
        for &c in b {
            counts[usize::from(c)] -= 1;
        }
        let apart: usize = counts.iter().map(|c| c.unsigned_abs() as usize).sum();
        if apart.div_ceil(2) > max {
            return None;
        }
        return table(a, b, max);
    }
    // The same bound in any script, the characters counted by their code points' low bits
    // (characters that share them only lower it).
    let mut counts = [0i32; 64];
    for c in a.chars() {
        counts[c as usize & 63] += 1;
    }
    for c in b.chars() {
        counts[c as usize & 63] -= 1;
    }
    let apart: usize = counts.iter().map(|c| c.unsigned_abs() as usize).sum();
    if apart.div_ceil(2) > max {
        return None;
    }
    let mut ab = ['\0'; SHORT];
    let mut bb = ['\0'; SHORT];
    match (fill(a, &mut ab), fill(b, &mut bb)) {
        (Some(la), Some(lb)) => table(&ab[..la], &bb[..lb], max),
        _ => {
            let d = strsim::osa_distance(a, b);
            (d <= max).then_some(d)
        }
    }
}

/// The distance table of `a` and `b` (at most [`SHORT`] each), row by row, given up once
/// two rows in a row are over `max`.
fn table<T: PartialEq + Copy>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > max {
        return None;
    }
    if la == 0 || lb == 0 {
        return Some(la.max(lb));
    }
    // Rows i - 2, i - 1 and i of the table, over b's characters 0..=lb.
    let mut two_back = [0u8; SHORT + 1];
    let mut back = [0u8; SHORT + 1];
    let mut row = [0u8; SHORT + 1];
    for (j, cell) in back.iter_mut().enumerate().take(lb + 1) {
        *cell = j as u8;
    }
    let max = max.min(SHORT) as u8;
    let mut back_min = 0;
    for i in 1..=la {
        row[0] = i as u8;
        let mut row_min = i as u8;
        for j in 1..=lb {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (back[j] + 1).min(row[j - 1] + 1).min(back[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            row[j] = d;
            row_min = row_min.min(d);
        }
        // A cell comes from the row before, or from two rows back plus a swap: once two
        // rows in a row are over the bound, every later one is.
        if row_min > max && back_min > max {
            return None;
        }
        back_min = row_min;
        std::mem::swap(&mut two_back, &mut back);
        std::mem::swap(&mut back, &mut row);
    }
    let d = back[lb];
    (d <= max).then_some(usize::from(d))
}

/// `s`'s characters into `buf`, and how many, if they fit.
fn fill(s: &str, buf: &mut [char; SHORT]) -> Option<usize> {
    let mut n = 0;
    for c in s.chars() {
        *buf.get_mut(n)? = c;
        n += 1;
    }
    Some(n)
}

/// How alike `a` and `b` are, from 0 to 1: 1 − their distance / the longer length in
/// characters.
/// Whether target word `t` is source word `s`, or a cognate of it: close in spelling, or
/// sharing a long beginning ("universitätsklinik" and "university").
pub fn cognate(s: &str, t: &str) -> bool {
    if s == t {
        return true;
    }
    let (ls, lt) = (s.chars().count(), t.chars().count());
    if ls < 4 || lt < 4 {
        return false;
    }
    let common = s.chars().zip(t.chars()).take_while(|(a, b)| a == b).count();
    common >= 5 && 2 * common >= ls.min(lt) || similarity(s, t) >= 0.75
}

pub fn similarity(a: &str, b: &str) -> f64 {
    similarity_from(a, b, 0.0)
}

/// [`similarity`] of `a` and `b` when their distance is known to be `distance`.
pub fn similarity_at(a: &str, b: &str, distance: usize) -> f64 {
    let longest = a.chars().count().max(b.chars().count()).max(1);
    1.0 - distance as f64 / longest as f64
}

/// [`similarity`] when it is at least `floor`; `0.0` otherwise.
pub fn similarity_from(a: &str, b: &str, floor: f64) -> f64 {
    let longest = a.chars().count().max(b.chars().count()).max(1);
    // d / longest <= 1 - floor, with a margin for the rounding of the product.
    let max = ((1.0 - floor) * longest as f64 + 1e-9).floor().max(0.0) as usize;
    osa_within(a, b, max)
        .map(|d| similarity_at(a, b, d))
        .filter(|&s| s >= floor)
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_within_and_beyond_the_bound() {
        assert_eq!(osa_within("takoba", "takuba", 1), Some(1));
        assert_eq!(osa_within("takoba", "takuba", 0), None);
        // A swap is one edit.
        assert_eq!(osa_within("goita", "giota", 1), Some(1));
        assert_eq!(osa_within("qasimi quetta", "assimi goita", 5), None);
        assert_eq!(osa_within("qasimi quetta", "assimi goita", 6), Some(6));
        assert_eq!(osa_within("", "mali", 4), Some(4));
        // The long-vowel mark moved past a kana: one swap.
        assert_eq!(osa_within("ウラジミール", "ウラジーミル", 2), Some(1));
        let long = "a".repeat(60);
        assert_eq!(osa_within(&long, &"a".repeat(59), 1), Some(1));
        assert_eq!(osa_within(&"é".repeat(30), &"é".repeat(29), 1), Some(1));
        assert_eq!(osa_within("abcd", "dcba", 3), Some(3));
        assert!((similarity_from("tessalit", "tassalit", 0.6) - 0.875).abs() < 1e-9);
        assert_eq!(similarity_from("bamako", "niamey", 0.6), 0.0);
    }

    proptest! {
        /// The distance is strsim's whenever it is within the bound, and none otherwise.
        #[test]
        fn agrees_with_strsim(a in "[abcé字 ]{0,12}", b in "[abcé字 ]{0,12}", max in 0usize..8) {
            let d = strsim::osa_distance(&a, &b);
            prop_assert_eq!(osa_within(&a, &b, max), (d <= max).then_some(d));
        }

        #[test]
        fn agrees_with_strsim_in_ascii(a in "[abcd ]{0,14}", b in "[abcd ]{0,14}", max in 0usize..10) {
            let d = strsim::osa_distance(&a, &b);
            prop_assert_eq!(osa_within(&a, &b, max), (d <= max).then_some(d));
        }

        #[test]
        fn similarity_agrees_above_the_floor(a in "[abcd]{0,10}", b in "[abcd]{0,10}", floor in 0.0f64..1.0) {
            let longest = a.chars().count().max(b.chars().count()).max(1);
            let s = 1.0 - strsim::osa_distance(&a, &b) as f64 / longest as f64;
            let expected = if s >= floor { s } else { 0.0 };
            prop_assert!((similarity_from(&a, &b, floor) - expected).abs() < 1e-12);
        }
    }
}
