//! What the pages show of each lesson, made once per build from the guide and the rendered
//! bodies (and kept between the preview's builds, [`SummaryCache`]): its summary
//! ([`LessonSummary`]: step, address, title, time, prerequisites, checklist, gear ...), and the
//! links to it ([`LessonRef`]); and the guide's time split into teaching and exercises. The
//! structs are the theme's contract, in [`super::context`].

use std::sync::Arc;

use fnv::FnvHashMap;
use rayon::prelude::*;

use super::context::{GearRef, LessonRef, LessonSummary};
use super::fingerprints::add_link;
use super::page::page_url;
use crate::fingerprint::Fingerprint;
use crate::i18n::Strings;
use crate::markdown::RenderedMarkdown;
use crate::markdown::compare::verdict_style;
use crate::model::duration::{DurationRange, DurationWords, Unit};
use crate::model::gear::GearCatalog;
use crate::model::lesson::LessonFile;
use crate::model::{Guide, Lesson};

pub fn lesson_ref(lesson: &Lesson) -> LessonRef {
    LessonRef {
        step: lesson.source.step,
        slug: lesson.source.slug.clone(),
        url: page_url(&lesson.source.slug),
        title: lesson.source.title.clone(),
        untranslated: lesson.untranslated,
    }
}

pub fn gear_ref(gear: &GearCatalog, id: &str, strings: &Strings) -> Option<GearRef> {
    let (category, item) = gear.item(id)?;
    Some(GearRef {
        id: item.id.clone(),
        name: item.name.clone(),
        category: category.title.clone(),
        verdict: item.verdict,
        verdict_label: strings.get(verdict_style(item.verdict).label).to_string(),
        verdict_symbol: verdict_style(item.verdict).symbol,
        reason: item.reason.clone(),
        url: format!("gear.html#gear-{}", item.id),
    })
}

/// Minutes of teaching or exercises in the words of `strings`, in minutes or hours ("" for
/// none).
fn minutes_in(minutes: u64, strings: &Strings) -> String {
    if minutes == 0 {
        return String::new();
    }
    DurationRange::minutes(minutes).humanize_up_to(Unit::Hour, strings)
}

/// "Teaching 10 min · Exercises 5 min", either part left out when it is "".
pub fn time_split(teaching: &str, exercises: &str, strings: &Strings) -> String {
    let teaching =
        (!teaching.is_empty()).then(|| strings.fill("teaching_time", &[("time", teaching)]));
    let exercises =
        (!exercises.is_empty()).then(|| strings.fill("exercise_time", &[("time", exercises)]));
    [teaching, exercises]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The guide's minutes of teaching and of exercises, added up over its lessons, in the words of
/// its language.
pub fn guide_time_split(guide: &Guide) -> (String, String) {
    let (teaching, exercises) = (guide.lessons.iter()).fold((0, 0), |(t, e), lesson| {
        let split = lesson.source.split;
        (
            t + u64::from(split.teaching.unwrap_or(0)),
            e + u64::from(split.exercises.unwrap_or(0)),
        )
    });
    (
        minutes_in(teaching, &guide.strings),
        minutes_in(exercises, &guide.strings),
    )
}

/// What the pages show of one language's lessons: each lesson's summary and link, and their
/// fingerprints (by which pages are compared), in step order.
pub struct Summaries {
    pub summaries: Vec<Arc<LessonSummary>>,
    pub refs: Vec<LessonRef>,
    /// A fingerprint of each summary, for the pages that show it.
    pub summary_digests: Vec<u64>,
    /// A fingerprint of each lesson as a link (step, address, title), for the sidebars.
    pub link_digests: Vec<u64>,
}

/// Each lesson's summary and link kept between the preview's builds, by the parsed lesson it
/// was made from: the parse cache hands an unchanged file's lesson on as the same `Arc`, and the
/// body cache an unchanged body, so a summary is made again only when its lesson's file, its
/// body or the lessons it links to changed (or the guide's words, gear or handout settings).
/// The entries hold the `Arc`s they are keyed by, so an address is never another lesson's.
#[derive(Default)]
pub struct SummaryCache {
    enabled: bool,
    kept: FnvHashMap<usize, KeptSummary>,
}

impl SummaryCache {
    /// A cache that keeps each build's summaries for the next.
    pub fn enabled() -> Self {
        SummaryCache {
            enabled: true,
            kept: FnvHashMap::default(),
        }
    }

    /// Keeps this build's summaries (`made`: context, summary and digest of each lesson) for the
    /// next, in place: entries taken again stay as they are, new ones go in, and those of
    /// lessons no longer in the guide (an edited file's old parse) go.
    fn keep(
        &mut self,
        guide: &Guide,
        bodies: &[Arc<RenderedMarkdown>],
        refs: &[LessonRef],
        link_digests: &[u64],
        made: &[(u64, Arc<LessonSummary>, u64)],
    ) {
        let mut taken_again = 0;
        let lessons = guide.lessons.iter().zip(bodies).zip(made).enumerate();
        for (index, ((lesson, body), (context, summary, summary_digest))) in lessons {
            let key = key_of(lesson);
            if (self.kept.get(&key)).is_some_and(|kept| Arc::ptr_eq(&kept.summary, summary)) {
                taken_again += 1;
                continue;
            }
            let (Some(link), Some(&link_digest)) = (refs.get(index), link_digests.get(index))
            else {
                continue;
            };
            let entry = KeptSummary {
                source: Arc::clone(&lesson.source),
                untranslated: lesson.untranslated,
                link: link.clone(),
                link_digest,
                body: Arc::clone(body),
                context: *context,
                summary: Arc::clone(summary),
                summary_digest: *summary_digest,
            };
            self.kept.insert(key, entry);
        }
        log::debug!(
            "summaries: {} of {} made again",
            made.len() - taken_again,
            made.len()
        );
        if self.kept.len() > guide.lessons.len() {
            let current: fnv::FnvHashSet<usize> = guide.lessons.iter().map(key_of).collect();
            self.kept.retain(|key, _| current.contains(key));
        }
    }
}

struct KeptSummary {
    source: Arc<LessonFile>,
    untranslated: bool,
    link: LessonRef,
    link_digest: u64,
    body: Arc<RenderedMarkdown>,
    /// The fingerprint of what else the summary shows (see [`context_seed`]).
    context: u64,
    summary: Arc<LessonSummary>,
    summary_digest: u64,
}

impl KeptSummary {
    /// The kept link, if it was made from `lesson`.
    fn link_of(&self, lesson: &Lesson) -> Option<(LessonRef, u64)> {
        (Arc::ptr_eq(&self.source, &lesson.source) && self.untranslated == lesson.untranslated)
            .then(|| (self.link.clone(), self.link_digest))
    }
}

/// The cache's key for `lesson`: where its parse is.
fn key_of(lesson: &Lesson) -> usize {
    Arc::as_ptr(&lesson.source) as usize
}

/// What every summary of `guide` shows besides its own lesson and body: the guide's words (in
/// durations, times and gear verdicts), its gear and the kinds of alert the handout collects.
fn context_seed(guide: &Guide) -> u64 {
    let mut seed = Fingerprint::default();
    seed.add_number(guide.strings.digest())
        .add(&serde_json::to_string(&guide.gear).unwrap_or_default())
        .add(&serde_json::to_string(&guide.config.handout.notes).unwrap_or_default());
    seed.finish()
}

impl Summaries {
    /// The summaries of `guide`'s lessons, whose bodies are `bodies`, taking from `cache` what
    /// has not changed since the last build and keeping this build's there.
    pub fn of(guide: &Guide, bodies: &[Arc<RenderedMarkdown>], cache: &mut SummaryCache) -> Self {
        let kept = |lesson: &Lesson| cache.kept.get(&key_of(lesson));
        let (refs, link_digests): (Vec<LessonRef>, Vec<u64>) = (guide.lessons.par_iter())
            .map(|lesson| {
                kept(lesson)
                    .and_then(|kept| kept.link_of(lesson))
                    .unwrap_or_else(|| {
                        let link = lesson_ref(lesson);
                        let digest = link_digest(&link);
                        (link, digest)
                    })
            })
            .unzip();
        let seed = cache.enabled.then(|| context_seed(guide));
        let durations = guide.duration_words();
        let made: Vec<(u64, Arc<LessonSummary>, u64)> = (guide.lessons.par_iter())
            .zip(bodies)
            .zip(&refs)
            .map(|((lesson, body), this)| {
                let context = seed.map_or(0, |seed| {
                    let mut context = Fingerprint::seeded(seed);
                    context.add_number(u64::from(lesson.untranslated));
                    let links = (lesson.prerequisites.iter())
                        .chain([&usize::MAX])
                        .chain(&lesson.unlocks);
                    for &other in links {
                        context.add_number(link_digests.get(other).copied().unwrap_or(0));
                    }
                    context.finish()
                });
                let reused = kept(lesson).filter(|kept| {
                    seed.is_some()
                        && kept.context == context
                        && Arc::ptr_eq(&kept.source, &lesson.source)
                        && Arc::ptr_eq(&kept.body, body)
                });
                if let Some(kept) = reused {
                    return (context, Arc::clone(&kept.summary), kept.summary_digest);
                }
                let summary = lesson_summary(guide, lesson, body, this, &refs, &durations);
                let mut digest = Fingerprint::default();
                summary.fingerprint(&mut digest);
                (context, Arc::new(summary), digest.finish())
            })
            .collect();
        if cache.enabled {
            cache.keep(guide, bodies, &refs, &link_digests, &made);
        }
        let (summaries, summary_digests) = made
            .into_iter()
            .map(|(_, summary, digest)| (summary, digest))
            .unzip();
        Summaries {
            summaries,
            refs,
            summary_digests,
            link_digests,
        }
    }
}

/// A fingerprint of a lesson as a link, as the sidebars show it.
fn link_digest(link: &LessonRef) -> u64 {
    let mut digest = Fingerprint::default();
    add_link(&mut digest, link);
    digest.finish()
}

/// The summary of `lesson`, whose body is `body` and link `this`; `refs` are every lesson's
/// links.
fn lesson_summary(
    guide: &Guide,
    lesson: &Lesson,
    body: &RenderedMarkdown,
    this: &LessonRef,
    refs: &[LessonRef],
    durations: &DurationWords,
) -> LessonSummary {
    let split = lesson.source.split;
    let teaching = minutes_in(split.teaching.unwrap_or(0).into(), &guide.strings);
    let exercises = minutes_in(split.exercises.unwrap_or(0).into(), &guide.strings);
    LessonSummary {
        step: this.step,
        slug: this.slug.clone(),
        url: this.url.clone(),
        title: this.title.clone(),
        chapter: lesson.source.chapter.clone().unwrap_or_default(),
        duration: durations.of(lesson.source.duration),
        time_split: time_split(&teaching, &exercises, &guide.strings),
        teaching,
        exercises,
        summary: lesson.source.summary.clone(),
        prerequisites: (lesson.prerequisites.iter())
            .filter_map(|&i| refs.get(i).cloned())
            .collect(),
        unlocks: (lesson.unlocks.iter())
            .filter_map(|&i| refs.get(i).cloned())
            .collect(),
        task_count: body.tasks.len(),
        tasks: body.tasks.clone(),
        gear: (lesson.source.gear.iter())
            .filter_map(|id| gear_ref(&guide.gear, id, &guide.strings))
            .collect(),
        handout_notes: (body.notes.iter())
            .filter(|note| guide.config.handout.notes.contains(&note.kind))
            .map(|note| note.html.clone())
            .collect(),
        extra: lesson.source.extra.clone(),
        untranslated: lesson.untranslated,
    }
}
