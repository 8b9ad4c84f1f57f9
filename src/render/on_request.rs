//! A site whose pages are rendered when they are asked for (the preview server's): a checked
//! guide, its rendered bodies and its theme, with the [`Renderer`] every page shares made once.
//! Each page's fingerprint is known without rendering it, so a [`PageStore`] keeps rendered
//! pages across versions and hands a page back unrendered as long as nothing it shows changed;
//! pages nobody asks for are never rendered or held.

use std::collections::{BTreeMap, VecDeque};

use fnv::FnvHashMap as HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use self_cell::self_cell;

use super::bodies::Bodies;
use super::page::Page;
use super::renderer::{RenderOptions, Renderer};
use super::summaries::{Summaries, SummaryCache};
use super::theme::Theme;
use crate::diagnostics::Diagnostic;
use crate::load::Asset;
use crate::markdown::HighlightCache;
use crate::model::Guide;

/// What the renderer borrows from.
pub struct Parts {
    pub guide: Guide,
    pub bodies: Bodies,
    pub theme: Arc<Theme>,
    pub highlights: Arc<HighlightCache>,
    pub options: RenderOptions,
}

/// A renderer per language of the guide: the default one first, then its translations'.
type RendererOf<'a> = Vec<Renderer<'a>>;

/// A page of one language: the index of its renderer, and the page.
type LanguagePage = (usize, Page);

self_cell!(
    struct Rendering {
        owner: Parts,
        #[covariant]
        dependent: RendererOf,
    }
);

/// One version of the site, rendered page by page on request.
pub struct SiteOnRequest {
    rendering: Rendering,
    /// Every page the site has (in every language), by its path.
    pages: HashMap<String, SitePage>,
    /// The theme's static files as served (`assets/...`).
    statics: HashMap<String, Arc<Vec<u8>>>,
    /// Pages without a fingerprint (the scripts), rendered once for this version.
    scripts: Mutex<HashMap<String, Arc<Vec<u8>>>>,
}

/// A page of the site, and the fingerprint of what it shows (none for the scripts, which are
/// rendered once per version).
#[derive(Debug, Clone, Copy)]
struct SitePage {
    page: LanguagePage,
    fingerprint: Option<u64>,
}

/// What a path of the site is.
pub enum Found<'a> {
    /// A page, rendered (or taken from the store).
    Page(Result<Arc<Vec<u8>>, Diagnostic>),
    /// A theme file, as it is.
    Static(Arc<Vec<u8>>),
    /// A file beside the lessons, to be read from where it is.
    Copy(&'a Asset),
    Missing,
}

impl SiteOnRequest {
    /// Prepares the renderer and lists the pages and their fingerprints; renders nothing.
    /// The site of `parts`, whose lessons' summaries are taken from (and kept in) `summaries`,
    /// one cache per language, the default one first.
    pub fn new(parts: Parts, summaries: &mut Vec<SummaryCache>) -> Self {
        let rendering = Rendering::new(parts, |parts| {
            let languages = std::iter::once((&parts.guide, &parts.bodies)).chain(
                parts
                    .guide
                    .translations
                    .iter()
                    .zip(&parts.bodies.translations),
            );
            summaries.resize_with(1 + parts.guide.translations.len(), SummaryCache::enabled);
            languages
                .zip(summaries.iter_mut())
                .map(|((guide, bodies), cache)| {
                    Renderer::new(
                        guide,
                        bodies,
                        || Summaries::of(guide, &bodies.lessons, cache),
                        &parts.theme,
                        &parts.options,
                        &parts.highlights,
                    )
                })
                .collect()
        });
        let renderers = rendering.borrow_dependent();
        let owner = rendering.borrow_owner();
        let listed: Vec<(String, LanguagePage)> = (renderers.iter().enumerate())
            .flat_map(|(language, renderer)| {
                (renderer.pages()).map(move |page| (renderer.site_path(page), (language, page)))
            })
            .collect();
        let fingerprints: Vec<Option<u64>> = (listed.par_iter())
            .map(|&(_, (language, page))| {
                let bodies = bodies_of(&owner.bodies, language)?;
                renderers.get(language)?.fingerprint(page, bodies)
            })
            .collect();
        let mut pages = HashMap::with_capacity_and_hasher(listed.len(), Default::default());
        for ((path, page), fingerprint) in listed.into_iter().zip(fingerprints) {
            pages.insert(path, SitePage { page, fingerprint });
        }
        let statics = (owner.theme.static_files.iter())
            .map(|(name, bytes)| (format!("assets/{name}"), Arc::new(bytes.clone())))
            .collect();
        SiteOnRequest {
            rendering,
            pages,
            statics,
            scripts: Mutex::new(HashMap::default()),
        }
    }

    /// The guide this version shows.
    pub fn guide(&self) -> &Guide {
        &self.rendering.borrow_owner().guide
    }

    /// The files beside the lessons, by their path in the site.
    pub fn copies(&self) -> &BTreeMap<String, Asset> {
        &self.guide().assets
    }

    /// Every page's path.
    pub fn page_paths(&self) -> impl Iterator<Item = &str> {
        self.pages.keys().map(String::as_str)
    }

    /// Paths of this version whose content differs from `previous`'s: pages by fingerprint
    /// (scripts, which have none, are left out), theme files and the files beside the lessons by
    /// their bytes and stamps.
    pub fn changed_since(&self, previous: &SiteOnRequest) -> Vec<String> {
        let fingerprint_of = |site: &SiteOnRequest, path: &str| {
            site.pages.get(path).and_then(|page| page.fingerprint)
        };
        let pages = (self.pages.iter())
            .filter(|(path, page)| {
                page.fingerprint.is_some() && fingerprint_of(previous, path) != page.fingerprint
            })
            .map(|(path, _)| path.clone());
        let statics = (self.statics.iter())
            .filter(|(path, bytes)| previous.statics.get(*path) != Some(*bytes))
            .map(|(path, _)| path.clone());
        let copies = (self.copies().iter())
            .filter(|(path, asset)| previous.copies().get(*path) != Some(*asset))
            .map(|(path, _)| path.clone());
        let mut changed: Vec<String> = pages.chain(statics).chain(copies).collect();
        changed.sort();
        log::debug!("changed: {changed:?}");
        changed
    }

    /// What `path` is, a page rendered now unless `store` holds it as it is.
    pub fn find(&self, path: &str, store: &PageStore) -> Found<'_> {
        if let Some(&page) = self.pages.get(path) {
            return Found::Page(self.page(path, page, store));
        }
        if let Some(bytes) = self.statics.get(path) {
            return Found::Static(Arc::clone(bytes));
        }
        match self.copies().get(path) {
            Some(asset) => Found::Copy(asset),
            None => Found::Missing,
        }
    }

    /// What `path` is, when that takes no rendering: a page already rendered and unchanged, a
    /// theme file, a file beside the lessons, or nothing. `None`: the page must be rendered
    /// ([`SiteOnRequest::find`]).
    pub fn find_ready(&self, path: &str, store: &PageStore) -> Option<Found<'_>> {
        if let Some(page) = self.pages.get(path) {
            let ready = match page.fingerprint {
                Some(fingerprint) => store.get(path, fingerprint),
                None => (self.scripts.lock().unwrap_or_else(PoisonError::into_inner))
                    .get(path)
                    .cloned(),
            };
            return ready.map(|bytes| Found::Page(Ok(bytes)));
        }
        Some(self.find(path, store))
    }

    /// Whether the site has a page at `path`.
    pub fn has_page(&self, path: &str) -> bool {
        self.pages.contains_key(path)
    }

    fn page(
        &self,
        path: &str,
        SitePage { page, fingerprint }: SitePage,
        store: &PageStore,
    ) -> Result<Arc<Vec<u8>>, Diagnostic> {
        let Some(fingerprint) = fingerprint else {
            return self.script(path, page);
        };
        if let Some(bytes) = store.get(path, fingerprint) {
            return Ok(bytes);
        }
        let bytes = Arc::new(self.render(page)?);
        store.put(path, fingerprint, Arc::clone(&bytes));
        Ok(bytes)
    }

    fn script(&self, path: &str, page: LanguagePage) -> Result<Arc<Vec<u8>>, Diagnostic> {
        let mut scripts = self.scripts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bytes) = scripts.get(path) {
            return Ok(Arc::clone(bytes));
        }
        let bytes = Arc::new(self.render(page)?);
        scripts.insert(path.to_string(), Arc::clone(&bytes));
        Ok(bytes)
    }

    fn render(&self, (language, page): LanguagePage) -> Result<Vec<u8>, Diagnostic> {
        let missing = || Diagnostic::error("content", 0..0, "internal: no such language");
        let bodies =
            bodies_of(&self.rendering.borrow_owner().bodies, language).ok_or_else(missing)?;
        let renderer = self
            .rendering
            .borrow_dependent()
            .get(language)
            .ok_or_else(missing)?;
        renderer.render_page(page, bodies)
    }

    /// Renders one page of each kind the site has (the print edition only for a guide of at
    /// most `print_up_to` lessons), so that a template error shows now rather than when a
    /// page is opened. Every problem found is returned; the pages join `store`.
    pub fn probe(&self, store: &PageStore, print_up_to: usize) -> Vec<Diagnostic> {
        let guide = self.guide();
        let mut samples = vec![Page::Home, Page::NotFound, Page::Handout, Page::Gear];
        samples.extend((!guide.lessons.is_empty()).then_some(Page::Lesson(0)));
        samples.extend((!guide.pages.is_empty()).then_some(Page::Reference(0)));
        samples.extend([Page::Checklists, Page::KeyPoints]);
        if guide.lessons.len() <= print_up_to {
            samples.push(Page::Print);
        }
        let mut problems = Vec::new();
        for page in samples {
            let path = page.path(guide);
            let Some(&found) = self
                .pages
                .get(&path)
                .filter(|found| found.page == (0, page))
            else {
                continue;
            };
            if let Err(problem) = self.page(&path, found, store) {
                problems.push(problem);
            }
        }
        problems
    }

    /// Changes whenever one of the theme's templates changes.
    pub fn templates_fingerprint(&self) -> u64 {
        self.rendering.borrow_owner().theme.templates_fingerprint
    }

    /// The templates' text, for a template diagnostic.
    pub fn template_sources(&self) -> crate::diagnostics::Sources {
        self.rendering.borrow_owner().theme.template_sources.clone()
    }
}

/// The bodies of language `index` (0, the default one; then the translations in order).
fn bodies_of(bodies: &Bodies, index: usize) -> Option<&Bodies> {
    match index {
        0 => Some(bodies),
        n => bodies.translations.get(n - 1),
    }
}

/// Rendered pages kept across versions by path and fingerprint, up to a number of bytes (the
/// oldest go first).
pub struct PageStore {
    inner: Mutex<StoreInner>,
    budget: usize,
}

#[derive(Default)]
struct StoreInner {
    pages: HashMap<String, (u64, Arc<Vec<u8>>)>,
    order: VecDeque<String>,
    bytes: usize,
}

impl PageStore {
    /// A store of at most `budget` bytes of pages.
    pub fn new(budget: usize) -> Self {
        PageStore {
            inner: Mutex::new(StoreInner::default()),
            budget,
        }
    }

    /// The page at `path` if it is kept with this fingerprint.
    pub fn get(&self, path: &str, fingerprint: u64) -> Option<Arc<Vec<u8>>> {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        match inner.pages.get(path) {
            Some((kept, bytes)) if *kept == fingerprint => Some(Arc::clone(bytes)),
            _ => None,
        }
    }

    /// Keeps a rendered page, dropping the oldest pages while over budget.
    pub fn put(&self, path: &str, fingerprint: u64, bytes: Arc<Vec<u8>>) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let size = bytes.len();
        match inner.pages.insert(path.to_string(), (fingerprint, bytes)) {
            Some((_, old)) => inner.bytes -= old.len(),
            None => inner.order.push_back(path.to_string()),
        }
        inner.bytes += size;
        while inner.bytes > self.budget && inner.order.len() > 1 {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            if let Some((_, dropped)) = inner.pages.remove(&oldest) {
                inner.bytes -= dropped.len();
            }
        }
    }

    /// How many bytes of pages are kept.
    pub fn bytes(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_hands_back_a_page_only_with_its_fingerprint_and_keeps_to_its_budget() {
        let store = PageStore::new(10);
        store.put("a.html", 1, Arc::new(vec![0; 6]));
        assert!(store.get("a.html", 1).is_some());
        assert!(store.get("a.html", 2).is_none(), "changed since");
        store.put("b.html", 1, Arc::new(vec![0; 6]));
        assert!(store.get("a.html", 1).is_none(), "the oldest went");
        assert!(store.get("b.html", 1).is_some());
        assert_eq!(store.bytes(), 6);
        store.put("b.html", 2, Arc::new(vec![0; 3]));
        assert_eq!(store.bytes(), 3, "a page replaced, not added");
    }
}
