//! Reading a guide folder from disk: `guide.toml`, the lessons and reference pages under
//! `content/` and the gear catalogue, as text.
//!
//! Loading knows nothing of YAML or Markdown syntax: it walks `content/` (recursively, never
//! following a link out of the guide), reads each file, strips a UTF-8 byte order mark, reports
//! files that cannot be read or are not UTF-8, and splits each Markdown file at its front matter
//! fences ([`front_matter`]). Parsing what is inside is the model's job.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::{Deref, Range};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Sources};
use front_matter::split_source;

pub mod assets;
mod changes;
pub mod directives;
pub mod front_matter;
pub mod includes;
mod read;
mod reload;
pub mod themes;
mod walk;

use read::{ReadProblems, read_source};
use reload::Reuse;
pub use reload::reload_guide;
use walk::content_files;

pub use assets::Asset;
pub use changes::changed_files;
pub use includes::{IncludedFile, Includes};
pub use themes::{THEMES_DIR, ThemeFile};

pub use front_matter::{FrontMatterText, MarkdownParts, MarkdownSource};

/// The configuration file inside a guide folder.
pub const CONFIG_FILE: &str = "guide.toml";
/// The folder of lessons inside a guide.
pub const CONTENT_DIR: &str = "content";
/// The home page's introduction, inside `content/`.
pub const INTRO_FILE: &str = "_index.md";
/// The gear catalogue, inside `content/`.
pub const GEAR_FILE: &str = "gear.yaml";
/// The folder of reference pages (glossary, FAQ ...) inside `content/`: every `.md` file under
/// it is a page, not a lesson.
pub const PAGES_DIR: &str = "pages";

/// One text file of the guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the guide folder with `/` separators, e.g. `content/basics/fit.md`.
    pub path: String,
    /// Path relative to `content/`, e.g. `basics/fit.md`.
    pub content_path: String,
    /// The text, without a byte order mark; shared by the pieces the model keeps of it.
    pub text: Arc<str>,
    /// A fingerprint of `text`, worked out once when the file is read (later builds that keep
    /// the file compare it instead of the text).
    pub digest: u64,
    /// When the file was last changed, as the file system says (to tell a translation older
    /// than the file it translates).
    pub modified: Option<std::time::SystemTime>,
}

impl SourceFile {
    pub fn new(
        path: impl Into<String>,
        content_path: impl Into<String>,
        text: impl Into<Arc<str>>,
    ) -> Self {
        let text = text.into();
        SourceFile {
            path: path.into(),
            content_path: content_path.into(),
            digest: crate::fingerprint::text_hash(&text),
            text,
            modified: None,
        }
    }
}

/// A piece of a loaded file's text (a lesson's body, its front matter), shared with the file
/// rather than copied. Reads as the `str` it stands for.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct TextSlice {
    text: Arc<str>,
    range: Range<usize>,
}

impl TextSlice {
    /// The part of `text` at `range`, or an empty slice if `range` is not a part of it.
    pub fn new(text: &Arc<str>, range: Range<usize>) -> Self {
        if text.get(range.clone()).is_some() {
            TextSlice {
                text: Arc::clone(text),
                range,
            }
        } else {
            TextSlice::default()
        }
    }
}

impl Deref for TextSlice {
    type Target = str;

    fn deref(&self) -> &str {
        self.text.get(self.range.clone()).unwrap_or_default()
    }
}

impl fmt::Debug for TextSlice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// Everything read from a guide folder, before any parsing.
#[derive(Debug, Default, Clone)]
pub struct LoadedGuide {
    pub root: PathBuf,
    pub config: Option<SourceFile>,
    pub intro: Option<MarkdownSource>,
    pub gear: Option<SourceFile>,
    /// Lesson files in path order.
    pub lessons: Vec<MarkdownSource>,
    /// Reference pages (the Markdown files under `content/pages/`), in path order.
    pub pages: Vec<MarkdownSource>,
    /// Translations of the introduction (`_index.<language>.md`), in path order.
    pub intro_translations: Vec<MarkdownSource>,
    /// Translations of the gear catalogue (`gear.<language>.yaml`), in path order.
    pub gear_translations: Vec<SourceFile>,
    /// The files beside the lessons (images, PDFs ...), in path order.
    pub assets: Vec<Asset>,
    /// Markdown partials: files under `content/` whose name, or a folder's on their path,
    /// starts with `_` (but `_index.md` and its translations). They are no page; lessons
    /// include them.
    pub partials: Vec<SourceFile>,
    /// The files the Markdown includes (`{{#include ...}}`), wherever in the guide they are.
    pub includes: Includes,
    /// The files of every theme under `themes/`, by theme and path.
    pub themes: Vec<ThemeFile>,
    /// Problems found while reading (unreadable, not UTF-8, links out of the guide).
    pub diagnostics: Vec<Diagnostic>,
    /// Lossy copies of files that are not UTF-8, so their diagnostics can show the line.
    pub undecodable: Vec<SourceFile>,
}

impl LoadedGuide {
    /// The text of each loaded file that one of `diagnostics` points into, for rendering
    /// them (a large guide's every file would be copied and indexed by line at each rebuild
    /// of the preview while a warning stands).
    pub fn sources_for(&self, diagnostics: &[Diagnostic]) -> Sources {
        let named: HashSet<&str> = diagnostics.iter().map(|d| d.file.as_str()).collect();
        let mut sources = Sources::default();
        for file in self.text_files().chain(&self.undecodable) {
            if named.contains(file.path.as_str()) {
                sources.insert(file.path.clone(), file.text.to_string());
            }
        }
        sources
    }

    /// Every file that was read as text, split or not.
    pub(crate) fn text_files(&self) -> impl Iterator<Item = &SourceFile> {
        let markdown = (self.intro.iter().chain(&self.lessons).chain(&self.pages))
            .chain(&self.intro_translations);
        (self
            .config
            .iter()
            .chain(&self.gear)
            .chain(&self.gear_translations))
        .chain(markdown.map(|source| &source.file))
        .chain(&self.partials)
        .chain(self.includes.texts())
    }
}

/// Reads a guide folder. Problems with single files become diagnostics; an unreadable guide
/// folder is the only hard error.
pub fn load_guide(root: &Path) -> Result<LoadedGuide, LoadError> {
    load_guide_reusing(root, &Reuse::default())
}

/// Reads the files the guide's Markdown includes into `guide.includes`, taking those `known`
/// gives (and the guide's own Markdown files) without reading them again. Only the Markdown
/// files `may_include` lets through are searched for directives.
pub(crate) fn read_guide_includes(
    guide: &mut LoadedGuide,
    canonical_root: &Path,
    known: &dyn Fn(&str) -> Option<SourceFile>,
    may_include: &dyn Fn(&str) -> bool,
) {
    let markdown = (guide.intro.iter().chain(&guide.lessons).chain(&guide.pages))
        .chain(&guide.intro_translations)
        .map(|source| &source.file);
    let files: HashMap<&str, &SourceFile> = (markdown.chain(&guide.partials))
        .map(|file| (file.path.as_str(), file))
        .collect();
    let lookup = |path: &str| {
        files
            .get(path)
            .map(|file| (*file).clone())
            .or_else(|| known(path))
    };
    let sources = (files.iter())
        .filter(|(path, _)| may_include(path))
        .map(|(path, file)| (*path, &*file.text));
    guide.includes = includes::read_includes(&guide.root, canonical_root, sources, &lookup);
}

/// Reads the guide, taking from `reuse` what did not change.
pub(crate) fn load_guide_reusing(root: &Path, reuse: &Reuse<'_>) -> Result<LoadedGuide, LoadError> {
    let reuse_text = |path: &Path| reuse.text.and_then(|text| text(path));
    if !root.is_dir() {
        return Err(LoadError::NotAGuide(root.to_path_buf()));
    }
    let mut guide = LoadedGuide {
        root: root.to_path_buf(),
        ..LoadedGuide::default()
    };
    let config_path = root.join(CONFIG_FILE);
    match std::fs::metadata(&config_path) {
        Ok(metadata) if metadata.is_file() => {}
        Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
            return Err(LoadError::Unreadable {
                path: root.to_path_buf(),
                source: error,
            });
        }
        _ => return Err(LoadError::MissingConfig(root.to_path_buf())),
    }
    let mut problems = ReadProblems::default();
    guide.config = reuse_text(&config_path)
        .or_else(|| read_source(&config_path, CONFIG_FILE, "", &mut problems));
    guide.themes = match reuse.themes {
        Some(themes) => themes.to_vec(),
        None => themes::load_themes(root, &mut problems.diagnostics),
    };

    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        guide.diagnostics.append(&mut problems.diagnostics);
        guide.diagnostics.push(
            Diagnostic::error(CONTENT_DIR, 0..0, "the guide has no `content/` folder")
                .with_help("create `content/` and put one Markdown file per lesson in it"),
        );
        return Ok(guide);
    }
    let canonical_root = root.canonicalize().map_err(|source| LoadError::Io {
        path: root.to_path_buf(),
        source,
    })?;
    if !resolves_inside(&content, &canonical_root) {
        guide.diagnostics.append(&mut problems.diagnostics);
        guide.diagnostics.push(
            Diagnostic::error(CONTENT_DIR, 0..0, CONTENT_OUTSIDE).with_help(CONTENT_OUTSIDE_HELP),
        );
        return Ok(guide);
    }
    for path in content_files(&content, &canonical_root, &mut problems.diagnostics) {
        let Ok(relative) = path.strip_prefix(&content) else {
            continue;
        };
        let content_path = slash_path(relative);
        let guide_path = format!("{CONTENT_DIR}/{content_path}");
        let is_markdown = path.extension().is_some_and(|e| e == "md");
        if is_markdown && is_partial(&content_path) {
            let file = reuse_text(&path)
                .or_else(|| read_source(&path, &guide_path, &content_path, &mut problems));
            guide.partials.extend(file);
            continue;
        }
        let is_gear = content_path == GEAR_FILE;
        let is_gear_translation = translation_language(&content_path, GEAR_FILE).is_some();
        if !is_markdown && !is_gear && !is_gear_translation {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            if assets::is_editor_or_system_file(&name) {
                continue;
            }
            let reused = reuse.asset.and_then(|asset| asset(&path));
            match reused.or_else(|| assets::measure_asset(&path, &content_path)) {
                Some(asset) => guide.assets.push(asset),
                None => problems.diagnostics.push(
                    Diagnostic::error(&guide_path, 0..0, "cannot read this file")
                        .with_help("check that the file exists and that you may read it"),
                ),
            }
            continue;
        }
        let file = reuse_text(&path)
            .or_else(|| read_source(&path, &guide_path, &content_path, &mut problems));
        if is_gear {
            guide.gear = file;
        } else if is_gear_translation {
            guide.gear_translations.extend(file);
        } else if translation_language(&content_path, INTRO_FILE).is_some() {
            guide.intro_translations.extend(file.map(split_source));
        } else if content_path == INTRO_FILE {
            guide.intro = file.map(split_source);
        } else if is_reference_page(&content_path) {
            guide.pages.extend(file.map(split_source));
        } else {
            guide.lessons.extend(file.map(split_source));
        }
    }
    let known = |path: &str| reuse_text(&root.join(path));
    read_guide_includes(&mut guide, &canonical_root, &known, &|_| true);
    guide.diagnostics.append(&mut problems.diagnostics);
    guide.undecodable = problems.undecodable;
    Ok(guide)
}

/// Whether the Markdown file at `content_path` is a partial: its name, or a folder's on its
/// path, starts with `_`, and it is no `_index.md` (nor a translation of one).
pub fn is_partial(content_path: &str) -> bool {
    let (folder, name) = content_path.rsplit_once('/').unwrap_or(("", content_path));
    let index = name == INTRO_FILE || translation_language(name, INTRO_FILE).is_some();
    folder.split('/').any(|part| part.starts_with('_')) || (name.starts_with('_') && !index)
}

/// The language of a translation of `file` (`_index.md`, `gear.yaml`, a lesson's name) at
/// `path`: `es` for `_index.es.md`. The code is checked against the guide's languages later.
pub fn translation_language<'a>(path: &'a str, file: &str) -> Option<&'a str> {
    let (stem, extension) = file.rsplit_once('.')?;
    let code = path
        .strip_prefix(stem)?
        .strip_prefix('.')?
        .strip_suffix(extension)?
        .strip_suffix('.')?;
    let plausible = !code.is_empty()
        && code.len() <= 35
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    plausible.then_some(code)
}

/// Whether the Markdown file at `content_path` (relative to `content/`) is a reference page:
/// one under `pages/`, at any depth.
fn is_reference_page(content_path: &str) -> bool {
    content_path
        .strip_prefix(PAGES_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// `content/` itself may be a link, but only to a folder inside the guide: nothing outside the
/// guide is ever read, let alone published, or written (`guidebook new`).
pub const CONTENT_OUTSIDE: &str = "`content/` is a link to a folder outside the guide";
pub const CONTENT_OUTSIDE_HELP: &str =
    "guidebook reads only files inside the guide folder: move or copy the lessons into it";

/// Whether `path` (which may be or pass through links) is inside the guide at `canonical_root`.
pub fn resolves_inside(path: &Path, canonical_root: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|target| target.starts_with(canonical_root))
}

/// A relative path with `/` separators, whatever the platform.
pub(crate) fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Why a guide could not be loaded at all (these are usage errors, exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("`{}` is not a folder", .0.display())]
    NotAGuide(PathBuf),
    #[error("`{}` has no guide.toml, so it is not a guide folder (run `guidebook init` to make one)", .0.display())]
    MissingConfig(PathBuf),
    #[error("cannot read the guide folder `{}`: {source}\n  help: check the folder's permissions (you need to be able to open it and read guide.toml)", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partials_are_underscored_files_and_folders_but_index_files() {
        for partial in [
            "_arg.md",
            "cli/_arg.md",
            "_shared/a.md",
            "pages/_note.md",
            "_x/_index.md",
        ] {
            assert!(is_partial(partial), "{partial}");
        }
        for not in [
            "_index.md",
            "_index.es.md",
            "a.md",
            "cli/_index.md",
            "a_b.md",
        ] {
            assert!(!is_partial(not), "{not}");
        }
    }

    #[test]
    fn reference_pages_are_the_files_under_pages() {
        let pages = ["pages/glossary.md", "pages/help/faq.md"];
        assert!(pages.into_iter().all(is_reference_page));
        let lessons = ["pages.md", "pagesx/a.md", "basics/pages/a.md"];
        assert!(!lessons.into_iter().any(is_reference_page));
    }
}
