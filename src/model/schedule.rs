//! The plan of a guide: when each lesson can be done once the lessons it needs are done, and how
//! long the whole guide takes that way. This is the guide's one total time: the home page, the
//! print edition, the handout, the timeline and `guidebook build`'s summary all show it.
//!
//! A lesson starts as soon as its last prerequisite ends, so lessons that need nothing of each
//! other run side by side; a guide whose lessons each need the one before takes the sum of them.
//! Each lesson is planned twice: with every duration at its shortest (its earliest start and
//! end) and at its longest (its latest end). Drawing the plan is left to `render::timeline`.

use super::Lesson;
use super::duration::DurationRange;

/// When one lesson falls, in minutes from the start of the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// When its prerequisites are done, each at its shortest.
    pub start: u64,
    /// Its earliest end: `start` plus its shortest duration.
    pub end_min: u64,
    /// Its latest end: when its prerequisites are done at their longest, plus its longest
    /// duration.
    pub end_max: u64,
}

/// Every lesson's slot, in step order, and the length of the whole plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub slots: Vec<Slot>,
    /// From the start to the last lesson's end: at the shortest, and at the longest.
    pub length: DurationRange,
}

/// The plan of a guide's lessons (in step order).
pub fn plan(lessons: &[Lesson]) -> Plan {
    plan_of(
        lessons
            .iter()
            .map(|l| (l.source.duration.range, l.prerequisites.as_slice())),
    )
}

/// The plan of lessons given as their duration and the indices of their prerequisites, in step
/// order (so that each prerequisite comes before the lessons that need it; any other index is
/// left out).
pub fn plan_of<'a>(lessons: impl IntoIterator<Item = (DurationRange, &'a [usize])>) -> Plan {
    let mut slots: Vec<Slot> = Vec::new();
    for (range, prerequisites) in lessons {
        let done = |end: fn(&Slot) -> u64| {
            (prerequisites.iter())
                .filter_map(|&p| slots.get(p).map(end))
                .max()
                .unwrap_or(0)
        };
        let start = done(|slot| slot.end_min);
        let latest_start = done(|slot| slot.end_max);
        slots.push(Slot {
            start,
            end_min: start.saturating_add(range.min_minutes),
            end_max: latest_start.saturating_add(range.max_minutes),
        });
    }
    let length = DurationRange {
        min_minutes: slots.iter().map(|s| s.end_min).max().unwrap_or(0),
        max_minutes: slots.iter().map(|s| s.end_max).max().unwrap_or(0),
    };
    Plan { slots, length }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::duration::Duration;

    /// Lessons as (duration, prerequisites), planned.
    fn plan(lessons: &[(&str, &[usize])]) -> Plan {
        plan_of(
            lessons
                .iter()
                .map(|(duration, needs)| (Duration::parse(duration).unwrap().range, *needs)),
        )
    }

    const DAY: u64 = 24 * 60;

    #[test]
    fn a_chain_takes_the_sum_of_its_lessons() {
        let plan = plan(&[("10 min", &[]), ("20-30 min", &[0]), ("5 min", &[1])]);
        assert_eq!(plan.length.min_minutes, 35);
        assert_eq!(plan.length.max_minutes, 45);
        assert_eq!(
            plan.slots[2],
            Slot {
                start: 30,
                end_min: 35,
                end_max: 45
            }
        );
    }

    #[test]
    fn lessons_that_need_nothing_of_each_other_run_side_by_side() {
        let plan = plan(&[
            ("1 day", &[]),
            ("3 days", &[0]),
            ("1-2 days", &[0]),
            ("1 day", &[1, 2]),
        ]);
        assert_eq!(plan.slots[2].start, DAY);
        assert_eq!(plan.slots[3].start, 4 * DAY, "after the longer of the two");
        assert_eq!(plan.length.min_minutes, 5 * DAY);
        assert_eq!(plan.length.max_minutes, 5 * DAY);
    }

    #[test]
    fn the_latest_end_counts_every_prerequisite_at_its_longest() {
        // The longest path at the shortest durations is not the longest at the longest ones.
        let plan = plan(&[("1 week", &[]), ("1-3 weeks", &[]), ("1 day", &[0, 1])]);
        let week = 7 * DAY;
        assert_eq!(plan.slots[2].start, week);
        assert_eq!(plan.slots[2].end_max, 3 * week + DAY);
        assert_eq!(plan.length.min_minutes, week + DAY);
        assert_eq!(plan.length.max_minutes, 3 * week + DAY);
    }

    #[test]
    fn an_empty_guide_takes_no_time() {
        assert_eq!(plan(&[]).length, DurationRange::default());
    }
}
