//! The site's data scripts: `assets/search-index.js` and the search shards `assets/search/<n>.js`
//! (lessons and reference pages, see [`super::search`]), and `assets/tasks.js`, every lesson's
//! checklist ids. All are loaded as scripts, not fetched, so they work from `file://`.

use serde::Serialize;

use super::bodies::Bodies;
use super::renderer::Renderer;
use super::search::{Searchable, search_index_script, search_shard_script, shard_ranges};

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

    /// `assets/tasks.js`: every lesson's checklist ids and the items ticked in the source.
    pub(super) fn tasks_script(&self) -> String {
        #[derive(Serialize)]
        struct TaskLesson<'a> {
            slug: &'a str,
            title: &'a str,
            url: &'a str,
            tasks: Vec<&'a str>,
            defaults: Vec<&'a str>,
        }
        #[derive(Serialize)]
        struct Tasks<'a> {
            guide: &'a str,
            lessons: Vec<TaskLesson<'a>>,
        }
        let tasks = Tasks {
            guide: &self.site.guide_id,
            lessons: self
                .summaries
                .iter()
                .map(|s| TaskLesson {
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
                })
                .collect(),
        };
        let json = serde_json::to_string(&tasks).expect("task lists serialize");
        // `</` cannot end the script early when escaped.
        format!("window.GUIDEBOOK_TASKS = {};\n", json.replace("</", "<\\/"))
    }
}
