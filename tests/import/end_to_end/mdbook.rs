//! An mdBook imported and built: mdBook's own guide (the published book) and small made-up
//! courses in mdbook-course's convention (parts, minutes, outlines) and books with directives
//! guidebook does not know.

use super::*;
use crate::{import_files, import_fixture};

#[test]
fn the_mdbook_builds_and_answers_at_its_old_addresses() {
    let imported = import_fixture("mdbook-guide");
    let (out, _) = build(&imported, &[]);
    for (alias, target) in [
        ("format/summary.html", "summary.html"),
        ("format/index.html", "format.html"),
        ("format/configuration/index.html", "configuration.html"),
        ("format/config.html", "configuration.html"),
        ("guide/installation.html", "installation.html"),
        ("cli/index.html", "cli.html"),
        ("misc/contributors.html", "contributors.html"),
    ] {
        assert_eq!(redirect_target(&out, alias), target, "{alias}");
    }
    let summary = page(&out, "summary.html");
    assert_eq!(heading_text(select_one(&summary, "main h1")), "SUMMARY.md");
    // The draft chapter is not published; the introduction is the home page.
    let home = page(&out, "index.html");
    assert!(text(select_one(&home, "main")).contains("mdBook is a command line tool"));
    assert!(
        !hrefs(&home, ".sidebar a")
            .iter()
            .any(|h| h.contains("draft"))
    );
}

#[test]
fn every_link_of_the_built_book_resolves_and_its_includes_are_in_place() {
    let imported = import_fixture("mdbook-guide");
    let (out, _) = build(&imported, &[]);
    let (unresolved, checked) = unresolved_links(&out);
    assert!(unresolved.is_empty(), "{unresolved:#?}");
    assert!(checked > 500, "only {checked} links");
    // SUMMARY.md, included by format/summary.md, is on that page and no page of its own.
    let summary = page(&out, "summary.html");
    assert!(text(select_one(&summary, "main")).contains("Reference guide"));
    assert!(!out.join("_SUMMARY.html").exists() && !out.join("SUMMARY.html").exists());
    let watch = page(&out, "watch.html");
    let headings: Vec<String> = (select(&watch, "main h2, main h3, main h4, main h5").into_iter())
        .map(heading_text)
        .collect();
    assert!(headings.contains(&"--watcher".to_string()), "{headings:?}");
}

#[test]
fn hidden_lines_follow_the_books_settings() {
    let imported = import_fixture("mdbook-guide");
    let (out, _) = build(&imported, &[]);
    let features = page(&out, "mdbook.html");
    let python = (select(&features, "main .code-block[data-lang=python]").into_iter())
        .find(|block| text(*block).contains("nothidden"))
        .expect("the python example");
    let hidden: Vec<String> = (select_in(python, ".code-hidden").into_iter())
        .map(|line| text(line))
        .collect();
    // mdBook hides a line whose first non-blank text is the prefix: three of the five.
    assert_eq!(hidden, ["hidden()", "hidden()", "hidden()"]);
    let rust = select(&features, "main .code-block[data-lang=rust]");
    assert!(
        rust.iter()
            .any(|block| !select_in(*block, ".code-hidden").is_empty())
    );
}

#[test]
fn the_books_parts_are_chapters_on_the_home_page_and_in_the_sidebar() {
    let imported = import_fixture("mdbook-guide");
    let (out, _) = build(&imported, &[]);
    let home = page(&out, "index.html");
    let chapters: Vec<String> = select(&home, ".group-head h3")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(chapters, ["User guide", "Reference guide"]);
    let lesson = page(&out, "summary.html");
    let sidebar: Vec<String> = (select(&lesson, ".sidebar-chapter").into_iter())
        .map(text)
        .collect();
    assert_eq!(sidebar, ["User guide", "Reference guide"]);
    assert_eq!(
        text(select_one(&lesson, ".lesson-meta .meta-chapter")),
        "Chapter Reference guide"
    );
}

/// A course in mdbook-course's convention: two parts, minutes on most slides, a segment with
/// nested slides and its outline, a session outline.
fn course() -> crate::Imported {
    import_files(&[
        (
            "book.toml",
            "[book]\ntitle = \"Course\"\n\n[preprocessor.course]\n",
        ),
        (
            "src/SUMMARY.md",
            "[Welcome](index.md)\n\n# Day 1: Morning\n\n- [Welcome](welcome.md)\n- [Hello](hello.md)\n  - [What](hello/what.md)\n  - [Why](hello/why.md)\n\n# Day 1: Afternoon\n\n- [Types](types.md)\n",
        ),
        ("src/index.md", "# Welcome\n\n{{%course outline}}\n"),
        (
            "src/welcome.md",
            "---\nsession: Morning\ncourse: Fundamentals\n---\n\n# Welcome\n\n{{%session outline}}\n",
        ),
        (
            "src/hello.md",
            "---\nminutes: 5\n---\n\n# Hello\n\n{{%segment outline}}\n",
        ),
        ("src/hello/what.md", "---\nminutes: 10\n---\n\n# What\n"),
        ("src/hello/why.md", "---\nminutes: 15\n---\n\n# Why\n"),
        ("src/types.md", "---\nminutes: 20\n---\n\n# Types\n"),
    ])
}

#[test]
fn a_courses_minutes_add_up_into_each_part_and_the_whole() {
    let imported = course();
    let (out, _) = build(&imported, &[]);
    let home = page(&out, "index.html");
    let groups: Vec<(String, String)> = (select(&home, ".group-head").into_iter())
        .map(|head| {
            let name = text(select_in(head, "h3")[0]);
            (name, text(select_in(head, ".group-meta")[0]))
        })
        .collect();
    // Welcome has no minutes: 1 min, as the import's comment says.
    assert_eq!(
        groups,
        [
            (
                "Day 1: Morning".to_string(),
                "4 lessons · 31 min".to_string()
            ),
            (
                "Day 1: Afternoon".to_string(),
                "1 lesson · 20 min".to_string()
            ),
        ]
    );
    assert_eq!(
        text(select_one(&home, ".facts div:first-child dd")),
        "51 min"
    );
    assert!(
        imported
            .read("content/welcome.md")
            .contains("duration: 1 min  #")
    );
    let welcome = page(&out, "welcome.html");
    assert!(text(select_one(&welcome, ".lesson-meta")).contains("1 min"));
}

/// Each outline of a page: its lessons' links and its total.
fn outlines(html: &scraper::Html) -> Vec<(Vec<String>, String)> {
    select(html, "main div.outline")
        .into_iter()
        .map(|outline| {
            let total = text(select_in(outline, ".outline-total")[0]);
            (hrefs_in(outline), total)
        })
        .collect()
}

#[test]
fn session_and_segment_outlines_list_their_lessons_with_their_times() {
    let imported = course();
    let (out, _) = build(&imported, &[]);
    assert_eq!(
        outlines(&page(&out, "hello.html")),
        [(
            vec!["what.html".to_string(), "why.html".to_string()],
            "Total time: 25 min".to_string()
        )]
    );
    assert_eq!(
        outlines(&page(&out, "welcome.html")),
        [(
            ["welcome.html", "hello.html", "what.html", "why.html"]
                .map(String::from)
                .to_vec(),
            "Total time: 31 min".to_string()
        )]
    );
}

#[test]
fn directives_guidebook_does_not_know_are_reported_at_their_line_and_never_shown() {
    let imported = import_files(&[
        ("book.toml", "[book]\ntitle = \"Book\"\n"),
        (
            "src/SUMMARY.md",
            "# Summary\n\n- [One](one.md)\n- [Two](two.md)\n",
        ),
        (
            "src/one.md",
            "# One\n\n{{#title A title}}\n\nText {{#custom thing}} here.\n",
        ),
        (
            "src/two.md",
            "# Two\n\n{{%course outline}}\n\n{{#tip Careful}}\n",
        ),
    ]);
    let notes = imported.notes();
    for place in [
        "src/one.md:3: ",
        "src/one.md:5: ",
        "src/two.md:3: ",
        "src/two.md:5: ",
    ] {
        assert!(
            notes.iter().any(|n| n.starts_with(place)),
            "no note at {place}\n{notes:#?}"
        );
    }
    let (out, _) = build(&imported, &[]);
    for (name, shown) in shown_texts(&out) {
        for directive in ["{{#", "{{%", "{{"] {
            assert!(!shown.contains(directive), "{name} shows `{directive}`");
        }
    }
    assert!(text(select_one(&page(&out, "one.html"), "main")).contains("Text here."));
}
