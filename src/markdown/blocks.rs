//! The kinds of fenced block guidebook knows (those of the Carpentries Workbench, plus Pandoc's
//! and GitHub's alert names) and the HTML each opens and closes with. [`super::divs`] walks the
//! document and decides where a block's content goes; this file says what the block looks like.
//!
//! A block is a `<div class="block block-NAME">` with its label (`<p class="block-title">`), or,
//! for the blocks that fold away, a `<details>` whose `<summary>` is the label or the block's
//! own first heading. Tabs (`tab`, `group-tab`) have no label: each `### Title` section is a
//! panel (see [`super::divs`]).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::attributes::{Attributes, push_attribute};
use super::{Found, MarkdownInput, Spanned, Target};
use crate::diagnostics::{Diagnostic, closest_match};
use crate::i18n::Strings;

/// The blocks guidebook knows, with the key of the label each shows (in the guide's language);
/// tabs show none.
pub const KINDS: &[(&str, Option<&str>)] = &[
    ("note", Some("block_note")),
    ("tip", Some("block_tip")),
    ("warning", Some("block_warning")),
    ("caution", Some("block_caution")),
    ("callout", Some("block_callout")),
    ("discussion", Some("block_discussion")),
    ("objectives", Some("block_objectives")),
    ("questions", Some("block_questions")),
    ("keypoints", Some("block_keypoints")),
    ("prereq", Some("block_prereq")),
    ("checklist", Some("block_checklist")),
    ("testimonial", Some("block_testimonial")),
    ("exercise", Some("block_exercise")),
    ("challenge", Some("block_challenge")),
    ("hint", Some("block_hint")),
    ("solution", Some("block_solution")),
    ("instructor", Some("block_instructor")),
    ("details", Some("block_details")),
    ("spoiler", Some("block_spoiler")),
    ("tab", None),
    ("group-tab", None),
];

/// Blocks that fold away on the web and move to "Answers" in print.
pub const ANSWERS: &[&str] = &["solution", "hint"];

/// Blocks that fold away behind their title on the web.
pub fn is_collapsible(name: &str) -> bool {
    ANSWERS.contains(&name) || matches!(name, "details" | "spoiler")
}

/// Blocks made of tab panels, one per `### Title` section.
pub fn is_tabs(name: &str) -> bool {
    matches!(name, "tab" | "group-tab")
}

/// The label a block shows: its `title` attribute, else its kind's word.
pub fn label(name: &str, attributes: &Attributes, strings: &Strings) -> Option<String> {
    (attributes.get("title").map(str::to_string)).or_else(|| {
        let (_, key) = KINDS.iter().find(|(k, _)| *k == name)?;
        key.map(|key| strings.get(key).to_string())
    })
}

/// Warns about a block name guidebook does not know, with the closest known one.
pub fn check_name(name: &str, input: &MarkdownInput<'_>, span: &Range<usize>, found: &mut Found) {
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

/// The start tag of a block (`<div>`, or `<details>` for one that folds away), without its
/// title. `folded` is false for an answer moved to the end of a printed lesson.
pub fn start_tag(
    name: &str,
    attributes: &Attributes,
    id: Option<&str>,
    folded: bool,
    input: &MarkdownInput<'_>,
) -> String {
    let mut class = format!("block block-{name}");
    for extra in &attributes.classes {
        class.push(' ');
        class.push_str(extra);
    }
    let mut html = String::new();
    let collapsible = folded && is_collapsible(name);
    html.push_str(match (collapsible, input.target) {
        (false, _) => "<div",
        (true, Target::Web) => "<details",
        (true, Target::Print) => "<details open",
    });
    push_attribute(&mut html, "class", &class);
    if let Some(id) = id {
        push_attribute(&mut html, "id", &input.id(id));
    }
    if is_tabs(name) {
        let kind = if name == "group-tab" {
            "group"
        } else {
            "single"
        };
        push_attribute(&mut html, "data-tabs", kind);
    }
    html.push('>');
    html
}

/// A block's title element holding `text`.
pub fn title_html(tag: &str, text: &str) -> String {
    let mut html = format!("<{tag} class=\"block-title\">");
    let _ = escape_html(&mut html, text);
    html.push_str(&format!("</{tag}>\n"));
    html
}

/// The tag that closes a block opened by [`start_tag`].
pub fn end_tag(name: &str, folded: bool) -> &'static str {
    if folded && is_collapsible(name) {
        "</details>\n"
    } else {
        "</div>\n"
    }
}

/// An answer moved to the end of a printed lesson: where it opens (with its numbered title,
/// named after its challenge when that has a title), and the note left where it stood.
pub struct AnswerHtml {
    pub start: String,
    pub reference: String,
}

/// The HTML of answer number `number`, a block labelled `label`, in a challenge called
/// `challenge` (if it has a title).
pub fn answer_html(
    number: usize,
    start: String,
    label: &str,
    challenge: Option<&str>,
    input: &MarkdownInput<'_>,
) -> AnswerHtml {
    let strings = input.strings;
    let answer_id = input.id(&format!("answer-{number}")).into_owned();
    let numeral = number.to_string();
    let heading = match challenge {
        Some(title) => strings.fill(
            "answer_titled",
            &[("number", &numeral), ("label", label), ("title", title)],
        ),
        None => format!("{number}. {label}"),
    };
    let mut title = format!("<p class=\"block-title\" id=\"{answer_id}\">");
    let _ = escape_html(&mut title, &heading);
    title.push_str("</p>\n");
    let mut label_text = String::new();
    let _ = escape_html(&mut label_text, label);
    let mut link_text = String::new();
    let _ = escape_html(
        &mut link_text,
        &strings.fill("answer_n", &[("number", &numeral)]),
    );
    let link = format!("<a href=\"#{answer_id}\">{link_text}</a>");
    let mut sentence = String::new();
    let _ = escape_html(&mut sentence, strings.get("see_answer"));
    let sentence = crate::i18n::fill(&sentence, &[("label", &label_text), ("answer", &link)]);
    AnswerHtml {
        start: format!("{start}{title}"),
        reference: format!("<p class=\"answer-ref\">{sentence}</p>\n"),
    }
}

/// The error for a block never closed (in its block quote, or in the document).
pub fn unclosed(file: &str, name: &str, span: &Range<usize>, quotes: usize) -> Diagnostic {
    let (message, help) = if quotes > 0 {
        (
            format!("the `{name}` block is never closed in its quote"),
            "close it with a quoted line of colons (`> :::`) before the quote ends",
        )
    } else {
        (
            format!("the `{name}` block is never closed"),
            "close it with a line of colons (`:::`) after its last line",
        )
    };
    Diagnostic::error(file, span.clone(), message)
        .with_label("opened here")
        .with_help(help)
}

/// The error for an attribute list that cannot be read, at `span`.
pub fn unreadable_attributes(file: &str, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(file, span, "this block's attribute list cannot be read")
        .with_label("an unclosed quote or brace")
        .with_help("write it as `{#id .class key=\"value\"}`: close every quote and the brace (the block is shown without these attributes)")
}

/// The lesson's answers, after everything else, under a heading of their own.
pub fn append_answers<'a>(
    out: &mut Vec<Spanned<'a>>,
    answers: Vec<Vec<Spanned<'a>>>,
    answers_title: &str,
) {
    let at = out.last().map_or(0..0, |(_, r)| r.end..r.end);
    out.push((
        Event::Html(CowStr::from("<section class=\"answers\">\n")),
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
    out.push((Event::Html(CowStr::from("</section>\n")), at));
}

/// The start tag of a tab panel titled `title`, and the tag that closes one.
pub fn tab_panel_start(title: &str) -> String {
    let mut html = String::from("<section class=\"tab-panel\"");
    push_attribute(&mut html, "data-tab", title.trim());
    html.push_str(">\n");
    html
}

pub const TAB_PANEL_END: &str = "</section>\n";
