//! Checklists: every GFM task item (`- [ ] text`) becomes a labelled checkbox with a stable id
//! made from the lesson's slug and the item's text, so ticks kept by the browser survive
//! rebuilds and reordering. `- [x]` items start ticked.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::headings::plain_text;
use super::ids::unique_id;
use super::{Found, MarkdownInput, Spanned, Task};

/// The stable id of a checklist item.
pub fn task_id(slug: &str, text: &str) -> String {
    let normalized: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(slug.as_bytes());
    hasher.write(&[0]);
    hasher.write(normalized.as_bytes());
    format!("{slug}--{:08x}", hasher.finish() as u32)
}

/// Replaces task markers with checkboxes and labels, recording the items in document order.
pub fn run<'a>(
    events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    let slug = input.page;
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(events.len() + 8);
    let tasks = &mut found.tasks;
    let mut used = HashSet::new();
    let mut next_suffix = HashMap::new();
    let mut label_open = false;
    let mut index = 0;
    while index < events.len() {
        let (event, range) = &events[index];
        if label_open && closes_label(event) {
            out.push((Event::Html(CowStr::from("</label>")), range.clone()));
            label_open = false;
        }
        if let Event::TaskListMarker(checked) = event {
            let end = events[index + 1..]
                .iter()
                .position(|(e, _)| closes_label(e))
                .map_or(events.len(), |offset| index + 1 + offset);
            let text = plain_text(&events[index + 1..end]).trim().to_string();
            let id = unique_id(&task_id(slug, &text), &mut used, &mut next_suffix, 2);
            mark_item(&mut out);
            let checked_attr = if *checked { " checked" } else { "" };
            let element_id = input.id(&id);
            let html = format!(
                "<input type=\"checkbox\" class=\"task-box\" id=\"{element_id}\" data-task=\"{id}\"{checked_attr}><label for=\"{element_id}\">"
            );
            out.push((Event::Html(CowStr::from(html)), range.clone()));
            tasks.push(Task {
                id,
                text,
                checked: *checked,
            });
            label_open = true;
            index += 1;
            continue;
        }
        out.push(events[index].clone());
        index += 1;
    }
    out
}

/// The block boundaries that end an item's own text (its label).
fn closes_label(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::End(TagEnd::Paragraph | TagEnd::Item)
            | Event::Start(Tag::List(_) | Tag::Paragraph | Tag::CodeBlock(_) | Tag::BlockQuote(_))
    )
}

/// Turns the `<li>` that holds the marker into `<li class="task">`.
fn mark_item(out: &mut [Spanned<'_>]) {
    for (event, _) in out.iter_mut().rev().take(2) {
        if matches!(event, Event::Start(Tag::Item)) {
            *event = Event::Html(CowStr::from("<li class=\"task\">"));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_ignore_spacing_and_case_but_not_words() {
        assert_eq!(
            task_id("fit", "Check  the fit"),
            task_id("fit", "check the fit")
        );
        assert_ne!(
            task_id("fit", "Check the fit"),
            task_id("fit", "Check the lead")
        );
        assert_ne!(task_id("fit", "Check"), task_id("scent", "Check"));
        assert!(task_id("fit", "x").starts_with("fit--"));
    }
}
