//! Footnote labels: `[^1]` becomes `#fn-1`, so a footnote never takes a heading's id (and, in
//! print, `#<page>-fn-1`, unique in the one document).
//!
//! A footnote half of which is in a block an edition leaves out (an instructor note) is left
//! out whole: a reference whose note is gone would link nowhere, and a note whose only
//! references are gone would stand unexplained.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Found, MarkdownInput, Spanned};

/// Drops the halves of hidden footnotes, and prefixes every footnote label, at its references
/// and its definition alike.
pub fn run<'a>(
    events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    let hidden = std::mem::take(&mut found.working.hidden_footnotes);
    let mut events = if hidden.references.is_empty() && hidden.definitions.is_empty() {
        events
    } else {
        without_halves(events, &hidden.references, &hidden.definitions)
    };
    for (event, _) in events.iter_mut() {
        match event {
            Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) => {
                let id = input.id(&format!("fn-{label}")).into_owned();
                *label = CowStr::from(id);
            }
            _ => {}
        }
    }
    events
}

/// `events` without the references to footnotes whose definition is hidden, and without the
/// definitions whose every reference is hidden.
fn without_halves<'a>(
    events: Vec<Spanned<'a>>,
    references: &HashSet<String>,
    definitions: &HashSet<String>,
) -> Vec<Spanned<'a>> {
    let mut shown_references: HashSet<&str> = HashSet::new();
    let mut shown_definitions: HashSet<&str> = HashSet::new();
    for (event, _) in &events {
        match event {
            Event::FootnoteReference(label) => {
                shown_references.insert(label);
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                shown_definitions.insert(label);
            }
            _ => {}
        }
    }
    let dangling: HashSet<String> = (definitions.iter())
        .filter(|label| !shown_definitions.contains(label.as_str()))
        .cloned()
        .collect();
    let orphaned: HashSet<String> = (references.iter())
        .filter(|label| !shown_references.contains(label.as_str()))
        .cloned()
        .collect();
    let mut kept = Vec::with_capacity(events.len());
    let mut skipping = 0usize;
    for (event, range) in events {
        match &event {
            Event::Start(Tag::FootnoteDefinition(label))
                if skipping > 0 || orphaned.contains(label.as_ref()) =>
            {
                skipping += 1;
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) if skipping > 0 => {
                skipping -= 1;
                continue;
            }
            Event::FootnoteReference(label) if dangling.contains(label.as_ref()) => continue,
            _ if skipping > 0 => continue,
            _ => {}
        }
        kept.push((event, range));
    }
    kept
}
