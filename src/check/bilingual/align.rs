//! Sentence alignment of a unit, by sentence lengths: which sentences of the target
//! translate which of the source. Machine translation keeps sentences; a translator who
//! joins two or splits one makes a bead of two and one.
//!
//! Alignment lets a unit's counts be kept per sentence: a source that names "Waziri" in its
//! last sentence and, by a slip, "Wazir" in its first is not rendered by the target's one
//! "Waziri" twice.

use crate::text::{sentence_bounds, Span};

/// The sentences of `text` as byte ranges, UAX #29 boundaries joined where they are no end
/// of a sentence: after an ordinal or a number ("18. Dynastie"), an initial ("J. Smith"), or
/// an abbreviation of up to three letters ("St. Michael", "Dr. Weber").
pub(super) fn sentences(text: &str) -> Vec<Span> {
    let bounds = sentence_bounds(text);
    let mut out: Vec<Span> = Vec::new();
    let mut start = 0;
    for (n, &b) in bounds.iter().enumerate().skip(1) {
        let piece = text[start..b].trim_end();
        let last_word = piece.strip_suffix('.').map(|p| {
            p.rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
        });
        let joined = match last_word {
            Some(w) if !w.is_empty() => {
                w.chars().all(|c| c.is_ascii_digit())
                    || (w.chars().count() <= 3 && w.chars().next().is_some_and(char::is_uppercase))
            }
            Some(_) => false,
            None => !piece.chars().any(char::is_alphanumeric),
        };
        if joined && n + 1 < bounds.len() {
            continue;
        }
        out.push(Span::new(start, b));
        start = b;
    }
    if start < text.len() || out.is_empty() {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// The aligned sentence groups ("beads") of a source and a target, by the lengths of their
/// sentences (Gale and Church, 1993): each bead is one or two sentences of each side that
/// translate each other. A sentence left without a partner, or a bead whose lengths do not
/// agree, is dropped: what it names is not placed. `None` when there is one sentence, or
/// nothing aligns.
pub(super) fn align(source: &str, target: &str) -> Option<Vec<(Span, Span)>> {
    // Two beads need two sentences a side: most units are one sentence, and finding the
    // sentences is the costly part.
    if !ends_a_sentence_inside(source) || !ends_a_sentence_inside(target) {
        return None;
    }
    let s = sentences(source);
    let t = sentences(target);
    if s.len() < 2 && t.len() < 2 {
        return None;
    }
    let len = |text: &str, span: &Span| text[span.start..span.end].trim().chars().count() as f64;
    let ls: Vec<f64> = s.iter().map(|x| len(source, x)).collect();
    let lt: Vec<f64> = t.iter().map(|x| len(target, x)).collect();
    // Characters of the target per character of the source: scripts differ (Japanese
    // writes a third of English's letters), so the ratio is this unit's own.
    let ratio = lt.iter().sum::<f64>().max(1.0) / ls.iter().sum::<f64>().max(1.0);
    // The cost of a bead of source length `a` and target length `b`, and its delta.
    let delta = |a: f64, b: f64| (b - a * ratio) / (a.max(1.0) * ratio * VARIANCE).sqrt();
    let cost = |a: f64, b: f64, prior: f64| {
        let d = delta(a, b).abs();
        -(prior * erfc(d / std::f64::consts::SQRT_2))
            .max(1e-300)
            .ln()
    };
    let (n, m) = (s.len(), t.len());
    // best[i][j]: the cost of aligning the first i source and j target sentences, and the
    // bead that ended there.
    let mut best = vec![vec![(f64::INFINITY, (0usize, 0usize)); m + 1]; n + 1];
    best[0][0].0 = 0.0;
    const BEADS: [(usize, usize, f64); 5] = [
        (1, 1, 0.89),
        (1, 0, 0.0099),
        (0, 1, 0.0099),
        (2, 1, 0.089),
        (1, 2, 0.089),
    ];
    for i in 0..=n {
        for j in 0..=m {
            let here = best[i][j].0;
            if !here.is_finite() {
                continue;
            }
            for &(di, dj, prior) in &BEADS {
                if i + di > n || j + dj > m {
                    continue;
                }
                let a: f64 = ls[i..i + di].iter().sum();
                let b: f64 = lt[j..j + dj].iter().sum();
                let c = if di == 0 || dj == 0 {
                    -prior.ln() + 10.0
                } else {
                    cost(a, b, prior)
                };
                if here + c < best[i + di][j + dj].0 {
                    best[i + di][j + dj] = (here + c, (di, dj));
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = best[i][j].1;
        if (di, dj) == (0, 0) {
            return None;
        }
        let (i0, j0) = (i - di, j - dj);
        if di > 0 && dj > 0 {
            let a: f64 = ls[i0..i].iter().sum();
            let b: f64 = lt[j0..j].iter().sum();
            if delta(a, b).abs() <= 3.0 {
                beads.push((
                    Span::new(s[i0].start, s[i - 1].end),
                    Span::new(t[j0].start, t[j - 1].end),
                ));
            }
        }
        (i, j) = (i0, j0);
    }
    beads.reverse();
    (beads.len() >= 2).then_some(beads)
}

/// Whether `text` has a sentence's end mark before its last character: else it is one
/// sentence.
fn ends_a_sentence_inside(text: &str) -> bool {
    let text = text.trim_end();
    text.char_indices().any(|(i, c)| {
        matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '।')
            && i + c.len_utf8() < text.len()
    })
}

/// Gale and Church's variance of the target length per source character.
const VARIANCE: f64 = 6.8;

/// The complementary error function (Abramowitz and Stegun 7.1.26, error below 1.5e-7).
fn erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    poly * (-x * x).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| text[s.start..s.end].trim()).collect()
    }

    #[test]
    fn sentences_are_not_cut_after_ordinals_initials_or_abbreviations() {
        let de = "Die Gräber stammen aus der 18. Dynastie des Neuen Reiches. Sie liegen in St. Michael, sagte Dr. Weber. Waziri fügte hinzu.";
        assert_eq!(
            texts(de, &sentences(de)),
            [
                "Die Gräber stammen aus der 18. Dynastie des Neuen Reiches.",
                "Sie liegen in St. Michael, sagte Dr. Weber.",
                "Waziri fügte hinzu."
            ]
        );
        let ja = "海岸線が長い大陸はどれですか。アジアですか、南アメリカですか？";
        assert_eq!(sentences(ja).len(), 2);
    }

    #[test]
    fn sentences_align_by_their_lengths() {
        let en = "Wazir explained that the two tombs belong to prominent people. Waziri added that Djehuty was a supervisor.";
        let de = "Wazir erklärte, dass die beiden Gräber prominenten Personen gehören. Waziri fügte hinzu, dass Djehuty Aufseher war.";
        let pairs = align(en, de).expect("two sentences each");
        assert!(de[pairs[1].1.start..pairs[1].1.end].starts_with("Waziri"));
        // A translation that joins two sentences of three keeps the third apart.
        let en3 = format!("{en} The tombs are T-shaped, a style common in the 18th dynasty.");
        let de3 = "Wazir erklärte, dass die Gräber prominenten Personen gehören, und Waziri fügte hinzu, dass Djehuty Aufseher war. Die Gräber sind T-förmig, ein Stil, der in der 18. Dynastie häufig war.";
        let pairs = align(&en3, de3).expect("a two-to-one bead and a one-to-one bead");
        assert_eq!(pairs.len(), 2);
        assert!(en3[pairs[0].0.start..pairs[0].0.end].contains("Waziri added"));
        assert!(de3[pairs[1].1.start..pairs[1].1.end].starts_with("Die Gräber sind"));
        // One sentence is no alignment.
        assert!(align(
            "Who is the president of Bolivia?",
            "Wer ist der Präsident Boliviens?"
        )
        .is_none());
    }
}
