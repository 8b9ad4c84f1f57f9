//! The strings in templates: the `t()` function and the `strings` value it reads.
//!
//! Each page's context holds `strings` (the guide's table, built once per render as a tera value,
//! cheap to share) and `{{ t(key="step_of", step=lesson.step, total=site.lesson_count) }}` looks
//! an entry up, picks its plural form by `count` when it has forms, and fills its placeholders
//! from the other arguments. An unknown key is a template error naming the key. The theme's
//! scripts get their words as JSON in each page ([`script_strings`]).

use std::cell::RefCell;
use std::collections::HashMap;

use intl_pluralrules::PluralRules;
use tera::value::Key;
use tera::{Kwargs, State, Value};

use super::{Entry, Strings, fill, plural_rules};

/// The context key of the table.
pub const STRINGS: &str = "strings";
/// The key inside the table that holds its language (for the plural rules).
const LANGUAGE: &str = "_language";

/// `strings` for the templates: every entry by key (a plural one as a map of its forms), and the
/// language.
pub fn strings_value(strings: &Strings) -> Value {
    let mut map = tera::Map::default();
    for (key, entry) in strings.entries() {
        let value = match entry {
            Entry::Text(text) => Value::from(text.as_str()),
            Entry::Plural(forms) => {
                let mut inner = tera::Map::default();
                for (category, text) in forms {
                    inner.insert(Key::from(category.clone()), Value::from(text.as_str()));
                }
                Value::from(inner)
            }
        };
        map.insert(Key::from(key.clone()), value);
    }
    map.insert(Key::from(LANGUAGE), Value::from(strings.language.as_str()));
    Value::from(map)
}

thread_local! {
    /// Plural rules by language, made once per thread.
    static RULES: RefCell<HashMap<String, Option<PluralRules>>> = RefCell::new(HashMap::new());
}

/// The plural category of `count` in `language`.
fn category(language: &str, count: &str) -> &'static str {
    RULES.with(|rules| {
        let mut rules = rules.borrow_mut();
        let rules = rules
            .entry(language.to_string())
            .or_insert_with(|| plural_rules(language));
        super::select(rules.as_ref(), count)
    })
}

/// A value as placeholder text: a string as it is, a number in digits.
fn as_text(value: &Value) -> String {
    match value.as_str() {
        Some(text) => text.to_string(),
        None => value.to_string(),
    }
}

/// The template function `t(key=..., count=..., name=value ...)`.
pub fn translate(kwargs: Kwargs, state: &State) -> tera::TeraResult<String> {
    let key: &str = kwargs.must_get("key")?;
    let strings: Value = state
        .get::<Value>(STRINGS)?
        .ok_or_else(|| tera::Error::message("`t()` needs `strings` in the context"))?;
    let table = strings
        .as_map()
        .ok_or_else(|| tera::Error::message("`strings` is not a table"))?;
    let entry = table.get(&Key::Str(key)).ok_or_else(|| {
        tera::Error::message(format!(
            "there is no string `{key}` (the keys are listed in the manual's \"Theme words\" page)"
        ))
    })?;
    let count = kwargs.get::<Value>("count")?.map(|count| as_text(&count));
    let text = match (entry.as_map(), &count) {
        (Some(forms), Some(count)) => {
            let language = table.get(&Key::Str(LANGUAGE)).and_then(Value::as_str);
            let category = category(language.unwrap_or("en"), count);
            forms
                .get(&Key::Str(category))
                .or_else(|| forms.get(&Key::Str("other")))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        }
        (Some(forms), None) => {
            return Err(tera::Error::message(format!(
                "the string `{key}` has plural forms ({}): give `t()` a `count`",
                forms
                    .keys()
                    .filter_map(Key::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        (None, _) => entry.as_str().unwrap_or_default().to_string(),
    };
    if !text.contains('{') {
        return Ok(text);
    }
    let args: Vec<(String, String)> = (kwargs.iter())
        .filter_map(|(name, value)| Some((name.as_str()?.to_string(), as_text(value))))
        .filter(|(name, _)| name != "key")
        .collect();
    let args: Vec<(&str, &str)> = (args.iter())
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    Ok(fill(&text, &args))
}

/// The entries the theme's scripts use (`guidebook.js`, `search.js`).
const SCRIPT_KEYS: [&str; 36] = [
    "done",
    "task_progress",
    "overall_progress",
    "clear_ticks",
    "copy",
    "copy_label",
    "copied",
    "not_copied",
    "copied_announcement",
    "not_copied_announcement",
    "show_hidden_lines",
    "hide_hidden_lines",
    "dark_mode",
    "light_mode",
    "to_dark_theme",
    "to_light_theme",
    "searching",
    "no_results",
    "result_count",
    "result_count_so_far",
    "offline_ready",
    "offline_updated",
    "offline_reload",
    "offline_dismiss",
    "plan_when",
    "plan_summary",
    "plan_event",
    "progress_copied",
    "progress_ask_title",
    "progress_ask",
    "progress_theirs",
    "progress_mine",
    "progress_replace",
    "progress_keep",
    "progress_restored",
    "progress_dropped",
];

/// The scripts' words as JSON (a plural entry as an object of its forms), safe inside the
/// page's `<script type="application/json">` element ([`json_for_inline_script`]).
pub fn script_strings(strings: &Strings) -> String {
    let mut words = serde_json::Map::new();
    for key in SCRIPT_KEYS {
        let value = match strings.entry(key) {
            Some(Entry::Plural(forms)) => serde_json::json!(forms),
            _ => serde_json::json!(strings.get(key)),
        };
        words.insert(key.to_string(), value);
    }
    json_for_inline_script(&serde_json::Value::Object(words).to_string())
}

/// JSON made safe to write inside a `<script>` element: `<` (which could close the element, or
/// open `<!--` and make `</script>` no end at all), `>` and `&` as `\u` escapes, and U+2028 and
/// U+2029, which older JavaScript takes for line ends. Outside strings JSON has none of them, and
/// inside a string the escapes read back as the same text, to `JSON.parse` and to JavaScript.
pub fn json_for_inline_script(json: &str) -> String {
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            c => safe.push(c),
        }
    }
    safe
}
