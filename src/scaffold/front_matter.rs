//! Writing front matter and `guide.toml` as text: keys in the order given, every string quoted
//! so that no title can break the YAML or the TOML, and comments where a value needs a word of
//! explanation for the author who now owns the file.
//!
//! Values that come from elsewhere (another tool's front matter) are written as JSON, which is
//! YAML too, so any value round-trips without this module knowing its shape.

use serde_json::Value;

/// A Markdown file's front matter, built key by key.
#[derive(Debug, Default)]
pub struct FrontMatter {
    lines: Vec<String>,
}

impl FrontMatter {
    pub fn new() -> Self {
        FrontMatter::default()
    }

    /// `key: "text"`.
    pub fn string(&mut self, key: &str, text: &str) -> &mut Self {
        self.raw(key, &yaml_string(text))
    }

    /// `key: 12`.
    pub fn number(&mut self, key: &str, number: u64) -> &mut Self {
        self.raw(key, &number.to_string())
    }

    /// `key: true`.
    pub fn flag(&mut self, key: &str) -> &mut Self {
        self.raw(key, "true")
    }

    /// `key: [a, "b c"]`: each item a plain word when it is one, else quoted.
    pub fn list(&mut self, key: &str, items: &[String]) -> &mut Self {
        let items: Vec<String> = items.iter().map(|item| yaml_word(item)).collect();
        self.raw(key, &format!("[{}]", items.join(", ")))
    }

    /// `key: <value>`, the value written as it is (already YAML).
    pub fn raw(&mut self, key: &str, value: &str) -> &mut Self {
        self.lines.push(format!("{}: {value}", yaml_key(key)));
        self
    }

    /// `key: <value>  # comment`.
    pub fn raw_with_comment(&mut self, key: &str, value: &str, comment: &str) -> &mut Self {
        self.lines.push(format!(
            "{}: {value}  # {}",
            yaml_key(key),
            one_line(comment)
        ));
        self
    }

    /// A line of its own: `# text`.
    pub fn comment(&mut self, text: &str) -> &mut Self {
        for line in text.lines() {
            self.lines.push(format!("# {}", line.trim_end()));
        }
        self
    }

    /// A mapping under `key`, one entry a line, each value as JSON: nothing when it is empty.
    pub fn mapping(&mut self, key: &str, entries: &[(String, Value)]) -> &mut Self {
        if entries.is_empty() {
            return self;
        }
        self.lines.push(format!("{}:", yaml_key(key)));
        for (name, value) in entries {
            self.lines
                .push(format!("  {}: {}", yaml_key(name), json_value(value)));
        }
        self
    }

    /// Whether no key has been written.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The front matter between its `---` fences, then `body`.
    pub fn with_body(&self, body: &str) -> String {
        let mut text = String::with_capacity(body.len() + 64 * self.lines.len() + 8);
        text.push_str("---\n");
        for line in &self.lines {
            text.push_str(line);
            text.push('\n');
        }
        text.push_str("---\n");
        text.push_str(body);
        text
    }
}

/// A string as a YAML scalar, quoted (JSON strings are valid YAML).
pub fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

/// A value as YAML: JSON's flow form, which YAML reads back as the same value.
pub fn json_value(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

/// A word left bare when YAML reads it back as the same string (`02-setup`, `format/x.html`),
/// else quoted.
fn yaml_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && word.chars().next().is_some_and(|c| c.is_alphabetic())
        && !matches!(
            word.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "nan" | "inf"
        );
    // Digits first (`02-setup`) are plain too unless the whole word reads as a number.
    let numeric_start = word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word.chars().any(|c| c.is_alphabetic() || c == '-')
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && word.parse::<f64>().is_err();
    if plain || numeric_start {
        word.to_string()
    } else {
        yaml_string(word)
    }
}

/// A key bare when it is an ordinary name, else quoted.
fn yaml_key(key: &str) -> String {
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'));
    if plain {
        key.to_string()
    } else {
        yaml_string(key)
    }
}

/// A comment's text on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `guide.toml`, built line by line: top-level keys first, then tables.
#[derive(Debug, Default)]
pub struct GuideToml {
    text: String,
}

impl GuideToml {
    pub fn new() -> Self {
        GuideToml::default()
    }

    /// `key = "text"`.
    pub fn string(&mut self, key: &str, text: &str) -> &mut Self {
        self.raw(key, &toml_string(text))
    }

    /// `key = <value>`, the value written as it is (already TOML).
    pub fn raw(&mut self, key: &str, value: &str) -> &mut Self {
        self.text
            .push_str(&format!("{} = {value}\n", toml_key(key)));
        self
    }

    /// `key = "text"  # comment`.
    pub fn string_with_comment(&mut self, key: &str, text: &str, comment: &str) -> &mut Self {
        self.text.push_str(&format!(
            "{} = {}  # {}\n",
            toml_key(key),
            toml_string(text),
            one_line(comment)
        ));
        self
    }

    /// A blank line, then `[name]`.
    pub fn table(&mut self, name: &str) -> &mut Self {
        let name: Vec<String> = name.split('.').map(toml_key).collect();
        self.text.push_str(&format!("\n[{}]\n", name.join(".")));
        self
    }

    /// `# text`, a line of its own.
    pub fn comment(&mut self, text: &str) -> &mut Self {
        for line in text.lines() {
            self.text.push_str(&format!("# {}\n", line.trim_end()));
        }
        self
    }

    pub fn finish(self) -> String {
        self.text
    }
}

/// A string as a TOML basic string, every character TOML forbids there escaped.
pub fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A JSON value (read from another tool's YAML) as a TOML value: strings, numbers, booleans,
/// arrays and inline tables. `None` for null, which TOML cannot write.
pub fn toml_value(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => toml_string(text),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().filter_map(toml_value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .filter_map(|(key, value)| {
                    toml_value(value).map(|value| format!("{} = {value}", toml_key(key)))
                })
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
    })
}

/// A key bare when TOML allows it (`A-Za-z0-9_-`), else quoted.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    {
        key.to_string()
    } else {
        toml_string(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_reads_back_as_written() {
        let mut front = FrontMatter::new();
        front
            .string("title", "Fit: the \"harness\" # not a comment")
            .number("step", 3)
            .list(
                "aliases",
                &["02-setup".into(), "format/x.html".into(), "yes".into()],
            )
            .list("prerequisites", &["1".into(), "a b".into()])
            .raw_with_comment("duration", "5 min", "estimated: 400 words")
            .mapping(
                "extra",
                &[
                    ("course".into(), Value::from("Day 1")),
                    ("x y".into(), Value::from(3)),
                ],
            );
        let text = front.with_body("Body\n");
        let yaml = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("---\n"))
            .unwrap();
        assert_eq!(yaml.1, "Body\n");
        let value: Value = crate::model::yaml::parse_yaml(yaml.0).unwrap();
        assert_eq!(value["title"], "Fit: the \"harness\" # not a comment");
        assert_eq!(value["step"], 3);
        assert_eq!(value["aliases"][0], "02-setup");
        assert_eq!(value["aliases"][1], "format/x.html");
        assert_eq!(value["aliases"][2], "yes");
        assert_eq!(value["prerequisites"][0], "1");
        assert_eq!(value["prerequisites"][1], "a b");
        assert_eq!(value["duration"], "5 min");
        assert_eq!(value["extra"]["course"], "Day 1");
        assert_eq!(value["extra"]["x y"], 3);
        assert!(
            yaml.0
                .contains("aliases: [02-setup, format/x.html, \"yes\"]")
        );
    }

    #[test]
    fn guide_toml_reads_back_as_written() {
        let mut toml_text = GuideToml::new();
        toml_text
            .string("title", "Un \"guide\" \\ à\u{7f}\ttab")
            .comment("a comment")
            .table("extra")
            .string("contact", "team@example.org")
            .table("code.hidelines")
            .string("python", "~")
            .string("weird key", "x");
        toml_text.raw(
            "nested",
            &toml_value(&serde_json::json!({"a": [1, "two", null, {"b": true}], "c d": null}))
                .unwrap(),
        );
        let table: toml::Table = toml_text.finish().parse().unwrap();
        assert_eq!(
            table["code"]["hidelines"]["nested"]["a"][2]["b"].as_bool(),
            Some(true)
        );
        assert_eq!(
            table["title"].as_str(),
            Some("Un \"guide\" \\ à\u{7f}\ttab")
        );
        assert_eq!(table["extra"]["contact"].as_str(), Some("team@example.org"));
        assert_eq!(table["code"]["hidelines"]["python"].as_str(), Some("~"));
        assert_eq!(table["code"]["hidelines"]["weird key"].as_str(), Some("x"));
    }
}
