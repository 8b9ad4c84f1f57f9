//! How long a lesson takes: `10 min`, `5-10 min`, `5–10 min`, `5 to 10 min`, `2 hours`,
//! `3 days`, `1 week`, parsed into a range of minutes and summed into a guide's total.

use std::fmt;
use std::sync::LazyLock;

use serde::Serialize;

use crate::i18n::Strings;

/// English, for durations written and shown without a guide's language (tests, `Display`).
static ENGLISH: LazyLock<Strings> = LazyLock::new(Strings::default);

const MINUTES_PER_HOUR: u64 = 60;
const MINUTES_PER_DAY: u64 = 24 * MINUTES_PER_HOUR;
const MINUTES_PER_WEEK: u64 = 7 * MINUTES_PER_DAY;

/// The unit a duration was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
}

impl Unit {
    /// How many minutes one of it is.
    pub fn minutes(self) -> u64 {
        match self {
            Unit::Minute => 1,
            Unit::Hour => MINUTES_PER_HOUR,
            Unit::Day => MINUTES_PER_DAY,
            Unit::Week => MINUTES_PER_WEEK,
        }
    }

    /// The unit an English word, or one of the guide's language, stands for.
    fn parse(word: &str, strings: &Strings) -> Option<Unit> {
        match word.to_lowercase().as_str() {
            "min" | "mins" | "minute" | "minutes" => Some(Unit::Minute),
            "h" | "hr" | "hrs" | "hour" | "hours" => Some(Unit::Hour),
            "day" | "days" => Some(Unit::Day),
            "week" | "weeks" | "wk" | "wks" => Some(Unit::Week),
            _ => match strings.unit_word(word)? {
                "minute" => Some(Unit::Minute),
                "hour" => Some(Unit::Hour),
                "day" => Some(Unit::Day),
                "week" => Some(Unit::Week),
                _ => None,
            },
        }
    }

    /// The key of the unit's words in the strings table (`{count} hours`).
    pub fn key(self) -> &'static str {
        match self {
            Unit::Minute => "minutes",
            Unit::Hour => "hours",
            Unit::Day => "days",
            Unit::Week => "weeks",
        }
    }
}

/// `low`–`high` (or one number when they are equal) in `unit`, in the words of `strings`.
fn phrase(low: &str, high: &str, unit: Unit, strings: &Strings) -> String {
    let count = if low == high {
        strings.decimal(high).into_owned()
    } else {
        format!("{}–{}", strings.decimal(low), strings.decimal(high))
    };
    strings.count(unit.key(), &count, &[])
}

/// A duration range in minutes (`min == max` for a single value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct DurationRange {
    pub min_minutes: u64,
    pub max_minutes: u64,
}

/// A duration as written in a lesson: the range and the unit used for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    pub range: DurationRange,
    pub unit: Unit,
}

/// Why a duration could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("the duration is empty")]
    Empty,
    #[error("`{0}` is not a number")]
    NotANumber(String),
    #[error("the duration has no unit")]
    MissingUnit,
    #[error("`{0}` is not a unit of time")]
    UnknownUnit(String),
    #[error("the range runs backwards ({0} is more than {1})")]
    Backwards(String, String),
    #[error("a duration must be more than zero")]
    Zero,
    #[error("the duration is too long")]
    TooLong,
}

/// What a duration looks like, for hints.
pub const DURATION_FORMS: &str =
    "write e.g. `10 min`, `5-10 min`, `5 to 10 min`, `2 hours`, `3 days` or `1-2 weeks`";

impl Duration {
    /// Parses a duration such as `5-10 min`, `5–10 min`, `5 to 10 min` or `1.5 hours`.
    pub fn parse(text: &str) -> Result<Duration, DurationError> {
        Duration::parse_in(text, &ENGLISH)
    }

    /// [`Duration::parse`], accepting the units of `strings`' language too (`2 heures`,
    /// `3 días`, `1週間`) and a decimal comma.
    pub fn parse_in(text: &str, strings: &Strings) -> Result<Duration, DurationError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DurationError::Empty);
        }
        let split_at = text
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_ascii_digit() || c.is_whitespace() || RANGE_MARKS.contains(c))
            .map(|(i, c)| i + c.len_utf8())
            .ok_or(DurationError::MissingUnit)?;
        let (amount, unit_word) = (text[..split_at].trim(), text[split_at..].trim());
        if unit_word.is_empty() {
            return Err(DurationError::MissingUnit);
        }
        let unit = Unit::parse(unit_word, strings)
            .ok_or_else(|| DurationError::UnknownUnit(unit_word.to_string()))?;
        let (low, high) = split_range(amount);
        let low_minutes = to_minutes(low, unit)?;
        let high_minutes = match high {
            Some(high) => to_minutes(high, unit)?,
            None => low_minutes,
        };
        if low_minutes > high_minutes {
            return Err(DurationError::Backwards(
                low.trim().to_string(),
                high.unwrap_or_default().trim().to_string(),
            ));
        }
        if high_minutes == 0 {
            return Err(DurationError::Zero);
        }
        Ok(Duration {
            range: DurationRange {
                min_minutes: low_minutes,
                max_minutes: high_minutes,
            },
            unit,
        })
    }
}

/// The marks between the two ends of a range: hyphen, en and em dashes, and the wave dashes of
/// Japanese (`5〜10分`).
const RANGE_MARKS: [char; 5] = ['-', '–', '—', '〜', '～'];

/// `"5-10"` -> (`"5"`, `Some("10")`); `"5 to 10"` likewise; `"5"` -> (`"5"`, `None`).
fn split_range(amount: &str) -> (&str, Option<&str>) {
    for separator in RANGE_MARKS {
        if let Some((low, high)) = amount.split_once(separator) {
            return (low, Some(high));
        }
    }
    if let Some((low, high)) = amount.split_once(" to ") {
        return (low, Some(high));
    }
    (amount, None)
}

/// A hundred years is plenty for a training step.
const MAX_MINUTES: u64 = 100 * 52 * MINUTES_PER_WEEK;

fn to_minutes(number: &str, unit: Unit) -> Result<u64, DurationError> {
    let number = number.trim();
    let value: f64 = number
        .replacen(',', ".", 1)
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0 && !number.starts_with(['+', '-']))
        .ok_or_else(|| DurationError::NotANumber(number.to_string()))?;
    let minutes = (value * unit.minutes() as f64).round();
    if minutes > MAX_MINUTES as f64 {
        return Err(DurationError::TooLong);
    }
    Ok(minutes as u64)
}

impl Duration {
    /// A duration of exactly `minutes` (a lesson's `teaching` and `exercises` added up), shown
    /// in minutes or hours, as [`DurationRange::humanize`] would choose.
    pub fn from_minutes(minutes: u64) -> Result<Duration, DurationError> {
        if minutes == 0 {
            return Err(DurationError::Zero);
        }
        if minutes > MAX_MINUTES {
            return Err(DurationError::TooLong);
        }
        let range = DurationRange {
            min_minutes: minutes,
            max_minutes: minutes,
        };
        Ok(Duration {
            range,
            unit: range.unit().min(Unit::Hour),
        })
    }
}

impl DurationRange {
    /// A range of exactly `minutes`.
    pub fn minutes(minutes: u64) -> DurationRange {
        DurationRange {
            min_minutes: minutes,
            max_minutes: minutes,
        }
    }

    /// The sum of two ranges (mins add up, maxes add up).
    pub fn plus(self, other: DurationRange) -> DurationRange {
        DurationRange {
            min_minutes: self.min_minutes.saturating_add(other.min_minutes),
            max_minutes: self.max_minutes.saturating_add(other.max_minutes),
        }
    }

    /// The unit [`DurationRange::humanize`] gives it in: the largest of which it is at least two.
    pub fn unit(self) -> Unit {
        if self.max_minutes >= 2 * MINUTES_PER_WEEK {
            Unit::Week
        } else if self.max_minutes >= 2 * MINUTES_PER_DAY {
            Unit::Day
        } else if self.max_minutes >= 2 * MINUTES_PER_HOUR {
            Unit::Hour
        } else {
            Unit::Minute
        }
    }

    /// A human reading, in the largest unit that keeps it readable: `45 min`, `2–3 hours`,
    /// `4–6 days`, `3–5 weeks`.
    pub fn humanize(self) -> String {
        self.humanize_in(&ENGLISH)
    }

    /// [`DurationRange::humanize`] in the words of `strings`' language.
    pub fn humanize_in(self, strings: &Strings) -> String {
        self.humanize_up_to(Unit::Week, strings)
    }

    /// [`DurationRange::humanize_in`], in no unit larger than `largest`: a course whose lessons
    /// take minutes and hours is 83.5 hours long, not 3.5 (calendar) days.
    pub fn humanize_up_to(self, largest: Unit, strings: &Strings) -> String {
        let unit = self.unit().min(largest);
        let low = round_in(self.min_minutes, unit);
        let high = round_in(self.max_minutes, unit);
        phrase(&low, &high, unit, strings)
    }
}

/// `minutes` in `unit`, rounded to a half (weeks, days, hours) or a whole minute.
fn round_in(minutes: u64, unit: Unit) -> String {
    let value = minutes as f64 / unit.minutes() as f64;
    if unit == Unit::Minute {
        return format!("{}", value.round() as u64);
    }
    let halves = (value * 2.0).round() / 2.0;
    if halves == halves.trunc() {
        format!("{}", halves as u64)
    } else {
        format!("{halves:.1}")
    }
}

impl fmt::Display for Duration {
    /// The duration in the unit it was written in: `5–10 min`, `1 week`, `1.5 hours`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_in(&ENGLISH))
    }
}

impl Duration {
    /// The duration in the unit it was written in, in the words of `strings`' language:
    /// `2 heures`, `3 días`, `1週間`.
    pub fn display_in(&self, strings: &Strings) -> String {
        let in_unit = |minutes: u64| {
            let value = minutes as f64 / self.unit.minutes() as f64;
            if value == value.trunc() {
                format!("{}", value as u64)
            } else {
                format!("{value:.1}")
            }
        };
        let low = in_unit(self.range.min_minutes);
        let high = in_unit(self.range.max_minutes);
        phrase(&low, &high, self.unit, strings)
    }
}

/// Durations in the words of one language, each distinct one worded once: a guide's lessons
/// share a handful of durations, and wording one takes the language's plural rules.
pub struct DurationWords<'a> {
    strings: &'a Strings,
    worded: fnv::FnvHashMap<Duration, String>,
}

impl<'a> DurationWords<'a> {
    /// Words each of `durations` (repeats are worded once).
    pub fn of_all(durations: impl IntoIterator<Item = Duration>, strings: &'a Strings) -> Self {
        let mut worded = fnv::FnvHashMap::default();
        for duration in durations {
            worded
                .entry(duration)
                .or_insert_with(|| duration.display_in(strings));
        }
        DurationWords { strings, worded }
    }

    /// `duration` in words, as [`Duration::display_in`] gives it.
    pub fn of(&self, duration: Duration) -> String {
        match self.worded.get(&duration) {
            Some(words) => words.clone(),
            None => duration.display_in(self.strings),
        }
    }
}

#[cfg(test)]
mod tests;
