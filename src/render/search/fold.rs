//! Text as search matches it, made alike on both sides: the theme's `search.js` folds what the
//! reader types, this module folds the pages' text into the terms of the term index, and a word
//! is found only if both fold it the same way (the tests pin both to the same examples).
//!
//! Folding: compatibility forms made plain (NFKC: full-width letters, ligatures, half-width
//! katakana), lower case, combining marks removed (after NFD), and the letters that have no
//! decomposition spelt out (`ß` is `ss`, `ø` is `o`). Terms: the words of the folded text (runs
//! of letters and digits); a run of a script written without spaces (Han, Hiragana, Katakana,
//! Thai) is cut out of its word and stands as its overlapping pairs of characters and its last
//! character alone, so that every character of it begins a term.

use std::cmp::Ordering;
use std::sync::LazyLock;

use regex_syntax::hir::{Class, HirKind};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// The characters of words: letters and digits (`[^\p{L}\p{N}]+` splits a query in
/// `search.js`), as sorted ranges.
static WORD: LazyLock<Vec<(char, char)>> = LazyLock::new(|| class(r"[\p{L}\p{N}]"));

/// The characters of scripts written without spaces between words (`SPACELESS` in `search.js`).
static SPACELESS: LazyLock<Vec<(char, char)>> =
    LazyLock::new(|| class(r"[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}]"));

/// The ranges of characters a class of Unicode properties holds, from the tables of the regex
/// crates (what the class means in JavaScript's regular expressions).
fn class(pattern: &str) -> Vec<(char, char)> {
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .expect("a valid class of characters");
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => (class.ranges().iter())
            .map(|range| (range.start(), range.end()))
            .collect(),
        _ => unreachable!("a class of Unicode characters parses to one"),
    }
}

fn holds(ranges: &[(char, char)], c: char) -> bool {
    (ranges.binary_search_by(|&(start, end)| {
        if end < c {
            Ordering::Less
        } else if start > c {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    }))
    .is_ok()
}

/// What a character of folded text is to the terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Between words.
    Apart,
    /// Part of a word.
    Word,
    /// Part of a word, of a script written without spaces.
    Spaceless,
}

#[inline]
fn kind(c: char) -> Kind {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Kind::Word
        } else {
            Kind::Apart
        };
    }
    if !holds(&WORD, c) {
        Kind::Apart
    } else if holds(&SPACELESS, c) {
        Kind::Spaceless
    } else {
        Kind::Word
    }
}

/// Letters that fold to others but do not decompose into them (`LETTERS` in `search.js`). `ς`
/// (final sigma) is `σ`: lower-casing a whole word and its letters one by one disagree on it.
fn spelt_out(letter: char) -> Option<&'static str> {
    Some(match letter {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        'ς' => "σ",
        _ => return None,
    })
}

/// `text` as search matches it: `fold` of `search.js`, which folds the whole text at once
/// (`normalize("NFKC")`, `toLowerCase()`, `normalize("NFD")`, marks and `LETTERS`). Here runs of
/// ASCII are only lower-cased and each run of other characters is folded alone: the same result,
/// as ASCII never changes under NFKC and whatever NFKC composes across a run's edge is a
/// combining mark on its first character, which folding removes again.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = folded.len();
        folded.push_str(&rest[..ascii]);
        folded[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let other = rest.find(|c: char| c.is_ascii()).unwrap_or(rest.len());
        fold_into(&rest[..other], &mut folded);
        rest = &rest[other..];
    }
    folded
}

/// Folds `text` whole into `folded`, as `search.js` does.
fn fold_into(text: &str, folded: &mut String) {
    let lower = if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.to_lowercase()
    } else {
        text.nfkc().collect::<String>().to_lowercase()
    };
    for c in lower.nfd().filter(|&c| !is_combining_mark(c)) {
        match spelt_out(c) {
            Some(letters) => folded.push_str(letters),
            None => folded.push(c),
        }
    }
}

/// Calls `found` with each term of `folded` (text that [`fold`] made), in order, repeats
/// included: its words, split at each run of a spaceless script, and each run's terms.
pub fn for_each_term(folded: &str, mut found: impl FnMut(&str)) {
    let bytes = folded.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !WORD_OR_OTHER[usize::from(bytes[at])] {
            at += 1;
            continue;
        }
        // Most words are ASCII: read them a byte at a time.
        let start = at;
        while at < bytes.len() && ASCII_WORD[usize::from(bytes[at])] {
            at += 1;
        }
        if at < bytes.len() && !bytes[at].is_ascii() {
            at = word_terms(folded, start, &mut found);
        } else if let Some(word) = folded.get(start..at) {
            found(word);
        }
    }
}

/// Bytes of ASCII letters and digits.
static ASCII_WORD: [bool; 256] = byte_class(false);
/// The same, and every byte of a character that is not ASCII.
static WORD_OR_OTHER: [bool; 256] = byte_class(true);

const fn byte_class(other: bool) -> [bool; 256] {
    let mut class = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        class[byte] = (byte as u8).is_ascii_alphanumeric() || (other && byte >= 0x80);
        byte += 1;
    }
    class
}

/// Calls `found` with the terms of the word of `folded` that starts at `start`, and returns
/// where the word ends (past the character at `start` if that begins none).
fn word_terms(folded: &str, start: usize, found: &mut impl FnMut(&str)) -> usize {
    let Some(first) = folded[start..].chars().next() else {
        return folded.len();
    };
    if kind(first) == Kind::Apart {
        return start + first.len_utf8();
    }
    // The piece of the word being read: where it starts and whether it is a spaceless run.
    let mut piece = (start, kind(first));
    let mut end_piece = |(from, kind): (usize, Kind), to: usize| {
        if kind == Kind::Spaceless {
            run_terms(&folded[from..to], found);
        } else {
            found(&folded[from..to]);
        }
    };
    for (offset, c) in folded[start..].char_indices() {
        let at = start + offset;
        match kind(c) {
            Kind::Apart => {
                end_piece(piece, at);
                return at;
            }
            now if now != piece.1 => {
                end_piece(piece, at);
                piece = (at, now);
            }
            _ => {}
        }
    }
    end_piece(piece, folded.len());
    folded.len()
}

/// The terms of a run of a spaceless script: each overlapping pair of characters, then the
/// last character (a run of one character is that character).
fn run_terms(run: &str, found: &mut impl FnMut(&str)) {
    let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).collect();
    for pair in starts.windows(3) {
        found(&run[pair[0]..pair[2]]);
    }
    if let [.., before_last, last] = starts[..] {
        found(&run[before_last..]);
        found(&run[last..]);
    } else {
        found(run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn terms(text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        for_each_term(&fold(text), |term| terms.push(term.to_string()));
        terms
    }

    /// `search.js`'s fold as written: every step over the whole text.
    fn fold_whole(text: &str) -> String {
        let lower = text.nfkc().collect::<String>().to_lowercase();
        let mut folded = String::new();
        for c in lower.nfd().filter(|&c| !is_combining_mark(c)) {
            match spelt_out(c) {
                Some(letters) => folded.push_str(letters),
                None => folded.push(c),
            }
        }
        folded
    }

    #[test]
    fn folding_drops_case_accents_and_compatibility_forms() {
        assert_eq!(fold("Élan DÉJÀ Noël"), "elan deja noel");
        assert_eq!(fold("ＮＯＥＬ"), "noel", "full-width letters");
        assert_eq!(fold("Königstraße"), "konigstrasse");
        assert_eq!(
            fold("ﬁne Æsir Œuvre Øre Łódź Đakovo þing ıi"),
            "fine aesir oeuvre ore lodz dakovo thing ii"
        );
        assert_eq!(fold("ﾓﾝｽﾃﾗ"), "モンステラ", "half-width katakana");
        assert_eq!(fold("ΟΔΟΣ όδος"), "οδοσ οδοσ", "final sigma is sigma");
        assert_eq!(fold("x² ① Ⅻ"), "x2 1 xii");
        assert_eq!(fold("e\u{301}t\u{e9} İstanbul"), "ete istanbul");
        assert_eq!(fold("It’s “quoted” — ok…"), "it’s “quoted” — ok...");
    }

    #[test]
    fn the_classes_are_those_of_javascript() {
        assert_eq!(kind('a'), Kind::Word);
        assert_eq!(kind('_'), Kind::Apart);
        assert_eq!(kind('é'), Kind::Word);
        assert_eq!(kind('ж'), Kind::Word);
        assert_eq!(kind('٣'), Kind::Word, "a digit of another script");
        assert_eq!(kind('’'), Kind::Apart);
        assert_eq!(kind('水'), Kind::Spaceless);
        assert_eq!(
            kind('ー'),
            Kind::Spaceless,
            "the katakana long vowel mark, a letter"
        );
        assert_eq!(kind('。'), Kind::Apart, "Han punctuation is not a letter");
        assert_eq!(kind('\u{1F150}'), Kind::Apart, "alphabetic, but a symbol");
        assert_eq!(kind('\u{20BB7}'), Kind::Spaceless);
        assert_eq!(kind('ก'), Kind::Spaceless);
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(
            terms("The cat’s harness, v2.0!"),
            ["the", "cat", "s", "harness", "v2", "0"]
        );
        assert_eq!(terms("e-mail café"), ["e", "mail", "cafe"]);
    }

    #[test]
    fn a_spaceless_run_stands_as_its_pairs_and_its_last_character() {
        assert_eq!(terms("霧吹き"), ["霧吹", "吹き", "き"]);
        assert_eq!(terms("水"), ["水"]);
        assert_eq!(terms("水や"), ["水や", "や"]);
        assert_eq!(
            terms("abc水やり表面def"),
            ["abc", "水や", "やり", "り表", "表面", "面", "def"]
        );
        assert_eq!(terms("ﾓﾝｽﾃﾗ。"), ["モン", "ンス", "ステ", "テラ", "ラ"]);
    }

    /// The terms as `search.js` reads a query's: split at every character that is not a letter
    /// or digit, then each word at its runs of spaceless scripts.
    fn terms_plainly(folded: &str) -> Vec<String> {
        let mut terms = Vec::new();
        for word in folded.split(|c: char| kind(c) == Kind::Apart) {
            let mut piece = String::new();
            let mut run = String::new();
            for c in word.chars() {
                if kind(c) == Kind::Spaceless {
                    if !piece.is_empty() {
                        terms.push(std::mem::take(&mut piece));
                    }
                    run.push(c);
                } else {
                    if !run.is_empty() {
                        run_terms(&std::mem::take(&mut run), &mut |t| {
                            terms.push(t.to_string())
                        });
                    }
                    piece.push(c);
                }
            }
            if !piece.is_empty() {
                terms.push(piece);
            }
            if !run.is_empty() {
                run_terms(&run, &mut |t| terms.push(t.to_string()));
            }
        }
        terms
    }

    proptest! {
        /// The terms, read a byte at a time where the text is ASCII, are those of a plain reading.
        #[test]
        fn terms_are_read_as_a_query_is(
            text in proptest::collection::vec(
                prop_oneof![
                    proptest::char::range('\0', '\u{7f}'),
                    Just('’'), Just('é'), Just('ж'), Just('水'), Just('や'), Just('。'), Just('ก'),
                    Just('\u{20BB7}'), Just('\u{1F150}'),
                ],
                0..40,
            ).prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            let mut terms = Vec::new();
            for_each_term(&text, |term| terms.push(term.to_string()));
            prop_assert_eq!(terms, terms_plainly(&text));
        }

        /// Folding run by run is folding the whole text.
        #[test]
        fn folding_by_runs_is_folding_whole(
            text in proptest::collection::vec(
                prop_oneof![
                    proptest::char::range('\0', '\u{7f}'),
                    proptest::char::range('\u{80}', '\u{24f}'),
                    proptest::char::range('\u{300}', '\u{36f}'),
                    proptest::char::range('\u{370}', '\u{3ff}'),
                    proptest::char::range('\u{1e00}', '\u{1fff}'),
                    proptest::char::range('\u{2000}', '\u{24ff}'),
                    proptest::char::range('\u{3000}', '\u{30ff}'),
                    proptest::char::range('\u{ac00}', '\u{ac20}'),
                    proptest::char::range('\u{1100}', '\u{11ff}'),
                    proptest::char::range('\u{fb00}', '\u{fb4f}'),
                    proptest::char::range('\u{ff00}', '\u{ffef}'),
                    proptest::char::any(),
                ],
                0..40,
            ).prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            prop_assert_eq!(fold(&text), fold_whole(&text));
        }
    }
}
