//! A Workbench lesson's `config.yaml`, and the `guide.toml` made from it: `title`, `lang` as
//! `language`, an absolute `url` as `base_url`, the carpentry as `author`; everything else the
//! lesson says about itself (contact, licence, source, keywords ...) under `[extra]`, where the
//! author's templates can still use it. The order of `episodes`, `learners`, `instructors` and
//! `profiles` is kept for the pages.

use serde_json::Value;

use super::super::edits::line_of;
use super::super::plan::Plan;
use crate::model::yaml::parse_yaml;
use crate::scaffold::front_matter::{GuideToml, toml_string, toml_value};

/// The file that makes a folder a Workbench lesson.
pub const CONFIG: &str = "config.yaml";

/// What `config.yaml` says.
#[derive(Debug, Default)]
pub struct LessonConfig {
    pub title: Option<String>,
    pub lang: Option<String>,
    pub url: Option<String>,
    pub carpentry: Option<String>,
    pub carpentry_description: Option<String>,
    /// The file names listed under each of the four folders' keys (`None`: not listed, the
    /// folder's order is used).
    pub episodes: Option<Vec<String>>,
    pub learners: Option<Vec<String>>,
    pub instructors: Option<Vec<String>>,
    pub profiles: Option<Vec<String>>,
    /// Every other key, for `[extra]`.
    pub other: Vec<(String, Value)>,
}

/// The keys read into their own places.
const READ: [&str; 10] = [
    "title",
    "lang",
    "url",
    "carpentry",
    "carpentry_description",
    "episodes",
    "learners",
    "instructors",
    "profiles",
    "schedule",
];

/// Reads `config.yaml`'s text. A file that is not YAML is a note, and the lesson is imported
/// with what its folders hold.
pub fn read_config(text: &str, plan: &mut Plan) -> LessonConfig {
    let table: Value = match parse_yaml(text) {
        Ok(Value::Null) => return LessonConfig::default(),
        Ok(value @ Value::Object(_)) => value,
        Ok(_) => {
            plan.note(CONFIG, 1, "not a mapping of keys: ignored");
            return LessonConfig::default();
        }
        Err(error) => {
            let line = line_of(text, error.offset);
            plan.note(
                CONFIG,
                line,
                format!(
                    "{}: ignored; the episodes are imported in their folder's order",
                    error.message
                ),
            );
            return LessonConfig::default();
        }
    };
    let text_of = |key: &str| match table.get(key) {
        Some(Value::String(text)) if !text.trim().is_empty() => Some(text.trim().to_string()),
        _ => None,
    };
    let list_of = |key: &str| match table.get(key) {
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_string))
                .collect(),
        ),
        _ => None,
    };
    LessonConfig {
        title: text_of("title"),
        lang: text_of("lang"),
        url: text_of("url"),
        carpentry: text_of("carpentry"),
        carpentry_description: text_of("carpentry_description"),
        // Lessons from before the Workbench's first release called the list `schedule`.
        episodes: list_of("episodes").or_else(|| list_of("schedule")),
        learners: list_of("learners"),
        instructors: list_of("instructors"),
        profiles: list_of("profiles"),
        other: match &table {
            Value::Object(entries) => entries
                .iter()
                .filter(|(key, value)| !READ.contains(&key.as_str()) && !value.is_null())
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// The organisation a `carpentry` code names, as the Workbench shows it.
fn carpentry_name(code: &str) -> Option<&'static str> {
    match code {
        "swc" => Some("Software Carpentry"),
        "dc" => Some("Data Carpentry"),
        "lc" => Some("Library Carpentry"),
        "cp" => Some("The Carpentries"),
        "incubator" => Some("The Carpentries Incubator"),
        "lab" => Some("The Carpentries Lab"),
        _ => None,
    }
}

/// The new guide's `guide.toml`. `fallback_title` is used when `config.yaml` has none.
pub fn guide_toml(config: &LessonConfig, fallback_title: &str) -> String {
    let mut toml_text = GuideToml::new();
    toml_text.comment("Imported from a Carpentries Workbench lesson by `guidebook import`.");
    toml_text.string("title", config.title.as_deref().unwrap_or(fallback_title));
    let author = (config.carpentry_description.as_deref())
        .or_else(|| config.carpentry.as_deref().and_then(carpentry_name));
    if let Some(author) = author {
        toml_text.string("author", author);
    }
    toml_text.string("language", config.lang.as_deref().unwrap_or("en"));
    match config.url.as_deref() {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            toml_text.string_with_comment(
                "base_url",
                url,
                "the lesson's published address: canonical links and a sitemap",
            );
        }
        _ => {
            toml_text.string("base_url", "/");
        }
    }
    let extra: Vec<(String, String)> = (config.other.iter())
        .filter_map(|(key, value)| toml_value(value).map(|value| (key.clone(), value)))
        .collect();
    let carpentry =
        (config.carpentry.as_ref()).map(|code| ("carpentry".to_string(), toml_string(code)));
    if !extra.is_empty() || carpentry.is_some() {
        toml_text.table("extra");
        toml_text.comment("What config.yaml says that guide.toml has no key for.");
        for (key, value) in carpentry.into_iter().chain(extra) {
            toml_text.raw(&key, &value);
        }
    }
    toml_text.finish()
}
