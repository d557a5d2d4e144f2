//! Unified diffs of what fixing would change, with `a/` and `b/` headers so that
//! `git apply` and `patch -p1` take them as they are.

use similar::TextDiff;

/// The unified diff from `old` to `new` for `path`, or an empty string when they are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_with_headers() {
        let diff = unified_diff("t.txt", "one\nTakoba\nthree\n", "one\nTakuba\nthree\n");
        assert_eq!(
            diff,
            "--- a/t.txt\n+++ b/t.txt\n@@ -1,3 +1,3 @@\n one\n-Takoba\n+Takuba\n three\n"
        );
        assert_eq!(unified_diff("t.txt", "same", "same"), "");
    }
}
