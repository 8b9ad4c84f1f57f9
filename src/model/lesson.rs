//! One lesson file -> [`LessonFile`]: its front matter parsed and checked on its own.
//!
//! The loader has already split the file at its front matter fences
//! ([`crate::load::MarkdownSource`]); this module reads the YAML between them.
//! Checks that need other lessons (unique steps and slugs, prerequisites, links) belong to
//! [`crate::model::guide`]. The home page's `_index.md` is parsed here too ([`parse_intro`]).

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::load::{FrontMatterText, MarkdownSource, TextSlice};
use crate::model::duration::{DURATION_FORMS, Duration, DurationError};
use crate::model::yaml::{SerdeMessage, YamlError, parse_yaml};
use crate::model::{locate, slug};

/// The keys a lesson's front matter may have.
pub const FRONT_MATTER_KEYS: [&str; 8] = [
    "title",
    "step",
    "duration",
    "prerequisites",
    "summary",
    "gear",
    "slug",
    "draft",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    step: u32,
    duration: String,
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
    pub duration: Duration,
    pub summary: String,
    pub prerequisites: Vec<String>,
    pub gear: Vec<String>,
    pub draft: bool,
    /// The Markdown after the front matter.
    pub body: TextSlice,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
    /// The front matter's YAML text and where it starts in the file, to locate later problems.
    pub front_matter: TextSlice,
    pub front_matter_offset: usize,
}

impl LessonFile {
    /// Span in the file of the value of `key` (falls back to the first line of the front matter).
    pub fn value_span(&self, key: &str) -> Range<usize> {
        self.shift(locate::value_span(&self.front_matter, key))
    }

    /// Span in the file of one list item of `key`.
    pub fn item_span(&self, key: &str, item: &str) -> Range<usize> {
        self.shift(
            locate::item_span(&self.front_matter, key, item)
                .or_else(|| locate::value_span(&self.front_matter, key)),
        )
    }

    fn shift(&self, span: Option<Range<usize>>) -> Range<usize> {
        match span {
            Some(span) => {
                span.start + self.front_matter_offset..span.end + self.front_matter_offset
            }
            None => self.front_matter_offset..self.front_matter_offset,
        }
    }
}

/// Parses a lesson file. Every problem is returned, not just the first.
pub fn parse_lesson(source: &MarkdownSource) -> Result<LessonFile, Vec<Diagnostic>> {
    let file = source.file.path.as_str();
    let parts = source
        .parts
        .as_ref()
        .map_err(|unclosed| vec![unclosed.clone()])?;
    let Some(front_matter) = &parts.front_matter else {
        return Err(vec![
            Diagnostic::error(file, 0..0, "this lesson has no front matter")
                .with_help("start the file with a `---` line, then `title:`, `step:` and `duration:`, then another `---` line"),
        ]);
    };
    let yaml: &str = &front_matter.yaml;
    let offset = front_matter.offset;
    let front: FrontMatter = parse_yaml(yaml)
        .map_err(|error| vec![front_matter_diagnostic(file, front_matter, &error)])?;

    let mut problems = Vec::new();
    let fm_span = |key: &str| shift(locate::value_span(yaml, key), offset);
    if front.title.trim().is_empty() {
        problems.push(
            Diagnostic::error(file, fm_span("title"), "the title is empty")
                .with_help("give the lesson a title, e.g. `title: Fit the harness`"),
        );
    }
    if front.step == 0 {
        problems.push(
            Diagnostic::error(file, fm_span("step"), "`step` must be 1 or more")
                .with_help("number the lessons 1, 2, 3, ... in the order they should be done"),
        );
    }
    let duration = Duration::parse(&front.duration).map_err(|error| {
        Diagnostic::error(
            file,
            fm_span("duration"),
            format!("cannot read the duration `{}`: {error}", front.duration),
        )
        .with_label(duration_label(&error))
        .with_help(DURATION_FORMS)
    });
    let slug = lesson_slug(&source.file.content_path, front.slug.as_deref()).map_err(|message| {
        let span = if front.slug.is_some() { fm_span("slug") } else { 0..0 };
        Diagnostic::error(file, span, message)
            .with_help("slugs use letters, digits, `-` and `_`; set one with `slug: my-lesson` or rename the file")
    });
    let (duration, slug) = match (duration, slug) {
        (Ok(duration), Ok(slug)) if problems.is_empty() => (duration, slug),
        (duration, slug) => {
            problems.extend(duration.err());
            problems.extend(slug.err());
            return Err(problems);
        }
    };
    Ok(LessonFile {
        file: file.to_string(),
        content_path: source.file.content_path.clone(),
        slug,
        title: front.title.trim().to_string(),
        step: front.step,
        duration,
        summary: front.summary.unwrap_or_default().trim().to_string(),
        prerequisites: front.prerequisites,
        gear: front.gear,
        draft: front.draft,
        body: parts.body.clone(),
        body_offset: parts.body_offset,
        front_matter: front_matter.yaml.clone(),
        front_matter_offset: offset,
    })
}

fn shift(span: Option<Range<usize>>, offset: usize) -> Range<usize> {
    span.map_or(offset..offset, |s| s.start + offset..s.end + offset)
}

fn duration_label(error: &DurationError) -> &'static str {
    match error {
        DurationError::MissingUnit | DurationError::UnknownUnit(_) => {
            "units are min, hours, days or weeks"
        }
        _ => "not a duration",
    }
}

/// Turns a YAML error into a diagnostic at the right line of the file, with a hint.
fn front_matter_diagnostic(
    file: &str,
    front_matter: &FrontMatterText,
    error: &YamlError,
) -> Diagnostic {
    let yaml: &str = &front_matter.yaml;
    let offset = front_matter.offset;
    let message = &error.message;
    match SerdeMessage::read(message) {
        SerdeMessage::UnknownField(key) => {
            let span = shift(locate::key_span(yaml, key), offset);
            return Diagnostic::error(file, span, format!("unknown front matter key `{key}`"))
                .with_suggestion(key, FRONT_MATTER_KEYS)
                .or_help(format!("the keys are {}", FRONT_MATTER_KEYS.join(", ")));
        }
        SerdeMessage::DuplicateField(key) => {
            let span = shift(locate::nth_key_span(yaml, key, 1), offset);
            return Diagnostic::error(file, span, format!("`{key}` is given twice"))
                .with_label("second time here")
                .with_help("keep one of the two lines");
        }
        SerdeMessage::MissingField(key) => {
            let example = match key {
                "title" => "title: Fit the harness",
                "step" => "step: 2",
                _ => "duration: 10 min",
            };
            return Diagnostic::error(
                file,
                front_matter.opening_fence.clone(),
                format!("the front matter has no `{key}`"),
            )
            .with_help(format!("add a line such as `{example}`"));
        }
        SerdeMessage::UnknownVariant | SerdeMessage::Other => {}
    }
    let span = offset + error.offset..offset + error.offset;
    let diagnostic = Diagnostic::error(file, span, format!("front matter: {message}"));
    let hint = if message.starts_with("draft:") {
        "`draft` is `true` or `false` (YAML 1.2: `yes`/`no` are strings)"
    } else if message.starts_with("step:") {
        "`step` is a whole number: 1, 2, 3, ..."
    } else if message.starts_with("duration:") {
        DURATION_FORMS
    } else if message.starts_with("prerequisites:") || message.starts_with("gear:") {
        "write a list: `[first-lesson, second-lesson]`"
    } else if message.starts_with("title:")
        || message.starts_with("summary:")
        || message.starts_with("slug:")
    {
        "put text in quotes if it contains `:` or starts with a special character"
    } else {
        "check the YAML syntax: `key: value` on each line, lists as `[a, b]`, text with `:` in quotes"
    };
    diagnostic.with_help(hint)
}

/// The lesson's slug: the front matter's `slug`, or the one [`slug::from_file_name`] makes.
fn lesson_slug(content_path: &str, explicit: Option<&str>) -> Result<String, String> {
    let slug = match explicit {
        Some(slug) => {
            let slug = slug.trim();
            if !slug::is_valid_slug(slug) {
                return Err(format!("`{slug}` is not a valid slug"));
            }
            slug.to_string()
        }
        None => slug::from_file_name(content_path),
    };
    if slug.is_empty() {
        return Err("cannot make a slug from this file name".to_string());
    }
    if slug::is_reserved(&slug) {
        return Err(format!(
            "the slug `{slug}` is taken by one of the site's own pages"
        ));
    }
    Ok(slug)
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
        let front: IntroFrontMatter = parse_yaml(&front_matter.yaml).map_err(|error| {
            let mut diagnostic = front_matter_diagnostic(&source.file.path, front_matter, &error);
            if matches!(
                SerdeMessage::read(&error.message),
                SerdeMessage::UnknownField(_)
            ) {
                diagnostic.help =
                    Some("the introduction's front matter may only have `title`".to_string());
            }
            vec![diagnostic]
        })?;
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

    fn source(text: &str) -> MarkdownSource {
        split_source(SourceFile {
            path: "content/02-fit.md".into(),
            content_path: "02-fit.md".into(),
            text: text.into(),
        })
    }

    #[test]
    fn parses_a_complete_lesson() {
        let lesson = parse_lesson(&source(
            "---\ntitle: Fit <it>\nstep: 2\nduration: 5-10 min\nprerequisites: [choose]\ngear: [vest]\nsummary: S\n---\n# Body\n",
        ))
        .unwrap();
        assert_eq!(lesson.slug, "fit");
        assert_eq!(lesson.title, "Fit <it>");
        assert_eq!(lesson.duration.range.max_minutes, 10);
        assert_eq!(lesson.prerequisites, ["choose"]);
        assert_eq!(&*lesson.body, "# Body\n");
    }

    #[test]
    fn reports_several_problems_at_once() {
        let errors =
            parse_lesson(&source("---\ntitle: ''\nstep: 0\nduration: soon\n---\n")).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
    }

    #[test]
    fn yaml_errors_point_at_the_line_in_the_file() {
        let text = "---\ntitle: A\nstep: 1\nduration: 5 min\ndraft: yes\n---\n";
        let errors = parse_lesson(&source(text)).unwrap_err();
        assert_eq!(&text[errors[0].span.start..errors[0].span.start + 3], "yes");
        let text = "---\ntitle: A\nstep: 1\ntitle: B\nduration: 5 min\n---\n";
        let errors = parse_lesson(&source(text)).unwrap_err();
        assert_eq!(errors[0].span.start, text.find("title: B").unwrap());
    }
}
