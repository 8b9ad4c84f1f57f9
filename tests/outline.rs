//! ```` ```outline ```` blocks: the lessons of the page's chapter (or the whole guide), or the
//! lessons a block names, each with its step, link and time, and their total; links stay inside
//! the print edition; an unknown slug is an error at its place with a hint; the preview shows
//! another lesson's new title in an outline.

mod common;

use common::*;
use guidebook::load::load_guide;
use guidebook::{BuildCache, BuildOptions, build_loaded};

const MORNING: &str = "chapter: \"Day 1: Morning\"\n";
const AFTERNOON: &str = "chapter: \"Day 1: Afternoon\"\n";

/// Five lessons of 11 to 15 minutes (l1 in no chapter, l2 in the morning, l3 to l5 in the
/// afternoon); `bodies` are added to lessons by step.
fn guide_with(bodies: &[(usize, &str)]) -> Workspace {
    let chapters = ["", MORNING, AFTERNOON, AFTERNOON, AFTERNOON];
    let mut files: Vec<(String, String)> = (1..=5)
        .map(|step| {
            let body = (bodies.iter())
                .find(|(s, _)| *s == step)
                .map_or("Body.\n", |(_, body)| body);
            let front = format!("duration: 1{step} min\n{}", chapters[step - 1]);
            let text = format!("---\ntitle: L{step}\nstep: {step}\n{front}---\n{body}");
            (format!("content/0{step}-l{step}.md"), text)
        })
        .collect();
    files.push((
        "content/pages/schedule.md".into(),
        "---\ntitle: Schedule\n---\n```outline\n```\n".into(),
    ));
    files.push((
        "content/_index.md".into(),
        "Welcome.\n\n```outline\n# every lesson\n```\n".into(),
    ));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_guide(&borrowed)
}

/// An outline's item: its value (the step), link, title and time.
type Item = (String, String, String, String);

/// Each outline of a page: its items and its total.
fn outlines(html: &scraper::Html) -> Vec<(Vec<Item>, String)> {
    select(html, "div.outline")
        .into_iter()
        .map(|outline| {
            let items = select_in(outline, "li")
                .into_iter()
                .map(|li| {
                    let link = select_in(li, "a")[0];
                    let time = text(select_in(li, ".outline-time")[0]);
                    (
                        attr(li, "value").into(),
                        attr(link, "href").into(),
                        text(link),
                        time,
                    )
                })
                .collect();
            (items, text(select_in(outline, ".outline-total")[0]))
        })
        .collect()
}

fn item(step: u32, href: &str) -> Item {
    (
        step.to_string(),
        href.to_string(),
        format!("L{step}"),
        format!("1{step} min"),
    )
}

#[test]
fn an_outline_lists_its_chapters_lessons_or_those_it_names_with_a_total() {
    let workspace = guide_with(&[
        (
            3,
            "```outline\n```\n\n```outline\nlessons: [l5, l1]   # these, in this order\n```\n",
        ),
        (1, "```outline\n```\n"),
    ]);
    let out = workspace.build_ok();
    let lesson = page(&out, "l3.html");
    assert_eq!(
        outlines(&lesson),
        [
            (
                vec![item(3, "l3.html"), item(4, "l4.html"), item(5, "l5.html")],
                "Total time: 42 min".to_string()
            ),
            (
                vec![item(5, "l5.html"), item(1, "l1.html")],
                "Total time: 26 min".to_string()
            ),
        ]
    );
    assert_eq!(
        hrefs(&lesson, "div.outline a[aria-current=page]"),
        ["l3.html"]
    );
    // A lesson in no chapter, a reference page and the introduction list the whole guide.
    let whole: Vec<_> = (1..=5).map(|s| item(s, &format!("l{s}.html"))).collect();
    for name in ["l1.html", "schedule.html", "index.html"] {
        assert_eq!(
            outlines(&page(&out, name)),
            [(whole.clone(), "Total time: 65 min".to_string())],
            "{name}"
        );
    }
    let print = page(&out, "print.html");
    let printed = outlines(&print);
    assert_eq!(printed.len(), 4, "l1's, l3's two and the schedule page's");
    assert_eq!(
        printed[1]
            .0
            .iter()
            .map(|i| i.1.as_str())
            .collect::<Vec<_>>(),
        ["#lesson-l3", "#lesson-l4", "#lesson-l5"]
    );
    assert!(select(&print, "div.outline a[aria-current]").is_empty());
    assert!(
        !search_texts(&out)[2].contains("Total time"),
        "the outline is not searched as the lesson's text"
    );
}

/// The diagnostics of `check --format json` as (severity, line, column, message, hint).
fn checked(workspace: &Workspace, file: &str) -> Vec<(String, u64, u64, String, String)> {
    (workspace.check_json().into_iter())
        .filter(|d| d.file == file)
        .map(|d| (d.severity, d.line, d.column, d.message, d.hint))
        .collect()
}

#[test]
fn unknown_lessons_and_keys_are_reported_at_their_place() {
    let workspace = guide_with(&[(
        2,
        "```outline\nlessons: [l1, l33, l1]\n```\n\n```outline\nlesson: [l1]\n```\n\n```outline\nlessons: []\n```\n\n```outline\nlessons: [l1\n```\n",
    )]);
    let found = checked(&workspace, "content/02-l2.md");
    let summary: Vec<(&str, u64, u64, &str)> = (found.iter())
        .map(|(severity, line, column, message, _)| {
            (severity.as_str(), *line, *column, message.as_str())
        })
        .collect();
    assert_eq!(
        summary[..3],
        [
            ("error", 8, 15, "no lesson has the slug `l33`"),
            ("warning", 8, 20, "`l1` is listed twice"),
            (
                "error",
                12,
                1,
                "outline block: unknown field `lesson`, expected `lessons`"
            ),
        ]
    );
    assert_eq!(found[0].4, "did you mean `l3`?");
    assert_eq!(found[2].4, "did you mean `lessons`?");
    assert_eq!(
        (summary[3].0, summary[3].1, summary[3].3),
        ("warning", 16, "this outline lists no lessons")
    );
    assert_eq!((summary[4].0, summary[4].1), ("error", 20));
    assert!(summary[4].3.starts_with("outline block:"), "{found:#?}");
    assert_eq!(summary.len(), 5, "{found:#?}");
}

/// The preview renders a body again when a lesson its outline lists changes its title.
#[test]
fn the_preview_shows_another_lessons_new_title_in_an_outline() {
    let workspace = guide_with(&[(3, "```outline\n```\n")]);
    let options = BuildOptions::default();
    let mut cache = BuildCache::enabled();
    let build = |cache: &mut BuildCache| {
        let loaded = load_guide(&workspace.guide).unwrap();
        let build = build_loaded(&loaded, &options, cache);
        assert!(build.diagnostics.is_empty(), "{:?}", build.diagnostics);
        let files = build.site.unwrap().files;
        scraper::Html::parse_document(&String::from_utf8_lossy(&files["l3.html"]))
    };
    let titles = |html: &scraper::Html| -> Vec<String> {
        select(html, "div.outline a")
            .into_iter()
            .map(text)
            .collect()
    };
    assert_eq!(titles(&build(&mut cache)), ["L3", "L4", "L5"]);
    workspace.write(
        "content/05-l5.md",
        &format!("---\ntitle: The last one\nstep: 5\nduration: 15 min\n{AFTERNOON}---\nBody.\n"),
    );
    assert_eq!(titles(&build(&mut cache)), ["L3", "L4", "The last one"]);
}

/// An outline block can come from a partial a lesson includes (the lesson's own text does not
/// say `outline`): the build shows it, and the preview shows another lesson's new title in it.
#[test]
fn an_outline_from_an_included_partial_is_shown_and_kept_up_to_date() {
    let lesson = |step: usize, title: &str, body: &str| {
        format!("---\ntitle: {title}\nstep: {step}\nduration: 1{step} min\n---\n{body}")
    };
    let workspace = write_guide(&[
        (
            "content/_parts/plan.md",
            "```outline\nlessons: [l2, l3]\n```\n",
        ),
        (
            "content/01-l1.md",
            &lesson(1, "L1", "{{#include _parts/plan.md}}\n"),
        ),
        ("content/02-l2.md", &lesson(2, "L2", "Body.\n")),
        ("content/03-l3.md", &lesson(3, "L3", "Body.\n")),
    ]);
    let out = workspace.out();
    workspace.build_to(&out, &[]).assert_code(0);
    let built = outlines(&page(&out, "l1.html"));
    assert_eq!(built.len(), 1, "the included outline is on the page");
    let titles = |items: &[Item]| items.iter().map(|i| i.2.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&built[0].0), ["L2", "L3"]);

    let options = BuildOptions::default();
    let mut cache = BuildCache::enabled();
    let mut preview = || {
        let loaded = load_guide(&workspace.guide).expect("the guide loads");
        let build = build_loaded(&loaded, &options, &mut cache);
        let files = build.site.expect("a site").files;
        outlines(&scraper::Html::parse_document(&String::from_utf8_lossy(
            &files["l1.html"],
        )))
    };
    assert_eq!(titles(&preview()[0].0), ["L2", "L3"]);
    workspace.write("content/03-l3.md", &lesson(3, "The third", "Body.\n"));
    assert_eq!(titles(&preview()[0].0), ["L2", "The third"]);
}
