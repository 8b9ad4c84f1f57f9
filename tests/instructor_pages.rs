//! Reference pages marked `instructor: true` (what a Workbench lesson's `instructors/` becomes):
//! only in the instructors' edition (`--instructor`), listed there under "For instructors";
//! absent from the learners' site, sidebar, home page, search, sitemap and print edition, where
//! a lesson's link to one is a warning and plain text.

mod common;

use std::path::Path;

use common::*;

const NOTES: &str = "content/pages/instructor-notes.md";

fn guide_with_notes() -> Workspace {
    write_guide(&[
        (
            "guide.toml",
            "title = \"Git\"\nbase_url = \"https://example.org/git/\"\n",
        ),
        (
            "content/01-basics.md",
            &lesson(
                "Basics",
                1,
                "",
                "## Why\n\nRead the [setup](pages/setup.md) and the [notes](pages/instructor-notes.md#timing).\n",
            ),
        ),
        (
            "content/pages/setup.md",
            "---\ntitle: Setup\n---\nInstall Git.\n",
        ),
        (
            NOTES,
            "---\ntitle: Instructor Notes\ninstructor: true\naliases: [instructor-notes-old.html]\nsummary: How the lesson is taught.\n---\n## Timing\n\nTeach the [basics](../01-basics.md#why) first.\n",
        ),
    ])
}

fn sidebar_lists(html: &scraper::Html) -> Vec<(String, Vec<String>)> {
    select(html, ".sidebar-heading")
        .into_iter()
        .map(|heading| {
            let id = attr(heading, "id");
            let list = select_one(html, &format!("[aria-labelledby=\"{id}\"]"));
            let items = select_in(list, "a").into_iter().map(text).collect();
            (text(heading), items)
        })
        .collect()
}

fn sitemap(out: &Path) -> String {
    std::fs::read_to_string(out.join("sitemap.xml")).unwrap()
}

#[test]
fn the_learners_edition_has_no_instructor_page_and_unlinks_links_to_it() {
    let workspace = guide_with_notes();
    let out = workspace.out();
    let run = workspace.build_to(&out, &[]);
    run.assert_code(0);
    let warnings = parse_diagnostics(&run.stderr);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_diag(
        &warnings[0],
        "content/01-basics.md",
        8,
        42,
        "the link to `pages/instructor-notes.md` leads to a page for instructors",
    );
    assert_eq!(warnings[0].severity, "warning");
    assert_help(&warnings[0], "--instructor");

    assert!(!out.join("instructor-notes.html").exists());
    assert!(!out.join("instructor-notes-old.html").exists());
    let lesson = page(&out, "basics.html");
    let body = select_one(&lesson, ".lesson-body");
    assert_eq!(hrefs(&lesson, ".lesson-body p a"), ["setup.html"]);
    assert!(text(body).contains("and the notes."), "{}", text(body));
    let lists = sidebar_lists(&lesson);
    assert_eq!(lists.len(), 2, "{lists:?}");
    assert!(!lists[1].1.contains(&"Instructor Notes".to_string()));
    let home = page(&out, "index.html");
    assert!(select(&home, ".resources-instructors").is_empty());
    let urls: Vec<String> = (search_pages(&out).iter())
        .map(|p| p["u"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(urls, ["basics.html", "setup.html"]);
    assert!(!sitemap(&out).contains("instructor"));
    let print = page(&out, "print.html");
    assert!(select(&print, "#page-instructor-notes").is_empty());
    assert_eq!(select(&print, ".print-toc li").len(), 2);
    assert_eq!(
        hrefs(&print, "#lesson-basics .lesson-body p a"),
        ["#page-setup"]
    );
}

#[test]
fn the_instructors_edition_lists_it_under_its_own_heading() {
    let workspace = guide_with_notes();
    let out = workspace.out();
    let run = workspace.build_to(&out, &["--instructor"]);
    run.assert_code(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let lesson = page(&out, "basics.html");
    assert_eq!(
        hrefs(&lesson, ".lesson-body p a"),
        ["setup.html", "instructor-notes.html#timing"]
    );
    let lists = sidebar_lists(&lesson);
    let headings: Vec<&str> = lists.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(headings, ["Resources", "For instructors", "Lessons"]);
    assert_eq!(lists[1].1, ["Instructor Notes"]);
    assert!(!lists[0].1.contains(&"Instructor Notes".to_string()));
    let notes = page(&out, "instructor-notes.html");
    let current = select_one(&notes, ".sidebar-instructors a[aria-current=page]");
    assert_eq!(text(current), "Instructor Notes");
    let home = page(&out, "index.html");
    let section = select_one(&home, ".resources-instructors");
    assert_eq!(text(select_in(section, "h2")[0]), "For instructors");
    assert_eq!(hrefs_in(section), ["instructor-notes.html"]);
    assert_eq!(
        hrefs_in(select_one(&home, ".resources:not(.resources-instructors)")),
        ["setup.html"]
    );
    assert!(out.join("instructor-notes-old.html").is_file());
    let urls: Vec<String> = (search_pages(&out).iter())
        .map(|p| p["u"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(urls, ["basics.html", "instructor-notes.html", "setup.html"]);
    assert!(sitemap(&out).contains("instructor-notes.html"));
    let print = page(&out, "print.html");
    select_one(&print, "section#page-instructor-notes");
}

#[test]
fn both_editions_check_the_instructor_pages_slug_and_aliases() {
    let workspace = guide_with_notes();
    workspace.write(
        NOTES,
        "---\ntitle: Instructor Notes\ninstructor: true\nslug: setup\naliases: [basics.html]\n---\n## Timing\n",
    );
    for edition in [&[][..], &["--instructor"][..]] {
        let run = workspace.check(edition);
        run.assert_code(1);
        let errors: Vec<Diag> = parse_diagnostics(&run.stderr)
            .into_iter()
            .filter(|d| d.severity == "error")
            .collect();
        let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the alias `basics.html` takes the place of the page of `content/01-basics.md`",
                "the slug `setup` is used twice",
            ],
            "{edition:?}"
        );
    }
}

#[test]
fn instructor_is_a_page_key_that_translations_keep() {
    let workspace = guide_with_notes();
    workspace.write("guide.toml", "title = \"Git\"\n[languages.es]\n");
    workspace.write(
        "content/pages/instructor-notes.es.md",
        "---\ntitle: Notas\ninstructor: false\n---\nNotas.\n",
    );
    workspace.write(
        "content/01-basics.es.md",
        "---\ntitle: Bases\ninstructor: true\n---\nTexto.\n",
    );
    let errors: Vec<Diag> = parse_diagnostics(&workspace.check(&["--instructor"]).stderr)
        .into_iter()
        .filter(|d| d.severity == "error")
        .collect();
    let found: Vec<(&str, usize, &str)> = (errors.iter())
        .map(|d| (d.file.as_str(), d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("content/01-basics.es.md", 3, "a lesson has no `instructor`"),
            (
                "content/pages/instructor-notes.es.md",
                3,
                "`instructor` differs from the original (content/pages/instructor-notes.md has true)"
            ),
        ]
    );
    workspace.write(
        "content/pages/instructor-notes.md",
        "---\ntitle: Instructor Notes\ninstructor: yes\n---\nNotes.\n",
    );
    let errors: Vec<Diag> = parse_diagnostics(&workspace.check(&[]).stderr)
        .into_iter()
        .filter(|d| d.file == NOTES)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_help(&errors[0], "`instructor` is `true` or `false`");
}
