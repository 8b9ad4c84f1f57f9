//! A guide's other languages (`[languages.<code>]` in guide.toml): each is a whole [`Guide`],
//! made from the default language's by putting in the translations that sit beside its files
//! (`02-fit.es.md`, `pages/glossary.es.md`, `_index.es.md`, `gear.es.yaml`) and keeping the
//! default language's file wherever there is none (marked `untranslated`, so the page can say so).
//!
//! A translation carries the words: title, summary, `extra` and body. What makes the guide's
//! structure (step, duration, prerequisites, gear, slug) it inherits; it may restate them, but
//! they must agree with the default language's file, or it is an error at the translation's line.
//! `guidebook check` also lists lessons with no translation and translations older than the file
//! they translate, as warnings ([`ModelOptions::translation_report`]).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration as Elapsed;

use serde::Deserialize;

use super::duration::Duration;
use super::extra::Extra;
use super::front_matter::{FileParts, FrontMatterKind, parse_front_matter_all, value_span};
use super::gear::parse_gear;
use super::guide::{Guide, ModelOptions};
use super::language::{GuideLanguage, folder_of, strings_for};
use super::lesson::parse_intro;
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::load::{CONTENT_DIR, LoadedGuide, MarkdownSource, SourceFile};
use crate::model::parsed::Parsed;

/// When `content_path` is a translation (`basics/fit.es.md`) into one of `codes`: the language
/// and the file it translates (`basics/fit.md`).
pub fn translated_file<'a>(content_path: &str, codes: &[&'a str]) -> Option<(&'a str, String)> {
    let stem = content_path.strip_suffix(".md")?;
    let (original, code) = stem.rsplit_once('.')?;
    let code = codes.iter().find(|c| **c == code)?;
    Some((code, format!("{original}.md")))
}

/// What a translation's front matter may say: the lesson keys, every one optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslationFront {
    title: Option<String>,
    step: Option<u32>,
    duration: Option<String>,
    prerequisites: Option<Vec<String>>,
    summary: Option<String>,
    gear: Option<Vec<String>>,
    slug: Option<String>,
    draft: Option<bool>,
    extra: Option<Extra>,
}

/// A translated lesson or page, read.
struct TranslationFile<'a> {
    source: &'a MarkdownSource,
    front: TranslationFront,
    parts: FileParts,
}

impl TranslationFile<'_> {
    fn file(&self) -> &str {
        &self.source.file.path
    }

    fn span(&self, key: &str) -> std::ops::Range<usize> {
        self.parts.value_span(key)
    }
}

/// Reads a translation; its front matter is optional. A translation whose values could be read
/// is kept beside its problems (a misspelt key read as the key it is closest to, an empty title),
/// so that its body's links and anchors are checked in the same run.
fn parse_translation(source: &MarkdownSource) -> Parsed<TranslationFile<'_>> {
    let file = source.file.path.as_str();
    let parts = match &source.parts {
        Ok(parts) => parts,
        Err(unclosed) => return Parsed::failed(vec![unclosed.clone()]),
    };
    let Some(front_matter) = &parts.front_matter else {
        let translation = TranslationFile {
            source,
            front: TranslationFront::default(),
            parts: FileParts {
                body: parts.body.clone(),
                body_offset: parts.body_offset,
                front_matter: Default::default(),
                front_matter_offset: 0,
                file_digest: source.file.digest,
            },
        };
        return Parsed {
            value: Some(translation),
            problems: Vec::new(),
        };
    };
    let (front, mut problems) = if front_matter.yaml.trim().is_empty() {
        (Some(TranslationFront::default()), Vec::new())
    } else {
        parse_front_matter_all::<TranslationFront>(file, front_matter, FrontMatterKind::Translation)
    };
    let Some(front) = front else {
        return Parsed::failed(problems);
    };
    if front.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        let span = value_span(&front_matter.yaml, front_matter.offset, "title");
        problems.push(
            Diagnostic::error(file, span, "the title is empty")
                .with_help("translate the title, or leave `title:` out to keep the original one"),
        );
    }
    let translation = TranslationFile {
        source,
        front,
        parts: FileParts::new(parts, front_matter, source.file.digest),
    };
    Parsed {
        value: Some(translation),
        problems,
    }
}

/// A difference between a translation and its original, as an error at the translation's line.
fn mismatch(
    translation: &TranslationFile<'_>,
    key: &str,
    original_file: &str,
    said: &str,
    original: &str,
) -> Diagnostic {
    Diagnostic::error(
        translation.file(),
        translation.span(key),
        format!("`{key}` differs from the original ({original_file} has {original})"),
    )
    .with_label(format!("{said} here"))
    .with_help(format!(
        "a translation keeps its original's `{key}`: leave `{key}:` out to inherit it, or make it the same"
    ))
}

/// How much newer the original must be for its translation to count as out of date (a fresh
/// checkout writes files in any order, a moment apart).
const OUT_OF_DATE_AFTER: Elapsed = Elapsed::from_secs(2);

/// Whether `original` changed after `translation` was last saved.
fn is_out_of_date(original: &SourceFile, translation: &SourceFile) -> bool {
    match (original.modified, translation.modified) {
        (Some(original), Some(translation)) => original
            .duration_since(translation)
            .is_ok_and(|newer| newer > OUT_OF_DATE_AFTER),
        _ => false,
    }
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
    for lesson in &mut lessons {
        let original = &lesson.source;
        let Some(translation) = by_original.remove(&original.content_path) else {
            lesson.untranslated = true;
            if options.translation_report {
                problems.push(missing(&original.file, code, &original.content_path));
            }
            continue;
        };
        check_lesson_translation(lesson, &translation, &strings, problems);
        report_out_of_date(&originals, &original.file, &translation, problems);
        aliases.push((
            translation.source.file.content_path.clone(),
            original.content_path.clone(),
        ));
        let source = &mut lesson.source;
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
        for key in ["step", "duration", "prerequisites", "gear"] {
            if translation.parts.front_matter.contains(&format!("{key}:")) {
                problems.push(
                    Diagnostic::error(
                        translation.file(),
                        translation.span(key),
                        format!("a reference page has no `{key}`"),
                    )
                    .with_help(format!(
                        "{} is a reference page: leave `{key}:` out of its translation",
                        page.file
                    )),
                );
            }
        }
        if let Some(slug) = &translation.front.slug
            && *slug != page.slug
        {
            problems.push(mismatch(&translation, "slug", &page.file, slug, &page.slug));
        }
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
        strings: Arc::new(strings),
        language,
        translations: Vec::new(),
        aliases,
        intro_untranslated,
    }
}

/// The error for a translation whose original (`original`, relative to `content/`) is missing.
fn no_original(file: &str, original: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        0..0,
        format!("there is no `{CONTENT_DIR}/{original}` for this file to translate"),
    )
    .with_help(format!(
        "a translation sits beside its original with the language before the extension; rename it, or add `{CONTENT_DIR}/{original}`"
    ))
}

/// The warning for a lesson or page with no translation into `code`.
fn missing(file: &str, code: &str, content_path: &str) -> Diagnostic {
    let stem = content_path.strip_suffix(".md").unwrap_or(content_path);
    Diagnostic::warning(file, 0..0, format!("not translated into `{code}`")).with_help(format!(
        "its `{code}/` page shows this text until `{CONTENT_DIR}/{stem}.{code}.md` translates it"
    ))
}

/// The warning for a translation older than its original (`originals` are the files it may
/// translate, by path: none unless `check` asks).
fn report_out_of_date(
    originals: &HashMap<&str, &SourceFile>,
    original_file: &str,
    translation: &TranslationFile<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    if let Some(original) = originals.get(original_file)
        && is_out_of_date(original, &translation.source.file)
    {
        problems.push(
            Diagnostic::warning(translation.file(), 0..0, "this translation may be out of date")
                .with_label(format!("{original_file} changed after it"))
                .with_help(format!(
                    "compare it with {original_file} and bring it up to date (saving it marks it as current)"
                )),
        );
    }
}

/// A translated lesson must agree with its original on everything but its words.
fn check_lesson_translation(
    lesson: &super::Lesson,
    translation: &TranslationFile<'_>,
    strings: &Strings,
    problems: &mut Vec<Diagnostic>,
) {
    let original = &lesson.source;
    let front = &translation.front;
    let file = original.file.as_str();
    if let Some(step) = front.step
        && step != original.step
    {
        problems.push(mismatch(
            translation,
            "step",
            file,
            &step.to_string(),
            &original.step.to_string(),
        ));
    }
    if let Some(written) = &front.duration {
        match Duration::parse_in(written, strings) {
            Ok(duration) if duration.range == original.duration.range => {}
            Ok(_) => problems.push(mismatch(
                translation,
                "duration",
                file,
                written,
                &original.duration.to_string(),
            )),
            Err(error) => problems.push(
                Diagnostic::error(
                    translation.file(),
                    translation.span("duration"),
                    format!("cannot read the duration `{written}`: {error}"),
                )
                .with_help("leave `duration:` out to inherit the original's"),
            ),
        }
    }
    let lists = [
        (
            "prerequisites",
            &front.prerequisites,
            &original.prerequisites,
        ),
        ("gear", &front.gear, &original.gear),
    ];
    for (key, said, inherited) in lists {
        if let Some(said) = said
            && said != inherited
        {
            let list = |items: &[String]| format!("[{}]", items.join(", "));
            problems.push(mismatch(
                translation,
                key,
                file,
                &list(said),
                &list(inherited),
            ));
        }
    }
    if let Some(slug) = &front.slug
        && *slug != original.slug
    {
        problems.push(mismatch(translation, "slug", file, slug, &original.slug));
    }
}
