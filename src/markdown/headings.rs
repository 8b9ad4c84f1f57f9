//! Heading anchors: every heading gets an `id` (GitHub's rule: lowercase, spaces to `-`,
//! punctuation dropped), unique within the page, so `lesson.md#part` links can be checked.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Found, Heading, MarkdownInput, Spanned};

/// The anchor GitHub would give a heading with this text.
pub fn anchor_for(text: &str) -> String {
    let mut anchor = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            anchor.extend(c.to_lowercase());
        } else if c == ' ' {
            anchor.push('-');
        }
    }
    anchor
}

/// Gives every heading an id (keeping explicit `{#id}` ones) and lists the headings.
pub fn run<'a>(
    mut events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    found.headings = assign_heading_ids(&mut events, input);
    events
}

fn assign_heading_ids(events: &mut [Spanned<'_>], input: &MarkdownInput<'_>) -> Vec<Heading> {
    let mut used: HashSet<String> = HashSet::new();
    let mut headings = Vec::new();
    let mut index = 0;
    while index < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[index].0 {
            let level = *level as u8;
            let explicit = id.as_ref().map(|id| id.to_string());
            let end = events[index..]
                .iter()
                .position(|(event, _)| matches!(event, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |offset| index + offset);
            let text = plain_text(&events[index + 1..end]);
            let base = explicit.unwrap_or_else(|| {
                let anchor = anchor_for(&text);
                if anchor.is_empty() {
                    "section".to_string()
                } else {
                    anchor
                }
            });
            let mut unique = base.clone();
            let mut counter = 1;
            while !used.insert(unique.clone()) {
                unique = format!("{base}-{counter}");
                counter += 1;
            }
            let unique = input.id(&unique).into_owned();
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[index].0 {
                *id = Some(CowStr::from(unique.clone()));
            }
            headings.push(Heading {
                level,
                id: unique,
                text,
            });
            index = end;
        }
        index += 1;
    }
    headings
}

/// The text a reader sees in a run of inline events.
pub fn plain_text(events: &[Spanned<'_>]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github() {
        assert_eq!(
            anchor_for("Why a snug fit matters"),
            "why-a-snug-fit-matters"
        );
        assert_eq!(anchor_for("What's next? (Part 2)"), "whats-next-part-2");
        assert_eq!(anchor_for("Über – Katzen"), "über--katzen");
        assert_eq!(anchor_for("snake_case and-dash"), "snake_case-and-dash");
    }
}
