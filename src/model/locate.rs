//! Finding where a value sits in a YAML document (front matter, a compare block, `gear.yaml`),
//! so that problems found after parsing (an unknown prerequisite, a duplicate item id) point at
//! the right line.
//!
//! serde's derive keeps no positions, so after a successful parse we look for the key at the
//! start of a line, for list items after it, or for a `key: value` entry at a given indentation.
//! These are pointers for humans, not parsers: when nothing is found the caller falls back to the
//! start of the document or of the enclosing entry. Parse errors carry their own position (see
//! [`crate::model::yaml`]).

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

/// Which matches count, by the column (bytes from the start of the line) where they begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Any,
    Exactly(usize),
    /// Further right than this column: nested deeper.
    Beyond(usize),
}

impl Column {
    fn admits(self, column: usize) -> bool {
        match self {
            Column::Any => true,
            Column::Exactly(wanted) => column == wanted,
            Column::Beyond(left) => column > left,
        }
    }
}

/// Byte range of the last word of the `n`-th (0-based) occurrence of `entry` (`key: value`, as
/// written in a block or a flow mapping) among those starting at `column`, e.g. the `vest` of
/// the second `id: vest`.
pub fn nth_entry_span(yaml: &str, entry: &str, n: usize, column: Column) -> Option<Range<usize>> {
    let mut from = 0;
    let mut seen = 0;
    while let Some(found) = yaml[from..].find(entry) {
        let at = from + found;
        let after = yaml[at + entry.len()..].chars().next();
        let at_column = at - yaml[..at].rfind('\n').map_or(0, |i| i + 1);
        if column.admits(at_column)
            && after.is_none_or(|c| c.is_whitespace() || c == ',' || c == '}')
        {
            if seen == n {
                let start = at + entry.len() - entry.split_whitespace().last().map_or(0, str::len);
                return Some(start..at + entry.len());
            }
            seen += 1;
        }
        from = at + entry.len();
    }
    None
}

/// Byte range of the first `key` (written `key:`, in a block or a flow mapping) at or after
/// byte `from`.
pub fn key_after(yaml: &str, from: usize, key: &str) -> Option<Range<usize>> {
    let needle = format!("{key}:");
    let mut search = from;
    while let Some(found) = yaml.get(search..)?.find(&needle) {
        let at = search + found;
        let before = yaml[..at].chars().next_back();
        if before.is_none_or(|c| c.is_whitespace() || c == '{' || c == ',') {
            return Some(at..at + key.len());
        }
        search = at + needle.len();
    }
    None
}

/// The column of the leftmost `key` that opens a line (also as `- key`), or 0 when there is
/// none: in `gear.yaml`, categories' `id:` sits left of their items' `id:`.
pub fn leftmost_key_column(yaml: &str, key: &str) -> usize {
    yaml.lines()
        .filter_map(|line| {
            line.find(key)
                .filter(|&i| line[..i].trim_matches([' ', '-']).is_empty())
        })
        .min()
        .unwrap_or(0)
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

    const CATALOGUE: &str = "categories:
  - id: harness
    items:
      - { id: vest, verdict: avoid }
      - id: harness
        verdict: ok
";

    #[test]
    fn finds_entries_by_column() {
        assert_eq!(leftmost_key_column(CATALOGUE, "id:"), 4);
        let category = nth_entry_span(CATALOGUE, "id: harness", 0, Column::Exactly(4)).unwrap();
        assert_eq!(category.start, CATALOGUE.find("harness").unwrap());
        let item = nth_entry_span(CATALOGUE, "id: harness", 0, Column::Beyond(4)).unwrap();
        assert_eq!(item.start, CATALOGUE.rfind("harness").unwrap());
        assert_eq!(
            nth_entry_span(CATALOGUE, "id: harness", 1, Column::Any),
            Some(item.clone())
        );
        assert_eq!(
            nth_entry_span(CATALOGUE, "id: harness", 1, Column::Beyond(4)),
            None
        );
        // `id: ves` is not `id: vest`.
        assert_eq!(nth_entry_span(CATALOGUE, "id: ves", 0, Column::Any), None);
        assert_eq!(
            &CATALOGUE[nth_entry_span(CATALOGUE, "id: vest", 0, Column::Any).unwrap()],
            "vest"
        );
    }

    #[test]
    fn finds_keys_after_a_position() {
        let vest = CATALOGUE.find("vest").unwrap();
        let verdict = key_after(CATALOGUE, vest, "verdict").unwrap();
        assert_eq!(verdict.start, CATALOGUE.find("verdict").unwrap());
        let second = key_after(CATALOGUE, verdict.end, "verdict").unwrap();
        assert_eq!(second.start, CATALOGUE.rfind("verdict").unwrap());
        assert_eq!(key_after(CATALOGUE, second.end, "verdict"), None);
        assert_eq!(key_after(CATALOGUE, CATALOGUE.len() + 1, "verdict"), None);
    }
}
