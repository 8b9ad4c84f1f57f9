//! Turning a lesson's web HTML into HTML for the one-document print edition: every `<details>`
//! printed open, and ids and links made unique and internal, since all lessons share one page
//! (`#checklist` in lesson `fit` becomes `#fit-checklist`, `scent.html#why` becomes `#scent-why`
//! and `scent.html` the lesson's section, `#lesson-scent`).

use std::collections::HashSet;

/// The print edition's HTML for one lesson body.
pub fn print_body(html: &str, slug: &str, lessons: &HashSet<&str>) -> String {
    let html = open_details(html);
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html.as_str();
    while let Some((before, attribute, value, after)) = next_attribute(rest) {
        out.push_str(before);
        out.push_str(attribute);
        match attribute {
            " href=\"" => out.push_str(&print_href(value, slug, lessons)),
            _ => {
                out.push_str(slug);
                out.push('-');
                out.push_str(value);
            }
        }
        out.push('"');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The next ` id="`, ` for="` or ` href="` attribute: (text before, attribute, value, text after).
fn next_attribute(html: &str) -> Option<(&str, &'static str, &str, &str)> {
    let found = [" id=\"", " for=\"", " href=\""]
        .into_iter()
        .filter_map(|attribute| html.find(attribute).map(|at| (at, attribute)))
        .min_by_key(|(at, _)| *at)?;
    let (at, attribute) = found;
    let value_start = at + attribute.len();
    let value_end = value_start + html[value_start..].find('"')?;
    Some((
        &html[..at],
        attribute,
        &html[value_start..value_end],
        &html[value_end + 1..],
    ))
}

fn print_href(href: &str, slug: &str, lessons: &HashSet<&str>) -> String {
    if let Some(anchor) = href.strip_prefix('#') {
        return format!("#{slug}-{anchor}");
    }
    let (page, anchor) = href
        .split_once('#')
        .map_or((href, None), |(p, a)| (p, Some(a)));
    match page.strip_suffix(".html") {
        Some(target) if lessons.contains(target) => match anchor {
            Some(anchor) => format!("#{target}-{anchor}"),
            None => format!("#lesson-{target}"),
        },
        _ => href.to_string(),
    }
}

/// Paper cannot be clicked: every `<details>` is printed open.
fn open_details(html: &str) -> String {
    html.replace("<details open", "<details")
        .replace("<details ", "<details open ")
        .replace("<details>", "<details open>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_links_become_unique_and_internal() {
        let lessons: HashSet<&str> = ["fit", "scent"].into_iter().collect();
        let html = "<h2 id=\"why\">Why</h2><p><a href=\"#why\">up</a> <a href=\"scent.html#how\">s</a> \
                    <a href=\"scent.html\">s</a> <a href=\"https://example.com/x.html\">e</a> <a href=\"gear.html#gear-vest\">g</a></p>\
                    <input id=\"fit--1a\"><label for=\"fit--1a\">x</label><details><summary>More</summary></details>";
        let out = print_body(html, "fit", &lessons);
        assert!(out.contains("<h2 id=\"fit-why\">"), "{out}");
        assert!(out.contains("href=\"#fit-why\""), "{out}");
        assert!(out.contains("href=\"#scent-how\""), "{out}");
        assert!(out.contains("href=\"#lesson-scent\""), "{out}");
        assert!(out.contains("href=\"https://example.com/x.html\""), "{out}");
        assert!(out.contains("href=\"gear.html#gear-vest\""), "{out}");
        assert!(out.contains("<label for=\"fit-fit--1a\">"), "{out}");
        assert!(out.contains("<details open>"), "{out}");
        assert_eq!(open_details("<details open>"), "<details open>");
    }
}
