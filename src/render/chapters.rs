//! The chapters of a guide. A large guide is cut into chapters by its named chapters
//! (`chapter:` in the lessons, [`crate::model::chapters`]; a run of lessons without one is cut
//! into runs of steps), else by its top-level folders of `content/` (when there are two to
//! [`MAX_CHAPTERS`] of them), else into runs of steps. The lesson map and the timeline draw a
//! large guide by chapter, and its home page lists the chapters, each with a page of its own.
//!
//! A guide of any size with named chapters also shows them as headings over its lessons (home
//! page, sidebar, print edition's contents, handout): [`GroupInfo`] is what templates get.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use crate::model::Guide;
use crate::model::chapters::LessonGroup;
use crate::model::duration::DurationRange;

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
    let distinct = distinct_folders(&of);
    (distinct > 1 && distinct <= MAX_CHAPTERS).then_some(of)
}

/// How many different folders `of` names, counted up to one more than [`MAX_CHAPTERS`] (a
/// lesson's folder is most often its predecessor's: that is checked first).
fn distinct_folders(of: &[&str]) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for folder in of {
        if seen.last() != Some(folder) && !seen.contains(folder) {
            seen.push(folder);
            if seen.len() > MAX_CHAPTERS {
                break;
            }
        }
    }
    seen.len()
}

/// How many chapters [`chapters`] makes, without making them.
pub fn chapter_count(guide: &Guide) -> usize {
    if !guide.chapters.is_empty() {
        let per = steps_per_chapter(guide.lessons.len());
        return (guide.chapters.iter())
            .map(|group| match group.name {
                Some(_) => 1,
                None => group.lessons.len().div_ceil(per),
            })
            .sum();
    }
    match folders(guide) {
        Some(folders) => distinct_folders(&folders),
        None => guide
            .lessons
            .len()
            .div_ceil(steps_per_chapter(guide.lessons.len())),
    }
}

/// The chapters of `guide`, ordered by their first lesson; every lesson is in exactly one.
pub fn chapters(guide: &Guide) -> Vec<Chapter> {
    if !guide.chapters.is_empty() {
        return named_chapters(guide);
    }
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

/// The chapters of a guide whose lessons name them: one per named chapter, and runs of steps
/// for the lessons without one.
fn named_chapters(guide: &Guide) -> Vec<Chapter> {
    let per = steps_per_chapter(guide.lessons.len());
    let mut chapters = Vec::new();
    for group in &guide.chapters {
        let lessons: Vec<usize> = group.lessons.clone().collect();
        match &group.name {
            Some(name) => chapters.push(Chapter {
                label: name.clone(),
                named: true,
                lessons,
            }),
            None => {
                chapters.extend(lessons.chunks(per).map(|run| {
                    Chapter {
                        label: (guide.lessons.get(run[0]))
                            .map_or_else(String::new, |l| l.source.title.clone()),
                        named: false,
                        lessons: run.to_vec(),
                    }
                }))
            }
        }
    }
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

/// A run of lessons under one chapter heading, or under none (`groups` of the home page, the
/// sidebar, the print edition and the handout): `lessons[start:end]` of the list it goes with.
#[derive(Debug, Clone, Serialize)]
pub struct GroupInfo {
    /// The chapter's name, "" for lessons without one.
    pub label: String,
    /// Where its lessons are in the list of lessons the template has (`lessons[start:end]`).
    pub start: usize,
    pub end: usize,
    pub first_step: u32,
    pub last_step: u32,
    pub lesson_count: usize,
    /// Its lessons' durations added up, in the language's words.
    pub duration: String,
}

impl GroupInfo {
    /// One group without a name of the `count` lessons from step `first_step` to `last_step`
    /// (the sidebar of a guide without chapters).
    pub fn whole(first_step: u32, last_step: u32, count: usize) -> Self {
        GroupInfo {
            label: String::new(),
            start: 0,
            end: count,
            first_step,
            last_step,
            lesson_count: count,
            duration: String::new(),
        }
    }
}

/// The named chapters of `guide` over every lesson (none when no lesson names one).
pub fn group_infos(guide: &Guide) -> Vec<GroupInfo> {
    window_groups(guide, 0..guide.lessons.len())
}

/// The named chapters of `guide` over the lessons in `window` (a large guide's sidebar lists
/// the lessons around the page), positions counted from the window's start.
pub fn window_groups(guide: &Guide, window: Range<usize>) -> Vec<GroupInfo> {
    (guide.chapters.iter())
        .filter_map(|group| group_info(guide, group, &window))
        .collect()
}

fn group_info(guide: &Guide, group: &LessonGroup, window: &Range<usize>) -> Option<GroupInfo> {
    let start = group.lessons.start.max(window.start);
    let end = group.lessons.end.min(window.end);
    if start >= end {
        return None;
    }
    let lessons = guide.lessons.get(group.lessons.clone())?;
    let duration = (lessons.iter()).fold(DurationRange::default(), |sum, l| {
        sum.plus(l.source.duration.range)
    });
    Some(GroupInfo {
        label: group.name.clone().unwrap_or_default(),
        start: start - window.start,
        end: end - window.start,
        first_step: lessons.first()?.source.step,
        last_step: lessons.last()?.source.step,
        lesson_count: lessons.len(),
        duration: duration.humanize_up_to(guide.time_unit(), &guide.strings),
    })
}
