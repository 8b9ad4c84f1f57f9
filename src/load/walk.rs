//! Walking `content/`: every file under it, sorted, hidden entries left out, and links followed
//! only to files inside the guide (a link to a folder, out of the guide or broken is a warning).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{CONTENT_DIR, slash_path};
use crate::diagnostics::Diagnostic;

/// The files under `content/`, sorted, skipping hidden entries and links that leave the guide.
pub(super) fn content_files(
    content: &Path,
    canonical_root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walker = WalkDir::new(content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| display_relative(p, content))
                    .unwrap_or_default();
                diagnostics.push(
                    Diagnostic::error(
                        format!("{CONTENT_DIR}/{path}"),
                        0..0,
                        format!("cannot read this folder: {error}"),
                    )
                    .with_help("check the folder's permissions"),
                );
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_file() {
            files.push(entry.into_path());
        } else if file_type.is_symlink() {
            let shown = format!("{CONTENT_DIR}/{}", display_relative(entry.path(), content));
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(canonical_root) && target.is_file() => {
                    files.push(entry.into_path());
                }
                Ok(target) if target.starts_with(canonical_root) => diagnostics.push(
                    Diagnostic::warning(shown, 0..0, "skipped a link to a folder")
                        .with_help("guidebook does not follow links to folders; move the lessons into content/"),
                ),
                Ok(_) => diagnostics.push(
                    Diagnostic::warning(shown, 0..0, "skipped a link that points outside the guide")
                        .with_help("copy the file into content/ if it belongs to the guide"),
                ),
                Err(_) => diagnostics.push(
                    Diagnostic::warning(shown, 0..0, "skipped a broken link (or a loop of links)")
                        .with_help("remove the link or point it at a file inside the guide"),
                ),
            }
        }
    }
    files
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn display_relative(path: &Path, base: &Path) -> String {
    slash_path(path.strip_prefix(base).unwrap_or(path))
}
