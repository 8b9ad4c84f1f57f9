//! The fence lines of fenced blocks (`::: name {attributes}` ... `:::`), read, and marked in a
//! lesson's text before pulldown-cmark parses it: every fence line outside a code block becomes
//! a thematic break of the same length (see [`super::divs`] for why).

use std::borrow::Cow;
use std::ops::Range;

use super::attributes::{Attributes, parse_attributes};

/// One fence line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fence {
    Open {
        name: String,
        attributes: Attributes,
        /// Where in the line an attribute list starts that cannot be read (an unclosed quote
        /// or brace): the block opens without attributes, and the list is reported.
        unreadable: Option<usize>,
    },
    Close,
}

/// Reads a fence line: up to three spaces, three or more colons, then a name and/or an
/// attribute list (optionally followed by more colons) to open, nothing to close.
pub fn parse_fence(line: &str) -> Option<Fence> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = line.trim_start_matches(' ');
    let colons = rest.len() - rest.trim_start_matches(':').len();
    if colons < 3 {
        return None;
    }
    let after = &rest[colons..];
    let rest = after.trim().trim_end_matches(':').trim_end();
    if rest.is_empty() {
        return Some(Fence::Close);
    }
    let mut unreadable = None;
    let (name, attributes) = match rest.find('{') {
        Some(brace) => {
            let read = (rest[brace + 1..].strip_suffix('}')).and_then(parse_attributes);
            let name = rest[..brace].trim();
            match read {
                Some(attributes) => (name, attributes),
                // A named block still opens; without a name, it is no fence.
                None if !name.is_empty() => {
                    let leading = line.len() - after.trim_start().len();
                    unreadable = Some(leading + brace);
                    (name, Attributes::default())
                }
                None => return None,
            }
        }
        None => (rest, Attributes::default()),
    };
    let mut attributes = attributes;
    let name = if name.is_empty() {
        // `::: {.challenge}`: the first class names the block.
        if attributes.classes.is_empty() {
            return None;
        }
        attributes.classes.remove(0)
    } else {
        name.to_string()
    };
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then_some(Fence::Open {
        name,
        attributes,
        unreadable,
    })
}

/// `markdown` with every fence line outside code blocks replaced by a thematic break of the same
/// length (borrowed unchanged when there is none). A fence line may stand in a block quote
/// (`> ::: note`), as Pandoc allows: only the part after the quote markers is replaced.
pub fn mark_fences(markdown: &str) -> Cow<'_, str> {
    if !markdown.contains(":::") {
        return Cow::Borrowed(markdown);
    }
    let mut marked: Option<String> = None;
    // The open code fence: its character, length and how many quotes it stands in.
    let mut code_fence: Option<(char, usize, usize)> = None;
    let mut start = 0;
    for line in markdown.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let line_start = start;
        start += line.len();
        let (depth, quoted) = strip_quotes(content);
        let content = &content[quoted..];
        if let Some((fence_char, length, fence_depth)) = code_fence {
            // A code block ends with the quote it stands in, or at its closing fence; until
            // then every line is code.
            if depth < fence_depth {
                code_fence = None;
            } else {
                if depth == fence_depth && closes_code_fence(content, fence_char, length) {
                    code_fence = None;
                }
                continue;
            }
        }
        if let Some((fence_char, length)) = opens_code_fence(content) {
            code_fence = Some((fence_char, length, depth));
            continue;
        }
        if parse_fence(content).is_some() {
            let text = marked.get_or_insert_with(|| markdown.to_string());
            let indent = content.len() - content.trim_start_matches(' ').len();
            let at = line_start + quoted + indent;
            let rule = format!("***{}", " ".repeat(content.len() - indent - 3));
            text.replace_range(at..at + rule.len(), &rule);
        }
    }
    marked.map_or(Cow::Borrowed(markdown), Cow::Owned)
}

/// How many block quote markers (`>`, each after up to three spaces and followed by an optional
/// space) start `line`, and how many bytes they take.
fn strip_quotes(line: &str) -> (usize, usize) {
    let (mut depth, mut taken) = (0, 0);
    loop {
        let rest = &line[taken..];
        let indent = rest.len() - rest.trim_start_matches(' ').len();
        if indent > 3 || !rest[indent..].starts_with('>') {
            return (depth, taken);
        }
        taken += indent + 1;
        if line[taken..].starts_with(' ') {
            taken += 1;
        }
        depth += 1;
    }
}

/// A code fence's character and length, if `line` opens one.
fn opens_code_fence(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent.min(line.len())..];
    let fence_char = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = rest.len() - rest.trim_start_matches(fence_char).len();
    let info = &rest[length..];
    let valid = indent <= 3 && length >= 3 && !(fence_char == '`' && info.contains('`'));
    valid.then_some((fence_char, length))
}

fn closes_code_fence(line: &str, fence_char: char, length: usize) -> bool {
    let rest = line.trim_start_matches(' ');
    let run = rest.len() - rest.trim_start_matches(fence_char).len();
    line.len() - rest.len() <= 3 && run >= length && rest[run..].trim().is_empty()
}

/// The fence line at `range`, without its line break.
pub(super) fn fence_line(markdown: &str, range: &Range<usize>) -> Range<usize> {
    let text = markdown.get(range.clone()).unwrap_or_default();
    range.start..range.start + text.trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_lines_open_and_close() {
        let open = |name: &str| Fence::Open {
            name: name.to_string(),
            attributes: Attributes::default(),
            unreadable: None,
        };
        assert_eq!(parse_fence("::: challenge"), Some(open("challenge")));
        assert_eq!(parse_fence("::::: solution :::::"), Some(open("solution")));
        assert_eq!(parse_fence("   :::"), Some(Fence::Close));
        assert_eq!(parse_fence("::::::::::"), Some(Fence::Close));
        let Some(Fence::Open {
            name, attributes, ..
        }) = parse_fence("::: {.callout #c1}")
        else {
            panic!("an attribute list opens a block");
        };
        assert_eq!(
            (name.as_str(), attributes.id.as_deref()),
            ("callout", Some("c1"))
        );
        assert_eq!(parse_fence(":: note"), None, "two colons are text");
        assert_eq!(parse_fence("    ::: note"), None, "four spaces make code");
        assert_eq!(parse_fence("::: two words"), None);
        assert_eq!(parse_fence("::: 1st"), None);
        let broken = Fence::Open {
            name: "note".to_string(),
            attributes: Attributes::default(),
            unreadable: Some(9),
        };
        assert_eq!(
            parse_fence("::: note {#x title=\"open}"),
            Some(broken.clone())
        );
        assert_eq!(parse_fence("::: note {#x"), Some(broken));
        assert_eq!(parse_fence("::: {#x"), None, "no name: no block");
    }

    #[test]
    fn marking_keeps_every_offset_and_leaves_code_alone() {
        let text = "a\n::: note\nb\n:::\n```\n::: note\n```\n~~~~\n:::\n~~~~\n";
        let marked = mark_fences(text);
        assert_eq!(marked.len(), text.len());
        assert_eq!(
            marked,
            "a\n***     \nb\n***\n```\n::: note\n```\n~~~~\n:::\n~~~~\n"
        );
        assert!(matches!(mark_fences("no fences"), Cow::Borrowed(_)));
    }

    #[test]
    fn fences_in_block_quotes_are_marked_after_their_markers() {
        let text = "> ::: note\n> a\n>> :::\n> ```\n> :::\n> ```\n>:::\n";
        assert_eq!(
            mark_fences(text),
            "> ***     \n> a\n>> ***\n> ```\n> :::\n> ```\n>***\n"
        );
        // A code block in a quote ends with the quote.
        let text = "> ```\n> x\n\n:::\n";
        assert_eq!(mark_fences(text), "> ```\n> x\n\n***\n");
    }
}
