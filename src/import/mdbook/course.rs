//! What a chapter's directives find in the book (includes, mdbook-course's outlines) and how
//! long a chapter takes.
//!
//! mdbook-course (Google's Comprehensive Rust) keeps `minutes:` in each chapter's front matter
//! and sums them into segments (a top-level chapter with its nested ones), sessions (a part of
//! `SUMMARY.md`) and courses. Each chapter's minutes become its duration, and the lessons form
//! one chain of prerequisites, so a part's and the guide's total time are the sums of their
//! lessons' minutes. A chapter without minutes counts nothing in mdbook-course (its time is
//! the slide's before it), and guidebook's least duration, 1 min, is written with a comment
//! saying so; in a book without minutes at all, each chapter's duration is estimated from its
//! words.

use super::chapters::{Book, Kind};
use super::summary::Place;
use crate::import::convert::estimated_duration;
use crate::import::directives::Host;
use crate::import::front_matter::SourceDoc;
use crate::import::paths::{folder_of, join, relative};
use crate::load::CONTENT_DIR;

/// A lesson's `duration` and the comment that says how it was chosen, if it was.
pub fn duration(doc: &SourceDoc<'_>, course: bool) -> (String, Option<String>) {
    match doc.minutes("minutes") {
        Some(minutes) if minutes > 0 => (format!("{minutes} min"), None),
        _ if course => (
            "1 min".to_string(),
            Some(
                "no `minutes:` in the source, so mdbook-course counted 0 (the time is the \
                 slide's before it); guidebook's least is 1 min: change it"
                    .to_string(),
            ),
        ),
        _ => {
            let (duration, comment) = estimated_duration(doc.body, "no `minutes:` in the source");
            (duration, Some(comment))
        }
    }
}

/// The book as one chapter's (or partial's) directives see it.
pub struct ChapterHost<'b, 'a> {
    pub book: &'b Book<'a>,
    /// The file, from the book's top.
    pub source: &'b str,
    /// Its path in `content/`.
    pub dest: &'b str,
    /// Its entry in `SUMMARY.md`, for a chapter.
    pub entry: Option<usize>,
}

impl Host for ChapterHost<'_, '_> {
    fn include(&self, path: &str) -> Result<String, String> {
        let path = crate::import::paths::decode(path);
        let Some(target) = join(folder_of(self.source), &path) else {
            return Err(
                "the file is outside the book's folder, which the import does not read; \
                        copy it into the guide and include it again"
                    .to_string(),
            );
        };
        if !self.book.source.is_file(&target) {
            return Err(format!("`{target}` is not a file of the book"));
        }
        let from = format!("{CONTENT_DIR}/{}", folder_of(self.dest));
        if let Some(dest) = self.book.places.get(&target) {
            self.book.included.borrow_mut().insert(target.clone());
            return Ok(relative(&from, &format!("{CONTENT_DIR}/{dest}")));
        }
        let in_guide = external_place(&target);
        self.book
            .externals
            .borrow_mut()
            .insert(target, in_guide.clone());
        Ok(relative(&from, &in_guide))
    }

    fn outline(&self, which: &str) -> Option<String> {
        let entry = self.entry?;
        match which {
            "session" => match &self.book.entries[entry].place {
                Place::Numbered { part: Some(_), .. } => Some("```outline\n```".to_string()),
                _ => None,
            },
            "segment" => {
                let top = self.top_of(entry)?;
                let lessons: Vec<&str> = (self.book.chapters.iter())
                    .filter(|c| c.entry != top && self.top_of(c.entry) == Some(top))
                    .filter(|c| matches!(c.kind, Kind::Lesson { .. }) && c.source.is_some())
                    .map(|c| c.slug.as_str())
                    .collect();
                (!lessons.is_empty())
                    .then(|| format!("```outline\nlessons: [{}]\n```", lessons.join(", ")))
            }
            _ => None,
        }
    }
}

impl ChapterHost<'_, '_> {
    /// The top-level numbered chapter `entry` is nested in (itself when it is one).
    fn top_of(&self, mut entry: usize) -> Option<usize> {
        loop {
            match &self.book.entries.get(entry)?.place {
                Place::Numbered {
                    parent: Some(parent),
                    ..
                } => entry = *parent,
                Place::Numbered { parent: None, .. } => return Some(entry),
                _ => return None,
            }
        }
    }
}

/// Where a file outside the chapters' folder goes in the guide: the same path from the guide's
/// top as from the book's, so that includes written from `src/` read the same from
/// `content/`; under `included/` when that path is one the guide uses for itself.
fn external_place(from_top: &str) -> String {
    let first = from_top.split('/').next().unwrap_or_default();
    if matches!(first, "content" | "themes" | "site" | "guide.toml") {
        format!("included/{from_top}")
    } else {
        from_top.to_string()
    }
}
