//! The fence lines of fenced blocks (`::: name {attributes}` ... `:::`), read, and marked in a
//! lesson's text before pulldown-cmark parses it: every fence line outside a code block becomes
//! a thematic break of the same length (see [`super::divs`] for why).

use std::borrow::Cow;

use super::attributes::{Attributes, parse_attributes};

/// One fence line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fence {
    Open {
        name: String,
        attributes: Attributes,
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
    let rest = rest[colons..].trim().trim_end_matches(':').trim_end();
    if rest.is_empty() {
        return Some(Fence::Close);
    }
    let (name, attributes) = match rest.find('{') {
        Some(brace) => {
            let inner = rest[brace + 1..].strip_suffix('}')?;
            (rest[..brace].trim(), parse_attributes(inner)?)
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
    valid.then_some(Fence::Open { name, attributes })
}

/// `markdown` with every fence line outside code blocks replaced by a thematic break of the same
/// length (borrowed unchanged when there is none).
pub fn mark_fences(markdown: &str) -> Cow<'_, str> {
    if !markdown.contains(":::") {
        return Cow::Borrowed(markdown);
    }
    let mut marked: Option<String> = None;
    let mut code_fence: Option<(char, usize)> = None;
    let mut start = 0;
    for line in markdown.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let range = start..start + content.len();
        start += line.len();
        if let Some((fence_char, length)) = code_fence {
            if closes_code_fence(content, fence_char, length) {
                code_fence = None;
            }
            continue;
        }
        if let Some(opened) = opens_code_fence(content) {
            code_fence = Some(opened);
            continue;
        }
        if parse_fence(content).is_some() {
            let text = marked.get_or_insert_with(|| markdown.to_string());
            let indent = content.len() - content.trim_start_matches(' ').len();
            let rule = format!("***{}", " ".repeat(content.len() - indent - 3));
            text.replace_range(range.start + indent..range.end, &rule);
        }
    }
    marked.map_or(Cow::Borrowed(markdown), Cow::Owned)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_lines_open_and_close() {
        let open = |name: &str| Fence::Open {
            name: name.to_string(),
            attributes: Attributes::default(),
        };
        assert_eq!(parse_fence("::: challenge"), Some(open("challenge")));
        assert_eq!(parse_fence("::::: solution :::::"), Some(open("solution")));
        assert_eq!(parse_fence("   :::"), Some(Fence::Close));
        assert_eq!(parse_fence("::::::::::"), Some(Fence::Close));
        let Some(Fence::Open { name, attributes }) = parse_fence("::: {.callout #c1}") else {
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
}
