//! Spans of a text that are addresses, not prose: URLs (`https://france.debian.net/`,
//! `www.example.org/mali`) and e-mail addresses (`presse@elysee.fr`). No name is ever
//! checked inside one: "france" in a host name is not the country written in the wrong
//! script. Found in one pass; this room knows nothing of glossaries or rules.

/// The byte ranges of `text` that are URLs or e-mail addresses, in order, not overlapping.
pub fn address_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let push = |start: usize, end: usize, spans: &mut Vec<(usize, usize)>| {
        if end > start {
            spans.push((start, end));
        }
    };
    for at in memchr::memmem::find_iter(bytes, b"://") {
        let mut start = at;
        while start > 0 && is_scheme_byte(bytes[start - 1]) {
            start -= 1;
        }
        if start == at || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        push(start, url_end(bytes, at + 3), &mut spans);
    }
    for at in memchr::memmem::find_iter(bytes, b"www.") {
        let starts_word = at == 0 || !is_host_byte(bytes[at - 1]);
        if starts_word && bytes.get(at + 4).is_some_and(|b| b.is_ascii_alphanumeric()) {
            push(at, url_end(bytes, at + 4), &mut spans);
        }
    }
    for at in memchr::memchr_iter(b'@', bytes) {
        let mut start = at;
        while start > 0 && is_local_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_host_byte(bytes[end]) {
            end += 1;
        }
        // A host with a dot inside it, not at its end ("a@b." ends a sentence).
        while end > at + 1 && bytes[end - 1] == b'.' {
            end -= 1;
        }
        let host = &bytes[at + 1..end];
        if start < at && host.contains(&b'.') && host.first() != Some(&b'.') {
            push(start, end, &mut spans);
        }
    }
    spans.sort_unstable();
    // Merge what overlaps (a URL with an address in it).
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Where a URL that goes on from `from` ends: at white space, a quote or a bracket, and
/// without the punctuation that ends the sentence around it.
fn url_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len() && !bytes[end].is_ascii_whitespace() && !is_url_stop(bytes[end]) {
        end += 1;
    }
    while end > from && matches!(bytes[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'?') {
        end -= 1;
    }
    end
}

fn is_url_stop(b: u8) -> bool {
    matches!(
        b,
        b'"' | b'\'' | b'<' | b'>' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'`'
    )
}

fn is_scheme_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

fn is_local_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        address_spans(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn urls_and_addresses_in_real_sentences() {
        assert_eq!(
            found("Зеркало https://france.debian.net/debian/ работает."),
            ["https://france.debian.net/debian/"]
        );
        assert_eq!(
            found("Voir www.mali-info.ml/takoba, ou écrire à presse@elysee.fr."),
            ["www.mali-info.ml/takoba", "presse@elysee.fr"]
        );
        assert_eq!(
            found("(see <http://example.org/Niger>) and ftp://mirror.niger.ne."),
            ["http://example.org/Niger", "ftp://mirror.niger.ne"]
        );
        assert_eq!(
            found("Mali, Niger et le Tchad: 3 pays @ Bamako."),
            Vec::<&str>::new()
        );
        assert_eq!(found("mailto:a@b ends a@b. here"), Vec::<&str>::new());
    }
}
