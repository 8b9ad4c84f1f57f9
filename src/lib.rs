//! guidebook turns a folder of Markdown lessons into a training guide: a linked website, a
//! printable edition and a handout.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`load`] (read files) -> [`model`] (parse, validate, order, link graph) -> [`markdown`] and
//! [`render`] (HTML, page by page) -> [`output`] (atomic write). Each stage returns
//! [`diagnostics::Diagnostic`]s instead of stopping at the first problem; only the command line
//! prints them. [`build_site_to`] runs the whole pipeline, writing pages into a staging folder
//! as they are rendered; [`build_site`] does the same into memory.

pub mod diagnostics;
pub mod english;
pub mod fingerprint;
pub mod i18n;
pub mod import;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pdf;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod terminal;

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use diagnostics::{Diagnostic, Sources};
use load::{LoadError, LoadedGuide, load_guide};
use markdown::HighlightCache;
use model::{Guide, ModelOptions, ParseCache, build_guide_cached};
use output::{OutputError, StagedSite, check_output_dir};
use render::offline::OfflineReport;
use render::{
    Bodies, BodyCache, Discard, PageCache, RenderFailure, RenderOptions, Site, SiteWriter, Theme,
    ThemeCache, load_theme_cached, render_bodies_cached, render_pages_cached,
};

/// What to build: made once per command from its flags, and handed down whole.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub model: ModelOptions,
    pub render: RenderOptions,
}

/// The result of running the pipeline on a guide: `S` is where the site went, a [`Site`] in
/// memory or an [`output::StagedSite`] on disk.
#[derive(Debug)]
pub struct Build<S = Site> {
    /// The site, when the guide has no errors.
    pub site: Option<S>,
    /// The checked guide (possibly partial when there are errors).
    pub guide: Guide,
    /// Every problem found, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file a diagnostic may point into.
    pub sources: Sources,
    /// What the site keeps for reading offline, and what it leaves out (with `[offline]` on).
    pub offline: Option<OfflineReport>,
}

/// Why a build stopped before it could report on the guide.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl<S> Build<S> {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// What one build keeps for the next, so that a rebuild redoes only what changed (used by the
/// preview server): parsed lessons, rendered bodies, pages and the compiled theme, each in a
/// [`fingerprint::FingerprintCache`], and highlighted code. A fresh cache makes a full build.
#[derive(Default)]
pub struct BuildCache {
    parse: ParseCache,
    bodies: BodyCache,
    pages: PageCache,
    theme: ThemeCache,
    /// Code blocks by their text rather than by file, shared between the threads and the web and
    /// print renders of a build (and the preview's pages, rendered when asked for): a
    /// [`HighlightCache`] of its own kind (see there).
    highlights: Arc<HighlightCache>,
}

impl BuildCache {
    /// A cache that keeps what each build makes for the next.
    pub fn enabled() -> Self {
        BuildCache {
            parse: ParseCache::enabled(),
            bodies: BodyCache::enabled(),
            pages: PageCache::enabled(),
            theme: ThemeCache::enabled(),
            highlights: Arc::new(HighlightCache::across_builds()),
        }
    }

    /// No caching: for a single build, where keeping copies would only cost time and memory.
    pub fn one_off() -> Self {
        BuildCache::default()
    }
}

/// Loads, checks and renders the guide at `root` into memory. Problems in the guide are
/// diagnostics in the result; only an unusable guide folder is an `Err`.
pub fn build_site(root: &Path, options: &BuildOptions) -> Result<Build, LoadError> {
    let loaded = load_guide(root)?;
    Ok(build_loaded(&loaded, options, &mut BuildCache::one_off()))
}

/// `guidebook check`: the whole pipeline, every page rendered (so that template errors are
/// found too), nothing kept or written.
pub fn check_site(root: &Path, options: &BuildOptions) -> Result<Build<Discard>, LoadError> {
    let loaded = load_guide(root)?;
    let cache = &mut BuildCache::one_off();
    match build_loaded_into(&loaded, options, cache, || Ok(Discard)) {
        Ok(build) => Ok(build),
        Err(never) => match never {},
    }
}

/// `guidebook build`: loads, checks and renders the guide at `root` into a staging folder beside
/// `out`, page by page, so the site is never held in memory whole. The staging folder is made
/// only once the guide is known to be good, and comes back in the result's `site` for the caller
/// to commit. A folder that is not a guide, then a refused output folder, are reported before
/// anything is parsed or rendered.
pub fn build_site_to(
    root: &Path,
    out: &Path,
    options: &BuildOptions,
) -> Result<Build<StagedSite>, BuildError> {
    let loaded = load_guide(root)?;
    let out = check_output_dir(root, out)?;
    let cache = &mut BuildCache::one_off();
    let build = build_loaded_into(&loaded, options, cache, || StagedSite::create(&out))?;
    Ok(build)
}

/// Checks and renders an already loaded guide into memory, reusing what `cache` holds from the
/// last build (the preview server).
pub fn build_loaded(loaded: &LoadedGuide, options: &BuildOptions, cache: &mut BuildCache) -> Build {
    let in_memory = || Ok(Mutex::new(Site::default()));
    let build = match build_loaded_into(loaded, options, cache, in_memory) {
        Ok(build) => build,
        Err(never) => match never {},
    };
    Build {
        site: build
            .site
            .map(|site| site.into_inner().unwrap_or_else(PoisonError::into_inner)),
        guide: build.guide,
        diagnostics: build.diagnostics,
        sources: build.sources,
        offline: build.offline,
    }
}

/// A checked guide ready to render: everything before the pages. The preview renders its pages
/// from this when they are asked for; a build renders them all at once.
pub struct Prepared {
    /// The checked guide (possibly partial when there are errors).
    pub guide: Guide,
    pub bodies: Bodies,
    /// The compiled theme, when the guide has no errors and the theme compiles.
    pub theme: Option<Arc<Theme>>,
    /// Every problem found so far, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The templates' text, when a diagnostic points into a template.
    pub template_sources: Sources,
    /// The code blocks highlighted so far (shared with later renders).
    pub highlights: Arc<HighlightCache>,
}

impl Prepared {
    /// Whether the pages can be rendered: no errors, and a theme.
    pub fn is_good(&self) -> bool {
        self.theme.is_some() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The text of every file a diagnostic points into.
    pub fn sources(&self, loaded: &LoadedGuide) -> Sources {
        let mut sources = loaded.sources_for(&self.diagnostics);
        sources.extend(self.template_sources.clone());
        sources
    }
}

/// Checks an already loaded guide and renders its lessons' bodies, reusing what `cache` holds
/// from the last build, and compiles the theme when the guide has no errors.
pub fn prepare_loaded(
    loaded: &LoadedGuide,
    options: &BuildOptions,
    cache: &mut BuildCache,
) -> Prepared {
    let started = std::time::Instant::now();
    let (guide, mut diagnostics) = build_guide_cached(loaded, options.model, &mut cache.parse);
    log::debug!(
        "model: {} lessons checked in {:?}",
        guide.lessons.len(),
        started.elapsed()
    );
    let (bodies, body_problems) =
        render_bodies_cached(&guide, &mut cache.bodies, &cache.highlights);
    diagnostics.extend(body_problems);
    log::debug!(
        "markdown: bodies rendered and links checked at {:?}",
        started.elapsed()
    );
    let mut template_sources = Sources::default();
    let mut theme = None;
    if !diagnostics.iter().any(Diagnostic::is_error) {
        match load_theme_cached(&mut cache.theme, &guide.config.theme, &loaded.themes) {
            Ok(compiled) => {
                cache.theme.insert(
                    guide.config.theme.clone(),
                    compiled.fingerprint,
                    Arc::clone(&compiled),
                );
                theme = Some(compiled);
            }
            Err((problems, sources)) => {
                template_sources.extend(sources);
                diagnostics.extend(problems);
            }
        }
    }
    Prepared {
        guide,
        bodies,
        theme,
        diagnostics,
        template_sources,
        highlights: Arc::clone(&cache.highlights),
    }
}

/// Checks and renders an already loaded guide, reusing what `cache` holds from the last build.
/// The site goes to the writer that `make_writer` makes, which is called only when the guide has
/// no errors. Only a file that cannot be written is an `Err`.
pub fn build_loaded_into<W: SiteWriter>(
    loaded: &LoadedGuide,
    options: &BuildOptions,
    cache: &mut BuildCache,
    make_writer: impl FnOnce() -> Result<W, W::Error>,
) -> Result<Build<W>, W::Error> {
    let started = std::time::Instant::now();
    let mut prepared = prepare_loaded(loaded, options, cache);
    let mut site = None;
    let mut offline = None;
    if let (true, Some(theme)) = (prepared.is_good(), prepared.theme.clone()) {
        let rendered = make_writer()
            .map_err(RenderFailure::Output)
            .and_then(|writer| {
                render_pages_cached(
                    &prepared.guide,
                    std::mem::take(&mut prepared.bodies),
                    &theme,
                    &options.render,
                    &mut cache.pages,
                    &prepared.highlights,
                    &writer,
                )
                .map(|report| (writer, report))
            });
        match rendered {
            Ok((writer, report)) => {
                site = Some(writer);
                offline = report;
            }
            Err(RenderFailure::Templates(problems)) => {
                prepared
                    .template_sources
                    .extend(theme.template_sources.clone());
                prepared.diagnostics.extend(problems);
            }
            Err(RenderFailure::Output(error)) => return Err(error),
        }
        log::debug!("render: done at {:?}", started.elapsed());
    }
    sort_diagnostics(&mut prepared.diagnostics);
    let sources = prepared.sources(loaded);
    Ok(Build {
        site,
        guide: prepared.guide,
        diagnostics: prepared.diagnostics,
        sources,
        offline,
    })
}

/// Orders diagnostics by file and position, so output is stable and easy to follow, and drops
/// repeats (a lesson shown untranslated in another language is checked there again).
pub fn sort_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (
            a.file.as_str(),
            a.span.start,
            a.severity,
            a.message.as_str(),
        )
            .cmp(&(
                b.file.as_str(),
                b.span.start,
                b.severity,
                b.message.as_str(),
            ))
    });
    diagnostics.dedup_by(|a, b| {
        a.file == b.file && a.span == b.span && a.severity == b.severity && a.message == b.message
    });
}

/// Why `SOURCE_DATE_EPOCH` cannot be used (a usage error, exit code 2).
#[derive(Debug, thiserror::Error)]
#[error(
    "SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01 (UTC) up to year 9999, not `{0}`"
)]
pub struct BuildDateError(String);

/// Today's date as `YYYY-MM-DD` (UTC), or the date of `SOURCE_DATE_EPOCH` for reproducible builds.
pub fn build_date() -> Result<String, BuildDateError> {
    let seconds = match std::env::var_os("SOURCE_DATE_EPOCH") {
        Some(value) if !value.is_empty() => {
            let text = value.to_string_lossy();
            text.trim()
                .parse::<i64>()
                .map_err(|_| BuildDateError(text.to_string()))?
        }
        _ => time::OffsetDateTime::now_utc().unix_timestamp(),
    };
    let date = time::OffsetDateTime::from_unix_timestamp(seconds)
        .map_err(|_| BuildDateError(seconds.to_string()))?
        .date();
    if date.year() > 9999 || date.year() < 0 {
        return Err(BuildDateError(seconds.to_string()));
    }
    Ok(format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    ))
}
