//! A guide's languages: the default one (`language` in guide.toml) and the others
//! (`[languages.<code>]`), each with its words, its folder in the site and its name for the
//! language switcher. Building the guide in another language is [`super::translation`]'s.

use serde::Serialize;

use super::config::{Config, key_span};
use crate::diagnostics::Diagnostic;
use crate::i18n::{Strings, builtin_table};
use crate::load::{CONFIG_FILE, LoadedGuide};

/// A guide's language and where its pages go.
#[derive(Debug, Clone, Default)]
pub struct GuideLanguage {
    /// The language tag (`en`, `es`).
    pub code: String,
    /// The folder of its pages in the site: `""` for the default language, `es/` for others.
    pub folder: String,
    /// Every language of the guide, the default one first.
    pub all: Vec<LanguageRef>,
}

impl GuideLanguage {
    /// How a page of this language reaches the site's root: `""`, or `../` from `es/`.
    pub fn root(&self) -> &'static str {
        if self.folder.is_empty() { "" } else { "../" }
    }
}

/// One language of a guide, for the language switcher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageRef {
    pub code: String,
    /// The language's name in itself (`Español`).
    pub name: String,
    /// Its folder in the site (`""` or `es/`).
    pub folder: String,
}

/// The languages of a guide as the switcher lists them, each named by its own table.
pub fn language_refs(config: &Config) -> Vec<LanguageRef> {
    config
        .language_codes()
        .map(|code| {
            let overrides = config
                .languages
                .get(code)
                .map_or(&config.string_overrides, |l| &l.string_overrides);
            // The name the guide gives, else the built-in table's, else the code itself.
            let given = overrides.get("language_name");
            let built_in = builtin_table(code).and_then(|t| t.entries.get("language_name"));
            let name = given.or(built_in).map_or_else(
                || code.to_string(),
                |entry| entry.texts().first().map_or(code, |t| *t).to_string(),
            );
            LanguageRef {
                code: code.to_string(),
                name,
                folder: folder_of(config, code),
            }
        })
        .collect()
}

/// The folder of a language's pages.
pub(super) fn folder_of(config: &Config, code: &str) -> String {
    if code == config.language {
        String::new()
    } else {
        format!("{code}/")
    }
}

/// The words of `code` in this guide: its table and the guide's overrides for it.
pub fn strings_for(config: &Config, code: &str) -> Strings {
    match config.languages.get(code) {
        Some(language) => Strings::new(code, &language.string_overrides),
        None => Strings::new(code, &config.string_overrides),
    }
}

/// The warning for a language with no built-in table: its theme words are English unless
/// `[strings]` gives them all.
pub(super) fn no_builtin_words(
    loaded: &LoadedGuide,
    language: &str,
    overridden: usize,
) -> Diagnostic {
    let total = crate::i18n::english().entries.len();
    let text = loaded.config.as_ref().map_or("", |c| &*c.text);
    let span = key_span(text, "language").unwrap_or(0..0);
    Diagnostic::warning(CONFIG_FILE, span, format!("guidebook has no built-in words for `{language}`"))
        .with_label(format!("{overridden} of {total} words given in [strings]"))
        .with_help(format!(
            "the theme's other words stay English: translate them under [strings] (keys in the manual's \"Theme words\" page), or use one of {}",
            crate::i18n::builtin_languages().collect::<Vec<_>>().join(", ")
        ))
}

/// The language a file at `content_path` is named like a translation into, when the guide does
/// not name it (`02-fit.it.md`, `_index.it.md`, `gear.it.yaml` with no `[languages.it]`; a CLDR
/// language, so that `notes.old.md` is not taken for one). Such a file is left out of the guide,
/// with a warning ([`stray_translations`]): read as a lesson of its own, it would clash with its
/// original's step and slug.
pub(super) fn stray_language<'a>(content_path: &'a str, config: &Config) -> Option<&'a str> {
    let name = content_path.rsplit('/').next().unwrap_or_default();
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".yaml"))?;
    let (_, code) = stem.rsplit_once('.')?;
    let named = config.language_codes().any(|known| known == code);
    (!named && crate::i18n::is_known_language(code)).then_some(code)
}

/// A warning for each file named like a translation into a language the guide does not name
/// (see [`stray_language`]).
pub(super) fn stray_translations(loaded: &LoadedGuide, config: &Config) -> Vec<Diagnostic> {
    let markdown = (loaded
        .lessons
        .iter()
        .chain(&loaded.pages)
        .chain(&loaded.intro_translations))
    .map(|source| &source.file);
    let files = markdown.chain(&loaded.gear_translations);
    files
        .filter_map(|file| {
            let code = stray_language(&file.content_path, config)?;
            let name = file.content_path.rsplit('/').next().unwrap_or_default();
            Some(
                Diagnostic::warning(&file.path, 0..0, format!("`{name}` is named like a translation into `{code}`, which is not a language of this guide"))
                    .with_label("left out of the guide")
                    .with_help(format!("add `[languages.{code}]` to guide.toml to publish it in `{code}/`, or rename the file")),
            )
        })
        .collect()
}
