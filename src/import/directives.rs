//! Template and preprocessor syntax in another layout's Markdown: mdBook's `{{#include}}` family
//! (kept, with paths placed for the new guide), mdbook-course's `{{%session outline}}` and
//! `{{%segment outline}}` (guidebook's `outline` block), and what guidebook has no counterpart
//! for: mdBook's `{{#playground}}` and `{{#title}}`, other preprocessors' `{{#...}}` and `{{%...}}`,
//! and Liquid's `{{ ... }}` and `{% ... %}` left by Jekyll.
//!
//! Such syntax never reaches a page as text: outside code it becomes an HTML comment (the page's
//! source keeps what it was), inside code the directives mdBook would have replaced are removed,
//! and each is a note at its line. Code is otherwise left alone: `{{ }}` and `{% %}` in a code
//! block are what the lesson teaches (Jinja, Handlebars, GitHub Actions), except mdBook's own
//! directives, which mdBook expands in code too.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::edits::{Edits, line_of};
use crate::markdown::parser_options;

/// Which syntax a layout's files may hold.
#[derive(Debug, Clone, Copy, Default)]
pub struct Syntax {
    /// mdBook's `{{#...}}` and mdbook-course's `{{%...}}`.
    pub mdbook: bool,
    /// Jekyll's Liquid, left in lessons moved to the Workbench.
    pub liquid: bool,
    /// The book runs preprocessors of its own, which may fill in `{{ ... }}`.
    pub custom_preprocessors: bool,
}

/// What the layout does with the directives it knows, for one file.
pub trait Host {
    /// The path to write for `{{#include path}}` in the new guide, or why it cannot be included.
    fn include(&self, path: &str) -> Result<String, String>;
    /// The block that stands for mdbook-course's `{{%<which> outline}}` here (`session`,
    /// `segment`), or `None` when there is none.
    fn outline(&self, which: &str) -> Option<String>;
}

/// A file's text after its directives were dealt with.
#[derive(Debug, Default)]
pub struct Converted {
    pub text: String,
    /// Each thing not converted: its line in the text given, and what happened to it.
    pub notes: Vec<(usize, String)>,
    /// Includes kept (their paths placed for the new guide).
    pub includes: usize,
    /// Outlines made into `outline` blocks.
    pub outlines: usize,
}

/// Deals with every directive of `text` (see the module's comment).
pub fn convert(text: &str, syntax: Syntax, host: &dyn Host) -> Converted {
    let regions = Regions::of(text);
    let mut edits = Edits::new();
    let mut converted = Converted::default();
    let mut scan = 0;
    while let Some(open) = text[scan..].find('{').map(|i| i + scan) {
        scan = open + 1;
        let rest = &text[open..];
        let close_mark = if rest.starts_with("{{") {
            "}}"
        } else if rest.starts_with("{%") && syntax.liquid {
            "%}"
        } else {
            continue;
        };
        let Some(close) = text[open + 2..]
            .split('\n')
            .next()
            .and_then(|line| line.find(close_mark))
            .map(|i| open + 2 + i + 2)
        else {
            continue;
        };
        scan = close;
        if open > 0 && text.as_bytes()[open - 1] == b'\\' || regions.is_math(open) {
            continue;
        }
        let directive = Directive {
            range: open..close,
            inner: &text[open + 2..close - 2],
            in_code: regions.is_code(open),
            line: line_of(text, open),
            alone_on_line: alone_on_line(text, open..close),
        };
        let outcome = if close_mark == "%}" {
            liquid_tag(&directive)
        } else {
            braces(&directive, syntax, host)
        };
        match outcome {
            Outcome::Keep => {}
            Outcome::Counted(Counted::Include) => converted.includes += 1,
            Outcome::Counted(_) => {}
            Outcome::KeepWithNote(note) => converted.notes.push((directive.line, note)),
            Outcome::Replace(range, replacement, kind) => {
                edits.replace(range, replacement);
                match kind {
                    Counted::Include => converted.includes += 1,
                    Counted::Outline => converted.outlines += 1,
                    Counted::Nothing => {}
                }
            }
            Outcome::LeaveOut(note) => {
                let replacement = if directive.in_code {
                    String::new()
                } else {
                    comment(directive.inner)
                };
                edits.replace(directive.range.clone(), replacement);
                converted.notes.push((directive.line, note));
            }
        }
    }
    converted.text = edits.apply(text);
    converted
}

/// One `{{ ... }}` or `{% ... %}` of the text.
struct Directive<'a> {
    range: Range<usize>,
    /// What is between the braces.
    inner: &'a str,
    in_code: bool,
    line: usize,
    alone_on_line: bool,
}

/// What becomes of a directive.
enum Outcome {
    Keep,
    /// Kept as it is, and counted as a conversion.
    Counted(Counted),
    KeepWithNote(String),
    /// This part of the text is replaced (and counted as a conversion).
    Replace(Range<usize>, String, Counted),
    /// Left out: an HTML comment outside code, nothing in code; and a note.
    LeaveOut(String),
}

enum Counted {
    Include,
    Outline,
    Nothing,
}

/// `{{ ... }}`: mdBook's and mdbook-course's directives, or a template's variable.
fn braces(directive: &Directive<'_>, syntax: Syntax, host: &dyn Host) -> Outcome {
    let inner = directive.inner.trim();
    let shown = format!("{{{{{}}}}}", directive.inner);
    if syntax.mdbook
        && let Some(after_hash) = inner.strip_prefix('#')
    {
        return mdbook_link(directive, after_hash, &shown, host);
    }
    if syntax.mdbook
        && let Some(words) = directive.inner.strip_prefix('%')
    {
        return course_directive(directive, words, &shown, host);
    }
    if directive.in_code {
        return Outcome::Keep;
    }
    if syntax.liquid {
        if is_root_variable(inner) {
            return Outcome::Replace(directive.range.clone(), ".".to_string(), Counted::Nothing);
        }
        return Outcome::LeaveOut(format!(
            "`{shown}` (Liquid, from Jekyll) has no counterpart: left out of the page"
        ));
    }
    if syntax.mdbook && syntax.custom_preprocessors {
        return Outcome::KeepWithNote(format!(
            "`{shown}` is kept as written: if one of the book's preprocessors filled it in, write the text instead"
        ));
    }
    Outcome::Keep
}

/// mdBook's `{{#name args}}` (`after_hash` is `name args`).
fn mdbook_link(
    directive: &Directive<'_>,
    after_hash: &str,
    shown: &str,
    host: &dyn Host,
) -> Outcome {
    let name_end = after_hash
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(after_hash.len());
    let (name, args) = after_hash.split_at(name_end);
    // mdBook expands only `{{#name args}}` with something after the name; `{{#toc}}` and the
    // like are text to it (Handlebars in a code block, most often).
    let has_args = args.starts_with(char::is_whitespace) && !args.trim().is_empty();
    match name {
        "include" | "rustdoc_include" | "playground" | "playpen" if has_args => {
            let Some(path) = args.split_whitespace().next() else {
                return Outcome::Keep;
            };
            let path = path.split(':').next().unwrap_or(path);
            match host.include(path) {
                Ok(new_path) => {
                    // `playpen` is mdBook's old name of `playground`.
                    let name = if name == "playpen" {
                        "playground"
                    } else {
                        name
                    };
                    let inner = directive.inner;
                    let before = &inner[..inner.find('#').unwrap_or(0)];
                    let after = &inner[inner.trim_end().len()..];
                    let args = args.replacen(path, &new_path, 1);
                    let written = format!("{{{{{before}#{name}{args}{after}}}}}");
                    if written == format!("{{{{{inner}}}}}") {
                        Outcome::Counted(Counted::Include)
                    } else {
                        Outcome::Replace(directive.range.clone(), written, Counted::Include)
                    }
                }
                Err(why) => Outcome::LeaveOut(format!("`{shown}`: {why}; left out")),
            }
        }
        "title" if has_args => Outcome::LeaveOut(format!(
            "`{shown}` (mdBook's page title) has no counterpart: left out; the title is the \
             front matter's `title`"
        )),
        _ if directive.in_code => Outcome::Keep,
        _ => Outcome::LeaveOut(format!(
            "`{shown}` is not a directive guidebook knows (a preprocessor's?): left out of the page"
        )),
    }
}

/// mdbook-course's `{{%words}}`.
fn course_directive(
    directive: &Directive<'_>,
    words: &str,
    shown: &str,
    host: &dyn Host,
) -> Outcome {
    if directive.in_code {
        return Outcome::Keep;
    }
    let words: Vec<&str> = words.split_whitespace().collect();
    if let [which @ ("session" | "segment"), "outline"] = words.as_slice() {
        if !directive.alone_on_line {
            return Outcome::LeaveOut(format!(
                "`{shown}` shares its line with other text, so it cannot become an `outline` \
                 block: left out; put it on a line of its own"
            ));
        }
        if let Some(block) = host.outline(which) {
            return Outcome::Replace(directive.range.clone(), block, Counted::Outline);
        }
        return Outcome::LeaveOut(format!(
            "`{shown}`: this page is in no {which} of the course: left out"
        ));
    }
    Outcome::LeaveOut(format!(
        "`{shown}` (mdbook-course) has no counterpart: left out; an ```outline block lists a \
         chapter's lessons"
    ))
}

/// `{% tag %}`: Liquid's tags, left from Jekyll.
fn liquid_tag(directive: &Directive<'_>) -> Outcome {
    if directive.in_code {
        return Outcome::Keep;
    }
    let words: Vec<&str> = directive.inner.split_whitespace().collect();
    match words.as_slice() {
        // The Workbench appends links.md to every file, and so does the import.
        ["include", "links.md"] | ["raw"] | ["endraw"] => {
            Outcome::Replace(directive.range.clone(), String::new(), Counted::Nothing)
        }
        _ => Outcome::LeaveOut(format!(
            "`{{%{}%}}` (Liquid, from Jekyll) has no counterpart: left out of the page",
            directive.inner
        )),
    }
}

/// Liquid variables that stood for the lesson's root folder, which links were written from.
fn is_root_variable(inner: &str) -> bool {
    matches!(
        inner,
        "page.root" | "site.baseurl" | "relative_root_path" | "site.root"
    )
}

/// A left-out directive as an HTML comment (never `--` inside, which would end it early).
fn comment(inner: &str) -> String {
    let mut text = inner.trim().replace("--", "- -");
    if text.ends_with('-') {
        text.push(' ');
    }
    format!("<!-- guidebook import left out: {text} -->")
}

/// Whether only white space shares the line with `range`.
fn alone_on_line(text: &str, range: Range<usize>) -> bool {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    text[line_start..range.start].trim().is_empty() && text[range.end..line_end].trim().is_empty()
}

/// The parts of a text where directives mean something else: code and math.
struct Regions {
    /// Code blocks and inline code, in order.
    code: Vec<Range<usize>>,
    math: Vec<Range<usize>>,
}

impl Regions {
    fn of(text: &str) -> Regions {
        let mut regions = Regions {
            code: Vec::new(),
            math: Vec::new(),
        };
        for (event, range) in Parser::new_ext(text, parser_options()).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_)) => regions.code.push(range),
                Event::Code(_) => regions.code.push(range),
                Event::InlineMath(_) | Event::DisplayMath(_) => regions.math.push(range),
                _ => {}
            }
        }
        regions.code.sort_by_key(|range| range.start);
        regions
    }

    fn is_code(&self, offset: usize) -> bool {
        inside(&self.code, offset)
    }

    fn is_math(&self, offset: usize) -> bool {
        inside(&self.math, offset)
    }
}

fn inside(ranges: &[Range<usize>], offset: usize) -> bool {
    let after = ranges.partition_point(|range| range.start <= offset);
    after > 0 && ranges[after - 1].contains(&offset)
}

#[cfg(test)]
mod tests;
