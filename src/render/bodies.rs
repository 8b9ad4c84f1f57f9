//! The Markdown phase: every lesson's body, every reference page's and the introduction rendered
//! to HTML (in parallel), and the links between pages checked, anchors included. It runs on a
//! guide with errors too, so one build reports every problem; pages are filled in later, once
//! the guide is good. Lesson bodies are kept between the preview's builds ([`BodyCache`]);
//! reference pages, like the introduction, are few and rendered on every build.

use fnv::FnvHashSet as HashSet;
use std::sync::Arc;

use rayon::prelude::*;

use super::anchors::{KeptAnchorChecks, NamedBody, check_anchors_cached};
use super::handout_fit::handout_overflow;
use super::page::Page;
use super::page_map::{layout_digest, page_map_cached};
use crate::diagnostics::Diagnostic;
use crate::fingerprint::{Fingerprint, FingerprintCache};
use crate::load::{CONTENT_DIR, INTRO_FILE};
use crate::markdown::unmatched::Suggestions;
use crate::markdown::{
    Edition, HighlightCache, MarkdownInput, Outline, OutlineLesson, PageMap, RenderedMarkdown,
    Target, render_markdown,
};
use crate::model::front_matter::mentions_outline;
use crate::model::page::ReferencePage;
use crate::model::{Guide, Lesson};

/// The key under which the introduction's anchors are known.
pub const INTRO_PAGE: &str = "index";

/// Every lesson's body (in step order), every reference page's and the introduction, rendered.
#[derive(Debug, Clone, Default)]
pub struct Bodies {
    /// Shared with the [`BodyCache`], which keeps them for the next build.
    pub lessons: Vec<Arc<RenderedMarkdown>>,
    /// In the order of [`Guide::pages`].
    pub pages: Vec<RenderedMarkdown>,
    pub intro: RenderedMarkdown,
    /// The bodies of the guide in each of its other languages, in the order of
    /// [`Guide::translations`].
    pub translations: Vec<Bodies>,
}

/// Rendered lesson bodies by file, kept between builds by the preview server: a body is rendered
/// again only when its text, its place or what its links and tables refer to changed. The
/// anchor problems of each body are kept too, and checked again only for changed bodies, or for
/// all when a heading changed anywhere.
#[derive(Default)]
pub struct BodyCache {
    bodies: FingerprintCache<String, Arc<RenderedMarkdown>>,
    anchors: KeptAnchorChecks,
    /// The page map links resolve through, while no file's path, slug or place changes.
    page_map: FingerprintCache<(), Arc<PageMap>>,
    /// The same for each of the guide's other languages, in the order of its translations.
    translations: Vec<BodyCache>,
}

impl BodyCache {
    /// A cache that keeps what each build renders for the next.
    pub fn enabled() -> Self {
        BodyCache {
            bodies: FingerprintCache::enabled(),
            anchors: KeptAnchorChecks::default(),
            page_map: FingerprintCache::enabled(),
            translations: Vec::new(),
        }
    }
}

/// Whether a file the guide's Markdown includes may hold an outline block.
fn includes_mention_outline(guide: &Guide) -> bool {
    (guide.includes.texts()).any(|file| mentions_outline(&file.text))
}

/// Whether `lesson`'s body may show an outline block, of its own or from a file it includes.
fn may_show_outline(guide: &Guide, lesson: &Lesson, includes_mention_outline: bool) -> bool {
    let source = &lesson.source;
    source.parts.mentions_outline
        || (includes_mention_outline && guide.includes.edges.contains_key(&source.file))
}

/// Every lesson as outline blocks list it, with the guide's named chapters; an outline of no
/// lessons when no body of the guide can hold an outline block.
pub fn outline_of(guide: &Guide, pages: &PageMap) -> Outline {
    let wanted = (guide.lessons.iter()).any(|lesson| lesson.source.parts.mentions_outline)
        || (guide.pages.iter()).any(|page| page.parts.mentions_outline)
        || mentions_outline(&guide.intro.body)
        || includes_mention_outline(guide);
    if !wanted {
        return Outline::default();
    }
    let durations = guide.duration_words();
    let lessons = (guide.lessons.iter())
        .filter_map(|lesson| {
            let source = &lesson.source;
            Some(OutlineLesson {
                slug: source.slug.clone(),
                title: source.title.clone(),
                step: source.step,
                duration: durations.of(source.duration),
                range: source.duration.range,
                target: pages.get(&source.content_path)?.clone(),
            })
        })
        .collect();
    let chapters = (guide.chapters.iter())
        .filter(|chapter| chapter.name.is_some())
        .map(|chapter| chapter.lessons.clone());
    Outline::new(lessons, chapters, guide.time_unit())
}

/// A file beside the lessons must not take the place of a page the site makes (`gear.html`, a
/// lesson's page, `assets/...`), nor of a folder the site makes (a plain file `content/assets`,
/// or `content/es` in a guide with Spanish), nor sit in a folder named like one of its pages
/// (`content/a.html/x.png` beside lesson `a`): each would fail the write half-way with the
/// system's words ("File exists") instead of this. Each language checks its own pages, in its
/// folder (`es/a.html`, `es/assets/...`), against every file.
fn check_asset_paths(guide: &Guide) -> Vec<Diagnostic> {
    if guide.assets.is_empty() {
        return Vec::new();
    }
    // A redirect's path is checked with the aliases (`model::aliases`), which name the alias.
    let folder = &guide.language.folder;
    let made: HashSet<String> = (Page::all(guide).into_iter())
        .filter(|page| !matches!(page, Page::Redirect(_)))
        .map(|p| format!("{folder}{}", p.path(guide)))
        .collect();
    // The folders the site makes: `assets/`, each language's, and those of its pages' paths.
    let mut folders: HashSet<&str> = HashSet::default();
    let own_folder = folder.trim_end_matches('/');
    let assets_folder = format!("{folder}assets");
    folders.insert(&assets_folder);
    if folder.is_empty() {
        for language in &guide.language.all {
            folders.insert(language.folder.trim_end_matches('/'));
        }
    }
    for path in &made {
        let parents = path.match_indices('/').map(|(at, _)| &path[..at]);
        folders.extend(parents.filter(|parent| *parent != own_folder));
    }
    let kept = format!("{assets_folder}/");
    let taken = |path: &str| -> Option<String> {
        if made.contains(path) || path.starts_with(&kept) {
            return Some(format!(
                "this file would take the place of the site's own `{path}`"
            ));
        }
        if folders.contains(path) {
            return Some(format!(
                "this file would take the place of the site's folder `{path}/`"
            ));
        }
        let page = (path.match_indices('/').map(|(at, _)| &path[..at]))
            .find(|folder| made.contains(*folder))?;
        Some(format!(
            "this file's folder `{page}/` would take the place of the site's page `{page}`"
        ))
    };
    (guide.assets.keys())
        .filter_map(|path| {
            let message = taken(path)?;
            Some(
                Diagnostic::error(format!("{CONTENT_DIR}/{path}"), 0..0, message)
                    .with_help("rename the file or its folder (the site keeps `assets/`, the language folders and the page names for itself)"),
            )
        })
        .collect()
}

/// What every body of one render shares: the guide, where links lead, the output and edition,
/// and the highlighted code blocks.
pub struct BodyContext<'a> {
    pub guide: &'a Guide,
    pub pages: &'a PageMap,
    pub outline: &'a Outline,
    pub target: Target,
    pub edition: Edition,
    pub highlights: &'a HighlightCache,
}

impl<'a> BodyContext<'a> {
    /// What renders `lesson`'s Markdown.
    pub fn lesson(&self, lesson: &'a Lesson) -> MarkdownInput<'a> {
        let source = &lesson.source;
        let (file, markdown) = (&source.file, &source.parts.body);
        self.input(
            file,
            &source.content_path,
            &source.slug,
            markdown,
            source.parts.body_offset,
        )
    }

    /// What renders reference page `page`'s Markdown.
    pub fn reference(&self, page: &'a ReferencePage) -> MarkdownInput<'a> {
        let (file, markdown) = (&page.file, &page.parts.body);
        self.input(
            file,
            &page.content_path,
            &page.slug,
            markdown,
            page.parts.body_offset,
        )
    }

    fn input(
        &self,
        file: &'a str,
        content_path: &'a str,
        page: &'a str,
        markdown: &'a str,
        offset: usize,
    ) -> MarkdownInput<'a> {
        MarkdownInput {
            file,
            content_path,
            page,
            markdown,
            offset,
            pages: self.pages,
            gear: &self.guide.gear,
            outline: self.outline,
            assets: &self.guide.assets,
            includes: &self.guide.includes,
            expansion: None,
            target: self.target,
            edition: self.edition,
            highlights: self.highlights,
            strings: &self.guide.strings,
            hidelines: &self.guide.config.code.hidelines,
            root: self.guide.language.root(),
        }
    }
}

/// Renders every lesson's Markdown for `edition` and checks links. Problems are returned with
/// the bodies.
pub fn render_bodies(guide: &Guide) -> (Bodies, Vec<Diagnostic>) {
    let highlights = HighlightCache::for_one_build();
    render_bodies_cached(guide, &mut BodyCache::default(), &highlights)
}

/// [`render_bodies`], reusing every body whose inputs have not changed, and keeping the code
/// blocks it highlights in `highlights` for the print edition. The guide's other languages are
/// rendered beside its own, each with its own cache.
pub fn render_bodies_cached(
    guide: &Guide,
    cache: &mut BodyCache,
    highlights: &HighlightCache,
) -> (Bodies, Vec<Diagnostic>) {
    let enabled = cache.bodies.is_enabled();
    let mut caches = std::mem::take(&mut cache.translations);
    caches.resize_with(guide.translations.len(), || {
        if enabled {
            BodyCache::enabled()
        } else {
            BodyCache::default()
        }
    });
    // Every language at once, each in parallel within.
    let ((mut bodies, mut problems), translated) = rayon::join(
        || render_language_bodies(guide, cache, highlights),
        || {
            (guide.translations.par_iter())
                .zip(caches.par_iter_mut())
                .map(|(translation, cache)| render_language_bodies(translation, cache, highlights))
                .collect::<Vec<_>>()
        },
    );
    cache.translations = caches;
    for (translated, found) in translated {
        bodies.translations.push(translated);
        problems.extend(found);
    }
    (bodies, problems)
}

/// The bodies of one language of the guide.
fn render_language_bodies(
    guide: &Guide,
    cache: &mut BodyCache,
    highlights: &HighlightCache,
) -> (Bodies, Vec<Diagnostic>) {
    let started = std::time::Instant::now();
    let layout = layout_digest(guide);
    let pages = page_map_cached(&mut cache.page_map, guide, layout);
    let outline = outline_of(guide, &pages);
    let context = BodyContext {
        guide,
        pages: &pages,
        outline: &outline,
        target: Target::Web,
        edition: guide.edition,
        highlights,
    };
    let context_hash = (cache.bodies.is_enabled()).then(|| links_fingerprint(guide, layout));
    // A body with an outline shows other lessons' titles and times: only such bodies depend on
    // them (`FileParts::mentions_outline`, or a file it includes).
    let outline_digest = outline.digest();
    let included_outline = includes_mention_outline(guide);
    let lessons: Vec<(u64, Arc<RenderedMarkdown>)> = (guide.lessons.par_iter())
        .map(|lesson| {
            let source = &lesson.source;
            let key = context_hash.map_or(0, |seed| {
                // The file's digest stands for its body (and more).
                Fingerprint::seeded(seed)
                    .add_number(source.parts.file_digest)
                    // What it includes, at any depth.
                    .add_number(guide.includes.digest_for(&source.file))
                    .add(&source.content_path)
                    .add(&source.slug)
                    .add(&source.parts.body_offset.to_string())
                    .add_number(if may_show_outline(guide, lesson, included_outline) {
                        outline_digest
                    } else {
                        0
                    })
                    .finish()
            });
            if let Some(body) = cache.bodies.get(&source.file, key) {
                return (key, Arc::clone(body));
            }
            (key, Arc::new(render_markdown(&context.lesson(lesson))))
        })
        .collect();
    let keys: Vec<u64> = lessons.iter().map(|(key, _)| *key).collect();
    if cache.bodies.is_enabled() {
        cache.bodies.refill_in_place(
            (guide.lessons.iter().zip(&lessons))
                .map(|(lesson, (key, body))| (lesson.source.file.as_str(), *key, Arc::clone(body))),
        );
    }
    log::debug!("bodies: lessons at {:?}", started.elapsed());
    let lessons: Vec<Arc<RenderedMarkdown>> = lessons.into_iter().map(|(_, body)| body).collect();
    let references: Vec<RenderedMarkdown> = (guide.pages.par_iter())
        .map(|page| render_markdown(&context.reference(page)))
        .collect();
    let intro = &guide.intro;
    let (file, markdown) = (intro.file.as_str(), &*intro.body);
    let intro =
        render_markdown(&context.input(file, INTRO_FILE, INTRO_PAGE, markdown, intro.body_offset));
    let mut bodies = Bodies {
        lessons,
        pages: references,
        intro,
        translations: Vec::new(),
    };
    let named = named_bodies(guide, &bodies);
    // Names that are not there get their "did you mean" now, in file order, within one budget.
    let mut suggestions = Suggestions::new(&pages, &guide.assets);
    let mut problems: Vec<Diagnostic> = Vec::new();
    for named in &named {
        let start = problems.len();
        problems.extend(named.body.problems.iter().cloned());
        suggestions.fill_in(&mut problems[start..], &named.body.unmatched);
    }
    // In another language, a broken anchor is most often an untranslated lesson's link to a
    // heading that was translated.
    let translated = (!guide.language.folder.is_empty()).then_some(guide.language.code.as_str());
    log::debug!("bodies: links checked at {:?}", started.elapsed());
    problems.extend(check_anchors_cached(
        &named,
        &keys,
        &mut cache.anchors,
        cache.bodies.is_enabled(),
        translated,
        &mut suggestions.suggester,
    ));
    log::debug!("bodies: anchors checked at {:?}", started.elapsed());
    problems.extend(check_asset_paths(guide));
    problems.extend(handout_overflow(guide, &bodies.lessons));
    log::debug!("bodies: handout measured at {:?}", started.elapsed());
    // What only the checks above need goes now, before the pages are made (bodies the cache
    // keeps for the next build stay as they are).
    let owned = (bodies.lessons.iter_mut()).filter_map(Arc::get_mut);
    for body in owned.chain(&mut bodies.pages) {
        body.link_checks = Vec::new();
        body.unmatched = Vec::new();
    }
    (bodies, problems)
}

/// Every body of the guide: the lessons', the reference pages', the introduction's.
fn named_bodies<'a>(guide: &'a Guide, bodies: &'a Bodies) -> Vec<NamedBody<'a>> {
    let lessons = (guide.lessons.iter()).map(|l| (l.source.slug.as_str(), l.source.file.as_str()));
    let pages = (guide.pages.iter()).map(|p| (p.slug.as_str(), p.file.as_str()));
    let intro = [(INTRO_PAGE, guide.intro.file.as_str())];
    (lessons.zip(bodies.lessons.iter().map(|body| &**body)))
        .chain(pages.zip(&bodies.pages))
        .chain(intro.into_iter().zip([&bodies.intro]))
        .map(|((key, file), body)| NamedBody { key, file, body })
        .collect()
}

/// What every body depends on besides its own text: the lessons' and pages' files and slugs
/// (its links, `layout` from [`layout_digest`]), the gear (its tables), the files beside the
/// lessons (its pictures) and the edition.
fn links_fingerprint(guide: &Guide, layout: u64) -> u64 {
    let mut fingerprint = Fingerprint::seeded(layout);
    fingerprint.add_number(u64::from(guide.edition == Edition::Instructor));
    // The words of block labels and tables, and where the files beside the lessons are.
    fingerprint
        .add_number(guide.strings.digest())
        .add(guide.language.root());
    fingerprint.add(&serde_json::to_string(&guide.gear).unwrap_or_default());
    for (language, prefix) in &guide.config.code.hidelines {
        fingerprint.add(language).add(prefix);
    }
    // Which files are beside the lessons, and their sizes: an image's width and height, and
    // whether it has a dark variant.
    for (path, asset) in &guide.assets {
        let (width, height) = asset.dimensions.unwrap_or_default();
        fingerprint
            .add(path)
            .add_number(u64::from(width))
            .add_number(u64::from(height));
    }
    fingerprint.finish()
}
