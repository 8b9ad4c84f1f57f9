//! The search index: every lesson's title, summary, headings and text, written as a script
//! (`assets/search-index.js`) so the theme's search works from `file://` with no network.
//!
//! The index is plain data; the theme's `search.js` does the matching and ranking. To keep the
//! file small for large guides, each lesson's text is cut so the whole index stays near
//! [`TEXT_BUDGET`] bytes (titles, summaries and headings are always kept whole).

use serde::Serialize;

use super::context::LessonSummary;
use crate::markdown::RenderedMarkdown;

/// About how many bytes of lesson text the index holds in all.
pub const TEXT_BUDGET: usize = 4 * 1024 * 1024;
/// Each lesson keeps at least this much of its text.
const MIN_TEXT: usize = 300;

#[derive(Serialize)]
struct Document<'a> {
    /// Title, url, summary.
    t: &'a str,
    u: &'a str,
    s: &'a str,
    /// Headings as [anchor, text].
    h: Vec<(&'a str, &'a str)>,
    /// The lesson's text (possibly cut).
    b: &'a str,
}

/// How much of each lesson's text the index keeps.
fn text_per_lesson(bodies: &[RenderedMarkdown]) -> usize {
    let total: usize = bodies.iter().map(|b| b.text.len()).sum();
    if total <= TEXT_BUDGET {
        usize::MAX
    } else {
        (TEXT_BUDGET / bodies.len().max(1)).max(MIN_TEXT)
    }
}

/// Cuts every lesson's text to what the index will keep of it, so a large guide does not hold
/// its whole text until the index is written. The index comes out the same.
pub fn trim_texts(bodies: &mut [RenderedMarkdown]) {
    let per_lesson = text_per_lesson(bodies);
    if per_lesson == usize::MAX {
        return;
    }
    for body in bodies {
        let kept = cut(&body.text, per_lesson).len();
        body.text.truncate(kept);
        body.text.shrink_to_fit();
    }
}

/// The contents of `assets/search-index.js`.
pub fn search_index_script(summaries: &[LessonSummary], bodies: &[RenderedMarkdown]) -> String {
    let per_lesson = text_per_lesson(bodies);
    let documents: Vec<Document<'_>> = summaries
        .iter()
        .zip(bodies)
        .map(|(summary, body)| Document {
            t: &summary.title,
            u: &summary.url,
            s: &summary.summary,
            h: body
                .headings
                .iter()
                .map(|h| (h.id.as_str(), h.text.as_str()))
                .collect(),
            b: cut(&body.text, per_lesson),
        })
        .collect();
    let json = serde_json::to_string(&documents).expect("the search index serializes");
    format!(
        "window.GUIDEBOOK_SEARCH = {};\n",
        json.replace("</", "<\\/")
    )
}

/// `text` cut to at most `max` bytes at a character boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_respects_characters() {
        assert_eq!(cut("héllo", 2), "h");
        assert_eq!(cut("héllo", 3), "hé");
        assert_eq!(cut("abc", 10), "abc");
    }

    fn bodies(count: usize, text: &str) -> Vec<RenderedMarkdown> {
        (0..count)
            .map(|i| RenderedMarkdown {
                text: format!("{i} {text}"),
                ..RenderedMarkdown::default()
            })
            .collect()
    }

    fn summaries(count: usize) -> Vec<LessonSummary> {
        (0..count)
            .map(|i| LessonSummary {
                step: i as u32 + 1,
                slug: format!("l{i}"),
                url: format!("l{i}.html"),
                title: format!("Lesson {i}"),
                duration: "5 min".into(),
                summary: String::new(),
                prerequisites: Vec::new(),
                unlocks: Vec::new(),
                task_count: 0,
                tasks: Vec::new(),
                gear: Vec::new(),
                safety_notes: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn trimming_early_gives_the_same_index() {
        // Over budget: 1,000 lessons of 8 KB each.
        let long = "é".repeat(4096);
        let mut trimmed = bodies(1000, &long);
        let whole = trimmed.clone();
        trim_texts(&mut trimmed);
        assert!(trimmed.iter().all(|b| b.text.len() <= TEXT_BUDGET / 1000));
        assert!(trimmed.iter().all(|b| b.text.len() < whole[0].text.len()));
        let summaries = summaries(1000);
        assert_eq!(
            search_index_script(&summaries, &trimmed),
            search_index_script(&summaries, &whole)
        );
    }

    #[test]
    fn a_guide_within_the_budget_keeps_its_whole_text() {
        let mut trimmed = bodies(10, "short text");
        let whole = trimmed.clone();
        trim_texts(&mut trimmed);
        assert_eq!(
            trimmed.iter().map(|b| &b.text).collect::<Vec<_>>(),
            whole.iter().map(|b| &b.text).collect::<Vec<_>>()
        );
    }
}
