//! Import, then build with the real binary: what was moved in builds with no error, answers at
//! the old site's addresses, and shows what the source meant (blocks, glossary anchors, times,
//! chapters, outlines, instructors' pages), as the readers of the built site see it.

mod mdbook;
mod workbench;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use crate::Imported;
use crate::common::*;

/// Builds the imported guide (with `extra` flags) into a folder beside it; exit 0 and no error.
/// Gives the site's folder and the warnings.
fn build(imported: &Imported, extra: &[&str]) -> (PathBuf, Vec<Diag>) {
    let name = if extra.is_empty() { "out" } else { "out-extra" };
    let out = imported.tmp.path().join(name);
    let mut args = vec![
        "build",
        imported.dest.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let run = run(&args);
    run.assert_code(0);
    let diagnostics = parse_diagnostics(&run.stderr);
    let errors: Vec<&Diag> = (diagnostics.iter())
        .filter(|d| d.severity == "error")
        .collect();
    assert!(errors.is_empty(), "{}", run.stderr);
    (out, diagnostics)
}

/// Builds with no error and no warning.
fn build_clean(imported: &Imported, extra: &[&str]) -> PathBuf {
    let (out, warnings) = build(imported, extra);
    assert!(warnings.is_empty(), "{warnings:#?}");
    out
}

/// `target` (a link of the page at `from`, fragment and query removed) as a path in the site.
fn resolve(from: &str, target: &str) -> String {
    let path = target.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() {
        return from.to_string();
    }
    let mut joined = PathBuf::from(from);
    joined.pop();
    let mut parts: Vec<String> = Vec::new();
    for component in joined.join(path).components() {
        match component {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    let joined = parts.join("/");
    if joined.is_empty() || path.ends_with('/') {
        format!("{joined}/index.html")
            .trim_start_matches('/')
            .to_string()
    } else {
        joined
    }
}

/// Where the redirect page at `alias` sends the reader: the page's path in the site. The page
/// must be a redirect (a meta refresh and a link, to the same place).
fn redirect_target(out: &Path, alias: &str) -> String {
    let html = page(out, alias);
    let refresh = select_one(&html, "meta[http-equiv=refresh]");
    let content = attr(refresh, "content");
    let url = content
        .split_once("url=")
        .map(|(_, url)| url)
        .unwrap_or_else(|| panic!("{alias}: no url in `{content}`"));
    assert_eq!(hrefs(&html, "body a"), [url], "{alias}");
    resolve(alias, url)
}

/// Every relative `href` and `src` of every page of the site that leads to no file of it, or
/// to a page without the `#fragment`'s id: (page, link). Also how many were checked.
fn unresolved_links(out: &Path) -> (Vec<(String, String)>, usize) {
    let files = snapshot(out);
    let pages: BTreeMap<String, BTreeSet<String>> = html_files(out)
        .into_iter()
        .map(|name| (name.clone(), ids(&page(out, &name))))
        .collect();
    let mut unresolved = Vec::new();
    let mut checked = 0;
    for name in pages.keys() {
        let html = page(out, name);
        let targets: Vec<String> = select(&html, "[href], [src]")
            .into_iter()
            .flat_map(|e| [e.value().attr("href"), e.value().attr("src")])
            .flatten()
            .map(str::to_string)
            .collect();
        for target in targets {
            if target.contains("://")
                || target.starts_with("mailto:")
                || target.starts_with("data:")
            {
                continue;
            }
            checked += 1;
            let path = resolve(name, &target);
            let decoded = percent_decoded(&path);
            if !files.contains_key(&path) && !files.contains_key(&decoded) {
                unresolved.push((name.clone(), target));
                continue;
            }
            if let Some((_, fragment)) = target.split_once('#')
                && !fragment.is_empty()
                && let Some(anchors) = pages.get(&path)
                && !anchors.contains(&percent_decoded(fragment))
            {
                unresolved.push((name.clone(), target));
            }
        }
    }
    (unresolved, checked)
}

fn percent_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The words readers see on every web page of the site (`body`, scripts left out), by page.
fn shown_texts(out: &Path) -> Vec<(String, String)> {
    html_files(out)
        .into_iter()
        .map(|name| {
            let html = page(out, &name);
            let shown: String = select(&html, "body")
                .into_iter()
                .flat_map(|body| {
                    body.descendants()
                        .filter(|node| {
                            !node.ancestors().any(|a| {
                                a.value()
                                    .as_element()
                                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
                            })
                        })
                        .filter_map(|node| node.value().as_text().map(|t| t.to_string()))
                        .collect::<Vec<_>>()
                })
                .collect();
            (name, shown)
        })
        .collect()
}

/// The pages of the search index, by address.
fn searched_pages(out: &Path) -> Vec<String> {
    search_pages(out)
        .iter()
        .map(|p| p["u"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn links_are_resolved_from_the_page_that_holds_them() {
    assert_eq!(
        resolve("format/summary.html", "../summary.html#x"),
        "summary.html"
    );
    assert_eq!(resolve("index.html", "fig/a.png"), "fig/a.png");
    assert_eq!(resolve("a.html", "#top"), "a.html");
    assert_eq!(resolve("format/index.html", "./"), "format/index.html");
}
