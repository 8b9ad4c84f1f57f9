//! Gathering the term index: every term of the pages' text with the pages that hold it. Runs of
//! pages are read side by side, a few at a time, each numbering its terms as it meets them and
//! noting each (term, page) once; each run then joins the whole in page order, so that each
//! term's pages come out in ascending order with nothing to sort but the terms, and only a few
//! runs are held at once.

use std::cmp::Ordering;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::fold::{fold, for_each_term};

/// How many pages one run holds: few runs (each numbers most of the guide's common words again),
/// yet enough of them to keep every thread busy.
const PAGES_AT_ONCE: usize = 256;

/// Every term of the pages, in the order of their UTF-16 code units (JavaScript's order of
/// strings), each with the pages that hold it in ascending order.
pub type Postings = Vec<(String, Vec<u32>)>;

/// The terms of a run of pages, numbered as met.
#[derive(Default)]
struct Run {
    /// Terms of at most 16 bytes (most) by their bytes as one number, which hashes and compares
    /// faster than a string.
    short: HashMap<u128, u32>,
    long: HashMap<String, u32>,
    /// The last page that held each term, by number.
    last: Vec<u32>,
    /// Each (term, page) once, pages in ascending order.
    pairs: Vec<(u32, u32)>,
}

impl Run {
    fn read(first: usize, texts: &[&str]) -> Run {
        let mut run = Run::default();
        for (offset, text) in texts.iter().enumerate() {
            let page = u32::try_from(first + offset).expect("fewer than 4 billion pages");
            for_each_term(&fold(text), |term| match short_key(term) {
                Some(key) => run.add_short(key, page),
                None => run.add_long(term, page),
            });
        }
        run
    }

    fn add_short(&mut self, key: u128, page: u32) {
        let next = self.next();
        let number = *self.short.entry(key).or_insert(next);
        self.note(number, next, page);
    }

    fn add_long(&mut self, term: &str, page: u32) {
        let next = self.next();
        let number = match self.long.get(term) {
            Some(&number) => number,
            None => {
                self.long.insert(term.to_string(), next);
                next
            }
        };
        self.note(number, next, page);
    }

    /// The number the next new term gets.
    fn next(&self) -> u32 {
        u32::try_from(self.last.len()).expect("fewer than 4 billion terms")
    }

    /// Notes that `page` holds term `number` (`next` if the term is new).
    fn note(&mut self, number: u32, next: u32, page: u32) {
        if number == next {
            self.last.push(page);
        } else if let Some(last) = self.last.get_mut(number as usize) {
            if *last == page {
                return;
            }
            *last = page;
        }
        self.pairs.push((number, page));
    }
}

/// A term of at most 16 bytes as one number (no term holds a zero byte, so none are alike).
fn short_key(term: &str) -> Option<u128> {
    let mut bytes = [0u8; 16];
    bytes
        .get_mut(..term.len())?
        .copy_from_slice(term.as_bytes());
    Some(u128::from_le_bytes(bytes))
}

/// The term [`short_key`] made `key` from.
fn short_term(key: u128) -> String {
    let bytes = key.to_le_bytes();
    let length = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    String::from_utf8_lossy(&bytes[..length]).into_owned()
}

/// Every term of `texts` (page `n`'s text at `texts[n]`) with the pages that hold it.
pub fn postings(texts: &[&str]) -> Postings {
    let mut whole = Whole::default();
    // Two runs a thread at a time, so that one slow run does not leave a thread idle for long.
    let at_once = PAGES_AT_ONCE * 2 * rayon::current_num_threads();
    for (batch, texts) in texts.chunks(at_once).enumerate() {
        let runs: Vec<Run> = (texts.par_chunks(PAGES_AT_ONCE).enumerate())
            .map(|(n, texts)| Run::read(batch * at_once + n * PAGES_AT_ONCE, texts))
            .collect();
        for run in runs {
            whole.join(run);
        }
    }
    let mut terms: Postings = whole.terms.into_iter().zip(whole.pages).collect();
    terms.par_sort_unstable_by(|(a, _), (b, _)| javascript_order(a, b));
    terms
}

/// The order of `a` and `b` as JavaScript compares strings, by UTF-16 code units: the order of
/// their bytes (of code points) but for a character past U+FFFF, whose first unit (a surrogate,
/// D800-DBFF) comes before the characters U+E000-U+FFFF.
pub fn javascript_order(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let Some((x, y)) = a.iter().zip(b).find(|(x, y)| x != y) else {
        return a.len().cmp(&b.len());
    };
    // First bytes of characters: 0xEE and 0xEF begin U+E000-U+FFFF, 0xF0 to 0xF4 the rest.
    match (*x >= 0xF0, *y >= 0xF0) {
        (true, false) if *y >= 0xEE => Ordering::Less,
        (false, true) if *x >= 0xEE => Ordering::Greater,
        _ => x.cmp(y),
    }
}

/// The runs read so far, put together: every term once, numbered as met, with its pages.
#[derive(Default)]
struct Whole {
    short: HashMap<u128, u32>,
    long: HashMap<String, u32>,
    terms: Vec<String>,
    pages: Vec<Vec<u32>>,
}

impl Whole {
    /// Adds the terms and pages of `run`, which follows the runs joined before.
    fn join(&mut self, run: Run) {
        let mut numbers = vec![0u32; run.last.len()];
        for (key, local) in run.short {
            let global = match self.short.get(&key) {
                Some(&global) => global,
                None => {
                    let global = self.add(short_term(key));
                    self.short.insert(key, global);
                    global
                }
            };
            numbers[local as usize] = global;
        }
        for (term, local) in run.long {
            let global = match self.long.get(&term) {
                Some(&global) => global,
                None => {
                    let global = self.add(term.clone());
                    self.long.insert(term, global);
                    global
                }
            };
            numbers[local as usize] = global;
        }
        for (local, page) in run.pairs {
            self.pages[numbers[local as usize] as usize].push(page);
        }
    }

    fn add(&mut self, term: String) -> u32 {
        self.terms.push(term);
        self.pages.push(Vec::new());
        u32::try_from(self.terms.len() - 1).expect("fewer than 4 billion terms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(texts: &[&str]) -> Vec<(String, Vec<u32>)> {
        postings(texts)
    }

    #[test]
    fn each_term_has_its_pages_once_and_in_order() {
        let many: Vec<String> = (0..3000)
            .map(|n| if n % 3 == 0 { "cat cat dog" } else { "dog" }.to_string())
            .collect();
        let texts: Vec<&str> = many.iter().map(String::as_str).collect();
        let found = listed(&texts);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "cat");
        assert_eq!(found[0].1, (0..3000).step_by(3).collect::<Vec<u32>>());
        assert_eq!(
            found[1].1,
            (0..3000).collect::<Vec<u32>>(),
            "runs put together in order"
        );
    }

    #[test]
    fn strings_are_ordered_as_javascript_orders_them() {
        let mut words: Vec<String> = [
            "",
            "a",
            "ab",
            "b",
            "é",
            "e\u{301}",
            "\u{FA0E}",
            "\u{20000}",
            "\u{20001}",
            "\u{1F600}",
            "\u{FFFF}",
            "\u{D7FF}",
            "a\u{20000}",
            "a\u{FA0E}",
            "水",
            "水や",
        ]
        .map(String::from)
        .to_vec();
        for a in &words {
            for b in &words {
                let by_units = a.encode_utf16().cmp(b.encode_utf16());
                assert_eq!(javascript_order(a, b), by_units, "{a:?} {b:?}");
            }
        }
        words.sort_by(|a, b| javascript_order(a, b));
        assert_eq!(words[words.len() - 1], "\u{FFFF}");
    }

    #[test]
    fn long_and_short_terms_are_told_apart() {
        let long = "a".repeat(17);
        let text = format!("{long} {} aaaaaaaaaaaaaaaa", &long[..16]);
        let found = listed(&[&text, "aaaaaaaaaaaaaaaaaaaaaaaa"]);
        assert_eq!(
            found,
            [
                ("a".repeat(16), vec![0]),
                ("a".repeat(17), vec![0]),
                ("a".repeat(24), vec![1])
            ]
        );
        assert_eq!(short_term(short_key("é水").unwrap()), "é水");
    }
}
