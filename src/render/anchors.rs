//! The links to a heading of another page (`fit.md#the-finger-check`): every anchor must be a
//! heading, checklist item, block, span or raw HTML id of its page. The problems of each lesson are kept between the
//! preview's builds and checked again only for changed lessons, or for all when any page's
//! anchors changed.

use fnv::{FnvHashMap as HashMap, FnvHashSet as HashSet};

use super::bodies::INTRO_PAGE;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::suggest::{Candidates, Suggester};
use crate::fingerprint::Fingerprint;
use crate::markdown::RenderedMarkdown;

/// The anchor problems of each lesson body (by file: its body's key and its problems), valid
/// while every page's anchors are those of `anchors_digest`.
#[derive(Default)]
pub(super) struct KeptAnchorChecks {
    anchors_digest: u64,
    by_file: HashMap<String, (u64, Vec<Diagnostic>)>,
}

/// A rendered body with the key its anchors are known by (a slug, or `index`) and its file.
pub(super) struct NamedBody<'a> {
    pub key: &'a str,
    pub file: &'a str,
    pub body: &'a RenderedMarkdown,
}

/// [`check_anchors`] for the bodies that changed, or for all when a page's anchors changed: the
/// other lessons' problems are the ones kept from the last build. `keys` are the lessons' body
/// keys (the first bodies of `named`).
pub(super) fn check_anchors_cached(
    named: &[NamedBody<'_>],
    keys: &[u64],
    kept: &mut KeptAnchorChecks,
    enabled: bool,
    translated: Option<&str>,
    suggester: &mut Suggester,
) -> Vec<Diagnostic> {
    let mut digest = Fingerprint::default();
    for body in named {
        digest.add(body.key).add_number(body.body.anchors_digest);
    }
    let anchors_digest = digest.finish();
    let still = enabled && anchors_digest == kept.anchors_digest;
    // Whether each lesson's body is the same as last time, its problems kept.
    let unchanged: Vec<bool> = (0..named.len())
        .map(|index| {
            let (Some(&key), true) = (keys.get(index), still) else {
                return false;
            };
            (kept.by_file.get(named[index].file)).is_some_and(|(kept_key, _)| *kept_key == key)
        })
        .collect();
    let todo: Vec<bool> = unchanged.iter().map(|unchanged| !unchanged).collect();
    log::debug!(
        "anchors: {} of {} bodies to check (anchors unchanged: {still})",
        todo.iter().filter(|todo| **todo).count(),
        todo.len()
    );
    let mut fresh = check_anchors(named, &todo, translated, suggester).into_iter();
    let mut problems = Vec::new();
    for (index, body) in named.iter().enumerate() {
        if unchanged[index] {
            let earlier = kept.by_file.get(body.file).map(|(_, problems)| problems);
            problems.extend(earlier.into_iter().flatten().cloned());
            continue;
        }
        let found = fresh.next().unwrap_or_default();
        if let (true, Some(&key)) = (enabled, keys.get(index)) {
            match kept.by_file.get_mut(body.file) {
                Some(entry) => *entry = (key, found.clone()),
                None => {
                    kept.by_file
                        .insert(body.file.to_string(), (key, found.clone()));
                }
            }
        }
        problems.extend(found);
    }
    if enabled {
        kept.anchors_digest = anchors_digest;
        // The lessons no longer in the guide (an edited or removed file) go.
        let lessons = keys.len().min(named.len());
        if kept.by_file.len() > lessons {
            let files: HashSet<&str> = named[..lessons].iter().map(|body| body.file).collect();
            kept.by_file.retain(|file, _| files.contains(file.as_str()));
        }
    }
    problems
}

/// Every `page.md#anchor` link must name a heading of that page. Checks the bodies `todo`
/// marks, and gives their problems, one list per checked body in order. `translated` is the
/// language of a guide in another language than the default one.
fn check_anchors(
    named: &[NamedBody<'_>],
    todo: &[bool],
    translated: Option<&str>,
    suggester: &mut Suggester,
) -> Vec<Vec<Diagnostic>> {
    let mut by_key: HashMap<&str, &RenderedMarkdown> = HashMap::default();
    for named in named {
        // A slug given twice is reported by the model; the first page keeps it here too, so
        // links to it are not reported again.
        by_key.entry(named.key).or_insert(named.body);
    }
    // The anchors of the pages links point into, worked out once each and only for those.
    let mut anchors: HashMap<&str, HashSet<&str>> = HashMap::default();
    let mut all_problems = Vec::new();
    // The anchors of each page as candidates for a "did you mean", indexed when first needed
    // (each missing anchor is looked up once, within the build's budget).
    let mut candidates: HashMap<&str, Candidates<'_>> = HashMap::default();
    for (NamedBody { file, body, .. }, _) in named.iter().zip(todo).filter(|(_, todo)| **todo) {
        let mut problems = Vec::new();
        for check in &body.link_checks {
            let Some(&target) = by_key.get(check.page.as_str()) else {
                continue;
            };
            let known = anchors
                .entry(check.page.as_str())
                .or_insert_with(|| anchor_set(target));
            if known.contains(check.anchor.as_str()) {
                continue;
            }
            let page = if check.page == INTRO_PAGE {
                "the introduction".to_string()
            } else {
                format!("`{}`", check.page)
            };
            let diagnostic = Diagnostic::error(
                *file,
                check.span.clone(),
                format!("{page} has no heading `#{}`", check.anchor),
            )
            .with_label("no such anchor");
            let among = candidates
                .entry(check.page.as_str())
                .or_insert_with(|| Candidates::new(known.iter().copied()));
            let best = match translated {
                // The help is about translated headings then, with no suggestion.
                Some(_) => None,
                None => suggester.closest(&check.anchor, among),
            };
            let diagnostic = match (translated, best) {
                (Some(code), _) => diagnostic.with_help(format!(
                    "in `{code}/`, where untranslated lessons link to translated ones, a translated heading keeps its original's id: `## Título {{#the-original-id}}`"
                )),
                (None, Some(best)) => diagnostic.with_help(format!("did you mean `#{best}`?")),
                (None, None) => diagnostic.with_help("anchors are heading texts in lower case with spaces as `-`, e.g. `#why-it-matters`"),
            };
            problems.push(diagnostic);
        }
        all_problems.push(problems);
    }
    all_problems
}

fn anchor_set(body: &RenderedMarkdown) -> HashSet<&str> {
    body.headings
        .iter()
        .map(|h| h.id.as_str())
        .chain(body.tasks.iter().map(|t| t.id.as_str()))
        .chain(body.anchors.iter().map(String::as_str))
        .collect()
}
