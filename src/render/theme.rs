//! The theme: Tera templates and static files. The default theme is embedded in the binary, so
//! guidebook works from any folder; a guide's `themes/<name>/` overrides it file by file
//! (`templates/lesson.html`, `static/guidebook.css`, ...) and may add files of its own. The
//! guide's theme files come from `load`; nothing here reads the disk.

use std::collections::BTreeMap;
use std::sync::Arc;

use tera::{ErrorKind, Tera};

use crate::diagnostics::{Diagnostic, Sources};
use crate::fingerprint::{Fingerprint, FingerprintCache};
use crate::load::ThemeFile;

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../themes/default/", $path)).as_slice())),*]
    };
}

/// The default theme's files, by path inside the theme folder.
pub const DEFAULT_THEME: &[(&str, &[u8])] = embedded![
    "templates/base.html",
    "templates/index.html",
    "templates/lesson.html",
    "templates/page.html",
    "templates/chapter.html",
    "templates/gear.html",
    "templates/checklists.html",
    "templates/key-points.html",
    "templates/paper.html",
    "templates/print.html",
    "templates/handout.html",
    "templates/404.html",
    "templates/redirect.html",
    "templates/partials/sidebar.html",
    "templates/partials/lesson_header.html",
    "templates/partials/head.html",
    "templates/partials/toc.html",
    "templates/partials/lesson_cards.html",
    "templates/partials/plan.html",
    "templates/partials/progress_link.html",
    "templates/manifest.webmanifest",
    "templates/partials/overview.html",
    "static/guidebook.css",
    "static/print.css",
    "static/guidebook.js",
    "static/search.js",
    "static/favicon.svg",
    "static/fonts/figtree.woff2",
    "static/fonts/figtree-italic.woff2",
    "static/fonts/figtree-regular.woff2",
    "static/fonts/figtree-bold.woff2",
    "static/fonts/literata-regular.woff2",
    "static/fonts/literata-italic.woff2",
    "static/fonts/literata-bold.woff2",
    "static/fonts/literata-display.woff2",
    "static/fonts/LICENSE-figtree.txt",
    "static/fonts/LICENSE-literata.txt",
    "static/offline.js",
    "static/plan.js",
    "static/progress.js",
    "static/qrcode.js",
    "static/icon-192.png",
    "static/icon-512.png",
    "static/icon-maskable.png",
];

const TEMPLATES: &str = "templates/";
const STATIC: &str = "static/";

/// A loaded theme: compiled templates and the static files to copy.
pub struct Theme {
    pub tera: Tera,
    /// Static files by path inside `static/` (copied to `assets/`).
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Changes whenever any file of the theme changes.
    pub fingerprint: u64,
    /// Changes whenever a template changes (what the pages are made from; a stylesheet is not).
    pub templates_fingerprint: u64,
    /// Where each template comes from, as diagnostics show it (`themes/x/templates/a.html`, or
    /// `(default theme) templates/a.html`), by template name.
    pub template_files: BTreeMap<String, String>,
    /// The templates' text under those names, for diagnostics that point into a template.
    pub template_sources: Sources,
}

/// The compiled theme by name, kept between builds by the preview server: compiled again only
/// when one of its files changed.
pub type ThemeCache = FingerprintCache<String, Arc<Theme>>;

/// Why a theme cannot be used: its problems, and the templates' text they point into.
pub type ThemeFailure = (Vec<Diagnostic>, Sources);

/// One file of the theme in use: its path inside the theme, how diagnostics name it, its bytes.
struct ThemeEntry<'a> {
    shown: String,
    bytes: &'a [u8],
}

/// The theme `name` (the embedded default, overridden file by file by the guide's
/// `themes/<name>/` among `files`), compiled, or taken from `cache` when no file changed.
pub fn load_theme_cached(
    cache: &mut ThemeCache,
    name: &str,
    files: &[ThemeFile],
) -> Result<Arc<Theme>, ThemeFailure> {
    let entries = theme_entries(name, files);
    let mut fingerprint = Fingerprint::default();
    for (path, entry) in &entries {
        fingerprint.add(path).add_bytes(entry.bytes);
    }
    let fingerprint = fingerprint.finish();
    if let Some(theme) = cache.take(&name.to_string(), fingerprint) {
        return Ok(theme);
    }
    compile(entries, fingerprint).map(Arc::new)
}

/// [`load_theme_cached`] without a cache.
pub fn load_theme(name: &str, files: &[ThemeFile]) -> Result<Arc<Theme>, ThemeFailure> {
    load_theme_cached(&mut ThemeCache::default(), name, files)
}

/// The embedded default's files, with the guide's own theme files of `name` in their place.
fn theme_entries<'a>(name: &str, files: &'a [ThemeFile]) -> BTreeMap<String, ThemeEntry<'a>> {
    let mut entries: BTreeMap<String, ThemeEntry<'a>> = DEFAULT_THEME
        .iter()
        .map(|(path, bytes)| {
            let entry = ThemeEntry {
                shown: format!("(default theme) {path}"),
                bytes,
            };
            (path.to_string(), entry)
        })
        .collect();
    for file in files.iter().filter(|f| f.theme == name) {
        let entry = ThemeEntry {
            shown: file.guide_path(),
            bytes: &file.bytes,
        };
        entries.insert(file.path.clone(), entry);
    }
    entries
}

fn compile(
    entries: BTreeMap<String, ThemeEntry<'_>>,
    fingerprint: u64,
) -> Result<Theme, ThemeFailure> {
    let mut templates = Vec::new();
    let mut static_files = BTreeMap::new();
    let mut template_sources = Sources::default();
    let mut problems = Vec::new();
    for (path, entry) in entries {
        if let Some(name) = path.strip_prefix(TEMPLATES) {
            let Ok(text) = std::str::from_utf8(entry.bytes) else {
                problems.push(
                    Diagnostic::error(&entry.shown, 0..0, "this template is not UTF-8 text")
                        .with_help("save it as UTF-8"),
                );
                continue;
            };
            template_sources.insert(entry.shown.clone(), text.to_string());
            templates.push((name.to_string(), entry.shown, text));
        } else if let Some(name) = path.strip_prefix(STATIC) {
            static_files.insert(name.to_string(), entry.bytes.to_vec());
        }
    }
    if !problems.is_empty() {
        return Err((problems, template_sources));
    }
    let mut templates_fingerprint = Fingerprint::default();
    for (name, _, text) in &templates {
        templates_fingerprint.add(name).add(text);
    }
    let templates_fingerprint = templates_fingerprint.finish();
    let template_files: BTreeMap<String, String> = templates
        .iter()
        .map(|(name, shown, _)| (name.clone(), shown.clone()))
        .collect();
    let mut tera = Tera::new();
    tera.register_function("t", crate::i18n::template::translate);
    tera.register_filter("json", json_filter);
    let compiled = tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, _, text)| (name.as_str(), *text)),
    );
    if let Err(error) = compiled {
        return Err((
            vec![template_diagnostic(&error, &template_files)],
            template_sources,
        ));
    }
    Ok(Theme {
        tera,
        static_files,
        fingerprint,
        templates_fingerprint,
        template_files,
        template_sources,
    })
}

/// The `json` filter: a text as a JSON string, quotes included (`manifest.webmanifest`).
fn json_filter(text: &str, _: tera::Kwargs, _: &tera::State) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// A Tera error as a diagnostic pointing into the template.
pub fn template_diagnostic(error: &tera::Error, names: &BTreeMap<String, String>) -> Diagnostic {
    let shown = |name: &str| names.get(name).cloned().unwrap_or_else(|| name.to_string());
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => Diagnostic::error(
            shown(report.filename()),
            report.span().range.clone(),
            format!("template: {}", report.message()),
        )
        .with_help("fix the template, or delete the override to use the default theme's file"),
        _ => Diagnostic::error(
            "templates",
            0..0,
            format!("template: {error}"),
        )
        .with_help("check the theme's templates: every `extends` and `include` must name an existing template"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_default_theme_is_embedded() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default");
        let on_disk: Vec<String> = walkdir::WalkDir::new(folder)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .filter_map(|entry| {
                let path = entry.path().strip_prefix(folder).ok()?;
                Some(path.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        let embedded: Vec<&str> = DEFAULT_THEME.iter().map(|(path, _)| *path).collect();
        for path in &on_disk {
            assert!(embedded.contains(&path.as_str()), "{path} is not embedded");
        }
        assert_eq!(on_disk.len(), embedded.len());
    }
}
