//! Markdown -> HTML with pulldown-cmark, plus guidebook's extensions as passes over the event
//! list ([`PASSES`]): footnote labels, heading anchors, links between lessons, compare tables,
//! outlines of lessons, highlighted code, checklists, callouts and the print edition's opened `<details>`. Each pass is a file with
//! one function of the [`Pass`] signature.
//!
//! This module knows nothing of Tera or of the page layout: it returns the body HTML and what
//! the pages around it need (headings, checklist items, alerts for the handout, plain text for
//! search).
//! The same Markdown renders for a page of its own ([`Target::Web`]) or for the one-document
//! print edition ([`Target::Print`]), where every id is prefixed with the page's key and links
//! between lessons stay inside the document.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::load::Asset;
use crate::model::gear::GearCatalog;

pub mod attributes;
pub mod callouts;
pub mod checklist;
pub mod code;
pub mod compare;
pub mod divs;
pub mod fences;
pub mod files;
pub mod footnotes;
pub mod headings;
pub mod highlight;
pub mod links;
pub mod math;
pub mod outline;
pub mod paper;
pub mod yaml_blocks;

pub use highlight::HighlightCache;
pub use links::PageMap;
pub use outline::{Outline, OutlineLesson};

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

/// Where the rendered HTML goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Target {
    /// A page of its own (`fit.html`).
    #[default]
    Web,
    /// A section of the one-document print edition: ids are prefixed with the page's key
    /// (`#why` in lesson `fit` becomes `#fit-why`), links to other lessons point inside the
    /// document (`scent.md` becomes `#lesson-scent`, `pages/glossary.md` `#page-glossary`) and
    /// `<details>` are printed open.
    Print,
}

/// Who the site is for: instructor notes (`::: instructor`) are shown only to instructors.
pub use crate::model::edition::Edition;

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
    /// The lessons outline blocks may list.
    pub outline: &'a Outline,
    /// The files beside the lessons, by path relative to `content/`.
    pub assets: &'a BTreeMap<String, Asset>,
    pub target: Target,
    pub edition: Edition,
    /// Highlighted code blocks of this build, so that the print edition reuses the web pages'.
    pub highlights: &'a HighlightCache,
    /// The words of the guide's language (block labels, table headers).
    pub strings: &'a Strings,
    /// How the page reaches the site's root (`""`, or `../` for a page in a language folder),
    /// for links to the files beside the lessons.
    pub root: &'a str,
}

impl MarkdownInput<'_> {
    /// The id an element of this page gets in the output: `id` itself on the web, prefixed with
    /// the page's key in print, where every lesson shares one document.
    pub fn id<'i>(&self, id: &'i str) -> Cow<'i, str> {
        match self.target {
            Target::Web => Cow::Borrowed(id),
            Target::Print => Cow::Owned(format!("{}-{id}", self.page)),
        }
    }

    /// The span in the file of a range in `markdown`.
    pub fn span(&self, range: &Range<usize>) -> Range<usize> {
        self.offset + range.start..self.offset + range.end
    }
}

/// The rendered body and what was found in it.
#[derive(Debug, Clone, Default)]
pub struct RenderedMarkdown {
    pub html: String,
    /// A fingerprint of `html`, so that what shows a body can tell it changed without reading it.
    pub digest: u64,
    /// A fingerprint of the anchors links may point to (heading and checklist ids).
    pub anchors_digest: u64,
    pub headings: Vec<Heading>,
    pub tasks: Vec<Task>,
    /// Every GitHub alert (`> [!WARNING]` ...) with its kind and HTML, for the handout.
    pub notes: Vec<callouts::Note>,
    /// The text a reader sees, for search.
    pub text: String,
    pub link_checks: Vec<LinkCheck>,
    pub problems: Vec<Diagnostic>,
}

/// The Markdown dialect of lessons: CommonMark with GFM tables, task lists, alerts and
/// footnotes, strikethrough, smart punctuation, heading attributes, definition lists and math.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_MATH
}

/// One step of rendering: takes the document's events and gives them back changed, recording
/// what it found (headings, tasks, problems ...) in `found`.
pub type Pass = for<'a> fn(Vec<Spanned<'a>>, &MarkdownInput<'_>, &mut Found) -> Vec<Spanned<'a>>;

/// What the passes find in a document, besides its HTML.
pub type Found = RenderedMarkdown;

/// The passes, in the order they run: fenced blocks first (what an edition leaves out is then
/// never seen by the others, and answers moved in print get their ids in their new place),
/// footnote labels before heading ids (so a footnote never
/// takes a heading's id), ids before the links that are checked against them, code after the
/// compare and outline blocks (which are fenced code too), checklists before callouts (a note may hold a
/// checklist), math after every pass that reads a formula as plain text (heading ids,
/// checklist labels, image alt text keep its LaTeX) and before callouts (a note is kept as
/// HTML).
pub const PASSES: &[Pass] = &[
    divs::run,
    footnotes::run,
    headings::run,
    files::run,
    links::run,
    compare::run,
    outline::run,
    code::run,
    checklist::run,
    math::run,
    callouts::run,
    paper::run,
];

/// Renders one Markdown document with every extension.
pub fn render_markdown(input: &MarkdownInput<'_>) -> RenderedMarkdown {
    let marked = fences::mark_fences(input.markdown);
    let mut events: Vec<Spanned<'_>> = Parser::new_ext(&marked, parser_options())
        .into_offset_iter()
        .collect();
    let mut found = RenderedMarkdown::default();
    if let Some(at) = input.markdown.find('\0') {
        found.problems.push(
            Diagnostic::error(input.file, input.offset + at..input.offset + at + 1, "this file holds a NUL byte")
                .with_label("not text")
                .with_help("remove it (a file copied from a binary or a broken export can hold one); it would show as \u{fffd} on the page"),
        );
    }
    for pass in PASSES {
        events = pass(events, input, &mut found);
    }
    found.text = searchable_text(&events);
    let mut html = String::with_capacity(input.markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    found.digest = crate::fingerprint::Fingerprint::default()
        .add(&html)
        .finish();
    found.html = html;
    let mut anchors = crate::fingerprint::Fingerprint::default();
    for id in (found.headings.iter().map(|h| &h.id)).chain(found.tasks.iter().map(|t| &t.id)) {
        anchors.add(id);
    }
    found.anchors_digest = anchors.finish();
    found
}

/// The visible text of the page, for the search index (code blocks, raw HTML and formulas, by
/// then MathML, left out).
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
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
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

/// Renders `markdown` as the body of a lesson `a` (file `content/01-a.md`) that links to no
/// other page: the input the passes' unit tests share.
#[cfg(test)]
pub(crate) fn render_test_lesson(
    markdown: &str,
    offset: usize,
    target: Target,
    edition: Edition,
    pages: &PageMap,
    highlights: &HighlightCache,
) -> RenderedMarkdown {
    render_markdown(&MarkdownInput {
        file: "content/01-a.md",
        content_path: "01-a.md",
        page: "a",
        markdown,
        offset,
        pages,
        gear: &GearCatalog::default(),
        outline: &Outline::default(),
        assets: &BTreeMap::new(),
        target,
        edition,
        highlights,
        strings: &Strings::default(),
        root: "",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(markdown: &str) -> RenderedMarkdown {
        let mut pages = PageMap::default();
        let fit = links::PageTarget {
            href: "fit.html".into(),
            page: "fit".into(),
            print_id: Some("lesson-fit".into()),
        };
        pages.insert("02-fit.md", fit);
        let highlights = HighlightCache::for_one_build();
        render_test_lesson(
            markdown,
            0,
            Target::Web,
            Edition::Learner,
            &pages,
            &highlights,
        )
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
    fn alerts_keep_their_labels_and_are_noted_with_their_kind() {
        let out = render(
            "> [!WARNING]\n> Never tie the leash to furniture.\n\n> [!TIP]\n> Treats help.\n",
        );
        let notes: Vec<(&str, &str)> = (out.notes.iter())
            .map(|n| (n.kind.name(), n.html.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                ("warning", "<p>Never tie the leash to furniture.</p>"),
                ("tip", "<p>Treats help.</p>")
            ]
        );
        assert!(out.html.contains("callout-tip"));
        assert!(
            out.html.contains("<p class=\"callout-title\">Warning</p>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn definition_lists_keep_headings_and_checklists_apart() {
        let out = render(
            "## Terms\n\nHarness\n: A vest or H-shape.\n: Worn snug.\n\nLead\n: - [ ] Clip it on\n\n- [ ] Check the fit\n",
        );
        let fragment = scraper::Html::parse_fragment(&out.html);
        let texts = |css: &str| -> Vec<String> {
            let selector = scraper::Selector::parse(css).expect("a valid selector");
            fragment
                .select(&selector)
                .map(|e| e.text().collect::<String>().trim().to_string())
                .collect()
        };
        assert_eq!(texts("dl > dt"), ["Harness", "Lead"]);
        assert_eq!(
            texts("dl > dd"),
            ["A vest or H-shape.", "Worn snug.", "Clip it on"]
        );
        assert_eq!(texts("dd li.task label"), ["Clip it on"]);
        assert_eq!(texts("dl ~ ul > li.task label"), ["Check the fit"]);
        assert_eq!(out.headings.len(), 1);
        assert_eq!(out.tasks.len(), 2);
        assert_eq!(
            out.text,
            "Terms Harness A vest or H-shape. Worn snug. Lead Clip it on Check the fit"
        );
    }
}
