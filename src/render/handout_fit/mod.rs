//! Whether the handout fits the two pages it is meant for. Its height is estimated from what it
//! holds (a schedule row per lesson, the timeline's rows, each lesson's checklist in two
//! columns, the recommended gear, the collected notes), each line's share of the text counted
//! in characters, and laid out page by page as the print stylesheet does: the schedule table and
//! the timeline move whole to the next page when they fit one, a lesson's checklist never
//! splits, notes never split. When it comes to more than two pages, a warning says by how much
//! and what takes the room.
//!
//! The sizes are CSS pixels of the default theme's handout on A4 and Letter, measured in
//! Chromium with DejaVu Sans (the usual `system-ui` on Linux). Against PDFs printed by `guidebook
//! pdf` from generated guides of 10 to 400 lessons, with and without checklists, notes and gear
//! (`benches/handout_pages.py`; the numbers are in `benches/README.md`, "Handout"), every guide
//! estimated at up to two pages printed on two and every one above [`WARN_ABOVE`] on three or
//! more. Narrower fonts fit more, so the warning leaves a margin.

use std::sync::Arc;

use rayon::prelude::*;

use super::timeline::bar_count;
use crate::diagnostics::Diagnostic;
use crate::load::CONTENT_DIR;
use crate::markdown::RenderedMarkdown;
use crate::model::Guide;
use crate::model::config::Paper;
use crate::model::gear::Verdict;
use widths::{text_width, visible_width};

mod widths;

/// The estimate above which the handout is said not to fit: two pages and a tenth, the margin
/// of the estimate near two pages (and of fonts narrower than the one measured).
const WARN_ABOVE: f64 = 2.1;

/// Heights in CSS pixels, and line lengths in characters, of the default theme's handout on
/// A4 (186 mm of text width; Letter's wider lines hold proportionally more).
mod size {
    pub const A4_WIDTH: f64 = 703.0;
    pub const A4_HEIGHT: f64 = 1028.0;
    pub const LETTER_WIDTH: f64 = 725.0;
    pub const LETTER_HEIGHT: f64 = 961.5;
    pub const HEADER: f64 = 48.0;
    pub const HEADING: f64 = 32.0;
    pub const ROW: f64 = 18.5;
    /// A lesson's teaching and exercise minutes, a 7 pt line under its time, and a named
    /// chapter's row over its lessons (3 pt more above it): estimated from the stylesheet, not
    /// measured as the others were.
    pub const SPLIT_LINE: f64 = 10.5;
    pub const CHAPTER_ROW: f64 = 22.5;
    pub const TITLE_CHARS: f64 = 60.0;
    pub const TIMELINE: f64 = 15.0;
    pub const TIMELINE_ROW: f64 = 11.2;
    pub const LIST_TITLE: f64 = 16.4;
    pub const LIST_GAP: f64 = 6.0;
    pub const TASK_LINE: f64 = 14.2;
    pub const TASK_GAP: f64 = 1.07;
    pub const TASK_CHARS: f64 = 55.0;
    pub const LINE: f64 = 14.9;
    pub const GEAR_GAP: f64 = 1.3;
    pub const GEAR_CHARS: f64 = 117.0;
    pub const NOTE_GAP: f64 = 3.3;
    pub const NOTE_CHARS: f64 = 115.0;
}

/// What the handout of `guide` holds, as the heights of its blocks.
struct HandoutBlocks {
    /// The schedule's rows: each lesson's, then each named chapter's.
    rows: Vec<f64>,
    timeline: f64,
    /// Each lesson's checklist, its title included.
    lists: Vec<f64>,
    tasks: usize,
    gear: Vec<f64>,
    notes: Vec<f64>,
}

/// What one lesson puts into the handout: its schedule row, its checklist (height and items)
/// and its notes.
struct LessonBlocks {
    row: f64,
    list: Option<(f64, usize)>,
    notes: Vec<f64>,
}

impl HandoutBlocks {
    fn of(guide: &Guide, bodies: &[Arc<RenderedMarkdown>], width: f64) -> HandoutBlocks {
        let scale = width / size::A4_WIDTH;
        let lines = |text_width: usize, per_line: f64| {
            (text_width as f64 / (per_line * scale)).ceil().max(1.0)
        };
        let strings = &guide.strings;
        // Each lesson's blocks on their own (in parallel: a large guide's checklists are
        // tens of thousands of items), then the gear, recommended once each, in order.
        let per_lesson: Vec<LessonBlocks> = (guide.lessons.par_iter())
            .zip(bodies)
            .map(|(lesson, body)| {
                let source = &lesson.source;
                let row = size::ROW * lines(text_width(&source.title), size::TITLE_CHARS);
                let split = if source.split.minutes() > 0 {
                    size::ROW + size::SPLIT_LINE
                } else {
                    0.0
                };
                let list = (!body.tasks.is_empty()).then(|| {
                    let tasks: f64 = (body.tasks.iter())
                        .map(|task| {
                            size::TASK_LINE * lines(text_width(&task.text), size::TASK_CHARS)
                                + size::TASK_GAP
                        })
                        .sum();
                    (size::LIST_TITLE + tasks + size::LIST_GAP, body.tasks.len())
                });
                let mut notes = (body.notes.iter())
                    .filter(|n| guide.config.handout.notes.contains(&n.kind))
                    .peekable();
                let mut heights = Vec::new();
                if notes.peek().is_some() {
                    let step = source.step.to_string();
                    let from =
                        strings.fill("step_title", &[("step", &step), ("title", &source.title)]);
                    for note in notes {
                        let width = text_width(&from) + 2 + visible_width(&note.html);
                        heights.push(size::LINE * lines(width, size::NOTE_CHARS) + size::NOTE_GAP);
                    }
                }
                LessonBlocks {
                    row: row.max(split),
                    list,
                    notes: heights,
                }
            })
            .collect();
        let mut blocks = HandoutBlocks {
            rows: Vec::with_capacity(guide.lessons.len()),
            timeline: 0.0,
            lists: Vec::new(),
            tasks: 0,
            gear: Vec::new(),
            notes: Vec::new(),
        };
        for lesson in per_lesson {
            blocks.rows.push(lesson.row);
            if let Some((height, tasks)) = lesson.list {
                blocks.lists.push(height);
                blocks.tasks += tasks;
            }
            blocks.notes.extend(lesson.notes);
        }
        let mut recommended: Vec<&str> = Vec::new();
        for id in guide.lessons.iter().flat_map(|lesson| &lesson.source.gear) {
            let Some((category, item)) = guide.gear.item(id) else {
                continue;
            };
            if item.verdict != Verdict::Recommended || recommended.contains(&id.as_str()) {
                continue;
            }
            recommended.push(id);
            let width =
                text_width(&item.name) + text_width(&category.title) + text_width(&item.reason) + 6;
            blocks
                .gear
                .push(size::LINE * lines(width, size::GEAR_CHARS) + size::GEAR_GAP);
        }
        // The handout's schedule has a row over each named chapter's lessons.
        let chapters = (guide.chapters.iter())
            .filter(|chapter| chapter.name.is_some())
            .count();
        blocks
            .rows
            .extend(std::iter::repeat_n(size::CHAPTER_ROW, chapters));
        let bars = bar_count(guide);
        if bars > 0 {
            blocks.timeline = size::TIMELINE + size::TIMELINE_ROW * bars as f64;
        }
        blocks
    }
}

/// Places blocks on pages of one height, as the print stylesheet breaks them.
struct Pages {
    height: f64,
    /// Pages filled before the current one.
    full: usize,
    /// How far down the current page is filled.
    y: f64,
}

impl Pages {
    /// A block that moves whole to the next page when it does not fit the rest of this one,
    /// unless it is taller than a page (then it starts on a new page and runs on).
    fn unbroken(&mut self, height: f64) {
        if self.y + height > self.height && self.y > 0.0 {
            self.next_page();
        }
        self.run_on(height);
    }

    /// A block that runs on over as many pages as it needs.
    fn run_on(&mut self, height: f64) {
        self.y += height;
        while self.y > self.height {
            self.full += 1;
            self.y -= self.height;
        }
    }

    fn next_page(&mut self) {
        self.full += 1;
        self.y = 0.0;
    }

    /// Blocks in two columns: each column is filled to the foot of the page in turn, the last
    /// page's two are balanced; a block never splits.
    fn columns(&mut self, blocks: &[f64]) {
        let mut top = self.y;
        let mut second = false;
        let mut last_page: Vec<f64> = Vec::new();
        for &height in blocks {
            if self.y + height > self.height && self.y > top {
                if second {
                    self.next_page();
                    top = 0.0;
                    last_page.clear();
                }
                second = !second;
                self.y = top;
            }
            self.y += height;
            last_page.push(height);
        }
        self.y = top + balanced(&last_page);
        self.run_on(0.0);
    }

    /// The pages used, the last one in part.
    fn count(&self) -> f64 {
        self.full as f64 + self.y / self.height
    }
}

/// The height of the taller column when `blocks` are shared between two columns as evenly as
/// they can be, in order.
fn balanced(blocks: &[f64]) -> f64 {
    let total: f64 = blocks.iter().sum();
    let mut first = 0.0;
    let mut best = total;
    for height in blocks {
        first += height;
        best = best.min(first.max(total - first));
    }
    best
}

/// The handout's length in pages, and the pages each part takes on its own.
fn estimate(blocks: &HandoutBlocks, height: f64) -> f64 {
    let mut pages = Pages {
        height,
        full: 0,
        y: 0.0,
    };
    pages.run_on(size::HEADER);
    let table = size::HEADING + 2.0 * size::ROW + blocks.rows.iter().sum::<f64>();
    if table <= height {
        pages.unbroken(table);
    } else {
        pages.next_page();
        pages.run_on(table);
    }
    if blocks.timeline > 0.0 {
        pages.unbroken(blocks.timeline);
    }
    if !blocks.lists.is_empty() {
        pages.run_on(size::HEADING);
        pages.columns(&blocks.lists);
    }
    if !blocks.gear.is_empty() {
        pages.run_on(size::HEADING);
        blocks.gear.iter().for_each(|&gear| pages.unbroken(gear));
    }
    if !blocks.notes.is_empty() {
        pages.run_on(size::HEADING);
        blocks.notes.iter().for_each(|&note| pages.unbroken(note));
    }
    pages.count()
}

/// A warning when the handout of `guide` (whose lessons' bodies are `bodies`) cannot fit on
/// two pages, saying what takes the room.
pub fn handout_overflow(guide: &Guide, bodies: &[Arc<RenderedMarkdown>]) -> Option<Diagnostic> {
    let (width, height) = match guide.config.print.paper {
        Paper::A4 => (size::A4_WIDTH, size::A4_HEIGHT),
        Paper::Letter => (size::LETTER_WIDTH, size::LETTER_HEIGHT),
    };
    let blocks = HandoutBlocks::of(guide, bodies, width);
    let pages = estimate(&blocks, height);
    log::debug!(
        "handout: `{}handout.html` comes to about {pages:.2} pages",
        guide.language.folder
    );
    if pages <= WARN_ABOVE {
        return None;
    }
    let share = |part: f64| part / height;
    let parts = [
        (
            share(blocks.rows.iter().sum::<f64>() + blocks.timeline),
            Part::Schedule,
        ),
        (
            share(blocks.lists.iter().sum::<f64>() / 2.0),
            Part::Checklists,
        ),
        (share(blocks.notes.iter().sum()), Part::Notes),
        (share(blocks.gear.iter().sum()), Part::Gear),
    ];
    let mut parts = parts.to_vec();
    parts.sort_by(|a, b| b.0.total_cmp(&a.0));
    // The part that takes the most room, and the next one too when it alone fills a page.
    let advice: Vec<&str> = (parts.iter().enumerate())
        .filter(|(rank, (pages, _))| *rank == 0 || (*rank == 1 && *pages > 1.0))
        .map(|(_, (_, part))| part.advice())
        .collect();
    let page = format!("{}handout.html", guide.language.folder);
    let counts = [
        (guide.lessons.len(), "lessons in its schedule"),
        (blocks.tasks, "checklist items"),
        (blocks.notes.len(), "notes"),
        (blocks.gear.len(), "recommended gear items"),
    ];
    let held: Vec<String> = (counts.iter())
        .filter(|(count, _)| *count > 0)
        .map(|(count, what)| format!("{count} {what}"))
        .collect();
    let held = format!("it holds {}", held.join(", "));
    Some(
        Diagnostic::warning(
            CONTENT_DIR,
            0..0,
            format!(
                "`{page}` will not fit on two pages: it comes to about {} pages",
                pages.round().max(3.0)
            ),
        )
        .with_help(format!("{held}; {}", advice.join("; "))),
    )
}

/// A part of the handout, for the advice on what to cut.
#[derive(Debug, Clone, Copy)]
enum Part {
    Schedule,
    Checklists,
    Notes,
    Gear,
}

impl Part {
    fn advice(self) -> &'static str {
        match self {
            Part::Schedule => {
                "the schedule takes much room: a two-page handout suits a guide of up to about 40 lessons, so split the guide or hand out the print edition (print.html) instead"
            }
            Part::Checklists => {
                "the checklists take much room: keep each lesson's checklist to a few short items (the lesson's page can say more)"
            }
            Part::Notes => {
                "the notes take much room: collect fewer kinds of alert under [handout] notes in guide.toml, or shorten the alerts"
            }
            Part::Gear => {
                "the recommended gear takes much room: shorten the items' reasons in content/gear.yaml, or recommend fewer"
            }
        }
    }
}

/// How many character widths `text` takes: letters of East Asian scripts count twice.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_columns_are_balanced_on_the_last_page() {
        assert_eq!(balanced(&[10.0, 10.0, 10.0, 10.0]), 20.0);
        assert_eq!(balanced(&[30.0, 10.0, 10.0]), 30.0);
        assert_eq!(balanced(&[]), 0.0);
        let mut pages = Pages {
            height: 100.0,
            full: 0,
            y: 50.0,
        };
        // Two columns of 50 fill the page's rest; the next three blocks go on a new page.
        pages.columns(&[25.0, 25.0, 25.0, 25.0, 30.0, 30.0, 30.0]);
        assert_eq!(pages.full, 1);
        assert_eq!(pages.y, 60.0);
    }

    #[test]
    fn a_table_that_fits_a_page_moves_to_the_next_one_whole() {
        let mut pages = Pages {
            height: 100.0,
            full: 0,
            y: 40.0,
        };
        pages.unbroken(80.0);
        assert_eq!((pages.full, pages.y), (1, 80.0));
        pages.run_on(50.0);
        assert_eq!((pages.full, pages.y), (2, 30.0));
    }
}
