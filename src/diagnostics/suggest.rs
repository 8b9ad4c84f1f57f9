//! "Did you mean" among many names: thousands of broken links into a guide of thousands of
//! pages would compare each wrong name with every page (40,000 links and 1,000 lessons took
//! 13 s). So the names are indexed once ([`Candidates`]: each with its length, first letters and
//! letter counts), a wrong name is looked up once however often it is written, a candidate that
//! cannot come close enough is passed over after a few additions, and a [`Suggester`] bounds the
//! work of a whole build: past its budget, problems keep their general help.
//!
//! The suggestion is the one [`super::closest_match`] gives: the candidate most similar by
//! Jaro-Winkler, above 0.8, the first in sorted order among equals.

use fnv::FnvHashMap as HashMap;

/// Buckets of the letter counts (a character counts in bucket `code % BUCKETS`).
const BUCKETS: usize = 128;

/// How much work one build may spend on suggestions, in units of about a nanosecond: a
/// comparison of two names costs the product of their lengths, passing a candidate over
/// [`PASS_OVER`]. At most a quarter of a second, hundreds of times what a guide with a few
/// dozen broken links needs; enough for about 4 million candidates looked at.
pub const BUILD_BUDGET: u64 = 250_000_000;

/// What looking at a candidate's counts costs: more than it takes (about 15 ns), so that the
/// budget also bounds a build with little else to do, and an unoptimised one.
const PASS_OVER: u64 = 64;

/// One name that may be suggested.
struct Candidate<'a> {
    name: &'a str,
    length: usize,
    first: [char; 4],
    /// Letter counts by bucket, 255 meaning 255 or more.
    counts: [u8; BUCKETS],
}

/// The names a wrong one is compared with, indexed, and the answers given so far.
pub struct Candidates<'a> {
    names: Vec<Candidate<'a>>,
    answers: HashMap<String, Option<&'a str>>,
}

impl<'a> Candidates<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut sorted: Vec<&'a str> = names.into_iter().collect();
        sorted.sort_unstable();
        sorted.dedup();
        let names = sorted
            .into_iter()
            .map(|name| {
                let mut first = ['\0'; 4];
                for (slot, c) in first.iter_mut().zip(name.chars()) {
                    *slot = c;
                }
                Candidate {
                    name,
                    length: name.chars().count(),
                    first,
                    counts: counts(name),
                }
            })
            .collect();
        Candidates {
            names,
            answers: HashMap::default(),
        }
    }
}

/// Spends one build's budget on suggestions, first come first served: problems are offered in
/// file order, so which ones get a suggestion does not depend on threads.
pub struct Suggester {
    left: u64,
}

impl Suggester {
    pub fn new(budget: u64) -> Self {
        Suggester { left: budget }
    }

    /// The candidate closest to `wrong`, if one is close enough and the budget lasts.
    pub fn closest<'a>(&mut self, wrong: &str, among: &mut Candidates<'a>) -> Option<&'a str> {
        if let Some(answer) = among.answers.get(wrong) {
            return *answer;
        }
        let answer = self.search(wrong, &among.names)?;
        among.answers.insert(wrong.to_string(), answer);
        answer
    }

    /// `None` when the budget ran out; `Some(None)` when no candidate is close enough.
    #[allow(clippy::option_option)]
    fn search<'a>(&mut self, wrong: &str, names: &[Candidate<'a>]) -> Option<Option<&'a str>> {
        let length = wrong.chars().count();
        let wanted = counts(wrong);
        let present: Vec<(usize, u8)> = (wanted.iter().enumerate())
            .filter(|(_, count)| **count > 0)
            .map(|(bucket, count)| (bucket, *count))
            .collect();
        let first: Vec<char> = wrong.chars().take(4).collect();
        let mut best: Option<(f64, &'a str)> = None;
        for candidate in names {
            self.spend(PASS_OVER)?;
            let bound = similarity_bound(length, &present, &first, candidate);
            // Equal scores go to the first name in sorted order, so a tie is looked at too.
            let beaten = best.is_some_and(|(score, _)| bound < score);
            if bound <= THRESHOLD || beaten {
                continue;
            }
            self.spend((length as u64).saturating_mul(candidate.length as u64))?;
            let score = strsim::jaro_winkler(wrong, candidate.name);
            let better = match best {
                None => score > THRESHOLD,
                Some((top, name)) => score > top || (score == top && candidate.name < name),
            };
            if better {
                best = Some((score, candidate.name));
            }
        }
        Some(best.map(|(_, name)| name))
    }

    fn spend(&mut self, units: u64) -> Option<()> {
        self.left = self.left.checked_sub(units)?;
        Some(())
    }
}

/// The least similarity a suggestion must have.
const THRESHOLD: f64 = 0.8;

/// At least the Jaro-Winkler similarity of a name of `length` characters, with `present`
/// letter counts and `first` letters, and `candidate`. Jaro counts matching characters, which
/// are at most the letters both have (by bucket, which can only count more); the prefix bonus
/// counts the first letters both share.
fn similarity_bound(
    length: usize,
    present: &[(usize, u8)],
    first: &[char],
    candidate: &Candidate<'_>,
) -> f64 {
    if length == 0 || candidate.length == 0 {
        return if length == candidate.length { 1.0 } else { 0.0 };
    }
    let mut shared = 0usize;
    for &(bucket, count) in present {
        shared += usize::from(at_most(count, candidate.counts[bucket]));
    }
    // The sum of the smaller counts, where a saturated count stands for any number.
    let matches = shared.min(length).min(candidate.length) as f64;
    if matches == 0.0 {
        return 0.0;
    }
    let jaro = (matches / length as f64 + matches / candidate.length as f64 + 1.0) / 3.0;
    let mut prefix = 0;
    while prefix < first.len() && first[prefix] == candidate.first[prefix] {
        prefix += 1;
    }
    let bound = if jaro > 0.7 {
        jaro + 0.1 * prefix as f64 * (1.0 - jaro)
    } else {
        jaro
    };
    // Room for rounding: a bound is never taken for less than the score it bounds.
    bound + 1e-9
}

/// The smaller of two counts, where 255 means 255 or more.
fn at_most(a: u8, b: u8) -> u16 {
    match (a, b) {
        (u8::MAX, u8::MAX) => u16::MAX,
        (u8::MAX, other) | (other, u8::MAX) => u16::from(other),
        (a, b) => u16::from(a.min(b)),
    }
}

fn counts(name: &str) -> [u8; BUCKETS] {
    let mut counts = [0u8; BUCKETS];
    for c in name.chars() {
        let bucket = &mut counts[c as usize % BUCKETS];
        *bucket = bucket.saturating_add(1);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::closest_match;

    #[test]
    fn the_same_suggestions_as_comparing_with_every_name() {
        let names = [
            "02-fit-the-harness.md",
            "01-choose-the-gear.md",
            "03-make-it-familiar.md",
            "img/chest.svg",
            "img/chest.png",
            "why-it-matters",
            "the-finger-check",
            "a",
            "",
            "ééé",
            "aaaa",
            "aaab",
        ];
        let mut candidates = Candidates::new(names);
        let mut suggester = Suggester::new(BUILD_BUDGET);
        for wrong in [
            "02-fit-the-harnes.md",
            "01-choose-gear.md",
            "img/chest.jpg",
            "finger-check",
            "why-it-mattres",
            "zzzz",
            "",
            "a",
            "éé",
            "aaac",
            "3-make-it-familiar.md",
        ] {
            assert_eq!(
                suggester.closest(wrong, &mut candidates),
                closest_match(wrong, names),
                "{wrong}"
            );
        }
    }

    #[test]
    fn ties_go_to_the_first_name_in_sorted_order() {
        let names = ["ab-x", "ab-y"];
        let mut candidates = Candidates::new(names);
        let mut suggester = Suggester::new(BUILD_BUDGET);
        assert_eq!(suggester.closest("ab-z", &mut candidates), Some("ab-x"));
        assert_eq!(closest_match("ab-z", names), Some("ab-x"));
    }

    #[test]
    fn past_the_budget_there_is_no_suggestion() {
        let names: Vec<String> = (0..100).map(|i| format!("lesson-{i}.md")).collect();
        let mut candidates = Candidates::new(names.iter().map(String::as_str));
        let mut suggester = Suggester::new(10_000);
        let answers: Vec<Option<&str>> = (0..100)
            .map(|i| suggester.closest(&format!("lesson-{i}x.md"), &mut candidates))
            .collect();
        assert!(answers[0].is_some());
        assert!(answers.last().unwrap().is_none());
        // A name asked again is answered from before, at no cost.
        assert_eq!(
            suggester.closest("lesson-0x.md", &mut candidates),
            answers[0]
        );
    }
}
