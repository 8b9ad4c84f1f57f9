//! Reading the guide's own themes: every file under `themes/<name>/`, as bytes. Which theme is
//! used, and whether it exists, is for the model and the renderer to decide; loading only reads,
//! and never leaves the guide: a theme folder or file that is a link is skipped with a warning,
//! and one that points outside the guide is an error.

use std::path::Path;
use std::sync::Arc;

use walkdir::WalkDir;

use super::slash_path;
use crate::diagnostics::Diagnostic;

/// The folder of themes inside a guide.
pub const THEMES_DIR: &str = "themes";

/// One file of a theme in the guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeFile {
    /// The theme's name (its folder under `themes/`).
    pub theme: String,
    /// The path inside the theme folder, `/`-separated, e.g. `templates/lesson.html`.
    pub path: String,
    pub bytes: Arc<[u8]>,
}

impl ThemeFile {
    /// The path relative to the guide folder, as diagnostics show it.
    pub fn guide_path(&self) -> String {
        format!("{THEMES_DIR}/{}/{}", self.theme, self.path)
    }
}

/// Reads every file of every theme under `root/themes/`, sorted by theme and path. Hidden files
/// and folders are left out.
pub fn load_themes(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<ThemeFile> {
    let themes = root.join(THEMES_DIR);
    let mut files = Vec::new();
    if !themes.is_dir() {
        return files;
    }
    let walker = WalkDir::new(&themes)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let shown = error
                    .path()
                    .map_or_else(|| THEMES_DIR.to_string(), |p| shown_path(root, p));
                diagnostics.push(
                    Diagnostic::error(shown, 0..0, format!("cannot read the theme: {error}"))
                        .with_help("check the folder's permissions"),
                );
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(&themes) else {
            continue;
        };
        let relative = slash_path(relative);
        let Some((theme, path)) = relative.split_once('/') else {
            if entry.path_is_symlink() {
                diagnostics.push(link_problem(root, entry.path()));
            }
            continue;
        };
        if entry.path_is_symlink() {
            diagnostics.push(link_problem(root, entry.path()));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push(ThemeFile {
                theme: theme.to_string(),
                path: path.to_string(),
                bytes: Arc::from(bytes),
            }),
            Err(error) => diagnostics.push(
                Diagnostic::error(
                    shown_path(root, entry.path()),
                    0..0,
                    format!("cannot read this file: {error}"),
                )
                .with_help("check that you may read it"),
            ),
        }
    }
    files
}

/// A link inside `themes/`: never followed; an error when it leads out of the guide.
fn link_problem(root: &Path, link: &Path) -> Diagnostic {
    let shown = shown_path(root, link);
    let inside = match (link.canonicalize(), root.canonicalize()) {
        (Ok(target), Ok(root)) => target.starts_with(root),
        _ => false,
    };
    if inside {
        Diagnostic::warning(shown, 0..0, "skipped a link inside the theme")
            .with_help("guidebook does not follow links in themes; copy the file or folder here")
    } else {
        Diagnostic::error(shown, 0..0, "this link points outside the guide")
            .with_help("a theme is read only from the guide's own `themes/` folder; copy the theme's files here instead of linking to them")
    }
}

fn shown_path(root: &Path, path: &Path) -> String {
    slash_path(path.strip_prefix(root).unwrap_or(path))
}
