//! Pandoc-style attribute lists, as written after a fenced div's name or an image:
//! `{.class #id key="value" key='value' key=value}`.

/// The parsed contents of one `{...}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub id: Option<String>,
    pub classes: Vec<String>,
    /// Other `key=value` pairs, in the order written.
    pub pairs: Vec<(String, String)>,
}

impl Attributes {
    /// The value of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses the text between `{` and `}` (without the braces). `None` when it is not an attribute
/// list (an unclosed quote, or a word that is neither `.class`, `#id` nor `key=value`).
pub fn parse_attributes(text: &str) -> Option<Attributes> {
    let mut attributes = Attributes::default();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let (word, next) = split_word(after);
            if word.is_empty() {
                return None;
            }
            attributes.classes.push(word.to_string());
            rest = next;
        } else if let Some(after) = rest.strip_prefix('#') {
            let (word, next) = split_word(after);
            if word.is_empty() {
                return None;
            }
            attributes.id = Some(word.to_string());
            rest = next;
        } else {
            let equals = rest.find('=')?;
            let key = &rest[..equals];
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_:".contains(c))
            {
                return None;
            }
            let (value, next) = split_value(&rest[equals + 1..])?;
            attributes.pairs.push((key.to_string(), value));
            rest = next;
        }
        rest = rest.trim_start();
    }
    Some(attributes)
}

/// A word up to the next space, and what follows.
fn split_word(text: &str) -> (&str, &str) {
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// A value (quoted with `"` or `'`, or up to the next space), and what follows.
fn split_value(text: &str) -> Option<(String, &str)> {
    match text.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let inner = &text[1..];
            let end = inner.find(quote)?;
            Some((inner[..end].to_string(), &inner[end + 1..]))
        }
        _ => {
            let (word, rest) = split_word(text);
            Some((word.to_string(), rest))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_ids_and_pairs() {
        let parsed =
            parse_attributes(".challenge #first title=\"A \\ test\" width=60% alt='it is'")
                .expect("parses");
        assert_eq!(parsed.classes, ["challenge"]);
        assert_eq!(parsed.id.as_deref(), Some("first"));
        assert_eq!(parsed.get("title"), Some("A \\ test"));
        assert_eq!(parsed.get("width"), Some("60%"));
        assert_eq!(parsed.get("alt"), Some("it is"));
    }

    #[test]
    fn text_that_is_not_an_attribute_list() {
        assert_eq!(parse_attributes("just words"), None);
        assert_eq!(parse_attributes("alt=\"unclosed"), None);
        assert_eq!(parse_attributes(". #"), None);
        assert_eq!(parse_attributes(""), Some(Attributes::default()));
    }
}
