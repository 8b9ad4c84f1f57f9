//! Finding where a value sits in a small YAML document, so that problems found after parsing
//! (an unknown prerequisite, a duplicate step) point at the right line.
//!
//! serde's derive keeps no positions, so after a successful parse we look for the key at the
//! start of a line and for list items after it. These are pointers for humans, not parsers: when
//! nothing is found the caller falls back to the start of the document.

use std::ops::Range;

/// Byte range of the value of top-level `key` (`key: value`), or of the key if the value is on
/// the following lines.
pub fn value_span(yaml: &str, key: &str) -> Option<Range<usize>> {
    let key_range = key_span(yaml, key)?;
    let line_end = yaml[key_range.end..]
        .find('\n')
        .map_or(yaml.len(), |i| key_range.end + i);
    let after_colon = yaml[key_range.end..line_end]
        .find(':')
        .map(|i| key_range.end + i + 1)?;
    let value = yaml[after_colon..line_end].trim_end_matches('\r');
    let leading = value.len() - value.trim_start().len();
    let value = value.trim();
    if value.is_empty() {
        Some(key_range)
    } else {
        let start = after_colon + leading;
        Some(start..start + value.len())
    }
}

/// Byte range of top-level `key` where it opens a line.
pub fn key_span(yaml: &str, key: &str) -> Option<Range<usize>> {
    nth_key_span(yaml, key, 0)
}

/// Byte range of the `n`-th (0-based) occurrence of top-level `key`.
pub fn nth_key_span(yaml: &str, key: &str, n: usize) -> Option<Range<usize>> {
    let mut offset = 0;
    let mut seen = 0;
    for line in yaml.split_inclusive('\n') {
        let unquoted = line
            .strip_prefix(key)
            .or_else(|| line.strip_prefix(&format!("\"{key}\"")))
            .or_else(|| line.strip_prefix(&format!("'{key}'")));
        if let Some(rest) = unquoted
            && rest.trim_start_matches([' ', '\t']).starts_with(':')
        {
            if seen == n {
                return Some(offset..offset + key.len());
            }
            seen += 1;
        }
        offset += line.len();
    }
    None
}

/// Byte range of `item` as a whole word in the value of `key` (inline `[a, b]` or a block
/// list on the following lines).
pub fn item_span(yaml: &str, key: &str, item: &str) -> Option<Range<usize>> {
    let start = key_span(yaml, key)?.end;
    let end = next_top_level_line(yaml, start).unwrap_or(yaml.len());
    let region = &yaml[start..end];
    let mut search_from = 0;
    while let Some(found) = region[search_from..].find(item) {
        let at = search_from + found;
        let before = region[..at].chars().next_back();
        let after = region[at + item.len()..].chars().next();
        let is_word_char =
            |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if !is_word_char(before) && !is_word_char(after) {
            return Some(start + at..start + at + item.len());
        }
        search_from = at + item.len().max(1);
    }
    None
}

/// The offset of the first line after `from` that starts at column 0 (the next top-level key).
fn next_top_level_line(yaml: &str, from: usize) -> Option<usize> {
    let newline = yaml[from..].find('\n')? + from + 1;
    let mut offset = newline;
    for line in yaml[newline..].split_inclusive('\n') {
        if !line.starts_with([' ', '\t', '-', '#', '\r', '\n']) {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "title: Fit it\nstep: 3\nprerequisites: [choose, scent-it]\ngear:\n  - vest\n  - leash\nsummary: x\n";

    #[test]
    fn finds_values_and_items() {
        assert_eq!(&DOC[value_span(DOC, "step").unwrap()], "3");
        assert_eq!(&DOC[value_span(DOC, "title").unwrap()], "Fit it");
        assert_eq!(
            &DOC[item_span(DOC, "prerequisites", "scent-it").unwrap()],
            "scent-it"
        );
        assert_eq!(&DOC[item_span(DOC, "gear", "leash").unwrap()], "leash");
        assert_eq!(item_span(DOC, "gear", "x"), None);
        // "scent" is not a whole word inside "scent-it".
        assert_eq!(item_span(DOC, "prerequisites", "scent"), None);
    }

    #[test]
    fn finds_repeated_keys() {
        let doc = "title: a\nstep: 1\ntitle: b\n";
        assert_eq!(nth_key_span(doc, "title", 1), Some(17..22));
        assert_eq!(nth_key_span(doc, "title", 2), None);
        // `titles:` is not `title:`
        assert_eq!(key_span("titles: x\n", "title"), None);
    }
}
