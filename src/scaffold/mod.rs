//! `guidebook init` and `guidebook new`: writing a starter guide and a starter lesson.
//!
//! Both refuse to overwrite anything: `init` wants an absent or empty folder, `new` a lesson file
//! that does not exist yet. The starter guide builds as it is and shows every feature once
//! (a prerequisite, a checklist, a comparison table, a safety note). With `--ci`, `init` also
//! writes a workflow that publishes the guide ([`ci`]), into a new guide or an existing one.
//! [`write`] writes a whole new guide at once, for `init` and for `guidebook import`.

pub mod ci;
pub mod front_matter;
pub mod write;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::load::CONFIG_FILE;
use crate::load::{
    CONTENT_DIR, CONTENT_OUTSIDE, CONTENT_OUTSIDE_HELP, load_guide, resolves_inside,
};
use crate::model::slug::{self, slugify};
use crate::model::unfinished::{PLACEHOLDER_TASK, PLACEHOLDER_TEXT};
use crate::model::{ModelOptions, build_guide};
use ci::CiService;
use front_matter::FrontMatter;
use write::{NewGuide, write_new_guide};

/// Why a scaffold could not be written (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("`{}` is not empty; a new guide is only written into a new or empty folder", .0.display())]
    NotEmpty(PathBuf),
    #[error("`{}` is a file; a new guide is written into a new or empty folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("`{}` already exists; pick another title or remove the file first", .0.display())]
    Exists(PathBuf),
    #[error("`{}` already exists; guidebook never replaces it (remove it first to get a new one)", .0.display())]
    FileExists(PathBuf),
    #[error("`{}` is not a guide folder (it has no guide.toml); run `guidebook init` first", .0.display())]
    NotAGuide(PathBuf),
    #[error("cannot make a file name from the title {0:?}; use letters or digits")]
    BadTitle(String),
    #[error("step 0 does not exist; steps count from 1")]
    StepZero,
    #[error(
        "step {step} is taken by `{taken}`\n  help: the next free step is {next}: `--step {next}`, or leave --step out"
    )]
    StepTaken { step: u32, taken: String, next: u32 },
    #[error(
        "the slug `{slug}` is taken by `{taken}`\n  help: pick another title, or rename one of them"
    )]
    SlugTaken { slug: String, taken: String },
    #[error(
        "the slug `{0}` is the name of one of the site's own pages\n  help: pick another title"
    )]
    ReservedSlug(String),
    #[error("every step up to {} is taken", u32::MAX)]
    NoFreeStep,
    #[error("{CONTENT_OUTSIDE}, so no lesson is written there\n  help: {CONTENT_OUTSIDE_HELP}")]
    ContentOutside,
    #[error("cannot write `{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

const STARTER_CONFIG: &str = r#"title = "My training guide"
author = ""
description = "A step-by-step guide."
language = "en"                 # the theme's words: en, es, fr, de, pt, ja built in
base_url = "/"
theme = "default"

[print]
paper = "A4"

# Another language of the guide: its pages go under site/es/, from translations written
# beside each lesson (01-get-ready.es.md). See the manual's "Languages" lesson.
# [languages.es]
# title = "Mi guía de entrenamiento"
"#;

/// What version control should leave out of a guide: the built site, and what a build keeps
/// beside it (its lock, and the staging folder of a build that was stopped).
const STARTER_GITIGNORE: &str =
    "# Written by guidebook: the site `guidebook build` makes, and what a build keeps beside it.
/site/
/.site.guidebook-lock
/.site.guidebook-tmp-*
";

const STARTER_INTRO: &str = r#"---
title: Welcome
---

This guide takes you step by step from the first session to the finished skill. Work through
the lessons in order: each one lists what to finish first and ends with a checklist you can tick.
"#;

const STARTER_FIRST: &str = r#"---
title: Get ready
step: 1
duration: 10 min
summary: Gather what you need and choose a quiet place to practise.
gear: [treats]
---

Short, calm sessions work best. Pick a time when nobody is in a hurry.

## What to use

```compare
category: rewards
```

## Checklist

- [ ] Choose a quiet room.
- [ ] Put the rewards within reach.
"#;

const STARTER_SECOND: &str = r#"---
title: The first session
step: 2
duration: 5-10 min
summary: A short first session that ends on a good note.
prerequisites: [get-ready]
---

Start where [the first lesson](01-get-ready.md#what-to-use) left off.

> [!WARNING]
> Stop the session at the first sign of stress and try again another day.

## Checklist

- [ ] Keep the session under ten minutes.
- [ ] End with a reward.
"#;

const STARTER_GEAR: &str = r#"categories:
  - id: rewards
    title: Rewards
    description: What to reward good work with.
    attributes:
      - key: value
        label: How much it is worth
      - key: mess
        label: Mess
    items:
      - id: treats
        name: Small soft treats
        values: { value: High, mess: Low }
        verdict: recommended
        reason: Quick to eat, so the session keeps its pace.
      - id: toy
        name: A favourite toy
        values: { value: Medium, mess: None }
        verdict: acceptable
        reason: Works well for playful learners, but play takes longer than a treat.
"#;

/// Writes a starter guide into `dir`, which must be absent or empty, with a `.gitignore` and,
/// with `ci`, a workflow that publishes it. Into a folder that already holds a guide, `ci`
/// alone is written (a file already there is never replaced). Returns the files written.
pub fn init_guide(dir: &Path, ci: Option<CiService>) -> Result<Vec<PathBuf>, ScaffoldError> {
    let ci_file = ci.map(|service| (service.path().to_string(), service.text()));
    if let Some((name, text)) = ci_file.as_ref().filter(|_| dir.join(CONFIG_FILE).is_file()) {
        let path = dir.join(name);
        if path.exists() {
            return Err(ScaffoldError::FileExists(path));
        }
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ScaffoldError::Io { path, source }
        };
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(io(folder))?;
        }
        write_new(&path, text).map_err(io(&path))?;
        return Ok(vec![path]);
    }
    let mut guide = NewGuide::default();
    guide.text(CONFIG_FILE, STARTER_CONFIG);
    guide.text(".gitignore", STARTER_GITIGNORE);
    guide.text(format!("{CONTENT_DIR}/_index.md"), STARTER_INTRO);
    guide.text(format!("{CONTENT_DIR}/01-get-ready.md"), STARTER_FIRST);
    guide.text(format!("{CONTENT_DIR}/02-first-session.md"), STARTER_SECOND);
    guide.text(format!("{CONTENT_DIR}/gear.yaml"), STARTER_GEAR);
    if let Some((name, text)) = ci_file {
        guide.text(name, text);
    }
    write_new_guide(dir, &guide)
}

/// The longest slug `guidebook new` makes from a title: its file, `NN-<slug>.md`, must fit the
/// 255 bytes a file name may have, with room for the step.
const NEW_SLUG_BYTES: usize = 200;

/// `slug` cut after its last whole word that fits [`NEW_SLUG_BYTES`].
fn shortened(slug: String) -> String {
    if slug.len() <= NEW_SLUG_BYTES {
        return slug;
    }
    let mut end = NEW_SLUG_BYTES;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &slug[..end];
    let at_word = match slug[end..].starts_with('-') {
        true => cut,
        false => cut.rsplit_once('-').map_or(cut, |(words, _)| words),
    };
    at_word.trim_end_matches('-').to_string()
}

/// Writes `content/<slug>.md` for a new lesson with its front matter filled in. Without `step`,
/// the lesson comes after the last one. Returns the file written.
pub fn new_lesson(dir: &Path, title: &str, step: Option<u32>) -> Result<PathBuf, ScaffoldError> {
    if !dir.join(CONFIG_FILE).is_file() {
        return Err(ScaffoldError::NotAGuide(dir.to_path_buf()));
    }
    // As the build refuses to read through it, `new` refuses to write through it.
    let content = dir.join(CONTENT_DIR);
    let inside = |root: PathBuf| resolves_inside(&content, &root);
    if fs::symlink_metadata(&content).is_ok() && !dir.canonicalize().is_ok_and(inside) {
        return Err(ScaffoldError::ContentOutside);
    }
    let slug = shortened(slugify(title));
    if slug.is_empty() {
        return Err(ScaffoldError::BadTitle(title.to_string()));
    }
    if slug::is_reserved(&slug) {
        return Err(ScaffoldError::ReservedSlug(slug));
    }
    let taken = TakenPlaces::of(dir);
    if let Some(file) = taken.slugs.get(&slug) {
        return Err(ScaffoldError::SlugTaken {
            slug,
            taken: file.clone(),
        });
    }
    let step = match step {
        Some(0) => return Err(ScaffoldError::StepZero),
        Some(step) => match taken.steps.get(&step) {
            Some(file) => {
                return Err(ScaffoldError::StepTaken {
                    step,
                    taken: file.clone(),
                    next: taken.next_free_step().ok_or(ScaffoldError::NoFreeStep)?,
                });
            }
            None => step,
        },
        None => taken.next_free_step().ok_or(ScaffoldError::NoFreeStep)?,
    };
    // `NN-slug.md`, like `init` and the sample: files sort in step order, and the model reads
    // the same slug back from the name.
    let path = dir.join(CONTENT_DIR).join(format!("{step:02}-{slug}.md"));
    if path.exists() {
        return Err(ScaffoldError::Exists(path));
    }
    // The placeholders are what `check` warns about until the author replaces them.
    let text = FrontMatter::new()
        .string("title", title)
        .number("step", u64::from(step))
        .raw("duration", "10 min")
        .raw("summary", "\"\"")
        .raw("prerequisites", "[]")
        .with_body(&format!(
            "\n{PLACEHOLDER_TEXT}\n\n## Checklist\n\n{PLACEHOLDER_TASK}\n"
        ));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    fs::create_dir_all(&content).map_err(io(&content))?;
    write_new(&path, &text).map_err(io(&path))?;
    Ok(path)
}

/// The steps and slugs the guide's lessons and pages hold (drafts and files that do not parse
/// included: they hold their place), each with the file that holds it.
struct TakenPlaces {
    steps: BTreeMap<u32, String>,
    slugs: BTreeMap<String, String>,
}

impl TakenPlaces {
    fn of(dir: &Path) -> Self {
        let mut taken = TakenPlaces {
            steps: BTreeMap::new(),
            slugs: BTreeMap::new(),
        };
        let Ok(loaded) = load_guide(dir) else {
            return taken;
        };
        let (guide, _) = build_guide(
            &loaded,
            ModelOptions {
                include_drafts: true,
                ..ModelOptions::default()
            },
        );
        for lesson in &guide.lessons {
            let file = lesson.source.file.clone();
            taken.steps.insert(lesson.source.step, file.clone());
            taken.slugs.insert(lesson.source.slug.clone(), file);
        }
        for page in &guide.pages {
            taken.slugs.insert(page.slug.clone(), page.file.clone());
        }
        for file in &guide.absent {
            let path = format!("{CONTENT_DIR}/{}", file.content_path);
            taken.slugs.entry(file.slug.clone()).or_insert(path);
        }
        taken
    }

    /// One more than the largest step, or when that is past the largest number a step can
    /// be, the smallest free one.
    fn next_free_step(&self) -> Option<u32> {
        let Some(&last) = self.steps.keys().next_back() else {
            return Some(1);
        };
        last.checked_add(1)
            .or_else(|| (1..=u32::MAX).find(|step| !self.steps.contains_key(step)))
    }
}

/// Creates `path` and writes `text`, failing if the file already exists.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}
