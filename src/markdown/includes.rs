//! mdBook's directives in a body, expanded before it is parsed, as mdBook's `links`
//! preprocessor does: `{{#include file}}` and its selections, `{{#rustdoc_include ...}}` (the
//! lines outside the selection kept, hidden, as `# ` lines), `{{#playground file}}` (a Rust
//! block), `\{{#...}}` (the directive's text), `{{#title ...}}` (not read: a warning). Paths are
//! relative to the file that holds the directive, included files may include others, and a
//! missing file or anchor, a bad range, a cycle or a path out of the guide is an error at the
//! directive. The files were read by loading (`load::includes`).
//!
//! The expanded text keeps a map back to the body ([`Expanded::body_range`]): a problem found
//! later in text that came from the body is reported where it is in the file, and one in text
//! that came from an included file at the directive that included it.

use std::ops::Range;

use super::MarkdownInput;
use super::files::relative_to;
use super::selection::{select, select_rustdoc};
use crate::diagnostics::{Diagnostic, closest_match};
use crate::load::IncludedFile;
use crate::load::directives::{Directive, DirectiveKind, directives};
use crate::load::includes::{MAX_DEPTH, folder_of, resolve_in_guide};

/// A body with its directives expanded, and where each piece of it came from.
#[derive(Debug, Clone, Default)]
pub struct Expanded {
    pub text: String,
    pieces: Vec<Piece>,
}

/// A piece of the expanded text: from its start to the next piece's.
#[derive(Debug, Clone)]
struct Piece {
    at: usize,
    origin: Origin,
}

#[derive(Debug, Clone)]
enum Origin {
    /// Copied from the body, where it starts at this offset.
    Body(usize),
    /// What the directive at this range of the body included.
    Directive(Range<usize>),
}

impl Expanded {
    /// The range of the body that `range` of the expanded text stands for.
    pub fn body_range(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.body_offset(range.start, false);
        let end = self.body_offset(range.end, true).max(start);
        start..end
    }

    fn body_offset(&self, at: usize, end: bool) -> usize {
        // The piece holding `at` (for the end of a range, the one holding its last byte).
        let probe = if end && at > 0 { at - 1 } else { at };
        let index = self.pieces.partition_point(|piece| piece.at <= probe);
        let Some(piece) = index.checked_sub(1).and_then(|i| self.pieces.get(i)) else {
            return at;
        };
        match &piece.origin {
            Origin::Body(origin) => origin + (at - piece.at),
            Origin::Directive(range) if end => range.end,
            Origin::Directive(range) => range.start,
        }
    }
}

/// What a directive could not include, to be reported at it.
struct Problem {
    message: String,
    label: String,
    help: String,
    warning: bool,
}

impl Problem {
    fn error(message: String, label: impl Into<String>, help: impl Into<String>) -> Self {
        Problem {
            message,
            label: label.into(),
            help: help.into(),
            warning: false,
        }
    }
}

/// Expands the directives of `input`'s body; `None` when it has none. Problems are reported at
/// their directive.
pub fn expand(input: &MarkdownInput<'_>, problems: &mut Vec<Diagnostic>) -> Option<Expanded> {
    let body = input.markdown;
    if !body.contains("{{") {
        return None;
    }
    let found = directives(body);
    if found.is_empty() {
        return None;
    }
    let mut expanded = Expanded::default();
    let mut last = 0;
    let mut trail = Trail {
        files: vec![input.file.to_string()],
        size: 0,
    };
    for directive in found {
        push_body(&mut expanded, body, last..directive.range.start);
        last = directive.range.end;
        if directive.kind == DirectiveKind::Escaped {
            push_body(&mut expanded, body, directive.range.start + 1..last);
            continue;
        }
        match include(&directive, input.file, input, &mut trail) {
            Ok(text) => {
                expanded.pieces.push(Piece {
                    at: expanded.text.len(),
                    origin: Origin::Directive(directive.range.clone()),
                });
                expanded.text.push_str(&text);
            }
            Err(problem) => {
                // The directive stays as written, where the problem is shown.
                if !problem.warning {
                    push_body(&mut expanded, body, directive.range.clone());
                }
                let span = input.offset + directive.range.start..input.offset + directive.range.end;
                let diagnostic = if problem.warning {
                    Diagnostic::warning(input.file, span, problem.message)
                } else {
                    Diagnostic::error(input.file, span, problem.message)
                };
                problems.push(diagnostic.with_label(problem.label).with_help(problem.help));
            }
        }
    }
    push_body(&mut expanded, body, last..body.len());
    Some(expanded)
}

fn push_body(expanded: &mut Expanded, body: &str, range: Range<usize>) {
    if range.is_empty() {
        return;
    }
    expanded.pieces.push(Piece {
        at: expanded.text.len(),
        origin: Origin::Body(range.start),
    });
    expanded.text.push_str(&body[range]);
}

/// The files being included, each inside the one before, and how much text they brought.
struct Trail {
    files: Vec<String>,
    size: usize,
}

/// How much text a body's includes may bring in all (a file including another ten times, ten
/// levels deep, would otherwise make ten billion copies).
const MAX_INCLUDED: usize = 32 * 1024 * 1024;

/// The text `directive` (in the file at the end of `trail`, guide path `file`) stands for,
/// its own directives expanded.
fn include(
    directive: &Directive<'_>,
    file: &str,
    input: &MarkdownInput<'_>,
    trail: &mut Trail,
) -> Result<String, Problem> {
    let (path, text) = match &directive.kind {
        DirectiveKind::Escaped => return Ok(String::new()),
        DirectiveKind::Title(_) => {
            return Err(Problem {
                message: "`{{#title}}` is not read".into(),
                label: "left out".into(),
                help: "a page's title is the `title` of its front matter".into(),
                warning: true,
            });
        }
        kind => {
            let path = kind.path().unwrap_or_default();
            (path, read(path, file, input, &trail.files)?)
        }
    };
    let resolved = resolve_in_guide(folder_of(file), path).unwrap_or_default();
    let selected = match &directive.kind {
        DirectiveKind::Include { lines, .. } => select(&text, lines),
        DirectiveKind::RustdocInclude { lines, .. } => select_rustdoc(&text, lines),
        DirectiveKind::Playground { attributes, .. } => {
            let mut fence = String::from("rust");
            for attribute in attributes {
                fence.push(',');
                fence.push_str(attribute);
            }
            let newline = if text.ends_with('\n') { "" } else { "\n" };
            Ok(format!("```{fence}\n{text}{newline}```\n"))
        }
        DirectiveKind::Escaped | DirectiveKind::Title(_) => Ok(String::new()),
    }
    .map_err(|why| {
        Problem::error(
            format!("cannot include `{path}`: {why}"),
            format!("in {resolved}"),
            "name an anchor the file has (`ANCHOR: name` ... `ANCHOR_END: name`) or lines it has (`file:3:10`, counted from 1)",
        )
    })?;
    trail.size += selected.len();
    if trail.size > MAX_INCLUDED {
        return Err(Problem::error(
            format!(
                "the includes here bring more than {} MB of text",
                MAX_INCLUDED >> 20
            ),
            "too much included",
            "include each file once, or fewer times",
        ));
    }
    expand_nested(&selected, &resolved, input, trail)
}

/// The text of the file `path` names from `file`, if it can be included there.
fn read(
    path: &str,
    file: &str,
    input: &MarkdownInput<'_>,
    chain: &[String],
) -> Result<String, Problem> {
    let includes = input.includes;
    let help_relative = format!("paths are relative to the file that includes them ({file})");
    let Some(resolved) = resolve_in_guide(folder_of(file), path) else {
        return Err(Problem::error(
            format!("`{path}` is outside the guide folder"),
            "leaves the guide",
            "include files from inside the guide folder (copy them in)",
        ));
    };
    if chain.contains(&resolved) {
        return Err(Problem::error(
            format!(
                "`{resolved}` includes itself: {} -> {resolved}",
                chain.join(" -> ")
            ),
            "a cycle of includes",
            "remove one of the directives of the cycle",
        ));
    }
    if chain.len() > MAX_DEPTH {
        return Err(Problem::error(
            format!(
                "includes nest more than {MAX_DEPTH} levels deep here: {}",
                chain.join(" -> ")
            ),
            "too deep",
            "include the innermost file directly",
        ));
    }
    match includes.get(&resolved) {
        Some(IncludedFile::Text(source)) => Ok(source.text.to_string()),
        Some(IncludedFile::Unreadable(why)) => Err(Problem::error(
            format!("cannot include `{path}`: {why}"),
            resolved.to_string(),
            "include a UTF-8 text file inside the guide folder",
        )),
        Some(IncludedFile::Missing) | None => {
            // The files of the guide it may have meant: those under content/, those included.
            let assets: Vec<String> = (input.assets.keys())
                .map(|p| format!("content/{p}"))
                .collect();
            let included = includes.files.iter().filter_map(|(known, file)| {
                matches!(file, IncludedFile::Text(_)).then_some(known.as_str())
            });
            let known = assets.iter().map(String::as_str).chain(included);
            let help = match closest_match(&resolved, known) {
                Some(best) => format!(
                    "did you mean `{}`? {help_relative}",
                    relative_to(folder_of(file), best)
                ),
                None => help_relative,
            };
            Err(Problem::error(
                format!("there is no file `{path}` to include"),
                format!("looked for {resolved}"),
                help,
            ))
        }
    }
}

/// `text` (from the file at guide path `file`) with its own directives expanded; a problem in
/// them is the including directive's, named with the file it is in.
fn expand_nested(
    text: &str,
    file: &str,
    input: &MarkdownInput<'_>,
    trail: &mut Trail,
) -> Result<String, Problem> {
    if !text.contains("{{") {
        return Ok(text.to_string());
    }
    trail.files.push(file.to_string());
    let mut expanded = String::with_capacity(text.len());
    let mut last = 0;
    for directive in directives(text) {
        expanded.push_str(&text[last..directive.range.start]);
        last = directive.range.end;
        match &directive.kind {
            DirectiveKind::Escaped => expanded.push_str(&text[directive.range.start + 1..last]),
            _ => match include(&directive, file, input, trail) {
                Ok(included) => expanded.push_str(&included),
                Err(problem) if problem.warning => {}
                Err(mut problem) => {
                    trail.files.pop();
                    problem.message = format!("in `{file}`, included here: {}", problem.message);
                    return Err(problem);
                }
            },
        }
    }
    trail.files.pop();
    expanded.push_str(&text[last..]);
    Ok(expanded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_map_back_to_the_body_or_to_the_directive() {
        // Body: "ab{{#include x}}cd" (directive at 2..16); included text "XYZ".
        let expanded = Expanded {
            text: "abXYZcd".into(),
            pieces: vec![
                Piece {
                    at: 0,
                    origin: Origin::Body(0),
                },
                Piece {
                    at: 2,
                    origin: Origin::Directive(2..16),
                },
                Piece {
                    at: 5,
                    origin: Origin::Body(16),
                },
            ],
        };
        assert_eq!(expanded.body_range(&(0..2)), 0..2);
        assert_eq!(
            expanded.body_range(&(3..4)),
            2..16,
            "inside the included text"
        );
        assert_eq!(expanded.body_range(&(5..7)), 16..18, "after it");
        assert_eq!(expanded.body_range(&(1..6)), 1..17, "across it");
        assert_eq!(expanded.body_range(&(7..7)), 18..18);
    }
}
