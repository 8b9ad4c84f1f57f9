//! The search index, in two parts, both scripts so that the theme's search works from `file://`
//! with no network:
//!
//! - `assets/search-index.js` ([`Page::SearchIndex`](super::Page::SearchIndex)): every lesson's
//!   and reference page's title, url, summary and headings, and how many shards there are. Small
//!   enough to load at once; it answers from titles and headings on its own.
//! - `assets/search/<n>.js` ([`Page::SearchShard`](super::Page::SearchShard)): the whole text of a
//!   run of consecutive pages, which the theme loads when the reader types. Each registers itself
//!   with `window.GUIDEBOOK_SEARCH_SHARD(n, first, texts)`, `first` being the place in the index of
//!   its first page.
//!
//! Lessons come first, in step order, then the reference pages. Shards are cut by the size of
//! the pages' Markdown, which the guide knows before anything is rendered, so the list of files is
//! fixed by the guide alone; no text is ever cut. The data is plain; the theme's `search.js` does
//! the matching and ranking.

use std::ops::Range;

use serde::Serialize;

use crate::markdown::{Heading, RenderedMarkdown};
use crate::model::Guide;

/// A shard holds pages whose Markdown adds up to at most this many bytes (or a single page
/// that is larger on its own).
pub const SHARD_SOURCE_BYTES: usize = 512 * 1024;

/// A page as the index lists it.
pub struct Searchable<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
    pub headings: &'a [Heading],
}

#[derive(Serialize)]
struct Index<'a> {
    /// How many shard files there are (`assets/search/0.js` ...).
    shards: usize,
    pages: Vec<Document<'a>>,
}

#[derive(Serialize)]
struct Document<'a> {
    /// Title, url, summary.
    t: &'a str,
    u: &'a str,
    s: &'a str,
    /// Headings as [anchor, text].
    h: Vec<(&'a str, &'a str)>,
}

/// The pages (by their place in the index) of each shard of `guide`.
pub fn shard_ranges(guide: &Guide) -> Vec<Range<usize>> {
    let lessons = guide.lessons.iter().map(|l| l.source.parts.body.len());
    let pages = guide.pages.iter().map(|p| p.parts.body.len());
    plan_shards(lessons.chain(pages), SHARD_SOURCE_BYTES)
}

/// Cuts a run of pages of these sizes into consecutive shards of at most `budget` bytes each,
/// every shard holding at least one page.
fn plan_shards(sizes: impl Iterator<Item = usize>, budget: usize) -> Vec<Range<usize>> {
    let mut shards = Vec::new();
    let (mut start, mut bytes, mut count) = (0, 0, 0);
    for (index, size) in sizes.enumerate() {
        if index > start && bytes + size > budget {
            shards.push(start..index);
            (start, bytes) = (index, 0);
        }
        bytes += size;
        count = index + 1;
    }
    if count > start {
        shards.push(start..count);
    }
    shards
}

/// The contents of `assets/search-index.js`.
pub fn search_index_script<'a>(
    pages: impl Iterator<Item = Searchable<'a>>,
    shards: usize,
) -> String {
    let index = Index {
        shards,
        pages: pages
            .map(|page| Document {
                t: page.title,
                u: page.url,
                s: page.summary,
                h: (page.headings.iter())
                    .map(|h| (h.id.as_str(), h.text.as_str()))
                    .collect(),
            })
            .collect(),
    };
    let json = serde_json::to_string(&index).expect("the search index serializes");
    // Browsers read a large JSON string faster than the same data as an object literal (about
    // 60 against 40 ms in Chromium for 10,000 lessons); a shard's few long strings gain nothing.
    let literal = serde_json::to_string(&json).expect("a string serializes");
    format!(
        "window.GUIDEBOOK_SEARCH = JSON.parse({});\n",
        escape_script_ends(&literal)
    )
}

/// The contents of `assets/search/<number>.js`: the text of the pages from `first` on.
pub fn search_shard_script<'a>(
    number: usize,
    first: usize,
    bodies: impl Iterator<Item = &'a RenderedMarkdown>,
) -> String {
    let texts: Vec<&str> = bodies.map(|body| body.text.as_str()).collect();
    let json = serde_json::to_string(&texts).expect("texts serialize");
    format!(
        "window.GUIDEBOOK_SEARCH_SHARD({number}, {first}, {});\n",
        escape_script_ends(&json)
    )
}

/// `</` cannot end a script early when escaped (it is the same string to JavaScript).
fn escape_script_ends(json: &str) -> String {
    json.replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_fill_up_to_the_budget_and_hold_every_page_once() {
        assert_eq!(
            plan_shards([4, 4, 4, 4, 4].into_iter(), 10),
            [0..2, 2..4, 4..5]
        );
        assert_eq!(plan_shards([10, 1].into_iter(), 10), [0..1, 1..2]);
        assert_eq!(plan_shards([1, 2, 3].into_iter(), 10), vec![0..3]);
    }

    #[test]
    fn a_page_larger_than_the_budget_has_a_shard_of_its_own() {
        assert_eq!(plan_shards([3, 25, 3].into_iter(), 10), [0..1, 1..2, 2..3]);
    }

    #[test]
    fn no_pages_no_shards() {
        assert!(plan_shards(std::iter::empty(), 10).is_empty());
    }

    #[test]
    fn the_index_lists_each_page_with_its_headings_and_the_shard_count() {
        let headings = [Heading {
            level: 2,
            id: "leash".into(),
            text: "Leash </script>".into(),
            in_block: false,
        }];
        let page = Searchable {
            title: "Lesson 0",
            url: "l0.html",
            summary: "",
            headings: &headings,
        };
        let script = search_index_script([page].into_iter(), 1);
        let literal = script
            .strip_prefix("window.GUIDEBOOK_SEARCH = JSON.parse(")
            .and_then(|rest| rest.strip_suffix(");\n"))
            .expect("the index is one JSON string");
        assert!(!literal.contains("</"));
        let json: String = serde_json::from_str(literal).expect("a JSON string");
        assert_eq!(
            json,
            r#"{"shards":1,"pages":[{"t":"Lesson 0","u":"l0.html","s":"","h":[["leash","Leash </script>"]]}]}"#
        );
    }

    #[test]
    fn a_shard_holds_whole_texts_and_escapes_script_ends() {
        let long = "é".repeat(100_000);
        let bodies = [long.as_str(), "a </script> b"].map(|text| RenderedMarkdown {
            text: text.to_string(),
            ..RenderedMarkdown::default()
        });
        let script = search_shard_script(3, 7, bodies.iter());
        let json = script
            .strip_prefix("window.GUIDEBOOK_SEARCH_SHARD(3, 7, ")
            .and_then(|rest| rest.strip_suffix(");\n"))
            .expect("a shard registers itself");
        assert!(!json.contains("</"));
        let texts: Vec<String> = serde_json::from_str(json).expect("JSON");
        assert_eq!(texts, [long.as_str(), "a </script> b"]);
    }
}
