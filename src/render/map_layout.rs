//! Where the lesson map's boxes and arrows go, for its two drawings (see [`super::map`]).
//!
//! Titles wrap to the width of their box by an estimate of the text's width that errs wide, so
//! no line runs out of its box in common system fonts. Every drawing is deterministic.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::map::MapGraph;

/// Space between a box's edge and its text.
pub const PADDING: f64 = 12.0;
/// Baseline of the kicker ("Step 3") below the box's top.
pub const KICKER_BASELINE: f64 = 19.0;
/// Distance between the baselines of a title's lines.
pub const LINE_HEIGHT: f64 = 18.0;
/// Space below a title's last baseline.
const BOTTOM: f64 = 13.0;
/// Width of a title's character, at the theme's 14 px, taken wide (DejaVu Sans, the widest of
/// the usual system fonts, averages about 7.2 px in English titles).
const CHAR_WIDTH: f64 = 7.8;
const MARGIN: f64 = 8.0;

/// Baseline of a title's first line below the box's top.
pub const fn first_line_baseline() -> f64 {
    KICKER_BASELINE + 19.0
}

/// Wide drawing: box width and the gaps between boxes and layers.
const WIDE_BOX: f64 = 200.0;
const WIDE_GAP_X: f64 = 24.0;
const WIDE_GAP_Y: f64 = 40.0;
/// The widest wide drawing: wider ones would shrink their text on a page, so the narrow
/// drawing is used instead.
pub const WIDE_MAX: f64 = 720.0;
/// Width of the free lane an arrow keeps through a layer it crosses.
const LANE_WIDTH: f64 = 14.0;
/// A chain of lessons wraps after this many boxes.
const ROW_LENGTH: usize = 3;
const ROW_GAP_X: f64 = 36.0;

/// Narrow drawing: its width (a phone's column), the gap between rows and between lanes.
pub const NARROW_WIDTH: f64 = 350.0;
const NARROW_MIN_BOX: f64 = 190.0;
const NARROW_GAP_Y: f64 = 22.0;
const NARROW_LANE_GAP: f64 = 10.0;

/// How the boxes of a drawing are arranged (the theme may style each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Layers by prerequisite depth.
    Layers,
    /// A chain (or lessons without prerequisites) wrapped into rows.
    Rows,
    /// One box per row, in step order.
    List,
}

/// A box: its top-left corner, size and title lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub lines: Vec<String>,
}

/// A whole drawing: the boxes in node order, each edge's SVG path in edge order, and its size.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub boxes: Vec<Placed>,
    pub edges: Vec<String>,
    pub width: f64,
    pub height: f64,
    pub shape: Shape,
}

/// `text` broken into lines of at most `width` characters at spaces (a longer word is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(4);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        if word.is_empty() {
            continue;
        }
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn box_height(lines: usize) -> f64 {
    first_line_baseline() + lines.saturating_sub(1) as f64 * LINE_HEIGHT + BOTTOM
}

fn chars_for(box_width: f64) -> usize {
    ((box_width - 2.0 * PADDING) / CHAR_WIDTH).floor() as usize
}

/// Each node's layer: the length of the longest chain of prerequisites before it.
fn depths(graph: &MapGraph) -> Vec<usize> {
    let mut depth = vec![0_usize; graph.nodes.len()];
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); graph.nodes.len()];
    for &(from, to) in &graph.edges {
        incoming[to].push(from);
    }
    // Edges point forward, so one pass in node order settles every depth.
    for to in 0..graph.nodes.len() {
        for &from in &incoming[to] {
            depth[to] = depth[to].max(depth[from] + 1);
        }
    }
    depth
}

/// The wide drawing, or `None` when it would be wider than [`WIDE_MAX`].
pub fn wide_layout(graph: &MapGraph) -> Option<Drawing> {
    let depth = depths(graph);
    let layers = depth.iter().max().map_or(0, |d| d + 1);
    let chain = graph.edges.is_empty() || layers == graph.nodes.len();
    let drawing = if chain {
        rows_layout(graph, &depth)
    } else {
        layered_layout(graph, &depth, layers)
    };
    (drawing.width <= WIDE_MAX).then_some(drawing)
}

/// A chain, or lessons without prerequisites, in rows of [`ROW_LENGTH`] read left to right.
fn rows_layout(graph: &MapGraph, depth: &[usize]) -> Drawing {
    let mut order: Vec<usize> = (0..graph.nodes.len()).collect();
    order.sort_by_key(|&i| (depth[i], i));
    let lines: Vec<Vec<String>> = (graph.nodes.iter())
        .map(|n| wrap(&n.label, chars_for(WIDE_BOX)))
        .collect();
    let height = box_height(lines.iter().map(Vec::len).max().unwrap_or(1));
    let mut boxes = vec![None; graph.nodes.len()];
    for (place, &node) in order.iter().enumerate() {
        let (row, column) = (place / ROW_LENGTH, place % ROW_LENGTH);
        boxes[node] = Some(Placed {
            x: MARGIN + column as f64 * (WIDE_BOX + ROW_GAP_X),
            y: MARGIN + row as f64 * (height + WIDE_GAP_Y),
            width: WIDE_BOX,
            height,
            lines: lines[node].clone(),
        });
    }
    let boxes: Vec<Placed> = boxes.into_iter().flatten().collect();
    let edges = (graph.edges.iter())
        .map(|&(from, to)| row_edge(&boxes[from], &boxes[to]))
        .collect();
    let columns = order.len().clamp(1, ROW_LENGTH) as f64;
    let rows = order.len().div_ceil(ROW_LENGTH).max(1) as f64;
    Drawing {
        boxes,
        edges,
        width: 2.0 * MARGIN + columns * WIDE_BOX + (columns - 1.0) * ROW_GAP_X,
        height: 2.0 * MARGIN + rows * height + (rows - 1.0) * WIDE_GAP_Y,
        shape: Shape::Rows,
    }
}

/// An arrow between two boxes of the rows drawing: straight across within a row, else down into
/// the gap below the source's row, across, and down into the target.
fn row_edge(from: &Placed, to: &Placed) -> String {
    if (from.y - to.y).abs() < 0.5 && to.x > from.x {
        let y = from.y + from.height / 2.0;
        return format!("M{:.1},{y:.1} H{:.1}", from.x + from.width, to.x - 2.0);
    }
    let (x1, y1) = (from.x + from.width / 2.0, from.y + from.height);
    let (x2, y2) = (to.x + to.width / 2.0, to.y - 2.0);
    let middle = from.y + from.height + WIDE_GAP_Y / 2.0;
    format!("M{x1:.1},{y1:.1} V{middle:.1} H{x2:.1} V{y2:.1}")
}

/// What stands in a layer: a lesson's box, or the lane of an edge passing through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Item {
    Node(usize),
    Lane(usize),
}

/// Layers by depth; within a layer, items sit below the items they come from (the mean of their
/// places), ties in step order, so siblings read left to right and arrows rarely cross.
fn layered_layout(graph: &MapGraph, depth: &[usize], layers: usize) -> Drawing {
    let mut members: Vec<Vec<Item>> = vec![Vec::new(); layers];
    let mut before: HashMap<Item, Vec<Item>> = HashMap::new();
    let mut lanes: Vec<Vec<Item>> = Vec::with_capacity(graph.edges.len());
    for (node, &d) in depth.iter().enumerate() {
        members[d].push(Item::Node(node));
    }
    for (edge, &(from, to)) in graph.edges.iter().enumerate() {
        let mut previous = Item::Node(from);
        let mut chain = Vec::new();
        for layer in &mut members[depth[from] + 1..depth[to]] {
            let lane = Item::Lane(edge);
            layer.push(lane);
            before.entry(lane).or_default().push(previous);
            chain.push(lane);
            previous = lane;
        }
        before.entry(Item::Node(to)).or_default().push(previous);
        lanes.push(chain);
    }
    let width_of = |item: Item| match item {
        Item::Node(_) => WIDE_BOX,
        Item::Lane(_) => LANE_WIDTH,
    };
    let step_of = |item: Item| match item {
        Item::Node(n) => n as f64,
        Item::Lane(e) => graph.edges[e].1 as f64 - 0.5,
    };
    // Centres, layer by layer: each item wants the mean centre of what it comes from.
    let mut centre: HashMap<Item, f64> = HashMap::new();
    for layer in &mut members {
        let wanted = |item: Item| -> Option<f64> {
            let from = before.get(&item)?;
            let known: Vec<f64> = from.iter().filter_map(|i| centre.get(i).copied()).collect();
            (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
        };
        let mut keyed: Vec<(f64, f64, Item)> = layer
            .iter()
            .map(|&item| (wanted(item).unwrap_or(f64::MAX), step_of(item), item))
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        *layer = keyed.iter().map(|k| k.2).collect();
        // Left to right, no closer than the gap; then the layer moves as a whole so that on
        // average its items sit where they wanted to be.
        let mut right = f64::NEG_INFINITY;
        let mut placed = Vec::with_capacity(keyed.len());
        let mut offset = 0.0;
        for (index, &(want, _, item)) in keyed.iter().enumerate() {
            let half = width_of(item) / 2.0;
            let want = if want == f64::MAX {
                index as f64 * (WIDE_BOX + WIDE_GAP_X)
            } else {
                want
            };
            let at = want.max(right + WIDE_GAP_X + half);
            right = at + half;
            offset += at - want;
            placed.push((item, at));
        }
        let shift = offset / placed.len().max(1) as f64;
        for (item, at) in placed {
            centre.insert(item, at - shift);
        }
    }
    let left = (centre.iter())
        .map(|(&item, &c)| c - width_of(item) / 2.0)
        .fold(f64::INFINITY, f64::min);
    let right = (centre.iter())
        .map(|(&item, &c)| c + width_of(item) / 2.0)
        .fold(f64::NEG_INFINITY, f64::max);
    let x_of = |item: Item| centre.get(&item).copied().unwrap_or(0.0) - left + MARGIN;
    let lines: Vec<Vec<String>> = (graph.nodes.iter())
        .map(|n| wrap(&n.label, chars_for(WIDE_BOX)))
        .collect();
    let height = box_height(lines.iter().map(Vec::len).max().unwrap_or(1));
    let top = |layer: usize| MARGIN + layer as f64 * (height + WIDE_GAP_Y);
    let boxes: Vec<Placed> = (0..graph.nodes.len())
        .map(|node| Placed {
            x: x_of(Item::Node(node)) - WIDE_BOX / 2.0,
            y: top(depth[node]),
            width: WIDE_BOX,
            height,
            lines: lines[node].clone(),
        })
        .collect();
    let edges = (graph.edges.iter().zip(&lanes))
        .map(|(&(from, to), chain)| {
            let mut points = vec![(x_of(Item::Node(from)), top(depth[from]) + height)];
            for (layer, &lane) in (depth[from] + 1..).zip(chain) {
                points.push((x_of(lane), top(layer)));
                points.push((x_of(lane), top(layer) + height));
            }
            points.push((x_of(Item::Node(to)), top(depth[to]) - 2.0));
            smooth_path(&points)
        })
        .collect();
    Drawing {
        boxes,
        edges,
        width: right - left + 2.0 * MARGIN,
        height: top(layers) - WIDE_GAP_Y + MARGIN,
        shape: Shape::Layers,
    }
}

/// A path through `points`, straight where they line up vertically and an S-bend between
/// points side by side.
fn smooth_path(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    if let Some((x, y)) = points.first() {
        let _ = write!(d, "M{x:.1},{y:.1}");
    }
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

/// The narrow drawing: one full-width box per row in step order. An arrow to the next row runs
/// straight down; one that skips rows leaves its box on the left, runs down a lane of its own
/// and enters its target from the left.
pub fn narrow_layout(graph: &MapGraph) -> Drawing {
    let count = graph.nodes.len();
    // Lanes: an arrow takes the first lane free over its rows (interval colouring).
    let mut long: Vec<(usize, usize, usize)> = (graph.edges.iter().enumerate())
        .filter(|(_, (from, to))| to > &(from + 1))
        .map(|(edge, &(from, to))| (from, to, edge))
        .collect();
    long.sort_unstable();
    let mut lane_ends: Vec<usize> = Vec::new();
    let mut lane_of: HashMap<usize, usize> = HashMap::new();
    for &(from, to, edge) in &long {
        let lane = match lane_ends.iter().position(|&end| end < from) {
            Some(free) => free,
            None => {
                lane_ends.push(0);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = to;
        lane_of.insert(edge, lane);
    }
    let lanes_width = if lane_ends.is_empty() {
        0.0
    } else {
        lane_ends.len() as f64 * NARROW_LANE_GAP + 8.0
    };
    let box_x = MARGIN + lanes_width;
    let width = NARROW_WIDTH.max(box_x + NARROW_MIN_BOX + MARGIN);
    let box_width = width - box_x - MARGIN;
    let mut y = MARGIN;
    let boxes: Vec<Placed> = (graph.nodes.iter())
        .map(|node| {
            let lines = wrap(&node.label, chars_for(box_width));
            let placed = Placed {
                x: box_x,
                y,
                width: box_width,
                height: box_height(lines.len()),
                lines,
            };
            y += placed.height + NARROW_GAP_Y;
            placed
        })
        .collect();
    let edges = (graph.edges.iter().enumerate())
        .map(|(edge, &(from, to))| {
            let (a, b) = (&boxes[from], &boxes[to]);
            match lane_of.get(&edge) {
                None => {
                    let x = a.x + a.width / 2.0;
                    format!("M{x:.1},{:.1} V{:.1}", a.y + a.height, b.y - 2.0)
                }
                Some(&lane) => {
                    let x = box_x - 8.0 - lane as f64 * NARROW_LANE_GAP;
                    let (ya, yb) = (a.y + a.height / 2.0, b.y + b.height / 2.0);
                    let r = 5.0;
                    format!(
                        "M{box_x:.1},{ya:.1} H{:.1} Q{x:.1},{ya:.1} {x:.1},{:.1} V{:.1} Q{x:.1},{yb:.1} {:.1},{yb:.1} H{:.1}",
                        x + r,
                        ya + r,
                        yb - r,
                        x + r,
                        box_x - 2.0
                    )
                }
            }
        })
        .collect();
    Drawing {
        boxes,
        edges,
        width,
        height: if count == 0 {
            2.0 * MARGIN
        } else {
            y - NARROW_GAP_Y + MARGIN
        },
        shape: Shape::List,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::map::MapNode;

    fn graph(count: usize, edges: &[(usize, usize)]) -> MapGraph {
        MapGraph {
            nodes: (0..count)
                .map(|i| MapNode {
                    kicker: format!("Step {}", i + 1),
                    label: format!("Lesson number {} with a rather long title", i + 1),
                    href: format!("l{i}.html"),
                    slug: format!("l{i}"),
                })
                .collect(),
            edges: edges.to_vec(),
            grouped: false,
        }
    }

    #[test]
    fn titles_wrap_at_spaces_and_long_words_are_cut() {
        assert_eq!(
            wrap("Put the harness on for the first time", 20),
            ["Put the harness on", "for the first time"]
        );
        assert_eq!(
            wrap("Supercalifragilistic", 8),
            ["Supercal", "ifragili", "stic"]
        );
        assert_eq!(wrap("", 8), [""]);
    }

    #[test]
    fn siblings_read_left_to_right_in_step_order() {
        // 0 -> 1, 0 -> 2, 2 -> 3, 1 -> 4
        let drawing = wide_layout(&graph(5, &[(0, 1), (0, 2), (2, 3), (1, 4)])).expect("fits");
        assert_eq!(drawing.shape, Shape::Layers);
        assert!(
            drawing.boxes[1].x < drawing.boxes[2].x,
            "step 2 left of step 3"
        );
        assert!(
            drawing.boxes[4].x < drawing.boxes[3].x,
            "children follow their parents"
        );
        assert_eq!(drawing.edges.len(), 4);
    }

    #[test]
    fn a_chain_wraps_into_rows() {
        let edges: Vec<(usize, usize)> = (0..6).map(|i| (i, i + 1)).collect();
        let drawing = wide_layout(&graph(7, &edges)).expect("fits");
        assert_eq!(drawing.shape, Shape::Rows);
        let rows: std::collections::BTreeSet<i64> =
            drawing.boxes.iter().map(|b| b.y as i64).collect();
        assert_eq!(rows.len(), 3, "7 boxes in rows of 3");
        assert!(drawing.boxes[0].x < drawing.boxes[1].x);
    }

    #[test]
    fn a_wide_layer_leaves_only_the_narrow_drawing() {
        let edges: Vec<(usize, usize)> = (1..6).map(|i| (0, i)).collect();
        assert_eq!(wide_layout(&graph(6, &edges)), None);
    }

    #[test]
    fn the_narrow_drawing_is_in_step_order_with_lanes_for_skipping_arrows() {
        let drawing = narrow_layout(&graph(4, &[(0, 1), (0, 3), (1, 3), (2, 3)]));
        assert_eq!(drawing.shape, Shape::List);
        assert!(drawing.boxes.windows(2).all(|w| w[0].y < w[1].y));
        // Two arrows skip rows and overlap, so two lanes push the boxes right.
        assert_eq!(drawing.boxes[0].x, MARGIN + 2.0 * NARROW_LANE_GAP + 8.0);
        assert_eq!(drawing.width, NARROW_WIDTH);
    }
}
