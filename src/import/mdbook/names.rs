//! The names a book's files give them in the guide: the path in `content/` (clear of what a
//! guide reads otherwise), the slug a chapter would like, and the address mdBook gave it.

use std::collections::HashMap;

use super::chapters::Kind;
use crate::import::paths::{content_name, file_name, folder_of, stem};
use crate::load::PAGES_DIR;
use crate::model::slug::slugify;

/// How many chapters have each file stem, to tell the ones whose stem alone names them.
pub fn stem_counts(wanted: &[(usize, Option<String>, Kind)]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for (_, in_src, kind) in wanted {
        if let (Some(in_src), false) = (in_src, *kind == Kind::Intro) {
            *counts.entry(name_of(in_src).to_lowercase()).or_insert(0) += 1;
        }
    }
    counts
}

/// The name a chapter's file gives it: its stem, or for a `README.md`/`index.md` its folder's.
fn name_of(in_src: &str) -> String {
    if is_index(in_src) {
        file_name(folder_of(in_src)).to_string()
    } else {
        stem(in_src).to_string()
    }
}

/// The slugs a chapter would like, best first: its name when no other chapter has it, its
/// path with `-` for `/`, its title.
pub fn slug_wishes(in_src: &str, title: &str, stems: &HashMap<String, usize>) -> Vec<String> {
    let name = name_of(in_src);
    let path = if is_index(in_src) {
        folder_of(in_src).to_string()
    } else {
        in_src.strip_suffix(".md").unwrap_or(in_src).to_string()
    }
    .replace('/', "-");
    let mut wishes = Vec::new();
    if !name.is_empty() && stems.get(&name.to_lowercase()).copied().unwrap_or(0) <= 1 {
        wishes.push(name);
    }
    if !path.is_empty() {
        wishes.push(path);
    }
    wishes.push(slugify(title));
    wishes
}

/// Whether mdBook serves this chapter as its folder's `index.html`.
fn is_index(in_src: &str) -> bool {
    let name = stem(in_src);
    name.eq_ignore_ascii_case("readme") || name == "index"
}

/// The address mdBook gave a chapter: `format/summary.html`, `format/index.html` for
/// `format/README.md`.
pub fn address_of(in_src: &str) -> String {
    if is_index(in_src) {
        match folder_of(in_src) {
            "" => "index.html".to_string(),
            folder => format!("{folder}/index.html"),
        }
    } else {
        format!("{}.html", in_src.strip_suffix(".md").unwrap_or(in_src))
    }
}

/// A path of the book as a path in `content/`: no part starts with `_` (a partial's mark in a
/// guide), a Markdown file's name has no dots before `.md` (a translation's mark), and,
/// unless `in_pages`, nothing goes into the top `pages/` folder (reference pages only) or
/// takes the gear catalogue's name.
pub fn guide_path(in_src: &str, in_pages: bool) -> String {
    let parts: Vec<&str> = in_src.split('/').filter(|p| !p.is_empty()).collect();
    let last = parts.len().saturating_sub(1);
    let mut out = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let mut part = content_name(part);
        if i == 0 && !in_pages {
            if part == PAGES_DIR && last > 0 {
                part = format!("{PAGES_DIR}-book");
            }
            if last == 0 && part.starts_with("gear.") && part.ends_with(".yaml") {
                part = format!("book-{part}");
            }
        }
        out.push(part);
    }
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_follow_mdbook() {
        assert_eq!(address_of("README.md"), "index.html");
        assert_eq!(address_of("format/README.md"), "format/index.html");
        assert_eq!(address_of("format/readme.md"), "format/index.html");
        assert_eq!(address_of("format/summary.md"), "format/summary.html");
    }

    #[test]
    fn paths_avoid_what_a_guide_reads_otherwise() {
        assert_eq!(guide_path("format/summary.md", false), "format/summary.md");
        assert_eq!(guide_path("_intro.md", false), "intro.md");
        assert_eq!(guide_path("notes.es.md", false), "notes-es.md");
        assert_eq!(guide_path("pages/a.md", false), "pages-book/a.md");
        assert_eq!(guide_path("pages/a.md", true), "pages/a.md");
        assert_eq!(guide_path("gear.yaml", false), "book-gear.yaml");
        assert_eq!(guide_path("_static/a.png", false), "static/a.png");
    }

    #[test]
    fn chapters_get_their_name_as_slug_unless_another_has_it_too() {
        let mut stems = HashMap::new();
        stems.insert("exercise".to_string(), 2);
        stems.insert("summary".to_string(), 1);
        stems.insert("format".to_string(), 1);
        assert_eq!(
            slug_wishes("format/summary.md", "SUMMARY.md", &stems),
            ["summary", "format-summary", "summary-md"]
        );
        assert_eq!(
            slug_wishes("types/exercise.md", "Exercise: Fibonacci", &stems),
            ["types-exercise", "exercise-fibonacci"]
        );
        assert_eq!(
            slug_wishes("format/README.md", "Format", &stems),
            ["format", "format", "format"]
        );
    }
}
