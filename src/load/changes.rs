//! Which of the guide's files changed between two loads, as the author sees them: a file
//! saved is one file, whatever burst of events the editor made to save it (a temporary file
//! renamed over it, a delete and a create) and however many times the watcher saw it. The
//! preview says so after each rebuild, and does nothing when no file changed.

use std::collections::BTreeMap;

use super::{LoadedGuide, THEMES_DIR};

/// What a file was at one load: its text's fingerprint, a theme file's bytes' fingerprint, or
/// an asset's size and time of change (assets are measured, not read).
#[derive(PartialEq, Eq)]
enum State {
    Text(u64),
    Bytes(u64),
    Measured(u64, Option<std::time::SystemTime>),
    /// A file that could not be read (or not as UTF-8), by the problem found.
    Unreadable(String),
}

/// The guide-relative paths (`content/02-fit.md`, `guide.toml`) of the files added, removed or
/// changed from `before` to `after`, sorted.
pub fn changed_files(before: &LoadedGuide, after: &LoadedGuide) -> Vec<String> {
    let (old, new) = (states(before), states(after));
    let mut changed: Vec<String> = (old.iter())
        .filter(|(path, state)| new.get(*path) != Some(*state))
        .map(|(path, _)| path.clone())
        .collect();
    changed.extend(new.keys().filter(|path| !old.contains_key(*path)).cloned());
    changed.sort();
    changed
}

fn states(guide: &LoadedGuide) -> BTreeMap<String, State> {
    let mut states = BTreeMap::new();
    for file in guide.text_files() {
        states.insert(file.path.clone(), State::Text(file.digest));
    }
    for asset in &guide.assets {
        let path = format!("{}/{}", super::CONTENT_DIR, asset.content_path);
        states.insert(path, State::Measured(asset.size, asset.modified));
    }
    for file in &guide.themes {
        let hash = xxhash_rust::xxh3::xxh3_64(&file.bytes);
        states.insert(
            format!("{THEMES_DIR}/{}/{}", file.theme, file.path),
            State::Bytes(hash),
        );
    }
    for problem in &guide.diagnostics {
        states
            .entry(problem.file.clone())
            .or_insert_with(|| State::Unreadable(problem.message.clone()));
    }
    states
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;
    use crate::load::front_matter::split_source;

    fn guide(lessons: &[(&str, &str)]) -> LoadedGuide {
        LoadedGuide {
            config: Some(SourceFile::new("guide.toml", "", "title = \"T\"\n")),
            lessons: (lessons.iter())
                .map(|(name, text)| {
                    split_source(SourceFile::new(
                        format!("content/{name}"),
                        name.to_string(),
                        *text,
                    ))
                })
                .collect(),
            ..LoadedGuide::default()
        }
    }

    #[test]
    fn only_files_whose_content_changed_count() {
        let before = guide(&[("a.md", "A"), ("b.md", "B")]);
        assert!(changed_files(&before, &before.clone()).is_empty());
        let after = guide(&[("a.md", "A, edited"), ("b.md", "B")]);
        assert_eq!(changed_files(&before, &after), ["content/a.md"]);
        let after = guide(&[("b.md", "B"), ("c.md", "C")]);
        assert_eq!(
            changed_files(&before, &after),
            ["content/a.md", "content/c.md"]
        );
    }
}
