//! Search at scale: the always-loaded index (`assets/search-index.js`) lists every page's title,
//! summary and headings and stays small; the term index (`assets/search/terms/<n>.js`) lists
//! every word of every page's text with the pages that hold it, sorted and cut into shards whose
//! first terms the index lists, so a word only the last lesson holds is found by loading one
//! shard; the pages' whole text is in text shards (`assets/search/text/<n>.js`), each page in
//! exactly one, for snippets.

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
fn a_word_only_the_last_lesson_holds_is_listed_with_that_page_alone() {
    let workspace = large_guide();
    let out = workspace.build_ok();
    let pages = search_pages(&out);
    let last = pages
        .iter()
        .position(|page| page["u"] == format!("l{LESSONS}.html"))
        .expect("the last lesson is in the index");
    let shards = term_shards(&out);
    assert!(shards.len() >= 3, "{} term shards", shards.len());
    let holding: Vec<(usize, &Vec<usize>)> = (shards.iter())
        .flat_map(|shard| {
            (shard.terms.iter())
                .filter(|(term, _)| term == DEEP_WORD)
                .map(move |(_, pages)| (shard.number, pages))
        })
        .collect();
    let [(shard, holders)] = holding[..] else {
        panic!("(shard, pages) of {DEEP_WORD}: {holding:?}");
    };
    assert_eq!(
        holders,
        &[last],
        "only the last lesson's text holds {DEEP_WORD}"
    );
    let bounds = search_index_json(&out)["terms"].clone();
    let bound = bounds[shard].as_str().expect("a bound per shard");
    assert!(bound <= DEEP_WORD, "its shard begins at {bound}");
    if let Some(next) = bounds.get(shard + 1) {
        assert!(
            next.as_str().unwrap() > DEEP_WORD,
            "the next begins after it"
        );
    }
    let index = fs::read_to_string(out.join("assets/search-index.js")).unwrap();
    assert!(!index.contains(DEEP_WORD), "the index holds no text");
}

#[test]
fn the_term_index_lists_each_word_with_exactly_the_pages_whose_text_holds_it() {
    let workspace = large_guide();
    let out = workspace.build_ok();
    let mut expected: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (place, text) in search_texts(&out).iter().enumerate() {
        for word in word_counts(text).into_keys() {
            let pages = expected.entry(word.to_lowercase()).or_default();
            if pages.last() != Some(&place) {
                pages.push(place);
            }
        }
    }
    assert_eq!(search_terms(&out), expected);
}

#[test]
fn term_shards_are_sorted_and_begin_where_the_index_says() {
    let workspace = large_guide();
    let out = workspace.build_ok();
    let bounds: Vec<String> = serde_json::from_value(search_index_json(&out)["terms"].clone())
        .expect("the first term of each shard");
    let shards = term_shards(&out);
    assert_eq!(bounds.len(), shards.len(), "every shard holds terms");
    assert_eq!(bounds[0], "");
    let mut all: Vec<&str> = Vec::new();
    for (place, shard) in shards.iter().enumerate() {
        assert_eq!(
            shard.number, place,
            "shard {place} registers under its number"
        );
        let first = &shard.terms.first().expect("terms").0;
        if place > 0 {
            assert_eq!(first, &bounds[place]);
        }
        all.extend(shard.terms.iter().map(|(term, _)| term.as_str()));
    }
    assert!(all.is_sorted(), "terms in order across shards");
    let sizes: Vec<usize> = (0..shards.len())
        .map(|n| {
            fs::metadata(out.join(format!("assets/search/terms/{n}.js")))
                .unwrap()
                .len() as usize
        })
        .collect();
    let largest = sizes.iter().max().unwrap();
    let total: usize = sizes.iter().sum();
    assert!(
        largest * shards.len() < total * 3,
        "shards of about the same size: {sizes:?}"
    );
}

#[test]
fn the_search_files_are_the_same_bytes_on_every_build() {
    let workspace = large_guide();
    let first = workspace.build_ok();
    let again = workspace.path("again");
    workspace.build_to(&again, &[]).assert_code(0);
    for folder in ["terms", "text"] {
        let names = names_in(&first.join("assets/search").join(folder));
        assert_eq!(names, names_in(&again.join("assets/search").join(folder)));
        for name in names {
            let path = format!("assets/search/{folder}/{name}");
            assert!(
                fs::read(first.join(&path)).unwrap() == fs::read(again.join(&path)).unwrap(),
                "{path} differs between builds"
            );
        }
    }
    assert_eq!(
        fs::read(first.join("assets/search-index.js")).unwrap(),
        fs::read(again.join("assets/search-index.js")).unwrap()
    );
}

#[test]
fn every_page_s_whole_text_is_in_exactly_one_text_shard() {
    let workspace = large_guide();
    let out = workspace.build_ok();
    let pages = search_pages(&out);
    assert_eq!(pages.len(), LESSONS as usize + 2);
    let index = search_index_json(&out);
    let shards = search_shards(&out);
    let firsts: Vec<usize> = shards.iter().map(|shard| shard.first).collect();
    assert_eq!(
        index["texts"],
        serde_json::json!(firsts),
        "the index lists where each text shard begins"
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
fn a_small_guide_has_a_single_term_shard() {
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    assert_eq!(
        names_in(&out.join("assets/search/terms")),
        ["0.js".to_string()].into()
    );
    assert_eq!(search_index_json(&out)["terms"], serde_json::json!([""]));
    assert_eq!(search_texts(&out).len(), search_pages(&out).len());
    assert!(search_terms(&out).contains_key("harness"));
}
