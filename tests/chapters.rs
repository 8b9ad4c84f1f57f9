//! Named chapters (`chapter:` in a lesson's front matter, mdBook's part titles): headings over
//! the lessons on the home page, in the sidebar, the print edition's contents and the handout,
//! the chapter on the lesson's header; a chapter split by another is an error. A large course
//! in named parts has a page per part, and its map, timeline and totals agree with its lessons.

mod common;

use common::*;

const MORNING: &str = "chapter: \"Day 1: Morning\"\n";
const AFTERNOON: &str = "chapter: \"Day 1: Afternoon\"\n";

/// Five lessons of 11 to 15 minutes: the first in no chapter, then one in the morning and three
/// in the afternoon.
fn day_guide() -> Workspace {
    let chapters = ["", MORNING, AFTERNOON, AFTERNOON, AFTERNOON];
    let files: Vec<(String, String)> = (1..=5)
        .map(|step| {
            let front = format!("duration: 1{step} min\n{}", chapters[step - 1]);
            let text = format!("---\ntitle: L{step}\nstep: {step}\n{front}---\nBody {step}.\n");
            (format!("content/0{step}-l{step}.md"), text)
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_guide(&borrowed)
}

fn texts(html: &scraper::Html, css: &str) -> Vec<String> {
    select(html, css).into_iter().map(text).collect()
}

#[test]
fn chapters_head_their_lessons_on_every_page_that_lists_them() {
    let workspace = day_guide();
    let out = workspace.build_ok();
    let home = page(&out, "index.html");
    assert_eq!(select(&home, ".lesson-group").len(), 3);
    assert_eq!(
        texts(&home, ".group-head h3"),
        ["Day 1: Morning", "Day 1: Afternoon"]
    );
    assert_eq!(
        texts(&home, ".group-head .group-meta"),
        ["1 lesson · 12 min", "3 lessons · 42 min"]
    );
    // The lessons before the first chapter have no heading of their own: their titles stay h3.
    assert_eq!(hrefs(&home, ".lesson-group h3 a"), ["l1.html"]);
    assert_eq!(
        hrefs(&home, ".lesson-group h4 a"),
        ["l2.html", "l3.html", "l4.html", "l5.html"]
    );

    let lesson = page(&out, "l4.html");
    assert_eq!(
        texts(&lesson, ".sidebar-chapter"),
        ["Day 1: Morning", "Day 1: Afternoon"]
    );
    let lists: Vec<(String, Vec<String>)> = select(&lesson, "ol.sidebar-lessons")
        .into_iter()
        .map(|list| (attr(list, "aria-labelledby").to_string(), hrefs_in(list)))
        .collect();
    let label = |id: &str| text(select_one(&lesson, &format!("#{id}")));
    let named: Vec<(String, Vec<String>)> = (lists.iter())
        .map(|(id, links)| (label(id), links.clone()))
        .collect();
    assert_eq!(
        named,
        [
            ("Lessons".to_string(), vec!["l1.html".to_string()]),
            ("Day 1: Morning".to_string(), vec!["l2.html".to_string()]),
            (
                "Day 1: Afternoon".to_string(),
                vec!["l3.html".into(), "l4.html".into(), "l5.html".into()]
            ),
        ]
    );
    assert_eq!(
        texts(&lesson, ".lesson-meta .meta-chapter"),
        ["Chapter Day 1: Afternoon"]
    );
    assert!(select(&page(&out, "l1.html"), ".meta-chapter").is_empty());

    let print = page(&out, "print.html");
    let chapters: Vec<(String, Vec<String>)> = select(&print, ".print-toc li.toc-chapter")
        .into_iter()
        .map(|li| {
            let title = text(select_in(li, ".toc-chapter-title")[0]);
            (title, hrefs_in(li))
        })
        .collect();
    assert_eq!(
        chapters,
        [
            (
                "Day 1: Morning 12 min".to_string(),
                vec!["#lesson-l2".to_string()]
            ),
            (
                "Day 1: Afternoon 42 min".to_string(),
                vec![
                    "#lesson-l3".into(),
                    "#lesson-l4".into(),
                    "#lesson-l5".into()
                ]
            ),
        ]
    );
    assert_eq!(
        hrefs(&print, ".print-toc > ol > li > a"),
        ["#lesson-l1"],
        "a lesson in no chapter stays at the top level"
    );
    assert_eq!(
        texts(&print, "#lesson-l3 .lesson-step"),
        ["Step 3 of 5 · Day 1: Afternoon"]
    );
    let handout = page(&out, "handout.html");
    assert_eq!(
        texts(&handout, ".handout-schedule tr.h-chapter"),
        ["Day 1: Morning 12 min", "Day 1: Afternoon 42 min"]
    );
    assert_eq!(select(&handout, ".handout-schedule tbody tr").len(), 7);
}

/// The errors and warnings of `check --format json` as (severity, file, line, message, hint).
fn checked(workspace: &Workspace) -> Vec<(String, String, u64, String, String)> {
    (workspace.check_json().into_iter())
        .map(|d| (d.severity, d.file, d.line, d.message, d.hint))
        .collect()
}

#[test]
fn a_chapter_split_by_another_is_an_error_at_its_first_lesson_out_of_place() {
    let workspace = day_guide();
    // Morning, afternoon, then the morning again twice: one error, at step 4.
    let front = |step: u32, chapter: &str| {
        format!("---\ntitle: L{step}\nstep: {step}\nduration: 5 min\n{chapter}---\nBody.\n")
    };
    workspace.write("content/01-l1.md", &front(1, MORNING));
    workspace.write("content/03-l3.md", &front(3, AFTERNOON));
    workspace.write("content/04-l4.md", &front(4, MORNING));
    workspace.write("content/05-l5.md", &front(5, MORNING));
    let found = checked(&workspace);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (severity, file, line, message, hint) = &found[0];
    assert_eq!(
        (severity.as_str(), file.as_str(), *line),
        ("error", "content/04-l4.md", 5)
    );
    assert_eq!(
        message,
        "the lessons of the chapter “Day 1: Morning” are not one after another"
    );
    assert_eq!(
        hint,
        "“Day 1: Morning” also has step 1 (content/01-l1.md), step 2 (content/02-l2.md): give this lesson a step next to theirs, or another chapter"
    );
}

#[test]
fn a_lesson_without_a_chapter_between_two_chapters_is_a_warning() {
    let workspace = day_guide();
    workspace.write(
        "content/03-l3.md",
        "---\ntitle: L3\nstep: 3\nduration: 5 min\n---\nBody.\n",
    );
    let found = checked(&workspace);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (severity, file, line, message, hint) = &found[0];
    assert_eq!(
        (severity.as_str(), file.as_str(), *line),
        ("warning", "content/03-l3.md", 3)
    );
    assert_eq!(
        message,
        "this lesson has no chapter, between the chapters “Day 1: Morning” and “Day 1: Afternoon”"
    );
    assert!(hint.starts_with("add `chapter: Day 1: Morning`"), "{hint}");
    workspace.write(
        "content/06-l6.md",
        "---\ntitle: L6\nstep: 6\nduration: 5 min\nchapter: ''\n---\nBody.\n",
    );
    let found = checked(&workspace);
    let empty = found.iter().find(|d| d.1 == "content/06-l6.md").unwrap();
    assert_eq!(
        (empty.0.as_str(), empty.3.as_str()),
        ("error", "the chapter's name is empty")
    );
}

#[test]
fn a_translation_names_its_chapters_in_its_language() {
    let workspace = day_guide();
    workspace.write("guide.toml", "title = \"Days\"\n[languages.es]\n");
    workspace.write(
        "content/03-l3.es.md",
        "---\ntitle: L3 es\nchapter: \"Día 1: tarde\"\n---\nCuerpo.\n",
    );
    let out = workspace.build_ok();
    let lesson = page(&out, "es/l5.html");
    assert_eq!(
        texts(&lesson, ".sidebar-chapter"),
        ["Day 1: Morning", "Día 1: tarde"],
        "a chapter one translated lesson names is named so for all its lessons"
    );
    assert_eq!(texts(&lesson, ".meta-chapter"), ["Capítulo Día 1: tarde"]);
    workspace.write(
        "content/04-l4.es.md",
        "---\ntitle: L4 es\nchapter: \"Día uno: tarde\"\n---\nCuerpo.\n",
    );
    workspace.write(
        "content/01-l1.es.md",
        "---\ntitle: L1 es\nchapter: \"Día 1\"\n---\nCuerpo.\n",
    );
    let errors: Vec<(String, u64, String)> = (checked(&workspace).into_iter())
        .filter(|d| d.0 == "error")
        .map(|d| (d.1, d.2, d.3))
        .collect();
    assert_eq!(
        errors,
        [
            (
                "content/01-l1.es.md".to_string(),
                3,
                "`chapter` differs from the original (content/01-l1.md has none)".to_string()
            ),
            (
                "content/04-l4.es.md".to_string(),
                3,
                "the chapter “Day 1: Afternoon” is “Día 1: tarde” in content/03-l3.es.md"
                    .to_string()
            ),
        ]
    );
}
