//! mdBooks: mdBook's own guide and made-up books and courses.

use crate::{import_files, import_fixture, strings};

const MDBOOK_GUIDE: &str = "mdbook-guide";

#[test]
fn numbered_chapters_become_lessons_in_summary_order_under_their_parts() {
    let imported = import_fixture(MDBOOK_GUIDE);
    let lessons = [
        (
            "content/guide/installation.md",
            1,
            "Installation",
            "User guide",
            "installation",
        ),
        (
            "content/guide/reading.md",
            2,
            "Reading books",
            "User guide",
            "reading",
        ),
        (
            "content/cli/README.md",
            4,
            "Command-line tool",
            "Reference guide",
            "cli",
        ),
        ("content/cli/init.md", 5, "init", "Reference guide", "init"),
        (
            "content/format/README.md",
            12,
            "Format",
            "Reference guide",
            "format",
        ),
        (
            "content/format/summary.md",
            13,
            "SUMMARY.md",
            "Reference guide",
            "summary",
        ),
        (
            "content/format/configuration/README.md",
            15,
            "Configuration",
            "Reference guide",
            "configuration",
        ),
        (
            "content/continuous-integration.md",
            27,
            "Continuous integration",
            "Reference guide",
            "continuous-integration",
        ),
        (
            "content/for_developers/backends.md",
            30,
            "Alternative backends",
            "Reference guide",
            "backends",
        ),
    ];
    for (file, step, title, chapter, slug) in lessons {
        let front = imported.front(file);
        assert_eq!(front["step"].as_u64(), Some(step), "{file}");
        assert_eq!(front["title"].as_str(), Some(title), "{file}");
        assert_eq!(front["chapter"].as_str(), Some(chapter), "{file}");
        let written = front["slug"].as_str().map(str::to_string);
        let default = file
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".md")
            .to_string();
        assert_eq!(written.unwrap_or(default), slug, "{file}");
    }
    // Each lesson requires the one before, the draft left out of the chain.
    assert_eq!(
        strings(&imported.front("content/cli/init.md")["prerequisites"]),
        ["cli"]
    );
    assert_eq!(
        strings(&imported.front("content/format/configuration/README.md")["prerequisites"]),
        ["summary"]
    );
    assert!(
        imported
            .front("content/guide/installation.md")
            .get("prerequisites")
            .is_none()
    );
}

#[test]
fn old_addresses_are_kept_as_aliases() {
    let imported = import_fixture(MDBOOK_GUIDE);
    let aliases = |file: &str| strings(&imported.front(file)["aliases"]);
    assert_eq!(
        aliases("content/format/summary.md"),
        ["format/summary.html"]
    );
    assert_eq!(aliases("content/format/README.md"), ["format/index.html"]);
    // book.toml's [output.html.redirect] "/format/config.html" = "configuration/index.html"
    assert_eq!(
        aliases("content/format/configuration/README.md"),
        ["format/configuration/index.html", "format/config.html"]
    );
    // A chapter at the top already answers at `<slug>.html`.
    assert!(
        imported
            .front("content/continuous-integration.md")
            .get("aliases")
            .is_none()
    );
}

#[test]
fn the_first_prefix_chapter_is_the_introduction_and_suffix_chapters_are_pages() {
    let imported = import_fixture(MDBOOK_GUIDE);
    let intro = imported.front("content/_index.md");
    assert_eq!(intro["title"].as_str(), Some("Introduction"));
    assert!(
        imported
            .body("content/_index.md")
            .starts_with("# Introduction\n")
    );
    let contributors = imported.front("content/pages/misc/contributors.md");
    assert_eq!(contributors["title"].as_str(), Some("Contributors"));
    assert_eq!(
        strings(&contributors["aliases"]),
        ["misc/contributors.html"]
    );
    assert!(contributors.get("step").is_none());
}

#[test]
fn a_draft_chapter_becomes_a_draft_lesson_beside_its_parent() {
    let imported = import_fixture(MDBOOK_GUIDE);
    let draft = imported.front("content/format/draft-chapter.md");
    assert_eq!(draft["title"].as_str(), Some("Draft chapter"));
    assert_eq!(draft["draft"].as_bool(), Some(true));
    assert_eq!(draft["step"].as_u64(), Some(14));
    assert_eq!(imported.body("content/format/draft-chapter.md"), "");
}

#[test]
fn includes_are_kept_and_the_files_they_read_become_partials() {
    let imported = import_fixture(MDBOOK_GUIDE);
    assert!(
        imported
            .body("content/cli/watch.md")
            .contains("{{#include _arg-watcher.md}}")
    );
    assert!(imported.exists("content/cli/_arg-watcher.md"));
    assert!(
        imported
            .body("content/format/summary.md")
            .contains("{{#include ../_SUMMARY.md}}")
    );
    assert!(
        imported
            .read("content/_SUMMARY.md")
            .starts_with("# Summary\n")
    );
    assert!(imported.exists("content/format/example.rs"));
    // An include of a file outside the book is left out, as a comment, and noted at its line.
    let preprocessors = imported.body("content/for_developers/preprocessors.md");
    assert!(!preprocessors.contains("{{#include ../../../examples"));
    assert!(
        preprocessors.contains(
            "<!-- guidebook import left out: #include ../../../examples/nop-preprocessor.rs -->"
        ) || preprocessors.contains("```rust\n\n```"),
        "{preprocessors}"
    );
    assert!(
        imported
            .note_at("src/for_developers/preprocessors.md", 42)
            .contains("outside the book's folder")
    );
}

#[test]
fn book_toml_goes_to_guide_toml_and_what_does_not_convert_is_noted() {
    let imported = import_fixture(MDBOOK_GUIDE);
    let config: toml::Table = imported.read("guide.toml").parse().unwrap();
    assert_eq!(config["title"].as_str(), Some("mdBook Documentation"));
    assert_eq!(
        config["author"].as_str(),
        Some("Mathieu David, Michael-F-Bryan")
    );
    assert_eq!(
        config["description"].as_str(),
        Some("Create book from markdown files. Like Gitbook but implemented in Rust")
    );
    assert_eq!(config["language"].as_str(), Some("en"));
    assert_eq!(config["code"]["hidelines"]["python"].as_str(), Some("~"));
    assert!(
        imported
            .note_at("book.toml", 37)
            .contains("preprocessor `guide-helper`")
    );
    assert!(
        imported
            .note_at("book.toml", 12)
            .contains("mathjax-support")
    );
    // guidebook shows a playground's file as mdBook does (not runnable): kept as written.
    assert!(
        imported
            .body("content/format/mdbook.md")
            .contains("\n{{#playground example.rs}}\n")
    );
}

#[test]
fn every_link_of_the_book_still_finds_its_target() {
    let imported = import_fixture(MDBOOK_GUIDE);
    assert_eq!(imported.dangling_links(), Vec::<(String, String)>::new());
}

/// A course in the manner of mdbook-course: `src = "content"`, parts, nested chapters,
/// `minutes` and outlines, separators, a suffix chapter, a draft, unknown directives.
fn course() -> crate::Imported {
    import_files(&[
        (
            "book.toml",
            "[book]\ntitle = \"Course\"\nlanguage = \"en\"\nsrc = \"content\"\n\n[preprocessor.course]\nverbose = false\n",
        ),
        (
            "content/SUMMARY.md",
            "<!-- first page -->\n[Welcome](index.md)\n\n---\n\n# Day 1: Morning\n\n- [Welcome](welcome-day-1.md)\n- [Hello](hello.md)\n  - [What](hello/what.md)\n  - [Exercise](hello/exercise.md)\n    - [Solution](hello/solution.md)\n  - [Later]()\n\n---\n\n# Day 1: Afternoon\n\n- [Types](types/README.md)\n  - [Exercise](types/exercise.md)\n\n---\n\n[Glossary](glossary.md)\n[Credits](credits.md)\n",
        ),
        (
            "content/index.md",
            "# Welcome to the course\n\nSee [the glossary](glossary.md#borrow).\n",
        ),
        (
            "content/welcome-day-1.md",
            "---\ncourse: Fundamentals\nsession: Day 1 Morning\ntarget_minutes: 180\n---\n\n# Welcome\n\n## Schedule\n\n{{%session outline}}\n",
        ),
        (
            "content/hello.md",
            "---\nminutes: 5\n---\n\n# Hello\n\n{{%segment outline}}\n\n{{#title Hello there}}\n\n{{#playground hello.rs}}\n",
        ),
        (
            "content/hello/what.md",
            "---\nminutes: 10\n---\n\n# What\n\nSee [types](../types/README.md) and [old](../hello.html).\n",
        ),
        (
            "content/hello/exercise.md",
            "---\nminutes: 15\n---\n\n```rust,editable\n{{#include exercise.rs:main}}\n```\n",
        ),
        (
            "content/hello/exercise.rs",
            "// ANCHOR: main\nfn main() {}\n// ANCHOR_END: main\n",
        ),
        (
            "content/hello/solution.md",
            "# Solution\n\n{{#include exercise.rs}}\n",
        ),
        (
            "content/types/README.md",
            "---\nminutes: 20\n---\n\n# Types\n",
        ),
        (
            "content/types/exercise.md",
            "---\nminutes: 25\n---\n\n# Types exercise\n",
        ),
        ("content/glossary.md", "# Glossary\n\n## Borrow\n"),
        ("content/credits.md", "# Credits\n"),
        ("content/_unused.md", "Nobody includes me.\n"),
    ])
}

#[test]
fn minutes_become_durations_and_a_chapter_without_them_says_how_its_was_chosen() {
    let imported = course();
    let duration = |file: &str| {
        imported.front(file)["duration"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(duration("content/hello.md"), "5 min");
    assert_eq!(duration("content/hello/what.md"), "10 min");
    assert_eq!(duration("content/types/exercise.md"), "25 min");
    assert_eq!(duration("content/hello/solution.md"), "1 min");
    assert!(
        imported
            .read("content/hello/solution.md")
            .contains("duration: 1 min  # no `minutes:` in the source, so mdbook-course counted 0")
    );
    // mdbook-course's other keys are kept under `extra`, never dropped.
    let welcome = imported.front("content/welcome-day-1.md");
    assert_eq!(welcome["extra"]["course"].as_str(), Some("Fundamentals"));
    assert_eq!(welcome["extra"]["session"].as_str(), Some("Day 1 Morning"));
    assert_eq!(welcome["extra"]["target_minutes"].as_u64(), Some(180));
    assert_eq!(welcome["chapter"].as_str(), Some("Day 1: Morning"));
    assert_eq!(
        imported.front("content/types/README.md")["chapter"].as_str(),
        Some("Day 1: Afternoon")
    );
}

#[test]
fn course_outlines_become_outline_blocks() {
    let imported = course();
    assert!(
        imported
            .body("content/welcome-day-1.md")
            .contains("## Schedule\n\n```outline\n```\n")
    );
    let hello = imported.body("content/hello.md");
    assert!(
        hello.contains("```outline\nlessons: [what, hello-exercise, solution]\n```"),
        "{hello}"
    );
}

#[test]
fn a_book_with_its_chapters_in_another_folder_keeps_their_paths_links_and_includes() {
    let imported = course();
    assert!(imported.exists("content/hello/what.md"));
    assert!(imported.exists("content/hello/exercise.rs"));
    assert_eq!(
        imported.body("content/hello/what.md"),
        "\n# What\n\nSee [types](../types/README.md) and [old](../hello.md).\n"
    );
    assert!(
        imported
            .body("content/hello/exercise.md")
            .contains("{{#include exercise.rs:main}}")
    );
    assert_eq!(
        imported.front("content/hello/exercise.md")["slug"].as_str(),
        Some("hello-exercise")
    );
    assert_eq!(
        imported.front("content/types/exercise.md")["slug"].as_str(),
        Some("types-exercise")
    );
    assert_eq!(
        strings(&imported.front("content/types/README.md")["aliases"]),
        ["types/index.html"]
    );
    // The introduction links to a suffix chapter, now a page.
    assert!(
        imported
            .read("content/_index.md")
            .contains("[the glossary](pages/glossary.md#borrow)")
    );
    assert!(imported.exists("content/pages/credits.md"));
    assert!(imported.exists("content/_unused.md"));
    assert_eq!(
        imported.front("content/later.md")["draft"].as_bool(),
        Some(true)
    );
}

#[test]
fn directives_guidebook_does_not_know_are_noted_at_their_line_and_left_out() {
    let imported = course();
    let hello = imported.body("content/hello.md");
    assert!(!hello.contains("{{#title"), "{hello}");
    assert!(!hello.contains("{{#playground"), "{hello}");
    assert!(
        imported
            .note_at("content/hello.md", 9)
            .contains("{{#title Hello there}}")
    );
    assert!(
        imported
            .note_at("content/hello.md", 11)
            .contains("{{#playground hello.rs}}")
    );
    assert!(
        imported
            .note_at("content/_unused.md", 0)
            .contains("not in SUMMARY.md")
    );
    assert!(!imported.run.stdout.contains("preprocessor `course`"));
}

#[test]
fn a_plain_book_gets_durations_estimated_from_its_words() {
    let words = "word ".repeat(1200);
    let imported = import_files(&[
        ("book.toml", "[book]\ntitle = \"Plain\"\n"),
        (
            "src/SUMMARY.md",
            "# Summary\n\n- [One](one.md)\n- [Two](two.md)\n",
        ),
        ("src/one.md", &format!("# One\n\n{words}\n")),
        ("src/two.md", "# Two\n"),
    ]);
    assert!(imported.read("content/one.md").contains(
        "duration: 10 min  # no `minutes:` in the source: estimated by guidebook import from its 1202 words at 200 words a minute"
    ));
    assert_eq!(
        imported.front("content/two.md")["duration"].as_str(),
        Some("5 min")
    );
    assert!(imported.front("content/one.md").get("chapter").is_none());
    assert!(!imported.exists("content/_index.md"));
}

#[test]
fn a_book_whose_chapters_are_at_its_top_leaves_its_own_files_out() {
    let imported = import_files(&[
        ("book.toml", "[book]\ntitle = \"Top\"\nsrc = \".\"\n"),
        ("SUMMARY.md", "- [One](one.md)\n"),
        ("one.md", "# One\n\n![logo](img/logo.svg)\n"),
        (
            "img/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        ("book/index.html", "<p>mdBook's output</p>"),
        ("theme/index.hbs", "{{ content }}"),
    ]);
    assert!(imported.exists("content/one.md"));
    assert!(imported.exists("content/img/logo.svg"));
    assert!(!imported.exists("content/book.toml"));
    assert!(!imported.exists("content/book/index.html"));
    assert!(!imported.exists("content/theme/index.hbs"));
    assert!(!imported.exists("content/_SUMMARY.md"));
}
