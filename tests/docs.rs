//! The manual in `docs/` is a guide, built by guidebook: it builds with no warning, its pages
//! are whole HTML pages, its examples work, and the sessions of its first lessons print what
//! guidebook prints. `docs_reference.rs` keeps its reference pages in step with the program.
//!
//! The examples: every ```toml block is a guide.toml (given a title when it has none), every
//! ```yaml block that starts with `categories:` a gear catalogue, every ```markdown block a
//! lesson (with `step:` in its front matter), a reference page (front matter without it) or a
//! lesson's text (no front matter). Each is put into a new starter guide (`guidebook init`),
//! whose lessons the manual's examples continue, and checked: no error, and for Markdown no
//! warning either. Files a Markdown example links are made for it (it shows how to link one,
//! not a file of the manual). A block that is not meant to work is written as ```text.

mod common;
#[path = "docs/manual.rs"]
mod manual;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use manual::{Page, docs, markdown_files};
use scraper::{Html, Selector};
use tempfile::TempDir;

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn the_manual_builds_without_a_warning_and_its_pages_are_whole() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("manual");
    let build = run(&["build", arg(&docs()), "--output", arg(&out)]);
    build.assert_code(0);
    assert_eq!(build.stderr, "", "the manual has warnings");
    let lessons: Vec<String> = (markdown_files().into_iter())
        .filter(|f| !f.starts_with("pages/") && f != "_index.md")
        .collect();
    assert!(lessons.len() >= 12, "{lessons:?}");
    assert!(
        build
            .stdout
            .starts_with(&format!("Built {} lessons", lessons.len())),
        "{}",
        build.stdout
    );
    let title = Selector::parse("head > title").unwrap();
    let main = Selector::parse("main#main").unwrap();
    let h1 = Selector::parse("main h1").unwrap();
    let mut pages = 0;
    for entry in fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = Html::parse_document(&fs::read_to_string(&path).unwrap());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(html.select(&title).count(), 1, "{name}: a title");
        if !["print.html", "handout.html"].contains(&name.as_str()) {
            assert_eq!(html.select(&main).count(), 1, "{name}: a main");
            assert_eq!(html.select(&h1).count(), 1, "{name}: one h1");
        }
        pages += 1;
    }
    // Every lesson and reference page, and the site's own pages.
    let reference = markdown_files()
        .iter()
        .filter(|f| f.starts_with("pages/"))
        .count();
    assert!(pages >= lessons.len() + reference + 5, "{pages} pages");
}

// ---------------------------------------------------------------------------------------------
// Examples

/// A new starter guide in a temporary folder.
fn starter() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let guide = tmp.path().join("guide");
    run(&["init", arg(&guide)]).assert_code(0);
    (tmp, guide)
}

/// The smallest PNG: one transparent pixel.
const PNG: [u8; 67] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// Makes every local file a Markdown example links (`](img/door.png` ...), relative to
/// `folder`, so that the example is checked for what it shows.
fn make_linked_files(markdown: &str, folder: &Path) {
    for (at, _) in markdown.match_indices("](") {
        let target = markdown[at + 2..]
            .split([')', ' ', '#'])
            .next()
            .unwrap_or_default();
        if target.is_empty() || target.contains(':') || target.ends_with(".md") {
            continue;
        }
        let path = folder.join(target);
        if path.exists() {
            continue;
        }
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let bytes: Vec<u8> = match path.extension().and_then(|x| x.to_str()) {
            Some("png") => PNG.to_vec(),
            Some("svg") => {
                br#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"/>"#.to_vec()
            }
            _ => b"example\n".to_vec(),
        };
        fs::write(path, bytes).unwrap();
    }
}

/// Checks one example in a starter guide; gives what went wrong, if anything.
fn check_example(info: &str, code: &str) -> Option<String> {
    let (_tmp, guide) = starter();
    let content = guide.join("content");
    let mut warnings_allowed = true;
    match info {
        "toml" => {
            let table: toml::Table = match toml::from_str(code) {
                Ok(table) => table,
                Err(error) => return Some(format!("not TOML: {error}")),
            };
            let title = if table.contains_key("title") {
                ""
            } else {
                "title = \"Example\"\n"
            };
            fs::write(guide.join("guide.toml"), format!("{title}{code}")).unwrap();
        }
        "yaml" if code.starts_with("categories:") => {
            fs::write(content.join("gear.yaml"), code).unwrap();
        }
        "markdown" | "md" => {
            warnings_allowed = false;
            let front_matter = code
                .strip_prefix("---\n")
                .and_then(|rest| rest.split_once("\n---\n"))
                .map(|(yaml, _)| yaml);
            let (path, text) = match front_matter {
                Some(yaml) if yaml.lines().any(|l| l.starts_with("step:")) => {
                    (content.join("50-example.md"), code.to_string())
                }
                Some(_) => (content.join("pages/example.md"), code.to_string()),
                None => (
                    content.join("50-example.md"),
                    format!("---\ntitle: Example\nstep: 50\nduration: 10 min\n---\n\n{code}"),
                ),
            };
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            make_linked_files(code, path.parent().unwrap());
            fs::write(&path, text).unwrap();
        }
        _ => return None,
    }
    let check = run(&["check", arg(&guide)]);
    let clean = check.code == 0 && (warnings_allowed || check.stderr.is_empty());
    (!clean).then(|| format!("exit {}:\n{}", check.code, check.stderr))
}

#[test]
fn the_manual_s_examples_work() {
    let mut checked = 0;
    let mut problems = Vec::new();
    for file in markdown_files() {
        let page = Page::read(&file);
        for (info, code) in page.code_blocks() {
            let language = info.split_whitespace().next().unwrap_or_default();
            if !["toml", "yaml", "markdown", "md"].contains(&language) {
                continue;
            }
            checked += 1;
            if let Some(problem) = check_example(language, code) {
                problems.push(format!("{file}, the example\n{code}\n{problem}"));
            }
        }
    }
    assert!(checked >= 25, "only {checked} examples found");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn a_broken_example_is_caught() {
    // The checker itself: an unknown key, a missing picture's alt text, a bad gear verdict.
    assert!(check_example("toml", "titel = \"x\"\n").is_some());
    assert!(check_example("markdown", "![](img/a.png)\n").is_some());
    assert!(check_example("markdown", "[x](09-nothing.md)\n").is_some());
    let gear = "categories:\n  - id: rewards\n    title: R\n    attributes: []\n    items:\n      - { id: treats, name: T, verdict: maybe, reason: r }\n";
    assert!(check_example("yaml", gear).is_some());
    assert!(check_example("markdown", "Plain text.\n").is_none());
}

// ---------------------------------------------------------------------------------------------
// Sessions

/// The console block of `file` whose first line is `$ command`: the lines after it.
fn session(file: &str, command: &str) -> Vec<String> {
    let page = Page::read(file);
    let (_, block) = (page.code_blocks())
        .find(|(info, code)| info == "console" && code.starts_with(&format!("$ {command}\n")))
        .unwrap_or_else(|| panic!("{file} has no session of `{command}`"));
    block.lines().skip(1).map(str::to_string).collect()
}

/// What a run printed, as a terminal shows it: the errors and warnings, then the report
/// (the diagnostics come first in every session the manual shows).
fn printed(run: &Run) -> Vec<String> {
    (run.stderr.lines().chain(run.stdout.lines()))
        .map(str::to_string)
        .collect()
}

/// `in 241 ms` -> `in N ms`, and `; 497 kB in 35 files kept` -> `; N in N files kept`: times
/// differ from run to run, and what the site keeps offline with every change of the theme.
fn without_times(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            let line = match line.rsplit_once(" in ") {
                Some((head, tail)) if tail.ends_with(" ms") => format!("{head} in N ms"),
                _ => line.clone(),
            };
            match (line.split_once("; "), line.split_once(" files kept")) {
                (Some((head, _)), Some((_, tail))) => format!("{head}; N in N files kept{tail}"),
                _ => line,
            }
        })
        .collect()
}

#[test]
fn the_first_guide_lesson_shows_what_guidebook_prints() {
    let lesson = "02-your-first-guide.md";
    let tmp = TempDir::new().unwrap();
    let at = Some(tmp.path());
    let init = run_with(&["init", "my-guide"], at, &[]);
    assert_eq!(printed(&init), session(lesson, "guidebook init my-guide"));
    let new = run_with(&["new", "Walk to the door", "my-guide"], at, &[]);
    assert_eq!(
        printed(&new),
        session(lesson, "guidebook new \"Walk to the door\" my-guide")
    );
    let check = run_with(&["check", "my-guide"], at, &[]);
    assert_eq!(printed(&check), session(lesson, "guidebook check my-guide"));

    // The lesson as the manual writes it, then the build.
    let page = Page::read(lesson);
    let (_, written) = (page.code_blocks())
        .find(|(info, code)| info == "markdown" && code.contains("title: \"Walk to the door\""))
        .expect("the written lesson");
    let file = tmp.path().join("my-guide/content/03-walk-to-the-door.md");
    fs::write(file, written).unwrap();
    let build = run_with(&["build", "my-guide"], at, &[]);
    assert_eq!(
        without_times(&printed(&build)),
        without_times(&session(lesson, "guidebook build my-guide"))
    );
}

#[test]
fn the_deploying_lesson_shows_what_init_ci_prints() {
    let lesson = "12-deploying.md";
    for service in ["github", "gitlab"] {
        let (_tmp, guide) = starter();
        let init = run_with(&["init", "--ci", service], Some(&guide), &[]);
        init.assert_code(0);
        assert_eq!(
            printed(&init),
            session(lesson, &format!("guidebook init --ci {service}"))
        );
    }
}
