//! GFM alerts (`> [!TIP]`, `> [!WARNING]`, ...) become labelled asides; warnings and cautions
//! are also recorded as safety notes, for the handout.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

use super::{Found, MarkdownInput, Spanned};

/// Turns each alert into an `<aside>`, keeping the HTML of every warning and caution.
pub fn run<'a>(
    events: Vec<Spanned<'a>>,
    _: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut collecting: Option<(usize, usize)> = None; // (start index in `out`, nesting depth)
    for (event, range) in events {
        match &event {
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = callout_style(*kind);
                let html = format!(
                    "<aside class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n"
                );
                match &mut collecting {
                    Some((_, depth)) => *depth += 1,
                    None if matches!(kind, BlockQuoteKind::Warning | BlockQuoteKind::Caution) => {
                        collecting = Some((out.len() + 1, 0));
                    }
                    None => {}
                }
                out.push((Event::Html(CowStr::from(html)), range));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                match collecting {
                    Some((start, 0)) => {
                        let mut note = String::new();
                        pulldown_cmark::html::push_html(
                            &mut note,
                            out[start..].iter().map(|(e, _)| e.clone()),
                        );
                        found.safety_notes.push(note.trim().to_string());
                        collecting = None;
                    }
                    Some((start, depth)) => collecting = Some((start, depth - 1)),
                    None => {}
                }
                out.push((Event::Html(CowStr::from("</aside>\n")), range));
            }
            _ => out.push((event, range)),
        }
    }
    out
}

fn callout_style(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Safety"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}
