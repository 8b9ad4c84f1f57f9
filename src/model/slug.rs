//! The slug rule: which characters a slug keeps, how a lesson's file name becomes its slug, and
//! how a title becomes one (for `guidebook new`, which names the new file after it).
//!
//! A slug names a lesson's page (`<slug>.html`) and is how other lessons list it in
//! `prerequisites`. Both rules keep letters and digits of any script, `-` and `_`, turn spaces
//! and dots into `-` and drop everything else. They differ where existing guides depend on it:
//! a file name keeps its letter case and any `--` it has, while a title is lowercased and its
//! words are joined by single hyphens. Heading anchors are not slugs: they follow GitHub's rule
//! (`markdown::headings::anchor_for`), since links written for GitHub must keep working.

/// `text` in lower case, as slugs and paths are compared letter case aside: borrowed when it
/// already is (most are, and this runs once per lesson at every build).
pub fn lower_case(text: &str) -> std::borrow::Cow<'_, str> {
    if text
        .bytes()
        .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
    {
        std::borrow::Cow::Owned(text.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Slugs the site itself uses for its own pages.
pub const RESERVED_SLUGS: [&str; 9] = [
    "index",
    "gear",
    "checklists",
    "key-points",
    "print",
    "handout",
    "404",
    "search",
    "sitemap",
];

/// The longest slug in bytes: its page, `<slug>.html`, must fit the 255 bytes most file
/// systems allow a file name.
pub const MAX_SLUG_BYTES: usize = 250;

/// What a character of a title or file name becomes in a slug.
enum Piece {
    /// A letter, digit or `_`, kept.
    Word(char),
    /// A `-`.
    Hyphen,
    /// White space or `.`: a break between words.
    Gap,
    /// Anything else, dropped.
    Dropped,
}

fn piece(c: char) -> Piece {
    if c == '-' {
        Piece::Hyphen
    } else if is_slug_char(c) {
        Piece::Word(c)
    } else if c.is_whitespace() || c == '.' {
        Piece::Gap
    } else {
        Piece::Dropped
    }
}

/// A character a slug may hold: a letter or digit of any script, `-` or `_`.
pub fn is_slug_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Whether `slug` (one set in front matter) is usable as it is.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty() && slug.chars().all(is_slug_char)
}

/// Whether `slug` would collide with one of the site's own pages (in any letter case): those
/// above, and a large guide's chapter pages, `part-1`, `part-2` ...
pub fn is_reserved(slug: &str) -> bool {
    let slug = slug.to_lowercase();
    let chapter_page = slug
        .strip_prefix("part-")
        .is_some_and(|number| !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()));
    RESERVED_SLUGS.contains(&slug.as_str()) || chapter_page
}

/// A title as a slug: lowercase words joined by single hyphens, never starting or ending with
/// one. `Warm up: stretch & 'focus'!` -> `warm-up-stretch-focus`. Empty when the title has no
/// letters or digits. A file named `<slug>.md` gets this slug back from [`from_file_name`],
/// unless the slug starts with digits and a hyphen (`2024-plans`), which that rule reads as a
/// step number.
pub fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    let mut gap = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        match piece(c) {
            Piece::Word(c) => {
                if gap && !slug.is_empty() {
                    slug.push('-');
                }
                gap = false;
                slug.push(c);
            }
            Piece::Hyphen | Piece::Gap => gap = true,
            Piece::Dropped => {}
        }
    }
    slug
}

/// A lesson's slug from its path under `content/`: the file name without `.md` and without a
/// leading step number (`NN-` or `NN_`). `basics/02-fit the harness.md` -> `fit-the-harness`.
/// Letter case and hyphens already in the name are kept, since guides link to these pages.
pub fn from_file_name(content_path: &str) -> String {
    let name = content_path.rsplit('/').next().unwrap_or(content_path);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let without_number = match stem.find(|c: char| !c.is_ascii_digit()) {
        Some(i) if i > 0 && stem[i..].starts_with(['-', '_']) => &stem[i + 1..],
        _ => stem,
    };
    let mut slug = String::with_capacity(without_number.len());
    for c in without_number.chars() {
        match piece(c) {
            Piece::Word(c) => slug.push(c),
            Piece::Hyphen => slug.push('-'),
            Piece::Gap if !slug.ends_with('-') => slug.push('-'),
            Piece::Gap | Piece::Dropped => {}
        }
    }
    slug.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn lower_case_borrows_what_already_is() {
        assert!(matches!(
            lower_case("fit-the-harness"),
            Cow::Borrowed("fit-the-harness")
        ));
        assert_eq!(lower_case("Fit/Harness.MD"), "fit/harness.md");
        assert_eq!(lower_case("Ärmel"), "ärmel");
        assert_eq!(lower_case("ärmel"), "ärmel");
    }

    #[test]
    fn titles_become_single_hyphenated_lowercase_words() {
        assert_eq!(
            slugify("Warm up: stretch & 'focus'!"),
            "warm-up-stretch-focus"
        );
        assert_eq!(slugify("Fit the harness!"), "fit-the-harness");
        assert_eq!(
            slugify("Harness: the \"snug\" fit # really"),
            "harness-the-snug-fit-really"
        );
        assert_eq!(slugify("What's next? (Part 2)"), "whats-next-part-2");
        assert_eq!(
            slugify("  --Leading and trailing--  "),
            "leading-and-trailing"
        );
        assert_eq!(slugify("a - b -- c"), "a-b-c");
        assert_eq!(slugify("snake_case and-dash"), "snake_case-and-dash");
        assert_eq!(slugify("Version 2.5\tnotes"), "version-2-5-notes");
        assert_eq!(slugify("Über – Katzen"), "über-katzen");
        assert_eq!(slugify("İstanbul"), "istanbul");
        assert_eq!(slugify("猫の散歩"), "猫の散歩");
        assert_eq!(slugify("?! --- !?"), "");
        assert_eq!(slugify(""), "");
    }

    #[test]
    fn title_slugs_never_hold_stray_hyphens() {
        let titles = [
            "Warm up: stretch & 'focus'!",
            "- - -x- - -",
            "a\u{2014}b", // an em dash is dropped, not a break
            "x . y",
            "end.",
            "Ünïcödé  spaces\u{a0}here",
        ];
        for title in titles {
            let slug = slugify(title);
            assert!(!slug.contains("--"), "{title:?} -> {slug:?}");
            assert!(
                !slug.starts_with('-') && !slug.ends_with('-'),
                "{title:?} -> {slug:?}"
            );
            assert!(is_valid_slug(&slug), "{title:?} -> {slug:?}");
        }
    }

    #[test]
    fn a_title_slug_survives_the_file_name_rule() {
        for title in ["Warm up: stretch & 'focus'!", "Über Katzen", "v2.5 notes"] {
            let slug = slugify(title);
            assert_eq!(from_file_name(&format!("{slug}.md")), slug);
        }
        // Digits and a hyphen read as a step number.
        assert_eq!(
            from_file_name(&format!("{}.md", slugify("2024 plans"))),
            "plans"
        );
    }

    #[test]
    fn slugs_from_file_names() {
        assert_eq!(from_file_name("02-fit-the-harness.md"), "fit-the-harness");
        assert_eq!(from_file_name("basics/10_scent.md"), "scent");
        assert_eq!(from_file_name("2024.md"), "2024");
        assert_eq!(from_file_name("my lesson (draft).md"), "my-lesson-draft");
        assert_eq!(from_file_name("Über Katzen.md"), "Über-Katzen");
        // Kept as they are, since existing pages are named so.
        assert_eq!(from_file_name("03-a--b.md"), "a--b");
        assert_eq!(from_file_name("a - b.md"), "a--b");
        assert_eq!(from_file_name("my.notes.md"), "my-notes");
        assert_eq!(from_file_name("-x-.md"), "x");
        assert_eq!(from_file_name("(*).md"), "");
    }

    #[test]
    fn reserved_and_valid_slugs() {
        assert!(is_reserved("Search"));
        assert!(!is_reserved("searching"));
        assert!(is_valid_slug("fit_the-harness2"));
        assert!(!is_valid_slug("fit the harness"));
        assert!(!is_valid_slug(""));
    }
}
