//! `[strings]` in guide.toml (and `[languages.<code>.strings]`): a guide's own words for any
//! entry of the theme's table, checked against the English table, which lists every key.
//!
//! An unknown key is an error with the closest key suggested; a value must be a string, or a
//! table of plural forms (CLDR category names, `other` required) for an entry that has them; a
//! placeholder the entry does not have (`{stpe}`) is an error naming the ones it has.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{CATEGORIES, Entry, allowed_placeholders, english, placeholders};
use crate::diagnostics::Diagnostic;

/// Checks the overrides of `table` (the TOML table found under `section`, e.g. `strings` or
/// `languages.es.strings`) in `file`, whose text is `text`. Returns the good ones and a
/// diagnostic for each bad one.
pub fn read_overrides(
    file: &str,
    text: &str,
    section: &str,
    table: &toml::Table,
) -> (BTreeMap<String, Entry>, Vec<Diagnostic>) {
    let known = &english().entries;
    let mut good = BTreeMap::new();
    let mut problems = Vec::new();
    let header = format!("[{section}]");
    for (key, value) in table {
        let span = section_key_span(text, section, key);
        let Some(english_entry) = known.get(key) else {
            problems.push(
                Diagnostic::error(file, span, format!("unknown key `{key}` in {header}"))
                    .with_label("not a string of the theme")
                    .with_suggestion(key, known.keys().map(String::as_str))
                    .or_help("the keys are listed in the manual's \"Theme words\" page"),
            );
            continue;
        };
        let allowed = allowed_placeholders(key);
        let entry = match (value, english_entry) {
            (toml::Value::String(text), _) => Entry::Text(text.clone()),
            (toml::Value::Table(forms), Entry::Plural(_)) => {
                match plural_forms(file, span.clone(), key, forms) {
                    Ok(forms) => Entry::Plural(forms),
                    Err(problem) => {
                        problems.push(problem);
                        continue;
                    }
                }
            }
            (toml::Value::Table(_), Entry::Text(_)) => {
                problems.push(
                    Diagnostic::error(file, span, format!("`{key}` has no plural forms"))
                        .with_label("expected a string")
                        .with_help(format!("write it as a string, e.g. `{key} = \"...\"`")),
                );
                continue;
            }
            (other, _) => {
                problems.push(
                    Diagnostic::error(
                        file,
                        span,
                        format!("`{key}` must be a string, not {}", other.type_str()),
                    )
                    .with_label("expected a string")
                    .with_help(format!("write it in quotes, e.g. `{key} = \"...\"`")),
                );
                continue;
            }
        };
        let unknown: Vec<&str> = (entry.texts().into_iter())
            .flat_map(placeholders)
            .filter(|name| !allowed.contains(name) && *name != "count")
            .collect();
        if let Some(name) = unknown.first() {
            let have = if allowed.is_empty() {
                "it has none".to_string()
            } else {
                let names: Vec<String> = allowed.iter().map(|n| format!("{{{n}}}")).collect();
                format!("it has {}", names.join(", "))
            };
            problems.push(
                Diagnostic::error(
                    file,
                    span,
                    format!("`{key}` has no placeholder `{{{name}}}`"),
                )
                .with_label("unknown placeholder")
                .with_help(have),
            );
            continue;
        }
        good.insert(key.clone(), entry);
    }
    (good, problems)
}

/// A table of plural forms: known category names, strings, `other` among them.
fn plural_forms(
    file: &str,
    span: Range<usize>,
    key: &str,
    forms: &toml::Table,
) -> Result<BTreeMap<String, String>, Diagnostic> {
    let mut read = BTreeMap::new();
    for (category, text) in forms {
        if !CATEGORIES.contains(&category.as_str()) {
            return Err(Diagnostic::error(
                file,
                span,
                format!("`{category}` is not a plural category"),
            )
            .with_label("unknown plural form")
            .with_suggestion(category, CATEGORIES)
            .or_help("the forms are zero, one, two, few, many and other"));
        }
        let Some(text) = text.as_str() else {
            return Err(Diagnostic::error(
                file,
                span,
                format!("the `{category}` form of `{key}` must be a string"),
            ));
        };
        read.insert(category.clone(), text.to_string());
    }
    if !read.contains_key("other") {
        return Err(
            Diagnostic::error(file, span, format!("`{key}` has no `other` form"))
                .with_label("`other` missing")
                .with_help(format!(
                    "every plural entry needs `other`, e.g. `{key} = {{ one = \"...\", other = \"...\" }}`"
                )),
        );
    }
    Ok(read)
}

/// Where `key` is assigned inside the table `[section]` of a TOML file (or the table's header,
/// or the file's start).
pub fn section_key_span(text: &str, section: &str, key: &str) -> Range<usize> {
    let header = format!("[{section}]");
    let mut offset = 0;
    let mut inside = false;
    let mut header_span = 0..0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let start = offset + (line.len() - trimmed.len());
        if trimmed.starts_with('[') {
            inside = trimmed.trim_end().starts_with(&header);
            if inside {
                header_span = start..start + header.len();
            }
        } else if inside {
            let bare = trimmed.strip_prefix('"').unwrap_or(trimmed);
            if let Some(rest) = bare.strip_prefix(key) {
                let rest = rest.strip_prefix('"').unwrap_or(rest);
                if rest.trim_start().starts_with('=') {
                    let key_start = start + (trimmed.len() - bare.len());
                    return key_start..key_start + key.len();
                }
            }
        }
        offset += line.len();
    }
    header_span
}
