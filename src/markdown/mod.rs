//! Markdown -> HTML with pulldown-cmark, plus guidebook's extensions as passes over the event
//! list: heading anchors, links between lessons, checklists, compare tables and callouts.
//!
//! This module knows nothing of Tera or of the page layout: it returns the body HTML and what
//! the pages around it need (headings, checklist items, safety notes, plain text for search).

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::Diagnostic;
use crate::model::gear::GearCatalog;

pub mod checklist;
pub mod compare;
pub mod headings;
pub mod links;

pub use links::PageMap;

/// An event and its byte range in the Markdown text.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// A heading of a page, with its anchor.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A checklist item.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Task {
    pub id: String,
    pub text: String,
    /// Ticked in the source (`- [x]`): a default the reader may untick.
    pub checked: bool,
}

/// A link to an anchor, checked once every page's headings are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkCheck {
    /// The page whose anchors must contain `anchor` (a lesson slug, or `index`).
    pub page: String,
    pub anchor: String,
    /// Where the link is in the file.
    pub span: Range<usize>,
}

/// What to render and where it comes from.
pub struct MarkdownInput<'a> {
    /// Guide-relative file name, for diagnostics.
    pub file: &'a str,
    /// Path relative to `content/`, to resolve relative links.
    pub content_path: &'a str,
    /// The page's key for anchors and checklist ids (the lesson slug, or `index`).
    pub page: &'a str,
    pub markdown: &'a str,
    /// Byte offset of `markdown` in the file.
    pub offset: usize,
    pub pages: &'a PageMap,
    pub gear: &'a GearCatalog,
}

/// The rendered body and what was found in it.
#[derive(Debug, Clone, Default)]
pub struct RenderedMarkdown {
    pub html: String,
    pub headings: Vec<Heading>,
    pub tasks: Vec<Task>,
    /// The HTML of each `> [!WARNING]` / `> [!CAUTION]` callout, for the handout.
    pub safety_notes: Vec<String>,
    /// The text a reader sees, for search.
    pub text: String,
    pub link_checks: Vec<LinkCheck>,
    pub problems: Vec<Diagnostic>,
}

/// The Markdown dialect of lessons: CommonMark with GFM tables, task lists, alerts and
/// footnotes, strikethrough, smart punctuation and heading attributes.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders one Markdown document with every extension.
pub fn render_markdown(input: &MarkdownInput<'_>) -> RenderedMarkdown {
    let mut events: Vec<Spanned<'_>> = Parser::new_ext(input.markdown, parser_options())
        .into_offset_iter()
        .collect();
    prefix_footnote_labels(&mut events);
    let headings = headings::assign_heading_ids(&mut events);
    let (mut problems, link_checks) = links::rewrite_links(
        &mut events,
        input.content_path,
        input.page,
        input.pages,
        input.file,
        input.offset,
    );
    let events = replace_compare_blocks(events, input, &mut problems);
    let (events, tasks) = checklist::render_checkboxes(events, input.page);
    let (events, safety_notes) = render_callouts(events);
    let text = searchable_text(&events);
    let mut html = String::with_capacity(input.markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    RenderedMarkdown {
        html,
        headings,
        tasks,
        safety_notes,
        text,
        link_checks,
        problems,
    }
}

/// Footnotes become `#fn-<label>`, so a footnote never takes a heading's id.
fn prefix_footnote_labels(events: &mut [Spanned<'_>]) {
    for (event, _) in events.iter_mut() {
        match event {
            Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) => {
                *label = CowStr::from(format!("fn-{label}"));
            }
            _ => {}
        }
    }
}

/// Replaces each ```` ```compare ```` block with its table (or records why it cannot be drawn).
fn replace_compare_blocks<'a>(
    events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        let is_compare = matches!(&event, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.split_whitespace().next() == Some("compare"));
        if !is_compare {
            out.push((event, range));
            continue;
        }
        let mut yaml = String::new();
        let mut text_range: Option<Range<usize>> = None;
        for (inner, inner_range) in iter.by_ref() {
            match inner {
                Event::Text(text) => {
                    let range = text_range.get_or_insert(inner_range.clone());
                    range.end = inner_range.end;
                    yaml.push_str(&text);
                }
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        // Parse the block as written (with any `\r`), so positions match the file; fall back to
        // the parser's text when the block is indented (inside a list or quote).
        let yaml_start = text_range.as_ref().map(|r| r.start);
        if let Some(raw) = text_range.and_then(|r| input.markdown.get(r))
            && raw.replace('\r', "") == yaml
        {
            yaml = raw.to_string();
        }
        let fence_end = input.markdown[range.start..range.end]
            .find('\n')
            .map_or(range.end, |i| range.start + i);
        let block = compare::CompareBlock {
            file: input.file,
            yaml: &yaml,
            offset: input.offset + yaml_start.unwrap_or(range.start),
            fence: input.offset + range.start..input.offset + fence_end,
        };
        match compare::render_compare(&block, input.gear) {
            Ok(table) => out.push((Event::Html(CowStr::from(table)), range)),
            Err(errors) => problems.extend(errors),
        }
    }
    out
}

/// GFM alerts (`> [!TIP]`, `> [!WARNING]`, ...) become labelled asides; warnings and cautions
/// are also returned as safety notes.
fn render_callouts(events: Vec<Spanned<'_>>) -> (Vec<Spanned<'_>>, Vec<String>) {
    let mut out = Vec::with_capacity(events.len());
    let mut notes = Vec::new();
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
                        notes.push(note.trim().to_string());
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
    (out, notes)
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

/// The visible text of the page, for the search index (code blocks and raw HTML left out).
fn searchable_text(events: &[Spanned<'_>]) -> String {
    let mut text = String::new();
    let mut in_code = false;
    for (event, _) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) if !in_code => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => text.push(' '),
            _ => {}
        }
    }
    // Runs of spaces and line breaks become one space. ASCII whitespace only: it is what
    // Markdown text holds between words, and splitting on it is several times faster.
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split_ascii_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(markdown: &str) -> RenderedMarkdown {
        let mut pages = PageMap::default();
        pages.insert("02-fit.md", "fit.html".into(), "fit".into());
        render_markdown(&MarkdownInput {
            file: "content/01-a.md",
            content_path: "01-a.md",
            page: "a",
            markdown,
            offset: 0,
            pages: &pages,
            gear: &GearCatalog::default(),
        })
    }

    #[test]
    fn search_text_is_the_visible_words_with_single_spaces() {
        let out = render(
            "# Title\n\nSome  *words*\nacross\tlines.\n\n```\ncode here\n```\n\n- item one\n- item   two\n",
        );
        assert_eq!(out.text, "Title Some words across lines. item one item two");
    }

    #[test]
    fn headings_get_ids_and_links_are_rewritten() {
        let out =
            render("## Why it matters\n\nSee [fit](02-fit.md#snug) and [here](#why-it-matters).\n");
        assert!(
            out.html.contains("<h2 id=\"why-it-matters\">"),
            "{}",
            out.html
        );
        assert!(out.html.contains("href=\"fit.html#snug\""), "{}", out.html);
        assert_eq!(out.link_checks.len(), 2);
        assert_eq!(out.link_checks[0].page, "fit");
        assert!(out.problems.is_empty());
    }

    #[test]
    fn a_link_to_a_missing_lesson_is_an_error_at_its_position() {
        let text = "Intro\n\nSee [fit](02-fitt.md).\n";
        let out = render(text);
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].span.start, text.find("[fit]").unwrap());
        assert_eq!(
            out.problems[0].help.as_deref(),
            Some("did you mean `02-fit.md`?")
        );
    }

    #[test]
    fn task_items_become_labelled_checkboxes() {
        let out = render("- [ ] Leave it out\n- [x] Praise *warmly*\n  - nested\n");
        assert_eq!(out.tasks.len(), 2);
        assert!(out.tasks[1].checked);
        assert_eq!(out.tasks[1].text, "Praise warmly");
        let id = &out.tasks[1].id;
        assert!(out.html.contains(&format!("id=\"{id}\" data-task=\"{id}\" checked><label for=\"{id}\">Praise <em>warmly</em></label>")), "{}", out.html);
    }

    #[test]
    fn warnings_become_safety_notes() {
        let out = render(
            "> [!WARNING]\n> Never tie the leash to furniture.\n\n> [!TIP]\n> Treats help.\n",
        );
        assert_eq!(
            out.safety_notes,
            ["<p>Never tie the leash to furniture.</p>"]
        );
        assert!(out.html.contains("callout-tip"));
    }
}
