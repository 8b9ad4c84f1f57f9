//! `extra`: free-form data a guide hands to its theme's templates, which guidebook itself never
//! reads. Lessons and reference pages take it from the `extra:` key of their front matter (any
//! YAML mapping), the guide from the `[extra]` table of `guide.toml`; templates see it as
//! `lesson.extra`, `reference.extra` (and `page.extra` on the page itself) and `site.extra`.
//!
//! The data is kept as JSON values, the shape Tera reads, whatever the file's format was. TOML's
//! dates and times become their text (`1979-05-27`), as a template would print them anyway.

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Number, Value};

/// A map of names to any values, handed to templates as it is.
pub type Extra = Map<String, Value>;

/// Deserializes a TOML table into [`Extra`] (for `#[serde(deserialize_with)]`).
pub fn extra_from_toml<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Extra, D::Error> {
    let table = toml::Table::deserialize(deserializer)?;
    Ok(table_to_json(table))
}

fn table_to_json(table: toml::Table) -> Extra {
    table
        .into_iter()
        .map(|(key, value)| (key, toml_to_json(value)))
        .collect()
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(text) => Value::String(text),
        toml::Value::Integer(number) => Value::Number(number.into()),
        // NaN and infinities have no JSON form.
        toml::Value::Float(number) => Number::from_f64(number).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(flag) => Value::Bool(flag),
        toml::Value::Datetime(datetime) => Value::String(datetime.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(table_to_json(table)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Doc {
        #[serde(default, deserialize_with = "extra_from_toml")]
        extra: Extra,
    }

    #[test]
    fn toml_tables_become_json_maps() {
        let doc: Doc = toml::from_str(
            "[extra]\nlogo = \"cat.svg\"\ncount = 3\nratio = 0.5\nnan = nan\non = true\n\
             day = 1979-05-27\nlist = [1, \"a\"]\n[extra.social]\nmastodon = \"@cat\"\n",
        )
        .unwrap();
        let json = serde_json::to_string(&doc.extra).unwrap();
        assert_eq!(
            json,
            r#"{"count":3,"day":"1979-05-27","list":[1,"a"],"logo":"cat.svg","nan":null,"on":true,"ratio":0.5,"social":{"mastodon":"@cat"}}"#
        );
    }

    #[test]
    fn no_table_is_an_empty_map() {
        let doc: Doc = toml::from_str("").unwrap();
        assert!(doc.extra.is_empty());
    }

    #[test]
    fn extra_must_be_a_table() {
        assert!(toml::from_str::<Doc>("extra = 3\n").is_err());
    }
}
