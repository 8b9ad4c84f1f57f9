//! Changing a text in places: each edit replaces one byte range, and everything between the
//! edits is kept byte for byte (so a body is changed only where the import means to).

use std::ops::Range;

/// Replacements of byte ranges of one text.
#[derive(Debug, Default)]
pub struct Edits {
    edits: Vec<(Range<usize>, String)>,
}

impl Edits {
    pub fn new() -> Self {
        Edits::default()
    }

    /// Replaces `range` with `text`.
    pub fn replace(&mut self, range: Range<usize>, text: impl Into<String>) {
        self.edits.push((range, text.into()));
    }

    pub fn len(&self) -> usize {
        self.edits.len()
    }

    /// The text with every edit made. An edit that overlaps an earlier one, or whose range is
    /// not in the text or not on character boundaries, is skipped.
    pub fn apply(mut self, text: &str) -> String {
        if self.edits.is_empty() {
            return text.to_string();
        }
        self.edits
            .sort_by_key(|(range, _)| (range.start, range.end));
        let mut out = String::with_capacity(text.len() + 64);
        let mut kept_until = 0;
        for (range, replacement) in self.edits {
            if range.start < kept_until
                || range.end < range.start
                || text.get(range.clone()).is_none()
            {
                continue;
            }
            out.push_str(&text[kept_until..range.start]);
            out.push_str(&replacement);
            kept_until = range.end;
        }
        out.push_str(&text[kept_until..]);
        out
    }
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_overlaps_are_skipped() {
        let mut edits = Edits::new();
        edits.replace(6..11, "there");
        edits.replace(0..5, "Hi");
        edits.replace(8..9, "x");
        edits.replace(40..50, "out of range");
        assert_eq!(edits.apply("hello world!"), "Hi there!");
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
