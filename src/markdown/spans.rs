//! Pandoc's bracketed spans and attributes on links, and the ids written in raw HTML.
//!
//! `[text]{#id .class key=value}` becomes `<span id class data-key>` around its text, which
//! keeps its inline Markdown (`[]{#here}` is an empty span, an anchor). pulldown-cmark reads
//! `[text]` as a reference with no definition: the parser's broken-link callback
//! ([`span_reference`]) turns it into a link marked [`SPAN_MARK`] when an attribute list follows
//! it, and [`run`] turns that link into the span (so a span's text is what pulldown-cmark would
//! have linked: nested brackets, code and emphasis included). As in Pandoc, `[text]{...}` is a
//! span even when `text` names a link reference.
//!
//! `[text](url){.class target=_blank}` keeps its link: its attributes are taken out of the text
//! here and written by [`link_attributes`], a later pass, once the links and files passes have
//! rewritten its address.
//!
//! Every id (a span's, a link's, one in raw HTML) is a link target the anchor check knows. A
//! span's or link's id is made unique on the page like a heading's; an id in raw HTML is kept as
//! written (and prefixed in print).

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::escape_href;

use super::attributes::{
    Attributes, TEXT_KEEPS, attributes_at, push_attribute, push_pairs, skip_within,
};
use super::html_ids::{id_values, rename_ids};
use super::{Found, MarkdownInput, Spanned, Target};

/// The title pulldown-cmark gives the links [`span_reference`] makes: they are spans.
pub const SPAN_MARK: &str = "\u{0}guidebook-span";

/// The pairs a link writes as they are.
const LINK_KEEPS: &[&str] = &[
    "title",
    "lang",
    "dir",
    "style",
    "role",
    "target",
    "rel",
    "download",
    "hreflang",
    "type",
    "referrerpolicy",
];

/// For pulldown-cmark's broken-link callback: `[text]` followed by an attribute list in
/// `markdown` (the text being parsed) is a span, given as a link with the [`SPAN_MARK`] title.
pub fn span_reference<'a>(
    markdown: &str,
    link: &BrokenLink<'_>,
) -> Option<(CowStr<'a>, CowStr<'a>)> {
    let is_shortcut = matches!(link.link_type, LinkType::Shortcut);
    (is_shortcut && attributes_at(markdown, link.span.end).is_some())
        .then_some((CowStr::Borrowed(""), CowStr::Borrowed(SPAN_MARK)))
}

/// Turns bracketed spans into `<span>` elements, takes the attribute lists of links out of the
/// text, and notes every id as a link target.
pub fn run<'a>(
    mut events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    // Most bodies have no attribute list after a bracket or a parenthesis: their events stay
    // where they are, and only raw HTML is read for ids.
    let markdown = input.markdown;
    if !(markdown.contains("]{") || markdown.contains("){")) {
        for (event, range) in events.iter_mut() {
            if let Event::Html(html) | Event::InlineHtml(html) = event
                && is_written(input, range)
            {
                *html = raw_html_ids(std::mem::replace(html, CowStr::Borrowed("")), input, found);
            }
        }
        return events;
    }
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    // The attribute list of the link (or span) being read, dropped from the text after its end.
    let mut after_link: Option<Range<usize>> = None;
    let mut in_span = false;
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let listed = attributes_at(input.markdown, range.end);
                let span = title.as_ref() == SPAN_MARK
                    || (matches!(link_type, LinkType::Shortcut) && listed.is_some());
                match listed {
                    Some((attributes, within)) if span => {
                        let html = span_html(&attributes, input, found);
                        out.push((Event::InlineHtml(CowStr::from(html)), range));
                        after_link = Some(within);
                        in_span = true;
                    }
                    Some((attributes, within))
                        if matches!(
                            link_type,
                            LinkType::Inline | LinkType::Reference | LinkType::Collapsed
                        ) =>
                    {
                        found
                            .working
                            .link_attributes
                            .insert(range.start, attributes);
                        after_link = Some(within);
                        let link = Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        };
                        out.push((Event::Start(link), range));
                    }
                    _ => {
                        let link = Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        };
                        out.push((Event::Start(link), range));
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                if std::mem::take(&mut in_span) {
                    out.push((Event::InlineHtml(CowStr::from("</span>")), range));
                } else {
                    out.push((Event::End(TagEnd::Link), range));
                }
                if let Some(within) = after_link.take() {
                    skip_within(&mut iter, &within, input.markdown);
                }
            }
            Event::Text(text) if &*text == "[" => {
                let empty = iter.next_if(|(next, next_range)| {
                    matches!(next, Event::Text(t) if &**t == "]") && next_range.start == range.end
                });
                let listed = empty
                    .as_ref()
                    .and_then(|(_, closing)| attributes_at(input.markdown, closing.end));
                match (empty, listed) {
                    (Some(_), Some((attributes, within))) => {
                        let html = format!("{}</span>", span_html(&attributes, input, found));
                        out.push((Event::InlineHtml(CowStr::from(html)), range));
                        skip_within(&mut iter, &within, input.markdown);
                    }
                    (closing, _) => {
                        out.push((Event::Text(text), range));
                        out.extend(closing);
                    }
                }
            }
            Event::Html(html) if is_written(input, &range) => {
                let html = raw_html_ids(html, input, found);
                out.push((Event::Html(html), range));
            }
            Event::InlineHtml(html) if is_written(input, &range) => {
                let html = raw_html_ids(html, input, found);
                out.push((Event::InlineHtml(html), range));
            }
            other => out.push((other, range)),
        }
    }
    out
}

/// Whether the HTML event at `range` is HTML the author wrote (not one an earlier pass made,
/// such as a fenced block's, which stands where its fence line is).
fn is_written(input: &MarkdownInput<'_>, range: &Range<usize>) -> bool {
    (input.markdown.get(range.clone())).is_some_and(|text| text.trim_start().starts_with('<'))
}

/// The opening tag of a span.
fn span_html(attributes: &Attributes, input: &MarkdownInput<'_>, found: &mut Found) -> String {
    let mut html = String::from("<span");
    push_identity(&mut html, attributes, input, found);
    push_pairs(&mut html, attributes, TEXT_KEEPS);
    html.push('>');
    html
}

/// The id (made unique on the page, noted as a link target) and classes of an element.
fn push_identity(
    html: &mut String,
    attributes: &Attributes,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) {
    if let Some(id) = &attributes.id {
        let id = found.working.ids.claim(id);
        push_attribute(html, "id", &input.id(&id));
        found.anchors.push(id);
    }
    if !attributes.classes.is_empty() {
        push_attribute(html, "class", &attributes.classes.join(" "));
    }
}

/// Notes the ids of raw HTML as link targets (taken on the page); in print, prefixes them.
fn raw_html_ids<'a>(html: CowStr<'a>, input: &MarkdownInput<'_>, found: &mut Found) -> CowStr<'a> {
    if !html.contains("id") && !html.contains("name") && !html.contains("ID") {
        return html;
    }
    let ranges = id_values(&html);
    for range in &ranges {
        let id = &html[range.clone()];
        found.working.ids.reserve(id);
        found.anchors.push(id.to_string());
    }
    if input.target == Target::Print && !ranges.is_empty() {
        let renamed = rename_ids(&html, &ranges, |id| input.id(id).into_owned()).into_owned();
        return CowStr::from(renamed);
    }
    html
}

/// The pass after links and files: writes each link that has an attribute list as HTML, with
/// its (rewritten) address, its title and its attributes.
pub fn link_attributes<'a>(
    mut events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    let listed = std::mem::take(&mut found.working.link_attributes);
    if listed.is_empty() {
        return events;
    }
    let mut listed = listed;
    let mut open = false;
    for (event, range) in events.iter_mut() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let Some(attributes) = listed.remove(&range.start) else {
                    continue;
                };
                let mut html = String::from("<a href=\"");
                if matches!(link_type, LinkType::Email) {
                    html.push_str("mailto:");
                }
                let _ = escape_href(&mut html, dest_url);
                html.push('"');
                if !title.is_empty() {
                    push_attribute(&mut html, "title", title);
                }
                push_identity(&mut html, &attributes, input, found);
                push_pairs(&mut html, &attributes, LINK_KEEPS);
                html.push('>');
                *event = Event::InlineHtml(CowStr::from(html));
                open = true;
            }
            Event::End(TagEnd::Link) if open => {
                *event = Event::InlineHtml(CowStr::from("</a>"));
                open = false;
            }
            _ => {}
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use crate::markdown::{
        Edition, HighlightCache, PageMap, RenderedMarkdown, Target, render_test_lesson,
    };

    fn render_for(markdown: &str, target: Target) -> RenderedMarkdown {
        let (pages, highlights) = (PageMap::default(), HighlightCache::for_one_build());
        render_test_lesson(markdown, 0, target, Edition::Learner, &pages, &highlights)
    }

    fn render(markdown: &str) -> RenderedMarkdown {
        render_for(markdown, Target::Web)
    }

    #[test]
    fn a_bracketed_span_keeps_its_inline_markdown() {
        let out = render("A [*big* `deal`]{#deal .loud lang=fr weight=\"2 kg\"} here.\n");
        assert_eq!(
            out.html,
            "<p>A <span id=\"deal\" class=\"loud\" lang=\"fr\" data-weight=\"2 kg\"><em>big</em> <code>deal</code></span> here.</p>\n"
        );
        assert_eq!(out.anchors, ["deal"]);
        assert_eq!(out.text, "A big deal here.");
    }

    #[test]
    fn spans_in_definition_terms_and_empty_spans_are_anchors() {
        let out = render("[commit]{#commit}\n:   To record.\n\nA []{#here} mark.\n");
        assert!(
            out.html
                .contains("<dt><span id=\"commit\">commit</span></dt>"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("A <span id=\"here\"></span> mark."),
            "{}",
            out.html
        );
        assert_eq!(out.anchors, ["commit", "here"]);
    }

    #[test]
    fn a_span_is_a_span_even_when_its_text_is_a_reference() {
        let out = render("[ref]{.x} and [ref].\n\n[ref]: https://example.com\n");
        assert!(
            out.html.starts_with(
                "<p><span class=\"x\">ref</span> and <a href=\"https://example.com\">ref</a>"
            ),
            "{}",
            out.html
        );
    }

    #[test]
    fn text_that_is_no_span_stays_text() {
        let out = render("[not a span] {#x} and [also]{not attributes} and [x]{.a\n");
        assert!(out.html.contains("[not a span] {#x}"), "{}", out.html);
        assert!(out.html.contains("[also]{not attributes}"), "{}", out.html);
        assert!(out.anchors.is_empty());
    }

    #[test]
    fn values_are_escaped_and_handlers_are_data() {
        let out = render("[x]{title=\"a'<b>\" onclick=\"alert(1)\"}\n");
        assert!(
            out.html
                .contains("<span title=\"a&#39;&lt;b&gt;\" data-onclick=\"alert(1)\">x</span>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn span_ids_never_take_the_themes_or_each_others() {
        let out = render("[a]{#main} [b]{#x} [c]{#x}\n\n## X\n");
        assert_eq!(out.anchors, ["main-1", "x", "x-1"]);
        assert_eq!(out.headings[0].id, "x-2");
    }

    #[test]
    fn links_keep_their_attributes() {
        let out = render("[site](https://example.com \"Home\"){.ext target=_blank #home} after\n");
        assert_eq!(
            out.html,
            "<p><a href=\"https://example.com\" title=\"Home\" id=\"home\" class=\"ext\" target=\"_blank\">site</a> after</p>\n"
        );
        assert_eq!(out.anchors, ["home"]);
    }

    #[test]
    fn raw_html_ids_are_anchors_and_prefixed_in_print() {
        let markdown =
            "<div id=\"setup\">\n\nText <span id='for-loop'>here</span>.\n\n</div>\n\n## Setup\n";
        let web = render(markdown);
        assert_eq!(web.anchors, ["setup", "for-loop"]);
        assert_eq!(web.headings[0].id, "setup-1");
        let print = render_for(markdown, Target::Print);
        assert!(
            print.html.contains("<div id=\"a-setup\">"),
            "{}",
            print.html
        );
        assert!(
            print.html.contains("<span id='a-for-loop'>"),
            "{}",
            print.html
        );
    }
}
