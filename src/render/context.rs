//! The data each template receives. These structs are the theme's contract: the manual lists
//! them, and a guide's own templates may use every field.

use serde::Serialize;

use super::page::page_url;
use crate::fingerprint::Fingerprint;
use crate::markdown::overview::Overview;
use crate::markdown::{Heading, RenderedMarkdown, Task};
use crate::model::Guide;
use crate::model::direction::Direction;
use crate::model::duration::DurationRange;
use crate::model::extra::Extra;
use crate::model::gear::Verdict;
use crate::model::page::ReferencePage;

/// `site`: the guide as a whole.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    /// The title as a phone shows it under a home-screen icon: the part before a colon or a
    /// dash (`Walking Your Cat` of `Walking Your Cat: Harness and Leash Training`).
    pub short_title: String,
    pub author: String,
    pub description: String,
    pub language: String,
    /// Which way the language is written: `ltr`, or `rtl` for Arabic, Hebrew, Persian, Urdu…
    pub dir: Direction,
    /// The guide's total time: how long its plan takes, lessons that need nothing of each other
    /// side by side ([`crate::model::schedule`]); where the timeline ends.
    pub total: String,
    /// The lessons' minutes of teaching and of exercises added up, each in the language's
    /// words ("" when no lesson gives them); `time_split` says both ("Teaching 3 hours ·
    /// Exercises 1 hour").
    pub teaching: String,
    pub exercises: String,
    pub time_split: String,
    /// Whether some lessons can run side by side, so that the plan is shorter than all lessons
    /// added up (else each lesson waits for the one before).
    pub lessons_overlap: bool,
    pub lesson_count: usize,
    /// Namespaces the browser's checklist storage.
    pub guide_id: String,
    pub generator: String,
    pub has_gear: bool,
    /// Whether any lesson has a checklist (else there is no checklists page).
    pub has_checklists: bool,
    /// Whether any lesson has key points (else there is no key points page).
    pub has_keypoints: bool,
    pub build_date: String,
    pub paper: String,
    /// `[extra]` of `guide.toml`.
    pub extra: Extra,
    /// How a page reaches the site's root, where the theme's files are: `""`, or `../` from a
    /// language's folder.
    pub root: &'static str,
    /// The guide's default language (what an untranslated page is shown in) and its name.
    pub default_language: String,
    pub default_language_name: String,
    /// The words the theme's scripts show, as JSON safe inside a `<script>` element.
    pub script_strings: String,
    /// Whether the pages register the service worker that keeps the site for reading offline
    /// (`[offline] enabled`, never in the preview).
    pub offline: bool,
}

/// The title as a phone shows it under a home-screen icon: the part before the first `:`, `|`,
/// ` - `, ` – ` or ` — `, when there is one; else the title.
pub fn short_title(title: &str) -> String {
    let cut = [":", "|", " - ", " – ", " — ", "：", "｜"]
        .iter()
        .filter_map(|mark| title.find(mark))
        .min();
    match cut.map(|at| title[..at].trim()) {
        Some(short) if !short.is_empty() => short.to_string(),
        _ => title.trim().to_string(),
    }
}

/// `page`: the page being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageInfo {
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    pub url: String,
    /// Absolute URL when `base_url` is absolute, else "".
    pub canonical: String,
    /// In a guide of several languages: this page in each of them (the switcher and the
    /// `hreflang` links), the page's own language marked `current`; else empty.
    pub languages: Vec<PageLanguage>,
    /// On the 404 page, which may be served at any depth: the site's root (`base_url`, when it
    /// is absolute) for a `<base>` element; else "".
    pub base: String,
    /// The `extra` of the lesson or reference page being rendered (empty on other pages).
    pub extra: Extra,
}

/// A page in one of the guide's languages.
#[derive(Debug, Clone, Serialize)]
pub struct PageLanguage {
    pub code: String,
    /// The language's name in itself.
    pub name: String,
    /// The page in that language, relative to this page.
    pub url: String,
    /// The same, absolute when `base_url` is (for `hreflang` links).
    pub href: String,
    pub current: bool,
}

/// A link to a lesson.
#[derive(Debug, Clone, Serialize)]
pub struct LessonRef {
    pub step: u32,
    pub slug: String,
    pub url: String,
    pub title: String,
    /// In another language of the guide: the title is the default language's.
    pub untranslated: bool,
}

/// A piece of gear a lesson needs.
#[derive(Debug, Clone, Serialize)]
pub struct GearRef {
    pub id: String,
    pub name: String,
    pub category: String,
    pub verdict: Verdict,
    pub verdict_label: String,
    pub verdict_symbol: &'static str,
    pub reason: String,
    pub url: String,
}

/// A lesson as listed on the home page, the sidebar, checklists and the handout.
#[derive(Debug, Clone, Serialize)]
pub struct LessonSummary {
    pub step: u32,
    pub slug: String,
    pub url: String,
    pub title: String,
    /// The name of the chapter it is in (`chapter:`), "" when none.
    pub chapter: String,
    pub duration: String,
    /// Its minutes of teaching and of exercises (`teaching:`, `exercises:`) in the language's
    /// words, "" when not given or none; `time_split` says both, as the theme shows them.
    pub teaching: String,
    pub exercises: String,
    pub time_split: String,
    pub summary: String,
    pub prerequisites: Vec<LessonRef>,
    pub unlocks: Vec<LessonRef>,
    pub task_count: usize,
    pub tasks: Vec<Task>,
    pub gear: Vec<GearRef>,
    /// The HTML of the alerts the handout collects (`[handout] notes` in guide.toml).
    pub handout_notes: Vec<String>,
    /// The front matter's `extra`.
    pub extra: Extra,
    /// In another language of the guide: the lesson is shown in the default language.
    pub untranslated: bool,
}

impl LessonSummary {
    /// Adds everything a page shows of this lesson to `fingerprint`.
    pub fn fingerprint(&self, fingerprint: &mut Fingerprint) {
        fingerprint
            .add_number(u64::from(self.step))
            .add(&self.slug)
            .add(&self.title)
            .add(&self.chapter)
            .add(&self.duration)
            .add(&self.time_split)
            .add(&self.summary)
            .add_number(u64::from(self.untranslated));
        for link in self
            .prerequisites
            .iter()
            .chain([&LessonRef::SEPARATOR])
            .chain(&self.unlocks)
        {
            fingerprint
                .add_number(u64::from(link.step))
                .add(&link.slug)
                .add(&link.title)
                .add_number(u64::from(link.untranslated));
        }
        for task in &self.tasks {
            fingerprint
                .add(&task.id)
                .add(&task.text)
                .add_number(u64::from(task.checked));
        }
        for gear in &self.gear {
            fingerprint
                .add(&gear.id)
                .add(&gear.name)
                .add(&gear.verdict_label)
                .add(&gear.reason);
        }
        for note in &self.handout_notes {
            fingerprint.add(note);
        }
        if !self.extra.is_empty() {
            fingerprint.add(&serde_json::to_string(&self.extra).unwrap_or_default());
        }
    }
}

impl LessonRef {
    /// Separates the prerequisites from the unlocked lessons in a fingerprint.
    const SEPARATOR: LessonRef = LessonRef {
        step: 0,
        slug: String::new(),
        url: String::new(),
        title: String::new(),
        untranslated: false,
    };
}

/// A lesson with its body, for its own page and the print edition.
#[derive(Debug, Clone, Serialize)]
pub struct LessonPage<'a> {
    #[serde(flatten)]
    pub summary: &'a LessonSummary,
    pub html: &'a str,
    pub headings: &'a [Heading],
    /// "On this page": the `##` headings with their `###` headings.
    pub toc: Vec<TocEntry<'a>>,
    /// The questions and objectives moved out of the body, shown at its top.
    pub overview: &'a Overview,
}

impl<'a> LessonPage<'a> {
    pub fn new(summary: &'a LessonSummary, body: &'a RenderedMarkdown) -> Self {
        LessonPage {
            summary,
            html: &body.html,
            headings: &body.headings,
            toc: table_of_contents(&body.headings),
            overview: &body.overview,
        }
    }
}

/// An entry of "On this page": a `##` heading and the `###` headings under it.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub children: Vec<TocEntry<'a>>,
}

/// The `##` and `###` headings of a body as a two-level list (a `###` before any `##` stands on
/// its own), without those inside fenced blocks (an exercise's title, a tab's).
pub fn table_of_contents(headings: &[Heading]) -> Vec<TocEntry<'_>> {
    let mut entries: Vec<TocEntry<'_>> = Vec::new();
    for heading in headings.iter().filter(|heading| !heading.in_block) {
        let entry = TocEntry {
            id: &heading.id,
            text: &heading.text,
            children: Vec::new(),
        };
        match (heading.level, entries.last_mut()) {
            (2, _) | (3, None) => entries.push(entry),
            (3, Some(parent)) => parent.children.push(entry),
            _ => {}
        }
    }
    entries
}

/// A gear category with its full comparison table.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryTable {
    pub id: String,
    pub title: String,
    pub description: String,
    pub table_html: String,
}

/// A note the handout collects, and the lesson it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct HandoutNote<'a> {
    pub lesson: &'a LessonRef,
    pub html: &'a str,
}

/// A chapter of a large guide (`chapters` on the home page, `chapter` on its own page).
#[derive(Debug, Clone, Serialize)]
pub struct ChapterInfo {
    /// Counted from 1.
    pub number: usize,
    pub url: String,
    /// The chapter's name (its folder's), or "" for a run of steps, which has none.
    pub label: String,
    /// The titles of its first and last lessons.
    pub first_title: String,
    pub last_title: String,
    pub first_step: u32,
    pub last_step: u32,
    pub lesson_count: usize,
    /// Its lessons' durations added up.
    pub duration: String,
    /// Its lessons, by index in step order.
    #[serde(skip)]
    pub lessons: Vec<usize>,
}

/// The chapters of `guide` with what their pages and cards show (none for a guide shown whole).
pub fn chapter_infos(guide: &Guide) -> Vec<ChapterInfo> {
    if super::page::chapter_count(guide) == 0 {
        return Vec::new();
    }
    (super::chapters::chapters(guide).into_iter().enumerate())
        .map(|(index, chapter)| {
            let step = |i: usize| guide.lessons[i].source.step;
            let title = |i: Option<&usize>| {
                i.map_or(String::new(), |&i| guide.lessons[i].source.title.clone())
            };
            let duration = (chapter.lessons.iter()).fold(DurationRange::default(), |sum, &i| {
                sum.plus(guide.lessons[i].source.duration.range)
            });
            ChapterInfo {
                number: index + 1,
                url: super::page::chapter_url(index),
                label: if chapter.named {
                    chapter.label
                } else {
                    String::new()
                },
                first_title: title(chapter.lessons.first()),
                last_title: title(chapter.lessons.last()),
                first_step: chapter.lessons.first().map_or(0, |&i| step(i)),
                last_step: chapter.lessons.last().map_or(0, |&i| step(i)),
                lesson_count: chapter.lessons.len(),
                duration: duration.humanize_up_to(guide.time_unit(), &guide.strings),
                lessons: chapter.lessons,
            }
        })
        .collect()
}

/// A link to a reference page (the sidebar's `pages`).
#[derive(Debug, Clone, Serialize)]
pub struct PageRef {
    pub slug: String,
    pub url: String,
    pub title: String,
    /// A page for instructors (`instructor: true`), listed under "For instructors".
    pub instructor: bool,
}

impl PageRef {
    pub fn new(page: &ReferencePage) -> Self {
        PageRef {
            slug: page.slug.clone(),
            url: page_url(&page.slug),
            title: page.title.clone(),
            instructor: page.instructor,
        }
    }
}

/// A reference page with its body (`reference` on its own page, `pages` in the print edition).
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceContent<'a> {
    #[serde(flatten)]
    pub link: &'a PageRef,
    pub summary: &'a str,
    pub extra: &'a Extra,
    pub html: &'a str,
    pub headings: &'a [Heading],
    /// "On this page", as for a lesson.
    pub toc: Vec<TocEntry<'a>>,
    /// Questions and objectives, as for a lesson.
    pub overview: &'a Overview,
    /// In another language of the guide: the page is shown in the default language.
    pub untranslated: bool,
}

impl<'a> ReferenceContent<'a> {
    pub fn new(link: &'a PageRef, page: &'a ReferencePage, body: &'a RenderedMarkdown) -> Self {
        ReferenceContent {
            link,
            summary: &page.summary,
            extra: &page.extra,
            html: &body.html,
            headings: &body.headings,
            toc: table_of_contents(&body.headings),
            overview: &body.overview,
            untranslated: page.untranslated,
        }
    }
}
