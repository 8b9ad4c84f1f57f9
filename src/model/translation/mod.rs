//! A guide's other languages (`[languages.<code>]` in guide.toml): each is a whole [`Guide`],
//! made from the default language's by putting in the translations that sit beside its files
//! (`02-fit.es.md`, `pages/glossary.es.md`, `_index.es.md`, `gear.es.yaml`) and keeping the
//! default language's file wherever there is none (marked `untranslated`, so the page can say so).
//!
//! A translation carries the words: title, summary, its chapter's name, `extra` and body. What
//! makes the guide's structure (step, duration, prerequisites, gear, slug, aliases ...) it
//! inherits; it may restate them, but they must agree with the default language's file, or it
//! is an error at the translation's line ([`agree`]).
//! `guidebook check` also lists lessons with no translation and translations older than the file
//! they translate, as warnings ([`ModelOptions::translation_report`]).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::gear::parse_gear;
use super::guide::{Guide, ModelOptions};
use super::language::{GuideLanguage, folder_of, strings_for};
use super::lesson::parse_intro;
use crate::diagnostics::Diagnostic;
use crate::load::{LoadedGuide, MarkdownSource, SourceFile};

mod agree;
mod file;

use agree::{
    ChapterNames, check_lesson_translation, check_page_translation, missing, no_original,
    report_out_of_date,
};
use file::{TranslationFile, parse_translation};

/// When `content_path` is a translation (`basics/fit.es.md`) into one of `codes`: the language
/// and the file it translates (`basics/fit.md`).
pub fn translated_file<'a>(content_path: &str, codes: &[&'a str]) -> Option<(&'a str, String)> {
    let stem = content_path.strip_suffix(".md")?;
    let (original, code) = stem.rsplit_once('.')?;
    let code = codes.iter().find(|c| **c == code)?;
    Some((code, format!("{original}.md")))
}

/// The guide in `code`, from `default` and the translations into it.
pub fn translate_guide(
    default: &Guide,
    code: &str,
    translations: &[&MarkdownSource],
    loaded: &LoadedGuide,
    options: ModelOptions,
    problems: &mut Vec<Diagnostic>,
) -> Guide {
    let strings = strings_for(&default.config, code);
    let mut config = default.config.clone();
    if let Some(language) = default.config.languages.get(code) {
        config.title = language.title.clone().unwrap_or(config.title);
        config.description = language.description.clone().unwrap_or(config.description);
    }
    config.language = code.to_string();
    let language = GuideLanguage {
        code: code.to_string(),
        folder: folder_of(&default.config, code),
        all: default.language.all.clone(),
    };

    let mut by_original: BTreeMap<String, TranslationFile<'_>> = BTreeMap::new();
    for source in translations {
        let Some((_, original)) = translated_file(&source.file.content_path, &[code]) else {
            continue;
        };
        let parsed = parse_translation(source);
        problems.extend(parsed.problems);
        match parsed.value {
            Some(file) if file.front.draft == Some(true) && !options.include_drafts => {}
            Some(file) => {
                by_original.insert(original, file);
            }
            None => {}
        }
    }
    // The files translations may be older than, when `check` asks.
    let originals: HashMap<&str, &SourceFile> = if options.translation_report {
        (loaded.lessons.iter().chain(&loaded.pages))
            .map(|source| (source.file.path.as_str(), &source.file))
            .collect()
    } else {
        HashMap::new()
    };
    let mut aliases = Vec::new();
    let mut lessons = default.lessons.clone();
    let mut chapters = ChapterNames::new(&default.chapters, lessons.len());
    for (index, lesson) in lessons.iter_mut().enumerate() {
        let original = &lesson.source;
        let Some(translation) = by_original.remove(&original.content_path) else {
            lesson.untranslated = true;
            if options.translation_report {
                problems.push(missing(&original.file, code, &original.content_path));
            }
            continue;
        };
        check_lesson_translation(lesson, &translation, &strings, problems);
        chapters.read(index, lesson, &translation, problems);
        report_out_of_date(&originals, &original.file, &translation, problems);
        aliases.push((
            translation.source.file.content_path.clone(),
            original.content_path.clone(),
        ));
        let source = Arc::make_mut(&mut lesson.source);
        let front = translation.front;
        source.file = translation.source.file.path.clone();
        if let Some(title) = front.title {
            source.title = title.trim().to_string();
        }
        if let Some(summary) = front.summary {
            source.summary = summary.trim().to_string();
        }
        if let Some(extra) = front.extra {
            source.extra = extra;
        }
        source.parts = translation.parts;
    }
    let mut pages = default.pages.clone();
    for page in &mut pages {
        let Some(translation) = by_original.remove(&page.content_path) else {
            page.untranslated = true;
            if options.translation_report {
                problems.push(missing(&page.file, code, &page.content_path));
            }
            continue;
        };
        check_page_translation(page, &translation, problems);
        report_out_of_date(&originals, &page.file, &translation, problems);
        aliases.push((
            translation.source.file.content_path.clone(),
            page.content_path.clone(),
        ));
        page.file = translation.source.file.path.clone();
        if let Some(title) = translation.front.title {
            page.title = title.trim().to_string();
        }
        if let Some(summary) = translation.front.summary {
            page.summary = summary.trim().to_string();
        }
        if let Some(extra) = translation.front.extra {
            page.extra = extra;
        }
        page.parts = translation.parts;
    }
    for (original, translation) in by_original {
        // An original left out (a draft, or one that did not parse and says so) takes its
        // translations with it.
        if default
            .absent
            .iter()
            .any(|absent| absent.content_path == original)
        {
            continue;
        }
        problems.push(no_original(translation.file(), &original));
    }

    let intro_name = format!("_index.{code}.md");
    let mut intro_untranslated = false;
    let intro = match loaded
        .intro_translations
        .iter()
        .find(|s| s.file.content_path == intro_name)
    {
        Some(source) if loaded.intro.is_none() => {
            problems.push(no_original(&source.file.path, "_index.md"));
            default.intro.clone()
        }
        Some(source) => parse_intro(source).unwrap_or_else(|found| {
            problems.extend(found);
            default.intro.clone()
        }),
        None => {
            intro_untranslated = loaded.intro.is_some();
            default.intro.clone()
        }
    };
    let gear_name = format!("gear.{code}.yaml");
    let gear = match loaded
        .gear_translations
        .iter()
        .find(|s| s.content_path == gear_name)
    {
        Some(source) if loaded.gear.is_none() => {
            problems.push(no_original(&source.path, "gear.yaml"));
            default.gear.clone()
        }
        Some(source) => match parse_gear(source, &strings).into_result() {
            // Against an original with errors, the differences are no news.
            Ok(gear) if default.gear.may_lack() => gear,
            Ok(gear) => {
                problems.extend(gear.differences_from(&default.gear, source));
                gear
            }
            Err(found) => {
                problems.extend(found);
                default.gear.clone()
            }
        },
        None => default.gear.clone(),
    };
    let chapters = chapters.named(&default.chapters, &mut lessons);
    Guide {
        config,
        intro,
        lessons,
        absent: default.absent.clone(),
        pages,
        gear,
        assets: default.assets.clone(),
        includes: Arc::clone(&default.includes),
        total: default.total,
        plan: default.plan.clone(),
        strings: Arc::new(strings),
        language,
        translations: Vec::new(),
        chapters,
        aliases,
        intro_untranslated,
        redirects: default.redirects.clone(),
        edition: default.edition,
    }
}
