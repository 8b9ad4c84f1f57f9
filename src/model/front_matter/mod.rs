//! Reading the YAML front matter of the guide's Markdown files, for every kind of file that has
//! one ([`FrontMatterKind`]: lessons, reference pages, the introduction): the keys each allows,
//! YAML and serde errors turned into diagnostics at the right line with a hint, spans of values
//! for checks made later, and the slug rule applied to a file.
//!
//! Splitting a file at its `---` fences is the loader's ([`crate::load::front_matter`]); what a
//! lesson or a page makes of its keys is [`super::lesson`]'s and [`super::page`]'s.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;
use crate::load::{FrontMatterText, MarkdownParts, MarkdownSource, TextSlice};
use crate::model::duration::DURATION_FORMS;
use crate::model::yaml::{SerdeMessage, YamlError, parse_yaml};
use crate::model::{locate, slug};

mod keys;

use keys::{key_problems, missing_key, unknown_key, without_keys};

/// The keys a lesson's front matter may have.
pub const LESSON_KEYS: [&str; 13] = [
    "title",
    "step",
    "chapter",
    "duration",
    "teaching",
    "exercises",
    "prerequisites",
    "summary",
    "gear",
    "slug",
    "draft",
    "aliases",
    "extra",
];

/// The keys a reference page's front matter may have.
pub const PAGE_KEYS: [&str; 7] = [
    "title",
    "summary",
    "slug",
    "draft",
    "instructor",
    "aliases",
    "extra",
];

/// The keys a translation's front matter may have: a lesson's, and `instructor` of a page.
pub const TRANSLATION_KEYS: [&str; 14] = [
    "title",
    "step",
    "chapter",
    "duration",
    "teaching",
    "exercises",
    "prerequisites",
    "summary",
    "gear",
    "slug",
    "draft",
    "instructor",
    "aliases",
    "extra",
];

/// The keys the introduction's (optional) front matter may have.
pub const INTRO_KEYS: [&str; 1] = ["title"];

/// Which kind of file a front matter belongs to: it decides the keys and the wording of help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterKind {
    Lesson,
    ReferencePage,
    Intro,
    /// A lesson's or reference page's translation: the lesson keys, none required.
    Translation,
}

impl FrontMatterKind {
    /// The keys this kind of front matter may have.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            FrontMatterKind::Lesson => &LESSON_KEYS,
            FrontMatterKind::ReferencePage => &PAGE_KEYS,
            FrontMatterKind::Intro => &INTRO_KEYS,
            FrontMatterKind::Translation => &TRANSLATION_KEYS,
        }
    }

    /// The keys the front matter may hold without an "unknown key" error: its own, and for a
    /// reference page the lesson keys too (reported by the page itself, with better help).
    fn accepted(self, key: &str) -> bool {
        self.keys().contains(&key)
            || (self == FrontMatterKind::ReferencePage && LESSON_KEYS.contains(&key))
    }

    /// The keys that must be there: of each group, at least one (a lesson's time is its
    /// `duration`, or its `teaching` and `exercises` minutes, the Carpentries Workbench's keys).
    /// A missing group is named by its first key.
    fn required(self) -> &'static [&'static [&'static str]] {
        match self {
            FrontMatterKind::Lesson => &[
                &["title"],
                &["step"],
                &["duration", "teaching", "exercises"],
            ],
            FrontMatterKind::ReferencePage => &[&["title"]],
            FrontMatterKind::Intro | FrontMatterKind::Translation => &[],
        }
    }

    fn missing_help(self) -> &'static str {
        match self {
            FrontMatterKind::Lesson => {
                "start the file with a `---` line, then `title:`, `step:` and `duration:`, then another `---` line"
            }
            _ => "start the file with a `---` line, then `title:`, then another `---` line",
        }
    }

    fn example(self, key: &str) -> &'static str {
        match (self, key) {
            (FrontMatterKind::ReferencePage, "title") => "title: Glossary",
            (_, "title") => "title: Fit the harness",
            (_, "step") => "step: 2",
            _ => "duration: 10 min",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            FrontMatterKind::Lesson => "lesson",
            FrontMatterKind::ReferencePage => "reference page",
            FrontMatterKind::Intro => "introduction",
            FrontMatterKind::Translation => "translation",
        }
    }
}

/// Where a Markdown file's parts are: its body, to render, and its front matter, to locate
/// problems found after parsing; each with its byte offset in the file.
#[derive(Debug, Clone)]
pub struct FileParts {
    /// The Markdown after the front matter.
    pub body: TextSlice,
    pub body_offset: usize,
    /// The front matter's YAML text.
    pub front_matter: TextSlice,
    pub front_matter_offset: usize,
    /// The fingerprint of the whole file's text (see [`crate::load::SourceFile::digest`]).
    pub file_digest: u64,
    /// Whether the body has the word `outline`, and so may show an outline block, which lists
    /// other lessons: found once per file read, not at every rebuild of the preview.
    pub mentions_outline: bool,
}

impl FileParts {
    pub fn new(parts: &MarkdownParts, front_matter: &FrontMatterText, file_digest: u64) -> Self {
        FileParts {
            file_digest,
            mentions_outline: mentions_outline(&parts.body),
            body: parts.body.clone(),
            body_offset: parts.body_offset,
            front_matter: front_matter.yaml.clone(),
            front_matter_offset: front_matter.offset,
        }
    }

    /// Span in the file of the value of `key` (falls back to the start of the front matter).
    pub fn value_span(&self, key: &str) -> Range<usize> {
        value_span(&self.front_matter, self.front_matter_offset, key)
    }

    /// Span in the file of `key` itself (falls back to the start of the front matter).
    pub fn key_span(&self, key: &str) -> Range<usize> {
        key_span(&self.front_matter, self.front_matter_offset, key)
    }

    /// Span in the file of one list item of `key` (falls back to the value of `key`).
    pub fn item_span(&self, key: &str, item: &str) -> Range<usize> {
        shift(
            locate::item_span(&self.front_matter, key, item)
                .or_else(|| locate::value_span(&self.front_matter, key)),
            self.front_matter_offset,
        )
    }
}

/// The parts of `source` and its front matter, or the diagnostics for front matter that is
/// never closed or missing.
pub fn require_front_matter(
    source: &MarkdownSource,
    kind: FrontMatterKind,
) -> Result<(&MarkdownParts, &FrontMatterText), Vec<Diagnostic>> {
    let parts = source
        .parts
        .as_ref()
        .map_err(|unclosed| vec![unclosed.clone()])?;
    let Some(front_matter) = &parts.front_matter else {
        let message = format!("this {} has no front matter", kind.noun());
        return Err(vec![
            Diagnostic::error(&source.file.path, 0..0, message).with_help(kind.missing_help()),
        ]);
    };
    Ok((parts, front_matter))
}

/// Parses the front matter of `file` as `T`; a problem becomes a diagnostic at its line. Every
/// unknown and every missing key is reported at once, not one per run.
pub fn parse_front_matter<T: DeserializeOwned>(
    file: &str,
    front_matter: &FrontMatterText,
    kind: FrontMatterKind,
) -> Result<T, Vec<Diagnostic>> {
    match parse_front_matter_all(file, front_matter, kind) {
        (Some(front), problems) if problems.is_empty() => Ok(front),
        (_, problems) => Err(problems),
    }
}

/// [`parse_front_matter`], going on past unknown keys: the values of the known keys are still
/// read (the unknown keys' lines blanked, keeping every offset), so that one run reports a
/// misspelt key and a bad value together. Gives what could be read, and every problem.
pub fn parse_front_matter_all<T: DeserializeOwned>(
    file: &str,
    front_matter: &FrontMatterText,
    kind: FrontMatterKind,
) -> (Option<T>, Vec<Diagnostic>) {
    let (unknown, mut problems) = key_problems(file, front_matter, kind);
    let known_only = without_keys(&front_matter.yaml, &unknown, kind);
    match parse_yaml::<T>(&known_only) {
        Ok(front) => (Some(front), problems),
        Err(error) => {
            // With keys already reported, what the parse says about keys says it again.
            let about_keys = matches!(
                SerdeMessage::read(&error.message),
                SerdeMessage::UnknownField(_)
                    | SerdeMessage::MissingField(_)
                    | SerdeMessage::DuplicateField(_)
            );
            if problems.is_empty() || !about_keys {
                problems.push(diagnostic(file, front_matter, &error, kind));
            }
            (None, problems)
        }
    }
}

/// Span in the file of the value of `key`, in front matter `yaml` that starts at byte `offset`
/// (the start of the front matter when the key is not found).
pub fn value_span(yaml: &str, offset: usize, key: &str) -> Range<usize> {
    shift(locate::value_span(yaml, key), offset)
}

/// Span in the file of `key` itself (the start of the front matter when it is not found).
pub fn key_span(yaml: &str, offset: usize, key: &str) -> Range<usize> {
    shift(locate::key_span(yaml, key), offset)
}

/// A span inside the front matter moved to where the front matter starts in the file.
pub fn shift(span: Option<Range<usize>>, offset: usize) -> Range<usize> {
    span.map_or(offset..offset, |s| s.start + offset..s.end + offset)
}

/// The slug of the file at `content_path`: `explicit` (the front matter's `slug`), or the one
/// [`slug::from_file_name`] makes. `span` is where `slug:` is written, for the diagnostic.
pub fn file_slug(
    file: &str,
    content_path: &str,
    explicit: Option<&str>,
    span: Range<usize>,
) -> Result<String, Diagnostic> {
    let span = if explicit.is_some() { span } else { 0..0 };
    let slug = slug_rule(content_path, explicit).map_err(|message| {
        Diagnostic::error(file, span.clone(), message)
            .with_help("slugs use letters, digits, `-` and `_`; set one with `slug: my-lesson` or rename the file")
    })?;
    if slug.len() > slug::MAX_SLUG_BYTES {
        let (what, fix) = match explicit {
            Some(_) => ("this slug", "shorten the slug"),
            None => (
                "the slug made from this file's name",
                "rename the file, or set a shorter `slug:`",
            ),
        };
        return Err(Diagnostic::error(
            file,
            span,
            format!(
                "{what} is {} bytes long, too long for the name of its page",
                slug.len()
            ),
        )
        .with_label(format!(
            "`<slug>.html` may have at most {} bytes",
            slug::MAX_SLUG_BYTES + 5
        ))
        .with_help(format!(
            "{fix}: at most {} bytes (letters outside ASCII take 2 to 4 each)",
            slug::MAX_SLUG_BYTES
        )));
    }
    Ok(slug)
}

fn slug_rule(content_path: &str, explicit: Option<&str>) -> Result<String, String> {
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

/// A YAML error as a diagnostic at the right line of the file, with a hint.
fn diagnostic(
    file: &str,
    front_matter: &FrontMatterText,
    error: &YamlError,
    kind: FrontMatterKind,
) -> Diagnostic {
    let yaml: &str = &front_matter.yaml;
    let offset = front_matter.offset;
    let message = &error.message;
    match SerdeMessage::read(message) {
        SerdeMessage::UnknownField(key) => return unknown_key(file, front_matter, key, kind),
        SerdeMessage::DuplicateField(key) => {
            let span = shift(locate::nth_key_span(yaml, key, 1), offset);
            return Diagnostic::error(file, span, format!("`{key}` is given twice"))
                .with_label("second time here")
                .with_help("keep one of the two lines");
        }
        SerdeMessage::MissingField(key) => return missing_key(file, front_matter, key, kind),
        SerdeMessage::UnknownVariant | SerdeMessage::Other => {}
    }
    let span = offset + error.offset..offset + error.offset;
    Diagnostic::error(file, span, format!("front matter: {message}")).with_help(value_hint(message))
}

/// What a value of the key named at the start of `message` looks like.
fn value_hint(message: &str) -> &'static str {
    // Nested values are named by their path (`extra.level: ...`): the top-level key decides.
    let path = message.split_once(':').map_or("", |(path, _)| path);
    match path.split(['.', '[']).next().unwrap_or_default() {
        "draft" => "`draft` is `true` or `false` (YAML 1.2: `yes`/`no` are strings)",
        "instructor" => "`instructor` is `true` or `false` (YAML 1.2: `yes`/`no` are strings)",
        "step" => "`step` is a whole number: 1, 2, 3, ...",
        "duration" => DURATION_FORMS,
        "teaching" | "exercises" => {
            "`teaching` and `exercises` are whole numbers of minutes, e.g. `teaching: 10`"
        }
        "prerequisites" | "gear" => "write a list: `[first-lesson, second-lesson]`",
        "aliases" => "write a list of the page's old addresses: `[02-filedir.html, format/]`",
        "title" | "summary" | "slug" | "chapter" => {
            "put text in quotes if it contains `:` or starts with a special character"
        }
        "extra" => "`extra` is a map of names to values, e.g. `extra: { icon: leash, level: 2 }`",
        _ => {
            "check the YAML syntax: `key: value` on each line, lists as `[a, b]`, text with `:` in quotes"
        }
    }
}

/// Whether a body may hold an outline block (the word is enough: a false alarm only renders
/// the body again when another lesson's title or time changes).
pub fn mentions_outline(body: &str) -> bool {
    body.contains("outline")
}

#[cfg(test)]
mod tests;
