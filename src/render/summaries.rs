//! What the pages show of each lesson, made once per build from the guide and the rendered
//! bodies: its summary ([`LessonSummary`]: step, address, title, time, prerequisites, checklist,
//! gear ...), and the links to it ([`LessonRef`]); and the guide's time split into teaching and
//! exercises. The structs are the theme's contract, in [`super::context`].

use super::context::{GearRef, LessonRef, LessonSummary};
use super::page::page_url;
use crate::i18n::Strings;
use crate::markdown::RenderedMarkdown;
use crate::markdown::compare::verdict_style;
use crate::model::duration::{DurationRange, Unit};
use crate::model::gear::GearCatalog;
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

/// The summary of every lesson, in step order.
pub fn lesson_summaries(
    guide: &Guide,
    bodies: &[std::sync::Arc<RenderedMarkdown>],
) -> Vec<LessonSummary> {
    use rayon::prelude::*;
    let refs: Vec<LessonRef> = guide.lessons.par_iter().map(lesson_ref).collect();
    let durations = guide.duration_words();
    (guide.lessons.par_iter())
        .zip(bodies)
        .zip(&refs)
        .map(|((lesson, body), this)| {
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
                prerequisites: lesson
                    .prerequisites
                    .iter()
                    .map(|&i| refs[i].clone())
                    .collect(),
                unlocks: lesson.unlocks.iter().map(|&i| refs[i].clone()).collect(),
                task_count: body.tasks.len(),
                tasks: body.tasks.clone(),
                gear: lesson
                    .source
                    .gear
                    .iter()
                    .filter_map(|id| gear_ref(&guide.gear, id, &guide.strings))
                    .collect(),
                handout_notes: (body.notes.iter())
                    .filter(|note| guide.config.handout.notes.contains(&note.kind))
                    .map(|note| note.html.clone())
                    .collect(),
                extra: lesson.source.extra.clone(),
                untranslated: lesson.untranslated,
            }
        })
        .collect()
}
