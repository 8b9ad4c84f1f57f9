//! The site's data scripts: `assets/search-index.js` and the search shards `assets/search/<n>.js`
//! (lessons and reference pages, see [`super::search`]), and `assets/tasks.js`, every lesson's
//! checklist ids and what a reader's plan with dates is made from. All are loaded as scripts, not fetched, so they work from `file://`.

use serde::Serialize;

use super::bodies::Bodies;
use super::renderer::Renderer;
use super::search::{Searchable, search_index_script, search_shard_script, shard_ranges};
use crate::model::duration::Unit;

impl Renderer<'_> {
    /// `assets/search-index.js`: the lessons in step order, then the reference pages.
    pub(super) fn search_index_script(&self, bodies: &Bodies) -> String {
        let lessons =
            (self.summaries.iter().zip(&bodies.lessons)).map(|(lesson, body)| Searchable {
                title: &lesson.title,
                url: &lesson.url,
                summary: &lesson.summary,
                headings: &body.headings,
            });
        let pages = (self
            .guide
            .pages
            .iter()
            .zip(&self.page_refs)
            .zip(&bodies.pages))
        .map(|((page, link), body)| Searchable {
            title: &link.title,
            url: &link.url,
            summary: &page.summary,
            headings: &body.headings,
        });
        search_index_script(lessons.chain(pages), shard_ranges(self.guide).len())
    }

    /// `assets/search/<number>.js`: the whole text of the shard's pages, in the index's order.
    pub(super) fn search_shard_script(&self, number: usize, bodies: &Bodies) -> String {
        let range = shard_ranges(self.guide)
            .get(number)
            .cloned()
            .unwrap_or_default();
        let lessons = bodies.lessons.iter().map(|body| &**body);
        let texts = (lessons.chain(&bodies.pages))
            .skip(range.start)
            .take(range.len());
        search_shard_script(number, range.start, texts)
    }

    /// `assets/tasks.js`: every lesson's checklist ids and the items ticked in the source, and
    /// what the reader's plan with dates is made from (`plan.js`): each lesson's step, shortest
    /// and longest time in minutes, whether it was written in days or weeks (it then runs over
    /// calendar days rather than in practice sessions), and its prerequisites by index.
    pub(super) fn tasks_script(&self) -> String {
        #[derive(Serialize)]
        struct TaskLesson<'a> {
            slug: &'a str,
            title: &'a str,
            url: &'a str,
            tasks: Vec<&'a str>,
            defaults: Vec<&'a str>,
            step: u32,
            minutes: u64,
            max_minutes: u64,
            in_days: bool,
            needs: &'a [usize],
        }
        #[derive(Serialize)]
        struct Tasks<'a> {
            guide: &'a str,
            /// The guide's title in this language (the calendar's name).
            title: &'a str,
            /// This language's folder as an absolute address, with an absolute `base_url`
            /// (links in a calendar must be absolute); else "".
            base: String,
            lessons: Vec<TaskLesson<'a>>,
        }
        let config = &self.guide.config;
        let base = if config.has_absolute_base_url() {
            let root = config.base_url.trim_end_matches('/');
            format!("{root}/{}", self.guide.language.folder)
        } else {
            String::new()
        };
        let tasks = Tasks {
            guide: &self.site.guide_id,
            title: &self.site.title,
            base,
            lessons: (self.summaries.iter())
                .zip(&self.guide.lessons)
                .map(|(s, lesson)| {
                    let duration = &lesson.source.duration;
                    TaskLesson {
                        slug: &s.slug,
                        title: &s.title,
                        url: &s.url,
                        tasks: s.tasks.iter().map(|t| t.id.as_str()).collect(),
                        defaults: s
                            .tasks
                            .iter()
                            .filter(|t| t.checked)
                            .map(|t| t.id.as_str())
                            .collect(),
                        step: s.step,
                        minutes: duration.range.min_minutes,
                        max_minutes: duration.range.max_minutes,
                        in_days: matches!(duration.unit, Unit::Day | Unit::Week),
                        needs: &lesson.prerequisites,
                    }
                })
                .collect(),
        };
        let json = serde_json::to_string(&tasks).expect("task lists serialize");
        // `</` cannot end the script early when escaped.
        format!("window.GUIDEBOOK_TASKS = {};\n", json.replace("</", "<\\/"))
    }
}
