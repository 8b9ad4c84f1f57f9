//! The lesson map: the prerequisite graph drawn as inline SVG at build time.
//!
//! Lessons are boxes whose titles wrap (never cut short); arrows run from each prerequisite to
//! the lessons it unlocks and every box links to its lesson. Two drawings, and the theme shows
//! the one that fits ([`super::map_layout`] places the boxes):
//! - wide: layers by prerequisite depth, read left to right in step order as far as the arrows
//!   allow; a straight chain of lessons wraps into rows instead of one tall column;
//! - narrow: one box per row in step order, full width, with the arrows that skip rows drawn in
//!   lanes on the left. It is the only drawing when the wide one would not fit a page.
//!
//! Guides with many lessons are drawn as an overview of their chapters (top-level folders, or
//! runs of steps when there are none). The output is deterministic and readable without scripts;
//! `data-map-lesson` lets the theme's script mark finished lessons.
//!
//! In a guide written right to left both drawings are mirrored: the first steps on the right,
//! arrows flowing leftwards, the narrow drawing's lanes on the right; the text is not mirrored,
//! only anchored at its box's right edge.

use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use super::chapters::{chapter_of_lessons, chapters};
use super::map_layout::{
    Drawing, KICKER_BASELINE, LINE_HEIGHT, PADDING, Shape, first_line_baseline, narrow_layout,
    wide_layout,
};
use super::page::{chapter_url, page_url};
use crate::i18n::Strings;
use crate::model::Guide;
use crate::model::direction::Direction;
use crate::model::graph::without_shortcuts;

/// Above this many lessons the map shows chapters instead of lessons.
pub const MAX_LESSON_NODES: usize = 60;

/// A box of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    /// First line: "Step 3" or "Steps 1–20".
    pub kicker: String,
    pub label: String,
    pub href: String,
    /// The lesson slug, for progress marks (empty for chapters).
    pub slug: String,
}

/// The graph to draw: nodes and (from, to) edges between node indices.
#[derive(Debug, Clone, PartialEq)]
pub struct MapGraph {
    pub nodes: Vec<MapNode>,
    pub edges: Vec<(usize, usize)>,
    pub grouped: bool,
}

/// The lessons and their prerequisites, or the chapters of a large guide.
pub fn map_graph(guide: &Guide) -> MapGraph {
    if guide.lessons.len() <= MAX_LESSON_NODES {
        let nodes = guide
            .lessons
            .iter()
            .map(|l| MapNode {
                kicker: (guide.strings).fill("step_n", &[("step", &l.source.step.to_string())]),
                label: l.source.title.clone(),
                href: page_url(&l.source.slug),
                slug: l.source.slug.clone(),
            })
            .collect();
        let edges: Vec<(usize, usize)> = (guide.lessons.iter().enumerate())
            .flat_map(|(to, l)| l.prerequisites.iter().map(move |&from| (from, to)))
            .collect();
        return MapGraph {
            edges: without_shortcuts(guide.lessons.len(), &edges),
            nodes,
            grouped: false,
        };
    }
    chapter_graph(guide)
}

/// One node per chapter ([`super::chapters`]), an arrow where a lesson of one needs a lesson
/// of another.
fn chapter_graph(guide: &Guide) -> MapGraph {
    let chapters = chapters(guide);
    let chapter_of = chapter_of_lessons(&chapters, guide.lessons.len());
    let nodes: Vec<MapNode> = (chapters.iter().enumerate())
        .map(|(index, chapter)| {
            let first = chapter.lessons.first().copied().unwrap_or_default();
            let last = chapter.lessons.last().copied().unwrap_or_default();
            let (a, b) = (&guide.lessons[first].source, &guide.lessons[last].source);
            MapNode {
                kicker: guide.strings.fill(
                    "steps_range",
                    &[
                        ("first", &a.step.to_string()),
                        ("last", &b.step.to_string()),
                    ],
                ),
                label: chapter.label.clone(),
                href: chapter_url(index),
                slug: String::new(),
            }
        })
        .collect();
    let edges: Vec<(usize, usize)> = guide
        .lessons
        .iter()
        .enumerate()
        .flat_map(|(to, l)| l.prerequisites.iter().map(move |&from| (from, to)))
        .map(|(from, to)| (chapter_of[from], chapter_of[to]))
        .filter(|(from, to)| from < to)
        .collect();
    MapGraph {
        edges: without_shortcuts(nodes.len(), &edges),
        nodes,
        grouped: true,
    }
}

/// The map as inline SVG: the wide drawing and the narrow one, or the narrow one alone when
/// the wide one would be wider than a page; mirrored for a guide written right to left.
pub fn lesson_map_svg(guide: &Guide, direction: Direction) -> String {
    let graph = map_graph(guide);
    if graph.nodes.is_empty() {
        return String::new();
    }
    let mut svg = String::with_capacity(2048 + graph.nodes.len() * 900);
    match wide_layout(&graph) {
        Some(wide) => {
            draw(
                &mut svg,
                &graph,
                &wide,
                Role::Wide,
                direction,
                &guide.strings,
            );
            let narrow = narrow_layout(&graph);
            draw(
                &mut svg,
                &graph,
                &narrow,
                Role::Narrow,
                direction,
                &guide.strings,
            );
        }
        None => draw(
            &mut svg,
            &graph,
            &narrow_layout(&graph),
            Role::Only,
            direction,
            &guide.strings,
        ),
    }
    svg
}

/// Which screens a drawing is for: the theme shows one per page by these classes.
#[derive(Clone, Copy)]
enum Role {
    Wide,
    Narrow,
    /// The narrow drawing, for every screen (the wide one would not fit).
    Only,
}

impl Role {
    /// Its classes, and the suffix of its ids (both drawings share a page).
    fn class_and_id(self) -> (&'static str, &'static str) {
        match self {
            Role::Wide => ("lesson-map lesson-map-wide", "wide"),
            Role::Narrow => ("lesson-map lesson-map-narrow", "narrow"),
            Role::Only => (
                "lesson-map lesson-map-narrow lesson-map-only",
                "narrow-only",
            ),
        }
    }
}

/// Writes one drawing of the map, mirrored when `direction` is right to left: each box at the
/// mirrored place with its text anchored at its right edge, and the arrows, which are paths
/// of many shapes, mirrored as a whole by a transform. Its texts are in the words of `strings`.
fn draw(
    svg: &mut String,
    graph: &MapGraph,
    drawing: &Drawing,
    role: Role,
    direction: Direction,
    strings: &Strings,
) {
    let Drawing {
        boxes,
        edges,
        width,
        height,
        shape,
    } = drawing;
    let (class, id) = role.class_and_id();
    let key = if graph.grouped {
        "map_description_chapters"
    } else {
        "map_description"
    };
    let mut description = String::new();
    let _ = escape_html(&mut description, &strings.count_of(key, graph.nodes.len()));
    let mut title = String::new();
    let _ = escape_html(&mut title, strings.get("map_title"));
    let shape = match shape {
        Shape::Layers => "layers",
        Shape::Rows => "rows",
        Shape::List => "list",
    };
    let rtl = direction.is_rtl();
    // Mirrored about the drawing's width as its viewBox gives it, the boxes as the arrows.
    let mirror = width.round();
    // The done mark follows the kicker, after a gap; right to left it is isolated, so that it
    // goes left of the kicker whether the kicker's words are written left to right or not.
    let (svg_direction, edges_transform, done_mark) = if rtl {
        (
            " direction=\"rtl\"",
            format!(" transform=\"matrix(-1 0 0 1 {mirror} 0)\""),
            "dx=\"-6\" unicode-bidi=\"isolate\"",
        )
    } else {
        ("", String::new(), "dx=\"6\"")
    };
    let _ = writeln!(
        svg,
        "<svg class=\"{class}\" data-map-shape=\"{shape}\"{svg_direction} xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         width=\"{width:.0}\" height=\"{height:.0}\" role=\"group\" aria-labelledby=\"lesson-map-title-{id} lesson-map-desc-{id}\">\
         <title id=\"lesson-map-title-{id}\">{title}</title><desc id=\"lesson-map-desc-{id}\">{description}</desc>\
         <defs><marker id=\"map-arrow-{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" \
         orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"map-arrowhead\"/></marker></defs>"
    );
    let _ = writeln!(
        svg,
        "<g class=\"map-edges\" aria-hidden=\"true\"{edges_transform}>"
    );
    for (&(from, to), d) in graph.edges.iter().zip(edges) {
        let _ = writeln!(
            svg,
            "<path class=\"map-edge\" data-from=\"{from}\" data-to=\"{to}\" d=\"{d}\" marker-end=\"url(#map-arrow-{id})\"/>"
        );
    }
    svg.push_str("</g>\n<g class=\"map-nodes\">\n");
    for (node, placed) in graph.nodes.iter().zip(boxes) {
        // Where the box starts, and where its text does (its right edge in right to left).
        let (x, text_x) = if rtl {
            let x = mirror - placed.x - placed.width;
            (x, x + placed.width - PADDING)
        } else {
            (placed.x, placed.x + PADDING)
        };
        svg.push_str("<a class=\"map-node\" href=\"");
        let _ = escape_html(&mut *svg, &node.href);
        svg.push('"');
        if !node.slug.is_empty() {
            svg.push_str(" data-map-lesson=\"");
            let _ = escape_html(&mut *svg, &node.slug);
            svg.push('"');
        }
        svg.push_str("><title>");
        let _ = escape_html(&mut *svg, &format!("{}: {}", node.kicker, node.label));
        let _ = write!(
            svg,
            "</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"8\"/>\
             <text x=\"{text_x:.1}\" y=\"{:.1}\" class=\"map-kicker\">",
            x,
            placed.y,
            placed.width,
            placed.height,
            placed.y + KICKER_BASELINE
        );
        let _ = escape_html(&mut *svg, &node.kicker);
        let _ = write!(
            svg,
            "<tspan class=\"map-done-mark\" {done_mark}></tspan></text><text class=\"map-label\">"
        );
        for (line, text) in placed.lines.iter().enumerate() {
            let _ = write!(
                svg,
                "<tspan x=\"{text_x:.1}\" y=\"{:.1}\">",
                placed.y + first_line_baseline() + line as f64 * LINE_HEIGHT
            );
            let _ = escape_html(&mut *svg, text);
            svg.push_str("</tspan>");
        }
        svg.push_str("</text></a>\n");
    }
    svg.push_str("</g>\n</svg>\n");
}
