//! Rendering: the checked guide -> the site's files.
//!
//! Two phases. [`bodies`] turns every lesson's Markdown into HTML (in parallel) and checks the
//! links between pages, anchors included; it can run on a guide with errors, so one build
//! reports every problem. [`pages`] then fills the theme's templates for every [`Page`] of the
//! site, once the guide is known to be good, into a [`SiteWriter`] — or, for the preview,
//! [`on_request`] renders each page when it is asked for. Nothing here reads `content/` or
//! writes to disk: the writer decides where files go.

mod anchors;
pub mod bodies;
pub mod chapters;
pub mod context;
mod fingerprints;
mod handout_fit;
mod languages;
pub mod map;
pub mod map_layout;
pub mod offline;
pub mod on_request;
mod page;
pub mod page_map;
mod pages;
mod paper;
mod paper_bodies;
mod renderer;
mod scripts;
pub mod search;
mod sidebar;
pub mod site;
pub mod sitemap;
pub mod summaries;
pub mod theme;
pub mod timeline;
mod web;

pub use bodies::{Bodies, BodyCache, render_bodies, render_bodies_cached};
pub use page::{Page, page_url};
pub use pages::{PageCache, RenderFailure, render_pages, render_pages_cached};
pub use renderer::RenderOptions;
pub use site::{Discard, Site, SiteWriter};
pub use theme::{Theme, ThemeCache, load_theme, load_theme_cached};
