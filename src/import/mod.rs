//! `guidebook import SOURCE DEST`: another layout's lessons moved into a new guide, as a front
//! end beside `load`. It reads a Carpentries Workbench lesson ([`workbench`]) or an mdBook
//! ([`mdbook`]) and writes an ordinary guide through the same writer `guidebook init` uses
//! ([`crate::scaffold::write`]); it never renders anything, and never changes SOURCE.
//!
//! Bodies are kept as written wherever guidebook reads their syntax; what changes is said in
//! one place each: front matter ([`crate::scaffold::front_matter`]), links ([`links`]),
//! directives ([`directives`]). What could not be converted comes back as [`Note`]s at their
//! place in the source.

mod convert;
mod directives;
mod edits;
mod front_matter;
mod links;
mod mdbook;
mod paths;
mod plan;
mod source;
mod workbench;

use std::path::{Path, PathBuf};

pub use plan::{Counts, Note};

use crate::scaffold::ScaffoldError;
use crate::scaffold::write::{check_new_or_empty, write_new_guide};
use source::Source;

/// The layouts `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A Carpentries Workbench lesson: `config.yaml` and `episodes/`.
    Workbench,
    /// An mdBook: `book.toml` and `SUMMARY.md` in its source folder.
    MdBook,
}

impl Layout {
    /// The layout's name, as its users call it.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Workbench => "a Carpentries Workbench lesson",
            Layout::MdBook => "an mdBook",
        }
    }
}

/// What an import made.
#[derive(Debug)]
pub struct Imported {
    pub layout: Layout,
    pub counts: Counts,
    /// What could not be converted, in source order.
    pub notes: Vec<Note>,
    /// How many files were written.
    pub files: usize,
}

/// Why nothing was imported (exit code 2). Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read `{}`: it is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error(
        "`{}` is neither a Carpentries Workbench lesson nor an mdBook: looked for config.yaml with an episodes/ folder (the Workbench) and for book.toml with SUMMARY.md in its source folder (mdBook){}",
        .folder.display(),
        .found
    )]
    UnknownLayout { folder: PathBuf, found: String },
    #[error("{file}:{line}: {message}")]
    Unreadable {
        file: String,
        line: usize,
        message: String,
    },
    #[error(
        "`{}` is inside `{}`: the source is never changed, so write the guide somewhere else",
        .dest.display(),
        .folder.display()
    )]
    InsideSource { folder: PathBuf, dest: PathBuf },
    #[error(transparent)]
    Destination(#[from] ScaffoldError),
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Imports the lesson or book at `source` into a new guide at `dest` (absent or empty). The
/// guide is written whole or not at all.
pub fn import_guide(source: &Path, dest: &Path) -> Result<Imported, ImportError> {
    if !source.is_dir() {
        return Err(ImportError::NotAFolder(source.to_path_buf()));
    }
    check_new_or_empty(dest)?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Io { path, source }
    };
    let source_root = source.canonicalize().map_err(io(source))?;
    let dest_absolute = std::path::absolute(dest).map_err(io(dest))?;
    if resolved(&dest_absolute).starts_with(&source_root) {
        return Err(ImportError::InsideSource {
            folder: source.to_path_buf(),
            dest: dest.to_path_buf(),
        });
    }
    let source = Source { root: source_root };
    let (layout, mut plan) = if workbench::is_workbench(&source) {
        (Layout::Workbench, workbench::plan(&source)?)
    } else if let Some(book) = mdbook::find_book(&source)? {
        (Layout::MdBook, mdbook::plan(&source, &book)?)
    } else {
        return Err(ImportError::UnknownLayout {
            folder: source.root.clone(),
            found: mdbook::what_was_found(&source),
        });
    };
    write_new_guide(dest, &plan.guide)?;
    plan.notes
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Ok(Imported {
        layout,
        counts: plan.counts,
        notes: plan.notes,
        files: plan.guide.len(),
    })
}

/// `path` with its longest existing ancestor's links resolved (the rest, not yet made, as
/// written), to tell whether a folder about to be made lies inside another.
fn resolved(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => return path.to_path_buf(),
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    resolved
}
