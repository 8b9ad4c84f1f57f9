//! guidebook turns a folder of Markdown lessons into a training guide: a linked website, a
//! printable edition and a handout.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`load`] (read files) -> [`model`] (parse, validate, order, link graph) -> [`markdown`] and
//! [`render`] (HTML in memory) -> [`output`] (atomic write). Each stage returns
//! [`diagnostics::Diagnostic`]s instead of stopping at the first problem; only the command line
//! prints them. [`build_site`] runs the whole pipeline except the write.

pub mod config;
pub mod diagnostics;
pub mod fingerprint;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pdf;
pub mod render;
pub mod scaffold;
pub mod serve;

use std::path::Path;

use diagnostics::{Diagnostic, Sources};
use load::{LoadError, LoadedGuide, load_guide};
use model::{Guide, ModelOptions, ParseCache, build_guide_cached};
use render::{
    BodyCache, PageCache, RenderOptions, Site, Theme, load_theme, render_bodies_cached,
    render_pages_cached,
};

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub include_drafts: bool,
    pub render: RenderOptions,
}

/// The result of running the pipeline on a guide.
#[derive(Debug)]
pub struct Build {
    /// The site, when the guide has no errors.
    pub site: Option<Site>,
    /// The checked guide (possibly partial when there are errors).
    pub guide: Guide,
    /// Every problem found, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file a diagnostic may point into.
    pub sources: Sources,
}

impl Build {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// What one build keeps for the next, so that a rebuild redoes only what changed (used by the
/// preview server). A fresh cache makes a full build.
pub struct BuildCache {
    parse: ParseCache,
    bodies: BodyCache,
    pages: PageCache,
    theme: Option<(String, Theme)>,
}

impl Default for BuildCache {
    fn default() -> Self {
        BuildCache {
            parse: ParseCache::enabled(),
            bodies: BodyCache::enabled(),
            pages: PageCache::enabled(),
            theme: None,
        }
    }
}

impl BuildCache {
    /// No caching: for a single build, where keeping copies would only cost time and memory.
    pub fn one_off() -> Self {
        BuildCache {
            parse: ParseCache::default(),
            bodies: BodyCache::default(),
            pages: PageCache::default(),
            theme: None,
        }
    }

    /// Forget the compiled theme, after a file under `themes/` changed.
    pub fn invalidate_theme(&mut self) {
        self.theme = None;
    }
}

/// Loads, checks and renders the guide at `root` into memory. Problems in the guide are
/// diagnostics in the result; only an unusable guide folder is an `Err`.
pub fn build_site(root: &Path, options: &BuildOptions) -> Result<Build, LoadError> {
    let loaded = load_guide(root)?;
    Ok(build_loaded(
        root,
        &loaded,
        options,
        &mut BuildCache::default(),
    ))
}

/// Checks and renders an already loaded guide, reusing what `cache` holds from the last build.
pub fn build_loaded(
    root: &Path,
    loaded: &LoadedGuide,
    options: &BuildOptions,
    cache: &mut BuildCache,
) -> Build {
    let started = std::time::Instant::now();
    // Templates' text, for template errors; the guide's own text is gathered only if needed.
    let mut template_sources = Sources::default();
    let model_options = ModelOptions {
        include_drafts: options.include_drafts,
    };
    let (guide, mut diagnostics) = build_guide_cached(loaded, model_options, &mut cache.parse);
    log::debug!(
        "model: {} lessons checked in {:?}",
        guide.lessons.len(),
        started.elapsed()
    );
    let (bodies, body_problems) = render_bodies_cached(&guide, &mut cache.bodies);
    diagnostics.extend(body_problems);
    log::debug!(
        "markdown: bodies rendered and links checked at {:?}",
        started.elapsed()
    );
    let mut site = None;
    if !diagnostics.iter().any(Diagnostic::is_error) {
        let theme = match cache.theme.take() {
            Some((name, theme)) if name == guide.config.theme => Ok(theme),
            _ => {
                let config_text = loaded.config.as_ref().map_or("", |c| c.text.as_str());
                load_theme(root, &guide.config, config_text, &mut template_sources)
            }
        };
        let rendered = theme.and_then(|theme| {
            let pages =
                render_pages_cached(&guide, &bodies, &theme, &options.render, &mut cache.pages);
            cache.theme = Some((guide.config.theme.clone(), theme));
            pages
        });
        match rendered {
            Ok(mut rendered) => {
                if let Some(sitemap) = render::sitemap::sitemap_xml(&guide) {
                    rendered
                        .files
                        .insert("sitemap.xml".to_string(), sitemap.into_bytes());
                }
                log::debug!(
                    "render: {} files at {:?}",
                    rendered.files.len(),
                    started.elapsed()
                );
                site = Some(rendered);
            }
            Err(problems) => diagnostics.extend(problems),
        }
    }
    sort_diagnostics(&mut diagnostics);
    // Copying every file's text costs as much memory as the guide itself: only for diagnostics.
    let mut sources = if diagnostics.is_empty() {
        Sources::default()
    } else {
        loaded.sources()
    };
    sources.extend(template_sources);
    Build {
        site,
        guide,
        diagnostics,
        sources,
    }
}

/// Orders diagnostics by file and position, so output is stable and easy to follow.
fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
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
}

/// Today's date as `YYYY-MM-DD` (UTC), or the date of `SOURCE_DATE_EPOCH` for reproducible builds.
pub fn build_date() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().unix_timestamp());
    let date = time::OffsetDateTime::from_unix_timestamp(seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}
