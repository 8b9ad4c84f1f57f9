//! Reading the folder being imported, which is never changed: listing the files of a folder in
//! it (hidden files, editors' backups and symbolic links left out, so nothing outside it is
//! read), and reading a file as text.

use std::fs;
use std::path::{Path, PathBuf};

use super::ImportError;
use super::plan::Plan;
use crate::load::assets::is_editor_or_system_file;

/// The folder being imported.
#[derive(Debug, Clone)]
pub struct Source {
    pub root: PathBuf,
}

impl Source {
    /// The files under `folder` (a path inside the source, `` for its top), each as a
    /// `/`-separated path from the source's top, in byte order of their paths. `depth` limits
    /// how far down it looks (1: the folder's own files). Symbolic links are noted, not followed.
    pub fn files(&self, folder: &str, depth: usize, plan: &mut Plan) -> Vec<String> {
        let top = self.root.join(folder);
        if !top.is_dir() {
            return Vec::new();
        }
        let walker = walkdir::WalkDir::new(&top)
            .max_depth(depth)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0 || {
                    let name = entry.file_name().to_string_lossy();
                    !name.starts_with('.') && !is_editor_or_system_file(&name)
                }
            });
        let mut files = Vec::new();
        for entry in walker.flatten() {
            let Ok(inside) = entry.path().strip_prefix(&self.root) else {
                continue;
            };
            let path = slash_path(inside);
            if entry.path_is_symlink() {
                plan.note(
                    &path,
                    0,
                    "a symbolic link: not followed, not copied (copy the file it points to into the guide)",
                );
            } else if entry.file_type().is_file() {
                files.push(path);
            }
        }
        files.sort();
        files
    }

    /// Whether `path` (from the source's top) is a file.
    pub fn is_file(&self, path: &str) -> bool {
        fs::symlink_metadata(self.root.join(path)).is_ok_and(|m| m.is_file())
    }

    /// The full path of a file of the source.
    pub fn path(&self, path: &str) -> PathBuf {
        self.root.join(path)
    }

    /// A file's text. Bytes that are not UTF-8 are replaced (and noted); a file that cannot be
    /// read is an error, since the guide would lack it.
    pub fn read(&self, path: &str, plan: &mut Plan) -> Result<String, ImportError> {
        let bytes = fs::read(self.root.join(path)).map_err(|source| ImportError::Io {
            path: self.root.join(path),
            source,
        })?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                plan.note(
                    path,
                    0,
                    "not UTF-8: the bytes that are not were replaced by \u{FFFD}; check the text",
                );
                String::from_utf8_lossy(error.as_bytes()).into_owned()
            }
        };
        Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text))
    }
}

/// A relative path with `/` between its parts, whatever the system's separator.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
