use super::*;

/// A book where `exercise.rs` and `../SUMMARY.md` can be included (the latter renamed as a
/// partial), `../../outside.rs` cannot, and the page is in a session and a segment.
struct Book;

impl Host for Book {
    fn include(&self, path: &str) -> Result<String, String> {
        match path {
            "exercise.rs" => Ok(path.to_string()),
            "../SUMMARY.md" => Ok("../_SUMMARY.md".to_string()),
            _ => Err("the file is outside the book's folder".to_string()),
        }
    }

    fn outline(&self, which: &str) -> Option<String> {
        match which {
            "session" => Some("```outline\n```".to_string()),
            _ => Some("```outline\nlessons: [a, b]\n```".to_string()),
        }
    }
}

const MDBOOK: Syntax = Syntax {
    mdbook: true,
    liquid: false,
    custom_preprocessors: false,
};
const WORKBENCH: Syntax = Syntax {
    mdbook: false,
    liquid: true,
    custom_preprocessors: false,
};

#[test]
fn includes_are_kept_with_their_paths_placed() {
    let text = "```rust,editable\n{{#include exercise.rs:fib}}\n```\n\n{{#include ../SUMMARY.md}}\n\n{{ #rustdoc_include exercise.rs:2:10 }}\n";
    let converted = convert(text, MDBOOK, &Book);
    assert_eq!(
        converted.text,
        "```rust,editable\n{{#include exercise.rs:fib}}\n```\n\n{{#include ../_SUMMARY.md}}\n\n{{ #rustdoc_include exercise.rs:2:10 }}\n"
    );
    assert_eq!(converted.includes, 3);
    assert!(converted.notes.is_empty());
}

#[test]
fn an_include_from_outside_is_left_out_in_code_and_in_text() {
    let text =
        "Intro\n\n```rust\n{{#include ../../outside.rs}}\n```\n\n{{#include ../../outside.md}}\n";
    let converted = convert(text, MDBOOK, &Book);
    assert_eq!(
        converted.text,
        "Intro\n\n```rust\n\n```\n\n<!-- guidebook import left out: #include ../../outside.md -->\n"
    );
    let lines: Vec<usize> = converted.notes.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [4, 7]);
    assert!(converted.notes[0].1.contains("outside the book"));
}

#[test]
fn playground_title_and_unknown_directives_are_left_out_and_noted() {
    let text = "{{#title My Title}}\n# Heading\n\nText {{#playground missing.rs editable}} and {{#mermaid x}}.\n\n```hbs\n{{#each items}}{{/each}}\n{{#toc}}\n```\n\nEscaped \\{{#include file.rs}} stays.\n";
    let converted = convert(text, MDBOOK, &Book);
    assert_eq!(
        converted.text,
        "<!-- guidebook import left out: #title My Title -->\n# Heading\n\nText <!-- guidebook import left out: #playground missing.rs editable --> and <!-- guidebook import left out: #mermaid x -->.\n\n```hbs\n{{#each items}}{{/each}}\n{{#toc}}\n```\n\nEscaped \\{{#include file.rs}} stays.\n"
    );
    let lines: Vec<usize> = converted.notes.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [1, 4, 4]);
}

#[test]
fn playgrounds_are_kept_with_their_paths_placed_and_playpen_is_renamed() {
    let text = "Before.\n\n{{#playground ../SUMMARY.md editable}}\n\nAfter {{ #playpen exercise.rs }} inline.\n";
    let converted = convert(text, MDBOOK, &Book);
    assert_eq!(
        converted.text,
        "Before.\n\n{{#playground ../_SUMMARY.md editable}}\n\nAfter {{ #playground exercise.rs }} inline.\n"
    );
    assert!(converted.notes.is_empty());
    assert_eq!(converted.includes, 2);
}

#[test]
fn course_outlines_become_outline_blocks_on_their_own_line_only() {
    let text = "## Schedule\n\n{{%session outline}}\n\n{{%segment outline}}\n\nInline {{%segment outline}} here.\n\n{{%course outline}}\n";
    let converted = convert(text, MDBOOK, &Book);
    assert_eq!(
        converted.text,
        "## Schedule\n\n```outline\n```\n\n```outline\nlessons: [a, b]\n```\n\nInline <!-- guidebook import left out: %segment outline --> here.\n\n<!-- guidebook import left out: %course outline -->\n"
    );
    assert_eq!(converted.outlines, 2);
    let lines: Vec<usize> = converted.notes.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [7, 9]);
}

#[test]
fn liquid_leftovers_are_left_out_but_code_and_math_are_not_touched() {
    let text = "[Setup]({{ page.root }}/setup.html) {{ site.swc_pages }}\n\n{% include links.md %}\n{% if x %}\n\n`{{ x }}` and $\\frac{{a}}{b}$\n\n```yaml\nrun: ${{ github.ref }} {% raw %}\n```\n";
    let converted = convert(text, WORKBENCH, &Book);
    assert_eq!(
        converted.text,
        "[Setup](./setup.html) <!-- guidebook import left out: site.swc_pages -->\n\n\n<!-- guidebook import left out: if x -->\n\n`{{ x }}` and $\\frac{{a}}{b}$\n\n```yaml\nrun: ${{ github.ref }} {% raw %}\n```\n"
    );
    let lines: Vec<usize> = converted.notes.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [1, 4]);
}

#[test]
fn plain_braces_in_a_book_are_kept_and_noted_only_when_it_runs_its_own_preprocessors() {
    let text = "Version: {{ mdbook-version }}\n";
    let quiet = convert(text, MDBOOK, &Book);
    assert_eq!(quiet.text, text);
    assert!(quiet.notes.is_empty());
    let noted = convert(
        text,
        Syntax {
            custom_preprocessors: true,
            ..MDBOOK
        },
        &Book,
    );
    assert_eq!(noted.text, text);
    assert_eq!(noted.notes.len(), 1);
}
