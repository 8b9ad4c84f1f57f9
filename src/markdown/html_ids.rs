//! Ids written in raw HTML: `<span id="for-loop">`, `<div id=setup>`, `<a name="top">`. Links
//! may point at them like at headings, so they are read out of the HTML the author wrote (a
//! small scanner of start tags and their attributes; comments are skipped), and in the print
//! edition, where every lesson shares one document, they are prefixed like every other id.

use std::borrow::Cow;
use std::ops::Range;

/// The ranges in `html` of the values of `id` attributes, and of `name` on `<a>` elements.
pub fn id_values(html: &str) -> Vec<Range<usize>> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = html.get(at..).and_then(|rest| rest.find('<')) {
        at += offset;
        if html[at..].starts_with("<!--") {
            at = html[at..]
                .find("-->")
                .map_or(html.len(), |end| at + end + 3);
            continue;
        }
        at += 1;
        if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = end_of(bytes, at, |b| b.is_ascii_alphanumeric() || b == b'-');
        let is_anchor = html[at..name_end].eq_ignore_ascii_case("a");
        at = read_attributes(html, name_end, is_anchor, &mut found);
    }
    found
}

/// Reads a start tag's attributes from `at` to its `>`, recording id values; gives where the
/// tag ends.
fn read_attributes(
    html: &str,
    mut at: usize,
    is_anchor: bool,
    found: &mut Vec<Range<usize>>,
) -> usize {
    let bytes = html.as_bytes();
    loop {
        at = end_of(bytes, at, |b| b.is_ascii_whitespace() || b == b'/');
        match bytes.get(at) {
            None => return at,
            Some(b'>') => return at + 1,
            Some(_) => {}
        }
        let name_start = at;
        at = end_of(bytes, at, |b| {
            !(b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/'))
        });
        let name = &html[name_start..at];
        at = end_of(bytes, at, |b| b.is_ascii_whitespace());
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at = end_of(bytes, at + 1, |b| b.is_ascii_whitespace());
        let value = match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => {
                let end = html[at + 1..]
                    .find(quote as char)
                    .map_or(html.len(), |end| at + 1 + end);
                let value = at + 1..end;
                at = (end + 1).min(html.len());
                value
            }
            _ => {
                let start = at;
                at = end_of(bytes, at, |b| !(b.is_ascii_whitespace() || b == b'>'));
                start..at
            }
        };
        let is_id =
            name.eq_ignore_ascii_case("id") || (is_anchor && name.eq_ignore_ascii_case("name"));
        if is_id && !value.is_empty() {
            found.push(value);
        }
    }
}

/// The first index from `at` whose byte does not satisfy `keep`.
fn end_of(bytes: &[u8], at: usize, keep: impl Fn(u8) -> bool) -> usize {
    let mut at = at;
    while bytes.get(at).is_some_and(|b| keep(*b)) {
        at += 1;
    }
    at
}

/// `html` with every id value at `ranges` given by `rename` (borrowed when there is none).
pub fn rename_ids<'h>(
    html: &'h str,
    ranges: &[Range<usize>],
    rename: impl Fn(&str) -> String,
) -> Cow<'h, str> {
    if ranges.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut renamed = String::with_capacity(html.len() + ranges.len() * 8);
    let mut last = 0;
    for range in ranges {
        renamed.push_str(&html[last..range.start]);
        renamed.push_str(&rename(&html[range.clone()]));
        last = range.end;
    }
    renamed.push_str(&html[last..]);
    Cow::Owned(renamed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(html: &str) -> Vec<&str> {
        id_values(html).into_iter().map(|r| &html[r]).collect()
    }

    #[test]
    fn ids_in_any_quoting_and_anchor_names() {
        assert_eq!(
            ids("<span id=\"a\">x</span><div class='c' ID='b'><p id=c>"),
            ["a", "b", "c"]
        );
        assert_eq!(ids("<a name=\"top\"></a><meta name=\"x\">"), ["top"]);
        assert_eq!(ids("<input disabled id = d>"), ["d"]);
    }

    #[test]
    fn comments_text_and_broken_tags_give_nothing() {
        assert!(ids("<!-- <span id=\"no\"> -->a < b <p data-id=\"x\">").is_empty());
        assert!(ids("<span id=\"unclosed").len() == 1);
        assert!(ids("<").is_empty());
        assert!(ids("<p id=").is_empty());
    }

    #[test]
    fn renaming_keeps_everything_else() {
        let html = "<span id=\"a\">x</span><a name=b>";
        let ranges = id_values(html);
        assert_eq!(
            rename_ids(html, &ranges, |id| format!("p-{id}")),
            "<span id=\"p-a\">x</span><a name=p-b>"
        );
    }
}
