//! The term index: for every term of the pages' text (see [`super::fold`]), the pages whose
//! text holds it, sorted by term and cut into shards, so that a query loads only the shards its
//! terms can be in. The theme's `search.js` reads it; the format is shared with it:
//!
//! - a shard is one string, `term pages term pages ...`, terms in the order of their UTF-16
//!   code units (JavaScript's order of strings);
//! - `pages` lists page numbers (places in `search-index.js`) in ascending order as runs of
//!   consecutive pages. A run is one number, `(gap - 1) * 2 + 1` when more pages follow it and
//!   `(gap - 1) * 2` when not, `gap` being its first page less the last page of the run before
//!   (the first run counts from -1), then for a run of several pages the number of pages after
//!   its first;
//! - a number is written in digits of five bits, most significant first, each a character of
//!   [`DIGITS`]: the first 32 for the last digit of a number, the other 32 for the digits
//!   before it. A page far from the last costs three characters; a run of every page, two.

use rayon::prelude::*;

use super::postings::postings;

/// The characters of the digits of page numbers: values 0-31 end a number, 32-63 go on.
pub const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Every term of a guide's pages, in shards.
#[derive(Debug, Default)]
pub struct TermIndex {
    /// The first term of each shard that holds any (the first shard's is `""`): shard `n` holds
    /// the terms from `bounds[n]` up to `bounds[n + 1]`. Shards past these are empty.
    pub bounds: Vec<String>,
    /// Each shard's terms and pages, as `search.js` reads them.
    pub shards: Vec<String>,
}

impl TermIndex {
    /// The index of `texts` (page `n`'s text at `texts[n]`) in `shard_count` shards of about
    /// the same size.
    pub fn build(texts: &[&str], shard_count: usize) -> TermIndex {
        let entries: Vec<String> = (postings(texts).into_par_iter())
            .map(|(term, pages)| {
                let mut entry = term;
                entry.push(' ');
                write_pages(&pages, &mut entry);
                entry
            })
            .collect();
        let total: usize = entries.iter().map(|entry| entry.len() + 1).sum();
        let count = shard_count.max(1);
        let mut index = TermIndex {
            bounds: Vec::new(),
            shards: vec![String::new(); count],
        };
        let (mut shard, mut filled) = (0, 0);
        for entry in &entries {
            // The next shard begins once this one has its share; none is left empty while
            // terms remain.
            if shard + 1 < count && filled >= (shard + 1) * total / count {
                shard += 1;
            }
            let Some(data) = index.shards.get_mut(shard) else {
                break;
            };
            if data.is_empty() {
                let term = entry.split(' ').next().unwrap_or_default();
                index
                    .bounds
                    .push(if shard == 0 { "" } else { term }.to_string());
            } else {
                data.push(' ');
            }
            data.push_str(entry);
            filled += entry.len() + 1;
        }
        index
    }
}

/// Writes ascending page numbers as runs (see the module's comment).
fn write_pages(pages: &[u32], out: &mut String) {
    let mut last: i64 = -1;
    let mut rest = pages;
    while let [first, ..] = rest {
        let run = rest
            .windows(2)
            .take_while(|pair| pair[1] == pair[0] + 1)
            .count();
        let gap = i64::from(*first) - last;
        let more = u64::from(run > 0);
        write_number((gap - 1).unsigned_abs() * 2 + more, out);
        if run > 0 {
            write_number(run as u64, out);
        }
        last = i64::from(*first) + run as i64;
        rest = rest.get(run + 1..).unwrap_or_default();
    }
}

/// Writes `value` in digits of five bits (see the module's comment).
fn write_number(mut value: u64, out: &mut String) {
    let mut digits = [0u8; 13];
    let mut count = 0;
    loop {
        digits[count] = (value & 31) as u8;
        count += 1;
        value >>= 5;
        if value == 0 {
            break;
        }
    }
    for (place, &digit) in digits[..count].iter().enumerate().rev() {
        let going_on = if place > 0 { 32 } else { 0 };
        out.push(char::from(DIGITS[usize::from(digit + going_on)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads pages back as `search.js` does.
    fn read_pages(written: &str) -> Vec<u32> {
        let mut numbers = Vec::new();
        let mut value = 0u64;
        for c in written.bytes() {
            let digit = DIGITS.iter().position(|&d| d == c).expect("a digit") as u64;
            value = value * 32 + (digit & 31);
            if digit < 32 {
                numbers.push(value);
                value = 0;
            }
        }
        let (mut pages, mut last, mut at) = (Vec::new(), -1i64, 0);
        while let Some(&number) = numbers.get(at) {
            let first = last + 1 + (number >> 1) as i64;
            let run = if number & 1 == 1 {
                at += 1;
                numbers[at] as i64
            } else {
                0
            };
            pages.extend((first..=first + run).map(|p| p as u32));
            last = first + run;
            at += 1;
        }
        pages
    }

    fn written(pages: &[u32]) -> String {
        let mut out = String::new();
        write_pages(pages, &mut out);
        out
    }

    #[test]
    fn pages_are_written_as_runs_of_five_bit_digits() {
        assert_eq!(written(&[0]), "0");
        assert_eq!(written(&[0, 1, 2, 3]), "13", "a run of 4 from page 0");
        assert_eq!(written(&[5]), "A", "gap 6: (6 - 1) * 2");
        assert_eq!(written(&[16]), "X0", "gap 17: 32 is two digits");
        assert_eq!(
            written(&(0..10_000).collect::<Vec<_>>()),
            "1fuF",
            "every page: 9,999 after 0"
        );
        for pages in [
            vec![3, 4, 9, 10, 11, 40, 1_000, 1_001, 70_000],
            vec![0, 2, 4, 6],
            (0..5_000).filter(|p| p % 97 != 0).collect(),
        ] {
            assert_eq!(read_pages(&written(&pages)), pages);
        }
    }

    #[test]
    fn terms_list_the_pages_whose_text_holds_them() {
        let index = TermIndex::build(&["Cat and dog", "a CAT", "Dogs, café"], 1);
        assert_eq!(index.bounds, [""]);
        // "cat": pages 0 and 1, a run; "cafe": page 2, (3 - 1) * 2.
        assert_eq!(index.shards, ["a 2 and 0 cafe 4 cat 11 dog 0 dogs 4"]);
    }

    #[test]
    fn shards_hold_terms_in_order_and_begin_at_their_bounds() {
        let texts: Vec<String> = (0..200).map(|n| format!("w{n:03} common")).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let index = TermIndex::build(&texts, 8);
        assert_eq!(index.shards.len(), 8);
        assert_eq!(index.bounds.len(), 8, "every shard holds terms");
        assert_eq!(index.bounds[0], "");
        let mut all = Vec::new();
        for (shard, data) in index.shards.iter().enumerate() {
            let terms: Vec<&str> = data.split(' ').step_by(2).collect();
            if shard > 0 {
                assert_eq!(terms[0], index.bounds[shard]);
            }
            all.extend(terms);
        }
        let mut sorted = all.clone();
        sorted.sort();
        assert_eq!(all, sorted);
        assert_eq!(all.len(), 201);
        assert!(all.contains(&"common"));
    }

    #[test]
    fn more_shards_than_terms_leaves_the_last_ones_empty() {
        let index = TermIndex::build(&["one two"], 5);
        assert_eq!(index.bounds, ["", "two"]);
        assert_eq!(index.shards, ["one 0", "two 0", "", "", ""]);
        let index = TermIndex::build(&["big big big", "big", "big x", "y", "z"], 3);
        assert_eq!(
            index.bounds,
            ["", "x", "z"],
            "a large term fills the first shard alone"
        );
    }

    #[test]
    fn terms_sort_as_javascript_strings() {
        // U+FA0E comes before U+20000 by code point, after it by UTF-16 code unit (D840 DC00).
        let index = TermIndex::build(&["\u{FA0E} \u{20000}"], 1);
        let terms: Vec<&str> = index.shards[0].split(' ').step_by(2).collect();
        assert_eq!(terms, ["\u{20000}", "\u{FA0E}"]);
    }
}
