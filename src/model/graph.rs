//! The prerequisite graph as drawn: a lesson that needs step 3, which needs step 2, need not
//! draw an arrow from step 2 as well. Dropping such shortcuts (the transitive reduction) keeps a
//! drawing readable, and keeps its layout quick when every lesson lists all the earlier ones.

/// `edges` (each `(from, to)` with `from < to`, between `count` nodes) without the edges whose
/// target is reachable through the others, and without duplicates; the rest keep their order.
pub fn without_shortcuts(count: usize, edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let words = count.div_ceil(64);
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); count];
    for &(from, to) in edges {
        if from < to && to < count {
            successors[from].push(to);
        }
    }
    // reach[n]: every node reachable from n by one edge or more; filled from the last node
    // back, since edges point forward.
    let mut reach: Vec<Vec<u64>> = vec![vec![0; words]; count];
    let mut kept = Vec::new();
    for node in (0..count).rev() {
        successors[node].sort_unstable();
        successors[node].dedup();
        let mut through_others = vec![0u64; words];
        for &next in &successors[node] {
            for (word, bits) in through_others.iter_mut().zip(&reach[next]) {
                *word |= bits;
            }
        }
        let mut all = through_others.clone();
        for &next in &successors[node] {
            all[next / 64] |= 1 << (next % 64);
            if through_others[next / 64] & (1 << (next % 64)) == 0 {
                kept.push((node, next));
            }
        }
        reach[node] = all;
    }
    kept.sort_unstable();
    let mut seen = Vec::with_capacity(kept.len());
    for edge in edges {
        if kept.binary_search(edge).is_ok() && !seen.contains(edge) {
            seen.push(*edge);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_dropped_and_branches_kept() {
        // 0 -> 1 -> 2, and the shortcut 0 -> 2; 0 -> 3 is a branch of its own.
        let edges = [(0, 1), (1, 2), (0, 2), (0, 3), (0, 2)];
        assert_eq!(without_shortcuts(4, &edges), [(0, 1), (1, 2), (0, 3)]);
    }

    #[test]
    fn every_lesson_needing_every_earlier_one_is_a_chain() {
        let count = 100;
        let edges: Vec<(usize, usize)> = (0..count)
            .flat_map(|to| (0..to).map(move |from| (from, to)))
            .collect();
        let chain: Vec<(usize, usize)> = (1..count).map(|to| (to - 1, to)).collect();
        assert_eq!(without_shortcuts(count, &edges), chain);
    }
}
