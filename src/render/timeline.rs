//! The timeline: the schedule as a Gantt-style chart in HTML, drawn at build time.
//!
//! Each lesson starts when its last prerequisite is done (at the shortest durations), so lessons
//! that can run side by side overlap. A bar's solid part is the lesson's shortest duration and
//! the hatched part runs to its longest. The axis is in days or weeks. Shapes differ by fill and
//! pattern, not colour alone, so the chart prints in black and white. Titles are never cut
//! short: on a narrow screen each goes above its bar.

use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use super::chapters::{chapters, steps_per_chapter};
use super::map::MAX_LESSON_NODES;
use super::page::{chapter_url, page_url};
use crate::i18n::Strings;
use crate::model::Guide;
use crate::model::direction::Direction;
use crate::model::duration::{DurationRange, Unit};

const MINUTES_PER_DAY: f64 = 24.0 * 60.0;

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
/// Bars shorter than this share of the axis are widened so a ten-minute session still shows.
const MIN_BAR_PERCENT: f64 = 0.6;

/// One bar: when it starts (at the soonest) and when it ends at the soonest and at the latest,
/// in minutes from the start.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub href: String,
    pub start: f64,
    pub end_min: f64,
    pub end_max: f64,
}

/// The bars of the schedule, in step order (lessons, or chapters in a large guide).
pub fn schedule(guide: &Guide) -> Vec<Bar> {
    let count = guide.lessons.len();
    // When each lesson can start and end at the soonest (every lesson taking its shortest time)
    // and end at the latest (every lesson taking its longest): a chain of `5-10 min` lessons
    // ends between the sum of the shortest and the sum of the longest times.
    let (mut starts, mut ends_min, mut ends_max) = (
        vec![0.0_f64; count],
        vec![0.0_f64; count],
        vec![0.0_f64; count],
    );
    for (index, lesson) in guide.lessons.iter().enumerate() {
        // Prerequisites have smaller steps, so they come earlier in this loop.
        let after = |ends: &[f64]| {
            (lesson.prerequisites.iter())
                .map(|&p| ends[p])
                .fold(0.0, f64::max)
        };
        let (start, latest_start) = (after(&ends_min), after(&ends_max));
        let range = lesson.source.duration.range;
        starts[index] = start;
        ends_min[index] = start + range.min_minutes as f64;
        ends_max[index] = latest_start + range.max_minutes as f64;
    }
    let bars = guide.lessons.iter().enumerate().map(|(index, lesson)| Bar {
        label: format!("{}. {}", lesson.source.step, lesson.source.title),
        href: page_url(&lesson.source.slug),
        start: starts[index],
        end_min: ends_min[index],
        end_max: ends_max[index],
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

/// How long the whole plan takes when lessons that can overlap do (the longest chain of
/// prerequisites), at the shortest and the longest durations.
pub fn schedule_span(bars: &[Bar]) -> DurationRange {
    let longest = |end: fn(&Bar) -> f64| bars.iter().map(end).fold(0.0, f64::max).round() as u64;
    DurationRange {
        min_minutes: longest(|b| b.end_min),
        max_minutes: longest(|b| b.end_max),
    }
}

/// The axis unit (the key of its words, and its length in minutes) and the tick spacing in
/// minutes for a schedule of `total` minutes, in no unit larger than `largest` (a course of
/// lessons written in minutes is measured in hours however long it is).
fn ticks(total: f64, largest: Unit) -> (&'static str, f64, f64) {
    let days = total / MINUTES_PER_DAY;
    if days > 21.0 && largest >= Unit::Week {
        ("weeks", 7.0 * MINUTES_PER_DAY, 7.0 * MINUTES_PER_DAY)
    } else if days > 2.0 && largest >= Unit::Day {
        ("days", MINUTES_PER_DAY, MINUTES_PER_DAY)
    } else if total <= 120.0 {
        // Within two hours: a tick every 5, 10, 15 or 30 minutes, at most four after the start
        // (their labels must fit side by side on a phone).
        let every = [5.0, 10.0, 15.0, 30.0]
            .into_iter()
            .find(|every| total / every <= 4.0)
            .unwrap_or(30.0);
        ("minutes", 1.0, every)
    } else {
        let every = if total > 12.0 * 60.0 { 4.0 } else { 1.0 };
        ("hours", 60.0, 60.0 * every)
    }
}

/// The timeline as HTML: one row per lesson (its title, whole, and its bar on a track), with an
/// axis of days or weeks above. Positions are percentages of the track, so it fits any width,
/// from its left edge, or its right one in a guide written right to left (the theme mirrors the
/// ticks' labels to match). `bars` is the guide's [`schedule`]; its texts are in the words of
/// `strings`.
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
    let (unit, unit_minutes, step) = ticks(total, largest);
    let tick_count = (total / step).floor() as usize;
    let stride = tick_count.div_ceil(10).max(1);
    let mut html = String::with_capacity(2048 + bars.len() * 400);
    let escaped = |text: &str| {
        let mut out = String::new();
        let _ = escape_html(&mut out, text);
        out
    };
    let span = schedule_span(bars).humanize_up_to(largest, strings);
    let _ = writeln!(
        html,
        "<div class=\"timeline{class}\" role=\"group\" aria-labelledby=\"timeline-title{id}\" aria-describedby=\"timeline-desc{id}\" \
         style=\"--tick: {:.3}%\">\
         <p class=\"visually-hidden\" id=\"timeline-title{id}\">{}</p>\
         <p class=\"visually-hidden\" id=\"timeline-desc{id}\">{}</p>",
        percent(step * stride as f64),
        escaped(strings.get("timeline_title")),
        escaped(&strings.fill("timeline_description", &[("span", &span)])),
    );
    html.push_str(
        "<div class=\"timeline-axis\" aria-hidden=\"true\"><span class=\"timeline-axis-track\">",
    );
    for tick in (0..=tick_count).step_by(stride) {
        let label = if tick == 0 {
            escaped(strings.get("timeline_start"))
        } else {
            let count = (tick as f64 * step / unit_minutes).round().to_string();
            escaped(&strings.count(unit, &count, &[]))
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
        let solid = percent(bar.end_min - bar.start).max(MIN_BAR_PERCENT);
        let light = percent(bar.end_max - bar.end_min).max(0.0);
        html.push_str("<li class=\"timeline-row\"><a class=\"timeline-label\" href=\"");
        let _ = escape_html(&mut html, &bar.href);
        html.push_str("\">");
        let _ = escape_html(&mut html, &bar.label);
        let _ = write!(
            html,
            "</a><span class=\"timeline-track\" aria-hidden=\"true\"><span class=\"timeline-min\" data-minutes=\"{:.0}\" \
             style=\"{start}: {from:.3}%; width: {solid:.3}%\"></span>",
            bar.end_min - bar.start
        );
        if light > 0.0 {
            let _ = write!(
                html,
                "<span class=\"timeline-max\" data-minutes=\"{:.0}\" style=\"{start}: {:.3}%; width: {light:.3}%\"></span>",
                bar.end_max - bar.end_min,
                from + solid
            );
        }
        html.push_str("</span></li>\n");
    }
    html.push_str("</ol>\n</div>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_is_in_minutes_hours_days_or_weeks_up_to_the_guides_unit() {
        assert_eq!(ticks(20.0, Unit::Hour), ("minutes", 1.0, 5.0));
        assert_eq!(ticks(30.0, Unit::Hour), ("minutes", 1.0, 10.0));
        assert_eq!(ticks(40.0, Unit::Hour), ("minutes", 1.0, 10.0));
        assert_eq!(ticks(100.0, Unit::Hour), ("minutes", 1.0, 30.0));
        assert_eq!(ticks(120.0, Unit::Week), ("minutes", 1.0, 30.0));
        assert_eq!(ticks(600.0, Unit::Hour), ("hours", 60.0, 60.0));
        assert_eq!(ticks(5003.0, Unit::Hour), ("hours", 60.0, 240.0));
        assert_eq!(
            ticks(5003.0, Unit::Day),
            ("days", MINUTES_PER_DAY, MINUTES_PER_DAY)
        );
        let five_weeks = 35.0 * MINUTES_PER_DAY;
        assert_eq!(ticks(five_weeks, Unit::Day).0, "days");
        assert_eq!(ticks(five_weeks, Unit::Week).0, "weeks");
    }

    #[test]
    fn a_schedule_lasts_as_long_as_its_latest_bar() {
        let bar = |start, end_min, end_max| Bar {
            label: String::new(),
            href: String::new(),
            start,
            end_min,
            end_max,
        };
        let span = schedule_span(&[bar(0.0, 5.0, 10.0), bar(5.0, 10.0, 20.0)]);
        assert_eq!((span.min_minutes, span.max_minutes), (10, 20));
    }
}
