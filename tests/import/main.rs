//! `guidebook import SOURCE DEST`, end to end on the real binary: Carpentries Workbench lessons
//! and mdBooks (two published ones in `tests/fixtures/import/`, and small made-up ones for the
//! edge cases) moved into new guides; what is written (files, front matter, links, guide.toml),
//! what is reported, and what is refused.

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod end_to_end;
mod mdbook;
mod workbench;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use pulldown_cmark::{Event, Parser, Tag};
use tempfile::TempDir;

/// A finished import: the source it read (a copy in a temporary folder), the guide it wrote,
/// and what the command printed.
pub struct Imported {
    pub tmp: TempDir,
    pub source: PathBuf,
    pub dest: PathBuf,
    pub run: Run,
}

impl Imported {
    /// A file of the new guide, as text.
    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.dest.join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}\n{}", self.run.stdout))
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.dest.join(relative).exists()
    }

    /// A Markdown file's front matter, parsed.
    pub fn front(&self, relative: &str) -> serde_yaml::Value {
        let text = self.read(relative);
        let yaml = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .map(|(yaml, _)| yaml)
            .unwrap_or_else(|| panic!("{relative} has no front matter:\n{text}"));
        serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{relative}: {e}\n{yaml}"))
    }

    /// A Markdown file's body, after its front matter.
    pub fn body(&self, relative: &str) -> String {
        let text = self.read(relative);
        match text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
        {
            Some((_, body)) => body.to_string(),
            None => text,
        }
    }

    /// The notes printed, as `file:line: message` (or `file: message`).
    pub fn notes(&self) -> Vec<String> {
        self.run
            .stdout
            .lines()
            .skip_while(|line| !line.starts_with("Not converted"))
            .skip(1)
            .take_while(|line| line.starts_with("  "))
            .map(|line| line.trim().to_string())
            .collect()
    }

    /// The note about `file` at `line` (0: about the whole file), which must exist.
    pub fn note_at(&self, file: &str, line: usize) -> String {
        let place = match line {
            0 => format!("{file}: "),
            line => format!("{file}:{line}: "),
        };
        self.notes()
            .into_iter()
            .find(|note| note.starts_with(&place))
            .unwrap_or_else(|| panic!("no note at {place}\n{}", self.run.stdout))
    }

    /// Every Markdown file of the new guide's `content/`, by its path there.
    pub fn markdown_files(&self) -> Vec<String> {
        let content = self.dest.join("content");
        snapshot(&content)
            .into_keys()
            .filter(|path| path.ends_with(".md"))
            .collect()
    }

    /// Every relative link and image of the guide's Markdown (partials left out) whose target
    /// is not a file of the guide: (file, destination).
    pub fn dangling_links(&self) -> Vec<(String, String)> {
        let content = self.dest.join("content");
        let mut dangling = Vec::new();
        for file in self.markdown_files() {
            if file
                .rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with('_') && n != "_index.md")
            {
                continue;
            }
            let text = fs::read_to_string(content.join(&file)).unwrap();
            for destination in link_destinations(&text) {
                let path = destination.split(['#', '?']).next().unwrap_or_default();
                if path.is_empty()
                    || destination.contains("://")
                    || destination.starts_with("mailto:")
                {
                    continue;
                }
                let path = percent_decode(path);
                let folder = Path::new(&file).parent().unwrap_or(Path::new(""));
                if !content.join(folder).join(&path).exists() {
                    dangling.push((file.clone(), destination));
                }
            }
        }
        dangling
    }
}

/// The destinations of a Markdown text's links and images.
pub fn link_destinations(text: &str) -> Vec<String> {
    Parser::new_ext(text, pulldown_cmark::Options::all())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

fn percent_decode(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned()
}

/// Imports a copy of `tests/fixtures/import/<name>` into a new folder; the import must succeed.
pub fn import_fixture(name: &str) -> Imported {
    let tmp = TempDir::new().unwrap();
    let source = tmp.path().join("source");
    copy_dir(&fixture_path(&format!("import/{name}")), &source);
    import_ok(tmp, source)
}

/// Imports a source made of `(path, text)` files; the import must succeed.
pub fn import_files(files: &[(&str, &str)]) -> Imported {
    let tmp = TempDir::new().unwrap();
    let source = write_source(tmp.path(), files);
    import_ok(tmp, source)
}

/// Writes a source folder `source` under `dir` from `(path, text)` files.
pub fn write_source(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
    let source = dir.join("source");
    fs::create_dir_all(&source).unwrap();
    for (path, text) in files {
        let path = source.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    source
}

fn import_ok(tmp: TempDir, source: PathBuf) -> Imported {
    let dest = tmp.path().join("guide");
    let run = run(&["import", source.to_str().unwrap(), dest.to_str().unwrap()]);
    run.assert_code(0);
    Imported {
        tmp,
        source,
        dest,
        run,
    }
}

/// A YAML value's items as strings.
pub fn strings(value: &serde_yaml::Value) -> Vec<String> {
    value
        .as_sequence()
        .map(|items| {
            items
                .iter()
                .map(|item| item.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}
