//! Which folder a build may write its site to: never the guide, `content/`, `themes/`, a folder
//! that contains the guide, a link or a file, and a folder that holds anything only if it is
//! guidebook's own output (it carries the marker file).

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::{MARKER_FILE, OutputError, io_error, longest_output_name};
use crate::load::{CONTENT_DIR, THEMES_DIR};

/// An output folder that [`check_output_dir`] found may be (re)placed: the only way to make a
/// [`StagedSite`], so the check runs once per build and is never skipped.
#[derive(Debug, Clone)]
pub struct OutputDir {
    /// As the user named it, for messages.
    pub(super) shown: PathBuf,
    /// Absolute, with links resolved in the part that exists.
    pub(super) target: PathBuf,
}

/// Checks that `out` may be (re)placed by a site built from the guide at `guide_root`.
pub fn check_output_dir(guide_root: &Path, out: &Path) -> Result<OutputDir, OutputError> {
    let target = refuse_unsafe_output(guide_root, out)?;
    Ok(OutputDir {
        shown: out.to_path_buf(),
        target,
    })
}

/// The absolute output folder, or why it may not be replaced.
fn refuse_unsafe_output(guide_root: &Path, out: &Path) -> Result<PathBuf, OutputError> {
    let refuse = |reason: &str| -> Result<PathBuf, OutputError> {
        Err(OutputError::Refused {
            path: out.to_path_buf(),
            reason: reason.to_string(),
        })
    };
    let guide = guide_root.canonicalize().map_err(io_error(guide_root))?;
    let target = absolute_path(out).map_err(io_error(out))?;
    if target == guide {
        return refuse("it is the guide folder itself; use a folder inside it, e.g. `site/`");
    }
    if guide.starts_with(&target) {
        return refuse("it contains the guide; choose an empty folder or the default `site/`");
    }
    for protected in [CONTENT_DIR, THEMES_DIR] {
        if target.starts_with(guide.join(protected)) {
            return refuse(&format!("it is inside the guide's `{protected}/` folder"));
        }
    }
    if target.file_name().is_some_and(|name| name == "guide.toml") {
        return refuse("it is the guide's configuration file");
    }
    let longest = longest_output_name();
    if let Some(name) = target.file_name()
        && name.len() > longest
    {
        return refuse(&format!(
            "its name is {} bytes long; guidebook builds the site beside it in a folder named \
             after it, so the name may have at most {longest} bytes",
            name.len()
        ));
    }
    match fs::symlink_metadata(&target) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(target),
        Err(error) => Err(io_error(out)(error)),
        Ok(meta) if meta.file_type().is_symlink() => {
            refuse("it is a symbolic link; point --output at a real folder")
        }
        Ok(meta) if !meta.is_dir() => refuse("it is a file, not a folder"),
        Ok(_) => {
            if target.join(MARKER_FILE).is_file() {
                return Ok(target);
            }
            let mut entries = fs::read_dir(&target).map_err(io_error(out))?;
            if entries.next().is_none() {
                Ok(target)
            } else {
                refuse(&format!(
                    "it holds files that guidebook did not write (no `{MARKER_FILE}` marker); \
                     choose another folder or empty this one yourself"
                ))
            }
        }
    }
}

/// The absolute, normalised form of `path`, resolving links in the part that exists.
fn absolute_path(path: &Path) -> io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    // Resolve links in the longest existing prefix, keep the rest as written.
    let mut existing = normal.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}
