//! What the pages around a body show of its blocks. As in the Workbench, a lesson's
//! `questions` and `objectives` blocks are moved out of the body into its overview, which the
//! theme shows at the top of the lesson with its time; every `keypoints` block stays where it is
//! written and is also copied for the guide's key points page.
//!
//! [`super::divs`] marks the content of those blocks with [`mark`] events; once every pass has
//! run, [`take_marked`] renders the marked events to HTML and removes the marks (and the moved
//! content) from the body.

use pulldown_cmark::{CowStr, Event};

use super::{Found, Spanned};

/// What a body's overview shows: the HTML of its questions and objectives (empty when it has
/// none).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Overview {
    pub questions: String,
    pub objectives: String,
}

impl Overview {
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty() && self.objectives.is_empty()
    }
}

/// Where marked content goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marked {
    /// Moved into the overview's questions.
    Questions,
    /// Moved into the overview's objectives.
    Objectives,
    /// Kept, and copied for the key points page.
    KeyPoints,
}

/// Starts every mark; a NUL never reaches a page from the Markdown (pulldown-cmark replaces it).
const MARK: &str = "\u{0}guidebook-mark:";

impl Marked {
    fn name(self) -> &'static str {
        match self {
            Marked::Questions => "questions",
            Marked::Objectives => "objectives",
            Marked::KeyPoints => "keypoints",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [Marked::Questions, Marked::Objectives, Marked::KeyPoints]
            .into_iter()
            .find(|marked| marked.name() == name)
    }
}

/// The event that starts (`Some`) or ends (`None`) marked content.
pub fn mark<'a>(marked: Option<Marked>) -> Event<'a> {
    let name = marked.map_or("end", Marked::name);
    Event::Html(CowStr::from(format!("{MARK}{name}")))
}

/// What a mark event stands for: `Some(Some(kind))` a start, `Some(None)` an end.
fn read_mark(event: &Event<'_>) -> Option<Option<Marked>> {
    let Event::Html(html) = event else {
        return None;
    };
    let name = html.strip_prefix(MARK)?;
    Some(Marked::from_name(name))
}

/// Renders the marked content into `found` (overview and key points) and gives the body's
/// events without the marks and without the moved content.
pub fn take_marked<'a>(events: Vec<Spanned<'a>>, found: &mut Found) -> Vec<Spanned<'a>> {
    if !events.iter().any(|(event, _)| read_mark(event).is_some()) {
        return events;
    }
    let mut body = Vec::with_capacity(events.len());
    // The content being read (its kind and events) and how many marks are open inside it.
    let mut reading: Option<(Marked, Vec<Spanned<'a>>, usize)> = None;
    for (event, range) in events {
        let mark = read_mark(&event);
        match (&mut reading, mark) {
            (None, Some(Some(kind))) => reading = Some((kind, Vec::new(), 0)),
            (None, Some(None)) => {}
            (Some((_, _, depth)), Some(Some(_))) => *depth += 1,
            (Some((_, _, depth)), Some(None)) if *depth > 0 => *depth -= 1,
            (Some(_), Some(None)) => {
                if let Some((kind, content, _)) = reading.take() {
                    body.extend(finish(kind, content, found));
                }
            }
            (Some((kind, content, _)), None) => {
                if *kind == Marked::KeyPoints {
                    body.push((event.clone(), range.clone()));
                }
                content.push((event, range));
            }
            (None, None) => body.push((event, range)),
        }
    }
    if let Some((kind, content, _)) = reading {
        body.extend(finish(kind, content, found));
    }
    body
}

/// Keeps the HTML of `content`; gives back what stays in the body (nothing: key points are
/// already there).
fn finish<'a>(kind: Marked, content: Vec<Spanned<'a>>, found: &mut Found) -> Vec<Spanned<'a>> {
    let mut html = String::new();
    let events = content.into_iter().map(|(event, _)| event);
    pulldown_cmark::html::push_html(&mut html, events.filter(|e| read_mark(e).is_none()));
    match kind {
        Marked::Questions => found.overview.questions.push_str(&html),
        Marked::Objectives => found.overview.objectives.push_str(&html),
        Marked::KeyPoints => found.keypoints.push(html),
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use crate::markdown::{
        Edition, HighlightCache, PageMap, RenderedMarkdown, Target, render_test_lesson,
    };

    fn render(markdown: &str, edition: Edition) -> RenderedMarkdown {
        let (pages, highlights) = (PageMap::default(), HighlightCache::for_one_build());
        render_test_lesson(markdown, 0, Target::Web, edition, &pages, &highlights)
    }

    #[test]
    fn questions_and_objectives_move_to_the_overview() {
        let text = "::: objectives\n- Count [lines](https://example.com).\n:::\n\n::: questions\n## Questions\n- How many?\n:::\n\nBody.\n";
        let out = render(text, Edition::Learner);
        assert_eq!(out.html, "<p>Body.</p>\n");
        assert_eq!(
            out.overview.objectives,
            "<ul>\n<li>Count <a href=\"https://example.com\">lines</a>.</li>\n</ul>\n"
        );
        assert_eq!(out.overview.questions, "<ul>\n<li>How many?</li>\n</ul>\n");
        assert!(out.text.contains("How many?"), "still found by search");
    }

    #[test]
    fn key_points_stay_and_are_copied() {
        let text = "Body.\n\n::: keypoints\n- One *thing*.\n:::\n\n::: note\n:::: keypoints\n- Nested.\n::::\n:::\n";
        let out = render(text, Edition::Learner);
        assert_eq!(
            out.keypoints,
            [
                "<ul>\n<li>One <em>thing</em>.</li>\n</ul>\n",
                "<ul>\n<li>Nested.</li>\n</ul>\n"
            ]
        );
        assert!(out.html.contains("<div class=\"block block-keypoints\"><p class=\"block-title\">Key points</p>\n<ul>\n<li>One <em>thing</em>.</li>"), "{}", out.html);
        assert!(!out.html.contains('\0'), "{}", out.html);
    }

    #[test]
    fn blocks_inside_others_or_quotes_stay_where_they_are() {
        let text = "::: instructor\n::: questions\n- Secret?\n:::\n:::\n\n> ::: objectives\n> - Quoted.\n> :::\n";
        let learners = render(text, Edition::Learner);
        assert!(learners.overview.is_empty());
        assert!(
            learners
                .html
                .contains("<blockquote>\n<div class=\"block block-objectives\">"),
            "{}",
            learners.html
        );
        let instructors = render(text, Edition::Instructor);
        assert!(instructors.overview.is_empty());
        assert!(instructors.html.contains("Secret?"));
    }
}
