//! The one place that talks to `serde_yaml`.
//!
//! serde_yaml 0.9.34 is pinned and unmaintained upstream, so every YAML document of the guide
//! (front matter, `gear.yaml`, `compare` blocks) is parsed through [`parse_yaml`] and nothing else
//! names the crate. Swapping the parser means changing this file only. serde_yaml follows YAML
//! 1.2 (`yes` is a string, not a boolean) and bounds alias expansion ("billion laughs").

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

/// Parses `text` as one YAML document into `T`.
pub fn parse_yaml<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|error| {
        let offset = error.location().map_or(0, |location| {
            offset_of(text, location.line(), location.column())
        });
        YamlError {
            message: strip_location(&error.to_string()),
            offset,
        }
    })
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
}
