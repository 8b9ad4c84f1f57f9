//! The one place that talks to `serde_yaml`, and the one place that reads serde's error texts.
//!
//! serde_yaml 0.9.34 is pinned and unmaintained upstream, so every YAML document of the guide
//! (front matter, `gear.yaml`, `compare` blocks) is parsed through [`parse_yaml`] and nothing else
//! names the crate. Swapping the parser means changing this file only. serde_yaml follows YAML
//! 1.2 (`yes` is a string, not a boolean) and bounds alias expansion ("billion laughs").
//!
//! serde's derive reports an unknown, duplicate or missing field only as text. [`SerdeMessage`]
//! reads those texts once, for every caller (`guide.toml`'s errors from the `toml` crate use the
//! same texts), so the wording serde uses is known here and nowhere else.

use serde::de::DeserializeOwned;

use crate::diagnostics::offset_of;

/// A YAML document that could not be parsed into the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The message without serde_yaml's " at line N column M" suffix.
    pub message: String,
    /// Byte offset in the parsed text where the problem is.
    pub offset: usize,
}

/// The largest YAML document guidebook parses (front matter, a compare block, the gear).
pub const MAX_YAML_BYTES: usize = 1024 * 1024;
/// How deeply `[` and `{` may nest: real front matter needs two or three levels, and libyaml's
/// scanner slows to a crawl on tens of thousands.
pub const MAX_YAML_NESTING: usize = 64;

/// Parses `text` as one YAML document into `T`.
pub fn parse_yaml<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let unclosed = scan_brackets(text)?;
    serde_yaml::from_str(text).map_err(|error| {
        let offset = error.location().map_or(0, |location| {
            offset_of(text, location.line(), location.column())
        });
        // The parser notices an unclosed `[` where something else begins, often lines later;
        // the bracket itself is where the author looks.
        if let Some(open) = unclosed.filter(|open| *open <= offset) {
            let bracket = &text[open..open + 1];
            return YamlError {
                message: format!("this `{bracket}` is never closed"),
                offset: open,
            };
        }
        YamlError {
            message: strip_location(&error.to_string()),
            offset,
        }
    })
}

/// Refuses, before parsing, a document too large or nested too deeply to be real guide data;
/// otherwise returns where the first `[` or `{` that is never closed opens, if one is.
fn scan_brackets(text: &str) -> Result<Option<usize>, YamlError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(YamlError {
            message: format!(
                "this YAML is {} KiB, more than guidebook reads ({} KiB)",
                text.len() / 1024,
                MAX_YAML_BYTES / 1024
            ),
            offset: 0,
        });
    }
    let mut open: Vec<usize> = Vec::new();
    let mut quote: Option<char> = None;
    let mut comment = false;
    // A quote opens a quoted scalar only where a value starts (`key: 'x'`, `['a', 'b']`), not
    // inside a word (`don't`).
    let mut value_starts = true;
    for (at, c) in text.char_indices() {
        let starts = value_starts;
        value_starts = c.is_whitespace() || matches!(c, ':' | '[' | '{' | ',' | '-');
        match (quote, c) {
            (_, '\n') => comment = false,
            _ if comment => {}
            (Some(open), c) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '#') if starts => comment = true,
            (None, '"' | '\'') if starts => quote = Some(c),
            (None, '[' | '{') => {
                open.push(at);
                if open.len() > MAX_YAML_NESTING {
                    return Err(YamlError {
                        message: format!(
                            "lists or maps nested more than {MAX_YAML_NESTING} levels deep"
                        ),
                        offset: at,
                    });
                }
            }
            (None, ']' | '}') => {
                open.pop();
            }
            _ => {}
        }
    }
    Ok(open.first().copied())
}

/// What a serde error message is about, for the messages that get their own help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerdeMessage<'a> {
    /// "unknown field `x`, expected ...": the key that is not allowed.
    UnknownField(&'a str),
    /// "duplicate field `x`": the key given twice.
    DuplicateField(&'a str),
    /// "missing field `x`": the required key that is absent.
    MissingField(&'a str),
    /// "unknown variant `x`, expected ...": a value outside a fixed set.
    UnknownVariant,
    Other,
}

impl<'a> SerdeMessage<'a> {
    /// Reads `message`; the first of the kinds above that it mentions wins.
    pub fn read(message: &'a str) -> Self {
        if let Some(rest) = message.split("unknown field `").nth(1) {
            // Without a closing backtick the rest of the message is the name.
            let name = rest.split('`').next().unwrap_or(rest);
            return SerdeMessage::UnknownField(name);
        }
        if let Some(name) = between(message, "duplicate field `", "`") {
            return SerdeMessage::DuplicateField(name);
        }
        if let Some(name) = between(message, "missing field `", "`") {
            return SerdeMessage::MissingField(name);
        }
        if message.contains("unknown variant") {
            return SerdeMessage::UnknownVariant;
        }
        SerdeMessage::Other
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = text.split_once(start)?.1;
    Some(rest.split_once(end)?.0)
}

/// Removes every " at line N column M": those count lines inside the parsed text, not the
/// file, and the diagnostic already points at the right place.
fn strip_location(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        let after = &rest[at + " at line ".len()..];
        let line_digits =
            after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let tail = &after[line_digits..];
        match tail.strip_prefix(" column ") {
            Some(column) if line_digits > 0 => {
                let column_digits = column.len()
                    - column
                        .trim_start_matches(|c: char| c.is_ascii_digit())
                        .len();
                out.push_str(&rest[..at]);
                rest = &column[column_digits..];
            }
            _ => {
                out.push_str(&rest[..at + " at line ".len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        flag: Option<bool>,
    }

    #[test]
    fn errors_point_at_the_offending_value() {
        let text = "name: a\nflag: yes\n";
        let error = parse_yaml::<Doc>(text).unwrap_err();
        assert_eq!(
            error.message,
            "flag: invalid type: string \"yes\", expected a boolean"
        );
        assert_eq!(&text[error.offset..error.offset + 3], "yes");
    }

    #[test]
    fn reads_serde_messages() {
        let read = SerdeMessage::read;
        assert_eq!(
            read("unknown field `titel`, expected one of `title`, `step`"),
            SerdeMessage::UnknownField("titel")
        );
        assert_eq!(read("unknown field `x"), SerdeMessage::UnknownField("x"));
        assert_eq!(
            read("title: duplicate field `title`"),
            SerdeMessage::DuplicateField("title")
        );
        assert_eq!(
            read("missing field `step`"),
            SerdeMessage::MissingField("step")
        );
        assert_eq!(read("missing field `step"), SerdeMessage::Other);
        assert_eq!(
            read("unknown variant `A5`, expected `A4` or `Letter`"),
            SerdeMessage::UnknownVariant
        );
        assert_eq!(read("invalid type: string \"yes\""), SerdeMessage::Other);
        // A real message from the parser.
        let error = parse_yaml::<Doc>("name: a\nnmae: b\n").unwrap_err();
        assert_eq!(
            SerdeMessage::read(&error.message),
            SerdeMessage::UnknownField("nmae")
        );
        let error = parse_yaml::<Doc>("flag: true\n").unwrap_err();
        assert_eq!(
            SerdeMessage::read(&error.message),
            SerdeMessage::MissingField("name")
        );
    }

    #[test]
    fn every_inner_location_is_removed() {
        assert_eq!(
            strip_location(
                "found unexpected end of stream at line 5 column 1, while scanning at line 2 column 3"
            ),
            "found unexpected end of stream, while scanning"
        );
        assert_eq!(strip_location("at line x"), "at line x");
    }

    #[test]
    fn alias_bombs_are_rejected() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            let refs = vec![format!("*{previous}"); 10].join(", ");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        text.push_str("all: *i\n");
        let started = std::time::Instant::now();
        let error = parse_yaml::<std::collections::BTreeMap<String, Node>>(&text).unwrap_err();
        assert_eq!(error.message, "repetition limit exceeded");
        assert!(started.elapsed().as_secs() < 5);
    }

    /// Any nesting of lists of strings, so every alias must be expanded.
    #[derive(Debug, serde::Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    enum Node {
        Leaf(String),
        List(Vec<Node>),
    }

    #[test]
    fn documents_nested_too_deeply_are_refused_before_parsing() {
        let deep = format!("title: {}", "[".repeat(100_000));
        let error = parse_yaml::<serde_yaml::Value>(&deep).unwrap_err();
        assert!(
            error.message.contains("nested more than"),
            "{}",
            error.message
        );
        assert_eq!(error.offset, 7 + MAX_YAML_NESTING);
        let fine = "title: \"[[[ not nesting ]]]\"\nnote: don't [count] {this}\n# [[[[\n";
        assert!(parse_yaml::<serde_yaml::Value>(fine).is_ok());
    }

    #[test]
    fn an_unclosed_bracket_is_reported_where_it_opens() {
        let text = "title: B\nprerequisites: [a\nduration: 5 min\n";
        let error = parse_yaml::<serde_yaml::Value>(text).unwrap_err();
        assert_eq!(error.message, "this `[` is never closed");
        assert_eq!(error.offset, text.find('[').unwrap());
    }
}
