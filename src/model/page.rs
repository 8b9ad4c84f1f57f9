//! One reference page file (`content/pages/*.md`: setup, glossary, FAQ ...) -> [`ReferencePage`]:
//! its front matter parsed and checked on its own.
//!
//! A reference page is a page of the guide outside the sequence of lessons: it has a title and
//! optionally a summary, a slug, `draft`, `instructor` (only in the instructors' edition),
//! `aliases` and `extra`, but no step, duration, prerequisites or
//! gear; those keys are reported with a hint to move the file out of `pages/`. The front matter
//! is read with the machinery lessons use ([`super::front_matter`]). Checks that need the other
//! files (slugs shared with lessons or other pages) belong to [`super::guide`].

use std::ops::Range;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::diagnostics::Diagnostic;
use crate::load::MarkdownSource;
use crate::model::extra::Extra;
use crate::model::front_matter::{
    FileParts, FrontMatterKind, file_slug, key_span, parse_front_matter_all, require_front_matter,
    value_span,
};
use crate::model::parsed::Parsed;

/// Lesson keys a reference page may not have.
pub const LESSON_ONLY_KEYS: [&str; 7] = [
    "step",
    "chapter",
    "duration",
    "teaching",
    "exercises",
    "prerequisites",
    "gear",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    instructor: bool,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    extra: Extra,
    // Lesson keys: accepted here only so that every one of them is reported at once.
    #[serde(default)]
    step: Option<IgnoredAny>,
    #[serde(default)]
    chapter: Option<IgnoredAny>,
    #[serde(default)]
    duration: Option<IgnoredAny>,
    #[serde(default)]
    teaching: Option<IgnoredAny>,
    #[serde(default)]
    exercises: Option<IgnoredAny>,
    #[serde(default)]
    prerequisites: Option<IgnoredAny>,
    #[serde(default)]
    gear: Option<IgnoredAny>,
}

impl FrontMatter {
    /// The lesson keys that were given.
    fn lesson_keys(&self) -> impl Iterator<Item = &'static str> {
        let given = [
            self.step.is_some(),
            self.chapter.is_some(),
            self.duration.is_some(),
            self.teaching.is_some(),
            self.exercises.is_some(),
            self.prerequisites.is_some(),
            self.gear.is_some(),
        ];
        LESSON_ONLY_KEYS
            .into_iter()
            .zip(given)
            .filter_map(|(key, given)| given.then_some(key))
    }
}

/// A reference page whose front matter parsed and passed its own checks.
#[derive(Debug, Clone)]
pub struct ReferencePage {
    /// Guide-relative path, e.g. `content/pages/glossary.md`.
    pub file: String,
    /// Path relative to `content/`, e.g. `pages/glossary.md`: how lessons link to it.
    pub content_path: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub draft: bool,
    /// Only in the instructors' edition (`instructor: true`; `--instructor`).
    pub instructor: bool,
    /// Older addresses of the page, as written (`aliases:`); see [`super::aliases`].
    pub aliases: Vec<String>,
    /// The front matter's `extra`, for templates.
    pub extra: Extra,
    /// Its body and front matter, where they are in the file.
    pub parts: FileParts,
    /// In a translated guide: shown in the default language, for want of a translation.
    pub untranslated: bool,
}

impl ReferencePage {
    /// Span in the file of the value of `key` (falls back to the start of the front matter).
    pub fn value_span(&self, key: &str) -> Range<usize> {
        self.parts.value_span(key)
    }

    /// Whether the front matter sets `slug` (else the slug comes from the file name).
    pub fn has_explicit_slug(&self) -> bool {
        crate::model::locate::key_span(&self.parts.front_matter, "slug").is_some()
    }
}

/// Parses a reference page. Every problem is returned, not just the first.
pub fn parse_reference_page(source: &MarkdownSource) -> Parsed<ReferencePage> {
    let file = source.file.path.as_str();
    let kind = FrontMatterKind::ReferencePage;
    let (parts, front_matter) = match require_front_matter(source, kind) {
        Ok(found) => found,
        Err(problems) => return Parsed::failed(problems),
    };
    let yaml: &str = &front_matter.yaml;
    let offset = front_matter.offset;
    // A misspelt key does not hide the page's other problems.
    let (front, mut problems) = parse_front_matter_all::<FrontMatter>(file, front_matter, kind);
    let Some(front) = front else {
        return Parsed::failed(problems);
    };
    problems.extend(front.lesson_keys().map(|key| {
        Diagnostic::error(
            file,
            key_span(yaml, offset, key),
            format!("a reference page has no `{key}`"),
        )
        .with_label("only lessons have this")
        .with_help(format!(
            "reference pages have no {key}; move it out of content/pages/ to make it a lesson"
        ))
    }));
    if front.title.trim().is_empty() {
        problems.push(
            Diagnostic::error(
                file,
                value_span(yaml, offset, "title"),
                "the title is empty",
            )
            .with_help("give the page a title, e.g. `title: Glossary`"),
        );
    }
    let slug = file_slug(
        file,
        &source.file.content_path,
        front.slug.as_deref(),
        value_span(yaml, offset, "slug"),
    );
    let slug = match slug {
        Ok(slug) => slug,
        Err(problem) => {
            problems.push(problem);
            return Parsed::failed(problems);
        }
    };
    let page = ReferencePage {
        file: file.to_string(),
        content_path: source.file.content_path.clone(),
        slug,
        title: front.title.trim().to_string(),
        summary: front.summary.unwrap_or_default().trim().to_string(),
        draft: front.draft,
        instructor: front.instructor,
        aliases: front.aliases,
        extra: front.extra,
        parts: FileParts::new(parts, front_matter, source.file.digest),
        untranslated: false,
    };
    Parsed {
        value: Some(page),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;
    use crate::load::front_matter::split_source;

    fn source(text: &str) -> MarkdownSource {
        split_source(SourceFile::new(
            "content/pages/02-glossary.md",
            "pages/02-glossary.md",
            text,
        ))
    }

    #[test]
    fn parses_a_page() {
        let text =
            "---\ntitle: ' Glossary '\nsummary: Words\nextra: { icon: book }\n---\n## Harness\n";
        let page = parse_reference_page(&source(text)).into_result().unwrap();
        assert_eq!(page.slug, "glossary");
        assert_eq!(page.title, "Glossary");
        assert_eq!(page.summary, "Words");
        assert!(!page.draft);
        assert_eq!(page.extra["icon"], "book");
        assert_eq!(&*page.parts.body, "## Harness\n");
        assert_eq!(&text[page.parts.body_offset..], "## Harness\n");
        assert!(!page.has_explicit_slug());
    }

    #[test]
    fn a_slug_and_draft_can_be_set() {
        let page = parse_reference_page(&source("---\ntitle: G\nslug: terms\ndraft: true\n---\n"));
        let page = page.into_result().unwrap();
        assert_eq!((page.slug.as_str(), page.draft), ("terms", true));
        assert!(page.has_explicit_slug());
        assert_eq!(
            &*page.parts.front_matter,
            "title: G\nslug: terms\ndraft: true\n"
        );
    }

    #[test]
    fn every_lesson_key_is_reported_with_its_line_and_help() {
        let text = "---\ntitle: Setup\nstep: 3\nduration: 5 min\n---\n";
        let errors = parse_reference_page(&source(text))
            .into_result()
            .unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].message, "a reference page has no `step`");
        assert_eq!(&text[errors[0].span.clone()], "step");
        assert_eq!(
            errors[0].help.as_deref(),
            Some("reference pages have no step; move it out of content/pages/ to make it a lesson")
        );
        assert_eq!(&text[errors[1].span.clone()], "duration");
    }

    #[test]
    fn unknown_keys_suggest_a_page_key() {
        let errors = parse_reference_page(&source("---\ntitle: G\nsumary: S\n---\n"))
            .into_result()
            .unwrap_err();
        assert_eq!(errors[0].message, "unknown front matter key `sumary`");
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `summary`?"));
    }

    #[test]
    fn titles_and_slugs_are_checked() {
        let text = "---\ntitle: ''\nslug: a b\n---\n";
        let errors = parse_reference_page(&source(text))
            .into_result()
            .unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            ["the title is empty", "`a b` is not a valid slug"]
        );
        let errors = parse_reference_page(&source("---\ntitle: P\nslug: print\n---\n"));
        assert!(
            errors.into_result().unwrap_err()[0]
                .message
                .contains("`print` is taken")
        );
        let errors = parse_reference_page(&source("No front matter\n"))
            .into_result()
            .unwrap_err();
        assert_eq!(errors[0].message, "this reference page has no front matter");
    }
}
