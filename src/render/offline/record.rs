//! What the build wrote, as the service worker needs it: a [`SiteWriter`] that passes every
//! file on to the real writer and notes its path, size and a digest of its bytes (for a file
//! copied from `content/`, where it is, to be read only if it is kept for offline reading).

use std::io;
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::load::Asset;
use crate::render::SiteWriter;

/// One file of the site as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Its path in the site, `/`-separated.
    pub path: String,
    pub size: u64,
    pub content: Content,
}

/// What is known of a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Made by the build (a page, a script, a theme file): the digest of its bytes.
    Made(u64),
    /// Copied from beside the lessons: where it is, to digest if it is kept.
    Copied(PathBuf),
}

/// A writer that records every file it passes on to `inner`.
pub struct Recorder<'w, W> {
    inner: &'w W,
    written: Mutex<Vec<Written>>,
}

impl<'w, W: SiteWriter> Recorder<'w, W> {
    pub fn new(inner: &'w W) -> Self {
        Recorder {
            inner,
            written: Mutex::new(Vec::new()),
        }
    }

    /// The writer files go to.
    pub fn inner(&self) -> &'w W {
        self.inner
    }

    /// Every file written so far, in no particular order.
    pub fn into_written(self) -> Vec<Written> {
        self.written
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn note(&self, written: Written) {
        (self.written.lock().unwrap_or_else(PoisonError::into_inner)).push(written);
    }
}

impl<W: SiteWriter> SiteWriter for Recorder<'_, W> {
    type Error = W::Error;

    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), Self::Error> {
        self.note(Written {
            path: path.to_string(),
            size: bytes.len() as u64,
            content: Content::Made(xxh3_64(&bytes)),
        });
        self.inner.put(path, bytes)
    }

    fn keeps_files(&self) -> bool {
        self.inner.keeps_files()
    }

    fn copy(&self, path: &str, asset: &Asset) -> Result<(), Self::Error> {
        self.note(Written {
            path: path.to_string(),
            size: asset.size,
            content: Content::Copied(asset.source.clone()),
        });
        self.inner.copy(path, asset)
    }

    fn put_streamed<E>(
        &self,
        path: &str,
        write: impl FnOnce(&mut dyn io::Write) -> Result<(), E>,
    ) -> Result<Result<(), E>, Self::Error> {
        let mut measured = None;
        let outcome = self.inner.put_streamed(path, |out| {
            let mut hashing = Hashing {
                inner: out,
                state: Xxh3::new(),
                size: 0,
                pending: Vec::with_capacity(PIECE),
            };
            let written = write(&mut hashing);
            // A disk error here is the writer's to report (it records its own).
            let _ = hashing.pass_on();
            measured = Some((hashing.size, hashing.state.digest()));
            written
        })?;
        if let (Ok(()), Some((size, digest))) = (&outcome, measured) {
            self.note(Written {
                path: path.to_string(),
                size,
                content: Content::Made(digest),
            });
        }
        Ok(outcome)
    }
}

/// How much a streamed page gathers before it is digested and passed on: a template writes
/// many small pieces, each too small to digest on its own at speed.
const PIECE: usize = 1 << 16;

/// A writer that digests and counts what passes through it, in pieces of [`PIECE`] bytes.
struct Hashing<'a> {
    inner: &'a mut dyn io::Write,
    state: Xxh3,
    size: u64,
    pending: Vec<u8>,
}

impl Hashing<'_> {
    /// Digests and writes what is pending.
    fn pass_on(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        self.state.update(&self.pending);
        self.size += self.pending.len() as u64;
        let written = self.inner.write_all(&self.pending);
        self.pending.clear();
        written
    }
}

impl io::Write for Hashing<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= PIECE {
            self.pass_on()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.pass_on()?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Site;

    #[test]
    fn every_file_is_passed_on_and_noted() {
        let site = Mutex::new(Site::default());
        let recorder = Recorder::new(&site);
        recorder.put("index.html", b"<p>home</p>".to_vec()).unwrap();
        let streamed = recorder
            .put_streamed("print.html", |out| -> Result<(), ()> {
                out.write_all(b"<p>one</p>").map_err(|_| ())?;
                out.write_all(b"<p>two</p>").map_err(|_| ())
            })
            .unwrap();
        assert_eq!(streamed, Ok(()));
        let mut written = recorder.into_written();
        written.sort_by(|a, b| a.path.cmp(&b.path));
        assert_eq!(
            written,
            [
                Written {
                    path: "index.html".into(),
                    size: 11,
                    content: Content::Made(xxh3_64(b"<p>home</p>")),
                },
                Written {
                    path: "print.html".into(),
                    size: 20,
                    content: Content::Made(xxh3_64(b"<p>one</p><p>two</p>")),
                },
            ]
        );
        let site = site.into_inner().unwrap();
        assert_eq!(site.files["print.html"], b"<p>one</p><p>two</p>");
    }

    #[test]
    fn a_page_that_failed_to_render_is_not_noted() {
        let site = Mutex::new(Site::default());
        let recorder = Recorder::new(&site);
        let streamed = recorder
            .put_streamed("print.html", |out| {
                out.write_all(b"half").map_err(|_| "disk")?;
                Err("template")
            })
            .unwrap();
        assert_eq!(streamed, Err("template"));
        assert!(recorder.into_written().is_empty());
    }
}
