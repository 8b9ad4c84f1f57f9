//! The ids of one page. Every element a body gives an id (a fenced block, a bracketed span, a
//! heading) takes one that nothing else on the page has: not the theme's own ids (`main`,
//! `search-input` ...), not a footnote's (`fn-1`), not an earlier element's. A taken id gets the
//! first free suffix (`main` becomes `main-1`; a second `{#setup}` becomes `setup-1`). Ids written
//! in raw HTML are kept as the author wrote them, and only marked as taken.
//!
//! The passes claim ids in the order they run: fenced blocks, then spans and raw HTML, then
//! headings; within a pass, in the order of the page.

use std::collections::{HashMap, HashSet};

/// The ids the default theme gives its own elements on a page: nothing in a body takes one (a
/// `## Main` heading gets `#main-1`, so the skip link still finds the content).
pub const THEME_IDS: &[&str] = &[
    "main",
    "search-input",
    "search-status",
    "search-results",
    "sidebar-lessons-heading",
    "sidebar-more-heading",
    "lessons-heading",
    "path-heading",
    "gb-unlocks",
    "gb-what-you-need",
];

/// The ids a page has given out so far.
#[derive(Debug, Clone, Default)]
pub struct PageIds {
    used: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl PageIds {
    /// The ids of a page whose footnotes have `labels` (`fn-<label>` each), before its body
    /// gives out any.
    pub fn new<'l>(labels: impl IntoIterator<Item = &'l str>) -> Self {
        let mut used: HashSet<String> = THEME_IDS.iter().map(|id| id.to_string()).collect();
        used.extend(labels.into_iter().map(|label| format!("fn-{label}")));
        PageIds {
            used,
            next_suffix: HashMap::new(),
        }
    }

    /// `wanted`, or `wanted-N` when it is taken, now taken.
    pub fn claim(&mut self, wanted: &str) -> String {
        unique_id(wanted, &mut self.used, &mut self.next_suffix, 1)
    }

    /// Marks `id` (written in raw HTML, and kept as it is) as taken.
    pub fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }
}

/// `base`, or `base-N` with the first free N (from `first`), marked as used. Each base remembers
/// where its count stopped, so a page of 20,000 identical headings takes linear time.
pub fn unique_id(
    base: &str,
    used: &mut HashSet<String>,
    next_suffix: &mut HashMap<String, usize>,
    first: usize,
) -> String {
    if used.insert(base.to_string()) {
        return base.to_string();
    }
    let counter = next_suffix.entry(base.to_string()).or_insert(first);
    loop {
        let candidate = format!("{base}-{counter}");
        *counter += 1;
        if used.insert(candidate.clone()) {
            return candidate;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_ids_get_the_first_free_suffix() {
        let mut ids = PageIds::new(["1"]);
        assert_eq!(ids.claim("main"), "main-1");
        assert_eq!(ids.claim("fn-1"), "fn-1-1");
        assert_eq!(ids.claim("setup"), "setup");
        assert_eq!(ids.claim("setup"), "setup-1");
        ids.reserve("raw");
        assert_eq!(ids.claim("raw"), "raw-1");
    }
}
