//! Reading a guide again in the preview, after some of its files changed: the files that did
//! not change are taken from the last load, and when only Markdown files were edited in place
//! the folders are not even walked again.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::front_matter::split_source;
use super::read::{ReadProblems, read_source};
use super::{
    Asset, IncludedFile, LoadError, LoadedGuide, SourceFile, THEMES_DIR, ThemeFile,
    load_guide_reusing, read_guide_includes, slash_path,
};

/// Reads a guide folder again after the files or folders at `changed` changed: every file not
/// under one of them is taken from `previous` instead of being read. The folders are walked
/// again, so new, deleted and renamed files are noticed.
pub fn reload_guide(
    root: &Path,
    previous: &LoadedGuide,
    changed: &[PathBuf],
) -> Result<LoadedGuide, LoadError> {
    if let Some(edited) = reload_edited(root, previous, changed) {
        return Ok(edited);
    }
    let known: HashMap<&str, &SourceFile> = previous
        .text_files()
        .map(|file| (file.path.as_str(), file))
        .collect();
    let themes = root.join(THEMES_DIR);
    let themes_changed = changed
        .iter()
        .any(|c| c.starts_with(&themes) || themes.starts_with(c));
    let measured: HashMap<&Path, &Asset> = (previous.assets.iter())
        .map(|asset| (asset.source.as_path(), asset))
        .collect();
    let unchanged = |path: &Path| !changed.iter().any(|c| path.starts_with(c));
    let text = |path: &Path| {
        let relative = path.strip_prefix(root).ok()?;
        let file = known.get(slash_path(relative).as_str())?;
        unchanged(path).then(|| (*file).clone())
    };
    let asset = |path: &Path| {
        let asset = measured.get(path)?;
        unchanged(path).then(|| (*asset).clone())
    };
    let reuse = Reuse {
        text: Some(&text),
        asset: Some(&asset),
        themes: (!themes_changed).then_some(previous.themes.as_slice()),
    };
    load_guide_reusing(root, &reuse)
}

/// The last load with its Markdown files at `changed` read again, when that is all that changed:
/// each is a file the last load read cleanly and is still a plain file (no file added, removed
/// or moved, so the folders need no walk). `None` when the change may be more than that.
fn reload_edited(root: &Path, previous: &LoadedGuide, changed: &[PathBuf]) -> Option<LoadedGuide> {
    if changed.is_empty() || !previous.diagnostics.is_empty() || !previous.undecodable.is_empty() {
        return None;
    }
    let mut reloaded = previous.clone();
    let mut problems = ReadProblems::default();
    let mut edited: HashSet<String> = HashSet::new();
    for path in changed {
        let guide_path = slash_path(path.strip_prefix(root).ok()?);
        if !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file()) {
            return None;
        }
        let sources = (reloaded.intro.iter_mut())
            .chain(&mut reloaded.lessons)
            .chain(&mut reloaded.pages)
            .chain(&mut reloaded.intro_translations);
        match sources.into_iter().find(|s| s.file.path == guide_path) {
            Some(source) => {
                let file =
                    read_source(path, &guide_path, &source.file.content_path, &mut problems)?;
                *source = split_source(file);
            }
            None => {
                let partial = (reloaded.partials.iter_mut()).find(|p| p.path == guide_path)?;
                let file = read_source(path, &guide_path, &partial.content_path, &mut problems)?;
                *partial = file;
            }
        }
        edited.insert(guide_path);
    }
    if !(problems.diagnostics.is_empty() && problems.undecodable.is_empty()) {
        return None;
    }
    // An edited file may name other files now; those it named before are taken as they were.
    let canonical_root = root.canonicalize().ok()?;
    let previous_includes = std::mem::take(&mut reloaded.includes);
    let earlier = |path: &str| match previous_includes.get(path) {
        Some(IncludedFile::Text(file)) => Some(file.clone()),
        _ => None,
    };
    // Only the edited files and those that included something may include anything now: the
    // others are as they were, without a directive (a large guide's every file is not searched
    // again at each edit).
    let may_include =
        |path: &str| edited.contains(path) || previous_includes.edges.contains_key(path);
    read_guide_includes(&mut reloaded, &canonical_root, &earlier, &may_include);
    Some(reloaded)
}

/// What a reload takes from the last load instead of reading it again: a text file, a measured
/// asset (by its path on disk), the themes when none of their files changed.
#[derive(Default)]
pub(crate) struct Reuse<'a> {
    pub(crate) text: Option<&'a Lookup<'a, SourceFile>>,
    pub(crate) asset: Option<&'a Lookup<'a, Asset>>,
    pub(crate) themes: Option<&'a [ThemeFile]>,
}

/// What the last load has for a path, when it did not change.
pub(crate) type Lookup<'a, T> = dyn Fn(&Path) -> Option<T> + 'a;
