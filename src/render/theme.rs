//! The theme: Tera templates and static files. The default theme is embedded in the binary, so
//! guidebook works from any folder; a guide's `themes/<name>/` overrides it file by file
//! (`templates/lesson.html`, `static/guidebook.css`, ...) and may add files of its own.

use std::collections::BTreeMap;
use std::path::Path;

use tera::{ErrorKind, Tera};
use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::{Diagnostic, Sources};
use crate::fingerprint::Fingerprint;

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../themes/default/", $path)))),*]
    };
}

/// The default theme's files, by path inside the theme folder.
pub const DEFAULT_THEME: &[(&str, &str)] = embedded![
    "templates/base.html",
    "templates/index.html",
    "templates/lesson.html",
    "templates/gear.html",
    "templates/checklists.html",
    "templates/print.html",
    "templates/handout.html",
    "templates/404.html",
    "templates/partials/sidebar.html",
    "templates/partials/lesson_header.html",
    "templates/partials/head.html",
    "static/guidebook.css",
    "static/print.css",
    "static/guidebook.js",
    "static/search.js",
    "static/favicon.svg",
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
    /// Where each template comes from, as diagnostics show it (`themes/x/templates/a.html`, or
    /// `(default theme) templates/a.html`), by template name.
    pub template_files: BTreeMap<String, String>,
    /// The templates' text under those names, for diagnostics that point into a template.
    pub template_sources: Sources,
}

/// Loads the embedded theme and the guide's overrides, and compiles the templates.
pub fn load_theme(
    root: &Path,
    config: &Config,
    config_text: &str,
    sources: &mut Sources,
) -> Result<Theme, Vec<Diagnostic>> {
    let mut files: BTreeMap<String, (String, Vec<u8>)> = DEFAULT_THEME
        .iter()
        .map(|(path, text)| {
            (
                path.to_string(),
                (format!("(default theme) {path}"), text.as_bytes().to_vec()),
            )
        })
        .collect();
    let theme_dir = root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        read_overrides(&theme_dir, &config.theme, &mut files)?;
    } else if config.theme != "default" {
        let text = config_text;
        let span = crate::config::key_span(text, "theme").unwrap_or(0..0);
        return Err(vec![
            Diagnostic::error(
                CONFIG_FILE,
                span,
                format!("there is no theme `{}`", config.theme),
            )
            .with_help(format!(
                "create `themes/{}/` in the guide, or use `theme = \"default\"`",
                config.theme
            )),
        ]);
    }
    let mut templates = Vec::new();
    let mut static_files = BTreeMap::new();
    let mut fingerprint = Fingerprint::default();
    let mut template_sources = Sources::default();
    for (path, (shown, bytes)) in files {
        fingerprint.add(&path).add(&String::from_utf8_lossy(&bytes));
        if let Some(name) = path.strip_prefix(TEMPLATES) {
            let text = String::from_utf8(bytes).map_err(|_| {
                vec![
                    Diagnostic::error(&shown, 0..0, "this template is not UTF-8 text")
                        .with_help("save it as UTF-8"),
                ]
            })?;
            template_sources.insert(shown.clone(), text.clone());
            templates.push((name.to_string(), shown, text));
        } else if let Some(name) = path.strip_prefix(STATIC) {
            static_files.insert(name.to_string(), bytes);
        }
    }
    let mut tera = Tera::new();
    let template_files: BTreeMap<String, String> = templates
        .iter()
        .map(|(name, shown, _)| (name.clone(), shown.clone()))
        .collect();
    let compiled = tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, _, text)| (name.as_str(), text.as_str())),
    );
    if let Err(error) = compiled {
        sources.extend(template_sources);
        return Err(vec![template_diagnostic(&error, &template_files)]);
    }
    Ok(Theme {
        tera,
        static_files,
        fingerprint: fingerprint.finish(),
        template_files,
        template_sources,
    })
}

fn read_overrides(
    theme_dir: &Path,
    theme: &str,
    files: &mut BTreeMap<String, (String, Vec<u8>)>,
) -> Result<(), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    for entry in WalkDir::new(theme_dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) if entry.file_type().is_file() => entry,
            Ok(_) => continue,
            Err(error) => {
                problems.push(Diagnostic::error(
                    format!("themes/{theme}"),
                    0..0,
                    format!("cannot read the theme: {error}"),
                ));
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(theme_dir) else {
            continue;
        };
        let path: Vec<_> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let path = path.join("/");
        if path.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let shown = format!("themes/{theme}/{path}");
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                files.insert(path, (shown, bytes));
            }
            Err(error) => problems.push(Diagnostic::error(
                shown,
                0..0,
                format!("cannot read this file: {error}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
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
