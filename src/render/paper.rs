//! The pages made for paper: the print edition (every lesson, then the gear tables and the
//! reference pages, in one document, their Markdown rendered for print so that ids and links
//! stay inside the document) and the short handout.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::bodies::{BodyContext, outline_of, page_map};
use super::chapters::GroupInfo;
use super::context::{
    CategoryTable, GearRef, HandoutNote, LessonPage, LessonRef, LessonSummary, PageInfo,
    ReferenceContent, SiteInfo,
};
use super::page::Page;
use super::renderer::Renderer;
use super::renderer::to_context;
use crate::diagnostics::Diagnostic;
use crate::markdown::{Target, render_markdown};
use crate::model::gear::Verdict;

#[derive(Serialize)]
struct PaperPage<'a, T: Serialize> {
    site: &'a SiteInfo,
    page: PageInfo,
    #[serde(flatten)]
    content: T,
}

impl Renderer<'_> {
    /// The print edition's context. Each lesson's Markdown is rendered for print (in parallel)
    /// and goes into the context as soon as it is made, so that a large guide's text is not held
    /// once more in between.
    pub(super) fn print_context(&self) -> Context {
        #[derive(Serialize)]
        struct Content<'a> {
            categories: &'a [CategoryTable],
            groups: &'a [GroupInfo],
            lesson_map_svg: &'a str,
            timeline_html: &'a str,
        }
        let pages = page_map(self.guide);
        let outline = outline_of(self.guide, &pages);
        let context = BodyContext {
            guide: self.guide,
            pages: &pages,
            outline: &outline,
            target: Target::Print,
            edition: self.edition,
            highlights: self.highlights,
        };
        let lessons: Vec<Value> = (self.guide.lessons.par_iter())
            .zip(&self.summaries)
            .map(|(lesson, summary)| {
                let body = render_markdown(&context.lesson(lesson));
                Value::from_serializable(&LessonPage::new(summary, &body))
            })
            .collect();
        let references: Vec<Value> = (self.guide.pages.par_iter())
            .zip(&self.page_refs)
            .map(|(page, link)| {
                let body = render_markdown(&context.reference(page));
                Value::from_serializable(&ReferenceContent::new(link, page, &body))
            })
            .collect();
        let page = self.page_info(Page::Print, &self.guide.config.title, "");
        let mut context = to_context(&PaperPage {
            site: &self.site,
            page,
            content: Content {
                categories: &self.categories,
                groups: &self.lesson_groups(),
                lesson_map_svg: &self.lesson_map_svg,
                timeline_html: &self.timeline_html,
            },
        });
        context.insert_value("lessons", Value::from(lessons));
        context.insert_value("pages", Value::from(references));
        self.add_strings(&mut context);
        context
    }

    pub(super) fn handout_page(&self) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Content<'a> {
            lessons: &'a [LessonSummary],
            groups: &'a [GroupInfo],
            recommended_gear: Vec<&'a GearRef>,
            handout_notes: Vec<HandoutNote<'a>>,
            notes_heading: &'a str,
            timeline_html: &'a str,
        }
        let mut recommended_gear: Vec<&GearRef> = Vec::new();
        for gear in self.summaries.iter().flat_map(|s| &s.gear) {
            if gear.verdict == Verdict::Recommended
                && !recommended_gear.iter().any(|g| g.id == gear.id)
            {
                recommended_gear.push(gear);
            }
        }
        let handout_notes = (self.summaries.iter().zip(&self.refs))
            .flat_map(|(summary, lesson): (&LessonSummary, &LessonRef)| {
                (summary.handout_notes.iter()).map(move |html| HandoutNote { lesson, html })
            })
            .collect();
        let title =
            (self.guide.strings).fill("handout_title", &[("title", &self.guide.config.title)]);
        let page = self.page_info(Page::Handout, &title, "");
        self.render(
            "handout.html",
            &PaperPage {
                site: &self.site,
                page,
                content: Content {
                    lessons: &self.summaries,
                    groups: &self.lesson_groups(),
                    recommended_gear,
                    handout_notes,
                    notes_heading: self.guide.strings.get("handout_notes_heading"),
                    timeline_html: &self.compact_timeline_html,
                },
            },
        )
    }
}
