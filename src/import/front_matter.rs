//! Reading another tool's Markdown file: its YAML front matter, when it has one, as keys in the
//! order written (each with its line), and its body with the line the body starts on. The
//! fences are guidebook's own (`load::front_matter::split`), the YAML parser the one every
//! guide's YAML goes through (`model::yaml`).

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use super::edits::line_of;
use crate::load::front_matter::split;
use crate::model::yaml::parse_yaml;

/// A Markdown file of the layout being imported.
#[derive(Debug)]
pub struct SourceDoc<'a> {
    /// The front matter's keys, in order, each with its value and its line in the file.
    pub keys: Vec<(String, Value, usize)>,
    /// Everything after the front matter (the whole file without one).
    pub body: &'a str,
    /// The file's line the body starts on.
    pub body_line: usize,
    /// Front matter that could not be read: its lines, and the line and reason.
    pub unreadable: Option<(&'a str, usize, String)>,
}

impl SourceDoc<'_> {
    /// The value of `key`, when the front matter has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.keys
            .iter()
            .find(|(name, _, _)| name == key)
            .map(|(_, value, _)| value)
    }

    /// The value of `key` as text (a number is its digits); `None` when absent, empty or not a
    /// scalar.
    pub fn text(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
            Value::Number(number) => Some(number.to_string()),
            Value::Bool(flag) => Some(flag.to_string()),
            _ => None,
        }
    }

    /// The value of `key` as a whole number of minutes (`15`, `"15"`); `None` otherwise.
    pub fn minutes(&self, key: &str) -> Option<u64> {
        match self.get(key)? {
            Value::Number(number) => number.as_u64().or_else(|| {
                number
                    .as_f64()
                    .filter(|m| *m >= 0.0)
                    .map(|m| m.ceil() as u64)
            }),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }

    /// The keys other than `known`, in order.
    pub fn other_keys(&self, known: &[&str]) -> Vec<(String, Value)> {
        self.keys
            .iter()
            .filter(|(name, _, _)| !known.contains(&name.as_str()))
            .map(|(name, value, _)| (name.clone(), value.clone()))
            .collect()
    }

    /// The line of `key` in the file.
    pub fn line_of_key(&self, key: &str) -> Option<usize> {
        self.keys
            .iter()
            .find(|(name, _, _)| name == key)
            .map(|(_, _, line)| *line)
    }
}

/// Splits and reads a Markdown file. A file whose front matter is never closed, or whose YAML
/// is not a mapping, keeps its text: unclosed, all of it is the body (as another tool showed
/// it); unreadable, the YAML is kept aside for the author.
pub fn read_doc(text: &str) -> SourceDoc<'_> {
    let Ok(parts) = split(text) else {
        return SourceDoc {
            keys: Vec::new(),
            body: text,
            body_line: 1,
            unreadable: None,
        };
    };
    let body_line = line_of(text, parts.body_offset);
    let Some(yaml) = parts.front_matter else {
        return SourceDoc {
            keys: Vec::new(),
            body: parts.body,
            body_line,
            unreadable: None,
        };
    };
    let yaml_line = line_of(text, parts.front_matter_span.start);
    let nothing = (yaml.lines()).all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if nothing {
        return SourceDoc {
            keys: Vec::new(),
            body: parts.body,
            body_line,
            unreadable: None,
        };
    }
    match parse_yaml::<Ordered>(yaml) {
        Ok(Ordered(entries)) => {
            let keys = entries
                .into_iter()
                .map(|(key, value)| {
                    let line = key_line(yaml, &key).map_or(yaml_line, |l| yaml_line + l - 1);
                    (key, value, line)
                })
                .collect();
            SourceDoc {
                keys,
                body: parts.body,
                body_line,
                unreadable: None,
            }
        }
        Err(error) => SourceDoc {
            keys: Vec::new(),
            body: parts.body,
            body_line,
            unreadable: Some((
                yaml,
                yaml_line + line_of(yaml, error.offset) - 1,
                error.message,
            )),
        },
    }
}

/// The 1-based line of `yaml` where the top-level `key` is written.
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            let line = line.trim_end();
            [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
                .iter()
                .any(|written| {
                    line.strip_prefix(written.as_str())
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
                })
        })
        .map(|index| index + 1)
}

/// A YAML mapping's entries in the order written (an empty document is an empty mapping).
struct Ordered(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Ordered;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping of keys to values")
            }

            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered(Vec::new()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<Value, Value>()? {
                    let key = match key {
                        Value::String(key) => key,
                        other => other.to_string(),
                    };
                    entries.push((key, value));
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_any(Entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_in_order_with_their_lines() {
        let text = "---\ntitle: 'Setup'\nteaching: 10\nexercises: \"5\"\n# a comment\nsession: Day 1\n---\n\nBody\n";
        let doc = read_doc(text);
        let names: Vec<&str> = doc.keys.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(names, ["title", "teaching", "exercises", "session"]);
        assert_eq!(doc.line_of_key("session"), Some(6));
        assert_eq!(doc.text("title").as_deref(), Some("Setup"));
        assert_eq!(doc.minutes("teaching"), Some(10));
        assert_eq!(doc.minutes("exercises"), Some(5));
        assert_eq!(doc.body, "\nBody\n");
        assert_eq!(doc.body_line, 8);
        let other = doc.other_keys(&["title", "teaching", "exercises"]);
        assert_eq!(other, vec![("session".to_string(), Value::from("Day 1"))]);
    }

    #[test]
    fn files_without_front_matter_or_with_a_broken_one_keep_their_text() {
        let plain = read_doc("# Title\n\nText\n");
        assert!(plain.keys.is_empty() && plain.unreadable.is_none());
        assert_eq!((plain.body, plain.body_line), ("# Title\n\nText\n", 1));
        let broken = read_doc("---\ntitle: [unclosed\n---\nBody\n");
        let (yaml, line, _) = broken.unreadable.unwrap();
        assert_eq!((yaml, line), ("title: [unclosed\n", 2));
        assert_eq!(broken.body, "Body\n");
        let unclosed = read_doc("---\nnot closed\n");
        assert_eq!(unclosed.body, "---\nnot closed\n");
        let empty = read_doc("---\n---\nBody\n");
        assert!(empty.keys.is_empty() && empty.unreadable.is_none());
    }
}
