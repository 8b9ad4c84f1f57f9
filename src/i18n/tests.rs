use super::*;

/// Every built-in table has exactly English's keys, each with the same placeholders, and a
/// plural entry has every form its language's rules use.
#[test]
fn every_table_is_complete() {
    let english = english();
    assert!(english.entries.len() > 150, "the English table was read");
    for code in builtin_languages() {
        let table = builtin_table(code).unwrap_or_else(|| panic!("{code}: no table"));
        let missing: Vec<&String> = (english.entries.keys())
            .filter(|key| !table.entries.contains_key(*key))
            .collect();
        let extra: Vec<&String> = (table.entries.keys())
            .filter(|key| !english.entries.contains_key(*key))
            .collect();
        assert!(missing.is_empty(), "{code} lacks {missing:?}");
        assert!(extra.is_empty(), "{code} has unknown keys {extra:?}");
        let needed = categories_of(code);
        for (key, entry) in &table.entries {
            let english_entry = &english.entries[key];
            let want = allowed_placeholders(key);
            for text in entry.texts() {
                let mut have = placeholders(text);
                have.sort_unstable();
                have.dedup();
                if key == "date" {
                    assert!(
                        have.iter().all(|part| want.contains(part)),
                        "{code}.date: `{text}`"
                    );
                } else {
                    assert_eq!(have, want, "{code}.{key}: `{text}`");
                }
            }
            match (entry, english_entry) {
                (Entry::Plural(forms), Entry::Plural(_)) => {
                    let names: Vec<&str> = forms.keys().map(String::as_str).collect();
                    for category in &needed {
                        assert!(
                            names.contains(category),
                            "{code}.{key} lacks the `{category}` form"
                        );
                    }
                    for name in &names {
                        assert!(
                            needed.contains(name),
                            "{code}.{key}: `{name}` is not a form of {code}"
                        );
                    }
                }
                (Entry::Text(_), Entry::Text(_)) => {}
                _ => panic!("{code}.{key}: plural in one table and not in the other"),
            }
        }
        for unit in UNIT_NAMES {
            assert!(table.units.contains_key(unit), "{code}: no [units] {unit}");
        }
    }
}

#[test]
fn plural_forms_follow_each_language_s_rules() {
    let en = Strings::new("en", &BTreeMap::new());
    assert_eq!(en.count_of("lesson_count", 1), "1 lesson");
    assert_eq!(en.count_of("lesson_count", 0), "0 lessons");
    assert_eq!(en.count_of("lesson_count", 2), "2 lessons");
    let fr = Strings::new("fr", &BTreeMap::new());
    // French counts 0 and 1 (and 1.5) as singular.
    assert_eq!(fr.count_of("lesson_count", 0), "0 leçon");
    assert_eq!(fr.count_of("lesson_count", 1), "1 leçon");
    assert_eq!(fr.count_of("lesson_count", 2), "2 leçons");
    assert_eq!(fr.count("hours", "1,5", &[]), "1,5 heure");
    let es = Strings::new("es-MX", &BTreeMap::new());
    assert_eq!(es.count_of("lesson_count", 1), "1 lección");
    assert_eq!(es.count_of("lesson_count", 0), "0 lecciones");
    assert_eq!(es.count("hours", "1,5", &[]), "1,5 horas");
    let de = Strings::new("de", &BTreeMap::new());
    assert_eq!(de.count_of("item_count", 1), "1 Punkt");
    assert_eq!(de.count_of("item_count", 3), "3 Punkte");
    let pt = Strings::new("pt-BR", &BTreeMap::new());
    assert_eq!(
        pt.count_of("lesson_count", 0),
        "0 lição",
        "Brazilian Portuguese: 0 is singular"
    );
    assert_eq!(pt.count_of("lesson_count", 2), "2 lições");
    let ja = Strings::new("ja", &BTreeMap::new());
    assert_eq!(ja.count_of("lesson_count", 1), "1レッスン");
    assert_eq!(ja.count_of("lesson_count", 12), "12レッスン");
    // A range takes the form of its larger end.
    assert_eq!(en.count("hours", "1–2", &[]), "1–2 hours");
    assert_eq!(fr.count("days", "0,5–1", &[]), "0,5–1 jour");
}

#[test]
fn a_language_without_a_table_uses_english_words_and_its_own_rules() {
    let pl = Strings::new("pl", &BTreeMap::new());
    assert!(!Strings::is_builtin("pl"));
    assert_eq!(pl.get("lessons"), "Lessons");
    assert_eq!(categories_of("pl"), ["one", "few", "many", "other"]);
    let mut overrides = BTreeMap::new();
    let forms = [
        ("one", "{count} lekcja"),
        ("few", "{count} lekcje"),
        ("many", "{count} lekcji"),
        ("other", "{count} lekcji"),
    ];
    overrides.insert(
        "lesson_count".to_string(),
        Entry::Plural(
            forms
                .iter()
                .map(|(c, t)| (c.to_string(), t.to_string()))
                .collect(),
        ),
    );
    let pl = Strings::new("pl", &overrides);
    assert_eq!(pl.count_of("lesson_count", 1), "1 lekcja");
    assert_eq!(pl.count_of("lesson_count", 3), "3 lekcje");
    assert_eq!(pl.count_of("lesson_count", 5), "5 lekcji");
    assert_eq!(pl.count_of("lesson_count", 22), "22 lekcje");
}

#[test]
fn placeholders_are_filled_and_other_braces_kept() {
    assert_eq!(
        fill("Step {step} of {total}", &[("step", "2"), ("total", "12")]),
        "Step 2 of 12"
    );
    assert_eq!(fill("{a} {missing} {", &[("a", "x")]), "x {missing} {");
    assert_eq!(placeholders("{a} and {b_2} but not { c }"), ["a", "b_2"]);
}

#[test]
fn dates_in_each_language() {
    let date = |code: &str| Strings::new(code, &BTreeMap::new()).date("2026-03-01");
    assert_eq!(date("es"), "1 de marzo de 2026");
    assert_eq!(date("fr"), "1 mars 2026");
    assert_eq!(date("de"), "1. März 2026");
    assert_eq!(date("pt"), "1 de março de 2026");
    assert_eq!(date("ja"), "2026年3月1日");
    assert_eq!(date("en"), "1 March 2026");
    assert_eq!(date("en"), date("xx"), "no table: English");
    assert_eq!(Strings::default().date("not a date"), "not a date");
}

#[test]
fn unit_words_of_the_language_and_english() {
    let fr = Strings::new("fr-CA", &BTreeMap::new());
    assert_eq!(fr.unit_word("heures"), Some("hour"));
    assert_eq!(fr.unit_word("Jours"), Some("day"));
    assert_eq!(fr.unit_word("días"), None, "Spanish is not French");
    let ja = Strings::new("ja", &BTreeMap::new());
    assert_eq!(ja.unit_word("週間"), Some("week"));
}

#[test]
fn known_languages_are_cldr_s() {
    for code in ["it", "pt-BR", "es", "ja", "ar", "pl"] {
        assert!(is_known_language(code), "{code}");
    }
    for code in ["old", "v2", "draft", "2", "", "copy", "final"] {
        assert!(!is_known_language(code), "{code}");
    }
}
