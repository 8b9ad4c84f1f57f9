//! The wide drawing: layers by prerequisite depth, or a chain wrapped into rows.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{
    Drawing, LANE_WIDTH, MARGIN, Placed, ROW_GAP_X, ROW_LENGTH, Shape, WIDE_BOX, WIDE_GAP_X,
    WIDE_GAP_Y, WIDE_MAX, box_height, chars_for, depths, wrap,
};
use crate::render::map::MapGraph;

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
