//! Large guides stay linear: past 100 lessons each page's sidebar lists only the lessons around
//! it (the home page lists them all), and the map and timeline show chapters instead of lessons.

mod common;

use std::collections::BTreeMap;

use common::*;
use guidebook::render::RenderOptions;
use guidebook::{BuildOptions, build_site};

/// A guide of `count` lessons in a chain (each needs the one before), in `chapters` folders.
fn chain_guide(count: u32, chapters: u32) -> Workspace {
    let mut files: Vec<(String, String)> = Vec::new();
    files.push(("guide.toml".into(), "title = \"Big\"\n".into()));
    for step in 1..=count {
        let prerequisite = if step > 1 {
            format!("prerequisites: [l{}]\n", step - 1)
        } else {
            String::new()
        };
        let chapter = (step - 1) * chapters / count;
        let body = format!("Body of lesson {step}.\n\n- [ ] Do step {step}.\n");
        files.push((
            format!("content/part-{chapter}/l{step}.md"),
            lesson(&format!("Lesson {step}"), step, &prerequisite, &body),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_guide(&borrowed)
}

#[test]
fn sidebars_of_large_guides_list_the_lessons_around_the_page() {
    let workspace = chain_guide(150, 3);
    let out = workspace.build_ok();
    let lesson = page(&out, "l75.html");
    let listed = hrefs(&lesson, ".sidebar a[data-slug]");
    assert_eq!(listed.len(), 21, "{listed:?}");
    assert_eq!(listed.first().map(String::as_str), Some("l65.html"));
    assert_eq!(listed.last().map(String::as_str), Some("l85.html"));
    assert_eq!(
        hrefs(&lesson, ".sidebar a[aria-current=\"page\"]"),
        ["l75.html"]
    );
    // The first and last pages show the first and last 21 lessons.
    assert_eq!(
        hrefs(&page(&out, "l1.html"), ".sidebar a[data-slug]").len(),
        21
    );
    let last = hrefs(&page(&out, "l150.html"), ".sidebar a[data-slug]");
    assert_eq!(last.first().map(String::as_str), Some("l130.html"));
    // Every lesson is two clicks from the home page: it lists the chapters, each chapter's page
    // lists its lessons.
    let index = page(&out, "index.html");
    assert!(
        select(&index, ".lesson-list").is_empty(),
        "no list of 150 lessons"
    );
    let chapters = hrefs(&index, ".chapter-list a");
    assert!(chapters.len() > 1 && chapters.len() <= 30, "{chapters:?}");
    let mut reached = Vec::new();
    for chapter in &chapters {
        reached.extend(hrefs(&page(&out, chapter), ".lesson-list h3 a"));
    }
    let every: Vec<String> = (1..=150).map(|step| format!("l{step}.html")).collect();
    assert_eq!(reached, every, "each lesson once, in step order");
}

#[test]
fn small_guides_list_every_lesson_in_every_sidebar() {
    let workspace = chain_guide(30, 1);
    let out = workspace.build_ok();
    for name in [
        "l1.html",
        "l15.html",
        "l30.html",
        "index.html",
        "checklists.html",
    ] {
        assert_eq!(
            hrefs(&page(&out, name), ".sidebar a[data-slug]").len(),
            30,
            "{name}"
        );
    }
}

#[test]
fn the_map_of_a_large_guide_shows_its_chapters() {
    let workspace = chain_guide(150, 3);
    let out = workspace.build_ok();
    let index = page(&out, "index.html");
    let boxes = select(&index, "svg.lesson-map-narrow a.map-node");
    assert_eq!(boxes.len(), 3, "one box per chapter folder");
    let edges = select(&index, "svg.lesson-map-narrow path.map-edge");
    assert_eq!(edges.len(), 2, "part-0 -> part-1 -> part-2");
    let kickers: Vec<String> = select(&index, "svg.lesson-map-narrow .map-kicker")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(kickers, ["Steps 1–50", "Steps 51–100", "Steps 101–150"]);
}

#[test]
fn a_large_guide_without_folders_is_drawn_as_at_most_thirty_runs_of_steps() {
    let workspace = chain_guide(400, 1);
    let out = workspace.build_ok();
    let index = page(&out, "index.html");
    let boxes = select(&index, "svg.lesson-map-narrow a.map-node");
    assert_eq!(boxes.len(), 29, "400 lessons in runs of 14 steps");
    let first = text(select(&index, "svg.lesson-map-narrow .map-kicker")[0]);
    assert_eq!(first, "Steps 1–14");
    let bars = select(&index, "div.timeline li.timeline-row");
    assert_eq!(bars.len(), 29, "one timeline bar per run");
}

#[test]
fn the_site_written_page_by_page_is_the_site_built_in_memory() {
    // `guidebook build` writes each page as it is rendered (the print edition as a stream) and
    // drops the lessons' HTML and text once the web pages and search shards are made;
    // `build_site` keeps everything in memory. Both must produce the same files, byte for byte.
    // 120 lessons of about 40 KB fill several search shards and pass the 100-lesson full
    // sidebar.
    let workspace = long_lessons_guide();
    let out = workspace.build_ok();
    let mut on_disk = snapshot(&out);
    on_disk.remove(".guidebook-site");

    let options = BuildOptions {
        render: RenderOptions {
            build_date: SOURCE_DATE.to_string(),
            ..RenderOptions::default()
        },
        ..BuildOptions::default()
    };
    let build = build_site(&workspace.guide, &options).expect("the guide loads");
    let in_memory: BTreeMap<String, Vec<u8>> = build.site.expect("the guide builds").files;

    let shards = in_memory
        .keys()
        .filter(|path| path.starts_with("assets/search/"))
        .count();
    assert!(shards > 5, "{shards} search shards");
    assert_eq!(
        on_disk.keys().collect::<Vec<_>>(),
        in_memory.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &in_memory {
        assert!(
            on_disk[path] == *bytes,
            "{path} differs between disk and memory"
        );
    }
}

/// A guide with many reference pages: each reference page's sidebar lists the 21 pages around
/// it and every other page's the first 21, each saying which of how many and linking to the
/// home page, which lists them all. Up to 100 pages, every sidebar lists every page.
#[test]
fn sidebars_of_guides_with_many_reference_pages_list_the_pages_around_the_page() {
    let many = write_guide(&[("content/01-a.md", &lesson("A", 1, "", "Text.\n"))]);
    for i in 0..150 {
        many.write(
            &format!("content/pages/p{i:03}.md"),
            &format!("---\ntitle: Page {i}\n---\nOne line.\n"),
        );
    }
    let out = many.build_ok();
    let pages = |html: &scraper::Html| {
        hrefs(
            html,
            ".sidebar-more a[data-page^=\"p\"]:not([data-page=\"print\"])",
        )
    };
    let middle = page(&out, "p075.html");
    let listed = pages(&middle);
    let expected: Vec<String> = (65..86).map(|i| format!("p{i:03}.html")).collect();
    assert_eq!(listed, expected);
    assert_eq!(
        hrefs(&middle, ".sidebar-more a[aria-current=\"page\"]"),
        ["p075.html"]
    );
    let note = select_one(&middle, ".sidebar-partial");
    assert_eq!(text(note), "66–86 of 150 · all resources");
    assert_eq!(
        hrefs(&middle, ".sidebar-partial a"),
        ["index.html#resources-heading"]
    );
    for name in ["a.html", "index.html", "p000.html", "gear.html", "404.html"] {
        if out.join(name).exists() {
            let first: Vec<String> = (0..21).map(|i| format!("p{i:03}.html")).collect();
            assert_eq!(pages(&page(&out, name)), first, "{name}");
        }
    }
    let last = pages(&page(&out, "p149.html"));
    assert_eq!(last.first().map(String::as_str), Some("p129.html"));
    let index = page(&out, "index.html");
    assert_eq!(
        hrefs(&index, ".resources a").len(),
        150,
        "the home page lists every page"
    );
    assert!(
        select_one(&index, "#resources-heading")
            .value()
            .id()
            .is_some()
    );

    let few = write_guide(&[("content/01-a.md", &lesson("A", 1, "", "Text.\n"))]);
    for i in 0..100 {
        few.write(
            &format!("content/pages/p{i:03}.md"),
            &format!("---\ntitle: Page {i}\n---\nOne line.\n"),
        );
    }
    let out = few.build_ok();
    for name in ["a.html", "p050.html"] {
        let html = page(&out, name);
        assert_eq!(pages(&html).len(), 100, "{name}");
        assert!(select(&html, ".sidebar-partial").is_empty(), "{name}");
    }
}

/// The handout warns when it cannot fit its two pages, saying by how much and what takes the
/// room (a 400-lesson guide used to print a handout of 26 pages without a word); the sample
/// guide's handouts, which fit, say nothing.
#[test]
fn a_handout_that_cannot_fit_two_pages_is_a_warning() {
    let handout_warnings = |workspace: &Workspace| -> Vec<Diag> {
        let run = workspace.check(&[]);
        run.assert_code(0);
        (parse_diagnostics(&run.stderr).into_iter())
            .filter(|d| d.message.contains("will not fit on two pages"))
            .collect()
    };
    let long = handout_warnings(&chain_guide(400, 4));
    assert_eq!(long.len(), 1, "{long:#?}");
    assert_eq!(
        (long[0].severity.as_str(), long[0].file.as_str()),
        ("warning", "content")
    );
    let pages: f64 = (long[0].message.rsplit("about ").next())
        .and_then(|rest| rest.strip_suffix(" pages"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{long:#?}"));
    // 400 one-line rows and 400 one-item checklists: 16 pages of A4 as Chromium prints them.
    assert!((14.0..=18.0).contains(&pages), "{long:#?}");
    assert_help(&long[0], "400 lessons in its schedule, 400 checklist items");
    assert_help(&long[0], "the schedule takes much room");

    let task = "- [ ] Walk the cat round the garden twice on a loose leash, then reward it at the door with a treat.\n";
    let mut files: Vec<(String, String)> = Vec::new();
    for step in 1..=24 {
        let body = task.repeat(6);
        files.push((
            format!("content/{step:02}-l{step}.md"),
            lesson(&format!("Lesson {step}"), step, "", &body),
        ));
    }
    let borrowed: Vec<(&str, &str)> = (files.iter())
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let checklists = handout_warnings(&write_guide(&borrowed));
    assert_eq!(checklists.len(), 1, "{checklists:#?}");
    assert_help(&checklists[0], "the checklists take much room");

    assert!(handout_warnings(&copy_sample_guide()).is_empty());
    let few = handout_warnings(&write_guide(&borrowed[..8]));
    assert!(few.is_empty(), "{few:#?}");
}
