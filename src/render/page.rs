//! The site's pages as an explicit list: every file the renderer makes is a [`Page`], which
//! knows its path and kind. What a page is made from and how (its fingerprint and its builder)
//! is the [`super::renderer::Renderer`]'s; one loop in [`super::pages`] renders them all. A new
//! kind of page is one variant here and one arm in each of those matches.

use super::map::MAX_LESSON_NODES;
use super::search;
use crate::model::Guide;

/// The file of the page with this slug (a lesson's, a reference page's, or `index`).
pub fn page_url(slug: &str) -> String {
    format!("{slug}.html")
}

/// The page of chapter `index` (counted from 0): `part-1.html`. Lesson slugs of this shape are
/// reserved (`model::slug`).
pub fn chapter_url(index: usize) -> String {
    format!("part-{}.html", index + 1)
}

/// How many chapter pages `guide` has: none unless it is large enough to be shown by chapter.
pub fn chapter_count(guide: &Guide) -> usize {
    if guide.lessons.len() > MAX_LESSON_NODES {
        super::chapters::chapter_count(guide)
    } else {
        0
    }
}

/// The id of a section of the print edition: `lesson-fit`, `page-glossary`.
fn print_id(kind: &str, slug: &str) -> String {
    format!("{kind}-{slug}")
}

/// One file the renderer makes from the guide (the theme's static files are copied as they are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// The home page: introduction, lessons, map and timeline.
    Home,
    /// A lesson's page, by its index in step order.
    Lesson(usize),
    /// A reference page (glossary, FAQ ...), by its index in [`Guide::pages`].
    Reference(usize),
    /// A chapter of a large guide and its lessons, by its index in
    /// [`super::chapters::chapters`] (only when the guide is drawn by chapter).
    Chapter(usize),
    /// Every comparison table (only when the guide has gear).
    Gear,
    /// Every checklist, in step order.
    Checklists,
    /// Every lesson's key points (`::: keypoints`), in step order (only when a lesson has some).
    KeyPoints,
    /// The page for a missing address.
    NotFound,
    /// The short handout for paper.
    Handout,
    /// The whole guide as one printable document.
    Print,
    /// `assets/search-index.js`: every page's title, summary and headings.
    SearchIndex,
    /// `assets/search/<n>.js`: the whole text of the `n`th run of pages (see [`search`]).
    SearchShard(usize),
    /// `assets/tasks.js`: every checklist's item ids.
    Tasks,
    /// `sitemap.xml` (only with an absolute `base_url`).
    Sitemap,
    /// A page at an older address of a lesson or reference page (`aliases:`) that sends the
    /// reader on, by its index in [`Guide::redirects`].
    Redirect(usize),
    /// `manifest.webmanifest`: the web app manifest (name, icons, colours), so that a reader can
    /// add the guide to a phone's home screen; one per language.
    Manifest,
    /// `sw.js`: the service worker, one for the whole site. With `[offline]` on, it keeps every
    /// file the build wrote (within the caps) for reading offline, and is made last, from
    /// their list ([`super::offline`]); otherwise, and in the preview, it is one that removes
    /// itself and what an earlier one kept.
    ServiceWorker,
}

impl Page {
    /// Every page of `guide`, the web pages in the order a reader meets them.
    pub fn all(guide: &Guide) -> Vec<Page> {
        let mut pages = vec![Page::Home];
        pages.extend((0..guide.lessons.len()).map(Page::Lesson));
        pages.extend((0..guide.pages.len()).map(Page::Reference));
        pages.extend((0..chapter_count(guide)).map(Page::Chapter));
        if !guide.gear.is_empty() {
            pages.push(Page::Gear);
        }
        pages.extend([
            Page::Checklists,
            Page::KeyPoints,
            Page::NotFound,
            Page::Handout,
            Page::Print,
            Page::SearchIndex,
            Page::Tasks,
            Page::Manifest,
            Page::ServiceWorker,
        ]);
        pages.extend((0..search::shard_ranges(guide).len()).map(Page::SearchShard));
        if guide.config.has_absolute_base_url() {
            pages.push(Page::Sitemap);
        }
        pages.extend((0..guide.redirects.len()).map(Page::Redirect));
        pages
    }

    /// Where the page goes in the site (relative, `/`-separated).
    pub fn path(self, guide: &Guide) -> String {
        match self {
            Page::Lesson(index) => guide
                .lessons
                .get(index)
                .map_or_else(|| page_url("index"), |l| page_url(&l.source.slug)),
            Page::Reference(index) => guide
                .pages
                .get(index)
                .map_or_else(|| page_url("index"), |p| page_url(&p.slug)),
            Page::Chapter(index) => chapter_url(index),
            Page::SearchShard(number) => format!("assets/search/{number}.js"),
            Page::Redirect(index) => guide
                .redirects
                .get(index)
                .map_or_else(|| page_url("index"), |r| r.path.clone()),
            other => other.fixed_path().to_string(),
        }
    }

    /// The id of the page's section in the print edition, for a page printed there.
    pub fn print_id(self, guide: &Guide) -> Option<String> {
        match self {
            Page::Lesson(index) => guide
                .lessons
                .get(index)
                .map(|l| print_id("lesson", &l.source.slug)),
            Page::Reference(index) => guide.pages.get(index).map(|p| print_id("page", &p.slug)),
            _ => None,
        }
    }

    fn fixed_path(self) -> &'static str {
        match self {
            // The home page (numbered pages have their paths made in `path`).
            Page::Home
            | Page::Lesson(_)
            | Page::Reference(_)
            | Page::Chapter(_)
            | Page::SearchShard(_)
            | Page::Redirect(_) => "index.html",
            Page::Gear => "gear.html",
            Page::Checklists => "checklists.html",
            Page::KeyPoints => "key-points.html",
            Page::NotFound => "404.html",
            Page::Handout => "handout.html",
            Page::Print => "print.html",
            Page::SearchIndex => "assets/search-index.js",
            Page::Tasks => "assets/tasks.js",
            Page::Sitemap => "sitemap.xml",
            Page::Manifest => "manifest.webmanifest",
            Page::ServiceWorker => super::offline::WORKER_PATH,
        }
    }

    /// The page's kind as templates see it (`page.kind`).
    pub fn kind(self) -> &'static str {
        match self {
            Page::Home => "index",
            Page::Lesson(_) => "lesson",
            Page::Reference(_) => "page",
            Page::Chapter(_) => "chapter",
            Page::Gear => "gear",
            Page::Checklists => "checklists",
            Page::KeyPoints => "key-points",
            Page::NotFound => "404",
            Page::Handout => "handout",
            Page::Print => "print",
            Page::SearchIndex => "search-index",
            Page::SearchShard(_) => "search-shard",
            Page::Tasks => "tasks",
            Page::Sitemap => "sitemap",
            Page::Redirect(_) => "redirect",
            Page::Manifest => "manifest",
            Page::ServiceWorker => "service-worker",
        }
    }

    /// Whether the sitemap lists the page (the web pages a search engine should find).
    pub fn in_sitemap(self) -> bool {
        matches!(
            self,
            Page::Home
                | Page::Lesson(_)
                | Page::Reference(_)
                | Page::Chapter(_)
                | Page::Gear
                | Page::Checklists
                | Page::KeyPoints
        )
    }

    /// Whether the page is large enough to be written as it is rendered, when nothing needs
    /// to keep it (the print edition holds every lesson).
    pub fn is_streamed(self) -> bool {
        self == Page::Print
    }

    /// Whether the page is made after the others, once the web pages' lesson HTML and the
    /// search shards' text are no longer needed: the print edition, and beside it the small
    /// scripts, which need only the lessons' headings and checklists.
    pub fn is_late(self) -> bool {
        matches!(self, Page::Print | Page::SearchIndex | Page::Tasks)
    }

    /// Whether the page is made after every other file of the site, from their list: the
    /// service worker.
    pub fn is_final(self) -> bool {
        self == Page::ServiceWorker
    }

    /// Whether one file serves every language (the others' folders have none of their own).
    pub fn is_shared_by_languages(self) -> bool {
        matches!(self, Page::NotFound | Page::Sitemap | Page::ServiceWorker)
    }
}
