//! The narrow drawing: one box per row in step order, arrows that skip rows in lanes.

use std::collections::HashMap;

use super::{
    Drawing, MARGIN, NARROW_GAP_Y, NARROW_LANE_GAP, NARROW_MIN_BOX, NARROW_WIDTH, Placed, Shape,
    box_height, chars_for, wrap,
};
use crate::render::map::MapGraph;

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
