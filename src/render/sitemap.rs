//! `sitemap.xml`, written when `base_url` is absolute (a sitemap needs full URLs).

use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use crate::model::Guide;

/// The sitemap of the web pages (home, lessons, gear, checklists), or `None` without an absolute
/// `base_url`.
pub fn sitemap_xml(guide: &Guide) -> Option<String> {
    if !guide.config.has_absolute_base_url() {
        return None;
    }
    let base = guide.config.base_url.trim_end_matches('/');
    let mut pages = vec![String::new()];
    pages.extend(
        guide
            .lessons
            .iter()
            .map(|l| format!("{}.html", l.source.slug)),
    );
    if !guide.gear.is_empty() {
        pages.push("gear.html".to_string());
    }
    pages.push("checklists.html".to_string());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        xml.push_str("  <url><loc>");
        let _ = escape_html(&mut xml, &format!("{base}/{page}"));
        let _ = writeln!(xml, "</loc></url>");
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}
