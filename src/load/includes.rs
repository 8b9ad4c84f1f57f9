//! The files the guide's Markdown includes ([`super::directives`]): every file a lesson, page,
//! introduction or partial names in a directive is read here, and so is every file those name,
//! down to [`MAX_DEPTH`] levels. A path is relative to the file that names it; it may lead
//! anywhere inside the guide folder (`content/_shared.md`, `examples/hello.rs`), never out of it.
//! Whatever went wrong (no such file, outside the guide, not text) is kept with the path and
//! reported by the Markdown stage at the directive, with its line and column.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use super::SourceFile;
use super::directives::directives;

/// How deep includes may nest (mdBook's limit too): deeper is an error, which also ends a cycle.
pub const MAX_DEPTH: usize = 10;

/// A file a directive names, by its path relative to the guide folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncludedFile {
    Text(SourceFile),
    Missing,
    /// A folder, a link out of the guide, or a file that is not UTF-8 text.
    Unreadable(String),
}

/// Every file the guide's Markdown includes, and which files each file includes.
#[derive(Debug, Clone, Default)]
pub struct Includes {
    pub files: BTreeMap<String, IncludedFile>,
    /// The paths each file's directives name (guide-relative), for the files that have some.
    pub edges: HashMap<String, Vec<String>>,
}

impl Includes {
    pub fn get(&self, path: &str) -> Option<&IncludedFile> {
        self.files.get(path)
    }

    /// The text files read, for diagnostics and for reuse by the next load.
    pub fn texts(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.values().filter_map(|file| match file {
            IncludedFile::Text(source) => Some(source),
            _ => None,
        })
    }

    /// A fingerprint of everything the file at `path` includes, at any depth (0 when it
    /// includes nothing), so that a body is rendered again when an included file changes.
    pub fn digest_for(&self, path: &str) -> u64 {
        if !self.edges.contains_key(path) {
            return 0;
        }
        let mut digest = crate::fingerprint::Fingerprint::default();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut todo: Vec<&str> = vec![path];
        while let Some(next) = todo.pop() {
            for included in self.edges.get(next).into_iter().flatten() {
                if !seen.insert(included) {
                    continue;
                }
                digest.add(included);
                match self.files.get(included) {
                    Some(IncludedFile::Text(source)) => {
                        digest.add_number(source.digest);
                    }
                    Some(IncludedFile::Missing) => {
                        digest.add("missing");
                    }
                    Some(IncludedFile::Unreadable(why)) => {
                        digest.add(why);
                    }
                    None => {}
                }
                todo.push(included);
            }
        }
        digest.finish()
    }
}

/// The guide-relative folder of the file at `path` (`content/cli` for `content/cli/serve.md`).
pub fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// `path` (written in a file in `folder`) as a path relative to the guide folder; `None` when it
/// leaves the guide folder or is absolute.
pub fn resolve_in_guide(folder: &str, path: &str) -> Option<String> {
    if path.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Reads every file the `sources` (guide path and text of each Markdown file) include, at any
/// depth; `known` gives a file already read (a partial, or the same file from the last load).
pub fn read_includes<'s>(
    root: &Path,
    canonical_root: &Path,
    sources: impl IntoIterator<Item = (&'s str, &'s str)>,
    known: &dyn Fn(&str) -> Option<SourceFile>,
) -> Includes {
    let mut includes = Includes::default();
    // Files whose directives are still to be read, with their depth.
    let mut todo: Vec<(String, String, usize)> = sources
        .into_iter()
        .filter(|(_, text)| text.contains("{{"))
        .map(|(path, text)| (path.to_string(), text.to_string(), 0))
        .collect();
    while let Some((path, text, depth)) = todo.pop() {
        let named: Vec<String> = (directives(&text).iter())
            .filter_map(|d| d.kind.path())
            .filter_map(|p| resolve_in_guide(folder_of(&path), p))
            .collect();
        if named.is_empty() {
            continue;
        }
        for included in &named {
            if includes.files.contains_key(included) {
                continue;
            }
            let file = known(included).map_or_else(
                || read_included(root, canonical_root, included),
                IncludedFile::Text,
            );
            if let IncludedFile::Text(source) = &file
                && depth + 1 < MAX_DEPTH
                && source.text.contains("{{")
            {
                todo.push((included.clone(), source.text.to_string(), depth + 1));
            }
            includes.files.insert(included.clone(), file);
        }
        includes.edges.insert(path, named);
    }
    includes
}

/// Reads the file at guide path `path`, as text, if it is one inside the guide.
fn read_included(root: &Path, canonical_root: &Path, path: &str) -> IncludedFile {
    let full = root.join(path);
    let Ok(canonical) = full.canonicalize() else {
        return IncludedFile::Missing;
    };
    if !canonical.starts_with(canonical_root) {
        return IncludedFile::Unreadable("it is a link to a file outside the guide".into());
    }
    if canonical.is_dir() {
        return IncludedFile::Unreadable("it is a folder".into());
    }
    if !canonical.is_file() {
        // A pipe or a device could block the build, or never end.
        return IncludedFile::Unreadable("it is not a plain file".into());
    }
    match std::fs::read(&canonical) {
        Ok(bytes) => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            match std::str::from_utf8(bytes) {
                Ok(text) => {
                    let content_path = path.strip_prefix("content/").unwrap_or_default();
                    IncludedFile::Text(SourceFile::new(path, content_path, text))
                }
                Err(_) => IncludedFile::Unreadable("it is not UTF-8 text".into()),
            }
        }
        Err(error) => IncludedFile::Unreadable(format!("it cannot be read: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_inside_the_guide_only() {
        assert_eq!(
            resolve_in_guide("content/cli", "arg.md").as_deref(),
            Some("content/cli/arg.md")
        );
        assert_eq!(
            resolve_in_guide("content/a", "../../examples/x.rs").as_deref(),
            Some("examples/x.rs")
        );
        assert_eq!(resolve_in_guide("content", "../../x.rs"), None);
        assert_eq!(resolve_in_guide("content", "/etc/passwd"), None);
    }

    #[test]
    fn nested_includes_are_read_once_and_cycles_end() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/parts")).unwrap();
        std::fs::write(root.join("content/parts/a.md"), "A {{#include b.md}}").unwrap();
        std::fs::write(
            root.join("content/parts/b.md"),
            "B {{#include a.md}} {{#include ../../x.rs}}",
        )
        .unwrap();
        let canonical = root.canonicalize().unwrap();
        let includes = read_includes(
            root,
            &canonical,
            [(
                "content/lesson.md",
                "{{#include parts/a.md}} {{#include gone.md}}",
            )],
            &|_| None,
        );
        let paths: Vec<&str> = includes.files.keys().map(String::as_str).collect();
        assert_eq!(
            paths,
            [
                "content/gone.md",
                "content/parts/a.md",
                "content/parts/b.md",
                "x.rs"
            ]
        );
        assert_eq!(
            includes.get("content/gone.md"),
            Some(&IncludedFile::Missing)
        );
        assert_ne!(includes.digest_for("content/lesson.md"), 0);
        assert_eq!(includes.digest_for("content/other.md"), 0);
    }
}
