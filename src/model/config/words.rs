//! The guide's own words in `guide.toml`: `[strings]` for the guide's language and
//! `[languages.<code>.strings]` for each other one, each checked against the theme's table
//! ([`crate::i18n::overrides`]).

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;
use crate::i18n::Entry;
use crate::i18n::overrides::read_overrides;

/// The words `guide.toml` gives, checked.
#[derive(Default)]
pub(super) struct Words {
    /// `[strings]`.
    pub guide: BTreeMap<String, Entry>,
    /// `[languages.<code>.strings]`, by code.
    pub by_language: BTreeMap<String, BTreeMap<String, Entry>>,
}

/// Reads the words of `table` (the file `file`, whose text is `text`, read as a table): the good
/// ones, and a diagnostic for each bad one.
pub(super) fn read_words(file: &str, text: &str, table: &toml::Table) -> (Words, Vec<Diagnostic>) {
    let mut words = Words::default();
    let mut problems = Vec::new();
    if let Some(toml::Value::Table(strings)) = table.get("strings") {
        let (good, found) = read_overrides(file, text, "strings", strings);
        words.guide = good;
        problems.extend(found);
    }
    if let Some(toml::Value::Table(languages)) = table.get("languages") {
        for (code, language) in languages {
            if let Some(toml::Value::Table(strings)) = language.get("strings") {
                let section = format!("languages.{code}.strings");
                let (good, found) = read_overrides(file, text, &section, strings);
                words.by_language.insert(code.clone(), good);
                problems.extend(found);
            }
        }
    }
    (words, problems)
}
