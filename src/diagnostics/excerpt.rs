//! The part of a file a diagnostic shows: the lines its spans touch (at most
//! [`MAX_EXCERPT_LINES`]), each cut to a window of about [`WINDOW_CHARS`] characters around the
//! spans, with `…` where text was left out. A 10 MB one-line lesson then prints a line of
//! 120 characters, not 10 MB. Line and column numbers stay those of the real file: an
//! [`Excerpts`] is the `Files` database codespan-reporting draws from.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

/// How many characters of a long line are shown around the spans.
pub const WINDOW_CHARS: usize = 120;
/// How many characters are shown before the first span of a long line.
const LEAD_CHARS: usize = 40;
/// The most lines one excerpt shows.
pub const MAX_EXCERPT_LINES: usize = 6;
const ELLIPSIS: &str = "…";

/// One line of an excerpt.
#[derive(Debug)]
struct ExcerptLine {
    /// Its 0-based index in the real file.
    index: usize,
    /// Where the line is in the excerpt's text (without its line break).
    text: Range<usize>,
    /// The part of the real file's line that is shown.
    kept: Range<usize>,
    /// Characters of the real line before the part shown.
    cut_chars: usize,
    /// Bytes of `…` before the part shown (0 or 3).
    prefix: usize,
}

/// The lines of one file around some spans, windowed.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    lines: Vec<ExcerptLine>,
}

impl Excerpt {
    /// The lines of `source` that `spans` touch, each cut to a window around them. `first_line`
    /// is the 0-based index and start offset of the line of the first span.
    pub fn new(
        name: &str,
        source: &str,
        first_line: (usize, usize),
        spans: &[Range<usize>],
    ) -> Excerpt {
        let clamp = |offset: usize| floor_boundary(source, offset.min(source.len()));
        let first = spans.iter().map(|s| clamp(s.start)).min().unwrap_or(0);
        let last = spans
            .iter()
            .map(|s| clamp(s.end))
            .max()
            .unwrap_or(0)
            .max(first);
        let mut excerpt = Excerpt {
            name: name.to_string(),
            text: String::new(),
            lines: Vec::new(),
        };
        let (mut index, mut line_start) = first_line;
        line_start = line_start.min(first);
        loop {
            let line_end = source[line_start..]
                .find('\n')
                .map_or(source.len(), |i| line_start + i);
            let line = line_start..line_end;
            let on_line: Vec<Range<usize>> = (spans.iter())
                .map(|s| clamp(s.start).max(line.start)..clamp(s.end).min(line.end))
                .filter(|s| s.start <= s.end && s.start >= line.start && s.start <= line.end)
                .collect();
            excerpt.push_line(source, index, line, &on_line);
            let more = line_end < last && line_end < source.len();
            if !more || excerpt.lines.len() == MAX_EXCERPT_LINES {
                break;
            }
            line_start = line_end + 1;
            index += 1;
        }
        excerpt
    }

    fn push_line(
        &mut self,
        source: &str,
        index: usize,
        line: Range<usize>,
        spans: &[Range<usize>],
    ) {
        let text = &source[line.clone()];
        let (kept, cut_chars) = if text.chars().count() <= WINDOW_CHARS {
            (line.clone(), 0)
        } else {
            let anchor = spans.iter().map(|s| s.start).min().unwrap_or(line.start);
            let start = back_chars(source, anchor, LEAD_CHARS).max(line.start);
            let end = forward_chars(source, start, WINDOW_CHARS).min(line.end);
            (start..end, source[line.start..start].chars().count())
        };
        if !self.lines.is_empty() {
            self.text.push('\n');
        }
        let begin = self.text.len();
        let prefix = if kept.start > line.start {
            self.text.push_str(ELLIPSIS);
            ELLIPSIS.len()
        } else {
            0
        };
        self.text.push_str(&source[kept.clone()]);
        if kept.end < line.end {
            self.text.push_str(ELLIPSIS);
        }
        self.lines.push(ExcerptLine {
            index,
            text: begin..self.text.len(),
            kept,
            cut_chars,
            prefix,
        });
    }

    /// Where byte `offset` of the real file is in the excerpt (the nearest shown byte).
    pub fn map(&self, offset: usize) -> usize {
        let Some(line) = (self.lines.iter())
            .rev()
            .find(|l| offset >= l.kept.start || l.index == self.lines[0].index)
        else {
            return 0;
        };
        let within = offset.clamp(line.kept.start, line.kept.end) - line.kept.start;
        line.text.start + line.prefix + within
    }

    fn line_at(&self, line_index: usize) -> Result<&ExcerptLine, Error> {
        (self.lines.iter())
            .find(|l| l.index == line_index)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.lines.last().map_or(0, |l| l.index),
            })
    }
}

/// Every excerpt of one report run, by index.
#[derive(Debug, Default)]
pub struct Excerpts(pub Vec<Excerpt>);

impl<'a> Files<'a> for Excerpts {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        self.0
            .get(id)
            .map(|e| e.name.as_str())
            .ok_or(Error::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        self.0
            .get(id)
            .map(|e| e.text.as_str())
            .ok_or(Error::FileMissing)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let excerpt = self.0.get(id).ok_or(Error::FileMissing)?;
        let line = (excerpt.lines.iter())
            .take_while(|l| l.text.start <= byte_index)
            .last()
            .or(excerpt.lines.first());
        Ok(line.map_or(0, |l| l.index))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        let excerpt = self.0.get(id).ok_or(Error::FileMissing)?;
        let line = excerpt.line_at(line_index)?;
        let end = if excerpt.lines.last().is_some_and(|l| l.index == line_index) {
            line.text.end
        } else {
            line.text.end + 1
        };
        Ok(line.text.start..end)
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let excerpt = self.0.get(id).ok_or(Error::FileMissing)?;
        let line = excerpt.line_at(line_index)?;
        let from = line.text.start + line.prefix;
        let shown = excerpt
            .text
            .get(from..byte_index.max(from))
            .map_or(0, |t| t.chars().count());
        Ok(line.cut_chars + shown + 1)
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The offset `count` characters before `offset` (or the start).
fn back_chars(text: &str, offset: usize, count: usize) -> usize {
    text[..offset]
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The offset `count` characters after `offset` (or the end).
fn forward_chars(text: &str, offset: usize, count: usize) -> usize {
    text[offset..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(i, _)| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_shown_whole_with_their_real_numbers() {
        let source = "one\ntwo words\nthree\n";
        let span = source.find("words").unwrap();
        let words = span..span + 5;
        let excerpt = Excerpt::new("f.md", source, (1, 4), std::slice::from_ref(&words));
        let files = Excerpts(vec![excerpt]);
        assert_eq!(files.source(0).unwrap(), "two words");
        let at = files.0[0].map(span);
        assert_eq!(files.line_index(0, at).unwrap(), 1);
        assert_eq!(files.column_number(0, 1, at).unwrap(), 5);
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_span() {
        let source = format!("{}TARGET{}\n", "a".repeat(5_000), "b".repeat(5_000));
        let span = 5_000..5_006;
        let excerpt = Excerpt::new("f.md", &source, (0, 0), std::slice::from_ref(&span));
        let shown = excerpt.text.chars().count();
        assert!(shown <= WINDOW_CHARS + 2, "{shown} characters shown");
        assert!(excerpt.text.starts_with('…') && excerpt.text.ends_with('…'));
        let files = Excerpts(vec![excerpt]);
        let at = files.0[0].map(span.start);
        assert_eq!(&files.source(0).unwrap()[at..at + 6], "TARGET");
        assert_eq!(files.column_number(0, 0, at).unwrap(), 5_001);
    }
}
