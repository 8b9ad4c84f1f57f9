//! The words a reader sees, in the guide's language: a [`Strings`] table per language, built in
//! for English, Spanish, French, German, Portuguese and Japanese (`tables/*.toml`), with any of
//! its entries overridden by `[strings]` in guide.toml ([`overrides`]). Plural forms follow the
//! language's CLDR rules (`intl_pluralrules`), never "string + s"; placeholders are `{name}`.
//!
//! The same table serves the templates (the `t()` function, [`template`]), the HTML that Rust
//! writes (block labels, diagrams, tables), the theme's scripts (a JSON copy in each page) and
//! durations and dates ([`Strings::duration`], [`Strings::date`]).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use intl_pluralrules::PluralRules;

pub mod overrides;
mod plural;
pub mod template;

use plural::select;
pub use plural::{CATEGORIES, categories_of, is_known_language, plural_rules};

/// The built-in tables, by the language's primary subtag. English is the list of keys.
const TABLES: [(&str, &str); 6] = [
    ("en", include_str!("tables/en.toml")),
    ("es", include_str!("tables/es.toml")),
    ("fr", include_str!("tables/fr.toml")),
    ("de", include_str!("tables/de.toml")),
    ("pt", include_str!("tables/pt.toml")),
    ("ja", include_str!("tables/ja.toml")),
];

/// The languages with a built-in table.
pub fn builtin_languages() -> impl Iterator<Item = &'static str> {
    TABLES.iter().map(|(code, _)| *code)
}

/// `es` of `es-MX`, lower-cased.
pub fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// One entry of a table: a text, or a text per plural category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Text(String),
    Plural(BTreeMap<String, String>),
}

impl Entry {
    /// The text for `category` (`one`, `few` ...), or the `other` form.
    fn form(&self, category: &str) -> &str {
        match self {
            Entry::Text(text) => text,
            Entry::Plural(forms) => forms
                .get(category)
                .or_else(|| forms.get("other"))
                .map_or("", String::as_str),
        }
    }

    /// Every text of the entry.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Entry::Text(text) => vec![text],
            Entry::Plural(forms) => forms.values().map(String::as_str).collect(),
        }
    }
}

/// A built-in table, read: its entries and the unit words of durations.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub entries: BTreeMap<String, Entry>,
    /// Words for each unit of time (`minute`, `hour`, `day`, `week`) besides the English ones.
    pub units: BTreeMap<String, Vec<String>>,
}

impl Table {
    /// Reads a table's TOML. The built-in ones are checked by the tests; a broken one is empty.
    fn parse(text: &str) -> Table {
        let Ok(table) = toml::from_str::<toml::Table>(text) else {
            return Table::default();
        };
        let mut read = Table::default();
        for (key, value) in table {
            match (key.as_str(), value) {
                ("units", toml::Value::Table(units)) => {
                    for (unit, words) in units {
                        let words = (words.as_array().into_iter().flatten())
                            .filter_map(|w| w.as_str().map(str::to_string))
                            .collect();
                        read.units.insert(unit, words);
                    }
                }
                (_, value) => {
                    if let Some(entry) = entry_of(&value) {
                        read.entries.insert(key, entry);
                    }
                }
            }
        }
        read
    }
}

/// A TOML value as an entry: a string, or a table of strings by plural category.
fn entry_of(value: &toml::Value) -> Option<Entry> {
    match value {
        toml::Value::String(text) => Some(Entry::Text(text.clone())),
        toml::Value::Table(forms) => {
            let forms = (forms.iter())
                .map(|(category, text)| Some((category.clone(), text.as_str()?.to_string())))
                .collect::<Option<BTreeMap<_, _>>>()?;
            Some(Entry::Plural(forms))
        }
        _ => None,
    }
}

/// The built-in tables, read once.
static BUILTIN: LazyLock<BTreeMap<&'static str, Table>> = LazyLock::new(|| {
    TABLES
        .iter()
        .map(|(code, text)| (*code, Table::parse(text)))
        .collect()
});

/// The built-in table of a language (by its primary subtag), if there is one.
pub fn builtin_table(tag: &str) -> Option<&'static Table> {
    BUILTIN.get(primary_subtag(tag).as_str())
}

/// The English table: every key there is.
pub fn english() -> &'static Table {
    static EMPTY: LazyLock<Table> = LazyLock::new(Table::default);
    BUILTIN.get("en").unwrap_or(&EMPTY)
}

/// The placeholders of a text: `{step}` -> `step`.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            names.push(name);
        }
        rest = &after[close + 1..];
    }
    names
}

/// The parts a `date` may use: the year, the month's name or number, the day of the month
/// with or without a leading zero.
const DATE_PARTS: [&str; 5] = ["year", "month", "month_number", "day", "day_number"];

/// The placeholders the entry `key` may use: English's own, or for `date`, any of its parts.
pub fn allowed_placeholders(key: &str) -> Vec<&'static str> {
    if key == "date" {
        return DATE_PARTS.to_vec();
    }
    let mut names: Vec<&'static str> = (english().entries.get(key).into_iter())
        .flat_map(Entry::texts)
        .flat_map(placeholders)
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// `text` with each `{name}` replaced by its value in `args`; other braces are kept.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = (after.find('}'))
            .and_then(|close| args.iter().find(|(name, _)| *name == &after[..close]))
            .map(|(name, value)| (name.len(), *value));
        match value {
            Some((length, value)) => {
                out.push_str(value);
                rest = &after[length + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The words of one language, with the guide's overrides applied.
pub struct Strings {
    /// The language tag, as guide.toml gives it (`fr`, `pt-BR`).
    pub language: String,
    rules: Option<PluralRules>,
    entries: BTreeMap<String, Entry>,
    /// Unit words of durations in this language, lower-cased.
    units: Vec<(String, &'static str)>,
    /// A fingerprint of the entries and unit words, for what is made from them.
    digest: u64,
}

impl fmt::Debug for Strings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Strings")
            .field("language", &self.language)
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl Default for Strings {
    fn default() -> Self {
        Strings::new("en", &BTreeMap::new())
    }
}

impl Strings {
    /// The table of `language`: its built-in one (English where there is none, and for any key
    /// the built-in one lacks), with `overrides` on top (already checked, [`overrides`]).
    pub fn new(language: &str, overrides: &BTreeMap<String, Entry>) -> Strings {
        let english = english();
        let own = builtin_table(language);
        let mut entries = english.entries.clone();
        if let Some(own) = own {
            for (key, entry) in &own.entries {
                entries.insert(key.clone(), entry.clone());
            }
        }
        for (key, entry) in overrides {
            entries.insert(key.clone(), entry.clone());
        }
        let mut units = Vec::new();
        for table in [Some(english), own].into_iter().flatten() {
            for (unit, words) in &table.units {
                let Some(unit) = UNIT_NAMES.iter().find(|name| **name == unit) else {
                    continue;
                };
                units.extend(words.iter().map(|word| (word.to_lowercase(), *unit)));
            }
        }
        let digest = crate::fingerprint::text_hash(&format!("{language} {entries:?} {units:?}"));
        Strings {
            language: language.to_string(),
            rules: plural_rules(language),
            entries,
            units,
            digest,
        }
    }

    /// Changes whenever a word or a unit word does: what the pages made from them depend on.
    pub fn digest(&self) -> u64 {
        self.digest
    }

    /// Whether `language` has a built-in table.
    pub fn is_builtin(language: &str) -> bool {
        builtin_table(language).is_some()
    }

    /// The entry of `key`.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// Every entry, by key.
    pub fn entries(&self) -> &BTreeMap<String, Entry> {
        &self.entries
    }

    /// The text of `key` (its `other` form for a plural entry); the key itself if the table has
    /// no such entry, which the tests rule out for the keys the code uses.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        match self.entries.get(key) {
            Some(entry) => entry.form("other"),
            None => key,
        }
    }

    /// The text of `key` with its placeholders filled.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// The plural category of a number written as `count` (`"1"`, `"1.5"`).
    pub fn category(&self, count: &str) -> &'static str {
        select(self.rules.as_ref(), count)
    }

    /// The form of `key` for `count` (a number, or a range whose larger end decides the form),
    /// with `{count}` and `args` filled.
    pub fn count(&self, key: &str, count: &str, args: &[(&str, &str)]) -> String {
        let decider = count.rsplit(['–', '-']).next().unwrap_or(count).trim();
        let decider = decider.replace(self.get("decimal_separator"), ".");
        let text = match self.entries.get(key) {
            Some(entry) => entry.form(self.category(&decider)),
            None => key,
        };
        let mut all = vec![("count", count)];
        all.extend_from_slice(args);
        fill(text, &all)
    }

    /// [`Strings::count`] for a whole number.
    pub fn count_of(&self, key: &str, count: usize) -> String {
        self.count(key, &count.to_string(), &[])
    }

    /// A number with the language's decimal separator: `1.5` -> `1,5` in French.
    pub fn decimal<'a>(&self, number: &'a str) -> Cow<'a, str> {
        let separator = self.get("decimal_separator");
        if separator == "." || !number.contains('.') {
            Cow::Borrowed(number)
        } else {
            Cow::Owned(number.replace('.', separator))
        }
    }

    /// The unit a word of this language (or an English one) stands for: `heures` -> `hour`.
    pub fn unit_word(&self, word: &str) -> Option<&'static str> {
        let word = word.to_lowercase();
        (self.units.iter())
            .find(|(known, _)| *known == word)
            .map(|(_, unit)| *unit)
    }

    /// A `YYYY-MM-DD` date in the language's format (the text as it is when it is not one).
    pub fn date(&self, iso: &str) -> String {
        let mut parts = iso.splitn(3, '-');
        let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next())
        else {
            return iso.to_string();
        };
        let (Ok(month_index), Ok(day_index)) = (month.parse::<u8>(), day.parse::<u8>()) else {
            return iso.to_string();
        };
        let month_name = self.get(
            MONTHS
                .get(usize::from(month_index).wrapping_sub(1))
                .map_or("", |m| m),
        );
        self.fill(
            "date",
            &[
                ("year", year),
                ("month_number", month),
                ("day_number", day),
                ("month", month_name),
                ("day", &day_index.to_string()),
            ],
        )
    }
}

/// The units of time, by the name the tables' `[units]` use.
const UNIT_NAMES: [&str; 4] = ["minute", "hour", "day", "week"];

/// The keys of the months' names.
const MONTHS: [&str; 12] = [
    "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
    "month_9", "month_10", "month_11", "month_12",
];

#[cfg(test)]
mod tests;
