//! Lessons and reference pages that are in `content/` but not in the built guide: drafts
//! (without `--drafts`), instructors' pages (without `--instructor`) and files whose front
//! matter could not be read. A prerequisite or a
//! link that names one is not "no such lesson": for a draft it says so, and for an unreadable
//! file it says nothing (that file's own error says enough, and one mistake gives one error).

/// Why a file is left out of the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absence {
    /// Marked `draft: true`, and the build is without `--drafts`.
    Draft,
    /// Its front matter has errors, reported at that file.
    Unreadable,
    /// A reference page marked `instructor: true`, and the build is the learners' edition.
    InstructorOnly,
}

/// A lesson or page left out of the guide, by the path and slug it would have had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbsentFile {
    /// Path relative to `content/`.
    pub content_path: String,
    /// Its slug, or for an unreadable file the one its file name gives.
    pub slug: String,
    pub absence: Absence,
}

/// Why `slug` names no lesson or page of the guide, if it names a file left out.
pub fn absence_of(absent: &[AbsentFile], slug: &str) -> Option<Absence> {
    absent.iter().find(|a| a.slug == slug).map(|a| a.absence)
}
