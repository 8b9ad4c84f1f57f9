//! Problems found in a guide, as data.
//!
//! Every stage of the pipeline returns [`Diagnostic`]s instead of stopping at the first problem.
//! A diagnostic names a file (relative to the guide folder) and a byte span in it; the text of
//! each file is kept in [`Sources`] so that the edge (the command line, the preview server) can
//! render the offending line rustc-style, or as JSON for editors. Nothing here prints by itself.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

mod excerpt;
mod printable;
mod report;
pub mod suggest;
mod tally;

pub use printable::{printable, printable_lines, printable_path};
pub use report::{ColorMode, render_human, render_to_string};
pub use tally::Tally;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The guide cannot be built.
    Error,
    /// The guide builds, but something is probably not what the author meant.
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the guide folder, with `/` separators (e.g. `content/fit.md`).
    pub file: String,
    /// Byte range in the file's text; empty ranges point at a position.
    pub span: Range<usize>,
    pub message: String,
    /// A short label printed under the caret.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            span,
            message: message.into(),
            label: None,
            help: None,
        }
    }

    pub fn warning(
        file: impl Into<String>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, span, message)
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds "did you mean `x`?" when one of `candidates` is close to `wrong`.
    pub fn with_suggestion<'a>(
        self,
        wrong: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        match closest_match(wrong, candidates) {
            Some(best) => self.with_help(format!("did you mean `{best}`?")),
            None => self,
        }
    }

    /// Sets the help text unless a suggestion already did.
    pub fn or_help(self, help: impl Into<String>) -> Self {
        if self.help.is_some() {
            self
        } else {
            self.with_help(help)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The candidate most similar to `wrong`, if any is similar enough to be a plausible typo.
pub fn closest_match<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(wrong, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// The text of every file a diagnostic may point into, by guide-relative path, with where each
/// of its lines starts, so that thousands of diagnostics in one large file are located in
/// logarithmic time each.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    texts: BTreeMap<String, SourceText>,
}

#[derive(Debug, Clone)]
struct SourceText {
    text: String,
    /// The byte offset of each line's start, and whether the line is ASCII (so a column is a
    /// byte count).
    lines: Vec<(usize, bool)>,
}

impl SourceText {
    fn new(text: String) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            lines.push((start, line.is_ascii()));
            start += line.len();
        }
        if lines.is_empty() || text.ends_with('\n') {
            lines.push((text.len(), true));
        }
        SourceText { text, lines }
    }

    /// The 0-based index and start offset of the line holding `offset`.
    fn line_start(&self, offset: usize) -> (usize, usize) {
        let index = self
            .lines
            .partition_point(|(start, _)| *start <= offset)
            .max(1)
            - 1;
        (index, self.lines[index].0)
    }

    fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.line_start(offset).0;
        let (start, ascii) = self.lines[index];
        let column = if ascii {
            offset - start
        } else {
            self.text[start..offset].chars().count()
        };
        (index + 1, column + 1)
    }
}

impl Sources {
    pub fn insert(&mut self, file: impl Into<String>, text: impl Into<String>) {
        self.texts.insert(file.into(), SourceText::new(text.into()));
    }

    /// Adds every file of `other`.
    pub fn extend(&mut self, other: Sources) {
        self.texts.extend(other.texts);
    }

    pub fn get(&self, file: &str) -> Option<&str> {
        self.texts.get(file).map(|source| source.text.as_str())
    }

    /// The 0-based index and start offset of the line of `file` holding `offset`.
    pub fn line_start(&self, file: &str, offset: usize) -> (usize, usize) {
        self.texts.get(file).map_or((0, 0), |source| {
            source.line_start(offset.min(source.text.len()))
        })
    }

    /// 1-based line and column (in characters) of a byte offset in `file`.
    pub fn line_column(&self, file: &str, offset: usize) -> (usize, usize) {
        match self.texts.get(file) {
            Some(source) => source.line_column(offset),
            None => (1, 1),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The byte offset of the start of 1-based `line`, column `column` (in characters).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &text[line_start.min(text.len())..];
    let in_line = rest
        .char_indices()
        .take_while(|(_, c)| *c != '\n')
        .nth(column.saturating_sub(1))
        .map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |(i, _)| i);
    line_start + in_line
}

/// One diagnostic as editors and CI read it.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub severity: Severity,
    pub message: &'a str,
    pub hint: Option<&'a str>,
}

/// Diagnostics with resolved line and column numbers, for `--format json`.
pub fn to_json<'a>(diagnostics: &'a [Diagnostic], sources: &Sources) -> Vec<JsonDiagnostic<'a>> {
    diagnostics
        .iter()
        .map(|d| {
            let (line, column) = sources.line_column(&d.file, d.span.start);
            let (end_line, end_column) = sources.line_column(&d.file, d.span.end);
            JsonDiagnostic {
                file: &d.file,
                line,
                column,
                end_line,
                end_column,
                severity: d.severity,
                message: &d.message,
                hint: d.help.as_deref(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let text = "ab\nçd e\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // 'ç' is two bytes; 'd' is the second character of line 2.
        assert_eq!(line_column(text, 5), (2, 2));
        assert_eq!(line_column(text, 999), (3, 1));
        let mut sources = Sources::default();
        sources.insert("f", text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                sources.line_column("f", offset),
                line_column(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn offset_of_inverts_line_column() {
        let text = "ab\nçd e\nlast";
        for offset in [0, 1, 3, 5, 6, 8, 10] {
            let (line, column) = line_column(text, offset);
            assert_eq!(offset_of(text, line, column), offset, "offset {offset}");
        }
    }

    #[test]
    fn suggestion_picks_the_closest_candidate() {
        assert_eq!(
            closest_match("titel", ["title", "step", "slug"]),
            Some("title")
        );
        assert_eq!(closest_match("zzzz", ["title", "step"]), None);
    }

    #[test]
    fn human_rendering_names_file_line_and_column() {
        let mut sources = Sources::default();
        sources.insert("content/a.md", "---\ntitle: x\nstepp: 1\n---\n");
        let d = Diagnostic::error("content/a.md", 13..18, "unknown key `stepp`")
            .with_help("did you mean `step`?");
        let text = render_to_string(&[d], &sources);
        assert!(text.contains("content/a.md:3:1"), "{text}");
        assert!(text.contains("stepp: 1"), "{text}");
        assert!(text.contains("help: did you mean `step`?"), "{text}");
    }
}
