//! Reading the manual (`docs/`) as structure for the tests that keep it true: each page's
//! sections by heading, with their tables (rows of cells), list items and code blocks, each
//! cell and item with the code spans it holds. Parsed with pulldown-cmark, as guidebook reads
//! the same files.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// `docs/` in the repository.
pub fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

/// One cell of a table, or one item of a list: its text and its code spans.
#[derive(Debug, Default, Clone)]
pub struct Cell {
    pub text: String,
    pub code: Vec<String>,
}

/// A section of a page: the text of its heading (empty before the first heading) and what it
/// holds up to the next heading of any level.
#[derive(Debug, Default, Clone)]
pub struct Section {
    pub heading: String,
    /// The body rows of each table (the header row left out), in order.
    pub tables: Vec<Vec<Vec<Cell>>>,
    pub items: Vec<Cell>,
    /// The terms of definition lists, each with its definitions.
    pub terms: Vec<(Cell, Cell)>,
    /// Fenced code blocks: the info string and the text.
    pub code_blocks: Vec<(String, String)>,
}

/// A page of the manual: its path under `docs/content/` and its sections.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: String,
    pub sections: Vec<Section>,
}

impl Page {
    /// Reads `docs/content/<path>`.
    pub fn read(path: &str) -> Page {
        let file = docs().join("content").join(path);
        let text = fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        Page {
            path: path.to_string(),
            sections: sections(body(&text)),
        }
    }

    /// The section under the heading `heading` (its text, without `#` or an `{#id}`).
    #[track_caller]
    pub fn section(&self, heading: &str) -> &Section {
        self.sections
            .iter()
            .find(|s| s.heading == heading)
            .unwrap_or_else(|| {
                let headings: Vec<&str> =
                    self.sections.iter().map(|s| s.heading.as_str()).collect();
                panic!(
                    "{} has no section `{heading}`; it has {headings:?}",
                    self.path
                )
            })
    }

    /// Every fenced code block of the page, in order.
    pub fn code_blocks(&self) -> impl Iterator<Item = &(String, String)> {
        self.sections.iter().flat_map(|s| &s.code_blocks)
    }
}

impl Section {
    /// The first table's rows.
    #[track_caller]
    pub fn table(&self) -> &[Vec<Cell>] {
        self.tables
            .first()
            .unwrap_or_else(|| panic!("the section `{}` has no table", self.heading))
    }

    /// The code spans of the first column of the first table, row by row.
    pub fn first_column_code(&self) -> Vec<Vec<String>> {
        (self.table().iter())
            .map(|row| {
                row.first()
                    .map(|cell| cell.code.clone())
                    .unwrap_or_default()
            })
            .collect()
    }
}

/// Every Markdown file of the manual under `docs/content/`, relative to it, sorted.
pub fn markdown_files() -> Vec<String> {
    let root = docs().join("content");
    let mut files: Vec<String> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let relative = e.path().strip_prefix(&root).unwrap();
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// The text after the front matter.
pub fn body(text: &str) -> &str {
    text.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text, |(_, body)| body)
}

fn sections(markdown: &str) -> Vec<Section> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut sections = vec![Section::default()];
    let mut heading: Option<String> = None;
    let mut row: Option<Vec<Cell>> = None;
    let mut in_head = false;
    let mut cell: Option<Cell> = None;
    let mut item_depth = 0usize;
    let mut item: Option<Cell> = None;
    let mut code: Option<(String, String)> = None;
    let mut term: Option<Cell> = None;
    let mut definition: Option<Cell> = None;
    for event in Parser::new_ext(markdown, options) {
        let current = sections.last_mut().expect("one section at least");
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let text = heading.take().unwrap_or_default();
                sections.push(Section {
                    heading: text.trim().to_string(),
                    ..Section::default()
                });
            }
            Event::Start(Tag::Table(_)) => current.tables.push(Vec::new()),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => row = Some(Vec::new()),
            Event::End(TagEnd::TableRow) => {
                if let (Some(row), Some(table)) = (row.take(), current.tables.last_mut()) {
                    table.push(row);
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(Cell::default()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(cell), Some(row), false) = (cell.take(), row.as_mut(), in_head) {
                    row.push(cell);
                }
            }
            Event::Start(Tag::Item) => {
                item_depth += 1;
                if item_depth == 1 {
                    item = Some(Cell::default());
                }
            }
            Event::End(TagEnd::Item) => {
                item_depth -= 1;
                if item_depth == 0
                    && let Some(item) = item.take()
                {
                    current.items.push(item);
                }
            }
            Event::Start(Tag::DefinitionListTitle) => term = Some(Cell::default()),
            Event::End(TagEnd::DefinitionListTitle) => {
                if let Some(term) = term.take() {
                    current.terms.push((term, Cell::default()));
                }
            }
            Event::Start(Tag::DefinitionListDefinition) => definition = Some(Cell::default()),
            Event::End(TagEnd::DefinitionListDefinition) => {
                if let (Some(definition), Some((_, all))) =
                    (definition.take(), current.terms.last_mut())
                {
                    all.text.push_str(&definition.text);
                    all.code.extend(definition.code);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(block) = code.take() {
                    current.code_blocks.push(block);
                }
            }
            Event::Text(text) => {
                if let Some((_, code)) = code.as_mut() {
                    code.push_str(&text);
                }
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&text);
                }
                let cells = [
                    cell.as_mut(),
                    item.as_mut(),
                    term.as_mut(),
                    definition.as_mut(),
                ];
                for target in cells.into_iter().flatten() {
                    target.text.push_str(&text);
                }
            }
            Event::Code(text) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&text);
                }
                let cells = [
                    cell.as_mut(),
                    item.as_mut(),
                    term.as_mut(),
                    definition.as_mut(),
                ];
                for target in cells.into_iter().flatten() {
                    target.text.push_str(&text);
                    target.code.push(text.to_string());
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                let cells = [
                    cell.as_mut(),
                    item.as_mut(),
                    term.as_mut(),
                    definition.as_mut(),
                ];
                for target in cells.into_iter().flatten() {
                    target.text.push(' ');
                }
            }
            _ => {}
        }
    }
    sections
}
