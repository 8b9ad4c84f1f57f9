//! A course written for the Carpentries Workbench (`tests/fixtures/carpentries`): fenced blocks
//! with nested exercises, hints and solutions, instructor notes, a figure in `fig/`, a data file,
//! code with output and error blocks, and setup and glossary pages. It builds with no error, and
//! each piece comes out as a reader (and an instructor) should see it.

mod common;

use std::fs;

use common::*;

const FIXTURE: &str = "carpentries";

#[test]
fn the_course_builds_without_errors_or_warnings() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.out();
    let run = workspace.build_to(&out, &[]);
    run.assert_code(0);
    assert!(parse_diagnostics(&run.stderr).is_empty(), "{}", run.stderr);
}

#[test]
fn no_fence_of_colons_reaches_a_page_or_the_search_index() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    for file in html_files(&out) {
        let html = page(&out, &file);
        for element in select(&html, "main, body") {
            assert!(!text(element).contains(":::"), "{file} shows a fence");
        }
    }
    let index = fs::read_to_string(out.join("assets/search-index.js")).unwrap();
    assert!(!index.contains(":::"));
    for text in search_texts(&out) {
        assert!(!text.contains(":::"), "{text}");
    }
}

#[test]
fn exercises_hold_their_hints_and_solutions_folded_on_the_web() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let lesson = page(&out, "files.html");
    let challenge = select_one(&lesson, "main .block-challenge");
    assert_eq!(attr(challenge, "id"), "first-challenge");
    assert_eq!(text(select_in(challenge, ".block-title")[0]), "Challenge");
    let folded = select_in(challenge, "details");
    let kinds: Vec<&str> = folded.iter().map(|d| attr(*d, "class")).collect();
    assert_eq!(kinds, ["block block-hint", "block block-solution"]);
    for details in folded {
        assert!(
            details.value().attr("open").is_none(),
            "folded until opened"
        );
        assert_eq!(select_in(details, "summary").len(), 1);
    }
    assert_eq!(select(&lesson, "main .block-keypoints").len(), 1);
    for part in ["questions", "objectives"] {
        assert_eq!(
            select(&lesson, &format!("main .overview .overview-{part}")).len(),
            1,
            "{part}"
        );
    }
}

#[test]
fn the_print_edition_lists_answers_after_each_lesson() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let print = page(&out, "print.html");
    let lesson = select_one(&print, "section#lesson-files");
    let references = select_in(lesson, ".answer-ref a");
    assert_eq!(references.len(), 2, "a hint and a solution");
    let answers = select_in(lesson, "section.answers");
    assert_eq!(answers.len(), 1);
    for reference in references {
        let target = attr(reference, "href").trim_start_matches('#');
        let found = select_in(answers[0], &format!("[id=\"{target}\"]"));
        assert_eq!(found.len(), 1, "{target} is in the answers");
    }
    assert!(select_in(lesson, "details:not([open])").is_empty());
}

#[test]
fn instructor_notes_only_in_the_instructor_edition() {
    let workspace = copy_fixture(FIXTURE);
    let learners = workspace.build_ok();
    let secret = "reading that message";
    for file in ["files.html", "print.html", "handout.html"] {
        let html = fs::read_to_string(learners.join(file)).unwrap();
        assert!(!html.contains(secret), "{file} shows the instructor note");
    }
    let index = fs::read_to_string(learners.join("assets/search-index.js")).unwrap();
    assert!(!index.contains(secret));
    assert!(search_texts(&learners).iter().all(|t| !t.contains(secret)));

    let instructors = workspace.path("instructors");
    workspace
        .build_to(&instructors, &["--instructor"])
        .assert_code(0);
    let lesson = page(&instructors, "files.html");
    let note = select_one(&lesson, "main .block-instructor");
    assert_eq!(text(select_in(note, ".block-title")[0]), "Instructor note");
    assert!(text(note).contains(secret));
}

#[test]
fn figures_and_files_are_copied_and_linked_from_the_page() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    for file in ["fig/layout.png", "data/tally-sheet.txt"] {
        assert_eq!(
            fs::read(out.join(file)).unwrap(),
            fs::read(workspace.guide_path(&format!("content/{file}"))).unwrap(),
            "{file} is copied byte for byte"
        );
    }
    let lesson = page(&out, "files.html");
    let figure = select_one(&lesson, "main figure");
    let image = select_in(figure, "img")[0];
    assert_eq!(attr(image, "src"), "fig/layout.png");
    assert_eq!(
        (attr(image, "width"), attr(image, "height")),
        ("240", "120")
    );
    assert_eq!(attr(image, "loading"), "lazy");
    assert!(!attr(image, "alt").is_empty());
    assert_eq!(
        text(select_in(figure, "figcaption")[0]),
        "The survey folder: one file per site."
    );
    assert!(hrefs(&lesson, "main a").contains(&"data/tally-sheet.txt".to_string()));

    let print = page(&out, "print.html");
    let printed = select_one(&print, "section#lesson-files img");
    assert_eq!(attr(printed, "src"), "fig/layout.png");
    assert!(
        printed.value().attr("loading").is_none(),
        "never lazy on paper"
    );
}

#[test]
fn setup_and_glossary_are_reference_pages_linked_from_the_lessons() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let lesson = page(&out, "scripts.html");
    let sidebar = hrefs(&lesson, ".sidebar a");
    assert!(sidebar.contains(&"setup.html".to_string()), "{sidebar:?}");
    assert!(
        sidebar.contains(&"glossary.html".to_string()),
        "{sidebar:?}"
    );
    assert!(hrefs(&lesson, "main a").contains(&"glossary.html#script".to_string()));
    let glossary = page(&out, "glossary.html");
    assert_eq!(select(&glossary, "main h2#script").len(), 1);
    let home = page(&out, "index.html");
    assert!(hrefs(&home, "main a[href]").contains(&"setup.html".to_string()));
}

#[test]
fn code_is_highlighted_and_output_and_errors_are_labelled_apart() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let lesson = page(&out, "files.html");
    let blocks = select(&lesson, "main .code-block");
    let kinds: Vec<(String, String)> = blocks
        .iter()
        .map(|b| {
            let label = select_in(*b, ".code-label")
                .first()
                .map(|l| text(*l))
                .unwrap_or_default();
            (attr(*b, "class").to_string(), label)
        })
        .collect();
    let expected = [
        ("code-block", "Bash"),
        ("code-block code-output", "Output"),
        ("code-block", "Bash"),
        ("code-block code-output", "Output"),
        ("code-block", "Bash"),
        ("code-block code-output code-error", "Error"),
    ];
    for (found, (class, label)) in kinds.iter().zip(expected) {
        assert_eq!(
            (found.0.as_str(), found.1.as_str()),
            (class, label),
            "{kinds:?}"
        );
    }
    let script = page(&out, "scripts.html");
    let python = select(&script, "main .code-block[data-lang=python]");
    assert_eq!(
        python.len(),
        3,
        "the script, a tab and the exercise's solution"
    );
    assert!(
        !select_in(python[0], ".hl-keyword").is_empty(),
        "python keywords are marked"
    );
}

#[test]
fn bracketed_spans_and_raw_html_ids_are_anchors_links_may_point_to() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let glossary = page(&out, "glossary.html");
    let term = select_one(&glossary, "main dl dt span#wildcard");
    assert_eq!(text(term), "wildcard");
    let tally = select_one(&glossary, "main dt span#tally");
    assert_eq!((attr(tally, "class"), attr(tally, "lang")), ("term", "en"));
    assert_eq!(select(&glossary, "main span#field-notes").len(), 1);
    for element in select(&glossary, "main, main *") {
        assert!(!text(element).contains("]{"), "an attribute list shows");
    }
    let lesson = page(&out, "files.html");
    let links = hrefs(&lesson, "main a");
    for anchor in [
        "glossary.html#wildcard",
        "glossary.html#tally",
        "glossary.html#field-notes",
    ] {
        assert!(links.contains(&anchor.to_string()), "{anchor} in {links:?}");
    }
    let small = select_one(&lesson, "main span.smallcaps");
    assert_eq!(text(small), "big");
    let sheet = select_one(&lesson, "main a[download]");
    assert_eq!(
        (
            attr(sheet, "href"),
            attr(sheet, "download"),
            attr(sheet, "class")
        ),
        ("data/tally-sheet.txt", "tally.txt", "download")
    );

    let print = page(&out, "print.html");
    for id in ["glossary-wildcard", "glossary-field-notes"] {
        assert_eq!(select(&print, &format!("[id=\"{id}\"]")).len(), 1, "{id}");
    }
    let printed = hrefs(&print, "section#lesson-files a");
    assert!(
        printed.contains(&"#glossary-wildcard".to_string()),
        "{printed:?}"
    );
}

#[test]
fn a_link_to_a_missing_span_id_is_still_an_error() {
    let workspace = copy_fixture(FIXTURE);
    let lesson = workspace.read("content/02-scripts.md");
    workspace.write(
        "content/02-scripts.md",
        &lesson.replace("pages/glossary.md#script", "pages/glossary.md#wildcards"),
    );
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    assert_eq!(error.message, "`glossary` has no heading `#wildcards`");
    assert_help(error, "did you mean `#wildcard`?");
}

#[test]
fn every_workbench_block_shows_with_its_label() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let scripts = page(&out, "scripts.html");
    for (kind, label) in [
        ("caution", "Caution"),
        ("testimonial", "Testimonial"),
        ("keypoints", "Key points"),
        ("exercise", "Exercise"),
    ] {
        let block = select_one(&scripts, &format!("main div.block-{kind}"));
        assert_eq!(text(select_in(block, ".block-title")[0]), label, "{kind}");
    }
    let setup = page(&out, "setup.html");
    let checklist = select_one(&setup, "main div.block-checklist");
    assert_eq!(text(select_in(checklist, ".block-title")[0]), "Checklist");
    assert_eq!(
        select_in(checklist, "li.task input[type=checkbox]").len(),
        2
    );
}

#[test]
fn a_spoiler_folds_under_its_first_heading() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let lesson = page(&out, "files.html");
    let spoiler = select_one(&lesson, "main details.block-spoiler");
    assert!(
        spoiler.value().attr("open").is_none(),
        "folded until opened"
    );
    let summary = select_in(spoiler, "summary");
    assert_eq!(summary.len(), 1);
    assert_eq!(text(summary[0]), "What is a CSV file?");
    assert!(
        select_in(spoiler, "h2, h3").is_empty(),
        "the heading is the summary"
    );
    assert!(text(spoiler).contains("one record per line"));
}

#[test]
fn a_heading_that_repeats_a_blocks_label_is_shown_once() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let lesson = page(&out, "files.html");
    let solution = select_one(&lesson, "main details.block-solution");
    assert_eq!(text(select_in(solution, "summary")[0]), "Solution");
    assert!(
        select_in(solution, "h2, h3, h4").is_empty(),
        "no second Solution"
    );
}

#[test]
fn headings_inside_blocks_are_not_entries_of_on_this_page() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let lesson = page(&out, "files.html");
    let challenge = select_one(&lesson, "main .block-challenge h2");
    assert_eq!(heading_text(challenge), "Count every site");
    for toc in select(&lesson, "nav.toc") {
        assert!(!text(toc).contains("Count every site"), "{}", text(toc));
    }
    let setup = page(&out, "setup.html");
    let entries: Vec<String> = select(&setup, "nav.toc-inline a")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(entries, ["Software", "Data"], "tab titles are not sections");
}

#[test]
fn tab_blocks_show_every_panel_under_its_title_without_a_script() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let setup = page(&out, "setup.html");
    let groups = select(&setup, "main div.block-group-tab[data-tabs=group]");
    assert_eq!(groups.len(), 2);
    for group in groups {
        let titles: Vec<String> = select_in(group, "section.tab-panel > h3.tab-title")
            .into_iter()
            .map(heading_text)
            .collect();
        assert_eq!(titles, ["Windows", "macOS", "Linux"]);
        for panel in select_in(group, "section.tab-panel") {
            assert!(panel.value().attr("hidden").is_none());
        }
    }
    let scripts = page(&out, "scripts.html");
    let single = select_one(&scripts, "main div.block-tab[data-tabs=single]");
    let names: Vec<&str> = (select_in(single, "section.tab-panel").into_iter())
        .map(|panel| attr(panel, "data-tab"))
        .collect();
    assert_eq!(names, ["Python", "Shell"]);
    let print = page(&out, "print.html");
    assert_eq!(select(&print, "#page-setup section.tab-panel").len(), 6);
}

#[test]
fn printed_answers_are_named_after_their_challenge() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let print = page(&out, "print.html");
    let titles: Vec<String> = select(&print, "section#lesson-files section.answers .block-title")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        titles,
        ["1. Hint: Count every site", "2. Solution: Count every site"]
    );
    let scripts: Vec<String> = select(
        &print,
        "section#lesson-scripts section.answers .block-title",
    )
    .into_iter()
    .map(text)
    .collect();
    assert_eq!(scripts, ["1. Solution: Only busy sites"]);
}

#[test]
fn alt_text_carries_no_markdown_escapes() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    for file in ["scripts.html", "print.html"] {
        let html = page(&out, file);
        let alts: Vec<&str> = select(&html, "main img[src='fig/layout.png']")
            .into_iter()
            .map(|img| attr(img, "alt"))
            .filter(|alt| alt.contains("_"))
            .collect();
        assert_eq!(
            alts,
            [
                "The survey folder: north_survey.csv and two more",
                "The folder's layout again, the weight_kg column first"
            ],
            "{file}"
        );
    }
}

#[test]
fn questions_and_objectives_show_together_at_the_top_with_the_time() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let lesson = page(&out, "files.html");
    let overview = select_one(&lesson, "main .overview");
    let headings: Vec<String> = (select_in(overview, ".overview-heading").into_iter())
        .map(text)
        .collect();
    assert_eq!(headings, ["Questions", "Objectives"]);
    let questions = select_in(overview, ".overview-questions li");
    assert_eq!(text(questions[0]), "How do I see what is in a folder?");
    assert_eq!(
        text(select_in(overview, ".overview-time")[0]),
        "Time 20 min"
    );
    assert!(
        select(&lesson, "main .lesson-body .block-questions").is_empty(),
        "moved"
    );
    assert!(
        select(&lesson, "main .lesson-body .block-objectives").is_empty(),
        "moved"
    );
    // It stands before the lesson's text, after its header.
    let html = std::fs::read_to_string(out.join("files.html")).unwrap();
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(
        at("lesson-header") < at("class=\"overview\"")
            && at("class=\"overview\"") < at("lesson-body")
    );
    // A lesson with objectives only shows them alone.
    let scripts = page(&out, "scripts.html");
    let alone = select_one(&scripts, "main .overview");
    assert!(select_in(alone, ".overview-questions").is_empty());
    assert_eq!(select_in(alone, ".overview-objectives li").len(), 2);
    // Print: the same overview under each lesson's header.
    let print = page(&out, "print.html");
    let printed = select_one(&print, "section#lesson-files > .overview");
    assert_eq!(select_in(printed, ".overview-questions li").len(), 2);
    assert!(select(&print, "section#lesson-files .lesson-body .block-questions").is_empty());
}

#[test]
fn the_key_points_page_gathers_every_lesson_s_key_points_in_step_order() {
    let workspace = copy_fixture(FIXTURE);
    let out = workspace.build_ok();
    let page_html = page(&out, "key-points.html");
    let groups = select(&page_html, "main section.key-points-group");
    let titles: Vec<(String, String)> = (groups.iter())
        .map(|group| {
            let link = select_in(*group, "h2 a")[0];
            (text(link), attr(link, "href").to_string())
        })
        .collect();
    assert_eq!(
        titles,
        [
            (
                "Step 1: Looking at files".to_string(),
                "files.html".to_string()
            ),
            (
                "Step 2: Counting with a script".to_string(),
                "scripts.html".to_string()
            )
        ]
    );
    let points: Vec<String> = select_in(groups[0], "li").into_iter().map(text).collect();
    assert_eq!(
        points,
        [
            "ls lists a folder; wc -l counts lines.",
            "Read error messages: they say what went wrong."
        ]
    );
    for file in ["index.html", "files.html", "key-points.html"] {
        let html = page(&out, file);
        assert!(
            hrefs(&html, ".sidebar a").contains(&"key-points.html".to_string()),
            "{file}"
        );
    }
    let current = select_one(&page_html, ".sidebar a[aria-current=page]");
    assert_eq!(attr(current, "href"), "key-points.html");
    // The key points stay in their lessons too.
    let lesson = page(&out, "files.html");
    assert_eq!(select(&lesson, "main .block-keypoints li").len(), 2);
}

#[test]
fn no_key_points_page_without_key_points() {
    let workspace = write_guide(&[("content/01-a.md", &lesson("A", 1, "", "No key points.\n"))]);
    let out = workspace.build_ok();
    assert!(!out.join("key-points.html").exists());
    let home = page(&out, "index.html");
    assert!(!hrefs(&home, ".sidebar a").contains(&"key-points.html".to_string()));
}

#[test]
fn the_key_points_page_is_in_the_sitemap_and_each_language_s_folder() {
    let body = |points: &str| format!("Text.\n\n::: keypoints\n- {points}\n:::\n");
    let workspace = write_guide(&[
        (
            "guide.toml",
            "title = \"Guide\"\nbase_url = \"https://example.com/guide/\"\n[languages.es]\n",
        ),
        (
            "content/01-a.md",
            &lesson("First", 1, "", &body("Water weekly.")),
        ),
        (
            "content/01-a.es.md",
            "---\ntitle: Primero\n---\nTexto.\n\n::: keypoints\n- Regar cada semana.\n:::\n",
        ),
        (
            "content/02-b.md",
            &lesson("Second", 2, "", &body("Turn the pot.")),
        ),
    ]);
    let out = workspace.build_ok();
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for url in [
        "https://example.com/guide/key-points.html",
        "https://example.com/guide/es/key-points.html",
    ] {
        assert!(sitemap.contains(url), "{url} in {sitemap}");
    }
    let spanish = page(&out, "es/key-points.html");
    let points: Vec<String> = select(&spanish, "main .key-points li")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(points, ["Regar cada semana.", "Turn the pot."]);
    assert_eq!(
        text(select_one(&spanish, "main h1")),
        "Todos los puntos clave"
    );
}
