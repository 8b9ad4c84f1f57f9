//! The print edition's bodies (every lesson's and reference page's HTML, rendered for paper),
//! kept out of its template context: the context gives each body's `html` as a short marker,
//! the bodies are kept compressed (LZ4, a fifth of their size), and [`BodyWriter`] writes each
//! body where its marker comes out of the template, as the page streams to its file. At 10,000
//! lessons the bodies are 140 MB, which the context would otherwise hold as template values
//! until the whole page is written.
//!
//! A marker is `\u{1}gb` + a number drawn for each print edition + `:` + the body's index +
//! `\u{1}`: no guide text can foresee it, and escaping leaves it as it is. A theme that
//! prints `html` (with `| safe` or without) gets the body; one that cuts or changes it gets
//! what remains of the marker, as text.

use std::hash::{BuildHasher, RandomState};
use std::io::{self, Write};

/// The bodies of one print edition, by index, and their markers.
pub struct PaperBodies {
    prefix: String,
    compressed: Vec<Box<[u8]>>,
}

/// The byte that opens and closes a marker.
const EDGE: u8 = 1;

/// A marker is at most this long: the edges, `gb`, 16 hex digits, `:` and a 20-digit index.
const MARKER_MAX: usize = 2 + 2 + 16 + 1 + 20;

impl PaperBodies {
    /// A set of markers for one print edition, with a number of their own.
    pub fn new() -> Self {
        let number = RandomState::new().hash_one(std::process::id());
        PaperBodies {
            prefix: format!("\u{1}gb{number:016x}:"),
            compressed: Vec::new(),
        }
    }

    /// The marker of the body at `index`.
    pub fn marker(&self, index: usize) -> String {
        format!("{}{index}\u{1}", self.prefix)
    }

    /// A body compressed, to be given to [`PaperBodies::keep`].
    pub fn pack(html: &str) -> Box<[u8]> {
        lz4_flex::compress_prepend_size(html.as_bytes()).into_boxed_slice()
    }

    /// Keeps the bodies, in the order of their indices.
    pub fn keep(&mut self, bodies: Vec<Box<[u8]>>) {
        self.compressed = bodies;
    }

    /// The body a whole marker stands for.
    fn body(&self, marker: &[u8]) -> Option<Vec<u8>> {
        let inner = marker.strip_prefix(self.prefix.as_bytes())?;
        let digits = inner.strip_suffix(&[EDGE])?;
        let index: usize = std::str::from_utf8(digits).ok()?.parse().ok()?;
        lz4_flex::decompress_size_prepended(self.compressed.get(index)?).ok()
    }

    /// A writer into `out` that writes the bodies in place of their markers.
    pub fn writer<'a>(&'a self, out: &'a mut dyn Write) -> BodyWriter<'a> {
        BodyWriter {
            bodies: self,
            out,
            pending: Vec::new(),
        }
    }
}

/// Writes what it is given into another writer, each body's marker replaced by the body. Text
/// that might begin a marker is held until the rest of it comes; [`BodyWriter::finish`] writes
/// what is left.
pub struct BodyWriter<'a> {
    bodies: &'a PaperBodies,
    out: &'a mut dyn Write,
    pending: Vec<u8>,
}

impl BodyWriter<'_> {
    /// Writes out what is held (at the end, a marker's start is text).
    pub fn finish(mut self) -> io::Result<()> {
        self.drain(true)?;
        self.out.flush()
    }

    /// Writes out the pending text, with bodies in place of whole markers, keeping back only a
    /// possible marker's start (unless `at_end`).
    fn drain(&mut self, at_end: bool) -> io::Result<()> {
        let mut done = 0;
        while let Some(at) = memchr::memchr(EDGE, &self.pending[done..]) {
            let start = done + at;
            self.out.write_all(&self.pending[done..start])?;
            let rest = &self.pending[start + 1..];
            let close = memchr::memchr(EDGE, &rest[..rest.len().min(MARKER_MAX)]);
            let Some(close) = close else {
                if !at_end && self.pending.len() - start < MARKER_MAX {
                    // Perhaps a marker whose end is still to come.
                    done = start;
                    self.pending.drain(..done);
                    return Ok(());
                }
                self.out.write_all(&[EDGE])?;
                done = start + 1;
                continue;
            };
            let end = start + 1 + close + 1;
            match self.bodies.body(&self.pending[start..end]) {
                Some(body) => {
                    self.out.write_all(&body)?;
                    done = end;
                }
                None => {
                    // Not a marker: the byte is text; what follows may still open one.
                    self.out.write_all(&[EDGE])?;
                    done = start + 1;
                }
            }
        }
        self.out.write_all(&self.pending[done..])?;
        self.pending.clear();
        Ok(())
    }
}

impl Write for BodyWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(texts: &[&str]) -> PaperBodies {
        let mut bodies = PaperBodies::new();
        bodies.keep(texts.iter().map(|text| PaperBodies::pack(text)).collect());
        bodies
    }

    /// `pieces` written one by one through a body writer.
    fn written(bodies: &PaperBodies, pieces: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut writer = bodies.writer(&mut out);
        for piece in pieces {
            writer.write_all(piece).unwrap();
        }
        writer.finish().unwrap();
        out
    }

    #[test]
    fn markers_become_their_bodies_however_the_text_is_cut() {
        let bodies = bodies(&["<p>one</p>", "<p>two \u{1} & more</p>"]);
        let page = format!(
            "<main>{}|{}|{}</main>",
            bodies.marker(1),
            bodies.marker(0),
            bodies.marker(1)
        );
        let expected = "<main><p>two \u{1} & more</p>|<p>one</p>|<p>two \u{1} & more</p></main>";
        assert_eq!(written(&bodies, &[page.as_bytes()]), expected.as_bytes());
        // Cut at every byte, and byte by byte.
        for cut in 0..page.len() {
            let (a, b) = page.as_bytes().split_at(cut);
            assert_eq!(written(&bodies, &[a, b]), expected.as_bytes(), "cut {cut}");
        }
        let bytes: Vec<&[u8]> = page.as_bytes().chunks(1).collect();
        assert_eq!(written(&bodies, &bytes), expected.as_bytes());
    }

    #[test]
    fn text_that_only_looks_like_a_marker_is_left_as_it_is() {
        let bodies = bodies(&["<p>one</p>"]);
        // Another print edition's marker (another number).
        let other = PaperBodies::new().marker(0);
        let cut_short = &bodies.marker(0)[..10];
        let far = format!("\u{1}{}\u{1}", "x".repeat(MARKER_MAX));
        for text in [
            "\u{1}",
            "a\u{1}\u{1}b",
            "\u{1}gb:9\u{1}",
            &other,
            cut_short,
            &far,
            &bodies.marker(7),
        ] {
            assert_eq!(
                written(&bodies, &[text.as_bytes()]),
                text.as_bytes(),
                "{text:?}"
            );
        }
        // A stray edge just before a real marker.
        let text = format!("\u{1}{}", bodies.marker(0));
        assert_eq!(written(&bodies, &[text.as_bytes()]), b"\x01<p>one</p>");
    }
}
