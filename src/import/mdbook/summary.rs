//! mdBook's `SUMMARY.md`: an optional `# Title`, prefix chapters (links on lines of their
//! own), then numbered chapters (list items, nested for sub-chapters, `[Title]()` for a draft)
//! under optional part titles (`# Part`), then suffix chapters (links again). `---` separates
//! anything from anything and means nothing here.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::import::edits::line_of;

/// Where a chapter stands in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Before the numbered chapters.
    Prefix,
    /// A numbered chapter at `depth` (0 for the top level), under the part titled `part`.
    Numbered {
        depth: usize,
        part: Option<String>,
        /// The entry of the chapter it is nested in.
        parent: Option<usize>,
    },
    /// After the numbered chapters.
    Suffix,
}

/// One chapter of `SUMMARY.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    /// The chapter's file as written (relative to the book's source folder); `None` for a
    /// draft chapter (`[Title]()`).
    pub path: Option<String>,
    pub place: Place,
    /// Its line in `SUMMARY.md`.
    pub line: usize,
}

impl Entry {
    #[cfg(test)]
    pub fn depth(&self) -> Option<usize> {
        match self.place {
            Place::Numbered { depth, .. } => Some(depth),
            _ => None,
        }
    }
}

/// Something in `SUMMARY.md` that is not a chapter: its line and what it is.
pub type Stray = (usize, String);

/// Reads `SUMMARY.md`'s text into its chapters, in order.
pub fn read_summary(text: &str) -> (Vec<Entry>, Vec<Stray>) {
    let mut reader = Reader {
        text,
        entries: Vec::new(),
        strays: Vec::new(),
        part: None,
        numbered_seen: false,
        seen_anything: false,
        stack: Vec::new(),
        in_item_link: None,
    };
    let mut events = Parser::new_ext(text, Options::empty()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        reader.event(event, range, &mut events);
    }
    (reader.entries, reader.strays)
}

/// The state of reading `SUMMARY.md`.
struct Reader<'t> {
    text: &'t str,
    entries: Vec<Entry>,
    strays: Vec<Stray>,
    /// The part title the numbered chapters are under.
    part: Option<String>,
    numbered_seen: bool,
    seen_anything: bool,
    /// The open list items: the entry each stands for (if its link was read).
    stack: Vec<Option<usize>>,
    /// A link being read inside a list item: its destination, title so far, and line.
    in_item_link: Option<(String, String, usize)>,
}

impl Reader<'_> {
    fn event<'e>(
        &mut self,
        event: Event<'e>,
        range: std::ops::Range<usize>,
        events: &mut impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
    ) {
        let line = line_of(self.text, range.start);
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                let title = collect_text(events, TagEnd::Heading(HeadingLevel::H1));
                // The first heading, before any chapter, is the summary's own title.
                if self.seen_anything {
                    self.part = Some(title);
                }
                self.seen_anything = true;
            }
            Event::Start(Tag::Heading { .. }) => {
                self.seen_anything = true;
            }
            Event::Start(Tag::List(_)) if self.stack.is_empty() => {
                self.numbered_seen = true;
                self.seen_anything = true;
            }
            Event::Start(Tag::Item) => self.stack.push(None),
            Event::End(TagEnd::Item) => self.end_item(line),
            Event::Start(Tag::Link { dest_url, .. }) if !self.stack.is_empty() => {
                self.in_item_link = Some((dest_url.to_string(), String::new(), line));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let title = collect_text(events, TagEnd::Link);
                self.seen_anything = true;
                let place = if self.numbered_seen {
                    Place::Suffix
                } else {
                    Place::Prefix
                };
                let path = (!dest_url.is_empty()).then(|| dest_url.to_string());
                if path.is_none() {
                    self.strays.push((
                        line,
                        format!("`[{title}]()`: a draft chapter must be numbered (a list item)"),
                    ));
                    return;
                }
                self.entries.push(Entry {
                    title,
                    path,
                    place,
                    line,
                });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, title, _)) = self.in_item_link.as_mut() {
                    title.push_str(&text);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((destination, title, line)) = self.in_item_link.take() {
                    self.numbered_chapter(destination, title, line);
                }
            }
            _ => {}
        }
    }

    /// The end of a list item, which must have held a chapter's link.
    fn end_item(&mut self, line: usize) {
        if self.stack.pop() == Some(None) {
            let stray = "a list item without a link to a chapter".to_string();
            self.strays.push((line, stray));
        }
    }

    /// A list item's link: a numbered chapter nested as deep as its list.
    fn numbered_chapter(&mut self, destination: String, title: String, line: usize) {
        let depth = self.stack.len().saturating_sub(1);
        if self.stack.last().is_some_and(Option::is_some) {
            // A second link in one item is text to mdBook.
            return;
        }
        let parent = self.stack[..depth].iter().rev().find_map(|entry| *entry);
        self.entries.push(Entry {
            title: title.trim().to_string(),
            path: (!destination.is_empty()).then_some(destination),
            place: Place::Numbered {
                depth,
                part: self.part.clone(),
                parent,
            },
            line,
        });
        if let Some(top) = self.stack.last_mut() {
            *top = Some(self.entries.len() - 1);
        }
    }
}

/// The text up to `end` (a heading's or a link's), code spans included without backticks.
fn collect_text<'e>(
    events: &mut impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
    end: TagEnd,
) -> String {
    let mut text = String::new();
    for (event, _) in events.by_ref() {
        match event {
            Event::Text(part) | Event::Code(part) => text.push_str(&part),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(tag) if tag == end => break,
            _ => {}
        }
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_chapter_is_read_in_order() {
        let text = "# Summary\n\n[Introduction](README.md)\n[Foreword](foreword.md)\n\n---\n\n# Day 1: Morning\n\n- [Welcome](welcome.md)\n- [Hello, `World`](hello.md)\n    - [What is Rust?](hello/what.md)\n        - [Deeper](hello/deeper.md)\n    - [Draft chapter]()\n- [Types](types.md)\n\n# Day 1: Afternoon\n\n* [Tuples](tuples.md)\n\n-----------\n\n[Contributors](misc/contributors.md)\n";
        let (entries, strays) = read_summary(text);
        assert!(strays.is_empty(), "{strays:?}");
        let read: Vec<(&str, Option<&str>, Option<usize>, usize)> = entries
            .iter()
            .map(|e| (e.title.as_str(), e.path.as_deref(), e.depth(), e.line))
            .collect();
        assert_eq!(
            read,
            [
                ("Introduction", Some("README.md"), None, 3),
                ("Foreword", Some("foreword.md"), None, 4),
                ("Welcome", Some("welcome.md"), Some(0), 10),
                ("Hello, World", Some("hello.md"), Some(0), 11),
                ("What is Rust?", Some("hello/what.md"), Some(1), 12),
                ("Deeper", Some("hello/deeper.md"), Some(2), 13),
                ("Draft chapter", None, Some(1), 14),
                ("Types", Some("types.md"), Some(0), 15),
                ("Tuples", Some("tuples.md"), Some(0), 19),
                ("Contributors", Some("misc/contributors.md"), None, 23),
            ]
        );
        assert_eq!(entries[0].place, Place::Prefix);
        assert_eq!(entries[9].place, Place::Suffix);
        let Place::Numbered { part, parent, .. } = &entries[5].place else {
            panic!("numbered")
        };
        assert_eq!(
            (part.as_deref(), *parent),
            (Some("Day 1: Morning"), Some(4))
        );
        let Place::Numbered { part, parent, .. } = &entries[8].place else {
            panic!("numbered")
        };
        assert_eq!((part.as_deref(), *parent), (Some("Day 1: Afternoon"), None));
    }

    #[test]
    fn a_summary_without_title_or_parts_and_items_without_links() {
        let (entries, strays) = read_summary("- [A](a.md)\n- Not a link\n\n[B]()\n");
        assert_eq!(entries.len(), 1);
        assert_eq!(
            entries[0].place,
            Place::Numbered {
                depth: 0,
                part: None,
                parent: None
            }
        );
        let lines: Vec<usize> = strays.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2, 4]);
    }
}
