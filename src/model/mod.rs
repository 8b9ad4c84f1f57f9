//! The content model: front matter, durations, slugs, reference pages, the gear catalogue and the
//! checked guide.
//!
//! The model knows nothing of HTML or templates; it turns loaded text into typed, validated data
//! and reports every problem as a [`crate::diagnostics::Diagnostic`].

pub mod absent;
pub mod alert;
pub mod aliases;
mod assets;
pub mod chapters;
pub mod config;
pub mod direction;
pub mod duration;
pub mod edition;
pub mod extra;
pub mod front_matter;
pub mod gear;
pub mod graph;
pub mod guide;
pub mod language;
pub mod lesson;
pub mod locate;
pub mod page;
pub mod parsed;
mod prerequisites;
pub mod schedule;
pub mod slug;
pub mod translation;
pub mod unfinished;
mod unique;
pub mod yaml;

pub use guide::{Guide, Lesson, ModelOptions, ParseCache, build_guide, build_guide_cached};
