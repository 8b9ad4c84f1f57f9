//! The print edition's last pass: paper cannot be clicked, so every `<details>` the author wrote
//! as raw HTML is printed open. (Ids and links are made print-ready by the passes that write
//! them, through [`MarkdownInput::id`].)

use pulldown_cmark::{CowStr, Event};

use super::{Found, MarkdownInput, Spanned, Target};

/// Opens every raw `<details>` element when rendering for print; on the web, does nothing.
pub fn run<'a>(
    mut events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    _: &mut Found,
) -> Vec<Spanned<'a>> {
    if input.target != Target::Print {
        return events;
    }
    for (event, _) in events.iter_mut() {
        if let Event::Html(html) | Event::InlineHtml(html) = event
            && html.contains("<details")
        {
            *html = CowStr::from(open_details(html));
        }
    }
    events
}

/// `html` with every `<details>` tag opened (once: an open one stays as it is).
fn open_details(html: &str) -> String {
    html.replace("<details open", "<details")
        .replace("<details ", "<details open ")
        .replace("<details>", "<details open>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_are_opened_once() {
        assert_eq!(open_details("<details>"), "<details open>");
        assert_eq!(open_details("<details open>"), "<details open>");
        assert_eq!(
            open_details("<details class=\"x\">"),
            "<details open class=\"x\">"
        );
    }
}
