//! Reading guide.toml: defaults, values, and problems at their place.

use super::*;

#[test]
fn minimal_config_gets_defaults() {
    let config = Config::parse("guide.toml", "title = \"Cats\"\n").unwrap();
    assert_eq!(config.language, "en");
    assert_eq!(config.theme, "default");
    assert_eq!(config.print.paper, Paper::A4);
}

#[test]
fn unknown_key_is_an_error_with_a_suggestion() {
    let errors = Config::parse("guide.toml", "title = \"Cats\"\nauthr = \"me\"\n").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "unknown key `authr`");
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `author`?"));
    assert_eq!(errors[0].span.start, 15);
}

#[test]
fn extra_is_a_free_table_and_other_keys_stay_errors() {
    let text = "title = \"C\"\n[extra]\nlogo = \"cat.svg\"\n[extra.social]\nfeed = \"x\"\n";
    let config = Config::parse("guide.toml", text).unwrap();
    assert_eq!(config.extra["logo"], "cat.svg");
    assert_eq!(config.extra["social"]["feed"], "x");
    assert!(
        Config::parse("guide.toml", "title = \"C\"\n")
            .unwrap()
            .extra
            .is_empty()
    );
    let errors = Config::parse("guide.toml", "title = \"C\"\nextras = 1\n").unwrap_err();
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `extra`?"));
    let errors = Config::parse("guide.toml", "title = \"C\"\nextra = 1\n").unwrap_err();
    assert_eq!(errors.len(), 1);
}

#[test]
fn offline_has_defaults_and_reads_sizes_and_patterns() {
    let config = Config::parse("guide.toml", "title = \"C\"\n").unwrap();
    assert!(config.offline.enabled);
    assert_eq!(config.offline.max_file, Size(20_000_000));
    assert_eq!(config.offline.max_total, Size(100_000_000));
    let text = "title = \"C\"\n[offline]\nenabled = false\nmax_file = \"5 MB\"\nmax_total = 1000\nexclude = [\"*.mp4\"]\n";
    let config = Config::parse("guide.toml", text).unwrap();
    assert!(!config.offline.enabled);
    assert_eq!(config.offline.max_file, Size(5_000_000));
    assert_eq!(config.offline.max_total, Size(1000));
    assert_eq!(config.offline.exclude, ["*.mp4"]);
}

#[test]
fn offline_problems_point_at_their_value_with_help() {
    let text = "title = \"C\"\n[offline]\nmax_file = \"20 MQ\"\n";
    let errors = Config::parse("guide.toml", text).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, "`20 MQ` is not a size");
    assert_eq!(&text[errors[0].span.clone()], "\"20 MQ\"");
    assert!(errors[0].help.as_deref().unwrap().contains("\"20 MB\""));

    let text = "title = \"C\"\n[offline]\nexclude = [\"a[\"]\n";
    let errors = Config::parse("guide.toml", text).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .message
            .starts_with("`a[` in [offline] exclude is not a pattern")
    );
    assert_eq!(&text[errors[0].span.clone()], "exclude");

    let text = "title = \"C\"\n[offline]\nmax_files = \"1 MB\"\n";
    let errors = Config::parse("guide.toml", text).unwrap_err();
    assert_eq!(errors[0].message, "unknown key `max_files` in [offline]");
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `max_file`?"));
}

#[test]
fn the_languages_of_a_file_that_is_not_toml_are_read_line_by_line() {
    let text =
        "title = \"T\nlanguage = \"de\"\n[languages.fr]\n[languages.\"es\".strings]\n[print\n";
    assert_eq!(
        languages_of_broken(text),
        (
            Some("de".to_string()),
            vec!["es".to_string(), "fr".to_string()]
        )
    );
    assert_eq!(languages_of_broken("[x\nlanguage = 1"), (None, Vec::new()));
}

#[test]
fn paper_must_be_known() {
    let errors =
        Config::parse("guide.toml", "title = \"C\"\n[print]\npaper = \"A5\"\n").unwrap_err();
    assert!(
        errors[0].message.contains("unknown variant"),
        "{:?}",
        errors[0]
    );
}

#[test]
fn every_unknown_key_is_reported_with_help_for_its_place() {
    let text = "title = \"C\"\ncolour = \"red\"\n[print]\ntitel = \"x\"\npapr = \"A4\"\n";
    let errors = Config::parse("guide.toml", text).unwrap_err();
    let found: Vec<(&str, Option<&str>)> = errors
        .iter()
        .map(|e| (e.message.as_str(), e.help.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "unknown key `colour`",
                Some(
                    "the keys are title, author, description, language, base_url, theme, print, handout, offline, code, extra, strings, languages"
                )
            ),
            (
                "unknown key `papr` in [print]",
                Some("did you mean `paper`?")
            ),
            (
                "unknown key `titel` in [print]",
                Some("the keys in [print] are paper")
            ),
        ]
    );
}
