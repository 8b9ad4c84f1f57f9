//! Which keys a front matter has that it should not, and which it lacks; and the front matter
//! with the unknown keys taken out, so the other values can still be read in the same run.

use std::collections::BTreeMap;

use serde::de::IgnoredAny;

use super::{FrontMatterKind, key_span};
use crate::diagnostics::{Diagnostic, closest_match};
use crate::load::FrontMatterText;
use crate::model::yaml::parse_yaml;

/// `yaml` with the top-level `keys` taken out, every other line and offset where it was: a
/// misspelt key (`stepp`) is read as the key it is closest to (`step `) when that is no longer,
/// any other unknown key's lines (with its indented or listed values) become spaces.
pub(super) fn without_keys(yaml: &str, keys: &[String], kind: FrontMatterKind) -> String {
    let mut kept = String::with_capacity(yaml.len());
    let mut blanking = false;
    for line in yaml.split_inclusive('\n') {
        let key = keys.iter().find(|key| {
            line.strip_prefix(key.as_str())
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        });
        if let Some(key) = key
            && let Some(meant) = closest_match(key, kind.keys().iter().copied())
            && meant.len() <= key.len()
        {
            kept.push_str(&format!("{meant:<width$}", width = key.len()));
            kept.push_str(&line[key.len()..]);
            blanking = false;
            continue;
        }
        let continues = line.starts_with([' ', '\t', '-']) || line.trim().is_empty();
        blanking = key.is_some() || (blanking && continues);
        if blanking {
            kept.extend(line.chars().map(|c| if c == '\n' { c } else { ' ' }));
        } else {
            kept.push_str(line);
        }
    }
    kept
}

/// Every key the front matter should not have, and every one it lacks. Nothing when the YAML
/// is not a mapping of plain keys: the full parse then says what is wrong with it.
pub(super) fn key_problems(
    file: &str,
    front_matter: &FrontMatterText,
    kind: FrontMatterKind,
) -> (Vec<String>, Vec<Diagnostic>) {
    let yaml: &str = &front_matter.yaml;
    let keys: BTreeMap<String, IgnoredAny> = if yaml.trim().is_empty() {
        BTreeMap::new()
    } else {
        match parse_yaml(yaml) {
            Ok(keys) => keys,
            Err(_) => return (Vec::new(), Vec::new()),
        }
    };
    let unknown: Vec<&String> = keys.keys().filter(|key| !kind.accepted(key)).collect();
    // A misspelt key (`stepp`) is one mistake: its "did you mean `step`?" says what is missing.
    let suggested: Vec<&str> = (unknown.iter())
        .filter_map(|key| closest_match(key, kind.keys().iter().copied()))
        .collect();
    let mut problems: Vec<Diagnostic> = (unknown.iter())
        .map(|key| unknown_key(file, front_matter, key, kind))
        .collect();
    let absent = |key: &&str| !keys.contains_key(*key) && !suggested.contains(key);
    problems.extend(
        (kind.required().iter())
            .filter(|group| group.iter().all(absent))
            .filter_map(|group| group.first())
            .map(|key| missing_key(file, front_matter, key, kind)),
    );
    (unknown.into_iter().cloned().collect(), problems)
}

pub(super) fn unknown_key(
    file: &str,
    front_matter: &FrontMatterText,
    key: &str,
    kind: FrontMatterKind,
) -> Diagnostic {
    let span = key_span(&front_matter.yaml, front_matter.offset, key);
    let diagnostic = Diagnostic::error(file, span, format!("unknown front matter key `{key}`"));
    match kind {
        FrontMatterKind::Intro => {
            diagnostic.with_help("the introduction's front matter may only have `title`")
        }
        _ => diagnostic
            .with_suggestion(key, kind.keys().iter().copied())
            .or_help(format!("the keys are {}", kind.keys().join(", "))),
    }
}

pub(super) fn missing_key(
    file: &str,
    front_matter: &FrontMatterText,
    key: &str,
    kind: FrontMatterKind,
) -> Diagnostic {
    Diagnostic::error(
        file,
        front_matter.opening_fence.clone(),
        format!("the front matter has no `{key}`"),
    )
    .with_help(format!("add a line such as `{}`", kind.example(key)))
}
