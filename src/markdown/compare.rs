//! ```` ```compare ```` blocks: a YAML body (`category`, optional `items` and `columns`) placing a
//! gear comparison table in a lesson, and the table's HTML (also used by the gear page).
//!
//! How a verdict looks ([`verdict_style`]: word, symbol, CSS class) is decided here too, since
//! the tables are where verdicts are drawn; the renderer takes the word and symbol from here for
//! the lesson and print pages. The model only says which verdict an item has.

use std::fmt::Write as _;

use std::ops::Range;

use pulldown_cmark_escape::escape_html;
use serde::Deserialize;

use super::yaml_blocks::{YamlBlock, replace_blocks};
use super::{Found, MarkdownInput, Spanned};
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::model::gear::{CatalogState, GearCatalog, GearCategory, GearItem, Verdict};
use crate::model::locate;
use crate::model::yaml::{SerdeMessage, parse_yaml};

/// What a compare block asks for.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CompareSpec {
    pub category: String,
    #[serde(default)]
    pub items: Option<Vec<String>>,
    #[serde(default)]
    pub columns: Option<Vec<String>>,
}

/// Replaces each ```` ```compare ```` block with its table (or records why it cannot be drawn).
pub fn run<'a>(
    events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    replace_blocks(events, input, found, "compare", |block, found| {
        render_compare(block, input.gear, input.strings)
            .map_err(|errors| found.problems.extend(errors))
            .ok()
    })
}

/// Renders a compare block as a table, or explains what is wrong with it.
pub fn render_compare(
    block: &YamlBlock<'_>,
    gear: &GearCatalog,
    strings: &Strings,
) -> Result<String, Vec<Diagnostic>> {
    let at = |span: Option<Range<usize>>| block.span(span);
    let yaml = block.yaml.as_str();
    let spec: CompareSpec = parse_yaml(yaml).map_err(|error| {
        let span = if yaml.trim().is_empty() {
            block.fence.clone()
        } else {
            block.at(error.offset)
        };
        let diagnostic = Diagnostic::error(
            block.file,
            span,
            format!("compare block: {}", error.message),
        );
        let diagnostic = match SerdeMessage::read(&error.message) {
            SerdeMessage::UnknownField(key) => {
                diagnostic.with_suggestion(key, ["category", "items", "columns"])
            }
            _ => diagnostic,
        };
        vec![diagnostic.or_help(
            "write `category: <id>`, optionally with `items: [a, b]` and `columns: [key, ...]`",
        )]
    })?;
    let Some(category) = gear.category(&spec.category) else {
        if gear.may_lack() {
            // gear.yaml's own errors say why the category is not there.
            return Err(Vec::new());
        }
        let diagnostic = Diagnostic::error(
            block.file,
            at(locate::value_span(yaml, "category")),
            format!("the gear catalogue has no category `{}`", spec.category),
        );
        let ids = gear.categories.iter().map(|c| c.id.as_str());
        let help = if gear.state == CatalogState::Absent {
            "the guide has no content/gear.yaml; add one with this category".to_string()
        } else if gear.is_empty() {
            "content/gear.yaml has no categories yet; add this one".to_string()
        } else {
            format!(
                "categories: {}",
                gear.categories
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        return Err(vec![
            diagnostic
                .with_suggestion(&spec.category, ids)
                .or_help(help),
        ]);
    };
    let mut problems = Vec::new();
    let items: Vec<&GearItem> = match &spec.items {
        None => category.items.iter().collect(),
        Some(ids) => ids
            .iter()
            .filter_map(|id| {
                let found = category.items.iter().find(|item| &item.id == id);
                if found.is_none() && !gear.may_lack() {
                    problems.push(
                        Diagnostic::error(
                            block.file,
                            at(locate::item_span(yaml, "items", id)),
                            format!("`{}` has no item `{id}`", category.id),
                        )
                        .with_suggestion(id, category.items.iter().map(|i| i.id.as_str()))
                        .or_help(format!(
                            "items of `{}`: {}",
                            category.id,
                            item_ids(category)
                        )),
                    );
                }
                found
            })
            .collect(),
    };
    let columns: Vec<usize> = match &spec.columns {
        None => (0..category.attributes.len()).collect(),
        Some(keys) => keys
            .iter()
            .filter_map(|key| {
                let found = category.attributes.iter().position(|a| &a.key == key);
                if found.is_none() {
                    let keys = category.attributes.iter().map(|a| a.key.as_str());
                    problems.push(
                        Diagnostic::error(
                            block.file,
                            at(locate::item_span(yaml, "columns", key)),
                            format!("`{}` has no column `{key}`", category.id),
                        )
                        .with_suggestion(key, keys.clone())
                        .or_help(format!(
                            "columns of `{}`: {}",
                            category.id,
                            keys.collect::<Vec<_>>().join(", ")
                        )),
                    );
                }
                found
            })
            .collect(),
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(comparison_table(
        category,
        &items,
        &columns,
        TableAnchors::None,
        strings,
    ))
}

fn item_ids(category: &GearCategory) -> String {
    category
        .items
        .iter()
        .map(|i| i.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether table rows carry `id="gear-<item>"` anchors (only on the gear page, where each item
/// appears once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableAnchors {
    None,
    Rows,
}

/// How a verdict is shown to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictStyle {
    /// The key of the word shown to readers (in the guide's language).
    pub label: &'static str,
    /// A symbol shown beside the word, so the verdict never depends on colour alone.
    pub symbol: &'static str,
    /// The suffix of the `verdict-*` class that colours a table row.
    pub css_class: &'static str,
}

/// The word, symbol and CSS class of `verdict`.
pub fn verdict_style(verdict: Verdict) -> VerdictStyle {
    match verdict {
        Verdict::Recommended => VerdictStyle {
            label: "verdict_recommended",
            symbol: "✓",
            css_class: "recommended",
        },
        Verdict::Acceptable => VerdictStyle {
            label: "verdict_acceptable",
            symbol: "~",
            css_class: "acceptable",
        },
        Verdict::Avoid => VerdictStyle {
            label: "verdict_avoid",
            symbol: "✗",
            css_class: "avoid",
        },
    }
}

/// The HTML of a comparison table. Verdicts are shown as a symbol and a word, not by colour alone.
/// Each item is a `<tbody>` of two rows: its values with the verdict's badge, then the verdict's
/// reason as a line across the whole table (the theme keeps the two together, and makes the
/// group one card on a phone).
pub fn comparison_table(
    category: &GearCategory,
    items: &[&GearItem],
    columns: &[usize],
    anchors: TableAnchors,
    strings: &Strings,
) -> String {
    let mut html = String::with_capacity(512 + items.len() * 320);
    html.push_str("<div class=\"compare\" role=\"region\" tabindex=\"0\" aria-label=\"");
    let _ = escape_html(
        &mut html,
        &strings.fill("compared", &[("category", &category.title)]),
    );
    html.push_str("\">\n<table class=\"compare-table\">\n<caption>");
    let _ = escape_html(&mut html, &category.title);
    html.push_str("</caption>\n<thead><tr><th scope=\"col\">");
    let _ = escape_html(&mut html, strings.get("compare_option"));
    html.push_str("</th>");
    for &column in columns {
        html.push_str("<th scope=\"col\">");
        let _ = escape_html(&mut html, &category.attributes[column].label);
        html.push_str("</th>");
    }
    html.push_str("<th scope=\"col\">");
    let _ = escape_html(&mut html, strings.get("compare_verdict"));
    html.push_str("</th></tr></thead>\n");
    for item in items {
        let style = verdict_style(item.verdict);
        html.push_str("<tbody class=\"compare-item\"><tr class=\"verdict-");
        html.push_str(style.css_class);
        html.push('"');
        if anchors == TableAnchors::Rows {
            html.push_str(" id=\"gear-");
            let _ = escape_html(&mut html, &item.id);
            html.push('"');
        }
        html.push_str("><th scope=\"row\">");
        let _ = escape_html(&mut html, &item.name);
        html.push_str("</th>");
        for &column in columns {
            html.push_str("<td data-label=\"");
            let _ = escape_html(&mut html, &category.attributes[column].label);
            html.push_str("\">");
            let value = item.values.get(column).map_or("", String::as_str);
            let _ = escape_html(&mut html, if value.is_empty() { "—" } else { value });
            html.push_str("</td>");
        }
        html.push_str("<td class=\"verdict\" data-label=\"");
        let _ = escape_html(&mut html, strings.get("compare_verdict"));
        html.push_str("\"><strong class=\"verdict-badge\">");
        html.push_str("<span aria-hidden=\"true\">");
        html.push_str(style.symbol);
        html.push_str("</span> ");
        let _ = escape_html(&mut html, strings.get(style.label));
        html.push_str("</strong></td></tr>\n<tr class=\"compare-reason verdict-");
        html.push_str(style.css_class);
        let _ = write!(
            html,
            "\"><td colspan=\"{}\"><span class=\"reason\">",
            columns.len() + 2
        );
        let _ = escape_html(&mut html, &item.reason);
        html.push_str("</span></td></tr></tbody>\n");
    }
    html.push_str("</table>\n</div>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_classes_match_the_verdict_names_templates_see() {
        // Templates write `verdict-{{ g.verdict }}` from the serialized verdict; tables must
        // colour rows with the same class.
        for verdict in [Verdict::Recommended, Verdict::Acceptable, Verdict::Avoid] {
            let serialized = serde_json::to_string(&verdict).unwrap();
            assert_eq!(
                serialized.trim_matches('"'),
                verdict_style(verdict).css_class
            );
        }
    }
}
