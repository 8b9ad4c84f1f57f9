//! `guidebook build` on the `basic` fixture: the pages, their structure and links, and the
//! rules for the output folder (atomic replacement, refusals, leftovers, determinism).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::*;
use tempfile::TempDir;

/// The basic fixture's lessons in step order (the draft excluded).
const SLUGS: [&str; 4] = ["start", "fit", "walk", "home"];
const START_TITLE: &str = "Start <b>&\"quotes\"";

fn lesson_pages() -> Vec<String> {
    SLUGS.iter().map(|slug| format!("{slug}.html")).collect()
}

/// Pages with the site's navigation (the print edition and the handout have none).
fn web_pages() -> Vec<String> {
    let mut pages = lesson_pages();
    pages.extend(["index.html", "gear.html", "checklists.html", "404.html"].map(String::from));
    pages
}

fn build_basic() -> (Workspace, std::path::PathBuf) {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    (workspace, out)
}

/// The href without its `#fragment`.
fn page_of(href: &str) -> &str {
    href.split('#').next().unwrap_or(href)
}

#[test]
fn every_page_and_asset_is_written() {
    let (_workspace, out) = build_basic();
    let expected = [
        "index.html",
        "start.html",
        "fit.html",
        "walk.html",
        "home.html",
        "gear.html",
        "checklists.html",
        "print.html",
        "handout.html",
        "404.html",
        "assets/guidebook.css",
        "assets/guidebook.js",
        "assets/print.css",
        "assets/favicon.svg",
        "assets/tasks.js",
        ".guidebook-site",
    ];
    let files = snapshot(&out);
    for path in expected {
        let bytes = files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not written; got {:?}", files.keys()));
        assert!(!bytes.is_empty(), "{path} is empty");
    }
    // One page per lesson and nothing for the draft or the introduction.
    assert!(!files.contains_key("draft.html"));
    assert!(!files.contains_key("_index.html"));
    let pages = html_files(&out);
    let lesson_like: BTreeSet<&str> = pages
        .iter()
        .map(String::as_str)
        .filter(|p| {
            ![
                "index.html",
                "gear.html",
                "checklists.html",
                "print.html",
                "handout.html",
                "404.html",
            ]
            .contains(p)
        })
        .collect();
    assert_eq!(
        lesson_like,
        lesson_pages().iter().map(String::as_str).collect()
    );
}

#[test]
fn build_reports_what_it_did() {
    let workspace = copy_fixture("basic");
    let run = workspace.build_to(&workspace.out(), &[]);
    run.assert_code(0);
    assert!(run.stdout.contains("Built 4 lessons"), "{}", run.stdout);
    assert!(run.stdout.contains("7 days"), "{}", run.stdout);
    assert!(
        run.stderr.is_empty(),
        "a good guide printed problems: {}",
        run.stderr
    );
}

#[test]
fn sidebar_lists_the_lessons_in_step_order_on_every_page() {
    let (_workspace, out) = build_basic();
    for name in web_pages() {
        let html = page(&out, &name);
        let links = select(&html, "nav.sidebar a[data-slug]");
        let slugs: Vec<&str> = links.iter().map(|a| attr(*a, "data-slug")).collect();
        assert_eq!(slugs, SLUGS, "sidebar of {name}");
        let targets: Vec<&str> = links.iter().map(|a| attr(*a, "href")).collect();
        assert_eq!(targets, lesson_pages(), "sidebar links of {name}");
    }
}

#[test]
fn the_current_lesson_is_marked_in_the_sidebar() {
    let (_workspace, out) = build_basic();
    for slug in SLUGS {
        let html = page(&out, &format!("{slug}.html"));
        let current = select(&html, "nav.sidebar [aria-current]");
        assert_eq!(
            current.len(),
            1,
            "{slug}.html marks {} links as current",
            current.len()
        );
        assert_eq!(attr(current[0], "aria-current"), "page");
        assert_eq!(current[0].value().attr("data-slug"), Some(slug));
    }
    let index = page(&out, "index.html");
    assert!(
        select(&index, "nav.sidebar a[data-slug][aria-current]").is_empty(),
        "no lesson is current on the home page"
    );
}

#[test]
fn lessons_link_to_the_previous_and_next_lesson() {
    let (_workspace, out) = build_basic();
    for (index, slug) in SLUGS.iter().enumerate() {
        let html = page(&out, &format!("{slug}.html"));
        // Both the strip above the title and the pager below the lesson lead on.
        let prev = hrefs(&html, "nav.pager a[rel~=\"prev\"]");
        let next = hrefs(&html, "nav.pager a[rel~=\"next\"]");
        assert_eq!(hrefs(&html, "nav.lesson-strip a[rel~=\"prev\"]"), prev);
        assert_eq!(hrefs(&html, "nav.lesson-strip a[rel~=\"next\"]"), next);
        let expected_prev: Vec<String> = index
            .checked_sub(1)
            .map(|i| format!("{}.html", SLUGS[i]))
            .into_iter()
            .collect();
        let expected_next: Vec<String> = SLUGS
            .get(index + 1)
            .map(|s| format!("{s}.html"))
            .into_iter()
            .collect();
        assert_eq!(prev, expected_prev, "prev of {slug}");
        assert_eq!(next, expected_next, "next of {slug}");
    }
}

#[test]
fn prerequisites_and_unlocks_link_to_the_right_lessons() {
    let (_workspace, out) = build_basic();
    let expectations: [(&str, &[&str], &[&str]); 4] = [
        ("start", &[], &["fit.html", "walk.html"]),
        ("fit", &["start.html"], &["walk.html"]),
        ("walk", &["start.html", "fit.html"], &["home.html"]),
        ("home", &["walk.html"], &[]),
    ];
    for (slug, prerequisites, unlocks) in expectations {
        let html = page(&out, &format!("{slug}.html"));
        assert_eq!(
            hrefs(&html, "main .prereqs a[href]"),
            prerequisites,
            "prerequisites of {slug}"
        );
        assert_eq!(
            hrefs(&html, "main .unlocks a[href]"),
            unlocks,
            "unlocks of {slug}"
        );
    }
    // The walk lesson names the titles of both prerequisites.
    let walk = page(&out, "walk.html");
    let names: Vec<String> = select(&walk, "main .prereqs a")
        .into_iter()
        .map(text)
        .collect();
    assert!(names[0].contains(START_TITLE), "{names:?}");
    assert!(names[1].contains("Fit the harness"), "{names:?}");
}

#[test]
fn the_home_page_lists_the_lessons_in_order_with_the_total_time() {
    let (_workspace, out) = build_basic();
    let html = page(&out, "index.html");
    let main = select_one(&html, "main");
    let lessons = lesson_pages();
    let mut listed: Vec<String> = Vec::new();
    for href in select_in(main, "a[href]")
        .into_iter()
        .map(|a| page_of(attr(a, "href")).to_string())
    {
        if lessons.contains(&href) && !listed.contains(&href) {
            listed.push(href);
        }
    }
    assert_eq!(
        listed, lessons,
        "lessons linked from the home page, in order of first appearance"
    );
    // 10 min + 1 week + 20 min + 30 min.
    assert!(
        text(main).contains("7 days"),
        "total time missing: {}",
        text(main)
    );
    let links: BTreeSet<String> = select(&html, "a[href]")
        .into_iter()
        .map(|a| attr(a, "href").to_string())
        .collect();
    assert!(links.contains("print.html"), "{links:?}");
    assert!(links.contains("handout.html"), "{links:?}");
    // The introduction's own Markdown is on the home page.
    assert_eq!(
        heading_text(select_one(&html, "main h2#about-this-guide")),
        "About this guide"
    );
}

#[test]
fn headings_get_github_style_ids() {
    let (_workspace, out) = build_basic();
    let start = page(&out, "start.html");
    assert_eq!(
        heading_text(select_one(&start, "h2#why-it-matters")),
        "Why it matters"
    );
    assert_eq!(
        heading_text(select_one(&start, "h2#your-checklist")),
        "Your checklist"
    );
    let fit = page(&out, "fit.html");
    assert_eq!(
        heading_text(select_one(&fit, "h2#the-finger-check")),
        "The finger check"
    );
    let walk = page(&out, "walk.html");
    assert_eq!(
        heading_text(select_one(&walk, "h2#more-steps")),
        "More steps"
    );
}

#[test]
fn links_between_lessons_become_links_between_pages() {
    let (_workspace, out) = build_basic();
    let expectations = [
        ("start.html", "fit.html#the-finger-check"),
        ("fit.html", "start.html#why-it-matters"),
        // From the subfolder, with `../`: the site itself is flat.
        ("walk.html", "start.html#why-it-matters"),
        ("walk.html", "fit.html#the-finger-check"),
        ("walk.html", "#more-steps"),
        // Into the subfolder.
        ("home.html", "walk.html#outside"),
        ("index.html", "start.html#why-it-matters"),
    ];
    for (name, href) in expectations {
        let html = page(&out, name);
        assert_eq!(
            select(
                &html,
                &format!(".prose a[href=\"{href}\"]:not(.heading-anchor)")
            )
            .len(),
            1,
            "{name} should link to {href}; links: {:?}",
            hrefs(&html, ".prose a[href]")
        );
    }
    for name in html_files(&out) {
        let html = page(&out, &name);
        for href in hrefs(&html, "a[href]") {
            assert!(
                !page_of(&href).ends_with(".md"),
                "{name} still links to a Markdown file: {href}"
            );
        }
    }
}

/// Every relative `href` and `src` of every page leads to a file of the site, and every
/// `#fragment` to an element with that id in the target page.
#[test]
fn every_link_in_the_site_resolves() {
    let (_workspace, out) = build_basic();
    let files = snapshot(&out);
    let pages: BTreeMap<String, BTreeSet<String>> = html_files(&out)
        .into_iter()
        .map(|name| (name.clone(), ids(&page(&out, &name))))
        .collect();
    let mut checked = 0;
    for name in pages.keys() {
        let html = page(&out, name);
        let targets = select(&html, "[href], [src]")
            .into_iter()
            .flat_map(|e| [e.value().attr("href"), e.value().attr("src")])
            .flatten()
            .map(str::to_string);
        for target in targets {
            if target.starts_with("https://")
                || target.starts_with("http://")
                || target.starts_with("mailto:")
            {
                continue;
            }
            let (path, fragment) = match target.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (target.as_str(), None),
            };
            let path = if path.is_empty() { name.as_str() } else { path };
            assert!(
                files.contains_key(path),
                "{name} links to `{target}`, which is not in the site"
            );
            if let Some(fragment) = fragment {
                let anchors = pages.get(path).unwrap_or_else(|| {
                    panic!("{name}: `{target}` has a fragment but is not a page")
                });
                assert!(
                    anchors.contains(fragment),
                    "{name} links to `{target}`, but {path} has no id `{fragment}`"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links were checked");
}

#[test]
fn every_href_and_src_is_relative() {
    let (_workspace, out) = build_basic();
    for name in html_files(&out) {
        let html = page(&out, &name);
        for element in select(&html, "[href], [src]") {
            for value in [element.value().attr("href"), element.value().attr("src")]
                .into_iter()
                .flatten()
            {
                assert!(!value.starts_with('/'), "{name}: `{value}` is not relative");
                assert!(
                    !value.to_ascii_lowercase().starts_with("file:"),
                    "{name}: `{value}` is a file: URL"
                );
            }
        }
    }
}

#[test]
fn titles_are_escaped_not_interpreted() {
    let (_workspace, out) = build_basic();
    let start = page(&out, "start.html");
    assert_eq!(text(select_one(&start, "main h1")), START_TITLE);
    assert!(
        select(&start, "h1 b").is_empty(),
        "the title's <b> became an element"
    );
    assert!(text(select_one(&start, "title")).contains(START_TITLE));
    // Wherever the title is shown (sidebars, home page, pagers, print, handout), it stays text.
    for name in html_files(&out) {
        let html = page(&out, &name);
        assert!(select(&html, "b").is_empty(), "{name} has a <b> element");
    }
    let fit = page(&out, "fit.html");
    let sidebar = select_one(&fit, "nav.sidebar a[data-slug=\"start\"]");
    assert!(text(sidebar).contains(START_TITLE), "{}", text(sidebar));
    let handout = page(&out, "handout.html");
    assert!(text(select_one(&handout, "body")).contains(START_TITLE));
}

#[test]
fn markdown_extensions_render() {
    let (_workspace, out) = build_basic();
    let start = page(&out, "start.html");
    // Footnote: a reference that leads to its definition.
    let reference = select_one(&start, "main sup.footnote-reference a[href]");
    let target = attr(reference, "href").trim_start_matches('#').to_string();
    assert!(
        text(select_one(&start, &format!("main [id=\"{target}\"]")))
            .contains("A footnote explaining why.")
    );
    // Table.
    let rows = select(&start, "main table:not(.compare-table) tbody tr");
    assert_eq!(rows.len(), 2);
    let cells: Vec<String> = select_in(rows[1], "td").into_iter().map(text).collect();
    assert_eq!(cells, ["Tue", "10"]);
    // Raw <details> passes through, and is opened in print.
    assert_eq!(
        text(select_one(&start, ".lesson-body details > summary")),
        "More detail"
    );
    let print = page(&out, "print.html");
    assert!(
        !select(&print, "details[open]").is_empty(),
        "print does not open <details>"
    );
    // A warning callout.
    let fit = page(&out, "fit.html");
    let callout = select_one(&fit, "aside.callout.callout-warning[role=\"note\"]");
    assert!(text(callout).contains("Never leave the cat alone in a harness."));
}

#[test]
fn a_lesson_with_bom_and_crlf_renders_cleanly() {
    let workspace = copy_fixture("basic");
    let raw = fs::read(workspace.guide_path("content/02-fit.md")).unwrap();
    assert!(
        raw.starts_with(b"\xEF\xBB\xBF---\r\n"),
        "the fixture lost its BOM or CRLF (check .gitattributes)"
    );
    let out = workspace.build_ok();
    let fit = page(&out, "fit.html");
    assert_eq!(text(select_one(&fit, "main h1")), "Fit the harness");
    for label in select(&fit, "main label") {
        assert!(
            !label
                .text()
                .any(|t| t.contains('\r') || t.contains('\u{feff}')),
            "{}",
            label.html()
        );
    }
    let bytes = fs::read(out.join("fit.html")).unwrap();
    assert!(
        !String::from_utf8(bytes).unwrap().contains('\u{feff}'),
        "the BOM leaked into the page"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    assert!(!out.join("draft.html").exists());
    let checklists = fs::read_to_string(out.join("checklists.html")).unwrap();
    assert!(!checklists.contains("Draft task"));

    let with_drafts = workspace.path("with-drafts");
    workspace
        .build_to(&with_drafts, &["--drafts"])
        .assert_code(0);
    assert!(with_drafts.join("draft.html").is_file());
    let index = page(&with_drafts, "index.html");
    let slugs: Vec<&str> = select(&index, "nav.sidebar a[data-slug]")
        .into_iter()
        .map(|a| attr(a, "data-slug"))
        .collect();
    assert_eq!(slugs, ["start", "fit", "walk", "home", "draft"]);
    // 7 days + 3 days.
    assert!(
        text(select_one(&index, "main")).contains("10 days"),
        "{}",
        text(select_one(&index, "main"))
    );
    let home = page(&with_drafts, "home.html");
    assert_eq!(hrefs(&home, "main .unlocks a[href]"), ["draft.html"]);
}

#[test]
fn output_is_byte_for_byte_deterministic() {
    let workspace = copy_fixture("basic");
    let first = workspace.path("first");
    let second = workspace.path("second");
    for out in [&first, &second] {
        let guide = workspace.guide.to_str().unwrap();
        let run = run_with(
            &["build", guide, "--output", out.to_str().unwrap()],
            None,
            &[("SOURCE_DATE_EPOCH", "1700000000")],
        );
        run.assert_code(0);
    }
    let (a, b) = (snapshot(&first), snapshot(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
    // The build date is the one SOURCE_DATE_EPOCH gives (2023-11-14 UTC).
    let print = String::from_utf8(a["print.html"].clone()).unwrap();
    assert!(
        print.contains("14 November 2023"),
        "print.html does not show the SOURCE_DATE_EPOCH date"
    );
}

#[test]
fn the_output_carries_the_marker() {
    let (_workspace, out) = build_basic();
    let marker = out.join(".guidebook-site");
    assert!(marker.is_file());
    assert!(!fs::read_to_string(marker).unwrap().trim().is_empty());
}

#[test]
fn rebuilding_replaces_the_site_and_drops_stale_pages() {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    assert!(out.join("home.html").is_file());
    fs::write(out.join("stray.txt"), "left by someone").unwrap();
    fs::remove_file(workspace.guide_path("content/04-home.md")).unwrap();
    workspace.build_to(&out, &[]).assert_code(0);
    assert!(
        !out.join("home.html").exists(),
        "the deleted lesson's page is still there"
    );
    assert!(
        !out.join("stray.txt").exists(),
        "the old site's files survived"
    );
    assert!(out.join("walk.html").is_file());
    let walk = page(&out, "walk.html");
    let slugs: Vec<&str> = select(&walk, "nav.sidebar a[data-slug]")
        .into_iter()
        .map(|a| attr(a, "data-slug"))
        .collect();
    assert_eq!(slugs, ["start", "fit", "walk"]);
    assert!(hrefs(&walk, "a[rel~=\"next\"]").is_empty());
    assert!(out.join(".guidebook-site").is_file());
}

/// Builds into `out` and checks the refusal: exit 2, the message, nothing touched.
fn assert_refused(workspace: &Workspace, out: &Path) {
    let before = snapshot(workspace.tmp.path());
    let run = workspace.build_to(out, &[]);
    run.assert_code(2);
    assert!(
        run.stderr
            .starts_with("error: refusing to write the site into"),
        "unexpected message for {}: {}",
        out.display(),
        run.stderr
    );
    assert_eq!(
        snapshot(workspace.tmp.path()),
        before,
        "refusing {} still changed files",
        out.display()
    );
}

#[test]
fn refuses_the_guide_folder_itself() {
    let workspace = copy_fixture("basic");
    assert_refused(&workspace, &workspace.guide);
    // Also when written with a trailing `/.`.
    assert_refused(&workspace, &workspace.guide.join("."));
}

#[test]
fn refuses_the_content_folder_and_folders_inside_it() {
    let workspace = copy_fixture("basic");
    assert_refused(&workspace, &workspace.guide_path("content"));
    assert_refused(&workspace, &workspace.guide_path("content/later"));
    assert_refused(&workspace, &workspace.guide_path("content/new-folder"));
}

#[test]
fn refuses_a_folder_that_contains_the_guide() {
    let workspace = copy_fixture("basic");
    workspace.write("../sentinel.txt", "keep me");
    assert_refused(&workspace, workspace.tmp.path());
    assert_eq!(
        fs::read_to_string(workspace.path("sentinel.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn refuses_a_non_empty_folder_without_the_marker() {
    let workspace = copy_fixture("basic");
    let out = workspace.path("mine");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("sentinel.txt"), "precious").unwrap();
    assert_refused(&workspace, &out);
    assert_eq!(
        fs::read_to_string(out.join("sentinel.txt")).unwrap(),
        "precious"
    );
}

#[test]
fn accepts_an_empty_existing_folder() {
    let workspace = copy_fixture("basic");
    let out = workspace.path("empty");
    fs::create_dir(&out).unwrap();
    workspace.build_to(&out, &[]).assert_code(0);
    assert!(out.join("index.html").is_file());
    assert!(out.join(".guidebook-site").is_file());
}

#[test]
fn the_default_output_is_the_site_folder_of_the_guide() {
    let workspace = copy_fixture("basic");
    run(&["build", workspace.guide.to_str().unwrap()]).assert_code(0);
    assert!(workspace.guide_path("site/index.html").is_file());
    assert!(workspace.guide_path("site/.guidebook-site").is_file());
    // A second build replaces it.
    run(&["build", workspace.guide.to_str().unwrap()]).assert_code(0);
    assert!(workspace.guide_path("site/start.html").is_file());
}

#[test]
fn works_from_any_working_directory() {
    let workspace = copy_fixture("basic");
    let elsewhere = TempDir::new().unwrap();
    run_with(
        &["build", workspace.guide.to_str().unwrap()],
        Some(elsewhere.path()),
        &[],
    )
    .assert_code(0);
    assert!(workspace.guide_path("site/index.html").is_file());
    assert!(
        names_in(elsewhere.path()).is_empty(),
        "the build wrote into the working directory"
    );
    // Relative paths are taken from the working directory.
    run_with(
        &["build", "guide", "--output", "relative-out"],
        Some(workspace.tmp.path()),
        &[],
    )
    .assert_code(0);
    assert!(workspace.path("relative-out/walk.html").is_file());
    let check = run_with(
        &["check", workspace.guide.to_str().unwrap()],
        Some(elsewhere.path()),
        &[],
    );
    check.assert_code(0);
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    let before = snapshot(&out);
    let names_before = names_in(workspace.tmp.path());
    workspace.write(
        "content/04-home.md",
        "---\ntitle: Coming home\nstep: 4\nduration: 30 min\nstepp: 1\n---\n",
    );
    let run = workspace.build_to(&out, &[]);
    run.assert_code(1);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(snapshot(&out) == before, "the previous site changed");
    assert_eq!(
        names_in(workspace.tmp.path()),
        names_before,
        "a failed build left something beside the site"
    );
    assert!(
        !names_in(workspace.tmp.path())
            .iter()
            .any(|n| n.contains(".guidebook-tmp-")),
        "staging folder left behind"
    );
}

#[test]
fn a_template_error_after_pages_were_written_leaves_the_previous_site_untouched() {
    // Pages go into the staging folder as they are rendered and the print edition comes last,
    // so a failing print template fails the build after every lesson page was written.
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    let before = snapshot(&out);
    let names_before = names_in(workspace.tmp.path());
    workspace.write(
        "themes/default/templates/print.html",
        "{% for l in lessons %}{{ l.html | safe }}{% endfor %}{{ no_such_variable.x }}\n",
    );
    let run = workspace.build_to(&out, &[]);
    run.assert_code(1);
    let diagnostics = parse_diagnostics(&run.stderr);
    assert_eq!(
        single_error(&diagnostics).file,
        "themes/default/templates/print.html"
    );
    assert!(snapshot(&out) == before, "the previous site changed");
    assert_eq!(
        names_in(workspace.tmp.path()),
        names_before,
        "the staging folder was left behind"
    );
}

#[test]
fn leftover_staging_folders_are_removed_by_the_next_build() {
    let workspace = copy_fixture("basic");
    let leftover = workspace.guide_path(".site.guidebook-tmp-Xy12ab");
    fs::create_dir_all(leftover.join("assets")).unwrap();
    fs::write(leftover.join("index.html"), "half-written").unwrap();
    let unrelated = workspace.guide_path(".other.guidebook-tmp-keep");
    fs::create_dir_all(&unrelated).unwrap();
    run(&["build", workspace.guide.to_str().unwrap()]).assert_code(0);
    assert!(
        !leftover.exists(),
        "the interrupted build's staging folder is still there"
    );
    assert!(
        unrelated.exists(),
        "a staging folder of another output was removed"
    );
    let names = names_in(&workspace.guide);
    assert!(
        !names.iter().any(|n| n.starts_with(".site.guidebook-tmp-")),
        "{names:?}"
    );
}

/// Two outputs whose names start alike (`s` and `s.guidebook-tmp-zz`): a build of `s` removes
/// its own leftovers only, never the staging folder of `s.guidebook-tmp-zz`, whose build may be
/// writing there.
#[test]
fn a_build_leaves_the_staging_folders_of_an_output_named_alike() {
    let workspace = copy_fixture("basic");
    let guide = workspace.guide.to_str().unwrap();
    let out = workspace.path("out");
    let (short, long) = (out.join("s"), out.join("s.guidebook-tmp-zz"));
    run(&["build", guide, "--output", long.to_str().unwrap()]).assert_code(0);
    let others = out.join(".s.guidebook-tmp-zz.guidebook-tmp-Ab12Cd");
    fs::create_dir_all(&others).unwrap();
    fs::write(others.join("index.html"), "being written").unwrap();
    let own = out.join(".s.guidebook-tmp-Xy12ab");
    fs::create_dir_all(&own).unwrap();
    run(&["build", guide, "--output", short.to_str().unwrap()]).assert_code(0);
    assert!(!own.exists(), "the build of `s` left its own leftover");
    assert!(
        others.join("index.html").is_file(),
        "the build of `s` removed the staging folder of `s.guidebook-tmp-zz`"
    );
    assert!(long.join("index.html").is_file() && short.join("index.html").is_file());
    // Its own build takes it for a leftover.
    run(&["build", guide, "--output", long.to_str().unwrap()]).assert_code(0);
    assert!(!others.exists());
}

#[test]
fn a_theme_file_in_the_guide_overrides_the_default_one() {
    let workspace = copy_fixture("basic");
    workspace.write(
        "themes/default/templates/404.html",
        "<!DOCTYPE html>\n<html lang=\"{{ site.language }}\"><head><title>Lost</title></head>\
         <body><h1 id=\"custom-404\">Lost in {{ site.title }}</h1></body></html>\n",
    );
    let out = workspace.build_ok();
    let not_found = page(&out, "404.html");
    assert_eq!(
        text(select_one(&not_found, "h1#custom-404")),
        "Lost in Basic Guide"
    );
    assert!(
        select(&not_found, "nav.sidebar").is_empty(),
        "the default 404 template was used"
    );
    // Other templates still come from the default theme.
    assert_eq!(
        select(&page(&out, "index.html"), "nav.sidebar a[data-slug]").len(),
        4
    );
    // The override is not copied into the site as a file of its own.
    assert!(!out.join("templates").exists());
}

#[test]
fn an_unknown_theme_is_an_error_in_guide_toml() {
    let workspace = copy_fixture("basic");
    let config = workspace.read("guide.toml");
    assert_eq!(config.lines().count(), 3);
    workspace.write("guide.toml", &format!("{config}theme = \"nope\"\n"));
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    assert_eq!(error.file, "guide.toml");
    assert!(error.message.contains("nope"), "{error:#?}");
    // Line 4 holds `theme = "nope"`: the key (column 1) or its value (column 9).
    assert_eq!(
        error.line, 4,
        "the error should point at the `theme` line: {error:#?}"
    );
    assert!([1, 9].contains(&error.column), "{error:#?}");
}

#[test]
fn refuses_the_themes_folder_and_a_file() {
    let workspace = copy_fixture("basic");
    workspace.write("themes/mine/static/extra.css", "body {}\n");
    assert_refused(&workspace, &workspace.guide_path("themes"));
    assert_refused(&workspace, &workspace.guide_path("themes/mine"));
    assert_refused(&workspace, &workspace.guide_path("guide.toml"));
    workspace.write("../a-file.txt", "not a folder");
    assert_refused(&workspace, &workspace.path("a-file.txt"));
}

#[test]
fn creates_missing_parent_folders_of_the_output() {
    let workspace = copy_fixture("basic");
    let out = workspace.path("deep/er/site");
    workspace.build_to(&out, &[]).assert_code(0);
    assert!(out.join("index.html").is_file());
    assert_eq!(
        names_in(&workspace.path("deep/er")),
        BTreeSet::from(["site".to_string(), ".site.guidebook-lock".to_string()]),
        "the site, and the lock that keeps two builds of it apart"
    );
}

/// Duplicate ids in the basic site.
fn duplicate_ids(html: &scraper::Html) -> Vec<String> {
    let mut seen = BTreeSet::new();
    select(html, "[id]")
        .into_iter()
        .map(|e| attr(e, "id").to_string())
        .filter(|id| !seen.insert(id.clone()))
        .collect()
}

#[test]
fn ids_are_unique_on_every_page() {
    let (_workspace, out) = build_basic();
    for name in html_files(&out) {
        assert!(
            duplicate_ids(&page(&out, &name)).is_empty(),
            "{name} repeats ids"
        );
    }
}

#[test]
fn a_footnote_and_a_heading_with_the_same_name_get_different_ids() {
    let workspace = write_guide(&[(
        "content/01-a.md",
        &lesson(
            "A",
            1,
            "",
            "\n## Why\n\nBecause.[^why]\n\n[^why]: The reason.\n\nSee [why](#why).\n",
        ),
    )]);
    let out = workspace.build_ok();
    let html = page(&out, "a.html");
    assert!(
        duplicate_ids(&html).is_empty(),
        "a.html repeats ids: {:?}",
        duplicate_ids(&html)
    );
}

#[test]
fn the_print_edition_keeps_ids_unique_when_lessons_share_a_heading() {
    let workspace = write_guide(&[
        (
            "content/01-a.md",
            &lesson("A", 1, "", "\n## Checklist\n\n- [ ] One\n"),
        ),
        (
            "content/02-b.md",
            &lesson(
                "B",
                2,
                "",
                "\n## Checklist\n\n- [ ] Two\n\nBack to [the list](#checklist).\n",
            ),
        ),
    ]);
    let out = workspace.build_ok();
    let print = page(&out, "print.html");
    assert!(
        duplicate_ids(&print).is_empty(),
        "print.html repeats ids: {:?}",
        duplicate_ids(&print)
    );
}

#[test]
fn a_link_to_the_introduction_leads_to_the_home_page() {
    let workspace = write_guide(&[
        ("content/_index.md", "Hello.\n\n## About\n\nText.\n"),
        (
            "content/later/01-a.md",
            &lesson("A", 1, "", "\nBack [home](../_index.md#about).\n"),
        ),
    ]);
    let out = workspace.build_ok();
    let html = page(&out, "a.html");
    assert_eq!(
        select(&html, "main a[href=\"index.html#about\"]").len(),
        1,
        "{:?}",
        hrefs(&html, "main a")
    );
}

/// Alerts keep GitHub's labels on the page; the handout gathers the kinds `[handout] notes`
/// names, under `notes_heading`, and none when the guide does not ask.
#[test]
fn the_handout_gathers_the_alerts_guide_toml_asks_for() {
    let body = "> [!WARNING]\n> Keep the door shut.\n\n> [!TIP]\n> Treats help.\n\n> [!NOTE]\n> A side remark.\n";
    let lesson_text = lesson("One", 1, "", body);
    let plain = write_guide(&[("content/01-one.md", &lesson_text)]);
    let out = plain.build_ok();
    let lesson_page = page(&out, "one.html");
    let labels: Vec<String> = (select(&lesson_page, "main .callout-title").into_iter())
        .map(text)
        .collect();
    assert_eq!(labels, ["Warning", "Tip", "Note"]);
    let handout = page(&out, "handout.html");
    assert!(
        select(&handout, ".handout-safety").is_empty(),
        "nothing gathered unasked"
    );

    let asked = write_guide(&[
        (
            "guide.toml",
            "title = \"T\"\n[handout]\nnotes = [\"warning\", \"tip\"]\nnotes_heading = \"Before you go\"\n",
        ),
        ("content/01-one.md", &lesson_text),
    ]);
    let out = asked.build_ok();
    let handout = page(&out, "handout.html");
    let section = select_one(&handout, ".handout-safety");
    assert_eq!(text(select_in(section, "h2")[0]), "Before you go");
    let items: Vec<String> = select_in(section, "li").into_iter().map(text).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].contains("Keep the door shut") && items[1].contains("Treats help"));

    let wrong = write_guide(&[
        (
            "guide.toml",
            "title = \"T\"\n[handout]\nnotes = [\"warnings\"]\n",
        ),
        ("content/01-one.md", &lesson_text),
    ]);
    let diagnostics = wrong.build_errors();
    let error = single_error(&diagnostics);
    assert_eq!((error.file.as_str(), error.line), ("guide.toml", 3));
    assert_help(error, "note, tip, important, warning and caution");
}

/// A PNG's header: `width` x `height` pixels.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend(b"\x08\x02\0\0\0\0\0\0\0");
    png
}

/// Images whose header or attributes give a size no picture can have (0 x 0, 4G x 4G, an SVG
/// `width="1e309"`, `{width=0}`) are warnings, and their pages get no width or height for them
/// (they used to get `width="0" height="0"`, invisible, or 4294967295, without a word).
#[test]
fn an_image_size_no_picture_can_have_is_a_warning_and_not_written() {
    let jpeg_0x0 =
        b"\xff\xd8\xff\xc0\0\x11\x08\0\0\0\0\x03\x01\x22\0\x02\x11\x01\x03\x11\x01\xff\xd9";
    let body = "![a](img/zero.png)\n\n![b](img/zero.jpg)\n\n![c](img/huge.png)\n\n\
        ![d](img/inf.svg)\n\n![e](img/fine.png){width=0}\n\n![f](img/fine.png){width=8}\n";
    let workspace = write_guide(&[
        ("content/01-a.md", &lesson("A", 1, "", body)),
        (
            "content/img/inf.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1e309\" height=\"10\"/>",
        ),
    ]);
    workspace.write_bytes("content/img/zero.png", &png_header(0, 0));
    workspace.write_bytes("content/img/zero.jpg", jpeg_0x0);
    workspace.write_bytes("content/img/huge.png", &png_header(u32::MAX, u32::MAX));
    workspace.write_bytes("content/img/fine.png", &png_header(4, 2));
    let run = workspace.build_to(&workspace.out(), &[]);
    run.assert_code(0);
    let mut warnings: Vec<(String, usize, String)> = parse_diagnostics(&run.stderr)
        .into_iter()
        .map(|d| (d.file, d.line, d.message))
        .collect();
    warnings.sort();
    let expected = [
        (
            "content/01-a.md",
            14,
            "`width=0` is not a size a picture can have",
        ),
        (
            "content/img/huge.png",
            1,
            "this image's header gives it a size of 4294967295 x 4294967295 pixels",
        ),
        (
            "content/img/inf.svg",
            1,
            "this image's header gives it a size of infinite x 10 pixels",
        ),
        (
            "content/img/zero.jpg",
            1,
            "this image's header gives it a size of 0 x 0 pixels",
        ),
        (
            "content/img/zero.png",
            1,
            "this image's header gives it a size of 0 x 0 pixels",
        ),
    ];
    let expected: Vec<(String, usize, String)> = (expected.iter())
        .map(|(f, l, m)| (f.to_string(), *l, m.to_string()))
        .collect();
    assert_eq!(warnings, expected, "{}", run.stderr);
    let lesson_page = page(&workspace.out(), "a.html");
    let sizes: Vec<(&str, Option<&str>, Option<&str>)> = select(&lesson_page, "main img")
        .into_iter()
        .map(|img| {
            let value = img.value();
            (
                value.attr("alt").unwrap_or_default(),
                value.attr("width"),
                value.attr("height"),
            )
        })
        .collect();
    assert_eq!(
        sizes,
        [
            ("a", None, None),
            ("b", None, None),
            ("c", None, None),
            ("d", None, None),
            ("e", None, None),
            ("f", Some("8"), Some("4")),
        ]
    );
}

/// Files that would sit where the site puts a page or a folder, and names too long for a file
/// system, are diagnostics found before anything is written (they used to fail the write with
/// "File exists (os error 17)" or "File name too long (os error 36)").
#[test]
fn files_in_the_sites_way_and_names_too_long_are_diagnostics() {
    let long = "l".repeat(300);
    let long_file = format!("content/{}.md", "f".repeat(251));
    let workspace = write_guide(&[
        ("content/a.md", &lesson("A", 1, "", "")),
        ("content/a.html/x.png", "not a picture"),
        ("content/index.html/y.txt", "text"),
        ("content/assets", "a plain file"),
        (
            "content/02-b.md",
            &lesson("B", 2, &format!("slug: {long}\n"), ""),
        ),
        (&long_file, &lesson("C", 3, "", "")),
    ]);
    let diagnostics = workspace.build_errors();
    let found: Vec<(&str, usize, &str)> = (diagnostics.iter())
        .map(|d| (d.file.as_str(), d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/02-b.md",
                5,
                "this slug is 300 bytes long, too long for the name of its page"
            ),
            (
                "content/a.html/x.png",
                1,
                "this file's folder `a.html/` would take the place of the site's page `a.html`"
            ),
            (
                "content/assets",
                1,
                "this file would take the place of the site's folder `assets/`"
            ),
            (
                long_file.as_str(),
                1,
                "the slug made from this file's name is 251 bytes long, too long for the name of its page"
            ),
            (
                "content/index.html/y.txt",
                1,
                "this file's folder `index.html/` would take the place of the site's page `index.html`"
            ),
        ],
        "{diagnostics:#?}"
    );
    assert!(diagnostics.iter().all(|d| !d.text.contains("os error")));

    let fine = write_guide(&[("content/a.md", &lesson("A", 1, "", ""))]);
    let out = fine.path(&"o".repeat(240));
    let run = fine.build_to(&out, &[]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("its name is 240 bytes long"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    assert_eq!(names_in(fine.tmp.path()), ["guide".to_string()].into());
    // The longest name allowed builds, and builds again over its old site (moved aside as the
    // staging folder's name + `.old` where the system cannot swap folders).
    let longest = fine.path(&"o".repeat(229));
    fine.build_to(&longest, &[]).assert_code(0);
    fine.build_to(&longest, &[]).assert_code(0);
    let run = fine.build_to(&fine.path(&"o".repeat(230)), &[]);
    run.assert_code(2);

    // `guidebook new` names the file after a long title's first words.
    let title = "word ".repeat(80);
    let guide = fine.guide.to_str().unwrap();
    common::run(&["new", &title, guide]).assert_code(0);
    let written = names_in(&fine.guide_path("content"))
        .into_iter()
        .find(|name| name.starts_with("02-word-word"))
        .expect("the new lesson");
    assert!(
        written.len() <= 255 && written.ends_with("-word.md"),
        "{written}"
    );
    fine.check(&[]).assert_code(0);
}

/// The print edition writes each lesson's and page's body where its template prints it (the
/// template's data holds a placeholder instead): each body once, in its own section, in order;
/// text that looks like such a placeholder is shown as written, and raw control bytes too.
#[test]
fn the_print_edition_has_each_body_in_its_own_section() {
    let lookalike = "\u{1}gb0123456789abcdef:1\u{1}";
    let workspace = write_guide(&[
        (
            "content/01-first.md",
            &lesson("First", 1, "", &format!("Alpha words {lookalike} end.\n")),
        ),
        (
            "content/02-second.md",
            &lesson("Second", 2, "", "Beta words.\n"),
        ),
        (
            "content/pages/01-notes.md",
            "---\ntitle: Notes\n---\nGamma words.\n",
        ),
    ]);
    let out = workspace.build_ok();
    let bytes = fs::read(out.join("print.html")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains(lookalike),
        "the look-alike is kept as written"
    );
    let print = page(&out, "print.html");
    let sections: Vec<String> = select(&print, "main section.lesson .lesson-body")
        .iter()
        .map(|body| body.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(
        sections,
        [
            format!("Alpha words {lookalike} end."),
            "Beta words.".to_string()
        ]
    );
    let pages = select(&print, "section.reference-page");
    assert_eq!(pages.len(), 1);
    let page_text: String = pages[0].text().collect();
    assert!(page_text.contains("Gamma words."), "{page_text}");
    for word in ["Alpha words", "Beta words", "Gamma words"] {
        assert_eq!(text.matches(word).count(), 1, "{word}");
    }
}
