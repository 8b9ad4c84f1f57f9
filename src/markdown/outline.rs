//! ```` ```outline ```` blocks: guidebook's own outline of lessons, in place of mdbook-course's
//! `{{%session outline}}` and `{{%segment outline}}`. The body is YAML: empty for the lessons of
//! the chapter the page is in (all the guide's, for a page in no named chapter, a reference
//! page or the introduction), or `lessons: [slug, ...]` for these lessons in this order. Each
//! lesson is listed with its step, a link (inside the document in print) and its time, then
//! their total.
//!
//! What an outline may list ([`Outline`]) is made by the renderer from the guide; an unknown
//! slug is an error at its place in the block.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark_escape::escape_html;
use serde::Deserialize;

use super::links::{PageTarget, lesson_href};
use super::yaml_blocks::{YamlBlock, replace_blocks};
use super::{Found, MarkdownInput, Spanned, Target};
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::i18n::Strings;
use crate::model::duration::{DurationRange, Unit};
use crate::model::locate;
use crate::model::yaml::{SerdeMessage, parse_yaml};

/// A lesson an outline may list.
#[derive(Debug, Clone)]
pub struct OutlineLesson {
    pub slug: String,
    pub title: String,
    pub step: u32,
    /// Its duration in the guide's words, and in minutes.
    pub duration: String,
    pub range: DurationRange,
    /// Where a link to it leads.
    pub target: PageTarget,
}

/// Every lesson of the guide as outlines list them, with the named chapters.
#[derive(Debug, Clone)]
pub struct Outline {
    lessons: Vec<OutlineLesson>,
    /// The lessons of the named chapter each lesson is in (indices into `lessons`).
    chapter_of: Vec<Option<Range<usize>>>,
    by_slug: HashMap<String, usize>,
    /// The largest unit a total is shown in.
    unit: Unit,
}

impl Default for Outline {
    /// An outline of no lessons.
    fn default() -> Self {
        Outline::new(Vec::new(), std::iter::empty(), Unit::Hour)
    }
}

impl Outline {
    /// The outline of `lessons` (in step order), whose named chapters are `chapters` (ranges of
    /// indices into `lessons`); totals are shown in no unit larger than `unit`.
    pub fn new(
        lessons: Vec<OutlineLesson>,
        chapters: impl Iterator<Item = Range<usize>>,
        unit: Unit,
    ) -> Self {
        let mut chapter_of = vec![None; lessons.len()];
        for chapter in chapters {
            for index in chapter.clone() {
                if let Some(slot) = chapter_of.get_mut(index) {
                    *slot = Some(chapter.clone());
                }
            }
        }
        let by_slug = (lessons.iter().enumerate())
            .map(|(index, lesson)| (lesson.slug.clone(), index))
            .collect();
        Outline {
            lessons,
            chapter_of,
            by_slug,
            unit,
        }
    }

    /// A fingerprint of everything an outline shows, for bodies that have one.
    pub fn digest(&self) -> u64 {
        let mut fingerprint = Fingerprint::default();
        for (lesson, chapter) in self.lessons.iter().zip(&self.chapter_of) {
            fingerprint
                .add(&lesson.slug)
                .add(&lesson.title)
                .add_number(u64::from(lesson.step))
                .add(&lesson.duration);
            match chapter {
                Some(range) => fingerprint
                    .add_number(1)
                    .add_number(range.start as u64)
                    .add_number(range.end as u64),
                None => fingerprint.add_number(0),
            };
        }
        fingerprint.add(self.unit.key()).finish()
    }

    /// The lessons an outline without `lessons:` lists on page `page`: those of its chapter.
    fn of_page(&self, page: &str) -> Vec<usize> {
        let chapter = (self.by_slug.get(page))
            .and_then(|&index| self.chapter_of.get(index).cloned().flatten());
        chapter.map_or_else(|| (0..self.lessons.len()).collect(), Iterator::collect)
    }
}

/// What an outline block asks for.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutlineSpec {
    #[serde(default)]
    lessons: Option<Vec<String>>,
}

/// Replaces each ```` ```outline ```` block with its list (or records why it cannot be made).
pub fn run<'a>(
    events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    replace_blocks(events, input, found, "outline", |block, found| {
        let lessons = chosen_lessons(block, input, &mut found.problems)?;
        (!lessons.is_empty()).then(|| outline_html(input.outline, &lessons, input))
    })
}

/// The lessons a block lists, by index, or `None` when it cannot be read.
fn chosen_lessons(
    block: &YamlBlock<'_>,
    input: &MarkdownInput<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<usize>> {
    let outline = input.outline;
    let yaml = block.yaml.as_str();
    let only_comments = (yaml.lines()).all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    });
    let spec: OutlineSpec = if only_comments {
        OutlineSpec::default()
    } else {
        parse_yaml(yaml)
            .map_err(|error| {
                let diagnostic = Diagnostic::error(
                    block.file,
                    block.at(error.offset),
                    format!("outline block: {}", error.message),
                );
                let diagnostic = match SerdeMessage::read(&error.message) {
                    SerdeMessage::UnknownField(key) => diagnostic.with_suggestion(key, ["lessons"]),
                    _ => diagnostic,
                };
                problems.push(diagnostic.or_help(
                    "leave the block empty for the lessons of this page's chapter, or write `lessons: [first-lesson, second-lesson]`",
                ));
            })
            .ok()?
    };
    let Some(slugs) = spec.lessons else {
        return Some(outline.of_page(input.page));
    };
    if slugs.is_empty() {
        problems.push(
            Diagnostic::warning(
                block.file,
                block.span(locate::value_span(yaml, "lessons")),
                "this outline lists no lessons",
            )
            .with_help("name lessons by slug, or leave `lessons:` out for this page's chapter"),
        );
        return Some(Vec::new());
    }
    let mut chosen = Vec::with_capacity(slugs.len());
    let mut all_known = true;
    // The list as written, each item blanked once it is read, so that an item given twice is
    // found at its second place.
    let mut unread = yaml.to_string();
    for slug in &slugs {
        let at = locate::item_span(&unread, "lessons", slug);
        if let Some(at) = &at {
            unread.replace_range(at.clone(), &" ".repeat(at.len()));
        }
        let span = || block.span(at.clone());
        match outline.by_slug.get(slug) {
            Some(index) if chosen.contains(index) => problems.push(
                Diagnostic::warning(block.file, span(), format!("`{slug}` is listed twice"))
                    .with_help("an outline lists each lesson once; remove one"),
            ),
            Some(&index) => chosen.push(index),
            None => {
                all_known = false;
                problems.push(
                    Diagnostic::error(block.file, span(), format!("no lesson has the slug `{slug}`"))
                        .with_label("unknown lesson")
                        .with_suggestion(slug, outline.lessons.iter().map(|l| l.slug.as_str()))
                        .or_help("outline blocks name lessons by slug: the file name without `NN-` and `.md`"),
                );
            }
        }
    }
    all_known.then_some(chosen)
}

/// The outline's HTML: each lesson with its step, linked, and its time; then the total.
fn outline_html(outline: &Outline, lessons: &[usize], input: &MarkdownInput<'_>) -> String {
    let strings: &Strings = input.strings;
    let mut html = String::from("<div class=\"outline\">\n<ol class=\"outline-list\">\n");
    let mut total = DurationRange::default();
    for lesson in lessons.iter().filter_map(|&i| outline.lessons.get(i)) {
        total = total.plus(lesson.range);
        let href = lesson_href(&lesson.target, None, input.target);
        let _ = write!(html, "<li value=\"{}\"><a href=\"", lesson.step);
        let _ = escape_html(&mut html, &href);
        html.push('"');
        if lesson.slug == input.page && input.target == Target::Web {
            html.push_str(" aria-current=\"page\"");
        }
        html.push('>');
        let _ = escape_html(&mut html, &lesson.title);
        html.push_str("</a> <span class=\"outline-time\">");
        let _ = escape_html(&mut html, &lesson.duration);
        html.push_str("</span></li>\n");
    }
    html.push_str("</ol>\n<p class=\"outline-total\">");
    let _ = escape_html(&mut html, strings.get("total_time_colon"));
    html.push_str(" <strong>");
    let _ = escape_html(&mut html, &total.humanize_up_to(outline.unit, strings));
    html.push_str("</strong></p>\n</div>\n");
    html
}
