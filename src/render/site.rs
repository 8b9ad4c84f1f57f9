//! What rendering produces and where it goes: the [`SiteWriter`] contract that every
//! destination implements (the staging folder on disk in `output`, a [`Site`] in memory for the
//! preview and the tests, [`Discard`] for `guidebook check`).

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::io;
use std::sync::{Mutex, PoisonError};

use crate::load::Asset;

/// The rendered site: file path (relative, `/`-separated) -> bytes, and the files beside the
/// lessons that it copies as they are. Ordered, so writing it is deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Files copied into the site unchanged, by their path in it.
    pub copies: BTreeMap<String, Asset>,
}

impl Site {
    /// Number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.files
            .keys()
            .filter(|path| path.ends_with(".html"))
            .count()
    }
}

/// Where the pipeline puts the site's files as it renders them: a staging folder on disk, a
/// [`Site`] in memory (behind a mutex, as pages are rendered on several threads), or nowhere
/// ([`Discard`]).
pub trait SiteWriter: Sync {
    /// Why a file could not be added.
    type Error: Send + std::fmt::Debug;

    /// Adds one file of the site; `path` is relative and `/`-separated.
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), Self::Error>;

    /// Adds one file beside the lessons, copied byte for byte from where it is.
    fn copy(&self, path: &str, asset: &Asset) -> Result<(), Self::Error>;

    /// Whether the files are kept anywhere (not by [`Discard`]): what only matters for a site
    /// that is kept, such as reading the copied files for the offline list, is skipped otherwise.
    fn keeps_files(&self) -> bool {
        true
    }

    /// Adds one file that `write` writes piece by piece, for a page too large to hold whole.
    /// An error of `write`'s own comes back inside `Ok`; the file is then left incomplete, and
    /// the build is expected to fail. By default the pieces are gathered and [`Self::put`].
    fn put_streamed<E>(
        &self,
        path: &str,
        write: impl FnOnce(&mut dyn io::Write) -> Result<(), E>,
    ) -> Result<Result<(), E>, Self::Error> {
        let mut bytes = Vec::new();
        if let Err(error) = write(&mut bytes) {
            return Ok(Err(error));
        }
        self.put(path, bytes).map(Ok)
    }
}

impl SiteWriter for Mutex<Site> {
    type Error = Infallible;

    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), Infallible> {
        let mut site = self.lock().unwrap_or_else(PoisonError::into_inner);
        site.files.insert(path.to_string(), bytes);
        Ok(())
    }

    fn copy(&self, path: &str, asset: &Asset) -> Result<(), Infallible> {
        let mut site = self.lock().unwrap_or_else(PoisonError::into_inner);
        site.copies.insert(path.to_string(), asset.clone());
        Ok(())
    }
}

/// A writer that keeps nothing: `guidebook check` renders every page, so that template errors
/// are found, without holding or writing the site.
#[derive(Debug, Default)]
pub struct Discard;

impl SiteWriter for Discard {
    type Error = Infallible;

    fn put(&self, _: &str, _: Vec<u8>) -> Result<(), Infallible> {
        Ok(())
    }

    fn copy(&self, _: &str, _: &Asset) -> Result<(), Infallible> {
        Ok(())
    }

    fn keeps_files(&self) -> bool {
        false
    }

    fn put_streamed<E>(
        &self,
        _: &str,
        write: impl FnOnce(&mut dyn io::Write) -> Result<(), E>,
    ) -> Result<Result<(), E>, Infallible> {
        Ok(write(&mut io::sink()))
    }
}
