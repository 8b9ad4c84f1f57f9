//! What a translation must keep of its original: everything that makes the guide's structure
//! (step, duration and its minutes, prerequisites, gear, slug, aliases, `instructor`), which it
//! may restate but not change; and the warnings `guidebook check` adds (no translation yet, a
//! translation older than its original).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration as Elapsed;

use super::file::TranslationFile;
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::load::{CONTENT_DIR, SourceFile};
use crate::model::chapters::{LessonGroup, group_of_lessons};
use crate::model::duration::Duration;
use crate::model::guide::Lesson;
use crate::model::page::{LESSON_ONLY_KEYS, ReferencePage};

/// A difference between a translation and its original, as an error at the translation's line.
pub(super) fn mismatch(
    translation: &TranslationFile<'_>,
    key: &str,
    original_file: &str,
    said: &str,
    original: &str,
) -> Diagnostic {
    Diagnostic::error(
        translation.file(),
        translation.span(key),
        format!("`{key}` differs from the original ({original_file} has {original})"),
    )
    .with_label(format!("{said} here"))
    .with_help(format!(
        "a translation keeps its original's `{key}`: leave `{key}:` out to inherit it, or make it the same"
    ))
}

/// How much newer the original must be for its translation to count as out of date (a fresh
/// checkout writes files in any order, a moment apart).
const OUT_OF_DATE_AFTER: Elapsed = Elapsed::from_secs(2);

/// Whether `original` changed after `translation` was last saved.
pub(super) fn is_out_of_date(original: &SourceFile, translation: &SourceFile) -> bool {
    match (original.modified, translation.modified) {
        (Some(original), Some(translation)) => original
            .duration_since(translation)
            .is_ok_and(|newer| newer > OUT_OF_DATE_AFTER),
        _ => false,
    }
}

/// The error for a translation whose original (`original`, relative to `content/`) is missing.
pub(super) fn no_original(file: &str, original: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        0..0,
        format!("there is no `{CONTENT_DIR}/{original}` for this file to translate"),
    )
    .with_help(format!(
        "a translation sits beside its original with the language before the extension; rename it, or add `{CONTENT_DIR}/{original}`"
    ))
}

/// The warning for a lesson or page with no translation into `code`.
pub(super) fn missing(file: &str, code: &str, content_path: &str) -> Diagnostic {
    let stem = content_path.strip_suffix(".md").unwrap_or(content_path);
    Diagnostic::warning(file, 0..0, format!("not translated into `{code}`")).with_help(format!(
        "its `{code}/` page shows this text until `{CONTENT_DIR}/{stem}.{code}.md` translates it"
    ))
}

/// The warning for a translation older than its original (`originals` are the files it may
/// translate, by path: none unless `check` asks).
pub(super) fn report_out_of_date(
    originals: &HashMap<&str, &SourceFile>,
    original_file: &str,
    translation: &TranslationFile<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    if let Some(original) = originals.get(original_file)
        && is_out_of_date(original, &translation.source.file)
    {
        problems.push(
            Diagnostic::warning(translation.file(), 0..0, "this translation may be out of date")
                .with_label(format!("{original_file} changed after it"))
                .with_help(format!(
                    "compare it with {original_file} and bring it up to date (saving it marks it as current)"
                )),
        );
    }
}

/// A translated lesson must agree with its original on everything but its words.
pub(super) fn check_lesson_translation(
    lesson: &Lesson,
    translation: &TranslationFile<'_>,
    strings: &Strings,
    problems: &mut Vec<Diagnostic>,
) {
    let original = &lesson.source;
    let front = &translation.front;
    let file = original.file.as_str();
    if let Some(step) = front.step
        && step != original.step
    {
        problems.push(mismatch(
            translation,
            "step",
            file,
            &step.to_string(),
            &original.step.to_string(),
        ));
    }
    let parts = [
        ("teaching", front.teaching, original.split.teaching),
        ("exercises", front.exercises, original.split.exercises),
    ];
    for (key, said, inherited) in parts {
        if let Some(said) = said
            && Some(said) != inherited
        {
            let inherited = inherited.map_or_else(|| "none".to_string(), |m| m.to_string());
            problems.push(mismatch(
                translation,
                key,
                file,
                &said.to_string(),
                &inherited,
            ));
        }
    }
    if let Some(written) = &front.duration {
        match Duration::parse_in(written, strings) {
            Ok(duration) if duration.range == original.duration.range => {}
            Ok(_) => problems.push(mismatch(
                translation,
                "duration",
                file,
                written,
                &original.duration.to_string(),
            )),
            Err(error) => problems.push(
                Diagnostic::error(
                    translation.file(),
                    translation.span("duration"),
                    format!("cannot read the duration `{written}`: {error}"),
                )
                .with_help("leave `duration:` out to inherit the original's"),
            ),
        }
    }
    let lists = [
        (
            "prerequisites",
            &front.prerequisites,
            &original.prerequisites,
        ),
        ("gear", &front.gear, &original.gear),
        ("aliases", &front.aliases, &original.aliases),
    ];
    for (key, said, inherited) in lists {
        if let Some(said) = said
            && said != inherited
        {
            let list = |items: &[String]| format!("[{}]", items.join(", "));
            problems.push(mismatch(
                translation,
                key,
                file,
                &list(said),
                &list(inherited),
            ));
        }
    }
    if let Some(slug) = &front.slug
        && *slug != original.slug
    {
        problems.push(mismatch(translation, "slug", file, slug, &original.slug));
    }
    if front.instructor.is_some() {
        problems.push(
            Diagnostic::error(
                translation.file(),
                translation.parts.key_span("instructor"),
                "a lesson has no `instructor`",
            )
            .with_help("only reference pages (content/pages/) can be for instructors only; leave `instructor:` out"),
        );
    }
}

/// A translated reference page must agree with its original on everything but its words, and
/// has no lesson keys.
pub(super) fn check_page_translation(
    page: &ReferencePage,
    translation: &TranslationFile<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    for key in LESSON_ONLY_KEYS {
        if translation.parts.front_matter.contains(&format!("{key}:")) {
            problems.push(
                Diagnostic::error(
                    translation.file(),
                    translation.span(key),
                    format!("a reference page has no `{key}`"),
                )
                .with_help(format!(
                    "{} is a reference page: leave `{key}:` out of its translation",
                    page.file
                )),
            );
        }
    }
    if let Some(slug) = &translation.front.slug
        && *slug != page.slug
    {
        problems.push(mismatch(translation, "slug", &page.file, slug, &page.slug));
    }
    if let Some(instructor) = translation.front.instructor
        && instructor != page.instructor
    {
        let (said, original) = (instructor.to_string(), page.instructor.to_string());
        problems.push(mismatch(
            translation,
            "instructor",
            &page.file,
            &said,
            &original,
        ));
    }
    if let Some(aliases) = &translation.front.aliases
        && *aliases != page.aliases
    {
        let list = |items: &[String]| format!("[{}]", items.join(", "));
        let (said, original) = (list(aliases), list(&page.aliases));
        problems.push(mismatch(
            translation,
            "aliases",
            &page.file,
            &said,
            &original,
        ));
    }
}

/// The chapters' names in a language: a translation names its lesson's chapter in its own
/// words (`chapter:`), the first translated lesson of each chapter for the whole chapter; the
/// others may say the same or nothing. A chapter no translation names keeps its original name.
pub(super) struct ChapterNames {
    /// The chapter (group) of each lesson.
    group_of: Vec<Option<usize>>,
    /// Each group's name in this language, and the file that gave it.
    names: Vec<Option<(String, String)>>,
}

impl ChapterNames {
    pub fn new(groups: &[LessonGroup], lesson_count: usize) -> Self {
        ChapterNames {
            group_of: group_of_lessons(groups, lesson_count),
            names: vec![None; groups.len()],
        }
    }

    /// Reads the `chapter:` of the translation of lesson `index`.
    pub fn read(
        &mut self,
        index: usize,
        lesson: &Lesson,
        translation: &TranslationFile<'_>,
        problems: &mut Vec<Diagnostic>,
    ) {
        let Some(said) = translation.front.chapter.as_deref().map(str::trim) else {
            return;
        };
        let group = self.group_of.get(index).copied().flatten();
        let (Some(group), Some(original)) = (group, &lesson.source.chapter) else {
            problems.push(mismatch(
                translation,
                "chapter",
                &lesson.source.file,
                said,
                "none",
            ));
            return;
        };
        match self.names.get_mut(group) {
            Some(Some((name, file))) if name != said => problems.push(
                Diagnostic::error(
                    translation.file(),
                    translation.span("chapter"),
                    format!("the chapter “{original}” is “{name}” in {file}"),
                )
                .with_label(format!("“{said}” here"))
                .with_help("the lessons of one chapter name it alike: write the same name, or leave `chapter:` out"),
            ),
            Some(slot @ None) => *slot = Some((said.to_string(), translation.file().to_string())),
            _ => {}
        }
    }

    /// The chapters in this language; each lesson's `chapter` becomes its chapter's name here.
    pub fn named(self, groups: &[LessonGroup], lessons: &mut [Lesson]) -> Vec<LessonGroup> {
        let named: Vec<LessonGroup> = (groups.iter().zip(self.names))
            .map(|(group, name)| LessonGroup {
                name: name.map(|(name, _)| name).or_else(|| group.name.clone()),
                lessons: group.lessons.clone(),
            })
            .collect();
        for group in &named {
            for lesson in lessons.get_mut(group.lessons.clone()).unwrap_or_default() {
                if lesson.source.chapter != group.name {
                    Arc::make_mut(&mut lesson.source)
                        .chapter
                        .clone_from(&group.name);
                }
            }
        }
        named
    }
}
