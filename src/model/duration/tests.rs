//! Durations read and shown: units, ranges, totals, languages.

use super::*;

fn minutes(text: &str) -> (u64, u64) {
    let d = Duration::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    (d.range.min_minutes, d.range.max_minutes)
}

#[test]
fn single_values_in_every_unit() {
    assert_eq!(minutes("10 min"), (10, 10));
    assert_eq!(minutes("10min"), (10, 10));
    assert_eq!(minutes("1 minute"), (1, 1));
    assert_eq!(minutes("2 hours"), (120, 120));
    assert_eq!(minutes("1.5 h"), (90, 90));
    assert_eq!(minutes("3 days"), (3 * 1440, 3 * 1440));
    assert_eq!(minutes("1 week"), (10080, 10080));
    assert_eq!(minutes("2 Weeks"), (20160, 20160));
}

#[test]
fn ranges_with_hyphen_en_dash_and_to() {
    assert_eq!(minutes("5-10 min"), (5, 10));
    assert_eq!(minutes("5–10 min"), (5, 10));
    assert_eq!(minutes("5 – 10 min"), (5, 10));
    assert_eq!(minutes("5 to 10 min"), (5, 10));
    assert_eq!(minutes("1-2 weeks"), (10080, 20160));
}

#[test]
fn bad_durations_say_why() {
    assert_eq!(Duration::parse(""), Err(DurationError::Empty));
    assert_eq!(Duration::parse("10"), Err(DurationError::MissingUnit));
    assert_eq!(
        Duration::parse("10 parsecs"),
        Err(DurationError::UnknownUnit("parsecs".into()))
    );
    assert_eq!(
        Duration::parse("ten min"),
        Err(DurationError::NotANumber("ten".into()))
    );
    assert_eq!(
        Duration::parse("10-5 min"),
        Err(DurationError::Backwards("10".into(), "5".into()))
    );
    assert_eq!(Duration::parse("0 min"), Err(DurationError::Zero));
    assert_eq!(
        Duration::parse("-5 min"),
        Err(DurationError::NotANumber("".into()))
    );
    assert_eq!(Duration::parse("1e300 weeks"), Err(DurationError::TooLong));
    assert!(Duration::parse("5 to min").is_err());
    assert!(Duration::parse("NaN min").is_err());
    assert!(Duration::parse("inf min").is_err());
}

#[test]
fn display_keeps_the_written_unit() {
    assert_eq!(Duration::parse("5-10 min").unwrap().to_string(), "5–10 min");
    assert_eq!(Duration::parse("1 week").unwrap().to_string(), "1 week");
    assert_eq!(
        Duration::parse("3 to 5 days").unwrap().to_string(),
        "3–5 days"
    );
    assert_eq!(
        Duration::parse("1.5 hours").unwrap().to_string(),
        "1.5 hours"
    );
}

#[test]
fn totals_add_up_and_read_well() {
    let a = Duration::parse("5-10 min").unwrap().range;
    let b = Duration::parse("1-2 weeks").unwrap().range;
    let c = Duration::parse("3 days").unwrap().range;
    let total = a.plus(b).plus(c);
    assert_eq!(total.min_minutes, 5 + 10080 + 4320);
    assert_eq!(total.humanize(), "1.5–2.5 weeks");
    assert_eq!(a.humanize(), "5–10 min");
    assert_eq!(
        Duration::parse("3 hours").unwrap().range.humanize(),
        "3 hours"
    );
    assert_eq!(
        Duration::parse("1 week").unwrap().range.humanize(),
        "7 days"
    );
}

#[test]
fn a_number_of_minutes_shows_in_a_readable_unit() {
    let show = |minutes| Duration::from_minutes(minutes).map(|d| d.to_string());
    assert_eq!(show(15).unwrap(), "15 min");
    assert_eq!(show(90).unwrap(), "90 min");
    assert_eq!(show(150).unwrap(), "2.5 hours");
    assert_eq!(show(0), Err(DurationError::Zero));
    assert_eq!(show(u64::from(u32::MAX)), Err(DurationError::TooLong));
    assert_eq!(
        DurationRange::minutes(45).plus(DurationRange::minutes(30)),
        DurationRange::minutes(75)
    );
}

#[test]
fn a_total_stays_in_the_largest_unit_it_may_use() {
    let english = Strings::default();
    let hours = DurationRange::minutes(5003);
    assert_eq!(hours.humanize(), "3.5 days");
    assert_eq!(hours.humanize_up_to(Unit::Hour, &english), "83.5 hours");
    assert_eq!(hours.humanize_up_to(Unit::Day, &english), "3.5 days");
    assert_eq!(
        DurationRange::minutes(45).humanize_up_to(Unit::Hour, &english),
        "45 min"
    );
}

#[test]
fn each_language_reads_its_own_units_and_english_ones() {
    let read = |language: &str, text: &str| {
        let strings = Strings::new(language, &Default::default());
        let d = Duration::parse_in(text, &strings).unwrap_or_else(|e| panic!("{text}: {e}"));
        (d.range.min_minutes, d.range.max_minutes)
    };
    assert_eq!(read("fr", "2 heures"), (120, 120));
    assert_eq!(read("fr", "1,5 heure"), (90, 90));
    assert_eq!(
        read("fr", "10 min"),
        (10, 10),
        "English units in any language"
    );
    assert_eq!(read("es", "3 días"), (3 * 1440, 3 * 1440));
    assert_eq!(read("es", "5-10 minutos"), (5, 10));
    assert_eq!(read("de", "2 Wochen"), (2 * 10080, 2 * 10080));
    assert_eq!(read("de", "15 Min."), (15, 15));
    assert_eq!(read("pt-BR", "1 semana"), (10080, 10080));
    assert_eq!(read("ja", "1週間"), (10080, 10080));
    assert_eq!(read("ja", "5〜10分"), (5, 10));
    assert_eq!(read("ja", "2時間"), (120, 120));
    let english = Strings::default();
    assert_eq!(
        Duration::parse_in("2 heures", &english),
        Err(DurationError::UnknownUnit("heures".into())),
        "another language's units are not English"
    );
}

#[test]
fn each_language_shows_durations_in_its_words() {
    let show = |language: &str, text: &str| {
        let strings = Strings::new(language, &Default::default());
        Duration::parse_in(text, &strings)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .display_in(&strings)
    };
    assert_eq!(show("en", "15 min"), "15 min");
    assert_eq!(show("fr", "2 hours"), "2 heures");
    assert_eq!(show("fr", "1 hour"), "1 heure");
    assert_eq!(show("fr", "1.5 hours"), "1,5 heure");
    assert_eq!(show("es", "3 days"), "3 días");
    assert_eq!(show("es", "1 day"), "1 día");
    assert_eq!(show("de", "1-2 weeks"), "1–2 Wochen");
    assert_eq!(show("pt", "1 week"), "1 semana");
    assert_eq!(show("ja", "1 week"), "1週間");
    assert_eq!(show("ja", "5-10 min"), "5–10分");
    let french = Strings::new("fr", &Default::default());
    let total = Duration::parse("3-5 weeks").unwrap().range;
    assert_eq!(total.humanize_in(&french), "3–5 semaines");
}
