//! Heading anchors: every heading gets an `id` (GitHub's rule: lowercase, spaces to `-`,
//! punctuation dropped), unique within the page, so `lesson.md#part` links can be checked; on the
//! web each heading also gets a link to itself, shown on hover and keyboard focus.
//!
//! The page's title is its only `h1`: when a body uses `#` headings, every heading of that body
//! moves down one level (`#` becomes `h2`, `##` becomes `h3` ...), so its outline is kept.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::attributes::{TEXT_KEEPS, attribute_name};
use super::{Found, Heading, MarkdownInput, Spanned, Target, Working};

/// The anchor GitHub would give a heading with this text.
pub fn anchor_for(text: &str) -> String {
    let mut anchor = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            anchor.extend(c.to_lowercase());
        } else if c == ' ' {
            anchor.push('-');
        }
    }
    anchor
}

/// Gives every heading an id (keeping explicit `{#id}` ones) and lists the headings.
pub fn run<'a>(
    mut events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    demote_when_body_has_h1(&mut events);
    found.headings = assign_heading_ids(&mut events, input, &mut found.working);
    if input.target == Target::Web {
        add_self_links(&mut events, &found.headings);
    }
    events
}

/// Moves every heading down one level when the body has an `h1`, which would stand beside the
/// page's title.
fn demote_when_body_has_h1(events: &mut [Spanned<'_>]) {
    let has_h1 = events.iter().any(|(event, _)| {
        matches!(
            event,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });
    if !has_h1 {
        return;
    }
    let lower = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    };
    for (event, _) in events.iter_mut() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => *level = lower(*level),
            Event::End(TagEnd::Heading(level)) => *level = lower(*level),
            _ => {}
        }
    }
}

/// Ends each heading with a link to itself (`#`), for copying a link to a section.
fn add_self_links<'a>(events: &mut Vec<Spanned<'a>>, headings: &[Heading]) {
    let mut headings = headings.iter();
    let mut with_links = Vec::with_capacity(events.len() + headings.len());
    for (event, span) in events.drain(..) {
        let ends_heading = matches!(event, Event::End(TagEnd::Heading(_)));
        if ends_heading && let Some(heading) = headings.next() {
            let mut link = String::from(" <a class=\"heading-anchor\" href=\"#");
            let _ = pulldown_cmark_escape::escape_href(&mut link, &heading.id);
            link.push_str(
                "\"><span class=\"visually-hidden\">Link to this section</span><span aria-hidden=\"true\">#</span></a>",
            );
            with_links.push((Event::InlineHtml(CowStr::from(link)), span.clone()));
        }
        with_links.push((event, span));
    }
    *events = with_links;
}

fn assign_heading_ids(
    events: &mut [Spanned<'_>],
    input: &MarkdownInput<'_>,
    working: &mut Working,
) -> Vec<Heading> {
    let Working {
        ids,
        block_headings,
        ..
    } = working;
    let mut headings = Vec::new();
    let mut index = 0;
    while index < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[index].0 {
            let level = *level as u8;
            let explicit = id.as_ref().map(|id| id.to_string());
            let end = events[index..]
                .iter()
                .position(|(event, _)| matches!(event, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |offset| index + offset);
            let text = plain_text(&events[index + 1..end]);
            let base = explicit.unwrap_or_else(|| {
                let anchor = anchor_for(&text);
                if anchor.is_empty() {
                    "section".to_string()
                } else {
                    anchor
                }
            });
            let unique = ids.claim(&base);
            let unique = input.id(&unique).into_owned();
            if let Event::Start(Tag::Heading { id, attrs, .. }) = &mut events[index].0 {
                *id = Some(CowStr::from(unique.clone()));
                // `{key=value}` as for a span: `data-key` unless it is a plain attribute.
                for (key, _) in attrs.iter_mut() {
                    *key = CowStr::from(attribute_name(key, TEXT_KEEPS));
                }
            }
            headings.push(Heading {
                level,
                id: unique,
                text,
                in_block: block_headings.contains(&events[index].1.start),
            });
            index = end;
        }
        index += 1;
    }
    headings
}

/// The text a reader sees in a run of inline events (a formula as its LaTeX source).
pub fn plain_text(events: &[Spanned<'_>]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                text.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github() {
        assert_eq!(
            anchor_for("Why a snug fit matters"),
            "why-a-snug-fit-matters"
        );
        assert_eq!(anchor_for("What's next? (Part 2)"), "whats-next-part-2");
        assert_eq!(anchor_for("Über – Katzen"), "über--katzen");
        assert_eq!(anchor_for("snake_case and-dash"), "snake_case-and-dash");
    }

    fn ids_of(markdown: &str) -> Vec<String> {
        use crate::markdown::{Edition, HighlightCache, PageMap, Target, render_test_lesson};
        let (pages, highlights) = (PageMap::default(), HighlightCache::for_one_build());
        let out = render_test_lesson(
            markdown,
            0,
            Target::Web,
            Edition::Learner,
            &pages,
            &highlights,
        );
        out.headings.into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn headings_never_take_the_themes_or_the_footnotes_ids() {
        assert_eq!(
            ids_of(
                "## Main

## Search input

## Fn 1

Text.[^1]

[^1]: A note.
"
            ),
            ["main-1", "search-input-1", "fn-1-1"]
        );
    }

    #[test]
    fn heading_attributes_are_kept_as_for_a_span() {
        use crate::markdown::{Edition, HighlightCache, PageMap, Target, render_test_lesson};
        let (pages, highlights) = (PageMap::default(), HighlightCache::for_one_build());
        let out = render_test_lesson(
            "## Title {#own .wide lang=fr onclick=x}\n",
            0,
            Target::Web,
            Edition::Learner,
            &pages,
            &highlights,
        );
        assert!(
            out.html
                .starts_with("<h2 id=\"own\" class=\"wide\" lang=\"fr\" data-onclick=\"x\">"),
            "{}",
            out.html
        );
    }

    #[test]
    fn duplicate_headings_count_on_without_starting_over() {
        let markdown = "## Same

"
        .repeat(5)
            + "## Same 2
";
        assert_eq!(
            ids_of(&markdown),
            ["same", "same-1", "same-2", "same-3", "same-4", "same-2-1"]
        );
    }
}
