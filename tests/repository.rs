//! The repository as a newcomer clones it: no file points at a path outside it (a folder of
//! one machine, a home folder, a temporary file nobody writes), so that everything the text
//! relies on ships with it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file of the repository, relative to its root: `git ls-files` (what a clone holds),
/// or, outside a git checkout (a packaged crate), every file but build output.
fn repository_files() -> Vec<String> {
    let git = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root())
        .output();
    if let Ok(output) = git
        && output.status.success()
    {
        return (String::from_utf8_lossy(&output.stdout).split('\0'))
            .filter(|path| !path.is_empty())
            .map(str::to_string)
            .collect();
    }
    let skipped = ["target", ".git", "node_modules", "site"];
    walkdir::WalkDir::new(root())
        .into_iter()
        .filter_entry(|e| !skipped.iter().any(|s| e.file_name() == *s))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(root()).ok()?;
            Some(relative.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

/// The text of a file, or `None` for a binary one (not UTF-8, or holding a NUL byte).
fn text_of(path: &Path) -> Option<String> {
    let bytes = fs::read(path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    (!text.contains('\0')).then_some(text)
}

/// Folders of the machines guidebook was written on: never named anywhere.
const THIS_MACHINE: [&str; 4] = ["/work/", "../shared", "/shared/", "/scratch/"];
/// Home folders: named only in lesson text, where a shell session shows them (`/Users/nelle`).
const HOME_FOLDERS: [&str; 4] = ["/home/", "/root/", "/Users/", "C:\\Users\\"];
/// Where lesson text lives: the sample guide, the fixture guides and the manual.
const LESSON_TEXT: [&str; 3] = ["content/", "tests/fixtures/", "docs/content/"];
/// Words that, before a `/tmp/...` path on the same line, write it: such a path is made by
/// the text that names it, not read from a machine that happens to have it.
const WRITES: [&str; 8] = [
    "gen_guide.py",
    "CARGO_TARGET_DIR=",
    " -o ",
    "--output",
    "venv",
    "mkdir",
    "> ",
    "cd ",
];
/// Names of paths that are data, not pointers: (file, path, why).
const ALLOWED: [(&str, &str, &str); 4] = [
    (
        "tests/code.rs",
        "/home/",
        "a shell session's printed output in a test lesson",
    ),
    (
        "src/pdf/browser.rs",
        "/tmp/",
        "unit tests of turning a path into a file:// URL",
    ),
    (
        "benches/handout_pages.py",
        "/tmp/handout-guides",
        "the folder the script writes its guides into, named on its command line",
    ),
    (
        "benches/README.md",
        "/tmp/handout-guides",
        "the handout script's command line, which names the folder it writes into",
    ),
];

/// Whether the text at `at` starts a path: at the start of a line or after a space, a quote,
/// a bracket or `=`, not in the middle of a word or a URL (`https://e.org/home/`).
fn starts_a_path(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || "`\"'([<{=:,".contains(c))
}

/// `/tmp/NAME`, the first component of a temporary path found at `at`.
fn temporary_name(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let end = (rest["/tmp/".len()..].find(|c: char| c.is_whitespace() || "/`\"'),;]".contains(c)))
        .map_or(rest.len(), |end| end + "/tmp/".len());
    &rest[..end]
}

/// Every place in `text` (the file at `path`) that points outside the repository: (line
/// number, what is named).
fn pointers_outside(path: &str, text: &str) -> Vec<(usize, String)> {
    let lesson_text = LESSON_TEXT.iter().any(|prefix| path.starts_with(prefix));
    let allowed = |named: &str| {
        (ALLOWED.iter()).any(|(file, prefix, _)| *file == path && named.starts_with(prefix))
    };
    let mut found = Vec::new();
    let mut forbidden: Vec<&str> = THIS_MACHINE.to_vec();
    if !lesson_text {
        forbidden.extend(HOME_FOLDERS);
    }
    let lines: Vec<&str> = text.lines().collect();
    for (number, line) in lines.iter().enumerate() {
        for pattern in &forbidden {
            for (at, _) in line.match_indices(pattern) {
                if starts_a_path(line, at) && !allowed(pattern) {
                    found.push((number + 1, line[at..].trim().to_string()));
                }
            }
        }
        for (at, _) in line.match_indices("/tmp/") {
            if !starts_a_path(line, at) {
                continue;
            }
            let name = temporary_name(line, at);
            let written = lines.iter().any(|other| {
                (other.match_indices(name))
                    .any(|(place, _)| WRITES.iter().any(|word| other[..place].contains(word)))
            });
            if !written && !allowed(name) {
                found.push((number + 1, name.to_string()));
            }
        }
    }
    found
}

#[test]
fn no_file_points_at_a_path_outside_the_repository() {
    let files = repository_files();
    assert!(
        files.iter().any(|f| f == "Cargo.toml"),
        "the repository's files were not found: {files:?}"
    );
    let this_test = "tests/repository.rs";
    let mut problems = Vec::new();
    for file in files.iter().filter(|f| f.as_str() != this_test) {
        let Some(text) = text_of(&root().join(file)) else {
            continue;
        };
        for (line, named) in pointers_outside(file, &text) {
            problems.push(format!("{file}:{line}: {named}"));
        }
    }
    assert!(
        problems.is_empty(),
        "files point outside the repository (name the file in the repository, or say what it \
         is without a path of one machine):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_looks_for() {
    let found = |path: &str, text: &str| pointers_outside(path, text);
    assert_eq!(
        found("benches/README.md", "in `/work/scratch/eval/REPORT.md` (a)"),
        [(1, "/work/scratch/eval/REPORT.md` (a)".to_string())]
    );
    assert_eq!(found("README.md", "see ../shared/STYLE.md").len(), 1);
    assert_eq!(found("README.md", "cp /home/me/notes.md .").len(), 1);
    assert_eq!(found("content/01-a.md", "$ pwd\n/home/cat\n"), []);
    assert_eq!(found("README.md", "https://example.org/home/x"), []);
    assert_eq!(
        found("README.md", "the numbers in /tmp/eval.txt"),
        [(1, "/tmp/eval.txt".to_string())]
    );
    assert_eq!(
        found(
            "benches/README.md",
            "gen_guide.py /tmp/guide --lessons 9\nguidebook check /tmp/guide\n"
        ),
        []
    );
    assert_eq!(found("src/cli.rs", "build --output /tmp/site"), []);
}

/// The longest the README may be: one screen for a newcomer; the rest is in the manual.
const README_LINES: usize = 250;

/// The paths the README names: link targets, and code spans that look like a path of the
/// repository (`tests/run-all.sh`, `Cargo.toml`, `docs/`). What a build makes (`site/...`,
/// `target/...`) and places outside the repository (`~/.cargo/bin`) are left out.
fn readme_paths(readme: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag};
    let extensions = [
        ".md", ".rs", ".sh", ".toml", ".lock", ".png", ".svg", ".py", ".mjs", ".yml", ".json",
    ];
    let looks_like_path = |text: &str| {
        !text.contains(char::is_whitespace)
            && !text.contains(['<', '>', '*', '"', '='])
            && !text.starts_with(['-', '~', '/', '$', '.'])
            && (text.contains('/') || extensions.iter().any(|x| text.ends_with(x)))
    };
    let built = |path: &str| {
        let parts: Vec<&str> = path.split('/').collect();
        parts.contains(&"site") || parts.first() == Some(&"target")
    };
    let mut paths = Vec::new();
    for event in Parser::new(readme) {
        let candidate = match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let url = dest_url.to_string();
                if url.contains("://") || url.starts_with('#') {
                    continue;
                }
                url
            }
            Event::Code(code) if looks_like_path(&code) => code.to_string(),
            _ => continue,
        };
        let path = candidate.split('#').next().unwrap_or_default().to_string();
        if !path.is_empty() && !built(&path) {
            paths.push(path);
        }
    }
    paths
}

#[test]
fn the_readme_is_one_screen_and_names_only_files_that_exist() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(
        lines <= README_LINES,
        "README.md has {lines} lines; at most {README_LINES} (move the rest into the manual, docs/)"
    );
    let paths = readme_paths(&readme);
    for expected in [
        "tests/run-all.sh",
        "benches/README.md",
        "docs/content/img/sample-home.png",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} not found in {paths:?}"
        );
    }
    let missing: Vec<&String> = (paths.iter())
        .filter(|path| !root().join(path.trim_end_matches('/')).exists())
        .collect();
    assert!(
        missing.is_empty(),
        "README.md names files that do not exist: {missing:?}"
    );
}

#[test]
fn the_readme_check_finds_paths_and_leaves_built_ones_out() {
    let paths = readme_paths(
        "Run `tests/run-all.sh`, see [the benches](benches/README.md#targets) and \
         ![shot](docs/x.png); open `site/index.html` or `target/release/guidebook`; \
         `cargo install --locked` and `~/.cargo/bin` are no paths; `Cargo.toml` is.",
    );
    assert_eq!(
        paths,
        [
            "tests/run-all.sh",
            "benches/README.md",
            "docs/x.png",
            "Cargo.toml"
        ]
    );
}
