//! `guidebook build` and reading offline: the service worker's list holds every page of every
//! language, the theme and the scripts, and the files beside the lessons within `[offline]`'s
//! caps; what is left out is reported with the reason; `[offline] enabled = false` writes a
//! worker that removes itself and pages that register none (the preview's are in `serve.rs`).

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// The worker's list: (address, digest) of every file it keeps, in its order.
fn worker_list(out: &Path) -> (String, Vec<(String, String)>) {
    let text = fs::read_to_string(out.join("sw.js")).expect("sw.js");
    let start = text.find("var OFFLINE = ").expect("a list") + "var OFFLINE = ".len();
    let end = text[start..].find("\n};").expect("the list's end") + start + 2;
    let list: serde_json::Value = serde_json::from_str(&text[start..end]).expect("JSON");
    let files = (list["files"].as_array().expect("files").iter())
        .map(|entry| {
            (
                entry[0].as_str().expect("address").to_string(),
                entry[1].as_str().expect("digest").to_string(),
            )
        })
        .collect();
    (
        list["version"].as_str().expect("version").to_string(),
        files,
    )
}

/// The sample guide and its Spanish pages: every page, script and theme file is kept, the
/// sitemap is not; the build says how much is kept.
#[test]
fn every_file_of_every_language_is_kept_and_the_build_says_how_much() {
    let workspace = copy_sample_guide();
    let out = workspace.out();
    let run = workspace.build_to(&out, &[]);
    run.assert_code(0);
    let (version, files) = worker_list(&out);
    assert_eq!(version.len(), 32);
    let listed: Vec<&str> = files.iter().map(|(address, _)| address.as_str()).collect();
    let mut expected: Vec<String> = snapshot(&out)
        .into_keys()
        .filter(|path| !matches!(path.as_str(), ".guidebook-site" | "sw.js" | "sitemap.xml"))
        .collect();
    expected.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(
        sorted, expected,
        "every file of the site but the worker and the sitemap"
    );
    for page in [
        "index.html",
        "es/index.html",
        "es/fit-the-harness.html",
        "404.html",
    ] {
        assert!(listed.contains(&page), "{page}");
    }
    let made_first = listed
        .iter()
        .position(|a| a.starts_with("img/"))
        .expect("pictures");
    assert!(
        listed[made_first..].iter().all(|a| a.starts_with("img/")),
        "pictures come after every file the build made: {listed:?}"
    );
    for (_, digest) in &files {
        assert_eq!(digest.len(), 16);
    }
    let size: u64 = expected
        .iter()
        .map(|path| fs::metadata(out.join(path)).expect("a file").len())
        .sum();
    let line = run.stdout.lines().next().unwrap_or_default();
    let shown = format!(
        "; {} in {} files kept for reading offline) into ",
        guidebook::model::config::Size(size),
        expected.len()
    );
    assert!(
        line.contains(&shown),
        "{line}: expected {shown} (files add up to {size} bytes)"
    );
    assert!(!run.stdout.contains("left out"), "{}", run.stdout);

    // Every web page registers the worker at the site's root, from a language's folder too.
    for (page, worker) in [("index.html", "sw.js"), ("es/index.html", "../sw.js")] {
        let html = self::page(&out, page);
        let script = select_one(&html, "script[src$=\"assets/offline.js\"]");
        assert_eq!(attr(script, "data-worker"), worker, "{page}");
        let manifest = select_one(&html, "link[rel=manifest]");
        assert_eq!(attr(manifest, "href"), "manifest.webmanifest", "{page}");
    }
}

/// Pages are parsed from `out`.
fn page(out: &Path, name: &str) -> scraper::Html {
    common::page(out, name)
}

#[test]
fn a_large_video_and_excluded_files_are_left_out_with_their_reason() {
    let workspace = copy_fixture("basic");
    let toml = workspace.read("guide.toml");
    workspace.write(
        "guide.toml",
        &format!(
            "{toml}\n[offline]\nmax_file = \"1 MB\"\nmax_total = \"5 MB\"\nexclude = [\"*.txt\"]\n"
        ),
    );
    workspace.write_bytes("content/video/walk.mp4", &vec![7; 1_500_000]);
    workspace.write("content/notes/extra.txt", "notes");
    workspace.write_bytes("content/img/small.png", &[1; 100]);
    let out = workspace.out();
    let run = workspace.build_to(&out, &[]);
    run.assert_code(0);
    assert!(
        run.stdout.contains(
            "  left out of the offline copy: video/walk.mp4 (1.5 MB): larger than [offline] max_file (1 MB)\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "  left out of the offline copy: notes/extra.txt (5 B): [offline] exclude has `*.txt`\n"
        ),
        "{}",
        run.stdout
    );
    let (_, files) = worker_list(&out);
    let listed: Vec<&str> = files.iter().map(|(address, _)| address.as_str()).collect();
    assert!(listed.contains(&"img/small.png"));
    assert!(!listed.contains(&"video/walk.mp4"));
    assert!(!listed.contains(&"notes/extra.txt"));
    assert!(
        out.join("video/walk.mp4").is_file(),
        "still published, only not kept offline"
    );
}

#[test]
fn past_the_total_cap_pictures_give_way_to_the_pages() {
    let workspace = copy_fixture("basic");
    for name in ["a", "b", "c"] {
        workspace.write_bytes(&format!("content/img/{name}.png"), &vec![1; 80_000]);
    }
    let out = workspace.build_ok();
    let made: u64 = (worker_list(&out).1.iter())
        .filter(|(address, _)| !address.starts_with("img/"))
        .map(|(address, _)| fs::metadata(out.join(address)).expect("a file").len())
        .sum();
    // Room for the pages and one picture and a half.
    let toml = workspace.read("guide.toml");
    let cap = made + 120_000;
    workspace.write(
        "guide.toml",
        &format!("{toml}\n[offline]\nmax_total = {cap}\n"),
    );
    let run = workspace.build_to(&out, &[]);
    run.assert_code(0);
    let (_, files) = worker_list(&out);
    let listed: Vec<&str> = files.iter().map(|(address, _)| address.as_str()).collect();
    assert!(listed.contains(&"index.html") && listed.contains(&"print.html"));
    let pictures: Vec<&&str> = listed.iter().filter(|a| a.starts_with("img/")).collect();
    assert_eq!(pictures, [&"img/a.png"], "{listed:?}");
    for left_out in ["img/b.png", "img/c.png"] {
        assert!(
            run.stdout.contains(&format!(
                "  left out of the offline copy: {left_out} (80 kB): everything kept would pass [offline] max_total"
            )),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn a_changed_picture_changes_its_digest_and_the_cache_but_nothing_else() {
    let workspace = copy_fixture("basic");
    workspace.write_bytes("content/img/a.png", &[1; 100]);
    let out = workspace.build_ok();
    let (first_version, first) = worker_list(&out);
    // Same size, other bytes.
    workspace.write_bytes("content/img/a.png", &[2; 100]);
    let out = workspace.build_ok();
    let (second_version, second) = worker_list(&out);
    assert_ne!(first_version, second_version);
    let changed: Vec<&str> = (first.iter().zip(&second))
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert_eq!(changed, ["img/a.png"]);
}

#[test]
fn with_offline_off_the_worker_removes_itself_and_no_page_registers_it() {
    let workspace = copy_fixture("basic");
    let toml = workspace.read("guide.toml");
    workspace.write(
        "guide.toml",
        &format!("{toml}\n[offline]\nenabled = false\n"),
    );
    let out = workspace.out();
    let run = workspace.build_to(&out, &[]);
    run.assert_code(0);
    assert!(
        !run.stdout.contains("offline"),
        "nothing kept: {}",
        run.stdout
    );
    let worker = fs::read_to_string(out.join("sw.js")).expect("sw.js");
    assert!(worker.contains("registration.unregister()"), "{worker}");
    assert!(!worker.contains("var OFFLINE"));
    for name in html_files(&out) {
        let html = page(&out, &name);
        assert!(
            select(&html, "script[src$=\"offline.js\"]").is_empty(),
            "{name} registers no worker"
        );
    }
}

#[test]
fn a_file_beside_the_lessons_may_not_take_the_workers_place() {
    let workspace = copy_fixture("basic");
    workspace.write("content/sw.js", "// mine");
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    assert_eq!(
        error.message,
        "this file would take the place of the site's own `sw.js`"
    );
}
