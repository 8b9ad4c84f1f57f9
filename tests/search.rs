//! Search at scale: the always-loaded index (`assets/search-index.js`) lists every page's title,
//! summary and headings and stays small; the pages' text is in shards (`assets/search/<n>.js`),
//! every page's whole text in exactly one of them, so a word deep in the last lesson of a large
//! guide can be found.

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::*;

/// Lessons of the large guide.
const LESSONS: u32 = 300;
/// A word only the end of the last lesson's text holds.
const DEEP_WORD: &str = "quokkaberries";

/// 300 lessons of about 7 KB (several shards' worth) and two reference pages. Each page's text
/// starts with `openN` and ends with `closeN` (`N` its place in the index), so whole texts can be
/// told from cut ones; the last lesson ends with [`DEEP_WORD`].
fn large_guide() -> Workspace {
    let paragraph = "The cat sniffs the harness, takes a treat and walks on. ".repeat(10);
    let mut files: Vec<(String, String)> = vec![("guide.toml".into(), "title = \"Big\"\n".into())];
    let body = |place: u32, last_words: &str| {
        let mut body = format!("open{place} begins.\n\n## Practice\n\n");
        for _ in 0..12 {
            body.push_str(&paragraph);
            body.push_str("\n\n");
        }
        body.push_str(&format!("{last_words} close{place}\n"));
        body
    };
    for step in 1..=LESSONS {
        let last_words = if step == LESSONS {
            DEEP_WORD
        } else {
            "The end."
        };
        files.push((
            format!("content/l{step:03}.md"),
            lesson(
                &format!("Lesson {step}"),
                step,
                "summary: Walks and treats.\n",
                &body(step - 1, last_words),
            ),
        ));
    }
    // Reference pages follow the lessons in the order of their paths.
    for (number, name) in ["faq", "glossary"].into_iter().enumerate() {
        let place = LESSONS + number as u32;
        files.push((
            format!("content/pages/{name}.md"),
            format!("---\ntitle: {name}\n---\n{}", body(place, "Reference.")),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_guide(&borrowed)
}

/// How many times each word of `text` occurs (words of letters and digits).
fn word_counts(text: &str) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

#[test]
fn a_word_deep_in_the_last_lesson_is_in_a_late_shard() {
    let workspace = large_guide();
    let out = workspace.build_ok();
    let pages = search_pages(&out);
    let last = pages
        .iter()
        .position(|page| page["u"] == format!("l{LESSONS}.html"))
        .expect("the last lesson is in the index");
    let shards = search_shards(&out);
    assert!(shards.len() >= 3, "{} shards", shards.len());
    let holding: Vec<(usize, usize)> = (shards.iter())
        .flat_map(|shard| {
            (shard.texts.iter().enumerate())
                .filter(|(_, text)| word_counts(text).contains_key(DEEP_WORD))
                .map(move |(offset, _)| (shard.file, shard.first + offset))
        })
        .collect();
    let [(shard, page)] = holding[..] else {
        panic!("(shard, page) holding {DEEP_WORD}: {holding:?}");
    };
    assert_eq!(page, last, "only the last lesson's text holds {DEEP_WORD}");
    assert!(
        shard >= 2,
        "a late shard holds it, not the first ones: {shard}"
    );
    let index = fs::read_to_string(out.join("assets/search-index.js")).unwrap();
    assert!(!index.contains(DEEP_WORD), "the index holds no text");
}

#[test]
fn every_page_s_whole_text_is_in_exactly_one_shard() {
    let workspace = large_guide();
    let out = workspace.build_ok();
    let pages = search_pages(&out);
    assert_eq!(pages.len(), LESSONS as usize + 2);
    let index = search_index_json(&out);
    let shards = search_shards(&out);
    assert_eq!(
        index["shards"],
        shards.len(),
        "the index counts the shard files"
    );

    // Shards are numbered from 0, register under their own number and follow one another.
    let mut next = 0;
    for (number, shard) in shards.iter().enumerate() {
        assert_eq!((shard.file, shard.number), (number, number));
        assert_eq!(
            shard.first, next,
            "shard {number} starts where the last ended"
        );
        assert!(!shard.texts.is_empty(), "shard {number} is empty");
        next += shard.texts.len();
    }
    assert_eq!(next, pages.len(), "the shards hold every page");

    // Each page's text starts and ends as written, and no other page's text holds its marks.
    let texts: Vec<&String> = shards.iter().flat_map(|s| &s.texts).collect();
    let counts: Vec<BTreeMap<&str, usize>> = texts.iter().map(|t| word_counts(t)).collect();
    for place in 0..pages.len() {
        for mark in [format!("open{place}"), format!("close{place}")] {
            let holders: Vec<usize> = (0..texts.len())
                .filter(|&i| counts[i].contains_key(mark.as_str()))
                .collect();
            assert_eq!(holders, [place], "`{mark}` is in page {place}'s text only");
        }
        let text = texts[place];
        assert!(
            text.len() > 12 * 560,
            "page {place}'s text is whole: {} bytes",
            text.len()
        );
    }
}

#[test]
fn the_index_stays_small_and_lists_every_page() {
    let workspace = large_guide();
    let out = workspace.build_ok();
    let index_bytes = fs::metadata(out.join("assets/search-index.js"))
        .unwrap()
        .len();
    let text_bytes: u64 = search_shards(&out)
        .iter()
        .flat_map(|shard| &shard.texts)
        .map(|text| text.len() as u64)
        .sum();
    let pages = search_pages(&out);
    assert!(
        index_bytes < 200 * pages.len() as u64,
        "{index_bytes} bytes of index for {} pages",
        pages.len()
    );
    assert!(
        index_bytes * 20 < text_bytes,
        "{index_bytes} bytes of index, {text_bytes} of text"
    );
    for (place, page) in pages.iter().enumerate() {
        let url = page["u"].as_str().unwrap();
        assert!(out.join(url).is_file(), "{url}");
        assert_eq!(
            page["h"],
            serde_json::json!([["practice", "Practice"]]),
            "page {place}"
        );
    }
    assert_eq!(pages[0]["s"], "Walks and treats.");
    assert_eq!(pages[LESSONS as usize]["u"], "faq.html");
}

#[test]
fn a_small_guide_has_a_single_shard() {
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    assert_eq!(
        names_in(&out.join("assets/search")),
        ["0.js".to_string()].into()
    );
    assert_eq!(search_index_json(&out)["shards"], 1);
    assert_eq!(search_texts(&out).len(), search_pages(&out).len());
}
