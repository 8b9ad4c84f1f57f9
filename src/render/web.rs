//! The web pages' builders: a lesson, a reference page, the home page, the gear, the checklists
//! and 404. Each gets `site`, `page` and its `sidebar`, plus what it shows of its own.

use serde::Serialize;
use std::sync::Arc;

use super::bodies::Bodies;
use super::chapters::GroupInfo;
use super::context::{
    CategoryTable, ChapterInfo, LessonPage, LessonRef, LessonSummary, PageInfo, ReferenceContent,
    SiteInfo,
};
use super::page::Page;
use super::renderer::Renderer;
use crate::diagnostics::Diagnostic;
use crate::model::aliases::RedirectTarget;

#[derive(Serialize)]
struct WebPage<'a, T: Serialize> {
    site: &'a SiteInfo,
    page: PageInfo,
    sidebar: &'a str,
    #[serde(flatten)]
    content: T,
}

impl Renderer<'_> {
    /// A web page: `template` with `site`, `page`, the page's `sidebar` and `content`.
    fn web_page<T: Serialize>(
        &self,
        template: &str,
        page: PageInfo,
        of: Page,
        content: T,
    ) -> Result<String, Diagnostic> {
        let sidebar = self.sidebar(of, &page.url)?;
        self.render(
            template,
            &WebPage {
                site: &self.site,
                page,
                sidebar: &sidebar,
                content,
            },
        )
    }

    pub(super) fn lesson_page(&self, index: usize, bodies: &Bodies) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Content<'a> {
            lesson: LessonPage<'a>,
            prev: Option<&'a LessonRef>,
            next: Option<&'a LessonRef>,
        }
        let (Some(summary), Some(body)) = (self.summaries.get(index), bodies.lessons.get(index))
        else {
            return Err(Diagnostic::error(
                "content",
                0..0,
                format!("internal: no lesson number {index}"),
            ));
        };
        let this = Page::Lesson(index);
        let page = self.page_info(this, &summary.title, &summary.summary);
        self.web_page(
            "lesson.html",
            page,
            this,
            Content {
                lesson: LessonPage::new(summary, body),
                prev: index.checked_sub(1).and_then(|i| self.refs.get(i)),
                next: self.refs.get(index + 1),
            },
        )
    }

    pub(super) fn reference_page(
        &self,
        index: usize,
        bodies: &Bodies,
    ) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Content<'a> {
            reference: ReferenceContent<'a>,
        }
        let (Some(page), Some(link), Some(body)) = (
            self.guide.pages.get(index),
            self.page_refs.get(index),
            bodies.pages.get(index),
        ) else {
            return Err(Diagnostic::error(
                "content",
                0..0,
                format!("internal: no reference page number {index}"),
            ));
        };
        let this = Page::Reference(index);
        let info = self.page_info(this, &page.title, &page.summary);
        let reference = ReferenceContent::new(link, page, body);
        self.web_page("page.html", info, this, Content { reference })
    }

    pub(super) fn index_page(&self, bodies: &Bodies) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Resource<'a> {
            url: &'a str,
            title: &'a str,
            summary: &'a str,
            #[serde(skip)]
            instructor: bool,
        }
        #[derive(Serialize)]
        struct Content<'a> {
            intro_title: &'a str,
            intro_html: &'a str,
            /// In another language: the introduction is the default language's.
            intro_untranslated: bool,
            /// Every lesson, or none when the guide is shown by chapter.
            lessons: &'a [Arc<LessonSummary>],
            chapters: &'a [ChapterInfo],
            /// Every lesson by its named chapter (when the guide is shown whole and has them).
            groups: &'a [GroupInfo],
            /// The reference pages, listed after the lessons, but those for instructors.
            resources: Vec<Resource<'a>>,
            /// The pages for instructors (only in the instructors' edition).
            instructor_resources: Vec<Resource<'a>>,
            lesson_map_svg: &'a str,
            timeline_html: &'a str,
        }
        let (instructor_resources, resources): (Vec<_>, Vec<_>) =
            (self.page_refs.iter().zip(&self.guide.pages))
                .map(|(link, page)| Resource {
                    url: &link.url,
                    title: &link.title,
                    summary: &page.summary,
                    instructor: page.instructor,
                })
                .partition(|resource| resource.instructor);
        let intro_title = self.guide.intro.title.as_deref();
        let title = intro_title.unwrap_or(&self.guide.config.title);
        let page = self.page_info(Page::Home, title, "");
        self.web_page(
            "index.html",
            page,
            Page::Home,
            Content {
                intro_title: intro_title.unwrap_or_default(),
                intro_html: &bodies.intro.html,
                intro_untranslated: self.guide.intro_untranslated,
                lessons: if self.chapters.is_empty() {
                    &self.summaries
                } else {
                    &[]
                },
                chapters: &self.chapters,
                groups: if self.chapters.is_empty() {
                    &self.groups
                } else {
                    &[]
                },
                resources,
                instructor_resources,
                lesson_map_svg: &self.lesson_map_svg,
                timeline_html: &self.timeline_html,
            },
        )
    }

    /// A chapter's page: its lessons as on the home page of a small guide.
    pub(super) fn chapter_page(&self, index: usize) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Content<'a> {
            chapter: &'a ChapterInfo,
            chapter_count: usize,
            lessons: Vec<&'a LessonSummary>,
            prev_chapter: Option<&'a ChapterInfo>,
            next_chapter: Option<&'a ChapterInfo>,
        }
        let Some(chapter) = self.chapters.get(index) else {
            return Err(Diagnostic::error(
                "content",
                0..0,
                format!("internal: no chapter number {index}"),
            ));
        };
        let strings = &self.guide.strings;
        let (first, last) = (
            chapter.first_step.to_string(),
            chapter.last_step.to_string(),
        );
        let title = if chapter.label.is_empty() {
            strings.fill("steps_range", &[("first", &first), ("last", &last)])
        } else {
            strings.fill(
                "steps_range_labelled",
                &[
                    ("first", &first),
                    ("last", &last),
                    ("label", &chapter.label),
                ],
            )
        };
        let page = self.page_info(Page::Chapter(index), &title, "");
        let content = Content {
            chapter,
            chapter_count: self.chapters.len(),
            lessons: (chapter.lessons.iter())
                .filter_map(|&i| self.summaries.get(i).map(|summary| &**summary))
                .collect(),
            prev_chapter: index.checked_sub(1).and_then(|i| self.chapters.get(i)),
            next_chapter: self.chapters.get(index + 1),
        };
        self.web_page("chapter.html", page, Page::Chapter(index), content)
    }

    pub(super) fn gear_page(&self) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Content<'a> {
            categories: &'a [CategoryTable],
        }
        let page = self.page_info(Page::Gear, self.guide.strings.get("gear_compared"), "");
        let categories = &self.categories;
        self.web_page("gear.html", page, Page::Gear, Content { categories })
    }

    pub(super) fn checklists_page(&self) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Content<'a> {
            lessons: &'a [Arc<LessonSummary>],
        }
        let page = self.page_info(
            Page::Checklists,
            self.guide.strings.get("all_checklists"),
            "",
        );
        let lessons = &self.summaries;
        self.web_page(
            "checklists.html",
            page,
            Page::Checklists,
            Content { lessons },
        )
    }

    /// The page at an older address of a lesson or reference page: it sends the reader on to
    /// the page (meta refresh, a script that keeps the `#fragment`, and a plain link), by
    /// addresses relative to itself, and asks search engines to index the page instead.
    pub(super) fn redirect_page(&self, index: usize) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Target<'a> {
            /// The page, relative to the redirect page.
            url: String,
            /// The page's canonical address: absolute with an absolute `base_url`, else `url`.
            canonical: String,
            title: &'a str,
        }
        #[derive(Serialize)]
        struct Content<'a> {
            site: &'a SiteInfo,
            page: PageInfo,
            target: Target<'a>,
        }
        let Some((to, title)) = self.redirect_target(index) else {
            return Err(Diagnostic::error(
                "content",
                0..0,
                format!("internal: no redirect number {index}"),
            ));
        };
        let this = Page::Redirect(index);
        let path = this.path(self.guide);
        let up = "../".repeat(path.matches('/').count());
        let url = format!("{up}{}", to.path(self.guide));
        let target_info = self.page_info(to, title, "");
        let canonical = if target_info.canonical.is_empty() {
            url.clone()
        } else {
            target_info.canonical
        };
        let mut page = self.page_info(this, title, "");
        page.canonical = canonical.clone();
        page.languages = Vec::new();
        let target = Target {
            url,
            canonical,
            title,
        };
        let site = &self.site;
        self.render("redirect.html", &Content { site, page, target })
    }

    /// The page redirect `index` leads to, and its title.
    pub(super) fn redirect_target(&self, index: usize) -> Option<(Page, &str)> {
        Some(match self.guide.redirects.get(index)?.target {
            RedirectTarget::Lesson(i) => {
                (Page::Lesson(i), &self.guide.lessons.get(i)?.source.title)
            }
            RedirectTarget::Page(i) => (Page::Reference(i), &self.guide.pages.get(i)?.title),
        })
    }

    /// Every lesson's key points, each lesson's under its title.
    pub(super) fn key_points_page(&self, bodies: &Bodies) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct KeyPoints<'a> {
            #[serde(flatten)]
            lesson: &'a LessonRef,
            keypoints: &'a [String],
        }
        #[derive(Serialize)]
        struct Content<'a> {
            lessons: Vec<KeyPoints<'a>>,
        }
        let page = self.page_info(
            Page::KeyPoints,
            self.guide.strings.get("all_key_points"),
            "",
        );
        let lessons = (self.refs.iter().zip(&bodies.lessons))
            .filter(|(_, body)| !body.keypoints.is_empty())
            .map(|(lesson, body)| KeyPoints {
                lesson,
                keypoints: &body.keypoints,
            })
            .collect();
        self.web_page(
            "key-points.html",
            page,
            Page::KeyPoints,
            Content { lessons },
        )
    }

    pub(super) fn not_found_page(&self) -> Result<String, Diagnostic> {
        let page = self.page_info(Page::NotFound, self.guide.strings.get("page_not_found"), "");
        self.web_page("404.html", page, Page::NotFound, serde_json::Map::new())
    }
}
