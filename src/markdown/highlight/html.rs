//! A highlighted block's HTML from the captures its queries found: arborium's rules for
//! captures that overlap, written straight into one string. Two captures of exactly the same
//! text keep the styled one, then the one of the later pattern; adjacent captures of one kind
//! join; where captures nest, the innermost colours the text. Text whose kind the theme leaves
//! in the text colour (variables, punctuation, kinds with no class) is written without a span:
//! they were half of all spans, and a large build holds its lessons' HTML twice.
//!
//! The output is byte for byte what arborium's `spans_to_html` writes with `hl` class names,
//! less those spans (`bounded.rs`'s tests compare the two); it is written here because that
//! function allocates a string for every tag and every run of text, a tenth of a build with code.

use arborium_theme::highlights::tag_to_name;
use pulldown_cmark_escape::escape_html;

/// One capture of the highlighting query: its byte range, theme tag and pattern.
#[derive(Debug, Clone, Copy)]
pub struct Capture {
    pub start: u32,
    pub end: u32,
    /// The theme's tag (`k` for keywords ...); `None` for a capture name the theme does not
    /// know (it loses to any styled capture of the same text, and colours nothing).
    pub tag: Option<&'static str>,
    pub pattern: u32,
}

/// A styled run after overlaps are resolved.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: u32,
    end: u32,
    tag: &'static str,
}

/// Class names written as plain text (the theme gives them the text colour).
const UNSTYLED: &[&str] = &["variable", "punctuation"];

/// `source` (less its trailing line breaks) as escaped HTML, its captured runs in
/// `<span class="hl-…">`.
pub fn write(source: &str, captures: Vec<Capture>) -> String {
    let source = source.trim_end_matches('\n');
    let mut html = String::with_capacity(source.len() + source.len() / 2);
    let runs = resolve(captures);
    // (position, whether a run starts there, the run): ends before starts at one position.
    let mut events: Vec<(u32, bool, usize)> = Vec::with_capacity(runs.len() * 2);
    for (index, run) in runs.iter().enumerate() {
        events.push((run.start, true, index));
        events.push((run.end, false, index));
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let mut open: Vec<usize> = Vec::new();
    let mut written = 0usize;
    for (position, starts, index) in events {
        let position = position as usize;
        if position > written && position <= source.len() {
            let tag = open.last().map(|&top| runs[top].tag);
            write_run(&mut html, source.get(written..position).unwrap_or(""), tag);
            written = position;
        }
        if starts {
            open.push(index);
        } else if let Some(at) = open.iter().rposition(|&other| other == index) {
            open.remove(at);
        }
    }
    if written < source.len() {
        let tag = open.last().map(|&top| runs[top].tag);
        write_run(&mut html, source.get(written..).unwrap_or(""), tag);
    }
    html
}

/// The styled runs: one capture per range, adjacent runs of one tag joined, longest first
/// where several start together.
fn resolve(mut captures: Vec<Capture>) -> Vec<Run> {
    captures.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| b.end.cmp(&a.end)));
    let mut runs: Vec<Run> = Vec::with_capacity(captures.len());
    let mut group = captures.iter().peekable();
    while let Some(first) = group.next() {
        let mut best = first;
        while let Some(next) = group.next_if(|c| c.start == first.start && c.end == first.end) {
            let replace = match (next.tag.is_some(), best.tag.is_some()) {
                (true, false) => true,
                (false, true) => false,
                _ => next.pattern >= best.pattern,
            };
            if replace {
                best = next;
            }
        }
        if let Some(tag) = best.tag {
            runs.push(Run {
                start: best.start,
                end: best.end,
                tag,
            });
        }
    }
    // Ranges are unique now, so the order by start and end is total.
    runs.sort_unstable_by_key(|run| (run.start, run.end));
    let mut joined: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        match joined.last_mut() {
            Some(last) if last.tag == run.tag && run.start <= last.end => {
                last.end = last.end.max(run.end);
            }
            _ => joined.push(run),
        }
    }
    joined.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| b.end.cmp(&a.end)));
    joined
}

/// `text` escaped, in a span of `tag`'s class unless the theme leaves it unstyled.
fn write_run(html: &mut String, text: &str, tag: Option<&'static str>) {
    let class = tag
        .and_then(tag_to_name)
        .filter(|name| !UNSTYLED.contains(name));
    if let Some(class) = class {
        html.push_str("<span class=\"hl-");
        html.push_str(class);
        html.push_str("\">");
    }
    // `<`, `>`, `&`, `"` and `'`, as arborium escapes them; writing to a string cannot fail.
    let _ = escape_html(&mut *html, text);
    if class.is_some() {
        html.push_str("</span>");
    }
}
