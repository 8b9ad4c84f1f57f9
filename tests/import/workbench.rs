//! Carpentries Workbench lessons: the published git-novice lesson and made-up ones.

use crate::{import_files, import_fixture, strings};

const GIT_NOVICE: &str = "workbench-git-novice";

#[test]
fn episodes_become_lessons_in_config_order_each_requiring_the_one_before() {
    let imported = import_fixture(GIT_NOVICE);
    let expected = [
        "01-basics",
        "02-setup",
        "03-create",
        "04-changes",
        "05-history",
        "06-ignore",
        "07-github",
        "08-collab",
        "09-conflict",
        "10-open",
        "11-licensing",
        "12-citation",
        "13-hosting",
        "14-supplemental-rstudio",
    ];
    let mut previous: Option<&str> = None;
    for (index, name) in expected.iter().enumerate() {
        let file = format!("content/{name}.md");
        let front = imported.front(&file);
        assert_eq!(front["step"].as_u64(), Some(index as u64 + 1), "{file}");
        // The file's stem is the slug, so `02-setup.html` still answers.
        assert_eq!(front["slug"].as_str(), Some(*name), "{file}");
        assert_eq!(
            strings(&front["prerequisites"]),
            previous.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            "{file}"
        );
        previous = Some(name);
    }
    let basics = imported.front("content/01-basics.md");
    assert_eq!(basics["title"].as_str(), Some("Automated Version Control"));
    assert_eq!(basics["teaching"].as_u64(), Some(5));
    assert_eq!(basics["exercises"].as_u64(), Some(0));
    assert!(
        basics["duration"].is_null(),
        "teaching and exercises give the time"
    );
    assert_eq!(strings(&basics["aliases"]), ["instructor/01-basics.html"]);
}

#[test]
fn bodies_are_kept_as_written_below_their_new_front_matter() {
    let imported = import_fixture(GIT_NOVICE);
    let source = std::fs::read_to_string(imported.source.join("episodes/05-history.md")).unwrap();
    let source_body = source.splitn(3, "---\n").nth(2).unwrap();
    let body = imported.body("content/05-history.md");
    // Only link destinations change; every line keeps its place.
    assert_eq!(body.lines().count(), source_body.lines().count());
    let changed: Vec<(&str, &str)> = source_body
        .lines()
        .zip(body.lines())
        .filter(|(a, b)| a != b)
        .collect();
    for (before, after) in &changed {
        assert!(
            before.contains("](") && after.contains("](pages/"),
            "only links change:\n{before}\n{after}"
        );
    }
}

#[test]
fn the_lessons_config_goes_to_guide_toml() {
    let imported = import_fixture(GIT_NOVICE);
    let config: toml::Table = imported.read("guide.toml").parse().unwrap();
    assert_eq!(config["title"].as_str(), Some("Version Control with Git"));
    assert_eq!(config["author"].as_str(), Some("Software Carpentry"));
    assert_eq!(config["language"].as_str(), Some("en"));
    assert_eq!(
        config["base_url"].as_str(),
        Some("https://swcarpentry.github.io/git-novice")
    );
    let extra = config["extra"].as_table().unwrap();
    assert_eq!(extra["contact"].as_str(), Some("team@carpentries.org"));
    assert_eq!(extra["license"].as_str(), Some("CC-BY 4.0"));
    assert_eq!(extra["carpentry"].as_str(), Some("swc"));
    // Only keys guide.toml has: anything else is under [extra].
    let known = [
        "title",
        "author",
        "description",
        "language",
        "base_url",
        "theme",
        "extra",
    ];
    for key in config.keys() {
        assert!(known.contains(&key.as_str()), "unknown key {key}");
    }
}

#[test]
fn learners_profiles_and_instructors_become_pages_and_index_the_introduction() {
    let imported = import_fixture(GIT_NOVICE);
    let pages = [
        ("content/pages/01-discuss.md", "Discussion", false),
        (
            "content/pages/02-reference.md",
            "Git Cheatsheets for Quick Reference",
            false,
        ),
        ("content/pages/03-setup.md", "Setup", false),
        ("content/pages/04-profiles.md", "Learner Profiles", false),
        (
            "content/pages/05-instructor-notes.md",
            "Instructor Notes",
            true,
        ),
        ("content/pages/06-license.md", "Licenses", false),
    ];
    for (file, title, instructor) in pages {
        let front = imported.front(file);
        assert_eq!(front["title"].as_str(), Some(title), "{file}");
        assert_eq!(
            front["instructor"].as_bool().unwrap_or(false),
            instructor,
            "{file}"
        );
        assert!(
            front.get("step").is_none() && front.get("duration").is_none(),
            "{file}"
        );
    }
    // Each page answers at its Workbench address, the number in its name set aside.
    assert!(
        imported
            .front("content/pages/02-reference.md")
            .get("slug")
            .is_none()
    );
    assert!(
        imported
            .body("content/pages/04-profiles.md")
            .contains("This is a placeholder file.")
    );
    assert!(!imported.exists("content/pages/setup.md"));
    let intro = imported.read("content/_index.md");
    assert!(
        intro.starts_with("\nJimmy and Alfredo"),
        "no front matter kept: {intro}"
    );
    assert!(intro.contains("[version control](pages/02-reference.md#version-control)"));
}

#[test]
fn links_between_folders_and_to_figures_are_placed_for_the_new_layout() {
    let imported = import_fixture(GIT_NOVICE);
    let changes = imported.body("content/04-changes.md");
    assert!(changes.contains("](pages/02-reference.md#commit)"));
    assert!(changes.contains("](fig/git-staging-area.svg)"));
    let discuss = imported.body("content/pages/01-discuss.md");
    assert!(discuss.contains("](../02-setup.md)"), "{discuss}");
    let notes = imported.body("content/pages/05-instructor-notes.md");
    assert!(notes.contains("](../09-conflict.md)"));
    assert!(imported.exists("content/fig/git-staging-area.svg"));
    assert!(imported.exists("content/fig/RStudio_screenshot_commit.png"));
    assert_eq!(imported.dangling_links(), Vec::<(String, String)>::new());
}

#[test]
fn the_report_counts_what_was_made_and_says_what_to_do_next() {
    let imported = import_fixture(GIT_NOVICE);
    let stdout = &imported.run.stdout;
    assert!(
        stdout.starts_with("Imported a Carpentries Workbench lesson from "),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  14 lessons, 6 reference pages (1 for instructors), the introduction, 31 other files;"
        ),
        "{stdout}"
    );
    let last = stdout.lines().last().unwrap();
    assert_eq!(
        last,
        format!(
            "Next: `guidebook serve {}` and open the address it prints.",
            imported.dest.display()
        )
    );
}

#[test]
fn an_empty_episode_list_takes_the_folders_order_and_unlisted_episodes_are_drafts() {
    let episode =
        |title: &str| format!("---\ntitle: {title}\nteaching: 10\nexercises: 5\n---\n\nText.\n");
    let folder_order = import_files(&[
        ("config.yaml", "title: Order\nepisodes:\nlearners:\n"),
        ("episodes/b-second.md", &episode("Second")),
        ("episodes/a-first.md", &episode("First")),
    ]);
    assert_eq!(
        folder_order.front("content/a-first.md")["step"].as_u64(),
        Some(1)
    );
    assert_eq!(
        folder_order.front("content/b-second.md")["step"].as_u64(),
        Some(2)
    );
    let listed = import_files(&[
        (
            "config.yaml",
            "title: Order\nepisodes:\n- b-second.md\n- gone.md\n",
        ),
        ("episodes/b-second.md", &episode("Second")),
        ("episodes/a-first.md", &episode("First")),
    ]);
    assert_eq!(
        listed.front("content/b-second.md")["step"].as_u64(),
        Some(1)
    );
    let draft = listed.front("content/a-first.md");
    assert_eq!(draft["step"].as_u64(), Some(2));
    assert_eq!(draft["draft"].as_bool(), Some(true));
    assert_eq!(strings(&draft["prerequisites"]), ["b-second"]);
    assert!(
        listed
            .note_at("episodes/a-first.md", 0)
            .contains("imported as a draft")
    );
    assert!(
        listed
            .notes()
            .iter()
            .any(|n| n.starts_with("config.yaml: lists `gone.md`"))
    );
}

#[test]
fn a_spanish_lesson_keeps_its_language() {
    let imported = import_files(&[
        (
            "config.yaml",
            "carpentry: 'dc'\ntitle: 'Análisis de datos'\nlang: 'es'\nurl: 'https://datacarpentry.org/leccion-es/'\nepisodes:\n- 01-introduccion.md\n",
        ),
        (
            "episodes/01-introduccion.md",
            "---\ntitle: \"Introducción\"\nteaching: 20\nexercises: 10\n---\n\n::: objectives\n\n- Aprender.\n\n:::\n\nVer el [glosario](../learners/reference.md#dato).\n",
        ),
        (
            "learners/reference.md",
            "---\ntitle: 'Glosario'\n---\n\n[dato]{#dato}\n: Un valor.\n",
        ),
    ]);
    let config: toml::Table = imported.read("guide.toml").parse().unwrap();
    assert_eq!(config["language"].as_str(), Some("es"));
    assert_eq!(config["title"].as_str(), Some("Análisis de datos"));
    assert_eq!(config["author"].as_str(), Some("Data Carpentry"));
    let lesson = imported.front("content/01-introduccion.md");
    assert_eq!(lesson["title"].as_str(), Some("Introducción"));
    assert_eq!(lesson["teaching"].as_u64(), Some(20));
    assert!(
        imported
            .body("content/01-introduccion.md")
            .contains("[glosario](pages/01-reference.md#dato)")
    );
}

#[test]
fn links_md_definitions_are_added_to_the_pages_that_use_them() {
    let imported = import_files(&[
        ("config.yaml", "title: Links\n"),
        (
            "links.md",
            "[cran]: https://cran.r-project.org\n[unused]: https://example.org\n[setup]: ../learners/setup.md\n",
        ),
        (
            "episodes/intro.md",
            "---\ntitle: Intro\nteaching: 5\nexercises: 5\n---\n\nInstall [R][cran], see [setup].\n",
        ),
        ("learners/setup.md", "---\ntitle: Setup\n---\n\nNo links.\n"),
    ]);
    let body = imported.body("content/intro.md");
    assert_eq!(
        body,
        "\nInstall [R][cran], see [setup].\n\n[cran]: https://cran.r-project.org\n[setup]: pages/01-setup.md\n"
    );
    assert_eq!(imported.body("content/pages/01-setup.md"), "\nNo links.\n");
}

#[test]
fn figures_are_found_from_every_folder_as_the_workbench_site_did() {
    let imported = import_files(&[
        ("config.yaml", "title: Figures\n"),
        (
            "episodes/one.md",
            "---\ntitle: One\nteaching: 5\nexercises: 0\n---\n\n![a](fig/a.png) [data](data/d.csv) [two](two.html) [setup](setup.html#x)\n",
        ),
        (
            "learners/setup.md",
            "---\ntitle: Setup\n---\n\n![a](fig/a.png){alt='a'} ![b](../episodes/fig/a.png) <img src=\"fig/a.png\">\n[one](../episodes/one.md) [file](files/handout.pdf)\n",
        ),
        ("episodes/fig/a.png", "png"),
        ("episodes/data/d.csv", "a,b\n"),
        ("learners/files/handout.pdf", "pdf"),
        (
            "episodes/two.md",
            "---\ntitle: Two\nteaching: 5\nexercises: 0\n---\n",
        ),
    ]);
    assert!(imported.exists("content/fig/a.png"));
    assert!(imported.exists("content/data/d.csv"));
    assert!(imported.exists("content/files/handout.pdf"));
    assert_eq!(
        imported.body("content/one.md"),
        "\n![a](fig/a.png) [data](data/d.csv) [two](two.md) [setup](pages/01-setup.md#x)\n"
    );
    // Raw HTML is passed through to the page, at the site's top: its path leads from there.
    assert_eq!(
        imported.body("content/pages/01-setup.md"),
        "\n![a](../fig/a.png){alt='a'} ![b](../fig/a.png) <img src=\"fig/a.png\">\n[one](../one.md) [file](../files/handout.pdf)\n"
    );
}

#[test]
fn liquid_leftovers_are_noted_at_their_line_and_never_shown() {
    let imported = import_files(&[
        ("config.yaml", "title: Leftovers\n"),
        (
            "episodes/old.md",
            "---\ntitle: Old\nteaching: 5\nexercises: 0\n---\n\nSee {{ site.workshop_repo }} now.\n\n~~~\nls\n~~~\n{: .language-bash}\n\n{% include links.md %}\n",
        ),
    ]);
    assert_eq!(
        imported.body("content/old.md"),
        "\nSee <!-- guidebook import left out: site.workshop_repo --> now.\n\n~~~bash\nls\n~~~\n\n\n\n"
    );
    assert!(imported.note_at("episodes/old.md", 7).contains("Liquid"));
    assert_eq!(imported.notes().len(), 1, "{:?}", imported.notes());
}

#[test]
fn r_markdown_episodes_are_imported_with_plain_code_blocks_and_a_note() {
    let imported = import_files(&[
        ("config.yaml", "title: R\nepisodes:\n- plots.Rmd\n"),
        (
            "episodes/plots.Rmd",
            "---\ntitle: Plots\nteaching: 10\nexercises: 10\nsource: Rmd\n---\n\n```{r plot, fig.alt='x'}\nplot(1)\n```\n",
        ),
    ]);
    assert_eq!(imported.body("content/plots.md"), "\n```r\nplot(1)\n```\n");
    let front = imported.front("content/plots.md");
    assert_eq!(front["extra"]["source"].as_str(), Some("Rmd"));
    assert!(
        imported
            .note_at("episodes/plots.Rmd", 7)
            .contains("not run")
    );
}

#[test]
fn an_episode_without_times_gets_an_estimated_duration_with_a_comment() {
    let imported = import_files(&[
        ("config.yaml", "title: Times\n"),
        (
            "episodes/a.md",
            "---\ntitle: A\nteaching: 0\nexercises: 0\n---\n\nShort.\n",
        ),
        ("episodes/b.md", "---\ntitle: B\n---\n\nShort.\n"),
    ]);
    let a = imported.front("content/a.md");
    assert_eq!(a["duration"].as_str(), Some("5 min"));
    // Beside a duration, the times must add up to it: they stay in the comment.
    assert!(a.get("teaching").is_none() && a.get("exercises").is_none());
    assert!(imported.read("content/a.md").contains(
        "duration: 5 min  # teaching: 0 and exercises: 0 in the source add up to 0 min: estimated"
    ));
    assert!(
        imported
            .read("content/b.md")
            .contains("# no teaching or exercises in the source")
    );
}

#[test]
fn a_lesson_still_in_jekylls_syntax_gets_the_workbenchs_blocks() {
    let imported = import_files(&[
        (
            "config.yaml",
            "title: Datos\nlang: es\nlife_cycle: 'transition-step-2'\n",
        ),
        (
            "episodes/01-datos.md",
            "---\ntitle: Datos\nteaching: 30\nexercises: 30\nquestions:\n    - \"¿Qué es Pandas?\"\nobjectives:\n    - \"Leer un CSV.\"\nkeypoints:\n    - \"Pandas lee tablas.\"\n---\n\n~~~\nimport pandas as pd\n~~~\n{: .language-python}\n\n> ## Reto\n>\n> Lee `surveys.csv`.\n>\n> > ## Solución\n> > ~~~\n> > pd.read_csv(\"surveys.csv\")\n> > ~~~\n> > {: .language-python}\n> {: .solution}\n{: .challenge}\n",
        ),
    ]);
    let text = imported.read("content/01-datos.md");
    let front = imported.front("content/01-datos.md");
    assert!(
        front.get("questions").is_none() && front.get("extra").is_none(),
        "{text}"
    );
    assert_eq!(
        imported.body("content/01-datos.md"),
        "\n::::::: questions\n\n- ¿Qué es Pandas?\n\n:::::::\n\n::::::: objectives\n\n- Leer un CSV.\n\n:::::::\n\n~~~python\nimport pandas as pd\n~~~\n\n::: challenge\n## Reto\n\nLee `surveys.csv`.\n::: solution\n## Solución\n~~~python\npd.read_csv(\"surveys.csv\")\n~~~\n\n:::\n:::\n\n::::::: keypoints\n\n- Pandas lee tablas.\n\n:::::::\n"
    );
    assert!(imported.notes().is_empty(), "{:?}", imported.notes());
    assert!(
        imported
            .run
            .stdout
            .contains("5 blocks made from Jekyll's syntax"),
        "{}",
        imported.run.stdout
    );
}
