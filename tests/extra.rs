//! `extra`: free-form data in lesson and reference page front matter and in `guide.toml`'s
//! `[extra]` table reaches the theme's templates (`lesson.extra`, `reference.extra`,
//! `page.extra`, `site.extra`); a value of the wrong shape and unknown keys are still errors;
//! the preview's caches notice a change of `extra` alone.

mod common;

use common::*;
use guidebook::load::load_guide;
use guidebook::{BuildCache, BuildOptions, build_loaded};

const GUIDE_TOML: &str =
    "title = \"Extra\"\n\n[extra]\ny = \"site-y\"\n[extra.social]\nfeed = \"feed.xml\"\n";

/// Templates that print the `extra` values and nothing else.
const LESSON_TEMPLATE: &str = "{% extends \"base.html\" %}{% block content %}\
<p id=\"lesson-x\">{{ lesson.extra.x }}</p><p id=\"page-x\">{{ page.extra.x }}</p>\
<p id=\"levels\">{{ lesson.extra.levels | length }}</p>\
<p id=\"site-y\">{{ site.extra.y }}</p><p id=\"feed\">{{ site.extra.social.feed }}</p>\
{% endblock content %}";
const PAGE_TEMPLATE: &str = "{% extends \"base.html\" %}{% block content %}\
<p id=\"reference-z\">{{ reference.extra.z }}</p><p id=\"page-z\">{{ page.extra.z }}</p>\
<p id=\"site-y\">{{ site.extra.y }}</p>{% endblock content %}";
const INDEX_TEMPLATE: &str = "{% extends \"base.html\" %}{% block content %}\
<ul>{% for l in lessons %}<li>{{ l.extra.x | default(value=\"none\") }}</li>{% endfor %}</ul>\
<p id=\"page-extra\">{{ page.extra | length }}</p>{% endblock content %}";

fn guide_with_extra() -> Workspace {
    write_guide(&[
        ("guide.toml", GUIDE_TOML),
        (
            "content/01-start.md",
            &lesson(
                "Start",
                1,
                "extra:\n  x: lesson-x\n  levels: [1, 2, 3]\n",
                "Go.\n",
            ),
        ),
        (
            "content/02-next.md",
            &lesson("Next", 2, "extra: { x: next-x, levels: [] }\n", "On.\n"),
        ),
        (
            "content/pages/glossary.md",
            "---\ntitle: Glossary\nextra: { z: page-z }\n---\nWords.\n",
        ),
        ("themes/default/templates/lesson.html", LESSON_TEMPLATE),
        ("themes/default/templates/page.html", PAGE_TEMPLATE),
        ("themes/default/templates/index.html", INDEX_TEMPLATE),
    ])
}

fn text_of(out: &std::path::Path, name: &str, css: &str) -> String {
    text(select_one(&page(out, name), css))
}

#[test]
fn lesson_page_and_site_extra_reach_the_templates() {
    let workspace = guide_with_extra();
    let out = workspace.build_ok();
    assert_eq!(text_of(&out, "start.html", "#lesson-x"), "lesson-x");
    assert_eq!(text_of(&out, "start.html", "#page-x"), "lesson-x");
    assert_eq!(text_of(&out, "start.html", "#levels"), "3");
    assert_eq!(text_of(&out, "start.html", "#site-y"), "site-y");
    assert_eq!(text_of(&out, "start.html", "#feed"), "feed.xml");
    assert_eq!(text_of(&out, "glossary.html", "#reference-z"), "page-z");
    assert_eq!(text_of(&out, "glossary.html", "#page-z"), "page-z");
    assert_eq!(text_of(&out, "glossary.html", "#site-y"), "site-y");
    let index = page(&out, "index.html");
    let listed: Vec<String> = select(&index, "main li").into_iter().map(text).collect();
    assert_eq!(listed, ["lesson-x", "next-x"]);
    assert_eq!(text_of(&out, "next.html", "#levels"), "0");
    assert_eq!(text(select_one(&index, "#page-extra")), "0");
}

#[test]
fn extra_that_is_not_a_mapping_is_reported_at_its_value() {
    let workspace = guide_with_extra();
    workspace.write(
        "content/02-next.md",
        &lesson("Next", 2, "extra: just text\n", "On.\n"),
    );
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(error, "content/02-next.md", 5, 8, "front matter: extra:");
    assert_help(error, "`extra` is a map of names to values");
}

#[test]
fn unknown_keys_in_guide_toml_are_still_errors() {
    let workspace = guide_with_extra();
    workspace.write("guide.toml", "title = \"Extra\"\nextras = 1\n");
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(error, "guide.toml", 2, 1, "unknown key `extras`");
    assert_help(error, "did you mean `extra`?");
}

/// The preview reuses pages whose inputs did not change: a change of `extra` alone must show.
#[test]
fn a_change_of_extra_alone_is_rebuilt_by_the_preview() {
    let workspace = guide_with_extra();
    let options = BuildOptions::default();
    let mut cache = BuildCache::enabled();
    let build = |cache: &mut BuildCache| {
        let loaded = load_guide(&workspace.guide).unwrap();
        let build = build_loaded(&loaded, &options, cache);
        assert!(build.diagnostics.is_empty(), "{:?}", build.diagnostics);
        build.site.unwrap().files
    };
    let before = build(&mut cache);
    workspace.write(
        "content/01-start.md",
        &lesson("Start", 1, "extra:\n  x: changed\n  levels: [1]\n", "Go.\n"),
    );
    workspace.write(
        "content/pages/glossary.md",
        "---\ntitle: Glossary\nextra: { z: also-changed }\n---\nWords.\n",
    );
    workspace.write("guide.toml", &GUIDE_TOML.replace("site-y", "site-changed"));
    let after = build(&mut cache);
    let html = |files: &std::collections::BTreeMap<String, Vec<u8>>, name: &str| {
        scraper::Html::parse_document(&String::from_utf8_lossy(&files[name]))
    };
    let start = html(&after, "start.html");
    assert_eq!(text(select_one(&start, "#lesson-x")), "changed");
    assert_eq!(text(select_one(&start, "#site-y")), "site-changed");
    let glossary = html(&after, "glossary.html");
    assert_eq!(text(select_one(&glossary, "#page-z")), "also-changed");
    let next = html(&after, "next.html");
    assert_eq!(text(select_one(&next, "#site-y")), "site-changed");
    assert_ne!(before["index.html"], after["index.html"]);
}
