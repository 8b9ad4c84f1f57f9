//! Named chapters: lessons grouped by their `chapter:` (`chapter: "Day 1: Morning"`, mdBook's
//! part titles), in step order. A chapter's lessons come one after another: a chapter whose
//! lessons are split by another's is an error at its first lesson out of place. Lessons without
//! `chapter` form groups of their own, without a name, wherever they are (before the first
//! chapter, as mdBook's prefix chapters; after the last, as its suffix chapters); between two
//! named chapters such a group is most likely a forgotten `chapter:`, and a warning.
//!
//! How the chapters show (headings, chapter pages of a large guide) is the renderer's.

use std::collections::BTreeMap;
use std::ops::Range;

use super::guide::Lesson;
use crate::diagnostics::Diagnostic;

/// A run of lessons that share a chapter, or have none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonGroup {
    /// The chapter's name, `None` for lessons without `chapter`.
    pub name: Option<String>,
    /// Indices into [`super::Guide::lessons`].
    pub lessons: Range<usize>,
}

/// The groups of `lessons` (in step order), or none when no lesson names a chapter; and every
/// chapter split by another one, as a problem.
pub(super) fn group_lessons(
    lessons: &[Lesson],
    problems: &mut Vec<Diagnostic>,
) -> Vec<LessonGroup> {
    if lessons.iter().all(|l| l.source.chapter.is_none()) {
        return Vec::new();
    }
    let mut groups: Vec<LessonGroup> = Vec::new();
    for (index, lesson) in lessons.iter().enumerate() {
        let name = &lesson.source.chapter;
        match groups.last_mut() {
            Some(group) if group.name == *name => group.lessons.end = index + 1,
            _ => groups.push(LessonGroup {
                name: name.clone(),
                lessons: index..index + 1,
            }),
        }
    }
    report_split_chapters(lessons, &groups, problems);
    report_unnamed_between(lessons, &groups, problems);
    groups
}

/// An error for each chapter that comes back after another one, at the first lesson out of
/// place, naming the chapter's earlier lessons.
fn report_split_chapters(
    lessons: &[Lesson],
    groups: &[LessonGroup],
    problems: &mut Vec<Diagnostic>,
) {
    let mut first_group: BTreeMap<&str, &LessonGroup> = BTreeMap::new();
    let mut reported: Vec<&str> = Vec::new();
    for group in groups {
        let Some(name) = group.name.as_deref() else {
            continue;
        };
        let Some(first) = first_group.get(name) else {
            first_group.insert(name, group);
            continue;
        };
        if reported.contains(&name) {
            continue;
        }
        reported.push(name);
        let out_of_place = &lessons[group.lessons.start].source;
        let before = &lessons[group.lessons.start - 1].source;
        let others: Vec<String> = (first.lessons.clone())
            .map(|i| {
                let other = &lessons[i].source;
                format!("step {} ({})", other.step, other.file)
            })
            .collect();
        problems.push(
            Diagnostic::error(
                &out_of_place.file,
                out_of_place.value_span("chapter"),
                format!("the lessons of the chapter “{name}” are not one after another"),
            )
            .with_label(format!(
                "step {} comes after step {} of another chapter",
                out_of_place.step, before.step
            ))
            .with_help(format!(
                "“{name}” also has {}: give this lesson a step next to theirs, or another chapter",
                others.join(", ")
            )),
        );
    }
}

/// A warning for each lesson without `chapter` between two named chapters.
fn report_unnamed_between(
    lessons: &[Lesson],
    groups: &[LessonGroup],
    problems: &mut Vec<Diagnostic>,
) {
    for window in groups.windows(3) {
        let [before, unnamed, after] = window else {
            continue;
        };
        let (Some(before_name), None, Some(after_name)) =
            (&before.name, &unnamed.name, &after.name)
        else {
            continue;
        };
        for index in unnamed.lessons.clone() {
            let lesson = &lessons[index].source;
            problems.push(
                Diagnostic::warning(
                    &lesson.file,
                    lesson.value_span("step"),
                    format!("this lesson has no chapter, between the chapters “{before_name}” and “{after_name}”"),
                )
                .with_help(format!(
                    "add `chapter: {before_name}` or `chapter: {after_name}` to its front matter; without one it is shown on its own, with no chapter heading"
                )),
            );
        }
    }
}

/// The index into `groups` of each lesson's group (`lesson_count` lessons).
pub fn group_of_lessons(groups: &[LessonGroup], lesson_count: usize) -> Vec<Option<usize>> {
    let mut group_of = vec![None; lesson_count];
    for (number, group) in groups.iter().enumerate() {
        for lesson in group.lessons.clone() {
            if let Some(slot) = group_of.get_mut(lesson) {
                *slot = Some(number);
            }
        }
    }
    group_of
}
