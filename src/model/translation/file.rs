//! Reading a translation (`02-fit.es.md`): its front matter, every key optional, and its body.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::load::MarkdownSource;
use crate::model::extra::Extra;
use crate::model::front_matter::{FileParts, FrontMatterKind, parse_front_matter_all, value_span};
use crate::model::parsed::Parsed;

/// What a translation's front matter may say: the lesson keys and a page's `instructor`, every
/// one optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TranslationFront {
    pub title: Option<String>,
    pub step: Option<u32>,
    pub chapter: Option<String>,
    pub duration: Option<String>,
    pub teaching: Option<u32>,
    pub exercises: Option<u32>,
    pub prerequisites: Option<Vec<String>>,
    pub summary: Option<String>,
    pub gear: Option<Vec<String>>,
    pub slug: Option<String>,
    pub draft: Option<bool>,
    pub instructor: Option<bool>,
    pub aliases: Option<Vec<String>>,
    pub extra: Option<Extra>,
}

/// A translated lesson or page, read.
pub(super) struct TranslationFile<'a> {
    pub source: &'a MarkdownSource,
    pub front: TranslationFront,
    pub parts: FileParts,
}

impl TranslationFile<'_> {
    pub fn file(&self) -> &str {
        &self.source.file.path
    }

    pub fn span(&self, key: &str) -> std::ops::Range<usize> {
        self.parts.value_span(key)
    }
}

/// Reads a translation; its front matter is optional. A translation whose values could be read
/// is kept beside its problems (a misspelt key read as the key it is closest to, an empty title),
/// so that its body's links and anchors are checked in the same run.
pub(super) fn parse_translation(source: &MarkdownSource) -> Parsed<TranslationFile<'_>> {
    let file = source.file.path.as_str();
    let parts = match &source.parts {
        Ok(parts) => parts,
        Err(unclosed) => return Parsed::failed(vec![unclosed.clone()]),
    };
    let Some(front_matter) = &parts.front_matter else {
        let translation = TranslationFile {
            source,
            front: TranslationFront::default(),
            parts: FileParts {
                body: parts.body.clone(),
                body_offset: parts.body_offset,
                front_matter: Default::default(),
                front_matter_offset: 0,
                file_digest: source.file.digest,
                mentions_outline: crate::model::front_matter::mentions_outline(&parts.body),
            },
        };
        return Parsed {
            value: Some(translation),
            problems: Vec::new(),
        };
    };
    let (front, mut problems) = if front_matter.yaml.trim().is_empty() {
        (Some(TranslationFront::default()), Vec::new())
    } else {
        parse_front_matter_all::<TranslationFront>(file, front_matter, FrontMatterKind::Translation)
    };
    let Some(front) = front else {
        return Parsed::failed(problems);
    };
    if front.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        let span = value_span(&front_matter.yaml, front_matter.offset, "title");
        problems.push(
            Diagnostic::error(file, span, "the title is empty")
                .with_help("translate the title, or leave `title:` out to keep the original one"),
        );
    }
    let translation = TranslationFile {
        source,
        front,
        parts: FileParts::new(parts, front_matter, source.file.digest),
    };
    Parsed {
        value: Some(translation),
        problems,
    }
}
