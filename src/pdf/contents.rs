//! Page numbers for the print edition's contents list. Chromium cannot lay out CSS
//! `target-counter()`, so the guide is printed once, the page of each link target is read from
//! that PDF ([`super::destinations`]), and a copy of print.html is printed again with the numbers
//! in it. The copy differs from print.html only by a `<style>` element, added at the end of its
//! head, that writes each number into the `.toc-page` box of the contents entry that links to
//! its page; the website's print.html, which nobody has counted, keeps its boxes empty.

use std::fmt::Write as _;

use super::destinations::DestinationPages;

/// print.html with a stylesheet that shows `pages` in its contents list, or `None` when the page
/// has no `</head>` to put it before.
pub fn numbered_copy(html: &str, pages: &DestinationPages) -> Option<String> {
    let head_end = html.find("</head>")?;
    let mut style = String::from("<style data-guidebook=\"page-numbers\">\n");
    for (id, page) in pages {
        writeln!(
            style,
            ".print-toc a[href=\"#{}\"] .toc-page::after {{ content: \"{page}\"; }}",
            css_string_text(id)
        )
        .expect("writing to a String");
    }
    style.push_str("</style>\n");
    let mut copy = String::with_capacity(html.len() + style.len());
    copy.push_str(&html[..head_end]);
    copy.push_str(&style);
    copy.push_str(&html[head_end..]);
    Some(copy)
}

/// `text` as the inside of a double-quoted CSS string in a `<style>` element: backslashes,
/// quotes and line breaks escaped, and `<` too, so that nothing can close the element.
fn css_string_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '"' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '<' | '\n' | '\r' | '\u{c}' | '\0' => {
                write!(escaped, "\\{:x} ", u32::from(c)).expect("writing to a String");
            }
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str =
        "<!DOCTYPE html>\n<html><head><title>T</title>\n</head>\n<body>x</body></html>";

    #[test]
    fn the_numbers_go_at_the_end_of_the_head_and_nothing_else_changes() {
        let pages = DestinationPages::from([
            ("lesson-a".to_string(), 4),
            ("page-glossary".to_string(), 31),
        ]);
        let copy = numbered_copy(PAGE, &pages).unwrap();
        let style_at = copy.find("<style").unwrap();
        assert_eq!(&copy[..style_at], &PAGE[..PAGE.find("</head>").unwrap()]);
        assert!(copy.ends_with("</style>\n</head>\n<body>x</body></html>"));
        assert!(
            copy.contains(".print-toc a[href=\"#lesson-a\"] .toc-page::after { content: \"4\"; }")
        );
        assert!(copy.contains(
            ".print-toc a[href=\"#page-glossary\"] .toc-page::after { content: \"31\"; }"
        ));
    }

    #[test]
    fn a_page_without_a_head_gets_no_numbers() {
        let pages = DestinationPages::from([("a".to_string(), 1)]);
        assert_eq!(numbered_copy("<p>no head</p>", &pages), None);
    }

    #[test]
    fn ids_cannot_break_out_of_the_string_or_the_style_element() {
        assert_eq!(css_string_text("plain-id"), "plain-id");
        assert_eq!(css_string_text(r#"a"b\c"#), r#"a\"b\\c"#);
        assert_eq!(css_string_text("</style>\n"), "\\3c /style>\\a ");
    }
}
