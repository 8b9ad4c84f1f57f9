//! Footnote labels: `[^1]` becomes `#fn-1`, so a footnote never takes a heading's id (and, in
//! print, `#<page>-fn-1`, unique in the one document).

use pulldown_cmark::{CowStr, Event, Tag};

use super::{Found, MarkdownInput, Spanned};

/// Prefixes every footnote label, at its references and its definition alike.
pub fn run<'a>(
    mut events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    _: &mut Found,
) -> Vec<Spanned<'a>> {
    for (event, _) in events.iter_mut() {
        match event {
            Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) => {
                let id = input.id(&format!("fn-{label}")).into_owned();
                *label = CowStr::from(id);
            }
            _ => {}
        }
    }
    events
}
