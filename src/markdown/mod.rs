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
use crate::load::{Asset, Includes};
use crate::model::gear::GearCatalog;

pub mod attributes;
pub mod blocks;
pub mod callouts;
pub mod checklist;
pub mod code;
pub mod compare;
pub mod divs;
pub mod fences;
pub mod files;
pub mod footnotes;
pub mod headings;
pub mod hidden_lines;
pub mod highlight;
pub mod html_ids;
pub mod ids;
pub mod includes;
pub mod links;
pub mod math;
pub mod outline;
pub mod overview;
pub mod paper;
pub mod selection;
pub mod spans;
pub mod suggested_path;
pub mod unmatched;
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
    /// Inside a fenced block (an exercise's title, a tab's): not an entry of "On this page".
    pub in_block: bool,
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
    /// The files the guide's Markdown includes, by path relative to the guide folder.
    pub includes: &'a Includes,
    /// Once the body's directives are expanded (`markdown` is then the expanded text): where
    /// each part of it came from, for diagnostics.
    pub expansion: Option<&'a includes::Expanded>,
    pub target: Target,
    pub edition: Edition,
    /// Highlighted code blocks of this build, so that the print edition reuses the web pages'.
    pub highlights: &'a HighlightCache,
    /// The words of the guide's language (block labels, table headers).
    pub strings: &'a Strings,
    /// `[code.hidelines]`: per language, the prefix of its hidden lines.
    pub hidelines: &'a BTreeMap<String, String>,
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

    /// The span in the file of a range in `markdown` (for text an included file brought, the
    /// span of the directive that included it).
    pub fn span(&self, range: &Range<usize>) -> Range<usize> {
        let range = match self.expansion {
            Some(expanded) => expanded.body_range(range),
            None => range.clone(),
        };
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
    /// The other ids links may point to: fenced blocks', spans', links' and those written in
    /// raw HTML.
    pub anchors: Vec<String>,
    /// Every GitHub alert (`> [!WARNING]` ...) with its kind and HTML, for the handout.
    pub notes: Vec<callouts::Note>,
    /// The questions and objectives moved out of the body, for the overview at its top.
    pub overview: overview::Overview,
    /// The HTML of each `keypoints` block, for the key points page.
    pub keypoints: Vec<String>,
    /// The text a reader sees, for search.
    pub text: String,
    pub link_checks: Vec<LinkCheck>,
    pub problems: Vec<Diagnostic>,
    /// Names of pages and files that are not there, for a "did you mean" once every body is
    /// rendered ([`unmatched`]).
    pub unmatched: Vec<unmatched::Unmatched>,
    /// What the passes hand on to each other while the document renders (empty once it is).
    pub working: Working,
}

/// What one pass leaves for a later one while a document renders.
#[derive(Debug, Clone, Default)]
pub struct Working {
    /// The ids given out so far on the page.
    pub ids: ids::PageIds,
    /// The attribute lists of links (by where each link starts), for [`spans::link_attributes`].
    pub link_attributes: fnv::FnvHashMap<usize, attributes::Attributes>,
    /// Where the headings inside fenced blocks start, which "On this page" leaves out.
    pub block_headings: fnv::FnvHashSet<usize>,
    /// The footnotes' references and definitions an edition left out with their block.
    pub hidden_footnotes: HiddenFootnotes,
}

/// The labels of footnote references and definitions left out of an edition (in an instructor
/// note the learners do not see).
#[derive(Debug, Clone, Default)]
pub struct HiddenFootnotes {
    pub references: std::collections::HashSet<String>,
    pub definitions: std::collections::HashSet<String>,
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
/// bracketed spans before anything reads a link or a heading's text, footnote labels before
/// heading ids (so a footnote never
/// takes a heading's id), ids before the links that are checked against them, code after the
/// compare and outline blocks (which are fenced code too), checklists before callouts (a note may hold a
/// checklist), math after every pass that reads a formula as plain text (heading ids,
/// checklist labels, image alt text keep its LaTeX), links with attribute lists written as HTML
/// once their addresses are rewritten and before callouts (a note is kept as
/// HTML).
pub const PASSES: &[Pass] = &[
    divs::run,
    spans::run,
    footnotes::run,
    headings::run,
    files::run,
    links::run,
    spans::link_attributes,
    compare::run,
    outline::run,
    code::run,
    checklist::run,
    math::run,
    callouts::run,
    paper::run,
];

/// Renders one Markdown document with every extension, its directives (`{{#include ...}}`)
/// expanded first.
pub fn render_markdown(input: &MarkdownInput<'_>) -> RenderedMarkdown {
    let mut problems = Vec::new();
    let expanded = includes::expand(input, &mut problems);
    let mut found = match &expanded {
        Some(expanded) => render_expanded(&MarkdownInput {
            markdown: &expanded.text,
            expansion: Some(expanded),
            ..*input
        }),
        None => render_expanded(input),
    };
    problems.append(&mut found.problems);
    found.problems = problems;
    found
}

/// Renders a document whose directives are expanded.
fn render_expanded(input: &MarkdownInput<'_>) -> RenderedMarkdown {
    let marked = fences::mark_fences(input.markdown);
    let mut events: Vec<Spanned<'_>> = Parser::new_with_broken_link_callback(
        &marked,
        parser_options(),
        Some(|link: pulldown_cmark::BrokenLink<'_>| spans::span_reference(&marked, &link)),
    )
    .into_offset_iter()
    .collect();
    let mut found = RenderedMarkdown::default();
    found.working.ids = ids::PageIds::new(events.iter().filter_map(|(event, _)| match event {
        Event::Start(Tag::FootnoteDefinition(label)) => Some(&**label),
        _ => None,
    }));
    if let Some(at) = input.markdown.find('\0') {
        found.problems.push(
            Diagnostic::error(input.file, input.span(&(at..at + 1)), "this file holds a NUL byte")
                .with_label("not text")
                .with_help("remove it (a file copied from a binary or a broken export can hold one); it would show as \u{fffd} on the page"),
        );
    }
    for pass in PASSES {
        events = pass(events, input, &mut found);
    }
    found.text = searchable_text(&events);
    let events = overview::take_marked(events, &mut found);
    let mut html = String::with_capacity(input.markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    let mut digest = crate::fingerprint::Fingerprint::default();
    digest
        .add(&html)
        .add(&found.overview.questions)
        .add(&found.overview.objectives);
    for keypoints in &found.keypoints {
        digest.add(keypoints);
    }
    found.digest = digest.finish();
    found.html = html;
    found.working = Working::default();
    let mut anchors = crate::fingerprint::Fingerprint::default();
    let ids = (found.headings.iter().map(|h| &h.id)).chain(found.tasks.iter().map(|t| &t.id));
    for id in ids.chain(&found.anchors) {
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
        includes: &Includes::default(),
        expansion: None,
        target,
        edition,
        highlights,
        strings: &Strings::default(),
        hidelines: &BTreeMap::new(),
        root: "",
    })
}

#[cfg(test)]
mod tests;
