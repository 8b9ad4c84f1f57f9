//! `sitemap.xml`, written when `base_url` is absolute (a sitemap needs full URLs).

use std::borrow::Cow;
use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use crate::model::config::Config;

/// The sitemap listing `urls` (relative to `base_url`; "" is the home page). Call it only when
/// `base_url` is absolute.
pub fn sitemap_xml<'a>(config: &Config, urls: impl Iterator<Item = Cow<'a, str>>) -> String {
    let base = config.base_url.trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        xml.push_str("  <url><loc>");
        let _ = escape_html(&mut xml, &format!("{base}/{url}"));
        let _ = writeln!(xml, "</loc></url>");
    }
    xml.push_str("</urlset>\n");
    xml
}
