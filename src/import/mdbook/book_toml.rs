//! An mdBook's `book.toml`, and the `guide.toml` made from it: `[book]`'s title, description,
//! authors and language; `[output.html.code.hidelines]` as `[code.hidelines]`; a `cname` as an
//! absolute `base_url`; the repository's address under `[extra]`. `[output.html.redirect]`
//! becomes aliases of the pages (see the chapters). What has no counterpart (another renderer,
//! a preprocessor guidebook does not run, MathJax, extra CSS) is a note at its line.

use crate::import::ImportError;
use crate::import::plan::Plan;
use crate::scaffold::front_matter::GuideToml;

/// The file that makes a folder an mdBook.
pub const BOOK_TOML: &str = "book.toml";

/// What `book.toml` says.
#[derive(Debug, Default)]
pub struct BookConfig {
    pub title: Option<String>,
    pub description: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    /// `[book] src`, the folder of the chapters (`src` when not given).
    pub src: String,
    /// `[output.html.code.hidelines]`: language -> prefix.
    pub hidelines: Vec<(String, String)>,
    /// `[output.html.redirect]`: old address (from the site's root) -> where it leads.
    pub redirects: Vec<(String, String)>,
    /// `[output.html] cname` and `site-url`, for an absolute base URL.
    pub cname: Option<String>,
    pub site_url: Option<String>,
    pub repository: Option<String>,
    pub edit_url_template: Option<String>,
    /// The book runs preprocessors besides mdBook's own and mdbook-course.
    pub custom_preprocessors: bool,
}

/// Preprocessors whose work the import does: mdBook's own two, and mdbook-course.
const KNOWN_PREPROCESSORS: [&str; 3] = ["links", "index", "course"];

/// `[output.html]` keys with nothing to convert and nothing lost: guidebook does the same by
/// itself, or the key only tunes mdBook's own pages.
const QUIET_HTML_KEYS: [&str; 16] = [
    "site-url",
    "cname",
    "git-repository-url",
    "git-repository-icon",
    "edit-url-template",
    "smart-punctuation",
    "curly-quotes",
    "hash-files",
    "default-theme",
    "preferred-dark-theme",
    "copy-fonts",
    "live-reload-endpoint",
    "no-section-label",
    "sidebar-header-nav",
    "code",
    "redirect",
];

/// Reads `book.toml`'s text. Not being TOML stops the import, as it stops mdBook.
pub fn read_book_toml(text: &str, plan: &mut Plan) -> Result<BookConfig, ImportError> {
    let table: toml::Table = text.parse().map_err(|error: toml::de::Error| {
        let line = error
            .span()
            .map_or(1, |span| crate::import::edits::line_of(text, span.start));
        ImportError::Unreadable {
            file: BOOK_TOML.to_string(),
            line,
            message: error.message().to_string(),
        }
    })?;
    let book = table.get("book").and_then(toml::Value::as_table);
    let text_in = |table: Option<&toml::Table>, key: &str| {
        table
            .and_then(|t| t.get(key))
            .and_then(toml::Value::as_str)
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty())
    };
    let html = table
        .get("output")
        .and_then(|o| o.get("html"))
        .and_then(toml::Value::as_table);
    let string_pairs = |value: Option<&toml::Value>| -> Vec<(String, String)> {
        value
            .and_then(toml::Value::as_table)
            .map(|t| {
                t.iter()
                    .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut config = BookConfig {
        title: text_in(book, "title"),
        description: text_in(book, "description"),
        authors: book
            .and_then(|b| b.get("authors"))
            .and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        language: text_in(book, "language"),
        src: text_in(book, "src").unwrap_or_else(|| "src".to_string()),
        hidelines: string_pairs(
            html.and_then(|h| h.get("code"))
                .and_then(|c| c.get("hidelines")),
        ),
        redirects: string_pairs(html.and_then(|h| h.get("redirect"))),
        cname: text_in(html, "cname"),
        site_url: text_in(html, "site-url"),
        repository: text_in(html, "git-repository-url"),
        edit_url_template: text_in(html, "edit-url-template"),
        custom_preprocessors: false,
    };
    note_what_is_not_converted(text, &table, &mut config, plan);
    Ok(config)
}

/// A note for each renderer, preprocessor and HTML setting that has no counterpart.
fn note_what_is_not_converted(
    text: &str,
    table: &toml::Table,
    config: &mut BookConfig,
    plan: &mut Plan,
) {
    if let Some(preprocessors) = table.get("preprocessor").and_then(toml::Value::as_table) {
        for name in preprocessors.keys() {
            if KNOWN_PREPROCESSORS.contains(&name.as_str()) {
                continue;
            }
            config.custom_preprocessors = true;
            plan.note(
                BOOK_TOML,
                header_line(text, &format!("preprocessor.{name}")),
                format!(
                    "the preprocessor `{name}` is not run: what it adds to the chapters is not in the guide"
                ),
            );
        }
    }
    let Some(outputs) = table.get("output").and_then(toml::Value::as_table) else {
        return;
    };
    for (name, output) in outputs {
        if name != "html" {
            plan.note(
                BOOK_TOML,
                header_line(text, &format!("output.{name}")),
                format!("the `{name}` renderer has no counterpart in guidebook"),
            );
            continue;
        }
        let Some(html) = output.as_table() else {
            continue;
        };
        for key in html
            .keys()
            .filter(|k| !QUIET_HTML_KEYS.contains(&k.as_str()))
        {
            let why = match key.as_str() {
                "mathjax-support" => {
                    "MathJax is not converted: guidebook reads math between `$` signs, not `\\\\( \\\\)`"
                }
                "additional-css" | "additional-js" | "theme" => {
                    "the book's own theme files are not used: put styles and scripts in a guidebook theme (themes/default/)"
                }
                "playground" => "code blocks are not runnable or editable on guidebook's pages",
                "search" => "guidebook's search has settings of its own",
                "print" => "guidebook always makes a print edition (print.html)",
                "fold" => "guidebook's sidebar does not fold chapters",
                "input-404" => "guidebook makes its own 404 page",
                _ => "has no counterpart in guidebook",
            };
            let line = header_line(text, &format!("output.html.{key}")).max(key_line(
                text,
                "output.html",
                key,
            ));
            plan.note(BOOK_TOML, line, format!("`{key}`: {why}"));
        }
    }
}

/// The line of the `[name]` header in `text` (0 when it has none, e.g. a dotted key).
fn header_line(text: &str, name: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim();
            line.strip_prefix('[')
                .and_then(|l| l.strip_suffix(']'))
                .is_some_and(|inside| inside.trim().replace('"', "") == name)
        })
        .map_or(0, |i| i + 1)
}

/// The line where `key` is written inside the `[table]` header (0 when not found).
fn key_line(text: &str, table: &str, key: &str) -> usize {
    let start = header_line(text, table);
    if start == 0 {
        return 0;
    }
    text.lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, line)| !line.trim_start().starts_with('['))
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(['=', '.']))
        })
        .map_or(0, |(i, _)| i + 1)
}

/// The new guide's `guide.toml`. `fallback_title` is used when `book.toml` has none.
pub fn guide_toml(config: &BookConfig, fallback_title: &str) -> String {
    let mut toml_text = GuideToml::new();
    toml_text.comment("Imported from an mdBook by `guidebook import`.");
    toml_text.string("title", config.title.as_deref().unwrap_or(fallback_title));
    if !config.authors.is_empty() {
        toml_text.string("author", &config.authors.join(", "));
    }
    if let Some(description) = &config.description {
        toml_text.string("description", description);
    }
    toml_text.string("language", config.language.as_deref().unwrap_or("en"));
    match &config.cname {
        Some(cname) => {
            let path = config.site_url.as_deref().unwrap_or("/");
            let path = if path.starts_with('/') {
                path.to_string()
            } else {
                format!("/{path}")
            };
            toml_text.string_with_comment(
                "base_url",
                &format!("https://{cname}{path}"),
                "from book.toml's cname: canonical links and a sitemap",
            );
        }
        None => {
            toml_text.string("base_url", "/");
        }
    }
    if !config.hidelines.is_empty() {
        toml_text.table("code.hidelines");
        toml_text.comment("Lines of code blocks hidden until the reader shows them, by prefix.");
        for (language, prefix) in &config.hidelines {
            toml_text.string(language, prefix);
        }
    }
    let extra: Vec<(&str, &String)> = [
        ("repository", &config.repository),
        ("edit_url_template", &config.edit_url_template),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.as_ref().map(|value| (key, value)))
    .collect();
    if !extra.is_empty() {
        toml_text.table("extra");
        for (key, value) in extra {
            toml_text.string(key, value);
        }
    }
    toml_text.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = "[book]\ntitle = \"Guide\"\nauthors = [\"A\", \"B\"]\nlanguage = \"fr\"\nsrc = \"content\"\n\n[output.html]\nmathjax-support = true\ncname = \"docs.example.org\"\nsite-url = \"/book/\"\n\n[output.html.code.hidelines]\npython = \"~\"\n\n[output.html.redirect]\n\"/format/config.html\" = \"configuration/index.html\"\n\n[output.html.search]\nlimit-results = 20\n\n[output.linkcheck]\n\n[preprocessor.course]\n[preprocessor.mermaid]\ncommand = \"mdbook-mermaid\"\n";

    #[test]
    fn book_toml_is_read_and_what_does_not_convert_is_noted_at_its_line() {
        let mut plan = Plan::default();
        let config = read_book_toml(BOOK, &mut plan).unwrap();
        assert_eq!(config.src, "content");
        assert_eq!(config.authors, ["A", "B"]);
        assert_eq!(config.hidelines, [("python".to_string(), "~".to_string())]);
        assert_eq!(
            config.redirects,
            [(
                "/format/config.html".to_string(),
                "configuration/index.html".to_string()
            )]
        );
        assert!(config.custom_preprocessors);
        let mut notes: Vec<(usize, &str)> = plan
            .notes
            .iter()
            .map(|n| (n.line, n.message.split(':').next().unwrap_or("")))
            .collect();
        notes.sort();
        assert_eq!(
            notes,
            [
                (8, "`mathjax-support`"),
                (18, "`search`"),
                (
                    21,
                    "the `linkcheck` renderer has no counterpart in guidebook"
                ),
                (24, "the preprocessor `mermaid` is not run"),
            ]
        );
    }

    #[test]
    fn guide_toml_has_the_books_words_and_its_hidden_lines() {
        let mut plan = Plan::default();
        let config = read_book_toml(BOOK, &mut plan).unwrap();
        let table: toml::Table = guide_toml(&config, "x").parse().unwrap();
        assert_eq!(table["title"].as_str(), Some("Guide"));
        assert_eq!(table["author"].as_str(), Some("A, B"));
        assert_eq!(table["language"].as_str(), Some("fr"));
        assert_eq!(
            table["base_url"].as_str(),
            Some("https://docs.example.org/book/")
        );
        assert_eq!(table["code"]["hidelines"]["python"].as_str(), Some("~"));
    }

    #[test]
    fn a_book_toml_that_is_not_toml_stops_the_import_at_its_line() {
        let mut plan = Plan::default();
        let error = read_book_toml("[book]\ntitle = \n", &mut plan).unwrap_err();
        assert!(
            matches!(error, ImportError::Unreadable { line: 2, .. }),
            "{error:?}"
        );
    }
}
