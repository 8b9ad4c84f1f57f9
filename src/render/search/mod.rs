//! The search index, in three parts, all scripts so that the theme's search works from
//! `file://` with no network:
//!
//! - `assets/search-index.js` ([`Page::SearchIndex`](super::Page::SearchIndex)): every lesson's
//!   and reference page's title, url, summary and headings, the first term of each term shard and
//!   the first page of each text shard. Loaded when the search box is focused; it answers from
//!   titles, headings and summaries on its own.
//! - `assets/search/terms/<n>.js` ([`Page::SearchTerms`](super::Page::SearchTerms)): the term
//!   index ([`terms`]), every term of the pages' text with the pages that hold it, sorted and cut
//!   into shards; a query loads the shards its words can be in. Each registers itself with
//!   `window.GUIDEBOOK_SEARCH_TERMS(n, data)`.
//! - `assets/search/text/<n>.js` ([`Page::SearchText`](super::Page::SearchText)): the whole text
//!   of a run of consecutive pages, which the theme loads only for the results it shows, to cut
//!   their snippets from. Each registers itself with `window.GUIDEBOOK_SEARCH_TEXT(n, first,
//!   texts)`, `first` being the place in the index of its first page.
//!
//! Lessons come first, in step order, then the reference pages. How many shards of each kind
//! there are follows from the size of the pages' Markdown, which the guide knows before anything
//! is rendered, so the list of files is fixed by the guide alone; no text is ever cut. The
//! theme's `search.js` folds and matches the query as [`fold`] folds the text.

pub mod fold;
mod postings;
pub mod terms;

use std::ops::Range;

use serde::Serialize;

use crate::markdown::{Heading, RenderedMarkdown};
use crate::model::Guide;

pub use terms::TermIndex;

/// A text shard holds pages whose Markdown adds up to at most this many bytes (or a single
/// page that is larger on its own): the few a query's results need are small to load.
pub const TEXT_SHARD_SOURCE_BYTES: usize = 32 * 1024;

/// A guide has a term shard for each this many bytes of Markdown in its pages (at least one).
pub const TERM_SHARD_SOURCE_BYTES: usize = 512 * 1024;

/// A page as the index lists it.
pub struct Searchable<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
    pub headings: &'a [Heading],
}

#[derive(Serialize)]
struct Index<'a> {
    /// The first term of each term shard that holds any (see [`TermIndex::bounds`]).
    terms: &'a [String],
    /// The place of the first page of each text shard.
    texts: Vec<usize>,
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

/// The sizes of the Markdown of `guide`'s pages, in the index's order.
fn source_sizes(guide: &Guide) -> impl Iterator<Item = usize> + '_ {
    let lessons = guide.lessons.iter().map(|l| l.source.parts.body.len());
    let pages = guide.pages.iter().map(|p| p.parts.body.len());
    lessons.chain(pages)
}

/// How many term shards `guide` has.
pub fn term_shard_count(guide: &Guide) -> usize {
    source_sizes(guide)
        .sum::<usize>()
        .div_ceil(TERM_SHARD_SOURCE_BYTES)
        .max(1)
}

/// The pages (by their place in the index) of each text shard of `guide`.
pub fn text_shard_ranges(guide: &Guide) -> Vec<Range<usize>> {
    plan_shards(source_sizes(guide), TEXT_SHARD_SOURCE_BYTES)
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
    term_bounds: &[String],
    text_shards: &[Range<usize>],
) -> String {
    let index = Index {
        terms: term_bounds,
        texts: text_shards.iter().map(|range| range.start).collect(),
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

/// The contents of `assets/search/terms/<number>.js`: the shard's terms and their pages.
pub fn term_shard_script(number: usize, data: &str) -> String {
    let json = serde_json::to_string(data).expect("a string serializes");
    format!(
        "window.GUIDEBOOK_SEARCH_TERMS({number}, {});\n",
        escape_script_ends(&json)
    )
}

/// The contents of `assets/search/text/<number>.js`: the text of the pages from `first` on.
pub fn text_shard_script<'a>(
    number: usize,
    first: usize,
    bodies: impl Iterator<Item = &'a RenderedMarkdown>,
) -> String {
    let texts: Vec<&str> = bodies.map(|body| body.text.as_str()).collect();
    let json = serde_json::to_string(&texts).expect("texts serialize");
    format!(
        "window.GUIDEBOOK_SEARCH_TEXT({number}, {first}, {});\n",
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
        let shards = [0..1, 1..1];
        let script = search_index_script([page].into_iter(), &["".into(), "m".into()], &shards);
        let literal = script
            .strip_prefix("window.GUIDEBOOK_SEARCH = JSON.parse(")
            .and_then(|rest| rest.strip_suffix(");\n"))
            .expect("the index is one JSON string");
        assert!(!literal.contains("</"));
        let json: String = serde_json::from_str(literal).expect("a JSON string");
        assert_eq!(
            json,
            r#"{"terms":["","m"],"texts":[0,1],"pages":[{"t":"Lesson 0","u":"l0.html","s":"","h":[["leash","Leash </script>"]]}]}"#
        );
    }

    #[test]
    fn a_text_shard_holds_whole_texts_and_escapes_script_ends() {
        let long = "é".repeat(100_000);
        let bodies = [long.as_str(), "a </script> b"].map(|text| RenderedMarkdown {
            text: text.to_string(),
            ..RenderedMarkdown::default()
        });
        let script = text_shard_script(3, 7, bodies.iter());
        let json = script
            .strip_prefix("window.GUIDEBOOK_SEARCH_TEXT(3, 7, ")
            .and_then(|rest| rest.strip_suffix(");\n"))
            .expect("a shard registers itself");
        assert!(!json.contains("</"));
        let texts: Vec<String> = serde_json::from_str(json).expect("JSON");
        assert_eq!(texts, [long.as_str(), "a </script> b"]);
    }

    #[test]
    fn a_term_shard_registers_its_data() {
        assert_eq!(
            term_shard_script(2, "cat 0 dog 13"),
            "window.GUIDEBOOK_SEARCH_TERMS(2, \"cat 0 dog 13\");\n"
        );
    }
}
