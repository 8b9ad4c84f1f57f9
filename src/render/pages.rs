//! The one loop that renders the site: every [`Page`] of the guide, in parallel, into a
//! [`SiteWriter`], each taken from the [`PageCache`] when its fingerprint has not changed, then
//! the theme's static files and the files beside the lessons.

use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use super::bodies::Bodies;
use super::offline::{self, OfflineReport, Recorder, UNREGISTERING_WORKER};
use super::page::Page;
use super::renderer::RenderOptions;
use super::renderer::Renderer;
use super::site::{Site, SiteWriter};
use super::summaries::{Summaries, SummaryCache};
use super::theme::Theme;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::FingerprintCache;
use crate::markdown::HighlightCache;
use crate::model::Guide;

/// Rendered pages by path, kept between builds by the preview server: a page is rendered again
/// only when something it shows changed.
pub type PageCache = FingerprintCache<String, Vec<u8>>;

/// Why the pages of a good guide could not all be made.
#[derive(Debug)]
pub enum RenderFailure<E> {
    /// Templates that fail to render, as diagnostics (every one found).
    Templates(Vec<Diagnostic>),
    /// A file could not be written (the [`SiteWriter`]'s error).
    Output(E),
}

impl<E> From<Diagnostic> for RenderFailure<E> {
    fn from(problem: Diagnostic) -> Self {
        RenderFailure::Templates(vec![problem])
    }
}

/// A page the cache may keep: its path, fingerprint and bytes.
type Kept = (String, u64, Vec<u8>);

/// Fills the theme's templates for every page of the site and adds the static files, in memory.
/// Works on a copy of `bodies`; the pipeline hands its bodies to [`render_pages_cached`] instead.
pub fn render_pages(
    guide: &Guide,
    bodies: &Bodies,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Site, Vec<Diagnostic>> {
    let site = Mutex::new(Site::default());
    let cache = &mut PageCache::default();
    let highlights = &HighlightCache::for_one_build();
    match render_pages_cached(
        guide,
        bodies.clone(),
        theme,
        options,
        cache,
        highlights,
        &site,
    ) {
        Ok(_) => Ok(site.into_inner().unwrap_or_else(PoisonError::into_inner)),
        Err(RenderFailure::Templates(problems)) => Err(problems),
        Err(RenderFailure::Output(never)) => match never {},
    }
}

/// [`render_pages`] into `writer`, file by file as each is rendered (so a large site is never
/// held whole), reusing every page whose inputs have not changed since the cache's last build
/// and the code blocks the bodies' render highlighted (`highlights`).
///
/// Two rounds: first the web pages and the search shards, then the late ones ([`Page::is_late`]:
/// the print edition, which renders the lessons' Markdown for paper, and the small scripts). A
/// one-off build drops the lessons' web HTML and text in between, so a large guide's text is held
/// once at a time. Last, once every other file is written, the service worker, from their list
/// ([`offline`]); with `[offline]` on, what it keeps comes back as the report.
pub fn render_pages_cached<W: SiteWriter>(
    guide: &Guide,
    bodies: Bodies,
    theme: &Theme,
    options: &RenderOptions,
    cache: &mut PageCache,
    highlights: &HighlightCache,
    writer: &W,
) -> Result<Option<OfflineReport>, RenderFailure<W::Error>> {
    let recorder = Recorder::new(writer);
    render_every_file(guide, bodies, theme, options, cache, highlights, &recorder)?;
    let written = recorder.into_written();
    let path = Page::ServiceWorker.path(guide);
    if !options.keeps_offline(guide) {
        let worker = UNREGISTERING_WORKER.as_bytes().to_vec();
        writer.put(&path, worker).map_err(RenderFailure::Output)?;
        return Ok(None);
    }
    if !writer.keeps_files() {
        return Ok(None);
    }
    let report = offline::offline_report(&written, &guide.config.offline);
    let worker = offline::keeping_worker(&report.kept).into_bytes();
    writer.put(&path, worker).map_err(RenderFailure::Output)?;
    Ok(Some(report))
}

/// Every file of the site but the service worker, into `writer`.
fn render_every_file<W: SiteWriter>(
    guide: &Guide,
    mut bodies: Bodies,
    theme: &Theme,
    options: &RenderOptions,
    cache: &mut PageCache,
    highlights: &HighlightCache,
    writer: &W,
) -> Result<(), RenderFailure<W::Error>> {
    let translations = std::mem::take(&mut bodies.translations);
    let mut kept = Vec::new();
    let mut problems = Vec::new();
    // The languages side by side: one's single-threaded stretches (a print edition's template)
    // overlap another's parallel ones.
    let languages: Vec<(&Guide, Bodies)> = std::iter::once((guide, bodies))
        .chain(guide.translations.iter().zip(translations))
        .collect();
    let shared = &*cache;
    let rendered: Vec<_> = (languages.into_par_iter())
        .map(|(language, bodies)| {
            render_language(language, bodies, theme, options, shared, highlights, writer)
        })
        .collect();
    for outcome in rendered {
        match outcome {
            Ok(pages) => kept.extend(pages),
            Err(RenderFailure::Templates(found)) => problems.extend(found),
            Err(failure) => return Err(failure),
        }
    }
    if !problems.is_empty() {
        return Err(RenderFailure::Templates(problems));
    }
    cache.refill(kept);
    for (name, bytes) in &theme.static_files {
        writer
            .put(&format!("assets/{name}"), bytes.clone())
            .map_err(RenderFailure::Output)?;
    }
    (guide.assets.par_iter())
        .try_for_each(|(path, asset)| writer.copy(path, asset))
        .map_err(RenderFailure::Output)?;
    Ok(())
}

/// The pages of one language of the guide (in its folder), and what the cache should keep.
fn render_language<W: SiteWriter>(
    guide: &Guide,
    mut bodies: Bodies,
    theme: &Theme,
    options: &RenderOptions,
    cache: &PageCache,
    highlights: &HighlightCache,
    writer: &W,
) -> Result<Vec<Kept>, RenderFailure<W::Error>> {
    let started = std::time::Instant::now();
    let summaries = || Summaries::of(guide, &bodies.lessons, &mut SummaryCache::default());
    let renderer = Renderer::new(guide, &bodies, summaries, theme, options, highlights);
    log::debug!(
        "render: summaries, map and timeline at {:?}",
        started.elapsed()
    );
    let (late, early): (Vec<Page>, Vec<Page>) = (renderer.pages())
        .filter(|page| !page.is_final())
        .partition(|p| p.is_late());
    let (texts, early): (Vec<Page>, Vec<Page>) = early.into_iter().partition(|p| p.needs_text());
    // Before any page, so that no page waits for it on a thread of rayon's.
    renderer.term_index(&bodies);
    log::debug!("render: search terms at {:?}", started.elapsed());
    let mut problems = Vec::new();
    let mut kept = render_round(&renderer, &texts, &bodies, cache, writer, &mut problems)?;
    log::debug!("render: search texts at {:?}", started.elapsed());
    if !cache.is_enabled() {
        // The term index and the text shards, made above, were all that needed the text: a
        // one-off build renders its web pages without it.
        let owned = (bodies.lessons.iter_mut()).filter_map(std::sync::Arc::get_mut);
        for body in owned {
            body.text = String::new();
        }
        for body in &mut bodies.pages {
            body.text = String::new();
        }
    }
    kept.extend(render_round(
        &renderer,
        &early,
        &bodies,
        cache,
        writer,
        &mut problems,
    )?);
    log::debug!("render: web pages at {:?}", started.elapsed());
    if !cache.is_enabled() {
        // The print edition renders the lessons' Markdown again, for paper.
        let owned = (bodies.lessons.iter_mut()).filter_map(std::sync::Arc::get_mut);
        for body in owned {
            body.html = String::new();
        }
    }
    kept.extend(render_round(
        &renderer,
        &late,
        &bodies,
        cache,
        writer,
        &mut problems,
    )?);
    log::debug!(
        "render: print edition and scripts at {:?}",
        started.elapsed()
    );
    if !problems.is_empty() {
        return Err(RenderFailure::Templates(problems));
    }
    Ok(kept)
}

/// Renders `pages` in parallel into `writer`. Template problems join `problems`, so that every
/// one is reported; a file that cannot be written stops the build.
fn render_round<W: SiteWriter>(
    renderer: &Renderer<'_>,
    pages: &[Page],
    bodies: &Bodies,
    cache: &PageCache,
    writer: &W,
    problems: &mut Vec<Diagnostic>,
) -> Result<Vec<Kept>, RenderFailure<W::Error>> {
    let outcomes: Vec<Result<Option<Kept>, RenderFailure<W::Error>>> = pages
        .par_iter()
        .map(|&page| render_one(renderer, page, bodies, cache, writer))
        .collect();
    let mut kept = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(page) => kept.extend(page),
            Err(RenderFailure::Templates(found)) => problems.extend(found),
            Err(failure) => return Err(failure),
        }
    }
    Ok(kept)
}

/// Renders one page into `writer` (or takes it from the cache), and returns what the cache
/// should keep of it.
fn render_one<W: SiteWriter>(
    renderer: &Renderer<'_>,
    page: Page,
    bodies: &Bodies,
    cache: &PageCache,
    writer: &W,
) -> Result<Option<Kept>, RenderFailure<W::Error>> {
    let path = renderer.site_path(page);
    let fingerprint = if cache.is_enabled() {
        renderer.fingerprint(page, bodies)
    } else {
        None
    };
    if page.is_streamed() && fingerprint.is_none() {
        return writer
            .put_streamed(&path, |out| renderer.write_page(page, bodies, out))
            .map_err(RenderFailure::Output)?
            .map(|()| None)
            .map_err(RenderFailure::from);
    }
    let bytes = match fingerprint.and_then(|key| cache.get(&path, key)) {
        Some(bytes) => bytes.clone(),
        None => renderer.render_page(page, bodies)?,
    };
    let kept = fingerprint.map(|key| (path.clone(), key, bytes.clone()));
    writer.put(&path, bytes).map_err(RenderFailure::Output)?;
    Ok(kept)
}
