//! Pandoc-style attribute lists, as written after a fenced div's name, an image, a link or a
//! bracketed span: `{.class #id key="value" key='value' key=value}`; finding one right after an
//! element, dropping its text from the events, and writing attributes into HTML.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};
use pulldown_cmark_escape::escape_html;

use super::Spanned;

/// The parsed contents of one `{...}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub id: Option<String>,
    pub classes: Vec<String>,
    /// Other `key=value` pairs, in the order written.
    pub pairs: Vec<(String, String)>,
}

impl Attributes {
    /// The value of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses the text between `{` and `}` (without the braces). `None` when it is not an attribute
/// list (an unclosed quote, or a word that is neither `.class`, `#id` nor `key=value`).
pub fn parse_attributes(text: &str) -> Option<Attributes> {
    let mut attributes = Attributes::default();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let (word, next) = split_word(after);
            if word.is_empty() {
                return None;
            }
            attributes.classes.push(word.to_string());
            rest = next;
        } else if let Some(after) = rest.strip_prefix('#') {
            let (word, next) = split_word(after);
            if word.is_empty() {
                return None;
            }
            attributes.id = Some(word.to_string());
            rest = next;
        } else {
            let equals = rest.find('=')?;
            let key = &rest[..equals];
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_:".contains(c))
            {
                return None;
            }
            let (value, next) = split_value(&rest[equals + 1..])?;
            attributes.pairs.push((key.to_string(), value));
            rest = next;
        }
        rest = rest.trim_start();
    }
    Some(attributes)
}

/// An attribute list that starts at `at` in `markdown` (`{...}` closed on the same line, a `}`
/// inside quotes not closing it), with the range it takes.
pub fn attributes_at(markdown: &str, at: usize) -> Option<(Attributes, Range<usize>)> {
    let rest = markdown.get(at..)?.strip_prefix('{')?;
    let mut quote: Option<char> = None;
    let mut close = None;
    let mut escaped = false;
    for (index, c) in rest.char_indices() {
        if std::mem::take(&mut escaped) {
            continue;
        }
        match (c, quote) {
            ('\n' | '\r', _) => return None,
            ('\\', _) => escaped = true,
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(open)) if c == open => quote = None,
            ('}', None) => {
                close = Some(index);
                break;
            }
            _ => {}
        }
    }
    let close = close?;
    let attributes = parse_attributes(&rest[..close])?;
    Some((attributes, at..at + close + 2))
}

/// Drops the events that stand inside `within` (an attribute list written after an element), keeping
/// what follows it in a text event that runs past its end.
pub fn skip_within<'a>(
    iter: &mut std::iter::Peekable<impl Iterator<Item = Spanned<'a>>>,
    within: &Range<usize>,
    markdown: &str,
) {
    while let Some((event, range)) = iter.peek_mut() {
        if range.start < within.start || range.start >= within.end {
            return;
        }
        if range.end <= within.end {
            iter.next();
            continue;
        }
        if let Event::Text(_) = event {
            let rest = markdown.get(within.end..range.end).unwrap_or_default();
            *event = Event::Text(CowStr::from(rest.to_string()));
            range.start = within.end;
        }
        return;
    }
}

/// Appends ` name="value"` to `html`, the value escaped.
pub fn push_attribute(html: &mut String, name: &str, value: &str) {
    html.push(' ');
    html.push_str(name);
    html.push_str("=\"");
    let _ = escape_html(&mut *html, value);
    html.push('"');
}

/// Appends the `key=value` pairs of `attributes` to `html`: those `keep` names (and `data-*`
/// and `aria-*` ones) as written, any other as `data-<key>`, as Pandoc writes them, so that no
/// pair becomes an event handler or replaces an attribute guidebook writes.
pub fn push_pairs(html: &mut String, attributes: &Attributes, keep: &[&str]) {
    for (key, value) in &attributes.pairs {
        push_attribute(html, &attribute_name(key, keep), value);
    }
}

/// The HTML attribute a `key=value` pair becomes: `key` when `keep` names it (or it is a
/// `data-*` or `aria-*` one), else `data-key`.
pub fn attribute_name(key: &str, keep: &[&str]) -> String {
    let key = key.to_ascii_lowercase();
    if keep.contains(&key.as_str()) || key.starts_with("data-") || key.starts_with("aria-") {
        key
    } else {
        format!("data-{key}")
    }
}

/// The pairs an element of the text (a span, a heading) writes as they are.
pub const TEXT_KEEPS: &[&str] = &["title", "lang", "dir", "style", "role", "translate"];

/// A word up to the next space, and what follows.
fn split_word(text: &str) -> (&str, &str) {
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// A value (quoted with `"` or `'`, or up to the next space), and what follows. A backslash
/// before punctuation stands for that character (`'it\'s'`, `weight\_kg`), as in Markdown.
fn split_value(text: &str) -> Option<(String, &str)> {
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\''));
    let body = if quote.is_some() { &text[1..] } else { text };
    let mut value = String::new();
    let mut chars = body.char_indices();
    while let Some((index, c)) = chars.next() {
        match (c, quote) {
            ('\\', _) => match chars.clone().next() {
                Some((_, next)) if next.is_ascii_punctuation() => {
                    value.push(next);
                    chars.next();
                }
                _ => value.push(c),
            },
            (c, Some(open)) if c == open => return Some((value, &body[index + 1..])),
            (c, None) if c.is_whitespace() => return Some((value, &body[index..])),
            (c, _) => value.push(c),
        }
    }
    // An unclosed quote is no value.
    quote.is_none().then_some((value, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_ids_and_pairs() {
        let parsed =
            parse_attributes(".challenge #first title=\"A \\ test\" width=60% alt='it is'")
                .expect("parses");
        assert_eq!(parsed.classes, ["challenge"]);
        assert_eq!(parsed.id.as_deref(), Some("first"));
        assert_eq!(parsed.get("title"), Some("A \\ test"));
        assert_eq!(parsed.get("width"), Some("60%"));
        assert_eq!(parsed.get("alt"), Some("it is"));
    }

    #[test]
    fn backslashes_escape_punctuation_in_values() {
        let parsed = parse_attributes(
            r#"alt='the repository\'s URL' title="a \"b\"" x=weight\_kg y=C:\dir"#,
        )
        .expect("parses");
        assert_eq!(parsed.get("alt"), Some("the repository's URL"));
        assert_eq!(parsed.get("title"), Some("a \"b\""));
        assert_eq!(parsed.get("x"), Some("weight_kg"));
        assert_eq!(parsed.get("y"), Some("C:\\dir"));
        let text = r"![](x.png){alt='it\'s} here'} after";
        let (parsed, range) = attributes_at(text, 10).expect("a list");
        assert_eq!(parsed.get("alt"), Some("it's} here"));
        assert_eq!(&text[range.end..], " after");
    }

    #[test]
    fn a_list_after_an_element_closes_on_its_line() {
        let text = "[a]{#x title=\"a } b\"} rest";
        let (parsed, range) = attributes_at(text, 3).expect("a list");
        assert_eq!(
            (parsed.id.as_deref(), parsed.get("title")),
            (Some("x"), Some("a } b"))
        );
        assert_eq!(&text[range], "{#x title=\"a } b\"}");
        assert_eq!(attributes_at("[a]{#x\n}", 3), None);
        assert_eq!(attributes_at("[a] {#x}", 3), None);
    }

    #[test]
    fn pairs_that_are_not_kept_become_data_attributes() {
        let parsed = parse_attributes("onclick=\"x()\" target=_blank data-n=1 aria-label='a \"b'")
            .expect("parses");
        let mut html = String::new();
        push_pairs(&mut html, &parsed, &["target"]);
        assert_eq!(
            html,
            " data-onclick=\"x()\" target=\"_blank\" data-n=\"1\" aria-label=\"a &quot;b\""
        );
    }

    #[test]
    fn text_that_is_not_an_attribute_list() {
        assert_eq!(parse_attributes("just words"), None);
        assert_eq!(parse_attributes("alt=\"unclosed"), None);
        assert_eq!(parse_attributes(". #"), None);
        assert_eq!(parse_attributes(""), Some(Attributes::default()));
    }
}
