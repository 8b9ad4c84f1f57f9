//! Guides in several languages, on the `languages` fixture (English, with French mostly and
//! Spanish barely translated): each language's pages in its folder with the theme's words in
//! that language, the switcher and `hreflang` links between the same page in each language,
//! untranslated pages marked, the checks a translation must pass, and what `check` reports.

mod common;

use std::fs;
use std::time::{Duration, SystemTime};

use common::*;

const LESSONS: [&str; 3] = ["water.html", "light.html", "repot.html"];

fn built() -> (Workspace, std::path::PathBuf) {
    let workspace = copy_fixture("languages");
    let out = workspace.build_ok();
    (workspace, out)
}

#[test]
fn every_language_has_every_page_in_its_folder_in_its_own_words() {
    let (_workspace, out) = built();
    for (folder, language) in [("", "en"), ("fr/", "fr"), ("es/", "es")] {
        for name in
            LESSONS
                .iter()
                .chain(&["index.html", "glossary.html", "print.html", "handout.html"])
        {
            let html = page(&out, &format!("{folder}{name}"));
            assert_eq!(
                attr(select_one(&html, "html"), "lang"),
                language,
                "{folder}{name}"
            );
        }
        assert!(
            out.join(format!("{folder}assets/search-index.js"))
                .is_file(),
            "{folder}"
        );
    }
    assert!(
        !out.join("fr/404.html").exists(),
        "one 404 page serves every language"
    );
    assert!(
        !out.join("fr/assets/guidebook.css").exists(),
        "one copy of the theme's files"
    );
    assert!(
        !out.join("fr/img").exists(),
        "one copy of the files beside the lessons"
    );

    let water = page(&out, "fr/water.html");
    assert_eq!(
        text(select_one(&water, "h1")),
        "Arroser quand la terre est sèche"
    );
    assert_eq!(text(select_one(&water, ".strip-here")), "Étape 1 sur 3");
    assert_eq!(text(select_one(&water, ".skip-link")), "Aller au contenu");
    let light = page(&out, "fr/light.html");
    assert_eq!(
        text(select_one(&light, ".lesson-meta .meta-item")),
        "Durée 2 heures",
        "durations in French"
    );
    let image = select_one(&water, ".lesson-body img");
    assert_eq!(attr(image, "src"), "../img/leaf.svg");
    assert!(out.join("img/leaf.svg").is_file());
    assert_eq!(
        attr(image, "alt"),
        "Un doigt enfoncé dans la terre d’un pot"
    );

    // Theme words overridden in guide.toml, for the guide and for one language.
    let heading = |folder: &str| {
        text(select_one(
            &page(&out, &format!("{folder}index.html")),
            "#lessons-heading",
        ))
    };
    assert_eq!(heading(""), "The lessons, in order");
    assert_eq!(heading("fr/"), "Les leçons, dans l’ordre");
    assert_eq!(
        heading("es/"),
        "Las lecciones",
        "Spanish keeps its built-in words"
    );
    let home = page(&out, "fr/index.html");
    assert_eq!(
        text(select_one(&home, ".site-title span")),
        "Des plantes d’intérieur en forme"
    );
    assert!(
        text(select_one(&home, ".facts")).contains("1–2 jours"),
        "the total in French"
    );
}

#[test]
fn the_switcher_and_hreflang_links_lead_to_the_same_page_in_each_language() {
    let (_workspace, out) = built();
    for folder in ["", "fr/", "es/"] {
        for name in LESSONS.iter().chain(&["index.html", "glossary.html"]) {
            let path = format!("{folder}{name}");
            let html = page(&out, &path);
            let switcher = select(&html, ".language-switcher a");
            let languages: Vec<&str> = switcher.iter().map(|a| attr(*a, "hreflang")).collect();
            assert_eq!(languages, ["en", "es", "fr"], "{path}");
            let names: Vec<String> = switcher.iter().map(|a| text(*a)).collect();
            assert_eq!(names, ["English", "Español", "Français"], "{path}");
            let current: Vec<&str> = (switcher.iter())
                .filter(|a| a.value().attr("aria-current").is_some())
                .map(|a| attr(*a, "hreflang"))
                .collect();
            let own = if folder.is_empty() {
                "en"
            } else {
                folder.trim_end_matches('/')
            };
            assert_eq!(current, [own], "{path}");
            for link in &switcher {
                let target = out.join(folder).join(attr(*link, "href"));
                let target = if target.is_dir() {
                    target.join("index.html")
                } else {
                    target
                };
                assert!(
                    target.is_file(),
                    "{path}: {} leads nowhere",
                    attr(*link, "href")
                );
                let same = target.file_name().unwrap().to_str().unwrap();
                assert_eq!(same, *name, "{path}: the switcher leads to another page");
            }
            let alternates: Vec<(&str, &str)> = select(&html, "link[rel=alternate][hreflang]")
                .into_iter()
                .map(|l| (attr(l, "hreflang"), attr(l, "href")))
                .collect();
            let codes: Vec<&str> = alternates.iter().map(|(code, _)| *code).collect();
            assert_eq!(codes, ["en", "x-default", "es", "fr"], "{path}");
            assert_eq!(
                alternates[0].1, alternates[1].1,
                "x-default is the default language"
            );
        }
    }
}

#[test]
fn an_absolute_base_url_makes_hreflang_canonical_and_sitemap_absolute_per_language() {
    let workspace = copy_fixture("languages");
    let toml = workspace.read("guide.toml");
    workspace.write(
        "guide.toml",
        &toml.replacen(
            "language = \"en\"",
            "language = \"en\"\nbase_url = \"https://plants.example/\"",
            1,
        ),
    );
    let out = workspace.build_ok();
    let light = page(&out, "fr/light.html");
    assert_eq!(
        attr(select_one(&light, "link[rel=canonical]"), "href"),
        "https://plants.example/fr/light.html"
    );
    let alternates: Vec<&str> = select(&light, "link[rel=alternate][hreflang]")
        .into_iter()
        .map(|l| attr(l, "href"))
        .collect();
    assert_eq!(
        alternates,
        [
            "https://plants.example/light.html",
            "https://plants.example/light.html",
            "https://plants.example/es/light.html",
            "https://plants.example/fr/light.html"
        ]
    );
    let home = page(&out, "es/index.html");
    assert_eq!(
        attr(select_one(&home, "link[rel=canonical]"), "href"),
        "https://plants.example/es/"
    );
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for url in [
        "https://plants.example/",
        "https://plants.example/fr/",
        "https://plants.example/es/water.html",
        "https://plants.example/fr/glossary.html",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{url}</loc>")),
            "{url} not in {sitemap}"
        );
    }
    assert!(!out.join("fr/sitemap.xml").exists());
}

#[test]
fn an_untranslated_page_shows_the_default_language_and_says_so() {
    let (_workspace, out) = built();
    let light = page(&out, "es/light.html");
    let note = select_one(&light, ".untranslated-note");
    assert_eq!(
        text(note),
        "Esta página aún no está traducida; se muestra en su idioma original (English)."
    );
    assert_eq!(attr(select_one(&light, "h1"), "lang"), "en");
    assert_eq!(text(select_one(&light, "h1")), "Find the right light");
    assert_eq!(attr(select_one(&light, ".lesson-body"), "lang"), "en");
    assert_eq!(
        text(select_one(&light, ".strip-here")),
        "Paso 2 de 3",
        "the frame stays Spanish"
    );
    // Its link to a translated lesson's heading holds, since the heading kept its id.
    let link = select_one(&light, ".lesson-body a[href^='water.html']");
    assert_eq!(attr(link, "href"), "water.html#check-the-soil");
    assert!(ids(&page(&out, "es/water.html")).contains("check-the-soil"));

    // Where an untranslated title stands on its own, it says its language too.
    let sidebar_titles: Vec<(String, &str)> = select(&light, ".sidebar-title")
        .into_iter()
        .map(|title| (text(title), title.value().attr("lang").unwrap_or("")))
        .collect();
    assert_eq!(
        sidebar_titles,
        [
            ("Riega cuando la tierra esté seca".to_string(), ""),
            ("Find the right light".to_string(), "en"),
            ("Repot in spring".to_string(), "en"),
        ]
    );
    let water = page(&out, "es/water.html");
    assert!(
        select(&water, ".untranslated-note").is_empty(),
        "a translated lesson is not marked"
    );
    assert!(select(&page(&out, "fr/light.html"), ".untranslated-note").is_empty());
    let intro = page(&out, "es/index.html");
    assert_eq!(
        attr(select_one(&intro, ".intro"), "lang"),
        "en",
        "no _index.es.md"
    );
    assert!(select(&page(&out, "fr/index.html"), ".untranslated-note").is_empty());
    let glossary = page(&out, "es/glossary.html");
    assert_eq!(attr(select_one(&glossary, "article"), "lang"), "en");
    assert_eq!(
        text(select_one(&page(&out, "fr/glossary.html"), "h1")),
        "Glossaire"
    );
    // A link to a translation's file leads to the page, like a link to the original.
    let french_light = page(&out, "fr/light.html");
    let to_water = select_one(&french_light, ".lesson-body a[href^='water.html']");
    assert_eq!(attr(to_water, "href"), "water.html#check-the-soil");
}

#[test]
fn each_language_searches_and_prints_its_own_text() {
    let (_workspace, out) = built();
    let index = fs::read_to_string(out.join("fr/assets/search-index.js")).unwrap();
    assert!(
        index.contains("Arroser quand la terre est sèche"),
        "{index}"
    );
    assert!(!index.contains("Water when the soil is dry"), "{index}");
    let print = page(&out, "fr/print.html");
    assert_eq!(
        text(select_one(&print, ".cover-kicker")),
        "Un guide d’apprentissage en 3 étapes"
    );
    assert_eq!(
        attr(select_one(&print, "link[rel=stylesheet]"), "href"),
        "../assets/print.css"
    );
    let handout = page(&out, "fr/handout.html");
    assert_eq!(text(select_one(&handout, "#h-schedule")), "Programme");
}

#[test]
fn a_translation_that_disagrees_with_its_original_is_an_error_at_its_line() {
    let workspace = copy_fixture("languages");
    workspace.write(
        "content/02-light.es.md",
        "---\ntitle: Busca la luz\nstep: 5\nduration: 3 horas\nprerequisites: []\ngear: [pot]\n---\n\nTexto.\n",
    );
    workspace.write(
        "content/04-prune.fr.md",
        "---\ntitle: Tailler\n---\n\nTexte.\n",
    );
    let errors = workspace.build_errors();
    let file = "content/02-light.es.md";
    let step = errors
        .iter()
        .find(|d| d.message.starts_with("`step` differs"))
        .expect("step");
    assert_diag(
        step,
        file,
        3,
        7,
        "`step` differs from the original (content/02-light.md has 2)",
    );
    let duration = errors
        .iter()
        .find(|d| d.message.starts_with("`duration` differs"))
        .expect("duration");
    assert_diag(
        duration,
        file,
        4,
        11,
        "`duration` differs from the original (content/02-light.md has 2 hours)",
    );
    assert_help(duration, "leave `duration:` out to inherit it");
    let prerequisites = errors
        .iter()
        .find(|d| d.message.starts_with("`prerequisites` differs"))
        .expect("prerequisites");
    assert_eq!((prerequisites.file.as_str(), prerequisites.line), (file, 5));
    let gear = errors
        .iter()
        .find(|d| d.message.starts_with("`gear` differs"))
        .expect("gear");
    assert_eq!((gear.file.as_str(), gear.line), (file, 6));
    let orphan = errors
        .iter()
        .find(|d| d.file == "content/04-prune.fr.md")
        .expect("orphan");
    assert_eq!(
        orphan.message,
        "there is no `content/04-prune.md` for this file to translate"
    );
}

#[test]
fn a_translation_may_restate_what_it_inherits_in_its_own_words() {
    // `02-light.fr.md` says `duration: 2 heures` and `01-water.es.md` `10 minutos`: the same
    // durations as the originals', so the fixture builds.
    let (_workspace, out) = built();
    assert!(out.join("fr/light.html").is_file());
}

#[test]
fn unknown_words_and_languages_in_guide_toml_are_errors_with_a_suggestion() {
    let workspace = copy_fixture("languages");
    let toml = workspace.read("guide.toml");
    let toml = toml.replacen(
        "lessons_heading = \"The lessons, in order\"",
        "lesons_heading = \"x\"\nstep_of = \"Step {stpe}\"\nlesson_count = { one = \"x\" }",
        1,
    );
    let toml = toml.replacen(
        "[languages.es]\n",
        "[languages.es]\nname = \"Español\"\n",
        1,
    );
    workspace.write("guide.toml", &toml);
    let errors = workspace.build_errors();
    let unknown = errors
        .iter()
        .find(|d| d.message.starts_with("unknown key `lesons_heading`"))
        .expect("unknown key");
    assert_eq!(
        (unknown.file.as_str(), unknown.line, unknown.column),
        ("guide.toml", 8, 1)
    );
    assert_help(unknown, "did you mean `lessons_heading`?");
    let placeholder = errors
        .iter()
        .find(|d| d.message.contains("no placeholder `{stpe}`"))
        .expect("placeholder");
    assert_help(placeholder, "it has {step}, {total}");
    assert!(
        errors
            .iter()
            .any(|d| d.message == "`lesson_count` has no `other` form"),
        "{errors:#?}"
    );
    let name = errors
        .iter()
        .find(|d| {
            d.message
                .starts_with("unknown key `name` in [languages.es]")
        })
        .expect("language key");
    assert_help(
        name,
        "the keys in [languages.es] are title, description, strings",
    );
}

#[test]
fn check_lists_missing_and_out_of_date_translations_as_warnings() {
    let workspace = copy_fixture("languages");
    // The original changed after its French translation was last saved.
    let original = fs::File::options()
        .write(true)
        .open(workspace.guide_path("content/01-water.md"))
        .unwrap();
    original
        .set_modified(SystemTime::now() + Duration::from_secs(60))
        .unwrap();
    let run = workspace.check(&["--format", "json"]);
    run.assert_code(0);
    let diagnostics: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let warnings: Vec<(String, String)> = (diagnostics.as_array().unwrap().iter())
        .filter(|d| d["severity"] == "warning")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expect = |file: &str, message: &str| (file.to_string(), message.to_string());
    for missing in [
        expect("content/02-light.md", "not translated into `es`"),
        expect("content/03-repot.md", "not translated into `es`"),
        expect("content/03-repot.md", "not translated into `fr`"),
        expect("content/pages/glossary.md", "not translated into `es`"),
        expect(
            "content/01-water.fr.md",
            "this translation may be out of date",
        ),
        expect(
            "content/01-water.es.md",
            "this translation may be out of date",
        ),
    ] {
        assert!(
            warnings.contains(&missing),
            "{missing:?} not in {warnings:#?}"
        );
    }
    assert_eq!(warnings.len(), 6, "{warnings:#?}");
    // A build says nothing of them.
    let build = workspace.build_to(&workspace.out(), &[]);
    build.assert_code(0);
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);
}

#[test]
fn a_language_without_built_in_words_is_a_warning_and_takes_the_guide_s_own() {
    let workspace = write_guide(&[
        (
            "guide.toml",
            "title = \"Rośliny\"\nlanguage = \"pl\"\n[strings]\nlesson_count = { one = \"{count} lekcja\", few = \"{count} lekcje\", many = \"{count} lekcji\", other = \"{count} lekcji\" }\n",
        ),
        ("content/a.md", &lesson("Woda", 1, "", "Tekst.\n")),
        ("content/b.md", &lesson("Światło", 2, "", "Tekst.\n")),
    ]);
    let out = workspace.out();
    let run = workspace.build_to(&out, &[]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("warning: guidebook has no built-in words for `pl`"),
        "{}",
        run.stderr
    );
    let home = page(&out, "index.html");
    assert_eq!(attr(select_one(&home, "html"), "lang"), "pl");
    assert!(
        select(&home, ".language-switcher").is_empty(),
        "one language, no switcher"
    );
    let facts = text(select_one(&home, ".facts"));
    assert!(
        facts.contains("Lessons"),
        "the other words stay English: {facts}"
    );
    let handout = page(&out, "handout.html");
    let sub = text(select_one(&handout, ".handout-sub"));
    assert!(
        sub.contains("2 lekcje"),
        "Polish plural rules pick `few` for 2: {sub}"
    );
}

#[test]
fn a_broken_original_is_reported_once_and_its_translations_wait_for_it() {
    let workspace = copy_fixture("languages");
    let original = workspace.read("content/02-light.md");
    workspace.write(
        "content/02-light.md",
        &original.replacen("step: 2", "step: two", 1),
    );
    let errors = workspace.build_errors();
    let messages: Vec<(&str, &str)> = (errors.iter())
        .filter(|d| d.severity == "error")
        .map(|d| (d.file.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(messages.len(), 1, "{errors:#?}");
    assert_eq!(messages[0].0, "content/02-light.md");
}

const GEAR: &str = "categories:\n  - id: pot\n    title: Pots\n    attributes:\n      - key: drains\n        label: Drains\n    items:\n      - id: clay\n        name: Clay pot\n        values:\n          drains: true\n        verdict: recommended\n        reason: It breathes.\n";

#[test]
fn a_translated_gear_catalogue_changes_only_its_words() {
    let workspace = copy_fixture("languages");
    workspace.write("content/gear.yaml", GEAR);
    let french = GEAR
        .replace("Pots", "Pots de fleurs")
        .replace("Drains", "Drainant")
        .replace("Clay pot", "Pot en terre cuite")
        .replace("It breathes.", "Il respire.");
    workspace.write("content/gear.fr.yaml", &french);
    let out = workspace.build_ok();
    let gear = page(&out, "fr/gear.html");
    let row = text(select_one(&gear, "tr#gear-clay"));
    assert!(row.contains("Pot en terre cuite"), "{row}");
    assert!(row.contains("Oui"), "a boolean value in French: {row}");
    assert!(row.contains("Recommandé"), "{row}");
    let spanish = text(select_one(&page(&out, "es/gear.html"), "tr#gear-clay"));
    assert!(
        spanish.contains("Clay pot"),
        "no gear.es.yaml: the original's words: {spanish}"
    );

    workspace.write(
        "content/gear.fr.yaml",
        &french.replace("id: clay", "id: terracotta"),
    );
    fs::remove_dir_all(workspace.out()).unwrap();
    let errors = workspace.build_errors();
    let error = errors
        .iter()
        .find(|d| d.file == "content/gear.fr.yaml")
        .expect("an error in gear.fr.yaml");
    assert_eq!(
        error.message,
        "item `terracotta` (Recommended) of `pot` where gear.yaml has item `clay` (Recommended) of `pot`"
    );
}

#[test]
fn a_file_named_like_a_translation_into_an_unnamed_language_is_a_warning() {
    let workspace = copy_fixture("languages");
    workspace.write("content/_index.it.md", "Tre brevi lezioni.\n");
    workspace.write(
        "content/notes.old.md",
        &lesson("Old notes", 9, "", "Kept for later.\n"),
    );
    let run = workspace.build_to(&workspace.out(), &[]);
    run.assert_code(0);
    let warnings: Vec<Diag> = (parse_diagnostics(&run.stderr).into_iter())
        .filter(|d| d.severity == "warning")
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert_eq!(warnings[0].file, "content/_index.it.md");
    assert_eq!(
        warnings[0].message,
        "`_index.it.md` is named like a translation into `it`, which is not a language of this guide"
    );
    assert_help(&warnings[0], "add `[languages.it]` to guide.toml");
}

/// A `[strings]` word that tries to end the page's inline script (`</script>`), or to open an
/// HTML comment in it that would make the next `</script>` no end (`<!--<script>`), stays inside
/// its JSON: the element holds exactly the words, and the scripts after it are still elements.
#[test]
fn script_words_cannot_leave_their_script() {
    let hostile = "</script><!--<script>";
    let odd = "a & b > c \u{2028}\u{2029} \\< </SCRIPT >";
    let workspace = write_guide(&[
        (
            "guide.toml",
            &format!(
                "title = \"Guide\"\n[strings]\ncopy = {}\nno_results = {}\nsearching = \"<!--\"\n",
                toml_string(hostile),
                toml_string(odd)
            ),
        ),
        (
            "content/water.md",
            &lesson("Water", 1, "", "- [ ] Fill the can\n"),
        ),
    ]);
    let out = workspace.build_ok();
    for name in ["index.html", "water.html", "checklists.html", "404.html"] {
        let html = page(&out, name);
        let element = select_one(&html, "script#guidebook-strings");
        let json: String = element.text().collect();
        assert!(!json.contains('<'), "{name}: {json}");
        let words: serde_json::Value = serde_json::from_str(&json).expect("the words are JSON");
        assert_eq!(words["copy"], hostile, "{name}");
        assert_eq!(words["no_results"], odd, "{name}");
        assert_eq!(words["searching"], "<!--", "{name}");
        let sources: Vec<&str> = select(&html, "script[src]")
            .into_iter()
            .map(|script| attr(script, "src"))
            .collect();
        assert!(
            sources.iter().any(|src| src.ends_with("guidebook.js"))
                && sources.iter().any(|src| src.ends_with("search.js")),
            "{name}: the scripts after the words are elements: {sources:?}"
        );
    }
}

/// A TOML basic string holding `text` (JSON's escapes are TOML's).
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

/// A file of `content/` may not take the place of a page the site makes, in the default
/// language (`a.html`, `assets/...`) or in another language's folder (`es/a.html`,
/// `es/index.html`, `es/print.html`, `es/assets/...`): each is an error naming the file, and
/// nothing is written. A file of another name in `es/` is copied as any other.
#[test]
fn a_file_may_not_take_the_place_of_a_page_in_any_language() {
    let taken = [
        "content/a.html",
        "content/assets/guidebook.css",
        "content/es/a.html",
        "content/es/assets/tasks.js",
        "content/es/handout.html",
        "content/es/index.html",
        "content/es/print.html",
    ];
    let mut files: Vec<(&str, &str)> = vec![
        (
            "guide.toml",
            "title = \"Guide\"\n[languages.es]\ntitle = \"Guía\"\n",
        ),
        ("content/es/photo.txt", "not a page\n"),
    ];
    let a = lesson("A", 1, "", "Text.\n");
    files.push(("content/a.md", &a));
    files.extend(taken.iter().map(|path| (*path, "<p>Not the page</p>\n")));
    let workspace = write_guide(&files);
    let errors = workspace.build_errors();
    let mut named: Vec<&str> = (errors.iter())
        .filter(|e| {
            e.message
                .starts_with("this file would take the place of the site's own")
        })
        .map(|e| e.file.as_str())
        .collect();
    named.sort_unstable();
    assert_eq!(named, taken, "{errors:#?}");
    assert_eq!(errors.len(), taken.len(), "{errors:#?}");
    // Without them the guide builds, and the other file is copied.
    for path in taken {
        fs::remove_file(workspace.guide_path(path)).unwrap();
    }
    let out = workspace.build_ok();
    assert!(out.join("es/photo.txt").is_file());
}

/// A translated catalogue or introduction with no original is an error, as the translation of a
/// lesson with no original is (`gear.es.yaml` used to be ignored without a word).
#[test]
fn a_translated_catalogue_or_introduction_without_its_original_is_an_error() {
    let workspace = copy_fixture("languages");
    fs::remove_file(workspace.guide_path("content/_index.md")).unwrap();
    workspace.write("content/gear.es.yaml", GEAR);
    let errors = workspace.build_errors();
    let found: Vec<(&str, &str)> = (errors.iter())
        .map(|d| (d.file.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/_index.fr.md",
                "there is no `content/_index.md` for this file to translate"
            ),
            (
                "content/gear.es.yaml",
                "there is no `content/gear.yaml` for this file to translate"
            ),
        ]
    );
    assert_help(&errors[1], "add `content/gear.yaml`");
}

/// A lesson named like a translation into a language the guide does not name is left out with
/// the warning alone (it used to be read as a lesson too: "step 1 is used twice").
#[test]
fn a_lesson_named_like_a_stray_translation_is_left_out_with_one_warning() {
    let workspace = copy_fixture("languages");
    workspace.write(
        "content/01-water.it.md",
        &lesson("Acqua", 1, "", "[Luce](02-light.md)\n"),
    );
    let run = workspace.build_to(&workspace.out(), &[]);
    run.assert_code(0);
    let diagnostics = parse_diagnostics(&run.stderr);
    assert_eq!(diagnostics.len(), 1, "{}", run.stderr);
    assert_eq!(diagnostics[0].severity, "warning");
    assert_eq!(diagnostics[0].file, "content/01-water.it.md");
    assert!(
        diagnostics[0].text.contains("left out of the guide"),
        "{diagnostics:#?}"
    );
    assert!(!workspace.out().join("acqua.html").exists());
    assert!(!workspace.out().join("water.it.html").exists());
}

/// A misspelt key in a translation does not hide the rest of it: the translation is read, the
/// key read as the one it is closest to, and its body's links are checked in the same run.
#[test]
fn a_misspelt_key_in_a_translation_does_not_hide_its_body() {
    let workspace = copy_fixture("languages");
    let file = "content/01-water.fr.md";
    let text = workspace
        .read(file)
        .replacen("title:", "titel:", 1)
        .replace(
            "## Vérifier la terre",
            "[Rien](nulle-part.md)\n\n## Vérifier la terre",
        );
    workspace.write(file, &text);
    let errors = workspace.build_errors();
    let found: Vec<(&str, &str)> = (errors.iter())
        .map(|d| (d.file.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (file, "unknown front matter key `titel`"),
            (
                file,
                "the link to `nulle-part.md` does not lead to a lesson or page"
            ),
        ]
    );
}
