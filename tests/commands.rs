//! The commands besides `serve`, end to end on temporary folders: `init`, `new`, `check`, the
//! help and completion texts, `build`'s summary and streams, the web conventions of the built
//! sample guide (search index, meta tags, sitemap, canonical links) and `pdf` without a browser.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use tempfile::TempDir;

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The lesson files (`*.md` but `_index.md`) under `content/`.
fn lesson_files(guide: &Path) -> BTreeSet<String> {
    snapshot(&guide.join("content"))
        .into_keys()
        .filter(|p| p.ends_with(".md") && !p.ends_with("_index.md"))
        .collect()
}

/// The value of `key:` in a lesson's front matter, as written.
fn front_matter_value(lesson: &str, key: &str) -> Option<String> {
    let front = lesson.strip_prefix("---\n")?.split("\n---\n").next()?;
    front
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{key}:")))
        .map(|value| value.trim().to_string())
}

// ---------------------------------------------------------------------------------------------
// init

/// `init DIR` on a folder that does not exist yet.
fn init_new_guide() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let guide = tmp.path().join("my-guide");
    let run = run(&["init", arg(&guide)]);
    run.assert_code(0);
    (tmp, guide)
}

#[test]
fn init_writes_a_starter_guide_that_builds() {
    let (tmp, guide) = init_new_guide();
    for file in ["guide.toml", "content/_index.md", "content/gear.yaml"] {
        assert!(guide.join(file).is_file(), "{file} missing");
    }
    let lessons = lesson_files(&guide);
    assert_eq!(lessons.len(), 2, "{lessons:?}");

    let check = run(&["check", arg(&guide)]);
    check.assert_code(0);
    assert_eq!(check.stdout, "Checked 2 lessons: no errors, no warnings.\n");
    assert_eq!(check.stderr, "");

    let out = tmp.path().join("out");
    let build = run(&["build", arg(&guide), "--output", arg(&out)]);
    build.assert_code(0);
    assert!(build.stdout.contains("Built 2 lessons"), "{}", build.stdout);
    assert_eq!(build.stderr, "", "the starter guide has warnings");
    for page in [
        "index.html",
        "get-ready.html",
        "first-session.html",
        "gear.html",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
}

#[test]
fn init_works_in_an_empty_existing_folder() {
    let tmp = TempDir::new().unwrap();
    let guide = tmp.path().join("empty");
    fs::create_dir(&guide).unwrap();
    run(&["init", arg(&guide)]).assert_code(0);
    assert!(guide.join("guide.toml").is_file());
    assert_eq!(lesson_files(&guide).len(), 2);
    run(&["check", arg(&guide)]).assert_code(0);
}

#[test]
fn init_defaults_to_the_current_folder() {
    let tmp = TempDir::new().unwrap();
    let run = run_with(&["init"], Some(tmp.path()), &[]);
    run.assert_code(0);
    assert!(tmp.path().join("guide.toml").is_file());
    assert!(tmp.path().join("content/_index.md").is_file());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("busy");
    fs::create_dir_all(dir.join("content")).unwrap();
    fs::write(dir.join("notes.txt"), "my notes\n").unwrap();
    fs::write(dir.join("content/_index.md"), "hand written\n").unwrap();
    let before = snapshot(tmp.path());

    let run = run(&["init", arg(&dir)]);
    run.assert_code(2);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert_eq!(snapshot(tmp.path()), before, "init changed files");
    assert_eq!(
        names_in(&dir),
        ["content", "notes.txt"].map(String::from).into()
    );
}

#[test]
fn init_refuses_a_folder_holding_only_a_hidden_file() {
    let tmp = TempDir::new().unwrap();
    fs::write(tmp.path().join(".git"), "gitdir: elsewhere\n").unwrap();
    let before = snapshot(tmp.path());
    run(&["init", arg(tmp.path())]).assert_code(2);
    assert_eq!(snapshot(tmp.path()), before);
}

// ---------------------------------------------------------------------------------------------
// new

#[test]
fn new_writes_the_next_lesson_and_the_guide_still_builds() {
    let (tmp, guide) = init_new_guide();
    let run = run(&["new", "Fit the harness!", arg(&guide)]);
    run.assert_code(0);
    let path = guide.join("content/03-fit-the-harness.md");
    assert!(
        run.stdout.contains("03-fit-the-harness.md"),
        "{}",
        run.stdout
    );
    let text = fs::read_to_string(&path).expect("content/03-fit-the-harness.md");
    assert!(text.starts_with("---\n"), "{text}");
    assert_eq!(
        front_matter_value(&text, "step").as_deref(),
        Some("3"),
        "{text}"
    );
    assert!(front_matter_value(&text, "duration").is_some(), "{text}");

    let out = tmp.path().join("out");
    let build = common::run(&["build", arg(&guide), "--output", arg(&out)]);
    build.assert_code(0);
    assert!(build.stdout.contains("Built 3 lessons"), "{}", build.stdout);
    let html = page(&out, "fit-the-harness.html");
    assert_eq!(text_of(&html, "h1"), "Fit the harness!");
    // It comes last.
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    let positions: Vec<usize> = [
        "get-ready.html",
        "first-session.html",
        "fit-the-harness.html",
    ]
    .iter()
    .map(|p| index.find(&format!("href=\"{p}\"")).expect(p))
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

fn text_of(html: &scraper::Html, css: &str) -> String {
    text(select_one(html, css))
}

#[test]
fn new_takes_a_step() {
    let (tmp, guide) = init_new_guide();
    run(&["new", "Much later", arg(&guide), "--step", "7"]).assert_code(0);
    let text = fs::read_to_string(guide.join("content/07-much-later.md")).unwrap();
    assert_eq!(front_matter_value(&text, "step").as_deref(), Some("7"));
    let out = tmp.path().join("out");
    run(&["build", arg(&guide), "--output", arg(&out)]).assert_code(0);
    // The next one without --step comes after it.
    run(&["new", "Even later", arg(&guide)]).assert_code(0);
    let text = fs::read_to_string(guide.join("content/08-even-later.md")).unwrap();
    assert_eq!(front_matter_value(&text, "step").as_deref(), Some("8"));
}

#[test]
fn new_never_overwrites_a_lesson() {
    let (_tmp, guide) = init_new_guide();
    run(&["new", "Fit the harness!", arg(&guide)]).assert_code(0);
    let path = guide.join("content/03-fit-the-harness.md");
    fs::write(&path, lesson("Fit the harness!", 3, "", "My own words.\n")).unwrap();
    let before = snapshot(&guide);
    let again = run(&["new", "Fit the harness!", arg(&guide)]);
    again.assert_code(2);
    assert!(
        again.stderr.contains("the slug `fit-the-harness` is taken"),
        "{}",
        again.stderr
    );
    assert_eq!(snapshot(&guide), before);
}

#[test]
fn new_quotes_titles_for_yaml() {
    let (tmp, guide) = init_new_guide();
    let title = "Harness: the \"snug\" fit # really";
    run(&["new", title, arg(&guide)]).assert_code(0);
    let path = guide.join("content/03-harness-the-snug-fit-really.md");
    assert!(path.is_file(), "{:?}", lesson_files(&guide));
    run(&["check", arg(&guide)]).assert_code(0);
    let out = tmp.path().join("out");
    run(&["build", arg(&guide), "--output", arg(&out)]).assert_code(0);
    let html = page(&out, "harness-the-snug-fit-really.html");
    assert_eq!(text_of(&html, "h1"), title);
}

#[test]
fn new_refuses_a_title_without_letters_or_digits() {
    let (_tmp, guide) = init_new_guide();
    let before = snapshot(&guide);
    let run = run(&["new", "?! --- !?", arg(&guide)]);
    run.assert_code(2);
    assert!(run.stderr.starts_with("error:"), "{}", run.stderr);
    assert_eq!(snapshot(&guide), before);
}

#[test]
fn new_outside_a_guide_is_a_usage_error() {
    let tmp = TempDir::new().unwrap();
    let run = run(&["new", "Lonely lesson", arg(tmp.path())]);
    run.assert_code(2);
    assert!(run.stderr.contains("guide.toml"), "{}", run.stderr);
    assert!(
        names_in(tmp.path()).is_empty(),
        "new wrote into a non-guide"
    );
    // And from inside such a folder, with the default DIR.
    let run = run_with(&["new", "Lonely lesson"], Some(tmp.path()), &[]);
    run.assert_code(2);
    assert!(names_in(tmp.path()).is_empty());
}

/// `content/` linked to a folder outside the guide: `build` refuses to read through the link,
/// and `new` refuses to write through it (exit 2, nothing written there). A link to a folder
/// inside the guide is followed, as the build follows it.
#[test]
fn new_refuses_a_content_link_out_of_the_guide() {
    let (tmp, guide) = init_new_guide();
    let elsewhere = tmp.path().join("elsewhere");
    fs::rename(guide.join("content"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, guide.join("content")).unwrap();
    let before = names_in(&elsewhere);
    let refused = run(&["new", "Through the link", arg(&guide)]);
    refused.assert_code(2);
    assert!(
        refused
            .stderr
            .contains("`content/` is a link to a folder outside the guide"),
        "{}",
        refused.stderr
    );
    assert_eq!(names_in(&elsewhere), before, "new wrote outside the guide");
    run(&["build", arg(&guide)]).assert_code(1);
    // A link that leads nowhere is refused too.
    fs::remove_file(guide.join("content")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("nowhere"), guide.join("content")).unwrap();
    run(&["new", "Nowhere", arg(&guide)]).assert_code(2);
    assert!(!tmp.path().join("nowhere").exists());
    // A link inside the guide is the guide's own folder.
    fs::remove_file(guide.join("content")).unwrap();
    fs::rename(&elsewhere, guide.join("lessons")).unwrap();
    std::os::unix::fs::symlink("lessons", guide.join("content")).unwrap();
    run(&["new", "Inside", arg(&guide)]).assert_code(0);
    assert!(guide.join("lessons/03-inside.md").is_file());
    run(&["build", arg(&guide)]).assert_code(0);
}

// ---------------------------------------------------------------------------------------------
// check

#[test]
fn check_reports_every_error_as_json_and_writes_nothing() {
    let workspace = write_guide(&[
        (
            "content/01-first.md",
            &lesson("First", 1, "colour: blue\n", "Hello.\n"),
        ),
        (
            "content/02-second.md",
            "---\ntitle: Second\nstep: 2\n---\nNo duration.\n",
        ),
    ]);
    let before = snapshot(workspace.tmp.path());
    let run = workspace.check(&["--format", "json"]);
    run.assert_code(1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout));
    let diagnostics = json.as_array().expect("a JSON array");
    assert_eq!(diagnostics.len(), 2, "{json:#}");
    let files: BTreeSet<&str> = diagnostics
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["content/01-first.md", "content/02-second.md"].into(),
        "{json:#}"
    );
    for diagnostic in diagnostics {
        let object = diagnostic.as_object().expect("an object");
        let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
        for key in DIAGNOSTIC_JSON_KEYS {
            assert!(keys.contains(key), "no {key} in {diagnostic:#}");
        }
        assert_eq!(diagnostic["severity"], "error");
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(
                diagnostic[key].as_u64().is_some_and(|n| n >= 1),
                "{key} in {diagnostic:#}"
            );
        }
        let start = (diagnostic["line"].as_u64(), diagnostic["column"].as_u64());
        let end = (
            diagnostic["end_line"].as_u64(),
            diagnostic["end_column"].as_u64(),
        );
        assert!(start <= end, "{diagnostic:#}");
        assert!(
            diagnostic["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    let unknown = diagnostics
        .iter()
        .find(|d| d["file"] == "content/01-first.md")
        .unwrap();
    assert_eq!(unknown["line"], 5, "the `colour:` line: {unknown:#}");
    assert_eq!(unknown["column"], 1, "{unknown:#}");
    assert_eq!(snapshot(workspace.tmp.path()), before, "check wrote files");
}

#[test]
fn check_in_human_format_passes_the_sample_guide() {
    let workspace = copy_sample_guide();
    let before = snapshot(workspace.tmp.path());
    let run = workspace.check(&[]);
    run.assert_code(0);
    // The only warnings: the lessons the Spanish edition shows in English, one each.
    let untranslated = (lesson_files(&workspace.guide).into_iter())
        .filter(|file| !file.ends_with(".es.md"))
        .filter(|file| {
            let translation = file.replace(".md", ".es.md");
            !workspace.guide.join("content").join(translation).exists()
        })
        .count();
    assert!(untranslated > 0);
    assert_eq!(
        run.stderr
            .matches("warning: not translated into `es`")
            .count(),
        untranslated,
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("warning:").count(),
        untranslated,
        "{}",
        run.stderr
    );
    let lessons = (lesson_files(&workspace.guide).into_iter())
        .filter(|file| !file.ends_with(".es.md"))
        .count();
    assert_eq!(
        run.stdout,
        format!("Checked {lessons} lessons: no errors, {untranslated} warnings.\n")
    );
    assert_eq!(snapshot(workspace.tmp.path()), before, "check wrote files");
}

#[test]
fn check_with_errors_prints_them_on_stderr() {
    let workspace = write_guide(&[(
        "content/01-first.md",
        "---\ntitle: First\nstep: 1\n---\nNo duration.\n",
    )]);
    let run = workspace.check(&[]);
    run.assert_code(1);
    let diagnostic = single_error(&parse_diagnostics(&run.stderr)).clone();
    assert_eq!(diagnostic.file, "content/01-first.md");
    assert_eq!(run.stdout, "Checked 1 lesson: 1 error, no warnings.\n");
}

#[test]
fn check_ends_with_a_line_that_counts_errors_and_warnings() {
    let lesson = |step: u32, body: &str| lesson(&format!("Lesson {step}"), step, "", body);
    let workspace = write_guide(&[
        ("content/01-a.md", &lesson(1, "![A photo](missing.png)\n")),
        ("content/02-b.md", &lesson(2, "::: notte\nA block.\n:::\n")),
        ("content/03-c.md", &lesson(3, "::: notte\nA block.\n:::\n")),
    ]);
    let run = workspace.check(&[]);
    run.assert_code(1);
    let found = parse_diagnostics(&run.stderr);
    let severities: Vec<&str> = found.iter().map(|d| d.severity.as_str()).collect();
    assert_eq!(
        severities,
        ["error", "warning", "warning"],
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "Checked 3 lessons: 1 error, 2 warnings.\n");

    workspace.write("content/01-a.md", &lesson(1, "Fine.\n"));
    workspace.write("content/03-c.md", &lesson(3, "Fine.\n"));
    let run = workspace.check(&[]);
    run.assert_code(0);
    assert_eq!(parse_diagnostics(&run.stderr).len(), 1, "{}", run.stderr);
    assert_eq!(run.stdout, "Checked 3 lessons: no errors, 1 warning.\n");
    // -q keeps the problems and leaves out the summary.
    let quiet = workspace.check(&["-q"]);
    quiet.assert_code(0);
    assert_eq!(quiet.stdout, "");
    // JSON stays JSON.
    let json = workspace.check(&["--format", "json"]);
    serde_json::from_str::<serde_json::Value>(&json.stdout).unwrap();
}

#[test]
fn check_renders_every_page_and_finds_template_errors_without_writing() {
    // `check` renders the site into nothing, the print edition included.
    let workspace = write_guide(&[
        (
            "content/01-first.md",
            "---\ntitle: First\nstep: 1\nduration: 5 min\n---\nText.\n",
        ),
        (
            "themes/default/templates/print.html",
            "{% for l in lessons %}{{ l.html | safe }}{% endfor %}\n{{ l.title }}\n",
        ),
    ]);
    let before = snapshot(workspace.tmp.path());
    let run = workspace.check(&[]);
    run.assert_code(1);
    let diagnostic = single_error(&parse_diagnostics(&run.stderr)).clone();
    assert_diag(
        &diagnostic,
        "themes/default/templates/print.html",
        2,
        4,
        "Variable `l` is not defined",
    );
    assert_eq!(snapshot(workspace.tmp.path()), before, "check wrote files");
}

// ---------------------------------------------------------------------------------------------
// Help, version, completions, usage errors

#[test]
fn every_subcommand_has_help_with_examples() {
    for command in [
        "build",
        "check",
        "serve",
        "pdf",
        "init",
        "new",
        "completions",
    ] {
        let run = run(&[command, "--help"]);
        run.assert_code(0);
        assert!(
            run.stdout.contains("Examples"),
            "`{command} --help` has no examples:\n{}",
            run.stdout
        );
        assert!(
            run.stdout.contains(&format!("guidebook {command}")),
            "{}",
            run.stdout
        );
    }
    let run = run(&["--help"]);
    run.assert_code(0);
    for command in [
        "build",
        "check",
        "serve",
        "pdf",
        "init",
        "new",
        "completions",
    ] {
        assert!(run.stdout.contains(command), "{command}: {}", run.stdout);
    }
}

#[test]
fn version_prints_the_package_version() {
    let run = run(&["--version"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.trim(),
        format!("guidebook {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let run = run(&["completions", shell]);
        run.assert_code(0);
        assert!(run.stdout.contains("guidebook"), "{shell}:\n{}", run.stdout);
        for command in ["build", "serve", "completions"] {
            assert!(run.stdout.contains(command), "{shell} lacks {command}");
        }
    }
    run(&["completions", "tcsh-or-so"]).assert_code(2);
}

#[test]
fn unknown_flags_and_commands_are_usage_errors() {
    for args in [
        &["build", "--no-such-flag"][..],
        &["--no-such-flag"],
        &["check", "--format", "yaml"],
        &["serve", "--port", "not-a-port"],
        &["frobnicate"],
        &[],
    ] {
        let run = run(args);
        run.assert_code(2);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn a_missing_guide_is_an_environment_error() {
    let tmp = TempDir::new().unwrap();
    let missing = tmp.path().join("nowhere");
    for command in ["build", "check"] {
        let run = run(&[command, arg(&missing)]);
        run.assert_code(2);
        assert!(run.stderr.starts_with("error:"), "{}", run.stderr);
    }
    assert!(names_in(tmp.path()).is_empty());
}

// ---------------------------------------------------------------------------------------------
// build's output on the terminal

#[test]
fn build_prints_a_one_line_summary() {
    let workspace = copy_fixture("basic");
    let out = workspace.out();
    let run = workspace.build_to(&out, &[]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    let line = lines[0];
    // The total guide time is the one the home page shows.
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    let total = index
        .split("<dt>Total time</dt><dd>")
        .nth(1)
        .and_then(|rest| rest.split("</dd>").next())
        .expect("the home page shows the total time");
    assert_eq!(total, "7 days");
    let pages = html_files(&out).len();
    // What the service worker keeps: every file but itself, the marker and the sitemap.
    let kept = snapshot(&out)
        .into_keys()
        .filter(|path| !matches!(path.as_str(), ".guidebook-site" | "sw.js" | "sitemap.xml"))
        .count();
    let prefix = format!("Built 4 lessons ({pages} pages, total guide time {total}; ");
    let offline = format!(
        " in {kept} files kept for reading offline) into {} in ",
        out.display()
    );
    let line = line
        .strip_prefix(&prefix)
        .and_then(|rest| rest.split_once(" kB").or_else(|| rest.split_once(" MB")))
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| {
            panic!("unexpected summary {line:?}; expected {prefix:?}N kB{offline:?}N ms")
        });
    let prefix = offline;
    let millis = line
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(" ms"))
        .unwrap_or_else(|| panic!("unexpected summary {line:?}; expected {prefix:?}N ms"));
    millis.parse::<u64>().expect("milliseconds");
}

#[test]
fn build_quiet_prints_nothing() {
    let workspace = copy_fixture("basic");
    let out = workspace.out();
    let run = workspace.build_to(&out, &["-q"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
    assert!(out.join("index.html").is_file());
}

/// Runs the binary with the environment variables in `remove` unset.
fn run_without(args: &[&str], remove: &[&str], set: &[(&str, &str)]) -> Run {
    let mut command = Command::new(bin());
    command
        .args(args)
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH);
    for key in remove {
        command.env_remove(key);
    }
    for (key, value) in set {
        command.env(key, value);
    }
    let output = command.output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn errors_go_to_stderr_without_colour() {
    let workspace = write_guide(&[(
        "content/01-first.md",
        "---\ntitle: First\nstep: 1\nduration: forever\n---\nBody.\n",
    )]);
    let out = workspace.out();
    let args = ["build", arg(&workspace.guide), "--output", arg(&out)];
    let runs = [
        run_without(&args, &["CLICOLOR_FORCE"], &[("NO_COLOR", "1")]),
        // Not a terminal: no colour even without NO_COLOR.
        run_without(&args, &["NO_COLOR", "CLICOLOR_FORCE"], &[]),
    ];
    for run in runs {
        run.assert_code(1);
        assert_eq!(run.stdout, "", "errors went to stdout");
        assert!(run.stderr.contains("error:"), "{}", run.stderr);
        assert!(
            run.stderr.contains("content/01-first.md:4:"),
            "{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("\x1b["),
            "ANSI escapes in {:?}",
            run.stderr
        );
        assert!(!out.exists());
    }
}

// ---------------------------------------------------------------------------------------------
// The built sample guide: search index and web conventions

/// The sample guide's lesson pages, from the file names (`NN-slug.md`).
fn sample_lesson_pages(guide: &Path) -> Vec<String> {
    // Translations (`02-fit.es.md`) have their pages in `es/`.
    let mut files: Vec<String> = (lesson_files(guide).into_iter())
        .filter(|file| !file.trim_end_matches(".md").contains('.'))
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let name = file.trim_end_matches(".md");
            let slug = name
                .split_once('-')
                .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
                .map_or(name, |(_, rest)| rest);
            format!("{slug}.html")
        })
        .collect()
}

fn build_sample() -> (Workspace, PathBuf, Vec<String>) {
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    let pages = sample_lesson_pages(&workspace.guide);
    assert!(pages.len() >= 2, "{pages:?}");
    (workspace, out, pages)
}

#[test]
fn the_search_index_lists_every_lesson() {
    let (_workspace, out, pages) = build_sample();
    let documents = search_pages(&out);
    assert_eq!(documents.len(), pages.len());
    let texts = search_texts(&out);
    assert!(texts.iter().all(|text| !text.is_empty()), "{texts:?}");
    let mut urls = Vec::new();
    for document in &documents {
        let keys: BTreeSet<&str> = document
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["h", "s", "t", "u"].into(), "{document}");
        let url = document["u"].as_str().unwrap();
        assert!(out.join(url).is_file(), "{url} is not a page");
        assert!(
            document["t"].as_str().is_some_and(|t| !t.is_empty()),
            "{document}"
        );
        assert!(document["h"].is_array());
        urls.push(url.to_string());
    }
    assert_eq!(urls, pages, "one entry per lesson, in step order");
}

#[test]
fn every_web_page_has_language_description_and_open_graph_title() {
    let (_workspace, out, pages) = build_sample();
    assert!(out.join("404.html").is_file());
    assert!(
        !out.join("sitemap.xml").exists(),
        "a sitemap with base_url \"/\""
    );
    let mut web_pages = pages.clone();
    web_pages.extend(["index.html", "gear.html", "checklists.html", "404.html"].map(String::from));
    for name in html_files(&out) {
        let html = page(&out, &name);
        let language = if name.starts_with("es/") { "es" } else { "en" };
        assert_eq!(attr(select_one(&html, "html"), "lang"), language, "{name}");
        assert!(
            select(&html, "link[rel=canonical]").is_empty(),
            "{name}: a canonical link without an absolute base_url"
        );
    }
    for name in &web_pages {
        let html = page(&out, name);
        let description = attr(select_one(&html, "meta[name=description]"), "content");
        assert!(!description.trim().is_empty(), "{name}");
        let og_title = attr(select_one(&html, "meta[property='og:title']"), "content");
        assert!(!og_title.trim().is_empty(), "{name}");
    }
    let lesson = page(&out, "first-wear-indoors.html");
    assert_eq!(
        attr(select_one(&lesson, "meta[property='og:title']"), "content"),
        "Put the harness on for the first time"
    );
}

/// A small well-formedness check of XML: tags nest and close, attributes are quoted, and text
/// holds no bare `<` or `&`.
fn assert_well_formed_xml(xml: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    let mut roots = 0;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        assert_text(text);
        let close = rest[open..].find('>').expect("a tag closes") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if tag.starts_with('?') {
            assert!(tag.ends_with('?'), "{tag}");
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name.trim()), "mismatched </{name}>");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let name = tag
            .trim_end_matches('/')
            .split_whitespace()
            .next()
            .expect("a tag name");
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in <{tag}>"
        );
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(name);
        }
    }
    assert_text(rest);
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(roots, 1, "one root element");
}

fn assert_text(text: &str) {
    for (at, _) in text.match_indices('&') {
        let entity = &text[at..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "bare & in {text:?}"
        );
    }
}

#[test]
fn an_absolute_base_url_adds_a_sitemap_and_canonical_links() {
    let workspace = copy_sample_guide();
    let config = workspace.read("guide.toml");
    assert!(config.contains("base_url = \"/\""), "{config}");
    workspace.write(
        "guide.toml",
        &config.replace(
            "base_url = \"/\"",
            "base_url = \"https://example.com/guide/\"",
        ),
    );
    let out = workspace.build_ok();
    let pages = sample_lesson_pages(&workspace.guide);
    let base = "https://example.com/guide/";

    let xml = fs::read_to_string(out.join("sitemap.xml")).expect("sitemap.xml");
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        "{xml}"
    );
    assert!(
        xml.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"),
        "{xml}"
    );
    assert_well_formed_xml(&xml);
    let locs: Vec<&str> = xml
        .split("<loc>")
        .skip(1)
        .map(|rest| rest.split("</loc>").next().unwrap())
        .collect();
    for loc in &locs {
        assert!(loc.starts_with(base), "{loc} is not under {base}");
    }
    let unique: BTreeSet<&&str> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "duplicate <loc>: {locs:?}");
    let index_locs = locs
        .iter()
        .filter(|l| **l == base || **l == format!("{base}index.html"))
        .count();
    assert_eq!(index_locs, 1, "the home page once: {locs:?}");
    for page in &pages {
        let url = format!("{base}{page}");
        assert_eq!(
            locs.iter().filter(|l| **l == url).count(),
            1,
            "{url} in {locs:?}"
        );
    }
    for loc in &locs {
        let page = loc.strip_prefix(base).unwrap();
        let file = if page.is_empty() || page.ends_with('/') {
            format!("{page}index.html")
        } else {
            page.to_string()
        };
        let file = file.as_str();
        assert!(out.join(file).is_file(), "{loc} is not a page");
        assert!(
            !["404.html", "print.html", "handout.html"].contains(&file),
            "{loc} should not be in the sitemap"
        );
    }

    for name in &pages {
        let html = page(&out, name);
        let canonical = attr(select_one(&html, "link[rel=canonical]"), "href");
        assert_eq!(canonical, format!("{base}{name}"));
    }
    let index = page(&out, "index.html");
    let canonical = attr(select_one(&index, "link[rel=canonical]"), "href");
    assert!(
        canonical == base || canonical == format!("{base}index.html"),
        "{canonical}"
    );
}

// ---------------------------------------------------------------------------------------------
// pdf

/// Runs `pdf` on the basic fixture into `tmp/out` and checks it failed with exit code 2 before
/// writing anything; returns stderr.
fn pdf_fails(extra: &[&str], remove: &[&str], set: &[(&str, &str)]) -> String {
    let workspace = copy_fixture("basic");
    let out = workspace.out();
    let mut args = vec!["pdf", arg(&workspace.guide), "--output", arg(&out)];
    args.extend_from_slice(extra);
    let run = run_without(&args, remove, set);
    run.assert_code(2);
    assert!(!out.join("guide.pdf").exists());
    assert!(!workspace.guide_path("site/guide.pdf").exists());
    assert!(!out.exists(), "pdf built the site without a browser");
    assert!(!workspace.guide_path("site").exists());
    run.stderr
}

#[test]
fn pdf_with_a_missing_chrome_is_an_environment_error() {
    let stderr = pdf_fails(
        &["--chrome", "/nonexistent/chromium"],
        &["GUIDEBOOK_CHROME"],
        &[("NO_COLOR", "1")],
    );
    assert!(stderr.contains("/nonexistent/chromium"), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
}

#[test]
fn pdf_without_any_browser_is_an_environment_error() {
    let stderr = pdf_fails(
        &[],
        &["GUIDEBOOK_CHROME"],
        &[("NO_COLOR", "1"), ("PATH", "")],
    );
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
}

/// `guidebook build | true` and `check | true`: the reader is gone before anything is printed;
/// a build that succeeded still exits 0, with no panic.
#[test]
fn a_closed_stdout_is_not_an_error() {
    let workspace = copy_fixture("basic");
    let out = workspace.out();
    let guide = workspace.guide.to_str().unwrap();
    for args in [
        vec!["build", guide, "--output", out.to_str().unwrap()],
        vec!["check", guide],
        vec!["check", guide, "--format", "json"],
    ] {
        let (reader, writer) = rustix::pipe::pipe().expect("a pipe");
        drop(reader);
        let output = guidebook_command(&args)
            .stdout(std::process::Stdio::from(writer))
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// `guidebook check G 2>&1 | true`: the reader of stderr is gone before the diagnostics, the
/// warnings, the log lines or the last error are printed; every command still exits with its
/// own code (1 for a guide with errors, 2 for a usage error), never 101 from a panic.
#[test]
fn a_closed_stderr_is_not_a_panic() {
    let broken = copy_fixture("many-errors");
    let good = copy_fixture("basic");
    // A warning, printed before a build that succeeds.
    good.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\n::: nosuchblock\nText.\n:::\n",
    );
    let out = good.out();
    let (broken_guide, good_guide) = (arg(&broken.guide), arg(&good.guide));
    let missing = good.path("missing");
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (vec!["check", broken_guide], 1),
        (vec!["check", broken_guide, "--format", "json"], 1),
        (vec!["build", broken_guide, "--output", arg(&out)], 1),
        (vec!["build", good_guide, "--output", arg(&out)], 0),
        (vec!["-v", "build", good_guide, "--output", arg(&out)], 0),
        (vec!["check", arg(&missing)], 2),
        (vec!["pdf", good_guide, "--chrome", arg(&missing)], 2),
        (vec!["new", "A lesson", arg(&missing)], 2),
        (vec!["--no-such-flag"], 2),
    ];
    for (args, code) in cases {
        let (reader, writer) = rustix::pipe::pipe().expect("a pipe");
        drop(reader);
        let output = guidebook_command(&args)
            .stderr(std::process::Stdio::from(writer))
            .output()
            .expect("the binary runs");
        assert_eq!(
            output.status.code(),
            Some(code),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
    // The preview prints a guide's errors on stderr and goes on serving.
    let (reader, writer) = rustix::pipe::pipe().expect("a pipe");
    drop(reader);
    let mut serve = guidebook_command(&["serve", broken_guide, "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::from(writer))
        .spawn()
        .expect("the binary runs");
    let mut first = String::new();
    let stdout = serve.stdout.take().expect("a piped stdout");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut first).unwrap();
    let running = serve.try_wait().unwrap().is_none();
    let _ = serve.kill();
    let status = serve.wait().unwrap();
    assert!(first.starts_with("Serving "), "{first:?}, {status}");
    assert!(running, "{status}");
}

/// A build date that cannot be a date is a usage error naming the variable, not 1970-01-01 or
/// a silently ignored value.
#[test]
fn a_bad_source_date_epoch_is_a_usage_error() {
    let workspace = copy_fixture("basic");
    let guide = workspace.guide.to_str().unwrap();
    for value in ["abc", "99999999999999999", "-99999999999999"] {
        let run = run_with(&["check", guide], None, &[("SOURCE_DATE_EPOCH", value)]);
        run.assert_code(2);
        assert!(
            run.stderr.contains("SOURCE_DATE_EPOCH"),
            "{value}: {}",
            run.stderr
        );
        assert!(!workspace.out().exists());
    }
    let empty = run_with(&["check", guide], None, &[("SOURCE_DATE_EPOCH", "")]);
    empty.assert_code(0);
}

/// `guidebook new` refuses what would make a broken guide, with exit 2 and a way out.
#[test]
fn new_refuses_taken_slugs_and_steps_and_step_zero() {
    let (_tmp, guide) = init_new_guide();
    let before = snapshot(&guide);
    let refused = |args: &[&str], says: &str| {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        let run = run(&all);
        run.assert_code(2);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    };
    refused(&["Get ready", arg(&guide)], "the slug `get-ready` is taken");
    for reserved in [
        "Index",
        "Gear",
        "Checklists",
        "Print",
        "Handout",
        "404",
        "Search",
    ] {
        refused(&[reserved, arg(&guide)], "one of the site's own pages");
    }
    refused(
        &["Zero", arg(&guide), "--step", "0"],
        "step 0 does not exist",
    );
    refused(
        &["Second", arg(&guide), "--step", "2"],
        "the next free step is 3",
    );
    assert_eq!(snapshot(&guide), before, "nothing was written");
}

#[test]
fn new_names_files_like_init_and_counts_on_after_a_huge_step() {
    let (_tmp, guide) = init_new_guide();
    fs::write(
        guide.join("content/99-last.md"),
        lesson("Last", u32::MAX, "", "Text.\n"),
    )
    .unwrap();
    run(&["new", "Warm up: stretch & 'focus'!", arg(&guide)]).assert_code(0);
    let written = lesson_files(&guide);
    assert!(
        written.contains("03-warm-up-stretch-focus.md"),
        "{written:?}"
    );
    let text = fs::read_to_string(guide.join("content/03-warm-up-stretch-focus.md")).unwrap();
    assert_eq!(front_matter_value(&text, "step").as_deref(), Some("3"));
    run(&["check", arg(&guide)]).assert_code(0);
}

/// `base_url` is read as a URL: the scheme in any case is absolute (canonical links and a
/// sitemap; `HTTPS://E.COM/` used to be taken as relative), spaces and letters outside ASCII are
/// percent-encoded, and a query or an anchor, which would precede every page's address
/// (`https://e.com/?q=1#f/one.html`), is an error at its place in guide.toml.
#[test]
fn base_url_is_read_as_a_url() {
    let guide = |base: &str| format!("title = \"Test guide\"\nbase_url = \"{base}\"\n");
    let workspace = write_guide(&[
        ("guide.toml", &guide("HTTPS://E.COM/")),
        ("content/one.md", &lesson("One", 1, "", "Text.\n")),
    ]);
    let canonical = |out: &Path| {
        let one = page(out, "one.html");
        attr(select_one(&one, "link[rel=canonical]"), "href").to_string()
    };
    let out = workspace.build_ok();
    assert_eq!(canonical(&out), "https://e.com/one.html");
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).expect("a sitemap");
    assert!(
        sitemap.contains("<loc>https://e.com/one.html</loc>"),
        "{sitemap}"
    );

    fs::remove_dir_all(&out).unwrap();
    workspace.write("guide.toml", &guide("https://e.com/my gu\u{ed}a/"));
    let out = workspace.build_ok();
    assert_eq!(canonical(&out), "https://e.com/my%20gu%C3%ADa/one.html");

    fs::remove_dir_all(&out).unwrap();
    workspace.write("guide.toml", &guide("https://e.com/?q=1#f"));
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(error, "guide.toml", 2, 27, "`base_url` cannot have a query");
    assert_help(error, "https://example.com/guide/");
}

/// File names with control characters reach the terminal escaped, in diagnostics and in
/// progress lines (`content/02-\e[31mred.md` used to recolour the user's terminal).
#[test]
fn file_names_with_control_characters_are_printed_escaped() {
    let red = "content/02-\u{1b}[31mred.md";
    let workspace = write_guide(&[
        ("content/01-a.md", &lesson("A", 1, "", "")),
        (red, "---\ntitle: Red\nstep: 2\n---\n"),
    ]);
    let run = workspace.check(&[]);
    run.assert_code(1);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    let error = single_error(&parse_diagnostics(&run.stderr)).clone();
    assert_eq!(error.file, "content/02-\\x1b[31mred.md", "{error:#?}");

    fs::remove_file(workspace.guide_path(red)).unwrap();
    let out = workspace.path("out\u{1b}]0;title\u{7}");
    let built = workspace.build_to(&out, &[]);
    built.assert_code(0);
    assert!(
        built.stdout.contains("into ") && built.stdout.contains("out\\x1b]0;title\\x07"),
        "{:?}",
        built.stdout
    );
    assert!(!built.stdout.contains('\u{1b}'), "{:?}", built.stdout);

    let fresh = workspace.path("new\u{9b}guide");
    let init = run_with(&["init", fresh.to_str().unwrap()], None, &[]);
    init.assert_code(0);
    assert!(!init.stdout.contains('\u{9b}'), "{:?}", init.stdout);
    assert!(init.stdout.contains("new\\x9bguide"), "{:?}", init.stdout);
}
