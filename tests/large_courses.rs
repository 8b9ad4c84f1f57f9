//! A large course as an mdBook course becomes one: 500 lessons of 5 to 15 minutes in six named
//! parts (`chapter:`), each lesson needing the one before. The parts take precedence over
//! folders and runs of steps: a page per part, a map box and a timeline bar per part, and
//! sidebars with the parts' names.

mod common;

use common::*;

const PARTS: [&str; 6] = [
    "Day 1: Morning",
    "Day 1: Afternoon",
    "Day 2: Morning",
    "Day 2: Afternoon",
    "Day 3: Morning",
    "Day 3: Afternoon",
];
const LESSONS: usize = 500;

/// Lesson `step`'s minutes: 5 to 15.
fn minutes(step: usize) -> u64 {
    5 + (step as u64 * 7) % 11
}

/// The part of lesson `step` (counted from 1), as an index into [`PARTS`].
fn part_of(step: usize) -> usize {
    (step - 1) * PARTS.len() / LESSONS
}

/// The course, its lessons in folders that do not follow the parts (so that the parts, not
/// the folders, must make the chapters).
fn course() -> Workspace {
    let mut files: Vec<(String, String)> =
        vec![("guide.toml".into(), "title = \"Course\"\n".into())];
    for step in 1..=LESSONS {
        let prerequisite = if step > 1 {
            format!("prerequisites: [l{}]\n", step - 1)
        } else {
            String::new()
        };
        let front = format!(
            "---\ntitle: Lesson {step}\nstep: {step}\nslug: l{step}\nduration: {} min\nchapter: \"{}\"\n{prerequisite}---\nBody {step}.\n",
            minutes(step),
            PARTS[part_of(step)]
        );
        files.push((format!("content/folder-{}/l{step}.md", step % 3), front));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_guide(&borrowed)
}

/// The first and last step of each part.
fn part_steps() -> Vec<(usize, usize)> {
    (0..PARTS.len())
        .map(|part| {
            let steps: Vec<usize> = (1..=LESSONS).filter(|&s| part_of(s) == part).collect();
            (steps[0], steps[steps.len() - 1])
        })
        .collect()
}

#[test]
fn a_course_in_named_parts_has_a_page_a_box_and_a_bar_per_part() {
    let workspace = course();
    let out = workspace.build_ok();
    let home = page(&out, "index.html");
    let expected: Vec<String> = (part_steps().iter().zip(PARTS))
        .map(|(&(first, last), name)| format!("Steps {first}–{last}: {name}"))
        .collect();
    assert_eq!(
        select(&home, ".chapter-list h3")
            .into_iter()
            .map(text)
            .collect::<Vec<_>>(),
        expected
    );
    let pages: Vec<String> = (1..=6).map(|n| format!("part-{n}.html")).collect();
    assert_eq!(hrefs(&home, ".chapter-list h3 a"), pages);
    assert!(!out.join("part-7.html").exists());
    let mut reached = Vec::new();
    for (part, name) in pages.iter().zip(PARTS) {
        let chapter = page(&out, part);
        assert!(text(select_one(&chapter, "h1")).ends_with(name), "{part}");
        reached.extend(hrefs(&chapter, ".lesson-list h3 a"));
    }
    let every: Vec<String> = (1..=LESSONS).map(|s| format!("l{s}.html")).collect();
    assert_eq!(
        reached, every,
        "each lesson once, in step order, on its part's page"
    );

    let labels: Vec<String> = select(&home, "svg.lesson-map-narrow .map-label")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(labels, PARTS, "one box per part");
    assert_eq!(
        select(&home, "svg.lesson-map-narrow path.map-edge").len(),
        5
    );
    assert_eq!(
        hrefs(&home, "div.timeline a.timeline-label"),
        pages,
        "one bar per part"
    );

    // A sidebar whose lessons run across two parts names both.
    let (_, last_of_first) = part_steps()[0];
    let lesson = page(&out, &format!("l{last_of_first}.html"));
    let names: Vec<String> = select(&lesson, ".sidebar-chapter")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(names, [PARTS[0], PARTS[1]]);
    assert_eq!(hrefs(&lesson, ".sidebar a[data-slug]").len(), 21);
    assert_eq!(
        text(select_one(&lesson, ".meta-chapter")),
        format!("Chapter {}", PARTS[0])
    );
}

/// The humanized form of `minutes` in hours, as guidebook rounds a total of hours: to a half.
fn hours(minutes: u64) -> String {
    let halves = (minutes as f64 / 30.0).round() / 2.0;
    if halves == halves.trunc() {
        format!("{} hours", halves as u64)
    } else {
        format!("{halves:.1} hours")
    }
}

#[test]
fn the_totals_of_a_chained_course_agree_with_its_lessons() {
    let workspace = course();
    let out = workspace.build_ok();
    let total: u64 = (1..=LESSONS).map(minutes).sum();
    let home = page(&out, "index.html");
    // The guide's total, in hours (its lessons are written in minutes), not in 24-hour days.
    assert_eq!(hours(total), "83.5 hours");
    assert_eq!(text(select(&home, ".facts dd")[0]), hours(total));
    // Each part's time is its lessons' added up; the timeline's bar of each part lasts as long.
    let cards: Vec<String> = select(&home, ".chapter-list .lesson-card-meta")
        .into_iter()
        .map(text)
        .collect();
    let bars: Vec<u64> = select(&home, "div.timeline .timeline-min")
        .into_iter()
        .map(|bar| attr(bar, "data-minutes").parse().unwrap())
        .collect();
    for (part, (&(first, last), card)) in part_steps().iter().zip(&cards).enumerate() {
        let sum: u64 = (first..=last).map(minutes).sum();
        let count = last - first + 1;
        assert_eq!(
            card,
            &format!("{count} lessons · {}", hours(sum)),
            "part {part}"
        );
        assert_eq!(bars[part], sum, "the bar of part {part}");
    }
    assert_eq!(bars.iter().sum::<u64>(), total);
    // Each lesson waits for the one before, so the plan takes the whole total: the caption says
    // so (and gives no figure: the total is shown once, in the facts).
    let caption = text(select_one(&home, ".timeline-figure figcaption"));
    assert!(
        caption.contains("so the whole plan takes about what all the lessons add up to"),
        "{caption}"
    );
    assert!(!caption.contains("hours"), "{caption}");
    let description = text(select_one(&home, "#timeline-desc"));
    assert!(
        description.ends_with(&format!("takes {}.", hours(total))),
        "{description}"
    );
    let ticks: Vec<String> = select(&home, "div.timeline .timeline-tick")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(ticks.first().map(String::as_str), Some("start"));
    assert!(
        ticks[1..].iter().all(|t| t.ends_with(" hours")),
        "{ticks:?}"
    );
    let handout = page(&out, "handout.html");
    assert_eq!(
        text(select_one(&handout, ".handout-sub strong")),
        format!("Total time: {}", hours(total))
    );
}

#[test]
fn a_chain_of_ranges_ends_between_the_sums_of_their_ends() {
    // Four lessons of 5-10 minutes, each needing the one before: 20-40 minutes in all, and the
    // timeline's last bar ends between 20 and 40 minutes.
    let files: Vec<(String, String)> = (1..=4)
        .map(|step| {
            let needs = if step > 1 {
                format!("prerequisites: [l{}]\n", step - 1)
            } else {
                String::new()
            };
            let text = format!(
                "---\ntitle: L{step}\nstep: {step}\nslug: l{step}\nduration: 5-10 min\n{needs}---\nBody.\n"
            );
            (format!("content/l{step}.md"), text)
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let workspace = write_guide(&borrowed);
    let out = workspace.build_ok();
    let home = page(&out, "index.html");
    assert_eq!(text(select(&home, ".facts dd")[0]), "20–40 min");
    let description = text(select_one(&home, "#timeline-desc"));
    assert!(description.ends_with("takes 20–40 min."), "{description}");
    let last = select(&home, "div.timeline li.timeline-row").pop().unwrap();
    let solid: u64 = attr(select_in(last, ".timeline-min")[0], "data-minutes")
        .parse()
        .unwrap();
    let hatched: u64 = attr(select_in(last, ".timeline-max")[0], "data-minutes")
        .parse()
        .unwrap();
    // It starts at 15 minutes (three lessons at their shortest), runs solid to 20 and hatched
    // to 40 (every lesson at its longest).
    assert_eq!((solid, hatched), (5, 20));
    let ticks: Vec<String> = select(&home, "div.timeline .timeline-tick")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(ticks, ["start", "10 min", "20 min", "30 min", "40 min"]);
}
