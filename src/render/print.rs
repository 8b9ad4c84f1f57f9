//! Turning a lesson's web HTML into HTML for the one-document print edition: every `<details>`
//! printed open, and ids and links made unique and internal, since all lessons share one page
//! (`#checklist` in lesson `fit` becomes `#fit-checklist`, `scent.html#why` becomes `#scent-why`
//! and `scent.html` the lesson's section, `#lesson-scent`).

use std::collections::HashSet;

/// The print edition's HTML for one lesson body.
pub fn print_body(html: &str, slug: &str, lessons: &HashSet<&str>) -> String {
    let html = open_details(html);
    let mut out = String::with_capacity(html.len() + 256);
    let mut copied = 0;
    let mut search = 0;
    // One pass over `="` occurrences: each is checked for an id, for or href attribute.
    while let Some(found) = html[search..].find("=\"") {
        let equals = search + found;
        let value_start = equals + 2;
        let Some(value_length) = html[value_start..].find('"') else {
            break;
        };
        let value_end = value_start + value_length;
        search = value_end + 1;
        let name = attribute_name(&html[..equals]);
        let rewritten = match name {
            "id" | "for" => format!("{slug}-{}", &html[value_start..value_end]),
            "href" => print_href(&html[value_start..value_end], slug, lessons),
            _ => continue,
        };
        out.push_str(&html[copied..value_start]);
        out.push_str(&rewritten);
        copied = value_end;
    }
    out.push_str(&html[copied..]);
    out
}

/// The attribute name just before an `=` (empty unless preceded by a space, as in a tag).
fn attribute_name(before: &str) -> &str {
    let start = before
        .rfind(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .map_or(0, |i| i + 1);
    if before[..start].ends_with(' ') {
        &before[start..]
    } else {
        ""
    }
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
    if !html.contains("<details") {
        return html.to_string();
    }
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
                    <input id=\"fit--1a\"><label for=\"fit--1a\">x</label><details><summary>More</summary></details>\
                    <p>text with id=\"not-an-attribute\" and a data-id=\"x\"</p>";
        let out = print_body(html, "fit", &lessons);
        assert!(out.contains("<h2 id=\"fit-why\">"), "{out}");
        assert!(out.contains("href=\"#fit-why\""), "{out}");
        assert!(out.contains("href=\"#scent-how\""), "{out}");
        assert!(out.contains("href=\"#lesson-scent\""), "{out}");
        assert!(out.contains("href=\"https://example.com/x.html\""), "{out}");
        assert!(out.contains("href=\"gear.html#gear-vest\""), "{out}");
        assert!(out.contains("<label for=\"fit-fit--1a\">"), "{out}");
        assert!(out.contains("<details open>"), "{out}");
        assert!(out.contains("data-id=\"x\""), "{out}");
        assert_eq!(open_details("<details open>"), "<details open>");
    }
}
