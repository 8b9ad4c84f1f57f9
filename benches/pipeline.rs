//! Criterion benches of guidebook's pipeline on synthetic guides (see `synth.rs`).
//!
//! Groups, each at 100 and 1,000 lessons unless said otherwise:
//! - `load`: walk `content/` and read every file (`load_guide`);
//! - `model`: front matter, validation, order and the prerequisite graph (`build_guide`);
//! - `markdown`: every body to HTML with links checked (`render_bodies`, parallel), the same
//!   bodies one by one on one thread (`render_markdown`), and plain pulldown-cmark on them for
//!   scale;
//! - `templates`: filling the theme for every page (`render_pages`, theme already loaded);
//! - `write`: writing the rendered site to disk (`write_site`, atomic swap included);
//! - `build`: the whole `guidebook build` from scratch (`build_site` + `write_site`) at 100,
//!   1,000 and 10,000 lessons;
//! - `rebuild`: what the preview server does after one lesson is saved, at 1,000 lessons: write
//!   the edit, `reload_guide`, `build_loaded` with the `BuildCache` of the previous build.
//!
//! Run with `cargo bench --bench pipeline` (all) or e.g. `cargo bench --bench pipeline -- build/`.

mod synth;

use std::cell::OnceCell;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use guidebook::load::{LoadedGuide, load_guide, reload_guide};
use guidebook::markdown::{Edition, HighlightCache, PageMap, Target, render_markdown};
use guidebook::model::{Guide, ModelOptions, build_guide};
use guidebook::output::write_site;
use guidebook::render::bodies::{BodyContext, outline_of};
use guidebook::render::page_map::page_map;
use guidebook::render::{Bodies, Site, Theme, load_theme, render_bodies, render_pages};
use guidebook::{BuildCache, BuildOptions, build_loaded, build_site};
use pulldown_cmark::{Options, Parser};
use synth::SyntheticGuide;

/// Sizes of the per-stage groups.
const STAGE_SIZES: [usize; 2] = [100, 1_000];
/// Sizes of the whole-build group.
const BUILD_SIZES: [usize; 3] = [100, 1_000, 10_000];

/// A guide with every stage's input prepared, so each bench times one stage only.
struct Prepared {
    guide_dir: SyntheticGuide,
    loaded: LoadedGuide,
    guide: Guide,
    pages: PageMap,
    bodies: Bodies,
    theme: std::sync::Arc<Theme>,
    site: Site,
    /// Where the write bench puts the site.
    out: tempfile::TempDir,
}

impl Prepared {
    fn new(lessons: usize) -> Prepared {
        let guide_dir = SyntheticGuide::new(lessons);
        let loaded = load_guide(guide_dir.path()).expect("the synthetic guide loads");
        let (guide, problems) = build_guide(&loaded, ModelOptions::default());
        assert_clean(&problems);
        let (bodies, problems) = render_bodies(&guide);
        assert_clean(&problems);
        let theme = load_theme(&guide.config.theme, &loaded.themes)
            .unwrap_or_else(|_| panic!("the default theme compiles"));
        let site = render_pages(&guide, &bodies, &theme, &options().render)
            .expect("the synthetic guide renders");
        Prepared {
            guide_dir,
            loaded,
            pages: page_map(&guide),
            guide,
            bodies,
            theme,
            site,
            out: tempfile::tempdir().expect("temporary folder"),
        }
    }

    fn root(&self) -> &Path {
        self.guide_dir.path()
    }
}

fn assert_clean(problems: &[guidebook::diagnostics::Diagnostic]) {
    assert!(
        problems.is_empty(),
        "the synthetic guide has problems: {problems:#?}"
    );
}

fn options() -> BuildOptions {
    let mut options = BuildOptions::default();
    options.render.build_date = "2025-01-01".to_string();
    options
}

fn stages(c: &mut Criterion) {
    for lessons in STAGE_SIZES {
        // Prepared by the first bench that is not filtered out, so a filter skips the work.
        let prepared = OnceCell::new();
        let prepared = || prepared.get_or_init(|| Prepared::new(lessons));
        let mut group = c.benchmark_group("stages");
        group
            .sample_size(20)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5))
            .throughput(Throughput::Elements(lessons as u64));

        group.bench_function(BenchmarkId::new("load", lessons), |b| {
            let root = prepared().root();
            b.iter(|| load_guide(black_box(root)).expect("loads"))
        });
        group.bench_function(BenchmarkId::new("model", lessons), |b| {
            let loaded = &prepared().loaded;
            b.iter(|| build_guide(black_box(loaded), ModelOptions::default()))
        });
        group.bench_function(BenchmarkId::new("markdown", lessons), |b| {
            let guide = &prepared().guide;
            b.iter(|| render_bodies(black_box(guide)))
        });
        group.bench_function(BenchmarkId::new("markdown_one_thread", lessons), |b| {
            let Prepared { guide, pages, .. } = prepared();
            let outline = outline_of(guide, pages);
            b.iter(|| {
                let highlights = HighlightCache::for_one_build();
                let context = BodyContext {
                    guide,
                    pages,
                    outline: &outline,
                    target: Target::Web,
                    edition: Edition::Learner,
                    highlights: &highlights,
                };
                for lesson in &guide.lessons {
                    black_box(render_markdown(&context.lesson(lesson)));
                }
            })
        });
        group.bench_function(
            BenchmarkId::new("pulldown_cmark_one_thread", lessons),
            |b| {
                let guide = &prepared().guide;
                let mut html = String::new();
                b.iter(|| {
                    for lesson in &guide.lessons {
                        html.clear();
                        let parser =
                            Parser::new_ext(&lesson.source.parts.body, guidebook_dialect());
                        pulldown_cmark::html::push_html(&mut html, parser);
                        black_box(&html);
                    }
                })
            },
        );
        group.bench_function(BenchmarkId::new("templates", lessons), |b| {
            let Prepared {
                guide,
                bodies,
                theme,
                ..
            } = prepared();
            let render = options().render;
            b.iter(|| render_pages(guide, black_box(bodies), theme, &render))
        });
        group.bench_function(BenchmarkId::new("write", lessons), |b| {
            let prepared = prepared();
            let site_dir = prepared.out.path().join("site");
            // Into a new folder each time: the last site is removed outside the timing.
            b.iter_batched(
                || {
                    let _ = std::fs::remove_dir_all(&site_dir);
                },
                |()| write_site(prepared.root(), &site_dir, black_box(&prepared.site)),
                BatchSize::PerIteration,
            )
        });
        group.finish();
    }
}

/// The Markdown options guidebook parses with.
fn guidebook_dialect() -> Options {
    guidebook::markdown::parser_options()
}

/// The whole `guidebook build`: load, check, render and write, with nothing cached.
fn whole_build(root: &Path, out: &Path) -> usize {
    let build = build_site(root, &options()).expect("loads");
    let site = build.site.expect("the synthetic guide builds");
    write_site(root, out, &site).expect("writes");
    site.files.values().map(Vec::len).sum()
}

fn builds(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    // Site size (bytes) of the sizes done so far, to predict the next one's memory.
    let mut site_bytes: Vec<(usize, usize)> = Vec::new();
    for lessons in BUILD_SIZES {
        if let Some(predicted) = predicted_site_bytes(&site_bytes, lessons)
            && !fits_in_memory(predicted)
        {
            eprintln!(
                "build/{lessons}: skipped: the site would be about {} MB (extrapolated from the \
                 smaller sizes) and a build holds it about three times over, more memory than \
                 this machine has free",
                predicted / 1_000_000
            );
            continue;
        }
        let guide = SyntheticGuide::new(lessons);
        let out = tempfile::tempdir().expect("temporary folder");
        let site_dir = out.path().join("site");
        site_bytes.push((lessons, whole_build(guide.path(), &site_dir)));
        let (samples, time) = if lessons >= 10_000 {
            (10, 20)
        } else {
            (10, 10)
        };
        group
            .sample_size(samples)
            .warm_up_time(Duration::from_millis(1))
            .measurement_time(Duration::from_secs(time))
            .throughput(Throughput::Elements(lessons as u64));
        group.bench_function(BenchmarkId::from_parameter(lessons), |b| {
            // From scratch, as `guidebook build` into a new folder: the last site is removed
            // before each run, outside the timing.
            b.iter_batched(
                || {
                    let _ = std::fs::remove_dir_all(&site_dir);
                },
                |()| whole_build(guide.path(), &site_dir),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// Extrapolates the site's size to `lessons` from the two largest sizes measured. Growth that
/// is clearly faster than linear is taken as quadratic: at small sizes the fixed part of the
/// site hides how fast the rest grows.
fn predicted_site_bytes(measured: &[(usize, usize)], lessons: usize) -> Option<usize> {
    let [.., (n1, b1), (n2, b2)] = measured else {
        return None;
    };
    let exponent = (*b2 as f64 / *b1 as f64).ln() / (*n2 as f64 / *n1 as f64).ln();
    let exponent = if exponent > 1.25 { 2.0 } else { exponent };
    Some((*b2 as f64 * (lessons as f64 / *n2 as f64).powf(exponent)) as usize)
}

/// Whether a build whose site is `bytes` fits in the memory available now (Linux; elsewhere
/// assumed to fit). A build holds the site about three times over at its peak (the pages,
/// the page cache's copy and the map being assembled), so that is what must fit.
fn fits_in_memory(bytes: usize) -> bool {
    let available_kb = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("MemAvailable:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<usize>().ok())
        });
    available_kb.is_none_or(|kb| bytes.saturating_mul(3) < kb.saturating_mul(1024))
}

/// What the preview server keeps between rebuilds.
struct Preview {
    guide: SyntheticGuide,
    loaded: LoadedGuide,
    cache: BuildCache,
    edited: std::path::PathBuf,
    original: String,
    generation: u64,
}

impl Preview {
    /// The server's state after its first build.
    fn start(lessons: usize) -> Preview {
        let guide = SyntheticGuide::new(lessons);
        let loaded = load_guide(guide.path()).expect("loads");
        let mut cache = BuildCache::enabled();
        let first = build_loaded(&loaded, &options(), &mut cache);
        assert!(first.site.is_some(), "the synthetic guide builds");
        let edited = guide.lesson_path(lessons / 2);
        let original = std::fs::read_to_string(&edited).expect("lesson written");
        Preview {
            guide,
            loaded,
            cache,
            edited,
            original,
            generation: 0,
        }
    }

    /// Saves a new version of one lesson and rebuilds, as the server does on a file event.
    fn edit_and_rebuild(&mut self, options: &BuildOptions) -> guidebook::Build {
        // A new paragraph each time, so the edit is never a cache hit.
        self.generation += 1;
        let text = format!(
            "{}\nEdited paragraph number {}.\n",
            self.original, self.generation
        );
        std::fs::write(&self.edited, text).expect("lesson written");
        let root = self.guide.path();
        let edited = &self.edited;
        self.loaded =
            reload_guide(root, &self.loaded, std::slice::from_ref(edited)).expect("reloads");
        let build = build_loaded(&self.loaded, options, &mut self.cache);
        assert!(build.site.is_some(), "the edited guide builds");
        build
    }
}

/// The preview server's rebuild after one saved lesson, at 1,000 lessons.
fn rebuild(c: &mut Criterion) {
    let lessons = 1_000;
    let options = options();
    let mut preview: Option<Preview> = None;
    let mut group = c.benchmark_group("rebuild");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    group.bench_function(BenchmarkId::new("one_lesson_edited", lessons), |b| {
        let preview = preview.get_or_insert_with(|| Preview::start(lessons));
        b.iter(|| preview.edit_and_rebuild(&options))
    });
    group.finish();
}

criterion_group!(benches, stages, builds, rebuild);
criterion_main!(benches);
