//! Splitting a Markdown file into its YAML front matter and its body.
//!
//! The front matter opens on the file's first line and closes on the next line; both must be
//! exactly `---` (trailing spaces or tabs allowed, `\r\n` endings accepted). `title: a ---` closes
//! nothing. Byte offsets are kept, so problems found later in the YAML or the Markdown point at
//! the real line of the file. A byte order mark has already been removed by the loader.
//!
//! The loader splits every lesson and the introduction ([`split_source`]) and hands the model a
//! [`MarkdownSource`]; reading the YAML is the model's job.

use std::ops::Range;

use super::{SourceFile, TextSlice};
use crate::diagnostics::Diagnostic;

/// A Markdown file of the guide (a lesson or the introduction), split at its front matter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownSource {
    pub file: SourceFile,
    /// The front matter and the body, or the diagnostic for front matter that is never closed.
    pub parts: Result<MarkdownParts, Diagnostic>,
}

/// The two parts of a Markdown file, sharing the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownParts {
    /// `None` when the file has no front matter.
    pub front_matter: Option<FrontMatterText>,
    /// Everything after the closing fence (the whole file when there is no front matter).
    pub body: TextSlice,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// The YAML between the fences, not yet parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterText {
    pub yaml: TextSlice,
    /// Byte offset of `yaml` in the file.
    pub offset: usize,
    /// Byte range of the opening `---` line, for problems with the front matter as a whole.
    pub opening_fence: Range<usize>,
}

/// Splits a loaded Markdown file. Front matter that is never closed becomes a diagnostic at
/// its opening fence.
pub fn split_source(file: SourceFile) -> MarkdownSource {
    let parts = split_parts(&file);
    MarkdownSource { file, parts }
}

fn split_parts(file: &SourceFile) -> Result<MarkdownParts, Diagnostic> {
    let text = &file.text;
    match split(text) {
        Ok(split) => Ok(MarkdownParts {
            front_matter: split.front_matter.map(|_| FrontMatterText {
                yaml: TextSlice::new(text, split.front_matter_span.clone()),
                offset: split.front_matter_span.start,
                opening_fence: split.opening_fence.clone(),
            }),
            body: TextSlice::new(text, split.body_offset..text.len()),
            body_offset: split.body_offset,
        }),
        Err(unclosed) => Err(Diagnostic::error(
            &file.path,
            unclosed.opening_fence,
            "the front matter is never closed",
        )
        .with_label("opened here")
        .with_help("add a line with only `---` after the last front matter key")),
    }
}

/// A file split at its front matter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, or `None` when the file has no front matter.
    pub front_matter: Option<&'a str>,
    /// Byte range of the YAML in the file (empty at 0 when there is none).
    pub front_matter_span: Range<usize>,
    /// Byte range of the opening fence line (empty at 0 when there is none).
    pub opening_fence: Range<usize>,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// The front matter was opened and never closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    /// Byte range of the opening `---` line.
    pub opening_fence: Range<usize>,
}

/// Splits `text` into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let mut lines = lines_with_offsets(text);
    let Some((first_start, first_line)) = lines.next() else {
        return Ok(no_front_matter(text));
    };
    if !is_fence(first_line) {
        return Ok(no_front_matter(text));
    }
    let opening_fence = first_start..first_start + trim_line_end(first_line).len();
    let yaml_start = first_start + first_line.len();
    for (start, line) in lines {
        if is_fence(line) {
            let body_offset = start + line.len();
            return Ok(Split {
                front_matter: Some(&text[yaml_start..start]),
                front_matter_span: yaml_start..start,
                opening_fence,
                body: &text[body_offset..],
                body_offset,
            });
        }
    }
    Err(Unclosed { opening_fence })
}

fn no_front_matter(text: &str) -> Split<'_> {
    Split {
        front_matter: None,
        front_matter_span: 0..0,
        opening_fence: 0..0,
        body: text,
        body_offset: 0,
    }
}

/// Lines including their terminator, with the byte offset where each starts.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    })
}

fn trim_line_end(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

/// A line that is exactly `---`, allowing trailing spaces and tabs.
fn is_fence(line: &str) -> bool {
    trim_line_end(line).trim_end_matches([' ', '\t']) == "---"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\ntitle: A\n---\n# Body\n";
        let split = split(text).unwrap();
        assert_eq!(split.front_matter, Some("title: A\n"));
        assert_eq!(split.front_matter_span, 4..13);
        assert_eq!(split.body, "# Body\n");
        assert_eq!(&text[split.body_offset..], "# Body\n");
    }

    #[test]
    fn accepts_crlf_and_trailing_spaces_on_fences() {
        let text = "---  \r\ntitle: A\r\n--- \t\r\nBody\r\n";
        let split = split(text).unwrap();
        assert_eq!(split.front_matter, Some("title: A\r\n"));
        assert_eq!(split.body, "Body\r\n");
        assert_eq!(split.opening_fence, 0..5);
    }

    #[test]
    fn a_fence_inside_a_value_does_not_close() {
        let text = "---\ntitle: a ---\nstep: 1\n---\nbody";
        let split = split(text).unwrap();
        assert_eq!(split.front_matter, Some("title: a ---\nstep: 1\n"));
        assert_eq!(split.body, "body");
    }

    #[test]
    fn indented_or_longer_fences_do_not_count() {
        assert_eq!(split(" ---\ntitle: a\n---\n").unwrap().front_matter, None);
        assert_eq!(split("----\ntitle: a\n----\n").unwrap().front_matter, None);
        let unclosed = split("---\ntitle: a\n ---\n----\n").unwrap_err();
        assert_eq!(unclosed.opening_fence, 0..3);
    }

    #[test]
    fn no_front_matter_means_all_body() {
        let split = split("# Just text\n").unwrap();
        assert_eq!(split.front_matter, None);
        assert_eq!(split.body_offset, 0);
    }

    #[test]
    fn unclosed_front_matter_is_reported_at_the_opening_fence() {
        assert_eq!(
            split("---\ntitle: a\n").unwrap_err(),
            Unclosed {
                opening_fence: 0..3
            }
        );
    }

    #[test]
    fn empty_front_matter_and_empty_file() {
        let split_empty = split("---\n---\n").unwrap();
        assert_eq!(split_empty.front_matter, Some(""));
        assert_eq!(split_empty.body, "");
        assert_eq!(split("").unwrap().front_matter, None);
        // A closing fence on the last line without a newline still closes.
        assert_eq!(split("---\na: 1\n---").unwrap().body, "");
    }

    fn source(text: &str) -> SourceFile {
        SourceFile::new("content/02-fit.md", "02-fit.md", text)
    }

    #[test]
    fn a_source_keeps_the_offsets_of_its_parts() {
        let text = "---\r\ntitle: A\r\n---\r\n# Body\r\n";
        let parts = split_source(source(text)).parts.unwrap();
        let front_matter = parts.front_matter.unwrap();
        assert_eq!(&*front_matter.yaml, "title: A\r\n");
        assert_eq!(&text[front_matter.offset..][..8], "title: A");
        assert_eq!(front_matter.opening_fence, 0..3);
        assert_eq!(&*parts.body, "# Body\r\n");
        assert_eq!(&text[parts.body_offset..], "# Body\r\n");
        let plain = split_source(source("# Only a body\n")).parts.unwrap();
        assert_eq!(plain.front_matter, None);
        assert_eq!((&*plain.body, plain.body_offset), ("# Only a body\n", 0));
    }

    #[test]
    fn an_unclosed_source_is_a_diagnostic_at_its_opening_fence() {
        let diagnostic = split_source(source("---\ntitle: a\n")).parts.unwrap_err();
        assert_eq!(diagnostic.file, "content/02-fit.md");
        assert_eq!(diagnostic.span, 0..3);
        assert_eq!(diagnostic.message, "the front matter is never closed");
    }
}
