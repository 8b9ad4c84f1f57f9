//! GFM alerts (`> [!TIP]`, `> [!WARNING]`, ...) become asides labelled as GitHub labels them;
//! each is also recorded with its kind, so the handout can collect the kinds `guide.toml` asks
//! for (`[handout] notes`).

use super::{Found, MarkdownInput, Spanned};
pub use crate::model::alert::AlertKind;
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

/// The kind of an alert as pulldown-cmark reads it.
fn alert_kind(kind: BlockQuoteKind) -> AlertKind {
    match kind {
        BlockQuoteKind::Note => AlertKind::Note,
        BlockQuoteKind::Tip => AlertKind::Tip,
        BlockQuoteKind::Important => AlertKind::Important,
        BlockQuoteKind::Warning => AlertKind::Warning,
        BlockQuoteKind::Caution => AlertKind::Caution,
    }
}

/// One alert of a page: its kind and the HTML of its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: AlertKind,
    pub html: String,
}

/// Turns each alert into an `<aside>`, keeping the HTML of every warning and caution.
pub fn run<'a>(
    events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    // The outermost alert being read: where its content starts in `out`, its kind, and how
    // many alerts are open inside it.
    let mut collecting: Option<(usize, AlertKind, usize)> = None;
    for (event, range) in events {
        match &event {
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let kind = alert_kind(*kind);
                let mut html = format!(
                    "<aside class=\"callout callout-{}\" role=\"note\"><p class=\"callout-title\">",
                    kind.name()
                );
                let _ = escape_html(&mut html, input.strings.get(kind.label_key()));
                html.push_str("</p>\n");
                match &mut collecting {
                    Some((_, _, depth)) => *depth += 1,
                    None => collecting = Some((out.len() + 1, kind, 0)),
                }
                out.push((Event::Html(CowStr::from(html)), range));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                match collecting {
                    Some((start, kind, 0)) => {
                        let mut html = String::new();
                        pulldown_cmark::html::push_html(
                            &mut html,
                            out[start..].iter().map(|(e, _)| e.clone()),
                        );
                        let html = html.trim().to_string();
                        found.notes.push(Note { kind, html });
                        collecting = None;
                    }
                    Some((start, kind, depth)) => collecting = Some((start, kind, depth - 1)),
                    None => {}
                }
                out.push((Event::Html(CowStr::from("</aside>\n")), range));
            }
            _ => out.push((event, range)),
        }
    }
    out
}
