//! Rewriting the destinations of a Markdown text's links and images for the new guide's layout:
//! inline links and images, reference definitions (`[label]: path`) and the `src`/`href` of raw
//! HTML. Only the destination changes, byte for byte everything else is kept; a destination
//! the layout cannot place (a broken link in the source, an address on another site) is left
//! as it is, for `guidebook build` to report like any guide's.
//!
//! Markdown links lead from the Markdown file to the file (guidebook places them for the page);
//! raw HTML is passed through as written, so its links lead from the page's address in the
//! site to the address of what they name ([`Written`]).

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use super::edits::Edits;
use super::paths::{is_external_or_local, split_link};
use crate::markdown::parser_options;

/// Where a link is written, which says what its path is relative to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// A Markdown link or image: from the Markdown file to a file of the guide.
    Markdown,
    /// An `src` or `href` in raw HTML, which guidebook passes through: from the page's address
    /// in the site to an address in the site.
    Html,
}

/// `text` with every relative link that `resolve` places rewritten, and how many were.
/// `resolve` gets a link's path as written (without `?query` or `#fragment`) and where it is
/// written, and returns the path to write instead, or `None` to keep it.
pub fn rewrite_links(
    text: &str,
    resolve: &dyn Fn(&str, Written) -> Option<String>,
) -> (String, usize) {
    let mut edits = Edits::new();
    let parser = Parser::new_ext(text, parser_options());
    for (_, definition) in parser.reference_definitions().iter() {
        if let Some(range) = definition_destination(text, definition.span.clone()) {
            propose(&mut edits, text, range, Written::Markdown, resolve);
        }
    }
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url,
                ..
            }) => {
                if let Some(at) = inline_destination(text, range, &dest_url) {
                    propose(&mut edits, text, at, Written::Markdown, resolve);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                for at in html_destinations(text, range) {
                    propose(&mut edits, text, at, Written::Html, resolve);
                }
            }
            _ => {}
        }
    }
    let count = edits.len();
    (edits.apply(text), count)
}

/// Adds an edit for the destination at `range` when `resolve` places it elsewhere.
fn propose(
    edits: &mut Edits,
    text: &str,
    range: std::ops::Range<usize>,
    written: Written,
    resolve: &dyn Fn(&str, Written) -> Option<String>,
) {
    let Some(destination) = text.get(range.clone()) else {
        return;
    };
    if is_external_or_local(destination) {
        return;
    }
    let (path, rest) = split_link(destination);
    if let Some(new_path) = resolve(path, written).filter(|new_path| new_path != path) {
        edits.replace(range, format!("{new_path}{rest}"));
    }
}

/// Where an inline link's destination is written inside the link's source (`range`): after
/// the last `](` that is followed by it (inside `<...>` or bare). `None` when the destination
/// is not written as pulldown-cmark reads it (escapes, entities), which is left alone.
fn inline_destination(
    text: &str,
    range: std::ops::Range<usize>,
    destination: &str,
) -> Option<std::ops::Range<usize>> {
    if destination.is_empty() {
        return None;
    }
    let source = text.get(range.clone())?;
    let mut search_end = source.len();
    while let Some(at) = source[..search_end].rfind("](") {
        let after = &source[at + 2..];
        let skipped = after.len() - after.trim_start().len();
        let start = at + 2 + skipped;
        let rest = &source[start..];
        let start = if rest.starts_with('<') {
            start + 1
        } else {
            start
        };
        if source[start..].starts_with(destination) {
            let begin = range.start + start;
            return Some(begin..begin + destination.len());
        }
        search_end = at;
    }
    None
}

/// Where a reference definition's destination is written inside the definition (`span`).
fn definition_destination(
    text: &str,
    span: std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    let source = text.get(span.clone())?;
    let colon = source.find("]:")? + 2;
    let after = &source[colon..];
    let start = colon + (after.len() - after.trim_start().len());
    let rest = &source[start..];
    let (start, length) = if let Some(inside) = rest.strip_prefix('<') {
        (start + 1, inside.find('>')?)
    } else {
        (start, rest.find(char::is_whitespace).unwrap_or(rest.len()))
    };
    (length > 0).then(|| span.start + start..span.start + start + length)
}

/// The values of `src="..."` and `href='...'` attributes in a piece of raw HTML.
fn html_destinations(text: &str, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let Some(html) = text.get(range.clone()) else {
        return Vec::new();
    };
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for attribute in ["src", "href"] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(attribute).map(|i| i + from) {
            from = at + attribute.len();
            let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
            let rest = &lower[from..];
            let trimmed = rest.trim_start();
            let Some(value) = trimmed.strip_prefix('=') else {
                continue;
            };
            let value_start = from + (rest.len() - trimmed.len()) + 1;
            let value_trimmed = value.trim_start();
            let value_start = value_start + (value.len() - value_trimmed.len());
            let Some(quote) = value_trimmed
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\''))
            else {
                continue;
            };
            let Some(length) = html[value_start + 1..].find(quote) else {
                continue;
            };
            if before_ok && length > 0 {
                let start = range.start + value_start + 1;
                found.push(start..start + length);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(text: &str) -> (String, usize) {
        rewrite_links(text, &|path, written| match (path, written) {
            ("fig/x.png", Written::Markdown) => Some("../fig/x.png".to_string()),
            ("../learners/reference.md", Written::Markdown) => {
                Some("pages/reference.md".to_string())
            }
            ("../learners/reference.md", Written::Html) => Some("reference.html".to_string()),
            ("a b.md", _) => Some("pages/a%20b.md".to_string()),
            _ => None,
        })
    }

    #[test]
    fn inline_links_and_images_change_only_their_destination() {
        let (text, count) = rewrite(
            "See ![a [nested] alt](fig/x.png){alt='x'} and [the *glossary*](../learners/reference.md#commit \"T\").\n",
        );
        assert_eq!(
            text,
            "See ![a [nested] alt](../fig/x.png){alt='x'} and [the *glossary*](pages/reference.md#commit \"T\").\n"
        );
        assert_eq!(count, 2);
    }

    #[test]
    fn reference_definitions_angle_brackets_and_html_are_rewritten() {
        let (text, count) = rewrite(
            "[x][g] and [y](<a b.md>)\n\n<img src=\"fig/x.png\" alt=\"\"> <a href='../learners/reference.md#t'>t</a>\n\n[g]: ../learners/reference.md#merge\n",
        );
        assert_eq!(
            text,
            "[x][g] and [y](<pages/a%20b.md>)\n\n<img src=\"fig/x.png\" alt=\"\"> <a href='reference.html#t'>t</a>\n\n[g]: pages/reference.md#merge\n"
        );
        assert_eq!(count, 3);
    }

    #[test]
    fn code_external_and_unknown_links_are_kept() {
        let source = "`[a](fig/x.png)`\n\n```\n[a](fig/x.png)\n```\n\n[w](https://fig/x.png) [l](#fig) [u](other.md)\n";
        let (text, count) = rewrite(source);
        assert_eq!(text, source);
        assert_eq!(count, 0);
    }
}
