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
    // The problems kept for each lesson whose body is the same as last time.
    let mut earlier: Vec<Option<Vec<Diagnostic>>> = (0..named.len())
        .map(|index| {
            let key = *keys.get(index)?;
            let (kept_key, problems) = kept.by_file.remove(named[index].file)?;
            (still && kept_key == key).then_some(problems)
        })
        .collect();
    let todo: Vec<bool> = earlier.iter().map(Option::is_none).collect();
    log::debug!(
        "anchors: {} of {} bodies to check (anchors unchanged: {still})",
        todo.iter().filter(|todo| **todo).count(),
        todo.len()
    );
    let mut fresh = check_anchors(named, &todo, translated, suggester).into_iter();
    let by_index: Vec<Vec<Diagnostic>> = (earlier.iter_mut())
        .map(|kept| {
            kept.take()
                .unwrap_or_else(|| fresh.next().unwrap_or_default())
        })
        .collect();
    if enabled {
        kept.anchors_digest = anchors_digest;
        kept.by_file = (keys.iter().zip(named).zip(&by_index))
            .map(|((&key, body), problems)| (body.file.to_string(), (key, problems.clone())))
            .collect();
    }
    by_index.into_iter().flatten().collect()
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
