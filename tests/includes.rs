//! mdBook's directives on the built site: `tests/fixtures/mdbook` holds chapters of mdBook's own
//! guide (includes of a partial, escaped directives, a playground) and listings kept outside
//! `content/`; small guides check each error, at the directive, with its hint.

mod common;

use std::fs;

use common::*;

const FIXTURE: &str = "mdbook";

/// The text of the code blocks of `file`, in order.
fn code_texts(out: &std::path::Path, file: &str) -> Vec<String> {
    let html = page(out, file);
    select(&html, "main .code-block pre code")
        .into_iter()
        .map(|code| code.text().collect())
        .collect()
}

#[test]
fn the_chapters_build_without_errors_or_warnings() {
    let workspace = copy_fixture(FIXTURE);
    let run = workspace.build_to(&workspace.out(), &[]);
    run.assert_code(0);
    assert!(parse_diagnostics(&run.stderr).is_empty(), "{}", run.stderr);
}

#[test]
fn a_partial_is_included_where_it_is_named_and_is_no_page() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    for file in ["serve.html", "watch.html"] {
        let html = page(&out, file);
        let heading = select_one(&html, "main [id=\"--watcher\"]");
        assert_eq!(heading_text(heading), "--watcher");
        assert!(text(select_one(&html, "main")).contains("There are different backends"));
        assert!(!text(select_one(&html, "main")).contains("{{#include"));
    }
    let names = names_in(&out);
    assert!(
        !names.iter().any(|name| name.contains("arg-watcher")),
        "{names:?}"
    );
    let home = page(&out, "index.html");
    assert!(
        !hrefs(&home, ".sidebar a")
            .iter()
            .any(|h| h.contains("watcher"))
    );
    // A file a chapter includes that is not Markdown is still a file of the site.
    assert_eq!(
        fs::read(out.join("format/example.rs")).unwrap(),
        fs::read(workspace.guide_path("content/format/example.rs")).unwrap()
    );
}

#[test]
fn anchors_and_line_ranges_take_their_lines_from_files_outside_content() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let blocks = code_texts(&out, "listings.html");
    assert_eq!(
        blocks[0],
        "fn greet(name: &str) -> String {\n    let mut text = String::new();\n    let _ = write!(text, \"Hello, {name}!\");\n    text\n}"
    );
    assert_eq!(
        blocks[2],
        "fn greet(name: &str) -> String {\n    let mut text = String::new();"
    );
    assert_eq!(
        blocks[3],
        "fn main() {\n    println!(\"{}\", greet(\"reader\"));\n}\n// ANCHOR_END: all"
    );
    assert_eq!(
        blocks[4],
        "// A listing outside content/, included by the chapters (guidebook's own).\n// ANCHOR: all"
    );
    assert!(!out.join("listings").exists(), "only content/ is published");
}

#[test]
fn escaped_directives_and_playgrounds_read_as_in_mdbook() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let blocks = code_texts(&out, "mdbook.html");
    assert!(
        blocks
            .iter()
            .any(|b| b.contains("{{#include file.rs:component}}")),
        "an escaped directive is its own text: {blocks:?}"
    );
    assert!(
        !blocks.iter().any(|b| b.contains("\\{{#")),
        "without its backslash"
    );
    let html = page(&out, "mdbook.html");
    let playground = select(&html, "main .code-block[data-lang=rust]")
        .into_iter()
        .find(|block| text(*block).contains("Hello World!"))
        .expect("example.rs as a Rust block");
    assert!(text(playground).contains("fn main()"));
}

/// A guide whose lesson `01-a.md` has `body`, with `files` beside it.
fn guide(body: &str, files: &[(&str, &str)]) -> Workspace {
    let mut all = vec![("content/01-a.md", lesson("A", 1, "", body))];
    all.extend(files.iter().map(|(path, text)| (*path, text.to_string())));
    let borrowed: Vec<(&str, &str)> = all.iter().map(|(p, t)| (*p, t.as_str())).collect();
    write_guide(&borrowed)
}

#[test]
fn each_include_problem_is_an_error_at_its_directive_with_a_hint() {
    let listing = "// ANCHOR: setup\nlet x = 1;\n// ANCHOR_END: setup\n";
    let body = "Intro.\n\n```rust\n{{#include code/setp.rs}}\n```\n\n\
        {{#include code/setup.rs:setp}}\n\n{{#include code/setup.rs:9:12}}\n\n\
        {{#include code/setup.rs:3:1}}\n\n{{#include ../../outside.rs}}\n";
    let workspace = guide(body, &[("content/code/setup.rs", listing)]);
    let diagnostics = workspace.build_errors();
    let found: Vec<(usize, usize, &str)> = (diagnostics.iter())
        .map(|d| (d.line, d.column, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (9, 1, "there is no file `code/setp.rs` to include"),
            (
                12,
                1,
                "cannot include `code/setup.rs`: it has no anchor `setp` (did you mean `setup`?)"
            ),
            (
                14,
                1,
                "cannot include `code/setup.rs`: it has 3 lines, so none from line 9"
            ),
            (
                16,
                1,
                "cannot include `code/setup.rs`: the range starts at line 3, after its end at line 1"
            ),
            (18, 1, "`../../outside.rs` is outside the guide folder"),
        ]
    );
    assert_help(&diagnostics[0], "did you mean `code/setup.rs`?");
    assert_help(
        &diagnostics[0],
        "relative to the file that includes them (content/01-a.md)",
    );
}

#[test]
fn includes_nest_relative_to_each_file_and_a_cycle_is_an_error() {
    let workspace = guide(
        "Start.\n\n{{#include _parts/outer.md}}\n",
        &[
            (
                "content/_parts/outer.md",
                "Outer text.\n\n{{#include inner/_deep.md}}\n",
            ),
            // Links in included text are read where it lands, as in mdBook.
            (
                "content/_parts/inner/_deep.md",
                "Deep text with a [link](01-a.md).\n",
            ),
        ],
    );
    let out = workspace.build_ok();
    let html = page(&out, "a.html");
    let main = text(select_one(&html, "main"));
    assert!(
        main.contains("Outer text.") && main.contains("Deep text"),
        "{main}"
    );
    assert!(hrefs(&html, "main a").contains(&"a.html".to_string()));

    workspace.write(
        "content/_parts/inner/_deep.md",
        "Back: {{#include ../outer.md}}\n",
    );
    let run = workspace.check(&[]);
    run.assert_code(1);
    let diagnostics = parse_diagnostics(&run.stderr);
    let error = single_error(&diagnostics);
    assert_diag(error, "content/01-a.md", 8, 1, "includes itself");
    assert!(
        error
            .message
            .contains("content/_parts/outer.md -> content/_parts/inner/_deep.md"),
        "{}",
        error.message
    );
}

#[test]
fn a_problem_in_included_markdown_points_at_the_directive() {
    let workspace = guide(
        "Start.\n\n{{#include _note.md}}\n\nEnd.\n",
        &[(
            "content/_note.md",
            "A note with a [broken link](missing.md).\n",
        )],
    );
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    assert_diag(
        error,
        "content/01-a.md",
        8,
        1,
        "the link to `missing.md` does not lead to a lesson or page",
    );
}

#[test]
fn positions_after_an_include_stay_where_they_are_in_the_file() {
    let workspace = guide(
        "{{#include _long.md}}\n\nSee [nothing](nope.md).\n",
        &[("content/_long.md", &"A line of the partial.\n".repeat(40))],
    );
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    assert_diag(error, "content/01-a.md", 8, 5, "the link to `nope.md`");
}

#[test]
fn includes_that_multiply_are_refused_in_bounded_time() {
    // Each file includes the next ten times: ten levels would make 10^9 copies of the last.
    let mut files: Vec<(String, String)> = (0..9)
        .map(|level| {
            let next = format!("{{{{#include _l{}.md}}}}\n", level + 1);
            (format!("content/_l{level}.md"), next.repeat(10))
        })
        .collect();
    files.push((
        "content/_l9.md".to_string(),
        "A line of laughter.\n".repeat(5),
    ));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let workspace = guide("{{#include _l0.md}}\n", &borrowed);
    let started = std::time::Instant::now();
    let run = workspace.check(&[]);
    let elapsed = started.elapsed();
    run.assert_code(1);
    let diagnostics = parse_diagnostics(&run.stderr);
    let error = single_error(&diagnostics);
    assert_diag(error, "content/01-a.md", 6, 1, "more than 32 MB of text");
    assert!(elapsed < std::time::Duration::from_secs(60), "{elapsed:?}");
}
