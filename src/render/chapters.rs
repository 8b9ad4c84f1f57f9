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
    /// Whether `label` names the chapter (a folder) rather than its first lesson.
    pub named: bool,
    pub lessons: Vec<usize>,
}

/// Lessons per chapter when a guide is cut into runs of steps: at most [`MAX_CHAPTERS`] runs.
pub fn steps_per_chapter(lessons: usize) -> usize {
    lessons.div_ceil(MAX_CHAPTERS).max(1)
}

/// The top-level folder of each lesson, when the guide is cut by folder.
fn folders(guide: &Guide) -> Option<Vec<&str>> {
    let of: Vec<&str> = (guide.lessons.iter())
        .map(|l| l.source.content_path.split_once('/').map_or("", |(f, _)| f))
        .collect();
    let distinct: std::collections::BTreeSet<&str> = of.iter().copied().collect();
    (distinct.len() > 1 && distinct.len() <= MAX_CHAPTERS).then_some(of)
}

/// How many chapters [`chapters`] makes, without making them.
pub fn chapter_count(guide: &Guide) -> usize {
    match folders(guide) {
        Some(folders) => folders
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        None => guide
            .lessons
            .len()
            .div_ceil(steps_per_chapter(guide.lessons.len())),
    }
}

/// The chapters of `guide`, ordered by their first lesson; every lesson is in exactly one.
pub fn chapters(guide: &Guide) -> Vec<Chapter> {
    let mut chapters: Vec<Chapter> = match folders(guide) {
        Some(folders) => {
            let mut grouped: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (index, folder) in folders.into_iter().enumerate() {
                grouped.entry(folder).or_default().push(index);
            }
            (grouped.into_iter())
                .map(|(name, lessons)| Chapter {
                    label: if name.is_empty() {
                        guide.lessons[lessons[0]].source.title.clone()
                    } else {
                        name.replace(['-', '_'], " ")
                    },
                    named: !name.is_empty(),
                    lessons,
                })
                .collect()
        }
        None => {
            let indices: Vec<usize> = (0..guide.lessons.len()).collect();
            (indices.chunks(steps_per_chapter(guide.lessons.len())))
                .map(|run| Chapter {
                    label: guide.lessons[run[0]].source.title.clone(),
                    named: false,
                    lessons: run.to_vec(),
                })
                .collect()
        }
    };
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
