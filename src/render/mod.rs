//! Rendering: the checked guide -> the site's files.
//!
//! Two phases. [`bodies`] turns every lesson's Markdown into HTML (in parallel) and checks the
//! links between pages, anchors included; it can run on a guide with errors, so one build
//! reports every problem. [`pages`] then fills the theme's templates for every [`Page`] of the
//! site, once the guide is known to be good, into a [`SiteWriter`]. Nothing here reads
//! `content/` or writes to disk: the writer decides where files go.

use serde::Serialize;
use tera::Context;

use crate::diagnostics::Diagnostic;
use crate::markdown::compare::{TableAnchors, comparison_table};
use crate::markdown::headings::anchor_for;
use crate::model::Guide;

pub mod bodies;
pub mod context;
pub mod map;
mod page;
mod pages;
mod paper;
mod renderer;
mod scripts;
pub mod search;
pub mod site;
pub mod sitemap;
pub mod theme;
pub mod timeline;
mod web;

pub use bodies::{Bodies, BodyCache, render_bodies, render_bodies_cached};
pub use page::Page;
pub use pages::{PageCache, render_pages, render_pages_cached};
pub use site::{Discard, Site, SiteWriter};
pub use theme::{Theme, ThemeCache, load_theme, load_theme_cached};

use context::CategoryTable;

/// The file of the page with this slug (a lesson's, or `index`).
pub fn page_url(slug: &str) -> String {
    format!("{slug}.html")
}

/// Why the pages of a good guide could not all be made.
#[derive(Debug)]
pub enum RenderFailure<E> {
    /// Templates that fail to render, as diagnostics (every one found).
    Templates(Vec<Diagnostic>),
    /// A file could not be written (the [`SiteWriter`]'s error).
    Output(E),
}

impl<E> From<Diagnostic> for RenderFailure<E> {
    fn from(problem: Diagnostic) -> Self {
        RenderFailure::Templates(vec![problem])
    }
}

/// Choices that change the output but not the guide.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The date printed on the cover of the print edition (`YYYY-MM-DD`).
    pub build_date: String,
}

/// Every gear category with its full table (rows anchored for `gear.html#gear-<id>`).
pub fn category_tables(guide: &Guide) -> Vec<CategoryTable> {
    guide
        .gear
        .categories
        .iter()
        .map(|category| {
            let items: Vec<_> = category.items.iter().collect();
            let columns: Vec<usize> = (0..category.attributes.len()).collect();
            CategoryTable {
                id: category.id.clone(),
                title: category.title.clone(),
                description: category.description.clone(),
                table_html: comparison_table(category, &items, &columns, TableAnchors::Rows),
            }
        })
        .collect()
}

/// The id under which browsers keep this guide's checklist ticks.
pub fn guide_id(guide: &Guide) -> String {
    let id = anchor_for(&guide.config.title);
    if id.is_empty() {
        "guide".to_string()
    } else {
        id
    }
}

/// A Tera context from any serializable value.
fn to_context<T: Serialize>(value: &T) -> Context {
    Context::from_serialize(value).expect("page contexts are structs that serialize to maps")
}
