//! The lesson map: the prerequisite graph drawn as an inline SVG at build time.
//!
//! Lessons are boxes, laid out in layers by a Sugiyama layout (`rust-sugiyama`), which orders
//! each layer to keep arrows from crossing; arrows run from each prerequisite to the lessons it
//! unlocks and every box links to its lesson. Guides with many lessons are drawn as an overview
//! of their chapters (top-level folders, or runs of steps when there are none). The output is
//! deterministic and readable without scripts; `data-map-lesson` lets the theme's script mark
//! finished lessons.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;
use rust_sugiyama::configure::{Config, RankingType};

use super::page::page_url;
use crate::model::Guide;
use crate::model::graph::without_shortcuts;

/// Above this many lessons the map shows chapters instead of lessons.
pub const MAX_LESSON_NODES: usize = 60;
/// The most arrows the layered layout is asked to place.
const MAX_LAYOUT_EDGES: usize = 240;
const BOX_WIDTH: f64 = 224.0;
const BOX_HEIGHT: f64 = 52.0;
const GAP_X: f64 = 28.0;
const GAP_Y: f64 = 44.0;
const MARGIN: f64 = 8.0;
const TITLE_CHARS: usize = 28;

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
                kicker: format!("Step {}", l.source.step),
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

/// At most this many chapters are drawn, so the layout stays quick and the drawing readable.
pub const MAX_CHAPTERS: usize = 30;

/// Lessons per chapter when a guide is cut into runs of steps: at most [`MAX_CHAPTERS`] runs.
pub fn steps_per_chapter(lessons: usize) -> usize {
    lessons.div_ceil(MAX_CHAPTERS).max(1)
}

/// One node per chapter: the top-level folder of `content/` (when there are at most
/// [`MAX_CHAPTERS`] of them), or else runs of steps.
fn chapter_graph(guide: &Guide) -> MapGraph {
    let folder = |index: usize| -> Option<&str> {
        guide.lessons[index]
            .source
            .content_path
            .split_once('/')
            .map(|(folder, _)| folder)
    };
    let folders: std::collections::BTreeSet<Option<&str>> =
        (0..guide.lessons.len()).map(folder).collect();
    let has_folders = folders.len() > 1 && folders.len() <= MAX_CHAPTERS;
    let run = steps_per_chapter(guide.lessons.len());
    let chapter_of = |index: usize| -> String {
        if has_folders {
            folder(index).unwrap_or_default().to_string()
        } else {
            format!("{:06}", index / run)
        }
    };
    let mut chapters: BTreeMap<String, (usize, usize)> = BTreeMap::new(); // name -> (first, last)
    for index in 0..guide.lessons.len() {
        let entry = chapters.entry(chapter_of(index)).or_insert((index, index));
        entry.1 = index;
    }
    let mut ordered: Vec<(String, (usize, usize))> = chapters.into_iter().collect();
    ordered.sort_by_key(|(_, (first, _))| *first);
    let position: BTreeMap<String, usize> = ordered
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (name.clone(), i))
        .collect();
    let nodes: Vec<MapNode> = ordered
        .iter()
        .map(|(name, (first, last))| {
            let (a, b) = (&guide.lessons[*first].source, &guide.lessons[*last].source);
            let label = if has_folders && !name.is_empty() {
                name.replace(['-', '_'], " ")
            } else {
                a.title.clone()
            };
            MapNode {
                kicker: format!("Steps {}–{}", a.step, b.step),
                label,
                href: page_url(&a.slug),
                slug: String::new(),
            }
        })
        .collect();
    let edges: Vec<(usize, usize)> = guide
        .lessons
        .iter()
        .enumerate()
        .flat_map(|(to, l)| l.prerequisites.iter().map(move |&from| (from, to)))
        .map(|(from, to)| (position[&chapter_of(from)], position[&chapter_of(to)]))
        .filter(|(from, to)| from < to)
        .collect();
    MapGraph {
        edges: without_shortcuts(nodes.len(), &edges),
        nodes,
        grouped: true,
    }
}

/// Box positions (top-left corners), the bend points of each edge and the drawing's size.
struct Layout {
    positions: Vec<(f64, f64)>,
    /// For each edge of the graph, the top-left corners of the placeholders it passes through.
    bends: Vec<Vec<(f64, f64)>>,
    width: f64,
    height: f64,
}

/// Width of the placeholder an edge leaves in each layer it passes through.
const LANE_WIDTH: f64 = 14.0;

/// Layers by prerequisite depth; an edge that skips layers gets a placeholder vertex in each
/// layer it crosses, so the Sugiyama layout keeps a free lane for it and no arrow runs through a
/// box. Edges must point forward (`from < to`).
fn layout(graph: &MapGraph) -> Layout {
    let count = graph.nodes.len();
    // The layout's crossing reduction grows fast with the edges; past this many (after the
    // shortcuts are dropped) a plain column is drawn rather than a build kept waiting.
    if graph.edges.len() > MAX_LAYOUT_EDGES {
        return column_layout(graph);
    }
    let mut depth = vec![0_usize; count];
    for &(from, to) in &graph.edges {
        depth[to] = depth[to].max(depth[from] + 1);
    }
    // Recompute in index order so chains settle (edges point forward).
    for to in 0..count {
        for &(from, _) in graph.edges.iter().filter(|(_, t)| *t == to) {
            depth[to] = depth[to].max(depth[from] + 1);
        }
    }
    let mut vertices: Vec<(u32, (f64, f64))> = (0..count)
        .map(|i| (i as u32, (BOX_WIDTH, BOX_HEIGHT)))
        .collect();
    let mut edges: Vec<(u32, u32)> = Vec::new();
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for &(from, to) in &graph.edges {
        let mut chain = Vec::new();
        let mut previous = from;
        for _ in depth[from] + 1..depth[to] {
            let id = vertices.len();
            vertices.push((id as u32, (LANE_WIDTH, BOX_HEIGHT)));
            edges.push((previous as u32, id as u32));
            chain.push(id);
            previous = id;
        }
        edges.push((previous as u32, to as u32));
        chains.push(chain);
    }
    let config = Config {
        vertex_spacing: GAP_X,
        ranking_type: RankingType::MinimizeEdgeLength,
        ..Config::default()
    };
    // The crate panics on inputs it does not expect; a plain column is a fine fallback.
    let computed = std::panic::catch_unwind(|| {
        rust_sugiyama::from_vertices_and_edges(&vertices, &edges, &config)
    });
    let Ok(components) = computed else {
        return column_layout(graph);
    };
    let mut centers = vec![None; vertices.len()];
    let mut offset_x = MARGIN;
    for (coordinates, _, _) in &components {
        let min_x = coordinates
            .iter()
            .map(|&(id, (x, _))| x - vertices[id].1.0 / 2.0)
            .fold(f64::INFINITY, f64::min);
        let mut max_x = offset_x;
        for &(id, (x, y)) in coordinates {
            let center = offset_x + (x - min_x);
            centers[id] = Some((center, y));
            max_x = max_x.max(center + vertices[id].1.0 / 2.0);
        }
        offset_x = max_x + GAP_X;
    }
    // Rows from the distinct heights the layout chose, evenly spaced.
    let mut ys: Vec<f64> = centers.iter().flatten().map(|(_, y)| *y).collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let row = |y: f64| ys.iter().position(|r| (r - y).abs() < 0.5).unwrap_or(0) as f64;
    let corner = |id: usize| {
        centers[id].map(|(x, y)| {
            (
                x - vertices[id].1.0 / 2.0,
                MARGIN + row(y) * (BOX_HEIGHT + GAP_Y),
            )
        })
    };
    let Some(positions) = (0..count).map(corner).collect::<Option<Vec<_>>>() else {
        return column_layout(graph);
    };
    let bends = chains
        .iter()
        .map(|chain| chain.iter().filter_map(|&id| corner(id)).collect())
        .collect();
    Layout {
        positions,
        bends,
        width: offset_x - GAP_X + MARGIN,
        height: MARGIN + ys.len() as f64 * (BOX_HEIGHT + GAP_Y) - GAP_Y + MARGIN,
    }
}

fn column_layout(graph: &MapGraph) -> Layout {
    let count = graph.nodes.len();
    Layout {
        positions: (0..count)
            .map(|i| (MARGIN, MARGIN + i as f64 * (BOX_HEIGHT + GAP_Y)))
            .collect(),
        bends: vec![Vec::new(); graph.edges.len()],
        width: BOX_WIDTH + 2.0 * MARGIN,
        height: count as f64 * (BOX_HEIGHT + GAP_Y) - GAP_Y + 2.0 * MARGIN,
    }
}

/// An edge's path: from the bottom of its source, straight down through each placeholder lane,
/// to the top of its target, with smooth vertical bends between layers.
fn edge_path(from: (f64, f64), bends: &[(f64, f64)], to: (f64, f64)) -> String {
    let mut points = vec![(from.0 + BOX_WIDTH / 2.0, from.1 + BOX_HEIGHT)];
    for &(x, y) in bends {
        points.push((x + LANE_WIDTH / 2.0, y));
        points.push((x + LANE_WIDTH / 2.0, y + BOX_HEIGHT));
    }
    points.push((to.0 + BOX_WIDTH / 2.0, to.1 - 2.0));
    let mut d = format!("M{:.1},{:.1}", points[0].0, points[0].1);
    for pair in points.windows(2) {
        let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
        if (x1 - x2).abs() < 0.05 {
            let _ = write!(d, " L{x2:.1},{y2:.1}");
        } else {
            let middle = (y1 + y2) / 2.0;
            let _ = write!(
                d,
                " C{x1:.1},{middle:.1} {x2:.1},{middle:.1} {x2:.1},{y2:.1}"
            );
        }
    }
    d
}

/// The map as an inline SVG element.
pub fn lesson_map_svg(guide: &Guide) -> String {
    let graph = map_graph(guide);
    if graph.nodes.is_empty() {
        return String::new();
    }
    let Layout {
        positions,
        bends,
        width,
        height,
    } = layout(&graph);
    let mut svg = String::with_capacity(1024 + graph.nodes.len() * 400);
    let description = if graph.grouped {
        format!(
            "{} chapters of the guide; an arrow leads from a chapter to the chapters that build on it.",
            graph.nodes.len()
        )
    } else {
        format!(
            "{} lessons; an arrow leads from each lesson to the lessons it unlocks. Each box links to its lesson.",
            graph.nodes.len()
        )
    };
    let _ = writeln!(
        svg,
        "<svg class=\"lesson-map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         width=\"{width:.0}\" height=\"{height:.0}\" role=\"group\" aria-labelledby=\"lesson-map-title lesson-map-desc\">\
         <title id=\"lesson-map-title\">Lesson map</title><desc id=\"lesson-map-desc\">{description}</desc>\
         <defs><marker id=\"map-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" \
         orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"map-arrowhead\"/></marker></defs>"
    );
    svg.push_str("<g class=\"map-edges\" aria-hidden=\"true\">\n");
    for (&(from, to), lanes) in graph.edges.iter().zip(&bends) {
        let d = edge_path(positions[from], lanes, positions[to]);
        let _ = writeln!(
            svg,
            "<path class=\"map-edge\" data-from=\"{from}\" data-to=\"{to}\" d=\"{d}\" marker-end=\"url(#map-arrow)\"/>"
        );
    }
    svg.push_str("</g>\n<g class=\"map-nodes\">\n");
    for (node, &(x, y)) in graph.nodes.iter().zip(&positions) {
        svg.push_str("<a class=\"map-node\" href=\"");
        let _ = escape_html(&mut svg, &node.href);
        svg.push('"');
        if !node.slug.is_empty() {
            svg.push_str(" data-map-lesson=\"");
            let _ = escape_html(&mut svg, &node.slug);
            svg.push('"');
        }
        svg.push_str("><title>");
        let _ = escape_html(&mut svg, &format!("{}: {}", node.kicker, node.label));
        let _ = write!(
            svg,
            "</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{BOX_WIDTH}\" height=\"{BOX_HEIGHT}\" rx=\"8\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"map-kicker\">",
            x + 12.0,
            y + 19.0
        );
        let _ = escape_html(&mut svg, &node.kicker);
        let _ = write!(
            svg,
            "<tspan class=\"map-done-mark\" dx=\"6\"></tspan></text><text x=\"{:.1}\" y=\"{:.1}\" class=\"map-label\">",
            x + 12.0,
            y + 38.0
        );
        let _ = escape_html(&mut svg, &truncate(&node.label, TITLE_CHARS));
        svg.push_str("</text></a>\n");
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// `text` cut to `max` characters at a word boundary, with an ellipsis.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}
