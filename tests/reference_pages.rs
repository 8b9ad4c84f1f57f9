//! Reference pages (`content/pages/*.md`): their own page, the sidebar, links to them from
//! lessons (rewritten and anchor-checked), the search index, the sitemap, the print edition,
//! drafts, and the problems reported in their front matter and slugs.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

use common::*;

const GLOSSARY: &str = "---\ntitle: Glossary\nsummary: The words this guide uses.\n---\n\
## Harness\n\nA vest the leash clips to. Back to [the start](../01-start.md#why-it-matters).\n\n\
## Leash\n\nA line. See [harness](#harness).\n\n## Treat\n\nA reward.\n";
const SETUP: &str = "---\ntitle: Setting up\n---\nClear a quiet room.\n";
const FAQ: &str = "---\ntitle: Questions\nslug: faq\n---\n## Does it hurt?\n\nNo.\n";

/// The basic fixture (lessons, gear) with three reference pages and a lesson that links to them.
fn guide_with_pages() -> Workspace {
    let workspace = copy_fixture("basic");
    workspace.write("content/pages/01-setup.md", SETUP);
    workspace.write("content/pages/02-glossary.md", GLOSSARY);
    workspace.write("content/pages/help/faq-file.md", FAQ);
    workspace.write(
        "content/06-more.md",
        &lesson(
            "More",
            6,
            "",
            "\n## Words\n\nSee the [glossary](pages/02-glossary.md), its\n[leash](pages/02-glossary.md#leash) and the [FAQ](pages/help/faq-file.md).\n",
        ),
    );
    workspace
}

fn build_with_pages() -> (Workspace, PathBuf) {
    let workspace = guide_with_pages();
    let out = workspace.build_ok();
    (workspace, out)
}

/// The pages in path order: `01-setup.md`, `02-glossary.md`, `help/faq-file.md`.
const PAGE_URLS: [&str; 3] = ["setup.html", "glossary.html", "faq.html"];

#[test]
fn a_reference_page_renders_at_its_slug() {
    let workspace = guide_with_pages();
    let out = workspace.out();
    let run = workspace.build_to(&out, &[]);
    run.assert_code(0);
    // Pages are not lessons.
    assert!(run.stdout.contains("Built 5 lessons"), "{}", run.stdout);
    let html = page(&out, "glossary.html");
    let body = select_one(&html, "body");
    assert_eq!(attr(body, "data-page-kind"), "page");
    assert_eq!(text(select_one(&html, "title")), "Glossary · Basic Guide");
    let article = select_one(&html, "main article.reference-page");
    assert_eq!(text(select_in(article, "h1")[0]), "Glossary");
    assert_eq!(
        text(select_one(&html, "article .lede")),
        "The words this guide uses."
    );
    let toc = select_one(&html, "nav.toc-inline[aria-label=\"On this page\"]");
    let column = select_one(&html, "nav.toc-column[aria-label=\"On this page\"]");
    assert_eq!(
        hrefs_in(column),
        hrefs_in(toc),
        "the column lists the same headings"
    );
    let toc_links: Vec<String> = select_in(toc, "a")
        .into_iter()
        .map(|a| attr(a, "href").to_string())
        .collect();
    assert_eq!(toc_links, ["#harness", "#leash", "#treat"]);
    let headings: Vec<&str> = select(&html, ".reference-body h2")
        .into_iter()
        .map(|h| attr(h, "id"))
        .collect();
    assert_eq!(headings, ["harness", "leash", "treat"]);
    // A short page without headings has no contents box; a page in a subfolder is at the root.
    let setup = page(&out, "setup.html");
    assert!(select(&setup, "nav.toc").is_empty());
    assert!(select(&setup, "article .lede").is_empty());
    assert_eq!(
        text(select_one(&page(&out, "faq.html"), "main h1")),
        "Questions"
    );
    assert!(!out.join("02-glossary.html").exists());
}

#[test]
fn every_sidebar_lists_the_pages_under_resources_before_the_gear() {
    let (_workspace, out) = build_with_pages();
    let web_pages = html_files(&out)
        .into_iter()
        .filter(|p| !["print.html", "handout.html"].contains(&p.as_str()));
    let mut seen = 0;
    for name in web_pages {
        let html = page(&out, &name);
        let resources = select_one(&html, "nav.sidebar ul.sidebar-more");
        let links = select_in(resources, "a");
        let urls: Vec<&str> = links.iter().map(|a| attr(*a, "href")).collect();
        assert_eq!(
            urls[..4],
            ["setup.html", "glossary.html", "faq.html", "gear.html"],
            "{name}"
        );
        let current: Vec<&str> = select(&html, "nav.sidebar a[aria-current=\"page\"]")
            .into_iter()
            .map(|a| attr(a, "href"))
            .collect();
        let expected = if name == "404.html" {
            vec![]
        } else {
            vec![name.as_str()]
        };
        assert_eq!(current, expected, "{name}");
        seen += 1;
    }
    assert!(seen >= 11, "only {seen} pages");
    let titles: Vec<String> = select(&page(&out, "index.html"), "ul.sidebar-more a")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(titles[..3], ["Setting up", "Glossary", "Questions"]);
}

#[test]
fn lessons_and_pages_link_to_each_other() {
    let (_workspace, out) = build_with_pages();
    let more = page(&out, "more.html");
    assert_eq!(
        hrefs(&more, ".lesson-body a:not(.heading-anchor)"),
        ["glossary.html", "glossary.html#leash", "faq.html"]
    );
    let glossary = page(&out, "glossary.html");
    assert_eq!(
        hrefs(&glossary, ".reference-body a:not(.heading-anchor)"),
        ["start.html#why-it-matters", "#harness"]
    );
}

/// Every relative `href` of the web pages and the print edition leads to a file of the site,
/// and every `#fragment` to an element with that id.
#[test]
fn every_link_resolves_with_pages_in_the_guide() {
    let (_workspace, out) = build_with_pages();
    let files = snapshot(&out);
    let ids_by_page: BTreeMap<String, BTreeSet<String>> = html_files(&out)
        .into_iter()
        .map(|name| (name.clone(), ids(&page(&out, &name))))
        .collect();
    for (name, anchors_here) in &ids_by_page {
        for target in hrefs(&page(&out, name), "[href]") {
            if target.starts_with("https://") {
                continue;
            }
            let (path, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let path = if path.is_empty() { name.as_str() } else { path };
            assert!(
                files.contains_key(path),
                "{name} links to missing `{target}`"
            );
            if !fragment.is_empty() {
                let anchors = ids_by_page.get(path).unwrap_or(anchors_here);
                assert!(anchors.contains(fragment), "{name}: no id for `{target}`");
            }
        }
    }
}

#[test]
fn a_broken_anchor_to_a_page_is_reported_at_the_link() {
    let workspace = guide_with_pages();
    workspace.write(
        "content/06-more.md",
        &lesson(
            "More",
            6,
            "",
            "\nAbout the\n[leash](pages/02-glossary.md#lesh).\n",
        ),
    );
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(
        error,
        "content/06-more.md",
        8,
        1,
        "`glossary` has no heading `#lesh`",
    );
    assert_help(error, "did you mean `#leash`?");
}

#[test]
fn a_broken_link_in_a_page_is_reported_in_the_page() {
    let workspace = guide_with_pages();
    workspace.write(
        "content/pages/01-setup.md",
        "---\ntitle: Setting up\n---\nFirst [fit](../02-fitt.md).\n",
    );
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(
        error,
        "content/pages/01-setup.md",
        4,
        7,
        "does not lead to a lesson or page",
    );
    // Relative to the page, as it must be typed there.
    assert_help(error, "did you mean `../02-fit.md`?");
}

#[test]
fn pages_are_in_the_search_index_after_the_lessons() {
    let (_workspace, out) = build_with_pages();
    let index = search_pages(&out);
    let urls: Vec<&str> = index.iter().map(|d| d["u"].as_str().unwrap()).collect();
    assert_eq!(urls.len(), 5 + 3, "{urls:?}");
    assert_eq!(urls[5..], PAGE_URLS);
    let glossary = &index[6];
    assert_eq!(glossary["t"], "Glossary");
    assert_eq!(glossary["s"], "The words this guide uses.");
    assert_eq!(glossary["h"][1], serde_json::json!(["leash", "Leash"]));
    assert!(search_texts(&out)[6].contains("A vest the leash clips to."));
}

#[test]
fn the_sitemap_lists_the_pages() {
    let workspace = guide_with_pages();
    workspace.write(
        "guide.toml",
        "title = \"Basic Guide\"\nbase_url = \"https://example.com/guide/\"\n",
    );
    let out = workspace.build_ok();
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let xml = scraper::Html::parse_fragment(&sitemap);
    let locs: Vec<String> = select(&xml, "loc").into_iter().map(text).collect();
    for url in PAGE_URLS {
        assert!(
            locs.contains(&format!("https://example.com/guide/{url}")),
            "{url} not in {locs:?}"
        );
    }
    let glossary = page(&out, "glossary.html");
    let canonical = select_one(&glossary, "link[rel=canonical]");
    assert_eq!(
        attr(canonical, "href"),
        "https://example.com/guide/glossary.html"
    );
}

#[test]
fn the_print_edition_ends_with_the_pages_and_links_inside_itself() {
    let (_workspace, out) = build_with_pages();
    let print = page(&out, "print.html");
    let sections: Vec<&str> = select(&print, "main > section")
        .into_iter()
        .map(|s| attr(s, "id"))
        .collect();
    let first_page = sections.iter().position(|id| *id == "page-setup").unwrap();
    assert_eq!(
        sections[first_page - 1..],
        ["gear-compared", "page-setup", "page-glossary", "page-faq"]
    );
    assert!(
        sections[..first_page - 1]
            .iter()
            .all(|id| id.starts_with("lesson-"))
    );
    let glossary = select_one(&print, "section.reference-page#page-glossary");
    assert_eq!(text(select_in(glossary, "h1")[0]), "Glossary");
    assert_eq!(
        text(select_in(glossary, ".lesson-summary")[0]),
        "The words this guide uses."
    );
    let contents = hrefs(&print, "nav.print-toc a");
    assert_eq!(
        contents[contents.len() - 3..],
        ["#page-setup", "#page-glossary", "#page-faq"]
    );
    // Links between lessons and pages stay inside the document and lead to existing ids.
    let more = select_one(&print, "section#lesson-more");
    let lesson_links: Vec<&str> = select_in(more, ".lesson-body a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(
        lesson_links,
        ["#page-glossary", "#glossary-leash", "#page-faq"]
    );
    let page_links: Vec<&str> = select_in(glossary, ".reference-body a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(page_links, ["#start-why-it-matters", "#glossary-harness"]);
    let all_ids = ids(&print);
    for href in lesson_links.iter().chain(&page_links) {
        assert!(all_ids.contains(&href[1..]), "no id for {href}");
    }
    let mut seen = BTreeSet::new();
    let repeated: Vec<&str> = select(&print, "[id]")
        .into_iter()
        .map(|e| attr(e, "id"))
        .filter(|id| !seen.insert(*id))
        .collect();
    assert!(repeated.is_empty(), "print.html repeats ids: {repeated:?}");
}

#[test]
fn draft_pages_are_left_out_unless_asked_for() {
    let workspace = guide_with_pages();
    workspace.write(
        "content/pages/03-notes.md",
        "---\ntitle: Instructor notes\ndraft: true\n---\nNot yet.\n",
    );
    let out = workspace.build_ok();
    assert!(!out.join("notes.html").exists());
    let sidebar = hrefs(&page(&out, "index.html"), "ul.sidebar-more a");
    assert!(!sidebar.contains(&"notes.html".to_string()), "{sidebar:?}");
    assert!(search_pages(&out).iter().all(|d| d["u"] != "notes.html"));

    let with_drafts = workspace.path("with-drafts");
    workspace
        .build_to(&with_drafts, &["--drafts"])
        .assert_code(0);
    let html = page(&with_drafts, "notes.html");
    assert_eq!(text(select_one(&html, "main h1")), "Instructor notes");
    let sidebar = hrefs(&html, "ul.sidebar-more a");
    // Path order: `03-notes.md` comes before `help/faq-file.md`.
    assert_eq!(
        sidebar[..4],
        ["setup.html", "glossary.html", "notes.html", "faq.html"]
    );
}

#[test]
fn lesson_keys_in_a_page_are_each_reported_with_help() {
    let workspace = guide_with_pages();
    workspace.write(
        "content/pages/01-setup.md",
        "---\ntitle: Setting up\nstep: 3\nsummary: s\nduration: 5 min\n---\nText.\n",
    );
    let errors = workspace.build_errors();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_diag(
        &errors[0],
        "content/pages/01-setup.md",
        3,
        1,
        "a reference page has no `step`",
    );
    assert_help(
        &errors[0],
        "reference pages have no step; move it out of content/pages/ to make it a lesson",
    );
    assert_diag(
        &errors[1],
        "content/pages/01-setup.md",
        5,
        1,
        "a reference page has no `duration`",
    );
    assert_help(&errors[1], "reference pages have no duration; move it out");
}

#[test]
fn unknown_keys_in_a_page_get_a_suggestion() {
    let workspace = guide_with_pages();
    workspace.write(
        "content/pages/01-setup.md",
        "---\ntitle: Setting up\nsumary: s\n---\nText.\n",
    );
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(
        error,
        "content/pages/01-setup.md",
        3,
        1,
        "unknown front matter key `sumary`",
    );
    assert_help(error, "did you mean `summary`?");
}

#[test]
fn a_page_without_a_title_is_reported() {
    let workspace = guide_with_pages();
    workspace.write("content/pages/01-setup.md", "---\nsummary: s\n---\nText.\n");
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(
        error,
        "content/pages/01-setup.md",
        1,
        1,
        "the front matter has no `title`",
    );
    assert_help(error, "title: Glossary");
}

#[test]
fn a_slug_shared_with_a_lesson_is_reported_at_the_page() {
    let workspace = guide_with_pages();
    // From the file name: reported at the start of the file.
    workspace.write(
        "content/pages/fit.md",
        "---\ntitle: Fit notes\n---\nText.\n",
    );
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(
        error,
        "content/pages/fit.md",
        1,
        1,
        "the slug `fit` is used twice",
    );
    assert!(
        error.text.contains("also used by `content/02-fit.md`"),
        "{}",
        error.text
    );
    assert_help(error, "set `slug:` in its front matter");
}

#[test]
fn a_slug_shared_by_two_pages_is_reported_at_its_slug() {
    let workspace = guide_with_pages();
    workspace.write(
        "content/pages/zz-terms.md",
        "---\ntitle: Terms\nslug: Glossary\n---\nText.\n",
    );
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(
        error,
        "content/pages/zz-terms.md",
        3,
        7,
        "the slugs `glossary` and `Glossary` differ only by letter case",
    );
    assert!(
        error.text.contains("content/pages/02-glossary.md"),
        "{}",
        error.text
    );
}

#[test]
fn a_reserved_slug_is_reported() {
    let workspace = guide_with_pages();
    workspace.write(
        "content/pages/search.md",
        "---\ntitle: Search tips\n---\nText.\n",
    );
    workspace.write(
        "content/pages/other.md",
        "---\ntitle: O\nslug: print\n---\nText.\n",
    );
    let errors = workspace.build_errors();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_diag(
        &errors[0],
        "content/pages/other.md",
        3,
        7,
        "the slug `print` is taken",
    );
    assert_diag(
        &errors[1],
        "content/pages/search.md",
        1,
        1,
        "the slug `search` is taken",
    );
}

#[test]
fn files_beside_a_page_are_assets_of_the_page() {
    let workspace = guide_with_pages();
    workspace.write(
        "content/pages/fig/room.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"2\"/>",
    );
    workspace.write(
        "content/pages/01-setup.md",
        "---\ntitle: Setting up\n---\n![A quiet room](fig/room.svg)\n",
    );
    let out = workspace.build_ok();
    assert!(out.join("pages/fig/room.svg").is_file());
    let setup = page(&out, "setup.html");
    let image = select_one(&setup, ".reference-body img");
    assert_eq!(attr(image, "src"), "pages/fig/room.svg");
}

#[test]
fn the_home_page_lists_the_pages_under_resources() {
    let (_workspace, out) = build_with_pages();
    let index = page(&out, "index.html");
    let section = select_one(&index, "section.resources");
    assert_eq!(hrefs_in(section), PAGE_URLS, "every page, in path order");
    let glossary = select_in(section, "li")
        .into_iter()
        .find(|li| text(*li).starts_with("Glossary"))
        .expect("the glossary is listed");
    assert_eq!(
        text(select_in(glossary, ".resource-summary")[0]),
        "The words this guide uses."
    );
}
