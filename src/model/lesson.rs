//! One lesson file -> [`LessonFile`]: its front matter parsed and checked on its own.
//!
//! The loader has already split the file at its front matter fences
//! ([`crate::load::MarkdownSource`]); this module reads the YAML between them, with the
//! machinery every kind of front matter shares ([`super::front_matter`]).
//! Checks that need other lessons (unique steps and slugs, prerequisites, links) belong to
//! [`crate::model::guide`]. The home page's `_index.md` is parsed here too ([`parse_intro`]).

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::load::{MarkdownSource, TextSlice};
use crate::model::duration::{DURATION_FORMS, Duration, DurationError};
use crate::model::extra::Extra;
use crate::model::front_matter::{
    FileParts, FrontMatterKind, file_slug, parse_front_matter, parse_front_matter_all,
    require_front_matter, value_span,
};
use crate::model::parsed::Parsed;
use crate::model::unfinished::unfinished_lesson;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    step: u32,
    #[serde(default)]
    chapter: Option<String>,
    #[serde(default)]
    duration: Option<String>,
    #[serde(default)]
    teaching: Option<u32>,
    #[serde(default)]
    exercises: Option<u32>,
    #[serde(default)]
    prerequisites: Vec<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    gear: Vec<String>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    extra: Extra,
}

/// A lesson file whose front matter parsed and passed its own checks.
#[derive(Debug, Clone)]
pub struct LessonFile {
    /// Guide-relative path, e.g. `content/02-fit.md`.
    pub file: String,
    /// Path relative to `content/`, used to resolve links between lessons.
    pub content_path: String,
    pub slug: String,
    pub title: String,
    pub step: u32,
    /// The name of the chapter the lesson is in (`chapter:`), if any; see [`super::chapters`].
    pub chapter: Option<String>,
    pub duration: Duration,
    /// The minutes of teaching and of exercises (`teaching:`, `exercises:`), when given; the
    /// duration is then their sum.
    pub split: TimeSplit,
    pub summary: String,
    pub prerequisites: Vec<String>,
    pub gear: Vec<String>,
    pub draft: bool,
    /// Older addresses of the lesson's page, as written (`aliases:`); see [`super::aliases`].
    pub aliases: Vec<String>,
    /// The front matter's `extra`, for templates.
    pub extra: Extra,
    /// Its body and front matter, where they are in the file.
    pub parts: FileParts,
    /// What the file says that does not stop it from being built but probably should be
    /// changed (the placeholders of `guidebook new`): warnings, found once per parse.
    pub warnings: Vec<Diagnostic>,
}

impl LessonFile {
    /// Span in the file of the value of `key` (falls back to the first line of the front matter).
    pub fn value_span(&self, key: &str) -> Range<usize> {
        self.parts.value_span(key)
    }

    /// Span in the file of one list item of `key`.
    pub fn item_span(&self, key: &str, item: &str) -> Range<usize> {
        self.parts.item_span(key, item)
    }
}

/// A lesson's time as teaching and exercises, in minutes (the Carpentries Workbench's
/// `teaching:` and `exercises:`); each `None` when not given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimeSplit {
    pub teaching: Option<u32>,
    pub exercises: Option<u32>,
}

impl TimeSplit {
    /// Whether either part is given.
    pub fn is_given(self) -> bool {
        self.teaching.is_some() || self.exercises.is_some()
    }

    /// The parts added up, in minutes.
    pub fn minutes(self) -> u64 {
        u64::from(self.teaching.unwrap_or(0)) + u64::from(self.exercises.unwrap_or(0))
    }
}

/// A lesson file as parsed (see [`Parsed`]). Shared: the preview keeps each parse for the next
/// build, and a guide takes it from there without copying it.
pub type ParsedLesson = Parsed<Arc<LessonFile>>;

/// Parses a lesson file. Every problem is returned, not just the first; the lesson whenever its
/// values could be read, problems or not.
pub fn parse_lesson(source: &MarkdownSource, strings: &Strings) -> ParsedLesson {
    let file = source.file.path.as_str();
    let (parts, front_matter) = match require_front_matter(source, FrontMatterKind::Lesson) {
        Ok(found) => found,
        Err(problems) => return Parsed::failed(problems),
    };
    let yaml: &str = &front_matter.yaml;
    let offset = front_matter.offset;
    // A misspelt key does not hide the problems of the other values.
    let (front, mut problems) =
        parse_front_matter_all::<FrontMatter>(file, front_matter, FrontMatterKind::Lesson);
    let Some(front) = front else {
        return Parsed::failed(problems);
    };
    let fm_span = |key: &str| value_span(yaml, offset, key);
    if front.title.trim().is_empty() {
        problems.push(
            Diagnostic::error(file, fm_span("title"), "the title is empty")
                .with_help("give the lesson a title, e.g. `title: Fit the harness`"),
        );
    }
    let chapter = front.chapter.map(|name| name.trim().to_string());
    if chapter.as_deref() == Some("") {
        problems.push(
            Diagnostic::error(file, fm_span("chapter"), "the chapter's name is empty").with_help(
                "name the chapter, e.g. `chapter: \"Day 1: Morning\"`, or leave `chapter:` out",
            ),
        );
    }
    if front.step == 0 {
        problems.push(
            Diagnostic::error(file, fm_span("step"), "`step` must be 1 or more")
                .with_help("number the lessons 1, 2, 3, ... in the order they should be done"),
        );
    }
    let split = TimeSplit {
        teaching: front.teaching,
        exercises: front.exercises,
    };
    let duration = lesson_duration(file, front.duration.as_deref(), split, strings, &fm_span);
    let slug = file_slug(
        file,
        &source.file.content_path,
        front.slug.as_deref(),
        fm_span("slug"),
    );
    let (duration, slug) = match (duration, slug) {
        (Ok(duration), Ok(slug)) => (duration, slug),
        (duration, slug) => {
            problems.extend(duration.err().flatten());
            problems.extend(slug.err());
            return Parsed::failed(problems);
        }
    };
    let summary = front.summary.unwrap_or_default().trim().to_string();
    let parts = FileParts::new(parts, front_matter, source.file.digest);
    let lesson = LessonFile {
        file: file.to_string(),
        content_path: source.file.content_path.clone(),
        slug,
        title: front.title.trim().to_string(),
        step: front.step,
        chapter,
        duration,
        split,
        warnings: unfinished_lesson(file, &parts, &summary),
        summary,
        prerequisites: front.prerequisites,
        gear: front.gear,
        draft: front.draft,
        aliases: front.aliases,
        extra: front.extra,
        parts,
    };
    Parsed {
        value: Some(Arc::new(lesson)),
        problems,
    }
}

/// The lesson's duration: `duration` as written, or the sum of `teaching` and `exercises`; when
/// both are given they must agree. `span` finds a key's value in the file. A lesson with none
/// of the three gives `Err(None)`: the missing key is reported with the other keys.
fn lesson_duration(
    file: &str,
    written: Option<&str>,
    split: TimeSplit,
    strings: &Strings,
    span: &dyn Fn(&str) -> Range<usize>,
) -> Result<Duration, Option<Diagnostic>> {
    let sum = split.minutes();
    let Some(written) = written else {
        if !split.is_given() {
            return Err(None);
        }
        let key = if split.teaching.is_some() {
            "teaching"
        } else {
            "exercises"
        };
        return Duration::from_minutes(sum).map_err(|error| {
            let message = format!("`teaching` and `exercises` add up to {sum} minutes: {error}");
            Some(Diagnostic::error(file, span(key), message).with_help(
                "give the lesson some minutes of teaching or exercises, or its `duration`",
            ))
        });
    };
    let duration = Duration::parse_in(written, strings).map_err(|error| {
        Diagnostic::error(
            file,
            span("duration"),
            format!("cannot read the duration `{written}`: {error}"),
        )
        .with_label(duration_label(&error))
        .with_help(DURATION_FORMS)
    })?;
    let agrees = duration.range.min_minutes == sum && duration.range.max_minutes == sum;
    if split.is_given() && !agrees {
        let parts =
            Duration::from_minutes(sum).map_or_else(|_| format!("{sum} min"), |d| d.to_string());
        let message = format!(
            "the duration `{written}` is not the sum of `teaching` and `exercises` ({parts})"
        );
        return Err(Some(
            Diagnostic::error(file, span("duration"), message)
                .with_label(format!("teaching and exercises add up to {parts}"))
                .with_help("leave `duration` out (it is then their sum), or make the three agree"),
        ));
    }
    Ok(duration)
}

fn duration_label(error: &DurationError) -> &'static str {
    match error {
        DurationError::MissingUnit | DurationError::UnknownUnit(_) => {
            "units are min, hours, days or weeks"
        }
        _ => "not a duration",
    }
}

/// The home page's introduction from `_index.md`.
#[derive(Debug, Clone, Default)]
pub struct Intro {
    pub file: String,
    pub title: Option<String>,
    pub body: TextSlice,
    pub body_offset: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntroFrontMatter {
    #[serde(default)]
    title: Option<String>,
}

/// Parses `_index.md`, whose front matter is optional and may only hold `title`.
pub fn parse_intro(source: &MarkdownSource) -> Result<Intro, Vec<Diagnostic>> {
    let parts = source
        .parts
        .as_ref()
        .map_err(|unclosed| vec![unclosed.clone()])?;
    let mut title = None;
    if let Some(front_matter) = &parts.front_matter
        && !front_matter.yaml.trim().is_empty()
    {
        let front: IntroFrontMatter =
            parse_front_matter(&source.file.path, front_matter, FrontMatterKind::Intro)?;
        title = front.title;
    }
    Ok(Intro {
        file: source.file.path.clone(),
        title,
        body: parts.body.clone(),
        body_offset: parts.body_offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;
    use crate::load::front_matter::split_source;

    /// The lesson when it parsed without a problem, else every problem.
    fn parse_lesson_en(source: &MarkdownSource) -> Result<Arc<LessonFile>, Vec<Diagnostic>> {
        parse_lesson(source, &Strings::default()).into_result()
    }

    #[test]
    fn a_misspelt_key_is_reported_and_the_lesson_read_as_meant() {
        let text = "---\ntitle: A\nstep: 3\ndurration: 10 min\nprerequisites: [b]\n---\n";
        let parsed = parse_lesson(&source(text), &Strings::default());
        assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
        assert_eq!(
            parsed.problems[0].message,
            "unknown front matter key `durration`"
        );
        let lesson = parsed.value.expect("the lesson is still read");
        assert_eq!(
            (lesson.step, lesson.prerequisites.clone()),
            (3, vec!["b".to_string()])
        );
        assert_eq!(lesson.duration.range.max_minutes, 10);
    }

    fn source(text: &str) -> MarkdownSource {
        split_source(SourceFile::new("content/02-fit.md", "02-fit.md", text))
    }

    #[test]
    fn parses_a_complete_lesson() {
        let lesson = parse_lesson_en(&source(
            "---\ntitle: Fit <it>\nstep: 2\nduration: 5-10 min\nprerequisites: [choose]\ngear: [vest]\nsummary: S\n---\n# Body\n",
        ))
        .unwrap();
        assert_eq!(lesson.slug, "fit");
        assert_eq!(lesson.title, "Fit <it>");
        assert_eq!(lesson.duration.range.max_minutes, 10);
        assert_eq!(lesson.prerequisites, ["choose"]);
        assert_eq!(&*lesson.parts.body, "# Body\n");
    }

    #[test]
    fn teaching_and_exercises_add_up_to_the_duration() {
        let text = "---\ntitle: A\nstep: 1\nteaching: 10\nexercises: 5\n---\n";
        let lesson = parse_lesson_en(&source(text)).unwrap();
        assert_eq!(lesson.duration.range.max_minutes, 15);
        assert_eq!(lesson.duration.to_string(), "15 min");
        let split = (lesson.split.teaching, lesson.split.exercises);
        assert_eq!(split, (Some(10), Some(5)));
        let text = "---\ntitle: A\nstep: 1\nexercises: 150\nduration: 2.5 hours\n---\n";
        let lesson = parse_lesson_en(&source(text)).unwrap();
        assert_eq!(lesson.split.teaching, None);
        let text = "---\ntitle: A\nstep: 1\nteaching: 10\nduration: 5-10 min\n---\n";
        let errors = parse_lesson_en(&source(text)).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(&text[errors[0].span.clone()], "5-10 min");
        let text = "---\ntitle: A\nstep: 1\n---\n";
        let errors = parse_lesson_en(&source(text)).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages, ["the front matter has no `duration`"]);
        let text = "---\ntitle: A\nstep: 1\nteachng: 5\n---\n";
        let errors = parse_lesson_en(&source(text)).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            ["unknown front matter key `teachng`"],
            "one mistake, one error"
        );
    }

    #[test]
    fn reports_several_problems_at_once() {
        let errors =
            parse_lesson_en(&source("---\ntitle: ''\nstep: 0\nduration: soon\n---\n")).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
    }

    #[test]
    fn yaml_errors_point_at_the_line_in_the_file() {
        let text = "---\ntitle: A\nstep: 1\nduration: 5 min\ndraft: yes\n---\n";
        let errors = parse_lesson_en(&source(text)).unwrap_err();
        assert_eq!(&text[errors[0].span.start..errors[0].span.start + 3], "yes");
        let text = "---\ntitle: A\nstep: 1\ntitle: B\nduration: 5 min\n---\n";
        let errors = parse_lesson_en(&source(text)).unwrap_err();
        assert_eq!(errors[0].span.start, text.find("title: B").unwrap());
    }

    #[test]
    fn extra_is_any_mapping_kept_for_templates() {
        let text = "---\ntitle: A\nstep: 1\nduration: 5 min\nextra:\n  icon: leash\n  levels: [1, 2]\n  nested: { deep: true }\n---\n";
        let lesson = parse_lesson_en(&source(text)).unwrap();
        assert_eq!(
            serde_json::to_string(&lesson.extra).unwrap(),
            r#"{"icon":"leash","levels":[1,2],"nested":{"deep":true}}"#
        );
        let plain = parse_lesson_en(&source("---\ntitle: A\nstep: 1\nduration: 5 min\n---\n"));
        assert!(plain.unwrap().extra.is_empty());
    }

    #[test]
    fn extra_that_is_not_a_mapping_is_an_error_with_a_hint() {
        let text = "---\ntitle: A\nstep: 1\nduration: 5 min\nextra: [a, b]\n---\n";
        let errors = parse_lesson_en(&source(text)).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].message.starts_with("front matter: extra:"),
            "{errors:?}"
        );
        assert!(errors[0].help.as_deref().unwrap().contains("map of names"));
        assert_eq!(&text[errors[0].span.start..][..6], "[a, b]");
    }
}
