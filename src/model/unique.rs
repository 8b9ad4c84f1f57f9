//! What must be unique across a guide: a lesson's step, and a slug among lessons and reference
//! pages together (by lower case, since `Fit.html` and `fit.html` collide on case-insensitive
//! file systems).

use fnv::FnvHashMap as HashMap;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::model::lesson::LessonFile;
use crate::model::page::ReferencePage;
use crate::model::slug::lower_case;

/// Steps are unique among lessons; slugs are unique among lessons and reference pages together
/// (a page is reported when a lesson has its slug).
pub(super) fn check_unique(
    files: &[Arc<LessonFile>],
    pages: &[ReferencePage],
    problems: &mut Vec<Diagnostic>,
) {
    let mut steps: HashMap<u32, &LessonFile> =
        HashMap::with_capacity_and_hasher(files.len(), Default::default());
    let mut slugs = TakenSlugs::with_capacity(files.len() + pages.len());
    for file in files {
        if let Some(first) = steps.insert(file.step, file) {
            problems.push(
                Diagnostic::error(
                    &file.file,
                    file.value_span("step"),
                    format!("step {} is used twice", file.step),
                )
                .with_label(format!("`{}` has step {} too", first.file, file.step))
                .with_help("give every lesson its own step number"),
            );
            steps.insert(file.step, first);
        }
        let span = || {
            if file.parts.front_matter.contains("slug:") {
                file.value_span("slug")
            } else {
                0..0
            }
        };
        problems.extend(slugs.take(&file.file, &file.slug, span));
    }
    for page in pages {
        let span = || {
            if page.has_explicit_slug() {
                page.value_span("slug")
            } else {
                0..0
            }
        };
        problems.extend(slugs.take(&page.file, &page.slug, span));
    }
}

/// The slugs given out so far, by their lower-case form, with the file and slug that took
/// each: slugs must differ by more than letter case, since the pages `Fit.html` and `fit.html`
/// collide on case-insensitive file systems.
struct TakenSlugs<'a> {
    taken: HashMap<Cow<'a, str>, (&'a str, &'a str)>,
}

impl<'a> TakenSlugs<'a> {
    fn with_capacity(slugs: usize) -> Self {
        TakenSlugs {
            taken: HashMap::with_capacity_and_hasher(slugs, Default::default()),
        }
    }

    /// Gives `slug` to `file`, or returns the problem when an earlier file has it; `span` gives
    /// where the slug is set (empty when it comes from the file name).
    fn take(
        &mut self,
        file: &'a str,
        slug: &'a str,
        span: impl FnOnce() -> Range<usize>,
    ) -> Option<Diagnostic> {
        let folded = lower_case(slug);
        let Some(&(first_file, first_slug)) = self.taken.get(&folded) else {
            self.taken.insert(folded, (file, slug));
            return None;
        };
        let (message, help) = if first_slug == slug {
            (
                format!("the slug `{slug}` is used twice"),
                "rename one of the files or set `slug:` in its front matter",
            )
        } else {
            (
                format!("the slugs `{first_slug}` and `{slug}` differ only by letter case"),
                "their pages would overwrite each other on Windows and macOS; rename one of them",
            )
        };
        Some(
            Diagnostic::error(file, span(), message)
                .with_label(format!("also used by `{first_file}`"))
                .with_help(help),
        )
    }
}
