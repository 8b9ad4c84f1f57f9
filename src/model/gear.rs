//! The gear catalogue: categories of gear, the attributes they are compared on, and the items
//! with their values and the guide's verdict on each. Lessons name items by id in `gear: [...]`,
//! so item ids are unique across the whole catalogue.
//!
//! Reading `content/gear.yaml` into a [`GearCatalog`] is [`parse_gear`]'s job; how a verdict is
//! shown is the Markdown side's (`markdown::compare`), which the model does not know.

use std::collections::HashMap;

use serde::Serialize;

mod parse;
mod translated;

pub use parse::parse_gear;

/// How the guide rates an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Recommended,
    Acceptable,
    Avoid,
}

impl Verdict {
    fn parse(text: &str) -> Option<Verdict> {
        match text.trim().to_lowercase().as_str() {
            "recommended" => Some(Verdict::Recommended),
            "acceptable" => Some(Verdict::Acceptable),
            "avoid" => Some(Verdict::Avoid),
            _ => None,
        }
    }
}

/// An attribute compared across a category's items (a table column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribute {
    pub key: String,
    pub label: String,
}

/// One piece of gear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GearItem {
    pub id: String,
    pub name: String,
    /// One value per attribute of the category, in the category's order ("" when missing).
    pub values: Vec<String>,
    pub verdict: Verdict,
    pub reason: String,
}

/// A kind of gear and its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GearCategory {
    pub id: String,
    pub title: String,
    pub description: String,
    pub attributes: Vec<Attribute>,
    pub items: Vec<GearItem>,
}

/// The whole catalogue (empty when the guide has no `gear.yaml`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GearCatalog {
    pub categories: Vec<GearCategory>,
    #[serde(skip)]
    index: HashMap<String, (usize, usize)>,
    /// Whether the guide has a catalogue, and whether all of it could be read.
    pub state: CatalogState,
}

/// Whether a guide has a gear catalogue, and whether it could be read whole.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CatalogState {
    /// The guide has no `gear.yaml`.
    #[default]
    Absent,
    /// `gear.yaml` was read without a problem.
    Whole,
    /// `gear.yaml` has errors (reported on their own): the catalogue holds what could be read
    /// of it, and a reference to anything else is no news (the file's errors say why).
    Partial,
}

impl GearCatalog {
    pub fn category(&self, id: &str) -> Option<&GearCategory> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// An item by id, with its category.
    pub fn item(&self, id: &str) -> Option<(&GearCategory, &GearItem)> {
        let &(c, i) = self.index.get(id)?;
        let category = self.categories.get(c)?;
        Some((category, category.items.get(i)?))
    }

    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.categories
            .iter()
            .flat_map(|c| c.items.iter().map(|i| i.id.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
    }

    /// Whether a category or item missing from the catalogue may be in the part of `gear.yaml`
    /// that could not be read: then the file's own errors say enough.
    pub fn may_lack(&self) -> bool {
        self.state == CatalogState::Partial
    }
}
