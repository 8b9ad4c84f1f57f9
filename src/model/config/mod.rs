//! `guide.toml` -> [`Config`].
//!
//! Unknown keys are errors (with a "did you mean" hint), so a typo never silently does nothing
//! ([`keys`]); the guide's own words (`[strings]`, `[languages.<code>.strings]`) are checked
//! against the theme's table ([`words`]).
//! This module only parses and checks the file's own values; whether the named theme exists is
//! checked by the model, against the theme folders that were loaded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::alert::AlertKind;
use super::extra::{Extra, extra_from_toml};
use crate::diagnostics::Diagnostic;
use crate::i18n::Entry;
use crate::i18n::overrides::section_key_span;

mod base_url;
mod keys;
mod offline;
mod words;

use base_url::{normalize_base_url, span_in_file};
pub use keys::{LANGUAGE_KEYS, SECTION_KEYS, TOP_KEYS, key_span};
use keys::{key_problems, toml_diagnostic};
pub use offline::{OfflineConfig, Size, exclude_glob};
use words::read_words;

/// The settings of one guide.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Where the site will be published; used only for canonical URLs and the sitemap.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// A folder under `themes/`, or the embedded `default`: a plain name, never a path.
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub print: PrintConfig,
    #[serde(default)]
    pub handout: HandoutConfig,
    /// `[offline]`: the published site's service worker.
    #[serde(default)]
    pub offline: OfflineConfig,
    #[serde(default)]
    pub code: CodeConfig,
    /// `[extra]`: anything the guide hands to its templates as `site.extra`.
    #[serde(default, deserialize_with = "extra_from_toml")]
    pub extra: Extra,
    /// `[strings]`: the guide's own words for entries of the theme's table, as written (checked
    /// into `string_overrides`).
    #[serde(default)]
    pub strings: toml::Table,
    /// `[languages.<code>]`: the other languages of the guide, by code.
    #[serde(default)]
    pub languages: BTreeMap<String, LanguageConfig>,
    /// `[strings]`, checked.
    #[serde(skip)]
    pub string_overrides: BTreeMap<String, Entry>,
    /// Where `theme` is written in the file, for the diagnostic when there is no such theme.
    #[serde(skip)]
    pub theme_span: std::ops::Range<usize>,
}

/// `[languages.<code>]`: another language of the guide, whose pages go under `<code>/`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The guide's title in this language (else the default language's).
    #[serde(default)]
    pub title: Option<String>,
    /// The guide's description in this language.
    #[serde(default)]
    pub description: Option<String>,
    /// This language's own words for entries of the theme's table.
    #[serde(default)]
    pub strings: toml::Table,
    /// `strings`, checked.
    #[serde(skip)]
    pub string_overrides: BTreeMap<String, Entry>,
}

/// `[print]`: settings of the printable edition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PrintConfig {
    #[serde(default)]
    pub paper: Paper,
}

/// `[handout]`: which alerts the handout collects from the lessons, and under what heading
/// (none by default: a handout of a cat guide gathers its safety warnings, one of a coding
/// course may gather nothing).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HandoutConfig {
    /// The kinds of alert collected, e.g. `["warning", "caution"]`.
    #[serde(default)]
    pub notes: Vec<AlertKind>,
    /// The heading of the collected notes.
    #[serde(default = "default_notes_heading")]
    pub notes_heading: String,
}

impl Default for HandoutConfig {
    fn default() -> Self {
        HandoutConfig {
            notes: Vec::new(),
            notes_heading: default_notes_heading(),
        }
    }
}

/// No heading of the guide's own: the theme's words say "Keep in mind".
fn default_notes_heading() -> String {
    String::new()
}

/// `[code]`: how fenced code is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodeConfig {
    /// `[code.hidelines]`: per language, the prefix that hides a line of its blocks (as mdBook's
    /// `[output.html.code.hidelines]`, e.g. `python = "~"`); Rust blocks hide `# ` lines always.
    #[serde(default)]
    pub hidelines: BTreeMap<String, String>,
}

/// Paper size of the print edition.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// The CSS `@page { size }` keyword.
    pub fn css_size(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// A theme's name: letters, digits, `-` and `_`, so that it can only name a folder of `themes/`.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

fn default_language() -> String {
    "en".to_string()
}

fn default_base_url() -> String {
    "/".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

impl Config {
    /// Parses the text of `guide.toml`. `file` is the name used in diagnostics.
    pub fn parse(file: &str, text: &str) -> Result<Config, Vec<Diagnostic>> {
        // Read as a plain table once, for the key checks and the words. A file that is not
        // TOML says only where the parser stopped: every other check would read an empty
        // table and report what is not wrong (a missing `title`).
        let table = toml::from_str::<toml::Table>(text)
            .map_err(|error| vec![toml_diagnostic(file, &error)])?;
        let (words, word_problems) = read_words(file, text, &table);
        let mut problems = key_problems(file, text, &table);
        if !problems.is_empty() {
            // The words are reported too, so that one run says every problem of the file.
            problems.extend(word_problems);
            return Err(problems);
        }
        let mut config: Config =
            toml::from_str(text).map_err(|error| vec![toml_diagnostic(file, &error)])?;
        config.theme_span = key_span(text, "theme").unwrap_or(0..0);
        let mut problems = Vec::new();
        if !is_plain_name(&config.theme) {
            problems.push(
                Diagnostic::error(file, config.theme_span.clone(), "`theme` must be the name of a folder under `themes/`")
                    .with_label("not a plain name")
                    .with_help("use letters, digits, `-` and `_` only, e.g. `theme = \"my-theme\"` for `themes/my-theme/`"),
            );
        }
        match normalize_base_url(config.base_url.trim()) {
            Ok(normalized) => config.base_url = normalized,
            Err(problem) => {
                let key = key_span(text, "base_url").unwrap_or(0..0);
                let at = problem.at + (config.base_url.len() - config.base_url.trim_start().len());
                problems.push(
                    Diagnostic::error(file, span_in_file(text, key, at), problem.message)
                        .with_help(problem.help),
                );
            }
        }
        if config.title.trim().is_empty() {
            let span = key_span(text, "title").unwrap_or(0..0);
            problems.push(
                Diagnostic::error(file, span, "the guide's `title` is empty")
                    .with_help("give the guide a title, e.g. `title = \"Walking your cat\"`"),
            );
        }
        for (language, prefix) in &config.code.hidelines {
            if prefix.trim().is_empty() {
                let span = key_span(text, language).unwrap_or(0..0);
                problems.push(
                    Diagnostic::error(
                        file,
                        span,
                        format!("the prefix that hides lines of `{language}` blocks is empty"),
                    )
                    .with_label("would hide every line")
                    .with_help(
                        "give the characters that start a hidden line, e.g. `python = \"~\"`",
                    ),
                );
            }
        }
        if !is_language_tag(&config.language) {
            let span = key_span(text, "language").unwrap_or(0..0);
            problems.push(
                Diagnostic::error(file, span, "`language` must be a language tag")
                    .with_help("use a tag such as \"en\", \"en-GB\" or \"de\""),
            );
        }
        problems.extend(offline::exclude_problems(file, text, &config.offline));
        problems.extend(word_problems);
        config.string_overrides = words.guide;
        if !config.handout.notes_heading.is_empty() {
            // `[handout] notes_heading` is the guide's word for the heading, as if given
            // under [strings] (which wins when both are).
            (config.string_overrides)
                .entry("handout_notes_heading".to_string())
                .or_insert_with(|| Entry::Text(config.handout.notes_heading.clone()));
        }
        let mut by_language = words.by_language;
        for (code, language) in &mut config.languages {
            let section = format!("languages.{code}");
            let span = section_key_span(text, &section, "title");
            if !is_language_tag(code) || code.contains('_') {
                problems.push(
                    Diagnostic::error(file, span, format!("`{code}` is not a language tag"))
                        .with_help("name the table by a tag such as `[languages.es]` or `[languages.pt-BR]`; its pages go in a folder of that name"),
                );
            } else if code.eq_ignore_ascii_case(&config.language) {
                problems.push(
                    Diagnostic::error(file, span, format!("`{code}` is the guide's own language"))
                        .with_help("`[languages.*]` names the other languages; the default one is `language`"),
                );
            }
            language.string_overrides = by_language.remove(code).unwrap_or_default();
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// The languages of the guide: the default one first, then the others in code order.
    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.language.as_str()).chain(self.languages.keys().map(String::as_str))
    }

    /// `base_url` is absolute (`https://...`, its scheme written in lower case once parsed), so
    /// canonical URLs and a sitemap can be written.
    pub fn has_absolute_base_url(&self) -> bool {
        self.base_url.starts_with("https://") || self.base_url.starts_with("http://")
    }
}

/// What can be read of a `guide.toml` that has errors: its language and the codes of its
/// other languages, so that translations are still told from lessons.
pub fn languages_of_broken(text: &str) -> (Option<String>, Vec<String>) {
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return languages_by_line(text);
    };
    let language = (table.get("language"))
        .and_then(toml::Value::as_str)
        .filter(|tag| is_language_tag(tag))
        .map(str::to_string);
    let codes = match table.get("languages") {
        Some(toml::Value::Table(languages)) => languages.keys().cloned().collect(),
        _ => Vec::new(),
    };
    (language, codes)
}

/// The languages of a `guide.toml` that is not TOML, read line by line: `language = "..."`
/// before the first table and each `[languages.<code>]` header, so that one syntax error does
/// not make every translation a lesson.
fn languages_by_line(text: &str) -> (Option<String>, Vec<String>) {
    let mut language = None;
    let mut codes: Vec<String> = Vec::new();
    let mut at_top = true;
    for line in text.lines().map(str::trim) {
        if let Some(header) = line.strip_prefix('[') {
            at_top = false;
            let code = (header.strip_prefix("languages."))
                .and_then(|rest| rest.split(['.', ']']).next())
                .map(|code| code.trim().trim_matches(['"', '\'']));
            if let Some(code) = code.filter(|code| is_language_tag(code))
                && !codes.iter().any(|known| known == code)
            {
                codes.push(code.to_string());
            }
        } else if at_top
            && let Some((key, value)) = line.split_once('=')
            && key.trim() == "language"
        {
            let value = value.trim().trim_matches(['"', '\'']);
            language = Some(value.to_string()).filter(|tag| is_language_tag(tag));
        }
    }
    codes.sort();
    (language, codes)
}

/// A plausible language tag: letters, digits and `-`, starting with a letter.
pub(super) fn is_language_tag(tag: &str) -> bool {
    tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && tag.len() <= 35
        && tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests;
