//! The Workbench's `links.md`: reference definitions shared by every file of a lesson (the
//! Workbench appends the file to each page before rendering it). The import appends to each
//! page only the definitions it uses and does not define itself, so bodies stay as written
//! and every `[text][label]` still finds its address.

use std::collections::HashMap;

use pulldown_cmark::{BrokenLink, Parser};

use crate::markdown::parser_options;

/// The lesson's shared definitions, by label (folded as CommonMark matches labels).
#[derive(Debug, Default)]
pub struct SharedLinks {
    definitions: HashMap<String, String>,
    /// Labels in the order `links.md` defines them.
    order: Vec<String>,
}

impl SharedLinks {
    /// Reads `links.md`'s text.
    pub fn read(text: &str) -> SharedLinks {
        let parser = Parser::new_ext(text, parser_options());
        let mut shared = SharedLinks::default();
        let mut found: Vec<(usize, String, String)> = parser
            .reference_definitions()
            .iter()
            .filter_map(|(label, definition)| {
                let source = text.get(definition.span.clone())?.trim();
                Some((definition.span.start, fold(label), source.to_string()))
            })
            .collect();
        found.sort();
        for (_, label, source) in found {
            if !shared.definitions.contains_key(&label) {
                shared.order.push(label.clone());
                shared.definitions.insert(label, source);
            }
        }
        shared
    }

    /// The definitions `body` uses without defining them, one a line, in `links.md`'s order
    /// (empty when there are none).
    pub fn used_by(&self, body: &str) -> String {
        if self.definitions.is_empty() {
            return String::new();
        }
        let mut used: Vec<String> = Vec::new();
        let mut callback = |link: BrokenLink<'_>| {
            used.push(fold(&link.reference));
            None
        };
        let parser =
            Parser::new_with_broken_link_callback(body, parser_options(), Some(&mut callback));
        parser.for_each(drop);
        let mut text = String::new();
        for label in &self.order {
            if used.contains(label)
                && let Some(definition) = self.definitions.get(label)
            {
                text.push_str(definition);
                text.push('\n');
            }
        }
        text
    }
}

/// A label as CommonMark compares labels: case folded, runs of white space as one space.
fn fold(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_definitions_a_page_uses_and_lacks_are_appended() {
        let shared = SharedLinks::read(
            "<!-- shared links -->\n[cran]: https://cran.r-project.org\n[Git Book]: https://git-scm.com/book \"The book\"\n[unused]: https://example.org\n[local]: https://local.example\n",
        );
        let body = "Get [R][CRAN], read the [git  book] and [this][local].\n\n[local]: ../here.md\n\n`[unused]` in code\n";
        assert_eq!(
            shared.used_by(body),
            "[cran]: https://cran.r-project.org\n[Git Book]: https://git-scm.com/book \"The book\"\n"
        );
        assert_eq!(shared.used_by("No links.\n"), "");
    }
}
