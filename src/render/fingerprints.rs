//! What each page shows, as one fingerprint: the preview and the page cache tell from it,
//! without rendering, whether a page changed. Parts of the guide that many pages show (each
//! lesson's summary, each lesson as a link) are fingerprinted once, by the [`Renderer`].

use super::bodies::Bodies;
use super::context::{LessonRef, PageRef};
use super::page::Page;
use super::renderer::Renderer;
use super::sidebar::{FULL_SIDEBAR_LESSONS, sidebar_pages, sidebar_window};
use crate::fingerprint::Fingerprint;

impl Renderer<'_> {
    /// Everything `page` shows, as one fingerprint; `None` for pages made on every build.
    pub fn fingerprint(&self, page: Page, bodies: &Bodies) -> Option<u64> {
        let mut fingerprint = Fingerprint::seeded(self.shared_fingerprint);
        fingerprint.add(page.kind());
        match page {
            Page::Lesson(index) => {
                fingerprint
                    .add_number(bodies.lessons.get(index)?.digest)
                    .add_number(*self.summary_digests.get(index)?);
                // Other lessons show as links (previous, next, the sidebar): in a small guide
                // every link is in the shared fingerprint; a large guide's sidebar lists the
                // lessons around this one.
                let count = self.refs.len();
                if count > FULL_SIDEBAR_LESSONS {
                    for &digest in self.link_digests.get(sidebar_window(index, count))? {
                        fingerprint.add_number(digest);
                    }
                }
            }
            Page::Reference(index) => {
                let page = self.guide.pages.get(index)?;
                fingerprint
                    .add_number(bodies.pages.get(index)?.digest)
                    .add(&page.summary)
                    .add(&serde_json::to_string(&page.extra).unwrap_or_default());
                // A large guide's sidebar lists the first lessons on pages that are not lessons.
                let count = self.refs.len();
                if count > FULL_SIDEBAR_LESSONS {
                    for &digest in self.link_digests.get(sidebar_window(0, count))? {
                        fingerprint.add_number(digest);
                    }
                }
            }
            Page::Chapter(index) => {
                let chapter = self.chapters.get(index)?;
                fingerprint.add(&chapter.label);
                for &lesson in &chapter.lessons {
                    fingerprint.add_number(*self.summary_digests.get(lesson)?);
                }
                for other in [index.checked_sub(1), Some(index + 1)] {
                    if let Some(other) = other.and_then(|i| self.chapters.get(i)) {
                        fingerprint.add(&other.label);
                    }
                }
            }
            Page::Home | Page::Gear | Page::Checklists | Page::NotFound | Page::Handout => {
                self.add_overview(&mut fingerprint, bodies);
            }
            Page::Print => {
                self.add_overview(&mut fingerprint, bodies);
                let lessons = bodies.lessons.iter().map(|body| body.digest);
                for digest in lessons.chain(bodies.pages.iter().map(|body| body.digest)) {
                    fingerprint.add_number(digest);
                }
                for page in &self.guide.pages {
                    fingerprint
                        .add(&page.summary)
                        .add(&serde_json::to_string(&page.extra).unwrap_or_default());
                }
            }
            Page::KeyPoints => {
                for (body, &link) in bodies.lessons.iter().zip(&self.link_digests) {
                    if !body.keypoints.is_empty() {
                        fingerprint.add_number(link);
                        body.keypoints.iter().for_each(|html| {
                            fingerprint.add(html);
                        });
                    }
                }
            }
            Page::Redirect(index) => {
                let (to, title) = self.redirect_target(index)?;
                fingerprint.add(&to.path(self.guide)).add(title);
            }
            // The manifest shows only the site's facts, already in the shared fingerprint.
            Page::Manifest => {}
            Page::SearchIndex
            | Page::SearchShard(_)
            | Page::Tasks
            | Page::Sitemap
            | Page::ServiceWorker => return None,
        }
        // A guide with many reference pages lists some of them in each sidebar.
        if let Some(window) = sidebar_pages(page, self.page_refs.len()) {
            for link in self.page_refs.get(window)? {
                add_page_link(&mut fingerprint, link);
            }
        }
        Some(fingerprint.finish())
    }

    /// What the pages about the whole guide show: the introduction, the gear, every summary.
    fn add_overview(&self, fingerprint: &mut Fingerprint, bodies: &Bodies) {
        fingerprint
            .add_number(bodies.intro.digest)
            .add(self.guide.intro.title.as_deref().unwrap_or_default());
        for category in &self.categories {
            fingerprint.add(&category.table_html);
        }
        for &digest in &self.summary_digests {
            fingerprint.add_number(digest);
        }
        for chapter in &self.chapters {
            fingerprint.add(&chapter.label);
        }
        // The home page lists every reference page with its summary.
        for (link, page) in self.page_refs.iter().zip(&self.guide.pages) {
            add_page_link(fingerprint, link);
            fingerprint.add(&page.summary);
        }
    }
}

/// What a link to a reference page shows: its address and title.
pub(super) fn add_page_link(fingerprint: &mut Fingerprint, link: &PageRef) {
    fingerprint
        .add(&link.slug)
        .add(&link.title)
        .add_number(u64::from(link.instructor));
}

/// What a link to a lesson shows: its step, address and title.
pub(super) fn add_link(fingerprint: &mut Fingerprint, link: &LessonRef) {
    fingerprint
        .add_number(u64::from(link.step))
        .add(&link.slug)
        .add(&link.title)
        .add_number(u64::from(link.untranslated));
}
