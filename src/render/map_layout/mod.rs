//! Where the lesson map's boxes and arrows go, for its two drawings (see [`super::map`]).
//!
//! Titles wrap to the width of their box by an estimate of the text's width that errs wide, so
//! no line runs out of its box in common system fonts. Every drawing is deterministic.

use super::map::MapGraph;

mod narrow;
mod wide;

pub use narrow::narrow_layout;
pub use wide::wide_layout;

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
