//! The chapters of a large guide: its top-level folders of `content/` (when there are two to
//! [`MAX_CHAPTERS`] of them), or else runs of steps. The lesson map and the timeline draw a
//! large guide by chapter, and its home page lists the chapters, each with a page of its own.

use std::collections::BTreeMap;

use crate::model::Guide;

/// At most this many chapters, so that an overview stays quick to draw and to read.
pub const MAX_CHAPTERS: usize = 30;

/// A chapter: what to call it and its lessons (indices, in step order).
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    /// The folder's name made readable, or the first lesson's title for a run of steps.
    pub label: String,
    pub lessons: Vec<usize>,
}

/// Lessons per chapter when a guide is cut into runs of steps: at most [`MAX_CHAPTERS`] runs.
pub fn steps_per_chapter(lessons: usize) -> usize {
    lessons.div_ceil(MAX_CHAPTERS).max(1)
}

/// The chapters of `guide`, ordered by their first lesson; every lesson is in exactly one.
pub fn chapters(guide: &Guide) -> Vec<Chapter> {
    let folder = |index: usize| -> Option<&str> {
        guide.lessons[index]
            .source
            .content_path
            .split_once('/')
            .map(|(folder, _)| folder)
    };
    let folders: std::collections::BTreeSet<Option<&str>> =
        (0..guide.lessons.len()).map(folder).collect();
    let by_folder = folders.len() > 1 && folders.len() <= MAX_CHAPTERS;
    let run = steps_per_chapter(guide.lessons.len());
    let mut grouped: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for index in 0..guide.lessons.len() {
        let key = if by_folder {
            folder(index).unwrap_or_default().to_string()
        } else {
            format!("{:06}", index / run)
        };
        grouped.entry(key).or_default().push(index);
    }
    let mut chapters: Vec<Chapter> = grouped
        .into_iter()
        .map(|(name, lessons)| Chapter {
            label: if by_folder && !name.is_empty() {
                name.replace(['-', '_'], " ")
            } else {
                guide.lessons[lessons[0]].source.title.clone()
            },
            lessons,
        })
        .collect();
    chapters.sort_by_key(|chapter| chapter.lessons[0]);
    chapters
}

/// The chapter of each lesson (an index into [`chapters`]'s result).
pub fn chapter_of_lessons(chapters: &[Chapter], lesson_count: usize) -> Vec<usize> {
    let mut chapter_of = vec![0; lesson_count];
    for (number, chapter) in chapters.iter().enumerate() {
        for &lesson in &chapter.lessons {
            chapter_of[lesson] = number;
        }
    }
    chapter_of
}
