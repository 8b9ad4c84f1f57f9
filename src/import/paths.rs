//! Paths inside the folder being imported and inside the new guide, always `/`-separated and
//! relative to a root: joining a link to the folder of the file that holds it, normalising
//! `.` and `..` (never above the root), the relative path from one file to another, and the
//! parts of a link (`path`, then `?query#fragment`).

use std::borrow::Cow;

/// The folder part of a file's path: `a/b` for `a/b/c.md`, `` for `c.md`.
pub fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// The file name of a path: `c.md` for `a/b/c.md`.
pub fn file_name(path: &str) -> &str {
    path.rsplit_once('/').map_or(path, |(_, name)| name)
}

/// The name without its last extension: `c` for `a/c.md`, `c.tar` for `c.tar.gz`.
pub fn stem(path: &str) -> &str {
    let name = file_name(path);
    name.rsplit_once('.')
        .filter(|(stem, _)| !stem.is_empty())
        .map_or(name, |(stem, _)| stem)
}

/// The extension, lowercase, without its dot: `md` for `a/C.MD`.
pub fn extension(path: &str) -> String {
    let name = file_name(path);
    name.rsplit_once('.')
        .filter(|(stem, _)| !stem.is_empty())
        .map_or(String::new(), |(_, extension)| {
            extension.to_ascii_lowercase()
        })
}

/// `relative` read from the folder `folder`, with `.` and `..` worked out. `None` when it climbs
/// above the root. A leading `/` starts from the root.
pub fn join(folder: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let start = if relative.starts_with('/') {
        ""
    } else {
        folder
    };
    for part in start.split('/').chain(relative.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The path that leads from a file in `from_folder` to `to` (both from the same root):
/// `../fig/x.png` from `pages` to `fig/x.png`.
pub fn relative(from_folder: &str, to: &str) -> String {
    let from: Vec<&str> = from_folder.split('/').filter(|p| !p.is_empty()).collect();
    let target: Vec<&str> = to.split('/').filter(|p| !p.is_empty()).collect();
    let shared = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - shared];
    parts.extend(&target[shared..]);
    parts.join("/")
}

/// A file or folder name fit for a guide's `content/`: no leading `_` (a partial's mark) and,
/// for a Markdown file, no dots before `.md` (a translation's mark: `notes.es.md`).
pub fn content_name(name: &str) -> String {
    let name = name.trim_start_matches('_');
    let name = match name.strip_suffix(".md") {
        Some(stem) => format!("{}.md", stem.replace('.', "-")),
        None => name.to_string(),
    };
    if name.is_empty() || name == ".md" {
        format!("page{name}")
    } else {
        name
    }
}

/// A link's destination split into the path and what follows it (`?query`, `#fragment`):
/// `("a.md", "#part")` for `a.md#part`.
pub fn split_link(destination: &str) -> (&str, &str) {
    match destination.find(['?', '#']) {
        Some(at) => destination.split_at(at),
        None => (destination, ""),
    }
}

/// Whether a destination leaves the site: a scheme (`https:`, `mailto:`), `//host`, or nothing
/// but a fragment.
pub fn is_external_or_local(destination: &str) -> bool {
    let (path, _) = split_link(destination);
    path.is_empty()
        || destination.starts_with("//")
        || destination.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// `%20` and the like decoded (a path as the file system names it).
pub fn decode(path: &str) -> Cow<'_, str> {
    if path.contains('%') {
        percent_encoding::percent_decode_str(path).decode_utf8_lossy()
    } else {
        Cow::Borrowed(path)
    }
}

/// A path made fit for a Markdown link: spaces and parentheses percent-encoded.
pub fn encode(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => encoded.push_str("%20"),
            '(' => encoded.push_str("%28"),
            ')' => encoded.push_str("%29"),
            '<' => encoded.push_str("%3C"),
            '>' => encoded.push_str("%3E"),
            c => encoded.push(c),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joining_works_out_dots_and_never_climbs_above_the_root() {
        assert_eq!(
            join("learners", "../episodes/fig/x.png").unwrap(),
            "episodes/fig/x.png"
        );
        assert_eq!(join("a/b", "./c/../d.md").unwrap(), "a/b/d.md");
        assert_eq!(join("a", "/top.md").unwrap(), "top.md");
        assert_eq!(join("", "../x.md"), None);
    }

    #[test]
    fn relative_paths_lead_from_one_folder_to_a_file() {
        assert_eq!(relative("pages", "fig/x.png"), "../fig/x.png");
        assert_eq!(relative("", "pages/reference.md"), "pages/reference.md");
        assert_eq!(relative("format", "format/summary.md"), "summary.md");
        assert_eq!(relative("a/b", "a/c/d.md"), "../c/d.md");
    }

    #[test]
    fn names_stems_and_extensions() {
        assert_eq!(stem("a/02-setup.Rmd"), "02-setup");
        assert_eq!(extension("a/02-setup.Rmd"), "rmd");
        assert_eq!(stem(".hidden"), ".hidden");
        assert_eq!(extension("README"), "");
        assert_eq!(folder_of("a/b/c.md"), "a/b");
    }

    #[test]
    fn names_in_content_are_neither_partials_nor_translations() {
        assert_eq!(content_name("_intro.md"), "intro.md");
        assert_eq!(content_name("notes.es.md"), "notes-es.md");
        assert_eq!(content_name("_static"), "static");
        assert_eq!(content_name("v1.2.png"), "v1.2.png");
        assert_eq!(content_name("_.md"), "page.md");
        assert_eq!(content_name("__"), "page");
    }

    #[test]
    fn links_split_and_external_ones_are_told_apart() {
        assert_eq!(split_link("a.md#part"), ("a.md", "#part"));
        assert_eq!(split_link("a.md?x=1#p"), ("a.md", "?x=1#p"));
        assert!(is_external_or_local("https://x.org/a.md"));
        assert!(is_external_or_local("mailto:a@b.c"));
        assert!(is_external_or_local("#local"));
        assert!(is_external_or_local("//cdn.org/x.js"));
        assert!(!is_external_or_local("fig/x.png"));
        assert!(!is_external_or_local("../a.md#x"));
        assert_eq!(decode("my%20file.png"), "my file.png");
        assert_eq!(encode("my file (1).png"), "my%20file%20%281%29.png");
    }
}
