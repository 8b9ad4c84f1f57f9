//! Where the readers of a page that a rebuild removed are sent: the page made from the same
//! file (renamed or re-slugged), else the one with the same title, else the home page.

use fnv::FnvHashMap as HashMap;

use crate::model::Guide;
use crate::render::on_request::SiteOnRequest;
use crate::render::page_url;

/// Pages that disappeared -> where their readers should go: the lesson or reference page from
/// the same file (it was renamed or re-slugged), else the one with the same title, else the
/// home page.
pub(super) fn moved_pages(
    old_site: &SiteOnRequest,
    new_site: &SiteOnRequest,
) -> Vec<(String, String)> {
    let mut gone: Vec<&str> = (old_site.page_paths())
        .filter(|p| p.ends_with(".html") && !new_site.has_page(p))
        .collect();
    if gone.is_empty() {
        return Vec::new();
    }
    gone.sort_unstable();
    let (old, new) = (old_site.guide(), new_site.guide());
    let new_by_file: HashMap<&str, &str> = named_pages(new)
        .map(|(file, _, slug)| (file, slug))
        .collect();
    let new_by_title: HashMap<&str, &str> = named_pages(new)
        .map(|(_, title, slug)| (title, slug))
        .collect();
    // A page of another language is in its folder, with the same slug as the default one's.
    let folders: Vec<&str> = (old.translations.iter())
        .map(|t| t.language.folder.as_str())
        .collect();
    let mut old_by_url: HashMap<String, (&str, &str)> = HashMap::default();
    for (file, title, slug) in named_pages(old) {
        old_by_url.entry(page_url(slug)).or_insert((file, title));
    }
    gone.into_iter()
        .map(|path| {
            let folder = (folders.iter())
                .find(|folder| path.starts_with(**folder))
                .map_or("", |folder| *folder);
            let page = &path[folder.len()..];
            let target = (old_by_url.get(page))
                .and_then(|(file, title)| new_by_file.get(file).or_else(|| new_by_title.get(title)))
                .map_or_else(|| page_url("index"), |slug| page_url(slug));
            (path.to_string(), format!("{folder}{target}"))
        })
        .collect()
}

/// Every lesson and reference page of `guide` as (file, title, slug).
fn named_pages(guide: &Guide) -> impl Iterator<Item = (&str, &str, &str)> {
    let lessons = (guide.lessons.iter()).map(|l| {
        (
            l.source.file.as_str(),
            l.source.title.as_str(),
            l.source.slug.as_str(),
        )
    });
    let pages = (guide.pages.iter()).map(|p| (p.file.as_str(), p.title.as_str(), p.slug.as_str()));
    lessons.chain(pages)
}
