//! The lesson map and the timeline: structure of the drawings made at build time (the map's
//! wide and narrow SVGs, the timeline's HTML).

mod common;

use std::collections::BTreeSet;

use common::*;

/// `(lesson slug, prerequisite slugs)` read back from the sample guide's lesson pages.
fn prerequisite_edges(out: &std::path::Path) -> BTreeSet<(String, String)> {
    let mut edges = BTreeSet::new();
    for file in html_files(out) {
        let html = page(out, &file);
        let Some(article) = select(&html, "article.lesson[data-lesson]")
            .into_iter()
            .next()
        else {
            continue;
        };
        let slug = attr(article, "data-lesson").to_string();
        for href in hrefs(&html, "main .prereqs a") {
            edges.insert((href.trim_end_matches(".html").to_string(), slug.clone()));
        }
    }
    edges
}

/// The map's drawing for wide screens (the only one when a wide drawing would not fit).
const WIDE_MAP: &str = "svg.lesson-map-wide, svg.lesson-map-only";

/// A box's title as drawn: its lines joined.
fn box_title(node: scraper::ElementRef<'_>) -> String {
    let lines: Vec<String> = select_in(node, "text.map-label tspan")
        .into_iter()
        .map(text)
        .collect();
    lines.join(" ")
}

#[test]
fn the_map_has_one_box_per_lesson_and_one_arrow_per_prerequisite() {
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    let index = page(&out, "index.html");
    let drawings = select(&index, "svg.lesson-map");
    assert_eq!(drawings.len(), 2, "a wide and a narrow drawing");
    assert_eq!(select(&index, "svg.lesson-map-wide").len(), 1);
    assert_eq!(select(&index, "svg.lesson-map-narrow").len(), 1);
    for svg in drawings {
        the_drawing_shows_every_lesson_and_prerequisite(&out, svg);
    }
}

fn the_drawing_shows_every_lesson_and_prerequisite(
    out: &std::path::Path,
    svg: scraper::ElementRef<'_>,
) {
    assert_eq!(attr(svg, "role"), "group");
    assert_eq!(text(select_in(svg, "title")[0]), "Lesson map");
    assert!(!select_in(svg, "desc").is_empty());

    let tasks = tasks_json(out);
    let slugs: Vec<String> = tasks["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["slug"].as_str().unwrap().to_string())
        .collect();
    let titles: Vec<String> = tasks["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["title"].as_str().unwrap().to_string())
        .collect();
    let boxes = select_in(svg, "a.map-node");
    assert_eq!(boxes.len(), slugs.len());
    let drawn_titles: Vec<String> = boxes.iter().map(|b| box_title(*b)).collect();
    assert_eq!(
        drawn_titles, titles,
        "every title whole, wrapped onto lines"
    );
    let boxed: Vec<String> = boxes
        .iter()
        .map(|b| attr(*b, "data-map-lesson").to_string())
        .collect();
    assert_eq!(boxed, slugs, "boxes in step order, one per lesson");
    for node in &boxes {
        let href = attr(*node, "href");
        assert!(out.join(href).is_file(), "{href} is a page");
        assert!(!text(*node).trim().is_empty(), "every box has a text label");
    }

    let edges = prerequisite_edges(out);
    assert!(
        edges.len() >= slugs.len() - 1,
        "the sample guide has a real graph: {edges:?}"
    );
    let drawn: BTreeSet<(String, String)> = select_in(svg, "path.map-edge")
        .into_iter()
        .map(|p| {
            let from: usize = attr(p, "data-from").parse().unwrap();
            let to: usize = attr(p, "data-to").parse().unwrap();
            (slugs[from].clone(), slugs[to].clone())
        })
        .collect();
    assert_eq!(drawn, edges, "one arrow per prerequisite edge");
    assert_eq!(select_in(svg, "path.map-edge").len(), edges.len());
}

#[test]
fn no_arrow_runs_through_a_box() {
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    let index = page(&out, "index.html");
    let svg = select_one(&index, "svg.lesson-map-wide");
    assert_eq!(attr(svg, "data-map-shape"), "layers");
    let boxes: Vec<(f64, f64, f64, f64)> = select_in(svg, "a.map-node rect")
        .into_iter()
        .map(|r| {
            let n = |name: &str| attr(r, name).parse::<f64>().unwrap();
            (n("x"), n("y"), n("width"), n("height"))
        })
        .collect();
    for path in select_in(svg, "path.map-edge") {
        // Straight vertical runs (`L` segments) are where an arrow crosses a layer.
        let d = attr(path, "d");
        let points: Vec<(f64, f64)> = d
            .split(|c: char| c.is_ascii_alphabetic())
            .filter(|s| !s.trim().is_empty())
            .flat_map(|s| s.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        let (start, end) = (points[0], *points.last().unwrap());
        for &(x, y) in &points[1..points.len() - 1] {
            for &(bx, by, bw, bh) in &boxes {
                let inside = x > bx + 1.0 && x < bx + bw - 1.0 && y > by + 1.0 && y < by + bh - 1.0;
                assert!(!inside, "a bend of {d} lies inside a box at ({bx},{by})");
            }
        }
        assert!(end.1 > start.1, "arrows point down the layers: {d}");
    }
}

/// The box of each lesson in a drawing: (x, y) of its rectangle, in step order.
fn corners(svg: scraper::ElementRef<'_>) -> Vec<(f64, f64)> {
    select_in(svg, "a.map-node rect")
        .into_iter()
        .map(|r| {
            let n = |name: &str| attr(r, name).parse::<f64>().unwrap();
            (n("x"), n("y"))
        })
        .collect()
}

#[test]
fn siblings_read_in_step_order_and_the_narrow_drawing_is_a_list() {
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    let index = page(&out, "index.html");
    let wide = corners(select_one(&index, "svg.lesson-map-wide"));
    // Steps 2 and 3 both follow step 1; steps 6 and 7 both follow step 5.
    assert_eq!(wide[1].1, wide[2].1, "steps 2 and 3 share a layer");
    assert!(wide[1].0 < wide[2].0, "step 2 left of step 3: {wide:?}");
    assert!(wide[5].0 < wide[6].0, "step 6 left of step 7: {wide:?}");
    let narrow = select_one(&index, "svg.lesson-map-narrow");
    assert_eq!(attr(narrow, "data-map-shape"), "list");
    let rows = corners(narrow);
    assert!(
        rows.windows(2).all(|pair| pair[0].1 < pair[1].1),
        "one box per row, in step order: {rows:?}"
    );
    let width: f64 = attr(narrow, "width").parse().unwrap();
    assert!(width <= 360.0, "drawn for a phone's column: {width}");
}

/// A `left: a%; width: b%` style as (a, b).
fn bar_extent(style: &str) -> (f64, f64) {
    let value = |name: &str| -> f64 {
        let (_, rest) = style.split_once(&format!("{name}: ")).unwrap();
        rest.split('%').next().unwrap().parse().unwrap()
    };
    (value("left"), value("width"))
}

#[test]
fn timeline_bars_are_proportional_to_durations() {
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    let index = page(&out, "index.html");
    let timeline = select_one(&index, "div.timeline");
    assert_eq!(attr(timeline, "role"), "group");
    let rows = select_in(timeline, "li.timeline-row");
    assert_eq!(rows.len(), 12);
    let tasks = tasks_json(&out);
    let mut per_minute = Vec::new();
    let mut bars = Vec::new();
    for (row, lesson) in rows.iter().zip(tasks["lessons"].as_array().unwrap()) {
        let label = select_in(*row, "a.timeline-label")[0];
        assert!(out.join(attr(label, "href")).is_file());
        assert!(
            text(label).ends_with(lesson["title"].as_str().unwrap()),
            "the whole title: {}",
            text(label)
        );
        // A bar's parts have widths in percent of the bar; the bar's are of the track.
        let bar = bar_extent(attr(select_in(*row, ".timeline-bar")[0], "style"));
        for part in select_in(*row, ".timeline-min, .timeline-max") {
            let minutes: f64 = attr(part, "data-minutes").parse().unwrap();
            let share = width_of(attr(part, "style"));
            if minutes >= 24.0 * 60.0 {
                per_minute.push(bar.1 * share / 100.0 / minutes);
            }
        }
        bars.push(bar);
    }
    assert!(per_minute.len() >= 5);
    let first = per_minute[0];
    for ratio in &per_minute {
        assert!(
            (ratio / first - 1.0).abs() < 0.01,
            "bars share one scale: {per_minute:?}"
        );
    }
    // Lessons start when their prerequisites end: the first lesson starts at the left edge and a
    // later lesson starts to its right; the last bar to end ends at the end of the track.
    assert_eq!(bars[0].0, 0.0);
    assert!(bars[3].0 > bars[0].0, "{bars:?}");
    let end = bars
        .iter()
        .map(|(at, width)| at + width)
        .fold(0.0, f64::max);
    assert!((end - 100.0).abs() < 0.01, "{bars:?}");
    // Some bars overlap (a lesson starts before another ends), so the caption says lessons run
    // side by side, whatever the rounding of the total.
    let overlap = (bars.iter().enumerate()).any(|(i, a)| {
        bars[i + 1..]
            .iter()
            .any(|b| b.0 < a.0 + a.1 && a.0 < b.0 + b.1)
    });
    assert!(overlap, "{bars:?}");
    let caption = text(select_one(&index, ".timeline-figure figcaption"));
    assert!(caption.contains("run side by side"), "{caption}");
}

/// A `width: b%` style as b.
fn width_of(style: &str) -> f64 {
    let (_, rest) = style.split_once("width: ").unwrap();
    rest.split('%').next().unwrap().parse().unwrap()
}

#[test]
fn the_timeline_ends_at_the_total_time_and_its_axis_is_in_its_unit() {
    // Lessons of minutes, one after another: ticks in minutes, and the home page's total (shown
    // once) is where the last bar ends.
    let workspace = copy_fixture("carpentries");
    let out = workspace.build_ok();
    let index = page(&out, "index.html");
    let ticks: Vec<String> = select(&index, ".timeline-figure .timeline-tick")
        .iter()
        .map(|tick| text(*tick))
        .collect();
    assert_eq!(
        ticks,
        ["start", "10 min", "20 min", "30 min", "40 min", "50 min"]
    );
    let facts: Vec<String> = select(&index, ".facts dd")
        .iter()
        .map(|dd| text(*dd))
        .collect();
    assert_eq!(facts[0], "50 min");
    // Besides the chart's description for screen readers, which ends with it.
    let desc = text(select_one(&index, "#timeline-desc"));
    assert!(desc.ends_with("The whole plan takes 50 min."), "{desc}");
    let html = index.html();
    assert_eq!(
        html.matches("50 min").count(),
        3,
        "the total once, the last tick and the description"
    );

    // The sample's lessons of minutes to weeks: an axis in weeks, and the total as the plan.
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    let index = page(&out, "index.html");
    let ticks: Vec<String> = select(&index, ".timeline-figure .timeline-tick")
        .iter()
        .map(|tick| text(*tick))
        .collect();
    assert_eq!(ticks, ["start", "2 weeks", "4 weeks", "6 weeks"]);
    let total = text(select(&index, ".facts dd")[0]);
    assert_eq!(total, "4–7.5 weeks");
    let desc = text(select_one(&index, "#timeline-desc"));
    assert!(
        desc.ends_with(&format!("The whole plan takes {total}.")),
        "{desc}"
    );
    assert_eq!(
        index.html().matches(&total).count(),
        2,
        "the total is shown once, and told in the description"
    );
}

#[test]
fn the_handout_and_print_edition_show_the_timeline() {
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    let handout = page(&out, "handout.html");
    assert_eq!(select(&handout, "div.timeline.timeline-compact").len(), 1);
    let print = page(&out, "print.html");
    assert_eq!(select(&print, "div.timeline").len(), 1);
    assert_eq!(select(&print, WIDE_MAP).len(), 1);
}

#[test]
fn diagrams_are_deterministic() {
    let workspace = copy_sample_guide();
    let first = workspace.build_ok();
    let index_a = std::fs::read_to_string(first.join("index.html")).unwrap();
    let second = workspace.path("again");
    workspace.build_to(&second, &[]).assert_code(0);
    let index_b = std::fs::read_to_string(second.join("index.html")).unwrap();
    assert_eq!(index_a, index_b);
}

/// 60 lessons each needing every earlier one: the map draws the chain (shortcuts dropped), and
/// the layout no longer spends seconds on 1,770 crossing edges (4.9 s per build before).
#[test]
fn lessons_needing_every_earlier_lesson_draw_as_a_chain() {
    let mut files: Vec<(String, String)> = Vec::new();
    for step in 1..=60u32 {
        let earlier: Vec<String> = (1..step).map(|s| format!("l{s}")).collect();
        let prerequisites = format!("prerequisites: [{}]\n", earlier.join(", "));
        files.push((
            format!("content/l{step}.md"),
            lesson(&format!("Lesson {step}"), step, &prerequisites, "Body.\n"),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let workspace = write_guide(&borrowed);
    let started = std::time::Instant::now();
    let out = workspace.build_ok();
    let index = page(&out, "index.html");
    let wide = select_one(&index, "svg.lesson-map-wide");
    assert_eq!(
        attr(wide, "data-map-shape"),
        "rows",
        "a chain wraps into rows"
    );
    let rows: BTreeSet<String> = select_in(wide, "a.map-node rect")
        .into_iter()
        .map(|r| attr(r, "y").to_string())
        .collect();
    assert_eq!(rows.len(), 20, "60 boxes in rows of 3, not one tall column");
    let arrows = select_in(wide, "path.map-edge");
    assert_eq!(arrows.len(), 59, "one arrow from each lesson to the next");
    for arrow in arrows {
        let from: usize = attr(arrow, "data-from").parse().unwrap();
        let to: usize = attr(arrow, "data-to").parse().unwrap();
        assert_eq!(to, from + 1);
    }
    // A hang guard, not a benchmark: the debug build took about 5 s before.
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
