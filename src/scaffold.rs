//! `guidebook init` and `guidebook new`: writing a starter guide and a starter lesson.
//!
//! Both refuse to overwrite anything: `init` wants an absent or empty folder, `new` a lesson file
//! that does not exist yet. The starter guide builds as it is and shows every feature once
//! (a prerequisite, a checklist, a comparison table, a safety note).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::load::CONFIG_FILE;
use crate::load::{CONTENT_DIR, load_guide};
use crate::model::slug::slugify;
use crate::model::{ModelOptions, build_guide};

/// Why a scaffold could not be written (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("`{}` is not empty; `guidebook init` only writes into a new or empty folder", .0.display())]
    NotEmpty(PathBuf),
    #[error("`{}` already exists; pick another title or remove the file first", .0.display())]
    Exists(PathBuf),
    #[error("`{}` is not a guide folder (it has no guide.toml); run `guidebook init` first", .0.display())]
    NotAGuide(PathBuf),
    #[error("cannot make a file name from the title {0:?}; use letters or digits")]
    BadTitle(String),
    #[error("cannot write `{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

const STARTER_CONFIG: &str = r#"title = "My training guide"
author = ""
description = "A step-by-step guide."
language = "en"
base_url = "/"
theme = "default"

[print]
paper = "A4"
"#;

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

/// Writes a starter guide into `dir`, which must be absent or empty. Returns the files written.
pub fn init_guide(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let files = [
        (CONFIG_FILE.to_string(), STARTER_CONFIG),
        (format!("{CONTENT_DIR}/_index.md"), STARTER_INTRO),
        (format!("{CONTENT_DIR}/01-get-ready.md"), STARTER_FIRST),
        (format!("{CONTENT_DIR}/02-first-session.md"), STARTER_SECOND),
        (format!("{CONTENT_DIR}/gear.yaml"), STARTER_GEAR),
    ];
    let content = dir.join(CONTENT_DIR);
    fs::create_dir_all(&content).map_err(io(&content))?;
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        write_new(&path, text).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `content/<slug>.md` for a new lesson with its front matter filled in. Without `step`,
/// the lesson comes after the last one. Returns the file written.
pub fn new_lesson(dir: &Path, title: &str, step: Option<u32>) -> Result<PathBuf, ScaffoldError> {
    if !dir.join(CONFIG_FILE).is_file() {
        return Err(ScaffoldError::NotAGuide(dir.to_path_buf()));
    }
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(ScaffoldError::BadTitle(title.to_string()));
    }
    let step = match step {
        Some(step) => step,
        None => next_free_step(dir),
    };
    let path = dir.join(CONTENT_DIR).join(format!("{slug}.md"));
    if path.exists() {
        return Err(ScaffoldError::Exists(path));
    }
    let text = format!(
        "---\ntitle: {}\nstep: {step}\nduration: 10 min\nsummary: \"\"\nprerequisites: []\n---\n\n\
         Write the lesson here.\n\n## Checklist\n\n- [ ] The first thing to do.\n",
        yaml_string(title)
    );
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    let content = dir.join(CONTENT_DIR);
    fs::create_dir_all(&content).map_err(io(&content))?;
    write_new(&path, &text).map_err(io(&path))?;
    Ok(path)
}

/// One more than the largest step in the guide (1 for an empty guide), even if it has errors.
fn next_free_step(dir: &Path) -> u32 {
    let Ok(loaded) = load_guide(dir) else {
        return 1;
    };
    let (guide, _) = build_guide(
        &loaded,
        ModelOptions {
            include_drafts: true,
        },
    );
    let parsed_max = guide
        .lessons
        .iter()
        .map(|l| l.source.step)
        .max()
        .unwrap_or(0);
    // Lessons that do not parse still hold their place.
    parsed_max
        .max(guide.lessons.len() as u32)
        .max(loaded.lessons.len() as u32)
        .saturating_add(1)
}

/// A title as a YAML scalar, quoted (JSON strings are valid YAML).
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

/// Creates `path` and writes `text`, failing if the file already exists.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted_for_yaml() {
        assert_eq!(
            yaml_string("Fit: the \"harness\""),
            "\"Fit: the \\\"harness\\\"\""
        );
    }
}
