//! Writing the site to disk, atomically and safely.
//!
//! The site is written into a fresh folder beside the output folder, then swapped in with one
//! atomic rename (an exchange on Linux), so readers and an interrupted build only ever see the
//! old site or the new one. The output folder is replaced only if it is absent, empty, or carries
//! the marker file guidebook leaves there; the guide itself, `content/`, `themes/`, a folder that
//! contains the guide and any folder with other files are refused before anything is written.
//! Files go into the staging folder as they are rendered ([`SiteWriter`]), so a large site is
//! never held in memory whole.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::diagnostics::printable_path;
use crate::load::Asset;
use crate::render::{Site, SiteWriter};

mod target;

pub use target::{OutputDir, check_output_dir};

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

/// A site being written into a fresh staging folder beside its output folder, file by file as
/// it is rendered. [`StagedSite::commit`] swaps it in; dropping it instead (a failed build)
/// removes the staging folder and leaves the old site as it was.
pub struct StagedSite {
    staging: tempfile::TempDir,
    target: PathBuf,
    /// Held from before the staging folder is made until the site is swapped in (or the build
    /// fails): a second build of the same output waits, and leaves this one's staging alone.
    _lock: fs::File,
    /// Folders inside the staging folder that exist already.
    folders: Mutex<HashSet<PathBuf>>,
    pages: AtomicUsize,
}

impl StagedSite {
    /// Takes the output folder's lock (waiting, with a message, while another build of it
    /// runs), removes staging folders an interrupted build left beside it, and creates a new
    /// one.
    pub fn create(out: &OutputDir) -> Result<Self, OutputError> {
        let target = out.target.clone();
        let parent = target.parent().ok_or_else(|| OutputError::Refused {
            path: out.shown.clone(),
            reason: "it has no parent folder".to_string(),
        })?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".to_string());
        fs::create_dir_all(parent).map_err(io_error(parent))?;
        let lock = lock_output(parent, &name, &out.shown)?;
        // Every live build of this output holds the lock, so what is left is a dead build's.
        remove_leftovers(parent, &name);
        let staging = tempfile::Builder::new()
            .prefix(&staging_prefix(&name))
            .rand_bytes(STAGING_RANDOM)
            .tempdir_in(parent)
            .map_err(io_error(parent))?;
        fs::write(staging.path().join(MARKER_FILE), MARKER_TEXT)
            .map_err(io_error(staging.path()))?;
        Ok(StagedSite {
            staging,
            target,
            _lock: lock,
            folders: Mutex::new(HashSet::new()),
            pages: AtomicUsize::new(0),
        })
    }

    /// How many HTML pages were written.
    pub fn page_count(&self) -> usize {
        self.pages.load(Ordering::Relaxed)
    }

    /// Puts the finished site in place of the output folder, atomically.
    pub fn commit(self) -> Result<(), OutputError> {
        swap_in(self.staging, &self.target)
    }

    /// Where `path` goes in the staging folder, its folder created if need be.
    fn prepare(&self, path: &str) -> Result<PathBuf, OutputError> {
        let file = self.staging.path().join(path);
        if let Some(folder) = file.parent().filter(|f| *f != self.staging.path()) {
            let mut folders = self.folders.lock().unwrap_or_else(PoisonError::into_inner);
            if !folders.contains(folder) {
                fs::create_dir_all(folder).map_err(io_error(folder))?;
                folders.insert(folder.to_path_buf());
            }
        }
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        Ok(file)
    }
}

impl SiteWriter for StagedSite {
    type Error = OutputError;

    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), OutputError> {
        let file = self.prepare(path)?;
        fs::write(&file, bytes).map_err(io_error(&file))
    }

    fn copy(&self, path: &str, asset: &Asset) -> Result<(), OutputError> {
        let file = self.prepare(path)?;
        // A new file (not `fs::copy`), so it gets the same permissions as every other file of
        // the site rather than the source's; `io::copy` still copies within the kernel.
        let mut from = fs::File::open(&asset.source).map_err(io_error(&asset.source))?;
        let mut to = fs::File::create(&file).map_err(io_error(&file))?;
        io::copy(&mut from, &mut to)
            .map(|_| ())
            .map_err(io_error(&file))
    }

    fn put_streamed<E>(
        &self,
        path: &str,
        write: impl FnOnce(&mut dyn io::Write) -> Result<(), E>,
    ) -> Result<Result<(), E>, OutputError> {
        let file = self.prepare(path)?;
        let mut out = RecordingWriter {
            inner: io::BufWriter::with_capacity(
                1 << 18,
                fs::File::create(&file).map_err(io_error(&file))?,
            ),
            error: None,
        };
        let written = write(&mut out);
        // A disk error is the build's failure, whatever `write` made of it.
        if let Some(error) = out.error.take() {
            return Err(io_error(&file)(error));
        }
        if written.is_ok() {
            io::Write::flush(&mut out.inner).map_err(io_error(&file))?;
        }
        Ok(written)
    }
}

/// A writer that keeps the first error of the writer it wraps, so that a disk error is told apart
/// from an error of the code writing through it.
struct RecordingWriter<W> {
    inner: W,
    error: Option<io::Error>,
}

impl<W: io::Write> io::Write for RecordingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.inner.write(bytes).inspect_err(|error| {
            self.error
                .get_or_insert_with(|| io::Error::new(error.kind(), error.to_string()));
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().inspect_err(|error| {
            self.error
                .get_or_insert_with(|| io::Error::new(error.kind(), error.to_string()));
        })
    }
}

/// Writes an already rendered `site` to `out` atomically.
pub fn write_site(guide_root: &Path, out: &Path, site: &Site) -> Result<(), OutputError> {
    let staged = StagedSite::create(&check_output_dir(guide_root, out)?)?;
    site.files
        .par_iter()
        .try_for_each(|(path, bytes)| staged.put(path, bytes.clone()))?;
    site.copies
        .par_iter()
        .try_for_each(|(path, asset)| staged.copy(path, asset))?;
    staged.commit()
}

/// The advisory lock of output folder `name` in `parent`: a file beside it (the folder itself is
/// swapped out by each build, so it cannot carry the lock).
fn lock_output(parent: &Path, name: &str, shown: &Path) -> Result<fs::File, OutputError> {
    let path = parent.join(format!(".{name}.guidebook-lock"));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io_error(&path))?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(fs::TryLockError::WouldBlock) => {
            log::warn!(
                "another build is writing `{}`; this one waits for it to finish, then goes on (stop the other with Ctrl-C to go on now)",
                printable_path(shown)
            );
        }
        Err(fs::TryLockError::Error(error)) => return Err(io_error(&path)(error)),
    }
    file.lock().map_err(io_error(&path))?;
    Ok(file)
}

fn staging_prefix(name: &str) -> String {
    format!(".{name}.guidebook-tmp-")
}

/// The random letters and digits that end a staging folder's name, after its prefix.
const STAGING_RANDOM: usize = 6;

/// Whether `file` is the name of a staging folder of output `name` (`.site.guidebook-tmp-`
/// and six letters or digits, maybe with `.old`, the old site moved aside), and not of an output
/// whose name merely starts the same (`.site.guidebook-tmp-zz.guidebook-tmp-Ab12Cd` belongs to
/// `site.guidebook-tmp-zz`, whose build may be writing it).
fn is_staging_of(file: &str, name: &str) -> bool {
    let Some(rest) = file.strip_prefix(&staging_prefix(name)) else {
        return false;
    };
    let random = rest.strip_suffix(".old").unwrap_or(rest);
    random.len() == STAGING_RANDOM && random.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The longest name in bytes most file systems allow a file or folder.
const NAME_MAX: usize = 255;

/// The longest name an output folder may have: its staging folder, named after it (and the old
/// site moved aside, `.old` after that), must fit [`NAME_MAX`] too.
pub(super) fn longest_output_name() -> usize {
    NAME_MAX - staging_prefix("").len() - STAGING_RANDOM - ".old".len()
}

/// Removes staging folders left by an interrupted build of this output.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let is_ours = (entry.file_name().to_str()).is_some_and(|file| is_staging_of(file, name));
        if is_ours && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
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
    let mut aside = staging.path().as_os_str().to_owned();
    aside.push(".old");
    let aside = PathBuf::from(aside);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn staged() -> (tempfile::TempDir, StagedSite) {
        let guide = tempfile::tempdir().expect("a temporary folder");
        fs::create_dir_all(guide.path().join("content")).expect("content/");
        let out = check_output_dir(guide.path(), &guide.path().join("site"))
            .expect("the output folder may be written");
        let staged = StagedSite::create(&out).expect("the staging folder is made");
        (guide, staged)
    }

    #[test]
    fn only_this_output_s_staging_folders_are_its_leftovers() {
        assert!(is_staging_of(".site.guidebook-tmp-Xy12ab", "site"));
        assert!(is_staging_of(".site.guidebook-tmp-Xy12ab.old", "site"));
        for other in [
            ".site.guidebook-tmp-zz.guidebook-tmp-Ab12Cd",
            ".site.guidebook-tmp-Xy12ab7",
            ".site.guidebook-tmp-Xy12a",
            ".site.guidebook-tmp-Xy-2ab",
            ".sites.guidebook-tmp-Xy12ab",
            ".site.guidebook-lock",
        ] {
            assert!(!is_staging_of(other, "site"), "{other}");
        }
    }

    #[test]
    fn a_streamed_file_is_written_whole_and_committed() {
        let (guide, staged) = staged();
        let written = staged
            .put_streamed("print.html", |out| -> Result<(), ()> {
                out.write_all(b"<p>one</p>").map_err(|_| ())?;
                out.write_all(b"<p>two</p>").map_err(|_| ())
            })
            .expect("no disk error");
        assert_eq!(written, Ok(()));
        staged.put("nested/a.txt", b"a".to_vec()).expect("written");
        assert_eq!(staged.page_count(), 1);
        staged.commit().expect("swapped in");
        let site = guide.path().join("site");
        assert_eq!(
            fs::read_to_string(site.join("print.html")).expect("print.html"),
            "<p>one</p><p>two</p>"
        );
        assert_eq!(fs::read(site.join("nested/a.txt")).expect("a.txt"), b"a");
        assert!(site.join(MARKER_FILE).is_file());
    }

    #[test]
    fn the_writers_own_error_comes_back_inside_ok_and_nothing_is_committed() {
        let (guide, staged) = staged();
        let written = staged
            .put_streamed("print.html", |out| {
                out.write_all(b"half").map_err(|_| "disk")?;
                Err("template")
            })
            .expect("no disk error");
        assert_eq!(written, Err("template"));
        drop(staged);
        assert!(!guide.path().join("site").exists());
        let mut left: Vec<_> = fs::read_dir(guide.path())
            .expect("the guide folder")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".site.guidebook-lock", "content"],
            "the staging folder was removed; the lock file stays"
        );
    }

    #[test]
    fn a_disk_error_is_told_apart_from_the_writers_own() {
        struct Full;
        impl io::Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut out = RecordingWriter {
            inner: Full,
            error: None,
        };
        assert!(io::Write::write_all(&mut out, b"x").is_err());
        let recorded = out.error.expect("the disk error is kept");
        assert_eq!(recorded.kind(), io::ErrorKind::StorageFull);
    }
}
