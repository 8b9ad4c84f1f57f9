//! The keys `guide.toml` may have, where each is written, and serde's and toml's errors as
//! diagnostics at their place with a hint.

use super::super::yaml::SerdeMessage;
use super::offline::{NOT_A_SIZE, OFFLINE_KEYS, SIZE_HELP};
use crate::diagnostics::Diagnostic;
use crate::i18n::overrides::section_key_span;

/// The keys at the top of `guide.toml`.
pub const TOP_KEYS: [&str; 13] = [
    "title",
    "author",
    "description",
    "language",
    "base_url",
    "theme",
    "print",
    "handout",
    "offline",
    "code",
    "extra",
    "strings",
    "languages",
];
/// The keys of a `[languages.<code>]` table.
pub const LANGUAGE_KEYS: [&str; 3] = ["title", "description", "strings"];
/// The keys of its `[print]` table.
const PRINT_KEYS: [&str; 1] = ["paper"];
/// The keys of its `[handout]` table.
const HANDOUT_KEYS: [&str; 2] = ["notes", "notes_heading"];
/// The keys of its `[code]` table.
const CODE_KEYS: [&str; 1] = ["hidelines"];
/// The tables of settings at the top of `guide.toml`, each with its keys (`[extra]` and
/// `[strings]` take any key; `[languages.<code>]` has [`LANGUAGE_KEYS`]; `[code.hidelines]`
/// takes a language name per key). The manual's page on guide.toml is checked against these
/// lists.
pub const SECTION_KEYS: [(&str, &[&str]); 4] = [
    ("print", &PRINT_KEYS),
    ("handout", &HANDOUT_KEYS),
    ("offline", &OFFLINE_KEYS),
    ("code", &CODE_KEYS),
];

/// Every unknown key (at the top and in `[print]`, each suggested only keys valid in its place)
/// and a missing `title`, all at once, in a file that is valid TOML.
pub(super) fn key_problems(file: &str, text: &str, table: &toml::Table) -> Vec<Diagnostic> {
    let unknown = |key: &str, place: &str, known: &[&str]| {
        let span = key_span(text, key).unwrap_or(0..0);
        Diagnostic::error(file, span, format!("unknown key `{key}`{place}"))
            .with_label("unknown key")
            .with_suggestion(key, known.iter().copied())
            .or_help(format!("the keys{place} are {}", known.join(", ")))
    };
    let mut problems: Vec<Diagnostic> = (table.keys())
        .filter(|key| !TOP_KEYS.contains(&key.as_str()))
        .map(|key| unknown(key, "", &TOP_KEYS))
        .collect();
    if let Some(toml::Value::Table(languages)) = table.get("languages") {
        for (code, language) in languages {
            let Some(language) = language.as_table() else {
                continue;
            };
            let section = format!("languages.{code}");
            for key in language
                .keys()
                .filter(|k| !LANGUAGE_KEYS.contains(&k.as_str()))
            {
                problems.push(
                    Diagnostic::error(
                        file,
                        section_key_span(text, &section, key),
                        format!("unknown key `{key}` in [{section}]"),
                    )
                    .with_label("unknown key")
                    .with_suggestion(key, LANGUAGE_KEYS)
                    .or_help(format!(
                        "the keys in [{section}] are {}",
                        LANGUAGE_KEYS.join(", ")
                    )),
                );
            }
        }
    }
    for (name, known) in SECTION_KEYS {
        let place = format!(" in [{name}]");
        let place = place.as_str();
        if let Some(toml::Value::Table(inner)) = table.get(name) {
            problems.extend(
                (inner.keys())
                    .filter(|key| !known.contains(&key.as_str()))
                    .map(|key| unknown(key, place, known)),
            );
        }
    }
    if !table.contains_key("title") {
        problems.push(
            Diagnostic::error(file, 0..0, "guide.toml has no `title`")
                .with_help("add `title = \"...\"` at the top of guide.toml"),
        );
    }
    problems
}

pub(super) fn toml_diagnostic(file: &str, error: &toml::de::Error) -> Diagnostic {
    let span = error.span().unwrap_or(0..0);
    let message = error.message().trim().to_string();
    let diagnostic = Diagnostic::error(file, span.clone(), first_line(&message));
    match SerdeMessage::read(&message) {
        SerdeMessage::UnknownField(unknown) => diagnostic
            .with_label("unknown key")
            .with_suggestion(unknown, TOP_KEYS)
            .or_help(format!("the keys are {}", TOP_KEYS.join(", "))),
        SerdeMessage::MissingField("title") => {
            diagnostic.with_help("add `title = \"...\"` at the top of guide.toml")
        }
        SerdeMessage::UnknownVariant if message.contains("`note`") => diagnostic.with_help(
            "the handout collects alerts of the kinds note, tip, important, warning and caution, e.g. `notes = [\"warning\", \"caution\"]`",
        ),
        SerdeMessage::UnknownVariant => diagnostic.with_help("paper is \"A4\" or \"Letter\""),
        _ if message.contains(NOT_A_SIZE) => diagnostic.with_help(SIZE_HELP),
        _ => match syntax_help(&message) {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        },
    }
}

/// What to do about the TOML syntax errors an author makes most.
fn syntax_help(message: &str) -> Option<&'static str> {
    let helps = [
        (
            "duplicate key",
            "each key and each `[table]` may be written once in guide.toml: remove or merge the second one",
        ),
        (
            "must be quoted",
            "put text in quotes, e.g. `paper = \"A4\"`",
        ),
        (
            "string",
            "close the text with the quote it opened with, on the same line (`\"\"\"` opens text of several lines)",
        ),
        (
            "unclosed table",
            "close the table's name with `]`, e.g. `[print]`",
        ),
    ];
    (helps.iter())
        .find(|(words, _)| message.contains(words))
        .map(|(_, help)| *help)
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).to_string()
}

/// The span of `key` where it is assigned at the start of a line of a TOML file.
pub fn key_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..start + key.len());
        }
        offset += line.len();
    }
    None
}
