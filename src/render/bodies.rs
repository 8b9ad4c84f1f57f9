//! The Markdown phase: every lesson's body and the introduction rendered to HTML (in parallel),
//! and the links between pages checked, anchors included. It runs on a guide with errors too, so
//! one build reports every problem; pages are filled in later, once the guide is good.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::page::{Page, page_url};
use super::search;
use crate::diagnostics::{Diagnostic, closest_match};
use crate::fingerprint::{Fingerprint, FingerprintCache};
use crate::load::{CONTENT_DIR, INTRO_FILE};
use crate::markdown::links::PageTarget;
use crate::markdown::{
    Edition, HighlightCache, MarkdownInput, PageMap, RenderedMarkdown, Target, render_markdown,
};
use crate::model::{Guide, Lesson};

/// The key under which the introduction's anchors are known.
pub const INTRO_PAGE: &str = "index";

/// Every lesson's body (in step order) and the introduction, rendered.
#[derive(Debug, Clone, Default)]
pub struct Bodies {
    pub lessons: Vec<RenderedMarkdown>,
    pub intro: RenderedMarkdown,
}

/// Rendered lesson bodies by file, kept between builds by the preview server: a body is rendered
/// again only when its text, its place or what its links and tables refer to changed.
pub type BodyCache = FingerprintCache<String, RenderedMarkdown>;

/// Every page a lesson's link can lead to, by `content/`-relative file.
pub fn page_map(guide: &Guide) -> PageMap {
    let mut pages = PageMap::default();
    for lesson in &guide.lessons {
        let slug = &lesson.source.slug;
        let target = PageTarget {
            href: page_url(slug),
            page: slug.clone(),
            printed: true,
        };
        pages.insert(&lesson.source.content_path, target);
    }
    let intro = PageTarget {
        href: page_url(INTRO_PAGE),
        page: INTRO_PAGE.to_string(),
        printed: false,
    };
    pages.insert(INTRO_FILE, intro);
    for page in Page::all(guide) {
        pages.add_site_page(page.path(guide));
    }
    pages
}

/// A file beside the lessons must not take the place of a page the site makes (`gear.html`,
/// a lesson's page, `assets/...`).
fn check_asset_paths(guide: &Guide) -> Vec<Diagnostic> {
    let made: HashSet<String> = Page::all(guide)
        .into_iter()
        .map(|p| p.path(guide))
        .collect();
    guide
        .assets
        .keys()
        .filter(|path| made.contains(*path) || path.starts_with("assets/"))
        .map(|path| {
            Diagnostic::error(
                format!("{CONTENT_DIR}/{path}"),
                0..0,
                format!("this file would take the place of the site's own `{path}`"),
            )
            .with_help("rename the file or move it into another folder (the site keeps `assets/` and the page names for itself)")
        })
        .collect()
}

/// What renders a lesson's Markdown for `target` and `edition`.
pub fn lesson_input<'a>(
    lesson: &'a Lesson,
    guide: &'a Guide,
    pages: &'a PageMap,
    target: Target,
    edition: Edition,
    highlights: &'a HighlightCache,
) -> MarkdownInput<'a> {
    let source = &lesson.source;
    MarkdownInput {
        file: &source.file,
        content_path: &source.content_path,
        page: &source.slug,
        markdown: &source.body,
        offset: source.body_offset,
        pages,
        gear: &guide.gear,
        assets: &guide.assets,
        target,
        edition,
        highlights,
    }
}

/// Renders every lesson's Markdown for `edition` and checks links. Problems are returned with
/// the bodies.
pub fn render_bodies(guide: &Guide, edition: Edition) -> (Bodies, Vec<Diagnostic>) {
    let highlights = HighlightCache::for_one_build();
    render_bodies_cached(guide, edition, &mut BodyCache::default(), &highlights)
}

/// [`render_bodies`], reusing every body whose inputs have not changed, and keeping the code
/// blocks it highlights in `highlights` for the print edition.
pub fn render_bodies_cached(
    guide: &Guide,
    edition: Edition,
    cache: &mut BodyCache,
    highlights: &HighlightCache,
) -> (Bodies, Vec<Diagnostic>) {
    let pages = page_map(guide);
    let context_hash = cache
        .is_enabled()
        .then(|| links_fingerprint(guide, edition));
    let lessons: Vec<(u64, RenderedMarkdown)> = (guide.lessons.par_iter())
        .map(|lesson| {
            let source = &lesson.source;
            let key = context_hash.map_or(0, |seed| {
                Fingerprint::seeded(seed)
                    .add(&source.body)
                    .add(&source.content_path)
                    .add(&source.slug)
                    .add(&source.body_offset.to_string())
                    .finish()
            });
            if let Some(body) = cache.get(&source.file, key) {
                return (key, body.clone());
            }
            let input = lesson_input(lesson, guide, &pages, Target::Web, edition, highlights);
            (key, render_markdown(&input))
        })
        .collect();
    if cache.is_enabled() {
        cache.refill(
            (guide.lessons.iter().zip(&lessons))
                .map(|(lesson, (key, body))| (lesson.source.file.clone(), *key, body.clone())),
        );
    }
    let mut lessons: Vec<RenderedMarkdown> = lessons.into_iter().map(|(_, body)| body).collect();
    let intro = render_markdown(&MarkdownInput {
        file: &guide.intro.file,
        content_path: INTRO_FILE,
        page: INTRO_PAGE,
        markdown: &guide.intro.body,
        offset: guide.intro.body_offset,
        pages: &pages,
        gear: &guide.gear,
        assets: &guide.assets,
        target: Target::Web,
        edition,
        highlights,
    });
    let mut problems: Vec<Diagnostic> = lessons
        .iter()
        .chain([&intro])
        .flat_map(|b| b.problems.clone())
        .collect();
    problems.extend(check_anchors(guide, &lessons, &intro));
    problems.extend(check_asset_paths(guide));
    // What only the checks above and the search index need goes now, before the pages are made.
    search::trim_texts(&mut lessons);
    for body in &mut lessons {
        body.link_checks = Vec::new();
    }
    (Bodies { lessons, intro }, problems)
}

/// What every body depends on besides its own text: the lessons' files and slugs (its links),
/// the gear (its tables) and the edition.
fn links_fingerprint(guide: &Guide, edition: Edition) -> u64 {
    let mut fingerprint = Fingerprint::default();
    fingerprint.add_number(u64::from(edition == Edition::Instructor));
    for lesson in &guide.lessons {
        fingerprint
            .add(&lesson.source.content_path)
            .add(&lesson.source.slug);
    }
    fingerprint.add(&serde_json::to_string(&guide.gear).unwrap_or_default());
    fingerprint.finish()
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
    anchors.insert(INTRO_PAGE, anchor_set(intro));
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
            let page = if check.page == INTRO_PAGE {
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
