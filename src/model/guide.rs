//! The whole guide as a checked model: lessons in step order, the prerequisite graph in both
//! directions, gear references resolved, the total time, and the reference pages in path order
//! with slugs unique across lessons and pages.
//!
//! [`build_guide`] never stops at the first problem: it keeps every lesson that parsed, so that
//! later stages (Markdown links, compare blocks) can report their problems in the same run.

use std::collections::BTreeMap;

use std::sync::Arc;

use rayon::prelude::*;

use super::config::{Config, is_plain_name};
use crate::diagnostics::Diagnostic;
use crate::fingerprint::FingerprintCache;
use crate::i18n::Strings;
use crate::load::{Asset, CONFIG_FILE, CONTENT_DIR, Includes, LoadedGuide, MarkdownSource};
use crate::model::absent::{Absence, AbsentFile};
use crate::model::aliases::{Redirect, check_aliases, redirects};
use crate::model::assets::asset_problems;
use crate::model::chapters::{LessonGroup, group_lessons};
use crate::model::duration::{DurationRange, DurationWords, Unit};
use crate::model::edition::Edition;
use crate::model::gear::{CatalogState, GearCatalog, parse_gear};
use crate::model::language::{
    GuideLanguage, language_refs, no_builtin_words, stray_language, stray_translations, strings_for,
};
use crate::model::lesson::{Intro, LessonFile, ParsedLesson, parse_intro, parse_lesson};
use crate::model::page::{ReferencePage, parse_reference_page};
use crate::model::prerequisites::link_prerequisites;
use crate::model::schedule::{Plan, plan};
use crate::model::slug;
use crate::model::translation::{translate_guide, translated_file};
use crate::model::unique::check_unique;

/// A lesson placed in the guide.
#[derive(Debug, Clone)]
pub struct Lesson {
    pub source: Arc<LessonFile>,
    /// Indices (into [`Guide::lessons`]) of the lessons to finish first, in step order.
    pub prerequisites: Vec<usize>,
    /// Indices of the lessons that list this one as a prerequisite, in step order.
    pub unlocks: Vec<usize>,
    /// In a translated guide: shown in the default language, for want of a translation.
    pub untranslated: bool,
}

/// The checked guide.
#[derive(Debug, Clone)]
pub struct Guide {
    pub config: Config,
    pub intro: Intro,
    /// In step order.
    pub lessons: Vec<Lesson>,
    /// Lessons and pages in `content/` left out of the guide (drafts, unreadable files).
    pub absent: Vec<AbsentFile>,
    /// The reference pages (`content/pages/`), in the order of their paths, so that a guide
    /// orders them by naming the files (`01-setup.md`, `02-glossary.md`).
    pub pages: Vec<ReferencePage>,
    pub gear: GearCatalog,
    /// The files beside the lessons, by path relative to `content/`.
    pub assets: BTreeMap<String, Asset>,
    /// The files the Markdown includes (`{{#include ...}}`), shared by every language.
    pub includes: Arc<Includes>,
    /// The sum of every lesson's duration.
    pub total: DurationRange,
    /// When each lesson can be done, and the plan's length: the guide's one total time.
    pub plan: Plan,
    /// The words of the guide's language (the theme's table with the guide's overrides).
    pub strings: Arc<Strings>,
    /// The guide's language, where its pages go, and the guide's other languages.
    pub language: GuideLanguage,
    /// The guide in each of its other languages (`[languages.<code>]`), in code order; empty in
    /// those guides themselves.
    pub translations: Vec<Guide>,
    /// In a translated guide: translations' `content/` paths and the files they translate, so
    /// that a link to either leads to the page.
    pub aliases: Vec<(String, String)>,
    /// In a translated guide: the introduction is the default language's.
    pub intro_untranslated: bool,
    /// The pages at the lessons' and reference pages' older addresses (`aliases:`), in file
    /// order.
    pub redirects: Vec<Redirect>,
    /// Which edition is built (the markdown leaves instructor notes out of the learners').
    pub edition: Edition,
    /// The lessons grouped by their `chapter:`, in step order; empty when no lesson names one.
    /// In another language, the chapters' names are the translations'.
    pub chapters: Vec<LessonGroup>,
}

impl Guide {
    /// The largest unit totals of this guide are shown in: that of its lessons' durations, and
    /// at least hours (a course of minutes is 83.5 hours long; one of days and weeks, 5 weeks).
    pub fn time_unit(&self) -> Unit {
        (self.lessons.iter())
            .map(|lesson| lesson.source.duration.unit)
            .fold(Unit::Hour, Unit::max)
    }

    /// Its lessons' durations in the words of its language, each worded once.
    pub fn duration_words(&self) -> DurationWords<'_> {
        let durations = self.lessons.iter().map(|lesson| lesson.source.duration);
        DurationWords::of_all(durations, &self.strings)
    }

    /// The index of the lesson with `slug`.
    pub fn lesson_index(&self, slug: &str) -> Option<usize> {
        self.lessons.iter().position(|l| l.source.slug == slug)
    }
}

/// Options that change which lessons are part of the guide, and what is reported.
#[derive(Debug, Clone, Copy, Default)]
pub struct ModelOptions {
    pub include_drafts: bool,
    /// The learners' or the instructors' edition (`--instructor`): reference pages marked
    /// `instructor: true` are only in the latter.
    pub edition: Edition,
    /// Warn of lessons and pages with no translation and of translations older than their
    /// originals (`guidebook check`).
    pub translation_report: bool,
}

/// Parsed lesson files by path, kept between builds by the preview server so that only changed
/// files are parsed again.
pub type ParseCache = FingerprintCache<String, ParsedLesson>;

/// Parses one lesson file, or takes its parse from the cache when its text has not changed.
fn parse_cached(
    cache: &ParseCache,
    source: &MarkdownSource,
    strings: &Strings,
) -> (u64, ParsedLesson) {
    if !cache.is_enabled() {
        return (0, parse_lesson(source, strings));
    }
    // Durations are read in the guide's language: a parse holds while both are the same.
    let hash = source.file.digest ^ strings.digest();
    match cache.get(&source.file.path, hash) {
        Some(result) => (hash, result.clone()),
        None => (hash, parse_lesson(source, strings)),
    }
}

/// Parses and checks everything that was loaded. Returns the guide (with every lesson that could
/// be parsed) and every problem found.
pub fn build_guide(loaded: &LoadedGuide, options: ModelOptions) -> (Guide, Vec<Diagnostic>) {
    build_guide_cached(loaded, options, &mut ParseCache::default())
}

/// [`build_guide`], reusing the parse of every lesson file whose text has not changed.
pub fn build_guide_cached(
    loaded: &LoadedGuide,
    options: ModelOptions,
    cache: &mut ParseCache,
) -> (Guide, Vec<Diagnostic>) {
    let mut problems = loaded.diagnostics.clone();
    let config = match &loaded.config {
        Some(source) => Config::parse(CONFIG_FILE, &source.text).unwrap_or_else(|errors| {
            problems.extend(errors);
            // Keep the languages, so that translations are not read as lessons.
            let mut config = placeholder_config();
            let (language, codes) = super::config::languages_of_broken(&source.text);
            config.language = language.unwrap_or(config.language);
            for code in codes {
                config.languages.insert(code, Default::default());
            }
            config
        }),
        None => placeholder_config(),
    };
    check_theme_exists(&config, loaded, &mut problems);
    let strings = strings_for(&config, &config.language);
    if !Strings::is_builtin(&config.language) {
        problems.push(no_builtin_words(
            loaded,
            &config.language,
            config.string_overrides.len(),
        ));
    }
    problems.extend(stray_translations(loaded, &config));
    let codes: Vec<&str> = config.languages.keys().map(String::as_str).collect();
    let is_translation =
        |source: &&MarkdownSource| translated_file(&source.file.content_path, &codes).is_some();
    // A file named like a translation into a language the guide does not name is left out
    // (with the warning above), not read as a lesson of its own.
    let not_stray =
        |source: &&MarkdownSource| stray_language(&source.file.content_path, &config).is_none();
    let (mut translations, lesson_sources): (Vec<&MarkdownSource>, Vec<&MarkdownSource>) = loaded
        .lessons
        .iter()
        .filter(not_stray)
        .partition(is_translation);
    let (page_translations, page_sources): (Vec<&MarkdownSource>, Vec<&MarkdownSource>) = loaded
        .pages
        .iter()
        .filter(not_stray)
        .partition(is_translation);
    translations.extend(page_translations);
    let intro = match &loaded.intro {
        Some(source) => parse_intro(source).unwrap_or_else(|errors| {
            problems.extend(errors);
            Intro::default()
        }),
        None => Intro::default(),
    };
    let gear = match &loaded.gear {
        Some(source) => {
            let parsed = parse_gear(source, &strings);
            problems.extend(parsed.problems);
            parsed.value.unwrap_or_default()
        }
        None => GearCatalog::default(),
    };
    let parsed: Vec<_> = lesson_sources
        .par_iter()
        .map(|source| parse_cached(cache, source, &strings))
        .collect();
    if cache.is_enabled() {
        cache
            .refill_in_place((lesson_sources.iter().zip(&parsed)).map(
                |(source, (hash, result))| (source.file.path.as_str(), *hash, result.clone()),
            ));
    }
    let mut files = Vec::with_capacity(parsed.len());
    let mut absent = Vec::new();
    let mut unparsed = 0;
    for (source, (_, parsed)) in lesson_sources.iter().zip(parsed) {
        problems.extend(parsed.problems);
        match parsed.value {
            Some(file) if file.draft && !options.include_drafts => {
                absent.push(absent_file(&file.content_path, &file.slug, Absence::Draft));
            }
            Some(file) => {
                problems.extend(file.warnings.iter().cloned());
                files.push(file);
            }
            None => {
                unparsed += 1;
                let content_path = &source.file.content_path;
                let slug = slug::from_file_name(content_path);
                absent.push(absent_file(content_path, &slug, Absence::Unreadable));
            }
        }
    }
    files.sort_by(|a, b| a.step.cmp(&b.step).then_with(|| a.file.cmp(&b.file)));
    let pages = reference_pages(&page_sources, options, &mut absent, &mut problems);
    check_unique(&files, &pages, &mut problems);
    let aliases = check_aliases(&files, &pages, &loaded.assets, &config, &mut problems);
    // Instructors' pages are checked as the others (slugs, aliases) in either edition, so that
    // both editions of a guide build or neither does.
    let pages = for_edition(pages, options.edition, &mut absent);

    let lessons = link_prerequisites(files, &absent, &mut problems);
    let chapters = group_lessons(&lessons, &mut problems);
    check_gear_references(&lessons, &gear, &mut problems);
    // When lessons exist but failed to load or parse, their own errors say enough.
    if lessons.is_empty() && unparsed == 0 && !loaded.diagnostics.iter().any(Diagnostic::is_error) {
        problems.push(
            Diagnostic::error(CONTENT_DIR, 0..0, "the guide has no lessons")
                .with_help("add a Markdown file per lesson under content/, e.g. with `guidebook new \"First step\"`"),
        );
    }
    let total = lessons.iter().fold(DurationRange::default(), |sum, l| {
        sum.plus(l.source.duration.range)
    });
    let plan = plan(&lessons);
    let assets = loaded
        .assets
        .iter()
        .map(|asset| (asset.content_path.clone(), asset.clone()))
        .collect();
    problems.extend(asset_problems(&loaded.assets));
    let language = GuideLanguage {
        code: config.language.clone(),
        folder: String::new(),
        all: language_refs(&config),
    };
    let redirects = redirects(
        aliases,
        lessons.iter().map(|l| l.source.slug.as_str()),
        pages.iter().map(|p| p.slug.as_str()),
    );
    let mut guide = Guide {
        config,
        intro,
        lessons,
        pages,
        absent,
        gear,
        assets,
        includes: Arc::new(loaded.includes.clone()),
        total,
        plan,
        strings: Arc::new(strings),
        language,
        translations: Vec::new(),
        aliases: Vec::new(),
        intro_untranslated: false,
        redirects,
        edition: options.edition,
        chapters,
    };
    let codes: Vec<String> = guide.config.languages.keys().cloned().collect();
    for code in &codes {
        let sources: Vec<&MarkdownSource> = (translations.iter().copied())
            .filter(|source| translated_file(&source.file.content_path, &[code.as_str()]).is_some())
            .collect();
        let translated = translate_guide(&guide, code, &sources, loaded, options, &mut problems);
        guide.translations.push(translated);
    }
    (guide, problems)
}

/// The theme `guide.toml` names must be the embedded `default` or a folder under `themes/`.
fn check_theme_exists(config: &Config, loaded: &LoadedGuide, problems: &mut Vec<Diagnostic>) {
    let name = &config.theme;
    if name == "default" || !is_plain_name(name) || loaded.themes.iter().any(|f| &f.theme == name) {
        return;
    }
    problems.push(
        Diagnostic::error(
            CONFIG_FILE,
            config.theme_span.clone(),
            format!("there is no theme `{name}`"),
        )
        .with_help(format!(
            "create `themes/{name}/` in the guide, or use `theme = \"default\"`"
        )),
    );
}

fn placeholder_config() -> Config {
    Config::parse(CONFIG_FILE, "title = \"Untitled guide\"\n")
        .expect("the built-in placeholder config is valid")
}

/// The reference pages that are part of the guide (drafts only with `--drafts`), by path.
fn reference_pages(
    sources: &[&MarkdownSource],
    options: ModelOptions,
    absent: &mut Vec<AbsentFile>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ReferencePage> {
    let mut pages = Vec::with_capacity(sources.len());
    for source in sources {
        let parsed = parse_reference_page(source);
        problems.extend(parsed.problems);
        match parsed.value {
            Some(page) if page.draft && !options.include_drafts => {
                absent.push(absent_file(&page.content_path, &page.slug, Absence::Draft));
            }
            Some(page) => pages.push(page),
            None => {
                let content_path = &source.file.content_path;
                let slug = slug::from_file_name(content_path);
                absent.push(absent_file(content_path, &slug, Absence::Unreadable));
            }
        }
    }
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    pages
}

/// The reference pages of `edition`: the learners' leaves out the instructors' pages (noted in
/// `absent`, for links to them).
fn for_edition(
    pages: Vec<ReferencePage>,
    edition: Edition,
    absent: &mut Vec<AbsentFile>,
) -> Vec<ReferencePage> {
    if edition == Edition::Instructor {
        return pages;
    }
    let (left_out, kept): (Vec<_>, Vec<_>) = pages.into_iter().partition(|page| page.instructor);
    absent.extend(
        (left_out.iter()).map(|p| absent_file(&p.content_path, &p.slug, Absence::InstructorOnly)),
    );
    kept
}

/// A file left out of the guide, for the link checks.
fn absent_file(content_path: &str, slug: &str, absence: Absence) -> AbsentFile {
    AbsentFile {
        content_path: content_path.to_string(),
        slug: slug.to_string(),
        absence,
    }
}

fn check_gear_references(lessons: &[Lesson], gear: &GearCatalog, problems: &mut Vec<Diagnostic>) {
    for lesson in lessons {
        for id in &lesson.source.gear {
            if gear.item(id).is_none() && !gear.may_lack() {
                let diagnostic = Diagnostic::error(
                    &lesson.source.file,
                    lesson.source.item_span("gear", id),
                    format!("no gear item has the id `{id}`"),
                );
                let diagnostic = if gear.state != CatalogState::Absent {
                    diagnostic
                        .with_suggestion(id, gear.item_ids())
                        .or_help("gear ids are the `id:` of items in content/gear.yaml")
                } else {
                    diagnostic.with_help("the guide has no content/gear.yaml; add one with this item, or drop `gear:`")
                };
                problems.push(diagnostic);
            }
        }
    }
}
