//! What a reader finds on every page, structurally: one `h1` per page, "On this page" with
//! `###` headings nested under their `##`, a link on each heading to itself, no empty
//! checklists page or heading, a 404 page whose links work at any depth, and a picture's dark
//! variant where a dark screen shows it.

mod common;

use common::*;

const TWO_LEVELS: &str =
    "Intro.\n\n## Gear\n\n### Harness\n\n### Leash\n\n## Steps\n\n### First\n\n## Done\n";

#[test]
fn on_this_page_nests_the_third_level_under_the_second() {
    let workspace = write_guide(&[("content/one.md", &lesson("One", 1, "", TWO_LEVELS))]);
    let out = workspace.build_ok();
    let html = page(&out, "one.html");
    for place in ["nav.toc-inline", "nav.toc-column"] {
        let toc = select_one(&html, place);
        let top: Vec<String> =
            select_in(toc, ":scope > details > ul > li > a, :scope > ul > li > a")
                .into_iter()
                .map(text)
                .collect();
        assert_eq!(top, ["Gear", "Steps", "Done"], "{place}");
        let nested: Vec<String> = select_in(toc, "li li > a").into_iter().map(text).collect();
        assert_eq!(nested, ["Harness", "Leash", "First"], "{place}");
    }
    assert_eq!(
        attr(select_one(&html, "nav.toc-column"), "data-toc-spy"),
        "",
        "the column follows the reader"
    );
}

#[test]
fn every_heading_links_to_itself_on_the_web_only() {
    let workspace = write_guide(&[("content/one.md", &lesson("One", 1, "", TWO_LEVELS))]);
    let out = workspace.build_ok();
    let html = page(&out, "one.html");
    let headings = select(&html, ".lesson-body :is(h2, h3)");
    assert_eq!(headings.len(), 6);
    for heading in headings {
        let anchor = select_in(heading, "a.heading-anchor");
        assert_eq!(anchor.len(), 1, "{}", heading.html());
        assert_eq!(attr(anchor[0], "href"), format!("#{}", attr(heading, "id")));
        assert!(text(anchor[0]).contains("Link to this section"));
    }
    let print = page(&out, "print.html");
    assert!(select(&print, "a.heading-anchor").is_empty());
}

#[test]
fn a_body_heading_of_the_first_level_is_moved_down_with_its_outline() {
    let body = "# Part one\n\nText.\n\n## Detail\n\n# Part two\n";
    let workspace = write_guide(&[("content/one.md", &lesson("One", 1, "", body))]);
    let out = workspace.build_ok();
    let html = page(&out, "one.html");
    let h1s: Vec<String> = select(&html, "h1").into_iter().map(text).collect();
    assert_eq!(h1s, ["One"], "the title is the page's only h1");
    let outline: Vec<(String, String)> = select(&html, ".lesson-body :is(h2, h3)")
        .into_iter()
        .map(|h| (h.value().name().to_string(), heading_text(h)))
        .collect();
    let expected = [("h2", "Part one"), ("h3", "Detail"), ("h2", "Part two")];
    assert_eq!(
        outline,
        expected.map(|(tag, text)| (tag.to_string(), text.to_string()))
    );
    let print = page(&out, "print.html");
    assert!(select(&print, ".lesson-body h1").is_empty());
}

#[test]
fn a_guide_without_checklists_has_no_checklists_page_or_heading() {
    let workspace = write_guide(&[
        ("content/one.md", &lesson("One", 1, "", "Just text.\n")),
        ("content/two.md", &lesson("Two", 2, "", "More text.\n")),
    ]);
    let out = workspace.build_ok();
    assert!(!out.join("checklists.html").exists());
    for name in ["index.html", "one.html", "two.html", "404.html"] {
        let html = page(&out, name);
        assert!(
            hrefs(&html, "a[href]")
                .iter()
                .all(|h| h != "checklists.html"),
            "{name} links to a checklists page that is not there"
        );
    }
    let handout = page(&out, "handout.html");
    assert!(select(&handout, "#h-checklists").is_empty());
    assert!(
        select(&page(&out, "index.html"), "[data-reset-progress]").is_empty(),
        "no progress to reset"
    );

    // One checklist item anywhere brings both back.
    workspace.write("content/two.md", &lesson("Two", 2, "", "- [ ] Tick me\n"));
    let out = workspace.build_ok();
    assert!(out.join("checklists.html").is_file());
    assert_eq!(
        hrefs(
            &page(&out, "one.html"),
            "nav.sidebar a[data-page=\"checklists\"]"
        ),
        ["checklists.html"]
    );
    assert_eq!(
        select(&page(&out, "handout.html"), "#h-checklists").len(),
        1
    );
}

#[test]
fn the_404_page_is_rooted_at_an_absolute_base_url_only() {
    let guide = |base: &str| format!("title = \"Test guide\"\nbase_url = \"{base}\"\n");
    let lesson_file = lesson("One", 1, "", "Text.\n");
    let workspace = write_guide(&[
        ("guide.toml", &guide("https://example.org/guides/cat/")),
        ("content/one.md", &lesson_file),
    ]);
    let out = workspace.build_ok();
    let not_found = page(&out, "404.html");
    assert_eq!(
        attr(select_one(&not_found, "head > base"), "href"),
        "https://example.org/guides/cat/"
    );
    assert!(
        select(&page(&out, "one.html"), "base").is_empty(),
        "other pages keep plain relative links"
    );

    workspace.write("guide.toml", &guide("/"));
    let out = workspace.build_ok();
    assert!(select(&page(&out, "404.html"), "base").is_empty());
}

const LIGHT_SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"60\"><rect width=\"120\" height=\"60\" fill=\"#fff\"/></svg>\n";
const DARK_SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"60\"><rect width=\"120\" height=\"60\" fill=\"#222\"/></svg>\n";

#[test]
fn a_picture_with_a_dark_variant_beside_it_shows_it_on_a_dark_screen_only() {
    let workspace = write_guide(&[
        ("guide.toml", "title = \"T\"\n"),
        (
            "content/one.md",
            &lesson(
                "One",
                1,
                "",
                "A map:\n\n![The map](img/map.svg \"The whole map\")\n\nInline ![a plan](img/plan.svg) too.\n",
            ),
        ),
        ("content/img/map.svg", LIGHT_SVG),
        ("content/img/map.dark.svg", DARK_SVG),
        ("content/img/plan.svg", LIGHT_SVG),
    ]);
    let check = workspace.check(&[]);
    check.assert_code(0);
    assert_eq!(check.stderr, "", "no warning about the dark variant");
    let out = workspace.build_ok();
    assert!(
        out.join("img/map.dark.svg").is_file(),
        "the variant is copied"
    );

    let html = page(&out, "one.html");
    let pictures = select(&html, "main figure.figure > picture.has-dark");
    assert_eq!(pictures.len(), 1, "the figure's picture has a dark variant");
    let source = select_in(pictures[0], "source")[0];
    assert_eq!(attr(source, "srcset"), "img/map.dark.svg");
    assert_eq!(
        attr(source, "media"),
        "screen and (prefers-color-scheme: dark)"
    );
    assert!(source.value().attr("data-dark-variant").is_some());
    assert_eq!(
        (attr(source, "width"), attr(source, "height")),
        ("120", "60")
    );
    let img = select_in(pictures[0], "img")[0];
    assert_eq!(
        attr(img, "src"),
        "img/map.svg",
        "the light one is the picture's img"
    );
    // A picture without a variant stays a plain img.
    let plain = select(&html, "main img[src=\"img/plan.svg\"]");
    assert_eq!(plain.len(), 1);
    assert_eq!(select(&html, "main picture").len(), 1);

    // Paper always takes the light picture.
    let print = page(&out, "print.html");
    assert!(select(&print, "picture, source").is_empty());
    assert_eq!(select(&print, "img[src=\"img/map.svg\"]").len(), 1);
}

#[test]
fn a_dark_variant_linked_on_its_own_is_a_plain_picture() {
    let workspace = write_guide(&[
        ("guide.toml", "title = \"T\"\n"),
        (
            "content/one.md",
            &lesson("One", 1, "", "![Dark](img/map.dark.svg)\n"),
        ),
        ("content/img/map.svg", LIGHT_SVG),
        ("content/img/map.dark.svg", DARK_SVG),
    ]);
    let out = workspace.build_ok();
    let html = page(&out, "one.html");
    assert!(select(&html, "main picture").is_empty());
    assert_eq!(select(&html, "main img[src=\"img/map.dark.svg\"]").len(), 1);
}
