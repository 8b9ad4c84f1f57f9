//! Slow guides: not one large lesson (see `adversarial.rs`) but thousands of pages, headings and
//! files, with broken links, anchors and images by the thousand, whose "did you mean" compared
//! each wrong name with every candidate (40,000 broken links into 1,000 lessons took 13 s), and
//! thousands of one-line reference pages, which every sidebar listed (4,000 took 4 s and wrote
//! 926 MB). Each is checked (or built) by the real binary within the bound of `adversarial.rs`:
//! 2 s for the release build (`cargo test --release --test adversarial_guides`), 20 s for the
//! debug build `cargo test` makes, which is many times slower and so is given a quarter of the
//! broken names ([`scaled`]; before the suggestions were bounded, that quarter still took
//! minutes).

mod common;

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

const RELEASE_BOUND: Duration = Duration::from_secs(2);
const DEBUG_BOUND: Duration = Duration::from_secs(20);

/// `count` broken names for the release build, a quarter of them for the debug build.
fn scaled(count: usize) -> usize {
    if cfg!(debug_assertions) {
        count / 4
    } else {
        count
    }
}

fn bound() -> Duration {
    if cfg!(debug_assertions) {
        DEBUG_BOUND
    } else {
        RELEASE_BOUND
    }
}

/// Runs guidebook with `args` (a command and the guide), returns how long it took and how it
/// ended (killed after twice the bound), with its stderr.
fn run_within(args: &[&str]) -> (Duration, Option<i32>, String) {
    let started = Instant::now();
    let mut child = guidebook_command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = stderr {
            let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
        }
        text
    });
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > bound() * 2 {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    (started.elapsed(), code, reader.join().unwrap_or_default())
}

/// `guidebook check` on `workspace`: it ends with exit 1 (the guide has errors) within the
/// bound; its stderr.
fn check_fails_in_time(workspace: &Workspace, what: &str) -> String {
    let (elapsed, code, stderr) = run_within(&["check", workspace.guide.to_str().unwrap()]);
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    assert_eq!(code, Some(1), "{what}: exit {code:?} after {elapsed:?}");
    assert!(
        elapsed < bound(),
        "{what}: {elapsed:?} (bound {:?})",
        bound()
    );
    eprintln!("{what}: {elapsed:?}");
    stderr
}

fn write_lesson(guide: &Path, file: &str, title: &str, step: usize, body: &str) {
    let path = guide.join("content").join(file);
    fs::write(
        path,
        format!("---\ntitle: {title}\nstep: {step}\nduration: 10 min\n---\n{body}"),
    )
    .unwrap();
}

/// The first help and how many problems `stderr` reports with a "did you mean".
fn suggestions(stderr: &str) -> (Option<String>, usize) {
    let helps: Vec<&str> = (stderr.lines())
        .filter_map(|line| line.trim().strip_prefix("= help: did you mean "))
        .collect();
    (helps.first().map(|help| help.to_string()), helps.len())
}

/// 40,000 links to lessons that are not there, in a guide of 1,000 lessons: all in one lesson,
/// or forty in each.
#[test]
fn broken_links_by_the_thousand_into_a_thousand_lessons() {
    for spread in [false, true] {
        let workspace = write_guide(&[]);
        for step in 1..=1000 {
            let links: String = match (spread, step) {
                (false, 1) => (0..scaled(40_000))
                    .map(|i| format!("[x]({i:04}-lesson-{i}b.md) "))
                    .collect(),
                (false, _) => String::new(),
                (true, _) => (0..scaled(40))
                    .map(|i| format!("[x]({step:04}-lesson-{step}-{i}.md) "))
                    .collect(),
            };
            let file = format!("{step:04}-lesson-{step}.md");
            write_lesson(
                &workspace.guide,
                &file,
                &format!("Lesson {step}"),
                step,
                &links,
            );
        }
        let what = if spread {
            "forty in each lesson"
        } else {
            "all in one lesson"
        };
        let stderr = check_fails_in_time(&workspace, what);
        // The first broken links still get their suggestion.
        let (first, _) = suggestions(&stderr);
        assert!(
            first.is_some_and(|help| help.contains("-lesson-")),
            "{what}"
        );
    }
}

/// 30,000 links to anchors that a lesson of 5,000 headings does not have.
#[test]
fn broken_anchors_by_the_thousand_into_a_lesson_of_five_thousand_headings() {
    let workspace = write_guide(&[]);
    let headings: String = (0..5000)
        .map(|i| format!("## Heading number {i}\n\n"))
        .collect();
    write_lesson(&workspace.guide, "01-a.md", "A", 1, &headings);
    let links: String = (0..scaled(30_000))
        .map(|i| format!("[x](01-a.md#heading-numbr-{i}) "))
        .collect();
    write_lesson(&workspace.guide, "02-b.md", "B", 2, &links);
    let stderr = check_fails_in_time(&workspace, "30,000 broken anchors");
    let (first, count) = suggestions(&stderr);
    assert_eq!(first.as_deref(), Some("`#heading-number-0`?"), "{count}");
}

/// 10,000 pictures that are not there, among 3,000 that are, in a folder beside the lesson.
#[test]
fn missing_pictures_by_the_thousand_among_three_thousand_files() {
    let workspace = write_guide(&[]);
    let pictures = workspace.guide.join("content/part/img");
    fs::create_dir_all(&pictures).unwrap();
    for i in 0..3000 {
        fs::write(pictures.join(format!("picture-{i}.txt")), "not a picture\n").unwrap();
    }
    let images: String = (0..scaled(10_000))
        .map(|i| format!("![p](img/pictur-{i}.txt) "))
        .collect();
    write_lesson(&workspace.guide, "part/01-a.md", "A", 1, &images);
    let stderr = check_fails_in_time(&workspace, "10,000 missing pictures");
    let (first, _) = suggestions(&stderr);
    // Written relative to the lesson, as its link is.
    assert_eq!(first.as_deref(), Some("`img/picture-0.txt`?"));
}

/// The bytes of every file under `dir`.
fn size_of(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|entry| {
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                size_of(&entry.path())
            } else {
                entry.metadata().unwrap().len()
            }
        })
        .sum()
}

/// 4,000 reference pages of one line each: every page's sidebar listed every page, so the site
/// grew as the square of the pages (926 MB). Now it is built within the bound and stays small.
#[test]
fn four_thousand_one_line_reference_pages() {
    let workspace = write_guide(&[]);
    write_lesson(&workspace.guide, "01-a.md", "A", 1, "Text.\n");
    let pages = workspace.guide.join("content/pages");
    fs::create_dir_all(&pages).unwrap();
    for i in 0..4000 {
        fs::write(
            pages.join(format!("p{i:04}.md")),
            format!("---\ntitle: Page {i}\n---\nOne line.\n"),
        )
        .unwrap();
    }
    let out = workspace.out();
    let (elapsed, code, stderr) = run_within(&[
        "build",
        workspace.guide.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "exit {code:?} after {elapsed:?}: {stderr}");
    assert!(elapsed < bound(), "{elapsed:?} (bound {:?})", bound());
    let bytes = size_of(&out);
    assert!(bytes < 64 << 20, "{} MB written", bytes >> 20);
    eprintln!("4,000 reference pages: {elapsed:?}, {} MB", bytes >> 20);
}
