//! `aliases:` in front matter: a redirect page at each older address of a lesson or reference
//! page, in every language, with relative links that lead to the page; left out of the sitemap
//! and search; and every alias that cannot be a page of the site, or takes the place of one, an
//! error at its place in the front matter.

mod common;

use std::path::Path;

use common::*;

const FILES: &str = "content/01-files.md";

/// A guide in English and Spanish whose first lesson and reference page have older addresses.
fn aliased_guide() -> Workspace {
    write_guide(&[
        (
            "guide.toml",
            "title = \"Git\"\nbase_url = \"https://example.org/git/\"\n[languages.es]\n",
        ),
        (
            FILES,
            "---\ntitle: Files and folders\nstep: 1\nduration: 5 min\naliases: [02-filedir.html, /old/files.html, format/]\n---\nSee the [setup](pages/setup.md).\n",
        ),
        ("content/02-more.md", &lesson("More", 2, "", "More.\n")),
        (
            "content/pages/setup.md",
            "---\ntitle: Setup\naliases:\n  - setup-old.html\n---\nInstall it.\n",
        ),
        (
            "content/01-files.es.md",
            "---\ntitle: Archivos y carpetas\n---\nVer la [instalación](pages/setup.md).\n",
        ),
    ])
}

/// `href`, written in the page at `from`, as a path from the site's root.
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// What the redirect page at `path` says: where its refresh, script, link and canonical lead
/// (as paths from the site's root, the canonical as written), and its link's text.
fn redirect_of(out: &Path, path: &str) -> (String, String, String, String) {
    let html = page(out, path);
    let refresh = attr(select_one(&html, "meta[http-equiv=refresh]"), "content");
    let url = refresh
        .strip_prefix("0; url=")
        .unwrap_or_else(|| panic!("{path}: refresh `{refresh}`"));
    assert_eq!(
        attr(select_one(&html, "meta[name=robots]"), "content"),
        "noindex"
    );
    let link = select_one(&html, "body a");
    assert_eq!(
        attr(link, "href"),
        url,
        "{path}: the link and the refresh differ"
    );
    let script = text(select_one(&html, "script"));
    assert_eq!(
        script,
        format!("location.replace(\"{url}\" + location.hash);"),
        "{path}: the script keeps the fragment"
    );
    let canonical = attr(select_one(&html, "link[rel=canonical]"), "href");
    (
        resolve(path, url),
        canonical.to_string(),
        text(link),
        attr(select_one(&html, "html"), "lang").to_string(),
    )
}

#[test]
fn every_alias_is_a_page_that_leads_to_its_page_in_every_language() {
    let workspace = aliased_guide();
    let out = workspace.build_ok();
    let base = "https://example.org/git/";
    let cases = [
        ("02-filedir.html", "files.html", "Files and folders"),
        ("old/files.html", "files.html", "Files and folders"),
        ("format/index.html", "files.html", "Files and folders"),
        ("setup-old.html", "setup.html", "Setup"),
    ];
    for (alias, target, title) in cases {
        let (to, canonical, link, lang) = redirect_of(&out, alias);
        assert_eq!(
            (to.as_str(), canonical, link.as_str(), lang.as_str()),
            (target, format!("{base}{target}"), title, "en"),
            "{alias}"
        );
        let spanish = format!("es/{alias}");
        let (to, canonical, link, lang) = redirect_of(&out, &spanish);
        let title = if title == "Files and folders" {
            "Archivos y carpetas"
        } else {
            title
        };
        assert_eq!(
            (to, canonical, link.as_str(), lang.as_str()),
            (
                format!("es/{target}"),
                format!("{base}es/{target}"),
                title,
                "es"
            ),
            "{spanish}"
        );
        assert!(out.join(target).is_file());
    }
    let spanish = page(&out, "es/02-filedir.html");
    assert!(
        text(select_one(&spanish, "body p")).starts_with("Esta página se ha trasladado a"),
        "the redirect speaks the page's language"
    );
}

#[test]
fn redirects_stay_out_of_the_sitemap_search_and_relative_sites() {
    let workspace = aliased_guide();
    let out = workspace.build_ok();
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for alias in ["02-filedir", "old/", "format/", "setup-old"] {
        assert!(
            !sitemap.contains(alias),
            "{alias} in the sitemap:\n{sitemap}"
        );
    }
    assert!(sitemap.contains("<loc>https://example.org/git/files.html</loc>"));
    let urls: Vec<String> = (search_pages(&out).iter())
        .map(|p| p["u"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(urls, ["files.html", "more.html", "setup.html"]);
    // Without an absolute base_url the canonical link is relative too.
    workspace.write("guide.toml", "title = \"Git\"\n[languages.es]\n");
    let out = workspace.build_ok();
    let (to, canonical, _, _) = redirect_of(&out, "old/files.html");
    assert_eq!(
        (to.as_str(), canonical.as_str()),
        ("files.html", "../files.html")
    );
}

/// Every diagnostic of `check --format json` on `workspace`, as (line, column, severity,
/// message, hint) of `file`.
fn checked(workspace: &Workspace, file: &str) -> Vec<(u64, u64, String, String, String)> {
    (workspace.check_json().into_iter())
        .filter(|d| d.file == file)
        .map(|d| (d.line, d.column, d.severity, d.message, d.hint))
        .collect()
}

#[test]
fn aliases_that_take_the_place_of_anything_in_the_site_are_errors_at_their_line() {
    let workspace = aliased_guide();
    workspace.write_bytes("content/fig/strap.png", b"not really a picture");
    let aliases = [
        "files.html",      // another lesson's page
        "02-filedir.html", // another page's alias
        "fig/strap.png",   // not a page
        "FIG/STRAP.html",  // fine: a page beside a picture
        "index.html",      // the home page
        "gear.html",       // one of the site's own pages
        "part-2.html",     // a large guide's chapter page
        "es/old.html",     // the Spanish folder
        "assets/x.html",   // the theme's folder
        "../x.html",       // out of the site
        "https://x.org/a.html",
        "x.html?a=1",
        "more.html",         // its own page
        "files.html/x.html", // needs a folder where a page is
        "Old/Files.html",    // another page's alias, in other letter case
    ];
    let front = format!(
        "---\ntitle: More\nstep: 2\nduration: 5 min\naliases:\n{}---\nMore.\n",
        aliases.map(|a| format!("  - \"{a}\"\n")).concat()
    );
    workspace.write("content/02-more.md", &front);
    let found = checked(&workspace, "content/02-more.md");
    let expected = [
        (
            6,
            "the alias `files.html` takes the place of the page of `content/01-files.md`",
        ),
        (
            7,
            "the alias `02-filedir.html` takes the place of an alias of `content/01-files.md`",
        ),
        (8, "`fig/strap.png` cannot be an alias"),
        (
            10,
            "the alias `index.html` takes the place of the site's own page `index.html`",
        ),
        (
            11,
            "the alias `gear.html` takes the place of the site's own page `gear.html`",
        ),
        (
            12,
            "the alias `part-2.html` takes the place of the site's own page `part-2.html`",
        ),
        (
            13,
            "the alias `es/old.html` takes the place of the `es/` folder, which holds the guide in `es`",
        ),
        (
            14,
            "the alias `assets/x.html` takes the place of the site's own `assets/` folder",
        ),
        (15, "`../x.html` cannot be an alias"),
        (16, "`https://x.org/a.html` cannot be an alias"),
        (17, "`x.html?a=1` cannot be an alias"),
        (
            19,
            "the alias `files.html/x.html` takes the place of the page of `content/01-files.md`, a file where `files.html/x.html` needs a folder",
        ),
        (
            20,
            "the alias `Old/Files.html` takes the place of an alias of `content/01-files.md`",
        ),
    ];
    let got: Vec<(u64, u64, &str, &str)> = (found.iter())
        .filter(|(.., severity, _, _)| severity == "error")
        .map(|(line, column, severity, message, _)| {
            (*line, *column, severity.as_str(), message.as_str())
        })
        .collect();
    let want: Vec<(u64, u64, &str, &str)> = expected
        .iter()
        .map(|&(line, message)| (line, 6, "error", message))
        .collect();
    assert_eq!(got, want);
    for (_, _, _, message, hint) in &found {
        assert!(!hint.is_empty(), "no hint for {message}");
    }
    let own: Vec<_> = (found.iter())
        .filter(|(line, ..)| *line == 18)
        .map(|(line, column, severity, message, _)| {
            (*line, *column, severity.as_str(), message.as_str())
        })
        .collect();
    assert_eq!(
        own,
        [(18, 6, "warning", "`more.html` is this page's own address")],
        "its own address is only a warning: there is nothing to send on"
    );
}

#[test]
fn a_translation_keeps_its_originals_aliases() {
    let workspace = aliased_guide();
    workspace.write(
        "content/01-files.es.md",
        "---\ntitle: Archivos\naliases: [02-filedir.html]\n---\nTexto.\n",
    );
    let found = checked(&workspace, "content/01-files.es.md");
    let errors: Vec<&(u64, u64, String, String, String)> =
        found.iter().filter(|d| d.2 == "error").collect();
    assert_eq!(errors.len(), 1, "{found:#?}");
    assert_eq!((errors[0].0, errors[0].1), (3, 10));
    assert!(
        errors[0]
            .3
            .starts_with("`aliases` differs from the original")
    );
    workspace.write(
        "content/01-files.es.md",
        "---\ntitle: Archivos\naliases: [02-filedir.html, /old/files.html, format/]\n---\nTexto.\n",
    );
    workspace.build_ok();
}

#[test]
fn a_draft_leaves_no_redirect_and_its_aliases_are_free() {
    let workspace = aliased_guide();
    workspace.write(
        "content/03-draft.md",
        "---\ntitle: Draft\nstep: 3\nduration: 5 min\ndraft: true\naliases: [02-filedir.html]\n---\nSoon.\n",
    );
    let out = workspace.build_ok();
    let (to, ..) = redirect_of(&out, "02-filedir.html");
    assert_eq!(to, "files.html");
    assert_eq!(
        html_files(&out)
            .iter()
            .filter(|p| p.contains("draft"))
            .count(),
        0
    );
}
