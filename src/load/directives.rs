//! mdBook's directives, as its `links` preprocessor reads them: `{{#include file}}`,
//! `{{#include file:anchor}}`, `{{#include file:10:20}}` (also `:10:`, `::20`, `:10`),
//! `{{#rustdoc_include ...}}` (the same selections), `{{#playground file attrs}}` and
//! `{{#title text}}`; `\{{#...}}` is the directive's own text, without the backslash. They are
//! found anywhere in a file's text (code blocks included, where they are most used), as mdBook
//! finds them. Loading reads the files they name ([`super::includes`]); the Markdown stage
//! expands them (`markdown::includes`).

use std::ops::Range;

/// One directive found in a text, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive<'t> {
    pub range: Range<usize>,
    pub kind: DirectiveKind<'t>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectiveKind<'t> {
    /// `\{{#...}}`: written as it is without its backslash.
    Escaped,
    /// The lines `lines` of the file at `path`, as they are.
    Include { path: &'t str, lines: Lines<'t> },
    /// The whole file at `path`, the lines outside `lines` hidden (`# ` before each).
    RustdocInclude { path: &'t str, lines: Lines<'t> },
    /// The file at `path` as a Rust code block with the fence `attributes`.
    Playground {
        path: &'t str,
        attributes: Vec<&'t str>,
    },
    /// mdBook's page title.
    Title(&'t str),
}

impl DirectiveKind<'_> {
    /// The path of the file the directive reads, if it reads one.
    pub fn path(&self) -> Option<&str> {
        match self {
            DirectiveKind::Include { path, .. }
            | DirectiveKind::RustdocInclude { path, .. }
            | DirectiveKind::Playground { path, .. } => Some(path),
            DirectiveKind::Escaped | DirectiveKind::Title(_) => None,
        }
    }
}

/// Which lines of a file a directive takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lines<'t> {
    All,
    /// From line `first` (counted from 1) to line `last` (included), or to the end.
    Range {
        first: usize,
        last: Option<usize>,
    },
    /// Between `ANCHOR: name` and `ANCHOR_END: name`.
    Anchor(&'t str),
    /// A selection that cannot be read, and why.
    Unreadable(String),
}

/// Every directive of `text`, in order.
pub fn directives(text: &str) -> Vec<Directive<'_>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = text.get(at..).and_then(|rest| rest.find("{{")) {
        let start = at + offset;
        let escaped = start
            .checked_sub(1)
            .and_then(|before| text.as_bytes().get(before));
        if escaped == Some(&b'\\')
            && let Some(end) = escaped_end(text, start)
        {
            found.push(Directive {
                range: start - 1..end,
                kind: DirectiveKind::Escaped,
            });
            at = end;
            continue;
        }
        match directive_at(text, start) {
            Some((end, kind)) => {
                found.extend(kind.map(|kind| Directive {
                    range: start..end,
                    kind,
                }));
                at = end;
            }
            None => at = start + 2,
        }
    }
    found
}

/// Where an escaped directive starting with the `{{` at `start` ends: after the last `}}` of its
/// line, when the `{{` is followed by `#`.
fn escaped_end(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    if !rest[2..].starts_with('#') {
        return None;
    }
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    line.rfind("}}")
        .filter(|end| *end >= 3)
        .map(|end| start + end + 2)
}

/// A directive at the `{{` at `start`: where it ends, and what it is (`None` for a name mdBook
/// does not know, which stays text).
fn directive_at(text: &str, start: usize) -> Option<(usize, Option<DirectiveKind<'_>>)> {
    let rest = &text[start + 2..];
    let after_space = rest.trim_start();
    let name_part = after_space.strip_prefix('#')?;
    let name_len = name_part
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(name_part.len());
    let (name, after_name) = name_part.split_at(name_len);
    let argument_part = after_name.trim_start();
    if name.is_empty() || argument_part.len() == after_name.len() {
        return None;
    }
    let close = argument_part.find('}')?;
    if close == 0 || !argument_part[close..].starts_with("}}") {
        return None;
    }
    let argument = &argument_part[..close];
    let end = text.len() - argument_part.len() + close + 2;
    Some((end, read_directive(name, argument)))
}

fn read_directive<'t>(name: &str, argument: &'t str) -> Option<DirectiveKind<'t>> {
    if name == "title" {
        return Some(DirectiveKind::Title(argument.trim()));
    }
    let mut words = argument.split_whitespace();
    let file = words.next()?;
    let (path, selection) = file.split_once(':').unwrap_or((file, ""));
    Some(match name {
        "include" => DirectiveKind::Include {
            path,
            lines: lines(selection),
        },
        "rustdoc_include" => DirectiveKind::RustdocInclude {
            path,
            lines: lines(selection),
        },
        "playground" | "playpen" => DirectiveKind::Playground {
            path: file,
            attributes: words.collect(),
        },
        _ => return None,
    })
}

/// The lines a selection (what follows the path's first `:`) names, as mdBook reads it: a
/// number is a line, `a:b` a range, `a:` and `:b` open ranges, a word an anchor.
fn lines(selection: &str) -> Lines<'_> {
    let mut parts = selection.splitn(3, ':');
    let first = parts.next().unwrap_or_default();
    let second = parts.next();
    let start = match first {
        "" => None,
        number if number.bytes().all(|b| b.is_ascii_digit()) => match number.parse::<usize>() {
            Ok(0) | Err(_) => {
                return Lines::Unreadable(format!(
                    "line `{number}` does not exist: lines count from 1"
                ));
            }
            Ok(line) => Some(line),
        },
        anchor => return Lines::Anchor(anchor),
    };
    let end = match second {
        None => start,
        Some("") => None,
        Some(number) => match number.parse::<usize>() {
            Ok(0) => {
                return Lines::Unreadable("line `0` does not exist: lines count from 1".into());
            }
            Ok(line) => Some(line),
            Err(_) => return Lines::Unreadable(format!("`{number}` is not a line number")),
        },
    };
    match (start, end) {
        (None, None) => Lines::All,
        (None, Some(last)) => Lines::Range {
            first: 1,
            last: Some(last),
        },
        (Some(first), None) => Lines::Range { first, last: None },
        (Some(first), Some(last)) if last >= first => Lines::Range {
            first,
            last: Some(last),
        },
        (Some(first), Some(last)) => Lines::Unreadable(format!(
            "the range starts at line {first}, after its end at line {last}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, DirectiveKind<'_>)> {
        directives(text)
            .into_iter()
            .map(|d| (&text[d.range], d.kind))
            .collect()
    }

    #[test]
    fn every_form_of_selection() {
        let include = |path, lines| DirectiveKind::Include { path, lines };
        assert_eq!(
            kinds("{{#include file.rs}} {{ #include  a/b.md:2 }} {{#include x.rs::10}}"),
            [
                ("{{#include file.rs}}", include("file.rs", Lines::All)),
                (
                    "{{ #include  a/b.md:2 }}",
                    include(
                        "a/b.md",
                        Lines::Range {
                            first: 2,
                            last: Some(2)
                        }
                    )
                ),
                (
                    "{{#include x.rs::10}}",
                    include(
                        "x.rs",
                        Lines::Range {
                            first: 1,
                            last: Some(10)
                        }
                    )
                ),
            ]
        );
        let lines_of = |text| match directives(text).remove(0).kind {
            DirectiveKind::Include { lines, .. } | DirectiveKind::RustdocInclude { lines, .. } => {
                lines
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(
            lines_of("{{#include x:2:}}"),
            Lines::Range {
                first: 2,
                last: None
            }
        );
        assert_eq!(
            lines_of("{{#include x:2:10}}"),
            Lines::Range {
                first: 2,
                last: Some(10)
            }
        );
        assert_eq!(lines_of("{{#include x::}}"), Lines::All);
        assert_eq!(
            lines_of("{{#rustdoc_include x:main}}"),
            Lines::Anchor("main")
        );
        assert!(matches!(
            lines_of("{{#include x:10:2}}"),
            Lines::Unreadable(_)
        ));
        assert!(matches!(lines_of("{{#include x:0}}"), Lines::Unreadable(_)));
        assert!(matches!(
            lines_of("{{#include x:2:NaN}}"),
            Lines::Unreadable(_)
        ));
    }

    #[test]
    fn escapes_titles_playgrounds_and_what_is_no_directive() {
        assert_eq!(
            kinds("a \\{{#include file.rs}} b\n{{#title My Title}}"),
            [
                ("\\{{#include file.rs}}", DirectiveKind::Escaped),
                ("{{#title My Title}}", DirectiveKind::Title("My Title")),
            ]
        );
        // As in mdBook, an escaped directive runs to the last `}}` of its line.
        assert_eq!(
            kinds("\\{{#include a}} and {{#include b}}"),
            [(
                "\\{{#include a}} and {{#include b}}",
                DirectiveKind::Escaped
            )]
        );
        assert_eq!(
            kinds("{{#playground ex.rs editable no_run}}"),
            [(
                "{{#playground ex.rs editable no_run}}",
                DirectiveKind::Playground {
                    path: "ex.rs",
                    attributes: vec!["editable", "no_run"]
                }
            )]
        );
        for text in [
            "{{#toc}}{{/toc}}",
            "{{#include}}",
            "{{#include }}",
            "{{ include x }}",
            "{{#unknown x.rs}}",
            "{{#include x.rs",
            "{{",
        ] {
            assert!(kinds(text).is_empty(), "{text}");
        }
        // An unknown directive is skipped whole; the scan goes on after it.
        assert_eq!(kinds("{{#nope a}} {{#include b}}").len(), 1);
    }
}
