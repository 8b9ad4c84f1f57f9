//! `content/gear.yaml` -> [`GearCatalog`], checked: every problem is reported with the line it
//! is on.
//!
//! ```yaml
//! categories:
//!   - id: harness
//!     title: Harnesses
//!     description: Optional sentence.
//!     attributes:
//!       - { key: escape, label: Escape resistance }
//!     items:
//!       - id: vest
//!         name: Vest harness
//!         values: { escape: High }
//!         verdict: recommended      # recommended | acceptable | avoid
//!         reason: Why, in one sentence.
//! ```
//! Item ids are unique across the whole file, so lessons can name them in `gear: [...]`.
//! serde keeps no positions, so problems found after parsing are located with
//! [`crate::model::locate`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;

use serde::Deserialize;

use super::{Attribute, CatalogState, GearCatalog, GearCategory, GearItem, Verdict};
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::load::SourceFile;
use crate::model::locate::{self, Column};
use crate::model::parsed::Parsed;
use crate::model::yaml::{SerdeMessage, parse_yaml};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    categories: Vec<RawCategory>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: String,
    title: String,
    #[serde(default)]
    description: String,
    attributes: Vec<Attribute>,
    #[serde(default)]
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    name: String,
    #[serde(default)]
    values: BTreeMap<String, Scalar>,
    #[serde(default)]
    verdict: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

impl<'de> Deserialize<'de> for Attribute {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawAttribute {
            key: String,
            label: String,
        }
        let raw = RawAttribute::deserialize(deserializer)?;
        Ok(Attribute {
            key: raw.key,
            label: raw.label,
        })
    }
}

/// What a boolean value reads as until [`parse_gear`] puts the words of the guide's language
/// in its place (private-use characters, which no YAML text holds by accident).
const BOOL_TRUE: &str = "\u{E000}yes";
const BOOL_FALSE: &str = "\u{E000}no";

/// A YAML scalar of any type, kept as text (`weight: 20` and `weight: "20 g"` both work).
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl serde::de::Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text, number or boolean")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(if v { BOOL_TRUE } else { BOOL_FALSE }.to_string()))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

const CATALOG_KEYS: [&str; 11] = [
    "categories",
    "id",
    "title",
    "description",
    "attributes",
    "items",
    "key",
    "label",
    "name",
    "values",
    "verdict",
];

/// Parses and checks `gear.yaml`: every problem is reported, beside the catalogue of what could
/// be read ([`CatalogState::Partial`] when there were problems, empty when the file is not a
/// catalogue at all). A boolean value reads as "Yes" or "No" in the words of `strings`.
pub fn parse_gear(source: &SourceFile, strings: &Strings) -> Parsed<GearCatalog> {
    match read_catalog(source, strings) {
        Ok(catalog) => Parsed {
            value: Some(catalog),
            problems: Vec::new(),
        },
        Err((mut catalog, problems)) => {
            catalog.state = CatalogState::Partial;
            Parsed {
                value: Some(catalog),
                problems,
            }
        }
    }
}

/// The catalogue, or what could be read of it and every problem.
fn read_catalog(
    source: &SourceFile,
    strings: &Strings,
) -> Result<GearCatalog, (GearCatalog, Vec<Diagnostic>)> {
    let file = source.path.as_str();
    let text: &str = &source.text;
    let raw: RawCatalog = parse_yaml(text).map_err(|error| {
        let diagnostic = Diagnostic::error(file, error.offset..error.offset, format!("gear catalogue: {}", error.message));
        let diagnostic = match SerdeMessage::read(&error.message) {
            SerdeMessage::UnknownField(key) => diagnostic.with_suggestion(key, CATALOG_KEYS.iter().copied().chain(["reason"])),
            _ => diagnostic,
        };
        let help = "each category has id, title, attributes (key, label) and items (id, name, values, verdict, reason)";
        (GearCatalog::default(), vec![diagnostic.or_help(help)])
    })?;
    let mut checker = Checker {
        file,
        text,
        category_column: locate::leftmost_key_column(text, "id:"),
        problems: Vec::new(),
    };
    let mut catalog = GearCatalog {
        state: CatalogState::Whole,
        ..GearCatalog::default()
    };
    let mut category_ids: HashMap<String, usize> = HashMap::new();
    for raw_category in raw.categories {
        let seen = category_ids.entry(raw_category.id.clone()).or_insert(0);
        *seen += 1;
        if *seen > 1 {
            checker.error(
                checker.category_id_span(&raw_category.id, *seen - 1),
                format!("the category id `{}` is used twice", raw_category.id),
                "give every category its own id",
            );
            continue;
        }
        let mut category =
            checker.category(raw_category, &mut catalog.index, catalog.categories.len());
        for value in category.items.iter_mut().flat_map(|item| &mut item.values) {
            if value == BOOL_TRUE {
                *value = strings.get("yes").to_string();
            } else if value == BOOL_FALSE {
                *value = strings.get("no").to_string();
            }
        }
        catalog.categories.push(category);
    }
    if checker.problems.is_empty() {
        Ok(catalog)
    } else {
        Err((catalog, checker.problems))
    }
}

struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    /// The column of categories' `id:` keys, to tell them from items' ids.
    category_column: usize,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, message: String, help: &str) {
        self.problems
            .push(Diagnostic::error(self.file, span, message).with_help(help));
    }

    fn category(
        &mut self,
        raw: RawCategory,
        index: &mut HashMap<String, (usize, usize)>,
        category_index: usize,
    ) -> GearCategory {
        let mut keys: Vec<&str> = Vec::new();
        for attribute in &raw.attributes {
            if keys.contains(&attribute.key.as_str()) {
                let entry = format!("key: {}", attribute.key);
                let span =
                    locate::nth_entry_span(self.text, &entry, 1, Column::Any).unwrap_or(0..0);
                self.error(
                    span,
                    format!("the attribute `{}` is listed twice", attribute.key),
                    "list each attribute once",
                );
            }
            keys.push(&attribute.key);
        }
        let mut items = Vec::new();
        for raw_item in raw.items {
            let occurrence = usize::from(index.contains_key(&raw_item.id));
            let item_span = self.item_id_span(&raw_item.id, occurrence);
            if occurrence > 0 {
                self.error(
                    item_span,
                    format!("the item id `{}` is used twice", raw_item.id),
                    "item ids must be unique across the whole catalogue, since lessons refer to them",
                );
                continue;
            }
            for key in raw_item.values.keys() {
                if !keys.contains(&key.as_str()) {
                    let span = self
                        .key_after(item_span.start, key)
                        .unwrap_or(item_span.clone());
                    self.problems.push(
                        Diagnostic::error(
                            self.file,
                            span,
                            format!("`{key}` is not an attribute of `{}`", raw.id),
                        )
                        .with_suggestion(key, keys.iter().copied())
                        .or_help(format!(
                            "the attributes of `{}` are: {}",
                            raw.id,
                            keys.join(", ")
                        )),
                    );
                }
            }
            let verdict = match raw_item.verdict.as_deref().map(Verdict::parse) {
                Some(Some(verdict)) => verdict,
                Some(None) => {
                    let span = self
                        .key_after(item_span.start, "verdict")
                        .unwrap_or(item_span.clone());
                    self.error(
                        span,
                        format!("`{}` has an unknown verdict", raw_item.id),
                        "the verdict is one of: recommended, acceptable, avoid",
                    );
                    continue;
                }
                None => {
                    self.error(
                        item_span,
                        format!("`{}` has no verdict", raw_item.id),
                        "add `verdict: recommended`, `verdict: acceptable` or `verdict: avoid`, and a `reason`",
                    );
                    continue;
                }
            };
            let reason = raw_item.reason.unwrap_or_default();
            if reason.trim().is_empty() {
                self.error(
                    item_span,
                    format!("`{}` has no reason for its verdict", raw_item.id),
                    "add `reason: ...`, one sentence that says why",
                );
                continue;
            }
            let mut values = raw_item.values;
            let values = keys
                .iter()
                .map(|k| values.remove(*k).map(|s| s.0).unwrap_or_default())
                .collect();
            index.insert(raw_item.id.clone(), (category_index, items.len()));
            items.push(GearItem {
                id: raw_item.id,
                name: raw_item.name,
                values,
                verdict,
                reason: reason.trim().to_string(),
            });
        }
        GearCategory {
            id: raw.id,
            title: raw.title,
            description: raw.description,
            attributes: raw.attributes,
            items,
        }
    }

    /// The span of the `n`-th `id: <id>` of a category (0..0 when not found).
    fn category_id_span(&self, id: &str, n: usize) -> Range<usize> {
        let column = Column::Exactly(self.category_column);
        locate::nth_entry_span(self.text, &format!("id: {id}"), n, column).unwrap_or(0..0)
    }

    /// The span of the `n`-th `id: <id>` of an item (0..0 when not found).
    fn item_id_span(&self, id: &str, n: usize) -> Range<usize> {
        let column = Column::Beyond(self.category_column);
        locate::nth_entry_span(self.text, &format!("id: {id}"), n, column).unwrap_or(0..0)
    }

    /// The span of the first `key:` after `from`.
    fn key_after(&self, from: usize, key: &str) -> Option<Range<usize>> {
        locate::key_after(self.text, from, key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::new("content/gear.yaml", "gear.yaml", text)
    }

    const GOOD: &str = "categories:
  - id: harness
    title: Harnesses
    attributes:
      - key: escape
        label: Escape resistance
      - key: weight
        label: Weight
    items:
      - id: vest
        name: Vest
        values: { escape: High, weight: 40 }
        verdict: recommended
        reason: Hard to slip out of.
      - id: h-style
        name: H-style
        values:
          escape: Medium
        verdict: acceptable
        reason: Fine once adjusted.
";

    #[test]
    fn parses_categories_items_and_values_in_attribute_order() {
        let catalog = parse_gear(&source(GOOD), &Strings::default())
            .into_result()
            .unwrap();
        let (category, item) = catalog.item("vest").unwrap();
        assert_eq!(category.id, "harness");
        assert_eq!(item.values, ["High", "40"]);
        assert_eq!(catalog.item("h-style").unwrap().1.values, ["Medium", ""]);
        assert_eq!(
            catalog.item("h-style").unwrap().1.verdict,
            Verdict::Acceptable
        );
    }

    #[test]
    fn reports_unknown_attribute_duplicate_id_and_missing_verdict() {
        let text = GOOD.replace(
            "values:\n          escape: Medium",
            "values:\n          escap: Medium",
        ) + "      - id: vest\n        name: Again\n        verdict: avoid\n        reason: r\n      - id: bare\n        name: Bare\n";
        let parsed = parse_gear(&source(&text), &Strings::default());
        let catalog = parsed.value.clone().expect("what could be read");
        assert_eq!(catalog.state, CatalogState::Partial);
        assert!(catalog.item("h-style").is_some() && catalog.item("bare").is_none());
        let errors = parsed.into_result().unwrap_err();
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`escap` is not an attribute of `harness`",
                "the item id `vest` is used twice",
                "`bare` has no verdict"
            ]
        );
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `escape`?"));
        assert_eq!(&text[errors[0].span.clone()], "escap");
        assert_eq!(&text[errors[1].span.clone()], "vest");
        assert!(errors[1].span.start > text.find("id: vest").unwrap() + 10);
        assert_eq!(&text[errors[2].span.clone()], "bare");
    }
}
