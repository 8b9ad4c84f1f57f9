//! A page in each of the guide's languages: the language switcher's links and the `hreflang`
//! alternates, relative from the page or absolute under an absolute `base_url`.

use super::context::PageLanguage;
use super::page::Page;
use crate::model::Guide;

/// `page` in each of the guide's languages, when it has more than one: the same path in each
/// language's folder (the home page for the 404 page, which only the default language has).
pub fn page_languages(guide: &Guide, page: Page, url: &str) -> Vec<PageLanguage> {
    let language = &guide.language;
    if language.all.len() < 2 {
        return Vec::new();
    }
    let config = &guide.config;
    let path = if page == Page::NotFound {
        "index.html"
    } else {
        url
    };
    (language.all.iter())
        .map(|other| {
            let in_site = if page == Page::Home {
                other.folder.clone()
            } else {
                format!("{}{path}", other.folder)
            };
            let url = match format!("{}{in_site}", language.root()) {
                relative if relative.is_empty() => "./".to_string(),
                relative => relative,
            };
            let href = if config.has_absolute_base_url() {
                format!("{}/{in_site}", config.base_url.trim_end_matches('/'))
            } else {
                url.clone()
            };
            PageLanguage {
                code: other.code.clone(),
                name: other.name.clone(),
                url,
                href,
                current: other.code == language.code,
            }
        })
        .collect()
}
