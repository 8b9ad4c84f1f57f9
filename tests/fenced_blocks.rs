//! Fenced blocks (`::: name`) where real lessons put them, and the defects issue #25 found:
//! fences inside block quotes, a broken attribute list on an opener, block ids that clash with
//! the theme's or each other, and footnotes inside instructor notes.

mod common;

use common::*;

fn guide_with(body: &str) -> Workspace {
    write_guide(&[("content/01-notes.md", &lesson("Notes", 1, "", body))])
}

#[test]
fn fences_inside_a_block_quote_are_blocks() {
    let workspace = guide_with(
        "> A quote with a note in it:\n>\n> ::: note\n> Quoted note.\n> :::\n>\n> And after.\n",
    );
    let run = workspace.build_to(&workspace.out(), &[]);
    run.assert_code(0);
    assert!(parse_diagnostics(&run.stderr).is_empty(), "{}", run.stderr);
    let html = page(&workspace.out(), "notes.html");
    let note = select_one(&html, "main blockquote > div.block-note");
    assert_eq!(text(select_in(note, ".block-title")[0]), "Note");
    assert!(text(note).contains("Quoted note."));
    assert!(select(&html, "main dl").is_empty(), "no definition list");
    assert!(!text(select_one(&html, "main")).contains(":::"));
}

#[test]
fn an_unclosed_block_inside_a_quote_is_reported_where_it_opens() {
    let workspace = guide_with("Intro.\n\n> ::: note\n> Never closed.\n\nAfter the quote.\n");
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    assert_diag(
        error,
        "content/01-notes.md",
        8,
        3,
        "the `note` block is never closed in its quote",
    );
}

#[test]
fn a_broken_attribute_list_is_an_error_and_the_block_still_opens() {
    let workspace =
        guide_with("::: note {#x .y title=\"unclosed}\nInside the note.\n:::\n\nAfter.\n");
    let diagnostics = workspace.build_errors();
    assert_eq!(diagnostics.len(), 1, "no stray `:::`: {diagnostics:#?}");
    let error = single_error(&diagnostics);
    assert_diag(
        error,
        "content/01-notes.md",
        6,
        10,
        "this block's attribute list cannot be read",
    );
    assert_help(error, "close every quote");
}

#[test]
fn block_ids_are_renamed_as_heading_ids_are() {
    let workspace = guide_with(
        "::: note {#main}\nA.\n:::\n\n::: tip {#setup}\nB.\n:::\n\n::: tip {#setup}\nC.\n:::\n\n## Setup\n\nSee [the second tip](#setup-1).\n",
    );
    let out = workspace.build_ok();
    let html = page(&out, "notes.html");
    let ids: Vec<&str> = (select(&html, "main div.block").into_iter())
        .map(|block| attr(block, "id"))
        .collect();
    assert_eq!(ids, ["main-1", "setup", "setup-1"]);
    assert_eq!(
        select(&html, "[id=main]").len(),
        1,
        "the skip link's target"
    );
    assert_eq!(attr(select_one(&html, "main h2"), "id"), "setup-2");
}

/// Every link to a footnote on `file` leads to one, and every footnote shown is linked to.
fn assert_footnotes_whole(out: &std::path::Path, file: &str) -> usize {
    let html = page(out, file);
    let ids = ids(&html);
    let links = hrefs(&html, "main sup.footnote-reference a");
    for link in &links {
        let target = link.trim_start_matches('#');
        assert!(ids.contains(target), "{file}: {link} leads nowhere");
    }
    let notes = select(&html, "main .footnote-definition");
    for note in &notes {
        let id = format!("#{}", attr(*note, "id"));
        assert!(
            links.contains(&id),
            "{file}: footnote {id} is linked from nowhere"
        );
    }
    notes.len()
}

#[test]
fn a_footnote_inside_an_instructor_note_leaves_no_dangling_link() {
    let body = "Learners read this.[^told]\n\n\
        ::: instructor\nSay it twice.[^twice]\n\n[^told]: Told by the instructor.\n:::\n\n\
        [^twice]: Repetition helps.\n\nA shared note.[^shared]\n\n[^shared]: Seen by all.\n";
    let workspace = guide_with(body);
    let learners = workspace.build_ok();
    assert_eq!(
        assert_footnotes_whole(&learners, "notes.html"),
        1,
        "only the shared note"
    );
    let html = std::fs::read_to_string(learners.join("notes.html")).unwrap();
    for secret in ["Told by the instructor", "Repetition helps", "Say it twice"] {
        assert!(!html.contains(secret), "{secret}");
    }
    let instructors = workspace.path("instructors");
    workspace
        .build_to(&instructors, &["--instructor"])
        .assert_code(0);
    assert_eq!(assert_footnotes_whole(&instructors, "notes.html"), 3);
}
