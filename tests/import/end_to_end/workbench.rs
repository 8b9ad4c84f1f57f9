//! A Carpentries Workbench lesson imported and built: git-novice (the published lesson) and
//! small made-up lessons for what it does not use (tabs, every block, Spanish, Jekyll-era
//! syntax, Liquid).

use std::fs;

use guidebook::model::duration::DurationRange;

use super::*;
use crate::{import_files, import_fixture};

/// The episodes of the git-novice fixture, in config.yaml's order: (stem, teaching, exercises).
fn git_novice_times() -> Vec<(String, u64, u64)> {
    let episodes = fixture_path("import/workbench-git-novice/episodes");
    let mut names: Vec<String> = fs::read_dir(&episodes)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = fs::read_to_string(episodes.join(&name)).unwrap();
            let minutes = |key: &str| {
                (text.lines())
                    .find_map(|line| line.strip_prefix(&format!("{key}:")))
                    .and_then(|value| value.trim().parse().ok())
                    .unwrap_or(0)
            };
            let stem = name.trim_end_matches(".md").to_string();
            (stem, minutes("teaching"), minutes("exercises"))
        })
        .collect()
}

#[test]
fn the_workbench_lesson_builds_and_answers_at_its_old_addresses() {
    let imported = import_fixture("workbench-git-novice");
    let out = build_clean(&imported, &[]);
    // The episodes keep their names, so their addresses are those of the Workbench's site.
    for (stem, _, _) in git_novice_times() {
        let lesson = page(&out, &format!("{stem}.html"));
        assert_eq!(select(&lesson, "main .lesson-body").len(), 1, "{stem}");
    }
    for name in [
        "reference.html",
        "setup.html",
        "discuss.html",
        "profiles.html",
        "license.html",
        "key-points.html",
    ] {
        let html = page(&out, name);
        assert_eq!(select(&html, "main").len(), 1, "{name}");
        assert!(
            select(&html, "meta[http-equiv=refresh]").is_empty(),
            "{name}"
        );
    }
    // The learners' setup page and the setup episode do not collide.
    assert_eq!(
        heading_text(select_one(&page(&out, "02-setup.html"), "main h1")),
        "Setting Up Git"
    );
    assert_eq!(
        heading_text(select_one(&page(&out, "setup.html"), "main h1")),
        "Setup"
    );
    // The Workbench's instructor view answers too, as redirects.
    assert_eq!(
        redirect_target(&out, "instructor/02-setup.html"),
        "02-setup.html"
    );
    assert_eq!(
        redirect_target(&out, "instructor/reference.html"),
        "reference.html"
    );
    assert_eq!(
        redirect_target(&out, "instructor/LICENSE.html"),
        "license.html"
    );
}

#[test]
fn every_link_of_the_built_lesson_resolves_glossary_terms_and_figures_included() {
    let imported = import_fixture("workbench-git-novice");
    let out = build_clean(&imported, &[]);
    let (unresolved, checked) = unresolved_links(&out);
    assert!(unresolved.is_empty(), "{unresolved:#?}");
    assert!(checked > 1000, "only {checked} links");
    // The glossary's Pandoc spans are anchors, and the episodes' links into it lead there.
    let reference = page(&out, "reference.html");
    for term in ["changeset", "commit", "conflict", "http", "merge"] {
        let span = select_one(&reference, &format!("main span#{term}"));
        assert!(!text(span).is_empty(), "{term}");
    }
    assert!(!text(select_one(&reference, "main")).contains("]{#"));
    let basics = page(&out, "01-basics.html");
    let links = hrefs(&basics, "main .lesson-body a");
    assert!(
        links.contains(&"reference.html#commit".to_string()),
        "{links:?}"
    );
    // Figures, from the episodes' fig/ folder.
    let changes = page(&out, "04-changes.html");
    let images: Vec<&str> = (select(&changes, "main img").into_iter())
        .map(|img| attr(img, "src"))
        .collect();
    assert!(images.contains(&"fig/git-staging-area.svg"), "{images:?}");
}

#[test]
fn teaching_and_exercises_show_on_each_lesson_and_add_up_in_the_schedule() {
    let imported = import_fixture("workbench-git-novice");
    let out = build_clean(&imported, &[]);
    let times = git_novice_times();
    let split = |teaching: u64, exercises: u64| match exercises {
        0 => format!("Teaching {teaching} min"),
        _ => format!("Teaching {teaching} min · Exercises {exercises} min"),
    };
    for (stem, teaching, exercises) in &times {
        let lesson = page(&out, &format!("{stem}.html"));
        assert_eq!(
            text(select_one(&lesson, ".lesson-meta .meta-split")),
            split(*teaching, *exercises),
            "{stem}"
        );
    }
    let handout = page(&out, "handout.html");
    let rows: Vec<String> = select(&handout, ".handout-schedule tbody .col-time")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(rows.len(), times.len());
    for (row, (stem, teaching, exercises)) in rows.iter().zip(&times) {
        assert!(
            row.ends_with(&split(*teaching, *exercises)),
            "{stem}: {row}"
        );
    }
    // The totals are the sums of the episodes' minutes, in hours as guidebook rounds them
    // (to the half hour): 187 + 5 minutes.
    let teaching: u64 = times.iter().map(|t| t.1).sum();
    let exercises: u64 = times.iter().map(|t| t.2).sum();
    let shown = |minutes: u64| DurationRange::minutes(minutes).humanize();
    let home = page(&out, "index.html");
    assert_eq!(
        text(select_one(&home, ".facts div:first-child dd")),
        format!(
            "{} (Teaching {} · Exercises {})",
            shown(teaching + exercises),
            shown(teaching),
            shown(exercises)
        )
    );
    let handout_total = text(select_one(&handout, ".handout-sub"));
    let expected = format!(
        "Total time: {} (Teaching {} · Exercises {}) · 14 lessons",
        shown(teaching + exercises),
        shown(teaching),
        shown(exercises)
    );
    assert!(handout_total.starts_with(&expected), "{handout_total}");
}

#[test]
fn instructors_pages_are_only_in_the_instructors_edition() {
    let imported = import_fixture("workbench-git-novice");
    let learners = build_clean(&imported, &[]);
    assert!(!learners.join("instructor-notes.html").exists());
    assert!(!learners.join("instructor/instructor-notes.html").exists());
    assert!(
        !searched_pages(&learners)
            .iter()
            .any(|u| u.contains("instructor-notes"))
    );
    let print = page(&learners, "print.html");
    assert!(!text(select_one(&print, "body")).contains("Instructor Notes"));
    let lesson = page(&learners, "01-basics.html");
    assert!(
        !hrefs(&lesson, ".sidebar a")
            .iter()
            .any(|h| h.contains("instructor-notes"))
    );

    let instructors = build_clean(&imported, &["--instructor"]);
    let notes = page(&instructors, "instructor-notes.html");
    assert_eq!(
        heading_text(select_one(&notes, "main h1")),
        "Instructor Notes"
    );
    let lesson = page(&instructors, "01-basics.html");
    assert!(hrefs(&lesson, ".sidebar a").contains(&"instructor-notes.html".to_string()));
    assert_eq!(
        redirect_target(&instructors, "instructor/instructor-notes.html"),
        "instructor-notes.html"
    );
    let print = page(&instructors, "print.html");
    assert!(text(select_one(&print, "body")).contains("Instructor Notes"));
}

#[test]
fn the_key_points_page_gathers_every_episodes_key_points() {
    let imported = import_fixture("workbench-git-novice");
    let out = build_clean(&imported, &[]);
    let key_points = page(&out, "key-points.html");
    let groups = select(&key_points, "main section.key-points-group");
    let links: Vec<String> = (groups.iter())
        .map(|group| attr(select_in(*group, "h2 a")[0], "href").to_string())
        .collect();
    let episodes: Vec<String> = (git_novice_times().into_iter())
        .map(|(stem, _, _)| format!("{stem}.html"))
        .collect();
    assert_eq!(links, episodes);
    for group in groups {
        assert!(!select_in(group, "li").is_empty());
    }
    let basics = page(&out, "01-basics.html");
    assert!(hrefs(&basics, ".sidebar a").contains(&"key-points.html".to_string()));
}

#[test]
fn questions_objectives_challenges_and_spoilers_show_as_the_workbench_shows_them() {
    let imported = import_fixture("workbench-git-novice");
    let out = build_clean(&imported, &[]);
    let basics = page(&out, "01-basics.html");
    let overview = select_one(&basics, "main .overview");
    assert!(!select_in(overview, ".overview-questions li").is_empty());
    assert!(!select_in(overview, ".overview-objectives li").is_empty());
    assert_eq!(text(select_in(overview, ".overview-time")[0]), "Time 5 min");
    let changes = page(&out, "04-changes.html");
    let spoiler = select_one(&changes, "main details.block-spoiler");
    assert_eq!(text(select_in(spoiler, "summary")[0]), "Markdown");
    let challenges = select(&changes, "main .block-challenge");
    assert!(!challenges.is_empty());
    for challenge in challenges {
        for solution in select_in(challenge, "details.block-solution") {
            assert!(solution.value().attr("open").is_none());
        }
    }
    for (name, shown) in shown_texts(&out) {
        assert!(!shown.contains(":::"), "{name} shows a fence of colons");
    }
}

/// A lesson using what git-novice does not: tabs, every other block, `links.md`.
fn made_up_lesson() -> crate::Imported {
    import_files(&[
        ("config.yaml", "title: Tabs\nepisodes:\n- 01-install.md\n"),
        (
            "episodes/01-install.md",
            "---\ntitle: Install\nteaching: 10\nexercises: 5\n---\n\n\
             ::: questions\n- How?\n:::\n\n::: objectives\n- Install.\n:::\n\n\
             ::: tab\n\n### Windows\n\nUse the installer.\n\n### macOS\n\nUse [Homebrew][brew].\n\n:::\n\n\
             ::: group-tab\n\n### Python\n\n```python\nprint(1)\n```\n\n### R\n\n```r\nprint(1)\n```\n\n:::\n\n\
             ::: callout\nA callout.\n:::\n\n::: caution\nCareful.\n:::\n\n::: discussion\nTalk.\n:::\n\n\
             ::: prereq\nA shell.\n:::\n\n::: checklist\n- [ ] Done\n:::\n\n::: testimonial\nGood.\n:::\n\n\
             ::: instructor\nA note.\n:::\n\n\
             :::: challenge\n## Try\n\nDo it.\n\n::: hint\nLook.\n:::\n\n::: solution\nDone.\n:::\n::::\n\n\
             ::: spoiler\n### More\n\nDetails.\n:::\n\n::: keypoints\n- Installed.\n:::\n",
        ),
        ("links.md", "[brew]: https://brew.sh\n"),
    ])
}

#[test]
fn tabs_and_every_workbench_block_render() {
    let imported = made_up_lesson();
    let out = build_clean(&imported, &[]);
    let lesson = page(&out, "01-install.html");
    let tabs = select_one(&lesson, "main div.block-tab[data-tabs]");
    let titles: Vec<String> = (select_in(tabs, "section.tab-panel > .tab-title").into_iter())
        .map(heading_text)
        .collect();
    assert_eq!(titles, ["Windows", "macOS"]);
    let group = select_one(&lesson, "main div.block-group-tab[data-tabs=group]");
    assert_eq!(select_in(group, "section.tab-panel").len(), 2);
    for kind in [
        "callout",
        "caution",
        "discussion",
        "prereq",
        "checklist",
        "testimonial",
        "challenge",
        "hint",
        "solution",
        "spoiler",
        "keypoints",
    ] {
        assert_eq!(
            select(&lesson, &format!("main .block-{kind}")).len(),
            1,
            "{kind}"
        );
    }
    // The instructor's note is in the instructors' edition only.
    assert!(select(&lesson, "main .block-instructor").is_empty());
    let instructors = build_clean(&imported, &["--instructor"]);
    let lesson_for_instructors = page(&instructors, "01-install.html");
    assert_eq!(
        select(&lesson_for_instructors, "main .block-instructor").len(),
        1
    );
    // links.md's definitions apply.
    assert!(hrefs(&lesson, "main a").contains(&"https://brew.sh".to_string()));
    // In print, every tab shows.
    let print = page(&out, "print.html");
    assert_eq!(select(&print, "section.tab-panel").len(), 4);
    for (name, shown) in shown_texts(&out) {
        assert!(!shown.contains(":::"), "{name} shows a fence of colons");
    }
}

#[test]
fn a_broken_link_of_the_source_is_reported_at_the_imported_files_line() {
    let imported = import_files(&[
        ("config.yaml", "title: Broken\n"),
        (
            "episodes/01-intro.md",
            "---\ntitle: Intro\nteaching: 5\nexercises: 5\n---\n\nText.\n\nSee [the missing episode](02-missing.md).\n",
        ),
    ]);
    let out = imported.tmp.path().join("out");
    let run = run(&[
        "build",
        imported.dest.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    run.assert_code(1);
    let diagnostics = parse_diagnostics(&run.stderr);
    let error = single_error(&diagnostics);
    let written = imported.read("content/01-intro.md");
    let line = 1 + written
        .lines()
        .position(|l| l.starts_with("See [the missing episode]"))
        .unwrap();
    assert_diag(
        error,
        "content/01-intro.md",
        line,
        5,
        "the link to `02-missing.md` does not lead to a lesson or page",
    );
    // The body kept its lines: the link is as many lines below the front matter as it was.
    let body_start = 1 + written.lines().skip(1).position(|l| l == "---").unwrap() + 1;
    assert_eq!(line - body_start, 9 - 5);
}

#[test]
fn a_spanish_lesson_is_built_in_spanish() {
    let imported = import_files(&[
        ("config.yaml", "title: Git\nlang: es\n"),
        (
            "episodes/01-intro.md",
            "---\ntitle: Introducción\nteaching: 5\nexercises: 10\n---\n\n::: keypoints\n- Git.\n:::\n",
        ),
    ]);
    let out = build_clean(&imported, &[]);
    let lesson = page(&out, "01-intro.html");
    assert_eq!(attr(select_one(&lesson, "html"), "lang"), "es");
    assert_eq!(
        text(select_one(&lesson, ".lesson-meta .meta-split")),
        "Exposición 5 min · Ejercicios 10 min"
    );
    assert!(out.join("key-points.html").is_file());
}

#[test]
fn jekyll_era_syntax_and_liquid_are_never_shown_as_text() {
    let imported = import_files(&[
        ("config.yaml", "title: Old\n"),
        (
            "episodes/01-old.md",
            "---\ntitle: Old\nteaching: 5\nexercises: 5\nquestions:\n- Why?\nkeypoints:\n- Because.\n---\n\n\
             {% include base_path.html %}\n\n\
             > ## Try\n>\n> Do it.\n>\n> > ## Solution\n> >\n> > Done.\n> {: .solution}\n{: .challenge}\n\n\
             ```\nprint(1)\n```\n{: .language-python}\n\n{{ site.github.url }}\n",
        ),
    ]);
    let notes = imported.notes();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("episodes/01-old.md:11: ")),
        "{notes:#?}"
    );
    let out = build_clean(&imported, &[]);
    let lesson = page(&out, "01-old.html");
    let challenge = select_one(&lesson, "main .block-challenge");
    assert_eq!(select_in(challenge, "details.block-solution").len(), 1);
    assert_eq!(
        select(&lesson, "main .code-block[data-lang=python]").len(),
        1
    );
    assert_eq!(
        select(&lesson, "main .overview .overview-questions li").len(),
        1
    );
    for (name, shown) in shown_texts(&out) {
        for leftover in ["{%", "{{", "{:"] {
            assert!(!shown.contains(leftover), "{name} shows `{leftover}`");
        }
    }
}
