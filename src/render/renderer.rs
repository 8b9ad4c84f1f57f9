//! What every page's builder shares: the guide's summaries, the diagrams, the theme; and for
//! each [`Page`], what it is made from (its fingerprint) and how (its builder). Builders of the
//! web pages are in [`super::web`], of the paper pages in [`super::paper`].

use std::borrow::Cow;
use std::io;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::Serialize;
use tera::Context;

use crate::i18n::template::{STRINGS, script_strings, strings_value};
use crate::markdown::compare::{TableAnchors, comparison_table};
use crate::markdown::headings::anchor_for;
use crate::markdown::{Edition, HighlightCache};

use super::bodies::Bodies;
use super::chapters::{GroupInfo, group_infos};
use super::context::{
    CategoryTable, ChapterInfo, LessonRef, LessonSummary, PageInfo, PageRef, SiteInfo,
    chapter_infos, short_title,
};
use super::fingerprints::{add_link, add_page_link};
use super::languages::page_languages;
use super::map::lesson_map_svg;
use super::page::Page;
use super::search::{self, TermIndex};
pub use super::sidebar::{FULL_SIDEBAR_LESSONS, FULL_SIDEBAR_PAGES};
use super::summaries::{Summaries, guide_time_split, time_split};
use super::theme::Theme;
use super::theme::template_diagnostic;
use super::timeline::{TimelineStyle, schedule, timeline_html};
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::model::Guide;
use crate::model::direction::Direction;

/// Choices that change the output but not the guide.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The date printed on the cover of the print edition (`YYYY-MM-DD`).
    pub build_date: String,
    /// The preview of `guidebook serve`: its pages never register a service worker, and its
    /// `sw.js` is one that removes itself.
    pub preview: bool,
}

impl RenderOptions {
    /// Whether the site keeps itself for reading offline: `[offline] enabled`, and not a
    /// preview.
    pub fn keeps_offline(&self, guide: &Guide) -> bool {
        guide.config.offline.enabled && !self.preview
    }
}

/// Everything the page builders share.
pub struct Renderer<'a> {
    pub guide: &'a Guide,
    pub edition: Edition,
    /// The code blocks the lesson pages highlighted, for the print edition.
    pub highlights: &'a HighlightCache,
    pub theme: &'a Theme,
    pub site: SiteInfo,
    pub summaries: Vec<Arc<LessonSummary>>,
    /// A fingerprint of each summary, for the pages that show it.
    pub(super) summary_digests: Vec<u64>,
    /// A fingerprint of each lesson as a link (step, address, title), for the sidebars.
    pub(super) link_digests: Vec<u64>,
    /// The same lessons as links only, for the sidebar.
    pub refs: Vec<LessonRef>,
    /// The reference pages as links, in the order of [`Guide::pages`].
    pub page_refs: Vec<PageRef>,
    pub categories: Vec<CategoryTable>,
    /// A large guide's chapters (empty when the home page lists every lesson).
    pub chapters: Vec<ChapterInfo>,
    /// The lessons by their named chapters (empty when no lesson names one).
    pub groups: Vec<GroupInfo>,
    pub lesson_map_svg: String,
    pub timeline_html: String,
    pub compact_timeline_html: String,
    /// What every page shows of the guide as a whole (theme, site facts, a full sidebar).
    pub(super) shared_fingerprint: u64,
    /// The guide's words as the templates' `strings` (shared by every page's context).
    strings_value: tera::Value,
    /// The pages of each search text shard.
    pub(super) text_shards: Vec<Range<usize>>,
    /// The search's term index, made when first needed ([`Renderer::term_index`]).
    pub(super) term_index: OnceLock<TermIndex>,
}

/// What the pages about the whole guide draw from it.
struct Drawings {
    categories: Vec<CategoryTable>,
    chapters: Vec<ChapterInfo>,
    lesson_map_svg: String,
    timeline_html: String,
    compact_timeline_html: String,
}

impl<'a> Renderer<'a> {
    /// Prepares what the pages share: summaries (made by `summaries`, beside the rest), diagrams
    /// and gear tables.
    pub fn new(
        guide: &'a Guide,
        bodies: &Bodies,
        summaries: impl FnOnce() -> Summaries + Send,
        theme: &'a Theme,
        options: &RenderOptions,
        highlights: &'a HighlightCache,
    ) -> Self {
        let direction = Direction::of_language(&guide.config.language);
        // The lessons' summaries and the drawings of the whole guide, side by side.
        let (summaries, drawings) = rayon::join(summaries, || {
            let bars = schedule(guide);
            let unit = guide.time_unit();
            Drawings {
                categories: category_tables(guide),
                chapters: chapter_infos(guide),
                lesson_map_svg: lesson_map_svg(guide, direction),
                timeline_html: timeline_html(
                    &bars,
                    TimelineStyle::FULL,
                    direction,
                    unit,
                    &guide.strings,
                ),
                compact_timeline_html: timeline_html(
                    &bars,
                    TimelineStyle::COMPACT,
                    direction,
                    unit,
                    &guide.strings,
                ),
            }
        });
        let Summaries {
            summaries,
            refs,
            summary_digests,
            link_digests,
        } = summaries;
        let (teaching, exercises) = guide_time_split(guide);
        // The guide's one total is its plan; some lessons run side by side when it is shorter
        // than all lessons added up (however little: the timeline shows their bars overlap).
        let unit = guide.time_unit();
        let length = guide.plan.length;
        let total = length.humanize_up_to(unit, &guide.strings);
        let lessons_overlap = length != guide.total;
        let site = SiteInfo {
            time_split: time_split(&teaching, &exercises, &guide.strings),
            teaching,
            exercises,
            title: guide.config.title.clone(),
            short_title: short_title(&guide.config.title),
            author: guide.config.author.clone(),
            description: guide.config.description.clone(),
            language: guide.config.language.clone(),
            dir: direction,
            total,
            lessons_overlap,
            lesson_count: guide.lessons.len(),
            guide_id: guide_id(guide),
            generator: format!("guidebook {}", env!("CARGO_PKG_VERSION")),
            has_gear: !guide.gear.is_empty(),
            has_checklists: bodies.lessons.iter().any(|body| !body.tasks.is_empty()),
            has_keypoints: bodies.lessons.iter().any(|body| !body.keypoints.is_empty()),
            build_date: guide.strings.date(&options.build_date),
            paper: guide.config.print.paper.css_size().to_string(),
            extra: guide.config.extra.clone(),
            script_strings: script_strings(&guide.strings),
            root: guide.language.root(),
            default_language: (guide.language.all.first())
                .map_or_else(|| guide.config.language.clone(), |l| l.code.clone()),
            default_language_name: (guide.language.all.first())
                .map_or_else(String::new, |l| l.name.clone()),
            offline: options.keeps_offline(guide),
        };
        let page_refs: Vec<PageRef> = guide.pages.iter().map(PageRef::new).collect();
        let groups = group_infos(guide);
        let mut shared = Fingerprint::default();
        shared
            .add_number(theme.templates_fingerprint)
            .add(&serde_json::to_string(&site).unwrap_or_default())
            .add_number(guide.strings.digest());
        // Chapters' headings show on every page (the sidebar) and their times on the overviews.
        if !groups.is_empty() {
            shared.add(&serde_json::to_string(&groups).unwrap_or_default());
        }
        if refs.len() <= FULL_SIDEBAR_LESSONS {
            for link in &refs {
                add_link(&mut shared, link);
            }
        }
        // Every sidebar lists every reference page (of a guide with not too many).
        if page_refs.len() <= FULL_SIDEBAR_PAGES {
            for link in &page_refs {
                add_page_link(&mut shared, link);
            }
        }
        Renderer {
            guide,
            edition: guide.edition,
            highlights,
            theme,
            site,
            summaries,
            summary_digests,
            link_digests,
            refs,
            page_refs,
            categories: drawings.categories,
            chapters: drawings.chapters,
            groups,
            lesson_map_svg: drawings.lesson_map_svg,
            timeline_html: drawings.timeline_html,
            compact_timeline_html: drawings.compact_timeline_html,
            shared_fingerprint: shared.finish(),
            strings_value: strings_value(&guide.strings),
            text_shards: search::text_shard_ranges(guide),
            term_index: OnceLock::new(),
        }
    }

    /// Every lesson by its named chapter, or one group of every lesson without a name when the
    /// guide has no named chapters (the print edition's contents and the handout's schedule).
    pub fn lesson_groups(&self) -> Vec<GroupInfo> {
        if !self.groups.is_empty() {
            return self.groups.clone();
        }
        let step = |lesson: Option<&LessonRef>| lesson.map_or(0, |l| l.step);
        let (first, last) = (step(self.refs.first()), step(self.refs.last()));
        vec![GroupInfo::whole(first, last, self.refs.len())]
    }

    /// Renders `page` whole.
    pub fn render_page(&self, page: Page, bodies: &Bodies) -> Result<Vec<u8>, Diagnostic> {
        let text = match page {
            Page::Home => self.index_page(bodies),
            Page::Lesson(index) => self.lesson_page(index, bodies),
            Page::Reference(index) => self.reference_page(index, bodies),
            Page::Chapter(index) => self.chapter_page(index),
            Page::Gear => self.gear_page(),
            Page::Checklists => self.checklists_page(),
            Page::KeyPoints => self.key_points_page(bodies),
            Page::NotFound => self.not_found_page(),
            Page::Handout => self.handout_page(),
            Page::Print => {
                let mut bytes = Vec::new();
                self.write_print(&mut bytes)?;
                return Ok(bytes);
            }
            Page::SearchIndex => Ok(self.search_index_script(bodies)),
            Page::SearchTerms(number) => Ok(self.term_shard_script(number, bodies)),
            Page::SearchText(number) => Ok(self.text_shard_script(number, bodies)),
            Page::Tasks => Ok(self.tasks_script()),
            Page::Sitemap => Ok(self.sitemap()),
            Page::Redirect(index) => self.redirect_page(index),
            Page::Manifest => self.manifest(),
            // A build with `[offline]` on writes its worker after every other file
            // (`pages.rs`); this is the one of the preview and of a site that keeps nothing.
            Page::ServiceWorker => Ok(super::offline::UNREGISTERING_WORKER.to_string()),
        }?;
        Ok(text.into_bytes())
    }

    /// Renders `page` piece by piece into `out` (only the print edition is rendered as a
    /// stream; other pages are written whole).
    pub fn write_page(
        &self,
        page: Page,
        bodies: &Bodies,
        out: &mut dyn io::Write,
    ) -> Result<(), Diagnostic> {
        if page == Page::Print {
            return self.write_print(out);
        }
        let bytes = self.render_page(page, bodies)?;
        // A write error is the writer's to report (it records its own); nothing to add here.
        let _ = out.write_all(&bytes);
        Ok(())
    }

    pub fn render<T: Serialize>(&self, template: &str, context: &T) -> Result<String, Diagnostic> {
        let mut context = to_context(context);
        self.add_strings(&mut context);
        self.render_context(template, &context)
    }

    /// Gives a context the guide's words, for `t()`.
    pub(super) fn add_strings(&self, context: &mut Context) {
        context.insert_value(STRINGS, self.strings_value.clone());
    }

    pub fn render_context(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.theme
            .tera
            .render(template, context)
            .map_err(|error| template_diagnostic(&error, &self.theme.template_files))
    }

    /// `page`: the page's title, description, address and canonical URL.
    pub fn page_info(&self, page: Page, title: &str, description: &str) -> PageInfo {
        let config = &self.guide.config;
        let url = page.path(self.guide);
        let canonical = if config.has_absolute_base_url() {
            let base = config.base_url.trim_end_matches('/');
            let folder = &self.guide.language.folder;
            if page == Page::Home {
                format!("{base}/{folder}")
            } else {
                format!("{base}/{folder}{url}")
            }
        } else {
            String::new()
        };
        let description = if description.is_empty() {
            &config.description
        } else {
            description
        };
        let extra = match page {
            Page::Lesson(index) => self.guide.lessons.get(index).map(|l| &l.source.extra),
            Page::Reference(index) => self.guide.pages.get(index).map(|p| &p.extra),
            _ => None,
        };
        let languages = page_languages(self.guide, page, &url);
        PageInfo {
            kind: page.kind(),
            title: title.to_string(),
            description: description.to_string(),
            url,
            canonical,
            languages,
            base: if page == Page::NotFound && config.has_absolute_base_url() {
                format!("{}/", config.base_url.trim_end_matches('/'))
            } else {
                String::new()
            },
            extra: extra.cloned().unwrap_or_default(),
        }
    }

    /// Every page the site has: [`Page::all`] but a checklists page in a guide without
    /// checklists, and a key points page in a guide without key points.
    pub fn pages(&self) -> impl Iterator<Item = Page> + '_ {
        let translated = !self.guide.language.folder.is_empty();
        (Page::all(self.guide).into_iter())
            .filter(|&page| page != Page::Checklists || self.site.has_checklists)
            .filter(|&page| page != Page::KeyPoints || self.site.has_keypoints)
            // One 404 page, one sitemap and one service worker serve every language.
            .filter(move |&page| !(translated && page.is_shared_by_languages()))
    }

    /// Where `page` goes in the site: its path, in its language's folder.
    pub fn site_path(&self, page: Page) -> String {
        let folder = &self.guide.language.folder;
        if folder.is_empty() {
            return page.path(self.guide);
        }
        format!("{folder}{}", page.path(self.guide))
    }

    /// `manifest.webmanifest`: the theme's template with the site's facts.
    fn manifest(&self) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct ManifestContext<'a> {
            site: &'a SiteInfo,
        }
        self.render(
            "manifest.webmanifest",
            &ManifestContext { site: &self.site },
        )
    }

    /// The web pages' addresses for the sitemap, home first, then the same in each other
    /// language.
    fn sitemap(&self) -> String {
        let pages: Vec<Page> = self.pages().filter(|page| page.in_sitemap()).collect();
        let folders = (self.guide.translations.iter()).map(|t| t.language.folder.as_str());
        let urls = std::iter::once("").chain(folders).flat_map(|folder| {
            pages.iter().map(move |page| match page {
                Page::Home => Cow::Borrowed(folder),
                other => Cow::Owned(format!("{folder}{}", other.path(self.guide))),
            })
        });
        super::sitemap::sitemap_xml(&self.guide.config, urls)
    }
}

/// Every gear category with its full table (rows anchored for `gear.html#gear-<id>`).
fn category_tables(guide: &Guide) -> Vec<CategoryTable> {
    guide
        .gear
        .categories
        .iter()
        .map(|category| {
            let items: Vec<_> = category.items.iter().collect();
            let columns: Vec<usize> = (0..category.attributes.len()).collect();
            CategoryTable {
                id: category.id.clone(),
                title: category.title.clone(),
                description: category.description.clone(),
                table_html: comparison_table(
                    category,
                    &items,
                    &columns,
                    TableAnchors::Rows,
                    &guide.strings,
                ),
            }
        })
        .collect()
}

/// The id under which browsers keep this guide's checklist ticks.
fn guide_id(guide: &Guide) -> String {
    let id = anchor_for(&guide.config.title);
    if id.is_empty() {
        "guide".to_string()
    } else {
        id
    }
}

/// A Tera context from any serializable value.
pub fn to_context<T: Serialize>(value: &T) -> Context {
    Context::from_serialize(value).expect("page contexts are structs that serialize to maps")
}
