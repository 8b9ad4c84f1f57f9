//! The search index: every lesson's and reference page's title, summary, headings and text,
//! written as a script (`assets/search-index.js`) so the theme's search works from `file://`
//! with no network. Lessons come first, in step order, then the pages.
//!
//! The index is plain data; the theme's `search.js` does the matching and ranking. To keep the
//! file small for large guides, each page's text is cut so the whole index stays near
//! [`TEXT_BUDGET`] bytes (titles, summaries and headings are always kept whole).

use serde::Serialize;

use crate::markdown::RenderedMarkdown;

/// About how many bytes of text the index holds in all.
pub const TEXT_BUDGET: usize = 4 * 1024 * 1024;
/// Each page keeps at least this much of its text.
const MIN_TEXT: usize = 300;

/// A page as the index lists it.
pub struct Searchable<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
    pub body: &'a RenderedMarkdown,
}

#[derive(Serialize)]
struct Document<'a> {
    /// Title, url, summary.
    t: &'a str,
    u: &'a str,
    s: &'a str,
    /// Headings as [anchor, text].
    h: Vec<(&'a str, &'a str)>,
    /// The page's text (possibly cut).
    b: &'a str,
}

/// How much of each page's text the index keeps, given every page's text length.
fn text_per_page(lengths: impl Iterator<Item = usize>) -> usize {
    let (count, total) = lengths.fold((0, 0), |(count, total), length| (count + 1, total + length));
    if total <= TEXT_BUDGET {
        usize::MAX
    } else {
        (TEXT_BUDGET / count).max(MIN_TEXT)
    }
}

/// Cuts every page's text to what the index will keep of it, so a large guide does not hold
/// its whole text until the index is written. The index comes out the same.
pub fn trim_texts<'a>(bodies: impl Iterator<Item = &'a mut RenderedMarkdown>) {
    let mut bodies: Vec<&mut RenderedMarkdown> = bodies.collect();
    let per_page = text_per_page(bodies.iter().map(|b| b.text.len()));
    if per_page == usize::MAX {
        return;
    }
    for body in &mut bodies {
        let kept = cut(&body.text, per_page).len();
        body.text.truncate(kept);
        body.text.shrink_to_fit();
    }
}

/// The contents of `assets/search-index.js`.
pub fn search_index_script(pages: &[Searchable<'_>]) -> String {
    let per_page = text_per_page(pages.iter().map(|p| p.body.text.len()));
    let documents: Vec<Document<'_>> = pages
        .iter()
        .map(|page| Document {
            t: page.title,
            u: page.url,
            s: page.summary,
            h: (page.body.headings.iter())
                .map(|h| (h.id.as_str(), h.text.as_str()))
                .collect(),
            b: cut(&page.body.text, per_page),
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

    fn index(bodies: &[RenderedMarkdown]) -> String {
        let names: Vec<(String, String)> = (0..bodies.len())
            .map(|i| (format!("Lesson {i}"), format!("l{i}.html")))
            .collect();
        let pages: Vec<Searchable<'_>> = (names.iter().zip(bodies))
            .map(|((title, url), body)| Searchable {
                title,
                url,
                summary: "",
                body,
            })
            .collect();
        search_index_script(&pages)
    }

    #[test]
    fn trimming_early_gives_the_same_index() {
        // Over budget: 1,000 lessons of 8 KB each.
        let long = "é".repeat(4096);
        let mut trimmed = bodies(1000, &long);
        let whole = trimmed.clone();
        trim_texts(trimmed.iter_mut());
        assert!(trimmed.iter().all(|b| b.text.len() <= TEXT_BUDGET / 1000));
        assert!(trimmed.iter().all(|b| b.text.len() < whole[0].text.len()));
        assert_eq!(index(&trimmed), index(&whole));
    }

    #[test]
    fn an_index_lists_each_page_with_its_headings_and_escapes_script_ends() {
        let mut body = bodies(1, "</script> text").remove(0);
        body.headings.push(crate::markdown::Heading {
            level: 2,
            id: "leash".into(),
            text: "Leash".into(),
        });
        let script = index(&[body]);
        assert_eq!(
            script,
            "window.GUIDEBOOK_SEARCH = [{\"t\":\"Lesson 0\",\"u\":\"l0.html\",\"s\":\"\",\"h\":[[\"leash\",\"Leash\"]],\"b\":\"0 <\\/script> text\"}];\n"
        );
    }

    #[test]
    fn a_guide_within_the_budget_keeps_its_whole_text() {
        let mut trimmed = bodies(10, "short text");
        let whole = trimmed.clone();
        trim_texts(trimmed.iter_mut());
        assert_eq!(
            trimmed.iter().map(|b| &b.text).collect::<Vec<_>>(),
            whole.iter().map(|b| &b.text).collect::<Vec<_>>()
        );
    }
}
