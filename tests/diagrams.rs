//! The lesson map and the timeline: structure of the SVGs drawn at build time.

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

#[test]
fn the_map_has_one_box_per_lesson_and_one_arrow_per_prerequisite() {
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    let index = page(&out, "index.html");
    let svg = select_one(&index, "svg.lesson-map");
    assert_eq!(attr(svg, "role"), "group");
    assert_eq!(text(select_in(svg, "title")[0]), "Lesson map");
    assert!(!select_in(svg, "desc").is_empty());

    let tasks = tasks_json(&out);
    let slugs: Vec<String> = tasks["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["slug"].as_str().unwrap().to_string())
        .collect();
    let boxes = select_in(svg, "a.map-node");
    assert_eq!(boxes.len(), slugs.len());
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

    let edges = prerequisite_edges(&out);
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
    let svg = select_one(&index, "svg.lesson-map");
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

#[test]
fn timeline_bars_are_proportional_to_durations() {
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    let index = page(&out, "index.html");
    let svg = select_one(&index, "svg.timeline");
    assert_eq!(text(select_in(svg, "title")[0]), "Timeline");
    let rows = select_in(svg, "a.timeline-row");
    assert_eq!(rows.len(), 12);
    let mut px_per_minute = Vec::new();
    for row in &rows {
        for rect in select_in(*row, "rect") {
            let minutes: f64 = attr(rect, "data-minutes").parse().unwrap();
            let width: f64 = attr(rect, "width").parse().unwrap();
            if minutes >= 24.0 * 60.0 {
                px_per_minute.push(width / minutes);
            }
        }
        assert!(out.join(attr(*row, "href")).is_file());
    }
    assert!(px_per_minute.len() >= 5);
    let first = px_per_minute[0];
    for ratio in &px_per_minute {
        assert!(
            (ratio / first - 1.0).abs() < 0.01,
            "bars share one scale: {px_per_minute:?}"
        );
    }
    // Lessons start when their prerequisites end: the first lesson starts at the left edge and a
    // later lesson starts to its right.
    let starts: Vec<f64> = rows
        .iter()
        .map(|row| {
            attr(select_in(*row, "rect.timeline-min")[0], "x")
                .parse()
                .unwrap()
        })
        .collect();
    assert!(starts[3] > starts[0], "{starts:?}");
}

#[test]
fn the_handout_and_print_edition_show_the_timeline() {
    let workspace = copy_sample_guide();
    let out = workspace.build_ok();
    assert_eq!(select(&page(&out, "handout.html"), "svg.timeline").len(), 1);
    let print = page(&out, "print.html");
    assert_eq!(select(&print, "svg.timeline").len(), 1);
    assert_eq!(select(&print, "svg.lesson-map").len(), 1);
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
    let arrows = select(&index, "svg.lesson-map path.map-edge");
    assert_eq!(arrows.len(), 59, "one arrow from each lesson to the next");
    for arrow in arrows {
        let from: usize = attr(arrow, "data-from").parse().unwrap();
        let to: usize = attr(arrow, "data-to").parse().unwrap();
        assert_eq!(to, from + 1);
    }
    // A hang guard, not a benchmark: the debug build took about 5 s before.
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
