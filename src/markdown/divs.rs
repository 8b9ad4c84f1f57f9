//! Fenced blocks, as Pandoc and the Carpentries write them: `::: name` (three or more colons,
//! optionally `{.class #id title="..."}`) opens a block, a fence line with no name closes the
//! innermost open one, so blocks nest. `::: challenge`, `::: solution`, `::: instructor` and the
//! other [`KINDS`](super::blocks::KINDS) become styled blocks ([`super::blocks`]); solutions,
//! hints, details and spoilers fold away on the web, and in print solutions and hints are listed
//! after the lesson under "Answers", named after their challenge. Instructor notes appear only in
//! the instructor edition.
//!
//! As in the Workbench, a block's first heading is its title: a folding block shows it as its
//! summary, another block keeps it under its label, and a heading that only repeats the label
//! (`## Solution` in a solution) is not shown twice. A tab block (`tab`, `group-tab`) is made of
//! panels, one per heading of the level of its first (`### Windows`, `### macOS`), each a
//! `<section class="tab-panel">` that the theme's script turns into tabs. Headings inside blocks
//! are noted, so that "On this page" leaves them out.
//!
//! pulldown-cmark has no fenced divs, so [`super::fences::mark_fences`] first turns every fence
//! line (outside code blocks) into a thematic break of the same length: the document's byte
//! offsets stay as they are, a break interrupts a paragraph as a fence line does, and [`run`]
//! recognises the breaks that stand where a fence was by the original text at their range.

use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::attributes::Attributes;
use super::blocks::{
    ANSWERS, TAB_PANEL_END, answer_html, append_answers, check_name, end_tag, is_collapsible,
    is_tabs, label, start_tag, tab_panel_start, title_html, unclosed, unreadable_attributes,
};
use super::fences::{Fence, fence_line, parse_fence};
use super::headings::plain_text;
use super::overview::{Marked, mark};
use super::{Edition, Found, HiddenFootnotes, MarkdownInput, Spanned, Target};
use crate::diagnostics::Diagnostic;

/// An open block while the events are walked.
struct OpenBlock {
    name: String,
    /// Where its fence is, for the error when it is never closed.
    span: Range<usize>,
    /// What happens to the events inside it.
    mode: Mode,
    /// Where they go, given its mode and the blocks around it: the first of the innermost
    /// hidden or answer block (kept here so an event finds its place without a walk up the
    /// blocks, which deep nesting made quadratic).
    destination: Mode,
    /// Whether it, or a block around it, is an answer.
    in_answer: bool,
    /// Its title (a `title` attribute, or its first heading), which names its answers.
    title: Option<String>,
    /// For a tab block, its panels so far.
    tabs: Option<Panels>,
    /// How many block quotes it stands in: it must close in the innermost.
    quotes: usize,
    /// Whether its content goes to the overview or the key points page too.
    marked: Option<Marked>,
}

/// The panels of a tab block while it is read.
#[derive(Default)]
struct Panels {
    /// The level of the headings that start panels (that of the block's first heading).
    level: Option<HeadingLevel>,
    open: bool,
    /// How deep in the block's own elements the walk is (a heading starts a panel only at 0).
    depth: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Written where they stand, between the block's opening and closing HTML.
    Shown,
    /// Left out (an instructor note in the learners' edition).
    Hidden,
    /// Moved to the lesson's answers (print), as answer number `n`.
    Answer(usize),
}

type Events<'a> = Peekable<std::vec::IntoIter<Spanned<'a>>>;

/// The walk through one document's events.
struct Walk<'a, 'i, 'm> {
    input: &'i MarkdownInput<'m>,
    out: Vec<Spanned<'a>>,
    answers: Vec<Vec<Spanned<'a>>>,
    open: Vec<OpenBlock>,
    /// How many block quotes the walk is in.
    quotes: usize,
    hidden_footnotes: HiddenFootnotes,
}

/// Turns the marked fences into blocks, and reports unknown names and unclosed fences.
pub fn run<'a>(
    events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    if !input.markdown.contains(":::") {
        // No fence line, so no block.
        return events;
    }
    let mut walk = Walk {
        input,
        out: Vec::with_capacity(events.len()),
        answers: Vec::new(),
        open: Vec::new(),
        quotes: 0,
        hidden_footnotes: HiddenFootnotes::default(),
    };
    let mut events = events.into_iter().peekable();
    while let Some((event, range)) = events.next() {
        let fence = match &event {
            Event::Rule => {
                (input.markdown.get(range.clone())).and_then(|text| parse_fence(text.trim_end()))
            }
            _ => None,
        };
        match &event {
            Event::Start(Tag::BlockQuote(_)) => walk.quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => walk.end_quote(&range, found),
            _ => {}
        }
        match fence {
            None => walk.content((event, range), &mut events, found),
            Some(Fence::Open {
                name,
                attributes,
                unreadable,
            }) => {
                if let Some(at) = unreadable {
                    let line = fence_line(input.markdown, &range);
                    let span = input.span(&((line.start + at).min(line.end)..line.end));
                    found.problems.push(unreadable_attributes(input.file, span));
                }
                walk.open(name, &attributes, range, &mut events, found)
            }
            Some(Fence::Close) => walk.close(range, found),
        }
    }
    walk.finish(found)
}

impl<'a> Walk<'a, '_, '_> {
    /// Puts an event where the innermost open block sends it.
    fn emit(&mut self, event: Spanned<'a>) {
        match self
            .open
            .last()
            .map_or(Mode::Shown, |block| block.destination)
        {
            Mode::Hidden => match event.0 {
                // Footnotes half left out: the footnotes pass drops the other half.
                Event::FootnoteReference(label) => {
                    self.hidden_footnotes.references.insert(label.to_string());
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    self.hidden_footnotes.definitions.insert(label.to_string());
                }
                _ => {}
            },
            Mode::Answer(n) => {
                if let Some(answer) = self.answers.get_mut(n - 1) {
                    answer.push(event);
                }
            }
            Mode::Shown => self.out.push(event),
        }
    }

    fn emit_html(&mut self, html: String, range: &Range<usize>) {
        self.emit((Event::Html(CowStr::from(html)), range.clone()));
    }

    /// An event that is not a fence: a tab panel's title, or content of the innermost block.
    fn content(&mut self, (event, range): Spanned<'a>, events: &mut Events<'a>, found: &mut Found) {
        let panels = self.open.last_mut().and_then(|block| block.tabs.as_mut());
        if let Some(panels) = panels {
            match &event {
                Event::Start(Tag::Heading { level, .. })
                    if panels.depth == 0 && panels.level.is_none_or(|l| l == *level) =>
                {
                    panels.level = Some(*level);
                    let was_open = std::mem::replace(&mut panels.open, true);
                    let mut heading = take_heading((event, range.clone()), events);
                    let title = plain_text(&heading[1..heading.len() - 1]);
                    if was_open {
                        self.emit_html(TAB_PANEL_END.to_string(), &range);
                    }
                    self.emit_html(tab_panel_start(&title), &range);
                    if let Some((Event::Start(Tag::Heading { classes, .. }), _)) =
                        heading.first_mut()
                    {
                        classes.push(CowStr::from("tab-title"));
                    }
                    found.working.block_headings.insert(range.start);
                    heading.into_iter().for_each(|event| self.emit(event));
                    return;
                }
                Event::Start(_) => panels.depth += 1,
                Event::End(_) => panels.depth = panels.depth.saturating_sub(1),
                _ => {}
            }
        }
        if matches!(event, Event::Start(Tag::Heading { .. })) && !self.open.is_empty() {
            found.working.block_headings.insert(range.start);
        }
        self.emit((event, range));
    }

    /// A fence that opens block `name`.
    fn open(
        &mut self,
        name: String,
        attributes: &Attributes,
        range: Range<usize>,
        events: &mut Events<'a>,
        found: &mut Found,
    ) {
        let input = self.input;
        let span = input.span(&fence_line(input.markdown, &range));
        check_name(&name, input, &span, found);
        let mode = self.mode_of(&name);
        let destination = match self.open.last().map(|b| b.destination) {
            Some(outer @ (Mode::Hidden | Mode::Answer(_))) if mode != Mode::Hidden => outer,
            _ => mode,
        };
        // A block left out of this edition gives out no id.
        let id = (attributes.id.as_deref())
            .filter(|_| destination != Mode::Hidden)
            .map(|id| found.working.ids.claim(id));
        found.anchors.extend(id.clone());
        let label = label(&name, attributes, input.strings);
        // Its first heading, unless it only repeats the label.
        let heading = if is_tabs(&name) {
            None
        } else {
            (events.next_if(|(e, _)| matches!(e, Event::Start(Tag::Heading { .. }))))
                .map(|start| take_heading(start, events))
        };
        let heading_text = heading.as_ref().map(|h| plain_text(&h[1..h.len() - 1]));
        let repeats = |text: &str| {
            let text = text.trim();
            text.eq_ignore_ascii_case(&name)
                || label
                    .as_deref()
                    .is_some_and(|l| l.trim().to_lowercase() == text.to_lowercase())
        };
        let heading = heading.filter(|_| !heading_text.as_deref().is_some_and(repeats));
        let own_title = heading_text.filter(|text| !repeats(text));
        let block = OpenBlock {
            name,
            span,
            mode,
            destination,
            in_answer: matches!(mode, Mode::Answer(_))
                || self.open.last().is_some_and(|b| b.in_answer),
            title: (attributes.get("title").map(str::to_string)).or_else(|| own_title.clone()),
            tabs: None,
            quotes: self.quotes,
            marked: None,
        };
        let name = &block.name;
        if let Mode::Answer(n) = mode {
            let challenge = self.open.iter().rev().find_map(|b| b.title.clone());
            let label =
                (own_title.or(label)).unwrap_or_else(|| input.strings.get("answer").to_string());
            let start = start_tag(name, attributes, id.as_deref(), false, input);
            let html = answer_html(n, start, &label, challenge.as_deref(), input);
            self.emit_html(html.reference, &range);
            self.answers.push(Vec::new());
            self.open.push(block);
            self.emit_html(html.start, &range);
            return;
        }
        let marked = self.marked(name, destination);
        let start = start_tag(name, attributes, id.as_deref(), true, input);
        let collapsible = is_collapsible(name);
        let tabs = is_tabs(name);
        self.open.push(OpenBlock {
            tabs: tabs.then(Panels::default),
            marked,
            ..block
        });
        if matches!(marked, Some(Marked::Questions | Marked::Objectives)) {
            // Moved into the overview, without its label or heading.
            self.emit((mark(marked), range));
            return;
        }
        match (collapsible, heading) {
            (true, Some(heading)) => {
                self.emit_html(
                    format!("{start}<summary class=\"block-title own-title\">"),
                    &range,
                );
                let inner = heading.len().saturating_sub(1);
                heading
                    .into_iter()
                    .take(inner)
                    .skip(1)
                    .for_each(|event| self.emit(event));
                self.emit_html("</summary>\n".to_string(), &range);
            }
            (true, None) => {
                let summary = label
                    .as_deref()
                    .map_or_else(|| "\n".to_string(), |l| title_html("summary", l));
                self.emit_html(format!("{start}{summary}"), &range);
            }
            (false, heading) => {
                let title = label
                    .as_deref()
                    .map_or_else(|| "\n".to_string(), |l| title_html("p", l));
                self.emit_html(format!("{start}{title}"), &range);
                if let Some(heading) = heading {
                    if let Some((_, heading_range)) = heading.first() {
                        found.working.block_headings.insert(heading_range.start);
                    }
                    heading.into_iter().for_each(|event| self.emit(event));
                }
            }
        }
        if marked.is_some() {
            self.emit((mark(marked), range));
        }
    }

    /// Whether the content of a new block `name` is marked for the overview (the questions and
    /// objectives of the body itself, outside any other block or quote) or the key points page
    /// (key points anywhere outside a quote).
    fn marked(&self, name: &str, destination: Mode) -> Option<Marked> {
        let marked = match name {
            "questions" => Marked::Questions,
            "objectives" => Marked::Objectives,
            "keypoints" => Marked::KeyPoints,
            _ => return None,
        };
        let top = self.open.is_empty() || marked == Marked::KeyPoints;
        (top && self.quotes == 0 && destination == Mode::Shown).then_some(marked)
    }

    /// What happens to a new block's content.
    fn mode_of(&self, name: &str) -> Mode {
        let input = self.input;
        let inside_answer = self.open.last().is_some_and(|b| b.in_answer);
        if name == "instructor" && input.edition == Edition::Learner {
            Mode::Hidden
        } else if ANSWERS.contains(&name) && input.target == Target::Print && !inside_answer {
            Mode::Answer(self.answers.len() + 1)
        } else {
            Mode::Shown
        }
    }

    /// A fence that closes the innermost block.
    fn close(&mut self, range: Range<usize>, found: &mut Found) {
        if self.open.is_empty() {
            found.problems.push(
                Diagnostic::warning(
                    self.input.file,
                    self.input.span(&range),
                    "this `:::` closes no block",
                )
                .with_label("no block is open here")
                .with_help("remove the line, or open a block before it with `::: name`"),
            );
            return;
        }
        self.end_block(range);
    }

    /// Writes the end of the innermost block and closes it.
    fn end_block(&mut self, range: Range<usize>) {
        let Some(block) = self.open.last() else {
            return;
        };
        let marked = block.marked;
        if marked.is_some() {
            self.emit((mark(None), range.clone()));
        }
        if matches!(marked, Some(Marked::Questions | Marked::Objectives)) {
            self.open.pop();
            return;
        }
        let Some(block) = self.open.last() else {
            return;
        };
        let mut html = String::new();
        if block.tabs.as_ref().is_some_and(|panels| panels.open) {
            html.push_str(TAB_PANEL_END);
        }
        html.push_str(end_tag(&block.name, !matches!(block.mode, Mode::Answer(_))));
        self.emit_html(html, &range);
        self.open.pop();
    }

    /// The end of a block quote: the blocks opened inside it and left open are reported and
    /// closed there.
    fn end_quote(&mut self, range: &Range<usize>, found: &mut Found) {
        while let Some(block) = self.open.last().filter(|b| b.quotes >= self.quotes) {
            found.problems.push(unclosed(
                self.input.file,
                &block.name,
                &block.span,
                block.quotes,
            ));
            self.end_block(range.start..range.start);
        }
        self.quotes = self.quotes.saturating_sub(1);
    }

    /// Reports and closes the blocks left open, and adds the answers after the lesson.
    fn finish(mut self, found: &mut Found) -> Vec<Spanned<'a>> {
        while let Some(block) = self.open.last() {
            found.problems.push(unclosed(
                self.input.file,
                &block.name,
                &block.span,
                block.quotes,
            ));
            let at = self.out.last().map_or(0..0, |(_, r)| r.end..r.end);
            self.end_block(at);
        }
        found.working.hidden_footnotes = std::mem::take(&mut self.hidden_footnotes);
        let answers = std::mem::take(&mut self.answers);
        if !answers.is_empty() {
            append_answers(&mut self.out, answers, self.input.strings.get("answers"));
        }
        self.out
    }
}

/// The events of the heading that starts with `start`, up to its end, taken from `events`.
fn take_heading<'a>(start: Spanned<'a>, events: &mut Events<'a>) -> Vec<Spanned<'a>> {
    let mut heading = vec![start];
    for (event, range) in events.by_ref() {
        let end = matches!(event, Event::End(TagEnd::Heading(_)));
        heading.push((event, range));
        if end {
            break;
        }
    }
    heading
}

#[cfg(test)]
mod tests;
