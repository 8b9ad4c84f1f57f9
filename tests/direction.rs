//! Guides in languages written right to left (`tests/fixtures/rtl`, Arabic): every page says
//! `dir="rtl"`, the lesson map is drawn mirrored (step 1 right of step 2, the narrow drawing's
//! lanes on the right) and the timeline's bars are placed from the right. A guide in a language
//! written left to right says nothing of its direction, as before.

mod common;

use common::*;

/// A box of a map drawing: its rect's x and width, by the lesson it links to.
fn map_box(svg: scraper::ElementRef<'_>, slug: &str) -> (f64, f64) {
    let node = select_in(svg, &format!("a.map-node[data-map-lesson=\"{slug}\"] rect"));
    assert_eq!(node.len(), 1, "one box for {slug}");
    let number = |name: &str| -> f64 {
        attr(node[0], name)
            .parse()
            .unwrap_or_else(|_| panic!("{slug}: rect {name}"))
    };
    (number("x"), number("width"))
}

fn svg_width(svg: scraper::ElementRef<'_>) -> f64 {
    attr(svg, "width").parse().expect("the drawing's width")
}

#[test]
fn every_page_of_an_arabic_guide_is_right_to_left() {
    let workspace = copy_fixture("rtl");
    let out = workspace.build_ok();
    let files = html_files(&out);
    assert!(files.len() >= 8, "{files:?}");
    for file in &files {
        let html = page(&out, file);
        let root = select_one(&html, "html");
        assert_eq!(attr(root, "dir"), "rtl", "{file}");
        assert_eq!(attr(root, "lang"), "ar", "{file}");
    }
}

#[test]
fn the_map_of_an_arabic_guide_is_mirrored() {
    let workspace = copy_fixture("rtl");
    let out = workspace.build_ok();
    let html = page(&out, "index.html");

    // Wide: steps 1 and 2 (no prerequisites) side by side, step 1 on the right.
    let wide = select_one(&html, "svg.lesson-map-wide");
    assert_eq!(attr(wide, "direction"), "rtl");
    let (beans_x, _) = map_box(wide, "beans");
    let (tools_x, tools_width) = map_box(wide, "tools");
    assert!(
        beans_x > tools_x + tools_width,
        "step 1 at x={beans_x}, right of step 2 at x={tools_x}"
    );
    // The arrows are mirrored with the boxes, about the drawing's width.
    let edges = select_in(wide, "g.map-edges");
    assert_eq!(
        attr(edges[0], "transform"),
        format!("matrix(-1 0 0 1 {} 0)", svg_width(wide))
    );
    // Text starts at the box's right edge.
    let kicker = select_in(
        wide,
        "a.map-node[data-map-lesson=\"beans\"] text.map-kicker",
    );
    let kicker_x: f64 = attr(kicker[0], "x").parse().expect("the kicker's x");
    assert!(kicker_x > beans_x + 150.0, "kicker at x={kicker_x}");

    // Narrow: one box per row; the lanes of the arrows that skip rows are on the right.
    let narrow = select_one(&html, "svg.lesson-map-narrow");
    let width = svg_width(narrow);
    for slug in ["beans", "tools", "brew", "roast"] {
        let (x, box_width) = map_box(narrow, slug);
        let right = width - x - box_width;
        assert!(right > x + 10.0, "{slug}: room left {x}, right {right}");
    }
}

#[test]
fn the_timeline_of_an_arabic_guide_runs_from_the_right() {
    let workspace = copy_fixture("rtl");
    let out = workspace.build_ok();
    let html = page(&out, "index.html");
    let bars = select(&html, ".timeline:not(.timeline-compact) .timeline-bar");
    assert_eq!(bars.len(), 4);
    assert!(
        attr(bars[0], "style").starts_with("right: 0.000%;"),
        "{}",
        attr(bars[0], "style")
    );
    for tick in select(&html, ".timeline-tick") {
        assert!(
            attr(tick, "style").starts_with("right: "),
            "{}",
            tick.html()
        );
    }
}

#[test]
fn a_language_tag_with_a_region_is_read_by_its_primary_subtag() {
    let workspace = write_guide(&[
        ("guide.toml", "title = \"راهنما\"\nlanguage = \"fa-IR\"\n"),
        ("content/one.md", &lesson("یک", 1, "", "متن.\n")),
    ]);
    let out = workspace.build_ok();
    assert_eq!(
        attr(select_one(&page(&out, "one.html"), "html"), "dir"),
        "rtl"
    );
}

#[test]
fn guides_written_left_to_right_say_nothing_of_their_direction() {
    for (name, workspace) in [
        ("sample", copy_sample_guide()),
        ("basic", copy_fixture("basic")),
        ("japanese", copy_fixture("japanese")),
    ] {
        let out = workspace.build_ok();
        for file in html_files(&out) {
            let html = page(&out, &file);
            let root = select_one(&html, "html");
            assert_eq!(root.value().attr("dir"), None, "{name}: {file}");
        }
        let home = page(&out, "index.html");
        for svg in select(&home, "svg.lesson-map") {
            assert_eq!(svg.value().attr("direction"), None, "{name}");
        }
        for bar in select(&home, ".timeline-bar") {
            assert!(attr(bar, "style").starts_with("left: "), "{name}");
        }
    }
}
