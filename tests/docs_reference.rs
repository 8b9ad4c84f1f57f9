//! The manual's reference pages against the program, so that they cannot drift apart: every
//! command, argument, option and possible value of `--help` is on the commands page and nothing
//! else is; every key guidebook accepts in front matter and guide.toml, every block, code
//! language, template, theme word, reserved slug and environment variable is on its page, and
//! the pages name none that does not exist. A key added to the program fails here until the
//! manual lists it.
//!
//! The pages are read as Markdown structure (headings, tables, lists, code spans; see
//! `docs/manual.rs`), the program's lists from the library itself or from `--help`.

mod common;
#[path = "docs/manual.rs"]
mod manual;

use std::collections::BTreeSet;
use std::fs;

use common::*;
use manual::{Cell, Page};

/// `a, b` as a sorted set of owned strings.
fn set<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    items.into_iter().map(str::to_string).collect()
}

#[track_caller]
fn assert_same(documented: &BTreeSet<String>, actual: &BTreeSet<String>, what: &str) {
    let missing: Vec<&String> = actual.difference(documented).collect();
    let extra: Vec<&String> = documented.difference(actual).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: the manual lacks {missing:?} and lists {extra:?}, which do not exist"
    );
}

/// The code spans of the first column of a section's first table, as one set.
fn first_column(page: &Page, heading: &str) -> BTreeSet<String> {
    (page.section(heading).first_column_code().into_iter())
        .flatten()
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Commands and options, from --help

/// The help text of `guidebook ARGS --help`.
fn help(args: &[&str]) -> String {
    let mut args = args.to_vec();
    args.push("--help");
    let run = run(&args);
    run.assert_code(0);
    run.stdout
}

/// The lines of a help section (`Commands:`, `Arguments:`, `Options:`) up to the next one.
fn help_section<'a>(help: &'a str, name: &str) -> Vec<&'a str> {
    let mut lines = help.lines().skip_while(|line| *line != name);
    lines.next();
    lines
        .take_while(|line| line.is_empty() || line.starts_with(' '))
        .collect()
}

/// One entry of an `Arguments:` or `Options:` section: its names (`-o`, `--output`, or `DIR`)
/// and its possible values.
#[derive(Debug)]
struct HelpEntry {
    names: Vec<String>,
    values: Vec<String>,
}

/// The entries of a section: a line whose text starts with `-`, `[` or `<` starts one, the
/// lines after it until the next are its description.
fn help_entries(help: &str, section: &str) -> Vec<HelpEntry> {
    let mut entries: Vec<(String, Vec<String>)> = Vec::new();
    for line in help_section(help, section) {
        let text = line.trim_start();
        let indent = line.len() - text.len();
        if indent <= 6 && (text.starts_with('-') || text.starts_with('[') || text.starts_with('<'))
        {
            let head = text.split("  ").next().unwrap_or(text).to_string();
            entries.push((head, vec![text.to_string()]));
        } else if let Some((_, description)) = entries.last_mut() {
            description.push(text.to_string());
        }
    }
    (entries.into_iter())
        .map(|(head, description)| {
            let names = (head.split(", "))
                .filter_map(|part| part.split_whitespace().next())
                .map(|name| name.trim_matches(|c| c == '[' || c == ']' || c == '<' || c == '>'))
                .map(str::to_string)
                .collect();
            HelpEntry {
                names,
                values: possible_values(&description),
            }
        })
        .collect()
}

/// `[possible values: a, b]` (maybe wrapped over lines), or the long form's `- a: ...` lines.
fn possible_values(description: &[String]) -> Vec<String> {
    let joined = description.join(" ");
    if let Some(start) = joined.find("[possible values: ") {
        let rest = &joined[start + "[possible values: ".len()..];
        let list = rest.split(']').next().unwrap_or_default();
        return list.split(", ").map(|v| v.trim().to_string()).collect();
    }
    (description.iter())
        .skip_while(|line| !line.starts_with("Possible values:"))
        .filter_map(|line| line.strip_prefix("- "))
        .filter_map(|line| line.split(':').next())
        .map(str::to_string)
        .collect()
}

/// The options every command takes, documented once under "Global options".
const GLOBAL: [&str; 6] = ["-q", "--quiet", "-v", "--verbose", "-h", "--help"];

/// What a term of a definition list documents: the options (the first word of each code
/// span starting with `-`), or the argument (a code span in capitals, `DIR`).
fn term_names(term: &Cell) -> Vec<String> {
    (term.code.iter())
        .filter_map(|code| code.split_whitespace().next())
        .filter(|word| {
            word.starts_with('-')
                || word
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        })
        .map(str::to_string)
        .collect()
}

/// The names the terms of a section document.
fn documented_names(terms: &[(Cell, Cell)]) -> BTreeSet<String> {
    terms
        .iter()
        .flat_map(|(term, _)| term_names(term))
        .collect()
}

#[test]
fn every_command_and_option_is_on_the_commands_page_and_nothing_else() {
    let page = Page::read("pages/01-commands.md");
    let top = help(&[]);
    let commands: BTreeSet<String> = (help_section(&top, "Commands:").into_iter())
        .filter(|line| line.len() > 2 && !line[2..].starts_with(' '))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    assert!(
        commands.contains("build") && commands.len() >= 7,
        "{commands:?}"
    );
    let documented: BTreeSet<String> = (page.sections.iter())
        .filter_map(|s| s.heading.strip_prefix("guidebook "))
        .map(str::to_string)
        .collect();
    assert_same(&documented, &commands, "commands");

    let global: BTreeSet<String> = (help_entries(&top, "Options:").into_iter())
        .flat_map(|entry| entry.names)
        .collect();
    let documented = documented_names(&page.section("Global options").terms);
    assert_same(&documented, &global, "global options");

    let mut values_checked = BTreeSet::new();
    for command in &commands {
        let help = help(&[command]);
        let mut entries = help_entries(&help, "Arguments:");
        entries.extend(help_entries(&help, "Options:"));
        let entries: Vec<HelpEntry> = (entries.into_iter())
            .filter(|e| !e.names.iter().all(|n| GLOBAL.contains(&n.as_str())))
            .collect();
        let terms = &page.section(&format!("guidebook {command}")).terms;
        let documented = documented_names(terms);
        let actual: BTreeSet<String> = entries.iter().flat_map(|e| e.names.clone()).collect();
        assert_same(&documented, &actual, &format!("guidebook {command}"));
        // Each possible value is named in its option's definition.
        for entry in entries.iter().filter(|e| !e.values.is_empty()) {
            let (_, definition) = (terms.iter())
                .find(|(term, _)| term_names(term).iter().any(|n| entry.names.contains(n)))
                .expect("documented above");
            let codes: BTreeSet<&str> = definition.code.iter().map(String::as_str).collect();
            for value in &entry.values {
                values_checked.insert(format!("{command} {value}"));
                assert!(
                    codes.contains(value.as_str()),
                    "guidebook {command} {:?}: the value `{value}` is not in its definition",
                    entry.names
                );
            }
        }
    }
    // The values were read from the help: check's formats, init's services, the shells.
    for value in ["check json", "init gitlab", "completions powershell"] {
        assert!(values_checked.contains(value), "{values_checked:?}");
    }
}

#[test]
fn the_json_example_has_the_keys_check_prints() {
    let page = Page::read("pages/01-commands.md");
    let (_, json) = (page.code_blocks())
        .find(|(info, _)| info == "json")
        .expect("a JSON example");
    let example: serde_json::Value = serde_json::from_str(json).unwrap();
    let keys: BTreeSet<String> = example[0].as_object().unwrap().keys().cloned().collect();
    assert_same(&keys, &set(DIAGNOSTIC_JSON_KEYS), "check --format json");
}

/// Whether `name` is written as environment variables and constants are: `GUIDEBOOK_CHROME`.
fn is_upper_snake(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
}

/// `NAME` in `var_os("NAME")` or `var("NAME")` in guidebook's source, and in `var_os(CONSTANT)`
/// where `const CONSTANT: &str = "NAME";` is in the source too.
fn environment_variables_read() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut constants_read = BTreeSet::new();
    let mut constants = std::collections::BTreeMap::new();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(source)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        for call in ["var_os(", "var("] {
            for (at, _) in text.match_indices(call) {
                let rest = &text[at + call.len()..];
                if let Some(literal) = rest.strip_prefix('"') {
                    let name = literal.split('"').next().unwrap_or_default();
                    if is_upper_snake(name) {
                        found.insert(name.to_string());
                    }
                } else {
                    let name = rest.split([')', '.']).next().unwrap_or_default();
                    if is_upper_snake(name) {
                        constants_read.insert(name.to_string());
                    }
                }
            }
        }
        for line in text.lines() {
            if let Some((name, value)) = line
                .split_once("const ")
                .and_then(|(_, rest)| rest.split_once(": &str = \""))
            {
                let value = value.split('"').next().unwrap_or_default();
                constants.insert(name.to_string(), value.to_string());
            }
        }
    }
    for constant in constants_read {
        let value = constants.get(&constant);
        assert!(
            value.is_some(),
            "the variable read by {constant} is not found"
        );
        found.extend(value.cloned());
    }
    found
}

#[test]
fn every_environment_variable_is_on_the_commands_page() {
    let page = Page::read("pages/01-commands.md");
    let mut read = environment_variables_read();
    assert!(read.contains("NO_COLOR"), "{read:?}");
    // The logger reads RUST_LOG itself (env_logger's default), not through a call above.
    read.insert("RUST_LOG".to_string());
    assert_same(
        &first_column(&page, "Environment variables"),
        &read,
        "environment variables",
    );
}

// ---------------------------------------------------------------------------------------------
// Keys of the files

#[test]
fn every_front_matter_key_is_on_the_front_matter_page() {
    use guidebook::model::front_matter::{INTRO_KEYS, LESSON_KEYS, PAGE_KEYS};
    let page = Page::read("pages/03-front-matter.md");
    for (heading, keys) in [
        ("Lessons", &LESSON_KEYS[..]),
        ("Reference pages", &PAGE_KEYS[..]),
        ("The introduction", &INTRO_KEYS[..]),
    ] {
        assert_same(
            &first_column(&page, heading),
            &set(keys.iter().copied()),
            heading,
        );
    }
}

#[test]
fn every_reserved_slug_is_on_the_front_matter_page() {
    let page = Page::read("pages/03-front-matter.md");
    let listed: BTreeSet<String> = (page.section("Slugs").items.iter())
        .flat_map(|item| item.code.clone())
        .collect();
    assert_same(
        &listed,
        &set(guidebook::model::slug::RESERVED_SLUGS.iter().copied()),
        "reserved slugs",
    );
}

#[test]
fn every_guide_toml_key_is_on_its_page() {
    use guidebook::model::config::{LANGUAGE_KEYS, SECTION_KEYS, TOP_KEYS};
    let page = Page::read("pages/02-guide-toml.md");
    assert_same(
        &first_column(&page, "Keys at the top"),
        &set(TOP_KEYS.iter().copied()),
        "the top of guide.toml",
    );
    for (section, keys) in SECTION_KEYS {
        let heading = format!("[{section}]");
        assert_same(
            &first_column(&page, &heading),
            &set(keys.iter().copied()),
            &heading,
        );
        assert!(TOP_KEYS.contains(&section), "{section}");
    }
    assert_same(
        &first_column(&page, "[languages.CODE]"),
        &set(LANGUAGE_KEYS.iter().copied()),
        "[languages.CODE]",
    );
    // Every table at the top has a section of its own.
    for table in ["extra", "strings"] {
        page.section(&format!("[{table}]"));
    }
}

// ---------------------------------------------------------------------------------------------
// Blocks, code, templates and words

#[test]
fn every_block_and_code_language_is_on_the_markdown_page() {
    let page = Page::read("pages/04-markdown.md");
    let blocks = guidebook::markdown::blocks::KINDS
        .iter()
        .map(|(name, _)| *name);
    assert_same(
        &first_column(&page, "Fenced blocks"),
        &set(blocks),
        "blocks",
    );
    // The first code span of each item is the language's name; the others its short names.
    let languages: BTreeSet<String> = (page.section("Code").items.iter())
        .filter_map(|item| item.code.first().cloned())
        .collect();
    assert_same(
        &languages,
        &set(guidebook::markdown::highlight::LANGUAGES.iter().copied()),
        "highlighted languages",
    );
    let alerts: BTreeSet<String> = (guidebook::model::alert::AlertKind::ALL.iter())
        .map(|kind| kind.name().to_uppercase())
        .collect();
    assert_same(&first_column(&page, "Alerts"), &alerts, "alerts");
}

#[test]
fn every_template_is_on_the_templates_page() {
    let page = Page::read("pages/07-templates.md");
    let templates = (guidebook::render::theme::DEFAULT_THEME.iter())
        .filter_map(|(path, _)| path.strip_prefix("templates/"));
    assert_same(
        &first_column(&page, "The templates"),
        &set(templates),
        "templates",
    );
}

#[test]
fn every_theme_word_is_on_the_words_page() {
    let page = Page::read("pages/08-words.md");
    let listed: BTreeSet<String> = (page.section("The keys").items.iter())
        .flat_map(|item| item.code.clone())
        .filter(|word| {
            word.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .collect();
    let keys = guidebook::i18n::english()
        .entries
        .keys()
        .map(String::as_str);
    assert_same(&listed, &set(keys), "theme words");
}
