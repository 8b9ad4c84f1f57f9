//! One function per page kind, each building its template context and rendering it. The sidebar
//! is rendered once and reused by every page, so pages cost O(lessons) together, not O(lessons²)
//! template work.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::context::{
    CategoryTable, GearRef, LessonPage, LessonRef, LessonSummary, PageInfo, SafetyNote, SiteInfo,
    lesson_summaries,
};
use super::map::lesson_map_svg;
use super::print::print_body;
use super::search::search_index_script;
use super::theme::template_diagnostic;
use super::timeline::{TimelineStyle, schedule_span, timeline_svg};
use super::{
    Bodies, RenderFailure, RenderOptions, Site, Theme, category_tables, guide_id, to_context,
};
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::model::Guide;
use crate::model::gear::Verdict;
use crate::output::SiteWriter;

/// Everything the page renderers share.
struct Renderer<'a> {
    guide: &'a Guide,
    theme: &'a Theme,
    options: &'a RenderOptions,
    site: SiteInfo,
    summaries: Vec<LessonSummary>,
    /// The same lessons as links only, for the sidebar.
    refs: Vec<LessonRef>,
    /// Each lesson's place in `summaries`, by URL.
    lesson_at: HashMap<String, usize>,
    sidebar: String,
    lesson_map_svg: String,
    timeline_svg: String,
    compact_timeline_svg: String,
}

/// Rendered lesson pages by path with the fingerprint of their inputs, kept between builds by the
/// preview server: a lesson page is rendered again only when something it shows changed.
#[derive(Debug, Default, Clone)]
pub struct PageCache {
    lessons: HashMap<String, (u64, Vec<u8>)>,
    /// The pages about the whole guide (home, checklists, print, handout, gear, 404).
    singles: HashMap<&'static str, (u64, Vec<u8>)>,
    /// Off for one-off builds, which would only pay for the copies.
    enabled: bool,
}

impl PageCache {
    /// A cache that keeps pages for the next build.
    pub fn enabled() -> Self {
        PageCache {
            lessons: HashMap::new(),
            singles: HashMap::new(),
            enabled: true,
        }
    }
}

/// Up to this many lessons every page's sidebar lists them all (rendered once, so it costs
/// nothing per page); beyond, each page lists the lessons around it, so that pages stay small and
/// the build linear (the home page always lists every lesson).
pub const FULL_SIDEBAR_LESSONS: usize = 100;
/// How many lessons a partial sidebar lists.
const SIDEBAR_WINDOW: usize = 21;

/// The lessons a partial sidebar shows around lesson `index`.
fn sidebar_window(index: usize, count: usize) -> std::ops::Range<usize> {
    let start = index
        .saturating_sub(SIDEBAR_WINDOW / 2)
        .min(count.saturating_sub(SIDEBAR_WINDOW));
    start..(start + SIDEBAR_WINDOW).min(count)
}

/// What rendering one page came to: for the cache (when it is on) the page's path, the
/// fingerprint of its inputs and a copy of its bytes.
type PageOutcome<K, E> = Result<Option<(K, u64, Vec<u8>)>, RenderFailure<E>>;

/// Fills the theme's templates for every page of the site and adds the static files, in memory.
/// Works on a copy of `bodies`; the pipeline hands its bodies to [`render_pages_cached`] instead.
pub fn render_pages(
    guide: &Guide,
    bodies: &Bodies,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Site, Vec<Diagnostic>> {
    let site = Mutex::new(Site::default());
    let bodies = bodies.clone();
    match render_pages_cached(
        guide,
        bodies,
        theme,
        options,
        &mut PageCache::default(),
        &site,
    ) {
        Ok(()) => Ok(site.into_inner().unwrap_or_else(PoisonError::into_inner)),
        Err(RenderFailure::Templates(problems)) => Err(problems),
        Err(RenderFailure::Output(never)) => match never {},
    }
}

/// [`render_pages`] into `writer`, file by file as each is rendered (so a large site is never
/// held whole), reusing every page whose inputs have not changed since the cache's last build.
pub fn render_pages_cached<W: SiteWriter>(
    guide: &Guide,
    mut bodies: Bodies,
    theme: &Theme,
    options: &RenderOptions,
    cache: &mut PageCache,
    writer: &W,
) -> Result<(), RenderFailure<W::Error>> {
    let started = std::time::Instant::now();
    let summaries = lesson_summaries(guide, &bodies.lessons);
    let refs = summaries.iter().map(summary_ref).collect();
    let lesson_at = (summaries.iter().enumerate())
        .map(|(index, summary)| (summary.url.clone(), index))
        .collect();
    let site = SiteInfo {
        title: guide.config.title.clone(),
        author: guide.config.author.clone(),
        description: guide.config.description.clone(),
        language: guide.config.language.clone(),
        total: guide.total.humanize(),
        schedule_total: schedule_span(guide).humanize(),
        lesson_count: guide.lessons.len(),
        guide_id: guide_id(guide),
        generator: format!("guidebook {}", env!("CARGO_PKG_VERSION")),
        has_gear: !guide.gear.is_empty(),
        build_date: options.build_date.clone(),
        paper: guide.config.print.paper.css_size().to_string(),
    };
    let mut renderer = Renderer {
        guide,
        theme,
        options,
        site,
        lesson_at,
        summaries,
        refs,
        sidebar: String::new(),
        lesson_map_svg: lesson_map_svg(guide),
        timeline_svg: timeline_svg(guide, TimelineStyle::FULL),
        compact_timeline_svg: timeline_svg(guide, TimelineStyle::COMPACT),
    };
    log::debug!(
        "render: summaries, map and timeline done at {:?}",
        started.elapsed()
    );
    if guide.lessons.len() <= FULL_SIDEBAR_LESSONS {
        renderer.sidebar = renderer
            .render(
                "partials/sidebar.html",
                &SidebarContext {
                    site: &renderer.site,
                    lessons: &renderer.refs,
                    partial: None,
                },
            )
            .map_err(|problem| RenderFailure::Templates(vec![problem]))?;
    }

    let shared = if cache.enabled {
        Fingerprint::default()
            .add(&theme.fingerprint.to_string())
            .add(&renderer.sidebar)
            .add(&serde_json::to_string(&renderer.site).unwrap_or_default())
            .add(options.inject_html.as_deref().unwrap_or_default())
            .finish()
    } else {
        0
    };
    let lesson_pages: Vec<PageOutcome<String, W::Error>> = (0..guide.lessons.len())
        .into_par_iter()
        .map(|index| {
            let path = &renderer.summaries[index].url;
            let key = if cache.enabled {
                renderer.lesson_fingerprint(shared, index, &bodies)
            } else {
                0
            };
            let bytes = match cache.lessons.get(path) {
                Some((cached, bytes)) if cache.enabled && *cached == key => bytes.clone(),
                _ => renderer.lesson_page(index, &bodies)?.into_bytes(),
            };
            let kept = cache.enabled.then(|| (path.clone(), key, bytes.clone()));
            writer.put(path, bytes).map_err(RenderFailure::Output)?;
            Ok(kept)
        })
        .collect();
    let mut problems = Vec::new();
    cache.lessons.clear();
    for page in lesson_pages {
        if let Some(Some((path, key, bytes))) = RenderFailure::gather(page, &mut problems)? {
            cache.lessons.insert(path, (key, bytes));
        }
    }
    log::debug!("render: lesson pages done at {:?}", started.elapsed());
    let categories = category_tables(guide);
    // The pages about the whole guide depend on every lesson's summary (and the print edition
    // on every body too): one fingerprint each tells whether the last build's page still holds.
    let (overview_key, print_key) = if cache.enabled {
        let mut overview = Fingerprint::seeded(shared);
        overview
            .add(&bodies.intro.html)
            .add(guide.intro.title.as_deref().unwrap_or_default());
        for category in &categories {
            overview.add(&category.table_html);
        }
        for summary in &renderer.summaries {
            summary.fingerprint(&mut overview);
        }
        let mut print = overview.clone();
        for body in &bodies.lessons {
            print.add(&body.html);
        }
        (overview.finish(), print.finish())
    } else {
        (0, 0)
    };
    let mut singles = vec!["index.html", "checklists.html", "handout.html", "404.html"];
    if !guide.gear.is_empty() {
        singles.push("gear.html");
    }
    // The print edition is by far the largest page. A one-off build renders it after the other
    // pages, beside only the scripts, straight into its file, so that its context is the only
    // large thing in memory; the preview server keeps it whole, with the others, for its cache.
    let stream_print = !cache.enabled;
    if !stream_print {
        singles.push("print.html");
    }
    let rendered: Vec<PageOutcome<&'static str, W::Error>> = singles
        .into_par_iter()
        .map(|path| {
            let key = if path == "print.html" {
                print_key
            } else {
                overview_key
            };
            let bytes = match cache.singles.get(path) {
                Some((cached, bytes)) if cache.enabled && *cached == key => bytes.clone(),
                _ => match path {
                    "index.html" => renderer.index_page(&bodies),
                    "checklists.html" => renderer.checklists_page(),
                    "print.html" => renderer.print_page(&bodies, &categories),
                    "handout.html" => renderer.handout_page(),
                    "gear.html" => renderer.gear_page(&categories),
                    _ => renderer.not_found_page(),
                }?
                .into_bytes(),
            };
            let kept = cache.enabled.then(|| (path, key, bytes.clone()));
            writer.put(path, bytes).map_err(RenderFailure::Output)?;
            Ok(kept)
        })
        .collect();
    cache.singles.clear();
    for page in rendered {
        if let Some(Some((path, key, bytes))) = RenderFailure::gather(page, &mut problems)? {
            cache.singles.insert(path, (key, bytes));
        }
    }
    // The print edition (when streamed) and the scripts need nothing of each other: one thread
    // renders the print edition while the other writes the search index and the task lists.
    let print_html: Option<Vec<Cow<'_, str>>> = stream_print.then(|| {
        (bodies.lessons.iter_mut())
            .map(|body| Cow::Owned(std::mem::take(&mut body.html)))
            .collect()
    });
    let (printed, scripts) = rayon::join(
        || match print_html {
            Some(lesson_html) => {
                renderer.write_print_page(lesson_html, &bodies, &categories, writer)
            }
            None => Ok(()),
        },
        || renderer.write_scripts(&bodies, writer),
    );
    RenderFailure::gather(printed, &mut problems)?;
    scripts.map_err(RenderFailure::Output)?;
    if !problems.is_empty() {
        return Err(RenderFailure::Templates(problems));
    }
    log::debug!(
        "render: home, checklists, print, handout, 404 and scripts done at {:?}",
        started.elapsed()
    );
    for (name, bytes) in &theme.static_files {
        writer
            .put(&format!("assets/{name}"), bytes.clone())
            .map_err(RenderFailure::Output)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct SidebarContext<'a> {
    site: &'a SiteInfo,
    lessons: &'a [LessonRef],
    /// Set when the sidebar lists only some lessons (large guides).
    partial: Option<SidebarPart>,
}

/// Which part of a large guide a partial sidebar shows.
#[derive(Serialize)]
struct SidebarPart {
    first_step: u32,
    last_step: u32,
    lesson_count: usize,
}

#[derive(Serialize)]
struct WebPage<'a, T: Serialize> {
    site: &'a SiteInfo,
    page: PageInfo,
    sidebar: &'a str,
    #[serde(flatten)]
    content: T,
}

#[derive(Serialize)]
struct PaperPage<'a, T: Serialize> {
    site: &'a SiteInfo,
    page: PageInfo,
    #[serde(flatten)]
    content: T,
}

impl Renderer<'_> {
    fn render<T: Serialize>(&self, template: &str, context: &T) -> Result<String, Diagnostic> {
        self.render_context(template, &to_context(context))
    }

    fn render_context(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.theme
            .tera
            .render(template, context)
            .map_err(|error| template_diagnostic(&error, &self.theme.template_files))
    }

    fn page_info(&self, kind: &'static str, title: &str, description: &str, url: &str) -> PageInfo {
        let config = &self.guide.config;
        let canonical = if config.has_absolute_base_url() {
            let base = config.base_url.trim_end_matches('/');
            if url == "index.html" {
                format!("{base}/")
            } else {
                format!("{base}/{url}")
            }
        } else {
            String::new()
        };
        let description = if description.is_empty() {
            &config.description
        } else {
            description
        };
        PageInfo {
            kind,
            title: title.to_string(),
            description: description.to_string(),
            url: url.to_string(),
            canonical,
        }
    }

    /// A web page: the template with `site`, `page` and `sidebar`, with the sidebar's link to
    /// this page marked as the current one (the sidebar writes links as `<a href="URL" data-...`).
    fn web_page<T: Serialize>(
        &self,
        template: &str,
        page: PageInfo,
        content: T,
    ) -> Result<String, Diagnostic> {
        let plain = format!("<a href=\"{}\" data-", page.url);
        let marked = format!("<a href=\"{}\" aria-current=\"page\" data-", page.url);
        let sidebar = self.sidebar_for(&page.url)?.replacen(&plain, &marked, 1);
        let html = self.render(
            template,
            &WebPage {
                site: &self.site,
                page,
                sidebar: &sidebar,
                content,
            },
        )?;
        Ok(self.inject(html))
    }

    /// The full sidebar, or for a large guide the part around the page's lesson.
    fn sidebar_for(&self, url: &str) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
        if self.summaries.len() <= FULL_SIDEBAR_LESSONS {
            return Ok(std::borrow::Cow::Borrowed(&self.sidebar));
        }
        let index = self.lesson_at.get(url).copied().unwrap_or(0);
        let window = sidebar_window(index, self.summaries.len());
        let lessons = &self.refs[window];
        let (Some(first), Some(last)) = (lessons.first(), lessons.last()) else {
            return Ok(std::borrow::Cow::Borrowed(&self.sidebar));
        };
        let partial = SidebarPart {
            first_step: first.step,
            last_step: last.step,
            lesson_count: self.summaries.len(),
        };
        let context = SidebarContext {
            site: &self.site,
            lessons,
            partial: Some(partial),
        };
        self.render("partials/sidebar.html", &context)
            .map(std::borrow::Cow::Owned)
    }

    fn inject(&self, html: String) -> String {
        match &self.options.inject_html {
            Some(snippet) => match html.rfind("</body>") {
                Some(at) => format!("{}{snippet}{}", &html[..at], &html[at..]),
                None => html + snippet,
            },
            None => html,
        }
    }

    /// Everything a lesson page shows, as one fingerprint.
    fn lesson_fingerprint(&self, shared: u64, index: usize, bodies: &Bodies) -> u64 {
        let mut fingerprint = Fingerprint::seeded(shared);
        fingerprint.add(&bodies.lessons[index].html);
        // The lesson, its neighbours, and in a large guide the lessons its sidebar lists.
        let shown = if self.summaries.len() > FULL_SIDEBAR_LESSONS {
            sidebar_window(index, self.summaries.len())
        } else {
            index.saturating_sub(1)..(index + 2).min(self.summaries.len())
        };
        for summary in &self.summaries[shown] {
            summary.fingerprint(&mut fingerprint);
        }
        fingerprint.finish()
    }

    fn lesson_page(&self, index: usize, bodies: &Bodies) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Content<'a> {
            lesson: LessonPage<'a>,
            prev: Option<&'a LessonRef>,
            next: Option<&'a LessonRef>,
        }
        let summary = &self.summaries[index];
        let body = &bodies.lessons[index];
        let refs = |i: usize| self.summaries.get(i).map(summary_ref);
        let prev = index.checked_sub(1).and_then(refs);
        let next = refs(index + 1);
        let page = self.page_info("lesson", &summary.title, &summary.summary, &summary.url);
        self.web_page(
            "lesson.html",
            page,
            Content {
                lesson: LessonPage {
                    summary,
                    html: &body.html,
                    headings: &body.headings,
                },
                prev: prev.as_ref(),
                next: next.as_ref(),
            },
        )
    }

    fn index_page(&self, bodies: &Bodies) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Content<'a> {
            intro_title: &'a str,
            intro_html: &'a str,
            lessons: &'a [LessonSummary],
            lesson_map_svg: &'a str,
            timeline_svg: &'a str,
        }
        let title = self
            .guide
            .intro
            .title
            .as_deref()
            .unwrap_or(&self.guide.config.title);
        let page = self.page_info("index", title, "", "index.html");
        self.web_page(
            "index.html",
            page,
            Content {
                intro_title: self.guide.intro.title.as_deref().unwrap_or_default(),
                intro_html: &bodies.intro.html,
                lessons: &self.summaries,
                lesson_map_svg: &self.lesson_map_svg,
                timeline_svg: &self.timeline_svg,
            },
        )
    }

    fn gear_page(&self, categories: &[CategoryTable]) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Content<'a> {
            categories: &'a [CategoryTable],
        }
        let page = self.page_info("gear", "Gear compared", "", "gear.html");
        self.web_page("gear.html", page, Content { categories })
    }

    fn checklists_page(&self) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Content<'a> {
            lessons: &'a [LessonSummary],
        }
        let page = self.page_info("checklists", "All checklists", "", "checklists.html");
        self.web_page(
            "checklists.html",
            page,
            Content {
                lessons: &self.summaries,
            },
        )
    }

    fn not_found_page(&self) -> Result<String, Diagnostic> {
        let page = self.page_info("404", "Page not found", "", "404.html");
        self.web_page("404.html", page, serde_json::Map::new())
    }

    /// The print edition's context: every lesson's body (`lesson_html`, in step order), with ids
    /// and links made unique within the one document. Each owned body is dropped as soon as its
    /// printed form is made.
    fn print_context(
        &self,
        lesson_html: Vec<Cow<'_, str>>,
        bodies: &Bodies,
        categories: &[CategoryTable],
    ) -> Context {
        #[derive(Serialize)]
        struct Content<'a> {
            categories: &'a [CategoryTable],
            lesson_map_svg: &'a str,
            timeline_svg: &'a str,
        }
        let slugs: HashSet<&str> = self.summaries.iter().map(|s| s.slug.as_str()).collect();
        // Each lesson's printed HTML goes into the context as soon as it is made, so that a large
        // guide's text is not held once more in between.
        let lessons: Vec<Value> = (lesson_html.into_par_iter())
            .zip(&self.summaries)
            .zip(&bodies.lessons)
            .map(|((html, summary), body)| {
                let html = print_body(&html, &summary.slug, &slugs);
                Value::from_serializable(&LessonPage {
                    summary,
                    html: &html,
                    headings: &body.headings,
                })
            })
            .collect();
        let page = self.page_info("print", &self.guide.config.title, "", "print.html");
        let mut context = to_context(&PaperPage {
            site: &self.site,
            page,
            content: Content {
                categories,
                lesson_map_svg: &self.lesson_map_svg,
                timeline_svg: &self.timeline_svg,
            },
        });
        context.insert_value("lessons", Value::from(lessons));
        context
    }

    fn print_page(
        &self,
        bodies: &Bodies,
        categories: &[CategoryTable],
    ) -> Result<String, Diagnostic> {
        let lesson_html = (bodies.lessons.iter())
            .map(|body| Cow::Borrowed(body.html.as_str()))
            .collect();
        let context = self.print_context(lesson_html, bodies, categories);
        self.render_context("print.html", &context)
    }

    /// The print edition, the largest page by far, written to `writer` as it is rendered, from
    /// the lessons' HTML taken out of their bodies (nothing rendered after it needs them).
    fn write_print_page<W: SiteWriter>(
        &self,
        lesson_html: Vec<Cow<'_, str>>,
        bodies: &Bodies,
        categories: &[CategoryTable],
        writer: &W,
    ) -> Result<(), RenderFailure<W::Error>> {
        let context = self.print_context(lesson_html, bodies, categories);
        writer
            .put_streamed("print.html", |out| {
                self.theme
                    .tera
                    .render_to("print.html", &context, out)
                    .map_err(|error| template_diagnostic(&error, &self.theme.template_files))
            })
            .map_err(RenderFailure::Output)?
            .map_err(RenderFailure::from)
    }

    fn handout_page(&self) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Content<'a> {
            lessons: &'a [LessonSummary],
            recommended_gear: Vec<&'a GearRef>,
            safety_notes: Vec<SafetyNote<'a>>,
            timeline_svg: &'a str,
        }
        let refs: Vec<LessonRef> = self.summaries.iter().map(summary_ref).collect();
        let mut recommended_gear: Vec<&GearRef> = Vec::new();
        for gear in self.summaries.iter().flat_map(|s| &s.gear) {
            if gear.verdict == Verdict::Recommended
                && !recommended_gear.iter().any(|g| g.id == gear.id)
            {
                recommended_gear.push(gear);
            }
        }
        let safety_notes = self
            .summaries
            .iter()
            .zip(&refs)
            .flat_map(|(s, lesson)| {
                s.safety_notes
                    .iter()
                    .map(move |html| SafetyNote { lesson, html })
            })
            .collect();
        let page = self.page_info(
            "handout",
            &format!("{} — handout", self.guide.config.title),
            "",
            "handout.html",
        );
        self.render(
            "handout.html",
            &PaperPage {
                site: &self.site,
                page,
                content: Content {
                    lessons: &self.summaries,
                    recommended_gear,
                    safety_notes,
                    timeline_svg: &self.compact_timeline_svg,
                },
            },
        )
    }

    /// `assets/search-index.js` and `assets/tasks.js`.
    fn write_scripts<W: SiteWriter>(&self, bodies: &Bodies, writer: &W) -> Result<(), W::Error> {
        let search_index = search_index_script(&self.summaries, &bodies.lessons);
        writer.put("assets/search-index.js", search_index.into_bytes())?;
        writer.put("assets/tasks.js", self.tasks_script().into_bytes())
    }

    /// `assets/tasks.js`: every lesson's checklist ids, loaded as a script so it works from file://.
    fn tasks_script(&self) -> String {
        #[derive(Serialize)]
        struct TaskLesson<'a> {
            slug: &'a str,
            title: &'a str,
            url: &'a str,
            tasks: Vec<&'a str>,
            defaults: Vec<&'a str>,
        }
        #[derive(Serialize)]
        struct Tasks<'a> {
            guide: &'a str,
            lessons: Vec<TaskLesson<'a>>,
        }
        let tasks = Tasks {
            guide: &self.site.guide_id,
            lessons: self
                .summaries
                .iter()
                .map(|s| TaskLesson {
                    slug: &s.slug,
                    title: &s.title,
                    url: &s.url,
                    tasks: s.tasks.iter().map(|t| t.id.as_str()).collect(),
                    defaults: s
                        .tasks
                        .iter()
                        .filter(|t| t.checked)
                        .map(|t| t.id.as_str())
                        .collect(),
                })
                .collect(),
        };
        let json = serde_json::to_string(&tasks).expect("task lists serialize");
        // `</` cannot end the script early when escaped.
        format!("window.GUIDEBOOK_TASKS = {};\n", json.replace("</", "<\\/"))
    }
}

fn summary_ref(summary: &LessonSummary) -> LessonRef {
    LessonRef {
        step: summary.step,
        slug: summary.slug.clone(),
        url: summary.url.clone(),
        title: summary.title.clone(),
    }
}
