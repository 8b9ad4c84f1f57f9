//! The timeline: the guide's plan ([`crate::model::schedule`]) as a Gantt-style chart in HTML,
//! drawn at build time.
//!
//! Each bar starts when the lesson's prerequisites are done at their shortest; its solid part is
//! the lesson at its shortest, and its hatched part runs on to the lesson's latest end (every
//! lesson before it, and it, at their longest), so the last bar ends where the guide's total time
//! does. A bar is never drawn thinner than a few pixels, so a ten-minute lesson in a guide of
//! weeks shows as a small solid mark. The axis is in the unit the total is given in (minutes,
//! hours, days or weeks, but never one larger than the lessons' own: a course of lessons of
//! minutes is measured in hours however long it is), with up to six labelled ticks at round
//! steps. Shapes differ by fill
//! and pattern, not colour alone, so the chart prints in black and white. Titles are never cut
//! short: on a narrow screen each goes above its bar.

use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use super::chapters::{chapter_count, chapters, steps_per_chapter};
use super::map::MAX_LESSON_NODES;
use super::page::{chapter_url, page_url};
use crate::i18n::Strings;
use crate::model::Guide;
use crate::model::direction::Direction;
use crate::model::duration::{DurationRange, Unit};

/// Which timeline to draw: the theme styles each by its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineStyle {
    /// Extra class on the timeline (the theme sizes text by it).
    class: &'static str,
    /// Suffix of the ids inside, so two timelines can share a page.
    id: &'static str,
}

impl TimelineStyle {
    /// For the screen and the print edition.
    pub const FULL: TimelineStyle = TimelineStyle { class: "", id: "" };
    /// For the two-page handout: low rows, small (but at least 7 pt) labels.
    pub const COMPACT: TimelineStyle = TimelineStyle {
        class: " timeline-compact",
        id: "-compact",
    };
}

/// At most this many ticks after the start, so that their labels fit a phone's width.
const MAX_TICKS: f64 = 6.0;

/// One bar: when it starts, and its earliest and latest end, in minutes from the start.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub href: String,
    pub start: f64,
    pub end_min: f64,
    pub end_max: f64,
}

/// The bars of the guide's plan, in step order (lessons, or in a large guide its named chapters
/// or runs of steps).
pub fn schedule(guide: &Guide) -> Vec<Bar> {
    let bars = guide
        .lessons
        .iter()
        .zip(&guide.plan.slots)
        .map(|(lesson, slot)| Bar {
            label: format!("{}. {}", lesson.source.step, lesson.source.title),
            href: page_url(&lesson.source.slug),
            start: slot.start as f64,
            end_min: slot.end_min as f64,
            end_max: slot.end_max as f64,
        });
    if guide.lessons.len() <= MAX_LESSON_NODES {
        return bars.collect();
    }
    let all: Vec<Bar> = bars.collect();
    if !guide.chapters.is_empty() {
        return chapter_bars(guide, &all);
    }
    // Large guides: one bar per run of steps, spanning its lessons.
    all.chunks(steps_per_chapter(all.len()))
        .map(|chunk| Bar {
            label: format!(
                "{} … {}",
                chunk[0].label,
                chunk[chunk.len() - 1].label.split('.').next().unwrap_or("")
            ),
            href: chunk[0].href.clone(),
            start: chunk.iter().map(|b| b.start).fold(f64::INFINITY, f64::min),
            end_min: chunk.iter().map(|b| b.end_min).fold(0.0, f64::max),
            end_max: chunk.iter().map(|b| b.end_max).fold(0.0, f64::max),
        })
        .collect()
}

/// How many bars [`schedule`] draws, without drawing them.
pub fn bar_count(guide: &Guide) -> usize {
    let lessons = guide.lessons.len().min(guide.plan.slots.len());
    if guide.lessons.len() <= MAX_LESSON_NODES {
        lessons
    } else if !guide.chapters.is_empty() {
        chapter_count(guide)
    } else {
        lessons.div_ceil(steps_per_chapter(lessons))
    }
}

/// One bar per chapter of a large guide whose lessons name their chapters, spanning its
/// lessons' bars and leading to its page.
fn chapter_bars(guide: &Guide, lessons: &[Bar]) -> Vec<Bar> {
    (chapters(guide).iter().enumerate())
        .filter_map(|(index, chapter)| {
            let bars: Vec<&Bar> = (chapter.lessons.iter())
                .filter_map(|&i| lessons.get(i))
                .collect();
            let (first, last) = (
                guide.lessons.get(*chapter.lessons.first()?)?,
                guide.lessons.get(*chapter.lessons.last()?)?,
            );
            let (first_step, last_step) =
                (first.source.step.to_string(), last.source.step.to_string());
            let label = if chapter.named {
                guide.strings.fill(
                    "steps_range_labelled",
                    &[
                        ("first", &first_step),
                        ("last", &last_step),
                        ("label", &chapter.label),
                    ],
                )
            } else {
                format!("{}. {} … {last_step}", first_step, first.source.title)
            };
            Some(Bar {
                label,
                href: chapter_url(index),
                start: bars.iter().map(|b| b.start).fold(f64::INFINITY, f64::min),
                end_min: bars.iter().map(|b| b.end_min).fold(0.0, f64::max),
                end_max: bars.iter().map(|b| b.end_max).fold(0.0, f64::max),
            })
        })
        .collect()
}

/// The axis: its unit (the one the total is given in, but no larger than `largest`) and the step
/// between ticks, in minutes, for a plan of `total` minutes: the smallest round number of units
/// that gives at most [`MAX_TICKS`] ticks.
fn axis(total: f64, largest: Unit) -> (Unit, f64) {
    let unit = DurationRange {
        min_minutes: 0,
        max_minutes: total.round() as u64,
    }
    .unit()
    .min(largest);
    let steps: &[f64] = match unit {
        Unit::Minute => &[1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0],
        // Hours and days go on in days and weeks, for a guide held to them.
        Unit::Hour => &[
            1.0, 2.0, 3.0, 4.0, 6.0, 12.0, 24.0, 48.0, 72.0, 168.0, 336.0,
        ],
        Unit::Day => &[1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 14.0, 28.0],
        Unit::Week => &[1.0, 2.0, 4.0, 5.0, 10.0, 13.0, 26.0, 52.0],
    };
    let in_units = total / unit.minutes() as f64;
    let step = (steps.iter().copied())
        .find(|step| in_units / step <= MAX_TICKS)
        .unwrap_or_else(|| (in_units / MAX_TICKS).ceil());
    (unit, step * unit.minutes() as f64)
}

/// The timeline as HTML: one row per lesson (its title, whole, and its bar on a track), with an
/// axis above. Positions are percentages of the track, so it fits any width, from its left edge,
/// or its right one in a guide written right to left (the theme mirrors the ticks' labels to
/// match). `bars` is the guide's [`schedule`]; its texts are in the words of `strings`, its
/// axis and length in no unit larger than `largest` (the guide's [`Guide::time_unit`]).
pub fn timeline_html(
    bars: &[Bar],
    style: TimelineStyle,
    direction: Direction,
    largest: Unit,
    strings: &Strings,
) -> String {
    let TimelineStyle { class, id } = style;
    let start = if direction.is_rtl() { "right" } else { "left" };
    if bars.is_empty() {
        return String::new();
    }
    let total = bars.iter().map(|b| b.end_max).fold(1.0, f64::max);
    let percent = |minutes: f64| minutes / total * 100.0;
    let (unit, step) = axis(total, largest);
    let tick_count = (total / step + 1e-9).floor() as usize;
    let mut html = String::with_capacity(2048 + bars.len() * 400);
    let escaped = |text: &str| {
        let mut out = String::new();
        let _ = escape_html(&mut out, text);
        out
    };
    let span = span(bars).humanize_up_to(largest, strings);
    let _ = writeln!(
        html,
        "<div class=\"timeline{class}\" role=\"group\" aria-labelledby=\"timeline-title{id}\" aria-describedby=\"timeline-desc{id}\" \
         style=\"--tick: {:.3}%\">\
         <p class=\"visually-hidden\" id=\"timeline-title{id}\">{}</p>\
         <p class=\"visually-hidden\" id=\"timeline-desc{id}\">{}</p>",
        percent(step),
        escaped(strings.get("timeline_title")),
        escaped(&strings.fill("timeline_description", &[("span", &span)])),
    );
    html.push_str(
        "<div class=\"timeline-axis\" aria-hidden=\"true\"><span class=\"timeline-axis-track\">",
    );
    for tick in 0..=tick_count {
        let label = if tick == 0 {
            escaped(strings.get("timeline_start"))
        } else {
            let count = format_units(tick as f64 * step / unit.minutes() as f64);
            escaped(&strings.count(unit.key(), &strings.decimal(&count), &[]))
        };
        let at = percent(tick as f64 * step);
        let end = match at {
            0.0 => " timeline-tick-start",
            at if at > 90.0 => " timeline-tick-end",
            _ => "",
        };
        let _ = write!(
            html,
            "<span class=\"timeline-tick{end}\" style=\"{start}: {at:.3}%\">{label}</span>"
        );
    }
    html.push_str("</span></div>\n<ol class=\"timeline-rows\">\n");
    for bar in bars {
        let from = percent(bar.start);
        let width = percent(bar.end_max - bar.start).max(0.0);
        // The solid part's share of the bar (all of it when the bar has no length).
        let solid = if bar.end_max > bar.start {
            (bar.end_min - bar.start) / (bar.end_max - bar.start) * 100.0
        } else {
            100.0
        };
        html.push_str("<li class=\"timeline-row\"><a class=\"timeline-label\" href=\"");
        let _ = escape_html(&mut html, &bar.href);
        html.push_str("\">");
        let _ = escape_html(&mut html, &bar.label);
        let _ = write!(
            html,
            "</a><span class=\"timeline-track\" aria-hidden=\"true\"><span class=\"timeline-bar\" style=\"{start}: {from:.3}%; width: {width:.3}%\">\
             <span class=\"timeline-min\" data-minutes=\"{:.0}\" style=\"width: {solid:.3}%\"></span>",
            bar.end_min - bar.start
        );
        if bar.end_max > bar.end_min {
            let _ = write!(
                html,
                "<span class=\"timeline-max\" data-minutes=\"{:.0}\" style=\"width: {:.3}%\"></span>",
                bar.end_max - bar.end_min,
                100.0 - solid
            );
        }
        html.push_str("</span></span></li>\n");
    }
    html.push_str("</ol>\n</div>\n");
    html
}

/// How long the bars run: from the start to the last earliest end, and to the last latest end.
fn span(bars: &[Bar]) -> DurationRange {
    let last = |end: fn(&Bar) -> f64| bars.iter().map(end).fold(0.0, f64::max).round() as u64;
    DurationRange {
        min_minutes: last(|b| b.end_min),
        max_minutes: last(|b| b.end_max),
    }
}

/// A tick's number of units, without a needless fraction (`2`, `1.5`).
fn format_units(units: f64) -> String {
    let rounded = (units * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as u64)
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A guide of `count` lessons, each in folder `folder(step)` and chapter `chapter(step)`.
    fn guide_of(
        count: u32,
        folder: impl Fn(u32) -> &'static str,
        chapter: impl Fn(u32) -> Option<&'static str>,
    ) -> Guide {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        std::fs::write(root.join("guide.toml"), "title = \"Bars\"\n").unwrap();
        for step in 1..=count {
            let folder = root.join("content").join(folder(step));
            std::fs::create_dir_all(&folder).unwrap();
            let chapter = chapter(step).map_or(String::new(), |name| format!("chapter: {name}\n"));
            let lesson = format!(
                "---\ntitle: Lesson {step}\nstep: {step}\nduration: 10 min\n{chapter}---\nText.\n"
            );
            std::fs::write(folder.join(format!("{step:03}.md")), lesson).unwrap();
        }
        let loaded = crate::load::load_guide(root).expect("the guide loads");
        crate::model::build_guide(&loaded, Default::default()).0
    }

    #[test]
    fn the_bars_are_counted_as_the_schedule_draws_them() {
        let guides = [
            guide_of(12, |_| "", |_| None),
            guide_of(61, |_| "", |_| None),
            guide_of(95, |step| if step < 40 { "one" } else { "two" }, |_| None),
            guide_of(
                70,
                |_| "",
                |step| (step > 10 && step < 30).then_some("Middle"),
            ),
        ];
        for guide in &guides {
            assert_eq!(
                bar_count(guide),
                schedule(guide).len(),
                "{} lessons",
                guide.lessons.len()
            );
        }
        assert_eq!(bar_count(&guides[0]), 12);
    }

    const HOUR: f64 = 60.0;
    const DAY: f64 = 24.0 * HOUR;

    #[test]
    fn the_axis_is_in_the_unit_of_the_total_with_round_steps() {
        assert_eq!(axis(50.0, Unit::Week), (Unit::Minute, 10.0));
        assert_eq!(axis(12.0, Unit::Week), (Unit::Minute, 2.0));
        assert_eq!(axis(3.0 * HOUR, Unit::Week), (Unit::Hour, HOUR));
        assert_eq!(axis(20.0 * HOUR, Unit::Week), (Unit::Hour, 4.0 * HOUR));
        assert_eq!(axis(10.0 * DAY, Unit::Week), (Unit::Day, 2.0 * DAY));
        assert_eq!(
            axis(7.4 * 7.0 * DAY, Unit::Week),
            (Unit::Week, 2.0 * 7.0 * DAY)
        );
        assert_eq!(
            axis(100.0 * 7.0 * DAY, Unit::Week),
            (Unit::Week, 26.0 * 7.0 * DAY)
        );
        // Past the round steps: whole units, still at most six ticks.
        let (unit, step) = axis(1000.0 * 7.0 * DAY, Unit::Week);
        assert_eq!(unit, Unit::Week);
        assert!(1000.0 * 7.0 * DAY / step <= MAX_TICKS, "{step}");
    }

    #[test]
    fn the_axis_is_in_no_unit_larger_than_the_guides() {
        // 500 lessons of minutes, 83.5 hours in all: hours, a tick a day, not 3.5 days.
        assert_eq!(axis(83.5 * HOUR, Unit::Hour), (Unit::Hour, 24.0 * HOUR));
        assert_eq!(axis(83.5 * HOUR, Unit::Day), (Unit::Day, DAY));
        // Under two hours: minutes, whatever the lessons' unit; from two hours, hours.
        assert_eq!(axis(40.0, Unit::Hour), (Unit::Minute, 10.0));
        assert_eq!(axis(120.0, Unit::Week), (Unit::Hour, HOUR));
        // Five weeks of lessons of days: days, a tick a week.
        let five_weeks = 35.0 * DAY;
        assert_eq!(axis(five_weeks, Unit::Day), (Unit::Day, 7.0 * DAY));
        assert_eq!(axis(five_weeks, Unit::Week).0, Unit::Week);
    }

    fn bar(start: f64, end_min: f64, end_max: f64) -> Bar {
        Bar {
            label: "1. One".into(),
            href: "one.html".into(),
            start,
            end_min,
            end_max,
        }
    }

    #[test]
    fn a_guide_of_minutes_gets_labelled_ticks_in_minutes() {
        let strings = Strings::default();
        let html = timeline_html(
            &[bar(0.0, 20.0, 20.0), bar(20.0, 50.0, 50.0)],
            TimelineStyle::FULL,
            Direction::Ltr,
            Unit::Week,
            &strings,
        );
        for label in ["start", "10 min", "20 min", "30 min", "40 min", "50 min"] {
            assert!(
                html.contains(&format!("\">{label}</span>")),
                "{label}: {html}"
            );
        }
        assert!(html.contains("The whole plan takes 50 min."), "{html}");
    }

    #[test]
    fn a_bar_runs_from_its_start_to_its_latest_end_solid_to_its_earliest() {
        let strings = Strings::default();
        let html = timeline_html(
            &[bar(0.0, 10.0, 10.0), bar(10.0, 30.0, 50.0)],
            TimelineStyle::FULL,
            Direction::Ltr,
            Unit::Week,
            &strings,
        );
        assert!(
            html.contains("style=\"left: 20.000%; width: 80.000%\">"),
            "{html}"
        );
        assert!(
            html.contains("data-minutes=\"20\" style=\"width: 50.000%\""),
            "{html}"
        );
        assert!(
            html.contains("class=\"timeline-max\" data-minutes=\"20\" style=\"width: 50.000%\""),
            "{html}"
        );
        // A bar with no range has no hatched part, and one of no length is solid.
        assert_eq!(html.matches("timeline-max").count(), 1);
        let html = timeline_html(
            &[bar(0.0, 0.0, 0.0)],
            TimelineStyle::FULL,
            Direction::Ltr,
            Unit::Week,
            &strings,
        );
        assert!(html.contains("style=\"width: 100.000%\""), "{html}");
    }
}
