//! Fenced blocks, as Pandoc and the Carpentries write them: `::: name` (three or more colons,
//! optionally `{.class #id title="..."}`) opens a block, a fence line with no name closes the
//! innermost open one, so blocks nest. `::: challenge`, `::: solution`, `::: instructor` and the
//! other [`KINDS`] become styled blocks; solutions, hints and details fold away on the web, and
//! in print solutions and hints are listed after the lesson under "Answers". Instructor notes
//! appear only in the instructor edition.
//!
//! pulldown-cmark has no fenced divs, so [`super::fences::mark_fences`] first turns every fence line (outside
//! code blocks) into a thematic break of the same length: the document's byte offsets stay as
//! they are, a break interrupts a paragraph as a fence line does, and [`run`] recognises the
//! breaks that stand where a fence was by the original text at their range.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::attributes::Attributes;
use super::fences::{Fence, parse_fence};
use super::{Edition, Found, MarkdownInput, Spanned, Target};
use crate::diagnostics::{Diagnostic, closest_match};

/// The blocks guidebook knows, with the key of the label each shows (in the guide's language).
pub const KINDS: &[(&str, &str)] = &[
    ("note", "block_note"),
    ("tip", "block_tip"),
    ("warning", "block_warning"),
    ("caution", "block_caution"),
    ("callout", "block_callout"),
    ("discussion", "block_discussion"),
    ("objectives", "block_objectives"),
    ("questions", "block_questions"),
    ("keypoints", "block_keypoints"),
    ("prereq", "block_prereq"),
    ("exercise", "block_exercise"),
    ("challenge", "block_challenge"),
    ("hint", "block_hint"),
    ("solution", "block_solution"),
    ("instructor", "block_instructor"),
    ("details", "block_details"),
];

/// Blocks that fold away on the web and move to "Answers" in print.
const ANSWERS: &[&str] = &["solution", "hint"];

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

/// Turns the marked fences into blocks, and reports unknown names and unclosed fences.
pub fn run<'a>(
    events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(events.len());
    let mut answers: Vec<Vec<Spanned<'a>>> = Vec::new();
    let mut open: Vec<OpenBlock> = Vec::new();
    for (event, range) in events {
        let fence = match &event {
            Event::Rule => {
                (input.markdown.get(range.clone())).and_then(|text| parse_fence(text.trim_end()))
            }
            _ => None,
        };
        match fence {
            None => emit(&open, &mut out, &mut answers, (event, range)),
            Some(Fence::Open { name, attributes }) => {
                let span = input.span(&fence_line(input.markdown, &range));
                check_name(&name, input, &span, found);
                let mode = block_mode(&name, &open, input, answers.len() + 1);
                let destination = match open.last().map(|b| b.destination) {
                    Some(outer @ (Mode::Hidden | Mode::Answer(_))) if mode != Mode::Hidden => outer,
                    _ => mode,
                };
                // A block left out of this edition gives out no id.
                let id = (attributes.id.as_deref())
                    .filter(|_| destination != Mode::Hidden)
                    .map(|id| found.working.ids.claim(id));
                found.anchors.extend(id.clone());
                let html = opening_html(&name, &attributes, id.as_deref(), mode, input);
                if let Mode::Answer(_) = mode {
                    let reference = (html_event(html.reference), range.clone());
                    emit(&open, &mut out, &mut answers, reference);
                    answers.push(Vec::new());
                }
                let in_answer =
                    matches!(mode, Mode::Answer(_)) || open.last().is_some_and(|b| b.in_answer);
                open.push(OpenBlock {
                    name,
                    span,
                    mode,
                    destination,
                    in_answer,
                });
                emit(
                    &open,
                    &mut out,
                    &mut answers,
                    (html_event(html.start), range),
                );
            }
            Some(Fence::Close) => match open.last() {
                Some(block) => {
                    let end = closing_html(&block.name, block.mode);
                    emit(
                        &open,
                        &mut out,
                        &mut answers,
                        (html_event(end.into()), range),
                    );
                    open.pop();
                }
                None => found.problems.push(
                    Diagnostic::warning(
                        input.file,
                        input.span(&range),
                        "this `:::` closes no block",
                    )
                    .with_label("no block is open here")
                    .with_help("remove the line, or open a block before it with `::: name`"),
                ),
            },
        }
    }
    while let Some(block) = open.last() {
        found.problems.push(
            Diagnostic::error(
                input.file,
                block.span.clone(),
                format!("the `{}` block is never closed", block.name),
            )
            .with_label("opened here")
            .with_help("close it with a line of colons (`:::`) after its last line"),
        );
        let end = closing_html(&block.name, block.mode);
        let at = out.last().map_or(0..0, |(_, r)| r.end..r.end);
        emit(&open, &mut out, &mut answers, (html_event(end.into()), at));
        open.pop();
    }
    if !answers.is_empty() {
        append_answers(&mut out, answers, input.strings.get("answers"));
    }
    out
}

/// The fence line at `range`, without its line break.
fn fence_line(markdown: &str, range: &Range<usize>) -> Range<usize> {
    let text = markdown.get(range.clone()).unwrap_or_default();
    range.start..range.start + text.trim_end().len()
}

/// Puts an event where the innermost open block sends it.
fn emit<'a>(
    open: &[OpenBlock],
    out: &mut Vec<Spanned<'a>>,
    answers: &mut [Vec<Spanned<'a>>],
    event: Spanned<'a>,
) {
    match open.last().map_or(Mode::Shown, |block| block.destination) {
        Mode::Hidden => {}
        Mode::Answer(n) => {
            if let Some(answer) = answers.get_mut(n - 1) {
                answer.push(event);
            }
        }
        Mode::Shown => out.push(event),
    }
}

/// What happens to a new block's content.
fn block_mode(
    name: &str,
    open: &[OpenBlock],
    input: &MarkdownInput<'_>,
    next_answer: usize,
) -> Mode {
    let inside_answer = open.last().is_some_and(|b| b.in_answer);
    if name == "instructor" && input.edition == Edition::Learner {
        Mode::Hidden
    } else if ANSWERS.contains(&name) && input.target == Target::Print && !inside_answer {
        Mode::Answer(next_answer)
    } else {
        Mode::Shown
    }
}

fn check_name(name: &str, input: &MarkdownInput<'_>, span: &Range<usize>, found: &mut Found) {
    if KINDS.iter().any(|(known, _)| *known == name) {
        return;
    }
    let known = KINDS.iter().map(|(k, _)| *k);
    let diagnostic =
        Diagnostic::warning(input.file, span.clone(), format!("unknown block `{name}`"))
            .with_label("shown as a plain block");
    let diagnostic = match closest_match(name, known) {
        Some(best) => diagnostic.with_help(format!("did you mean `{best}`?")),
        None => diagnostic.with_help(format!(
            "known blocks: {}",
            KINDS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
        )),
    };
    found.problems.push(diagnostic);
}

/// The HTML that opens a block, and (for an answer in print) the note left in its place.
struct OpeningHtml {
    start: String,
    reference: String,
}

fn opening_html(
    name: &str,
    attributes: &Attributes,
    id: Option<&str>,
    mode: Mode,
    input: &MarkdownInput<'_>,
) -> OpeningHtml {
    let label = (attributes.get("title").map(str::to_string)).or_else(|| {
        KINDS
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, key)| input.strings.get(key).to_string())
    });
    let mut class = format!("block block-{name}");
    for extra in &attributes.classes {
        class.push(' ');
        class.push_str(extra);
    }
    let mut attrs = String::new();
    push_attribute(&mut attrs, "class", &class);
    if let Some(id) = id {
        push_attribute(&mut attrs, "id", &input.id(id));
    }
    let title = |tag: &str, id: &str, text: &str| {
        let mut html = format!("<{tag} class=\"block-title\"{id}>");
        let _ = escape_html(&mut html, text);
        html.push_str(&format!("</{tag}>"));
        html
    };
    let label_html = |tag: &str| {
        label
            .as_deref()
            .map_or_else(String::new, |l| title(tag, "", l))
    };
    let collapsible = is_collapsible(name);
    let (start, reference) = match (mode, input.target) {
        (Mode::Answer(n), _) => {
            let answer_id = input.id(&format!("answer-{n}")).into_owned();
            let label = label.as_deref().unwrap_or(input.strings.get("answer"));
            let heading = title(
                "p",
                &format!(" id=\"{answer_id}\""),
                &format!("{n}. {label}"),
            );
            let mut label_text = String::new();
            let _ = escape_html(&mut label_text, label);
            let mut link_text = String::new();
            let number = n.to_string();
            let _ = escape_html(
                &mut link_text,
                &input.strings.fill("answer_n", &[("number", &number)]),
            );
            let link = format!("<a href=\"#{answer_id}\">{link_text}</a>");
            let mut sentence = String::new();
            let _ = escape_html(&mut sentence, input.strings.get("see_answer"));
            let sentence =
                crate::i18n::fill(&sentence, &[("label", &label_text), ("answer", &link)]);
            let reference = format!("<p class=\"answer-ref\">{sentence}</p>\n");
            (format!("<div{attrs}>{heading}\n"), reference)
        }
        (_, Target::Web) if collapsible => (
            format!("<details{attrs}>{}\n", label_html("summary")),
            String::new(),
        ),
        (_, Target::Print) if collapsible => (
            format!("<details open{attrs}>{}\n", label_html("summary")),
            String::new(),
        ),
        _ => (format!("<div{attrs}>{}\n", label_html("p")), String::new()),
    };
    OpeningHtml { start, reference }
}

/// Blocks that fold away behind their title on the web.
fn is_collapsible(name: &str) -> bool {
    ANSWERS.contains(&name) || name == "details"
}

/// The HTML that closes a block (a hidden one's never reaches the page).
fn closing_html(name: &str, mode: Mode) -> &'static str {
    if is_collapsible(name) && mode == Mode::Shown {
        "</details>\n"
    } else {
        "</div>\n"
    }
}

fn push_attribute(html: &mut String, name: &str, value: &str) {
    html.push(' ');
    html.push_str(name);
    html.push_str("=\"");
    let _ = escape_html(&mut *html, value);
    html.push('"');
}

fn html_event<'a>(html: String) -> Event<'a> {
    Event::Html(CowStr::from(html))
}

/// The lesson's answers, after everything else, under a heading of their own.
fn append_answers<'a>(
    out: &mut Vec<Spanned<'a>>,
    answers: Vec<Vec<Spanned<'a>>>,
    answers_title: &str,
) {
    let at = out.last().map_or(0..0, |(_, r)| r.end..r.end);
    out.push((
        html_event("<section class=\"answers\">\n".into()),
        at.clone(),
    ));
    let heading = Tag::Heading {
        level: HeadingLevel::H2,
        id: None,
        classes: vec![CowStr::from("answers-title")],
        attrs: Vec::new(),
    };
    out.push((Event::Start(heading), at.clone()));
    out.push((
        Event::Text(CowStr::from(answers_title.to_string())),
        at.clone(),
    ));
    out.push((Event::End(TagEnd::Heading(HeadingLevel::H2)), at.clone()));
    for answer in answers {
        out.extend(answer);
    }
    out.push((html_event("</section>\n".into()), at));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{HighlightCache, PageMap, RenderedMarkdown, render_test_lesson};

    fn render(markdown: &str, target: Target, edition: Edition) -> RenderedMarkdown {
        let (pages, highlights) = (PageMap::default(), HighlightCache::for_one_build());
        render_test_lesson(markdown, 0, target, edition, &pages, &highlights)
    }

    #[test]
    fn blocks_nest_and_no_colons_reach_the_page_or_search() {
        let text = "::::: challenge\nAdd.\n\n::: solution\nTwo.\n:::\n:::::\n";
        let out = render(text, Target::Web, Edition::Learner);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert_eq!(
            out.html,
            "<div class=\"block block-challenge\"><p class=\"block-title\">Challenge</p>\n<p>Add.</p>\n\
             <details class=\"block block-solution\"><summary class=\"block-title\">Solution</summary>\n\
             <p>Two.</p>\n</details>\n</div>\n"
        );
        assert!(!out.text.contains(":::"), "{}", out.text);
    }

    #[test]
    fn solutions_move_to_the_answers_in_print() {
        let text = "::: challenge\nAdd.\n\n::: solution\nTwo.\n:::\n:::\n\nAfter.\n";
        let out = render(text, Target::Print, Edition::Learner);
        let reference = out.html.find("answer-ref").expect("a reference");
        let after = out.html.find("<p>After.</p>").expect("the text after");
        let answers = out
            .html
            .find("<section class=\"answers\">")
            .expect("answers");
        let solution = out.html.find("<p>Two.</p>").expect("the solution");
        assert!(
            reference < after && after < answers && answers < solution,
            "{}",
            out.html
        );
        assert!(out.html.contains("href=\"#a-answer-1\""), "{}", out.html);
        assert!(out.html.contains("id=\"a-answer-1\""), "{}", out.html);
    }

    #[test]
    fn instructor_notes_only_in_the_instructor_edition() {
        let text = "::: instructor\nSecret.\n\n- [ ] hidden task\n:::\nShown.\n";
        let learners = render(text, Target::Web, Edition::Learner);
        assert!(!learners.html.contains("Secret"), "{}", learners.html);
        assert!(!learners.text.contains("Secret"));
        assert!(
            learners.tasks.is_empty(),
            "a hidden block's tasks are not the lesson's"
        );
        let instructors = render(text, Target::Web, Edition::Instructor);
        assert!(instructors.html.contains("block-instructor"));
        assert!(instructors.html.contains("Secret"));
    }

    #[test]
    fn unknown_and_unclosed_blocks_are_reported() {
        let out = render("text\n\n::: chalenge\nx\n", Target::Web, Edition::Learner);
        assert_eq!(out.problems.len(), 2, "{:?}", out.problems);
        let unknown = &out.problems[0];
        assert_eq!(unknown.span, 6..18);
        assert_eq!(unknown.help.as_deref(), Some("did you mean `challenge`?"));
        let unclosed = &out.problems[1];
        assert!(unclosed.is_error());
        assert_eq!(unclosed.span, 6..18, "at the opening line");
        let stray = render("text\n:::\n", Target::Web, Edition::Learner);
        assert_eq!(stray.problems.len(), 1);
        assert!(!stray.html.contains(":::"), "{}", stray.html);
    }
}
