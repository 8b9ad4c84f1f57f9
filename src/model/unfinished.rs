//! Lessons not yet written: what `guidebook new` puts in a lesson for the author to replace (a
//! placeholder paragraph and checklist item, an empty `summary`) is a warning at its line for
//! as long as it is there, so that `check`, `build` and the preview remind the author of it
//! before a reader sees it.
//!
//! The placeholders are defined here, and [`crate::scaffold`] writes them, so the two never
//! drift apart.

use crate::diagnostics::Diagnostic;
use crate::model::front_matter::{FileParts, value_span};
use crate::model::locate;

/// The paragraph `guidebook new` writes where the lesson's text goes.
pub const PLACEHOLDER_TEXT: &str = "Write the lesson here.";
/// The checklist item `guidebook new` writes.
pub const PLACEHOLDER_TASK: &str = "- [ ] The first thing to do.";

/// The warnings of a lesson in `file` (with its `parts` and the `summary` it was read with).
pub fn unfinished_lesson(file: &str, parts: &FileParts, summary: &str) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let yaml: &str = &parts.front_matter;
    if summary.is_empty() && locate::key_span(yaml, "summary").is_some() {
        warnings.push(
            Diagnostic::warning(
                file,
                value_span(yaml, parts.front_matter_offset, "summary"),
                "the summary is empty",
            )
            .with_help("write one or two sentences for the home page, the handout and search, or remove the `summary:` line"),
        );
    }
    let body: &str = &parts.body;
    if !body.contains(PLACEHOLDER_TEXT) && !body.contains(PLACEHOLDER_TASK) {
        return warnings;
    }
    let mut offset = parts.body_offset;
    for line in body.split_inclusive('\n') {
        let text = line.trim();
        let start = offset + (line.len() - line.trim_start().len());
        let span = start..start + text.len();
        if text == PLACEHOLDER_TEXT {
            warnings.push(
                Diagnostic::warning(
                    file,
                    span,
                    "the lesson still has the placeholder text of `guidebook new`",
                )
                .with_label("placeholder")
                .with_help("replace this line with the lesson's text"),
            );
        } else if text == PLACEHOLDER_TASK {
            warnings.push(
                Diagnostic::warning(
                    file,
                    span,
                    "the checklist still has the placeholder item of `guidebook new`",
                )
                .with_label("placeholder")
                .with_help("replace it with what the reader ticks off, or remove the checklist"),
            );
        }
        offset += line.len();
    }
    warnings
}
