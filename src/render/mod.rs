//! Rendering: the checked guide -> the site's files, in memory.
//!
//! Two phases. [`render_bodies`] turns every lesson's Markdown into HTML (in parallel) and checks
//! the links between lessons, anchors included; it can run on a guide with errors, so one build
//! reports every problem. [`render_pages`] then fills the theme's templates, once the guide is
//! known to be good. Nothing here reads `content/` or writes to disk.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostics::{Diagnostic, closest_match};
use crate::fingerprint::Fingerprint;
use crate::load::INTRO_FILE;
use crate::markdown::compare::{TableAnchors, comparison_table};
use crate::markdown::headings::anchor_for;
use crate::markdown::{MarkdownInput, PageMap, RenderedMarkdown, render_markdown};
use crate::model::Guide;

pub mod context;
pub mod map;
mod pages;
mod print;
pub mod search;
pub mod sitemap;
pub mod theme;
pub mod timeline;

pub use pages::{PageCache, render_pages, render_pages_cached};
pub use theme::{Theme, load_theme};

use context::{CategoryTable, lesson_url};

/// The rendered site: file path (relative, `/`-separated) -> bytes. Ordered, so writing it is
/// deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    /// Number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.files
            .keys()
            .filter(|path| path.ends_with(".html"))
            .count()
    }
}

/// Why the pages of a good guide could not all be made.
#[derive(Debug)]
pub enum RenderFailure<E> {
    /// Templates that fail to render, as diagnostics (every one found).
    Templates(Vec<Diagnostic>),
    /// A file could not be written (the [`crate::output::SiteWriter`]'s error).
    Output(E),
}

impl<E> From<Diagnostic> for RenderFailure<E> {
    fn from(problem: Diagnostic) -> Self {
        RenderFailure::Templates(vec![problem])
    }
}

impl<E> RenderFailure<E> {
    /// Sorts one page's outcome: template problems join `problems`, so that every one is
    /// reported; a file that cannot be written stops the build.
    fn gather<T>(
        outcome: Result<T, Self>,
        problems: &mut Vec<Diagnostic>,
    ) -> Result<Option<T>, Self> {
        match outcome {
            Ok(value) => Ok(Some(value)),
            Err(RenderFailure::Templates(found)) => {
                problems.extend(found);
                Ok(None)
            }
            Err(failure) => Err(failure),
        }
    }
}

/// Choices that change the output but not the guide.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The date printed on the cover of the print edition (`YYYY-MM-DD`).
    pub build_date: String,
    /// HTML inserted before `</body>` of every web page (the preview server's reload script).
    pub inject_html: Option<String>,
}

/// Every lesson's body (in step order) and the introduction, rendered.
#[derive(Debug, Clone, Default)]
pub struct Bodies {
    pub lessons: Vec<RenderedMarkdown>,
    pub intro: RenderedMarkdown,
}

/// Rendered lesson bodies by file, kept between builds by the preview server: a body is rendered
/// again only when its text, its place or what its links and tables refer to changed.
#[derive(Debug, Default, Clone)]
pub struct BodyCache {
    entries: HashMap<String, (u64, RenderedMarkdown)>,
    /// Off for one-off builds, which would only pay for the hashing and the copies.
    enabled: bool,
}

impl BodyCache {
    /// A cache that keeps rendered bodies for the next build.
    pub fn enabled() -> Self {
        BodyCache {
            entries: HashMap::new(),
            enabled: true,
        }
    }
}

/// Renders every lesson's Markdown and checks links. Problems are returned with the bodies.
pub fn render_bodies(guide: &Guide) -> (Bodies, Vec<Diagnostic>) {
    render_bodies_cached(guide, &mut BodyCache::default())
}

/// [`render_bodies`], reusing every body whose inputs have not changed.
pub fn render_bodies_cached(guide: &Guide, cache: &mut BodyCache) -> (Bodies, Vec<Diagnostic>) {
    let mut pages = PageMap::default();
    let mut context_hash = Fingerprint::default();
    for lesson in &guide.lessons {
        let slug = &lesson.source.slug;
        pages.insert(&lesson.source.content_path, lesson_url(slug), slug.clone());
        context_hash.add(&lesson.source.content_path).add(slug);
    }
    pages.insert(INTRO_FILE, "index.html".to_string(), "index".to_string());
    context_hash.add(&serde_json::to_string(&guide.gear).unwrap_or_default());
    let context_hash = context_hash.finish();
    let lessons: Vec<(u64, RenderedMarkdown)> = guide
        .lessons
        .par_iter()
        .map(|lesson| {
            let source = &lesson.source;
            let key = if cache.enabled {
                Fingerprint::seeded(context_hash)
                    .add(&source.body)
                    .add(&source.content_path)
                    .add(&source.slug)
                    .add(&source.body_offset.to_string())
                    .finish()
            } else {
                0
            };
            if let Some((cached_key, body)) = cache.entries.get(&source.file)
                && *cached_key == key
            {
                return (key, body.clone());
            }
            let body = render_markdown(&MarkdownInput {
                file: &source.file,
                content_path: &source.content_path,
                page: &source.slug,
                markdown: &source.body,
                offset: source.body_offset,
                pages: &pages,
                gear: &guide.gear,
            });
            (key, body)
        })
        .collect();
    if cache.enabled {
        cache.entries = guide
            .lessons
            .iter()
            .zip(&lessons)
            .map(|(lesson, (key, body))| (lesson.source.file.clone(), (*key, body.clone())))
            .collect();
    }
    let mut lessons: Vec<RenderedMarkdown> = lessons.into_iter().map(|(_, body)| body).collect();
    let intro = render_markdown(&MarkdownInput {
        file: &guide.intro.file,
        content_path: INTRO_FILE,
        page: "index",
        markdown: &guide.intro.body,
        offset: guide.intro.body_offset,
        pages: &pages,
        gear: &guide.gear,
    });
    let mut problems: Vec<Diagnostic> = lessons
        .iter()
        .chain([&intro])
        .flat_map(|b| b.problems.clone())
        .collect();
    problems.extend(check_anchors(guide, &lessons, &intro));
    // What only the checks above and the search index need goes now, before the pages are made.
    search::trim_texts(&mut lessons);
    for body in &mut lessons {
        body.link_checks = Vec::new();
    }
    (Bodies { lessons, intro }, problems)
}

/// Every `page.md#anchor` link must name a heading of that page.
fn check_anchors(
    guide: &Guide,
    lessons: &[RenderedMarkdown],
    intro: &RenderedMarkdown,
) -> Vec<Diagnostic> {
    let mut anchors: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (lesson, body) in guide.lessons.iter().zip(lessons) {
        anchors.insert(&lesson.source.slug, anchor_set(body));
    }
    anchors.insert("index", anchor_set(intro));
    let files = guide
        .lessons
        .iter()
        .map(|l| l.source.file.as_str())
        .chain([guide.intro.file.as_str()]);
    let mut problems = Vec::new();
    for (file, body) in files.zip(lessons.iter().chain([intro])) {
        for check in &body.link_checks {
            let Some(known) = anchors.get(check.page.as_str()) else {
                continue;
            };
            if known.contains(check.anchor.as_str()) {
                continue;
            }
            let page = if check.page == "index" {
                "the introduction".to_string()
            } else {
                format!("`{}`", check.page)
            };
            let diagnostic = Diagnostic::error(
                file,
                check.span.clone(),
                format!("{page} has no heading `#{}`", check.anchor),
            )
            .with_label("no such anchor");
            let diagnostic = match closest_match(&check.anchor, known.iter().copied()) {
                Some(best) => diagnostic.with_help(format!("did you mean `#{best}`?")),
                None => diagnostic.with_help("anchors are heading texts in lower case with spaces as `-`, e.g. `#why-it-matters`"),
            };
            problems.push(diagnostic);
        }
    }
    problems
}

fn anchor_set(body: &RenderedMarkdown) -> HashSet<&str> {
    body.headings
        .iter()
        .map(|h| h.id.as_str())
        .chain(body.tasks.iter().map(|t| t.id.as_str()))
        .collect()
}

/// Every gear category with its full table (rows anchored for `gear.html#gear-<id>`).
pub fn category_tables(guide: &Guide) -> Vec<CategoryTable> {
    guide
        .gear
        .categories
        .iter()
        .map(|category| {
            let items: Vec<_> = category.items.iter().collect();
            let columns: Vec<usize> = (0..category.attributes.len()).collect();
            CategoryTable {
                id: category.id.clone(),
                title: category.title.clone(),
                description: category.description.clone(),
                table_html: comparison_table(category, &items, &columns, TableAnchors::Rows),
            }
        })
        .collect()
}

/// The id under which browsers keep this guide's checklist ticks.
pub fn guide_id(guide: &Guide) -> String {
    let id = anchor_for(&guide.config.title);
    if id.is_empty() {
        "guide".to_string()
    } else {
        id
    }
}

/// A Tera context from any serializable value.
fn to_context<T: Serialize>(value: &T) -> Context {
    Context::from_serialize(value).expect("page contexts are structs that serialize to maps")
}
