//! Writing the site to disk, atomically and safely.
//!
//! The site is written into a fresh folder beside the output folder, then swapped in with one
//! atomic rename (an exchange on Linux), so readers and an interrupted build only ever see the
//! old site or the new one. The output folder is replaced only if it is absent, empty, or carries
//! the marker file guidebook leaves there; the guide itself, `content/`, `themes/`, a folder that
//! contains the guide and any folder with other files are refused before anything is written.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::render::Site;

/// The file that marks a folder as guidebook's output.
pub const MARKER_FILE: &str = ".guidebook-site";
const MARKER_TEXT: &str =
    "This folder is written by `guidebook build` and replaced on every build.\n";

/// Why the site could not be written (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site into `{}`: {reason}", path.display())]
    Refused { path: PathBuf, reason: String },
    #[error("cannot write `{}`: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Checks that `out` may be (re)placed by a site built from the guide at `guide_root`.
pub fn check_output_dir(guide_root: &Path, out: &Path) -> Result<(), OutputError> {
    let refuse = |reason: &str| {
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
    for protected in ["content", "themes"] {
        if target.starts_with(guide.join(protected)) {
            return refuse(&format!("it is inside the guide's `{protected}/` folder"));
        }
    }
    if target.file_name().is_some_and(|name| name == "guide.toml") {
        return refuse("it is the guide's configuration file");
    }
    match fs::symlink_metadata(&target) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(io_error(out)(error)),
        Ok(meta) if meta.file_type().is_symlink() => {
            refuse("it is a symbolic link; point --output at a real folder")
        }
        Ok(meta) if !meta.is_dir() => refuse("it is a file, not a folder"),
        Ok(_) => {
            if target.join(MARKER_FILE).is_file() {
                return Ok(());
            }
            let mut entries = fs::read_dir(&target).map_err(io_error(out))?;
            if entries.next().is_none() {
                Ok(())
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

/// Writes `site` to `out` atomically. Call [`check_output_dir`] first.
pub fn write_site(guide_root: &Path, out: &Path, site: &Site) -> Result<(), OutputError> {
    check_output_dir(guide_root, out)?;
    let target = absolute_path(out).map_err(io_error(out))?;
    let parent = target.parent().ok_or_else(|| OutputError::Refused {
        path: out.to_path_buf(),
        reason: "it has no parent folder".to_string(),
    })?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".to_string());
    fs::create_dir_all(parent).map_err(io_error(parent))?;
    remove_leftovers(parent, &name);

    let staging = tempfile::Builder::new()
        .prefix(&staging_prefix(&name))
        .tempdir_in(parent)
        .map_err(io_error(parent))?;
    fs::write(staging.path().join(MARKER_FILE), MARKER_TEXT).map_err(io_error(staging.path()))?;
    write_files(staging.path(), site)?;
    swap_in(staging, &target)
}

fn staging_prefix(name: &str) -> String {
    format!(".{name}.guidebook-tmp-")
}

/// Removes staging folders left by an interrupted build (they carry our unique prefix).
fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = staging_prefix(name);
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let is_ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(&prefix));
        if is_ours && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn write_files(root: &Path, site: &Site) -> Result<(), OutputError> {
    let mut folders: Vec<PathBuf> = site
        .files
        .keys()
        .filter_map(|path| {
            Path::new(path)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| root.join(p))
        })
        .collect();
    folders.dedup();
    for folder in &folders {
        fs::create_dir_all(folder).map_err(io_error(folder))?;
    }
    site.files.par_iter().try_for_each(|(path, bytes)| {
        let file = root.join(path);
        fs::write(&file, bytes).map_err(io_error(&file))
    })
}

/// Puts the staging folder in place of `target`; the old site (if any) is removed afterwards.
fn swap_in(staging: tempfile::TempDir, target: &Path) -> Result<(), OutputError> {
    if fs::symlink_metadata(target).is_err() {
        let staged = staging.keep();
        return fs::rename(&staged, target).map_err(|error| {
            let _ = fs::remove_dir_all(&staged);
            io_error(target)(error)
        });
    }
    if exchange(staging.path(), target).is_ok() {
        // `staging` now holds the old site and is removed when dropped.
        drop(staging);
        return Ok(());
    }
    // No atomic exchange on this system: move the old site aside, then the new one in.
    let aside = staging.path().with_extension("old");
    fs::rename(target, &aside).map_err(io_error(target))?;
    let staged = staging.keep();
    if let Err(error) = fs::rename(&staged, target) {
        let _ = fs::rename(&aside, target);
        let _ = fs::remove_dir_all(&staged);
        return Err(io_error(target)(error));
    }
    fs::remove_dir_all(&aside).map_err(io_error(&aside))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}
