//! Which of the guide's files changed between two loads, as the author sees them: a file
//! saved is one file, whatever burst of events the editor made to save it (a temporary file
//! renamed over it, a delete and a create) and however many times the watcher saw it. The
//! preview says so after each rebuild, and does nothing when no file changed.

use std::collections::BTreeMap;

use super::{CONTENT_DIR, LoadedGuide, THEMES_DIR};

/// A file of one load, by where it is: a text file by its guide-relative path, an asset by
/// its path under `content/`, a theme file by its theme and path, a file that could not be read
/// by the path its problem names. Borrowed from the load: nothing is copied to compare two.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place<'a> {
    Text(&'a str),
    Asset(&'a str),
    Theme(&'a str, &'a str),
    Unreadable(&'a str),
}

impl Place<'_> {
    /// The path relative to the guide folder, as the author knows the file.
    fn guide_path(self) -> String {
        match self {
            Place::Text(path) | Place::Unreadable(path) => path.to_string(),
            Place::Asset(path) => format!("{CONTENT_DIR}/{path}"),
            Place::Theme(theme, path) => format!("{THEMES_DIR}/{theme}/{path}"),
        }
    }
}

/// What a file was at one load: its text's fingerprint, a theme file's bytes' fingerprint, an
/// asset's size and time of change (assets are measured, not read), or the problem that kept
/// it from being read.
#[derive(PartialEq, Eq)]
enum State<'a> {
    Text(u64),
    Bytes(u64),
    Measured(u64, Option<std::time::SystemTime>),
    Unreadable(&'a str),
}

/// The guide-relative paths (`content/02-fit.md`, `guide.toml`) of the files added, removed or
/// changed from `before` to `after`, sorted.
pub fn changed_files(before: &LoadedGuide, after: &LoadedGuide) -> Vec<String> {
    let (old, new) = (states(before), states(after));
    let mut changed: Vec<String> = if same_places(&old, &new) {
        // The same files in the same order (an edit): compared side by side.
        (old.iter().zip(&new))
            .filter(|((_, was), (_, is))| was != is)
            .map(|((place, _), _)| place.guide_path())
            .collect()
    } else {
        // Files came or went: compared by place.
        let (old, new) = (by_place(old), by_place(new));
        let mut changed: Vec<String> = (old.iter())
            .filter(|(place, state)| new.get(*place) != Some(*state))
            .map(|(place, _)| place.guide_path())
            .collect();
        changed
            .extend((new.keys().filter(|place| !old.contains_key(*place))).map(|p| p.guide_path()));
        changed
    };
    changed.sort();
    changed.dedup();
    changed
}

fn same_places(old: &[(Place<'_>, State<'_>)], new: &[(Place<'_>, State<'_>)]) -> bool {
    old.len() == new.len() && (old.iter().zip(new)).all(|((was, _), (is, _))| was == is)
}

/// The states by place; a file with several problems is known by the first.
fn by_place<'a>(states: Vec<(Place<'a>, State<'a>)>) -> BTreeMap<Place<'a>, State<'a>> {
    let mut by_place = BTreeMap::new();
    for (place, state) in states {
        by_place.entry(place).or_insert(state);
    }
    by_place
}

/// Every file of one load and its state, in the load's order.
fn states(guide: &LoadedGuide) -> Vec<(Place<'_>, State<'_>)> {
    let texts =
        (guide.text_files()).map(|file| (Place::Text(&file.path), State::Text(file.digest)));
    let assets = (guide.assets.iter()).map(|asset| {
        let state = State::Measured(asset.size, asset.modified);
        (Place::Asset(&asset.content_path), state)
    });
    let themes = (guide.themes.iter()).map(|file| {
        let hash = xxhash_rust::xxh3::xxh3_64(&file.bytes);
        (Place::Theme(&file.theme, &file.path), State::Bytes(hash))
    });
    let problems = (guide.diagnostics.iter()).map(|problem| {
        (
            Place::Unreadable(&problem.file),
            State::Unreadable(&problem.message),
        )
    });
    texts.chain(assets).chain(themes).chain(problems).collect()
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
