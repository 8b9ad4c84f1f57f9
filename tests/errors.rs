//! Problems in a guide: one test per kind of error, each checking the exit code, the
//! `--> file:line:col` location, the message and (where one is promised) the hint; then several
//! errors at once, `check --format json` and the usage errors (exit code 2).

mod common;

use common::*;

/// Builds a guide that must fail and returns its only error.
fn only_error(files: &[(&str, &str)]) -> Diag {
    let workspace = write_guide(files);
    let diagnostics = workspace.build_errors();
    single_error(&diagnostics).clone()
}

const A: &str = "content/01-a.md";

// ---- front matter -----------------------------------------------------------------------------

#[test]
fn missing_title() {
    let error = only_error(&[(A, "---\nstep: 1\nduration: 5 min\n---\nBody\n")]);
    assert_diag(&error, A, 1, 1, "no `title`");
    assert_help(&error, "title:");
}

#[test]
fn title_that_is_not_text() {
    let error = only_error(&[(A, "---\ntitle: [a, b]\nstep: 1\nduration: 5 min\n---\n")]);
    assert_diag(&error, A, 2, 8, "title");
    assert!(error.message.contains("expected a string"), "{error:#?}");
    assert_help(&error, "quotes");
}

#[test]
fn empty_title() {
    let error = only_error(&[(A, "---\ntitle: ''\nstep: 1\nduration: 5 min\n---\n")]);
    assert_diag(&error, A, 2, 8, "the title is empty");
}

#[test]
fn missing_step() {
    let error = only_error(&[(A, "---\ntitle: A\nduration: 5 min\n---\n")]);
    assert_diag(&error, A, 1, 1, "no `step`");
    assert_help(&error, "step: 2");
}

#[test]
fn step_zero() {
    let error = only_error(&[(A, "---\ntitle: A\nstep: 0\nduration: 5 min\n---\n")]);
    assert_diag(&error, A, 3, 7, "`step` must be 1 or more");
}

#[test]
fn step_that_is_not_a_number() {
    let error = only_error(&[(A, "---\ntitle: A\nstep: two\nduration: 5 min\n---\n")]);
    assert_diag(&error, A, 3, 7, "step");
    assert!(error.message.contains("two"), "{error:#?}");
    assert_help(&error, "whole number");
}

#[test]
fn missing_duration() {
    let error = only_error(&[(A, "---\ntitle: A\nstep: 1\n---\n")]);
    assert_diag(&error, A, 1, 1, "no `duration`");
    assert_help(&error, "duration: 10 min");
}

#[test]
fn duration_that_cannot_be_read() {
    let error = only_error(&[(A, "---\ntitle: A\nstep: 1\nduration: soon\n---\n")]);
    assert_diag(&error, A, 4, 11, "cannot read the duration `soon`");
    assert_help(&error, "10 min");
}

#[test]
fn duration_with_an_unknown_unit_names_the_units() {
    let error = only_error(&[(A, "---\ntitle: A\nstep: 1\nduration: 10 parsecs\n---\n")]);
    assert_diag(&error, A, 4, 11, "`parsecs` is not a unit of time");
    assert!(
        error.text.contains("units are min, hours, days or weeks"),
        "{}",
        error.text
    );
}

#[test]
fn yaml_syntax_error_is_reported_at_its_line_in_the_file() {
    let text = "---\n# comment\ntitle: A\nstep: 1\nduration: 5 min\nsummary: x: y\n---\nBody\n";
    let error = only_error(&[(A, text)]);
    // Line 6 of the file (line 5 of the front matter), at the second `:`.
    assert_diag(&error, A, 6, 11, "mapping values are not allowed");
    assert_help(&error, "YAML");
}

#[test]
fn yaml_messages_do_not_quote_front_matter_line_numbers() {
    // The quoted scalar opens on file line 5, column 10; the stream ends on line 6 (the fence).
    let text = "---\ntitle: A\nstep: 1\nduration: 5 min\nsummary: \"unterminated\n---\nBody\n";
    let error = only_error(&[(A, text)]);
    assert_eq!((error.file.as_str(), error.line), (A, 6), "{error:#?}");
    // A position quoted in the message must be one in the file, not in the front matter.
    let mut rest = error.message.as_str();
    while let Some(at) = rest.find("line ") {
        rest = &rest[at + 5..];
        let numbers: Vec<usize> = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .take(2)
            .map(|n| n.parse().unwrap())
            .collect();
        assert!(
            [vec![5, 10], vec![6, 1]].contains(&numbers),
            "the message quotes line/column {numbers:?}, which is not where the problem is in the file: {}",
            error.message
        );
    }
}

#[test]
fn unclosed_front_matter_points_at_the_opening_line() {
    let error = only_error(&[(A, "---\ntitle: A\nstep: 1\nduration: 5 min\n\nBody text\n")]);
    assert_diag(&error, A, 1, 1, "never closed");
    assert_help(&error, "---");
}

#[test]
fn lesson_without_front_matter() {
    let error = only_error(&[(A, "# Just a heading\n")]);
    assert_diag(&error, A, 1, 1, "no front matter");
}

#[test]
fn unknown_key_suggests_the_closest() {
    let error = only_error(&[(A, "---\ntitle: A\nstepp: 1\nduration: 5 min\n---\n")]);
    assert_diag(&error, A, 3, 1, "unknown front matter key `stepp`");
    assert_help(&error, "did you mean `step`?");
}

#[test]
fn duplicate_key_points_at_the_second_one() {
    let error = only_error(&[(
        A,
        "---\ntitle: A\nstep: 1\ntitle: B\nduration: 5 min\n---\n",
    )]);
    assert_diag(&error, A, 4, 1, "`title` is given twice");
}

#[test]
fn draft_yes_is_not_a_boolean() {
    let error = only_error(&[(
        A,
        "---\ntitle: A\nstep: 1\nduration: 5 min\ndraft: yes\n---\n",
    )]);
    assert_diag(&error, A, 5, 8, "draft");
    assert_help(&error, "`true` or `false`");
}

// ---- across lessons ---------------------------------------------------------------------------

#[test]
fn duplicate_steps_name_both_files() {
    let error = only_error(&[
        (A, &lesson("A", 1, "", "")),
        ("content/02-b.md", &lesson("B", 1, "", "")),
    ]);
    assert_diag(&error, "content/02-b.md", 3, 7, "step 1 is used twice");
    assert!(
        error.text.contains(A),
        "the other file is not named: {}",
        error.text
    );
}

#[test]
fn duplicate_slugs_from_two_folders() {
    let error = only_error(&[
        ("content/one/fit.md", &lesson("A", 1, "", "")),
        ("content/two/fit.md", &lesson("B", 2, "", "")),
    ]);
    assert_diag(
        &error,
        "content/two/fit.md",
        1,
        1,
        "the slug `fit` is used twice",
    );
    assert!(error.text.contains("content/one/fit.md"), "{}", error.text);
}

#[test]
fn duplicate_explicit_slugs_point_at_the_slug() {
    let error = only_error(&[
        (A, &lesson("A", 1, "slug: same\n", "")),
        ("content/02-b.md", &lesson("B", 2, "slug: same\n", "")),
    ]);
    assert_diag(
        &error,
        "content/02-b.md",
        5,
        7,
        "the slug `same` is used twice",
    );
}

#[test]
fn slugs_that_differ_only_by_case() {
    let error = only_error(&[
        ("content/one/Fit.md", &lesson("A", 1, "", "")),
        ("content/two/fit.md", &lesson("B", 2, "", "")),
    ]);
    assert_eq!(error.file, "content/two/fit.md", "{error:#?}");
    assert!(
        error.message.contains("differ only by letter case"),
        "{error:#?}"
    );
    assert!(
        error.message.contains("`Fit`") && error.message.contains("`fit`"),
        "{error:#?}"
    );
}

#[test]
fn unknown_prerequisite_suggests_the_closest_slug() {
    let error = only_error(&[
        ("content/01-start.md", &lesson("Start", 1, "", "")),
        (
            "content/02-b.md",
            &lesson("B", 2, "prerequisites: [start, strat]\n", ""),
        ),
    ]);
    assert_diag(
        &error,
        "content/02-b.md",
        5,
        24,
        "no lesson has the slug `strat`",
    );
    assert_help(&error, "did you mean `start`?");
}

#[test]
fn prerequisite_must_come_earlier() {
    let error = only_error(&[
        (A, &lesson("A", 1, "prerequisites:\n  - b\n", "")),
        ("content/02-b.md", &lesson("B", 2, "", "")),
    ]);
    assert_diag(
        &error,
        A,
        6,
        5,
        "the prerequisite `b` comes at step 2, not before step 1",
    );
    assert_help(&error, "smaller step");
}

#[test]
fn a_lesson_cannot_need_itself() {
    let error = only_error(&[(A, &lesson("A", 1, "prerequisites: [a]\n", ""))]);
    assert_diag(&error, A, 5, 17, "cannot be its own prerequisite");
}

#[test]
fn prerequisite_that_is_a_draft() {
    let files = [
        ("content/01-idea.md", lesson("Idea", 1, "draft: true\n", "")),
        (
            "content/02-b.md",
            lesson("B", 2, "prerequisites: [idea]\n", ""),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let error = only_error(&files);
    assert_diag(
        &error,
        "content/02-b.md",
        5,
        17,
        "the prerequisite `idea` is a draft",
    );
    assert_help(&error, "--drafts");
    // With --drafts the same guide builds.
    let workspace = write_guide(&files);
    workspace
        .build_to(&workspace.out(), &["--drafts"])
        .assert_code(0);
}

// ---- links ------------------------------------------------------------------------------------

#[test]
fn link_to_a_missing_lesson_suggests_the_closest_file() {
    let error = only_error(&[
        (
            A,
            &lesson("A", 1, "", "\nIntro.\n\nSee [the fit](02-fitt.md) now.\n"),
        ),
        ("content/02-fit.md", &lesson("Fit", 2, "", "")),
    ]);
    assert_diag(
        &error,
        A,
        9,
        5,
        "the link to `02-fitt.md` does not lead to a lesson",
    );
    assert_help(&error, "did you mean `02-fit.md`?");
}

#[test]
fn link_to_a_missing_anchor_suggests_the_closest_heading() {
    let error = only_error(&[
        (
            A,
            &lesson("A", 1, "", "\nSee [the check](02-fit.md#finger-chek).\n"),
        ),
        (
            "content/02-fit.md",
            &lesson("Fit", 2, "", "\n## Finger check\n\nText.\n"),
        ),
    ]);
    assert_diag(&error, A, 7, 5, "`fit` has no heading `#finger-chek`");
    assert_help(&error, "did you mean `#finger-check`?");
}

#[test]
fn link_to_a_missing_anchor_on_the_same_page() {
    let error = only_error(&[(
        A,
        &lesson("A", 1, "", "\n## Real part\n\nSee [above](#real-prat).\n"),
    )]);
    assert_diag(&error, A, 9, 5, "has no heading `#real-prat`");
    assert_help(&error, "did you mean `#real-part`?");
}

#[test]
fn link_from_a_subfolder_must_resolve_relative_to_it() {
    // `01-a.md` from inside `later/` means `later/01-a.md`, which does not exist.
    let error = only_error(&[
        (A, &lesson("A", 1, "", "")),
        (
            "content/later/02-b.md",
            &lesson("B", 2, "", "\n[back](01-a.md)\n"),
        ),
    ]);
    assert_diag(
        &error,
        "content/later/02-b.md",
        7,
        1,
        "does not lead to a lesson",
    );
}

// ---- files ------------------------------------------------------------------------------------

#[test]
fn file_that_is_not_utf8_points_at_the_first_bad_byte() {
    let workspace = write_guide(&[("content/02-b.md", &lesson("B", 2, "", ""))]);
    workspace.write_bytes(
        A,
        b"---\ntitle: A\nstep: 1\nduration: 5 min\n---\n\xc3\x9cber Caf\xe9 au lait\n",
    );
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    // `Ü` is one character: the bad byte is the 9th character of line 6.
    assert_diag(error, A, 6, 9, "not valid UTF-8");
    assert_help(error, "UTF-8");
}

#[test]
fn a_guide_whose_only_lesson_is_not_utf8_reports_just_that() {
    let workspace = write_guide(&[]);
    workspace.write_bytes(A, b"---\ntitle: Caf\xe9\nstep: 1\nduration: 5 min\n---\n");
    let diagnostics = workspace.build_errors();
    // The lesson exists; "the guide has no lessons" would send the author looking for nothing.
    let error = single_error(&diagnostics);
    assert_diag(error, A, 2, 11, "not valid UTF-8");
}

#[test]
fn guide_with_no_lessons() {
    let error = only_error(&[("content/_index.md", "Welcome.\n")]);
    assert_eq!(error.file, "content", "{error:#?}");
    assert!(
        error.message.contains("the guide has no lessons"),
        "{error:#?}"
    );
    assert_help(&error, "content/");
}

#[test]
fn guide_with_only_draft_lessons_has_no_lessons() {
    let error = only_error(&[(A, &lesson("A", 1, "draft: true\n", ""))]);
    assert!(
        error.message.contains("the guide has no lessons"),
        "{error:#?}"
    );
}

#[test]
fn guide_without_a_content_folder() {
    let workspace = write_guide(&[]);
    std::fs::remove_dir(workspace.guide_path("content")).unwrap();
    let diagnostics = workspace.build_errors();
    let error = diagnostics.first().expect("an error");
    assert_eq!(error.file, "content", "{diagnostics:#?}");
    assert!(
        error.message.contains("no `content/` folder"),
        "{diagnostics:#?}"
    );
    assert_help(error, "create `content/`");
}

#[test]
fn unknown_key_in_guide_toml_suggests_the_closest() {
    let error = only_error(&[
        ("guide.toml", "title = \"T\"\nauthr = \"me\"\n"),
        (A, &lesson("A", 1, "", "")),
    ]);
    assert_diag(&error, "guide.toml", 2, 1, "unknown key `authr`");
    assert_help(&error, "did you mean `author`?");
}

#[test]
fn guide_toml_without_a_title() {
    let error = only_error(&[
        ("guide.toml", "author = \"me\"\n"),
        (A, &lesson("A", 1, "", "")),
    ]);
    assert_eq!(error.file, "guide.toml");
    assert!(error.message.contains("title"), "{error:#?}");
}

/// A guide.toml that is not TOML is reported where the parser stopped, with the parser's words,
/// and nothing else (it used to say "guide.toml has no `title`" at 1:1 for any syntax error, and
/// a translation was then taken for a lesson with the same step).
#[test]
fn a_toml_syntax_error_in_guide_toml_is_reported_where_it_is() {
    let cases: [(&str, usize, usize, &str); 5] = [
        (
            "author = \"unclosed\n[languages.es]\n",
            2,
            19,
            "close the text",
        ),
        ("title = \"U\"\n[languages.es]\n", 2, 1, "written once"),
        (
            "[languages.es]\n[print]\npaper = A4\n",
            4,
            9,
            "paper = \"A4\"",
        ),
        ("[languages.es]\n[print\npaper = \"A4\"\n", 3, 7, "with `]`"),
        (
            "[languages.es]\ntitle = \"E\"\n[languages.es]\n",
            4,
            12,
            "written once",
        ),
    ];
    for (rest, line, column, hint) in cases {
        let text = format!("title = \"T\"\n{rest}");
        let workspace = write_guide(&[
            ("guide.toml", &text),
            (A, &lesson("A", 1, "", "")),
            ("content/01-a.es.md", &lesson("A", 1, "", "")),
        ]);
        let diagnostics = workspace.build_errors();
        assert_eq!(diagnostics.len(), 1, "{text:?}: {diagnostics:#?}");
        let error = &diagnostics[0];
        assert_eq!(
            (error.file.as_str(), error.line, error.column),
            ("guide.toml", line, column),
            "{text:?}: {error:#?}"
        );
        assert!(!error.message.contains("title"), "{text:?}: {error:#?}");
        assert_help(error, hint);
    }
}

#[test]
fn reserved_slug_from_the_file_name() {
    let error = only_error(&[("content/index.md", &lesson("Home", 1, "", ""))]);
    assert_diag(
        &error,
        "content/index.md",
        1,
        1,
        "the slug `index` is taken",
    );
}

#[test]
fn a_slug_shaped_like_a_chapter_page_is_taken() {
    let error = only_error(&[("content/part-3.md", &lesson("Three", 1, "", ""))]);
    assert_diag(
        &error,
        "content/part-3.md",
        1,
        1,
        "the slug `part-3` is taken",
    );
    let fine = write_guide(&[("content/part-three.md", &lesson("Three", 1, "", ""))]);
    fine.build_ok();
}

#[test]
fn reserved_slug_set_in_front_matter() {
    let error = only_error(&[(A, &lesson("A", 1, "slug: checklists\n", ""))]);
    assert_diag(&error, A, 5, 7, "the slug `checklists` is taken");
    let error = only_error(&[(A, &lesson("A", 1, "slug: key-points\n", ""))]);
    assert_diag(&error, A, 5, 7, "the slug `key-points` is taken");
}

// ---- many problems at once --------------------------------------------------------------------

/// `tests/fixtures/many-errors`: unknown keys in `guide.toml` (`authr`) and in `01-a.md`
/// (`stepp`), step 0 and an unreadable duration in `02-b.md`, a link to a missing lesson in
/// `03-c.md`; `04-d.md` is sound.
const MANY_ERRORS: &str = "many-errors";

#[test]
fn every_error_in_every_file_is_reported_in_one_run() {
    let workspace = copy_fixture(MANY_ERRORS);
    let diagnostics = workspace.build_errors();
    let mut found: Vec<(String, usize, usize)> = diagnostics
        .iter()
        .map(|d| (d.file.clone(), d.line, d.column))
        .collect();
    found.sort();
    let expected = [
        (A, 3, 1),
        ("content/02-b.md", 3, 7),
        ("content/02-b.md", 4, 11),
        ("content/03-c.md", 7, 1),
        ("guide.toml", 2, 1),
    ];
    let expected: Vec<(String, usize, usize)> = expected
        .iter()
        .map(|(f, l, c)| (f.to_string(), *l, *c))
        .collect();
    assert_eq!(found, expected, "{diagnostics:#?}");
    // build_errors checked the final line ("the guide has 5 errors") and that OUT was not created.
    assert!(!workspace.guide_path("site").exists());
}

#[test]
fn check_json_reports_positions_messages_and_hints() {
    let workspace = copy_fixture(MANY_ERRORS);
    let before = snapshot(workspace.tmp.path());
    let run = workspace.check(&["--format", "json"]);
    run.assert_code(1);
    let json: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    let entries = json.as_array().expect("a JSON array");
    assert_eq!(entries.len(), 5, "{json:#}");
    for entry in entries {
        for key in DIAGNOSTIC_JSON_KEYS {
            assert!(entry.get(key).is_some(), "`{key}` missing in {entry}");
        }
        assert_eq!(entry["severity"], "error");
    }
    let stepp = entries
        .iter()
        .find(|e| e["file"] == A)
        .expect("the error in 01-a.md");
    assert_eq!(
        stepp,
        &serde_json::json!({
            "file": A,
            "line": 3,
            "column": 1,
            "end_line": 3,
            "end_column": 6,
            "severity": "error",
            "message": "unknown front matter key `stepp`",
            "hint": "did you mean `step`?",
        })
    );
    let duration = entries
        .iter()
        .find(|e| e["file"] == "content/02-b.md" && e["line"] == 4)
        .expect("the duration error");
    assert_eq!(
        (duration["column"].as_u64(), duration["end_column"].as_u64()),
        (Some(11), Some(15))
    );
    assert!(duration["message"].as_str().unwrap().contains("soon"));
    let toml = entries
        .iter()
        .find(|e| e["file"] == "guide.toml")
        .expect("the guide.toml error");
    assert_eq!(toml["hint"], "did you mean `author`?");
    assert_eq!(
        snapshot(workspace.tmp.path()),
        before,
        "check wrote something"
    );
}

#[test]
fn check_on_a_good_guide_succeeds_and_writes_nothing() {
    let workspace = copy_fixture("basic");
    let before = snapshot(workspace.tmp.path());
    let human = workspace.check(&[]);
    human.assert_code(0);
    assert!(human.stderr.is_empty(), "{}", human.stderr);
    let json = workspace.check(&["--format", "json"]);
    json.assert_code(0);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value, serde_json::json!([]));
    assert_eq!(
        snapshot(workspace.tmp.path()),
        before,
        "check wrote something"
    );
    assert!(!workspace.guide_path("site").exists());
}

// ---- byte order marks and line endings --------------------------------------------------------

#[test]
fn bom_and_crlf_lesson_builds() {
    let workspace = write_guide(&[]);
    workspace.write_bytes(
        A,
        b"\xEF\xBB\xBF---\r\ntitle: Crlf lesson\r\nstep: 1\r\nduration: 5 min\r\n---\r\n\r\n## Part one\r\n\r\n- [ ] Do it\r\n",
    );
    let out = workspace.build_ok();
    let html = page(&out, "a.html");
    assert_eq!(text(select_one(&html, "main h1")), "Crlf lesson");
    assert_eq!(heading_text(select_one(&html, "h2#part-one")), "Part one");
}

#[test]
fn errors_in_bom_and_crlf_files_point_at_the_right_place() {
    let workspace = write_guide(&[("content/02-b.md", &lesson("B", 2, "", "\n## Target\n"))]);
    workspace.write_bytes(
        A,
        b"\xEF\xBB\xBF---\r\ntitle: A\r\nstep: 1\r\nduration: 5 mins\r\nsumary: x\r\n---\r\n",
    );
    workspace.write_bytes(
        "content/03-c.md",
        b"\xEF\xBB\xBF---\r\ntitle: C\r\nstep: 3\r\nduration: 5 min\r\n---\r\n\r\nText.\r\n\r\nGo [there](02-b.md#targt).\r\n",
    );
    let diagnostics = workspace.build_errors();
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    assert_diag(
        &diagnostics[0],
        A,
        5,
        1,
        "unknown front matter key `sumary`",
    );
    assert_help(&diagnostics[0], "did you mean `summary`?");
    assert_diag(
        &diagnostics[1],
        "content/03-c.md",
        9,
        4,
        "has no heading `#targt`",
    );
}

// ---- templates --------------------------------------------------------------------------------

const LESSON_A: &str = "---\ntitle: A\nstep: 1\nduration: 5 min\n---\nText.\n";

#[test]
fn a_template_that_does_not_compile() {
    let error = only_error(&[
        (A, LESSON_A),
        (
            "themes/default/templates/404.html",
            "<h1>{{ site.title }}</h1>\n{% if page.title %}\n<p>no end</p>\n",
        ),
    ]);
    assert_eq!(
        error.file, "themes/default/templates/404.html",
        "{error:#?}"
    );
    assert!(error.message.starts_with("template:"), "{error:#?}");
    assert_help(&error, "delete the override");
}

#[test]
fn a_template_that_fails_while_rendering_points_at_the_variable() {
    let error = only_error(&[
        (A, LESSON_A),
        (
            "themes/default/templates/404.html",
            "<h1>{{ site.title }}</h1>\n  <p>{{ nope.field }}</p>\n",
        ),
    ]);
    assert_diag(
        &error,
        "themes/default/templates/404.html",
        2,
        9,
        "Variable `nope` is not defined",
    );
    assert_help(&error, "delete the override");
}

#[test]
fn a_template_error_in_the_print_edition_is_reported_like_any_other() {
    // The print edition is written to disk as it is rendered; its errors still fail the build.
    let error = only_error(&[
        (A, LESSON_A),
        (
            "themes/default/templates/print.html",
            "{% for l in lessons %}<h2>{{ l.title }}</h2>{{ l.html | safe }}{% endfor %}\n\
             <p>{{ l.nope.field }}</p>\n",
        ),
    ]);
    assert_diag(
        &error,
        "themes/default/templates/print.html",
        2,
        7,
        "Variable `l` is not defined",
    );
}

// ---- usage errors (exit code 2) ---------------------------------------------------------------

#[test]
fn a_folder_without_guide_toml_is_a_usage_error() {
    let tmp = tempfile::TempDir::new().unwrap();
    std::fs::create_dir(tmp.path().join("content")).unwrap();
    let dir = tmp.path().to_str().unwrap();
    let out = tmp.path().join("out");
    let build = run(&["build", dir, "--output", out.to_str().unwrap()]);
    build.assert_code(2);
    assert!(build.stderr.starts_with("error: "), "{}", build.stderr);
    assert!(build.stderr.contains("guide.toml"), "{}", build.stderr);
    assert!(!out.exists());
    run(&["check", dir]).assert_code(2);
}

#[test]
fn a_missing_folder_is_a_usage_error() {
    let tmp = tempfile::TempDir::new().unwrap();
    let missing = tmp.path().join("nowhere");
    let build = run(&["build", missing.to_str().unwrap()]);
    build.assert_code(2);
    assert!(build.stderr.starts_with("error: "), "{}", build.stderr);
    assert!(
        build.stderr.contains("is not a folder"),
        "the loader's message, not an output error: {}",
        build.stderr
    );
    assert!(!missing.exists(), "building a missing guide created it");
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let workspace = copy_fixture("basic");
    let run = run(&["build", workspace.guide.to_str().unwrap(), "--draft"]);
    run.assert_code(2);
    assert!(!workspace.guide_path("site").exists());
}

#[test]
fn script_and_data_links_are_errors_at_their_place() {
    let body = "Intro.\n\n[a](javascript:alert(1)) and [b]( JavaScript:void(0)) and\n\
                [c](vbscript:msgbox) and [d](data:text/html;base64,PHNjcmlwdD4=)\n\n\
                ![e](javascript:alert(2))\n\n![dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=)\n";
    let workspace = write_guide(&[("content/01-a.md", &lesson("A", 1, "", body))]);
    workspace.build_errors();
    let errors: Vec<(usize, usize, String)> = json_problems(&workspace)
        .into_iter()
        .map(|(_, line, column, message)| (line, column, message))
        .collect();
    assert_eq!(
        errors,
        [
            (8, 1, "`javascript:` links are not allowed".to_string()),
            (8, 30, "`javascript:` links are not allowed".to_string()),
            (9, 1, "`vbscript:` links are not allowed".to_string()),
            (9, 26, "`data:` links are not allowed".to_string()),
            (11, 1, "`javascript:` links are not allowed".to_string()),
        ]
    );
}

#[test]
fn a_nul_byte_in_a_lesson_is_an_error() {
    let body = "Before\0after.\n";
    let workspace = write_guide(&[("content/01-a.md", &lesson("A", 1, "", body))]);
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    assert_diag(error, "content/01-a.md", 6, 7, "NUL byte");
}

/// Front matter from another tool: every unknown key and every missing key of every file, and
/// every problem in guide.toml, in the first run (they used to come one per file per run).
#[test]
fn every_unknown_and_missing_key_is_reported_in_the_first_run() {
    let workspace = write_guide(&[
        (
            "guide.toml",
            "title = \"T\"\ncolour = \"red\"\n[print]\ntitel = \"x\"\n",
        ),
        (
            "content/01-a.md",
            "---\ntitle: A\nweight: 10\nlayout: episode\nquestions: [a]\n---\nText.\n",
        ),
        (
            "content/02-b.md",
            "---\ntitle: B\nweight: 5\nstep: 2\nduration: 5 min\n---\nText.\n",
        ),
    ]);
    let diagnostics = workspace.build_errors();
    let mut found: Vec<(String, usize, String)> = json_problems(&workspace)
        .into_iter()
        .map(|(file, line, _, message)| (file, line, message))
        .collect();
    found.sort();
    let expected = [
        ("content/01-a.md", 1, "the front matter has no `duration`"),
        ("content/01-a.md", 1, "the front matter has no `step`"),
        ("content/01-a.md", 3, "unknown front matter key `weight`"),
        ("content/01-a.md", 4, "unknown front matter key `layout`"),
        ("content/01-a.md", 5, "unknown front matter key `questions`"),
        ("content/02-b.md", 3, "unknown front matter key `weight`"),
        ("guide.toml", 2, "unknown key `colour`"),
        ("guide.toml", 4, "unknown key `titel` in [print]"),
    ];
    let expected: Vec<(String, usize, String)> = expected
        .iter()
        .map(|(f, l, m)| (f.to_string(), *l, m.to_string()))
        .collect();
    assert_eq!(found, expected, "{diagnostics:#?}");
    let titel = diagnostics
        .iter()
        .find(|d| d.message.contains("titel"))
        .unwrap();
    assert_help(titel, "the keys in [print] are paper");
}

/// One unclosed `[` in one lesson: one error, at the bracket, and no knock-on errors in the
/// lessons that need it or link to it.
#[test]
fn an_unclosed_bracket_is_one_error_at_the_bracket() {
    let workspace = write_guide(&[
        ("content/01-a.md", &lesson("A", 1, "", "Text.\n")),
        (
            "content/02-b.md",
            "---\ntitle: B\nstep: 2\nprerequisites: [a\nduration: 5 min\n---\nText.\n",
        ),
        (
            "content/03-c.md",
            &lesson("C", 3, "prerequisites: [b]\n", "See [b](02-b.md#x).\n"),
        ),
        (
            "content/04-d.md",
            &lesson("D", 4, "prerequisites: [c, b]\n", "See [b](02-b.md).\n"),
        ),
    ]);
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    assert_diag(error, "content/02-b.md", 4, 16, "this `[` is never closed");
}

#[test]
fn a_link_to_a_draft_says_it_is_a_draft() {
    let workspace = write_guide(&[
        (
            "content/01-a.md",
            &lesson("A", 1, "", "See [b](02-b.md).\n"),
        ),
        (
            "content/02-b.md",
            &lesson("B", 2, "draft: true\n", "Text.\n"),
        ),
    ]);
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    assert_diag(error, "content/01-a.md", 6, 5, "leads to a draft");
    assert_help(error, "--drafts");
}

#[test]
fn links_with_a_query_or_another_letter_case_are_resolved() {
    let workspace = write_guide(&[
        ("content/01-one.md", &lesson("One", 1, "", "## Part\n")),
        (
            "content/sub/02-two.md",
            &lesson(
                "Two",
                2,
                "",
                "[q](../01-one.md?x=1#part) and [c](../01-one.MD).\n",
            ),
        ),
    ]);
    let out = workspace.out();
    let run = workspace.build_to(&out, &[]);
    run.assert_code(0);
    let warnings = parse_diagnostics(&run.stderr);
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0]
            .message
            .contains("`01-one.md`, in other letter case")
    );
    let two = page(&out, "two.html");
    assert_eq!(
        hrefs(&two, "main .lesson-body a"),
        ["one.html#part", "one.html"]
    );
}

/// Every problem as `check --format json` lists it (one entry per problem, even where the
/// terminal shows several on one line together): file, line, column and message, sorted.
fn json_problems(workspace: &Workspace) -> Vec<(String, usize, usize, String)> {
    let run = workspace.check(&["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let mut problems: Vec<(String, usize, usize, String)> = json
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize,
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    problems.sort();
    problems
}

/// A misspelt or unknown key is one problem; the other values of the same front matter are
/// still checked in the same run.
#[test]
fn an_unknown_key_does_not_hide_the_other_values_problems() {
    let misspelt = "---\ntitle: A\nstepp: 1\nduration: soon\n---\nText.\n";
    let extra = "---\ntitle: B\nstep: 0\nduration: 10 min\nnotes:\n  - one\n  - two\n---\nText.\n";
    let workspace = write_guide(&[(A, misspelt), ("content/02-b.md", extra)]);
    let diagnostics = workspace.build_errors();
    let found: Vec<(String, usize, String)> = diagnostics
        .iter()
        .map(|d| (d.file.clone(), d.line, d.message.clone()))
        .collect();
    assert_eq!(diagnostics.len(), 4, "{found:#?}");
    assert_diag(&diagnostics[0], A, 3, 1, "unknown front matter key `stepp`");
    assert_help(&diagnostics[0], "did you mean `step`?");
    assert_diag(&diagnostics[1], A, 4, 11, "cannot read the duration `soon`");
    assert_diag(
        &diagnostics[2],
        "content/02-b.md",
        3,
        7,
        "`step` must be 1 or more",
    );
    assert_diag(
        &diagnostics[3],
        "content/02-b.md",
        5,
        1,
        "unknown front matter key `notes`",
    );
}

/// A misspelt key is read as the key it is closest to and the lesson (or page) stays in the
/// guide, so that its prerequisites, links, images and anchors, and links into it, are checked in
/// the same run (the lesson used to be dropped, hiding them all until the key was fixed).
#[test]
fn a_misspelt_key_does_not_hide_the_lessons_other_problems() {
    let misspelt = "---\ntitle: A\nstep: 1\ndurration: 10 min\nprerequisites: [nope]\n---\n\
        # A\n\n[x](missing.md)\n\n![i](img/no.png)\n\n[y](02-b.md#nowhere)\n";
    let page = "---\ntitel: P\n---\n[x](../gone.md)\n";
    let workspace = write_guide(&[
        (A, misspelt),
        (
            "content/02-b.md",
            &lesson("B", 2, "", "# B\n\n[a](01-a.md#zz)\n"),
        ),
        ("content/pages/p.md", page),
    ]);
    let diagnostics = workspace.build_errors();
    let found: Vec<(String, usize, String)> = json_problems(&workspace)
        .into_iter()
        .map(|(file, line, _, message)| (file, line, message))
        .collect();
    let expected = [
        (A, 4, "unknown front matter key `durration`"),
        (A, 5, "no lesson has the slug `nope`"),
        (
            A,
            9,
            "the link to `missing.md` does not lead to a lesson or page",
        ),
        (A, 11, "there is no file `img/no.png`"),
        (A, 13, "`b` has no heading `#nowhere`"),
        ("content/02-b.md", 8, "`a` has no heading `#zz`"),
        ("content/pages/p.md", 2, "unknown front matter key `titel`"),
        (
            "content/pages/p.md",
            4,
            "the link to `../gone.md` does not lead to a lesson or page",
        ),
    ];
    let expected: Vec<(String, usize, String)> = expected
        .iter()
        .map(|(f, l, m)| (f.to_string(), *l, m.to_string()))
        .collect();
    assert_eq!(found, expected, "{diagnostics:#?}");
}

/// A "did you mean" is written as it must be typed to work: percent-encoded where the link
/// would read a character as something else, relative to the linking file, and never what was
/// written (`![x](<img/h#sh.svg>)` used to get "did you mean `img/h#sh.svg`?", and a lesson in a
/// folder was pointed at a path from `content/`).
#[test]
fn suggestions_are_written_as_they_must_be_typed() {
    let workspace = write_guide(&[
        (
            "content/img/h#sh.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        (
            "content/basics/01-a.md",
            &lesson(
                "A",
                1,
                "",
                "![x](<../img/h#sh.svg>)\n\n[b](<02 c.md>)\n\n[c](fit-harness.md)\n",
            ),
        ),
        ("content/basics/02 b.md", &lesson("B", 2, "", "")),
        ("content/basics/fit-the-harness.md", &lesson("F", 3, "", "")),
    ]);
    let diagnostics = workspace.build_errors();
    let helps: Vec<(usize, &str)> = (diagnostics.iter())
        .map(|d| (d.line, d.help.as_deref().unwrap_or_default()))
        .collect();
    assert_eq!(
        helps,
        [
            (6, "did you mean `../img/h%23sh.svg`?"),
            (8, "did you mean `02%20b.md`?"),
            (10, "did you mean `fit-the-harness.md`?"),
        ],
        "{diagnostics:#?}"
    );
    // The suggestions work as written.
    let fixed = workspace
        .read("content/basics/01-a.md")
        .replace("<../img/h#sh.svg>", "../img/h%23sh.svg")
        .replace("<02 c.md>", "02%20b.md")
        .replace("fit-harness.md", "fit-the-harness.md");
    workspace.write("content/basics/01-a.md", &fixed);
    workspace.build_ok();
}
