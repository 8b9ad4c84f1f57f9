//! Fenced code blocks whose body is YAML and that the build replaces (```` ```compare ````,
//! ```` ```outline ````): which events open one, and the block's text as written in the file,
//! with where it is, so that a problem in it points at its line.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::{Found, MarkdownInput, Spanned};

/// A block's YAML and where it is in the file.
pub struct YamlBlock<'a> {
    /// Guide-relative file name, for diagnostics.
    pub file: &'a str,
    pub yaml: String,
    /// Byte offset of `yaml` in the file.
    pub offset: usize,
    /// Span of the opening fence, for problems with the block as a whole.
    pub fence: Range<usize>,
    /// Whether the block is in the body as written; one an included file brought is reported
    /// at the directive that included it.
    pub in_body: bool,
}

impl YamlBlock<'_> {
    /// The span in the file of a range in `yaml`, or of the fence when there is none (or when
    /// an included file brought the block).
    pub fn span(&self, range: Option<Range<usize>>) -> Range<usize> {
        match range {
            Some(r) if self.in_body => r.start + self.offset..r.end + self.offset,
            _ => self.fence.clone(),
        }
    }

    /// The span in the file of a position in `yaml`.
    pub fn at(&self, position: usize) -> Range<usize> {
        self.span(Some(position..position))
    }
}

/// Replaces each fenced block named `name` with the HTML `make` gives for it; a block `make`
/// gives nothing for (its problems recorded in `found`) leaves nothing in the page.
pub fn replace_blocks<'a>(
    events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
    name: &str,
    mut make: impl FnMut(&YamlBlock<'_>, &mut Found) -> Option<String>,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        if !opens(&event, name) {
            out.push((event, range));
            continue;
        }
        let block = read_block(&mut iter, &range, input);
        if let Some(html) = make(&block, found) {
            out.push((Event::Html(CowStr::from(html)), range));
        }
    }
    out
}

/// Whether `event` opens a fenced code block named `name` (the first word of its info string).
pub fn opens(event: &Event<'_>, name: &str) -> bool {
    matches!(event, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.split_whitespace().next() == Some(name))
}

/// Reads the block that the event at `range` opened, up to and with its end, from `events`.
pub fn read_block<'a, 'i>(
    events: &mut impl Iterator<Item = Spanned<'a>>,
    range: &Range<usize>,
    input: &MarkdownInput<'i>,
) -> YamlBlock<'i> {
    let mut yaml = String::new();
    let mut text_range: Option<Range<usize>> = None;
    for (inner, inner_range) in events.by_ref() {
        match inner {
            Event::Text(text) => {
                let range = text_range.get_or_insert(inner_range.clone());
                range.end = inner_range.end;
                yaml.push_str(&text);
            }
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    // Parse the block as written (with any `\r`), so positions match the file; fall back to
    // the parser's text when the block is indented (inside a list or quote).
    let yaml_start = text_range.as_ref().map(|r| r.start);
    if let Some(raw) = text_range.and_then(|r| input.markdown.get(r))
        && raw.replace('\r', "") == yaml
    {
        yaml = raw.to_string();
    }
    let opening = input.markdown.get(range.clone()).unwrap_or_default();
    let fence_end = opening.find('\n').map_or(range.end, |i| range.start + i);
    let start = yaml_start.unwrap_or(range.start);
    let mapped = input.span(&(start..start + yaml.len()));
    YamlBlock {
        file: input.file,
        in_body: mapped.len() == yaml.len(),
        offset: mapped.start,
        fence: input.span(&(range.start..fence_end)),
        yaml,
    }
}
