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

/// The contents of `assets/search-index.js`.
pub fn search_index_script(summaries: &[LessonSummary], bodies: &[RenderedMarkdown]) -> String {
    let total: usize = bodies.iter().map(|b| b.text.len()).sum();
    let per_lesson = if total <= TEXT_BUDGET {
        usize::MAX
    } else {
        (TEXT_BUDGET / bodies.len().max(1)).max(MIN_TEXT)
    };
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
}
