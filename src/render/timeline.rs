//! The timeline: the schedule as a Gantt-style SVG strip, drawn at build time.
//!
//! Each lesson starts when its last prerequisite is done (at the shortest durations), so lessons
//! that can run side by side overlap. A bar's solid part is the lesson's shortest duration and
//! the lighter part runs to its longest. The axis is in days or weeks. Shapes differ by fill and
//! pattern, not colour alone, so the strip prints in black and white.

use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use super::map::{MAX_LESSON_NODES, steps_per_chapter, truncate};
use super::page::page_url;
use crate::model::Guide;
use crate::model::duration::DurationRange;

const MINUTES_PER_DAY: f64 = 24.0 * 60.0;
/// The proportions of a timeline drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelineStyle {
    label_width: f64,
    chart_width: f64,
    row_height: f64,
    bar_height: f64,
    axis_height: f64,
    /// Longest label, in characters.
    label_chars: usize,
    /// Extra class on the `<svg>` (the theme sizes text by it).
    class: &'static str,
}

impl TimelineStyle {
    /// For the screen and the print edition.
    pub const FULL: TimelineStyle = TimelineStyle {
        label_width: 230.0,
        chart_width: 440.0,
        row_height: 22.0,
        bar_height: 12.0,
        axis_height: 30.0,
        label_chars: 34,
        class: "",
    };
    /// For the two-page handout: low rows, short labels (the schedule table names the lessons).
    pub const COMPACT: TimelineStyle = TimelineStyle {
        label_width: 150.0,
        chart_width: 620.0,
        row_height: 11.0,
        bar_height: 7.0,
        axis_height: 22.0,
        label_chars: 24,
        class: " timeline-compact",
    };
}
/// Bars shorter than this are widened so a ten-minute session is still visible.
const MIN_BAR: f64 = 3.0;

/// One bar: when it starts and its shortest and longest end, in minutes from the start.
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
    let mut starts = vec![0.0_f64; guide.lessons.len()];
    let mut ends = vec![0.0_f64; guide.lessons.len()];
    for (index, lesson) in guide.lessons.iter().enumerate() {
        // Prerequisites have smaller steps, so they come earlier in this loop.
        let start = lesson
            .prerequisites
            .iter()
            .map(|&p| ends[p])
            .fold(0.0, f64::max);
        starts[index] = start;
        ends[index] = start + lesson.source.duration.range.min_minutes as f64;
    }
    let bars = guide.lessons.iter().enumerate().map(|(index, lesson)| Bar {
        label: format!("{}. {}", lesson.source.step, lesson.source.title),
        href: page_url(&lesson.source.slug),
        start: starts[index],
        end_min: ends[index],
        end_max: starts[index] + lesson.source.duration.range.max_minutes as f64,
    });
    if guide.lessons.len() <= MAX_LESSON_NODES {
        return bars.collect();
    }
    // Large guides: one bar per run of steps, spanning its lessons.
    let all: Vec<Bar> = bars.collect();
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

/// How long the whole plan takes when lessons that can overlap do (the longest chain of
/// prerequisites), at the shortest and the longest durations.
pub fn schedule_span(guide: &Guide) -> DurationRange {
    let bars = schedule(guide);
    let longest = |end: fn(&Bar) -> f64| bars.iter().map(end).fold(0.0, f64::max).round() as u64;
    DurationRange {
        min_minutes: longest(|b| b.end_min),
        max_minutes: longest(|b| b.end_max),
    }
}

/// The axis unit and tick spacing for a schedule of `total` minutes.
fn ticks(total: f64) -> (&'static str, f64) {
    let days = total / MINUTES_PER_DAY;
    if days > 21.0 {
        ("week", 7.0 * MINUTES_PER_DAY)
    } else if days > 2.0 {
        ("day", MINUTES_PER_DAY)
    } else {
        ("hour", 60.0 * if total > 12.0 * 60.0 { 4.0 } else { 1.0 })
    }
}

/// The timeline as an inline SVG element.
pub fn timeline_svg(guide: &Guide, style: TimelineStyle) -> String {
    let TimelineStyle {
        label_width,
        chart_width,
        row_height,
        bar_height,
        axis_height,
        label_chars,
        class,
    } = style;
    let bars = schedule(guide);
    if bars.is_empty() {
        return String::new();
    }
    let total = bars.iter().map(|b| b.end_max).fold(1.0, f64::max);
    let scale = chart_width / total;
    let width = label_width + chart_width + 20.0;
    let height = axis_height + bars.len() as f64 * row_height + 8.0;
    let mut svg = String::with_capacity(2048 + bars.len() * 400);
    let _ = writeln!(
        svg,
        "<svg class=\"timeline{class}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         width=\"{width:.0}\" height=\"{height:.0}\" role=\"group\" aria-labelledby=\"timeline-title timeline-desc\">\
         <title id=\"timeline-title\">Timeline</title><desc id=\"timeline-desc\">When each lesson can start once its \
         prerequisites are done; the solid part of a bar is the shortest time, the hatched part runs to the longest. \
         With lessons overlapping where they can, the whole plan takes {}.</desc>\
         <defs><pattern id=\"timeline-hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" class=\"timeline-hatch-line\"/></pattern></defs>",
        schedule_span(guide).humanize()
    );
    let (unit, step) = ticks(total);
    let tick_count = (total / step).floor() as usize;
    let stride = tick_count.div_ceil(10).max(1);
    svg.push_str("<g class=\"timeline-axis\" aria-hidden=\"true\">\n");
    for tick in (0..=tick_count).step_by(stride) {
        let x = label_width + tick as f64 * step * scale;
        let label = if tick == 0 {
            "start".to_string()
        } else {
            format!("{tick} {unit}{}", if tick == 1 { "" } else { "s" })
        };
        let _ = writeln!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{height:.1}\" class=\"timeline-grid\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" class=\"timeline-tick\" text-anchor=\"middle\">{label}</text>",
            axis_height - 6.0,
            axis_height - 10.0
        );
    }
    svg.push_str("</g>\n<g class=\"timeline-bars\">\n");
    for (row, bar) in bars.iter().enumerate() {
        let y = axis_height + row as f64 * row_height;
        let (text_y, bar_y) = (y + row_height * 0.7, y + (row_height - bar_height) / 2.0);
        let x = label_width + bar.start * scale;
        let solid = ((bar.end_min - bar.start) * scale).max(MIN_BAR);
        let light = ((bar.end_max - bar.end_min) * scale).max(0.0);
        svg.push_str("<a class=\"timeline-row\" href=\"");
        let _ = escape_html(&mut svg, &bar.href);
        svg.push_str("\"><title>");
        let _ = escape_html(&mut svg, &bar.label);
        let _ = write!(
            svg,
            "</title><text x=\"4\" y=\"{text_y:.1}\" class=\"timeline-label\">"
        );
        let _ = escape_html(&mut svg, &truncate(&bar.label, label_chars));
        let _ = write!(
            svg,
            "</text><rect class=\"timeline-min\" data-minutes=\"{:.0}\" x=\"{x:.2}\" y=\"{:.1}\" width=\"{solid:.2}\" height=\"{bar_height}\"/>",
            bar.end_min - bar.start,
            bar_y
        );
        if light > 0.0 {
            let _ = write!(
                svg,
                "<rect class=\"timeline-max\" data-minutes=\"{:.0}\" x=\"{:.2}\" y=\"{:.1}\" width=\"{light:.2}\" height=\"{bar_height}\" fill=\"url(#timeline-hatch)\"/>",
                bar.end_max - bar.end_min,
                x + solid,
                bar_y
            );
        }
        svg.push_str("</a>\n");
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}
