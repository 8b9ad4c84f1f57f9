//! A lesson's time as the Carpentries Workbench writes it (`teaching:` and `exercises:` minutes):
//! the duration is their sum, the split is shown on the lesson, the home page, the handout and
//! the print edition, and a duration that disagrees is an error at its line.

mod common;

use common::*;

const A: &str = "content/01-setup.md";

/// Three lessons, each needing the one before: teaching only, teaching and exercises, and a
/// plain duration.
fn split_guide() -> Workspace {
    write_guide(&[
        (
            A,
            "---\ntitle: Setting up\nstep: 1\nteaching: 5\nexercises: 0\n---\nSet up.\n",
        ),
        (
            "content/02-open.md",
            "---\ntitle: Open science\nstep: 2\nprerequisites: [setup]\nteaching: 10\nexercises: 5\nduration: 15 min\n---\nOpen.\n",
        ),
        (
            "content/03-plain.md",
            "---\ntitle: Plain\nstep: 3\nprerequisites: [open]\nduration: 1 hour\n---\nPlain.\n",
        ),
    ])
}

#[test]
fn teaching_and_exercises_make_the_duration_and_show_everywhere() {
    let workspace = split_guide();
    let out = workspace.build_ok();
    let home = page(&out, "index.html");
    let cards: Vec<String> = select(&home, ".lesson-card .lesson-card-meta")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        cards,
        [
            "Time: 5 min (Teaching 5 min)",
            "Time: 15 min (Teaching 10 min · Exercises 5 min)",
            "Time: 1 hour",
        ]
    );
    let facts = text(select_one(&home, ".facts div:first-child dd"));
    assert_eq!(facts, "80 min (Teaching 15 min · Exercises 5 min)");

    let lesson = page(&out, "open.html");
    let meta: Vec<String> = select(&lesson, ".lesson-meta .meta-item")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(meta, ["Time 15 min", "Teaching 10 min · Exercises 5 min"]);
    let plain = page(&out, "plain.html");
    assert!(select(&plain, ".meta-split").is_empty());

    let handout = page(&out, "handout.html");
    let times: Vec<String> = select(&handout, ".handout-schedule tbody .col-time")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        times,
        [
            "5 min Teaching 5 min",
            "15 min Teaching 10 min · Exercises 5 min",
            "1 hour"
        ]
    );
    // The total once, in the handout's header, with the split.
    assert_eq!(
        text(select_one(&handout, ".handout-sub"))
            .split(" · ")
            .next(),
        Some("Total time: 80 min (Teaching 15 min")
    );
    let print = page(&out, "print.html");
    let metas: Vec<String> = select(&print, "section.lesson .lesson-meta")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(metas[1], "Time: 15 min (Teaching 10 min · Exercises 5 min)");
}

#[test]
fn the_split_is_in_the_guides_language() {
    let workspace = split_guide();
    workspace.write("guide.toml", "title = \"T\"\nlanguage = \"fr\"\n");
    workspace.write(
        "content/03-plain.md",
        "---\ntitle: Plain\nstep: 3\nprerequisites: [open]\nduration: 1 heure\n---\nPlain.\n",
    );
    let out = workspace.build_ok();
    let lesson = page(&out, "open.html");
    assert_eq!(
        text(select_one(&lesson, ".meta-split")),
        "Enseignement 10 min · Exercices 5 min"
    );
}

/// The errors of `check --format json` as (file, line, column, message, hint).
fn errors(workspace: &Workspace) -> Vec<(String, u64, u64, String, String)> {
    (workspace.check_json().into_iter())
        .filter(|d| d.severity == "error")
        .map(|d| (d.file, d.line, d.column, d.message, d.hint))
        .collect()
}

#[test]
fn a_duration_that_is_not_the_sum_is_an_error_at_its_line() {
    let workspace = split_guide();
    workspace.write(
        "content/02-open.md",
        "---\ntitle: Open science\nstep: 2\nteaching: 10\nexercises: 5\nduration: 5-20 min\n---\nOpen.\n",
    );
    let found = errors(&workspace);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (file, line, column, message, hint) = &found[0];
    assert_eq!(
        (file.as_str(), *line, *column),
        ("content/02-open.md", 6, 11)
    );
    assert_eq!(
        message,
        "the duration `5-20 min` is not the sum of `teaching` and `exercises` (15 min)"
    );
    assert!(hint.contains("leave `duration` out"), "{hint}");
}

#[test]
fn bad_minutes_and_a_lesson_without_any_time_are_errors() {
    let workspace = split_guide();
    workspace.write(
        A,
        "---\ntitle: Setting up\nstep: 1\nteaching: -5\n---\nSet up.\n",
    );
    workspace.write(
        "content/02-open.md",
        "---\ntitle: Open science\nstep: 2\nteaching: 0\nexercises: 0\n---\nOpen.\n",
    );
    workspace.write(
        "content/03-plain.md",
        "---\ntitle: Plain\nstep: 3\n---\nPlain.\n",
    );
    let found = errors(&workspace);
    let summary: Vec<(&str, u64, &str)> = (found.iter())
        .map(|(file, line, _, message, _)| (file.as_str(), *line, message.as_str()))
        .collect();
    assert_eq!(summary.len(), 3, "{found:#?}");
    assert_eq!((summary[0].0, summary[0].1), (A, 4));
    assert!(summary[0].2.contains("teaching"), "{found:#?}");
    assert!(
        found[0].4.contains("whole numbers of minutes"),
        "{found:#?}"
    );
    assert_eq!(
        summary[1],
        (
            "content/02-open.md",
            4,
            "`teaching` and `exercises` add up to 0 minutes: a duration must be more than zero"
        )
    );
    assert_eq!(
        summary[2],
        (
            "content/03-plain.md",
            1,
            "the front matter has no `duration`"
        )
    );
}

#[test]
fn a_translation_keeps_its_originals_minutes() {
    let workspace = split_guide();
    workspace.write("guide.toml", "title = \"T\"\n[languages.es]\n");
    workspace.write(
        "content/02-open.es.md",
        "---\ntitle: Ciencia abierta\nteaching: 15\n---\nAbierta.\n",
    );
    let found = errors(&workspace);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].1, found[0].2), (3, 11));
    assert_eq!(
        found[0].3,
        "`teaching` differs from the original (content/02-open.md has 10)"
    );
    workspace.write(
        "content/02-open.es.md",
        "---\ntitle: Ciencia abierta\nteaching: 10\nexercises: 5\n---\nAbierta.\n",
    );
    let out = workspace.build_ok();
    let lesson = page(&out, "es/open.html");
    assert_eq!(
        text(select_one(&lesson, ".meta-split")),
        "Exposición 10 min · Ejercicios 5 min"
    );
}
