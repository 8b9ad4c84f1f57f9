//! A translated catalogue (`gear.<code>.yaml`) against the original: the same categories,
//! columns, items and verdicts in the same order, only the words changed.

use super::GearCatalog;
use crate::diagnostics::Diagnostic;
use crate::load::{GEAR_FILE, SourceFile};

impl GearCatalog {
    /// The first way this catalogue, read from `source`, differs from `original` in anything
    /// but its words, as an error.
    pub fn differences_from(
        &self,
        original: &GearCatalog,
        source: &SourceFile,
    ) -> Option<Diagnostic> {
        let (want, have) = (original.shape(), self.shape());
        if want == have {
            return None;
        }
        let first = (want.iter().zip(&have))
            .position(|(a, b)| a != b)
            .unwrap_or(want.len().min(have.len()));
        let message = match (want.get(first), have.get(first)) {
            (Some(want), Some(have)) => format!("{have} where {GEAR_FILE} has {want}"),
            (Some(want), None) => format!("{want} of {GEAR_FILE} is missing"),
            (None, Some(have)) => format!("{have} is not in {GEAR_FILE}"),
            (None, None) => "the catalogue differs from the original".to_string(),
        };
        Some(
            Diagnostic::error(&source.path, 0..0, message)
                .with_help(format!("a translated catalogue keeps {GEAR_FILE}'s ids, columns and verdicts in the same order; translate only names, labels, values and reasons")),
        )
    }

    /// What a translation must keep: every category, column and item (with its verdict), in
    /// order, as words for a message.
    fn shape(&self) -> Vec<String> {
        let mut shape = Vec::new();
        for category in &self.categories {
            shape.push(format!("category `{}`", category.id));
            for attribute in &category.attributes {
                shape.push(format!("column `{}` of `{}`", attribute.key, category.id));
            }
            for item in &category.items {
                shape.push(format!(
                    "item `{}` ({:?}) of `{}`",
                    item.id, item.verdict, category.id
                ));
            }
        }
        shape
    }
}
