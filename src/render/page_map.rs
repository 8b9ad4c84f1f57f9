//! Every page a link can lead to (lessons, reference pages, the introduction, the site's other
//! pages) by the file or address a link names ([`PageMap`]), kept by the preview while no
//! file's path, slug or place changes.

use std::sync::Arc;

use super::bodies::INTRO_PAGE;
use super::page::{Page, page_url};
use crate::fingerprint::{Fingerprint, FingerprintCache};
use crate::load::INTRO_FILE;
use crate::markdown::PageMap;
use crate::markdown::links::PageTarget;
use crate::model::Guide;

/// Every page a link can lead to (lessons, reference pages, the introduction), by
/// `content/`-relative file.
pub fn page_map(guide: &Guide) -> PageMap {
    let mut pages = PageMap::with_capacity(guide.lessons.len() + guide.pages.len() + 1);
    let lessons = (guide.lessons.iter().enumerate())
        .map(|(i, l)| (Page::Lesson(i), &l.source.content_path, &l.source.slug));
    let references = (guide.pages.iter().enumerate())
        .map(|(i, p)| (Page::Reference(i), &p.content_path, &p.slug));
    for (page, content_path, slug) in lessons.chain(references) {
        let target = PageTarget {
            href: page_url(slug),
            page: slug.clone(),
            print_id: page.print_id(guide),
        };
        // A lesson's or reference page's place in the site is its link's.
        pages.add_site_page(target.href.clone());
        pages.insert(content_path, target);
    }
    let intro = PageTarget {
        href: page_url(INTRO_PAGE),
        page: INTRO_PAGE.to_string(),
        print_id: None,
    };
    pages.insert(INTRO_FILE, intro);
    // A translation's file leads where the file it translates does.
    for (alias, original) in &guide.aliases {
        if let Some(target) = pages.get(original).cloned() {
            pages.insert(alias, target);
        }
    }
    let others = (Page::all(guide).into_iter())
        .filter(|page| !matches!(page, Page::Lesson(_) | Page::Reference(_)));
    for page in others {
        pages.add_site_page(page.path(guide));
    }
    for file in &guide.absent {
        pages.insert_absent(&file.content_path, file.absence);
    }
    pages
}

/// The page map of `guide` (whose [`layout_digest`] is `layout`), kept in `cache` between the
/// preview's builds: the last one while what it is made from did not change (most edits change
/// no file's path, slug or place), else made again.
pub fn page_map_cached(
    cache: &mut FingerprintCache<(), Arc<PageMap>>,
    guide: &Guide,
    layout: u64,
) -> Arc<PageMap> {
    if !cache.is_enabled() {
        return Arc::new(page_map(guide));
    }
    let digest = page_map_digest(guide, layout);
    if let Some(pages) = cache.get(&(), digest) {
        return Arc::clone(pages);
    }
    let pages = Arc::new(page_map(guide));
    cache.insert((), digest, Arc::clone(&pages));
    pages
}

/// A fingerprint of where each lesson's and reference page's file and page are, in order
/// (`page_map`'s and the bodies' links' main input).
pub fn layout_digest(guide: &Guide) -> u64 {
    let mut fingerprint = Fingerprint::default();
    for lesson in &guide.lessons {
        fingerprint
            .add(&lesson.source.content_path)
            .add(&lesson.source.slug);
    }
    fingerprint.add_number(guide.lessons.len() as u64);
    for page in &guide.pages {
        fingerprint.add(&page.content_path).add(&page.slug);
    }
    fingerprint.finish()
}

/// A fingerprint of everything [`page_map`] reads: the files' and pages' places (`layout`, from
/// [`layout_digest`]), the site's other pages, the translations' files and the files left out.
fn page_map_digest(guide: &Guide, layout: u64) -> u64 {
    let mut fingerprint = Fingerprint::seeded(layout);
    let others = (Page::all(guide).into_iter())
        .filter(|page| !matches!(page, Page::Lesson(_) | Page::Reference(_)));
    for page in others {
        fingerprint.add(&page.path(guide));
    }
    fingerprint.add_number(u64::MAX);
    for (alias, original) in &guide.aliases {
        fingerprint.add(alias).add(original);
    }
    fingerprint.add_number(u64::MAX);
    for file in &guide.absent {
        fingerprint
            .add(&file.content_path)
            .add_number(file.absence as u64);
    }
    fingerprint.finish()
}
