//! The pages made for paper: the print edition (every lesson, then the gear tables and the
//! reference pages, in one document, their Markdown rendered for print so that ids and links
//! stay inside the document) and the short handout.

use std::io;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::bodies::{BodyContext, outline_of};
use super::chapters::GroupInfo;
use super::context::{
    CategoryTable, GearRef, HandoutNote, LessonPage, LessonRef, LessonSummary, PageInfo,
    ReferenceContent, SiteInfo,
};
use super::page::Page;
use super::page_map::page_map;
use super::paper_bodies::PaperBodies;
use super::renderer::{Renderer, to_context};
use super::theme::template_diagnostic;
use crate::diagnostics::Diagnostic;
use crate::markdown::{RenderedMarkdown, Target, render_markdown};
use crate::model::gear::Verdict;

#[derive(Serialize)]
struct PaperPage<'a, T: Serialize> {
    site: &'a SiteInfo,
    page: PageInfo,
    #[serde(flatten)]
    content: T,
}

impl Renderer<'_> {
    /// The print edition, written into `out`. Each lesson's and page's Markdown is rendered for
    /// print (in parallel); their HTML is kept compressed beside the context, which has a marker
    /// in its place ([`PaperBodies`]), and written where the marker comes out of the template.
    pub(super) fn write_print(&self, out: &mut dyn io::Write) -> Result<(), Diagnostic> {
        let mut bodies = PaperBodies::new();
        let context = self.print_context(&mut bodies);
        let mut writer = bodies.writer(out);
        (self.theme.tera)
            .render_to("print.html", &context, &mut writer)
            .map_err(|error| template_diagnostic(&error, &self.theme.template_files))?;
        // A write error is the writer's to report (it records its own); nothing to add here.
        let _ = writer.finish();
        Ok(())
    }

    /// The print edition's context, each body's HTML in `bodies` and a marker in its place.
    fn print_context(&self, bodies: &mut PaperBodies) -> Context {
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
        let marked = |index: usize, mut body: RenderedMarkdown| {
            let packed = PaperBodies::pack(&body.html);
            body.html = bodies.marker(index);
            (body, packed)
        };
        let (lessons, mut packed): (Vec<Value>, Vec<Box<[u8]>>) = (self.guide.lessons.par_iter())
            .zip(&self.summaries)
            .enumerate()
            .map(|(index, (lesson, summary))| {
                let (body, packed) = marked(index, render_markdown(&context.lesson(lesson)));
                (
                    Value::from_serializable(&LessonPage::new(summary, &body)),
                    packed,
                )
            })
            .unzip();
        let after = lessons.len();
        let (references, packed_pages): (Vec<Value>, Vec<Box<[u8]>>) =
            (self.guide.pages.par_iter())
                .zip(&self.page_refs)
                .enumerate()
                .map(|(index, (page, link))| {
                    let (body, packed) =
                        marked(after + index, render_markdown(&context.reference(page)));
                    (
                        Value::from_serializable(&ReferenceContent::new(link, page, &body)),
                        packed,
                    )
                })
                .unzip();
        packed.extend(packed_pages);
        bodies.keep(packed);
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
            lessons: &'a [Arc<LessonSummary>],
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
            .flat_map(|(summary, lesson): (&Arc<LessonSummary>, &LessonRef)| {
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
