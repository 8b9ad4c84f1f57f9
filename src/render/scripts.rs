//! The site's data scripts: `assets/search-index.js` (lessons and reference pages, see
//! [`super::search`]) and
//! `assets/tasks.js`, every lesson's checklist ids. Both are loaded as scripts, not fetched, so
//! they work from `file://`.

use serde::Serialize;

use super::bodies::Bodies;
use super::renderer::Renderer;
use super::search::{Searchable, search_index_script};

impl Renderer<'_> {
    /// `assets/search-index.js`: the lessons in step order, then the reference pages.
    pub(super) fn search_index_script(&self, bodies: &Bodies) -> String {
        let lessons =
            (self.summaries.iter().zip(&bodies.lessons)).map(|(lesson, body)| Searchable {
                title: &lesson.title,
                url: &lesson.url,
                summary: &lesson.summary,
                body,
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
            body,
        });
        search_index_script(&lessons.chain(pages).collect::<Vec<_>>())
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
